//! The reviewer's report (`woo-redact review OUT/`), through the real binary and headless
//! Chromium: redact a small dossier (the bundled minutes and two corpus documents), write the
//! report, and check it as a browser sees it (`--dump-dom`): per document exactly one element
//! with `data-finding-id` per redaction record of the audit, every term of decisions.json in the
//! term table, no external reference, Dutch or English as configured, never in `publish/` or a
//! package. A decision made with the report's own buttons (its script run by Chromium through
//! the `#selftest` hash) is downloaded as decisions.json and re-applies with `redact --decisions`.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
mod support;
use support::bin;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A dossier of three documents, redacted into `dir/out`.
fn dossier(dir: &Path) -> (PathBuf, PathBuf) {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        root().join("fixtures/example/minutes.pdf"),
        input.join("minutes.pdf"),
    )
    .unwrap();
    let corpus = root().join("../shared/corpus");
    for f in ["m001_lo.pdf", "hyphen_reportlab.pdf"] {
        std::fs::copy(corpus.join(f), input.join(f))
            .unwrap_or_else(|e| panic!("{}: {e} (../shared/corpus beside the checkout)", f));
    }
    let out = dir.join("out");
    let cfg = root().join("config/woo.example.toml");
    let o = bin(&[&"redact", &input, &"--out", &out, &"--config", &cfg, &"-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (input, out)
}

fn audit(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("audit.jsonl"))
        .expect("audit.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// Redaction ids per document, one per record (a finding over two lines has two).
fn boxes_per_doc(lines: &[Value]) -> BTreeMap<String, Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in lines.iter().filter(|l| l["type"] == "redaction") {
        m.entry(l["input"].as_str().unwrap().to_string())
            .or_default()
            .push(l["id"].as_str().unwrap().to_string());
    }
    for v in m.values_mut() {
        v.sort();
    }
    m
}

fn review(out: &Path, extra: &[&dyn AsRef<std::ffi::OsStr>]) -> String {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"review", &out];
    args.extend_from_slice(extra);
    let o = bin(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::read_to_string(out.join("report/index.html")).expect("report/index.html")
}

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("headless Chromium is needed for the report's DOM check: run scripts/install-deps.sh");
}

/// The DOM of `file` after its script ran, as headless Chromium dumps it.
fn dump_dom(file: &Path, hash: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{hash}", file.canonicalize().unwrap().display());
    // the DOM goes to a file: a pipe would fill up and stop chromium
    let dump = profile.path().join("dom.html");
    let sink = std::fs::File::create(&dump).unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(sink)
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = String::from_utf8_lossy(&std::fs::read(&dump).unwrap()).into_owned();
    assert!(dom.contains("</html>"), "no DOM from chromium: {dom}");
    dom
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in every tag of `html` that has it.
fn attr_values(html: &str, name: &str) -> Vec<String> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            unescape(&rest[..rest.find('"').unwrap()])
        })
        .collect()
}

/// Per document section of the DOM, the `data-finding-id` values in it (sorted).
fn finding_elements(dom: &str) -> BTreeMap<String, Vec<String>> {
    let mut m = BTreeMap::new();
    for part in dom.split("<section class=\"doc ").skip(1) {
        let section = &part[..part.find("</section>").expect("section ends")];
        let tag = &section[..section.find('>').unwrap()];
        let doc = attr_values(tag, "data-doc").remove(0);
        let mut ids = attr_values(section, "data-finding-id");
        ids.sort();
        m.insert(doc, ids);
    }
    m
}

