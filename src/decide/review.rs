//! Reviewer decisions: the `review` section of a decisions file, checked when it is read and
//! applied to the dossier after pass 1 (`woo-redact redact --decisions FILE`).
//!
//! The schema is documented in the parent module ([`crate::decide`]). Reading is strict (an
//! unknown field, a ground that is no Woo ground, an unknown category, a rectangle that is not
//! one: a usage error naming the file, the decision and the problem); applying is total (every
//! decision either changes what is redacted, or is reported as matching nothing, never dropped).
//! Decisions are applied in a fixed order (terms, added terms, occurrences, areas, exemptions)
//! and, within a section, in the order of the file, so a later, more specific decision wins
//! (an occurrence rejected inside a term kept everywhere; the last of two decisions on one
//! occurrence). The same dossier and the same file always give the same result.

use super::{DecisionTable, Occurrence, term_id, term_key};
use crate::audit::{DecisionRecord, UnmatchedDecisionRecord, finding_id, sha256_hex};
use crate::config::{Config, canonical_ground};
use crate::detect::{Category, Finding};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// What a reviewer decided for a whole term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermAction {
    /// Redact every occurrence in the dossier.
    Redact,
    /// Redact no occurrence (a name finding whose only term is this one is dropped).
    Keep,
}

/// What a reviewer decided for one occurrence or redaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceAction {
    /// Not redacted.
    Reject,
    /// Redacted (added when it was not).
    Accept,
}

/// `review.terms[]`: redact or keep a term everywhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermDecision {
    /// The decision's id (default `terms.N`, N 1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
    /// Term id (`t-5f2a9c1e`) or the term as written (its key is looked up).
    pub term: String,
    /// `redact` or `keep`.
    pub decision: TermAction,
    /// Ground of occurrences this decision adds (default: the configured name ground).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// When (RFC 3339, or at least `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// A remark (kept in the decisions file, never written to the audit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `review.occurrences[]`: reject, accept or change the ground of one occurrence or redaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OccurrenceDecision {
    /// The decision's id (default `occurrences.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
    /// An occurrence id of the term table (`t-5f2a9c1e@a.pdf#1:120`) or a redaction id of
    /// `audit.jsonl` (`r0123456789abcde`).
    pub occurrence: String,
    /// `reject` or `accept`; may be left out when only the ground changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<OccurrenceAction>,
    /// The new ground, any notation (`5.1.1d`, `5.1, 1, d`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `review.add_terms[]`: a string the detector missed, redacted wherever it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddTerm {
    /// The decision's id (default `add_terms.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
    /// The text (matched on word boundaries, ignoring case, any white space between words).
    pub text: String,
    /// Category of personal data (`name`, `email`, `phone`, ...).
    pub category: String,
    /// Ground (default: the configured ground of the category).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `review.areas[]`: a rectangle on a page whose content is removed (signature, photo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaDecision {
    /// The decision's id (default `areas.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
    /// Document (its path relative to the input folder, as `input` in the audit).
    pub doc: String,
    /// 1-based page.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in PDF default user space (points, origin bottom-left of the
    /// MediaBox, y up, before /Rotate), as `pdfplumber`, `mutool` and Acrobat's coordinates give.
    pub rect: [f64; 4],
    /// Ground (default: the configured name ground).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// A remark ("handtekening").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `review.exempt[]`: a page or a whole document that is not published (Niet openbaar).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    /// The decision's id (default `exempt.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
    /// Document.
    pub doc: String,
    /// 1-based page; absent: every page of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Ground (required: a page is withheld on a stated ground).
    pub ground: String,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The `review` section of a decisions file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Redact or keep a term everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<TermDecision>,
    /// Reject, accept or change the ground of one occurrence or redaction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<OccurrenceDecision>,
    /// Strings to redact wherever they stand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_terms: Vec<AddTerm>,
    /// Areas to remove.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<AreaDecision>,
    /// Pages and documents not published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exempt: Vec<Exemption>,
}

impl Review {
    /// True when there is no decision.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.occurrences.is_empty()
            && self.add_terms.is_empty()
            && self.areas.is_empty()
            && self.exempt.is_empty()
    }
}

/// Who made a decision and which: carried to the audit records it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRef {
    /// The decision's id.
    pub decision_id: String,
    /// Who decided.
    pub reviewer: Option<String>,
    /// When.
    pub at: Option<String>,
    /// The decision created or changed the redaction (else it only confirmed it).
    pub changes: bool,
}

/// An area to remove on one page of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewArea {
    /// 1-based page.
    pub page: u32,
    /// `[x0, y0, x1, y1]` in default user space.
    pub rect: [f64; 4],
    /// Canonical ground.
    pub ground: String,
    /// The decision.
    pub decision: DecisionRef,
}

/// A page replaced by one labelled box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewExempt {
    /// 1-based page.
    pub page: u32,
    /// Canonical ground.
    pub ground: String,
    /// The decision.
    pub decision: DecisionRef,
}

/// What the reviewer's decisions mean for one document (beyond its findings, which the
/// decisions changed in place).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocReview {
    /// Findings a decision created, changed or confirmed, by their audit id.
    pub marks: BTreeMap<String, DecisionRef>,
    /// Areas to remove, in decision order.
    pub areas: Vec<ReviewArea>,
    /// Boxes over letters drawn as shapes that a reviewer rejected, by their audit id (`d…`):
    /// the words are public, no box is drawn there and the page is not flagged for them.
    pub drawn_rejected: BTreeMap<String, DecisionRef>,
    /// Exempted pages, sorted by page.
    pub exempt: Vec<ReviewExempt>,
}

