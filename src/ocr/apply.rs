//! Pass 2 on an OCR'd page: areas over the marked words (plus reviewer and text areas), pixels blanked under them, labelled boxes, and the invisible text layer without the removed words.

use super::layer::add_text_layer;
use super::page::OcrPage;
use crate::pdf::interp::PageContent;
use crate::pdf::{Limits, PdfError, Rect};
use crate::plan::{Area, Mark, PagePlan, plan_page_with_areas};
use crate::redact::apply::{BoxStyle, PageApplied, apply_page};
use crate::text::PageText;
use lopdf::{Document, ObjectId};

/// What was done on an OCR'd page.
#[derive(Debug, Clone, Default)]
pub struct OcrApplied {
    /// The plan that was applied (areas in page space with labels, images redacted in pixels).
    pub plan: PagePlan,
    /// What applying it did (boxes, images rewritten).
    pub applied: PageApplied,
    /// OCR words removed (under an area).
    pub words_removed: usize,
    /// OCR words written to the invisible text layer.
    pub words_in_layer: usize,
}

/// Redacts an OCR'd page: `ocr_marks` are findings on `ocr.text.search`; `text_marks` are
/// findings on the page's own text layer `text` (usually none on a scan); `extra` are areas
/// from decisions (a reviewer's box over a signature or photo). Every image under an area is
/// blanked in its pixels, every area gets its labelled box, and the kept OCR words become the
/// page's invisible text layer.
#[allow(clippy::too_many_arguments)]
pub fn redact_ocr_page(
    doc: &mut Document,
    page_id: ObjectId,
    content: &PageContent,
    text: &PageText,
    text_marks: &[Mark],
    ocr: &OcrPage,
    ocr_marks: &[Mark],
    extra: &[Area],
    style: &BoxStyle,
    limits: &Limits,
) -> Result<OcrApplied, PdfError> {
    let mut areas = ocr.areas(ocr_marks);
    areas.extend_from_slice(extra);
    let plan = plan_page_with_areas(content, text, text_marks, &areas);
    let applied = apply_page(doc, page_id, content, &plan, style, limits)?;
    let rects: Vec<Rect> = plan.areas.iter().map(|a| a.rect).collect();
    let kept = ocr.kept_words(&rects);
    let words: Vec<&super::OcrWord> = kept.iter().map(|&i| &ocr.words[i]).collect();
    add_text_layer(doc, page_id, &words).map_err(|reason| PdfError::Content {
        page: content.number,
        reason,
    })?;
    Ok(OcrApplied {
        words_removed: ocr.words.len() - kept.len(),
        words_in_layer: words.len(),
        plan,
        applied,
    })
}
