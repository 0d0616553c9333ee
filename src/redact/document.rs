//! The redact stage for one document: plans and applies every page's findings, sanitises the document, scrubs font programs and saves one clean revision.

use crate::config::Config;
use crate::detect::{Detector, Finding};
use crate::extract::extract_page_cached;
use crate::ocr::apply::redact_ocr_page;
use crate::ocr::{OcrAudit, OcrData, OcrPage};
use crate::pdf::interp::FontCache;
use crate::pdf::{Limits, LoadedPdf, Matrix, Rect};
use crate::plan::{Mark, marks_for, plan_gaps, plan_page};
use crate::redact::apply::{BoxStyle, apply_page};
use crate::redact::fontscrub::scrub_font_programs;
use crate::redact::judge::{DocJudge, collect_kept_words};
use crate::redact::sanitize::{ActionKind, PageAreas, SanitizeOptions, sanitize};
use crate::redact::save::save_clean;
use std::collections::{BTreeMap, HashSet};

/// What the redact stage needs besides the document and its findings.
pub struct RedactContext<'a> {
    /// The run configuration (notation, colours).
    pub config: &'a Config,
    /// The detector (judges strings outside the page text).
    pub detector: &'a Detector,
    /// Limits against hostile files.
    pub limits: &'a Limits,
}

/// One box drawn on a page.
#[derive(Debug, Clone)]
pub struct BoxMade {
    /// 1-based page.
    pub page: u32,
    /// The box in page space (points, origin top-left).
    pub rect: Rect,
    /// The label drawn in it.
    pub label: String,
    /// The box was too small for a label.
    pub unlabelled: bool,
    /// The finding it removes.
    pub finding: Finding,
}

/// A redacted, sanitised and saved document, not yet verified.
#[derive(Debug)]
pub struct RedactedDoc {
    /// The saved bytes (one revision).
    pub bytes: Vec<u8>,
    /// Page count.
    pub pages: usize,
    /// Every box drawn, in page order.
    pub boxes: Vec<BoxMade>,
    /// Every string removed anywhere (page text, metadata, bookmarks, ...): verification
    /// searches the output for each of them.
    pub removed: Vec<String>,
    /// Pages a person must check, with the reason.
    pub flagged: Vec<(u32, String)>,
    /// Oddities found on the way (may contain removed strings: mask before writing).
    pub warnings: Vec<String>,
    /// What sanitising removed, by kind.
    pub sanitized: BTreeMap<ActionKind, usize>,
    /// Pages read by OCR, with their confidence (for the audit).
    pub ocr: Vec<OcrAudit>,
    /// Pages whose pixels verification must read again (OCR'd pages, redacted images).
    pub pixel_pages: Vec<u32>,
}

/// Why a document could not be redacted.
#[derive(Debug, thiserror::Error)]
pub enum RedactError {
    /// A page could not be read, so it cannot be redacted (the input's fault: status `error`).
    #[error("page {page} cannot be read, so it cannot be redacted: {reason}")]
    Unreadable {
        /// 1-based page.
        page: u32,
        /// Why.
        reason: String,
    },
    /// Rewriting, sanitising or saving failed (status `failed`: nothing is published).
    #[error("{0}")]
    Failed(String),
}

/// The box style from the configuration.
pub fn box_style(cfg: &Config) -> BoxStyle {
    BoxStyle {
        fill: cfg.box_fill.rgb,
        text: cfg.label_color.rgb,
        frame: cfg.box_fill.is_light(),
    }
}

fn page_rect_to_user(display: &Matrix, r: &Rect) -> Rect {
    let inv = display.invert().unwrap_or(Matrix::IDENTITY);
    let a = inv.apply(r.x0, r.y0);
    let b = inv.apply(r.x1, r.y1);
    Rect::new(a.0, a.1, b.0, b.1)
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|r| r == s) {
        v.push(s.to_string());
    }
}