/// No reference leaves the report: no `src`/`href` to http(s), a protocol-relative URL or a CDN,
/// no stylesheet or script from elsewhere.
fn assert_self_contained(html: &str) {
    for a in ["src", "href", "action", "srcset", "data"] {
        for v in attr_values(html, a) {
            let l = v.to_ascii_lowercase();
            assert!(
                !(l.starts_with("http:")
                    || l.starts_with("https:")
                    || l.starts_with("//")
                    || l.contains("//cdn")),
                "{a}=\"{v}\" in the report"
            );
        }
    }
    for bad in [
        "<link", "<iframe", "<object", "<embed", "@import", "url(http",
    ] {
        assert!(!html.contains(bad), "{bad} in the report");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn the_report_shows_every_redaction_of_every_document_and_every_term() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = dossier(dir.path());
    let publish_before: Vec<PathBuf> = std::fs::read_dir(out.join("publish"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let html = review(&out, &[]);
    assert_self_contained(&html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\""));
    assert!(html.contains("Controlerapport") && html.contains("INTERN"));
    // only OUT/report/index.html was written: nothing in publish/
    let entries: Vec<String> = std::fs::read_dir(out.join("report"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["index.html"]);
    let publish_after: Vec<PathBuf> = std::fs::read_dir(out.join("publish"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(publish_before.len(), publish_after.len());

    // the DOM as Chromium builds it
    let report = out.join("report/index.html");
    let dom = dump_dom(&report, "");
    let lines = audit(&out);
    let expected = boxes_per_doc(&lines);
    let shown = finding_elements(&dom);
    let docs: Vec<&str> = lines
        .iter()
        .filter(|l| l["type"] == "file")
        .map(|l| l["input"].as_str().unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    for d in &docs {
        let want = expected.get(*d).cloned().unwrap_or_default();
        let got = shown.get(*d).cloned().unwrap_or_default();
        assert!(!want.is_empty(), "{d}: nothing redacted in the fixture?");
        assert_eq!(
            got.len(),
            want.len(),
            "{d}: elements with data-finding-id vs redaction records"
        );
        assert_eq!(got, want, "{d}: the ids of the elements are the audit's");
    }
    // born-digital text: every box is placed in the page text, nearly all exactly (by id or hash)
    let places = attr_values(&dom, "data-place");
    let total: usize = expected.values().map(Vec::len).sum();
    assert_eq!(places.len(), total);
    assert!(!places.iter().any(|p| p == "none"), "a box was not placed");
    let exact = places.iter().filter(|p| *p == "exact").count();
    assert!(exact * 10 >= total * 9, "{exact} of {total} placed exactly");

    // the term table lists every term of decisions.json
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("decisions.json")).unwrap())
            .unwrap();
    let mut want_terms: Vec<String> = table["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!want_terms.is_empty());
    want_terms.sort();
    let mut got_terms = attr_values(&dom, "data-term-id");
    got_terms.sort();
    assert_eq!(got_terms, want_terms);

    // English when the configuration says so
    let en = dir.path().join("en.toml");
    std::fs::write(&en, "language = \"en\"\n").unwrap();
    let html_en = review(&out, &[&"--config", &en]);
    assert!(html_en.starts_with("<!DOCTYPE html>\n<html lang=\"en\""));
    assert!(html_en.contains("Review report") && html_en.contains("INTERNAL"));

    // inputs moved away: said so, every box listed as not placed, still one element each;
    // --input finds them again
    let moved = dir.path().join("moved");
    std::fs::rename(&input, &moved).unwrap();
    let html_missing = review(&out, &[]);
    let raw = finding_elements(&html_missing);
    for d in &docs {
        assert_eq!(raw[*d].len(), expected[*d].len(), "{d} with its input gone");
    }
    assert!(html_missing.contains("Invoer niet opnieuw gelezen"));
    assert_eq!(
        attr_values(&html_missing, "data-place")
            .iter()
            .filter(|p| *p == "none")
            .count(),
        total
    );
    let html_again = review(&out, &[&"--input", &moved]);
    assert!(
        !attr_values(&html_again, "data-place")
            .iter()
            .any(|p| p == "none")
    );

    // the package never takes the report
    let release = dir.path().join("release");
    let cfg = root().join("config/woo.example.toml");
    let o = bin(&[
        &"package",
        &out,
        &"--out",
        &release,
        &"--config",
        &cfg,
        &"--exclude-unready",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut stack = vec![release.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                assert!(
                    !name.ends_with(".html") && name != "decisions.json",
                    "{} in the package",
                    p.display()
                );
            }
        }
    }
    let zip = std::fs::read(dir.path().join("release.zip")).unwrap();
    assert!(
        !zip.windows(10).any(|w| w == b"index.html"),
        "the report is in the zip"
    );
}

#[test]
fn a_decision_made_in_the_report_re_applies() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = dossier(dir.path());
    review(&out, &[]);
    let lines = audit(&out);
    let reds: Vec<&Value> = lines.iter().filter(|l| l["type"] == "redaction").collect();
    // reject a finding that is not a name (an e-mail address, a phone number, ...), change the
    // ground of another, keep a term everywhere (it only touches names)
    let others: Vec<String> = reds
        .iter()
        .filter(|l| l["category"] != "name" && l["category"] != "area")
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert!(others.len() >= 2, "two findings that are no name");
    let (reject, reground) = (others[0].clone(), others[1].clone());
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("decisions.json")).unwrap())
            .unwrap();
    let term = table["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["decision"] == "redact")
        .expect("a term redacted everywhere");
    let term_id = term["id"].as_str().unwrap().to_string();
    let hash = format!(
        "#selftest&reviewer=M.%20de%20Vries&at=2026-03-02&reject={reject}&ground={reground}:5.1.1d&keep={term_id}"
    );
    let dom = dump_dom(&out.join("report/index.html"), &hash);
    let start = dom.find("<pre id=\"selftest\">").expect("selftest output") + 19;
    let json = unescape(&dom[start..start + dom[start..].find("</pre>").unwrap()]);
    assert!(!json.starts_with("SELFTEST ERROR"), "{json}");
    let built: Value = serde_json::from_str(&json).expect("the report builds JSON");
    // the run's term table is carried unchanged (as the tool reads it: JSON numbers may be
    // written differently, 1 for 1.0); the decisions are under review
    let read = |s: &str| woo_redact::decide::DecisionTable::from_json(s).expect("decisions");
    let run_table = std::fs::read_to_string(out.join("decisions.json")).unwrap();
    assert!(
        read(&json).terms == read(&run_table).terms,
        "the term table changed"
    );
    assert_eq!(built["terms_sha256"], table["terms_sha256"]);
    assert_eq!(built["review"]["occurrences"].as_array().unwrap().len(), 2);
    assert_eq!(built["review"]["terms"][0]["term"], term_id.as_str());
    assert_eq!(built["review"]["terms"][0]["reviewer"], "M. de Vries");

    // downloaded, then re-applied
    let file = dir.path().join("decisions.json");
    std::fs::write(&file, &json).unwrap();
    let again = dir.path().join("again");
    let cfg = root().join("config/woo.example.toml");
    let o = bin(&[
        &"redact",
        &input,
        &"--out",
        &again,
        &"--config",
        &cfg,
        &"--decisions",
        &file,
        &"-q",
    ]);
    assert!(
        matches!(o.status.code(), Some(0) | Some(1)),
        "{}",
        stderr(&o)
    );
    assert!(
        !stderr(&o).contains("zonder doel") && !stderr(&o).contains("matched nothing"),
        "{}",
        stderr(&o)
    );
    let after = audit(&again);
    let after_reds: Vec<&Value> = after.iter().filter(|l| l["type"] == "redaction").collect();
    assert!(
        !after_reds.iter().any(|l| l["id"] == reject.as_str()),
        "the rejected finding {reject} is still redacted"
    );
    let g = after_reds
        .iter()
        .find(|l| l["id"] == reground.as_str())
        .unwrap_or_else(|| panic!("{reground} is gone"));
    assert_eq!(g["ground"], "5.1.1d");
    assert_eq!(g["decision_id"], format!("report.{reground}").as_str());
    assert_eq!(g["reviewer"], "M. de Vries");
    let decisions: Vec<&Value> = after.iter().filter(|l| l["type"] == "decision").collect();
    assert_eq!(decisions.len(), 3, "{decisions:?}");
    let keep = decisions
        .iter()
        .find(|d| d["target"] == term_id.as_str())
        .expect("the term decision");
    assert_eq!(keep["action"], "keep");
    assert!(!keep["removed"].as_array().unwrap().is_empty());
    assert!(
        !after.iter().any(|l| l["type"] == "decision_unmatched"),
        "a decision from the report matched nothing"
    );
}
