//! The batch scheduler: runs the stages over a dossier (pass 1: extract and detect every file; pass 2: redact, verify and publish each file), in parallel, isolating every file.
//!
//! Two passes keep memory flat: pass 1 keeps only page texts (for dossier-wide decisions),
//! pass 2 re-reads one file at a time per worker. A file that fails in any way (also a panic)
//! becomes an `error` or `failed` record and the batch goes on; a file reaches `publish/` only
//! after verification passed. The stages themselves live in their own modules:
//! [`crate::extract`] -> [`crate::detect`] -> [`crate::plan`] -> [`crate::redact`] ->
//! [`crate::verify`] -> [`crate::publish`].

use crate::audit::{
    ExemptPage, FileRecord, FlaggedPage, RedactionRecord, Status, decision_source, drawn_id,
    finding_id, mask, sha256_bytes_hex, sha256_hex,
};
use crate::config::Config;
use crate::decide::DecisionTable;
use crate::decide::duplicates::{Duplicate, Fingerprint, MirrorDoc, find, fingerprint, mirror};
use crate::decide::review::{DecisionsFile, DocReview, DocView, ReviewReport, area_id, exempt_id};
use crate::detect::{Category, Detector, Dossier, Finding};
use crate::inputs::InputFile;
use crate::ocr::OcrData;
use crate::ocr::stage::{add_tolerant_findings, dossier_terms, page_reads, verify_pixels};
use crate::packed::Packed;
use crate::pdf::{Limits, load_pdf};
use crate::publish::{OutputFolder, decide_status};
use crate::redact::judge::DocJudge;
use crate::redact::{RedactContext, RedactError, redact_document};
use crate::verify::judged::judge_output;
use crate::verify::{VerifyReport, verify_output};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Everything a run needs besides the inputs.
pub struct RunSettings<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The compiled detector.
    pub detector: &'a Detector,
    /// Limits against hostile files.
    pub limits: Limits,
}

/// What pass 1 learned about one readable file.
///
/// Between the passes a file waits packed ([`Detected::pack`]): its findings and OCR words cost a
/// few bytes each instead of hundreds, so a dossier's memory stays flat however many files it
/// has. Pass 2 unpacks one file at a time ([`Detected::unpacked`]).
#[derive(Debug, Clone)]
pub struct Detected {
    /// SHA-256 of the input bytes as read in pass 1.
    pub input_sha256: String,
    /// The findings of each page, in page order (decided over the whole dossier); empty while
    /// packed.
    pub pages: Vec<Vec<Finding>>,
    /// For each page, its OCR when it was OCR'd (its findings are spans of the OCR text); empty
    /// while packed.
    pub ocr: Vec<Option<OcrData>>,
    /// What the reviewer's decisions (`--decisions`) mean for this file besides its findings.
    pub review: DocReview,
    /// The earlier document of the dossier this one duplicates (identical or near), if any.
    pub duplicate: Option<Duplicate>,
    /// While packed: `pages` and `ocr`.
    packed: Option<Packs>,
}

/// A file's findings and OCR, packed.
#[derive(Debug, Clone)]
struct Packs {
    pages: Packed<Vec<Vec<Finding>>>,
    ocr: Packed<Vec<Option<OcrData>>>,
    page_count: usize,
    any_ocr: bool,
}

impl Detected {
    /// Packs findings and OCR words (a no-op when packed).
    pub fn pack(&mut self) {
        if self.packed.is_none() {
            self.packed = Some(Packs {
                page_count: self.pages.len(),
                any_ocr: self.ocr.iter().any(Option::is_some),
                pages: Packed::pack(&std::mem::take(&mut self.pages)),
                ocr: Packed::pack(&std::mem::take(&mut self.ocr)),
            });
        }
    }

    /// Unpacks findings and OCR words in place (a no-op when not packed).
    pub fn unpack(&mut self) {
        if let Some(p) = self.packed.take() {
            self.pages = p.pages.unpack();
            self.ocr = p.ocr.unpack();
        }
    }

