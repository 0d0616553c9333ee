//! The audit log (`audit.jsonl`, version 1): a run header, one line per redaction box and one per file, with no personal data in it.
//!
//! The log is for reviewers inside the organisation. It never holds removed text: a box records
//! the length and SHA-256 of what it removed, and every removed string is masked out of reasons
//! and warnings before they are written. It does not belong in a public release.
//!
//! Lines are written as files finish (so a killed run keeps what was done) and, when the run
//! ends, the file is rewritten in input order with the end time in the header.
//!
//! Schema, version 1 (one JSON object per line):
//! - `{"type":"run","audit_version":1,"tool":"woo-redact","version","config_sha256","config",
//!   "command":[..],"cwd","started","finished","jobs"}`: first line. `cwd` is the working
//!   directory of the command (relative inputs in `command` are relative to it). `config` is the effective
//!   configuration, with the `always` terms given only as a count (they are terms to remove).
//!   `finished` is `null` in a log of a run that did not end.
//! - `{"type":"redaction","id","box","input","page","area":[x0,y0,x1,y1],"category","ground",
//!   "label","unlabelled","rule","reason","source","confirmed_in","chars","text_sha256"}`: one
//!   per box. `id` is the stable id of the finding (the same input, page and text position give
//!   the same id in every run; a finding over two lines has two boxes, `box` 0 and 1). `area` is
//!   in page space (points, origin top-left of the visible page). `source` says where the
//!   decision came from: `detector` (a rule or the model), `dossier` (the name was decided on
//!   evidence elsewhere in the dossier, `confirmed_in` names the document), `configuration`
//!   (the `always` list) or `decision` (a reviewer's decision created the box or changed its
//!   ground). A box a reviewer's decision created, changed or confirmed also carries
//!   `decision_id`, `reviewer` and `at`. A reviewer's area has `category` `area` and an id
//!   `a...` (of document, page and rectangle); an exempted page has one box, `category` `exempt`,
//!   id `x...` (of document and page), `label` `Niet openbaar: <ground>`, and `chars` and
//!   `text_sha256` of the page text it replaced.
//! - `{"type":"decision","decision_id","decision","target","action","ground","inputs","added",
//!   "removed","changed","confirmed","warnings","reviewer","at"}`: one per reviewer's decision
//!   (`redact --decisions`) that matched something, right after the header: the redaction ids
//!   it added, removed, changed the ground of, or confirmed. `target` is a term id, an
//!   occurrence or redaction id, `doc#page`, or for an added term its length and a hash prefix
//!   (never the text).
//! - `{"type":"decision_unmatched","decision_id","decision","target","reason","reviewer","at"}`:
//!   a decision that matched nothing in this run (never silently dropped).
//! - `{"type":"file","input","input_sha256","output","output_sha256","pages","status","reason",
//!   "redactions","flagged_pages":[{"page","reason"}],"warnings","sanitized","verification",
//!   "seconds","findings_sha256","config_sha256"}`: one per input file. `input` is the path
//!   relative to the input folder; `output` the path relative to the output folder
//!   (`publish/...`, `review/...`, `quarantine/...`) or `null`. `status`: `ok` (verified clean,
//!   in `publish/`), `flagged` (verified, but pages need a person: in `review/`), `failed`
//!   (verification found removed text or could not run: in `quarantine/`, never published) or
//!   `error` (the input could not be read: no output). `findings_sha256` fingerprints what
//!   detection decided for this file: `--resume` redoes a file when it changed.
//!   `exempt_pages` (`[{"page","ground","decision_id"}]`) and `exemption` (`niet_openbaar`:
//!   every page; `pages`: some) are present when a reviewer exempted pages. `duplicate_of` (the
//!   original's `input`) and `similarity` (1.0: identical page texts; else the estimated Jaccard
//!   similarity of word 5-grams, at least 0.9) are present when the file duplicates an earlier
//!   one of the dossier (never any text of it).
//! - `{"type":"folder","input","status":"error","reason"}`: a folder that could not be read.

