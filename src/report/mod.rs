//! The reviewer's report (`woo-redact review OUT/`): one self-contained HTML file,
//! `OUT/report/index.html`, that shows what a run removed and why, and lets a reviewer make
//! decisions that `redact --decisions` re-applies.
//!
//! The report is INTERNAL: it shows the removed personal data. It is written under
//! `OUT/report/` only (never into `publish/`, and `package` only ever takes documents from
//! `publish/`). It needs nothing outside its folder: CSS and script are inline, there is no
//! network access (a Content-Security-Policy forbids any), so it works from a USB stick.
//!
//! What goes in:
//! - from `OUT/audit.jsonl`: the run header (where the inputs were, the configuration), every
//!   file record (status, reason, flagged pages), every redaction record (box) and every
//!   reviewer's decision line;
//! - from `OUT/decisions.json`: the dossier's term table and the `review` the run was made with;
//! - from the INPUT PDFs, read again with the crate's own extraction ([`crate::extract`]): the
//!   text of every page as the tool read it. Inputs are found through the run header (`command`
//!   and `cwd`) or `--input`, and must have the SHA-256 the audit recorded; a missing or changed
//!   input is said so, and its findings are listed as not placed.
//!
//! # How a finding is placed in the page text
//!
//! The audit holds no text, only each box's `area` (page space), `chars`, `text_sha256` and the
//! stable `id` (a hash of document, page, byte span in the page's search text and category; see
//! [`crate::audit::finding_id`]). The report does not re-run detection (a changed detector
//! would show other findings than the run made). It places boxes by geometry and checks them by
//! hash ([`place_page`]):
//!
//! 1. a box covers the glyphs of the page whose quad centre falls inside its `area` (the area is
//!    drawn from the finding's glyphs, per line, so this is the finding's line);
//! 2. the boxes of one finding together give a byte span of the page's search text; the span is
//!    **exact** when `finding_id(doc, page, start, end, category)` is the box's id or the
//!    SHA-256 of the span is its `text_sha256` (spans a few bytes around it are tried too);
//!    then each box shows the glyphs of that span on its line;
//! 3. otherwise the box is placed **by area** (the glyphs under it, shown as such);
//! 4. a box with no glyph under it (a scanned page read by OCR, an image, an unreadable page, a
//!    missing input) is **not placed**: it is listed with its id under the page's document.
//!
//! Every box is one element with `data-finding-id` (the audit `id`): a highlight in the text, or
//! an entry in the not-placed list, so the elements of a document are exactly its redaction
//! records.

mod html;

use crate::audit::{
    DecisionRecord, FileRecord, RedactionRecord, RunRecord, UnmatchedDecisionRecord, finding_id,
    sha256_bytes_hex, sha256_hex,
};
use crate::config::{Config, LabelNotation, Language};
use crate::decide::DecisionTable;
use crate::extract::{ExtractedPage, extract_bytes};
use crate::pdf::Limits;
use crate::publish::{AUDIT, DECISIONS};
use anyhow::{Context, bail};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The report's folder inside the output folder.
pub const REPORT_DIR: &str = "report";
/// The report's file.
pub const REPORT_FILE: &str = "index.html";

/// The parsed audit log.
#[derive(Debug, Default)]
pub struct AuditLog {
    /// The run header.
    pub run: Option<RunRecord>,
    /// File records, in log order.
    pub files: Vec<FileRecord>,
    /// Every box.
    pub boxes: Vec<RedactionRecord>,
    /// Applied reviewer's decisions.
    pub decisions: Vec<DecisionRecord>,
    /// Decisions that matched nothing.
    pub unmatched: Vec<UnmatchedDecisionRecord>,
}

/// Reads `OUT/audit.jsonl`.
pub fn read_audit(out: &Path) -> anyhow::Result<AuditLog> {
    let path = out.join(AUDIT);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "{}: cannot read the audit log: is {} the output folder of `woo-redact redact`?",
            path.display(),
            out.display()
        )
    })?;
    let mut log = AuditLog::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}:{}", path.display(), i + 1);
        let v: serde_json::Value = serde_json::from_str(line).with_context(at)?;
        match v["type"].as_str() {
            Some("run") => log.run = Some(serde_json::from_value(v).with_context(at)?),
            Some("file") => log.files.push(serde_json::from_value(v).with_context(at)?),
            Some("redaction") => log.boxes.push(serde_json::from_value(v).with_context(at)?),
            Some("decision") => log
                .decisions
                .push(serde_json::from_value(v).with_context(at)?),
            Some("decision_unmatched") => log
                .unmatched
                .push(serde_json::from_value(v).with_context(at)?),
            _ => {}
        }
    }
    if log.run.is_none() {
        bail!("{}: no run header", path.display());
    }
    Ok(log)
}

