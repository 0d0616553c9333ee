//! Letters drawn as shapes in the output, read by OCR: where a page's shapes may draw letters, that band of the page is rendered as a reader sees it and read; personal data in words no text layer holds is reported where it is drawn (to be removed by a redo) and puts the page up for review, and a removed string read there fails the file.
//!
//! A name converted to outlines, stroked, used as a clipping path, drawn as bitmap rectangles
//! or as a pattern cell reads like text but is none: detection and the text search cannot see
//! it. [`lettering_page`] picks the areas where shapes group like letters (see
//! [`crate::pdf::shapes::lettering_areas`]) and widens each to a band across the page, so the
//! label beside or above it ("Notulist: mevrouw", "Met vriendelijke groet,") is read with it;
//! slanted and turned groups are also read turned upright. [`read_lettering`] renders the bands
//! ([`crate::ocr::seen`]), OCRs them twice (as a page and as sparse text), and marks the words
//! no glyph of the text layer covers. Detection reads all lines at once, context included; a
//! finding on such a word flags the page and is reported with its place on the page
//! ([`LetteringReport::found`]): the batch redoes the document with a box there
//! ([`crate::redact::DrawnArea`]), which removes the shapes under it, and reads the output
//! again (`src/batch.rs`, `MAX_DRAWN_REDOS`).

use crate::detect::Category;
use crate::extract::ExtractedPage;
use crate::ocr::OcrEngine;
use crate::ocr::seen::{SEEN_DPI, open, points_on_page, rect_on_page, render_areas};
use crate::ocr::tesseract::TsvWord;
use crate::ocr::verify::leaks_in;
use crate::pdf::Rect;
use crate::pdf::shapes::{LetterArea, lettering_areas};
use crate::redact::DrawnArea;
use std::collections::BTreeMap;

/// The flag of a page whose letters drawn as shapes read as personal data that no box removed.
pub const PERSONAL_UNBOXED: &str = "letters drawn as shapes on this page (no text a reader or search can select) read as personal data where no box removed them: needs manual review";

/// Bands of one output page to read, and the text layer's glyphs.
#[derive(Debug, Clone, PartialEq)]
pub struct LetteringPage {
    /// 1-based page number.
    pub page: u32,
    /// Bands of the page (page space) holding shapes that may be letters, each with the degrees
    /// it is turned clockwise to be read (a column or a slant is read turned both ways).
    pub bands: Vec<(Rect, f64)>,
    /// Boxes of the page's glyphs with text and its redaction boxes (what the text layer
    /// holds; a turned band's raster reaches beyond the band).
    pub glyphs: Vec<Rect>,
}

/// What reading the lettering found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LetteringReport {
    /// Pages whose lettering holds personal data, or could not be read: (page, reason).
    pub flagged: Vec<(u32, String)>,
    /// Removed strings read in lettering: (page, index into the removed strings).
    pub leaks: Vec<(u32, usize)>,
    /// Pages read.
    pub pages_read: Vec<u32>,
    /// Words read as personal data that the text layer does not hold: where they are drawn, to
    /// be removed like a reviewer's area (see [`DrawnArea`]).
    pub found: Vec<DrawnArea>,
}

/// Of five points along an OCR word's middle line, how many must fall on glyphs of the text
/// layer for the word to count as the text layer's.
const HELD_POINTS: usize = 3;