/// An audit id of a box over letters drawn as shapes ([`crate::audit::drawn_id`]): `d` and 15
/// hex digits.
fn is_drawn_id(id: &str) -> bool {
    id.len() == 16
        && id.starts_with('d')
        && id[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl DocReview {
    /// True when no decision touches the document.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
            && self.areas.is_empty()
            && self.exempt.is_empty()
            && self.drawn_rejected.is_empty()
    }

    /// The exemption of a page (1-based), if any.
    pub fn exempt_page(&self, page: u32) -> Option<&ReviewExempt> {
        self.exempt.iter().find(|e| e.page == page)
    }
}

/// The stable audit id of a reviewer's area (as [`finding_id`] for findings).
pub fn area_id(doc: &str, page: u32, rect: &[f64; 4]) -> String {
    let r = rect.map(|v| format!("{:.2}", v)).join(",");
    let h = sha256_hex(&format!("{doc}\0{page}\0area\0{r}"));
    format!("a{}", &h[..15])
}

/// The stable audit id of an exempted page.
pub fn exempt_id(doc: &str, page: u32) -> String {
    let h = sha256_hex(&format!("{doc}\0{page}\0exempt"));
    format!("x{}", &h[..15])
}

/// The label of an exempted page's box.
pub fn exempt_label(rendered_ground: &str) -> String {
    format!("Niet openbaar: {rendered_ground}")
}

/// A decisions file as read with `--decisions`: its term table (for comparison only) and its
/// checked review decisions.
#[derive(Debug, Clone)]
pub struct DecisionsFile {
    /// Where it was read from.
    pub path: String,
    /// The whole file (the table as the earlier run wrote it, and the review section).
    pub table: DecisionTable,
}

fn default_id(given: &Option<String>, section: &str, i: usize) -> String {
    given
        .clone()
        .unwrap_or_else(|| format!("{section}.{}", i + 1))
}

fn check_ground(g: &str, what: &str) -> Result<String, String> {
    canonical_ground(g).ok_or_else(|| {
        format!("{what}: ground {g:?} is not a Woo or Wob ground (e.g. \"5.1.2e\", \"5.1, 2, e\")")
    })
}

fn check_at(at: &Option<String>, what: &str) -> Result<(), String> {
    if let Some(a) = at {
        let b = a.as_bytes();
        let ok = b.len() >= 10
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit)
            && b[7] == b'-'
            && b[8..10].iter().all(u8::is_ascii_digit);
        if !ok {
            return Err(format!(
                "{what}: \"at\" must be a time, RFC 3339 (2026-03-02T10:15:00Z) or at least a date (2026-03-02), not {a:?}"
            ));
        }
    }
    Ok(())
}

impl DecisionsFile {
    /// Reads and checks a decisions file. The error names the problem (the caller adds the file).
    pub fn parse(path: &str, text: &str) -> Result<DecisionsFile, String> {
        let table: DecisionTable = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if table.schema != super::SCHEMA {
            return Err(format!(
                "\"schema\" is {:?}, expected {:?}",
                table.schema,
                super::SCHEMA
            ));
        }
        let r = &table.review;
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut seen = |id: String| -> Result<(), String> {
            if ids.insert(id.clone()) {
                Ok(())
            } else {
                Err(format!("decision id {id:?} is used twice"))
            }
        };
        for (i, d) in r.terms.iter().enumerate() {
            let id = default_id(&d.decision_id, "terms", i);
            let what = format!("review.terms[{i}] ({id})");
            if d.term.trim().is_empty() {
                return Err(format!("{what}: \"term\" is empty"));
            }
            if let Some(g) = &d.ground {
                check_ground(g, &what)?;
            }
            check_at(&d.at, &what)?;
            seen(id)?;
        }
        for (i, d) in r.occurrences.iter().enumerate() {
            let id = default_id(&d.decision_id, "occurrences", i);
            let what = format!("review.occurrences[{i}] ({id})");
            if d.occurrence.trim().is_empty() {
                return Err(format!("{what}: \"occurrence\" is empty"));
            }
            match (d.action, &d.ground) {
                (None, None) => {
                    return Err(format!(
                        "{what}: give \"action\" (reject or accept), \"ground\", or both"
                    ));
                }
                (Some(OccurrenceAction::Reject), Some(_)) => {
                    return Err(format!(
                        "{what}: a rejected occurrence is not redacted, so it takes no ground"
                    ));
                }
                _ => {}
            }
            if let Some(g) = &d.ground {
                check_ground(g, &what)?;
            }
            check_at(&d.at, &what)?;
            seen(id)?;
        }
        for (i, d) in r.add_terms.iter().enumerate() {
            let id = default_id(&d.decision_id, "add_terms", i);
            let what = format!("review.add_terms[{i}] ({id})");
            if d.text.trim().chars().count() < 2 {
                return Err(format!("{what}: \"text\" must have at least 2 characters"));
            }
            if Category::parse(&d.category).is_none() {
                let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                return Err(format!(
                    "{what}: unknown category {:?} (one of {})",
                    d.category,
                    all.join(", ")
                ));
            }
            if let Some(g) = &d.ground {
                check_ground(g, &what)?;
            }
            check_at(&d.at, &what)?;
            seen(id)?;
        }
        for (i, d) in r.areas.iter().enumerate() {
            let id = default_id(&d.decision_id, "areas", i);
            let what = format!("review.areas[{i}] ({id})");
            let [x0, y0, x1, y1] = d.rect;
            if !d.rect.iter().all(|v| v.is_finite()) || x1 <= x0 || y1 <= y0 {
                return Err(format!(
                    "{what}: \"rect\" must be [x0, y0, x1, y1] with x0 < x1 and y0 < y1 (points, PDF user space)"
                ));
            }
            if d.page == 0 {
                return Err(format!("{what}: \"page\" is 1-based"));
            }
            if let Some(g) = &d.ground {
                check_ground(g, &what)?;
            }
            check_at(&d.at, &what)?;
            seen(id)?;
        }
        for (i, d) in r.exempt.iter().enumerate() {
            let id = default_id(&d.decision_id, "exempt", i);
            let what = format!("review.exempt[{i}] ({id})");
            if d.page == Some(0) {
                return Err(format!("{what}: \"page\" is 1-based"));
            }
            check_ground(&d.ground, &what)?;
            check_at(&d.at, &what)?;
            seen(id)?;
        }
        Ok(DecisionsFile {
            path: path.to_string(),
            table,
        })
    }