/// How a box was placed in its page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The glyphs under the box give exactly the finding's text (its id or its hash matches).
    Exact,
    /// The glyphs under the box, unconfirmed by id or hash.
    Area,
}

impl How {
    /// `exact` or `area`.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Area => "area",
        }
    }
}

/// Where a box stands in `PageText::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Start byte in the page's line-faithful text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// How it was placed.
    pub how: How,
}

fn centre(g: &crate::pdf::Glyph) -> (f64, f64) {
    let pts = g.quad.0;
    let x = pts.iter().map(|p| p.0).sum::<f64>() / 4.0;
    let y = pts.iter().map(|p| p.1).sum::<f64>() / 4.0;
    (x, y)
}

const TOL: f64 = 0.05;

fn inside(p: (f64, f64), a: &[f64; 4]) -> bool {
    p.0 >= a[0] - TOL && p.0 <= a[2] + TOL && p.1 >= a[1] - TOL && p.1 <= a[3] + TOL
}

/// The byte span of `map` (bytes -> glyph) covering the glyphs in `set`, on char boundaries.
fn span_of(s: &str, map: &[u32], set: &[usize]) -> Option<(usize, usize)> {
    let mut lo = usize::MAX;
    let mut hi = 0;
    for (b, &g) in map.iter().enumerate() {
        if g != crate::text::NO_GLYPH && set.binary_search(&(g as usize)).is_ok() {
            lo = lo.min(b);
            hi = hi.max(b + 1);
        }
    }
    if lo == usize::MAX {
        return None;
    }
    while lo > 0 && !s.is_char_boundary(lo) {
        lo -= 1;
    }
    while hi < s.len() && !s.is_char_boundary(hi) {
        hi += 1;
    }
    Some((lo, hi.min(s.len())))
}

/// Whether `search[s..e]` is the finding of box `r`.
fn confirms(search: &str, s: usize, e: usize, r: &RedactionRecord) -> bool {
    if s >= e || e > search.len() || !search.is_char_boundary(s) || !search.is_char_boundary(e) {
        return false;
    }
    finding_id(&r.input, r.page, s, e, &r.category) == r.id
        || sha256_hex(&search[s..e]) == r.text_sha256
}

/// How far around the glyph span an exact span is looked for, in bytes.
const SLACK: usize = 12;

/// Places the boxes of one page (`boxes` all of this page) in its text: one entry per box, in
/// the order given, `None` for a box with no glyph under it. See the module documentation.
pub fn place_page(page: &ExtractedPage, boxes: &[&RedactionRecord]) -> Vec<Option<Placement>> {
    let glyphs = &page.content.glyphs;
    let text = &page.text;
    let centres: Vec<(f64, f64)> = glyphs.iter().map(centre).collect();
    let under: Vec<Vec<usize>> = boxes
        .iter()
        .map(|r| {
            (0..glyphs.len())
                .filter(|&i| inside(centres[i], &r.area))
                .collect()
        })
        .collect();
    // boxes by finding id
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in boxes.iter().enumerate() {
        groups.entry(r.id.as_str()).or_default().push(i);
    }
    let mut shown: Vec<Option<(Vec<usize>, How)>> = under
        .iter()
        .map(|u| (!u.is_empty()).then(|| (u.clone(), How::Area)))
        .collect();
    let whole_page = |r: &RedactionRecord| {
        sha256_hex(&text.text) == r.text_sha256 || sha256_hex(&text.search) == r.text_sha256
    };
    for idx in groups.values() {
        let r = boxes[idx[0]];
        let mut all: Vec<usize> = idx.iter().flat_map(|&i| under[i].iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        if all.is_empty() {
            continue;
        }
        if whole_page(r) {
            for &i in idx {
                if let Some(s) = shown[i].as_mut() {
                    s.1 = How::Exact;
                }
            }
            continue;
        }
        let Some((s0, e0)) = span_of(&text.search, &text.search_glyph, &all) else {
            continue;
        };
        let mut found = None;
        'outer: for ds in 0..=SLACK {
            for de in 0..=SLACK {
                for (s, e) in [
                    (s0.checked_sub(ds), e0.checked_sub(de)),
                    (s0.checked_sub(ds), Some(e0 + de)),
                    (Some(s0 + ds), e0.checked_sub(de)),
                    (Some(s0 + ds), Some(e0 + de)),
                ] {
                    if let (Some(s), Some(e)) = (s, e)
                        && confirms(&text.search, s, e, r)
                    {
                        found = Some((s, e));
                        break 'outer;
                    }
                }
            }
        }
        let Some((s, e)) = found else { continue };
        let exact: Vec<usize> = text
            .glyphs_in_search(s, e)
            .into_iter()
            .filter(|&g| g < glyphs.len())
            .collect();
        for &i in idx {
            let a = &boxes[i].area;
            let mut on_line: Vec<usize> = exact
                .iter()
                .copied()
                .filter(|&g| {
                    let c = centres[g];
                    c.1 >= a[1] - TOL && c.1 <= a[3] + TOL
                })
                .collect();
            on_line.sort_unstable();
            if !on_line.is_empty() {
                shown[i] = Some((on_line, How::Exact));
            }
        }
    }
    shown
        .into_iter()
        .map(|s| {
            let (mut set, how) = s?;
            set.sort_unstable();
            let (start, end) = span_of(&text.text, &text.text_glyph, &set)?;
            Some(Placement { start, end, how })
        })
        .collect()
}

