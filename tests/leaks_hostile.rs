//! The hostile leak corpus (fixtures/leaks, built by scripts/make_hostile_fixtures.py): every file hides a second person's name somewhere a reader can reach; a published (`ok`) output must give away none of the names, read by pdftotext, qpdf and the second parser.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use woo_redact::verify::fold::fold_lower;
use woo_redact::verify::judged::percent_decode;
use woo_redact::verify::second::read_second;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Folded for comparison: NFKC, invisible characters, look-alikes, case, whitespace removed.
fn folded(s: &str) -> String {
    fold_lower(&percent_decode(s))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} runs: {e}"));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What each reader makes of a PDF, reader name -> text.
fn readings(pdf: &Path) -> BTreeMap<&'static str, String> {
    let p = pdf.to_str().expect("utf-8 path");
    let mut out = BTreeMap::new();
    out.insert("pdftotext", tool("pdftotext", &[p, "-"]));
    out.insert("pdftotext -raw", tool("pdftotext", &["-raw", p, "-"]));
    out.insert(
        "qpdf",
        tool(
            "qpdf",
            &[
                "--qdf",
                "--object-streams=disable",
                "--stream-data=uncompress",
                p,
                "-",
            ],
        ),
    );
    let bytes = std::fs::read(pdf).expect("output readable");
    let second = read_second(&bytes).expect("the second parser opens every published output");
    let mut h = String::new();
    for (_, s) in &second.strings {
        h.push_str(&woo_redact::verify::pdfstrings::decode_text_bytes(s));
        h.push('\n');
    }
    for (_, d, _) in &second.streams {
        h.push_str(&String::from_utf8_lossy(d));
        h.push('\n');
    }
    out.insert("hayro", h);
    out
}

#[test]
fn no_hostile_file_is_published_with_a_name_a_reader_can_read() {
    let fixtures = root().join("fixtures/leaks");
    let truth: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("truth.json")).unwrap())
            .unwrap();
    let out = tempfile::tempdir().unwrap();
    // One run over the whole folder, as an officer would run a dossier (OCR off: the pixel
    // channel has its own tests; here every reader is a text reader).
    let cfg = out.path().join("cfg.toml");
    std::fs::write(&cfg, "ocr = \"never\"\n").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(&fixtures)
        .arg("--out")
        .arg(out.path().join("out"))
        .arg("--config")
        .arg(&cfg)
        .arg("--quiet")
        .output()
        .expect("redact runs");
    assert!(
        run.status.code().is_some(),
        "the batch never ends with a signal"
    );
    let audit = std::fs::read_to_string(out.path().join("out/audit.jsonl")).expect("audit");
    let status: BTreeMap<String, String> = audit
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["type"] == "file")
        .map(|l| {
            (
                l["input"].as_str().unwrap().to_string(),
                l["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut leaks = Vec::new();
    let mut published = 0;
    for t in &truth {
        let file = t["file"].as_str().unwrap();
        let st = status
            .get(file)
            .unwrap_or_else(|| panic!("{file}: no file record in the audit"));
        let output = out.path().join("out/publish").join(file);
        assert_eq!(
            st == "ok",
            output.exists(),
            "{file}: only ok files are in publish/ ({st})"
        );
        if st != "ok" {
            continue;
        }
        published += 1;
        let reads = readings(&output);
        for secret in t["secrets"].as_array().unwrap() {
            let secret = folded(secret.as_str().unwrap());
            for (reader, text) in &reads {
                if folded(text).contains(&secret) {
                    leaks.push(format!("{file}: {reader} reads a hidden name"));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "published with a readable name:\n{}",
        leaks.join("\n")
    );
    // Most hostile files are cleaned, not only refused: the tool is useful on them.
    assert!(
        published * 10 >= truth.len() * 6,
        "{published} of {} published",
        truth.len()
    );
}
