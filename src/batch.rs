//! The batch pipeline: extract and detect over the whole dossier, then plan, redact, sanitise, save and verify each file in parallel, results in input order.
//!
//! Two passes keep memory flat: pass 1 keeps only page texts (for dossier-wide consistency),
//! pass 2 re-reads one file at a time per worker. A file that fails in any way is reported and
//! the batch goes on; a file is written to the output folder only after verification passed.

use crate::audit::{FileRecord, RedactionRecord, Status, mask, sha256_hex};
use crate::config::{Config, render_ground};
use crate::detect::{Detector, Dossier, Finding};
use crate::extract::{extract_bytes, extract_page, page_texts};
use crate::pdf::{Limits, Matrix, Rect};
use crate::pdf::{LoadedPdf, load_pdf};
use crate::plan::{Mark, plan_page};
use crate::redact::apply::{BoxStyle, apply_page};
use crate::redact::fontscrub::scrub_font_programs;
use crate::redact::sanitize::{Judge, PageAreas, SanitizeOptions, Span, sanitize};
use crate::redact::save::save_clean;
use crate::verify::verify_document;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Everything a run needs besides the inputs.
pub struct RunSettings<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The compiled detector.
    pub detector: &'a Detector,
    /// Limits against hostile files.
    pub limits: Limits,
}

/// What happened to one file.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The per-file audit line.
    pub record: FileRecord,
    /// The per-box audit lines.
    pub redactions: Vec<RedactionRecord>,
    /// The redacted PDF, when it may be published (status ok or flagged).
    pub output: Option<Vec<u8>>,
    /// The unverified output kept apart for investigation (status failed).
    pub quarantined: Option<Vec<u8>>,
}

/// The PDF files named by `inputs` (files, or folders searched recursively), sorted, without duplicates.
pub fn collect_inputs(inputs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = BTreeSet::new();
    for input in inputs {
        if input.is_dir() {
            let mut stack = vec![input.clone()];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir)? {
                    let p = entry?.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
                        out.insert(p);
                    }
                }
            }
        } else {
            out.insert(input.clone());
        }
    }
    Ok(out.into_iter().collect())
}

/// A file's name for reports.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

const PANIC_READING: &str =
    "internal error while reading the file (the reader panicked): damaged or unsupported PDF";

/// Pass 1 + dossier scan: findings per file and page (or the error that stopped the file).
pub fn detect_batch(
    files: &[PathBuf],
    settings: &RunSettings,
) -> Vec<Result<Vec<Vec<Finding>>, String>> {
    let texts: Vec<Result<Vec<String>, String>> = files
        .par_iter()
        .map(|p| {
            // one page in memory at a time: pass 1 keeps only the texts
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read file: {e}"))?;
            let limits = settings.limits;
            let texts = std::panic::catch_unwind(move || page_texts(&bytes, &limits))
                .map_err(|_| PANIC_READING.to_string())?
                .map_err(|e| e.to_string())?;
            texts
                .into_iter()
                .map(|t| t.map_err(|e| e.to_string()))
                .collect()
        })
        .collect();
    let mut dossier = Dossier::new(settings.detector);
    for (path, t) in files.iter().zip(&texts) {
        if let Ok(pages) = t {
            dossier.add(display_name(path), pages.clone());
        }
    }
    let mut scanned = dossier.scan().into_iter();
    texts
        .into_iter()
        .map(|t| t.map(|_| scanned.next().map(|d| d.pages).unwrap_or_default()))
        .collect()
}

/// The page's findings as marks to plan, labelled in the configured notation.
pub fn marks_for(findings: &[Finding], cfg: &Config) -> Vec<Mark> {
    findings
        .iter()
        .enumerate()
        .map(|(k, f)| Mark {
            start: f.start,
            end: f.end,
            label: render_ground(&f.ground, cfg.label_notation),
            finding: k,
        })
        .collect()
}

/// Parses a colour setting: a name (`black`, `white`, `gray`) or `#rrggbb`.
pub fn parse_color(s: &str) -> Option<[f64; 3]> {
    match s.trim().to_ascii_lowercase().as_str() {
        "black" => Some([0.0; 3]),
        "white" => Some([1.0; 3]),
        "gray" | "grey" => Some([0.5; 3]),
        hex if hex.starts_with('#') && hex.len() == 7 => {
            let c = |i: usize| {
                u8::from_str_radix(&hex[i..i + 2], 16)
                    .ok()
                    .map(|v| v as f64 / 255.0)
            };
            Some([c(1)?, c(3)?, c(5)?])
        }
        _ => None,
    }
}

