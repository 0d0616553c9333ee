//! Measures name detection on real Dutch text (../shared/realtext) and the synthetic corpus (../shared/corpus), per set.
//!
//! `cargo run --release --example measure_detection -- [--shared DIR] [--set conll|europeana|corpus]... [--misses N]`
//!
//! For every realtext set it reads the PDFs (as the tool does), runs detection over all of them as
//! one dossier on ONE thread, maps every page character back to the gold source text (non-space
//! characters in order, as ../shared/realtext/tools/evaluate.py does) and prints the metrics of
//! ../shared/realtext/README.md: person entity recall whole / partial, token precision, ORG / LOC /
//! MISC entities given a name box, recall of names split over a line, and throughput (PDF reading
//! included, characters of detection text per second on one core). Europeana is reported as its
//! held-out half (odd documents, never trained on) and its training half separately.
//! For ../shared/corpus it prints name recall / precision, negatives hit and identifiers per category.
//! To see what a rule boxes on no person: `FP_RULE=name.model` (or `all`) prints each such finding
//! with the gold types it covers, its reason and its context; `TP_TOO=1` prints its hits on
//! persons as well.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use woo_redact::config::Config;
use woo_redact::detect::eval::{Score, Truth, score_document};
use woo_redact::detect::{Category, Detector, Dossier};
use woo_redact::extract::page_texts;
use woo_redact::pdf::Limits;

struct Gold {
    doc: String,
    text: String,
    /// (char start, char end, tag type) per token.
    tokens: Vec<(usize, usize, String)>,
    /// (type, first token, end token).
    entities: Vec<(String, usize, usize)>,
}

fn load_gold(path: &Path) -> Vec<Gold> {
    let body = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} not readable: {e}", path.display()));
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold json");
            let tokens = v["tokens"]
                .as_array()
                .expect("tokens")
                .iter()
                .map(|t| {
                    let tag = t[2].as_str().unwrap_or("O");
                    let ty = tag.split_once('-').map_or("O", |x| x.1).to_string();
                    (
                        t[0].as_u64().expect("s") as usize,
                        t[1].as_u64().expect("e") as usize,
                        ty,
                    )
                })
                .collect();
            let entities = v["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .map(|e| {
                    (
                        e[0].as_str().expect("type").to_string(),
                        e[1].as_u64().expect("a") as usize,
                        e[2].as_u64().expect("b") as usize,
                    )
                })
                .collect();
            Gold {
                doc: v["doc"].as_str().expect("doc").to_string(),
                text: v["text"].as_str().expect("text").to_string(),
                tokens,
                entities,
            }
        })
        .collect()
}

#[derive(Default)]
struct Metrics {
    per: usize,
    whole: usize,
    partial: usize,
    split_n: usize,
    split_whole: usize,
    one_tok_n: usize,
    one_tok_whole: usize,
    tok_pred: usize,
    tok_pred_per: usize,
    ent: BTreeMap<String, (usize, usize)>,
    unaligned: usize,
    chars: usize,
    secs: f64,
    misses: Vec<String>,
    fps: Vec<String>,
    /// Name findings per rule: (all, on no person token).
    by_rule: BTreeMap<String, (usize, usize)>,
}

impl Metrics {
    fn print(&self, name: &str) {
        let r = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        println!("== {name}");
        println!(
            "  persons {:5}  recall whole {:.3}  partial {:.3}  token precision {:.3}",
            self.per,
            r(self.whole, self.per),
            r(self.partial, self.per),
            r(self.tok_pred_per, self.tok_pred)
        );
        let hits: Vec<String> = self
            .ent
            .iter()
            .filter(|(k, _)| k.as_str() != "PER")
            .map(|(k, (h, n))| format!("{k} {h}/{n} ({:.1}%)", 100.0 * r(*h, *n)))
            .collect();
        println!("  hit as name: {}", hits.join("  "));
        println!(
            "  split over a line: {:.3} whole of {}; one-token names: {:.3} of {}",
            r(self.split_whole, self.split_n),
            self.split_n,
            r(self.one_tok_whole, self.one_tok_n),
            self.one_tok_n
        );
        let rules: Vec<String> = self
            .by_rule
            .iter()
            .map(|(k, (n, fp))| format!("{k} {n} ({fp} on no person)"))
            .collect();
        println!("  name findings by rule: {}", rules.join(", "));
        println!(
            "  throughput (PDF reading + detection, 1 thread): {:.0} chars/s ({} chars, {:.2}s); unaligned source chars {}",
            self.chars as f64 / self.secs.max(1e-9),
            self.chars,
            self.secs,
            self.unaligned
        );
    }
}

