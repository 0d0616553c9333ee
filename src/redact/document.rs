//! The redact stage for one document: plans and applies every page's findings, sanitises the document, scrubs font programs and saves one clean revision.

use crate::config::{Config, render_ground};
use crate::decide::review::{DecisionRef, DocReview, exempt_label};
use crate::detect::{Category, Detector, Finding};
use crate::extract::extract_page_cached;
use crate::ocr::apply::redact_ocr_page;
use crate::ocr::{OcrAudit, OcrData, OcrPage};
use crate::pdf::interp::FontCache;
use crate::pdf::{Limits, LoadedPdf, Matrix, Rect};
use crate::plan::{Area, Mark, glyphs_under, marks_for, plan_gaps, plan_page_with_areas};
use crate::redact::apply::{BoxStyle, apply_page, blank_page};
use crate::redact::fontscrub::scrub_font_programs;
use crate::redact::judge::{DocJudge, collect_kept_words, kept_text_of};
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
    /// The finding it removes (for a reviewer's area or exempted page: a finding made for it,
    /// whose text is what the box removed).
    pub finding: Finding,
    /// Set when a reviewer's decision drew the box (an area, an exempted page).
    pub review: Option<ReviewBox>,
}

/// A box drawn for a reviewer's decision rather than for a finding.
#[derive(Debug, Clone)]
pub struct ReviewBox {
    /// `area` or `exempt`.
    pub kind: &'static str,
    /// For an area: its rectangle as the decision gave it (for its audit id,
    /// [`crate::decide::review::area_id`]).
    pub rect: [f64; 4],
    /// The decision.
    pub decision: DecisionRef,
}

/// The rule of a finding read by OCR in letters drawn as shapes.
pub const DRAWN_RULE: &str = "shapes.ocr";

/// Margin around a word read in drawn letters, in points (OCR's box sits tight on the ink).
const DRAWN_MARGIN: f64 = 1.0;

/// Personal data read by OCR in letters drawn as shapes (no text layer holds them; see
/// [`crate::verify::lettering`]): one word, where it is drawn. Removed like a reviewer's area:
/// everything under it goes, shapes included ([`super::paths`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnArea {
    /// 1-based page.
    pub page: u32,
    /// The word's box on the page (page space), as OCR placed it.
    pub rect: Rect,
    /// What OCR read.
    pub text: String,
    /// The canonical Woo ground of the finding it is part of.
    pub ground: String,
    /// The finding's category.
    pub category: Category,
}

impl DrawnArea {
    /// The box drawn over the word: its OCR box with a margin (what the audit's `d…` id names).
    pub fn box_rect(&self) -> Rect {
        let (r, m) = (self.rect, DRAWN_MARGIN);
        Rect::new(r.x0 - m, r.y0 - m, r.x1 + m, r.y1 + m)
    }
}

