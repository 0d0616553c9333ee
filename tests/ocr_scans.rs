//! Scanned pages end to end: OCR -> detection -> pixel redaction + labelled boxes + invisible text layer -> save; then tesseract must not read any removed string from the output, the text layer must not hold it, and the rest must stay readable and searchable.
//!
//! Needs `tesseract` with the Dutch model and `pdftotext` (scripts/install-deps.sh). A missing
//! tool fails these tests; it never skips them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use woo_redact::config::Config;
use woo_redact::detect::{Detector, Dossier};
use woo_redact::extract::extract_page;
use woo_redact::ocr::apply::redact_ocr_page;
use woo_redact::ocr::fuzzy;
use woo_redact::ocr::verify::check_page_pixels;
use woo_redact::ocr::{OcrEngine, OcrMode, OcrPage, needs_ocr, ocr_page};
use woo_redact::pdf::{Limits, Rect, load_pdf};
use woo_redact::plan::marks_for;
use woo_redact::plan::{Area, plan_page};
use woo_redact::redact::apply::{BoxStyle, apply_page};
use woo_redact::redact::save::save_clean;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/scans/{name}.pdf"))
}

fn truth(name: &str) -> serde_json::Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/scans/{name}.truth.json"));
    serde_json::from_str(&std::fs::read_to_string(p).expect("truth file")).expect("truth json")
}

fn engine() -> OcrEngine {
    OcrEngine::detect().unwrap_or_else(|e| panic!("{e} (run scripts/install-deps.sh)"))
}

/// What redacting one file did.
struct Run {
    output: Vec<u8>,
    /// The OCR of every OCR'd page of the input (page number -> page).
    ocr: Vec<OcrPage>,
    /// Review reasons per page.
    review: Vec<(u32, String)>,
    /// Areas drawn per page.
    areas: Vec<(u32, Vec<Area>)>,
}

/// The pipeline as the batch runs it, for one file: pass 1 (text or OCR per page, dossier
/// detection), pass 2 (plan, pixels, boxes, text layer), save. `extra` adds reviewer areas
/// (page, rect).
fn redact(path: &Path, extra: &[(u32, Rect)]) -> Run {
    redact_with(path, extra, &Config::default())
}

