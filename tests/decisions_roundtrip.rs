//! A reviewer's decisions round trip, through the real binary: run once, edit the run's
//! `decisions.json` (reject one occurrence, keep one term everywhere, add one term, add one area,
//! exempt one page, exempt one document, change one ground), run again with `--decisions`, and
//! compare the two audits: exactly those redactions changed and nothing else; the exempted pages
//! hold nothing but their label; the same decisions give byte-identical outputs a second time.
//! Decisions that match nothing are reported; a malformed decisions file writes nothing.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn redact(input: &Path, out: &Path, decisions: Option<&Path>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_woo-redact"));
    c.arg("redact")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--config")
        .arg(root().join("config/corpus.toml"));
    if let Some(d) = decisions {
        c.arg("--decisions").arg(d);
    }
    c.stdin(Stdio::null()).output().expect("woo-redact runs")
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn audit(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("audit.jsonl"))
        .expect("audit.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// The redaction lines by (id, box).
fn boxes(lines: &[Value]) -> BTreeMap<(String, u64), Value> {
    lines
        .iter()
        .filter(|l| l["type"] == "redaction")
        .map(|l| {
            (
                (
                    l["id"].as_str().unwrap().to_string(),
                    l["box"].as_u64().unwrap(),
                ),
                l.clone(),
            )
        })
        .collect()
}

/// The audit id of a finding, as `src/audit.rs` documents it (computed here independently).
fn finding_id(input: &str, page: u64, start: u64, end: u64, category: &str) -> String {
    let d = Sha256::digest(format!("{input}\0{page}\0{start}\0{end}\0{category}").as_bytes());
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    format!("r{}", &hex[..15])
}

fn pdftotext(pdf: &Path, page: Option<u32>) -> String {
    let mut c = Command::new("pdftotext");
    if let Some(p) = page {
        c.arg("-f").arg(p.to_string()).arg("-l").arg(p.to_string());
    }
    let o = c.arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn words(text: &str, word: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| *w == word)
        .count()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
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

fn without_timings(lines: Vec<Value>) -> Vec<Value> {
    lines
        .into_iter()
        .filter(|l| l["type"] != "run")
        .map(|mut l| {
            l.as_object_mut().unwrap().remove("seconds");
            l
        })
        .collect()
}

const MINUTES: &str = "minutes.pdf";
const IMAGE: &str = "f04_image_text.pdf";
const CORPUS: &str = "m000_reportlab.pdf";

fn inputs(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        input.join(MINUTES),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/leaks/f04_image_text.pdf"),
        input.join(IMAGE),
    )
    .unwrap();
    std::fs::copy(
        root().join("../shared/corpus").join(CORPUS),
        input.join(CORPUS),
    )
    .unwrap();
    input
}

fn term<'a>(table: &'a Value, key: &str) -> &'a Value {
    table["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == key)
        .unwrap_or_else(|| panic!("term {key} in decisions.json"))
}