/// A redacted, sanitised and saved document, not yet verified.
#[derive(Debug)]
pub struct RedactedDoc {
    /// Words the page detection kept (see [`collect_kept_words`]): verification judges the
    /// output's strings with the same judge the sanitiser used.
    pub kept_words: HashSet<String>,
    /// The page texts outside every finding (see [`kept_text_of`]).
    pub outside_findings: String,
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

/// The audit's note that vector shapes under the boxes were removed (a reviewer sees that more
/// than text went).
fn shapes_removed(page: u32, n: usize) -> String {
    format!(
        "page {page}: {n} drawn shape(s) under the boxes removed (outlines, strokes, clipping paths)"
    )
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

fn user_rect_to_page(display: &Matrix, r: &Rect) -> Rect {
    let a = display.apply(r.x0, r.y0);
    let b = display.apply(r.x1, r.y1);
    Rect::new(a.0, a.1, b.0, b.1)
}

/// Text under a reviewer's area: the runs of the line text drawn by `glyphs` (one run per line).
fn runs_of(text: &crate::text::PageText, glyphs: &[usize]) -> Vec<String> {
    let set: HashSet<u32> = glyphs.iter().map(|&g| g as u32).collect();
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut flush = |cur: &mut String| {
        let t = cur.trim();
        if !t.is_empty() {
            runs.push(t.to_string());
        }
        cur.clear();
    };
    for (i, c) in text.text.char_indices() {
        let g = text
            .text_glyph
            .get(i)
            .copied()
            .unwrap_or(crate::text::NO_GLYPH);
        // a glyph under the area, or a space between two of them
        if set.contains(&g) || (g == crate::text::NO_GLYPH && c == ' ' && !cur.is_empty()) {
            cur.push(c);
        } else {
            flush(&mut cur);
        }
    }
    flush(&mut cur);
    runs
}

/// White space collapsed, lower case: how kept text is compared with text a reviewer removed.
fn squashed(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A finding made for a reviewer's box (area or exempted page), for the audit.
fn review_finding(text: String, ground: &str, rule: &str, reason: String) -> Finding {
    Finding {
        start: 0,
        end: 0,
        text,
        category: Category::Name,
        ground: ground.to_string(),
        rule: rule.to_string(),
        reason,
        confirmed_in: None,
        score: None,
        term: None,
    }
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
/// `review` holds the reviewer's areas (removed like findings' areas: glyphs, image pixels and
/// vector shapes under them) and exempted pages (replaced by a blank page with one labelled
/// box). `drawn` are the words a reading of an earlier output found in letters drawn as shapes:
/// removed like reviewer's areas, after them.
pub fn redact_document(
    pdf: LoadedPdf,
    findings: &[Vec<Finding>],
    ocr: &[Option<OcrData>],
    review: &DocReview,
    drawn: &[DrawnArea],
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
    // The page text outside every finding, for the verifier (a string kept somewhere in the
    // document proves nothing by its presence; its removed occurrences are checked by place).
    let mut outside_findings = String::new();
    let mut ocr_audit: Vec<OcrAudit> = Vec::new();
    let mut pixel_pages: Vec<u32> = Vec::new();
    let mut fonts = FontCache::default();
    // Text a reviewer removed (under areas, on exempted pages) is searched for in the output
    // only where it stands nowhere else on the kept pages (else it is published there anyway).
    let mut kept_text = String::new();
    let mut area_runs: Vec<String> = Vec::new();
    let mut exempt_lines: Vec<String> = Vec::new();
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
        let display = page
            .content
            .geometry
            .map(|g| g.display)
            .unwrap_or(Matrix::IDENTITY);
        if let Some(ex) = review.exempt_page(number) {
            // Niet openbaar: the whole page goes; one box states the ground.
            let mut text = page.text.text.clone();
            if let Some(data) = ocr.get(i).and_then(Option::as_ref) {
                text.push('\n');
                text.push_str(&OcrPage::from_data(data.clone()).text.text);
            }
            for line in text.lines() {
                if line
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .sum::<usize>()
                    >= 4
                {
                    exempt_lines.push(line.trim().to_string());
                }
            }
            for f in page_findings {
                push_unique(&mut removed, &f.text);
            }
            let (width, height) = match page.content.geometry {
                Some(g) => (g.width, g.height),
                None => (595.0, 842.0),
            };
            let label = exempt_label(&render_ground(&ex.ground, cfg.label_notation));
            let (rect, fits) =
                blank_page(&mut doc, page_id, &display, width, height, &label, &style).map_err(
                    |e| RedactError::Failed(format!("page {number} could not be replaced: {e}")),
                )?;
            areas.add(number, page_rect_to_user(&display, &rect));
            boxes.push(BoxMade {
                page: number,
                rect,
                label,
                unlabelled: !fits,
                finding: review_finding(
                    text.trim().to_string(),
                    &ex.ground,
                    "decision.exempt",
                    format!(
                        "page not published (niet openbaar), reviewer decision {}",
                        ex.decision.decision_id
                    ),
                ),
                review: Some(ReviewBox {
                    kind: "exempt",
                    rect: [0.0; 4],
                    decision: ex.decision.clone(),
                }),
            });
            continue;
        }
        kept_text.push_str(&squashed(&page.text.text));
        kept_text.push('\n');
        // The reviewer's areas on this page, then the words read in drawn letters: boxes like
        // findings' boxes, after them.
        let page_areas: Vec<&crate::decide::review::ReviewArea> =
            review.areas.iter().filter(|a| a.page == number).collect();
        let page_drawn: Vec<&DrawnArea> = drawn.iter().filter(|d| d.page == number).collect();
        let own_count = page_findings.len();
        let mut extended: Vec<Finding>;
        let mut extra: Vec<Area> = Vec::new();
        let page_findings: &[Finding] = if page_areas.is_empty() && page_drawn.is_empty() {
            page_findings
        } else {
            extended = page_findings.to_vec();
            for a in &page_areas {
                let [x0, y0, x1, y1] = a.rect;
                let rect = user_rect_to_page(&display, &Rect::new(x0, y0, x1, y1));
                let runs = runs_of(&page.text, &glyphs_under(&page.content, &rect));
                area_runs.extend(runs.iter().cloned());
                extra.push(Area {
                    rect,
                    label: render_ground(&a.ground, cfg.label_notation),
                    finding: extended.len(),
                });
                extended.push(review_finding(
                    runs.join("\n"),
                    &a.ground,
                    "decision.area",
                    format!(
                        "area removed by reviewer decision {}",
                        a.decision.decision_id
                    ),
                ));
            }
            for d in &page_drawn {
                extra.push(Area {
                    rect: d.box_rect(),
                    label: render_ground(&d.ground, cfg.label_notation),
                    finding: extended.len(),
                });
                extended.push(Finding {
                    category: d.category,
                    ..review_finding(
                        d.text.clone(),
                        &d.ground,
                        DRAWN_RULE,
                        "letters drawn as shapes (no text layer) read by OCR as personal data"
                            .into(),
                    )
                });
            }
            &extended
        };
        let review_box = |fi: usize| -> Option<ReviewBox> {
            let k = fi.checked_sub(own_count)?;
            let a = page_areas.get(k)?;
            Some(ReviewBox {
                kind: "area",
                rect: a.rect,
                decision: a.decision.clone(),
            })
        };
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
            for f in &page_findings[..own_count] {
                push_unique(&mut removed, &f.text);
            }
            // Findings before `layer_len` are on the text layer (`ocr = "always"`), the rest
            // on the OCR text, shifted by it.
            let split = data.layer_len;
            let (mut text_marks, mut ocr_marks) = (Vec::new(), Vec::new());
            for m in marks_for(&page_findings[..own_count], cfg) {
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
            outside_findings.push_str(&kept_text_of(&both, page_findings));
            outside_findings.push('\n');
            let done = redact_ocr_page(
                &mut doc,
                page_id,
                &page.content,
                &page.text,
                &text_marks,
                &o,
                &ocr_marks,
                &extra,
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
            for e in &done.applied.shape_failures {
                flagged.push((number, format!("{e}: check it by hand")));
            }
            if done.applied.shapes_removed > 0 {
                warnings.push(shapes_removed(number, done.applied.shapes_removed));
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
            for (ai, area) in done.plan.areas.iter().enumerate() {
                areas.add(number, page_rect_to_user(&display, &area.rect));
                let Some(f) = page_findings.get(area.finding) else {
                    continue;
                };
                let mut f = f.clone();
                let rb = review_box(area.finding);
                if rb.is_some() {
                    // on a scan, what an area removed is the OCR words under it
                    let words: Vec<&str> = o
                        .words
                        .iter()
                        .filter(|w| w.rect.shrink(0.2).intersects(&area.rect))
                        .map(|w| w.text.as_str())
                        .collect();
                    if !words.is_empty() {
                        f.text = words.join(" ");
                    }
                }
                boxes.push(BoxMade {
                    page: number,
                    rect: area.rect,
                    label: area.label.clone(),
                    unlabelled: done.applied.unlabelled_areas.contains(&ai),
                    finding: f,
                    review: rb,
                });
            }
            continue;
        }
        if let Some(reason) = page.review_reason() {
            flagged.push((number, reason.to_string()));
        }
        let own = &page_findings[..own_count];
        collect_kept_words(&page.text.search, own, &mut kept_words);
        outside_findings.push_str(&kept_text_of(&page.text.search, own));
        outside_findings.push('\n');
        // Every finding is checked for in the output, also one whose glyphs could not be
        // located (blank glyphs under an /ActualText, say): verification then fails closed.
        // So is what OCR read in drawn letters (read again there, it is a leak).
        for f in own {
            push_unique(&mut removed, &f.text);
        }
        for d in &page_drawn {
            push_unique(&mut removed, &d.text);
        }
        let marks = marks_for(own, cfg);
        let mut plan = plan_page_with_areas(&page.content, &page.text, &marks, &extra);
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
        for e in &applied.shape_failures {
            flagged.push((number, format!("{e}: check it by hand")));
        }
        if applied.shapes_removed > 0 {
            warnings.push(shapes_removed(number, applied.shapes_removed));
        }
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
                review: review_box(area.finding),
            });
        }
    }
    // What the reviewer removed is searched for too, where it stands nowhere on the kept pages.
    for run in area_runs {
        let s = squashed(&run);
        if s.chars().filter(|c| !c.is_whitespace()).count() >= 4
            && kept_text.matches(s.as_str()).count() <= 1
        {
            push_unique(&mut removed, &run);
        }
    }
    for line in exempt_lines {
        if !kept_text.contains(&squashed(&line)) {
            push_unique(&mut removed, &line);
        }
    }
    let judge = DocJudge::new(ctx.detector, cfg, removed.clone(), kept_words.clone());
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
        kept_words,
        outside_findings,
    })
}