    /// This file with findings and OCR words unpacked (a copy when packed).
    pub fn unpacked(&self) -> std::borrow::Cow<'_, Detected> {
        match &self.packed {
            None => std::borrow::Cow::Borrowed(self),
            Some(p) => std::borrow::Cow::Owned(Detected {
                input_sha256: self.input_sha256.clone(),
                pages: p.pages.unpack(),
                ocr: p.ocr.unpack(),
                review: self.review.clone(),
                duplicate: self.duplicate.clone(),
                packed: None,
            }),
        }
    }

    /// The findings of each page (unpacked when packed; the OCR words stay packed).
    pub fn findings(&self) -> std::borrow::Cow<'_, [Vec<Finding>]> {
        match &self.packed {
            None => std::borrow::Cow::Borrowed(&self.pages),
            Some(p) => std::borrow::Cow::Owned(p.pages.unpack()),
        }
    }

    /// Number of pages (also when packed).
    pub fn page_count(&self) -> usize {
        self.packed
            .as_ref()
            .map_or(self.pages.len(), |p| p.page_count)
    }

    /// Whether any page was OCR'd (also when packed).
    pub fn any_ocr(&self) -> bool {
        self.packed
            .as_ref()
            .map_or_else(|| self.ocr.iter().any(Option::is_some), |p| p.any_ocr)
    }

    /// A fingerprint of what detection decided for this file (changes when any finding does).
    pub fn fingerprint(&self) -> String {
        let mut s = String::new();
        for (i, page) in self.findings().iter().enumerate() {
            for f in page {
                s.push_str(&format!(
                    "{i}\0{}\0{}\0{}\0{}\0{}\n",
                    f.start,
                    f.end,
                    f.category.as_str(),
                    f.ground,
                    f.text
                ));
            }
        }
        // only with decisions, so a run without keeps the fingerprints of earlier runs
        if !self.review.is_empty() {
            s.push_str(&serde_json::to_string(&self.review).unwrap_or_default());
        }
        // likewise only for a duplicate (its audit record names the original)
        if let Some(d) = &self.duplicate {
            s.push_str(&format!("duplicate\0{}\0{}\n", d.original, d.similarity));
        }
        sha256_hex(&s)
    }
}

/// What happened to one file in pass 2.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The per-file audit line.
    pub record: FileRecord,
    /// The per-box audit lines.
    pub redactions: Vec<RedactionRecord>,
}

/// How often a document is redone to remove personal data read in letters drawn as shapes
/// (each reading of the output may find what the last one missed).
const MAX_DRAWN_REDOS: usize = 2;

const PANIC_READING: &str =
    "internal error while reading the file (the reader panicked): damaged or unsupported PDF";

/// What pass 1 decided for the whole dossier.
pub struct DossierScan {
    /// Per input file (in input order): its findings per page, or why it could not be read.
    pub files: Vec<Result<Detected, String>>,
    /// The dossier's term table: one decision per name-like term (written as `decisions.json`),
    /// with the reviewer's decisions applied and carried.
    pub decisions: DecisionTable,
    /// What the reviewer's decisions did (empty without `--decisions`).
    pub review: ReviewReport,
}

/// Pass 1: reads every file's page texts (one page in memory at a time), then detects over the
/// whole dossier, deciding once per term. `on_file` is called as each file has been read (for
/// progress).
pub fn detect_pass(
    files: &[InputFile],
    settings: &RunSettings,
    on_file: &(dyn Fn(&InputFile) + Sync),
) -> DossierScan {
    detect_pass_reviewed(files, settings, None, on_file)
}

