//! The text layer against the shared corpus: every text-channel truth string is found whole, and our words agree with pdftotext's.
//!
//! Needs `../shared/corpus` beside the checkout (CI has it) and poppler-utils (`pdftotext`).

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use woo_redact::extract::extract_bytes;
use woo_redact::pdf::Limits;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn corpus_pdfs() -> Vec<(PathBuf, Value)> {
    let dir = corpus();
    assert!(
        dir.is_dir(),
        "the shared corpus is missing at {}",
        dir.display()
    );
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("read corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let truth = path.with_extension("truth.json");
            let truth: Value =
                serde_json::from_str(&std::fs::read_to_string(&truth).expect("truth file"))
                    .expect("truth json");
            out.push((path, truth));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        out.len() >= 20,
        "expected the full corpus, found {} PDFs",
        out.len()
    );
    out
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_text_channel_truth_string_is_in_the_extracted_text() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for (path, truth) in corpus_pdfs() {
        if truth["expect"] != "redact" {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read pdf");
        let doc = extract_bytes(&bytes, &Limits::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut all = String::new();
        for page in &doc.pages {
            let page = page
                .as_ref()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            all.push_str(&page.text.search);
            all.push('\n');
        }
        let all = normalise(&all);
        for s in truth["sensitive"].as_array().expect("sensitive") {
            if s["channels"]["text"].as_u64().unwrap_or(0) == 0 {
                continue;
            }
            let want = normalise(s["text"].as_str().expect("text"));
            checked += 1;
            if !all.contains(&want) {
                missing.push(format!(
                    "{}: {:?}",
                    path.file_name().unwrap().to_string_lossy(),
                    want
                ));
            }
        }
    }
    assert!(checked > 500, "only {checked} truth strings checked");
    assert!(
        missing.is_empty(),
        "{} of {checked} text-layer truth strings not extracted:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

fn words(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in s.split_whitespace() {
        *m.entry(w.to_string()).or_insert(0) += 1;
    }
    m
}

#[test]
fn words_agree_with_pdftotext() {
    let mut report = Vec::new();
    let mut worst = 1.0f64;
    for (path, truth) in corpus_pdfs() {
        if truth["expect"] != "redact" {
            continue;
        }
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) must be installed: .ci/run installs it");
        assert!(
            out.status.success(),
            "pdftotext failed on {}",
            path.display()
        );
        let theirs = words(&String::from_utf8_lossy(&out.stdout));
        let bytes = std::fs::read(&path).expect("read pdf");
        let doc = extract_bytes(&bytes, &Limits::default()).expect("extract");
        let ours_text: String = doc
            .pages
            .iter()
            .filter_map(|p| p.as_ref().ok())
            .map(|p| p.text.text.clone())
            .collect::<Vec<_>>()
            .join("\n");
        let ours = words(&ours_text);
        let common: usize = theirs
            .iter()
            .map(|(w, n)| (*n).min(*ours.get(w).unwrap_or(&0)))
            .sum();
        let n_theirs: usize = theirs.values().sum();
        let n_ours: usize = ours.values().sum();
        let agree = common as f64 / n_theirs.max(n_ours).max(1) as f64;
        worst = worst.min(agree);
        report.push(format!(
            "{:<28} {:.4} (ours {n_ours}, pdftotext {n_theirs})",
            path.file_name().unwrap().to_string_lossy(),
            agree
        ));
        if agree < 0.98 {
            let mut diff: Vec<String> = theirs
                .iter()
                .filter(|(w, n)| ours.get(*w).copied().unwrap_or(0) < **n)
                .map(|(w, _)| w.clone())
                .take(15)
                .collect();
            diff.sort();
            report.push(format!("   missing vs pdftotext: {diff:?}"));
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        worst >= 0.98,
        "word agreement with pdftotext below 98%:\n{}",
        report.join("\n")
    );
}

#[test]
fn encrypted_and_truncated_files_give_distinct_clear_errors() {
    let dir = corpus();
    let enc = std::fs::read(dir.join("hard_h_encrypted.pdf")).expect("read");
    let trunc = std::fs::read(dir.join("hard_i_truncated.pdf")).expect("read");
    let Err(e1) = extract_bytes(&enc, &Limits::default()) else {
        panic!("the encrypted file must fail");
    };
    let Err(e2) = extract_bytes(&trunc, &Limits::default()) else {
        panic!("the truncated file must fail");
    };
    let (e1, e2) = (e1.to_string(), e2.to_string());
    assert!(e1.contains("encrypted") && e1.contains("password"), "{e1}");
    assert!(e2.contains("damaged") && e2.contains("truncated"), "{e2}");
}

#[test]
fn image_only_page_is_reported_as_needing_review() {
    let bytes = std::fs::read(corpus().join("hard_g_image.pdf")).expect("read");
    let doc = extract_bytes(&bytes, &Limits::default()).expect("extract");
    let flagged: Vec<usize> = doc
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.as_ref().is_ok_and(|p| p.content.has_no_text_layer()))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(flagged, vec![3]);
}
