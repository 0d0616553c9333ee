//! Dossier decisions: the term table that decides once per person-name term, on all evidence in the dossier, what is redacted.
//!
//! After pass 1 (every page scanned by the rules and the name model), every distinct name term
//! (a capitalised word of a name finding: a first name or surname part, not a particle or initial;
//! a surname that is also an ordinary word is a term with its particles, "De Grauwe") is looked up
//! everywhere in the dossier, in all its case forms. The particles a finding wrote before a
//! surname go with it where they stand before it with a capital ("Karel De Gucht", then
//! "De Gucht zegt"; "Jan van Hove", then "Van Hove vraagt"): a box over "Gucht" alone would leave
//! "De" to narrow the name down. For each term the table collects
//! the evidence for it (strong findings: title, initials, cue, list, full name, high model score;
//! weak findings) and against it (occurrences the name model reads as no name, occurrences inside
//! an organisation, place or public-official phrase), and decides once:
//!
//! * `redact`: every occurrence in the dossier is redacted (strong evidence, nothing against);
//! * `keep`: no occurrence is redacted (only weak evidence, and the dossier shows the word used
//!   as something else): a single weak finding never spreads; also a word the dossier names as an
//!   organisation ("de uitgeverij Querido", "het Britse Invensys", "Chebbab-woordvoerders") that
//!   no strong rule (title, initials, first name, cue) ever reads as a person;
//! * `per_occurrence`: the string is provably two things (a surname found by a strong rule, and
//!   elsewhere a place, organisation or ordinary word): each occurrence says whether it is redacted.
//!
//! Redaction follows the table ([`crate::detect::Dossier::scan`]), so a verified output cannot
//! disagree with itself: a term is boxed everywhere or nowhere, except per-occurrence terms, whose
//! kept occurrences are listed with their reason.
//!
//! # `decisions.json` schema (`schema` = `woo-redact/decisions/1`)
//!
//! ```json
//! {
//!   "schema": "woo-redact/decisions/1",
//!   "terms": [{
//!     "id": "t-5f2a9c1e",            // stable: a hash of the key; the same term gets the same id in every run
//!     "key": "jansen",               // lower case, possessive 's removed; three letters or more,
//!                                    // except a person's initials defined after the name ("Piet Bakker (PB)");
//!                                    // with its particles when the surname is also a word ("de grauwe")
//!     "variants": ["Jansen", "JANSEN"], // a two-letter key matches only as written ("PB", not "Pb")
//!     "decision": "redact",          // redact | keep | per_occurrence
//!     "why": "confirmed by name.title_surname in a.pdf; no counter-evidence",
//!     "evidence": {"strong": 2, "weak": 1, "bare_name": 3, "bare_not_name": 0, "blocked": 0,
//!                  "named_org": 0, "speaker_label": 0,
//!                  "max_score": 0.97, "rules": ["name.title_surname"]},
//!     "occurrences": [{
//!       "id": "t-5f2a9c1e@a.pdf#1:120",  // stable: term id, document, page (1-based), byte offset in the page's search text
//!                                        // (start and text include the particles redacted with the word: "De Gucht")
//!       "doc": "a.pdf", "page": 1, "start": 120, "end": 126, "text": "Jansen",
//!       "redact": true,
//!       "how": "found",                   // found (a name finding covers it) | bare | blocked
//!       "rule": "name.title_surname",     // the finding's rule, or name.consistency for bare occurrences
//!       "score": 0.93                     // model score of the word, if the model ran
//!     }]
//!   }],
//!   "terms_sha256": "9c1e...",         // of "terms" as written: tells a hand-edited table
//!   "review": {...}                    // the reviewer's decisions, see below
//! }
//! ```
//!
//! ## The reviewer's decisions: `review` (read by `woo-redact redact --decisions FILE`)
//!
//! The `terms` table is what the run decided: output only (a run compares it with its own and
//! reports a table edited by hand, but never applies such an edit). A reviewer writes decisions in
//! the same file, under `review`; the run applies them after detection and carries them into the
//! `decisions.json` it writes, so the file can be edited again and re-applied. Every section is
//! optional; unknown fields are an error (a misspelt key never silently drops a decision).
//!
//! ```json
//! "review": {
//!   "terms": [{"term": "t-5f2a9c1e", "decision": "keep"}],            // or "redact"; "term" may also be the word ("Jansen")
//!   "occurrences": [
//!     {"occurrence": "t-5f2a9c1e@a.pdf#1:120", "action": "reject"},  // an occurrence id of the table ...
//!     {"occurrence": "r0123456789abcde", "ground": "5.1.1d"},        // ... or a redaction id of audit.jsonl
//!     {"occurrence": "d0123456789abcde", "action": "reject"},        // ... a box over letters drawn as shapes: reject only
//!     {"occurrence": "t-19c71a7b@b.pdf#2:33", "action": "accept", "ground": "5.1.2e"}
//!   ],
//!   "add_terms": [{"text": "Wagino", "category": "name", "ground": "5.1.2e"}],
//!   "areas": [{"doc": "a.pdf", "page": 2, "rect": [72, 90, 260, 130], "ground": "5.1.2e", "note": "handtekening"}],
//!   "exempt": [{"doc": "a.pdf", "page": 3, "ground": "5.2"},           // one page ...
//!              {"doc": "bijlage.pdf", "ground": "5.1.2i"}]             // ... or, without "page", the whole document
//! }
//! ```
//!
//! Every decision may carry `decision_id` (default `SECTION.N`, N 1-based in its section, e.g.
//! `occurrences.2`), `reviewer`, `at` (RFC 3339 or `YYYY-MM-DD`) and `note` (kept here, never in the
//! audit). Grounds are given in any notation and checked like the configuration's
//! ([`crate::config::canonical_ground`]); boxes are labelled in the configured notation.
//!
//! * `terms`: `keep` drops every name finding over an occurrence of the term, unless another term
//!   in the same finding stays redacted (the longer name then stays boxed whole); `redact` adds every
//!   occurrence the dossier did not redact. It overrides the dossier's decision for that term.
//! * `occurrences`: `reject` drops the name finding over the occurrence (or the redaction with
//!   that audit id); `accept` redacts an occurrence that was not (or confirms one that was);
//!   `ground` sets the ground of the redaction (and may be combined with `accept`). A box over
//!   letters drawn as shapes (`d…`, made after detection, when verification reads the output)
//!   can only be rejected: the document's redaction then draws no box there and does not flag
//!   the page for those letters ([`review::DocReview::drawn_rejected`]).
//! * `add_terms`: the text is redacted wherever it stands in the dossier: on word boundaries,
//!   ignoring case, any white space between its words (a line break too).
//! * `areas`: `rect` is `[x0, y0, x1, y1]` in the page's default PDF user space (points, origin
//!   bottom-left of the MediaBox, y up, before /Rotate). Every glyph under it is removed, every
//!   image under it is blanked in its samples (as [`crate::plan::plan_page_with_areas`] does for
//!   OCR areas), and a labelled box is drawn.
//! * `exempt`: the page (or every page) is replaced by a blank page of the same size with one box,
//!   labelled `Niet openbaar: <ground>`; its content streams, resources, annotations and page-level
//!   metadata are dropped, and the output is verified like any other.
//!
//! Applied in a fixed order (terms, added terms, occurrences, areas, exemptions; within a section
//! in file order), so a more specific decision wins and the same inputs and decisions always give
//! the same outputs. The audit gets one `decision` line per applied decision (what it added,
//! removed, changed, confirmed, by redaction id) and one `decision_unmatched` line per decision
//! that matched nothing (an unknown id, a term not in the dossier, a text found nowhere, a page out
//! of range, a document not in the run); these are also printed on standard error. See
//! [`review`] and `src/audit.rs`.

