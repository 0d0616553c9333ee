//! Verification of a saved output: reads the bytes again with our own interpreter and checks every channel for every removed string (fail closed).

use crate::extract::extract_bytes;
use crate::pdf::Limits;
use crate::text::build_page_text_stream_order;
use crate::verify::{VerifyReport, verify_document};

/// Verifies the saved `bytes` of a redacted document: our own re-extraction of every page (the
/// line text and the detection text, each in reading order and in content-stream order) plus the document-level scan of [`verify_document`].
/// A re-extraction that fails or panics makes the report incomplete, so never clean.
pub fn verify_output(bytes: &[u8], removed: &[String], limits: &Limits) -> VerifyReport {
    let own: Result<Vec<String>, String> =
        match std::panic::catch_unwind(|| extract_bytes(bytes, limits)) {
            Ok(Ok(d)) => d
                .pages
                .iter()
                .map(|p| {
                    p.as_ref()
                        .map(|p| {
                            // As seen (reading order) and as drawn (stream order).
                            let actual: Vec<String> = p
                                .content
                                .actual_texts
                                .iter()
                                .map(|a| a.text.clone())
                                .collect();
                            let drawn = build_page_text_stream_order(&p.content.glyphs, &actual);
                            format!(
                                "{}\n{}\n{}\n{}",
                                p.text.search, p.text.text, drawn.search, drawn.text
                            )
                        })
                        .map_err(|e| e.to_string())
                })
                .collect(),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("our own reader panicked on the output".into()),
        };
    match &own {
        Ok(pages_text) => verify_document(bytes, removed, pages_text),
        Err(e) => {
            let mut v = verify_document(bytes, removed, &[]);
            v.incomplete.push(format!("own re-extraction failed: {e}"));
            v
        }
    }
}
