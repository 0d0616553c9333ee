//! The `redact` and `scan` commands end to end in a temporary folder: outputs, audit log, exit codes, idempotence.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_woo-redact"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn audit(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("audit.jsonl"))
        .expect("audit.jsonl written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("audit line is JSON"))
        .collect()
}

fn pdftotext(p: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(p)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed on {}", p.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn qpdf_ok(p: &Path) -> bool {
    Command::new("qpdf")
        .arg("--check")
        .arg(p)
        .output()
        .expect("qpdf must be installed")
        .status
        .success()
}

/// Findings of `scan` on one file: the strings it says must go.
fn scanned(file: &Path) -> Vec<Value> {
    let out = bin()
        .arg("scan")
        .arg(file)
        .arg("--config")
        .arg(root().join("config/corpus.toml"))
        .output()
        .expect("scan runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[test]
fn a_batch_with_a_bad_file_redacts_the_rest_and_says_the_batch_was_not_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        input.join("minutes.pdf"),
    )
    .expect("copy");
    std::fs::copy(
        root().join("fixtures/text/hyphenated_name.pdf"),
        input.join("hyphenated_name.pdf"),
    )
    .expect("copy");
    std::fs::write(input.join("notes.pdf"), b"this is not a PDF at all").expect("write");
    let status = bin()
        .arg("redact")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--config")
        .arg(root().join("config/corpus.toml"))
        .output()
        .map(|o| o.status)
        .expect("redact runs");
    assert_eq!(
        status.code(),
        Some(1),
        "a batch with an unreadable file must not exit 0"
    );
    let lines = audit(&out);
    let file_line = |name: &str| {
        lines
            .iter()
            .find(|l| l["type"] == "file" && l["input"] == name)
            .cloned()
            .expect("file line")
    };
    assert_eq!(file_line("notes.pdf")["status"], "error");
    assert!(
        file_line("notes.pdf")["reason"]
            .as_str()
            .unwrap_or("")
            .contains("not a PDF")
    );
    assert!(!out.join("publish/notes.pdf").exists());
    for name in ["minutes.pdf", "hyphenated_name.pdf"] {
        assert_eq!(
            file_line(name)["status"],
            "ok",
            "{name}: {}",
            file_line(name)
        );
        let redacted = out.join("publish").join(name);
        assert!(qpdf_ok(&redacted), "{name}: qpdf --check fails");
        let text = pdftotext(&redacted);
        let findings = scanned(&input.join(name));
        assert!(!findings.is_empty(), "{name}: nothing found to redact");
        for f in &findings {
            let s = f["text"]
                .as_str()
                .expect("text")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(!flat.contains(&s), "{name}: {s:?} still in the output text");
        }
        let boxes = lines
            .iter()
            .filter(|l| l["type"] == "redaction" && l["input"] == name)
            .count();
        assert!(
            text.matches("5.1, 2, e").count() >= boxes.min(1),
            "{name}: labels missing"
        );
    }
    // the audit log holds no removed text
    let raw = std::fs::read_to_string(out.join("audit.jsonl")).expect("audit");
    for f in scanned(&input.join("minutes.pdf")) {
        let s = f["text"].as_str().expect("text");
        if s.chars().count() >= 4 {
            assert!(!raw.contains(s), "the audit log repeats removed text {s:?}");
        }
    }
}

#[test]
fn redacting_an_output_again_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let first = tmp.path().join("first");
    let second = tmp.path().join("second");
    let cfg = root().join("config/corpus.toml");
    let run = |input: &Path, out: &Path| {
        bin()
            .arg("redact")
            .arg(input)
            .arg("--out")
            .arg(out)
            .arg("--config")
            .arg(&cfg)
            .output()
            .map(|o| o.status)
            .expect("runs")
    };
    assert!(run(&root().join("fixtures/example/minutes.pdf"), &first).success());
    assert!(run(&first.join("publish/minutes.pdf"), &second).success());
    let again = audit(&second);
    let boxes = again.iter().filter(|l| l["type"] == "redaction").count();
    assert_eq!(boxes, 0, "the second pass found more to redact: {again:?}");
    assert_eq!(
        pdftotext(&first.join("publish/minutes.pdf")),
        pdftotext(&second.join("publish/minutes.pdf"))
    );
}

#[test]
fn scan_writes_one_json_line_per_finding_with_the_documented_fields() {
    let findings = scanned(&root().join("fixtures/example/minutes.pdf"));
    assert!(findings.len() > 5);
    for f in &findings {
        for key in [
            "file", "page", "start", "end", "text", "category", "ground", "rule", "reason",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
}

#[test]
fn an_output_folder_inside_the_input_folder_is_not_read_as_input_on_the_next_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        tmp.path().join("minutes.pdf"),
    )
    .expect("copy");
    let out = tmp.path().join("out");
    for _ in 0..2 {
        let status = bin()
            .arg("redact")
            .arg("--overwrite")
            .arg(tmp.path())
            .arg("--out")
            .arg(&out)
            .arg("--config")
            .arg(root().join("config/corpus.toml"))
            .output()
            .map(|o| o.status)
            .expect("runs");
        assert!(status.success());
    }
    let files = audit(&out).iter().filter(|l| l["type"] == "file").count();
    assert_eq!(
        files, 1,
        "the second run read its own earlier output as input"
    );
}