pub mod duplicates;
pub mod review;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

/// Schema id written in every table.
pub const SCHEMA: &str = "woo-redact/decisions/1";

/// What is done with every occurrence of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Every occurrence is redacted.
    Redact,
    /// No occurrence is redacted.
    Keep,
    /// Each occurrence says whether it is redacted (the string is provably two things).
    PerOccurrence,
}

/// Counts of the evidence for and against a term across the dossier.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Occurrences inside strong name findings.
    pub strong: usize,
    /// Occurrences inside weak name findings.
    pub weak: usize,
    /// Occurrences outside any finding that the name model reads as a name.
    pub bare_name: usize,
    /// Occurrences outside any finding that the name model reads as no name.
    pub bare_not_name: usize,
    /// Occurrences inside an organisation, place, public-official or `never` phrase.
    pub blocked: usize,
    /// Places where the dossier names the word as an organisation ("de uitgeverij Querido",
    /// "het Britse Invensys", "Chebbab-woordvoerders"): with only weak evidence for a person, the
    /// term is kept everywhere; with strong evidence these places are redacted like the others
    /// (a business named after its owner names the owner).
    #[serde(default)]
    pub named_org: usize,
    /// Occurrences outside any finding that open a line before a colon ("Bode: ..."): a speaker
    /// label, where the model's reading (weak at line starts) is not counted. With strong
    /// evidence they count as name uses.
    #[serde(default)]
    pub speaker_label: usize,
    /// Highest model score of any occurrence (0..1).
    pub max_score: f32,
    /// Rules of the findings that contain the term.
    pub rules: Vec<String>,
}

