//! Developer aid: lists glyphs a redaction plan removes beyond the glyphs of its findings (`cargo run --example over_redaction -- CONFIG PDF...`).
use woo_redact::batch::{RunSettings, detect_pass};
use woo_redact::config::Config;
use woo_redact::detect::Detector;
use woo_redact::inputs::InputFile;
use woo_redact::pdf::Limits;
use woo_redact::plan::{marks_for, plan_page};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cfg = Config::load(std::path::Path::new(&args[1])).unwrap();
    let det = Detector::new(&cfg).unwrap();
    let files: Vec<InputFile> = args[2..]
        .iter()
        .map(|a| InputFile {
            path: a.into(),
            rel: a.clone(),
        })
        .collect();
    let s = RunSettings {
        config: &cfg,
        detector: &det,
        limits: Limits::default(),
    };
    let f = detect_pass(&files, &s, &|_| {}).files;
    for (file, r) in files.iter().zip(&f) {
        let Ok(detected) = r else { continue };
        let pages = &detected.pages;
        let d = woo_redact::extract::extract_bytes(
            &std::fs::read(&file.path).unwrap(),
            &Limits::default(),
        )
        .unwrap();
        for (i, p) in d.pages.iter().enumerate() {
            let p = p.as_ref().unwrap();
            let marks = marks_for(&pages[i], &cfg);
            let plan = plan_page(&p.content, &p.text, &marks);
            let mut wanted = std::collections::HashSet::new();
            for m in &marks {
                for g in p.text.glyphs_in_search(m.start, m.end) {
                    wanted.insert(g);
                }
            }
            let extra: Vec<(usize, &str)> = plan
                .remove
                .iter()
                .filter(|g| !wanted.contains(g))
                .map(|&g| (g, p.content.glyphs[g].text.as_str()))
                .collect();
            if !extra.is_empty() {
                println!("{} p{} extra {:?}", file.rel, i + 1, extra);
            }
        }
    }
}
