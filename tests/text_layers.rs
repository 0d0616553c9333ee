//! Two or three layers of text over each other (fixtures/text_layers, built by scripts/make_text_layer_fixtures.sh from a hostile review): an invisible OCR layer over the typeset sentence at other widths, offsets, baselines, scalings, rotations, fonts, drawn word by word out of order, in forms, or a form's value on a printed fill line. No published file shows "Pieter Bakker" to poppler, and the rest of the page still reads.

use std::path::PathBuf;
use std::process::Command;

fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What poppler's pdftotext reads (in reading order, or `-raw`: in content-stream order).
fn poppler(pdf: &std::path::Path, raw: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if raw {
        cmd.arg("-raw");
    }
    let o = cmd.arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn no_file_with_a_name_in_two_text_layers_is_published_readable() {
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/text_layers");
    let files = std::fs::read_dir(&input).unwrap().count();
    assert!(files >= 130, "{files} fixtures");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .expect("redact runs");
    assert!(run.status.code().is_some(), "killed");
    let mut published = 0;
    let mut wrong = Vec::new();
    for e in std::fs::read_dir(out.join("publish")).unwrap() {
        let pdf = e.unwrap().path();
        published += 1;
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        let f = folded(&[poppler(&pdf, false), poppler(&pdf, true)].concat());
        for part in ["pieter", "bakker"] {
            if f.contains(part) {
                wrong.push(format!("{name}: {part} readable"));
            }
        }
        // nothing else of the page is lost: most of its letters still read
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
        let before = letters(&poppler(&input.join(&name), false));
        let after = letters(&poppler(&pdf, false));
        if after * 10 < before * 8 {
            wrong.push(format!("{name}: {after} of {before} letters still read"));
        }
    }
    // they are cleaned, not only held back
    assert!(
        published * 10 >= files * 9,
        "{published} of {files} published"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
