//! The document title survives redaction when it holds no personal data (publication metadata needs it), and goes when it does; the author always goes.

use lopdf::{Dictionary, Document, Object, StringFormat};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn with_info(src: &Path, dst: &Path, title: &str, author: &str) {
    let mut doc = Document::load(src).expect("load");
    let mut info = Dictionary::new();
    info.set(
        "Title",
        Object::String(title.as_bytes().to_vec(), StringFormat::Literal),
    );
    info.set(
        "Author",
        Object::String(author.as_bytes().to_vec(), StringFormat::Literal),
    );
    let id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(id));
    doc.save(dst).expect("save");
}

fn pdfinfo(p: &Path) -> String {
    let o = Command::new("pdfinfo")
        .arg(p)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn redact(input: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--config")
        .arg(root().join("config/corpus.toml"))
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A name the detector removes from the example's pages.
fn a_removed_name() -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("scan")
        .arg(root().join("fixtures/example/minutes.pdf"))
        .arg("--config")
        .arg(root().join("config/corpus.toml"))
        .output()
        .expect("scan");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|f| f["category"] == "name" && f["text"].as_str().is_some_and(|t| t.contains(' ')))
        .and_then(|f| f["text"].as_str().map(str::to_string))
        .expect("a full name in the example")
}

#[test]
fn a_clean_title_is_kept_and_the_author_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("notulen.pdf");
    with_info(
        &root().join("fixtures/example/minutes.pdf"),
        &input,
        "Notulen commissievergadering Sociaal Domein",
        "Wilhelmina Hoekstra",
    );
    let out = tmp.path().join("out");
    redact(&input, &out);
    let info = pdfinfo(&out.join("publish/notulen.pdf"));
    assert!(
        info.contains("Notulen commissievergadering Sociaal Domein"),
        "{info}"
    );
    assert!(!info.contains("Hoekstra"), "{info}");
}

#[test]
fn a_title_with_a_removed_name_is_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("gesprek.pdf");
    let name = a_removed_name();
    with_info(
        &root().join("fixtures/example/minutes.pdf"),
        &input,
        &format!("Verslag gesprek met {name}"),
        "x",
    );
    let out = tmp.path().join("out");
    redact(&input, &out);
    let info = pdfinfo(&out.join("publish/gesprek.pdf"));
    assert!(!info.contains(&name), "{info}");
    assert!(!info.contains("Verslag gesprek"), "{info}");
}
