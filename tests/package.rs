//! The Woo release package as the archive team makes it, through the real binary: refusal of a dossier with documents that are not ready, the explicit partial package, `sha256sum -c`, DiWoo metadata valid under xmllint, no removed text in any packaged file (checked with pdftotext against `woo-redact scan`), and no personal name in a file name.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
mod support;
use support::{bin, text};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    let c = root().join("../shared/corpus");
    assert!(
        c.is_dir(),
        "the shared corpus must sit beside the checkout: {}",
        c.display()
    );
    c
}

/// A configuration with the corpus's public officials and the publication keys.
fn config(dir: &Path) -> PathBuf {
    let p = dir.join("woo.toml");
    std::fs::write(
        &p,
        format!(
            "public_files = [{:?}]\npublisher = \"gemeente Amsterdam\"\ninformatiecategorie = \"https://identifier.overheid.nl/tooi/def/thes/kern/c_db4862c3\"\ndocumenthandeling = \"vaststelling\"\n",
            corpus().join("public-officials.txt").display().to_string()
        ),
    )
    .unwrap();
    p
}

fn redact(inputs: &Path, out: &Path, cfg: &Path) -> Output {
    bin(&[&"redact", &inputs, &"--out", &out, &"--config", &cfg, &"-q"])
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `needle` in `hay` with no letter or digit touching it.
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Findings of `woo-redact scan` per input file: the texts that must not be published.
fn scan_findings(inputs: &Path, cfg: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let o = bin(&[&"scan", &inputs, &"--config", &cfg]);
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in text(&o.stdout).lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        if let Some(t) = v["text"].as_str() {
            map.entry(v["file"].as_str().unwrap().to_string())
                .or_default()
                .insert(collapse(t));
        }
    }
    map
}

fn pdftotext(p: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(p)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/install-deps.sh");
    assert!(o.status.success(), "pdftotext {}", p.display());
    text(&o.stdout)
}

fn xmllint(p: &Path) -> Output {
    Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(root().join("../shared/diwoo/diwoo-metadata.xsd"))
        .arg(p)
        .output()
        .expect("xmllint (libxml2-utils) is installed by scripts/install-deps.sh")
}

fn inventory(release: &Path) -> Vec<Vec<String>> {
    // a small RFC 4180 reader (quoted cells with commas and doubled quotes)
    let t = std::fs::read_to_string(release.join("inventarislijst.csv")).unwrap();
    let mut rows = vec![];
    for line in t.split("\r\n").filter(|l| !l.is_empty()) {
        let mut cells = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cells.last_mut().unwrap().push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => cells.push(String::new()),
                (c, _) => cells.last_mut().unwrap().push(c),
            }
        }
        rows.push(cells);
    }
    rows
}

