//! Oracle test: our word boxes must agree with poppler's `pdftotext -bbox` words on every fixture and on three corpus files.
//!
//! How the boxes are compared (like with like):
//! - Words: our page text split on whitespace, each word's box the union of its glyphs' quads
//!   (through `PageText::text_glyph`); poppler's `<word>` elements. Words are matched by text
//!   in reading order; a word that finds no partner counts as a disagreement, so wrong text
//!   fails this test too.
//! - Along the writing direction (x for horizontal text) both tools place glyphs by the same
//!   rules (font widths, Tc, Tw, Tz, TJ adjustments, matrices), so the start and end of each
//!   word must agree within 1 pt.
//! - Across it, poppler's yMin/yMax are `baseline - ascent*size` and `baseline - descent*size`
//!   with its own ascent/descent (font descriptor, built-in AFM values such as Helvetica's
//!   0.718/-0.207, or defaults 0.95/-0.35 when a font has none), and our quads use our font
//!   model's ascent/descent, which may come from another source. The box *edges* may therefore
//!   differ by up to ~0.35 em, but two things do not depend on the metrics source: our
//!   baseline must lie inside poppler's box (±0.5 pt), and the box centres, which sit at
//!   `baseline - (ascent+descent)/2*size`, differ only by the difference of `(a+d)/2` between
//!   two metric sources: 0.25..0.35 em for every font seen here (Helvetica 0.256, DejaVu 0.346,
//!   poppler's default 0.30), so a centre tolerance of 0.15 em still catches a word on the
//!   wrong line (a line is >= 1 em away) or a wrong rise while allowing honest metric choices.
//! - Poppler reports boxes relative to the MediaBox; ours are relative to the CropBox: poppler's
//!   boxes are mapped into our space first (same rotation formula, other box).
//!
//! At least 98% of words (of the larger of the two word counts, per file) must agree.

mod support;

use std::path::Path;
use support::{Word, extract, fixture_pdf, map_rect, our_words, poppler_to_ours, poppler_words};
use woo_redact::pdf::Rect;

/// Tolerance along the writing direction, in points.
const ALONG_TOL: f64 = 1.0;
/// Tolerance of the box centres across the writing direction, as a fraction of the font size.
const CENTRE_TOL_EM: f64 = 0.15;
/// Slack for "our baseline lies inside poppler's box", in points.
const BASELINE_SLACK: f64 = 0.5;
/// Share of words that must agree.
const MIN_AGREE: f64 = 0.98;

struct Offender {
    page: usize,
    text: String,
    ours: Option<Rect>,
    theirs: Option<Rect>,
    badness: f64,
    why: String,
}

struct Report {
    total: usize,
    agree: usize,
    offenders: Vec<Offender>,
}

fn normalise(s: &str) -> String {
    s.replace('\u{FB00}', "ff")
        .replace('\u{FB01}', "fi")
        .replace('\u{FB02}', "fl")
        .replace('\u{FB03}', "ffi")
        .replace('\u{FB04}', "ffl")
        .replace('\u{00A0}', " ")
}

fn show(r: &Option<Rect>) -> String {
    match r {
        Some(r) => format!("[{:.2} {:.2} {:.2} {:.2}]", r.x0, r.y0, r.x1, r.y1),
        None => "-".into(),
    }
}

/// Compares one matched pair; returns (agrees, badness, reason).
fn judge(ours: &Word, theirs: &Rect) -> (bool, f64, String) {
    let o = &ours.bbox;
    let (along, centre, base_ok) = if ours.vertical {
        let along = (o.y0 - theirs.y0).abs().max((o.y1 - theirs.y1).abs());
        let centre = ((o.x0 + o.x1) / 2.0 - (theirs.x0 + theirs.x1) / 2.0).abs();
        let b = ours.baseline.unwrap_or((o.x0 + o.x1) / 2.0);
        (
            along,
            centre,
            b >= theirs.x0 - BASELINE_SLACK && b <= theirs.x1 + BASELINE_SLACK,
        )
    } else {
        let along = (o.x0 - theirs.x0).abs().max((o.x1 - theirs.x1).abs());
        let centre = ((o.y0 + o.y1) / 2.0 - (theirs.y0 + theirs.y1) / 2.0).abs();
        let b = ours.baseline.unwrap_or((o.y0 + o.y1) / 2.0);
        (
            along,
            centre,
            b >= theirs.y0 - BASELINE_SLACK && b <= theirs.y1 + BASELINE_SLACK,
        )
    };
    let centre_tol = CENTRE_TOL_EM * ours.size.max(1.0);
    let ok = along <= ALONG_TOL && centre <= centre_tol && base_ok;
    let why = format!(
        "along {along:.2} pt (tol {ALONG_TOL}), centre {centre:.2} pt (tol {centre_tol:.2}), \
         baseline {} poppler box",
        if base_ok { "inside" } else { "OUTSIDE" }
    );
    (ok, along + centre + if base_ok { 0.0 } else { 100.0 }, why)
}