/// [`detect_pass`], then a reviewer's decisions applied to what it decided
/// ([`crate::decide::review::apply`]): findings rejected, added or given another ground, areas and
/// exempted pages attached to their documents, the term table updated and the decisions carried.
pub fn detect_pass_reviewed(
    files_in: &[InputFile],
    settings: &RunSettings,
    decisions: Option<&DecisionsFile>,
    on_file: &(dyn Fn(&InputFile) + Sync),
) -> DossierScan {
    type Ocr = Packed<Vec<Option<OcrData>>>;
    type Texts = Result<(String, Vec<String>, (Ocr, bool), Fingerprint), String>;
    let texts: Vec<Texts> = files_in
        .par_iter()
        .map(|f| {
            let read = || -> Texts {
                let bytes = std::fs::read(&f.path).map_err(|e| format!("cannot read file: {e}"))?;
                let hash = sha256_bytes_hex(&bytes);
                let limits = settings.limits;
                let mode = settings.config.ocr;
                let reads = std::panic::catch_unwind(move || page_reads(&bytes, &limits, mode))
                    .map_err(|_| PANIC_READING.to_string())?
                    .map_err(|e| e.to_string())?;
                let (mut pages, mut ocr) = (Vec::new(), Vec::new());
                for r in reads {
                    let r = r.map_err(|e| e.to_string())?;
                    pages.push(r.search);
                    ocr.push(r.ocr);
                }
                // what duplicate detection keeps of the text: a fingerprint of about 1 KB
                let print = fingerprint(&pages);
                let any_ocr = ocr.iter().any(Option::is_some);
                Ok((hash, pages, (Packed::pack(&ocr), any_ocr), print))
            };
            let r = read();
            on_file(f);
            r
        })
        .collect();
    // what reading every file freed goes back before detection grows the dossier
    crate::alloc::release_free_memory();
    // The texts move into the dossier (never copied): only hashes stay here.
    let mut dossier = Dossier::new(settings.detector);
    type Kept = Result<(String, (Ocr, bool)), String>;
    let mut prints: Vec<Option<Fingerprint>> = Vec::with_capacity(files_in.len());
    let hashes: Vec<Kept> = files_in
        .iter()
        .zip(texts)
        .map(|(f, t)| {
            let (kept, print) = match t {
                Ok((hash, pages, ocr, print)) => {
                    dossier.add(f.rel.clone(), pages);
                    (Ok((hash, ocr)), Some(print))
                }
                Err(e) => (Err(e), None),
            };
            prints.push(print);
            kept
        })
        .collect();
    // Duplicates, in input order (the original is the first): independent of the thread count.
    let names: Vec<String> = files_in.iter().map(|f| f.rel.clone()).collect();
    let duplicates = find(&prints, &names);
    drop(prints);
    // Each document's findings are packed as soon as they are decided.
    let mut scanned = dossier
        .scan_with(|d| (Packed::pack(&d.pages), d.pages.len()))
        .into_iter();
    let mut files: Vec<Result<Detected, String>> = hashes
        .into_iter()
        .zip(duplicates)
        .map(|(h, duplicate)| {
            h.map(|(input_sha256, (ocr, any_ocr))| {
                let (pages, page_count) = scanned
                    .next()
                    .unwrap_or_else(|| (Packed::pack(&Vec::new()), 0));
                Detected {
                    input_sha256,
                    pages: Vec::new(),
                    ocr: Vec::new(),
                    review: DocReview::default(),
                    duplicate,
                    packed: Some(Packs {
                        pages,
                        ocr,
                        page_count,
                        any_ocr,
                    }),
                }
            })
        })
        .collect();
    // OCR'd pages also get the dossier's terms where OCR misread them slightly.
    if files.iter().flatten().any(Detected::any_ocr) {
        let terms = dossier_terms(
            files
                .iter()
                .flatten()
                .flat_map(|d| d.findings().into_owned().into_iter().flatten()),
        );
        for d in files.iter_mut().flatten().filter(|d| d.any_ocr()) {
            d.unpack();
            for (page, ocr) in d.pages.iter_mut().zip(&d.ocr) {
                if let Some(o) = ocr {
                    add_tolerant_findings(o, &terms, page);
                }
            }
            d.pack();
        }
    }
    let mut table = dossier.decisions().clone();
    let mut review = ReviewReport::default();
    if let Some(file) = decisions {
        // A reviewer's decisions are matched against the whole dossier's findings at once.
        files.par_iter_mut().flatten().for_each(Detected::unpack);
        // An identical duplicate gets the decisions made on its original (areas, exemptions,
        // occurrences where the same text position exists); the decisions file itself is carried
        // as it was read.
        let mirrored = {
            let mut texts = dossier.documents().iter();
            let views: Vec<MirrorDoc> = files_in
                .iter()
                .zip(&files)
                .map(|(f, d)| match d {
                    Ok(d) => MirrorDoc {
                        doc: &f.rel,
                        texts: texts.next().map(|(_, p)| p.as_slice()),
                        findings: Some(d.pages.as_slice()),
                        duplicate: d.duplicate.as_ref(),
                    },
                    Err(_) => MirrorDoc {
                        doc: &f.rel,
                        texts: None,
                        findings: None,
                        duplicate: None,
                    },
                })
                .collect();
            let occurrence_ids: std::collections::HashSet<&str> = table
                .terms
                .iter()
                .flat_map(|t| t.occurrences.iter().map(|o| o.id.as_str()))
                .collect();
            mirror(file, &views, &occurrence_ids)
        };
        let applied = mirrored.as_ref().unwrap_or(file);
        let texts = dossier.documents();
        let mut texts = texts.iter();
        let mut docs: Vec<DocView> = Vec::new();
        for (f, d) in files_in.iter().zip(files.iter_mut()) {
            match d {
                Ok(d) => {
                    let t = texts.next().map(|(_, pages)| pages.as_slice());
                    docs.push(DocView {
                        doc: &f.rel,
                        texts: t,
                        pages: Some(&mut d.pages),
                        review: Some(&mut d.review),
                    });
                }
                Err(_) => docs.push(DocView {
                    doc: &f.rel,
                    texts: None,
                    pages: None,
                    review: None,
                }),
            }
        }
        let before = table.clone();
        review = crate::decide::review::apply(applied, &mut table, &mut docs, settings.config);
        drop(docs);
        // The table is output only: one edited by hand is reported, never applied. A table
        // this tool wrote carries the hash of its terms; an older or hand-made one is compared.
        let written = file.table.terms_sha256.as_deref();
        let edited = written.is_some_and(|h| h != file.table.terms_hash());
        let differs = if written.is_none() || edited {
            crate::decide::review::table_differences(&file.table, &before, &table)
        } else {
            0
        };
        if differs > 0 {
            review.unmatched.push(crate::audit::UnmatchedDecisionRecord {
                kind: "decision_unmatched".into(),
                decision_id: "terms".into(),
                decision: "table".into(),
                target: "terms".into(),
                reason: format!(
                    "{differs} decision(s) or occurrence flag(s) in the file's term table differ from this run's ({}): the table is output only, not applied; write changes under \"review\"",
                    if edited {
                        "the table was edited by hand"
                    } else {
                        "edited by hand, or the dossier changed"
                    }
                ),
                reviewer: None,
                at: None,
            });
        }
        table.review = file.table.review.clone();
        files.par_iter_mut().flatten().for_each(Detected::pack);
    }
    DossierScan {
        files,
        decisions: table,
        review,
    }
}

