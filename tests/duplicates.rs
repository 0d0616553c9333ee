//! Duplicates decided once, through the real binary: a corpus document, an identical copy under
//! another name (saved again by lopdf: other bytes, the same page texts) and a near-duplicate (the
//! same document with one paragraph dropped). The copies get the original's decisions (the
//! identical copy every one, also the reviewer's areas, exempted pages and occurrence decisions
//! made on the original; the near-duplicate the same term decisions), the audit names the
//! original and the similarity, and the inventarislijst of the package marks them.

use lopdf::content::Content;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use woo_redact::audit::finding_id;
mod support;
use support::{bin, text};

const ORIGINAL: &str = "a_notulen.pdf";
const COPY: &str = "b_notulen_kopie.pdf";
const VERSION: &str = "c_notulen_versie.pdf";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn source() -> PathBuf {
    let p = root().join("../shared/corpus/m000_reportlab.pdf");
    assert!(p.is_file(), "the shared corpus: {}", p.display());
    p
}

fn config(dir: &Path) -> PathBuf {
    let p = dir.join("woo.toml");
    std::fs::write(
        &p,
        format!(
            "public_files = [{:?}]\npublisher = \"gemeente Amsterdam\"\ninformatiecategorie = \"https://identifier.overheid.nl/tooi/def/thes/kern/c_db4862c3\"\ndocumenthandeling = \"vaststelling\"\n",
            root()
                .join("../shared/corpus/public-officials.txt")
                .display()
                .to_string()
        ),
    )
    .unwrap();
    p
}

fn redact(input: &Path, out: &Path, cfg: &Path, decisions: Option<&Path>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_woo-redact"));
    c.arg("redact")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--config")
        .arg(cfg)
        .arg("-q");
    if let Some(d) = decisions {
        c.arg("--decisions").arg(d);
    }
    let o = c.stdin(Stdio::null()).output().expect("woo-redact runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    o
}

/// The same document saved again by lopdf, and a version of it with the text lines of one
/// paragraph (no names in it but one that stands elsewhere too) left out.
fn inputs(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(source(), dir.join(ORIGINAL)).unwrap();
    let mut doc = lopdf::Document::load(source()).unwrap();
    doc.save(dir.join(COPY)).unwrap();
    let page = doc.get_pages()[&1];
    let mut content = Content::decode(&doc.get_page_content(page)).unwrap();
    let before = content.operations.len();
    let dropped = ["Reminder collega", "Webredactie wil het bericht"];
    content.operations.retain(|op| {
        let shown = op
            .operands
            .iter()
            .filter_map(|o| o.as_str().ok())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect::<String>();
        !(matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"")
            && dropped.iter().any(|d| shown.contains(d)))
    });
    assert_eq!(
        content.operations.len(),
        before - dropped.len(),
        "one show operator per line"
    );
    doc.change_page_content(page, content.encode().unwrap())
        .unwrap();
    doc.save(dir.join(VERSION)).unwrap();
}

