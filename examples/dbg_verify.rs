use woo_redact::batch::*;
use woo_redact::config::Config;
use woo_redact::detect::Detector;
use woo_redact::pdf::Limits;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cfg = Config::load(std::path::Path::new(&args[1])).unwrap();
    let det = Detector::new(&cfg).unwrap();
    let files: Vec<std::path::PathBuf> = args[2..].iter().map(std::path::PathBuf::from).collect();
    let s = RunSettings {
        config: &cfg,
        detector: &det,
        limits: Limits::default(),
    };
    let f = detect_batch(&files, &s);
    for (file, r) in files.iter().zip(&f) {
        let Ok(pages) = r else { continue };
        let o = redact_file(file, pages, &s);
        let Some(bytes) = o.output.or(o.quarantined) else {
            continue;
        };
        let mut removed: Vec<String> = pages.iter().flatten().map(|f| f.text.clone()).collect();
        removed.sort();
        removed.dedup();
        let d = woo_redact::extract::extract_bytes(&bytes, &Limits::default()).unwrap();
        let own: Vec<String> = d
            .pages
            .iter()
            .map(|p| {
                p.as_ref()
                    .map(|p| format!("{}\n{}", p.text.search, p.text.text))
                    .unwrap()
            })
            .collect();
        let v = woo_redact::verify::verify_document(&bytes, &removed, &own);
        for h in &v.findings {
            let r = &removed[h.removed_index];
            let ctx: Vec<String> = own
                .iter()
                .filter_map(|t| {
                    t.find(r.as_str()).map(|i| {
                        t[i.saturating_sub(30)..(i + r.len() + 20).min(t.len())].replace('\n', "|")
                    })
                })
                .take(1)
                .collect();
            println!("{} {:?} {:?} {:?}", file.display(), h.channel, r, ctx);
        }
    }
}