/// Largest number of pieces one tool may split a word into that the other keeps whole.
const MAX_PIECES: usize = 4;

fn union(words: &[Word]) -> Rect {
    let mut r = words[0].bbox;
    for w in &words[1..] {
        r = r.union(&w.bbox);
    }
    r
}

/// Finds poppler's counterpart of `ours[i]`: the same word (searched from `cursor` on, then
/// from the start), a run of poppler words that together spell it (poppler splits a word at a
/// change of size or rise), or a poppler word that a run of our words spells (poppler keeps an
/// /ActualText span as one word). Returns how many of our words were used and, if found, the
/// poppler indices with both boxes.
#[allow(clippy::type_complexity)]
fn find_match(
    ours: &[Word],
    i: usize,
    theirs: &[Word],
    used: &[bool],
    cursor: usize,
) -> (usize, Option<(Vec<usize>, Rect, Rect)>) {
    let key = normalise(&ours[i].text);
    let order: Vec<usize> = (cursor.min(theirs.len())..theirs.len())
        .chain(0..cursor.min(theirs.len()))
        .collect();
    if let Some(&j) = order
        .iter()
        .find(|&&j| !used[j] && normalise(&theirs[j].text) == key)
    {
        return (1, Some((vec![j], ours[i].bbox, theirs[j].bbox)));
    }
    for &j in &order {
        if used[j] {
            continue;
        }
        let first = normalise(&theirs[j].text);
        if first.is_empty() {
            continue;
        }
        // Poppler split our word.
        if key.starts_with(&first) {
            let mut spelled = first.clone();
            let mut k = j + 1;
            while spelled.len() < key.len() && k < theirs.len() && k - j < MAX_PIECES {
                if used[k] {
                    break;
                }
                spelled.push_str(&normalise(&theirs[k].text));
                k += 1;
            }
            if spelled == key {
                return (
                    1,
                    Some(((j..k).collect(), ours[i].bbox, union(&theirs[j..k]))),
                );
            }
        }
        // We split poppler's word.
        if first.starts_with(&key) {
            let mut plain = key.clone();
            let mut spaced = key.clone();
            let mut k = i + 1;
            while k < ours.len() && k - i < MAX_PIECES && plain.len() < first.len() {
                let next = normalise(&ours[k].text);
                plain.push_str(&next);
                spaced.push(' ');
                spaced.push_str(&next);
                k += 1;
                if plain == first || spaced == first {
                    return (k - i, Some((vec![j], union(&ours[i..k]), theirs[j].bbox)));
                }
            }
        }
    }
    (1, None)
}