/// Pass 2 over the files: each is redacted, verified and written to the output folder by the
/// worker that handled it (so at most one document per worker is in memory). `on_done` is
/// called with the full outcome as each file finishes (for the audit log and progress); what
/// comes back, in input order, is each file's record without its boxes, warnings and
/// verification details (see [`FileRecord::compact`]), so memory stays flat however many
/// files there are.
pub fn redact_pass(
    files: &[(&InputFile, &Result<Detected, String>)],
    settings: &RunSettings,
    out: &OutputFolder,
    on_done: &(dyn Fn(&FileOutcome) + Sync),
) -> Vec<FileRecord> {
    files
        .par_iter()
        .map(|(file, detected)| {
            let started = std::time::Instant::now();
            // unpacked once, for the redaction and the fingerprint
            let unpacked = detected.as_ref().map(|d| d.unpacked());
            let mut outcome = match &unpacked {
                Ok(d) => redact_and_publish(file, d, settings, out),
                Err(e) => error_outcome(&file.rel, (*e).clone()),
            };
            outcome.record.seconds = (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
            outcome.record.config_sha256 = settings.config.hash();
            if let Ok(d) = &unpacked {
                if let Some(dup) = &d.duplicate {
                    outcome.record.duplicate_of = Some(dup.original.clone());
                    outcome.record.similarity = Some(dup.similarity);
                }
                outcome.record.findings_sha256 = d.fingerprint();
                if outcome.record.input_sha256.is_empty() {
                    outcome.record.input_sha256 = d.input_sha256.clone();
                }
            }
            on_done(&outcome);
            outcome.record.compact()
        })
        .collect()
}

/// The outcome of a file that could not be read: status `error`, nothing written.
pub fn error_outcome(input: &str, reason: String) -> FileOutcome {
    FileOutcome {
        record: FileRecord::error(input, reason),
        redactions: vec![],
    }
}

/// Pass 2 for one file: load, redact, verify, decide, write. Never panics: a panic in any stage
/// is an `error` record for this file.
pub fn redact_and_publish(
    file: &InputFile,
    detected: &Detected,
    settings: &RunSettings,
    out: &OutputFolder,
) -> FileOutcome {
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => return error_outcome(&file.rel, format!("cannot read file: {e}")),
    };
    let input_sha256 = sha256_bytes_hex(&bytes);
    if input_sha256 != detected.input_sha256 {
        return error_outcome(
            &file.rel,
            "the file changed while the batch ran: run again".into(),
        );
    }
    let run = std::panic::AssertUnwindSafe(|| redact_bytes(file, &bytes, detected, settings));
    let (mut outcome, output) = match std::panic::catch_unwind(run) {
        Ok(r) => r,
        Err(_) => (
            error_outcome(
                &file.rel,
                "internal error while redacting (panic): file not published".into(),
            ),
            None,
        ),
    };
    outcome.record.input_sha256 = input_sha256;
    out.remove_outputs(&file.rel);
    if let Some(bytes) = output {
        match out.write(outcome.record.status, &file.rel, &bytes) {
            Ok(rel) => {
                outcome.record.output = Some(rel);
                outcome.record.output_sha256 = Some(sha256_bytes_hex(&bytes));
            }
            Err(e) => {
                outcome.record.status = Status::Error;
                outcome.record.reason = format!("cannot write output: {e}");
            }
        }
    }
    outcome
}