fn tr(lang: Language, nl: &str, en: &str) -> String {
    match lang {
        Language::Nl => nl,
        Language::En => en,
    }
    .to_string()
}

/// Options of [`write_report`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The configuration given on the command line (its language), if any; else the run's.
    pub config: Option<Config>,
    /// Where the inputs are (files or folders, as given to `redact`); default: from the run
    /// header.
    pub inputs: Vec<PathBuf>,
}

/// What the report holds, for the summary on the terminal.
#[derive(Debug, Clone)]
pub struct Written {
    /// The report file.
    pub path: PathBuf,
    /// Documents in it.
    pub documents: usize,
    /// Boxes in it.
    pub boxes: usize,
    /// Boxes placed in the text.
    pub placed: usize,
    /// Inputs that could not be read again (missing, changed, unreadable), with why.
    pub missing_inputs: Vec<(String, String)>,
    /// The language it was written in.
    pub language: Language,
}

/// A page of a document as the report shows it.
pub(crate) struct PageView {
    /// 1-based.
    pub number: u32,
    /// The text, or why it could not be read.
    pub text: Result<String, String>,
    /// Boxes placed on it: (index into the document's boxes, placement).
    pub placed: Vec<(usize, Placement)>,
}

/// A document as the report shows it.
pub(crate) struct DocView<'a> {
    pub record: &'a FileRecord,
    /// Its boxes, in log order.
    pub boxes: Vec<&'a RedactionRecord>,
    /// Why the input could not be read again, if it could not.
    pub input_problem: Option<String>,
    /// Where the input was read from.
    pub input_path: Option<PathBuf>,
    pub pages: Vec<PageView>,
    /// Boxes that could not be placed: (index into `boxes`, why).
    pub unplaced: Vec<(usize, String)>,
}

/// Everything the HTML is made from.
pub(crate) struct Model<'a> {
    pub out: &'a Path,
    pub lang: Language,
    pub notation: LabelNotation,
    pub log: &'a AuditLog,
    pub docs: Vec<DocView<'a>>,
    pub table: Option<DecisionTable>,
    /// decisions.json as written by the run (embedded for the download), if present.
    pub decisions_raw: Option<String>,
    pub table_problem: Option<String>,
}

/// The positional inputs of a `redact` command line.
fn command_inputs(command: &[String]) -> Vec<String> {
    let Some(at) = command.iter().position(|a| a == "redact") else {
        return vec![];
    };
    let with_value = ["--out", "--config", "--jobs", "--decisions"];
    let mut out = Vec::new();
    let mut i = at + 1;
    let mut only_positional = false;
    while i < command.len() {
        let a = &command[i];
        if only_positional {
            out.push(a.clone());
        } else if a == "--" {
            only_positional = true;
        } else if with_value.contains(&a.as_str()) {
            i += 1;
        } else if !a.starts_with('-') || a == "-" {
            out.push(a.clone());
        }
        i += 1;
    }
    out
}

