//! The OCR stage as the batch calls it: one tesseract lookup per process, pass-1 page texts with OCR where needed, and pixel verification of a saved output.

use super::page::{OcrData, OcrPage, ocr_page};
use super::tesseract::{OcrEngine, OcrError};
use super::verify::leaks_in;
use super::{OcrMode, needs_ocr};
use crate::pdf::{Interpreter, Limits, PdfError, load_pdf};
use crate::text::build_page_text_with;
use std::sync::OnceLock;

/// The tesseract installation, looked up once per process.
pub fn engine() -> Result<&'static OcrEngine, &'static OcrError> {
    static ENGINE: OnceLock<Result<OcrEngine, OcrError>> = OnceLock::new();
    ENGINE.get_or_init(OcrEngine::detect).as_ref()
}

/// One page as pass 1 reads it.
#[derive(Debug, Clone)]
pub struct PageRead {
    /// The detection text (from the text layer, or from OCR).
    pub search: String,
    /// The OCR of the page, when it was OCR'd (or the reason it could not be).
    pub ocr: Option<OcrData>,
}

/// Pass 1: every page's detection text, one page in memory at a time; pages that need OCR
/// under `mode` are OCR'd and their text comes from OCR. A page that needs OCR when tesseract
/// is missing or fails gets empty text and an [`OcrData::failed`] that flags it.
pub fn page_reads(
    bytes: &[u8],
    limits: &Limits,
    mode: OcrMode,
) -> Result<Vec<Result<PageRead, PdfError>>, PdfError> {
    let pdf = load_pdf(bytes, limits)?;
    let mut interp = Interpreter::new(&pdf.doc, *limits);
    let mut out = Vec::with_capacity(pdf.pages.len());
    for (i, &page_id) in pdf.pages.iter().enumerate() {
        let number = i as u32 + 1;
        let read = interp.page(number, page_id).map(|content| {
            if needs_ocr(&content, mode) {
                let data = match engine() {
                    Ok(e) => match ocr_page(&pdf.doc, &content, e, limits.max_stream_bytes) {
                        Ok(p) => p.into_data(),
                        Err(err) => OcrData::failed(number, err.to_string()),
                    },
                    Err(err) => OcrData::failed(number, err.to_string()),
                };
                let search = OcrPage::from_data(data.clone()).text.search;
                PageRead {
                    search,
                    ocr: Some(data),
                }
            } else {
                let actual: Vec<String> = content
                    .actual_texts
                    .iter()
                    .map(|a| a.text.clone())
                    .collect();
                PageRead {
                    search: build_page_text_with(&content.glyphs, &actual).search,
                    ocr: None,
                }
            }
        });
        out.push(read);
    }
    Ok(out)
}

/// A pixel leak found by re-reading a page of the output.
#[derive(Debug, Clone, PartialEq)]
pub struct PixelLeak {
    /// 1-based page.
    pub page: u32,
    /// Index of the removed string found (into the `removed` slice given).
    pub removed_index: usize,
}

/// What re-reading the output's pixels found.
#[derive(Debug, Clone, Default)]
pub struct PixelVerification {
    /// Removed strings read back (any = the file failed).
    pub leaks: Vec<PixelLeak>,
    /// Pages that could not be re-read (any = not verified).
    pub incomplete: Vec<String>,
    /// Mean confidence of the re-read, per page.
    pub confidence: Vec<(u32, f32)>,
}

/// Renders and OCRs `pages` (1-based) of the saved output `bytes` again and searches each for
/// every string in `removed`, exactly or within OCR tolerance.
pub fn verify_pixels(
    bytes: &[u8],
    pages: &[u32],
    removed: &[String],
    limits: &Limits,
) -> PixelVerification {
    let mut v = PixelVerification::default();
    if pages.is_empty() {
        return v;
    }
    let engine = match engine() {
        Ok(e) => e,
        Err(e) => {
            v.incomplete.push(format!("pixels not re-read: {e}"));
            return v;
        }
    };
    let pdf = match load_pdf(bytes, limits) {
        Ok(p) => p,
        Err(e) => {
            v.incomplete
                .push(format!("pixels not re-read: output unreadable: {e}"));
            return v;
        }
    };
    let mut interp = Interpreter::new(&pdf.doc, *limits);
    for &n in pages {
        let Some(&id) = pdf.pages.get(n as usize - 1) else {
            continue;
        };
        let content = match interp.page(n, id) {
            Ok(c) => c,
            Err(e) => {
                v.incomplete
                    .push(format!("page {n}: pixels not re-read: {e}"));
                continue;
            }
        };
        match ocr_page(&pdf.doc, &content, engine, limits.max_stream_bytes) {
            Ok(p) => {
                v.confidence.push((n, p.mean_confidence));
                let found = leaks_in(&p.text.text, removed);
                for (k, r) in removed.iter().enumerate() {
                    if found.iter().any(|f| f == r.trim()) {
                        v.leaks.push(PixelLeak {
                            page: n,
                            removed_index: k,
                        });
                    }
                }
            }
            Err(e) => v
                .incomplete
                .push(format!("page {n}: pixels not re-read: {e}")),
        }
    }
    v
}
