//! Sanitise + save every readable corpus PDF: qpdf must accept the output, and personal data that lived only outside the page text (metadata, annotations, outline, old revisions) must be gone.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::Document;
use woo_redact::redact::sanitize::{PageAreas, SanitizeOptions, sanitize};
use woo_redact::redact::save::save_clean;
use woo_redact::verify::{Channel, verify_document};

mod support;
use support::NameJudge;

fn corpus() -> PathBuf {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if local.exists() {
        local
    } else {
        PathBuf::from("/work/shared/corpus")
    }
}

fn run(cmd: &str, args: &[&str]) -> std::process::Output {
    Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("`{cmd}` is needed as a test oracle (apt-get install -y poppler-utils qpdf): {e}")
    })
}

#[test]
fn corpus_outputs_pass_qpdf_and_lose_non_text_personal_data() {
    let dir = corpus();
    assert!(dir.exists(), "shared corpus missing at {}", dir.display());
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    entries.sort();
    for pdf in entries {
        let Ok(truth_text) = std::fs::read_to_string(pdf.with_extension("truth.json")) else {
            continue;
        };
        let truth: serde_json::Value = serde_json::from_str(&truth_text).expect("truth json");
        if truth["expect"] != "redact" {
            continue;
        }
        let name = pdf
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let sensitive = truth["sensitive"].as_array().cloned().unwrap_or_default();
        let all: Vec<String> = sensitive
            .iter()
            .filter_map(|s| s["text"].as_str().map(str::to_string))
            .collect();
        // Strings that occur nowhere in the page text: sanitising alone must remove them.
        let outside: Vec<String> = sensitive
            .iter()
            .filter(|s| {
                let ch = &s["channels"];
                ch.get("text").is_none() && ch.get("pixels").is_none()
            })
            .filter_map(|s| s["text"].as_str().map(str::to_string))
            .filter(|t| {
                !all.iter()
                    .any(|o| o != t && o.contains(t.as_str()) && !outside_only(&sensitive, o))
            })
            .collect();
        let mut doc = Document::load(&pdf).unwrap_or_else(|e| panic!("{name}: load: {e}"));
        sanitize(
            &mut doc,
            &NameJudge(all.clone()),
            &PageAreas::new(),
            &SanitizeOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{name}: sanitize: {e}"));
        let bytes = save_clean(&mut doc).unwrap_or_else(|e| panic!("{name}: save: {e}"));
        let out = tmp.path().join(&name);
        std::fs::write(&out, &bytes).expect("write");
        let ps = out.to_str().unwrap_or_default();
        let check = run("qpdf", &["--check", ps]);
        assert!(
            check.status.success(),
            "{name}: qpdf --check fails:\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let meta = String::from_utf8_lossy(&run("pdfinfo", &["-meta", ps]).stdout).into_owned();
        let info = String::from_utf8_lossy(&run("pdfinfo", &[ps]).stdout).into_owned();
        for s in &all {
            assert!(
                !meta.contains(s.as_str()) && !info.contains(s.as_str()),
                "{name}: metadata keeps a name"
            );
        }
        if !outside.is_empty() {
            let pages = Document::load_mem(&bytes)
                .map(|d| d.get_pages().len())
                .unwrap_or(0);
            let texts: Vec<String> = (1..=pages)
                .map(|p| {
                    let p = p.to_string();
                    String::from_utf8_lossy(
                        &run("pdftotext", &["-f", &p, "-l", &p, ps, "-"]).stdout,
                    )
                    .into_owned()
                })
                .collect();
            let r = verify_document(&bytes, &outside, &texts);
            assert!(
                r.is_complete(),
                "{name}: verification incomplete: {:?}",
                r.incomplete
            );
            assert!(
                r.findings.is_empty(),
                "{name}: left outside the page text: {:?}",
                r.findings
            );
            // The same check on the input must find them (the check can fail).
            let before = verify_document(&std::fs::read(&pdf).expect("input"), &outside, &[]);
            assert!(
                before
                    .findings
                    .iter()
                    .any(|f| f.channel != Channel::OwnExtraction),
                "{name}: input should hold its non-text personal data"
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} corpus files checked");
}

/// Whether the string with text `t` is itself listed only outside the page text.
fn outside_only(sensitive: &[serde_json::Value], t: &str) -> bool {
    sensitive.iter().any(|s| {
        s["text"].as_str() == Some(t)
            && s["channels"].get("text").is_none()
            && s["channels"].get("pixels").is_none()
    })
}