#[test]
fn decisions_round_trip_changes_exactly_what_was_decided() {
    let tmp = tempfile::tempdir().unwrap();
    let input = inputs(tmp.path());
    let out1 = tmp.path().join("out1");
    ok(&redact(&input, &out1, None));
    let a1 = boxes(&audit(&out1));
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(out1.join("decisions.json")).unwrap())
            .unwrap();

    // keep "Sangita" everywhere; reject the one "Erkan"; both are single-word findings
    let keep = term(&table, "sangita");
    let kept_occ: Vec<&Value> = keep["occurrences"].as_array().unwrap().iter().collect();
    assert!(kept_occ.len() >= 2 && kept_occ.iter().all(|o| o["redact"] == true));
    let reject = &term(&table, "erkan")["occurrences"][0];
    assert_eq!(reject["redact"], true);
    let id_of = |o: &Value| {
        finding_id(
            o["doc"].as_str().unwrap(),
            o["page"].as_u64().unwrap(),
            o["start"].as_u64().unwrap(),
            o["end"].as_u64().unwrap(),
            "name",
        )
    };
    let mut expect_removed: BTreeSet<String> = kept_occ.iter().map(|o| id_of(o)).collect();
    expect_removed.insert(id_of(reject));
    for id in &expect_removed {
        assert!(a1.keys().any(|k| &k.0 == id), "{id} redacted in run 1");
    }
    // change the ground of the first box on page 1 of the minutes (by its audit id)
    let reground = a1
        .values()
        .find(|r| r["input"] == MINUTES && r["page"] == 1)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!expect_removed.contains(&reground));

    let mut edited = table.clone();
    let who = |i: u32| {
        (
            json!("M. de Vries"),
            json!(format!("2026-03-02T10:0{i}:00Z")),
        )
    };
    let (r, at) = who(1);
    edited["review"] = json!({
        "terms": [{"term": keep["id"], "decision": "keep", "reviewer": r, "at": at,
                   "note": "ambtenaar in functie"}],
        "occurrences": [
            {"occurrence": reject["id"], "action": "reject", "reviewer": who(2).0, "at": who(2).1},
            {"occurrence": reground, "ground": "5.1, 1, d", "reviewer": who(3).0, "at": who(3).1}
        ],
        "add_terms": [{"text": "Peter", "category": "name", "ground": "5.1.2e",
                       "reviewer": who(4).0, "at": who(4).1}],
        // the image (72,198)-(432,222) in top-down points, and the text line above it
        "areas": [{"doc": IMAGE, "page": 1, "rect": [60, 612, 540, 704], "ground": "5.1.2e",
                   "note": "paraaf", "reviewer": who(5).0, "at": who(5).1}],
        "exempt": [
            {"doc": MINUTES, "page": 3, "ground": "5.2", "reviewer": who(6).0, "at": who(6).1},
            {"doc": CORPUS, "ground": "5.1.2i", "reviewer": who(7).0, "at": who(7).1}
        ]
    });
    let decisions = tmp.path().join("beslissingen.json");
    std::fs::write(&decisions, serde_json::to_string_pretty(&edited).unwrap()).unwrap();

    let out2 = tmp.path().join("out2");
    let o = redact(&input, &out2, Some(&decisions));
    ok(&o);
    let lines2 = audit(&out2);
    let a2 = boxes(&lines2);

    // every decision is in the audit, with who and when; none matched nothing
    let applied: Vec<&Value> = lines2.iter().filter(|l| l["type"] == "decision").collect();
    assert_eq!(applied.len(), 7, "{applied:#?}");
    assert!(
        applied
            .iter()
            .all(|d| d["reviewer"] == "M. de Vries" && d["at"].is_string())
    );
    assert!(!lines2.iter().any(|l| l["type"] == "decision_unmatched"));
    // (the run header lists the configuration's public names; the rest never holds the text)
    let audit_text = std::fs::read_to_string(out2.join("audit.jsonl")).unwrap();
    let after_header = audit_text.split_once('\n').unwrap().1;
    assert!(!after_header.contains("Peter") && !after_header.contains("ambtenaar"));

    // exactly those redactions changed
    let exempted: BTreeSet<(&str, u64)> = [(MINUTES, 3), (CORPUS, 1), (CORPUS, 2)].into();
    let on_exempt =
        |r: &Value| exempted.contains(&(r["input"].as_str().unwrap(), r["page"].as_u64().unwrap()));
    for (k, r1) in &a1 {
        if on_exempt(r1) || expect_removed.contains(&k.0) {
            assert!(!a2.contains_key(k), "{k:?} should be gone");
            continue;
        }
        let r2 = a2.get(k).unwrap_or_else(|| panic!("{k:?} kept"));
        if k.0 == reground {
            assert_eq!(r2["ground"], "5.1.1d");
            assert_eq!(r2["label"], "5.1, 1, d");
            assert_eq!(r2["source"], "decision");
            assert_eq!(r2["decision_id"], "occurrences.2");
            assert_eq!(r2["at"], "2026-03-02T10:03:00Z");
            // on the same line (with width-safe gaps it may move along it)
            assert_eq!(r1["area"][1], r2["area"][1]);
            assert_eq!(r1["area"][3], r2["area"][3]);
            for f in ["category", "rule", "chars", "text_sha256", "input", "page"] {
                assert_eq!(r1[f], r2[f], "{f}");
            }
        } else {
            // With width-safe gaps (the default) a box after a removed or kept occurrence on
            // the same line moves with the text; everything else about it is unchanged, and
            // it stays on its line.
            let mut r1x = r1.clone();
            let mut r2x = r2.clone();
            let (a1x, a2x) = (r1x["area"].take(), r2x["area"].take());
            assert_eq!(r1x, r2x, "{k:?} unchanged");
            let moved_along_its_line = a1x[1] == a2x[1] && a1x[3] == a2x[3];
            let line_changed = a1.iter().any(|(k2, o)| {
                (on_exempt(o) || expect_removed.contains(&k2.0))
                    && o["input"] == r1["input"]
                    && o["page"] == r1["page"]
                    && o["area"][1] == a1x[1]
            }) || !a2.iter().all(|(k2, _)| a1.contains_key(k2));
            assert!(
                a1x == a2x || (moved_along_its_line && line_changed),
                "{k:?} moved: {a1x} -> {a2x}"
            );
        }
    }
    let new: Vec<&Value> = a2
        .iter()
        .filter(|(k, _)| !a1.contains_key(k))
        .map(|(_, r)| r)
        .collect();
    let by = |cat: &str| -> Vec<&Value> {
        new.iter()
            .copied()
            .filter(|r| r["category"] == cat && r["source"] == "decision")
            .collect()
    };
    // the added term: every "Peter" on the pages that are not exempted, one box each
    let peters: usize = [(MINUTES, 1), (MINUTES, 2), (IMAGE, 1)]
        .iter()
        .map(|(f, p)| words(&pdftotext(&input.join(f), Some(*p)), "Peter"))
        .sum();
    let added = by("name");
    assert!(peters >= 10, "{peters}");
    assert_eq!(added.len(), peters);
    assert!(added.iter().all(|r| r["rule"] == "decision.add_term"
        && r["chars"] == 5
        && r["decision_id"] == "add_terms.1"));
    let area = by("area");
    assert_eq!(area.len(), 1);
    assert_eq!(area[0]["input"], IMAGE);
    assert_eq!(
        area[0]["area"],
        json!([60.0, 138.0, 540.0, 230.0]),
        "page space"
    );
    let exempt = by("exempt");
    let pages: BTreeSet<(&str, u64)> = exempt
        .iter()
        .map(|r| (r["input"].as_str().unwrap(), r["page"].as_u64().unwrap()))
        .collect();
    assert_eq!(pages, exempted);
    assert_eq!(
        new.len(),
        added.len() + area.len() + exempt.len(),
        "nothing else is new: {new:#?}"
    );
    let files: BTreeMap<&str, &Value> = lines2
        .iter()
        .filter(|l| l["type"] == "file")
        .map(|l| (l["input"].as_str().unwrap(), l))
        .collect();
    assert!(files.values().all(|f| f["status"] == "ok"), "{files:#?}");
    assert_eq!(files[CORPUS]["exemption"], "niet_openbaar");
    assert_eq!(files[MINUTES]["exemption"], "pages");
    assert_eq!(
        files[MINUTES]["exempt_pages"],
        json!([{"page": 3, "ground": "5.2", "decision_id": "exempt.1"}])
    );

    // what the outputs say
    let published = out2.join("publish");
    assert_eq!(
        pdftotext(&published.join(MINUTES), Some(3)).trim(),
        "Niet openbaar: 5.2"
    );
    for p in [1, 2] {
        assert_eq!(
            pdftotext(&published.join(CORPUS), Some(p)).trim(),
            "Niet openbaar: 5.1, 2, i"
        );
    }
    let minutes = pdftotext(&published.join(MINUTES), None);
    assert_eq!(words(&minutes, "Peter"), 0);
    assert!(words(&minutes, "Sangita") >= 2, "kept everywhere");
    assert_eq!(words(&minutes, "Erkan"), 1, "rejected");
    assert!(minutes.contains("5.1, 1, d"));
    let image_page = pdftotext(&published.join(IMAGE), None);
    assert!(!image_page.contains("Afgesproken"), "text under the area");
    // the image lies wholly under the area: every sample is black in the image data itself
    let imgs = tmp.path().join("imgs");
    std::fs::create_dir_all(&imgs).unwrap();
    let st = Command::new("pdfimages")
        .arg(published.join(IMAGE))
        .arg(imgs.join("i"))
        .status()
        .expect("pdfimages");
    assert!(st.success());
    let ppm = files_under(&imgs);
    assert_eq!(ppm.len(), 1);
    let data = std::fs::read(&ppm[0]).unwrap();
    let body = &data[data.len() - 900 * 60 * 3..];
    assert!(body.iter().all(|&b| b == 0), "image pixels blanked");

    // the same decisions again: byte-identical outputs, decisions.json and audit
    let out3 = tmp.path().join("out3");
    ok(&redact(&input, &out3, Some(&decisions)));
    let f2 = files_under(&out2);
    assert_eq!(f2.len(), files_under(&out3).len());
    for p in f2 {
        let rel = p.strip_prefix(&out2).unwrap();
        if rel == Path::new("audit.jsonl") {
            continue;
        }
        assert_eq!(
            std::fs::read(&p).unwrap(),
            std::fs::read(out3.join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
    assert_eq!(without_timings(lines2), without_timings(audit(&out3)));
    // the decisions travel with the table the run wrote
    let carried: Value =
        serde_json::from_str(&std::fs::read_to_string(out2.join("decisions.json")).unwrap())
            .unwrap();
    assert_eq!(carried["review"]["exempt"][1]["doc"], CORPUS);
    assert_eq!(term(&carried, "sangita")["decision"], "keep");
}

#[test]
fn decisions_that_match_nothing_are_reported_and_a_malformed_file_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        input.join(MINUTES),
    )
    .unwrap();
    let decisions = tmp.path().join("d.json");
    std::fs::write(
        &decisions,
        json!({
            "schema": "woo-redact/decisions/1",
            "review": {
                "terms": [{"term": "Zwanenburgh", "decision": "keep"}],
                "occurrences": [{"occurrence": "t-00000000@minutes.pdf#1:5", "action": "reject"},
                                {"occurrence": "r000000000000000", "ground": "5.1.2e"}],
                "add_terms": [{"text": "Quirijnsz", "category": "name"}],
                "areas": [{"doc": MINUTES, "page": 9, "rect": [0, 0, 100, 100]}],
                "exempt": [{"doc": "elders.pdf", "ground": "5.1.2e"}]
            }
        })
        .to_string(),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = redact(&input, &out, Some(&decisions));
    ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    let unmatched: Vec<Value> = audit(&out)
        .into_iter()
        .filter(|l| l["type"] == "decision_unmatched")
        .collect();
    let ids: BTreeSet<&str> = unmatched
        .iter()
        .map(|u| u["decision_id"].as_str().unwrap())
        .collect();
    let want = [
        "terms.1",
        "occurrences.1",
        "occurrences.2",
        "add_terms.1",
        "areas.1",
        "exempt.1",
    ];
    assert_eq!(ids, want.into());
    for id in want {
        assert!(err.contains(id), "{id} on stderr: {err}");
    }
    assert!(
        unmatched
            .iter()
            .all(|u| u["reason"].as_str().unwrap().len() > 10)
    );
    let audit_text = std::fs::read_to_string(out.join("audit.jsonl")).unwrap();
    assert!(!audit_text.contains("Quirijnsz") && !audit_text.contains("Zwanenburgh"));
    assert!(audit_text.contains("out of range"), "the page");
    // nothing matched, so nothing changed
    let plain = tmp.path().join("plain");
    ok(&redact(&input, &plain, None));
    assert_eq!(
        std::fs::read(out.join("publish").join(MINUTES)).unwrap(),
        std::fs::read(plain.join("publish").join(MINUTES)).unwrap()
    );

    // the term table is output only: an edit made in it is reported, not applied
    let mut table: Value =
        serde_json::from_str(&std::fs::read_to_string(plain.join("decisions.json")).unwrap())
            .unwrap();
    table["terms"][0]["decision"] = json!("keep");
    std::fs::write(&decisions, table.to_string()).unwrap();
    let edited = tmp.path().join("edited");
    let o = redact(&input, &edited, Some(&decisions));
    ok(&o);
    assert!(
        audit(&edited)
            .iter()
            .any(|l| l["type"] == "decision_unmatched"
                && l["decision"] == "table"
                && l["reason"].as_str().unwrap().contains("edited by hand"))
    );
    assert_eq!(
        std::fs::read(edited.join("publish").join(MINUTES)).unwrap(),
        std::fs::read(plain.join("publish").join(MINUTES)).unwrap()
    );

    // a malformed file: exit 2, the file and the problem named, nothing written
    for (text, problem) in [
        (
            r#"{"schema":"woo-redact/decisions/1","review":{"exempt":[{"doc":"minutes.pdf","ground":"5.9.9z"}]}}"#,
            "5.9.9z",
        ),
        (
            r#"{"schema":"woo-redact/decisions/1","review":{"terms":[{"term":"x"}]}}"#,
            "decision",
        ),
        (r#"{"schema": "woo-redact/decisions/1", "review": {"#, "EOF"),
    ] {
        std::fs::write(&decisions, text).unwrap();
        let out = tmp.path().join("never");
        let o = redact(&input, &out, Some(&decisions));
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("d.json") && err.contains(problem), "{err}");
        assert!(!out.exists(), "nothing written");
    }
}
