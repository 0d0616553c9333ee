//! The OCR stage as the batch calls it: one tesseract lookup per process, pass-1 page texts with OCR where needed, and pixel verification of a saved output.

use super::page::{OcrData, OcrPage, ocr_page};
use super::tesseract::{OcrEngine, OcrError};
use super::verify::leaks_in;
use super::{OcrMode, has_large_image, is_scan, needs_ocr_except};
use crate::detect::Finding;
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
    // Images OCR read no word on (a logo on every page): no reason to read later pages again.
    let mut textless: std::collections::HashSet<(u32, u16)> = Default::default();
    for (i, &page_id) in pdf.pages.iter().enumerate() {
        let number = i as u32 + 1;
        let read = interp.page(number, page_id).map(|content| {
            if needs_ocr_except(&content, mode, &textless) {
                let (mut data, read_ok) = match engine() {
                    Ok(e) => match ocr_page(&pdf.doc, &content, e, limits.max_stream_bytes) {
                        Ok(p) => (p.into_data(), true),
                        Err(err) => (OcrData::failed(number, err.to_string()), false),
                    },
                    Err(err) => (OcrData::failed(number, err.to_string()), false),
                };
                if read_ok {
                    for img in &content.images {
                        let b = img.quad.bbox();
                        if let Some(id) = img.id
                            && !data.words.iter().any(|w| w.rect.intersects(&b))
                        {
                            textless.insert(id);
                        }
                    }
                }
                let mut search = OcrPage::from_data(data.clone()).text.search;
                if !is_scan(&content) {
                    // A page with a usable text layer (`always`, or a large image under
                    // `auto`): detection reads both.
                    let actual: Vec<String> = content
                        .actual_texts
                        .iter()
                        .map(|a| a.text.clone())
                        .collect();
                    let mut layer = build_page_text_with(&content.glyphs, &actual).search;
                    layer.push('\n');
                    data.layer_len = layer.len();
                    // Its text is on the text layer: images without words need no review.
                    data.review.retain(|r| r != super::page::NO_TEXT_READ);
                    // A photo read poorly beside a text layer is no reason for review; a large
                    // image (a scanned attachment) read poorly is.
                    if !has_large_image(&content) {
                        data.review
                            .retain(|r| !r.starts_with("OCR confidence too low"));
                    }
                    layer.push_str(&search);
                    search = layer;
                }
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

/// The dossier's decided terms that OCR tolerance applies to: the distinct texts of all
/// findings (whitespace normalised) with a word of at least [`super::fuzzy::LONG_WORD`]
/// letters (shorter ones only match exactly, which the dossier already did).
pub fn dossier_terms<F: std::borrow::Borrow<Finding>>(
    findings: impl IntoIterator<Item = F>,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for f in findings {
        let f = f.borrow();
        let norm = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let long = norm
            .split(' ')
            .any(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= super::fuzzy::LONG_WORD);
        if long && seen.insert(norm.clone()) {
            let mut t = f.clone();
            t.text = norm;
            out.push(t);
        }
    }
    out
}

/// Adds to an OCR'd page's `findings` every occurrence of a dossier term that OCR misread
/// slightly (`Kravchenk0`, `Mohamrned`): found under OCR tolerance, outside the page's
/// existing findings. Spans are in the page's OCR text (as rebuilt from `ocr`).
pub fn add_tolerant_findings(ocr: &OcrData, terms: &[Finding], findings: &mut Vec<Finding>) {
    if ocr.words.is_empty() || terms.is_empty() {
        return;
    }
    let text = OcrPage::from_data(ocr.clone()).text.search;
    let shift = ocr.layer_len;
    for t in terms {
        for (start, end) in super::fuzzy::find(&text, &t.text) {
            let (start, end) = (start + shift, end + shift);
            if findings.iter().any(|f| f.start < end && start < f.end) {
                continue;
            }
            findings.push(Finding {
                start,
                end,
                text: text[start - shift..end - shift].to_string(),
                category: t.category,
                ground: t.ground.clone(),
                rule: "dossier.ocr_tolerant".into(),
                reason: format!(
                    "OCR reading of a {} found elsewhere in the dossier (within OCR tolerance)",
                    t.category.as_str()
                ),
                confirmed_in: t.confirmed_in.clone(),
                score: None,
                term: t.term.clone(),
            });
        }
    }
    findings.sort_by_key(|f| f.start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Category;
    use crate::ocr::OcrWord;
    use crate::pdf::Rect;

    fn word(text: &str, x: f64, line: usize) -> OcrWord {
        OcrWord {
            text: text.into(),
            rect: Rect::new(
                x,
                100.0 + 20.0 * line as f64,
                x + 40.0,
                112.0 + 20.0 * line as f64,
            ),
            conf: 90.0,
            line,
        }
    }

    #[test]
    fn a_dossier_name_misread_by_ocr_becomes_a_finding_on_the_scan() {
        let data = OcrData {
            number: 1,
            words: vec![
                word("Aanwezig:", 10.0, 0),
                word("Stoyan", 60.0, 0),
                word("Kravchenk0", 110.0, 0),
            ],
            mean_confidence: 90.0,
            dpi: 300.0,
            min_image_dpi: None,
            review: vec![],
            layer_len: 0,
        };
        let term = Finding {
            start: 0,
            end: 17,
            text: "Stoyan\nKravchenko".into(),
            category: Category::Name,
            ground: "5.1.2e".into(),
            rule: "name.full".into(),
            reason: "x".into(),
            confirmed_in: None,
            score: None,
            term: None,
        };
        let terms = dossier_terms([term].iter());
        assert_eq!(terms[0].text, "Stoyan Kravchenko");
        let mut findings = Vec::new();
        add_tolerant_findings(&data, &terms, &mut findings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].text, "Stoyan Kravchenk0");
        assert_eq!(findings[0].rule, "dossier.ocr_tolerant");
        // already found: nothing added twice
        add_tolerant_findings(&data, &terms, &mut findings);
        assert_eq!(findings.len(), 1);
    }
}
