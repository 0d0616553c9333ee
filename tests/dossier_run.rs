//! A dossier run as a Woo officer does it, through the real binary: a safe output folder, same-named files, resume, interruption, usage errors, hashes in the audit, determinism and progress.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> PathBuf {
    root().join("fixtures/example/minutes.pdf")
}

fn redact(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_woo-redact"));
    c.arg("redact");
    for a in args {
        c.arg(a);
    }
    c.arg("--config")
        .arg(root().join("config/corpus.toml"))
        .stdin(Stdio::null())
        .output()
        .expect("woo-redact runs")
}

fn audit(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("audit.jsonl"))
        .expect("audit.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

fn file_records(out: &Path) -> Vec<Value> {
    audit(out)
        .into_iter()
        .filter(|l| l["type"] == "file")
        .collect()
}

fn sha256sum(p: &Path) -> String {
    let o = Command::new("sha256sum")
        .arg(p)
        .output()
        .expect("sha256sum");
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string()
}

fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn same_named_files_in_two_subfolders_both_come_out_with_their_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("verzoek");
    for sub in ["Bijlagen bij mail", "Mail 2"] {
        std::fs::create_dir_all(input.join(sub)).unwrap();
        std::fs::copy(example(), input.join(sub).join("bijlage.pdf")).unwrap();
    }
    let out = tmp.path().join("out");
    let o = redact(&[&input, &"--out", &out]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for sub in ["Bijlagen bij mail", "Mail 2"] {
        assert!(
            out.join("publish").join(sub).join("bijlage.pdf").exists(),
            "{sub}"
        );
    }
    let inputs: Vec<String> = file_records(&out)
        .iter()
        .map(|r| r["input"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        inputs,
        ["Bijlagen bij mail/bijlage.pdf", "Mail 2/bijlage.pdf"]
    );
}

#[test]
fn a_flagged_file_goes_to_review_never_to_publish() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(example(), input.join("notulen.pdf")).unwrap();
    // text drawn by a tiling pattern cannot be read: the page needs a person
    std::fs::copy(
        root().join("fixtures/hostile/text_in_tiling_pattern.pdf"),
        input.join("patroon.pdf"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = redact(&[&input, &"--out", &out]);
    assert_eq!(o.status.code(), Some(1), "a file to review: not clean");
    assert!(out.join("review/patroon.pdf").exists());
    assert!(!out.join("publish/patroon.pdf").exists());
    assert!(out.join("publish/notulen.pdf").exists());
    let published = pdfs_under(&out.join("publish"));
    assert_eq!(published, [out.join("publish/notulen.pdf")]);
}

#[test]
fn a_non_empty_output_folder_is_refused_without_resume_or_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("oud.pdf"), b"earlier").unwrap();
    let o = redact(&[&example(), &"--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--resume") && err.contains("--overwrite"),
        "{err}"
    );
    assert_eq!(pdfs_under(&out), [out.join("oud.pdf")], "nothing written");
    // --overwrite never deletes what this tool did not write
    let o = redact(&[&example(), &"--out", &out, &"--overwrite"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out.join("oud.pdf").exists());
}

#[test]
fn resume_keeps_finished_files_and_redoes_a_changed_one() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(example(), input.join("a.pdf")).unwrap();
    std::fs::copy(
        root().join("fixtures/text/hyphenated_name.pdf"),
        input.join("b.pdf"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&[&input, &"--out", &out]).status.code(), Some(0));
    let first = file_records(&out);
    // b.pdf changes (another document under the same name)
    std::fs::copy(
        root().join("fixtures/text/form_xobject.pdf"),
        input.join("b.pdf"),
    )
    .unwrap();
    let o = redact(&[&input, &"--out", &out, &"--resume", &"--json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let summary: Value = serde_json::from_slice(&o.stdout).expect("JSON summary");
    assert_eq!(summary["resumed"], 1, "{summary}");
    let second = file_records(&out);
    assert_eq!(second.len(), 2);
    let rec = |v: &[Value], name: &str| {
        v.iter()
            .find(|r| r["input"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} in audit"))
    };
    // a.pdf: taken over unchanged (same record, same time spent)
    assert_eq!(rec(&first, "a.pdf"), rec(&second, "a.pdf"));
    // b.pdf: redone from the new input
    assert_ne!(
        rec(&first, "b.pdf")["input_sha256"],
        rec(&second, "b.pdf")["input_sha256"]
    );
    assert_eq!(
        rec(&second, "b.pdf")["input_sha256"].as_str().unwrap(),
        sha256sum(&input.join("b.pdf"))
    );
}

#[test]
fn an_interrupted_run_leaves_no_partial_pdf_and_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..60 {
        std::fs::copy(example(), input.join(format!("doc{i:02}.pdf"))).unwrap();
    }
    let out = tmp.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--jobs", "1"])
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    // wait until the first outputs appear, then kill the run mid-batch
    let started = std::time::Instant::now();
    loop {
        let n = pdfs_under(&out.join("publish")).len();
        if n >= 3 || started.elapsed().as_secs() > 120 {
            break;
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    // every PDF that is there is complete; the audit holds each finished file
    let done = pdfs_under(&out.join("publish"));
    let finished: Vec<Value> = file_records(&out);
    for p in &done {
        if p.extension().is_some_and(|e| e == "pdf") {
            let check = Command::new("qpdf").arg("--check").arg(p).output().unwrap();
            assert!(check.status.success(), "{} is not a whole PDF", p.display());
        }
    }
    assert!(finished.len() <= 60);
    // resume finishes the batch and removes leftovers
    let o = redact(&[&input, &"--out", &out, &"--resume", &"--json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let all = pdfs_under(&out.join("publish"));
    assert_eq!(all.len(), 60, "{all:?}");
    assert!(
        all.iter()
            .all(|p| p.extension().is_some_and(|e| e == "pdf"))
    );
    assert_eq!(file_records(&out).len(), 60);
}

#[test]
fn a_missing_input_or_a_folder_without_pdfs_is_a_usage_error_that_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = redact(&[&tmp.path().join("verzoek-2024"), &"--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("verzoek-2024"));
    assert!(!out.exists(), "no output folder for a usage error");
    let input = tmp.path().join("alleen-word");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("brief.docx"), b"x").unwrap();
    std::fs::write(input.join("mail.msg"), b"x").unwrap();
    let o = redact(&[&input, &"--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1 .docx") && err.contains("1 .msg"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_bad_configuration_is_refused_with_its_key_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("woo.toml");
    std::fs::write(&cfg, "box_fill = \"white\"\nlabel_color = \"white\"\n").unwrap();
    let out = tmp.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(example())
        .arg("--out")
        .arg(&out)
        .arg("--config")
        .arg(&cfg)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("woo.toml:2") && err.contains("label_color"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn the_audit_hashes_match_the_files_on_disk_and_name_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&[&example(), &"--out", &out]).status.code(), Some(0));
    let lines = audit(&out);
    let run = &lines[0];
    assert_eq!(run["type"], "run");
    assert_eq!(run["audit_version"], 1);
    assert!(run["finished"].is_string(), "{run}");
    assert_eq!(run["config_sha256"].as_str().unwrap().len(), 64);
    let rec = file_records(&out).remove(0);
    assert_eq!(rec["input"], "minutes.pdf");
    assert_eq!(rec["input_sha256"].as_str().unwrap(), sha256sum(&example()));
    let output = out.join(rec["output"].as_str().unwrap());
    assert_eq!(rec["output_sha256"].as_str().unwrap(), sha256sum(&output));
    for b in lines.iter().filter(|l| l["type"] == "redaction") {
        assert!(b["id"].as_str().is_some_and(|id| id.len() == 16), "{b}");
        assert!(b["area"].as_array().is_some_and(|a| a.len() == 4), "{b}");
        assert!(b["source"].is_string(), "{b}");
    }
}

#[test]
fn output_is_byte_identical_for_one_and_two_workers() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(example(), input.join("a.pdf")).unwrap();
    for name in [
        "hyphenated_name.pdf",
        "form_xobject.pdf",
        "rotated_page.pdf",
    ] {
        std::fs::copy(root().join("fixtures/text").join(name), input.join(name)).unwrap();
    }
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    redact(&[&input, &"--out", &one, &"--jobs", &"1"]);
    redact(&[&input, &"--out", &two, &"--jobs", &"2"]);
    let a = pdfs_under(&one.join("publish"));
    assert_eq!(a.len(), 4);
    for p in a {
        let rel = p.strip_prefix(&one).unwrap();
        assert_eq!(
            std::fs::read(&p).unwrap(),
            std::fs::read(two.join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
    let strip = |v: Vec<Value>| -> Vec<Value> {
        v.into_iter()
            .filter(|l| l["type"] != "run")
            .map(|mut l| {
                l.as_object_mut().unwrap().remove("seconds");
                l
            })
            .collect()
    };
    assert_eq!(
        strip(audit(&one)),
        strip(audit(&two)),
        "audit in input order"
    );
}

#[test]
fn progress_shows_on_a_terminal_and_not_when_piped() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..6 {
        std::fs::copy(example(), input.join(format!("d{i}.pdf"))).unwrap();
    }
    let cmd = format!(
        "{} redact {} --out {} --config {}",
        env!("CARGO_BIN_EXE_woo-redact"),
        input.display(),
        tmp.path().join("tty").display(),
        root().join("config/corpus.toml").display()
    );
    // `script` gives the program a pseudo-terminal
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("script (util-linux)");
    let tty = String::from_utf8_lossy(&o.stdout);
    assert!(
        tty.contains("van 6 documenten"),
        "no progress on a terminal: {tty}"
    );
    assert!(tty.contains("klaar om te publiceren"), "{tty}");
    let o = redact(&[&input, &"--out", &tmp.path().join("pipe")]);
    let piped = String::from_utf8_lossy(&o.stderr);
    assert!(
        !piped.contains("van 6 documenten"),
        "progress when piped: {piped}"
    );
    assert!(piped.contains("klaar om te publiceren"), "{piped}");
}

#[test]
fn the_dossier_decisions_are_written_beside_the_audit() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&[&example(), &"--out", &out]).status.code(), Some(0));
    let table: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("decisions.json")).expect("decisions.json"),
    )
    .expect("JSON");
    assert!(
        table["schema"]
            .as_str()
            .is_some_and(|s| s.starts_with("woo-redact/decisions"))
    );
    let terms = table["terms"].as_array().expect("terms");
    assert!(!terms.is_empty(), "the example names persons: {table}");
    let redacted = terms.iter().filter(|t| t["decision"] == "redact").count();
    assert!(redacted > 0, "{table}");
    // every redacted occurrence of the table is a box in the audit
    let boxes = audit(&out)
        .into_iter()
        .filter(|l| l["type"] == "redaction" && l["category"] == "name")
        .count();
    assert!(boxes > 0);
}