/// Load, redact with `config`, and verify one file: the redacted document, its verification
/// (text, pixels, detection on the output) and the pixel re-read; or the outcome of a file that
/// could not be redacted.
#[allow(clippy::type_complexity)]
fn redact_and_verify(
    file: &InputFile,
    bytes: &[u8],
    detected: &Detected,
    settings: &RunSettings,
    config: &crate::config::Config,
    drawn: &[crate::redact::DrawnArea],
) -> Result<
    (
        crate::redact::RedactedDoc,
        VerifyReport,
        crate::ocr::stage::PixelVerification,
    ),
    Box<(FileOutcome, Option<Vec<u8>>)>,
> {
    let pdf = match load_pdf(bytes, &settings.limits) {
        Ok(p) => p,
        Err(e) => return Err(Box::new((error_outcome(&file.rel, e.to_string()), None))),
    };
    let ctx = RedactContext {
        config,
        detector: settings.detector,
        limits: &settings.limits,
    };
    let red = match redact_document(
        pdf,
        &detected.pages,
        &detected.ocr,
        &detected.review,
        drawn,
        &ctx,
    ) {
        Ok(r) => r,
        Err(e) => {
            let mut o = error_outcome(&file.rel, e.to_string());
            if matches!(e, RedactError::Failed(_)) {
                o.record.status = Status::Failed;
            }
            o.record.pages = detected.pages.len();
            return Err(Box::new((o, None)));
        }
    };
    // A removed string that stays readable elsewhere in the document (an occurrence the dossier
    // keeps) proves nothing by its presence: it is not searched for, and its removed occurrences
    // are proven gone by place (no glyph left under a box).
    let kept_elsewhere: BTreeSet<usize> =
        crate::verify::document::present_in(&red.removed, &red.outside_findings)
            .into_iter()
            .collect();
    let searched: Vec<String> = red
        .removed
        .iter()
        .enumerate()
        .filter(|(i, _)| !kept_elsewhere.contains(i))
        .map(|(_, s)| s.clone())
        .collect();
    let boxes: Vec<(u32, crate::pdf::Rect)> = red.boxes.iter().map(|b| (b.page, b.rect)).collect();
    let mut verification = verify_output(&red.bytes, &searched, &boxes, &settings.limits);
    // Pixels: OCR'd pages and pages whose images were redacted are read again.
    let pixels = verify_pixels(&red.bytes, &red.pixel_pages, &searched, &settings.limits);
    for leak in &pixels.leaks {
        verification
            .findings
            .push(crate::verify::document::Finding {
                channel: crate::verify::document::Channel::Pixels,
                removed_index: leak.removed_index,
                location: format!("page {} (OCR of the output)", leak.page),
            });
    }
    verification
        .incomplete
        .extend(pixels.incomplete.iter().cloned());
    // Detection on the output: personal data in any string or name outside the page content,
    // whether it was removed elsewhere or never seen.
    let judge = DocJudge::new(
        settings.detector,
        config,
        red.removed.clone(),
        red.kept_words.clone(),
    );
    judge_output(&red.bytes, &judge, &mut verification);
    let mut red = red;
    read_shapes(
        &mut red,
        &mut verification,
        &judge,
        settings.detector,
        &searched,
        config,
    );
    Ok((red, verification, pixels))
}

