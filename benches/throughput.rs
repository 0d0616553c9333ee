//! Text-layer throughput in pages/s: the corpus's long document and a generated 1,000-page file, on one core.

use std::time::Instant;
use woo_redact::extract::{extract_bytes, page_texts};
use woo_redact::pdf::Limits;

/// A PDF of `pages` pages, each with 45 lines of minutes-like Helvetica text.
fn generated(pages: usize) -> Vec<u8> {
    let line =
        "Jan de Vries zegt dat het overleg over de begroting op 12 maart 2024 wordt voortgezet.";
    let mut content = String::from("BT /F1 10 Tf 12 TL 56 800 Td\n");
    for i in 0..45 {
        content.push_str(&format!("({line} {i}) '\n"));
    }
    content.push_str("ET");
    let mut objs: Vec<String> = vec![String::new(); 4 + pages];
    objs[0] = "<< /Type /Catalog /Pages 2 0 R >>".into();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    objs[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    objs[2] =
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into();
    objs[3] = format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len() + 1
    );
    for i in 0..pages {
        objs[4 + i] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>".into();
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Pass 1 of a batch: page texts, one page in memory at a time.
fn measure_texts(name: &str, bytes: &[u8], rounds: usize) {
    let limits = Limits::default();
    let mut pages = 0usize;
    let mut chars = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        let texts = page_texts(bytes, &limits).expect("extract");
        pages += texts.len();
        chars += texts.iter().flatten().map(String::len).sum::<usize>();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "text  {name:<28} {pages:>6} pages in {secs:>6.2} s = {:>8.0} pages/s on one core ({:.1} MB text/s)",
        pages as f64 / secs,
        chars as f64 / secs / 1e6
    );
}

/// Full extraction: every page's glyphs with provenance kept (what redaction plans from).
fn measure(name: &str, bytes: &[u8], rounds: usize) {
    let limits = Limits::default();
    let mut pages = 0usize;
    let mut glyphs = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        let doc = extract_bytes(bytes, &limits).expect("extract");
        pages += doc.pages.len();
        glyphs += doc
            .pages
            .iter()
            .flatten()
            .map(|p| p.content.glyphs.len())
            .sum::<usize>();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "glyph {name:<28} {pages:>6} pages in {secs:>6.2} s = {:>8.0} pages/s on one core ({:.1} M glyphs/s)",
        pages as f64 / secs,
        glyphs as f64 / secs / 1e6
    );
}

fn main() {
    let corpus =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/long_lo.pdf");
    match std::fs::read(&corpus) {
        Ok(bytes) => {
            measure_texts("long_lo.pdf (78 pages)", &bytes, 10);
            measure("long_lo.pdf (78 pages)", &bytes, 10);
        }
        Err(e) => println!("long_lo.pdf not available ({e}); skipped"),
    }
    let generated = generated(1000);
    measure_texts("generated 1,000 pages", &generated, 3);
    measure("generated 1,000 pages", &generated, 3);
}
