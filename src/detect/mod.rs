//! Detection of Dutch personal data in plain text: findings with byte spans, category, ground, rule and reason.
//!
//! # API (for the CLI / PDF layer)
//!
//! ```no_run
//! use woo_redact::config::Config;
//! use woo_redact::detect::{Detector, Dossier};
//! let cfg = Config::load(std::path::Path::new("woo.toml")).expect("config");
//! let det = Detector::new(&cfg).expect("dictionaries");        // compile once per run; Send + Sync
//! let one_page = det.scan("Aanwezig: Jan de Vries\n");          // Vec<Finding>, sorted, non-overlapping
//! let meta = det.scan_string_strict("Author: J. de Vries");      // metadata, bookmarks, annotations
//! // dossier-wide consistency (two passes over a batch):
//! let mut dossier = Dossier::new(&det);
//! dossier.add("doc1.pdf", vec!["page 1 text".to_string(), "page 2 text".to_string()]);
//! dossier.add("doc2.pdf", vec!["...".to_string()]);
//! for doc in dossier.scan() {                                    // one DocFindings per document, in order
//!     for (page, findings) in doc.pages.iter().enumerate() { let _ = (page, findings); }
//! }
//! ```
//!
//! * [`Finding`] is `serde::Serialize`; `category` serialises as `name`, `email`, `phone`, `address`, `iban`,
//!   `bsn`, `date_of_birth`, `license_plate`; `ground` is canonical (`5.1.2e`), render it on a box with
//!   [`crate::config::render_ground`].
//! * `start`/`end` are byte offsets into the scanned string, always on char boundaries.
//! * `reason` never contains more personal data than the matched text itself (it names cues and lists,
//!   not other people).
//! * For JSON Lines, the CLI wraps a finding with `file` and `page` (e.g. with `#[serde(flatten)]`).

mod dict;
pub mod eval;
mod ident;
pub mod model;
mod names;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::config::{Config, EmailMode};
pub use dict::DictError;
use dict::Dicts;

/// Kind of personal data a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A person's name (or part of it).
    Name,
    /// An e-mail address (or its local part).
    Email,
    /// A phone number.
    Phone,
    /// A postal address, postcode or postbus.
    Address,
    /// A bank account number (IBAN).
    Iban,
    /// A citizen service number (BSN).
    Bsn,
    /// A date of birth.
    DateOfBirth,
    /// A Dutch vehicle registration (kenteken).
    LicensePlate,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 8] = [
        Category::Name,
        Category::Email,
        Category::Phone,
        Category::Address,
        Category::Iban,
        Category::Bsn,
        Category::DateOfBirth,
        Category::LicensePlate,
    ];

    /// Lower-case identifier as used in config files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Name => "name",
            Category::Email => "email",
            Category::Phone => "phone",
            Category::Address => "address",
            Category::Iban => "iban",
            Category::Bsn => "bsn",
            Category::DateOfBirth => "date_of_birth",
            Category::LicensePlate => "license_plate",
        }
    }

    /// Parses the lower-case identifier.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// Default canonical Woo ground: BSN 5.1.1e, everything else 5.1.2e.
    pub fn default_ground(self) -> &'static str {
        match self {
            Category::Bsn => "5.1.1e",
            _ => "5.1.2e",
        }
    }

    /// Priority when findings overlap (higher wins): IBAN over phone, phone over generic numbers.
    fn priority(self) -> u8 {
        match self {
            Category::Email => 9,
            Category::Iban => 8,
            Category::Bsn => 7,
            Category::Phone => 6,
            Category::LicensePlate => 5,
            Category::DateOfBirth => 4,
            Category::Address => 3,
            Category::Name => 1,
        }
    }
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The matched text (`text[start..end]`).
    pub text: String,
    /// What kind of data it is.
    pub category: Category,
    /// Canonical Woo ground code, e.g. `5.1.2e`.
    pub ground: String,
    /// Rule id, e.g. `name.title_surname`.
    pub rule: String,
    /// Short human explanation.
    pub reason: String,
    /// For findings made by dossier consistency: the document where the name was confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_in: Option<String>,
}

/// A finding before grounds and text are attached.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub cat: Category,
    pub rule: &'static str,
    pub reason: String,
    /// Strong name evidence (counts as confirmation for consistency).
    pub strong: bool,
}

/// The compiled detector: dictionaries, automatons and settings. Build once per run and share (it is Send + Sync).
pub struct Detector {
    dicts: Dicts,
    email_mode: EmailMode,
    grounds: HashMap<Category, String>,
    /// Public name parts (first names, surnames) that stay readable when they stand alone.
    public_parts: HashSet<String>,
    /// First words of public full names: a name chain is split before them ("Tijmen Peter").
    public_first: HashSet<String>,
}