/// Runs the dossier over the PDFs of `docs` and scores them against the gold.
fn measure(det: &Detector, pdf_dir: &Path, docs: &[&Gold]) -> Metrics {
    let mut m = Metrics::default();
    let t0 = Instant::now();
    let limits = Limits::default();
    let mut pages_of: Vec<Vec<String>> = Vec::new();
    for g in docs {
        let bytes = std::fs::read(pdf_dir.join(format!("{}.pdf", g.doc))).expect("pdf");
        let pages: Vec<String> = page_texts(&bytes, &limits)
            .expect("readable pdf")
            .into_iter()
            .map(|p| p.unwrap_or_default())
            .collect();
        m.chars += pages.iter().map(|p| p.len()).sum::<usize>();
        pages_of.push(pages);
    }
    let mut dossier = Dossier::new(det);
    for (g, pages) in docs.iter().zip(&pages_of) {
        dossier.add(g.doc.clone(), pages.clone());
    }
    let results = dossier.scan();
    m.secs = t0.elapsed().as_secs_f64();
    for ((g, pages), res) in docs.iter().zip(&pages_of).zip(&results) {
        let src: Vec<char> = g.text.chars().collect();
        // page (char) -> source char
        let mut cover = vec![false; src.len()];
        let mut breaks = vec![false; src.len()];
        let s_idx: Vec<usize> = (0..src.len())
            .filter(|&i| !src[i].is_whitespace())
            .collect();
        let mut k = 0usize;
        for (p, text) in pages.iter().enumerate() {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut map: Vec<Option<usize>> = vec![None; chars.len()];
            for (ci, &(_, c)) in chars.iter().enumerate() {
                if c.is_whitespace() {
                    continue;
                }
                // resync on a mismatch by looking a little ahead in the source
                let mut found = None;
                for look in 0..40 {
                    if let Some(&si) = s_idx.get(k + look)
                        && src[si] == c
                    {
                        found = Some(k + look);
                        break;
                    }
                }
                match found {
                    Some(f) => {
                        m.unaligned += f - k;
                        map[ci] = Some(s_idx[f]);
                        k = f + 1;
                    }
                    None => m.unaligned += 1,
                }
            }
            // line breaks after a character
            for ci in 0..chars.len() {
                if chars[ci].1.is_whitespace() {
                    continue;
                }
                let mut j = ci + 1;
                while j < chars.len() && matches!(chars[j].1, ' ' | '\t') {
                    j += 1;
                }
                if (j >= chars.len() || matches!(chars[j].1, '\n' | '\r' | '\u{c}'))
                    && let Some(x) = map[ci]
                {
                    breaks[x] = true;
                }
            }
            for f in &res.pages[p] {
                if f.category != Category::Name {
                    continue;
                }
                let mut srcs = Vec::new();
                for (ci, &(b, _)) in chars.iter().enumerate() {
                    if b >= f.start
                        && b < f.end
                        && let Some(x) = map[ci]
                    {
                        cover[x] = true;
                        srcs.push(x);
                    }
                }
                let on_person = g
                    .tokens
                    .iter()
                    .any(|(s, e, ty)| ty == "PER" && srcs.iter().any(|x| x >= s && x < e));
                if (!on_person || std::env::var_os("TP_TOO").is_some())
                    && std::env::var("FP_RULE").is_ok_and(|r| r == f.rule || r == "all")
                {
                    let tys: Vec<&str> = g
                        .tokens
                        .iter()
                        .filter(|(s, e, _)| srcs.iter().any(|x| x >= s && x < e))
                        .map(|t| t.2.as_str())
                        .collect();
                    let ctx: String = match (srcs.first(), srcs.last()) {
                        (Some(&a), Some(&b)) => src[a.saturating_sub(40)..(b + 40).min(src.len())]
                            .iter()
                            .collect::<String>()
                            .replace('\n', " "),
                        _ => String::new(),
                    };
                    println!(
                        "    {} {} {:?} {:?} | {} | {ctx}",
                        if on_person { "TP" } else { "FP" },
                        f.rule,
                        f.text,
                        tys,
                        f.reason
                    );
                }
                let r = m.by_rule.entry(f.rule.clone()).or_default();
                r.0 += 1;
                r.1 += usize::from(!on_person);
            }
        }
        // char offsets of gold are character indices
        let src_ref = &src;
        let alnum = |s: usize, e: usize| (s..e).filter(move |&i| src_ref[i].is_alphanumeric());
        for (s, e, ty) in &g.tokens {
            let al: Vec<usize> = alnum(*s, *e).collect();
            if al.is_empty() {
                continue;
            }
            if al.iter().any(|&i| cover[i]) {
                m.tok_pred += 1;
                if ty == "PER" {
                    m.tok_pred_per += 1;
                }
            }
        }
        for (ty, a, b) in &g.entities {
            let al: Vec<usize> = (*a..*b)
                .flat_map(|t| alnum(g.tokens[t].0, g.tokens[t].1))
                .collect();
            if al.is_empty() {
                continue;
            }
            let whole = al.iter().all(|&i| cover[i]);
            let part = al.iter().any(|&i| cover[i]);
            let e = m.ent.entry(ty.clone()).or_default();
            e.1 += 1;
            let (cs, ce) = (g.tokens[*a].0, g.tokens[b - 1].1);
            let span: String = src[cs..ce].iter().collect();
            if ty == "PER" {
                m.per += 1;
                m.whole += usize::from(whole);
                m.partial += usize::from(part);
                if b - a == 1 {
                    m.one_tok_n += 1;
                    m.one_tok_whole += usize::from(whole);
                } else if (*a..b - 1).any(|t| breaks[g.tokens[t].1 - 1]) {
                    m.split_n += 1;
                    m.split_whole += usize::from(whole);
                }
                if !whole {
                    let lo = cs.saturating_sub(40);
                    let hi = (ce + 40).min(src.len());
                    let ctx: String = src[lo..hi].iter().collect();
                    m.misses.push(format!(
                        "{}\t{}\t{}",
                        span,
                        if part { "partial" } else { "none" },
                        ctx.replace('\n', " ")
                    ));
                }
            } else if part {
                e.0 += 1;
                m.fps.push(format!("{ty}\t{span}"));
            }
        }
    }
    m
}

