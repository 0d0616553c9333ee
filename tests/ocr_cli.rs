//! Scanned pages through the `redact` command: OCR in pass 1, pixels and text layer in pass 2, pixel re-read in verification, OCR pages and confidence in the audit; a missing tesseract flags the scan, never passes it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scans() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scans")
}

fn run(files: &[&str], path_env: Option<&str>) -> (tempfile::TempDir, Vec<Value>) {
    run_with(files, path_env, None)
}

fn run_with(
    files: &[&str],
    path_env: Option<&str>,
    config: Option<&str>,
) -> (tempfile::TempDir, Vec<Value>) {
    let input = tempfile::tempdir().expect("tmp");
    for f in files {
        std::fs::copy(scans().join(f), input.path().join(f)).expect("copy fixture");
    }
    let out = tempfile::tempdir().expect("tmp");
    let out_dir = out.path().join("out");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_woo-redact"));
    cmd.arg("redact")
        .arg(input.path())
        .arg("--out")
        .arg(&out_dir)
        .arg("--quiet");
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    if let Some(c) = config {
        let path = out.path().join("config.toml");
        std::fs::write(&path, c).expect("config");
        cmd.arg("--config").arg(path);
    }
    let o = cmd.output().expect("runs");
    assert!(
        o.status.code().is_some(),
        "no exit code: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let audit: Vec<Value> = std::fs::read_to_string(out_dir.join("audit.jsonl"))
        .expect("audit")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    (out, audit)
}

fn file_record<'a>(audit: &'a [Value], name: &str) -> &'a Value {
    audit
        .iter()
        .find(|r| r["type"] == "file" && r["input"] == name)
        .unwrap_or_else(|| panic!("no record for {name}"))
}

fn pdftotext(p: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(p)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_scan_is_ocrd_redacted_verified_and_audited_and_a_poor_one_goes_to_review() {
    let (out, audit) = run(&["scan_g4_300.pdf", "scan_poor_150.pdf"], None);
    let good = file_record(&audit, "scan_g4_300.pdf");
    assert_eq!(good["status"], "ok", "{good}");
    assert_eq!(good["ocr"][0]["page"], 1, "{good}");
    assert!(
        good["ocr"][0]["mean_confidence"]
            .as_f64()
            .expect("confidence")
            >= 75.0
    );
    assert!(good["redactions"].as_u64().expect("count") >= 2, "{good}");
    assert_eq!(
        good["verification"]["pixels_reread"][0]["page"], 1,
        "{good}"
    );
    let published = out.path().join("out/publish/scan_g4_300.pdf");
    let text = pdftotext(&published);
    assert!(!text.contains("Schoonderwoerd"), "{text}");
    assert!(
        text.contains("bouwplannen"),
        "kept words are searchable: {text}"
    );
    let poor = file_record(&audit, "scan_poor_150.pdf");
    assert_eq!(poor["status"], "flagged", "{poor}");
    assert!(
        poor["flagged_pages"][0]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("OCR confidence"),
        "{poor}"
    );
    assert!(out.path().join("out/review/scan_poor_150.pdf").exists());
}

#[test]
fn without_tesseract_a_scan_is_flagged_with_the_reason_never_passed() {
    let (out, audit) = run(&["scan_g4_300.pdf"], Some("/nonexistent"));
    let rec = file_record(&audit, "scan_g4_300.pdf");
    assert_eq!(rec["status"], "flagged", "{rec}");
    let reason = rec["flagged_pages"][0]["reason"]
        .as_str()
        .unwrap_or_default();
    assert!(reason.contains("tesseract"), "{rec}");
    assert!(!out.path().join("out/publish/scan_g4_300.pdf").exists());
}

#[test]
fn ocr_always_reads_both_the_text_layer_and_the_images() {
    let (out, audit) = run_with(
        &["panel.pdf", "mixed.pdf"],
        None,
        Some("ocr = \"always\"\n"),
    );
    let panel = file_record(&audit, "panel.pdf");
    assert_eq!(panel["status"], "ok", "{panel}");
    assert_eq!(panel["ocr"].as_array().map(Vec::len), Some(2), "{panel}");
    let text = pdftotext(&out.path().join("out/publish/panel.pdf"));
    assert!(
        !text.contains("Amrani"),
        "the text-layer name is removed: {text}"
    );
    assert!(text.contains("Jaarverslag Wijkcentrum Noord"), "{text}");
    let mixed = file_record(&audit, "mixed.pdf");
    assert_eq!(mixed["status"], "ok", "{mixed}");
    let text = pdftotext(&out.path().join("out/publish/mixed.pdf"));
    assert!(!text.contains("Donkersloot"), "{text}");
}