/// The judge used on metadata, bookmarks, annotations and the structure tree: the detector's
/// strict scan, plus every string this file had removed from its pages (on word boundaries).
struct DocJudge<'a> {
    detector: &'a Detector,
    config: &'a Config,
    removed: Vec<String>,
    /// Words that stand in this document's page text outside every finding: page detection,
    /// which sees their context, judged them not personal. A lone word the context-free strict
    /// scan flags in a bookmark or in metadata ("Locatie: Kamer 2C4") gets the same decision.
    kept_words: HashSet<String>,
    seen: Mutex<Vec<String>>,
}

fn word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Judge for DocJudge<'_> {
    fn find(&self, text: &str) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .detector
            .scan_string_strict(text)
            .into_iter()
            .filter(|f| {
                let t = &text[f.start..f.end];
                t.split_whitespace().count() > 1
                    || !self.kept_words.contains(t)
                    || self.removed.iter().any(|r| r == t)
            })
            .map(|f| Span {
                start: f.start,
                end: f.end,
                ground: render_ground(&f.ground, self.config.label_notation),
            })
            .collect();
        for r in &self.removed {
            for (at, _) in text.match_indices(r.as_str()) {
                if word_boundary(text, at, at + r.len())
                    && !spans.iter().any(|s| s.start < at + r.len() && at < s.end)
                {
                    spans.push(Span {
                        start: at,
                        end: at + r.len(),
                        ground: render_ground("5.1.2e", self.config.label_notation),
                    });
                }
            }
        }
        spans.sort_by_key(|s| s.start);
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        if !merged.is_empty()
            && let Ok(mut seen) = self.seen.lock()
        {
            for s in &merged {
                seen.push(text[s.start..s.end].to_string());
            }
        }
        merged
    }
}

/// Adds every word of a page text that lies outside all findings to `out`.
fn collect_kept_words(text: &str, findings: &[Finding], out: &mut HashSet<String>) {
    let mut start = None;
    for (pos, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() || c == '-' || c == '\'' {
            start.get_or_insert(pos);
        } else if let Some(s) = start.take()
            && !findings.iter().any(|f| s < f.end && f.start < pos)
        {
            out.insert(text[s..pos].to_string());
        }
    }
}

fn page_rect_to_user(display: &Matrix, r: &Rect) -> Rect {
    let inv = display.invert().unwrap_or(Matrix::IDENTITY);
    let a = inv.apply(r.x0, r.y0);
    let b = inv.apply(r.x1, r.y1);
    Rect::new(a.0, a.1, b.0, b.1)
}

/// The outcome of a file that could not be read: status `error`, nothing written.
pub fn error_outcome(file: String, reason: String) -> FileOutcome {
    FileOutcome {
        record: FileRecord {
            kind: "file",
            file,
            status: Status::Error,
            reason,
            pages: 0,
            redactions: 0,
            flagged_pages: vec![],
            warnings: vec![],
            sanitized: serde_json::Value::Null,
            verification: serde_json::Value::Null,
        },
        redactions: vec![],
        output: None,
        quarantined: None,
    }
}

/// Pass 2 for one file: plan, redact, sanitise, save, verify.
pub fn redact_file(path: &Path, findings: &[Vec<Finding>], settings: &RunSettings) -> FileOutcome {
    let file = display_name(path);
    let pdf = std::fs::read(path)
        .map_err(|e| format!("cannot read file: {e}"))
        .and_then(|bytes| {
            let limits = settings.limits;
            std::panic::catch_unwind(move || load_pdf(&bytes, &limits))
                .map_err(|_| PANIC_READING.to_string())?
                .map_err(|e| e.to_string())
        });
    let pdf = match pdf {
        Ok(d) => d,
        Err(e) => return error_outcome(file, e),
    };
    let run = std::panic::AssertUnwindSafe(|| redact_loaded(&file, pdf, findings, settings));
    match std::panic::catch_unwind(run) {
        Ok(o) => o,
        Err(_) => error_outcome(
            file,
            "internal error while redacting (panic): file not published".into(),
        ),
    }
}