use crate::config::{Config, EmailMode, LabelNotation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The version of this schema.
pub const AUDIT_VERSION: u32 = 1;

/// The first line of the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunRecord {
    /// Always `run`.
    #[serde(rename = "type")]
    pub kind: String,
    /// [`AUDIT_VERSION`].
    pub audit_version: u32,
    /// Always `woo-redact`.
    pub tool: String,
    /// The tool's version.
    pub version: String,
    /// SHA-256 of the effective configuration.
    pub config_sha256: String,
    /// The effective configuration (see [`config_json`]).
    pub config: serde_json::Value,
    /// The command line.
    pub command: Vec<String>,
    /// The working directory the command ran in (relative inputs in `command` are relative to
    /// it; `review` reads the inputs again from there). Absent in logs of older runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwd: Option<String>,
    /// Start time (UTC, RFC 3339).
    pub started: String,
    /// End time, `null` while running.
    pub finished: Option<String>,
    /// Worker threads.
    pub jobs: usize,
}

/// One redaction box.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedactionRecord {
    /// Always `redaction`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Stable id of the finding.
    pub id: String,
    /// Index of this box within its finding (a finding over two lines has two).
    #[serde(rename = "box")]
    pub box_index: usize,
    /// Input path relative to the input folder.
    pub input: String,
    /// 1-based page.
    pub page: u32,
    /// The box in page space.
    pub area: [f64; 4],
    /// Category of personal data.
    pub category: String,
    /// Canonical ground (`5.1.2e`).
    pub ground: String,
    /// Label as drawn.
    pub label: String,
    /// The box was too small to hold its label.
    pub unlabelled: bool,
    /// Rule id (or model evidence).
    pub rule: String,
    /// Why (with removed strings masked).
    pub reason: String,
    /// Where the decision came from: `detector`, `dossier`, `configuration`.
    pub source: String,
    /// The document where a name found through the dossier was confirmed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confirmed_in: Option<String>,
    /// Length of the removed text in characters.
    pub chars: usize,
    /// SHA-256 of the removed text (hex).
    pub text_sha256: String,
    /// The reviewer's decision that created, changed or confirmed this box (`decisions.json`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub decision_id: Option<String>,
    /// Who made that decision.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviewer: Option<String>,
    /// When.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub at: Option<String>,
}

/// A reviewer's decision that matched something (`"type":"decision"`), written once per decision
/// after the run header. It never holds removed text: an added term is given by its length and
/// hash, a term by its id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// Always `decision`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The decision's id in the decisions file.
    pub decision_id: String,
    /// `term`, `occurrence`, `add_term`, `area` or `exempt`.
    pub decision: String,
    /// What it is about: a term id, an occurrence or redaction id, `doc#page`, or an added
    /// term's length and hash.
    pub target: String,
    /// `keep`, `redact`, `reject`, `accept`, `accept_ground`, `ground`, `remove_area`,
    /// `exempt_page` or `exempt_document`.
    pub action: String,
    /// The canonical ground it set, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ground: Option<String>,
    /// Documents it touched.
    pub inputs: Vec<String>,
    /// Ids of redactions (boxes) it added: findings, areas (`a...`), exempted pages (`x...`).
    pub added: Vec<String>,
    /// Ids of redactions it removed.
    pub removed: Vec<String>,
    /// Ids of redactions whose ground it changed.
    pub changed: Vec<String>,
    /// Ids of redactions it confirmed without changing them.
    pub confirmed: Vec<String>,
    /// What the reviewer should know (nothing changed; verification will object).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
    /// Who decided.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviewer: Option<String>,
    /// When.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub at: Option<String>,
}

/// A reviewer's decision that matched nothing in this run (`"type":"decision_unmatched"`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnmatchedDecisionRecord {
    /// Always `decision_unmatched`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The decision's id in the decisions file.
    pub decision_id: String,
    /// `term`, `occurrence`, `add_term`, `area`, `exempt` or `table`.
    pub decision: String,
    /// What it is about (as in [`DecisionRecord::target`]).
    pub target: String,
    /// Why it matched nothing.
    pub reason: String,
    /// Who decided.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviewer: Option<String>,
    /// When.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub at: Option<String>,
}

