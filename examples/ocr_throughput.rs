//! OCR throughput: renders and OCRs every page that needs OCR (`ocr = auto`) in the given PDFs and prints pages per minute, with render and tesseract time apart.
//!
//! `cargo run --release --example ocr_throughput -- fixtures/scans/scan_jpeg_300.pdf ...`
//! One page at a time on one thread (tesseract with OMP_THREAD_LIMIT=1), as a batch worker runs.

use std::time::Instant;
use woo_redact::extract::extract_page;
use woo_redact::ocr::page::OCR_DPI;
use woo_redact::ocr::render::render_page_images;
use woo_redact::ocr::{OcrEngine, OcrMode, OcrPage, needs_ocr};
use woo_redact::pdf::{Limits, load_pdf};

fn main() {
    let engine = OcrEngine::detect().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let limits = Limits::default();
    let (mut pages, mut render_s, mut ocr_s, mut words) = (0usize, 0.0f64, 0.0f64, 0usize);
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let pdf = load_pdf(&bytes, &limits).expect("a PDF");
        for (i, &id) in pdf.pages.iter().enumerate() {
            let page = extract_page(&pdf.doc, i as u32 + 1, id, &limits).expect("page");
            if !needs_ocr(&page.content, OcrMode::Auto) {
                continue;
            }
            let t0 = Instant::now();
            let (raster, _) =
                render_page_images(&pdf.doc, &page.content, OCR_DPI, limits.max_stream_bytes);
            let t1 = Instant::now();
            let tsv = engine.recognize(&raster).expect("tesseract runs");
            let t2 = Instant::now();
            let o = OcrPage::from_words(page.content.number, &tsv, &raster);
            render_s += (t1 - t0).as_secs_f64();
            ocr_s += (t2 - t1).as_secs_f64();
            words += o.words.len();
            pages += 1;
            println!(
                "{path} p{}: {}x{} px, render {:.2} s, tesseract {:.2} s, {} words, mean confidence {:.0}",
                i + 1,
                raster.width,
                raster.height,
                (t1 - t0).as_secs_f64(),
                (t2 - t1).as_secs_f64(),
                o.words.len(),
                o.mean_confidence
            );
        }
    }
    let total = render_s + ocr_s;
    println!(
        "{pages} pages at {OCR_DPI} dpi, {words} words: render {render_s:.1} s, tesseract {ocr_s:.1} s -> {:.1} pages/min on one thread",
        pages as f64 * 60.0 / total.max(1e-9)
    );
}