fn compare(path: &Path) -> Report {
    let doc = extract(path);
    let theirs_pages = poppler_words(path);
    let mut report = Report {
        total: 0,
        agree: 0,
        offenders: Vec::new(),
    };
    let pages = doc.pages.len().max(theirs_pages.len());
    for pi in 0..pages {
        let ours = match doc.pages.get(pi) {
            Some(Ok(p)) => our_words(&p.text, &p.content.glyphs),
            _ => Vec::new(),
        };
        let to_ours = poppler_to_ours(&doc, pi);
        let theirs: Vec<Word> = theirs_pages
            .get(pi)
            .map(|ws| {
                ws.iter()
                    .map(|w| Word {
                        bbox: map_rect(&to_ours, &w.bbox),
                        ..w.clone()
                    })
                    .collect()
            })
            .unwrap_or_default();
        report.total += ours.len().max(theirs.len());
        let mut used = vec![false; theirs.len()];
        let mut cursor = 0;
        let mut i = 0;
        while i < ours.len() {
            let (consumed, found) = find_match(&ours, i, &theirs, &used, cursor);
            match found {
                Some((js, ours_box, theirs_box)) => {
                    for &j in &js {
                        used[j] = true;
                    }
                    cursor = js.last().map_or(cursor, |j| j + 1);
                    let w = Word {
                        bbox: ours_box,
                        ..ours[i].clone()
                    };
                    let (ok, badness, why) = judge(&w, &theirs_box);
                    if ok {
                        report.agree += consumed.max(js.len());
                    } else {
                        report.offenders.push(Offender {
                            page: pi + 1,
                            text: ours[i..i + consumed]
                                .iter()
                                .map(|w| w.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                            ours: Some(ours_box),
                            theirs: Some(theirs_box),
                            badness,
                            why,
                        });
                    }
                }
                None => report.offenders.push(Offender {
                    page: pi + 1,
                    text: ours[i].text.clone(),
                    ours: Some(ours[i].bbox),
                    theirs: None,
                    badness: 1000.0,
                    why: "no poppler word with this text".into(),
                }),
            }
            i += consumed;
        }
        for (j, w) in theirs.iter().enumerate() {
            if !used[j] {
                report.offenders.push(Offender {
                    page: pi + 1,
                    text: w.text.clone(),
                    ours: None,
                    theirs: Some(w.bbox),
                    badness: 1000.0,
                    why: "poppler word that we do not have".into(),
                });
            }
        }
    }
    report
        .offenders
        .sort_by(|a, b| b.badness.total_cmp(&a.badness));
    report
}

fn check(path: &Path) {
    let r = compare(path);
    let share = if r.total == 0 {
        0.0
    } else {
        r.agree as f64 / r.total as f64
    };
    println!(
        "{}: {}/{} words agree with poppler ({:.1}%)",
        path.display(),
        r.agree,
        r.total,
        share * 100.0
    );
    if share < MIN_AGREE || r.total == 0 {
        let mut msg = format!(
            "{}: only {}/{} words ({:.1}%) agree with pdftotext -bbox (need {:.0}%); worst offenders:\n",
            path.display(),
            r.agree,
            r.total,
            share * 100.0,
            MIN_AGREE * 100.0
        );
        for o in r.offenders.iter().take(20) {
            msg.push_str(&format!(
                "  p{} {:?}: ours {} poppler {}: {}\n",
                o.page,
                o.text,
                show(&o.ours),
                show(&o.theirs),
                o.why
            ));
        }
        panic!("{msg}");
    }
}

macro_rules! fixture_tests {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                check(&fixture_pdf(stringify!($case)));
            }
        )*
    };
}

fixture_tests!(
    identity_h_subset,
    winansi_type1,
    differences,
    tj_kerning,
    tz_tc_tw_ts,
    rotated_page,
    form_xobject,
    type3,
    ligature,
    actual_text,
    two_columns,
    hyphenated_name,
);

macro_rules! corpus_tests {
    ($($name:ident => $file:expr),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let Some(dir) = support::corpus_dir() else {
                    println!("note: ../shared/corpus not found; corpus comparison skipped");
                    return;
                };
                check(&dir.join($file));
            }
        )*
    };
}

corpus_tests!(
    corpus_m000_reportlab => "m000_reportlab.pdf",
    corpus_m000_lo => "m000_lo.pdf",
    corpus_m000_chromium => "m000_chromium.pdf",
);

#[test]
fn a_shifted_word_is_caught() {
    // The comparison itself must be able to fail: a word 2 pt to the right, or one line down,
    // does not agree; a word with other ascent/descent but the same baseline does.
    let ours = Word {
        text: "Jansen".into(),
        bbox: Rect::new(72.0, 64.0, 110.0, 74.0),
        baseline: Some(72.0),
        size: 11.0,
        vertical: false,
    };
    let same = Rect::new(72.3, 64.1, 110.2, 74.3);
    let metrics = Rect::new(72.0, 61.5, 110.0, 75.9);
    let shifted = Rect::new(74.0, 64.0, 112.0, 74.0);
    let next_line = Rect::new(72.0, 78.0, 110.0, 88.0);
    assert!(judge(&ours, &same).0);
    assert!(judge(&ours, &metrics).0);
    assert!(!judge(&ours, &shifted).0);
    assert!(!judge(&ours, &next_line).0);
}