#[test]
fn the_corpus_is_refused_whole_and_packaged_partially_when_asked_and_nothing_removed_is_in_it() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let out = tmp.path().join("out");
    let o = redact(&corpus(), &out, &cfg);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let release = tmp.path().join("RELEASE");
    let zip = tmp.path().join("RELEASE.zip");

    // The documents the run did not pass as ok: the two unreadable files at least (the scan
    // is ok where tesseract reads it, flagged where it cannot).
    let unready: Vec<String> = std::fs::read_to_string(out.join("audit.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["type"] == "file" && l["status"] != "ok")
        .map(|l| l["input"].as_str().unwrap().to_string())
        .collect();
    for name in ["hard_h_encrypted.pdf", "hard_i_truncated.pdf"] {
        assert!(unready.iter().any(|u| u == name), "{name}: {unready:?}");
    }

    // 1. refused: every document that is not ready is named, nothing written
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &cfg]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for name in &unready {
        assert!(err.contains(name.as_str()), "{name} not named in: {err}");
    }
    assert!(err.contains("--exclude-unready"), "{err}");
    assert!(!release.exists() && !zip.exists());

    // 2. the explicit partial package
    let o = bin(&[
        &"package",
        &out,
        &"--out",
        &release,
        &"--config",
        &cfg,
        &"--exclude-unready",
    ]);
    let said = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{said}{}", text(&o.stderr));
    assert!(
        said.contains(&format!("{} documenten", unready.len()))
            && unready.iter().all(|u| said.contains(u.as_str())),
        "the left-out documents are said: {said}"
    );
    assert!(zip.is_file());

    // manifest: sha256sum -c from inside the package
    let c = Command::new("sha256sum")
        .args(["-c", "--strict", "manifest.sha256"])
        .current_dir(&release)
        .output()
        .unwrap();
    assert!(c.status.success(), "{}{}", text(&c.stdout), text(&c.stderr));
    let files = files_under(&release);
    let manifest = std::fs::read_to_string(release.join("manifest.sha256")).unwrap();
    assert_eq!(
        manifest.lines().count() + 1,
        files.len(),
        "every file but the manifest is listed"
    );
    // the internal audit never goes in
    assert!(
        files
            .iter()
            .all(|f| !f.contains("audit") && !f.contains("decisions"))
    );

    // the published documents: exactly the ok ones, byte for byte the verified outputs
    let published = files_under(&out.join("publish"));
    let docs: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("documenten/"))
        .collect();
    assert_eq!(docs.len(), published.len());
    let audit_files = std::fs::read_to_string(out.join("audit.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| l.contains(r#""type":"file""#))
        .count();
    assert_eq!(published.len(), audit_files - unready.len());
    assert!(published.len() >= 24, "{published:?}");
    for p in &published {
        assert_eq!(
            std::fs::read(release.join("documenten").join(p)).unwrap(),
            std::fs::read(out.join("publish").join(p)).unwrap()
        );
    }
    for u in &unready {
        let stem = u.trim_end_matches(".pdf");
        assert!(!files.iter().any(|f| f.contains(stem)), "{u} is not ready");
    }

    // DiWoo metadata: one per document, each valid against the schema
    let metas: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("metadata/"))
        .collect();
    assert_eq!(metas.len(), docs.len());
    for m in &metas {
        let x = xmllint(&release.join(m));
        assert!(x.status.success(), "{m}: {}", text(&x.stderr));
        let xml = std::fs::read_to_string(release.join(m)).unwrap();
        assert!(xml.contains("gm0363") && xml.contains("c_db4862c3"), "{m}");
    }

    // the inventory: one row per document with the productierapport columns
    let rows = inventory(&release);
    assert_eq!(
        rows[0][..7],
        [
            "ID",
            "Document",
            "Datum",
            "Beoordeling",
            "Beoordelingsgrond",
            "Toelichting",
            "Gerelateerd ID"
        ]
    );
    assert_eq!(rows.len() - 1, docs.len());
    let audit: Vec<Value> = std::fs::read_to_string(out.join("audit.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for row in &rows[1..] {
        let boxes: Vec<&Value> = audit
            .iter()
            .filter(|v| v["type"] == "redaction" && v["input"] == row[1].as_str())
            .collect();
        let grounds: BTreeSet<String> = boxes
            .iter()
            .map(|b| b["ground"].as_str().unwrap().to_string())
            .collect();
        let want = if boxes.is_empty() {
            "Openbaar"
        } else {
            "Deels openbaar"
        };
        assert_eq!(row[3], want, "{row:?}");
        // grounds in the configured notation (the default: "5.1, 2, e"), "; "-joined
        let rendered: Vec<String> = grounds
            .iter()
            .map(|g| woo_redact::config::render_ground(g, Default::default()))
            .collect();
        assert_eq!(row[4], rendered.join("; "), "{row:?}");
    }
    let m004 = rows.iter().find(|r| r[1] == "m004_lo.pdf").unwrap();
    assert!(
        m004[4].contains("5.1, 1, e") || m004[4].contains("5.1, 2, e"),
        "{m004:?}"
    );

    // no removed text anywhere: pdftotext of each packaged PDF against the scan findings of
    // its input, and every text file of the package against all findings of the dossier
    let findings = scan_findings(&corpus(), &cfg);
    let all: BTreeSet<&String> = findings
        .values()
        .flatten()
        .filter(|t| t.chars().count() >= 4)
        .collect();
    assert!(all.len() > 100, "the scan found personal data to check for");
    for d in &docs {
        let input = d.trim_start_matches("documenten/");
        let t = collapse(&pdftotext(&release.join(d)));
        for f in findings.get(input).into_iter().flatten() {
            assert!(
                !contains_word(&t, f),
                "{d}: pdftotext shows removed text of {} characters",
                f.chars().count()
            );
        }
    }
    for f in files.iter().filter(|f| !f.ends_with(".pdf")) {
        let t = collapse(&std::fs::read_to_string(release.join(f)).unwrap());
        for s in &all {
            assert!(
                !contains_word(&t, s),
                "{f}: holds removed text of {} characters",
                s.chars().count()
            );
        }
    }

    // the zip holds the same files below RELEASE/, byte for byte
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut entries = vec![];
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let rel = name
            .strip_prefix("RELEASE/")
            .expect("entries below RELEASE/")
            .to_string();
        let mut buf = vec![];
        std::io::Read::read_to_end(&mut e, &mut buf).unwrap();
        assert_eq!(buf, std::fs::read(release.join(&rel)).unwrap(), "{rel}");
        entries.push(rel);
    }
    entries.sort();
    assert_eq!(entries, files);

    // the package's own leak check finds a removed string planted in a package file
    let boxes: Vec<woo_redact::audit::RedactionRecord> = audit
        .iter()
        .filter(|v| v["type"] == "redaction")
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect();
    let removed = woo_redact::release::leak::Removed::from_records(&boxes);
    assert!(
        woo_redact::release::check_folder(&release, &removed)
            .unwrap()
            .is_empty()
    );
    let planted = findings["m000_lo.pdf"]
        .iter()
        .find(|t| t.contains(' '))
        .unwrap()
        .clone();
    std::fs::write(
        release.join("verantwoording.txt"),
        format!("Opgesteld door {planted}.\n"),
    )
    .unwrap();
    let hits = woo_redact::release::check_folder(&release, &removed).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].place.starts_with("verantwoording.txt"));
}

