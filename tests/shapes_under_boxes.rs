//! Vector shapes under a box are removed, not covered (fixtures/covered, built by scripts/make_covered_fixtures.py): outlines, strokes, clipping paths and a signature a box hides are gone from the published file, so deleting the boxes shows nothing; the rest of the page looks as before.
//!
//! The oracle is poppler: each box of the output is made transparent (its `f` turned into `n` in
//! a `qpdf --qdf` copy), the page is rendered by `pdftoppm`, and the pixels inside the box must
//! be blank. The same regions of the input must hold ink (the check can fail).

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/covered")
}

/// Raster resolution of the checks.
const DPI: f64 = 72.0;
/// Pixels around each box that antialiasing of the box edge or a neighbour may touch.
const MARGIN_PX: i64 = 2;

fn truth() -> Vec<Value> {
    serde_json::from_str(&std::fs::read_to_string(fixtures().join("truth.json")).unwrap()).unwrap()
}

/// One run over the fixtures into `dir/out` (`config`: TOML of `--config`, if any; `decisions`
/// if given); exits with `code`.
fn run(
    dir: &Path,
    config: Option<&str>,
    decisions: Option<&Path>,
    code: i32,
) -> std::collections::BTreeMap<String, (String, String)> {
    let (input, out, cfg) = (fixtures(), dir.join("out"), dir.join("config.toml"));
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
        &"redact",
        &input,
        &"--out",
        &out,
        &"--quiet",
        &"--overwrite",
    ];
    if let Some(c) = config {
        std::fs::write(&cfg, c).unwrap();
        args.push(&"--config");
        args.push(&cfg);
    }
    if let Some(d) = &decisions {
        args.push(&"--decisions");
        args.push(d);
    }
    let run = support::bin(&args);
    assert_eq!(
        run.status.code(),
        Some(code),
        "{}",
        support::text(&run.stderr)
    );
    support::audit_files(&out.join("audit.jsonl"))
}

/// Pixels outside every box (grown by the margin) that differ between two rasters.
fn changed_outside(
    a: &(usize, usize, Vec<u8>),
    b: &(usize, usize, Vec<u8>),
    boxes: &[[f64; 4]],
    page_h: f64,
) -> usize {
    assert_eq!((a.0, a.1), (b.0, b.1), "page size changed");
    let s = DPI / 72.0;
    let inside = |x: i64, y: i64| {
        boxes.iter().any(|bx| {
            let x0 = (bx[0] * s).floor() as i64 - MARGIN_PX;
            let x1 = ((bx[0] + bx[2]) * s).ceil() as i64 + MARGIN_PX;
            let y0 = ((page_h - bx[1] - bx[3]) * s).floor() as i64 - MARGIN_PX;
            let y1 = ((page_h - bx[1]) * s).ceil() as i64 + MARGIN_PX;
            x >= x0 && x <= x1 && y >= y0 && y <= y1
        })
    };
    let mut n = 0;
    for y in 0..a.1 {
        for x in 0..a.0 {
            let (p, q) = (a.2[y * a.0 + x], b.2[y * a.0 + x]);
            if p.abs_diff(q) > 64 && !inside(x as i64, y as i64) {
                n += 1;
            }
        }
    }
    n
}

