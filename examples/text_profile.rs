//! Developer aid: extracts page texts of one PDF many times, for profiling (`cargo run --release --example text_profile -- FILE [ROUNDS]`).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("readable file");
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(20);
    let mut pages = 0;
    for _ in 0..rounds {
        pages += woo_redact::extract::page_texts(&bytes, &woo_redact::pdf::Limits::default())
            .map(|p| p.len())
            .unwrap_or(0);
    }
    println!("{pages} pages");
}