/// How an occurrence was seen in pass 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Inside a name finding.
    Found,
    /// Outside any finding.
    Bare,
    /// Inside an organisation, place, public-official or `never` phrase.
    Blocked,
}

/// One occurrence of a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Stable id: `TERMID@DOC#PAGE:START`.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Page number (1-based).
    pub page: usize,
    /// Byte offset in the page's search text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The occurrence as written.
    pub text: String,
    /// Whether this occurrence is redacted.
    pub redact: bool,
    /// How it was seen in pass 1.
    pub how: How,
    /// The rule of the covering finding, or `name.consistency` for a redacted bare occurrence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rule: Option<String>,
    /// Model score of the word (0..1), if the model ran.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<f32>,
}

/// One person-name term and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Stable id (`t-` and 8 hex digits of a hash of `key`).
    pub id: String,
    /// Lower-case key (possessive `'s` removed).
    pub key: String,
    /// Surface forms seen in the dossier.
    pub variants: Vec<String>,
    /// The decision.
    pub decision: Decision,
    /// Why, in words.
    pub why: String,
    /// Evidence counts.
    pub evidence: Evidence,
    /// Every occurrence in the dossier.
    pub occurrences: Vec<Occurrence>,
}

/// The term table of a dossier, and the reviewer's decisions on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionTable {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Terms sorted by key (what the run decided; output only: edits go under `review`).
    #[serde(default)]
    pub terms: Vec<Term>,
    /// SHA-256 of `terms` as written: a run reading the file back knows whether the table was
    /// edited by hand (it is output only; edits go under `review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_sha256: Option<String>,
    /// The reviewer's decisions (read with `redact --decisions`, carried into the next table).
    #[serde(default, skip_serializing_if = "review::Review::is_empty")]
    pub review: review::Review,
}