/// Letters drawn as shapes (outlines, strokes, clips, bitmap rectangles, pattern cells): the
/// pages verification found them on are rendered and read by OCR
/// ([`crate::verify::lettering`]). Personal data read there flags the page, a removed string
/// read there fails the file. With `ocr = "never"` they are not read and the page is flagged.
fn read_shapes(
    red: &mut crate::redact::RedactedDoc,
    verification: &mut VerifyReport,
    judge: &DocJudge<'_>,
    detector: &crate::detect::Detector,
    searched: &[String],
    config: &crate::config::Config,
) {
    let pages = std::mem::take(&mut verification.lettering);
    if pages.is_empty() {
        return;
    }
    if config.ocr == crate::ocr::OcrMode::Never {
        // Fail closed: what the shapes draw is unknown.
        for p in &pages {
            let f = (
                p.page,
                "shapes on this page may be letters and were not read (ocr = \"never\"): needs manual review".to_string(),
            );
            if !red.flagged.contains(&f) {
                red.flagged.push(f);
            }
        }
        return;
    }
    let engine = crate::ocr::stage::engine().map_err(|e| e.to_string());
    // The document judge (strict, and every removed string) and the page detector (cues such as
    // "mevrouw" before a name in capitals) both read the lettering.
    // The page detector first: its findings carry their category; the judge's (a removed
    // string, the strict scan) count as names.
    let find = |text: &str| -> Vec<crate::verify::lettering::Found> {
        use crate::redact::sanitize::Judge;
        let name_ground = config.ground(Category::Name).to_string();
        let mut spans: Vec<crate::verify::lettering::Found> = detector
            .scan(text)
            .into_iter()
            .map(|f| (f.start, f.end, f.ground, f.category))
            .collect();
        spans.extend(judge.find(text).into_iter().map(|s| {
            let ground =
                crate::config::canonical_ground(&s.ground).unwrap_or_else(|| name_ground.clone());
            (s.start, s.end, ground, Category::Name)
        }));
        spans
    };
    let read =
        crate::verify::lettering::read_lettering(&red.bytes, &pages, engine, &find, searched);
    for (page, k) in &read.leaks {
        verification
            .findings
            .push(crate::verify::document::Finding {
                channel: crate::verify::document::Channel::Pixels,
                removed_index: *k,
                location: format!("page {page} (OCR of letters drawn as shapes)"),
            });
    }
    // The audit says where the check ran and found nothing (never what it read).
    for page in &read.pages_read {
        if !read.flagged.iter().any(|(p, _)| p == page) {
            verification.warnings.push(format!(
                "page {page}: shapes that may be letters were read by OCR: no personal data"
            ));
        }
    }
    for f in read.flagged {
        if !red.flagged.contains(&f) {
            red.flagged.push(f);
        }
    }
    verification.drawn = read.found;
}

