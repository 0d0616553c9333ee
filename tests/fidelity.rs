//! Nothing outside the boxes changes: real-world style fixtures are redacted with the real binary and compared with the input by pdftotext word boxes and a 50 dpi raster (pdftoppm), outside every redaction box.
//!
//! Prints one line per file and a total (`cargo test --test fidelity -- --nocapture`): words lost
//! outside boxes, pixels changed outside boxes, errors.
//!
//! The position and pixel comparison runs with width-safe gaps off (`width_safe_gaps = false`):
//! with them on, kept text after a gap on the same line moves right by design (README,
//! "Width-safe gaps"). With them on (the default), a second test checks that every word outside
//! the boxes is still extracted, in the same order.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Raster resolution of the comparison.
const DPI: f64 = 50.0;
/// A grey level difference up to this is antialiasing, not a change.
const GREY_TOLERANCE: u8 = 64;
/// Pixels around each box (at 50 dpi) that antialiasing of the box edge may touch.
const BOX_MARGIN_PX: f64 = 2.0;

/// The fixtures of the comparison: forms, annotations, an image panel with a small box, wrong
/// /Length, cycles, and an ordinary file. (`form_fields_without_appearances.pdf` is left out:
/// its values are drawn by us and by poppler each with their own automatic font size, so the
/// words move by design; tests/robustness_realworld.rs checks that they stay visible.)
const FILES: &[&str] = &[
    "form_fields_filled.pdf",
    "annotations_visible.pdf",
    "image_panel_small_box.pdf",
    "wrong_length_short.pdf",
    "wrong_length_long.pdf",
    "wrong_length_missing.pdf",
    "wrong_length_indirect.pdf",
    "indirect_filter.pdf",
    "cycle_forms_draw_each_other.pdf",
    "cycle_form_draws_itself.pdf",
    "cycle_resources_list_themselves.pdf",
    "cycle_pages_kids.pdf",
    "cycle_page_parent_self.pdf",
    "encrypt_null.pdf",
    "encrypted_empty_user_aes256.pdf",
    "ordinary_minutes.pdf",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/realworld")
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .unwrap_or(0.0)
}

/// Words with boxes per page, from `pdftotext -bbox` (points, origin top-left).
fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .args(["-q", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/install-deps.sh");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut ws = Vec::new();
        for part in page.split("<word ").skip(1) {
            let Some(end) = part.find('>') else { continue };
            let tag = &part[..end];
            let text = part[end + 1..].split("</word>").next().unwrap_or("");
            ws.push(Word {
                text: text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            });
        }
        pages.push(ws);
    }
    pages
}

/// A grey raster of one page at [`DPI`]: (width, height, pixels).
fn raster(pdf: &Path, page: usize, dir: &Path, tag: &str) -> (usize, usize, Vec<u8>) {
    support::raster(pdf, page, DPI, dir, tag)
}

#[derive(Default, Debug)]
struct Counts {
    words_outside: usize,
    words_lost: usize,
    pixels_outside: usize,
    pixels_changed: usize,
    errors: usize,
}

fn boxes_by_page(audit: &[Value], file: &str) -> Vec<(u64, [f64; 4])> {
    audit
        .iter()
        .filter(|v| v["type"] == "redaction" && v["input"] == file)
        .map(|v| {
            let b: Vec<f64> = v["area"]
                .as_array()
                .expect("area")
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect();
            (v["page"].as_u64().unwrap(), [b[0], b[1], b[2], b[3]])
        })
        .collect()
}