/// A copy of the bundled example under a file name that carries a person's name.
#[test]
fn a_file_name_with_a_personal_name_never_reaches_the_package() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let example = root().join("fixtures/example/minutes.pdf");
    // a name the detector removes from this document
    let probe = tmp.path().join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::copy(&example, probe.join("minutes.pdf")).unwrap();
    let names = scan_findings(&probe, &cfg);
    let name = names["minutes.pdf"]
        .iter()
        .find(|t| t.split(' ').count() == 2 && !t.contains('.'))
        .expect("a full name in the example")
        .clone();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(inputs.join("dossier")).unwrap();
    let leaky = format!("verslag {name}.pdf");
    std::fs::copy(&example, inputs.join("dossier").join(&leaky)).unwrap();
    std::fs::copy(&example, inputs.join("dossier").join("notulen.pdf")).unwrap();
    let out = tmp.path().join("out");
    let o = redact(&inputs, &out, &cfg);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let release = tmp.path().join("pakket");
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &cfg]);
    let said = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{said}{}", text(&o.stderr));

    let files = files_under(&release);
    let surname = name.split(' ').next_back().unwrap();
    for f in &files {
        assert!(!f.contains(surname), "{f} carries the name");
        let t = std::fs::read_to_string(release.join(f)).unwrap_or_default();
        assert!(!t.contains(surname), "{f} mentions the name");
    }
    // the zip's entry names too
    let zip = std::fs::read(tmp.path().join("pakket.zip")).unwrap();
    assert!(
        !zip.windows(surname.len()).any(|w| w == surname.as_bytes()),
        "the zip holds the name"
    );
    // the renamed document is there under its number, the other under its own name
    let rows = inventory(&release);
    assert_eq!(rows.len(), 3);
    assert!(
        files.contains(&"documenten/dossier/notulen.pdf".to_string()),
        "{files:?}"
    );
    let renamed = rows
        .iter()
        .find(|r| r[1].ends_with(".pdf") && r[1] != "dossier/notulen.pdf")
        .unwrap();
    assert_eq!(renamed[1], format!("{}.pdf", renamed[0]));
    assert!(renamed[5].contains("bestandsnaam"), "{renamed:?}");
    assert!(files.contains(&format!("documenten/{}", renamed[1])));
    let xml =
        std::fs::read_to_string(release.join(format!("metadata/{}.xml", renamed[0]))).unwrap();
    assert!(
        xmllint(&release.join(format!("metadata/{}.xml", renamed[0])))
            .status
            .success()
    );
    assert!(!xml.contains(surname));
}

#[test]
fn a_package_is_refused_when_publish_holds_a_file_the_run_did_not_verify_or_settings_are_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        inputs.join("minutes.pdf"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&inputs, &out, &cfg).status.code(), Some(0));
    let release = tmp.path().join("R");

    // no publisher configured: a usage error naming the keys
    let bare = tmp.path().join("bare.toml");
    std::fs::write(&bare, "language = \"en\"\n").unwrap();
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &bare]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("publisher") && err.contains("informatiecategorie"),
        "{err}"
    );

    // an unreviewed file copied into publish/ by hand
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        out.join("publish/extra.pdf"),
    )
    .unwrap();
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &cfg]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("extra.pdf"), "{}", text(&o.stderr));
    std::fs::remove_file(out.join("publish/extra.pdf")).unwrap();

    // a published file changed after the run
    std::fs::write(out.join("publish/minutes.pdf"), b"%PDF-1.4 changed").unwrap();
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &cfg]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("differs from the one the run verified"),
        "{}",
        text(&o.stderr)
    );
    assert!(!release.exists());
}