/// The bands of `page` to read: each area where shapes may draw letters, widened to the full
/// page width, two and a half line heights up (the label line above) and half a line down;
/// overlapping bands merge. `boxes` are the redaction boxes on the page (left out).
pub fn lettering_page(page: &ExtractedPage, boxes: &[Rect]) -> Option<LetteringPage> {
    // judged on where most of each shape's points are (a spike does not hide a letter)
    let cored: Vec<_> = page
        .content
        .shapes
        .iter()
        .map(|s| s.cored(&page.content.shape_points))
        .collect();
    let areas = lettering_areas(&cored, boxes);
    if areas.is_empty() {
        return None;
    }
    let width = page.content.geometry.map_or_else(
        || areas.iter().map(|a| a.rect.x1).fold(612.0, f64::max),
        |g| g.width,
    );
    let (mut rows, mut turned): (Vec<Rect>, Vec<(Rect, f64)>) = (Vec::new(), Vec::new());
    let mut tight: Vec<(Rect, f64)> = Vec::new();
    for LetterArea { rect: a, angle } in &areas {
        let column = a.height() >= 2.5 * a.width() && a.height() >= 20.0;
        if angle.abs() < 80.0 && !column {
            // Also a slanted group is read upright: its direction may be a guess.
            let h = a.height().clamp(8.0, 72.0);
            rows.push(Rect::new(0.0, a.y0 - 2.5 * h, width, a.y1 + 0.5 * h));
            // ... and on its own, without the pictures around it.
            tight.push((
                Rect::new(a.x0 - 4.0, a.y0 - 4.0, a.x1 + 4.0, a.y1 + 4.0),
                0.0,
            ));
        }
        if angle.abs() > 5.0 || column {
            // A column (text turned 90 degrees) or a slant (a stamp): read in a band around
            // it, turned upright, both ways (which way the text runs is not known).
            // The band reaches a little along the line and across it; the text layer's glyphs
            // in it are blanked (they run across the turned band and would read as noise).
            let angle = if column && angle.abs() <= 5.0 {
                90.0
            } else {
                *angle
            };
            let (along, across) = (24.0, 4.0);
            let t = angle.to_radians();
            let (dx, dy) = (
                along * t.cos().abs() + across,
                along * t.sin().abs() + across,
            );
            let r = Rect::new(a.x0 - dx, a.y0 - dy, a.x1 + dx, a.y1 + dy);
            turned.push((r, -angle));
            turned.push((r, 180.0 - angle));
        }
    }
    rows.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut merged: Vec<(Rect, f64)> = Vec::new();
    for b in rows {
        match merged.last_mut() {
            Some((m, _)) if m.intersects(&b) => *m = m.union(&b),
            _ => merged.push((b, 0.0)),
        }
    }
    merged.extend(turned);
    merged.extend(tight);
    // Our boxes count as held: OCR misreads a label ("5.1, 2, e" as "EEKE"), and nothing is
    // drawn over a box.
    let glyphs = page
        .content
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .map(|g| g.quad.bbox())
        .chain(boxes.iter().copied())
        .collect();
    Some(LetteringPage {
        page: page.content.number,
        bands: merged,
        glyphs,
    })
}

/// One OCR'd line: its text and its words.
struct Line {
    text: String,
    words: Vec<LineWord>,
}

/// A word of a [`Line`].
#[derive(Clone, Copy)]
struct LineWord {
    /// Byte range in the line's text.
    start: usize,
    end: usize,
    /// The text layer holds it (or it is noise).
    held: bool,
    /// The OCR words it was read from: first and last index (several for letter-spaced
    /// capitals).
    src: (usize, usize),
}

/// OCR confidence below which a short word no text layer holds is taken for noise (a rendered
/// icon read as letters); lettering drawn as shapes renders crisp and mostly reads at 70 and
/// more, but an address or a long word can read lower and still be right.
const MIN_CONFIDENCE: f32 = 50.0;

/// Noise: a word of at most three letters or digits read with low confidence, or a word whose
/// case no word has (three capitals, or two other than the Dutch IJ, then small letters:
/// "ONTvans", a stamp misread).
fn noise(w: &TsvWord) -> bool {
    let short = w.text.chars().filter(|c| c.is_alphanumeric()).count() <= 3;
    let letters: Vec<char> = w.text.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.iter().take_while(|c| c.is_uppercase()).count();
    let odd_case = letters.get(caps).is_some_and(|c| c.is_lowercase())
        && (caps >= 3 || (caps == 2 && !w.text.starts_with("IJ")));
    (w.conf < MIN_CONFIDENCE && short) || odd_case
}

/// True for a token of at most two letters or digits without a dot (one letter of letter-spaced
/// capitals, "J A N S E N"); an initial ("P.") is not one.
fn spaced_letter(t: &str) -> bool {
    let n = t.chars().filter(|c| c.is_alphanumeric()).count();
    (1..=2).contains(&n) && !t.contains('.')
}

/// tesseract's words as lines of text. Runs of three or more letter-spaced tokens no text layer
/// holds are written as one word ("J A N S E N" reads "JANSEN"), non-letters dropped; an
/// initial followed by a comma is read with its dot ("P, de Vries": a dot OCR misread). `held`
/// tells whether the text layer holds a word. [`noise`] is kept as context but counts as held.
fn lines_of(words: &[TsvWord], held: impl Fn(&TsvWord) -> bool) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let key = (words[i].block, words[i].par, words[i].line);
        let mut j = i;
        while j < words.len() && (words[j].block, words[j].par, words[j].line) == key {
            j += 1;
        }
        let ws = &words[i..j];
        let layer: Vec<bool> = ws.iter().map(&held).collect();
        // letter-spaced runs (OCR is unsure of single letters, so confidence is not asked)
        let spaced: Vec<bool> = ws
            .iter()
            .zip(&layer)
            .map(|(w, h)| !h && spaced_letter(&w.text))
            .collect();
        let mut joined = vec![false; ws.len()];
        let mut k = 0;
        while k < ws.len() {
            let mut e = k;
            while e < ws.len() && spaced[e] {
                e += 1;
            }
            if e - k >= 3 {
                joined[k + 1..e].iter_mut().for_each(|x| *x = true);
            }
            k = e.max(k + 1);
        }
        let in_run: Vec<bool> = (0..ws.len())
            .map(|k| spaced[k] && (joined[k] || joined.get(k + 1).copied().unwrap_or(false)))
            .collect();
        let held: Vec<bool> = (0..ws.len())
            .map(|k| layer[k] || (!in_run[k] && noise(&ws[k])))
            .collect();
        let mut line = Line {
            text: String::new(),
            words: Vec::new(),
        };
        for (k, w) in ws.iter().enumerate() {
            let mut t = w.text.clone();
            if in_run[k] {
                t.retain(char::is_alphanumeric);
            }
            let b = t.as_bytes();
            if b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b',' {
                t = format!("{}.", &t[..1]);
            }
            if joined[k] {
                if let Some(last) = line.words.last_mut() {
                    line.text.push_str(&t);
                    last.end = line.text.len();
                    last.held &= held[k];
                    last.src.1 = i + k;
                    continue;
                }
            } else if !line.text.is_empty() {
                line.text.push(' ');
            }
            let start = line.text.len();
            line.text.push_str(&t);
            line.words.push(LineWord {
                start,
                end: line.text.len(),
                held: held[k],
                src: (i + k, i + k),
            });
        }
        lines.push(line);
        i = j;
    }
    lines
}

