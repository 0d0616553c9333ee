//! Redaction round trips on real files: removed words are gone for every extractor, kept glyphs stay within 0.01 pt, qpdf accepts the file.

use std::path::{Path, PathBuf};
use std::process::Command;
use woo_redact::config::GapRule;
use woo_redact::extract::{ExtractedDoc, extract_bytes};
use woo_redact::pdf::Limits;
use woo_redact::plan::{Gap, Mark, plan_gaps, plan_page};
use woo_redact::redact::apply::{BoxStyle, LABEL_FONT, apply_page};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name)
}

/// Marks every whole-word occurrence of `words` on every page (a stand-in for detection).
fn marks_for(doc: &ExtractedDoc, words: &[&str]) -> Vec<Vec<Mark>> {
    doc.pages
        .iter()
        .map(|p| {
            let p = p.as_ref().expect("page reads");
            let s = &p.text.search;
            let mut marks = Vec::new();
            for w in words {
                for (at, _) in s.match_indices(w) {
                    let before = s[..at].chars().next_back();
                    let after = s[at + w.len()..].chars().next();
                    if !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                    {
                        marks.push(Mark {
                            start: at,
                            end: at + w.len(),
                            label: "5.1, 2, e".into(),
                            finding: 0,
                        });
                    }
                }
            }
            marks
        })
        .collect()
}

fn redact(bytes: &[u8], words: &[&str]) -> (ExtractedDoc, Vec<Vec<usize>>, Vec<u8>) {
    let (before, removed, _, _, out) = redact_boxes(bytes, words, None);
    (before, removed, out)
}

/// Redacts `words`, with width-safe gaps when `gaps` is given; also returns each page's gaps
/// (as settled) and the boxes drawn.
#[allow(clippy::type_complexity)]
fn redact_boxes(
    bytes: &[u8],
    words: &[&str],
    gaps: Option<GapRule>,
) -> (
    ExtractedDoc,
    Vec<Vec<usize>>,
    Vec<Vec<Gap>>,
    Vec<Vec<woo_redact::pdf::Rect>>,
    Vec<u8>,
) {
    let limits = Limits::default();
    let before = extract_bytes(bytes, &limits).expect("input reads");
    let marks = marks_for(&before, words);
    let mut doc = extract_bytes(bytes, &limits).expect("input reads").pdf.doc;
    let mut removed = Vec::new();
    let mut all_gaps = Vec::new();
    let mut boxes = Vec::new();
    for (i, page) in before.pages.iter().enumerate() {
        let page = page.as_ref().expect("page");
        let mut plan = plan_page(&page.content, &page.text, &marks[i]);
        if let Some(rule) = &gaps {
            plan_gaps(&page.content, &mut plan, rule);
        }
        let done = apply_page(
            &mut doc,
            before.pdf.pages[i],
            &page.content,
            &plan,
            &BoxStyle::default(),
            &limits,
        )
        .expect("apply");
        boxes.push(done.boxes.clone());
        removed.push(plan.remove.clone());
        // the gaps as apply settled them (the class each took)
        all_gaps.push(done.gaps.clone());
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    (before, removed, all_gaps, boxes, out)
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, bytes).expect("write");
    let out = Command::new("pdftotext")
        .arg(&f)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn qpdf_check(bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, bytes).expect("write");
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&f)
        .output()
        .expect("qpdf must be installed");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn check_roundtrip(file: &str, words: &[&str]) {
    let bytes = std::fs::read(corpus(file)).expect("corpus file");
    let (before, removed, out) = redact(&bytes, words);
    let after = extract_bytes(&out, &Limits::default()).expect("output reads");
    // 1. gone for poppler and for our own interpreter
    let poppler = pdftotext(&out);
    for w in words {
        assert!(!poppler.contains(w), "{file}: pdftotext still finds {w:?}");
    }
    for (i, page) in after.pages.iter().enumerate() {
        let page = page.as_ref().expect("output page reads");
        for w in words {
            assert!(
                !page.text.search.contains(w),
                "{file} page {}: our text still has {w:?}",
                i + 1
            );
        }
        // 2. kept glyphs in place
        let b = before.pages[i].as_ref().expect("page");
        let kept: Vec<_> = b
            .content
            .glyphs
            .iter()
            .enumerate()
            .filter(|(gi, _)| !removed[i].contains(gi))
            .map(|(_, g)| g)
            .collect();
        let label_font: Vec<usize> = page
            .content
            .fonts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.resource.as_bytes() == LABEL_FONT)
            .map(|(i, _)| i)
            .collect();
        let now: Vec<_> = page
            .content
            .glyphs
            .iter()
            .filter(|g| !label_font.contains(&g.font))
            .collect();
        assert_eq!(
            kept.len(),
            now.len(),
            "{file} page {}: kept glyph count changed",
            i + 1
        );
        for (k, n) in kept.iter().zip(&now) {
            assert_eq!(k.text, n.text);
            let d = (k.origin.0 - n.origin.0)
                .abs()
                .max((k.origin.1 - n.origin.1).abs());
            assert!(
                d < 0.01,
                "{file} page {}: glyph {:?} moved by {d} pt",
                i + 1,
                k.text
            );
        }
    }
    // 3. the file is structurally sound
    let (ok, report) = qpdf_check(&out);
    assert!(ok, "{file}: qpdf --check failed:\n{report}");
    // 4. labels are there
    assert!(
        poppler.contains("5.1, 2, e"),
        "{file}: no labels in the output text"
    );
}