    /// Reads a decisions file; a usage error names the file and the problem.
    pub fn load(path: &Path) -> anyhow::Result<DecisionsFile> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("decisions file {shown}: cannot be read: {e}"))?;
        DecisionsFile::parse(&shown, &text)
            .map_err(|e| anyhow::anyhow!("decisions file {shown}: {e}"))
    }
}

/// One document as the decisions see it.
pub struct DocView<'a> {
    /// Document id (path relative to the input folder).
    pub doc: &'a str,
    /// Its page texts as detection read them (`None`: the document could not be read).
    pub texts: Option<&'a [String]>,
    /// Its findings per page (changed in place).
    pub pages: Option<&'a mut Vec<Vec<Finding>>>,
    /// What else the decisions mean for it.
    pub review: Option<&'a mut DocReview>,
}

/// What applying the decisions did.
#[derive(Debug, Clone, Default)]
pub struct ReviewReport {
    /// One record per decision that matched something.
    pub applied: Vec<DecisionRecord>,
    /// One record per decision that matched nothing.
    pub unmatched: Vec<UnmatchedDecisionRecord>,
}

struct Meta {
    id: String,
    kind: &'static str,
    reviewer: Option<String>,
    at: Option<String>,
}

impl Meta {
    fn r#ref(&self, changes: bool) -> DecisionRef {
        DecisionRef {
            decision_id: self.id.clone(),
            reviewer: self.reviewer.clone(),
            at: self.at.clone(),
            changes,
        }
    }

    fn unmatched(&self, target: String, reason: String) -> UnmatchedDecisionRecord {
        UnmatchedDecisionRecord {
            kind: "decision_unmatched".into(),
            decision_id: self.id.clone(),
            decision: self.kind.into(),
            target,
            reason,
            reviewer: self.reviewer.clone(),
            at: self.at.clone(),
        }
    }
}

#[derive(Default)]
struct Effect {
    action: String,
    ground: Option<String>,
    inputs: BTreeSet<String>,
    added: BTreeSet<String>,
    removed: BTreeSet<String>,
    changed: BTreeSet<String>,
    confirmed: BTreeSet<String>,
    warnings: Vec<String>,
}

impl Effect {
    fn new(action: &str) -> Effect {
        Effect {
            action: action.to_string(),
            ..Effect::default()
        }
    }

    fn record(self, m: &Meta, target: String) -> DecisionRecord {
        DecisionRecord {
            kind: "decision".into(),
            decision_id: m.id.clone(),
            decision: m.kind.into(),
            target,
            action: self.action,
            ground: self.ground,
            inputs: self.inputs.into_iter().collect(),
            added: self.added.into_iter().collect(),
            removed: self.removed.into_iter().collect(),
            changed: self.changed.into_iter().collect(),
            confirmed: self.confirmed.into_iter().collect(),
            warnings: self.warnings,
            reviewer: m.reviewer.clone(),
            at: m.at.clone(),
        }
    }
}

fn id_of(doc: &str, page: usize, f: &Finding) -> String {
    finding_id(doc, page as u32 + 1, f.start, f.end, f.category.as_str())
}

fn letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn on_word_boundary(text: &str, s: usize, e: usize) -> bool {
    !letter(text[..s].chars().next_back()) && !letter(text[e..].chars().next())
}

struct Applier<'a, 'b> {
    docs: &'b mut [DocView<'a>],
    index: HashMap<String, usize>,
    /// Texts of findings decisions removed, per document (to warn when the same text stays
    /// redacted elsewhere in it, which verification would then find).
    dropped: Vec<Vec<(String, String)>>,
}

impl Applier<'_, '_> {
    fn text(&self, d: usize, page: usize) -> &str {
        self.docs[d]
            .texts
            .and_then(|t| t.get(page))
            .map(String::as_str)
            .unwrap_or("")
    }

    fn findings(&mut self, d: usize, page: usize) -> Option<&mut Vec<Finding>> {
        self.docs[d].pages.as_mut().and_then(|p| p.get_mut(page))
    }

    fn review(&mut self, d: usize) -> Option<&mut DocReview> {
        self.docs[d].review.as_deref_mut()
    }