/// A page a reviewer exempted (Niet openbaar): replaced by one labelled box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExemptPage {
    /// 1-based page.
    pub page: u32,
    /// Canonical ground.
    pub ground: String,
    /// The decision.
    pub decision_id: String,
}

/// Outcome of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Redacted and verified.
    Ok,
    /// Redacted and verified, but some pages need manual review (no reliable text layer).
    Flagged,
    /// Not published: verification found removed text, or could not prove the file clean.
    Failed,
    /// The input could not be read.
    Error,
}

impl Status {
    /// Lower-case name as in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Flagged => "flagged",
            Status::Failed => "failed",
            Status::Error => "error",
        }
    }
}

/// A page that needs a person, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlaggedPage {
    /// 1-based page.
    pub page: u32,
    /// Why, in words.
    pub reason: String,
}

/// One file's line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRecord {
    /// Always `file`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Input path relative to the input folder.
    pub input: String,
    /// SHA-256 of the input bytes (empty when the file could not be read).
    pub input_sha256: String,
    /// Output path relative to the output folder, if one was written.
    pub output: Option<String>,
    /// SHA-256 of the output bytes.
    pub output_sha256: Option<String>,
    /// Outcome.
    pub status: Status,
    /// Why, in words.
    pub reason: String,
    /// Page count (0 when unreadable).
    pub pages: usize,
    /// Number of boxes drawn.
    pub redactions: usize,
    /// Pages that need manual review.
    pub flagged_pages: Vec<FlaggedPage>,
    /// Oddities (fonts, structure), without personal data.
    pub warnings: Vec<String>,
    /// What sanitising removed, by kind.
    pub sanitized: serde_json::Value,
    /// Verification summary (channels with hits, incomplete checks).
    pub verification: serde_json::Value,
    /// Wall-clock seconds spent on this file in the redact pass.
    pub seconds: f64,
    /// Fingerprint of what detection decided for this file.
    pub findings_sha256: String,
    /// The configuration this file was redacted with.
    pub config_sha256: String,
    /// Pages read by OCR, each with its mean word confidence (absent when none was).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr: Vec<crate::ocr::OcrAudit>,
    /// Pages a reviewer exempted (absent when none was): each is a blank page with one box.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exempt_pages: Vec<ExemptPage>,
    /// `niet_openbaar` when every page is exempted, `deels_openbaar_pages` when some are
    /// (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption: Option<String>,
    /// The input path of the earlier document of the dossier this one duplicates (absent when
    /// it duplicates none): see [`crate::decide::duplicates`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// With `duplicate_of`: 1.0 for an identical document (same page texts), else the estimated
    /// Jaccard similarity of the word 5-grams (at least 0.9, at most 0.99).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
}

impl FileRecord {
    /// The record without its warnings, sanitising and verification details: what a summary
    /// needs (status, paths, reasons, flagged pages, counts).
    pub fn compact(mut self) -> FileRecord {
        self.warnings = Vec::new();
        self.sanitized = serde_json::Value::Null;
        self.verification = serde_json::Value::Null;
        self
    }

    /// A record for a file that could not be read: status `error`, nothing written.
    pub fn error(input: &str, reason: String) -> FileRecord {
        FileRecord {
            kind: "file".into(),
            input: input.to_string(),
            input_sha256: String::new(),
            output: None,
            output_sha256: None,
            status: Status::Error,
            reason,
            pages: 0,
            redactions: 0,
            flagged_pages: vec![],
            warnings: vec![],
            sanitized: serde_json::Value::Null,
            verification: serde_json::Value::Null,
            seconds: 0.0,
            findings_sha256: String::new(),
            config_sha256: String::new(),
            ocr: vec![],
            exempt_pages: vec![],
            exemption: None,
            duplicate_of: None,
            similarity: None,
        }
    }
}

/// Hex SHA-256 of a string.
pub fn sha256_hex(s: &str) -> String {
    sha256_bytes_hex(s.as_bytes())
}

