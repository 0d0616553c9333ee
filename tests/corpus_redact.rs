//! The whole corpus through `woo-redact redact`, checked from the outside against the truth files:
//! no sensitive string or token left for pdftotext or in the raw (qpdf-normalised) bytes, negatives
//! kept, expected errors and flags in the audit log, every output structurally sound.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    root().join("../shared/corpus")
}

fn normalise(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{2013}', '\u{2014}', '\u{2010}', '\u{2011}'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Occurrences of `needle` in `hay` on word boundaries (case-sensitive).
fn count_words(hay: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    hay.match_indices(needle)
        .filter(|(at, _)| {
            let before = hay[..*at].chars().next_back();
            let after = hay[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn pdftotext(p: &Path) -> String {
    pdftotext_with(p, &[])
}

fn pdftotext_with(p: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .arg(p)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    normalise(&String::from_utf8_lossy(&out.stdout))
}

fn raw_qpdf(p: &Path) -> String {
    let tmp = tempfile::NamedTempFile::new().expect("tmp");
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(p)
        .arg(tmp.path())
        .output()
        .expect("qpdf must be installed");
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 3),
        "qpdf failed on {}",
        p.display()
    );
    String::from_utf8_lossy(&std::fs::read(tmp.path()).expect("qdf")).into_owned()
}

#[test]
fn the_corpus_redacts_without_leaks_and_without_losing_public_text() {
    let out = tempfile::tempdir().expect("tmp");
    let status = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(corpus())
        .arg("--out")
        .arg(out.path())
        .arg("--config")
        .arg(root().join("config/corpus.toml"))
        .output()
        .map(|o| o.status)
        .expect("redact runs");
    assert_eq!(
        status.code(),
        Some(1),
        "the corpus has errors and a scan: the batch is not clean"
    );
    let audit: Vec<Value> = std::fs::read_to_string(out.path().join("audit.jsonl"))
        .expect("audit")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let status_of: HashMap<String, String> = audit
        .iter()
        .filter(|l| l["type"] == "file")
        .map(|l| {
            (
                l["input"].as_str().unwrap_or("").to_string(),
                l["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut docs = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    entries.sort();
    for input in entries {
        let name = input
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(input.with_extension("truth.json")).expect("truth"),
        )
        .expect("truth json");
        let output = ["publish", "review"]
            .iter()
            .map(|sub| out.path().join(sub).join(&name))
            .find(|p| p.exists())
            .unwrap_or_else(|| out.path().join("publish").join(&name));
        let status = status_of.get(&name).cloned().unwrap_or_default();
        if truth["expect"] == "error" {
            if status != "error" || output.exists() {
                problems.push(format!(
                    "{name}: expected an error and no output, got {status}"
                ));
            }
            continue;
        }
        let want = if truth["ocr_pages"].as_array().is_some_and(|a| !a.is_empty()) {
            "flagged"
        } else {
            "ok"
        };
        if status != want || !output.exists() {
            problems.push(format!(
                "{name}: status {status}, expected {want} with an output"
            ));
            continue;
        }
        // A file a person must check never lands where publishable files go.
        let folder = if want == "flagged" {
            "review"
        } else {
            "publish"
        };
        if !output.starts_with(out.path().join(folder)) {
            problems.push(format!(
                "{name}: {want} but written to {}",
                output.display()
            ));
        }
        docs += 1;
        let text = pdftotext(&output);
        let raw = raw_qpdf(&output);
        for s in truth["sensitive"].as_array().expect("sensitive") {
            let t = s["text"].as_str().unwrap_or("");
            let cat = s["category"].as_str().unwrap_or("");
            let mut needles: Vec<String> = vec![normalise(t)];
            if cat == "name" {
                needles.extend(
                    s["tokens"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|x| x.as_str())
                        .map(normalise),
                );
            }
            for n in &needles {
                let left = if matches!(cat, "phone" | "bsn" | "iban") {
                    let d = digits(n);
                    usize::from(d.len() >= 7 && digits(&text).contains(&d))
                } else if cat == "email" {
                    usize::from(text.to_lowercase().contains(&n.to_lowercase()))
                } else {
                    count_words(&text, n)
                };
                if left > 0 {
                    problems.push(format!("{name}: {cat} {n:?} left in the text ({left}x)"));
                }
                if n.chars().count() >= 4 && count_words(&raw, n) > 0 {
                    problems.push(format!("{name}: {cat} {n:?} left in the raw bytes"));
                }
            }
        }
        let before = pdftotext(&input);
        // Labels may land between two kept words in pdftotext's reading order: strip them.
        // and take the better of layout and content-stream reading order, as boxes drawn last
        // can change poppler's layout analysis while every glyph stays where it was.
        let strip = |t: &str| normalise(&t.replace("5.1, 2, e", " ").replace("5.1, 1, e", " "));
        let unlabelled = strip(&text);
        let unlabelled_raw = strip(&pdftotext_with(&output, &["-raw"]));
        for neg in truth["negatives"].as_array().expect("negatives") {
            let t = normalise(neg["text"].as_str().unwrap_or(""));
            // occurrences outside the sensitive spans (the truth's count), as far as pdftotext
            // sees them in the input at all (a line-end hyphen hides some from it)
            let b =
                (neg["occurrences"].as_u64().unwrap_or(0) as usize).min(count_words(&before, &t));
            let a = count_words(&unlabelled, &t).max(count_words(&unlabelled_raw, &t))
                + if neg["category"] == "woo_code" {
                    count_words(&text, &t)
                } else {
                    0
                };
            if a < b {
                problems.push(format!("{name}: public text {t:?} lost ({b} -> {a})"));
            }
        }
        let ok = Command::new("qpdf")
            .arg("--check")
            .arg(&output)
            .output()
            .map(|o| o.status)
            .expect("qpdf")
            .success();
        if !ok {
            problems.push(format!("{name}: qpdf --check fails"));
        }
    }
    assert!(docs >= 24, "only {docs} documents checked");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
