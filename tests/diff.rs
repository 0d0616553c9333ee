//! `woo-redact diff` through the real binary: a reviewer sees every removed name as removed, page by page, coloured only when asked or on a terminal.

use serde_json::Value;
use std::path::{Path, PathBuf};
mod support;
use support::{bin, text};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn findings(input: &Path) -> Vec<(u64, String)> {
    let o = bin(&[
        &"scan",
        &input,
        &"--config",
        &root().join("config/corpus.toml"),
    ]);
    text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["category"] == "name")
        .map(|v| {
            (
                v["page"].as_u64().unwrap(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_removed_name_shows_as_removed_and_never_as_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let input = root().join("fixtures/example/minutes.pdf");
    let out = tmp.path().join("out");
    let o = bin(&[
        &"redact",
        &input,
        &"--out",
        &out,
        &"--config",
        &root().join("config/corpus.toml"),
        &"-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    // by output folder (the audit finds the output) and by file give the same diff
    let by_folder = bin(&[&"diff", &input, &out]);
    assert_eq!(
        by_folder.status.code(),
        Some(0),
        "{}",
        text(&by_folder.stderr)
    );
    let output = out.join("publish/minutes.pdf");
    let by_file = bin(&[&"diff", &input, &output]);
    let d = text(&by_folder.stdout);
    assert_eq!(d, text(&by_file.stdout));
    assert!(!d.contains('\x1b'), "no colour when not on a terminal");
    assert!(d.contains("page 1\n"), "{d}");

    let names = findings(&input);
    assert!(names.len() >= 5, "{names:?}");
    let removed: String = d
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .collect::<Vec<_>>()
        .join("\n");
    let kept: String = d
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect::<Vec<_>>()
        .join("\n");
    for (page, name) in &names {
        let first = name.split_whitespace().next().unwrap();
        assert!(
            removed.contains(first),
            "{name:?} (page {page}) is not shown as removed"
        );
        assert!(
            !kept.contains(name.as_str()),
            "{name:?} (page {page}) shows as kept"
        );
    }
    // and the label that replaced them shows as added
    assert!(kept.contains("5.1, 2, e"), "{kept}");

    // coloured when asked: removed lines red, added green
    let c = text(&bin(&[&"diff", &input, &out, &"--color", &"always"]).stdout);
    let (_, name) = &names[0];
    let first = name.split_whitespace().next().unwrap();
    assert!(
        c.lines()
            .any(|l| l.starts_with("\x1b[31m-") && l.contains(first)),
        "{c}"
    );
    assert!(c.lines().any(|l| l.starts_with("\x1b[32m+")));
}

#[test]
fn a_file_that_is_not_an_input_of_the_run_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let input = root().join("fixtures/example/minutes.pdf");
    bin(&[
        &"redact",
        &input,
        &"--out",
        &out,
        &"--config",
        &root().join("config/corpus.toml"),
        &"-q",
    ]);
    let other = tmp.path().join("other.pdf");
    std::fs::write(&other, b"%PDF-1.4\n").unwrap();
    let o = bin(&[&"diff", &other, &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("other.pdf"), "{}", text(&o.stderr));
}
