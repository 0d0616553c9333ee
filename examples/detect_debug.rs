//! Developer aid: prints the findings for a plain-text file (`cargo run --example detect_debug -- FILE [PUBLIC_LIST]`).

use woo_redact::config::Config;
use woo_redact::detect::Detector;

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: detect_debug FILE [PUBLIC_LIST]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).expect("readable text");
    let mut cfg = Config::default();
    if let Some(p) = std::env::args_os().nth(2) {
        cfg.public =
            woo_redact::config::load_name_list(std::path::Path::new(&p)).expect("public list");
    }
    let det = Detector::new(&cfg).expect("detector");
    if std::env::var_os("WOO_MARGINS").is_some() {
        for (s, e, m) in det.name_margins(&text) {
            println!("{m:7.2} {}", &text[s..e]);
        }
    }
    for f in det.scan(&text) {
        println!(
            "{:5}-{:5} {:14} {:22} {:?}",
            f.start,
            f.end,
            f.category.as_str(),
            f.rule,
            f.text
        );
    }
}