/// The input folders and files of the run, as paths usable from here.
fn input_roots(run: &RunRecord, given: &[PathBuf]) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    let base = run.cwd.as_ref().map(PathBuf::from);
    command_inputs(&run.command)
        .into_iter()
        .map(|a| {
            let p = PathBuf::from(&a);
            match &base {
                Some(b) if p.is_relative() && !p.exists() => b.join(p),
                _ => p,
            }
        })
        .collect()
}

/// Writes `OUT/report/index.html` (atomically: temporary name, then rename).
pub fn write_report(out: &Path, opts: &Options) -> anyhow::Result<Written> {
    let log = read_audit(out)?;
    let run = log.run.as_ref().expect("checked by read_audit");
    let lang = match &opts.config {
        Some(c) => c.language,
        None => serde_json::from_value(run.config["language"].clone()).unwrap_or_default(),
    };
    let notation = match &opts.config {
        Some(c) => c.label_notation,
        None => serde_json::from_value(run.config["label_notation"].clone()).unwrap_or_default(),
    };
    // inputs
    let roots: Vec<PathBuf> = input_roots(run, &opts.inputs)
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    let found: HashMap<String, PathBuf> = match crate::inputs::collect(&roots, Some(out)) {
        Ok(i) => i.files.into_iter().map(|f| (f.rel, f.path)).collect(),
        Err(_) => HashMap::new(),
    };
    // decisions.json
    let decisions_path = out.join(DECISIONS);
    let (table, decisions_raw, table_problem) = match std::fs::read_to_string(&decisions_path) {
        Ok(raw) => match DecisionTable::from_json(&raw) {
            Ok(t) => (Some(t), Some(raw), None),
            Err(e) => (
                None,
                None,
                Some(format!("{}: {e}", decisions_path.display())),
            ),
        },
        Err(e) => (
            None,
            None,
            Some(format!("{}: {e}", decisions_path.display())),
        ),
    };
    let mut by_input: HashMap<&str, Vec<&RedactionRecord>> = HashMap::new();
    for b in &log.boxes {
        by_input.entry(b.input.as_str()).or_default().push(b);
    }
    let limits = Limits::default();
    let mut docs = Vec::new();
    let mut missing_inputs = Vec::new();
    for rec in &log.files {
        let boxes = by_input.remove(rec.input.as_str()).unwrap_or_default();
        let mut view = DocView {
            record: rec,
            boxes,
            input_problem: None,
            input_path: None,
            pages: vec![],
            unplaced: vec![],
        };
        let problem = match found.get(&rec.input) {
            None => Some(if roots.is_empty() {
                tr(
                    lang,
                    "de invoer van de run is niet gevonden (geef de map met --input)",
                    "the inputs of the run were not found (give them with --input)",
                )
            } else {
                tr(
                    lang,
                    "de invoer staat niet meer waar de run hem las (geef hem met --input)",
                    "the input was not found where the run read it (give it with --input)",
                )
            }),
            Some(p) => match std::fs::read(p) {
                Err(e) => Some(format!("{}: {e}", p.display())),
                Ok(bytes) => {
                    view.input_path = Some(p.clone());
                    if !rec.input_sha256.is_empty() && sha256_bytes_hex(&bytes) != rec.input_sha256
                    {
                        Some(format!(
                            "{} {}",
                            p.display(),
                            tr(
                                lang,
                                "is veranderd sinds de run (de SHA-256 is niet die uit de auditlog)",
                                "changed since the run (its SHA-256 is not the one in the audit)"
                            )
                        ))
                    } else {
                        match extract_bytes(&bytes, &limits) {
                            Err(e) => Some(format!(
                                "{}: {}: {e}",
                                p.display(),
                                tr(lang, "niet leesbaar", "cannot be read")
                            )),
                            Ok(doc) => {
                                fill_pages(&mut view, &doc.pages, lang);
                                None
                            }
                        }
                    }
                }
            },
        };
        if let Some(why) = problem {
            if rec.status != crate::audit::Status::Error {
                missing_inputs.push((rec.input.clone(), why.clone()));
            }
            for i in 0..view.boxes.len() {
                view.unplaced.push((i, why.clone()));
            }
            view.input_problem = Some(why);
        }
        docs.push(view);
    }
    // boxes of inputs without a file record (a killed run)
    let mut rest: Vec<(&str, Vec<&RedactionRecord>)> = by_input.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(b.0));
    let orphan_files: Vec<FileRecord> = rest
        .iter()
        .map(|(input, _)| {
            FileRecord::error(
                input,
                tr(
                    lang,
                    "geen bestandsregel in de auditlog (de run is niet afgerond)",
                    "no file record in the audit (the run did not end)",
                ),
            )
        })
        .collect();
    let placed: usize = docs
        .iter()
        .map(|d| d.pages.iter().map(|p| p.placed.len()).sum::<usize>())
        .sum();
    let total: usize = log.boxes.len();
    let mut model = Model {
        out,
        lang,
        notation,
        log: &log,
        docs,
        table,
        decisions_raw,
        table_problem,
    };
    for (rec, (_, boxes)) in orphan_files.iter().zip(rest) {
        let why = rec.reason.clone();
        model.docs.push(DocView {
            record: rec,
            unplaced: (0..boxes.len()).map(|i| (i, why.clone())).collect(),
            boxes,
            input_problem: Some(why),
            input_path: None,
            pages: vec![],
        });
    }
    let page = html::render(&model);
    let dir = out.join(REPORT_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
    let target = dir.join(REPORT_FILE);
    let tmp = dir.join(format!(".{REPORT_FILE}.partial"));
    std::fs::write(&tmp, page.as_bytes()).with_context(|| format!("{}", tmp.display()))?;
    std::fs::rename(&tmp, &target).with_context(|| format!("{}", target.display()))?;
    Ok(Written {
        path: target,
        documents: model.docs.len(),
        boxes: total,
        placed,
        missing_inputs,
        language: lang,
    })
}

