//! Page text built from glyphs: read in the order a reader sees them, spaces from gaps, newlines from baseline changes, a map from every byte back to its glyph, and hyphenation joins.
//!
//! Glyphs are read as they are seen, not as they are drawn: glyphs on one baseline that sit
//! next to each other form one line, read left to right along the writing direction, however
//! the content stream ordered them (letters positioned one by one in any order, a `TJ` drawn
//! right to left, a surname drawn before the first name to its left). Lines keep the order in
//! which the stream started them, so columns and tables read as before. A glyph drawn on top of
//! a different letter of a line belongs to a second layer of text (an invisible OCR layer over
//! the real glyphs, a shadow) and reads as a line of its own, never interleaved letter by
//! letter with the first. The stream order is still available as a second view
//! ([`build_page_text_stream_order`]).
//!
//! Two strings come out of one pass:
//! - `text`, line-faithful, for people and for comparing with other extractors;
//! - `search`, for detection: a word broken at a line end with a hyphen is joined
//!   (`Mess-` + `aoudi` -> `Messaoudi`; `Wezelbeek-` + `Hazenoot` -> `Wezelbeek-Hazenoot`)
//!   and soft hyphens are dropped, so a name split over two lines is found whole.

use crate::pdf::Glyph;
use serde::Serialize;
use std::borrow::Cow;

/// Marks a byte that no glyph drew (an inserted space or newline).
pub const NO_GLYPH: u32 = u32::MAX;

/// The text of one page with its glyph map.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageText {
    /// Line-faithful text; lines end with `\n`.
    pub text: String,
    /// For each byte of `text`, the index of the glyph that drew it, or [`NO_GLYPH`].
    #[serde(skip)]
    pub text_glyph: Vec<u32>,
    /// Text for detection (hyphenation joined, soft hyphens dropped).
    pub search: String,
    /// For each byte of `search`, the glyph index, or [`NO_GLYPH`].
    #[serde(skip)]
    pub search_glyph: Vec<u32>,
    /// Byte offsets in `search` where a line-end hyphenation was joined.
    pub hyphen_joins: Vec<usize>,
    /// Glyph index ranges (first, last, inclusive) shown as one /ActualText replacement: the text
    /// bytes of such a span all point at its first glyph, and a finding that touches it takes the
    /// whole range.
    pub actual_spans: Vec<(u32, u32)>,
}

impl PageText {
    /// The glyph indices that drew `search[start..end]`, sorted, without duplicates; a byte in
    /// an /ActualText span stands for all glyphs of the span.
    pub fn glyphs_in_search(&self, start: usize, end: usize) -> Vec<usize> {
        self.glyphs_of(self.search_glyph.get(start..end).unwrap_or(&[]))
    }

    /// The glyph indices that drew `text[start..end]` (as [`PageText::glyphs_in_search`]).
    pub fn glyphs_in_text(&self, start: usize, end: usize) -> Vec<usize> {
        self.glyphs_of(self.text_glyph.get(start..end).unwrap_or(&[]))
    }