fn redact_with(path: &Path, extra: &[(u32, Rect)], cfg: &Config) -> Run {
    let bytes = std::fs::read(path).expect("fixture");
    let limits = Limits::default();
    let pdf = load_pdf(&bytes, &limits).expect("loads");
    let engine = engine();
    let detector = Detector::new(cfg).expect("detector");
    // pass 1
    let mut texts = Vec::new();
    let mut ocrs: Vec<Option<OcrPage>> = Vec::new();
    for (i, &id) in pdf.pages.iter().enumerate() {
        let page = extract_page(&pdf.doc, i as u32 + 1, id, &limits).expect("page reads");
        if needs_ocr(&page.content, OcrMode::Auto) {
            let o = ocr_page(&pdf.doc, &page.content, &engine, limits.max_stream_bytes)
                .expect("OCR runs");
            texts.push(o.text.search.clone());
            ocrs.push(Some(o));
        } else {
            texts.push(page.text.search.clone());
            ocrs.push(None);
        }
    }
    let mut dossier = Dossier::new(&detector);
    dossier.add("file", texts);
    let findings = dossier.scan().remove(0).pages;
    // pass 2
    let mut doc = pdf.doc;
    let mut run = Run {
        output: vec![],
        ocr: vec![],
        review: vec![],
        areas: vec![],
    };
    for (i, &id) in pdf.pages.iter().enumerate() {
        let number = i as u32 + 1;
        let page = extract_page(&doc, number, id, &limits).expect("page reads");
        let marks = marks_for(&findings[i], cfg);
        let reviewer: Vec<Area> = extra
            .iter()
            .filter(|(p, _)| *p == number)
            .map(|(_, r)| Area {
                rect: *r,
                label: "5.1, 2, e".into(),
                finding: usize::MAX,
            })
            .collect();
        if let Some(o) = &ocrs[i] {
            for r in &o.review {
                run.review.push((number, r.clone()));
            }
            let done = redact_ocr_page(
                &mut doc,
                id,
                &page.content,
                &page.text,
                &[],
                o,
                &marks,
                &reviewer,
                &BoxStyle::default(),
                &limits,
            )
            .expect("OCR page redacted");
            run.areas.push((number, done.plan.areas.clone()));
            run.ocr.push(o.clone());
        } else {
            let plan = plan_page(&page.content, &page.text, &marks);
            apply_page(
                &mut doc,
                id,
                &page.content,
                &plan,
                &BoxStyle::default(),
                &limits,
            )
            .expect("text page redacted");
            run.areas.push((number, plan.areas.clone()));
        }
    }
    run.output = save_clean(&mut doc).expect("saves");
    run
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("out.pdf");
    std::fs::write(&p, bytes).expect("write");
    let out = Command::new("pdftotext")
        .arg(&p)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The strings to look for: each sensitive string and its parts of 4+ letters.
fn sensitive_parts(t: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for s in t["sensitive"].as_array().expect("sensitive") {
        let s = s.as_str().expect("string").to_string();
        for part in s.split_whitespace() {
            if part.chars().count() >= 4 && !out.contains(&part.to_string()) {
                out.push(part.to_string());
            }
        }
        out.push(s);
    }
    out
}

fn norm_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

/// Checks one scanned fixture end to end; returns the run for further checks.
fn check_scan(name: &str, extra: &[(u32, Rect)]) -> Run {
    let t = truth(name);
    let run = redact(&fixture(name), extra);
    if let Some(dir) = std::env::var_os("WOO_TEST_DUMP") {
        let _ = std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), &run.output);
    }
    let parts = sensitive_parts(&t);
    let engine = engine();
    let limits = Limits::default();
    let out = load_pdf(&run.output, &limits).expect("output loads");
    let layer = pdftotext(&run.output);
    for p in &parts {
        assert!(
            fuzzy::find(&layer, p).is_empty(),
            "{name}: `{p}` is still in the output's text layer:\n{layer}"
        );
    }
    assert!(
        layer.contains("5.1, 2, e"),
        "{name}: no labelled box in the output:\n{layer}"
    );
    for o in &run.ocr {
        let page_id = out.pages[o.number as usize - 1];
        let content = extract_page(&out.doc, o.number, page_id, &limits)
            .expect("output page reads")
            .content;
        let check = check_page_pixels(&out.doc, &content, &engine, &parts, limits.max_stream_bytes)
            .expect("OCR of the output runs");
        assert!(
            check.leaks.is_empty(),
            "{name} page {}: tesseract still reads {:?} from the pixels",
            o.number,
            check.leaks
        );
        // The rest stays readable (OCR of the output) and searchable (text layer).
        let removed: HashSet<String> = parts.iter().flat_map(|p| norm_words(p)).collect();
        let kept: Vec<String> = norm_words(&o.text.text)
            .into_iter()
            .filter(|w| !removed.contains(w) && !w.contains('@') && !w.contains("06-"))
            .collect();
        assert!(
            kept.len() >= 10,
            "{name}: too few words read from the input: {kept:?}"
        );
        let reread = check_page_pixels_text(&out.doc, &content, &engine);
        let read: HashSet<String> = norm_words(&reread).into_iter().collect();
        let searchable: HashSet<String> = norm_words(&layer).into_iter().collect();
        let readable = kept.iter().filter(|w| read.contains(*w)).count();
        let found = kept.iter().filter(|w| searchable.contains(*w)).count();
        assert!(
            readable * 10 >= kept.len() * 9,
            "{name}: only {readable} of {} kept words readable in the output pixels",
            kept.len()
        );
        assert!(
            found * 10 >= kept.len() * 9,
            "{name}: only {found} of {} kept words searchable in the text layer:\n{layer}",
            kept.len()
        );
    }
    assert!(
        !run.output.windows(11).any(|w| w == b"ScanStation"),
        "{name}: the scanner's image metadata survived"
    );
    run
}

fn check_page_pixels_text(
    doc: &lopdf::Document,
    content: &woo_redact::pdf::interp::PageContent,
    engine: &OcrEngine,
) -> String {
    ocr_page(doc, content, engine, Limits::default().max_stream_bytes)
        .expect("OCR runs")
        .text
        .text
}

fn assert_trusted(run: &Run, name: &str) {
    assert!(
        run.review.is_empty(),
        "{name}: a good scan must not be flagged: {:?}",
        run.review
    );
    for o in &run.ocr {
        assert!(
            o.mean_confidence >= 75.0,
            "{name}: confidence {}",
            o.mean_confidence
        );
    }
}

#[test]
fn jpeg_scan_at_300_dpi_is_redacted_in_pixels_and_text_layer() {
    let run = check_scan("scan_jpeg_300", &[]);
    assert_trusted(&run, "scan_jpeg_300");
}

#[test]
fn flate_scan_at_200_dpi_with_png_predictor_is_redacted() {
    let run = check_scan("scan_flate_200", &[]);
    assert_trusted(&run, "scan_flate_200");
}

#[test]
fn ccitt_g4_scan_is_redacted() {
    let run = check_scan("scan_g4_300", &[]);
    assert_trusted(&run, "scan_g4_300");
}