fn audit(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("audit.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn file_record<'a>(lines: &'a [Value], input: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["type"] == "file" && l["input"] == input)
        .unwrap_or_else(|| panic!("file record of {input}"))
}

type Decided = BTreeSet<(String, String, String)>;

/// Per page, the set of (category, ground, text SHA-256) of a document's redactions.
fn per_page(lines: &[Value], input: &str) -> BTreeMap<u64, Decided> {
    let mut m: BTreeMap<u64, Decided> = BTreeMap::new();
    for l in lines
        .iter()
        .filter(|l| l["type"] == "redaction" && l["input"] == input)
    {
        m.entry(l["page"].as_u64().unwrap()).or_default().insert((
            l["category"].as_str().unwrap().to_string(),
            l["ground"].as_str().unwrap().to_string(),
            l["text_sha256"].as_str().unwrap().to_string(),
        ));
    }
    m
}

fn whole(m: &BTreeMap<u64, Decided>) -> Decided {
    m.values().flatten().cloned().collect()
}

fn inventory(release: &Path) -> Vec<Vec<String>> {
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
fn a_duplicate_and_a_near_duplicate_get_the_originals_decisions_and_are_marked() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = config(tmp.path());
    let input = tmp.path().join("dossier");
    inputs(&input);
    assert_ne!(
        std::fs::read(input.join(ORIGINAL)).unwrap(),
        std::fs::read(input.join(COPY)).unwrap(),
        "the copy has other bytes"
    );

    // 1. without decisions
    let out = tmp.path().join("out");
    redact(&input, &out, &cfg, None);
    let lines = audit(&out);
    let a = file_record(&lines, ORIGINAL);
    let b = file_record(&lines, COPY);
    let c = file_record(&lines, VERSION);
    for r in [a, b, c] {
        assert_eq!(r["status"], "ok", "{r}");
    }
    assert!(a.get("duplicate_of").is_none(), "{a}");
    assert_eq!(b["duplicate_of"], ORIGINAL, "{b}");
    assert_eq!(b["similarity"], 1.0, "{b}");
    assert_eq!(c["duplicate_of"], ORIGINAL, "{c}");
    let sim = c["similarity"].as_f64().unwrap();
    assert!((0.9..1.0).contains(&sim), "near, not identical: {sim}");
    // the audit never holds text: nothing but paths and numbers for the relation
    let pa = per_page(&lines, ORIGINAL);
    assert!(!pa.is_empty(), "the original has redactions");
    assert_eq!(per_page(&lines, COPY), pa, "identical copy, page by page");
    assert_eq!(
        whole(&per_page(&lines, VERSION)),
        whole(&pa),
        "the near-duplicate: the same term decisions"
    );

    // the release package marks them
    let release = tmp.path().join("RELEASE");
    let o = bin(&[&"package", &out, &"--out", &release, &"--config", &cfg]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let rows = inventory(&release);
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let (id, doc, rel, why) = (
        col("ID"),
        col("Document"),
        col("Gerelateerd ID"),
        col("Toelichting"),
    );
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[doc] == name)
            .unwrap_or_else(|| panic!("{name} in {rows:?}"))
    };
    let original_id = row(ORIGINAL)[id].clone();
    assert_eq!(row(ORIGINAL)[rel], "", "{:?}", row(ORIGINAL));
    assert_eq!(row(COPY)[rel], original_id, "{:?}", row(COPY));
    assert!(row(COPY)[why].contains("dubbel"), "{:?}", row(COPY));
    assert_eq!(row(VERSION)[rel], original_id, "{:?}", row(VERSION));
    assert!(
        row(VERSION)[why].contains("Bijna gelijk")
            && row(VERSION)[why].contains(&format!("{:.2}", sim).replace('.', ",")),
        "{:?}",
        row(VERSION)
    );
    let just = std::fs::read_to_string(release.join("verantwoording.txt")).unwrap();
    assert!(just.contains("Dubbele documenten"), "{just}");

    // 2. a reviewer's decisions on the original: an area, an exempted page, one occurrence
    // rejected by its redaction id, one given another ground by its term-table id
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("decisions.json")).unwrap())
            .unwrap();
    let occurrences: Vec<&Value> = table["terms"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["occurrences"].as_array().unwrap())
        .filter(|o| o["doc"] == ORIGINAL && o["page"] == 1 && o["redact"] == true)
        .collect();
    let span = |o: &Value| (o["start"].as_u64().unwrap(), o["end"].as_u64().unwrap());
    // a redaction whose finding is exactly one occurrence (so its span is known) of a term that
    // stands nowhere else in the document (rejecting it leaves no redacted copy of it behind)
    let single: BTreeSet<String> = table["terms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["occurrences"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| o["doc"] == ORIGINAL)
                .count()
                == 1
        })
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    let ids: BTreeSet<&str> = lines
        .iter()
        .filter(|l| l["type"] == "redaction" && l["input"] == ORIGINAL)
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    let (rejected, (rs, re)) = occurrences
        .iter()
        .filter(|o| {
            single
                .iter()
                .any(|t| o["id"].as_str().unwrap().starts_with(&format!("{t}@")))
        })
        .find_map(|o| {
            let (s, e) = span(o);
            let id = finding_id(ORIGINAL, 1, s as usize, e as usize, "name");
            ids.contains(id.as_str()).then_some((id, (s, e)))
        })
        .expect("a name redaction that is one occurrence");
    // another occurrence, well away from it
    let regrounded = occurrences
        .iter()
        .rev()
        .find(|o| {
            let (s, e) = span(o);
            e + 40 < rs || re + 40 < s
        })
        .expect("a second occurrence on page 1");
    let decisions = json!({
        "schema": "woo-redact/decisions/1",
        "terms": [],
        "review": {
            "occurrences": [
                {"occurrence": rejected, "action": "reject", "reviewer": "R. Viewer"},
                {"occurrence": regrounded["id"], "ground": "5.1.1d"}
            ],
            "areas": [{"doc": ORIGINAL, "page": 1, "rect": [400.0, 60.0, 540.0, 110.0], "note": "handtekening"}],
            "exempt": [{"doc": ORIGINAL, "page": 2, "ground": "5.1.2e"}]
        }
    });
    let dfile = tmp.path().join("beslissingen.json");
    std::fs::write(&dfile, serde_json::to_string_pretty(&decisions).unwrap()).unwrap();
    let out2 = tmp.path().join("out2");
    redact(&input, &out2, &cfg, Some(&dfile));
    let lines2 = audit(&out2);
    let pa2 = per_page(&lines2, ORIGINAL);
    assert_ne!(pa2, pa, "the decisions changed the original");
    let cats: BTreeSet<&str> = pa2.values().flatten().map(|(c, _, _)| c.as_str()).collect();
    assert!(cats.contains("area") && cats.contains("exempt"), "{cats:?}");
    assert!(
        pa2[&1].iter().any(|(_, g, _)| g == "5.1.1d"),
        "ground changed: {:?}",
        pa2[&1]
    );
    assert_eq!(
        per_page(&lines2, COPY),
        pa2,
        "the identical copy gets every decision made on the original"
    );
    // each repeated decision is in the audit, under the original decision's id and the copy
    let applied: BTreeSet<&str> = lines2
        .iter()
        .filter(|l| l["type"] == "decision")
        .map(|l| l["decision_id"].as_str().unwrap())
        .collect();
    for d in ["occurrences.1", "occurrences.2", "areas.1", "exempt.1"] {
        assert!(applied.contains(d), "{d}: {applied:?}");
        let copy = format!("{d}@{COPY}");
        assert!(applied.contains(copy.as_str()), "{copy}: {applied:?}");
    }
    assert!(
        !lines2.iter().any(|l| l["type"] == "decision_unmatched"),
        "{:?}",
        lines2
            .iter()
            .filter(|l| l["type"] == "decision_unmatched")
            .collect::<Vec<_>>()
    );
    // the near-duplicate: per-term decisions only, so what the reviewer decided on one
    // occurrence, area or page of the original does not reach it
    assert_eq!(
        per_page(&lines2, VERSION),
        per_page(&lines, VERSION),
        "the near-duplicate is as before"
    );
    // the decisions file the run carries is the reviewer's, without the repeated decisions
    let carried: Value =
        serde_json::from_str(&std::fs::read_to_string(out2.join("decisions.json")).unwrap())
            .unwrap();
    assert_eq!(carried["review"]["areas"].as_array().unwrap().len(), 1);
}
