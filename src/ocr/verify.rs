//! Pixel verification: the output page is rendered and OCR'd again, and every removed string is searched for in what tesseract reads, exactly or within OCR tolerance.

use super::fuzzy;
use super::page::{OCR_DPI, OcrPage, ocr_page};
use super::tesseract::{OcrEngine, OcrError};
use crate::pdf::interp::PageContent;
use lopdf::Document;
use serde::Serialize;

/// What OCR read back from a redacted page.
#[derive(Debug, Clone, Serialize)]
pub struct PixelCheck {
    /// 1-based page number.
    pub page: u32,
    /// Removed strings (or tokens of them) read back from the pixels. Non-empty = failed.
    pub leaks: Vec<String>,
    /// Mean confidence of the re-read.
    pub mean_confidence: f32,
    /// Resolution of the re-read.
    pub dpi: f64,
}

/// The removed strings found in `text` under OCR tolerance (each string whole, its words
/// matched to consecutive OCR words, as text verification searches whole strings; a part of a
/// name that was removed on its own is in `removed` itself).
pub fn leaks_in(text: &str, removed: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for r in removed {
        let r = r.trim();
        if r.is_empty() || out.iter().any(|o: &String| o == r) {
            continue;
        }
        if !fuzzy::find(text, r).is_empty() {
            out.push(r.to_string());
        }
    }
    out
}

/// OCRs page `content` of the output document `doc` at [`OCR_DPI`] and searches it for the
/// removed strings.
pub fn check_page_pixels(
    doc: &Document,
    content: &PageContent,
    engine: &OcrEngine,
    removed: &[String],
    limit: usize,
) -> Result<PixelCheck, OcrError> {
    let page: OcrPage = ocr_page(doc, content, engine, limit)?;
    Ok(PixelCheck {
        page: content.number,
        leaks: leaks_in(&page.text.text, removed),
        mean_confidence: page.mean_confidence,
        dpi: OCR_DPI,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removed_string_read_back_exactly_or_misread_is_a_leak() {
        let removed = vec![
            "Stoyan Kravchenko".to_string(),
            "Kravchenko".to_string(),
            "Job".to_string(),
            "Tussen Meer 142, 1070 TN Amsterdam\nTelefoon".to_string(),
        ];
        assert_eq!(
            leaks_in("Notulist: Kravchenk0", &removed),
            vec!["Kravchenko"]
        );
        assert!(leaks_in("Notulist: [5.1, 2, e]", &removed).is_empty());
        assert_eq!(leaks_in("zegt Job.", &removed), vec!["Job"]);
        assert!(leaks_in("de baan (jobs)", &removed).is_empty());
        assert!(
            leaks_in("Klachtformulier gemeente Amsterdam", &removed).is_empty(),
            "the city alone is not the removed address"
        );
        assert_eq!(
            leaks_in(
                "Adres: Tussen Meer 142, 1070 TN Amsterdam Telefoon",
                &removed
            )
            .len(),
            1
        );
    }
}