/// Redacts the fixtures with the real binary (`config`: the TOML of `--config`, if any) into
/// a fresh folder under `tag`; returns (work folder, input folder, output folder, audit lines).
fn redact_fixtures(tag: &str, config: Option<&str>) -> (PathBuf, PathBuf, PathBuf, Vec<Value>) {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join(tag);
    let _ = std::fs::remove_dir_all(&work);
    let input = work.join("in");
    let out = work.join("out");
    std::fs::create_dir_all(&input).expect("dir");
    for f in FILES {
        std::fs::copy(fixtures().join(f), input.join(f)).expect("copy fixture");
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_woo-redact"));
    cmd.arg("redact").arg(&input).arg("--out").arg(&out);
    if let Some(c) = config {
        let path = work.join("woo.toml");
        std::fs::write(&path, c).expect("config");
        cmd.arg("--config").arg(path);
    }
    let run = cmd.output().expect("binary runs");
    assert!(run.status.code().is_some(), "killed by a signal");
    let audit: Vec<Value> = std::fs::read_to_string(out.join("audit.jsonl"))
        .expect("audit")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    (work, input, out, audit)
}

fn published(audit: &[Value], out: &Path, f: &str) -> Result<PathBuf, String> {
    let rec = audit
        .iter()
        .find(|v| v["type"] == "file" && v["input"] == f)
        .unwrap_or_else(|| panic!("{f}: no audit record"));
    rec["output"]
        .as_str()
        .map(|o| out.join(o))
        .filter(|p| p.exists())
        .ok_or_else(|| format!("{f}: {} ({})", rec["status"], rec["reason"]))
}

fn touches(w: &Word, boxes: &[[f64; 4]]) -> bool {
    boxes
        .iter()
        .any(|b| w.x0 < b[2] && b[0] < w.x1 && w.y0 < b[3] && b[1] < w.y1)
}

#[test]
fn with_width_safe_gaps_every_word_outside_the_boxes_is_extracted_in_order() {
    let (_work, input, out, audit) = redact_fixtures("fidelity_gaps", None);
    let (mut outside, mut lost) = (0, 0);
    for f in FILES {
        let path = published(&audit, &out, f).unwrap_or_else(|e| panic!("{e}"));
        let boxes = boxes_by_page(&audit, f);
        let (before, after) = (words(&input.join(f)), words(&path));
        for (pi, page) in before.iter().enumerate() {
            let on_page: Vec<[f64; 4]> = boxes
                .iter()
                .filter(|b| b.0 == pi as u64 + 1)
                .map(|b| b.1)
                .collect();
            // the words outside the boxes, in pdftotext's order, must be found in the output in
            // the same order (wherever they now stand on their line)
            let now: Vec<&str> = after
                .get(pi)
                .map(|ws| ws.iter().map(|w| w.text.as_str()).collect())
                .unwrap_or_default();
            let mut at = 0;
            for w in page.iter().filter(|w| !touches(w, &on_page)) {
                outside += 1;
                match now[at..].iter().position(|t| *t == w.text) {
                    Some(k) => at += k + 1,
                    None => {
                        lost += 1;
                        println!(
                            "{f}: page {}: word outside boxes lost or out of order: {:?}",
                            pi + 1,
                            w.text
                        );
                    }
                }
            }
        }
    }
    println!("width-safe gaps: {outside} words outside boxes, {lost} lost or out of order");
    assert!(outside > 100, "the comparison saw too few words");
    assert_eq!(lost, 0, "words outside the boxes were lost or reordered");
}

#[test]
fn nothing_outside_the_boxes_changes_in_text_or_pixels() {
    let (work, input, out, audit) = redact_fixtures("fidelity", Some("width_safe_gaps = false\n"));
    let mut total = Counts::default();
    for f in FILES {
        let rec = audit
            .iter()
            .find(|v| v["type"] == "file" && v["input"] == *f)
            .unwrap_or_else(|| panic!("{f}: no audit record"));
        let published = match published(&audit, &out, f) {
            Ok(p) => p,
            Err(e) => {
                println!("{e}");
                total.errors += 1;
                continue;
            }
        };
        let boxes = boxes_by_page(&audit, f);
        let (before, after) = (words(&input.join(f)), words(&published));
        let mut c = Counts::default();
        for (pi, page) in before.iter().enumerate() {
            let on_page: Vec<[f64; 4]> = boxes
                .iter()
                .filter(|b| b.0 == pi as u64 + 1)
                .map(|b| b.1)
                .collect();
            for w in page {
                if touches(w, &on_page) {
                    continue;
                }
                c.words_outside += 1;
                let kept = after.get(pi).is_some_and(|ws| {
                    ws.iter().any(|o| {
                        o.text == w.text && (o.x0 - w.x0).abs() < 1.0 && (o.y0 - w.y0).abs() < 1.0
                    })
                });
                if !kept {
                    c.words_lost += 1;
                    println!(
                        "{f}: page {}: word lost outside boxes: {:?}",
                        pi + 1,
                        w.text
                    );
                }
            }
            let (w0, h0, a) = raster(
                &input.join(f),
                pi + 1,
                &work,
                &format!("{}-in", f.trim_end_matches(".pdf")),
            );
            let (w1, h1, b) = raster(
                &published,
                pi + 1,
                &work,
                &format!("{}-out", f.trim_end_matches(".pdf")),
            );
            assert_eq!((w0, h0), (w1, h1), "{f}: page size changed");
            let scale = DPI / 72.0;
            let px_boxes: Vec<[f64; 4]> = on_page
                .iter()
                .map(|r| {
                    [
                        r[0] * scale - BOX_MARGIN_PX,
                        r[1] * scale - BOX_MARGIN_PX,
                        r[2] * scale + BOX_MARGIN_PX,
                        r[3] * scale + BOX_MARGIN_PX,
                    ]
                })
                .collect();
            for y in 0..h0 {
                for x in 0..w0 {
                    let (fx, fy) = (x as f64 + 0.5, y as f64 + 0.5);
                    if px_boxes
                        .iter()
                        .any(|r| fx >= r[0] && fx <= r[2] && fy >= r[1] && fy <= r[3])
                    {
                        continue;
                    }
                    c.pixels_outside += 1;
                    if a[y * w0 + x].abs_diff(b[y * w0 + x]) > GREY_TOLERANCE {
                        c.pixels_changed += 1;
                    }
                }
            }
        }
        println!(
            "{f}: {} {} words outside boxes, {} lost; {} of {} pixels outside boxes changed",
            rec["status"], c.words_outside, c.words_lost, c.pixels_changed, c.pixels_outside
        );
        total.words_outside += c.words_outside;
        total.words_lost += c.words_lost;
        total.pixels_outside += c.pixels_outside;
        total.pixels_changed += c.pixels_changed;
    }
    println!(
        "TOTAL {} files: {} words outside boxes, {} lost; {} of {} pixels outside boxes changed ({:.4}%); {} errors",
        FILES.len(),
        total.words_outside,
        total.words_lost,
        total.pixels_changed,
        total.pixels_outside,
        100.0 * total.pixels_changed as f64 / total.pixels_outside.max(1) as f64,
        total.errors
    );
    assert_eq!(total.errors, 0, "every fidelity fixture must be published");
    assert!(
        total.words_outside > 100,
        "the comparison saw too few words"
    );
    assert_eq!(total.words_lost, 0, "words outside the boxes were lost");
    assert!(
        total.pixels_changed * 1000 <= total.pixels_outside,
        "more than 0.1% of the pixels outside the boxes changed"
    );
}
