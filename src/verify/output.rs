//! Verification of a saved output: reads the bytes again with our own interpreter and checks every channel for every removed string (fail closed).

use crate::extract::extract_bytes;
use crate::pdf::{Limits, Rect};
use crate::plan::glyph_core;
use crate::redact::apply::LABEL_FONT;
use crate::text::build_page_text_stream_order;
use crate::verify::lettering::lettering_page;
use crate::verify::{Channel, Finding};
use crate::verify::{VerifyReport, verify_document};

/// Verifies the saved `bytes` of a redacted document: our own re-extraction of every page (the
/// line text and the detection text, each in reading order and in content-stream order) plus the document-level scan of [`verify_document`].
/// A re-extraction that fails or panics makes the report incomplete, so never clean.
///
/// `boxes` are the redaction boxes drawn (1-based page, page-space rectangle): a glyph left
/// under one (other than the box's own label) is a leak whatever its text, so a string that
/// stays readable elsewhere in the document (and is therefore not searched for) is still
/// proven gone where it was removed.
pub fn verify_output(
    bytes: &[u8],
    removed: &[String],
    boxes: &[(u32, Rect)],
    limits: &Limits,
) -> VerifyReport {
    let mut under_boxes: Vec<u32> = Vec::new();
    let mut shapes_under: Vec<u32> = Vec::new();
    let mut lettering = Vec::new();
    let own: Result<Vec<String>, String> =
        match std::panic::catch_unwind(|| extract_bytes(bytes, limits)) {
            Ok(Ok(d)) => d
                .pages
                .iter()
                .inspect(|p| {
                    if let Ok(p) = p {
                        if glyphs_under_boxes(p, boxes) {
                            under_boxes.push(p.content.number);
                        }
                        let own_boxes: Vec<Rect> = boxes
                            .iter()
                            .filter(|(n, _)| *n == p.content.number)
                            .map(|(_, r)| *r)
                            .collect();
                        if shapes_under_boxes(p, &own_boxes) {
                            shapes_under.push(p.content.number);
                        }
                        lettering.extend(lettering_page(p, &own_boxes));
                    }
                })
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
    let mut report = match &own {
        Ok(pages_text) => verify_document(bytes, removed, pages_text),
        Err(e) => {
            let mut v = verify_document(bytes, removed, &[]);
            v.incomplete.push(format!("own re-extraction failed: {e}"));
            v
        }
    };
    report.lettering = lettering;
    for page in under_boxes {
        report.findings.push(Finding {
            channel: Channel::OwnExtraction,
            removed_index: UNDER_BOX,
            location: format!("page {page}: text left under a box"),
        });
    }
    for page in shapes_under {
        report.findings.push(Finding {
            channel: Channel::OwnExtraction,
            removed_index: UNDER_BOX,
            location: format!("page {page}: shapes left under a box"),
        });
    }
    report
}

/// True when a vector shape (an outline, stroke, clip or pattern fill of letter size) other than
/// a box itself is hidden by the page's boxes (`boxes`, page space), by the rule redaction
/// removed them with ([`crate::pdf::shapes::Shape::hidden_by`]).
fn shapes_under_boxes(page: &crate::extract::ExtractedPage, boxes: &[Rect]) -> bool {
    if boxes.is_empty() {
        return false;
    }
    let is_box = |b: &Rect| {
        boxes.iter().any(|r| {
            (b.x0 - r.x0).abs() <= 1.0
                && (b.y0 - r.y0).abs() <= 1.0
                && (b.x1 - r.x1).abs() <= 1.0
                && (b.y1 - r.y1).abs() <= 1.0
        })
    };
    page.content
        .shapes
        .iter()
        .any(|s| !(s.rect && is_box(&s.bbox)) && s.hidden_by(boxes, &page.content.shape_points))
}

/// Marks a finding that is no removed string but a glyph left under a box.
pub const UNDER_BOX: usize = usize::MAX - 1;

/// True when a glyph with text other than a box label sits under one of the page's boxes (its
/// core meets the box, the rule by which redaction removed glyphs).
fn glyphs_under_boxes(page: &crate::extract::ExtractedPage, boxes: &[(u32, Rect)]) -> bool {
    let number = page.content.number;
    // The box's inner part: a kept neighbour may touch its edge (a width-safe gap box meets the
    // next word; kerning can bring a letter a little under it), a removed glyph sat inside it.
    let inner: Vec<Rect> = boxes
        .iter()
        .filter(|(p, _)| *p == number)
        .map(|(_, r)| {
            let m = 0.25 * (r.y1 - r.y0).abs().min((r.x1 - r.x0).abs());
            Rect::new(r.x0 + m, r.y0 + m, r.x1 - m, r.y1 - m)
        })
        .collect();
    if inner.is_empty() {
        return false;
    }
    page.content.glyphs.iter().any(|g| {
        !g.text.trim().is_empty()
            && page
                .content
                .fonts
                .get(g.font)
                .is_none_or(|f| f.resource.as_bytes() != LABEL_FONT)
            && {
                let core = glyph_core(g);
                inner.iter().any(|r| core.intersects(r))
            }
    })
}