/// Redacts one loaded document, one page at a time (only that page's glyphs are in memory).
/// `findings` holds the findings of each page, in page order.
/// `ocr` holds, per page, its OCR from pass 1 when it was OCR'd (its findings are then spans of
/// the OCR text): such a page is redacted in its pixels and gets an invisible text layer.
pub fn redact_document(
    pdf: LoadedPdf,
    findings: &[Vec<Finding>],
    ocr: &[Option<OcrData>],
    ctx: &RedactContext,
) -> Result<RedactedDoc, RedactError> {
    let cfg = ctx.config;
    let style = box_style(cfg);
    let page_ids = pdf.pages.clone();
    let mut doc = pdf.doc;
    let mut warnings: Vec<String> = pdf.warnings.clone();
    let mut flagged: Vec<(u32, String)> = Vec::new();
    let mut boxes = Vec::new();
    let mut areas = PageAreas::new();
    let mut removed: Vec<String> = Vec::new();
    let mut kept_words: HashSet<String> = HashSet::new();
    let mut ocr_audit: Vec<OcrAudit> = Vec::new();
    let mut pixel_pages: Vec<u32> = Vec::new();
    let mut fonts = FontCache::default();
    for (i, &page_id) in page_ids.iter().enumerate() {
        let number = i as u32 + 1;
        let page =
            extract_page_cached(&doc, number, page_id, ctx.limits, &mut fonts).map_err(|e| {
                RedactError::Unreadable {
                    page: number,
                    reason: e.to_string(),
                }
            })?;
        for w in page.content.unreadable.iter().chain(&page.content.warnings) {
            warnings.push(format!("page {number}: {w}"));
        }
        let page_findings = findings.get(i).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(data) = ocr.get(i).and_then(Option::as_ref) {
            // A scanned page: its text came from OCR; redact its pixels, keep a text layer.
            let o = OcrPage::from_data(data.clone());
            for r in &o.review {
                flagged.push((number, r.clone()));
            }
            // Text the interpreter could not read, or an untrusted font, still needs a person
            // (the scan itself is read by OCR, so "no text layer" is no reason here).
            if (!page.content.unreadable.is_empty() || !page.content.has_no_text_layer())
                && let Some(reason) = page.review_reason()
            {
                flagged.push((number, reason.to_string()));
            }
            for f in page_findings {
                push_unique(&mut removed, &f.text);
            }
            // Findings before `layer_len` are on the text layer (`ocr = "always"`), the rest
            // on the OCR text, shifted by it.
            let split = data.layer_len;
            let (mut text_marks, mut ocr_marks) = (Vec::new(), Vec::new());
            for m in marks_for(page_findings, cfg) {
                if m.end <= split {
                    text_marks.push(m);
                } else if m.start >= split {
                    ocr_marks.push(Mark {
                        start: m.start - split,
                        end: m.end - split,
                        ..m
                    });
                }
            }
            let mut both = String::new();
            if split > 0 {
                both.push_str(&page.text.search);
                both.push('\n');
            }
            both.push_str(&o.text.search);
            collect_kept_words(&both, page_findings, &mut kept_words);
            let done = redact_ocr_page(
                &mut doc,
                page_id,
                &page.content,
                &page.text,
                &text_marks,
                &o,
                &ocr_marks,
                &[],
                &style,
                ctx.limits,
            )
            .map_err(|e| {
                RedactError::Failed(format!("page {number} could not be rewritten: {e}"))
            })?;
            for e in &done.applied.pixel_failures {
                flagged.push((
                    number,
                    format!("an image under a redaction area could not be redacted in its pixels ({e}): check it by hand"),
                ));
            }
            ocr_audit.push(OcrAudit {
                page: number,
                mean_confidence: (f64::from(o.mean_confidence) * 10.0).round() / 10.0,
                words: o.words.len(),
                dpi: o.dpi,
            });
            // Pixels are read again where OCR could read them (not where tesseract is missing:
            // such a page is flagged above, and a re-read would only fail the same way).
            if !o.words.is_empty() {
                pixel_pages.push(number);
            }
            let display = page
                .content
                .geometry
                .map(|g| g.display)
                .unwrap_or(Matrix::IDENTITY);
            for (ai, area) in done.plan.areas.iter().enumerate() {
                areas.add(number, page_rect_to_user(&display, &area.rect));
                let Some(f) = page_findings.get(area.finding) else {
                    continue;
                };
                boxes.push(BoxMade {
                    page: number,
                    rect: area.rect,
                    label: area.label.clone(),
                    unlabelled: done.applied.unlabelled_areas.contains(&ai),
                    finding: f.clone(),
                });
            }
            continue;
        }
        if let Some(reason) = page.review_reason() {
            flagged.push((number, reason.to_string()));
        }
        collect_kept_words(&page.text.search, page_findings, &mut kept_words);
        // Every finding is checked for in the output, also one whose glyphs could not be
        // located (blank glyphs under an /ActualText, say): verification then fails closed.
        for f in page_findings {
            push_unique(&mut removed, &f.text);
        }
        let marks = marks_for(page_findings, cfg);
        let mut plan = plan_page(&page.content, &page.text, &marks);
        // /Alt and /E in marked content: checked like other strings outside the page text.
        for (k, alt) in page.content.marked_alts.iter().enumerate() {
            let mut hits: Vec<String> = ctx
                .detector
                .scan_string_strict(&alt.text)
                .into_iter()
                .map(|f| f.text)
                .collect();
            hits.extend(
                removed
                    .iter()
                    .filter(|r| alt.text.contains(r.as_str()))
                    .cloned(),
            );
            if !hits.is_empty() {
                plan.scrub_alts.push(k);
                for h in hits {
                    push_unique(&mut removed, &h);
                }
            }
        }
        if let Some(rule) = &cfg.gaps {
            plan_gaps(&page.content, &mut plan, rule);
        }
        for r in &plan.review {
            flagged.push((number, r.clone()));
        }
        if plan.is_empty() {
            continue;
        }
        let applied = apply_page(&mut doc, page_id, &page.content, &plan, &style, ctx.limits)
            .map_err(|e| {
                RedactError::Failed(format!("page {number} could not be rewritten: {e}"))
            })?;
        if applied.images_redacted > 0 {
            pixel_pages.push(number);
        }
        for e in &applied.pixel_failures {
            flagged.push((
                number,
                format!("an image under a redaction area could not be redacted in its pixels ({e}): check it by hand"),
            ));
        }
        let display = page
            .content
            .geometry
            .map(|g| g.display)
            .unwrap_or(Matrix::IDENTITY);
        for (ai, area) in plan.areas.iter().enumerate() {
            // the box as drawn (with width-safe gaps wider than the area)
            let rect = applied.boxes.get(ai).copied().unwrap_or(area.rect);
            areas.add(number, page_rect_to_user(&display, &rect));
            let Some(f) = page_findings.get(area.finding) else {
                continue;
            };
            boxes.push(BoxMade {
                page: number,
                rect,
                label: area.label.clone(),
                unlabelled: applied.unlabelled_areas.contains(&ai),
                finding: f.clone(),
            });
        }
    }
    let judge = DocJudge::new(ctx.detector, cfg, removed.clone(), kept_words);
    let report = sanitize(&mut doc, &judge, &areas, &SanitizeOptions::default())
        .map_err(|e| RedactError::Failed(format!("sanitising failed: {e}")))?;
    for s in judge.found() {
        push_unique(&mut removed, &s);
    }
    let fonts_scrubbed = scrub_font_programs(&mut doc, &removed, ctx.limits.max_stream_bytes);
    if fonts_scrubbed > 0 {
        warnings.push(format!("{fonts_scrubbed} embedded font program(s) carried a removed string in their names or notice: overwritten"));
    }
    let bytes =
        save_clean(&mut doc).map_err(|e| RedactError::Failed(format!("saving failed: {e}")))?;
    Ok(RedactedDoc {
        bytes,
        pages: page_ids.len(),
        boxes,
        removed,
        flagged,
        warnings,
        sanitized: report.counts(),
        ocr: ocr_audit,
        pixel_pages,
    })
}