/// Hex SHA-256 of bytes.
pub fn sha256_bytes_hex(b: &[u8]) -> String {
    let digest = Sha256::digest(b);
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The stable id of a finding: the same input, page and position give the same id in every run.
pub fn finding_id(input: &str, page: u32, start: usize, end: usize, category: &str) -> String {
    let h = sha256_hex(&format!("{input}\0{page}\0{start}\0{end}\0{category}"));
    format!("r{}", &h[..15])
}

/// The stable audit id of a box over letters drawn as shapes (read by OCR, so without offsets
/// in the page text: named by its place).
pub fn drawn_id(input: &str, page: u32, rect: &crate::pdf::Rect) -> String {
    let r = format!(
        "{:.1},{:.1},{:.1},{:.1}",
        rect.x0, rect.y0, rect.x1, rect.y1
    );
    let h = sha256_hex(&format!("{input}\0{page}\0drawn\0{r}"));
    format!("d{}", &h[..15])
}

/// Where a finding's decision came from, from its rule id.
pub fn decision_source(rule: &str, confirmed_in: Option<&str>) -> &'static str {
    if rule.starts_with("config.") || rule.contains("always") {
        "configuration"
    } else if confirmed_in.is_some() || rule.contains("consistency") || rule.starts_with("dossier")
    {
        "dossier"
    } else {
        "detector"
    }
}

/// The configuration as recorded in the run header: everything that shapes the output, but the
/// `always` terms only as a count (they are strings to remove, and the log never holds those).
pub fn config_json(cfg: &Config) -> serde_json::Value {
    let notation = match cfg.label_notation {
        LabelNotation::CommaSpaced => "5.1, 2, e",
        LabelNotation::Canonical => "5.1.2e",
        LabelNotation::CommaCompact => "5.1,2,e",
        LabelNotation::LidSub => "5.1 lid 2 sub e",
    };
    let grounds: serde_json::Map<String, serde_json::Value> = cfg
        .grounds
        .iter()
        .map(|(c, g)| (c.as_str().to_string(), serde_json::Value::from(g.clone())))
        .collect();
    serde_json::json!({
        "label_notation": notation,
        "box_fill": cfg.box_fill.rgb,
        "label_color": cfg.label_color.rgb,
        "language": cfg.language,
        "email_mode": match cfg.email_mode { EmailMode::Whole => "whole", EmailMode::LocalPart => "local_part" },
        "grounds": grounds,
        "public": cfg.public,
        "always": { "count": cfg.always.len() },
        "never": cfg.never,
        "width_safe_gaps": cfg.gaps.is_some(),
        "gap_step_em": cfg.gaps.map(|g| g.step_em),
    })
}

/// The current time in UTC as RFC 3339 (`2026-11-27T13:45:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // civil-from-days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Replaces every occurrence of any of `removed` in `text` by `…`.
pub fn mask(text: &str, removed: &[String]) -> String {
    let mut out = text.to_string();
    let mut sorted: Vec<&String> = removed.iter().filter(|r| r.chars().count() >= 2).collect();
    sorted.sort_by_key(|r| std::cmp::Reverse(r.len()));
    for r in sorted {
        if out.contains(r.as_str()) {
            out = out.replace(r.as_str(), "…");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_removes_every_removed_string_longest_first() {
        let removed = vec!["Jan".to_string(), "Jan de Vries".to_string()];
        assert_eq!(
            mask("voornaam + achternaam: Jan de Vries; Jan", &removed),
            "voornaam + achternaam: …; …"
        );
    }

    #[test]
    fn hash_is_stable_hex() {
        assert_eq!(sha256_hex("abc").len(), 64);
        assert!(sha256_hex("abc").starts_with("ba7816bf"));
    }

    #[test]
    fn finding_ids_are_stable_and_distinct() {
        let a = finding_id("a/b.pdf", 1, 10, 20, "name");
        assert_eq!(a, finding_id("a/b.pdf", 1, 10, 20, "name"));
        assert_ne!(a, finding_id("a/c.pdf", 1, 10, 20, "name"));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn the_header_config_never_lists_always_terms() {
        let cfg = Config {
            always: vec!["Pietje Puk".into()],
            ..Config::default()
        };
        let j = config_json(&cfg).to_string();
        assert!(!j.contains("Pietje"), "{j}");
        assert!(j.contains("\"count\":1"), "{j}");
    }

    #[test]
    fn rfc3339_has_the_shape() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z'), "{t}");
    }
}