impl DecisionTable {
    /// The table as pretty JSON (the `decisions.json` file).
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        self.write_json(&mut out)
            .expect("writing JSON into memory cannot fail");
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// Writes [`DecisionTable::to_json`] to `w` as it is serialised (a large dossier's table is
    /// never held as one string).
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Written<'a> {
            schema: &'a str,
            terms: &'a [Term],
            terms_sha256: String,
            #[serde(skip_serializing_if = "review::Review::is_empty")]
            review: &'a review::Review,
        }
        let written = Written {
            schema: &self.schema,
            terms: &self.terms,
            terms_sha256: self.terms_hash(),
            review: &self.review,
        };
        serde_json::to_writer_pretty(w, &written).map_err(std::io::Error::other)
    }

    /// SHA-256 of the terms as JSON (see `terms_sha256`).
    pub fn terms_hash(&self) -> String {
        use sha2::Digest;
        struct Hashing(sha2::Sha256);
        impl std::io::Write for Hashing {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.update(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut h = Hashing(sha2::Sha256::new());
        // serialising into a hasher cannot fail
        let _ = serde_json::to_writer(&mut h, &self.terms);
        h.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads a table written by [`DecisionTable::to_json`] (`from_json(to_json(t)) == t`: the
    /// written `terms_sha256` is checked by [`review::DecisionsFile`], not kept here).
    pub fn from_json(s: &str) -> Result<DecisionTable, serde_json::Error> {
        let mut t: DecisionTable = serde_json::from_str(s)?;
        t.terms_sha256 = None;
        Ok(t)
    }

    /// Occurrences the table keeps on one page (`page` 1-based): name-like strings that were
    /// decided to stay readable (a place, an organisation, an ordinary word), for the verifier,
    /// which must not count them as leaks of the same string redacted elsewhere.
    pub fn kept_in(&self, doc: &str, page: usize) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self
            .terms
            .iter()
            .flat_map(|t| t.occurrences.iter())
            .filter(|o| !o.redact && o.doc == doc && o.page == page)
            .map(|o| (o.start, o.end))
            .collect();
        v.sort_unstable();
        v
    }

    /// The term with this key, if any.
    pub fn term(&self, key: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.key == key)
    }
}

/// A name finding of pass 1, as the table sees it.
#[derive(Debug, Clone)]
pub struct NameHit {
    /// Byte span in the page text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Strong evidence (title, initials, cue, list, full name, high model score).
    pub strong: bool,
    /// Rule id.
    pub rule: String,
    /// The term words inside the finding: (start of the surname particles right before the word,
    /// or the word's start; word start; word end), byte offsets. A surname that is also an
    /// ordinary word is a term with its particles ("De Grauwe": all three start at "De").
    pub terms: Vec<(usize, usize, usize)>,
}

/// One page of pass 1.
#[derive(Debug, Clone)]
pub struct PageInput<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Page index (0-based).
    pub page: usize,
    /// The page's search text.
    pub text: &'a str,
    /// Name findings.
    pub names: Vec<NameHit>,
    /// Model margins of the words of the page: (start, end, margin), sorted by start.
    pub margins: &'a [(usize, usize, f32)],
    /// Spans of organisation, place, public-official and `never` phrases.
    pub blocked: Vec<(usize, usize)>,
    /// Spans of words the page names as an organisation ("de uitgeverij Querido").
    pub organisations: Vec<(usize, usize)>,
}

/// Capitalised first parts of hyphenated place and church names ("Sint-Michiels", "Oost-Souburg",
/// "Groot-Ammers"): a surname after one is part of a place.
const PLACE_PREFIXES: &[&str] = &[
    "Sint", "St.", "Oost", "West", "Noord", "Zuid", "Nieuw", "Oud", "Groot", "Klein", "Hoog",
    "Neder", "Opper", "Boven", "Beneden",
];

/// The text before a term occurrence ends in a place prefix and a hyphen ("Sint-").
fn place_prefix_before(before: &str) -> bool {
    before.strip_suffix('-').is_some_and(|b| {
        let head = b.rsplit(|c: char| !c.is_alphanumeric() && c != '.').next();
        head.is_some_and(|h| PLACE_PREFIXES.contains(&h))
    })
}

/// The key of a term word: lower case, possessive removed.
pub fn term_key(word: &str) -> String {
    let w = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word);
    w.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The particles before a term word as they stand before `s` in `text`: one of `prefixes`, with a
/// capital, after a space or line break, and not inside a word. Returns where they start.
fn particles_before(text: &str, s: usize, prefixes: &[String]) -> Option<usize> {
    let before = text[..s].strip_suffix([' ', '\n'])?;
    prefixes.iter().find_map(|p| {
        let at = before.len().checked_sub(p.len())?;
        let cand = before.get(at..)?;
        let words: Vec<&str> = cand.split_whitespace().collect();
        // with a capital: "De Gucht", "Van Hove" (a lower-case "van" may be the preposition)
        let ok = words.join(" ").eq_ignore_ascii_case(p)
            && cand.starts_with(char::is_uppercase)
            && !before[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        ok.then_some(at)
    })
}

pub(crate) fn term_id(key: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("t-{h:08x}")
}

fn title(key: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in key.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == '-' || c == '\'';
    }
    out
}

/// With only weak evidence for a term, a bare occurrence is redacted only where the model reads a
/// name this clearly (as clearly as it must to add a name on its own).
const WEAK_SPREAD_MARGIN: f32 = 8.0;