/// Places the document's boxes on its extracted pages.
fn fill_pages(
    view: &mut DocView,
    pages: &[Result<ExtractedPage, crate::pdf::PdfError>],
    lang: Language,
) {
    let mut by_page: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, b) in view.boxes.iter().enumerate() {
        by_page.entry(b.page).or_default().push(i);
    }
    for (n, p) in pages.iter().enumerate() {
        let number = n as u32 + 1;
        let idx = by_page.remove(&number).unwrap_or_default();
        match p {
            Err(e) => {
                for &i in &idx {
                    view.unplaced.push((
                        i,
                        format!(
                            "{} {number}: {e}",
                            tr(lang, "onleesbare pagina", "unreadable page")
                        ),
                    ));
                }
                view.pages.push(PageView {
                    number,
                    text: Err(e.to_string()),
                    placed: vec![],
                });
            }
            Ok(page) => {
                let boxes: Vec<&RedactionRecord> = idx.iter().map(|&i| view.boxes[i]).collect();
                let mut placed = Vec::new();
                for (&i, pl) in idx.iter().zip(place_page(page, &boxes)) {
                    match pl {
                        Some(pl) => placed.push((i, pl)),
                        None => view.unplaced.push((
                            i,
                            if view.boxes[i].category == "area" {
                                tr(
                                    lang,
                                    "geen tekst onder het gebied (een afbeelding, een handtekening)",
                                    "no text under the area (an image, a signature)",
                                )
                            } else {
                                tr(
                                    lang,
                                    "geen tekst van de tekstlaag onder het vak (een scan gelezen met OCR, of een afbeelding)",
                                    "no text of the page's text layer under the box (a scanned page read by OCR, or an image)",
                                )
                            },
                        )),
                    }
                }
                view.pages.push(PageView {
                    number,
                    text: Ok(page.text.text.clone()),
                    placed,
                });
            }
        }
    }
    for (page, idx) in by_page {
        for i in idx {
            view.unplaced.push((
                i,
                format!(
                    "{} {page} {}",
                    tr(lang, "pagina", "page"),
                    tr(lang, "staat niet in de invoer", "is not in the input")
                ),
            ));
        }
    }
    view.unplaced.sort_by_key(|u| u.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_inputs_skip_options_and_their_values() {
        let c: Vec<String> = [
            "woo-redact",
            "redact",
            "a",
            "--out",
            "o",
            "--config",
            "c.toml",
            "b.pdf",
            "--overwrite",
            "--jobs",
            "2",
            "--decisions",
            "d.json",
            "-q",
            "dir/",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(command_inputs(&c), ["a", "b.pdf", "dir/"]);
    }

    #[test]
    fn span_of_keeps_char_boundaries() {
        let s = "aé b";
        // bytes: a(0) é(1,2) space(3) b(4)
        let map = [0u32, 1, 1, crate::text::NO_GLYPH, 2];
        assert_eq!(span_of(s, &map, &[1]), Some((1, 3)));
        assert_eq!(span_of(s, &map, &[0, 2]), Some((0, 5)));
        assert_eq!(span_of(s, &map, &[7]), None);
    }
}