/// The package's own leak check through the binary: an audit that says a word of the published
/// text was removed (as if the output still held it) fails the package and leaves nothing.
#[test]
fn a_package_holding_a_removed_string_fails_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        inputs.join("minutes.pdf"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&inputs, &out, &cfg).status.code(), Some(0));
    // a phrase that stays in the published text (pdftotext shows it)
    let shown = collapse(&pdftotext(&out.join("publish/minutes.pdf")));
    let phrase = "Sociale veiligheid";
    assert!(shown.contains(phrase));
    let audit_path = out.join("audit.jsonl");
    let mut audit = std::fs::read_to_string(&audit_path).unwrap();
    let first_box = audit
        .lines()
        .find(|l| l.contains("\"type\":\"redaction\""))
        .unwrap()
        .to_string();
    let mut planted: Value = serde_json::from_str(&first_box).unwrap();
    planted["id"] = "rplanted0000001".into();
    planted["chars"] = phrase.chars().count().into();
    planted["text_sha256"] = woo_redact::audit::sha256_hex(phrase).into();
    audit.push_str(&format!("{planted}\n"));
    std::fs::write(&audit_path, audit).unwrap();

    let release = tmp.path().join("R");
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &cfg]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("documenten/minutes.pdf") && err.contains("rplanted0000001"),
        "{err}"
    );
    assert!(
        !err.contains(phrase),
        "the message never repeats the text: {err}"
    );
    assert!(!release.exists() && !tmp.path().join("R.zip").exists());
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn overwrite_replaces_a_package_but_never_another_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        inputs.join("minutes.pdf"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&inputs, &out, &cfg).status.code(), Some(0));
    let release = tmp.path().join("R");
    let run = |extra: &[&str]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
            vec![&"package", &out, &"--out", &release, &"--config", &cfg];
        for e in extra {
            args.push(e);
        }
        bin(&args)
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    // again: refused without --overwrite, replaced with it
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--overwrite"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(run(&["--overwrite"]).status.code(), Some(0));
    // a folder with other files is never replaced
    std::fs::write(release.join("thesis.docx"), b"x").unwrap();
    let o = run(&["--overwrite"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(release.join("thesis.docx").exists());
}

/// A flagged document is refused until a decision releases it; released, it is packaged from
/// `review/` and the inventory says so (the hook the review decisions will use).
#[test]
fn a_flagged_document_goes_in_only_when_a_decision_releases_it() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        inputs.join("minutes.pdf"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&inputs, &out, &cfg).status.code(), Some(0));
    // make it a flagged document, as a run does for a page that needs a person
    std::fs::create_dir(out.join("review")).unwrap();
    std::fs::rename(
        out.join("publish/minutes.pdf"),
        out.join("review/minutes.pdf"),
    )
    .unwrap();
    let audit = std::fs::read_to_string(out.join("audit.jsonl")).unwrap();
    let audit: String = audit
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            if v["type"] == "file" {
                v["status"] = "flagged".into();
                v["output"] = "review/minutes.pdf".into();
                v["reason"] =
                    "needs manual review: page has images but no text layer (scan)".into();
            }
            format!("{v}\n")
        })
        .collect();
    std::fs::write(out.join("audit.jsonl"), audit).unwrap();

    let release = tmp.path().join("R");
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &cfg]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("minutes.pdf"));
    assert!(!release.exists());

    let config = woo_redact::config::Config::load(&cfg).unwrap();
    let detector = woo_redact::detect::Detector::new(&config).unwrap();
    let opts = woo_redact::release::Options {
        released: ["minutes.pdf".to_string()].into_iter().collect(),
        ..Default::default()
    };
    let r = woo_redact::release::package(&out, &release, &config, &detector, &opts).unwrap();
    assert_eq!(r.rows.len(), 1);
    assert!(r.left_out.is_empty());
    assert_eq!(
        std::fs::read(release.join("documenten/minutes.pdf")).unwrap(),
        std::fs::read(out.join("review/minutes.pdf")).unwrap()
    );
    let rows = inventory(&release);
    assert!(
        rows[1][5].contains("handmatige beoordeling"),
        "{:?}",
        rows[1]
    );
}

/// The package's leak check is not vacuous: run on the unredacted input, it finds every string
/// the run removed from it, from hashes alone.
#[test]
fn the_leak_check_finds_every_removed_string_in_the_original() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        inputs.join("minutes.pdf"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_eq!(redact(&inputs, &out, &cfg).status.code(), Some(0));
    let boxes: Vec<woo_redact::audit::RedactionRecord> =
        std::fs::read_to_string(out.join("audit.jsonl"))
            .unwrap()
            .lines()
            .filter(|l| l.contains("\"type\":\"redaction\""))
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    let removed = woo_redact::release::leak::Removed::from_records(&boxes);
    assert!(removed.len() >= 10, "{}", removed.len());
    let hits = woo_redact::release::check_folder(&inputs, &removed).unwrap();
    let found: BTreeSet<&str> = hits.iter().map(|h| h.finding_id.as_str()).collect();
    assert_eq!(
        found.len(),
        removed.len(),
        "found {} of {}",
        found.len(),
        removed.len()
    );
    // and nothing in the published output
    assert!(
        woo_redact::release::check_folder(&out.join("publish"), &removed)
            .unwrap()
            .is_empty()
    );
}
