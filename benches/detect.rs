//! Detection throughput: scans the corpus text (or a built-in sample) on one core and prints MB/s.

use std::time::Instant;

use woo_redact::config::Config;
use woo_redact::detect::Detector;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut text = String::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            text.push_str(&std::fs::read_to_string(p).unwrap_or_default());
        }
    }
    if text.is_empty() {
        text = "Aanwezig: Olivier Groeneveld, mw. Kaplan\n@Ytje deelt de brief met Peter. Bel 06-12345678.\n".repeat(2000);
    }
    let cfg = Config {
        public: vec!["Peter Teesink".into()],
        ..Config::default()
    };
    let t0 = Instant::now();
    let det = Detector::new(&cfg).expect("detector");
    println!("detector build: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    // page-sized chunks, like the PDF layer gives
    let mut pages: Vec<String> = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if pages.last().is_some_and(|p| p.len() > 3500) {
            pages.push(String::new());
        }
        if let Some(p) = pages.last_mut() {
            p.push_str(line);
        }
    }
    let mut best = 0.0f64;
    let mut n = 0;
    for _ in 0..30 {
        let t = Instant::now();
        for p in &pages {
            n += det.scan(p).len();
        }
        let mbs = text.len() as f64 / 1e6 / t.elapsed().as_secs_f64();
        best = best.max(mbs);
    }
    println!(
        "detect: {:.2} MB of text, {} findings/run, best {:.1} MB/s on one core",
        text.len() as f64 / 1e6,
        n / 30,
        best
    );
}
