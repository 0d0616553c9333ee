//! Trains the name model (`model/names.bin`) from generated text and the training half of CC0 Europeana; see model/README.md.
//!
//! `cargo run --release --example train_name_model -- --generated GEN.jsonl [--europeana GOLD.jsonl] [--epochs N] --out model/names.bin`
//!
//! * `GEN.jsonl`: `{"text", "names": [[start, end]]}` per line, character offsets (scripts/gen-name-training.py).
//! * `GOLD.jsonl`: the Europeana gold format of ../shared/realtext; only documents with an EVEN
//!   index (0, 2, 4, ...) are used, the odd ones are held out for measuring (examples/measure_detection.rs).
//!   Never pass CoNLL-2002 here: it is licensed for research only.

use woo_redact::config::Config;
use woo_redact::detect::Detector;
use woo_redact::detect::model::{TrainDoc, train};

fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn read_generated(path: &str) -> Vec<TrainDoc> {
    let body = std::fs::read_to_string(path).expect("generated file");
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            let text = v["text"].as_str().expect("text").to_string();
            let c2b = char_to_byte(&text);
            let names = v["names"]
                .as_array()
                .expect("names")
                .iter()
                .map(|p| {
                    (
                        c2b[p[0].as_u64().expect("start") as usize],
                        c2b[p[1].as_u64().expect("end") as usize],
                    )
                })
                .collect();
            TrainDoc { text, names }
        })
        .collect()
}

/// Europeana gold documents with an even index (the training half).
fn read_europeana_train(path: &str) -> Vec<TrainDoc> {
    let body = std::fs::read_to_string(path).expect("gold file");
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, l)| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            let text = v["text"].as_str().expect("text").to_string();
            let c2b = char_to_byte(&text);
            let toks = v["tokens"].as_array().expect("tokens");
            let names = v["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .filter(|e| e[0] == "PER")
                .map(|e| {
                    let a = e[1].as_u64().expect("a") as usize;
                    let b = e[2].as_u64().expect("b") as usize;
                    let s = toks[a][0].as_u64().expect("s") as usize;
                    let t = toks[b - 1][1].as_u64().expect("e") as usize;
                    (c2b[s], c2b[t])
                })
                .collect();
            TrainDoc { text, names }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let out = get("--out").unwrap_or_else(|| "model/names.bin".into());
    let epochs: usize = get("--epochs").map_or(8, |e| e.parse().expect("epochs"));
    let mut docs = Vec::new();
    if let Some(g) = get("--generated") {
        docs.extend(read_generated(&g));
    }
    let n_gen = docs.len();
    if let Some(e) = get("--europeana") {
        assert!(
            !e.contains("conll"),
            "CoNLL-2002 is for measuring only; never train on it"
        );
        let eu = read_europeana_train(&e);
        // real text is scarce: weigh it by repeating it
        let reps: usize = get("--europeana-weight").map_or(3, |r| r.parse().expect("weight"));
        for _ in 0..reps {
            docs.extend(eu.iter().cloned());
        }
    }
    assert!(
        !docs.is_empty(),
        "no training data (--generated / --europeana)"
    );
    eprintln!(
        "training on {} documents ({} generated), {epochs} epochs",
        docs.len(),
        n_gen
    );
    // the model's list features come from the built-in dictionaries, as at run time
    let det = Detector::new(&Config::default()).expect("detector");
    let t0 = std::time::Instant::now();
    let model = train(&det, &docs, epochs);
    std::fs::write(&out, model.to_bytes()).expect("write model");
    eprintln!("wrote {out} in {:.1}s", t0.elapsed().as_secs_f64());
}