    /// Removes the findings on a page that `pred` selects; their ids.
    fn drop_where(
        &mut self,
        d: usize,
        page: usize,
        decision: &str,
        pred: &dyn Fn(&Finding) -> bool,
    ) -> Vec<String> {
        let doc = self.docs[d].doc.to_string();
        let Some(list) = self.findings(d, page) else {
            return vec![];
        };
        let mut gone = Vec::new();
        list.retain(|f| {
            if pred(f) {
                gone.push((id_of(&doc, page, f), f.text.clone()));
                false
            } else {
                true
            }
        });
        let mut ids = Vec::new();
        for (id, text) in gone {
            if let Some(r) = self.review(d) {
                r.marks.remove(&id);
            }
            self.dropped[d].push((text, decision.to_string()));
            ids.push(id);
        }
        ids
    }

    /// Adds a finding unless one of the same category already covers the span; its id, or
    /// `None` when it was covered.
    fn add(&mut self, d: usize, page: usize, f: Finding, mark: DecisionRef) -> Option<String> {
        let doc = self.docs[d].doc.to_string();
        let list = self.findings(d, page)?;
        if list.iter().any(|g| g.start <= f.start && f.end <= g.end) {
            return None;
        }
        let id = id_of(&doc, page, &f);
        let at = list
            .iter()
            .position(|g| (g.start, g.end) > (f.start, f.end))
            .unwrap_or(list.len());
        list.insert(at, f);
        if let Some(r) = self.review(d) {
            r.marks.insert(id.clone(), mark);
        }
        Some(id)
    }

    fn mark(&mut self, d: usize, id: &str, mark: DecisionRef) {
        if let Some(r) = self.review(d) {
            let changes = mark.changes || r.marks.get(id).is_some_and(|m| m.changes);
            r.marks
                .insert(id.to_string(), DecisionRef { changes, ..mark });
        }
    }

    fn finding(&self, cat: Category, ground: &str, text: &str, s: usize, e: usize) -> Finding {
        Finding {
            start: s,
            end: e,
            text: text[s..e].to_string(),
            category: cat,
            ground: ground.to_string(),
            rule: String::new(),
            reason: String::new(),
            confirmed_in: None,
            score: None,
            term: None,
        }
    }
}

fn doc_target(doc: &str, page: Option<usize>) -> String {
    match page {
        Some(p) => format!("{doc}#{p}"),
        None => doc.to_string(),
    }
}