fn corpus(shared: &Path) {
    let dir = shared.join("corpus");
    let cfg = Config {
        public: woo_redact::config::load_name_list(&dir.join("public-officials.txt"))
            .unwrap_or_default(),
        ..Config::default()
    };
    let det = Detector::new(&cfg).expect("detector");
    let mut items = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    names.sort();
    let t0 = Instant::now();
    let mut chars = 0;
    for p in names {
        let stem = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".truth.json"))
            .expect("stem")
            .to_string();
        let Ok(bytes) = std::fs::read(dir.join(format!("{stem}.pdf"))) else {
            continue;
        };
        let truth: Truth =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("truth")).expect("truth json");
        let Ok(pages) = page_texts(&bytes, &Limits::default()) else {
            continue;
        };
        let pages: Vec<String> = pages.into_iter().map(|p| p.unwrap_or_default()).collect();
        chars += pages.iter().map(String::len).sum::<usize>();
        items.push((stem, pages, truth));
    }
    let mut dossier = Dossier::new(&det);
    for (stem, pages, _) in &items {
        dossier.add(stem.clone(), pages.clone());
    }
    let res = dossier.scan();
    let secs = t0.elapsed().as_secs_f64();
    let mut total = Score::default();
    for ((stem, pages, truth), doc) in items.iter().zip(res) {
        total.add(score_document(stem, pages, &doc.pages, truth));
    }
    println!("== corpus (PDF text layer, {} documents)", items.len());
    for (cat, c) in &total.per_category {
        println!(
            "  {cat:14} occurrences {:5}  recall {:.4}  precision {:.4}",
            c.occurrences,
            total.recall(cat),
            total.precision(cat)
        );
    }
    println!("  negatives hit {}", total.negative_hits.len());
    for n in &total.negative_hits {
        println!("    NEG {} p{} {:?} {}", n.stem, n.page, n.text, n.rule);
    }
    for n in total.misses.iter().take(20) {
        println!(
            "    MISS {} p{} {:?} {}",
            n.stem, n.page, n.text, n.category
        );
    }
    for n in total.false_positives.iter().take(20) {
        println!("    FP {} p{} {:?} {}", n.stem, n.page, n.text, n.rule);
    }
    println!(
        "  throughput (PDF reading + detection, 1 thread): {:.0} chars/s",
        chars as f64 / secs.max(1e-9)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = args
        .iter()
        .position(|a| a == "--shared")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let show: usize = args
        .iter()
        .position(|a| a == "--misses")
        .and_then(|i| args.get(i + 1))
        .map_or(0, |n| n.parse().expect("number"));
    let mut sets: Vec<&str> = args
        .windows(2)
        .filter(|w| w[0] == "--set")
        .map(|w| w[1].as_str())
        .collect();
    if sets.is_empty() {
        sets = vec!["conll", "europeana", "corpus"];
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("one-thread pool");
    let det = Detector::new(&Config::default()).expect("detector");
    for set in sets {
        match set {
            "conll" => {
                let dir = shared.join("realtext/conll2002-train");
                let gold = load_gold(&dir.join("conll2002-train.gold.jsonl"));
                let refs: Vec<&Gold> = gold.iter().collect();
                let m = measure(&det, &dir.join("pdf"), &refs);
                m.print("conll2002-train (measurement only, never trained on)");
                dump(&m, show);
            }
            "europeana" => {
                let dir = shared.join("realtext/europeana-dev");
                let gold = load_gold(&dir.join("europeana-dev.gold.jsonl"));
                let held: Vec<&Gold> = gold.iter().skip(1).step_by(2).collect();
                let trained: Vec<&Gold> = gold.iter().step_by(2).collect();
                let m = measure(&det, &dir.join("pdf"), &held);
                m.print("europeana-dev held-out half (odd documents, not trained on)");
                dump(&m, show);
                measure(&det, &dir.join("pdf"), &trained)
                    .print("europeana-dev training half (even documents: the model saw these)");
            }
            "corpus" => corpus(&shared),
            other => eprintln!("unknown set {other}"),
        }
    }
}

fn dump(m: &Metrics, n: usize) {
    for x in m.misses.iter().take(n) {
        println!("    MISS {x}");
    }
    for x in m.fps.iter().take(n) {
        println!("    HIT {x}");
    }
}
