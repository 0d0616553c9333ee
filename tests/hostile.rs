//! Hostile inputs that hide personal data where a naive redactor does not look: each is read and redacted, flagged, or refused.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const PII: [&str; 4] = [
    "j.devries@gmail.com",
    "111222333",
    "Jan de Vries",
    "06-12345678",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Redacts one hostile fixture; returns (status, output path if written, output dir).
fn redact(name: &str) -> (String, Option<PathBuf>, tempfile::TempDir) {
    let out = tempfile::tempdir().expect("tmp");
    let input = root().join("fixtures/hostile").join(name);
    Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(&input)
        .arg("--out")
        .arg(out.path())
        .output()
        .map(|o| o.status)
        .expect("redact runs");
    let audit = std::fs::read_to_string(out.path().join("audit.jsonl")).expect("audit");
    let status = audit
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json"))
        .find(|l| l["type"] == "file")
        .map(|l| l["status"].as_str().unwrap_or("").to_string())
        .expect("file line");
    // Only publish/ and review/ hold outputs a reader could get hold of; quarantine/ is not published.
    let output = ["publish", "review"]
        .iter()
        .map(|sub| out.path().join(sub).join(name))
        .find(|p| p.exists());
    (status, output, out)
}

fn pdftotext(p: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(p)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn qdf(p: &Path) -> String {
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(p)
        .arg("-")
        .output()
        .expect("qpdf must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_font_set_by_extgstate_is_read_and_its_text_redacted() {
    let (status, output, _dir) = redact("font_set_by_extgstate.pdf");
    assert_eq!(status, "ok");
    let text = pdftotext(&output.expect("written"));
    for p in PII {
        assert!(!text.contains(p), "{p} left");
    }
}

#[test]
fn text_we_cannot_read_flags_the_file_for_manual_review() {
    for name in [
        "forms_nested_30_deep.pdf",
        "font_resource_missing.pdf",
        "text_in_tiling_pattern.pdf",
    ] {
        let (status, _, _dir) = redact(name);
        assert_eq!(status, "flagged", "{name} must not pass as clean");
    }
}

#[test]
fn a_finding_without_locatable_glyphs_fails_and_is_not_published() {
    let (status, output, _dir) = redact("actualtext_over_blank_glyphs.pdf");
    assert_eq!(status, "failed");
    assert!(
        output.is_none(),
        "a failed file must not be in the output folder"
    );
}

#[test]
fn alt_and_e_in_marked_content_are_scrubbed() {
    let (status, output, _dir) = redact("alt_in_marked_content.pdf");
    assert_eq!(status, "ok");
    let raw = qdf(&output.expect("written"));
    for p in PII {
        assert!(!raw.contains(p), "{p} left in the raw bytes");
    }
}