/// Error while building a [`Detector`].
#[derive(Debug, thiserror::Error)]
pub enum DetectError {
    /// A built-in or configured list could not be compiled.
    #[error(transparent)]
    Dict(#[from] DictError),
}

impl Detector {
    /// Compiles the dictionaries and the configured lists.
    pub fn new(cfg: &Config) -> Result<Detector, DetectError> {
        let dicts = Dicts::load(&cfg.public, &cfg.always, &cfg.never)?;
        let mut public_parts = HashSet::new();
        for p in &cfg.public {
            for t in names::name_tokens(p, &dicts) {
                public_parts.insert(t);
            }
        }
        let public_first = cfg
            .public
            .iter()
            .filter(|p| p.split_whitespace().count() >= 2)
            .filter_map(|p| p.split_whitespace().next())
            .map(str::to_string)
            .collect();
        Ok(Detector {
            public_first,
            dicts,
            email_mode: cfg.email_mode,
            grounds: Category::ALL
                .iter()
                .map(|c| (*c, cfg.ground(*c).to_string()))
                .collect(),
            public_parts,
        })
    }

    /// Scans one text (one page) and returns findings sorted by start, non-overlapping.
    ///
    /// Names confirmed by a strong rule in this text are also found where they stand bare in this text.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        let (raws, confirmed) = self.scan_raw(text, false);
        let extra = self.consistency(text, &raws, &confirmed_map(&confirmed, None));
        self.finish(text, raws.into_iter().chain(extra).collect())
    }

    /// Scans a short string without minutes context (metadata, bookmark titles, annotations).
    ///
    /// Stricter in one way (no line-start speaker cues) and looser in another: every capitalised first name or
    /// surname from the lists counts, since such strings are often just a name ("Author: Jansen").
    pub fn scan_string_strict(&self, s: &str) -> Vec<Finding> {
        let (raws, _) = self.scan_raw(s, true);
        self.finish(s, raws)
    }

    /// Pass-1 helper: raw findings plus name tokens confirmed by strong rules.
    fn scan_raw(&self, text: &str, short: bool) -> (Vec<Raw>, Vec<String>) {
        let mut raws = ident::scan(text, self.email_mode);
        let blocked: Vec<(usize, usize)> = raws.iter().map(|r| (r.start, r.end)).collect();
        let mut nm = names::scan(text, &self.dicts, &self.public_first, &blocked, short);
        let mut confirmed = Vec::new();
        // public names: drop findings made only of public parts, unless the same token is confirmed
        // for a non-public person in this text (a leak is worse than an over-redaction)
        let private_tokens: HashSet<String> = nm
            .iter()
            .filter(|r| r.strong && !self.is_public(&text[r.start..r.end]))
            .flat_map(|r| names::name_tokens(&text[r.start..r.end], &self.dicts))
            .collect();
        nm.retain_mut(|r| {
            let t = &text[r.start..r.end];
            if !self.is_public(t) {
                return true;
            }
            let toks = names::name_tokens(t, &self.dicts);
            if toks.len() == 1 && private_tokens.contains(&toks[0]) {
                r.rule = "name.public_conflict";
                r.reason =
                    "public name part, but also the name of another person in this text".into();
                return true;
            }
            false
        });
        for r in &nm {
            if r.strong {
                confirmed.extend(names::name_tokens(&text[r.start..r.end], &self.dicts));
            }
        }
        raws.extend(nm);
        (raws, confirmed)
    }

    fn is_public(&self, t: &str) -> bool {
        if self.dicts.is_public_full(t) {
            return true;
        }
        let toks = names::name_tokens(t, &self.dicts);
        !toks.is_empty() && toks.iter().all(|k| self.public_parts.contains(k))
    }

    /// Finds bare occurrences of confirmed tokens not yet covered.
    fn consistency(
        &self,
        text: &str,
        raws: &[Raw],
        confirmed: &HashMap<String, Option<String>>,
    ) -> Vec<Raw> {
        if confirmed.is_empty() {
            return Vec::new();
        }
        let covered: Vec<(usize, usize)> = raws.iter().map(|r| (r.start, r.end)).collect();
        let mut out = Vec::new();
        for (s, e) in names::find_tokens(text, confirmed.keys(), &self.dicts) {
            if covered.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            let tok = &text[s..e];
            let public = self.public_parts.contains(tok);
            let reason = match (confirmed.get(tok).and_then(|d| d.as_ref()), public) {
                (Some(_), true) => {
                    "also the name of a public official, but confirmed as another person's name in this dossier"
                        .to_string()
                }
                (Some(_), false) => "name confirmed by a strong rule elsewhere in this dossier".to_string(),
                (None, true) => {
                    "also the name of a public official, but confirmed as another person's name in this text"
                        .to_string()
                }
                (None, false) => "name confirmed by a strong rule elsewhere in this text".to_string(),
            };
            out.push(Raw {
                start: s,
                end: e,
                cat: Category::Name,
                rule: "name.consistency",
                reason,
                strong: false,
            });
        }
        out
    }