/// Load, redact, verify one file's bytes; the outcome and the bytes to write (if any).
fn redact_bytes(
    file: &InputFile,
    bytes: &[u8],
    detected: &Detected,
    settings: &RunSettings,
) -> (FileOutcome, Option<Vec<u8>>) {
    let (mut red, mut verification, mut pixels) =
        match redact_and_verify(file, bytes, detected, settings, settings.config, &[]) {
            Ok(x) => x,
            Err(outcome) => return *outcome,
        };
    // Personal data read by OCR in letters drawn as shapes: removed where it is drawn (like a
    // reviewer's area), and the document redone; what the next reading finds is added, once.
    // (but where a reviewer rejected the box by its id: those words are public)
    let rejected = |d: &crate::redact::DrawnArea| {
        let id = drawn_id(&file.rel, d.page, &d.box_rect());
        detected.review.drawn_rejected.get(&id).map(|r| (id, r))
    };
    let mut drawn: Vec<crate::redact::DrawnArea> = Vec::new();
    for _ in 0..MAX_DRAWN_REDOS {
        let new: Vec<_> = verification
            .drawn
            .iter()
            .filter(|d| !drawn.contains(d) && rejected(d).is_none())
            .cloned()
            .collect();
        if new.is_empty() {
            break;
        }
        let mut tried = drawn.clone();
        tried.extend(new);
        // The redo counts only when it verifies (letters drawn by text the tool cannot remove,
        // in a tiling pattern say, stay in the file): else the first outcome, flagged, stands.
        match redact_and_verify(file, bytes, detected, settings, settings.config, &tried) {
            Ok(x) if x.1.is_clean() || !verification.is_clean() => {
                (red, verification, pixels) = x;
                drawn = tried;
            }
            _ => break,
        }
    }
    // Width-safe gaps move text; where that left a kept glyph under a box (a kerning or layout
    // case the planner did not foresee), the document is redone with exact widths rather than
    // failed: the box then covers exactly what was removed.
    let under_box = |v: &VerifyReport| {
        v.findings
            .iter()
            .any(|f| f.removed_index == crate::verify::output::UNDER_BOX)
    };
    if under_box(&verification) && settings.config.gaps.is_some() {
        let mut exact = settings.config.clone();
        exact.gaps = None;
        if let Ok((r, v, p)) = redact_and_verify(file, bytes, detected, settings, &exact, &drawn) {
            (red, verification, pixels) = (r, v, p);
            red.warnings.push(
                "width-safe gaps would have left kept text under a box: redone with the removed text's own widths".to_string(),
            );
        }
    }
    for page in drawn.iter().map(|d| d.page).collect::<BTreeSet<u32>>() {
        red.warnings.push(format!(
            "page {page}: letters drawn as shapes read by OCR as personal data: removed where they are drawn"
        ));
    }
    // Letters a reviewer kept: no box, and no flag for a page where nothing else is read.
    let mut kept: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for d in &verification.drawn {
        if let Some((id, r)) = rejected(d) {
            kept.entry(d.page)
                .or_default()
                .push(format!("{id} (decision {})", r.decision_id));
        }
    }
    for (page, ids) in &kept {
        let all = verification
            .drawn
            .iter()
            .filter(|d| d.page == *page)
            .all(|d| rejected(d).is_some());
        if all {
            red.flagged.retain(|(p, why)| {
                !(p == page && why == crate::verify::lettering::PERSONAL_UNBOXED)
            });
        }
        red.warnings.push(format!(
            "page {page}: letters drawn as shapes read as personal data, kept by the reviewer: no box at {}",
            ids.join(", ")
        ));
    }
    let (status, reason) = decide_status(&red, &verification);
    let removed = &red.removed;
    let hits: Vec<String> = verification
        .findings
        .iter()
        .map(|h| format!("{:?} at {}", h.channel, h.location).to_lowercase())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let verification_json = serde_json::json!({
        "clean": verification.is_clean(),
        "strings_checked": removed.len(),
        "hits": hits.iter().map(|h| mask(h, removed)).collect::<Vec<_>>(),
        "incomplete": verification.incomplete.iter().map(|h| mask(h, removed)).collect::<Vec<_>>(),
        "warnings": verification.warnings.iter().map(|h| mask(h, removed)).collect::<Vec<_>>(),
        "pixels_reread": pixels.confidence.iter().map(|(p, c)| serde_json::json!({"page": p, "mean_confidence": (f64::from(*c) * 10.0).round() / 10.0})).collect::<Vec<_>>(),
    });
    let mut per_finding: std::collections::HashMap<String, usize> = Default::default();
    let redactions: Vec<RedactionRecord> = red
        .boxes
        .iter()
        .map(|b| {
            let f = &b.finding;
            let (id, category, mark) = match &b.review {
                Some(r) if r.kind == "exempt" => (
                    exempt_id(&file.rel, b.page),
                    "exempt".to_string(),
                    Some(&r.decision),
                ),
                Some(r) => (
                    area_id(&file.rel, b.page, &r.rect),
                    "area".to_string(),
                    Some(&r.decision),
                ),
                None if f.rule == crate::redact::document::DRAWN_RULE => (
                    drawn_id(&file.rel, b.page, &b.rect),
                    f.category.as_str().to_string(),
                    None,
                ),
                None => {
                    let id = finding_id(&file.rel, b.page, f.start, f.end, f.category.as_str());
                    let mark = detected.review.marks.get(&id);
                    (id, f.category.as_str().to_string(), mark)
                }
            };
            let k = per_finding.entry(id.clone()).or_default();
            let box_index = *k;
            *k += 1;
            let source = match mark {
                Some(m) if m.changes => "decision",
                _ => decision_source(&f.rule, f.confirmed_in.as_deref()),
            };
            RedactionRecord {
                kind: "redaction".into(),
                id,
                box_index,
                input: file.rel.clone(),
                page: b.page,
                area: [b.rect.x0, b.rect.y0, b.rect.x1, b.rect.y1]
                    .map(|v| (v * 100.0).round() / 100.0),
                category,
                ground: f.ground.clone(),
                label: b.label.clone(),
                unlabelled: b.unlabelled,
                rule: f.rule.clone(),
                reason: mask(&f.reason, removed),
                source: source.to_string(),
                confirmed_in: f.confirmed_in.clone(),
                chars: f.text.chars().count(),
                text_sha256: sha256_hex(&f.text),
                decision_id: mark.map(|m| m.decision_id.clone()),
                reviewer: mark.and_then(|m| m.reviewer.clone()),
                at: mark.and_then(|m| m.at.clone()),
            }
        })
        .collect();
    let mut flagged_pages: Vec<FlaggedPage> = Vec::new();
    for (page, reason) in &red.flagged {
        let reason = mask(reason, removed);
        if !flagged_pages
            .iter()
            .any(|f| f.page == *page && f.reason == reason)
        {
            flagged_pages.push(FlaggedPage {
                page: *page,
                reason,
            });
        }
    }
    flagged_pages.sort_by_key(|f| f.page);
    let record = FileRecord {
        kind: "file".into(),
        input: file.rel.clone(),
        input_sha256: String::new(),
        output: None,
        output_sha256: None,
        status,
        reason: mask(&reason, removed),
        pages: red.pages,
        redactions: redactions.len(),
        flagged_pages,
        warnings: red.warnings.iter().map(|w| mask(w, removed)).collect(),
        sanitized: serde_json::to_value(&red.sanitized).unwrap_or_default(),
        verification: verification_json,
        seconds: 0.0,
        findings_sha256: String::new(),
        config_sha256: String::new(),
        ocr: red.ocr.clone(),
        exempt_pages: detected
            .review
            .exempt
            .iter()
            .map(|e| ExemptPage {
                page: e.page,
                ground: e.ground.clone(),
                decision_id: e.decision.decision_id.clone(),
            })
            .collect(),
        exemption: match detected.review.exempt.len() {
            0 => None,
            n if n == red.pages => Some("niet_openbaar".into()),
            _ => Some("pages".into()),
        },
        duplicate_of: None,
        similarity: None,
    };
    (FileOutcome { record, redactions }, Some(red.bytes))
}