/// A finding in OCR'd text: byte range, canonical Woo ground, category.
pub type Found = (usize, usize, String, Category);

/// Adds `d` to `found`, or grows an area of the same page that covers most of it (the same
/// word read twice, as a page and as sparse text).
fn add_drawn(found: &mut Vec<DrawnArea>, d: DrawnArea) {
    let area = |r: &Rect| r.width() * r.height();
    let overlap = |a: &Rect, b: &Rect| a.intersection(b).map_or(0.0, |r| area(&r));
    if let Some(same) = found.iter_mut().find(|f| {
        f.page == d.page && overlap(&f.rect, &d.rect) >= 0.5 * area(&f.rect).min(area(&d.rect))
    }) {
        same.rect = same.rect.union(&d.rect);
    } else {
        found.push(d);
    }
}

/// Renders and OCRs the bands of `pages` in the output `bytes`; findings of `find` (byte
/// ranges of personal data in a text) on words the text layer does not hold flag their page,
/// and a `removed` string read in such words (exactly or within OCR tolerance) is a leak. A
/// page that cannot be rendered or read (no OCR engine, a file the renderer cannot open) is
/// flagged: its lettering is unchecked.
pub fn read_lettering(
    bytes: &[u8],
    pages: &[LetteringPage],
    engine: Result<&OcrEngine, String>,
    find: &dyn Fn(&str) -> Vec<Found>,
    removed: &[String],
) -> LetteringReport {
    let mut report = LetteringReport::default();
    if pages.is_empty() {
        return report;
    }
    let unread = |report: &mut LetteringReport, page: u32, why: &str| {
        report.flagged.push((
            page,
            format!("letters drawn as shapes on this page could not be read ({why}): needs manual review"),
        ));
    };
    let (engine, pdf) = match engine.and_then(|e| open(bytes).map(|pdf| (e, pdf))) {
        Ok(ready) => ready,
        Err(why) => {
            for p in pages {
                unread(&mut report, p.page, &why);
            }
            return report;
        }
    };
    for p in pages {
        let (raster, placed) =
            match render_areas(&pdf, p.page as usize - 1, &p.bands, &p.glyphs, SEEN_DPI) {
                Ok(r) => r,
                Err(why) => {
                    unread(&mut report, p.page, &why);
                    continue;
                }
            };
        // Read twice: as a page (blocks and lines; white letters on a dark banner) and as
        // sparse text (single words beside pictures and shapes; letter-spaced capitals).
        let words = match engine
            .recognize(&raster)
            .and_then(|a| engine.recognize_sparse(&raster).map(|b| (a, b)))
        {
            Ok((mut a, b)) => {
                let shift = a.iter().map(|w| w.block).max().unwrap_or(0) + 1;
                a.extend(b.into_iter().map(|w| TsvWord {
                    block: w.block + shift,
                    ..w
                }));
                a
            }
            Err(e) => {
                unread(&mut report, p.page, &e.to_string());
                continue;
            }
        };
        report.pages_read.push(p.page);
        let lines = lines_of(&words, |w| {
            points_on_page(&placed, w.left, w.top, w.width, w.height).is_none_or(|pts| {
                let inside = pts
                    .iter()
                    .filter(|&&(x, y)| {
                        p.glyphs.iter().any(|g| {
                            x >= g.x0 - 0.5 && x <= g.x1 + 0.5 && y >= g.y0 - 0.5 && y <= g.y1 + 0.5
                        })
                    })
                    .count();
                inside >= HELD_POINTS
            })
        });
        // The judge reads all lines at once (a label on the line above is context); only
        // findings on words the text layer does not hold count.
        let mut all = String::new();
        // (start, end in `all`, OCR words, line)
        let mut unheld: Vec<(usize, usize, (usize, usize), usize)> = Vec::new();
        let mut lettering = String::new();
        for (ln, line) in lines.iter().enumerate() {
            let at = all.len();
            all.push_str(&line.text);
            all.push('\n');
            for &LineWord {
                start: s,
                end: e,
                held,
                src,
            } in &line.words
            {
                if !held {
                    unheld.push((at + s, at + e, src, ln));
                    lettering.push_str(&line.text[s..e]);
                    lettering.push(' ');
                }
            }
            lettering.push('\n');
        }
        if unheld.is_empty() {
            continue;
        }
        let mut personal = false;
        for (fs, fe, ground, category) in find(&all) {
            let hit: Vec<_> = unheld
                .iter()
                .filter(|&&(s, e, _, _)| s < fe && fs < e)
                .collect();
            personal |= !hit.is_empty();
            let text = all[fs..fe].trim().to_string();
            // the words of the finding on one line make one area, unless they run slanted
            let mut by_line: BTreeMap<usize, Vec<Rect>> = BTreeMap::new();
            for &&(_, _, (a, b), ln) in &hit {
                if let Some(r) = words[a..=b]
                    .iter()
                    .filter_map(|w| rect_on_page(&placed, w.left, w.top, w.width, w.height))
                    .reduce(|x, y| x.union(&y))
                {
                    by_line.entry(ln).or_default().push(r);
                }
            }
            for rects in by_line.into_values() {
                let tallest = rects.iter().map(Rect::height).fold(0.0, f64::max);
                let union = rects.iter().skip(1).fold(rects[0], |a, r| a.union(r));
                let areas = if union.height() <= 1.5 * tallest {
                    vec![union]
                } else {
                    rects
                };
                for rect in areas {
                    add_drawn(
                        &mut report.found,
                        DrawnArea {
                            page: p.page,
                            rect,
                            text: text.clone(),
                            ground: ground.clone(),
                            category,
                        },
                    );
                }
            }
        }
        for found in leaks_in(&lettering, removed) {
            if let Some(k) = removed.iter().position(|r| r.trim() == found) {
                report.leaks.push((p.page, k));
            }
        }
        if personal {
            report.flagged.push((p.page, PERSONAL_UNBOXED.to_string()));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(line: u32, left: u32, text: &str, conf: f32) -> TsvWord {
        TsvWord {
            block: 1,
            par: 1,
            line,
            left,
            top: 10 * line,
            width: 10,
            height: 10,
            conf,
            text: text.to_string(),
        }
    }

    fn unheld(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .flat_map(|l| {
                l.words
                    .iter()
                    .filter(|w| !w.held)
                    .map(|w| l.text[w.start..w.end].to_string())
            })
            .collect()
    }

    #[test]
    fn lines_keep_context_and_mark_what_the_text_layer_does_not_hold() {
        // "Notulist: mevrouw" is text; "Karin Jansen" is drawn as shapes.
        let words = [
            word(1, 0, "Notulist:", 95.0),
            word(1, 100, "mevrouw", 96.0),
            word(1, 200, "Karin", 94.0),
            word(1, 300, "Jansen", 95.0),
            word(2, 0, "Met", 90.0),
        ];
        let lines = lines_of(&words, |w| w.left < 200 || w.line == 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "Notulist: mevrouw Karin Jansen");
        assert_eq!(unheld(&lines), ["Karin", "Jansen"]);
    }

    #[test]
    fn letter_spaced_capitals_read_as_one_word_and_noise_is_ignored() {
        let words = [
            word(1, 0, "mevrouw", 95.0),
            word(1, 100, "J", 40.0),
            word(1, 120, "A", 80.0),
            word(1, 140, "_N", 30.0),
            word(1, 160, "S", 80.0),
            word(1, 180, "EN", 45.0),
        ];
        let lines = lines_of(&words, |w| w.left == 0);
        assert_eq!(lines[0].text, "mevrouw JANSEN");
        assert_eq!(unheld(&lines), ["JANSEN"]);
        // A lone short token OCR is unsure of (an icon read as letters) is no word.
        let icon = [word(1, 0, "Ko", 5.0), word(1, 50, "en", 59.0)];
        assert_eq!(unheld(&lines_of(&icon, |_| false)), ["en"]);
        // Two short tokens are no letter-spaced word: an initial and a particle stay apart,
        // and the initial's misread dot is restored.
        let initial = [
            word(1, 0, "drs.", 90.0),
            word(1, 50, "P,", 90.0),
            word(1, 70, "de", 90.0),
            word(1, 90, "Vries", 90.0),
        ];
        assert_eq!(lines_of(&initial, |_| false)[0].text, "drs. P. de Vries");
    }
}