    fn glyphs_of(&self, map: &[u32]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for &g in map {
            if g != NO_GLYPH && out.last() != Some(&(g as usize)) {
                out.push(g as usize);
                if let Some(&(first, last)) = self.actual_spans.iter().find(|(f, _)| *f == g) {
                    out.extend((first + 1..=last).map(|x| x as usize));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

struct Builder {
    text: String,
    map: Vec<u32>,
}

impl Builder {
    fn push(&mut self, s: &str, glyph: u32) {
        self.text.push_str(s);
        self.map.extend(std::iter::repeat_n(glyph, s.len()));
    }
    fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }
}

fn sub(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 - b.0, a.1 - b.1)
}

/// Builds the page text from glyphs in reading order (see the module documentation).
pub fn build_page_text(glyphs: &[Glyph]) -> PageText {
    build_page_text_with(glyphs, &[])
}

/// Builds the page text in reading order; glyphs inside a marked-content span with /ActualText
/// show that text instead (`actual_texts[i]` is the text of span `i`, as in
/// `PageContent::actual_texts`).
pub fn build_page_text_with(glyphs: &[Glyph], actual_texts: &[String]) -> PageText {
    build_in_order(glyphs, actual_texts, &reading_order(glyphs))
}

/// Builds the page text in content-stream order: the second view, for verification.
pub fn build_page_text_stream_order(glyphs: &[Glyph], actual_texts: &[String]) -> PageText {
    let order: Vec<u32> = (0..glyphs.len() as u32).collect();
    build_in_order(glyphs, actual_texts, &order)
}

/// A line being gathered by [`reading_order`]: glyphs on one baseline, next to each other.
struct SeenLine {
    /// Unit writing direction.
    dir: (f64, f64),
    /// Baseline position across the writing direction.
    base: f64,
    /// Extent along the writing direction.
    lo: f64,
    hi: f64,
    /// Largest font size seen on the line.
    size: f64,
    /// Units (first glyph index, last glyph index) with their extent along the line.
    units: Vec<(f64, f64, u32, u32)>,
}

/// How many of a line's most recent units a glyph is checked against for lying on top of them
/// (bounds the work on a line of very many glyphs drawn backwards).
const COVER_CHECK: usize = 1024;

/// A letter with a case, or a digit: what a second layer of text is made of. Marks, modifier
/// letters (TeX accents drawn as glyphs of their own), punctuation and caseless scripts are not.
fn cased_letter(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c.is_uppercase() || c.is_lowercase())
}

/// A character of a printed fill line (`____`, `....`, `----`): a form's value drawn over it is a
/// second layer too ("Naam: ____" with "Pieter Bakker" drawn on the line).
fn fill_mark(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        matches!(
            c,
            '_' | '.' | '-' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{b7}'
        )
    })
}

impl SeenLine {
    /// The line already holds a different letter or digit (or a fill line's mark) where the unit
    /// `[along, end)` would go (more than half of the narrower one covered): the unit is drawn on top of the line, a
    /// second layer (an invisible OCR layer over real text, a shadow), not a part of it. The
    /// same text at (almost) the same place is no second layer but fake bold (dropped later).
    /// A unit reaches at most to where the next one of its line starts, so advances wider than
    /// the glyphs' placing (a font without widths, TJ pulling every glyph back) make no layer.
    fn covered(&self, glyphs: &[Glyph], unit: (f64, f64, u32), size: f64) -> bool {
        let (along, end, first) = unit;
        let g = &glyphs[first as usize];
        if along >= self.hi - 0.25 * size || !cased_letter(&g.text) {
            return false;
        }
        let n = self.units.len();
        self.units[n.saturating_sub(COVER_CHECK)..]
            .iter()
            .enumerate()
            .any(|(k, &(a, e, f, _))| {
                // the line's last unit ends where this one starts, if this one goes on from it
                let e = if k + 1 == n.min(COVER_CHECK) && along > a {
                    e.min(along)
                } else {
                    e
                };
                let o = &glyphs[f as usize];
                let overlap = end.min(e) - along.max(a);
                let same = o.text == g.text
                    && (o.origin.0 - g.origin.0).abs() + (o.origin.1 - g.origin.1).abs()
                        < 0.1 * size;
                overlap > 0.5 * (end - along).min(e - a)
                    && (cased_letter(&o.text) || fill_mark(&o.text))
                    && !same
            })
    }
}

