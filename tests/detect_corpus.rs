//! Scores the detector on the development corpus text against its truth files and asserts the targets.

use std::path::PathBuf;

use woo_redact::config::Config;
use woo_redact::detect::eval::{Score, Truth, score_document};
use woo_redact::detect::{Detector, Dossier};
use woo_redact::extract::extract_bytes;
use woo_redact::pdf::Limits;

fn corpus_dir() -> PathBuf {
    std::env::var_os("WOO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// (stem, page texts, truth) for every corpus document with a .txt and a .truth.json.
fn load_corpus() -> Vec<(String, Vec<String>, Truth)> {
    let dir = corpus_dir();
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus folder {} not readable: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    entries.sort();
    for p in entries {
        let stem = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".truth.json"))
            .expect("stem")
            .to_string();
        let txt = dir.join(format!("{stem}.txt"));
        let Ok(text) = std::fs::read_to_string(&txt) else {
            continue;
        };
        let truth: Truth =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("truth")).expect("truth json");
        let pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        out.push((stem, pages, truth));
    }
    out
}

/// (stem, page texts from the PDF text layer, truth) for every readable corpus PDF.
fn load_pdf_corpus() -> Vec<(String, Vec<String>, Truth)> {
    let dir = corpus_dir();
    load_corpus()
        .into_iter()
        .filter_map(|(stem, _, truth)| {
            let bytes = std::fs::read(dir.join(format!("{stem}.pdf"))).ok()?;
            let doc = extract_bytes(&bytes, &Limits::default()).ok()?;
            let pages = doc
                .pages
                .iter()
                .map(|p| {
                    p.as_ref()
                        .map(|p| p.text.search.clone())
                        .unwrap_or_default()
                })
                .collect();
            Some((stem, pages, truth))
        })
        .collect()
}

fn score_corpus() -> Score {
    score(load_corpus())
}

fn score(corpus: Vec<(String, Vec<String>, Truth)>) -> Score {
    let dir = corpus_dir();
    let cfg = Config {
        public: woo_redact::config::load_name_list(&dir.join("public-officials.txt"))
            .expect("public list"),
        ..Config::default()
    };
    let det = Detector::new(&cfg).expect("detector");
    assert!(corpus.len() >= 20, "corpus has {} documents", corpus.len());
    let mut dossier = Dossier::new(&det);
    for (stem, pages, _) in &corpus {
        dossier.add(stem.clone(), pages.clone());
    }
    let results = dossier.scan();
    let mut total = Score::default();
    for ((stem, pages, truth), doc) in corpus.iter().zip(results) {
        total.add(score_document(stem, pages, &doc.pages, truth));
    }
    total
}

#[test]
fn corpus_meets_targets() {
    assert_targets(&score_corpus());
}

#[test]
fn pdf_text_layer_meets_targets() {
    let corpus = load_pdf_corpus();
    assert!(
        corpus.len() >= 24,
        "only {} corpus PDFs readable",
        corpus.len()
    );
    assert_targets(&score(corpus));
}

fn assert_targets(s: &Score) {
    for (cat, c) in &s.per_category {
        eprintln!(
            "{cat:14} occ {:5} found {:5} recall {:.4} precision {:.4} (tp {} fp {})",
            c.occurrences,
            c.found,
            s.recall(cat),
            s.precision(cat),
            c.true_pos,
            c.false_pos
        );
    }
    for m in s.misses.iter().take(80) {
        eprintln!("MISS {} p{} {:?} [{}]", m.stem, m.page, m.text, m.category);
    }
    for m in s.negative_hits.iter() {
        eprintln!(
            "NEG  {} p{} {:?} [{}] {}",
            m.stem, m.page, m.text, m.category, m.rule
        );
    }
    for m in s.false_positives.iter() {
        eprintln!(
            "FP   {} p{} {:?} [{}] {}",
            m.stem, m.page, m.text, m.category, m.rule
        );
    }
    assert!(s.recall("name") >= 0.99, "name recall {}", s.recall("name"));
    assert!(
        s.precision("name") >= 0.95,
        "name precision {}",
        s.precision("name")
    );
    for cat in ["bsn", "iban"] {
        assert_eq!(s.recall(cat), 1.0, "{cat} recall");
        assert_eq!(s.precision(cat), 1.0, "{cat} precision");
    }
    for cat in [
        "phone",
        "email",
        "address",
        "license_plate",
        "date_of_birth",
    ] {
        assert!(s.recall(cat) >= 0.99, "{cat} recall {}", s.recall(cat));
    }
    assert!(
        s.negative_hits.is_empty(),
        "{} truth negatives found",
        s.negative_hits.len()
    );
}