/// A model margin this low at a bare occurrence counts as the model reading no name.
const NOT_NAME_MARGIN: f32 = -8.0;

fn squash(m: f32) -> f32 {
    1.0 / (1.0 + (-m / 4.0).exp())
}

/// The occurrence is a speaker label: it opens its line and a colon follows ("Bode: ...",
/// "De Grauwe:" in an interview or in minutes).
fn speaker_label(text: &str, s: usize, e: usize) -> bool {
    let line_start = text[..s].chars().next_back().is_none_or(|c| c == '\n');
    line_start && text[e..].trim_start_matches(' ').starts_with(':')
}

/// Builds the table from pass 1 of every page of the dossier. `ambiguous(key)` says whether the
/// term also has a reading that is no name (an ordinary word, a place): only then can the name
/// model's reading of a bare occurrence count against strong evidence.
pub fn build(pages: &[PageInput], ambiguous: &dyn Fn(&str) -> bool) -> DecisionTable {
    // 1. terms from the findings
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut terms: Vec<Term> = Vec::new();
    // the particles found before each term's word ("de", "van der"): redacted with it everywhere
    let mut prefixes: Vec<Vec<String>> = Vec::new();
    for p in pages {
        for h in &p.names {
            for &(lead, s, e) in &h.terms {
                let surface = &p.text[s..e];
                // a surname with its particles is a term only on strong evidence ("Paul De
                // Grauwe"), not from any finding with an article before a noun ("de Koningin")
                if lead == s && lead < e && surface.contains(char::is_whitespace) && !h.strong {
                    continue;
                }
                let key = term_key(surface);
                // two letters are a term only where a rule found them as a word of their own
                // (initials: "(PB)")
                if key.chars().count() < 3 && (s, e) != (h.start, h.end) {
                    continue;
                }
                let i = *index.entry(key.clone()).or_insert_with(|| {
                    terms.push(Term {
                        id: term_id(&key),
                        key: key.clone(),
                        variants: Vec::new(),
                        decision: Decision::Keep,
                        why: String::new(),
                        evidence: Evidence::default(),
                        occurrences: Vec::new(),
                    });
                    prefixes.push(Vec::new());
                    terms.len() - 1
                });
                let surface = surface.split_whitespace().collect::<Vec<_>>().join(" ");
                if !terms[i].variants.contains(&surface) {
                    terms[i].variants.push(surface);
                }
                if lead < s {
                    let pre = term_key(&p.text[lead..s]);
                    if !prefixes[i].contains(&pre) {
                        prefixes[i].push(pre);
                    }
                }
            }
        }
    }
    if terms.is_empty() {
        return DecisionTable {
            schema: SCHEMA.to_string(),
            terms,
            terms_sha256: None,
            review: review::Review::default(),
        };
    }
    // 2. every occurrence of every term: the variants, the title-case and the capitals form
    let mut pats: Vec<String> = Vec::new();
    let mut pat_term: Vec<usize> = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        let mut forms = t.variants.clone();
        // a surname with its particles only with a capital particle ("De Grauwe", "Van Hove"):
        // "de boer", "van hove" in a sentence are an article or a preposition before a word
        if t.key.contains(' ') {
            forms.retain(|f| f.starts_with(char::is_uppercase));
        }
        // a two-letter abbreviation only as written ("PB", not "Pb")
        if t.key.chars().count() >= 3 {
            forms.push(title(&t.key));
            forms.push(t.key.to_uppercase());
        }
        forms.sort();
        forms.dedup();
        for f in forms {
            pats.push(f);
            pat_term.push(i);
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .expect("term automaton");
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut first_strong: Vec<Option<(String, String)>> = vec![None; terms.len()];
    let amb: Vec<bool> = terms.iter().map(|t| ambiguous(&t.key)).collect();
    for p in pages {
        for m in ac.find_iter(p.text) {
            let (mut s, mut e) = (m.start(), m.end());
            let text = p.text;
            let before = text[..s].chars().next_back();
            let mut after = text[e..].chars().next();
            // possessive
            for suf in ["'s", "\u{2019}s"] {
                if text[e..].starts_with(suf) && !letter(text[e + suf.len()..].chars().next()) {
                    e += suf.len();
                    after = text[e..].chars().next();
                }
            }
            if letter(before) || letter(after) {
                continue;
            }
            // part of a compound word ("Kaplan-dossier") is no occurrence; part of a double name is
            if after == Some('-') && text[e + 1..].chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            let ti = pat_term[m.pattern().as_usize()];
            // the surname word (the last word of a term with particles)
            let word = s + p.text[s..e].rfind([' ', '\n']).map_or(0, |i| i + 1);
            // the particles seen before this surname in a finding go with it ("De" of "De Gucht")
            if let Some(at) = particles_before(text, s, &prefixes[ti]) {
                s = at;
            }
            // the strongest finding that holds the word (a rule's and the model's may overlap),
            // or that is exactly this word though no term of its own ("(PB)" as an author's
            // initials after "Piet Bakker (PB)" made it a term)
            let hit = p
                .names
                .iter()
                .filter(|h| {
                    h.start <= word
                        && e <= h.end
                        && h.terms.iter().any(|&(_, a, b)| a <= word && e <= b)
                        || (h.start, h.end) == (s, e)
                })
                .max_by_key(|h| h.strong);
            let margin = p
                .margins
                .iter()
                .find(|&&(a, b, _)| a < e && word < b)
                .map(|x| x.2);
            // a capitalised surname after a particle ("De Grauwe") is no ordinary word, whatever
            // the model reads there
            let with_particles = terms[ti].key.contains(' ');
            let blocked =
                p.blocked.iter().any(|&(a, b)| s < b && a < e) || place_prefix_before(&text[..s]);
            let ev = &mut terms[ti].evidence;
            if let Some(mg) = margin {
                ev.max_score = ev.max_score.max(squash(mg));
            }
            let how = match (hit, blocked) {
                (Some(h), _) => {
                    if h.strong {
                        ev.strong += 1;
                        if first_strong[ti].is_none() {
                            first_strong[ti] = Some((h.rule.clone(), p.doc.to_string()));
                        }
                    } else {
                        ev.weak += 1;
                    }
                    if !ev.rules.contains(&h.rule) {
                        ev.rules.push(h.rule.clone());
                    }
                    How::Found
                }
                (None, true) => {
                    ev.blocked += 1;
                    How::Blocked
                }
                (None, false) => {
                    // a speaker label ("Bode: ..."): the model, weak at line starts, is not
                    // counted; with strong evidence it is a name use
                    if speaker_label(text, s, e) {
                        ev.speaker_label += 1;
                    } else if margin.is_some_and(|m| m < NOT_NAME_MARGIN) && !with_particles {
                        ev.bare_not_name += 1;
                    } else if margin.is_some_and(|m| m > 0.0) {
                        ev.bare_name += 1;
                    }
                    How::Bare
                }
            };
            let t = &mut terms[ti];
            t.occurrences.push(Occurrence {
                id: format!("{}@{}#{}:{}", t.id, p.doc, p.page + 1, s),
                doc: p.doc.to_string(),
                page: p.page + 1,
                start: s,
                end: e,
                text: text[s..e].to_string(),
                redact: false,
                how,
                rule: hit.map(|h| h.rule.clone()),
                score: margin.map(squash),
            });
        }
    }
    // where the dossier names a term as an organisation (also in compounds, which are no
    // occurrences: "Chebbab-woordvoerders")
    for p in pages {
        for &(s, e) in &p.organisations {
            if let Some(&ti) = index.get(&term_key(&p.text[s..e])) {
                terms[ti].evidence.named_org += 1;
            }
        }
    }
    // 3. decide once per term
    for (ti, t) in terms.iter_mut().enumerate() {
        let ev = &t.evidence;
        let origin = first_strong[ti]
            .as_ref()
            .map(|(r, d)| format!("confirmed by {r} in {d}"))
            .unwrap_or_default();
        let against = ev.bare_not_name + ev.blocked;
        let speakers = if ev.strong > 0 { ev.speaker_label } else { 0 };
        let support = ev.strong + ev.weak + ev.bare_name + speakers;
        let supported = ev.max_score > squash(0.0);
        // with strong evidence the bare uses follow the name reading unless the dossier reads the
        // word as something else more often than as a name
        // (a word that is also an ordinary word or a place needs a majority against it; a word with
        // no other reading a clear one, since the model alone can be wrong about a bare name)
        let outvoted = if amb[ti] {
            against > support
        } else {
            against >= 3 && against > 2 * support
        };
        let (decision, why) = if ev.named_org > 0 && ev.strong == 0 {
            (
                Decision::Keep,
                format!(
                    "the dossier names it an organisation {} time(s) (\"de uitgeverij X\", \"het Britse X\", \"X-woordvoerder\"), and only weak evidence reads a person ({}): not a person",
                    ev.named_org,
                    ev.rules.join(", ")
                ),
            )
        } else if ev.strong > 0 && against == 0 {
            (
                Decision::Redact,
                format!("{origin}; nowhere in the dossier read as anything else"),
            )
        } else if ev.strong > 0 && !outvoted {
            (
                Decision::PerOccurrence,
                format!(
                    "{origin}; {against} occurrence(s) read as no name, fewer than the name uses: redacted everywhere except inside organisation, place and public names"
                ),
            )
        } else if ev.strong > 0 {
            (
                Decision::PerOccurrence,
                format!(
                    "{origin}, but {against} occurrence(s) read as no name (place, organisation, ordinary word), more than the {support} name use(s): only the name uses are redacted"
                ),
            )
        } else if against == 0 && (ev.weak >= 2 || ev.bare_name > 0) {
            (
                Decision::Redact,
                format!(
                    "found {} time(s) by weaker rules or the model ({}), nowhere read as anything else",
                    ev.weak,
                    ev.rules.join(", ")
                ),
            )
        } else if against == 0 || supported {
            (
                Decision::PerOccurrence,
                format!(
                    "weak evidence ({}): redacted where found and where the model reads a name, not spread further",
                    ev.rules.join(", ")
                ),
            )
        } else {
            (
                Decision::Keep,
                format!(
                    "only weak evidence ({}) and {against} occurrence(s) read as no name: a weak finding does not spread",
                    ev.rules.join(", ")
                ),
            )
        };
        t.decision = decision;
        t.why = why;
        let strong = ev.strong > 0 && !outvoted;
        for o in &mut t.occurrences {
            o.redact = match decision {
                Decision::Redact => o.how != How::Blocked,
                Decision::Keep => false,
                Decision::PerOccurrence => match o.how {
                    How::Found => true,
                    How::Blocked => false,
                    // with strong evidence, every use the model does not read as something else;
                    // with weak evidence only the uses the model reads as a name
                    How::Bare if strong => true,
                    How::Bare => o.score.is_some_and(|s| s > squash(WEAK_SPREAD_MARGIN)),
                },
            };
            if o.redact && o.how == How::Bare {
                o.rule = Some("name.consistency".to_string());
            }
        }
    }
    // a term kept everywhere that has nothing to redact, or redacted everywhere: fine; a
    // per-occurrence term whose occurrences all agree is a plain redact / keep
    for t in &mut terms {
        if t.decision == Decision::PerOccurrence {
            let all = t.occurrences.iter().all(|o| o.redact);
            let none = t.occurrences.iter().all(|o| !o.redact);
            if all {
                t.decision = Decision::Redact;
            } else if none {
                t.decision = Decision::Keep;
            }
        }
    }
    // a surname with particles seen only with a lower-case particle has no occurrence to decide
    terms.retain(|t| !t.occurrences.is_empty());
    terms.sort_by(|a, b| a.key.cmp(&b.key));
    DecisionTable {
        schema: SCHEMA.to_string(),
        terms,
        terms_sha256: None,
        review: review::Review::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str, word: &str, strong: bool) -> NameHit {
        let s = text.find(word).expect("word");
        NameHit {
            start: s,
            end: s + word.len(),
            strong,
            rule: "test".into(),
            terms: vec![(s, s, s + word.len())],
        }
    }

    #[test]
    fn one_weak_finding_does_not_spread_over_common_uses() {
        let a = "Dat de Olympische Spelen doorgaan.";
        let b = "Dat is duidelijk. Dat weten we.";
        let ma = [(0usize, 3usize, -1.0f32)];
        let mb = [(0usize, 3usize, -12.0f32), (18, 21, -12.0)];
        let pages = [
            PageInput {
                doc: "a",
                page: 0,
                text: a,
                names: vec![hit(a, "Dat", false)],
                margins: &ma,
                blocked: vec![],
                organisations: vec![],
            },
            PageInput {
                doc: "b",
                page: 0,
                text: b,
                names: vec![],
                margins: &mb,
                blocked: vec![],
                organisations: vec![],
            },
        ];
        let t = build(&pages, &|_| true);
        let term = t.term("dat").expect("term");
        assert_eq!(term.decision, Decision::Keep);
        assert!(term.occurrences.iter().all(|o| !o.redact));
        assert_eq!(term.occurrences.len(), 3);
    }

    #[test]
    fn strong_name_is_redacted_everywhere_with_stable_ids() {
        let a = "De heer Jansen opent.";
        let b = "JANSEN zegt dat Jansen's plan goed is.";
        let pages = [
            PageInput {
                doc: "a",
                page: 0,
                text: a,
                names: vec![hit(a, "Jansen", true)],
                margins: &[],
                blocked: vec![],
                organisations: vec![],
            },
            PageInput {
                doc: "b",
                page: 1,
                text: b,
                names: vec![],
                margins: &[],
                blocked: vec![],
                organisations: vec![],
            },
        ];
        let t = build(&pages, &|_| false);
        let term = t.term("jansen").expect("term");
        assert_eq!(term.decision, Decision::Redact);
        let texts: Vec<&str> = term.occurrences.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(texts, ["Jansen", "JANSEN", "Jansen's"]);
        assert!(term.occurrences.iter().all(|o| o.redact));
        assert_eq!(term.occurrences[1].id, format!("{}@b#2:0", term.id));
        let again = build(&pages, &|_| false);
        assert_eq!(again.to_json(), t.to_json());
        let back = DecisionTable::from_json(&t.to_json()).expect("json");
        assert_eq!(back.terms.len(), 1);
    }

    #[test]
    fn surname_that_is_also_a_place_is_decided_per_occurrence() {
        let a = "Mevrouw Van Gent woont in Gent.";
        let s = a.find("Van Gent").expect("name");
        let g = a.find("Gent").expect("gent");
        let last = a.rfind("Gent").expect("place");
        let margins = [(g, g + 4, 6.0f32), (last, last + 4, -20.0)];
        let pages = [PageInput {
            doc: "a",
            page: 0,
            text: a,
            names: vec![NameHit {
                start: s,
                end: s + 8,
                strong: true,
                rule: "name.title_surname".into(),
                terms: vec![(g, g, g + 4)],
            }],
            margins: &margins,
            // the city is in the place list
            blocked: vec![(last, last + 4)],
            organisations: vec![],
        }];
        let t = build(&pages, &|_| true);
        let term = t.term("gent").expect("term");
        assert_eq!(term.decision, Decision::PerOccurrence);
        let r: Vec<bool> = term.occurrences.iter().map(|o| o.redact).collect();
        assert_eq!(r, [true, false]);
    }

    #[test]
    fn a_surname_after_a_place_prefix_is_part_of_the_place() {
        // "Michiels" is a person here, and the parish Sint-Michiels there
        let a = "Mevrouw Michiels woont sinds 2001 in Sint-Michiels, bij Brugge.";
        let s = a.find("Michiels").expect("name");
        let pages = [PageInput {
            doc: "a",
            page: 0,
            text: a,
            names: vec![hit(a, "Michiels", true)],
            margins: &[],
            blocked: vec![],
            organisations: vec![],
        }];
        let t = build(&pages, &|_| false);
        let term = t.term("michiels").expect("term");
        let r: Vec<(usize, bool)> = term
            .occurrences
            .iter()
            .map(|o| (o.start, o.redact))
            .collect();
        assert_eq!(r, [(s, true), (a.rfind("Michiels").expect("place"), false)]);
        assert!(place_prefix_before("in Sint-"));
        assert!(place_prefix_before("(Oost-"));
        assert!(!place_prefix_before("mevrouw Jansen-"));
        assert!(!place_prefix_before("Sint "));
    }
}