/// Whether more than half of the shorter of two groups of unit extents (sorted) lies on top of
/// the other: two layers of the same text on one baseline overlap almost wholly, two parts of one
/// line (a first name drawn after the surname to its left) hardly.
fn layered(ua: &[(f64, f64)], ub: &[(f64, f64)]) -> bool {
    let len = |u: &[(f64, f64)]| u.iter().map(|x| (x.1 - x.0).max(0.0)).sum::<f64>();
    let shorter = len(ua).min(len(ub));
    if shorter <= 0.0 {
        return false;
    }
    let (mut i, mut j, mut both) = (0, 0, 0.0);
    while i < ua.len() && j < ub.len() {
        both += (ua[i].1.min(ub[j].1) - ua[i].0.max(ub[j].0)).max(0.0);
        if ua[i].1 < ub[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    both > 0.5 * shorter
}

/// A line's unit extents along it, sorted by start.
fn extents(l: &SeenLine) -> Vec<(f64, f64)> {
    let mut u: Vec<(f64, f64)> = l.units.iter().map(|u| (u.0, u.1)).collect();
    u.sort_by(|x, y| x.0.total_cmp(&y.0));
    u
}

/// How many recent lines a glyph may join; older lines are closed (bounds the work per glyph).
const OPEN_LINES: usize = 24;

/// The order in which a reader sees the glyphs: indices into `glyphs`. Glyphs on one baseline
/// (within 0.5 em, so superscripts stay in place) whose extent touches a line (within 0.8 em) join that line; a line reads
/// along its writing direction; lines keep the order in which the stream started them. Glyphs
/// of one /ActualText span move together. For a page drawn in reading order this is the
/// identity.
pub fn reading_order(glyphs: &[Glyph]) -> Vec<u32> {
    let mut lines: Vec<SeenLine> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut dir = (1.0f64, 0.0f64);
    let mut i = 0usize;
    let mut monotone = true;
    let mut last_along: Option<(usize, f64)> = None;
    while i < glyphs.len() {
        let first = i;
        let mut last = i;
        if let Some(a) = glyphs[i].actual_text {
            while last + 1 < glyphs.len() && glyphs[last + 1].actual_text == Some(a) {
                last += 1;
            }
        }
        i = last + 1;
        let g = &glyphs[first];
        let adv = glyphs[first..=last].iter().fold((0.0, 0.0), |acc, g| {
            (acc.0 + g.advance.0, acc.1 + g.advance.1)
        });
        let len = (adv.0 * adv.0 + adv.1 * adv.1).sqrt();
        if len > 1e-6 {
            dir = (adv.0 / len, adv.1 / len);
        }
        let size = g.size.max(0.1);
        let along = g.origin.0 * dir.0 + g.origin.1 * dir.1;
        let across = -g.origin.0 * dir.1 + g.origin.1 * dir.0;
        let end = along + len;
        // (a unit drawn on top of a line's letters joins no line it covers: a second layer of
        // text reads as a line of its own, never interleaved letter by letter with the first)
        let joined = open.iter().rev().copied().find(|&li| {
            let l = &lines[li];
            let same_dir = l.dir.0 * dir.0 + l.dir.1 * dir.1 > 0.995;
            let tol = 0.8 * size.max(l.size);
            same_dir
                && (across - l.base).abs() < 0.5 * size.max(l.size)
                && end >= l.lo - tol
                && along <= l.hi + tol
                && !l.covered(glyphs, (along, end, first as u32), size)
        });
        let li = match joined {
            Some(li) => li,
            None => {
                lines.push(SeenLine {
                    dir,
                    base: across,
                    lo: along,
                    hi: end,
                    size,
                    units: Vec::new(),
                });
                open.push(lines.len() - 1);
                if open.len() > OPEN_LINES {
                    open.remove(0);
                }
                lines.len() - 1
            }
        };
        let l = &mut lines[li];
        if let Some((pl, pa)) = last_along
            && pl == li
            && along < pa - 0.05 * size
        {
            monotone = false;
        }
        if joined.is_some() && joined != open.last().copied() {
            monotone = false;
        }
        last_along = Some((li, along));
        l.lo = l.lo.min(along);
        l.hi = l.hi.max(end);
        l.size = l.size.max(size);
        // the unit before ends where this one starts, if this one goes on from it
        if let Some(u) = l.units.last_mut()
            && along > u.0
        {
            u.1 = u.1.min(along);
        }
        l.units.push((along, end, first as u32, last as u32));
        // The line just used is the most recent.
        if let Some(pos) = open.iter().position(|&x| x == li) {
            open.remove(pos);
            open.push(li);
        }
    }
    // Lines on one baseline that touch are one line (a first name drawn after the surname to
    // its left starts a line of its own and only later reaches the surname's line).
    let mut parent: Vec<usize> = (0..lines.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // the extents of each group of lines merged so far (by its root): a part of one layer is
    // compared with everything already joined, so fragments of two layers never chain together
    // (made when a group first meets another on its baseline: most lines never do)
    let mut groups: Vec<Option<Vec<(f64, f64)>>> = vec![None; lines.len()];
    let mut by_base: Vec<usize> = (0..lines.len()).collect();
    by_base.sort_by(|&a, &b| lines[a].base.total_cmp(&lines[b].base));
    for (k, &a) in by_base.iter().enumerate() {
        for &b in &by_base[k + 1..] {
            let (la, lb) = (&lines[a], &lines[b]);
            let size = la.size.max(lb.size);
            if lb.base - la.base >= 0.5 * size {
                break;
            }
            let tol = 0.8 * size;
            if la.dir.0 * lb.dir.0 + la.dir.1 * lb.dir.1 > 0.995
                && lb.hi >= la.lo - tol
                && lb.lo <= la.hi + tol
            {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra == rb {
                    continue;
                }
                for r in [ra, rb] {
                    if groups[r].is_none() {
                        groups[r] = Some(extents(&lines[r]));
                    }
                }
                let (ga, gb) = (groups[ra].as_deref(), groups[rb].as_deref());
                if !layered(ga.unwrap_or_default(), gb.unwrap_or_default()) {
                    let (keep, gone) = (ra.min(rb), ra.max(rb));
                    parent[gone] = keep;
                    let mut joined = groups[gone].take().unwrap_or_default();
                    joined.extend(groups[keep].take().unwrap_or_default());
                    joined.sort_by(|x, y| x.0.total_cmp(&y.0));
                    groups[keep] = Some(joined);
                    monotone = false;
                }
            }
        }
    }
    if monotone {
        return (0..glyphs.len() as u32).collect();
    }
    let mut merged: Vec<Vec<(f64, f64, u32, u32)>> = vec![Vec::new(); lines.len()];
    for (i, l) in lines.into_iter().enumerate() {
        let r = root(&mut parent, i);
        merged[r].extend(l.units);
    }
    let mut order = Vec::with_capacity(glyphs.len());
    for mut units in merged {
        units.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, _, first, last) in units {
            order.extend(first..=last);
        }
    }
    order
}

fn build_in_order(glyphs: &[Glyph], actual_texts: &[String], order: &[u32]) -> PageText {
    let mut b = Builder {
        text: String::new(),
        map: Vec::new(),
    };
    let mut prev: Option<Cow<Glyph>> = None;
    let mut dir = (1.0f64, 0.0f64);
    let mut actual_spans: Vec<(u32, u32)> = Vec::new();
    let mut i = 0usize;
    while i < order.len() {
        let gi = order[i] as usize;
        i += 1;
        let mut g: Cow<Glyph> = Cow::Borrowed(&glyphs[gi]);
        if let Some((a, t)) = g
            .actual_text
            .and_then(|a| actual_texts.get(a).map(|t| (a, t)))
        {
            let mut last = gi;
            while last + 1 < glyphs.len() && glyphs[last + 1].actual_text == Some(a) {
                last += 1;
            }
            // The span's glyphs follow in `order` (reading_order moves them together).
            i += last - gi;
            actual_spans.push((gi as u32, last as u32));
            let l = &glyphs[last];
            let mut whole = glyphs[gi].clone();
            whole.text = t.as_str().into();
            whole.advance = (
                l.origin.0 + l.advance.0 - whole.origin.0,
                l.origin.1 + l.advance.1 - whole.origin.1,
            );
            g = Cow::Owned(whole);
        }
        if g.text.is_empty() {
            continue;
        }
        let gid = gi as u32;
        let size = g.size.max(0.1);
        if let Some(p) = prev.as_deref() {
            let adv_len = (p.advance.0 * p.advance.0 + p.advance.1 * p.advance.1).sqrt();
            if adv_len > 1e-6 {
                dir = (p.advance.0 / adv_len, p.advance.1 / adv_len);
            }
            let end = (p.origin.0 + p.advance.0, p.origin.1 + p.advance.1);
            let d = sub(g.origin, end);
            let along = d.0 * dir.0 + d.1 * dir.1;
            let across = -d.0 * dir.1 + d.1 * dir.0;
            let line_size = size.max(p.size.max(0.1));
            // Fake bold / shadow: the same glyph drawn again at (almost) the same place.
            let from_prev_origin = sub(g.origin, p.origin);
            if g.text == p.text
                && from_prev_origin.0.abs() + from_prev_origin.1.abs() < 0.1 * line_size
            {
                continue;
            }
            if across.abs() > 0.5 * line_size || along < -1.5 * line_size {
                if b.last_char() == Some(' ') {
                    b.text.pop();
                    b.map.pop();
                }
                b.push("\n", NO_GLYPH);
            } else if along > 0.15 * line_size
                && !g.text.starts_with(char::is_whitespace)
                && !matches!(b.last_char(), Some(' ') | Some('\n') | None)
            {
                b.push(" ", NO_GLYPH);
            }
        }
        if g.text.chars().all(char::is_whitespace) {
            if !matches!(b.last_char(), Some(' ') | Some('\n') | None) {
                b.push(" ", gid);
            }
        } else {
            b.push(&g.text, gid);
        }
        prev = Some(g);
    }
    if b.last_char() == Some(' ') {
        b.text.pop();
        b.map.pop();
    }
    if !b.text.is_empty() && b.last_char() != Some('\n') {
        b.push("\n", NO_GLYPH);
    }
    let stacked = stacked_letters(&b.text, &b.map, glyphs);
    let (search, search_glyph, hyphen_joins) = join_hyphenation(&b.text, &b.map, &stacked);
    PageText {
        text: b.text,
        text_glyph: b.map,
        search,
        search_glyph,
        hyphen_joins,
        actual_spans,
    }
}

/// True when the token that continues after a line-end hyphen looks like part of an e-mail
/// address, URL or code (holds `@`, `/`, `_` or a digit): there the hyphen is part of it.
fn address_like(from_hyphen: &str) -> bool {
    let rest = from_hyphen.get(2..).unwrap_or("");
    let token = rest.split(char::is_whitespace).next().unwrap_or("");
    token.contains(['@', '/', '_']) || token.chars().any(|c| c.is_ascii_digit())
}

/// Bullets from symbol fonts arrive as private-use characters (U+F0B7 is Symbol's bullet);
/// detection sees them as the bullets they are, so the word after one starts a sentence.
fn symbol_bullet(c: char) -> char {
    match c {
        '\u{F0B7}' | '\u{F06C}' | '\u{F09F}' => '•',
        '\u{F0A7}' | '\u{F06E}' => '▪',
        '\u{F0D8}' => '➢',
        '\u{F0FC}' => '✓',
        '\u{F0A8}' | '\u{F071}' => '□',
        other => other,
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{00AD}' | '\u{2010}' | '\u{2011}')
}

/// Spaces inside letter-spaced words (`A n n e m i e k  L a m m e r s`): runs of at least four
/// single letters separated by single spaces are read as words; the space before a capital
/// that follows a small letter stays (it starts the next word). Returns, per char index of
/// `chars`, whether the char is such a space.
fn letter_spacing(chars: &[(usize, char)]) -> Vec<bool> {
    let mut drop = vec![false; chars.len()];
    let single = |k: usize| {
        chars.get(k).is_some_and(|c| c.1.is_alphabetic())
            && (k == 0 || !chars[k - 1].1.is_alphanumeric())
            && !chars.get(k + 1).is_some_and(|c| c.1.is_alphanumeric())
    };
    let mut k = 0;
    while k < chars.len() {
        if !single(k) {
            k += 1;
            continue;
        }
        let mut letters = vec![k];
        let mut j = k;
        while chars.get(j + 1).is_some_and(|c| c.1 == ' ') && single(j + 2) {
            j += 2;
            letters.push(j);
        }
        if letters.len() >= 4 {
            for w in letters.windows(2) {
                let (a, b) = (chars[w[0]].1, chars[w[1]].1);
                if !(a.is_lowercase() && b.is_uppercase()) {
                    drop[w[0] + 1] = true;
                }
            }
        }
        k = j + 1;
    }
    drop
}

/// Letters stacked one per line (a name written downwards): runs of at least four lines of one
/// letter each, at the same place across the line and evenly spaced, are read as words. Returns
/// the byte offsets of the line breaks between them with what they become: nothing, or a
/// space where the step is larger than usual (an empty line between two words).
fn stacked_letters(text: &str, map: &[u32], glyphs: &[Glyph]) -> Vec<(usize, char)> {
    // Per line: the glyph of its single letter (the whole line, or its last token), whether
    // the whole line is that letter, whether the line is empty; and the line break after it.
    struct Line {
        letter: Option<usize>,
        whole: bool,
        empty: bool,
        nl: usize,
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0usize;
    for (nl, _) in text.match_indices('\n') {
        let line = &text[start..nl];
        let trimmed = line.trim_end();
        let last_tok = trimmed.rsplit(' ').next().unwrap_or("");
        let mut cs = last_tok.chars();
        let letter = match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_alphabetic() => {
                let off = start + trimmed.len() - c.len_utf8();
                map.get(off)
                    .copied()
                    .filter(|&g| g != NO_GLYPH)
                    .map(|g| g as usize)
            }
            _ => None,
        };
        lines.push(Line {
            letter,
            whole: letter.is_some() && trimmed.chars().count() == 1,
            empty: trimmed.is_empty(),
            nl,
        });
        start = nl + 1;
    }
    let near = |a: usize, b: usize| {
        let (a, b) = (&glyphs[a], &glyphs[b]);
        let size = a.size.max(b.size).max(0.1);
        (a.origin.0 - b.origin.0).abs() <= 0.6 * size
            && (b.origin.1 - a.origin.1).abs() <= 3.0 * size
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let Some(first) = lines[k].letter else {
            k += 1;
            continue;
        };
        // The stack: (line index of each letter, whether an empty line precedes it).
        let mut stack = vec![(k, false)];
        let mut prev = first;
        let mut j = k + 1;
        while j < lines.len() {
            let (next, gap) = if lines[j].empty && j + 1 < lines.len() {
                (j + 1, true)
            } else {
                (j, false)
            };
            match lines[next].letter {
                Some(g) if lines[next].whole && near(prev, g) => {
                    stack.push((next, gap));
                    prev = g;
                    j = next + 1;
                }
                _ => break,
            }
        }
        if stack.len() >= 4 {
            let letters: Vec<usize> = stack
                .iter()
                .map(|&(l, _)| lines[l].letter.unwrap_or(0))
                .collect();
            let mut steps: Vec<f64> = letters
                .windows(2)
                .map(|w| (glyphs[w[1]].origin.1 - glyphs[w[0]].origin.1).abs())
                .collect();
            let measured = steps.clone();
            steps.sort_by(f64::total_cmp);
            let usual = steps[steps.len() / 2];
            for (w, step) in stack.windows(2).zip(measured) {
                let (a, (b, gap)) = (w[0].0, w[1]);
                let space = gap || step > 1.6 * usual;
                out.push((lines[a].nl, if space { ' ' } else { '\0' }));
                if gap {
                    out.push((lines[b - 1].nl, '\0'));
                }
            }
        }
        k = stack.last().map_or(k, |&(l, _)| l) + 1;
    }
    out.sort_unstable();
    out
}

/// Joins words broken over a line end with a hyphen, drops soft hyphens inside lines and reads
/// letter-spaced words whole.
fn join_hyphenation(
    text: &str,
    map: &[u32],
    stacked: &[(usize, char)],
) -> (String, Vec<u32>, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut out_map = Vec::with_capacity(map.len());
    let mut joins = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let spaced = letter_spacing(&chars);
    let mut k = 0;
    while k < chars.len() {
        if spaced[k] {
            k += 1;
            continue;
        }
        if let Ok(i) = stacked.binary_search_by_key(&chars[k].0, |x| x.0) {
            // A line break between letters stacked one per line: nothing, or a space.
            if stacked[i].1 == ' ' {
                out.push(' ');
                out_map.push(NO_GLYPH);
            }
            k += 1;
            continue;
        }
        let (pos, c) = chars[k];
        if is_hyphen(c) {
            let before = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|x| x.1);
            let after = chars.get(k + 2).map(|x| x.1);
            if before.is_some_and(char::is_alphanumeric)
                && next == Some('\n')
                && after.is_some_and(char::is_alphanumeric)
            {
                let word_break = before.is_some_and(char::is_lowercase)
                    && after.is_some_and(char::is_lowercase)
                    && !address_like(&text[pos..]);
                let keep_hyphen = c == '-' && !word_break;
                if keep_hyphen {
                    out.push('-');
                    out_map.extend_from_slice(&map[pos..pos + 1]);
                }
                joins.push(out.len());
                k += 2; // skip the hyphen (or keep it, above) and the newline
                continue;
            }
            if c == '\u{00AD}' {
                k += 1;
                continue;
            }
        }
        // Characters a reader does not see (zero-width spaces and joiners, the combining
        // grapheme joiner, direction marks) would split a name for detection.
        if crate::verify::fold::invisible(c) {
            k += 1;
            continue;
        }
        let c = symbol_bullet(c);
        out.push(c);
        out_map.extend(std::iter::repeat_n(map[pos], c.len_utf8()));
        k += 1;
    }
    (out, out_map, joins)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::glyph::test_glyph;

    fn glyph(text: &str, x: f64, y: f64, w: f64) -> Glyph {
        test_glyph(text, x, y, w)
    }

    fn line(words: &str, x0: f64, y: f64) -> Vec<Glyph> {
        let mut x = x0;
        let mut out = Vec::new();
        for c in words.chars() {
            if c == ' ' {
                x += 3.0;
            } else {
                out.push(glyph(&c.to_string(), x, y, 5.0));
                x += 5.0;
            }
        }
        out
    }

    #[test]
    fn gaps_become_spaces_and_baselines_become_lines() {
        let mut g = line("Jan de Vries", 72.0, 100.0);
        g.extend(line("zegt iets", 72.0, 114.0));
        let t = build_page_text(&g);
        assert_eq!(t.text, "Jan de Vries\nzegt iets\n");
        assert_eq!(t.search, t.text);
    }

    #[test]
    fn hyphenated_surname_is_joined_for_search_and_kept_for_display() {
        let mut g = line("met Mess-", 72.0, 100.0);
        g.extend(line("aoudi en Wezelbeek-", 72.0, 114.0));
        g.extend(line("Hazenoot", 72.0, 128.0));
        let t = build_page_text(&g);
        assert_eq!(t.text, "met Mess-\naoudi en Wezelbeek-\nHazenoot\n");
        assert_eq!(t.search, "met Messaoudi en Wezelbeek-Hazenoot\n");
        assert_eq!(t.hyphen_joins.len(), 2);
        // every letter of the joined name maps to a glyph
        let at = t.search.find("Messaoudi").unwrap();
        assert_eq!(t.glyphs_in_search(at, at + 9).len(), 9);
    }

    #[test]
    fn an_abbreviation_keeps_its_hyphen_over_a_line_end() {
        let mut g = line("de GMT-", 72.0, 100.0);
        g.extend(line("besluiten", 72.0, 114.0));
        assert_eq!(build_page_text(&g).search, "de GMT-besluiten\n");
    }

    #[test]
    fn a_second_layer_of_text_over_a_line_reads_as_a_line_of_its_own() {
        // the same words again at another width (an OCR layer over the typeset text): read
        // letter by letter they would interleave; each layer reads whole
        let mut g = line("heer Pieter Bakker", 72.0, 100.0);
        let mut x = 72.0;
        for c in "heer Pieter Bakker".chars() {
            if c == ' ' {
                x += 2.5;
            } else {
                g.push(glyph(&c.to_string(), x, 100.0, 4.4));
                x += 4.4;
            }
        }
        let t = build_page_text(&g);
        assert!(t.text.contains("Pieter Bakker\n"), "{:?}", t.text);
        assert_eq!(t.text.matches("Pieter Bakker").count(), 2, "{:?}", t.text);
        // a first name drawn after the surname to its left still joins the line
        let mut g = line("Bakker", 110.0, 100.0);
        g.extend(line("Pieter", 76.0, 100.0));
        assert_eq!(build_page_text(&g).text, "Pieter Bakker\n");
    }

    #[test]
    fn advances_wider_than_the_placing_make_no_second_layer() {
        // a font without widths (every glyph 1 em) placed glyph by glyph at its real spacing:
        // each advance reaches over the next letter, yet it is one line read in order
        let mut g = Vec::new();
        for (k, c) in "met Pieter Bakker".chars().enumerate() {
            if c != ' ' {
                g.push(glyph(&c.to_string(), 72.0 + 5.0 * k as f64, 100.0, 12.0));
            }
        }
        let t = build_page_text(&g).text;
        assert_eq!(t.lines().count(), 1, "{t:?}");
        assert!(t.replace(' ', "").contains("PieterBakker"), "{t:?}");
        // TeX draws an accent as a glyph of its own before its letter, at the same place
        let mut g = line("Kne", 72.0, 100.0);
        g.push(glyph("\u{2c7}", 87.0, 100.0, 5.0));
        g.extend(line("zek", 87.0, 100.0));
        assert_eq!(build_page_text(&g).text.lines().count(), 1);
    }

    #[test]
    fn a_value_drawn_over_a_printed_fill_line_reads_apart_from_it() {
        // a filled-in form flattened: the value lies on "____"; letter by letter it would read
        // "_P_i_e_t_e_r_"
        let mut g = line("Naam: ________________", 72.0, 100.0);
        g.extend(line("Pieter Bakker", 104.0, 100.0));
        let t = build_page_text(&g);
        assert!(t.text.contains("Pieter Bakker\n"), "{:?}", t.text);
    }

    #[test]
    fn fake_bold_duplicates_do_not_double_the_text() {
        let mut g = Vec::new();
        for c in line("Bob", 72.0, 100.0) {
            let mut dup = c.clone();
            dup.origin.0 += 0.2;
            g.push(c);
            g.push(dup);
        }
        assert_eq!(build_page_text(&g).text, "Bob\n");
    }

    #[test]
    fn letters_drawn_in_any_order_read_as_they_are_seen() {
        // "Pieter Bakker" drawn surname first, then the first name to its left.
        let mut g = line("Bakker", 105.0, 100.0);
        g.extend(line("Pieter", 72.0, 100.0));
        assert_eq!(build_page_text(&g).text, "Pieter Bakker\n");
        // Letters positioned one by one in shuffled order.
        let word = line("Jansen", 72.0, 200.0);
        let shuffled: Vec<Glyph> = [3, 0, 5, 1, 4, 2]
            .iter()
            .map(|&k| word[k].clone())
            .collect();
        let t = build_page_text(&shuffled);
        assert_eq!(t.text, "Jansen\n");
        // The map still points at the glyphs as drawn: 'J' is glyph 1 of the shuffled list.
        assert_eq!(t.text_glyph[0], 1);
        // A right-to-left TJ.
        let mut rev = line("Visser", 72.0, 300.0);
        rev.reverse();
        assert_eq!(build_page_text(&rev).text, "Visser\n");
        // The stream-order view keeps what was drawn.
        assert_eq!(build_page_text_stream_order(&rev, &[]).text, "ressiV\n");
    }

    #[test]
    fn letter_spaced_words_are_read_whole_for_detection() {
        let g = line("Secretaris: A n n e m i e k L a m m e r s.", 72.0, 100.0);
        let t = build_page_text(&g);
        assert_eq!(t.text, "Secretaris: A n n e m i e k L a m m e r s.\n");
        assert_eq!(t.search, "Secretaris: Annemiek Lammers.\n");
        let at = t.search.find("Lammers").unwrap();
        assert_eq!(t.glyphs_in_search(at, at + 7).len(), 7);
        // short runs and ordinary single letters stay as they are
        let t = build_page_text(&line("punt a en b of c", 72.0, 200.0));
        assert_eq!(t.search, "punt a en b of c\n");
    }

    #[test]
    fn letters_stacked_one_per_line_are_read_as_words() {
        let mut g = Vec::new();
        let mut y = 100.0;
        for c in "Rik Schipper".chars() {
            if c != ' ' {
                g.push(glyph(&c.to_string(), 300.0, y, 5.0));
            }
            y += 12.0;
        }
        let t = build_page_text(&g);
        assert_eq!(t.search, "Rik Schipper\n");
        // a short column of single letters (a list a, b, c) stays as it is
        let g: Vec<Glyph> = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, c)| glyph(c, 72.0, 100.0 + 12.0 * i as f64, 5.0))
            .collect();
        assert_eq!(build_page_text(&g).search, "a\nb\nc\n");
    }

    #[test]
    fn columns_tables_and_superscripts_read_as_before() {
        // Two columns drawn column by column: lines on one baseline far apart stay apart.
        let mut g = line("links een", 72.0, 100.0);
        g.extend(line("links twee", 72.0, 114.0));
        g.extend(line("rechts een", 300.0, 100.0));
        g.extend(line("rechts twee", 300.0, 114.0));
        assert_eq!(reading_order(&g), (0..g.len() as u32).collect::<Vec<_>>());
        // A footnote mark raised by a third of an em stays in its place on the line.
        let mut g = line("tekst", 72.0, 100.0);
        g.push(glyph("1", 97.0, 96.7, 3.0));
        g.extend(line("verder", 103.0, 100.0));
        assert_eq!(build_page_text(&g).text, "tekst1 verder\n");
    }

    #[test]
    fn byte_map_points_every_letter_at_its_glyph() {
        let g = line("Ab Cd", 0.0, 50.0);
        let t = build_page_text(&g);
        let letters: Vec<u32> = t
            .text
            .bytes()
            .zip(&t.text_glyph)
            .filter(|(b, _)| b.is_ascii_alphabetic())
            .map(|(_, g)| *g)
            .collect();
        assert_eq!(letters, vec![0, 1, 2, 3]);
    }
}