#[test]
fn reportlab_minutes_roundtrip() {
    check_roundtrip("m000_reportlab.pdf", &["Ithiel", "Baukje", "Mercera"]);
}

#[test]
fn hyphenated_names_roundtrip() {
    check_roundtrip("hyphen_reportlab.pdf", &["Messaoudi", "Wezelbeek-Hazenoot"]);
}

#[test]
fn libreoffice_minutes_roundtrip() {
    check_roundtrip("m000_lo.pdf", &["Olivier", "Groeneveld", "Gönül"]);
}

#[test]
fn chromium_minutes_roundtrip() {
    check_roundtrip("m000_chromium.pdf", &["Peter"]);
}

/// With width-safe gaps: the removed words are gone, every kept glyph is still there in the same
/// order and on its line, and it moved right by at most the extra width of the gaps before it on
/// its line (kerning dropped around a gap may move it a hair left).
fn check_roundtrip_width_safe(file: &str, words: &[&str]) {
    let bytes = std::fs::read(corpus(file)).expect("corpus file");
    let rule = GapRule::default();
    let (before, removed, gaps, boxes, out) = redact_boxes(&bytes, words, Some(rule));
    let after = extract_bytes(&out, &Limits::default()).expect("output reads");
    let poppler = pdftotext(&out);
    for w in words {
        // as a whole word (a name may be part of a longer kept word)
        let found = poppler.match_indices(w).any(|(at, _)| {
            !poppler[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !poppler[at + w.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        assert!(!found, "{file}: pdftotext still finds {w:?}");
    }
    let mut moved = 0;
    for (i, page) in after.pages.iter().enumerate() {
        let page = page.as_ref().expect("output page reads");
        let b = before.pages[i].as_ref().expect("page");
        let label_font: Vec<usize> = page
            .content
            .fonts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.resource.as_bytes() == LABEL_FONT)
            .map(|(i, _)| i)
            .collect();
        let kept: Vec<_> = b
            .content
            .glyphs
            .iter()
            .enumerate()
            .filter(|(gi, _)| !removed[i].contains(gi))
            .map(|(_, g)| g)
            .collect();
        let now: Vec<_> = page
            .content
            .glyphs
            .iter()
            .filter(|g| !label_font.contains(&g.font))
            .collect();
        assert_eq!(kept.len(), now.len(), "{file} page {}", i + 1);
        // kept glyphs that did not overlap on their line do not overlap now (moved text never
        // runs into text that stayed)
        let visible: Vec<usize> = (0..kept.len())
            .filter(|&j| kept[j].visible && !kept[j].text.trim().is_empty())
            .collect();
        for (x, &a) in visible.iter().enumerate() {
            for &b in &visible[x + 1..] {
                let (ka, kb, na, nb) = (kept[a], kept[b], now[a], now[b]);
                if (ka.origin.1 - kb.origin.1).abs() > 0.3 * ka.size {
                    continue;
                }
                let span = |g: &woo_redact::pdf::Glyph| {
                    let r = g.quad.bbox();
                    (r.x0, r.x1)
                };
                let overlap = |p: (f64, f64), q: (f64, f64)| p.1.min(q.1) - p.0.max(q.0);
                if overlap(span(ka), span(kb)) < 0.05 {
                    let o = overlap(span(na), span(nb));
                    assert!(
                        o < 0.15,
                        "{file} page {}: kept {:?} and {:?} now overlap by {o}",
                        i + 1,
                        ka.text,
                        kb.text
                    );
                }
            }
        }
        for (k, n) in kept.iter().zip(&now) {
            assert_eq!(k.text, n.text);
            // the extra widths (positive: class above; negative: class below) of the gaps
            // before this glyph on its line
            let extras: Vec<f64> = gaps[i]
                .iter()
                .filter(|g| (g.start.1 - k.origin.1).abs() < 0.5 * k.size && g.start.0 < k.origin.0)
                .map(|g| g.class - g.width)
                .collect();
            let up: f64 = extras.iter().filter(|e| **e > 0.0).sum();
            let down: f64 = extras.iter().filter(|e| **e < 0.0).sum();
            let dx = n.origin.0 - k.origin.0;
            assert!(
                (n.origin.1 - k.origin.1).abs() < 0.01
                    && dx > down - 0.1 * k.size
                    && dx < up + 0.1 * k.size,
                "{file} page {}: glyph {:?} moved by {dx} (extras {extras:?})",
                i + 1,
                k.text
            );
            if dx.abs() > 0.01 {
                moved += 1;
            }
            // no kept visible glyph lies under a box
            let c = (n.origin.0 + n.advance.0 / 2.0, n.origin.1 - 0.3 * n.size);
            let covered = boxes[i]
                .iter()
                .any(|b| c.0 > b.x0 + 0.2 && c.0 < b.x1 - 0.2 && c.1 > b.y0 && c.1 < b.y1);
            assert!(
                !(covered && n.visible && !n.text.trim().is_empty()),
                "{file} page {}: kept glyph {:?} at {c:?} is under a box",
                i + 1,
                n.text
            );
        }
    }
    assert!(moved > 0, "{file}: nothing moved after a gap");
    let (ok, report) = qpdf_check(&out);
    assert!(ok, "{file}: qpdf --check failed:\n{report}");
}

/// The names (text channel) of a corpus file's truth.
fn truth_names(file: &str) -> Vec<String> {
    let truth = corpus(&file.replace(".pdf", ".truth.json"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(truth).expect("truth")).expect("json");
    v["sensitive"]
        .as_array()
        .expect("sensitive")
        .iter()
        .filter(|s| s["category"] == "name" && s["channels"]["text"].as_u64().unwrap_or(0) > 0)
        .filter_map(|s| s["text"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn width_safe_roundtrips_every_name_of_the_minutes() {
    for n in 0..5 {
        for producer in ["lo", "chromium", "reportlab"] {
            let file = format!("m00{n}_{producer}.pdf");
            let names = truth_names(&file);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            check_roundtrip_width_safe(&file, &names);
        }
    }
}

#[test]
fn width_safe_roundtrips_on_three_producers() {
    check_roundtrip_width_safe("m000_reportlab.pdf", &["Ithiel", "Baukje", "Mercera"]);
    check_roundtrip_width_safe("m000_lo.pdf", &["Olivier", "Groeneveld", "Gönül"]);
    check_roundtrip_width_safe("m000_chromium.pdf", &["Peter"]);
}