#[test]
fn rotated_page_is_read_upright_and_redacted_where_the_words_are() {
    let run = check_scan("scan_rotated", &[]);
    assert_trusted(&run, "scan_rotated");
}

#[test]
fn mixed_file_ocrs_only_the_scanned_page() {
    let run = check_scan("mixed", &[]);
    assert_eq!(
        run.ocr.len(),
        1,
        "only the scanned page is OCR'd under auto"
    );
    assert_eq!(run.ocr[0].number, 2);
    // the name on the born-digital page is removed from its text too
    let text = pdftotext(&run.output);
    assert!(!text.contains("Donkersloot"), "{text}");
    assert!(text.contains("parkeerdruk"));
}

#[test]
fn a_too_poor_scan_is_flagged_not_passed() {
    let run = redact(&fixture("scan_poor_150"), &[]);
    assert!(
        run.review.iter().any(|(p, r)| *p == 1 && r.contains("OCR")),
        "a 150 dpi noisy low-contrast scan must be flagged: confidence {:?}, review {:?}",
        run.ocr
            .iter()
            .map(|o| o.mean_confidence)
            .collect::<Vec<_>>(),
        run.review
    );
}

#[test]
fn a_reviewer_area_over_a_signature_blanks_its_pixels() {
    let t = truth("signature");
    let b: Vec<f64> = t["signature_box"]
        .as_array()
        .expect("box")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    let sig = Rect::new(b[0], b[1], b[2], b[3]);
    let run = check_scan("signature", &[(1, sig)]);
    assert!(run.areas[0].1.iter().any(|a| a.rect == sig));
    // Under the signature box every pixel of the image is now solid black.
    let limits = Limits::default();
    let out = load_pdf(&run.output, &limits).expect("loads");
    let content = extract_page(&out.doc, 1, out.pages[0], &limits)
        .expect("reads")
        .content;
    let (raster, _) =
        woo_redact::ocr::render::render_page_images(&out.doc, &content, 72.0, 1 << 28);
    let inner = sig.shrink(0.1);
    for y in inner.y0.ceil() as u32..inner.y1.floor() as u32 {
        for x in inner.x0.ceil() as u32..inner.x1.floor() as u32 {
            let v = raster.data[(y * raster.width + x) as usize];
            assert!(
                v < 40,
                "pixel ({x},{y}) under the signature box is {v}, not black"
            );
        }
    }
    // and the text beside it is untouched (white paper left of the box)
    let v = raster.data[(inner.y0.ceil() as u32 * raster.width + 20) as usize];
    assert!(v > 200, "the margin left of the signature is {v}");
}

#[test]
fn corpus_image_only_page_is_redacted_in_pixels_and_trusted() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let cfg = Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/corpus.toml"))
        .expect("corpus config");
    let run = redact_with(&corpus.join("hard_g_image.pdf"), &[], &cfg);
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("hard_g_image.truth.json")).expect("truth"),
    )
    .expect("json");
    assert_eq!(
        run.ocr.iter().map(|o| o.number).collect::<Vec<_>>(),
        vec![3]
    );
    assert!(run.review.is_empty(), "{:?}", run.review);
    // every string that exists only as pixels, and each of its tokens, is gone
    let mut parts = Vec::new();
    for s in truth["sensitive"].as_array().expect("list") {
        if s["channels"].get("pixels").is_none() {
            continue;
        }
        parts.push(s["text"].as_str().expect("text").to_string());
        for t in s["tokens"].as_array().expect("tokens") {
            parts.push(t.as_str().expect("token").to_string());
        }
    }
    assert!(parts.len() >= 3, "{parts:?}");
    let limits = Limits::default();
    let out = load_pdf(&run.output, &limits).expect("loads");
    let content = extract_page(&out.doc, 3, out.pages[2], &limits)
        .expect("reads")
        .content;
    let reread = check_page_pixels_text(&out.doc, &content, &engine());
    let layer = pdftotext(&run.output);
    for p in &parts {
        assert!(
            fuzzy::find(&reread, p).is_empty(),
            "`{p}` read from the pixels:\n{reread}"
        );
        assert!(fuzzy::find(&layer, p).is_empty(), "`{p}` in the text layer");
    }
    assert!(reread.contains("Klachtformulier"), "{reread}");
    assert!(
        layer.contains("Omschrijving"),
        "the kept words are searchable"
    );
}

#[test]
fn jbig2_scan_is_decoded_read_and_redacted() {
    let run = check_scan("scan_jbig2_300", &[]);
    assert_trusted(&run, "scan_jbig2_300");
}