/// The secret is not extracted from a published output and its boxes hide nothing (made
/// transparent, nothing is drawn under them, where the input had ink). Returns what is wrong.
fn nothing_under_the_boxes(
    input: &Path,
    output: &Path,
    secret: &[&str],
    dir: &Path,
) -> Vec<String> {
    let mut wrong = Vec::new();
    let name = input.file_name().unwrap().to_string_lossy().into_owned();
    let text = support::pdftotext(output);
    for s in secret {
        if text.contains(s) {
            wrong.push(format!("{name}: {s:?} is still extracted"));
        }
    }
    let (boxes, transparent) = support::boxes_made_transparent(output, dir);
    if boxes.is_empty() {
        wrong.push(format!("{name}: no box found in the output"));
    }
    let before = support::raster(input, 1, DPI, dir, "in");
    let open = support::raster(&transparent, 1, DPI, dir, "open");
    let page_h = before.1 as f64 * 72.0 / DPI;
    for b in &boxes {
        let was = support::ink_inside(&before, b, page_h, DPI);
        let left = support::ink_inside(&open, b, page_h, DPI);
        if was < 20 {
            wrong.push(format!(
                "{name}: box {b:?} covers no ink in the input ({was} px)"
            ));
        }
        if left > 0 {
            wrong.push(format!(
                "{name}: box {b:?}: {left} px still drawn under it ({was} before)"
            ));
        }
    }
    wrong
}

/// Pixels outside the boxes of a published output that differ from its input (run with
/// width-safe gaps off: with them on, a gap narrower than the removed name leaves the name's
/// outlines beyond its box removed, by design).
fn changed_outside_the_boxes(input: &Path, output: &Path, dir: &Path) -> usize {
    let (boxes, _) = support::boxes_made_transparent(output, dir);
    let before = support::raster(input, 1, DPI, dir, "in");
    let after = support::raster(output, 1, DPI, dir, "out");
    let page_h = before.1 as f64 * 72.0 / DPI;
    changed_outside(&before, &after, &boxes, page_h)
}

fn secret(t: &Value) -> Vec<&str> {
    t["secret"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn shapes_under_a_box_are_removed_and_the_rest_of_the_page_stays() {
    let dir = tempfile::tempdir().unwrap();
    let truth = truth();
    assert!(truth.len() >= 5);
    let mut wrong = Vec::new();
    // Without the reviewer's areas (and with width-safe gaps off, so that nothing moves): every
    // page is published (the name drawn with no text layer is read by OCR and removed) and looks
    // as before outside its boxes.
    let files = run(dir.path(), Some("width_safe_gaps = false\n"), None, 0);
    for t in &truth {
        let file = t["file"].as_str().unwrap();
        let (status, reason) = &files[file];
        assert_eq!(status, "ok", "{file}: {reason}");
        let out = dir.path().join("out/publish").join(file);
        let changed = changed_outside_the_boxes(&fixtures().join(file), &out, dir.path());
        if changed > 0 {
            wrong.push(format!("{file}: {changed} px changed outside the boxes"));
        }
    }
    // With them, added to the run's decisions file as a reviewer would, and the default
    // configuration: every file is published, and nothing is left under its boxes.
    let areas: Vec<Value> = truth
        .iter()
        .flat_map(|t| {
            t["areas"].as_array().unwrap().iter().map(move |a| {
                serde_json::json!({"doc": t["file"], "page": 1, "rect": a, "note": "handtekening"})
            })
        })
        .collect();
    assert!(!areas.is_empty());
    let mut table: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/decisions.json")).unwrap(),
    )
    .unwrap();
    table["review"] = serde_json::json!({ "areas": areas });
    let decisions = dir.path().join("beslissingen.json");
    std::fs::write(&decisions, table.to_string()).unwrap();
    let files = run(dir.path(), None, Some(&decisions), 0);
    for t in &truth {
        let file = t["file"].as_str().unwrap();
        let (status, reason) = &files[file];
        if status != "ok" {
            wrong.push(format!("{file}: {status}: {reason}"));
            continue;
        }
        let (input, out) = (
            fixtures().join(file),
            dir.path().join("out/publish").join(file),
        );
        wrong.extend(nothing_under_the_boxes(
            &input,
            &out,
            &secret(t),
            dir.path(),
        ));
        if t["group"] == "area" {
            // a reviewer's boxes never move
            let changed = changed_outside_the_boxes(&input, &out, dir.path());
            if changed > 0 {
                wrong.push(format!("{file}: {changed} px changed outside the boxes"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