/// Pass 2 on a loaded document, one page at a time (only that page's glyphs are in memory).
fn redact_loaded(
    file: &str,
    pdf: LoadedPdf,
    findings: &[Vec<Finding>],
    settings: &RunSettings,
) -> FileOutcome {
    let cfg = settings.config;
    let style = BoxStyle {
        fill: parse_color(&cfg.box_fill).unwrap_or([0.0; 3]),
        text: parse_color(&cfg.label_color).unwrap_or([1.0; 3]),
        frame: parse_color(&cfg.box_fill).is_some_and(|c| c.iter().all(|v| *v > 0.9)),
    };
    let page_ids = pdf.pages.clone();
    let mut doc = pdf.doc;
    let mut warnings: Vec<String> = pdf.warnings.clone();
    let mut flagged: Vec<(u32, String)> = Vec::new();
    let mut records = Vec::new();
    let mut areas = PageAreas::new();
    let mut removed: Vec<String> = Vec::new();
    let mut kept_words: HashSet<String> = HashSet::new();
    for (i, &page_id) in page_ids.iter().enumerate() {
        let number = i as u32 + 1;
        let page = match extract_page(&doc, number, page_id, &settings.limits) {
            Ok(p) => p,
            Err(e) => {
                let mut o = error_outcome(
                    file.to_string(),
                    format!("page {number} cannot be read, so it cannot be redacted: {e}"),
                );
                o.record.pages = page_ids.len();
                return o;
            }
        };
        let page = &page;
        for w in page.content.unreadable.iter().chain(&page.content.warnings) {
            warnings.push(format!("page {number}: {w}"));
        }
        if let Some(reason) = page.review_reason() {
            flagged.push((number, reason.to_string()));
        }
        let page_findings = findings.get(i).map(Vec::as_slice).unwrap_or(&[]);
        collect_kept_words(&page.text.search, page_findings, &mut kept_words);
        let marks = marks_for(page_findings, cfg);
        // Every finding is checked for in the output, also one whose glyphs could not be
        // located (blank glyphs under an /ActualText, say): verification then fails closed.
        for f in page_findings {
            if !removed.contains(&f.text) {
                removed.push(f.text.clone());
            }
        }
        let mut plan = plan_page(&page.content, &page.text, &marks);
        // /Alt and /E in marked content: checked like other strings outside the page text.
        for (k, alt) in page.content.marked_alts.iter().enumerate() {
            let hits: Vec<String> = settings
                .detector
                .scan_string_strict(&alt.text)
                .into_iter()
                .map(|f| f.text)
                .chain(
                    removed
                        .iter()
                        .filter(|r| alt.text.contains(r.as_str()))
                        .cloned(),
                )
                .collect();
            if !hits.is_empty() {
                plan.scrub_alts.push(k);
                for h in hits {
                    if !removed.contains(&h) {
                        removed.push(h);
                    }
                }
            }
        }
        for r in &plan.review {
            flagged.push((number, r.clone()));
        }
        if plan.is_empty() {
            continue;
        }
        let applied = match apply_page(
            &mut doc,
            page_ids[i],
            &page.content,
            &plan,
            &style,
            &settings.limits,
        ) {
            Ok(a) => a,
            Err(e) => {
                let mut o = error_outcome(
                    file.to_string(),
                    format!("page {number} could not be rewritten: {e}"),
                );
                o.record.status = Status::Failed;
                return o;
            }
        };
        let display = page
            .content
            .geometry
            .map(|g| g.display)
            .unwrap_or(Matrix::IDENTITY);
        for (ai, area) in plan.areas.iter().enumerate() {
            areas.add(number, page_rect_to_user(&display, &area.rect));
            let Some(f) = page_findings.get(area.finding) else {
                continue;
            };
            let mut reason = f.reason.clone();
            if applied.unlabelled_areas.contains(&ai) {
                reason.push_str(" [box too small for a label: unlabelled]");
            }
            records.push(RedactionRecord {
                kind: "redaction",
                file: file.to_string(),
                page: number,
                category: f.category.as_str().to_string(),
                ground: f.ground.clone(),
                label: area.label.clone(),
                rule: f.rule.clone(),
                reason,
                bbox: [area.rect.x0, area.rect.y0, area.rect.x1, area.rect.y1]
                    .map(|v| (v * 100.0).round() / 100.0),
                chars: f.text.chars().count(),
                text_sha256: sha256_hex(&f.text),
                confirmed_in: f.confirmed_in.clone(),
            });
        }
    }
    let judge = DocJudge {
        detector: settings.detector,
        config: cfg,
        removed: removed.clone(),
        kept_words,
        seen: Mutex::new(Vec::new()),
    };
    let report = match sanitize(&mut doc, &judge, &areas, &SanitizeOptions::default()) {
        Ok(r) => r,
        Err(e) => {
            let mut o = error_outcome(file.to_string(), format!("sanitising failed: {e}"));
            o.record.status = Status::Failed;
            return o;
        }
    };
    if let Ok(seen) = judge.seen.lock() {
        for s in seen.iter() {
            if !removed.contains(s) {
                removed.push(s.clone());
            }
        }
    }
    let fonts_scrubbed = scrub_font_programs(&mut doc, &removed, settings.limits.max_stream_bytes);
    if fonts_scrubbed > 0 {
        warnings.push(format!("{fonts_scrubbed} embedded font program(s) carried a removed string in their names or notice: overwritten"));
    }
    let bytes = match save_clean(&mut doc) {
        Ok(b) => b,
        Err(e) => {
            let mut o = error_outcome(file.to_string(), format!("saving failed: {e}"));
            o.record.status = Status::Failed;
            return o;
        }
    };
    drop(doc);
    // Verification, fail closed: our own interpreter and the document-level scan.
    let own: Result<Vec<String>, String> =
        match std::panic::catch_unwind(|| extract_bytes(&bytes, &settings.limits)) {
            Ok(Ok(d)) => d
                .pages
                .iter()
                .map(|p| {
                    p.as_ref()
                        .map(|p| format!("{}\n{}", p.text.search, p.text.text))
                        .map_err(|e| e.to_string())
                })
                .collect(),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("our own reader panicked on the output".into()),
        };
    let verification = match &own {
        Ok(pages_text) => verify_document(&bytes, &removed, pages_text),
        Err(e) => {
            let mut v = verify_document(&bytes, &removed, &[]);
            v.incomplete.push(format!("own re-extraction failed: {e}"));
            v
        }
    };
    let clean = verification.is_clean();
    let hits: Vec<String> = verification
        .findings
        .iter()
        .map(|h| format!("{:?} at {}", h.channel, h.location).to_lowercase())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let verification_json = serde_json::json!({
        "clean": clean,
        "strings_checked": removed.len(),
        "hits": hits,
        "incomplete": verification.incomplete,
        "warnings": verification.warnings,
    });
    let flagged_pages: Vec<u32> = flagged
        .iter()
        .map(|f| f.0)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (status, reason) = if !clean {
        let why = if verification.findings.is_empty() {
            format!(
                "verification could not prove the output clean: {}",
                verification.incomplete.join("; ")
            )
        } else {
            format!(
                "verification found removed text in the output ({} hits): not published",
                verification.findings.len()
            )
        };
        (Status::Failed, why)
    } else if !flagged.is_empty() {
        let reasons: BTreeSet<&str> = flagged.iter().map(|f| f.1.as_str()).collect();
        (
            Status::Flagged,
            format!(
                "needs manual review: {}",
                reasons.into_iter().collect::<Vec<_>>().join("; ")
            ),
        )
    } else {
        (Status::Ok, "redacted and verified".to_string())
    };
    for r in &mut records {
        r.reason = mask(&r.reason, &removed);
    }
    let warnings: Vec<String> = warnings.iter().map(|w| mask(w, &removed)).collect();
    FileOutcome {
        record: FileRecord {
            kind: "file",
            file: file.to_string(),
            status,
            reason,
            pages: page_ids.len(),
            redactions: records.len(),
            flagged_pages,
            warnings,
            sanitized: serde_json::to_value(report.counts()).unwrap_or_default(),
            verification: verification_json,
        },
        redactions: records,
        output: if clean { Some(bytes.clone()) } else { None },
        quarantined: if clean { None } else { Some(bytes) },
    }
}
