//! Prints the findings for the text in the file named by WOO_DEBUG_TEXT (a developer aid; passes without it).

use woo_redact::config::Config;
use woo_redact::detect::Detector;

#[test]
fn debug_print_findings() {
    let Some(path) = std::env::var_os("WOO_DEBUG_TEXT") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable text");
    let mut cfg = Config::default();
    if let Some(p) = std::env::var_os("WOO_DEBUG_PUBLIC") {
        cfg.public =
            woo_redact::config::load_name_list(std::path::Path::new(&p)).expect("public list");
    }
    let det = Detector::new(&cfg).expect("detector");
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