    /// Merges overlapping raw findings (union span, highest-priority category) and attaches text and ground.
    fn finish(&self, text: &str, mut raws: Vec<Raw>) -> Vec<Finding> {
        raws.retain(|r| r.start < r.end && r.end <= text.len());
        raws.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut merged: Vec<Raw> = Vec::new();
        for r in raws {
            if let Some(last) = merged.last_mut()
                && r.start < last.end
            {
                let winner_is_r = r.cat.priority() > last.cat.priority()
                    || (r.cat == last.cat && r.end - r.start > last.end - last.start);
                let end = last.end.max(r.end);
                if winner_is_r {
                    let start = last.start;
                    *last = r;
                    last.start = start;
                }
                last.end = end;
                continue;
            }
            merged.push(r);
        }
        merged
            .into_iter()
            .map(|r| Finding {
                start: r.start,
                end: r.end,
                text: text[r.start..r.end].to_string(),
                category: r.cat,
                ground: self
                    .grounds
                    .get(&r.cat)
                    .cloned()
                    .unwrap_or_else(|| r.cat.default_ground().to_string()),
                rule: r.rule.to_string(),
                reason: r.reason,
                confirmed_in: None,
            })
            .collect()
    }
}

fn confirmed_map(tokens: &[String], doc: Option<&str>) -> HashMap<String, Option<String>> {
    tokens
        .iter()
        .map(|t| (t.clone(), doc.map(str::to_string)))
        .collect()
}

/// Findings of one document of a dossier.
#[derive(Debug, Clone, Serialize)]
pub struct DocFindings {
    /// The document id given to [`Dossier::add`].
    pub doc: String,
    /// Findings per page, in page order.
    pub pages: Vec<Vec<Finding>>,
}

/// A batch of documents scanned in two passes so that a name confirmed anywhere is redacted everywhere.
pub struct Dossier<'d> {
    det: &'d Detector,
    docs: Vec<(String, Vec<String>)>,
}

impl<'d> Dossier<'d> {
    /// An empty dossier using a detector.
    pub fn new(det: &'d Detector) -> Dossier<'d> {
        Dossier {
            det,
            docs: Vec::new(),
        }
    }

    /// Adds a document (id, e.g. its file name, and its page texts).
    pub fn add(&mut self, doc: impl Into<String>, pages: Vec<String>) {
        self.docs.push((doc.into(), pages));
    }

    /// Pass 1 collects confirmed names per document; pass 2 scans every page adding bare occurrences of names
    /// confirmed anywhere in the dossier (`confirmed_in` names the first confirming document).
    pub fn scan(&self) -> Vec<DocFindings> {
        use rayon::prelude::*;
        let pass1: Vec<Vec<(Vec<Raw>, Vec<String>)>> = self
            .docs
            .par_iter()
            .map(|(_, pages)| pages.iter().map(|p| self.det.scan_raw(p, false)).collect())
            .collect();
        let mut confirmed: HashMap<String, Option<String>> = HashMap::new();
        for ((doc, _), pages) in self.docs.iter().zip(&pass1) {
            for (_, toks) in pages {
                for t in toks {
                    confirmed
                        .entry(t.clone())
                        .or_insert_with(|| Some(doc.clone()));
                }
            }
        }
        self.docs
            .par_iter()
            .zip(pass1)
            .map(|((doc, pages), p1)| {
                let own: HashSet<&String> = p1.iter().flat_map(|(_, t)| t.iter()).collect();
                let pages = pages
                    .iter()
                    .zip(p1.iter())
                    .map(|(text, (raws, _))| {
                        // tokens confirmed in this same document carry no cross-document reference
                        let conf: HashMap<String, Option<String>> = confirmed
                            .iter()
                            .map(|(k, v)| {
                                let v = if own.contains(k) { None } else { v.clone() };
                                (k.clone(), v)
                            })
                            .collect();
                        let extra = self.det.consistency(text, raws, &conf);
                        let mut found: Vec<(usize, Option<String>)> = Vec::new();
                        for r in &extra {
                            found.push((
                                r.start,
                                conf.get(&text[r.start..r.end]).cloned().flatten(),
                            ));
                        }
                        let mut out = self
                            .det
                            .finish(text, raws.iter().cloned().chain(extra).collect());
                        for f in &mut out {
                            if f.rule == "name.consistency" {
                                f.confirmed_in = found
                                    .iter()
                                    .find(|(s, _)| *s >= f.start && *s < f.end)
                                    .and_then(|(_, d)| d.clone());
                            }
                        }
                        out
                    })
                    .collect();
                DocFindings {
                    doc: doc.clone(),
                    pages,
                }
            })
            .collect()
    }
}