/// Applies a decisions file's review section to a dossier: `table` is this run's term table
/// (its flags and decisions are updated to what is now redacted), `docs` every input document
/// in input order. Returns a record of every decision, applied or unmatched.
pub fn apply(
    file: &DecisionsFile,
    table: &mut DecisionTable,
    docs: &mut [DocView],
    cfg: &Config,
) -> ReviewReport {
    let review = file.table.review.clone();
    let mut report = ReviewReport::default();
    let index: HashMap<String, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.doc.to_string(), i))
        .collect();
    let n = docs.len();
    let mut ap = Applier {
        docs,
        index,
        dropped: vec![Vec::new(); n],
    };
    let name_ground = cfg.ground(Category::Name).to_string();

    // 1. terms
    for (i, d) in review.terms.iter().enumerate() {
        let m = Meta {
            id: default_id(&d.decision_id, "terms", i),
            kind: "term",
            reviewer: d.reviewer.clone(),
            at: d.at.clone(),
        };
        let key = term_key(d.term.trim());
        let ti = table
            .terms
            .iter()
            .position(|t| t.id == d.term.trim())
            .or_else(|| table.terms.iter().position(|t| t.key == key));
        let Some(ti) = ti else {
            let target = if d.term.trim().starts_with("t-") {
                d.term.trim().to_string()
            } else {
                term_id(&key)
            };
            report.unmatched.push(m.unmatched(
                target,
                "the term is not in this dossier's term table".into(),
            ));
            continue;
        };
        let tid = table.terms[ti].id.clone();
        let ground = d
            .ground
            .as_deref()
            .and_then(canonical_ground)
            .unwrap_or_else(|| name_ground.clone());
        let mut eff = Effect::new(match d.decision {
            TermAction::Redact => "redact",
            TermAction::Keep => "keep",
        });
        match d.decision {
            TermAction::Keep => {
                for o in &mut table.terms[ti].occurrences {
                    o.redact = false;
                }
                // the term occurrences that stay redacted, per page
                let mut staying: HashMap<(String, usize), Vec<(usize, usize)>> = HashMap::new();
                for x in table.terms.iter().flat_map(|t| t.occurrences.iter()) {
                    if x.redact {
                        staying
                            .entry((x.doc.clone(), x.page - 1))
                            .or_default()
                            .push((x.start, x.end));
                    }
                }
                let none = Vec::new();
                let mut spans: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
                for o in &table.terms[ti].occurrences {
                    if let Some(&di) = ap.index.get(&o.doc) {
                        spans
                            .entry((di, o.page - 1))
                            .or_default()
                            .push((o.start, o.end));
                    }
                }
                // every page: findings over an occurrence, and findings of the term outside the
                // table's occurrences (OCR misreadings), unless another redacted term is in them
                for di in 0..ap.docs.len() {
                    let count = ap.docs[di].pages.as_ref().map_or(0, |p| p.len());
                    let doc = ap.docs[di].doc.to_string();
                    for page in 0..count {
                        let here = spans.get(&(di, page)).unwrap_or(&none);
                        let others = staying.get(&(doc.clone(), page)).unwrap_or(&none);
                        let tid2 = tid.clone();
                        let gone = ap.drop_where(di, page, &m.id, &|f| {
                            f.category == Category::Name
                                && (here.iter().any(|&(s, e)| f.start < e && s < f.end)
                                    || f.term.as_deref() == Some(&tid2))
                                && !others.iter().any(|&(a, b)| f.start <= a && b <= f.end)
                        });
                        if !gone.is_empty() {
                            eff.inputs.insert(doc.clone());
                        }
                        eff.removed.extend(gone);
                    }
                }
                let t = &mut table.terms[ti];
                t.decision = super::Decision::Keep;
                t.why = format!("reviewer decision {}: kept everywhere", m.id);
            }
            TermAction::Redact => {
                eff.ground = Some(ground.clone());
                let occs = table.terms[ti].occurrences.clone();
                for o in &occs {
                    let Some(&di) = ap.index.get(&o.doc) else {
                        continue;
                    };
                    let page = o.page - 1;
                    let text = ap.text(di, page).to_string();
                    if o.end > text.len() {
                        continue;
                    }
                    let mut f = ap.finding(Category::Name, &ground, &text, o.start, o.end);
                    f.rule = "decision.term".into();
                    f.reason = format!("term redacted everywhere by reviewer decision {}", m.id);
                    f.term = Some(tid.clone());
                    match ap.add(di, page, f.clone(), m.r#ref(true)) {
                        Some(id) => {
                            eff.added.insert(id);
                        }
                        None => {
                            eff.confirmed.insert(id_of(&o.doc, page, &f));
                        }
                    }
                    eff.inputs.insert(o.doc.clone());
                }
                let t = &mut table.terms[ti];
                for o in &mut t.occurrences {
                    o.redact = true;
                }
                t.decision = super::Decision::Redact;
                t.why = format!("reviewer decision {}: redacted everywhere", m.id);
            }
        }
        report.applied.push(eff.record(&m, tid));
    }

    // 2. added terms
    for (i, d) in review.add_terms.iter().enumerate() {
        let m = Meta {
            id: default_id(&d.decision_id, "add_terms", i),
            kind: "add_term",
            reviewer: d.reviewer.clone(),
            at: d.at.clone(),
        };
        let text = d.text.trim();
        // never the text itself in the audit: its length and hash
        let target = format!(
            "text of {} characters, sha256 {}",
            text.chars().count(),
            &sha256_hex(text)[..16]
        );
        let cat = Category::parse(&d.category).unwrap_or(Category::Name);
        let ground = d
            .ground
            .as_deref()
            .and_then(canonical_ground)
            .unwrap_or_else(|| cfg.ground(cat).to_string());
        let pattern = text
            .split_whitespace()
            .map(regex::escape)
            .collect::<Vec<_>>()
            .join(r"\s+");
        let Ok(re) = regex::RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .build()
        else {
            report
                .unmatched
                .push(m.unmatched(target, "the text cannot be searched for".into()));
            continue;
        };
        let mut eff = Effect::new("redact");
        eff.ground = Some(ground.clone());
        for di in 0..ap.docs.len() {
            let pages = ap.docs[di].texts.map_or(0, <[String]>::len);
            for page in 0..pages {
                let page_text = ap.text(di, page).to_string();
                let spans: Vec<(usize, usize)> = re
                    .find_iter(&page_text)
                    .map(|x| (x.start(), x.end()))
                    .filter(|&(s, e)| on_word_boundary(&page_text, s, e))
                    .collect();
                for (s, e) in spans {
                    let mut f = ap.finding(cat, &ground, &page_text, s, e);
                    f.rule = "decision.add_term".into();
                    f.reason = format!("added by reviewer decision {}", m.id);
                    let doc = ap.docs[di].doc.to_string();
                    match ap.add(di, page, f.clone(), m.r#ref(true)) {
                        Some(id) => {
                            eff.added.insert(id);
                        }
                        None => {
                            eff.confirmed.insert(id_of(&doc, page, &f));
                        }
                    }
                    eff.inputs.insert(doc);
                }
            }
        }
        if eff.inputs.is_empty() {
            report.unmatched.push(m.unmatched(
                target,
                "the text stands nowhere in the dossier (on word boundaries)".into(),
            ));
            continue;
        }
        report.applied.push(eff.record(&m, target));
    }

    // 3. occurrences and redactions by id
    // every finding's id, once (ids of findings added above included)
    let mut by_id: HashMap<String, (usize, usize, usize, usize, Category)> = HashMap::new();
    for di in 0..ap.docs.len() {
        let doc = ap.docs[di].doc;
        if let Some(pages) = ap.docs[di].pages.as_ref() {
            for (page, list) in pages.iter().enumerate() {
                for f in list {
                    by_id.insert(id_of(doc, page, f), (di, page, f.start, f.end, f.category));
                }
            }
        }
    }
    for (i, d) in review.occurrences.iter().enumerate() {
        let m = Meta {
            id: default_id(&d.decision_id, "occurrences", i),
            kind: "occurrence",
            reviewer: d.reviewer.clone(),
            at: d.at.clone(),
        };
        let target = d.occurrence.trim().to_string();
        let ground = d.ground.as_deref().and_then(canonical_ground);
        let mut eff = Effect::new(match (d.action, &ground) {
            (Some(OccurrenceAction::Reject), _) => "reject",
            (Some(OccurrenceAction::Accept), None) => "accept",
            (Some(OccurrenceAction::Accept), Some(_)) => "accept_ground",
            (None, _) => "ground",
        });
        eff.ground = ground.clone();
        // a term occurrence of the table
        let occ: Option<(usize, usize, Occurrence)> =
            table.terms.iter().enumerate().find_map(|(ti, t)| {
                t.occurrences
                    .iter()
                    .position(|o| o.id == target)
                    .map(|oi| (ti, oi, t.occurrences[oi].clone()))
            });
        if let Some((ti, oi, o)) = occ {
            let Some(&di) = ap.index.get(&o.doc) else {
                report
                    .unmatched
                    .push(m.unmatched(target, "its document is not in this run".into()));
                continue;
            };
            let page = o.page - 1;
            let doc = o.doc.clone();
            eff.inputs.insert(doc.clone());
            let (s, e) = (o.start, o.end);
            match d.action {
                Some(OccurrenceAction::Reject) => {
                    let gone = ap.drop_where(di, page, &m.id, &|f| {
                        f.category == Category::Name && f.start < e && s < f.end
                    });
                    if gone.is_empty() {
                        eff.warnings
                            .push("the occurrence was not redacted: nothing changed".into());
                    }
                    eff.removed.extend(gone);
                    table.terms[ti].occurrences[oi].redact = false;
                }
                _ => {
                    let covering: Vec<String> = ap
                        .findings(di, page)
                        .map(|l| {
                            l.iter()
                                .filter(|f| {
                                    f.category == Category::Name && f.start < e && s < f.end
                                })
                                .map(|f| id_of(&doc, page, f))
                                .collect()
                        })
                        .unwrap_or_default();
                    if covering.is_empty() {
                        if d.action != Some(OccurrenceAction::Accept) {
                            report.unmatched.push(m.unmatched(
                                target,
                                "the occurrence is not redacted, so its ground cannot change (add \"action\": \"accept\")".into(),
                            ));
                            continue;
                        }
                        let text = ap.text(di, page).to_string();
                        let g = ground.clone().unwrap_or_else(|| name_ground.clone());
                        let mut f = ap.finding(Category::Name, &g, &text, s, e);
                        f.rule = "decision.accept".into();
                        f.reason = format!("accepted by reviewer decision {}", m.id);
                        f.term = Some(table.terms[ti].id.clone());
                        if let Some(id) = ap.add(di, page, f, m.r#ref(true)) {
                            eff.added.insert(id);
                        }
                    } else {
                        for id in covering {
                            set_ground(&mut ap, di, page, &id, ground.as_deref(), &m, &mut eff);
                        }
                    }
                    table.terms[ti].occurrences[oi].redact = true;
                }
            }
            report.applied.push(eff.record(&m, target));
            continue;
        }
        // a box over letters drawn as shapes (its id names the place OCR read them; the
        // document's redaction leaves it out where it would be drawn)
        if is_drawn_id(&target) {
            if d.action != Some(OccurrenceAction::Reject) {
                report.unmatched.push(m.unmatched(
                    target,
                    "a box over letters drawn as shapes can only be rejected (\"action\": \"reject\")".into(),
                ));
                continue;
            }
            for di in 0..ap.docs.len() {
                if let Some(r) = ap.review(di) {
                    r.drawn_rejected.insert(target.clone(), m.r#ref(true));
                }
            }
            eff.warnings.push(
                "a box over letters drawn as shapes: not drawn where the run reads them again; the file's warnings say where".into(),
            );
            report.applied.push(eff.record(&m, target));
            continue;
        }
        // a redaction id of the audit
        let Some(&(di, page, s, e, cat)) = by_id.get(&target) else {
            report.unmatched.push(m.unmatched(
                target,
                "no occurrence of the term table and no redaction of this run has this id".into(),
            ));
            continue;
        };
        let doc = ap.docs[di].doc.to_string();
        eff.inputs.insert(doc.clone());
        let pred = |f: &Finding| f.start == s && f.end == e && f.category == cat;
        let exists = ap.findings(di, page).is_some_and(|l| l.iter().any(&pred));
        if !exists {
            eff.warnings.push(
                "the redaction was already removed by an earlier decision: nothing changed".into(),
            );
            report.applied.push(eff.record(&m, target));
            continue;
        }
        match d.action {
            Some(OccurrenceAction::Reject) => {
                let gone = ap.drop_where(di, page, &m.id, &pred);
                eff.removed.extend(gone);
                for t in &mut table.terms {
                    for o in &mut t.occurrences {
                        if o.doc == doc && o.page == page + 1 && o.start < e && s < o.end {
                            o.redact = false;
                        }
                    }
                }
            }
            _ => set_ground(&mut ap, di, page, &target, ground.as_deref(), &m, &mut eff),
        }
        report.applied.push(eff.record(&m, target));
    }

    // 4. areas
    for (i, d) in review.areas.iter().enumerate() {
        let m = Meta {
            id: default_id(&d.decision_id, "areas", i),
            kind: "area",
            reviewer: d.reviewer.clone(),
            at: d.at.clone(),
        };
        let target = doc_target(&d.doc, Some(d.page));
        let Some(di) = locate(&ap, &d.doc, Some(d.page), &m, &target, &mut report) else {
            continue;
        };
        let ground = d
            .ground
            .as_deref()
            .and_then(canonical_ground)
            .unwrap_or_else(|| name_ground.clone());
        let mut eff = Effect::new("remove_area");
        eff.ground = Some(ground.clone());
        eff.inputs.insert(d.doc.clone());
        eff.added
            .insert(area_id(&d.doc, d.page as u32, &d.rect.map(round2)));
        let area = ReviewArea {
            page: d.page as u32,
            rect: d.rect.map(round2),
            ground,
            decision: m.r#ref(true),
        };
        if let Some(r) = ap.review(di) {
            r.areas.push(area);
        }
        report.applied.push(eff.record(&m, target));
    }

    // 5. exemptions
    for (i, d) in review.exempt.iter().enumerate() {
        let m = Meta {
            id: default_id(&d.decision_id, "exempt", i),
            kind: "exempt",
            reviewer: d.reviewer.clone(),
            at: d.at.clone(),
        };
        let target = doc_target(&d.doc, d.page);
        let Some(di) = locate(&ap, &d.doc, d.page, &m, &target, &mut report) else {
            continue;
        };
        let ground = canonical_ground(&d.ground).unwrap_or_else(|| name_ground.clone());
        let mut eff = Effect::new(if d.page.is_some() {
            "exempt_page"
        } else {
            "exempt_document"
        });
        eff.ground = Some(ground.clone());
        eff.inputs.insert(d.doc.clone());
        let count = ap.docs[di].texts.map_or(0, <[String]>::len);
        let pages: Vec<usize> = match d.page {
            Some(p) => vec![p],
            None => (1..=count).collect(),
        };
        for p in pages {
            eff.added.insert(exempt_id(&d.doc, p as u32));
            if let Some(r) = ap.review(di) {
                r.exempt.retain(|x| x.page != p as u32);
                r.exempt.push(ReviewExempt {
                    page: p as u32,
                    ground: ground.clone(),
                    decision: m.r#ref(true),
                });
                r.exempt.sort_by_key(|x| x.page);
            }
        }
        report.applied.push(eff.record(&m, target));
    }

    // Rejected or kept text that stays redacted elsewhere in the same document: verification
    // would find the kept text (it searches for every removed string), so say so now.
    for di in 0..ap.docs.len() {
        if ap.dropped[di].is_empty() {
            continue;
        }
        let remaining: BTreeSet<String> = ap.docs[di]
            .pages
            .as_ref()
            .map(|p| p.iter().flatten().map(|f| f.text.to_lowercase()).collect())
            .unwrap_or_default();
        let doc = ap.docs[di].doc.to_string();
        for (text, decision) in ap.dropped[di].clone() {
            let lower = text.to_lowercase();
            let clash = remaining.iter().any(|r| {
                r.chars().count() >= 2
                    && lower
                        .match_indices(r.as_str())
                        .any(|(at, _)| on_word_boundary(&lower, at, at + r.len()))
            });
            if clash
                && let Some(rec) = report
                    .applied
                    .iter_mut()
                    .find(|r| r.decision_id == decision)
            {
                let w = format!(
                    "in {doc}, text this decision keeps readable is still redacted elsewhere in the document: verification will fail the document unless those are kept too"
                );
                if !rec.warnings.contains(&w) {
                    rec.warnings.push(w);
                }
            }
        }
    }
    report
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn locate(
    ap: &Applier,
    doc: &str,
    page: Option<usize>,
    m: &Meta,
    target: &str,
    report: &mut ReviewReport,
) -> Option<usize> {
    let Some(&di) = ap.index.get(doc) else {
        report
            .unmatched
            .push(m.unmatched(target.to_string(), "the document is not in this run".into()));
        return None;
    };
    let Some(texts) = ap.docs[di].texts else {
        report.unmatched.push(m.unmatched(
            target.to_string(),
            "the document could not be read in this run".into(),
        ));
        return None;
    };
    if let Some(p) = page
        && (p == 0 || p > texts.len())
    {
        report.unmatched.push(m.unmatched(
            target.to_string(),
            format!(
                "page {p} is out of range: the document has {} page(s)",
                texts.len()
            ),
        ));
        return None;
    }
    Some(di)
}

fn set_ground(
    ap: &mut Applier,
    di: usize,
    page: usize,
    id: &str,
    ground: Option<&str>,
    m: &Meta,
    eff: &mut Effect,
) {
    let doc = ap.docs[di].doc.to_string();
    let Some(list) = ap.findings(di, page) else {
        return;
    };
    let mut changed = false;
    let mut found = false;
    for f in list.iter_mut() {
        if id_of(&doc, page, f) != id {
            continue;
        }
        found = true;
        if let Some(g) = ground
            && f.ground != g
        {
            f.ground = g.to_string();
            f.reason = format!("{} (ground set by reviewer decision {})", f.reason, m.id);
            changed = true;
        }
    }
    if !found {
        return;
    }
    if changed {
        eff.changed.insert(id.to_string());
    } else {
        eff.confirmed.insert(id.to_string());
    }
    ap.mark(di, id, m.r#ref(changed));
}

/// How many decisions and occurrence flags of `file`'s term table say something else than this
/// run's table, both as the dossier decided it (`before` the review) and as the review left it
/// (`after`): an edit made in the table itself, which is output only, or a dossier that changed
/// since the file was written. (A table written by a run without decisions matches `before`, one
/// written by a run with the same decisions matches `after`.)
pub fn table_differences(
    file: &DecisionTable,
    before: &DecisionTable,
    after: &DecisionTable,
) -> usize {
    fn flags(t: &DecisionTable) -> HashMap<&str, bool> {
        t.terms
            .iter()
            .flat_map(|t| t.occurrences.iter())
            .map(|o| (o.id.as_str(), o.redact))
            .collect()
    }
    fn decisions(t: &DecisionTable) -> HashMap<&str, super::Decision> {
        t.terms
            .iter()
            .map(|t| (t.id.as_str(), t.decision))
            .collect()
    }
    let (fb, fa) = (flags(before), flags(after));
    let (db, da) = (decisions(before), decisions(after));
    let mut n = 0;
    for t in &file.terms {
        let id = t.id.as_str();
        if db.get(id).is_some_and(|d| *d != t.decision)
            && da.get(id).is_some_and(|d| *d != t.decision)
        {
            n += 1;
        }
        for o in &t.occurrences {
            let id = o.id.as_str();
            if fb.get(id).is_some_and(|r| *r != o.redact)
                && fa.get(id).is_some_and(|r| *r != o.redact)
            {
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(review: &str) -> Result<DecisionsFile, String> {
        DecisionsFile::parse(
            "d.json",
            &format!(r#"{{"schema":"woo-redact/decisions/1","terms":[],"review":{review}}}"#),
        )
    }

    #[test]
    fn malformed_decisions_are_named() {
        let e = file(r#"{"exempt":[{"doc":"a.pdf","ground":"5.9.9z"}]}"#).unwrap_err();
        assert!(
            e.contains("review.exempt[0] (exempt.1)") && e.contains("5.9.9z"),
            "{e}"
        );
        let e = file(r#"{"areas":[{"doc":"a.pdf","page":1,"rect":[10,10,5,20]}]}"#).unwrap_err();
        assert!(e.contains("rect"), "{e}");
        let e = file(r#"{"occurrences":[{"occurrence":"r1","reviewr":"x","action":"reject"}]}"#)
            .unwrap_err();
        assert!(e.contains("reviewr"), "{e}");
        let e = file(r#"{"add_terms":[{"text":"Wagino","category":"person"}]}"#).unwrap_err();
        assert!(e.contains("person"), "{e}");
        let e =
            file(r#"{"occurrences":[{"occurrence":"r1","action":"reject","ground":"5.1.2e"}]}"#)
                .unwrap_err();
        assert!(e.contains("no ground"), "{e}");
        let e = file(r#"{"terms":[{"term":"x","decision":"keep","at":"gisteren"}]}"#).unwrap_err();
        assert!(e.contains("\"at\""), "{e}");
        let e = file(
            r#"{"terms":[{"decision_id":"a","term":"x","decision":"keep"},{"decision_id":"a","term":"y","decision":"keep"}]}"#,
        )
        .unwrap_err();
        assert!(e.contains("twice"), "{e}");
        assert!(DecisionsFile::parse("d.json", r#"{"schema":"other","terms":[]}"#).is_err());
        assert!(
            DecisionsFile::parse(
                "d.json",
                r#"{"schema":"woo-redact/decisions/1","reveiw":{}}"#
            )
            .is_err()
        );
        assert!(
            file(r#"{"exempt":[{"doc":"a.pdf","ground":"5.1, 2, e","at":"2026-03-02"}]}"#).is_ok()
        );
    }

    #[test]
    fn decisions_change_findings_and_report_what_matched_nothing() {
        let text = "De heer Jansen en mevrouw Wagino spreken met Jansen.".to_string();
        let texts = vec![text.clone()];
        let j = text.find("Jansen").unwrap();
        let pages = {
            let f = Finding {
                start: j,
                end: j + 6,
                text: "Jansen".into(),
                category: Category::Name,
                ground: "5.1.2e".into(),
                rule: "name.title_surname".into(),
                reason: String::new(),
                confirmed_in: None,
                score: None,
                term: Some(term_id("jansen")),
            };
            vec![vec![f]]
        };
        let mut pages = pages;
        let mut table = DecisionTable {
            schema: super::super::SCHEMA.into(),
            terms: vec![],
            terms_sha256: None,
            review: Review::default(),
        };
        let mut rv = DocReview::default();
        let mut docs = vec![DocView {
            doc: "a.pdf",
            texts: Some(&texts),
            pages: Some(&mut pages),
            review: Some(&mut rv),
        }];
        let id = finding_id("a.pdf", 1, j, j + 6, "name");
        let f = file(&format!(
            r#"{{"occurrences":[{{"occurrence":"{id}","ground":"5.1.1d","reviewer":"M. Bakker","at":"2026-03-02"}},{{"occurrence":"rnothing","action":"reject"}}],
               "add_terms":[{{"text":"wagino","category":"name"}},{{"text":"Pietersen","category":"name"}}],
               "exempt":[{{"doc":"b.pdf","ground":"5.1.2e"}},{{"doc":"a.pdf","page":2,"ground":"5.1.2e"}}]}}"#
        ))
        .unwrap();
        let r = apply(&f, &mut table, &mut docs, &Config::default());
        drop(docs);
        let texts_now: Vec<&str> = pages[0].iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts_now, ["Jansen", "Wagino"]);
        assert_eq!(pages[0][0].ground, "5.1.1d");
        assert_eq!(rv.marks[&id].decision_id, "occurrences.1");
        assert_eq!(rv.marks[&id].reviewer.as_deref(), Some("M. Bakker"));
        let unmatched: Vec<&str> = r.unmatched.iter().map(|u| u.decision_id.as_str()).collect();
        assert_eq!(
            unmatched,
            ["add_terms.2", "occurrences.2", "exempt.1", "exempt.2"]
        );
        // the audit never holds an added term's text
        let json = serde_json::to_string(&r.unmatched).unwrap()
            + &serde_json::to_string(&r.applied).unwrap();
        assert!(
            !json.contains("Pietersen") && !json.contains("agino"),
            "{json}"
        );
    }
}
