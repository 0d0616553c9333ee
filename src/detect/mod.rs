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
//! let table = dossier.decisions();                               // the term table the findings followed
//! std::fs::write("OUT/decisions.json", table.to_json()).ok();    // schema: crate::decide
//! let kept = table.kept_in("doc2.pdf", 1);                       // spans the verifier must not count as leaks
//! # let _ = kept;
//! ```
//!
//! Names come from three sources: the rules (`names`), the learned name model (`model`, weights in
//! `model/names.bin`, see `model/README.md`) which vetoes soft rule findings and adds names no rule
//! found, and the dossier's term table ([`crate::decide`]) which decides once per name term, on the
//! evidence of all documents, whether its occurrences are redacted; [`Dossier::scan`] follows it.
//!
//! * [`Finding`] is `serde::Serialize`; `category` serialises as `name`, `email`, `phone`, `address`, `iban`,
//!   `bsn`, `date_of_birth`, `license_plate`; `ground` is canonical (`5.1.2e`), render it on a box with
//!   [`crate::config::render_ground`].
//! * `start`/`end` are byte offsets into the scanned string, always on char boundaries.
//! * `reason` never contains more personal data than the matched text itself (it names cues and lists,
//!   not other people).
//! * For JSON Lines, the CLI wraps a finding with `file` and `page` (e.g. with `#[serde(flatten)]`).
//! * Name findings may carry `score` (the model's 0..1 reading of the span) and `term` (the id of
//!   their term in the decision table); both are omitted when absent.

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

use crate::decide::{self, DecisionTable, NameHit, PageInput};

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Name model score of the span (0..1, above 0.5: the model reads it as a person name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// For names: the id of the term in the dossier's decision table ([`crate::decide::DecisionTable`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

// scores are never NaN (they come from finite sums), so equality is total
impl Eq for Finding {}

/// Name rules whose findings the model may veto (the others rest on a title, initials, a list or a cue).
const SOFT_RULES: &[&str] = &[
    "name.first_surname",
    "name.full",
    "name.speaker",
    "name.verb_cue",
    "name.first_name",
    "name.foreign_letters",
    "name.surname",
];

/// The model's veto on a first name + particle + surname (`name.first_surname`): much lower than
/// [`model::VETO_MARGIN`], as the shape itself is strong evidence.
const PARTICLE_NAME_VETO_MARGIN: f32 = -25.0;

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
    /// Highest model score of the words of the span (0..1), when the model was run.
    pub score: Option<f32>,
}

/// Rule id of a person's initials introduced in brackets after the name (`Jan de Vries (JdV)`).
const INITIALS_ALIAS: &str = "name.initials_alias";

/// The compiled detector: dictionaries, automatons and settings. Build once per run and share (it is Send + Sync).
pub struct Detector {
    dicts: Dicts,
    email_mode: EmailMode,
    grounds: HashMap<Category, String>,
    /// Public name parts (first names, surnames) that stay readable when they stand alone.
    public_parts: HashSet<String>,
    /// First words of public full names: a name chain is split before them ("Tijmen Peter").
    public_first: HashSet<String>,
    /// The learned name model (None only if the shipped weights are unreadable).
    model: Option<model::Model>,
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
            model: model::Model::shipped(),
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
    /// The text is a dossier of one page: names are decided once per term over the whole text.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        let mut d = Dossier::new(self);
        d.add("", vec![text.to_string()]);
        d.scan()
            .pop()
            .and_then(|mut doc| doc.pages.pop())
            .unwrap_or_default()
    }

    /// Scans a short string without minutes context (metadata, bookmark titles, annotations).
    ///
    /// Stricter in one way (no line-start speaker cues) and looser in another: every capitalised first name or
    /// surname from the lists counts, since such strings are often just a name ("Author: Jansen").
    pub fn scan_string_strict(&self, s: &str) -> Vec<Finding> {
        let p = self.pass1(s, true);
        self.finish(s, p.raws)
    }

    /// The name model's margin for every word and number of a text (`> 0`: part of a person name).
    pub fn name_margins(&self, text: &str) -> Vec<(usize, usize, f32)> {
        self.model.as_ref().map_or_else(Vec::new, |m| {
            m.score(text, &self.dicts)
                .scored
                .iter()
                .map(|t| (t.s, t.e, t.margin))
                .collect()
        })
    }

    /// Pass 1 of one text: rule and model findings, model margins, blocked phrases.
    fn pass1(&self, text: &str, short: bool) -> Pass1 {
        let mut raws = ident::scan(text, self.email_mode);
        let blocked: Vec<(usize, usize)> = raws.iter().map(|r| (r.start, r.end)).collect();
        let names::NameScan {
            raws: mut nm,
            organisations,
            not_names,
        } = names::scan(text, &self.dicts, &self.public_first, &blocked, short);
        let org_words: HashSet<&str> = organisations.iter().map(|&(s, e)| &text[s..e]).collect();
        // a capitalised particle before an ordinary word or a compound of ordinary words is an
        // article before a title ("het programma De Kunstberg")
        nm.retain(|r| {
            r.rule != "name.particle_surname"
                || !text[r.start..r.end]
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| self.ordinary_word(w))
        });
        let phrase_blocked: Vec<(usize, usize)> = self
            .dicts
            .phrases(text)
            .into_iter()
            .filter(|p| p.2 != dict::PhraseKind::Always)
            .map(|p| (p.0, p.1))
            .chain(not_names)
            .collect();
        // a lone first name or surname that annotated text knows (nearly) only as another kind
        // of name: "Florida", "Agusta", "Ned" (a TV channel) are in the name lists; not before
        // a particle, where a longer name goes on ("Fransen van de Putte")
        nm.retain(|r| {
            !(matches!(r.rule, "name.first_name" | "name.surname")
                && self.dicts.lex_not_person_listed(&text[r.start..r.end])
                && !text[r.end..]
                    .strip_prefix(' ')
                    .and_then(|t| t.split([' ', '\n']).next())
                    .is_some_and(|w| self.dicts.particles.contains(w)))
        });
        nm.extend(self.capitals_lines(text, &blocked));
        nm.extend(self.byline_initials(text, &blocked));
        nm.extend(self.wrapped_signatures(text, &blocked));
        let mut margins = Vec::new();
        if let Some(m) = &self.model
            && !short
        {
            let no_model: Vec<(usize, usize)> =
                blocked.iter().chain(&phrase_blocked).copied().collect();
            margins = self.apply_model(m, text, &no_model, &org_words, &mut nm);
            // the model never speaks for a public official's name part alone
            nm.retain(|r| {
                r.rule != "name.model"
                    || !names::name_tokens(&text[r.start..r.end], &self.dicts)
                        .iter()
                        .any(|t| self.public_parts.contains(t))
            });
        }
        // public names: drop findings made only of public parts, unless the same token is confirmed
        // for a non-public person in this text (a leak is worse than an over-redaction)
        let private_tokens: HashSet<String> = nm
            .iter()
            .filter(|r| {
                r.strong && r.rule != "name.model" && !self.is_public(&text[r.start..r.end])
            })
            .flat_map(|r| names::name_tokens(&text[r.start..r.end], &self.dicts))
            .collect();
        nm.retain_mut(|r| {
            let t = &text[r.start..r.end];
            if !self.is_public(t) {
                return true;
            }
            let toks = names::name_tokens(t, &self.dicts);
            if toks.len() == 1 && private_tokens.contains(&toks[0]) && r.rule != "name.model" {
                r.rule = "name.public_conflict";
                r.reason =
                    "public name part, but also the name of another person in this text".into();
                return true;
            }
            false
        });
        let aliases = self.initials_aliases(text, &nm);
        nm.extend(aliases);
        raws.extend(nm);
        Pass1 {
            raws,
            margins,
            blocked: phrase_blocked,
            organisations,
        }
    }

    /// The model's say over the rule findings of one text: it vetoes findings of the softer rules
    /// where it reads the words as no name (place, organisation, title, ordinary word), and adds
    /// the names it reads with confidence that no rule found (`name.model`). Returns the margin of
    /// every capitalised word (for the term table).
    fn apply_model(
        &self,
        m: &model::Model,
        text: &str,
        blocked: &[(usize, usize)],
        org_words: &HashSet<&str>,
        nm: &mut Vec<Raw>,
    ) -> Vec<(usize, usize, f32)> {
        let sc = m.score(text, &self.dicts);
        let scored = &sc.scored;
        let capital = |i: usize| {
            text[scored[i].s..scored[i].e]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        let max_in = |s: usize, e: usize| {
            let a = scored.partition_point(|t| t.s < s);
            (a..scored.len())
                .take_while(|&i| scored[i].e <= e)
                .filter(|&i| capital(i))
                .map(|i| scored[i].margin)
                .fold(f32::NEG_INFINITY, f32::max)
        };
        nm.retain_mut(|r| {
            let mx = max_in(r.start, r.end);
            if !mx.is_finite() {
                return true;
            }
            r.score = Some(model::squash(mx));
            let a = scored.partition_point(|t| t.s < r.start);
            let b = scored.partition_point(|t| t.e <= r.end);
            // a first name, a lower-case particle and a capitalised word in mid-sentence ("ik
            // Frank de Boer") is the shape of a Dutch name: only a model reading far below the
            // usual veto stops it; not after an article (a thing: "de Dag van de Arbeid") and
            // not ending in a place ("de Mark van Duitsland")
            let particle_name = r.rule == "name.first_surname"
                && a > 0
                && b > a
                && &text[scored[a - 1].e..scored[a].s] == " "
                && {
                    let before = &text[scored[a - 1].s..scored[a - 1].e];
                    before.chars().next().is_some_and(char::is_lowercase)
                        && !matches!(before, "de" | "het" | "een")
                }
                && !sc.facts(b - 1).gplace
                && (a..b).any(|i| sc.facts(i).particle && !sc.facts(i).cap);
            let veto = if particle_name {
                PARTICLE_NAME_VETO_MARGIN
            } else {
                model::VETO_MARGIN
            };
            // a known first name and one to three capitalised words that are no ordinary words
            // nor places is the shape of a name ("Maarten Rabaey zei"), and alone on a line a
            // signature or a byline ("Met vriendelijke groet,\n\nHans Bakker"): the model's
            // reading (weak at line starts) does not stop it
            let name_shape = r.rule == "name.first_surname"
                && (2..=4).contains(&(b - a))
                && self.dicts.is_first(&text[scored[a].s..scored[a].e])
                && (alone_on_line(text, r.start, r.end)
                    || (a + 1..b).all(|i| {
                        let w = &text[scored[i].s..scored[i].e];
                        !self.ordinary_word(w) && !sc.facts(i).gplace
                    }));
            if SOFT_RULES.contains(&r.rule) && mx < veto && !name_shape {
                return false;
            }
            // a capitalised particle without a title or first name needs the model's reading
            // and no organisation word with it ("bij De Effenaar", "het Van Maerlant Lyceum")
            if r.rule == "name.particle_surname"
                && (mx < 0.0
                    || b > a
                        && not_person(&sc, text, &self.dicts.particles, a, b - 1)
                            .is_some_and(|why| why.starts_with("organisation")))
            {
                return false;
            }
            // a list line holds organisations and places too: a list item the model reads as
            // clearly no name, with no known name in it, is none
            if r.rule == "name.list" && mx < model::VETO_MARGIN && !(a..b).any(|i| sc.facts(i).name)
            {
                return false;
            }
            // a place of the gazetteer that is also in a name list ("Sevilla", "Madison") is a
            // place where the model does not read a name
            if SOFT_RULES.contains(&r.rule)
                && mx < 0.0
                && b > a
                && (a..b).all(|i| !sc.facts(i).particle)
                && (a..b)
                    .filter(|&i| sc.facts(i).cap)
                    .all(|i| sc.facts(i).gplace)
            {
                return false;
            }
            // organisation words, foreign articles and the entity lexicon outweigh the model;
            // places, articles and compounds only where the model does not read a clear name
            if SOFT_RULES.contains(&r.rule)
                && b > a
                && not_person(&sc, text, &self.dicts.particles, a, b - 1).is_some_and(|why| {
                    mx < model::STRONG_MARGIN
                        || why.starts_with("organisation")
                        || why == "foreign article"
                        || why == "place after a preposition of place"
                        || why == LEXICON_NOT_PERSON
                })
            {
                return false;
            }
            r.reason = format!("{}; model score {:.2}", r.reason, model::squash(mx));
            true
        });
        // a role word ends a name and starts none: "Sybille Decoo Zaakvoerster Floralux"
        let role = |i: usize| {
            capital(i)
                && self
                    .dicts
                    .roles
                    .contains(text[scored[i].s..scored[i].e].to_lowercase().as_str())
        };
        // model spans: runs of words read as a name on one line (particles may sit inside)
        let mut k = 0;
        while k < scored.len() {
            if scored[k].margin <= 0.0 {
                k += 1;
                continue;
            }
            let mut j = k;
            while j + 1 < scored.len() && scored[j + 1].margin > 0.0 {
                let gap = &text[scored[j].e..scored[j + 1].s];
                // a dot only after an initial ("J. Jansen"), a line break only between words
                let initial = scored[j].e - scored[j].s <= 3 && capital(j);
                let ok = gap.chars().all(|c| c == ' ' || c == '\n')
                    && gap.chars().filter(|&c| c == '\n').count() <= 1
                    || initial && matches!(gap.trim_end_matches([' ', '\n']), ".");
                // a role word before another capitalised word: "Decoo Zaakvoerster Floralux"
                // (not "Jan Burgemeester vraagt": a surname)
                if !ok || role(j + 1) && j + 2 < scored.len() && capital(j + 2) {
                    break;
                }
                // a name of two or more words that fills its line ends there: the next line of
                // a signature holds the job title ("Pieter Hendriks\nBeleidsmedewerker"), and so
                // does one before a capitalised particle that opens the next line ("Peter
                // Teesink\nVan Pieter Groen"); a name broken in running text or a narrow column
                // goes on, and so does one whose last word is only a first name ("Anna
                // Marie\nVisser")
                let last = &text[scored[j].s..scored[j].e];
                // nor does a name that opens its line go on into a next line that opens with an
                // ordinary word or a role no name list holds: the job title under a signature
                // ("Bakker\nBeleidsmedewerker Ruimte"); after or into a particle it does ("Roy
                // van\nZuidewijn", "Rob\nde Graaf")
                let next = &text[scored[j + 1].s..scored[j + 1].e];
                let run_opens_line = text[..scored[k].s]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|l| l.trim().is_empty());
                if gap.contains('\n')
                    && run_opens_line
                    && !self.dicts.particles.contains(last.to_lowercase().as_str())
                    && !self.dicts.particles.contains(next.to_lowercase().as_str())
                    && (self.ordinary_word(next)
                        || self.dicts.roles.contains(next.to_lowercase().as_str()))
                    && !self.dicts.is_first(next)
                    && !self.dicts.is_sur(next)
                {
                    break;
                }
                if gap.contains('\n')
                    && (k..=j).filter(|&i| capital(i)).count() >= 2
                    && capital(j)
                    && (!self.dicts.is_first(last) || self.dicts.is_sur(last))
                    && (text[..scored[k].s]
                        .rsplit('\n')
                        .next()
                        .is_some_and(|l| l.trim().is_empty())
                        || capital(j + 1)
                            && self.dicts.particles.contains(
                                text[scored[j + 1].s..scored[j + 1].e]
                                    .to_lowercase()
                                    .as_str(),
                            ))
                {
                    break;
                }
                j += 1;
            }
            // trim edge words that are no part of a mixed-case name: acronyms ("BIA") and single
            // letters without a dot
            let mixed = (k..=j).any(|i| {
                let w = &text[scored[i].s..scored[i].e];
                w.chars().count() >= 2 && w.chars().any(char::is_lowercase)
            });
            let a0 = k;
            let stray = |i: usize| {
                let w = &text[scored[i].s..scored[i].e];
                let n = w.chars().count();
                let t = model::title_case(w);
                mixed
                    && n >= 2
                    && w.chars().all(|c| !c.is_lowercase())
                    && (n <= 3 || !self.dicts.is_first(&t) && !self.dicts.is_sur(&t))
                    || n == 1 && !text[scored[i].e..].starts_with('.') && i == a0
                    || i == a0 && role(i)
                    // a particle stands before a surname, so one before a first name or an
                    // unknown word and another word is a preposition: "Van Pieter Groen" (a
                    // memo's sender; but "Van Dam Pieter" in a register)
                    || i == a0
                        && i + 2 <= j
                        && [i, i + 1, i + 2].iter().all(|&x| capital(x))
                        && matches!(w, "Van" | "De" | "Den" | "Der" | "Ter" | "Ten")
                        && {
                            let next = &text[scored[i + 1].s..scored[i + 1].e];
                            self.dicts.is_first(next) || !self.dicts.is_sur(next)
                        }
                    // a capitalised function word at a sentence start: "Want Waseige ontkent"
                    // (not a particle: "De Gucht", nor a first name: "Al Jarreau")
                    || i == a0 && {
                        let l = w.to_lowercase();
                        names::FUNCTION_WORDS.contains(&l.as_str())
                            && !self.dicts.particles.contains(l.as_str())
                            && !self.dicts.is_first(w)
                    }
            };
            let (mut a, mut b) = (k, j);
            k = j + 1;
            while a < b && stray(a) {
                a += 1;
            }
            // a name ends in a capitalised word, never in a particle ("Eén van")
            while b > a
                && (stray(b)
                    || !text[scored[b].s..scored[b].e]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase))
            {
                b -= 1;
            }
            // "Allen Yurko van Invensys": the person, not where they work (words, not initials:
            // "G. S. G. baron van Fridagh" is one name)
            let word = |i: usize| {
                capital(i)
                    && text[scored[i].s..scored[i].e].chars().count() >= 2
                    && !text[scored[i].e..].starts_with('.')
            };
            if b >= a + 3
                && &text[scored[b - 1].s..scored[b - 1].e] == "van"
                && word(b - 2)
                && self.dicts.van_affiliation(
                    (a..b - 1).filter(|&i| word(i)).count(),
                    &text[scored[b - 2].s..scored[b - 2].e],
                    &text[scored[b].s..scored[b].e],
                    org_words.contains(&text[scored[b].s..scored[b].e]),
                )
            {
                b -= 2;
            }
            let (k, j) = (a, b);
            let best = (k..=j)
                .filter(|&i| capital(i))
                .max_by(|&a, &b| scored[a].margin.total_cmp(&scored[b].margin));
            let (s, e) = (scored[k].s, scored[j].e);
            let k0 = k;
            let Some(best) = best else { continue };
            let mx = scored[best].margin;
            if mx < model::ADD_MARGIN || blocked.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            // words the lists know as something else need more than the model's word: a span of
            // capitalised ordinary words (headings) or of capitals without a known name is no name
            let caps: Vec<&str> = (k0..=j)
                .filter(|&i| capital(i))
                .map(|i| &text[scored[i].s..scored[i].e])
                .collect();
            let known = |w: &str| {
                let t = model::title_case(w);
                self.dicts.is_first(&t) || self.dicts.is_sur(&t)
            };
            let long = caps
                .iter()
                .any(|w| w.chars().count() >= 3 && !w.chars().all(char::is_uppercase));
            // capitals: a known name of 4+ letters, or two words with a known name ("J. JANSEN")
            let allcaps_known = caps.iter().any(|w| {
                w.chars().count() >= 2 && known(w) && (w.chars().count() >= 4 || caps.len() >= 2)
            });
            if !long && !allcaps_known {
                continue;
            }
            // at a line start capitals say nothing: a span no list knows as a name needs
            // context in its own line (a heading "Secretariaat" or "Afhankelijk" is none)
            let line_start = text[..s]
                .trim_end_matches([' ', '\t'])
                .chars()
                .next_back()
                .is_none_or(|c| c == '\n' || c == '\u{c}');
            let line_alone = text[e..]
                .trim_start_matches([' ', '\t', ':', '.'])
                .chars()
                .next()
                .is_none_or(|c| c == '\n');
            if line_start && line_alone && !caps.iter().any(|w| known(w)) {
                continue;
            }
            // an organisation, a known place, or a proper noun after an article is no person
            if not_person(&sc, text, &self.dicts.particles, k0, j).is_some() {
                continue;
            }
            // one word that annotated text knows (nearly) only as another kind of name is left
            // to the rules, even when a name list holds it ("Agusta", "Florida")
            if let [w] = caps[..]
                && self.dicts.lex_not_person_listed(w)
            {
                continue;
            }
            // a span of ordinary words (headings), or one ordinary word that is also a name
            // ("Boek", "Hoe"), needs a rule's cue, not the model alone
            let words: Vec<&str> = caps
                .iter()
                .copied()
                .filter(|w| w.chars().count() >= 2)
                .collect();
            // (a compound of ordinary words with a hyphen counts as one: "Wereldkaart-Stadsplan")
            let ordinary = |w: &str| {
                self.ordinary_word(w)
                    || w.contains('-')
                        && w.split('-').all(|p| p.is_empty() || self.ordinary_word(p))
            };
            // English words too: "Travel Value", "World Trade" are titles and products
            let english = |w: &str| self.dicts.english.contains(w.to_lowercase().as_str());
            if words
                .iter()
                .all(|w| (ordinary(w) || english(w)) && !known(w))
                || words.len() == 1 && ordinary(words[0])
            {
                continue;
            }
            let expl = sc.explain(m, best, 3);
            nm.push(Raw {
                start: s,
                end: e,
                cat: Category::Name,
                rule: "name.model",
                reason: format!(
                    "the name model reads this as a person name (score {:.2}: {})",
                    model::squash(mx),
                    expl.join(", ")
                ),
                // the model alone is weak evidence: it never spreads a term by itself
                strong: false,
                score: Some(model::squash(mx)),
            });
        }
        scored
            .iter()
            .enumerate()
            .filter(|&(i, _)| capital(i))
            .map(|(_, t)| (t.s, t.e, t.margin))
            .collect()
    }

    /// A signature whose name is wrapped over two lines, under a closing formula or opening a
    /// block of its own ("Met vriendelijke groet,\n\nPieter\nVan Dam", "Hoogachtend,\nJan
    /// Peter\nBakker"): the first line holds only first names or initials, the next only
    /// particles and surname words (known surnames, or words that are no ordinary words, roles or
    /// organisation words). A job title or a department below the first name is no surname
    /// ("Pieter\nBeleidsmedewerker", "Team\nVergunningen"). A name on one line under a closing
    /// formula or above a job title is a signature too, whatever its surname word ("Robert
    /// Melders", "A. Gevels"): the other rules would not take an ordinary word as a surname.
    fn wrapped_signatures(&self, text: &str, blocked: &[(usize, usize)]) -> Vec<Raw> {
        let mut out = Vec::new();
        let lines: Vec<(usize, &str)> = text
            .split_inclusive('\n')
            .scan(0, |off, l| {
                let at = *off;
                *off += l.len();
                Some((at, l.trim_end_matches(['\n', '\r'])))
            })
            .collect();
        let words = |l: &str| -> Vec<String> {
            l.split_whitespace()
                .map(|w| w.trim_end_matches([',', '.']).to_string())
                .collect()
        };
        let closing = |l: &str| {
            CLOSINGS.contains(
                &l.trim()
                    .trim_end_matches([',', '.'])
                    .to_lowercase()
                    .as_str(),
            )
        };
        for n1 in 0..lines.len() {
            // under a closing formula (at most two blank lines between), or opening a block of
            // its own (after a blank line or at the top)
            let under_closing = (n1.saturating_sub(3)..n1)
                .rev()
                .find(|&i| !lines[i].1.trim().is_empty())
                .is_some_and(|i| closing(lines[i].1));
            let own_block = n1 == 0 || lines[n1 - 1].1.trim().is_empty();
            if !(under_closing || own_block) {
                continue;
            }
            let (o1, l1) = lines[n1];
            let w1 = words(l1);
            let initials = |w: &String| {
                w.split('.')
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
            };
            // one line under a closing formula, or opening a block above a job title: first names
            // or initials, then a surname of any words but roles, organisation and function words
            // ("Met vriendelijke groet,\n\nRobert Melders"; the surname may be an ordinary word)
            let next_role = lines.get(n1 + 1).is_some_and(|&(_, l)| {
                words(l)
                    .first()
                    .is_some_and(|w| self.dicts.roles.contains(w.to_lowercase().as_str()))
            });
            if (under_closing || own_block && next_role) && (2..=5).contains(&w1.len()) {
                let lead = w1
                    .iter()
                    .take_while(|w| self.dicts.is_first(w) || initials(w))
                    .count();
                let rest = &w1[lead..];
                let surname = |w: &String| {
                    let low = w.to_lowercase();
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().any(char::is_lowercase)
                        && !self.dicts.roles.contains(low.as_str())
                        && !self.dicts.org_cues.contains(w.as_str())
                        && !self.dicts.titles.contains(low.as_str())
                };
                let one_line = lead >= 1
                    && !rest.is_empty()
                    && rest.last().is_some_and(|w| {
                        surname(w) && !self.dicts.particles.contains(w.to_lowercase().as_str())
                    })
                    && rest.iter().all(|w| {
                        self.dicts.particles.contains(w.to_lowercase().as_str()) || surname(w)
                    });
                let s = o1 + (l1.len() - l1.trim_start().len());
                let e = o1 + l1.trim_end_matches([' ', '\t', ',', '.']).len();
                if one_line && s < e && !blocked.iter().any(|&(a, b)| s < b && a < e) {
                    out.push(Raw {
                        start: s,
                        end: e,
                        cat: Category::Name,
                        rule: "name.signature",
                        reason: "a name on its own line under a closing formula or above a job title (a signature)".to_string(),
                        strong: true,
                        score: None,
                    });
                }
            }
            let Some(&(o2, l2)) = lines.get(n1 + 1) else {
                continue;
            };
            let w2 = words(l2);
            let first_line = (1..=3).contains(&w1.len())
                && w1.iter().all(|w| {
                    // initials, their last dot trimmed: "A", "P.J"
                    self.dicts.is_first(w)
                        || w.split('.')
                            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
                })
                && w1.iter().any(|w| self.dicts.is_first(w));
            let surname_word = |w: &String| {
                let low = w.to_lowercase();
                w.chars().next().is_some_and(char::is_uppercase)
                    && !self.dicts.roles.contains(low.as_str())
                    && !self.dicts.org_cues.contains(w.as_str())
                    && (self.dicts.is_sur(w) || !self.ordinary_word(w))
            };
            let second_line = (1..=4).contains(&w2.len())
                && w2.last().is_some_and(|w| {
                    surname_word(w) && !self.dicts.particles.contains(w.to_lowercase().as_str())
                })
                && w2.iter().all(|w| {
                    self.dicts.particles.contains(w.to_lowercase().as_str()) || surname_word(w)
                });
            if !(first_line && second_line) {
                continue;
            }
            let s = o1 + (l1.len() - l1.trim_start().len());
            let t2 = l2.trim_end_matches([' ', '\t', ',', '.']);
            let e = o2 + t2.len();
            if s >= e || blocked.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            out.push(Raw {
                start: s,
                end: e,
                cat: Category::Name,
                rule: "name.signature",
                reason: "a name wrapped over two lines (a signature or a name block)".to_string(),
                strong: true,
                score: None,
            });
        }
        out
    }

    /// Names written in capitals on a line of their own (letterheads, signatures): `J. JANSEN`,
    /// `JAN DE VRIES`, `MR. DRS. P.J. VAN DER MEER`. The line holds only capitals, initials and
    /// particles; it starts with initials or a known first name, and its last word is a known
    /// surname or no ordinary word.
    fn capitals_lines(&self, text: &str, blocked: &[(usize, usize)]) -> Vec<Raw> {
        let mut out = Vec::new();
        let mut off = 0;
        for line in text.split_inclusive('\n') {
            let start = off;
            off += line.len();
            let t = line.trim_end_matches(['\n', '\r', ' ', ',', '\t']);
            if t.len() < 4
                || t.chars().any(char::is_lowercase)
                || !t.chars().any(char::is_alphabetic)
            {
                continue;
            }
            let words: Vec<(usize, &str)> = t
                .split(' ')
                .scan(0usize, |pos, w| {
                    let at = *pos;
                    *pos += w.len() + 1;
                    Some((at, w))
                })
                .filter(|(_, w)| !w.is_empty())
                .collect();
            if words.len() < 2 || words.len() > 7 {
                continue;
            }
            let lead = t.len() - t.trim_start().len();
            let is_initials = |w: &str| {
                w.ends_with('.')
                    && w.split('.')
                        .filter(|p| !p.is_empty())
                        .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_uppercase))
            };
            let title = |w: &str| {
                self.dicts
                    .titles_bare
                    .contains(w.trim_end_matches('.').to_lowercase().as_str())
            };
            let known_first = |w: &str| self.dicts.is_first(&model::title_case(w));
            let known_sur = |w: &str| self.dicts.is_sur(&model::title_case(w));
            let particle = |w: &str| self.dicts.particles.contains(w.to_lowercase().as_str());
            let mut i = 0;
            while i < words.len() && title(words[i].1) {
                i += 1;
            }
            if i >= words.len() - 1 {
                continue;
            }
            let first_ok = is_initials(words[i].1) || known_first(words[i].1);
            let last = words[words.len() - 1].1;
            let last_clean = last.trim_matches(|c: char| !c.is_alphabetic() && c != '-');
            let last_ok = last_clean.chars().count() >= 2
                && (known_sur(last_clean) || !self.ordinary_word(last_clean));
            let middle_ok = words[i + 1..words.len() - 1]
                .iter()
                .all(|(_, w)| is_initials(w) || particle(w) || known_first(w) || known_sur(w));
            if !(first_ok && last_ok && middle_ok) {
                continue;
            }
            let s = start + words[i].0;
            let e = start + words[words.len() - 1].0 + last.len();
            let s = s.max(start + lead);
            if blocked.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            out.push(Raw {
                start: s,
                end: e,
                cat: Category::Name,
                rule: "name.capitals",
                reason: "name in capitals on a line of its own (letterhead, signature)".into(),
                strong: true,
                score: None,
            });
        }
        out
    }

    /// A person's initials in brackets right after their name, where a text introduces the
    /// abbreviation it goes on to use (`Jan de Vries (JdV)`, `Peter-Jan Bogaert\n(PJB)`): the
    /// letters are the first letters of the name's parts, particles included or left out, in any
    /// case. A party or body after a name has other letters (`Jansen (VVD)`).
    fn initials_aliases(&self, text: &str, names: &[Raw]) -> Vec<Raw> {
        let mut out = Vec::new();
        // only a name on strong evidence: an organisation the model took for a person must not
        // spread its acronym ("Human Rights Watch (HRW)")
        for r in names
            .iter()
            .filter(|r| r.cat == Category::Name && r.strong && r.rule != "name.model")
        {
            let after = &text[r.end..];
            let gap = after.len() - after.trim_start_matches([' ', '\t', '\n']).len();
            if gap > 2 || after[..gap].matches('\n').count() > 1 {
                continue;
            }
            let Some(inner) = after[gap..]
                .strip_prefix('(')
                .and_then(|a| a.split_once(')'))
                .map(|(inner, _)| inner)
            else {
                continue;
            };
            if !(2..=5).contains(&inner.chars().count())
                || !inner.chars().all(char::is_alphabetic)
                || !inner.chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            // the first letter of every part, and whether the part is a particle
            let parts: Vec<(char, bool)> = text[r.start..r.end]
                .split([' ', '\n', '-'])
                .filter_map(|p| {
                    let c = p.chars().next()?;
                    let particle = self.dicts.particles.contains(p.to_lowercase().as_str());
                    Some((c, particle))
                })
                .collect();
            if parts.iter().filter(|p| !p.1).count() < 2 {
                continue;
            }
            let letters: Vec<char> = inner.chars().collect();
            let fits = |keep_particles: bool| {
                let want: Vec<char> = parts
                    .iter()
                    .filter(|p| keep_particles || !p.1)
                    .map(|p| p.0)
                    .collect();
                want.len() == letters.len()
                    && want
                        .iter()
                        .zip(&letters)
                        .all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
            };
            if !(fits(true) || fits(false)) {
                continue;
            }
            let s = r.end + gap + 1;
            let e = s + inner.len();
            if names.iter().any(|o| o.start < e && s < o.end) {
                continue;
            }
            out.push(Raw {
                start: s,
                end: e,
                cat: Category::Name,
                rule: INITIALS_ALIAS,
                reason: "the initials of the name before it, in brackets: the abbreviation the \
                         text uses for this person"
                    .to_string(),
                strong: true,
                score: None,
            });
        }
        out
    }

    /// An author's initials in brackets right after a sentence, as newspapers and internal notes
    /// sign a piece: `... tegen de wet. (PJB)`, `Zie de bijlage. (JdV)`. In mid-sentence (also over
    /// a line break) the same
    /// shape is an abbreviation (`Jansen (VVD)`, `de Verenigde Staten (VS)`) and is left alone,
    /// as are letters a list knows as an organisation, a place or an ordinary word.
    fn byline_initials(&self, text: &str, blocked: &[(usize, usize)]) -> Vec<Raw> {
        let mut out = Vec::new();
        for (open, _) in text.match_indices('(') {
            let rest = &text[open + 1..];
            let Some(close) = rest.find(')') else {
                continue;
            };
            let inner = &rest[..close];
            let n = inner.chars().count();
            let upper = inner.chars().filter(|c| c.is_uppercase()).count();
            // two to four letters, capitals with at most one lower-case particle letter ("JdV")
            if !(2..=4).contains(&n)
                || !inner.chars().all(char::is_alphabetic)
                || !inner.chars().next().is_some_and(char::is_uppercase)
                || !inner.chars().last().is_some_and(char::is_uppercase)
                || upper + 1 < n
            {
                continue;
            }
            // right after the end of a sentence (a line break alone is none: "Van den
            // Brande\n(CVP)"; a closing quote after a word ends a title: "het rapport "X"
            // (RIVM)"), and
            // followed by the end of the line or of the text, or a new sentence
            let before = text[..open].trim_end();
            // a closing quote ends a sentence only after a full stop ('... zei hij." (MR)')
            let before = before
                .strip_suffix(['"', '\'', '\u{201d}', '\u{2019}'])
                .filter(|b| b.ends_with(['.', '!', '?']))
                .unwrap_or(before);
            let after_sentence = before
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?'));
            let next = text[open + 1 + close + 1..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .next();
            let ends = next.is_none_or(|c| c == '\n' || c == '\r' || c.is_uppercase());
            if !after_sentence || !ends {
                continue;
            }
            let (s, e) = (open + 1, open + 1 + close);
            // the same letters elsewhere on the page, outside brackets, are an acronym
            let elsewhere = text.match_indices(inner).any(|(at, _)| {
                at != open + 1
                    && !text[..at].ends_with('(')
                    && !text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    && !text[at + inner.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            });
            let known = elsewhere
                || self.dicts.acronyms.contains(inner)
                || self.dicts.org_cues.contains(inner)
                || self.dicts.gplaces.contains(inner)
                || n >= 3 && self.ordinary_word(inner)
                || self
                    .dicts
                    .phrases(inner)
                    .iter()
                    .any(|p| p.1 - p.0 == inner.len());
            if known || blocked.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            out.push(Raw {
                start: s,
                end: e,
                cat: Category::Name,
                rule: "name.byline_initials",
                reason: "initials in brackets after a sentence (the author's signature)"
                    .to_string(),
                strong: false,
                score: None,
            });
        }
        out
    }

    /// An ordinary Dutch word in any case: in the word list, or a compound of two listed words
    /// ("Agendapunt", "Wereldburgers"), or a noun with a typical Dutch suffix.
    fn ordinary_word(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        if self.dictionary_word(w) {
            return true;
        }
        let d = &self.dicts;
        if noun_like(&l) {
            return true;
        }
        // past participles used as adjectives or headings ("Ingewikkeld", "Gerealiseerd")
        if l.chars().count() >= 9
            && [
                "", "in", "on", "af", "op", "uit", "aan", "onder", "over", "door", "mee", "toe",
                "weg",
            ]
            .iter()
            .any(|p| l.strip_prefix(p).is_some_and(|r| r.starts_with("ge")))
            && (l.ends_with('d') || l.ends_with('t') || l.ends_with("en"))
        {
            return true;
        }
        let n = l.len();
        if n < 7 || !l.is_ascii() {
            return false;
        }
        (4..n - 3).any(|i| {
            let (a, b) = l.split_at(i);
            let b = b.strip_prefix('-').unwrap_or(b);
            let known_head = |x: &str| d.common.contains(x) || noun_like(x);
            let head = known_head(a)
                || a.strip_suffix('s').is_some_and(known_head)
                || a.strip_suffix('e').is_some_and(known_head);
            let tail = d.common.contains(b)
                || d.long_words.contains(b)
                || noun_like(b)
                || ["en", "s", "n"]
                    .iter()
                    .any(|suf| b.strip_suffix(suf).is_some_and(|x| d.common.contains(x)));
            head && tail && b.len() >= 4
        })
    }

    /// A word of the word lists, not guessed from its parts: "Evenepoel" looks like a compound
    /// ("even" + "poel") to [`Detector::ordinary_word`], but no word list holds it.
    fn dictionary_word(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        let d = &self.dicts;
        d.common.contains(l.as_str())
            || d.long_words.contains(l.as_str())
            || d.is_word(&model::title_case(&l))
    }

    fn is_public(&self, t: &str) -> bool {
        if self.dicts.is_public_full(t) {
            return true;
        }
        let toks = names::name_tokens(t, &self.dicts);
        !toks.is_empty() && toks.iter().all(|k| self.public_parts.contains(k))
    }

    /// Byte spans of the term words of a name finding: capitalised words of 3+ letters that are no
    /// particle or initial; double names count per part.
    fn term_spans(
        &self,
        text: &str,
        s: usize,
        e: usize,
        strong: bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        // a short word in capitals is a name part only in a name written all in capitals
        let all_caps = !text[s..e].chars().any(char::is_lowercase);
        // where the particles right before the current word start ("De" of "Karel De Gucht")
        let mut particles: Option<usize> = None;
        for t in model::tokenize(&text[s..e]) {
            if t.kind != model::TokKind::Word {
                particles = None;
                continue;
            }
            let (a, b) = (s + t.s, s + t.e);
            if text[b..].starts_with('.') && t.e - t.s <= 3 {
                particles = None;
                continue; // initial or abbreviation
            }
            if self
                .dicts
                .particles
                .contains(text[a..b].to_lowercase().as_str())
            {
                particles.get_or_insert(a);
                continue;
            }
            let lead = particles.take().unwrap_or(a);
            let mut off = a;
            for part in text[a..b].split('-') {
                let (pa, pb) = (off, off + part.len());
                off = pb + 1;
                let clean = part
                    .strip_suffix("'s")
                    .or_else(|| part.strip_suffix("\u{2019}s"))
                    .unwrap_or(part);
                if self.dicts.particles.contains(clean.to_lowercase().as_str()) {
                    // a particle after a hyphen leads the next word ("Monami-Van Roost")
                    if pb == b && clean == part {
                        particles = Some(pa);
                    }
                    continue;
                }
                let tc = model::title_case(clean);
                let known = self.dicts.is_first(&tc) || self.dicts.is_sur(&tc);
                let capitalised = clean.chars().count() >= 3
                    && clean.chars().next().is_some_and(char::is_uppercase)
                    && (all_caps && known
                        || !(clean.chars().count() <= 3 && clean.chars().all(char::is_uppercase)));
                if !capitalised {
                    continue;
                }
                // (found on strong evidence, a word that only looks like a compound is a term:
                // "Anita Evenepoel"; found by the model alone, it is not: "Parkeervergunning")
                let word = if strong {
                    self.dictionary_word(clean)
                } else {
                    self.ordinary_word(clean)
                };
                if known || !word {
                    out.push((if pa == a { lead } else { pa }, pa, pb));
                } else if pa == a && lead < a && !text[lead..a].contains('\n') {
                    // a surname that is also an ordinary word is a term with its particles
                    // ("De Grauwe", "de Boer"): capitalised after a particle, it is no ordinary word
                    out.push((lead, lead, pb));
                }
            }
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
                score: r.score,
                term: None,
            })
            .collect()
    }
}

/// Why the words `k..=j` (scored indices) of a text read as no person name, if they do:
/// * an organisation cue word inside the span or right after it ("Celera Genomics", "Sky Shops"),
///   or a capitalised cue word right before it ("FC Xyz", "Stichting Xyz");
/// * a word is a compound noun with a name in it ("Jansen-tijdperk") or a hyphenated place
///   ("Sint-Niklaas");
/// * every capitalised word is a place of the world gazetteer that no name list knows
///   ("Wimbledon", "La Louvière"), and no particle stands in the span;
/// * an article stands right before it with no name, initials or title before the article
///   ("de Easdaq", "het Concertgebouw"), and the first word is no known name;
/// * a French, Spanish, Italian or English article starts it ("Les Xyz", "The Xyz").
fn not_person(
    sc: &model::Scoring,
    text: &str,
    particles: &dict::HashSet<&'static str>,
    k: usize,
    j: usize,
) -> Option<&'static str> {
    let n = sc.scored.len();
    let word = |i: usize| &text[sc.scored[i].s..sc.scored[i].e];
    let adjacent = |a: usize, b: usize| &text[sc.scored[a].e..sc.scored[b].s] == " ";
    // (after a particle the word is a surname: "Jan van 't Hof")
    if j > k
        && (k..=j).any(|i| {
            sc.facts(i).orgcue
                && sc.facts(i).cap
                && !(i > k && (sc.facts(i - 1).particle || word(i - 1) == "t"))
        })
    {
        return Some("organisation word inside");
    }
    if j + 1 < n && adjacent(j, j + 1) && sc.facts(j + 1).orgcue {
        return Some("organisation word after");
    }
    if k > 0 && adjacent(k - 1, k) && sc.facts(k - 1).orgcue && sc.facts(k - 1).cap {
        return Some("organisation word before");
    }
    // a compound noun ("Jansen-tijdperk") or a hyphenated place ("Sint-Niklaas", "Zuid-Afrika")
    if (k..=j).any(|i| {
        let w = word(i);
        dict::place_compound(w)
            || w.split('-').skip(1).any(|p| {
                p.chars().next().is_some_and(char::is_lowercase)
                    && !particles.contains(p.to_lowercase().as_str())
            })
    }) {
        return Some("compound or hyphenated place");
    }
    let caps: Vec<usize> = (k..=j)
        .filter(|&i| sc.facts(i).cap && word(i).chars().count() >= 2)
        .collect();
    // words that annotated Dutch text knows as organisations or places, not people ("Fortis",
    // "Ecolo", "Staten"), and no name list holds (a surname that is also a demonym, "Fransen",
    // "Deen", stays a surname); a particle makes a surname ("Van Gent")
    if !caps.is_empty()
        && !(k..=j).any(|i| sc.facts(i).particle)
        && caps.iter().all(|&i| sc.facts(i).lexnp && !sc.facts(i).name)
    {
        return Some(LEXICON_NOT_PERSON);
    }
    // a capitalised particle makes a surname ("Van Hove"), whatever the gazetteer says
    if !caps.is_empty()
        && !(k..=j).any(|i| sc.facts(i).particle)
        && caps
            .iter()
            .all(|&i| sc.facts(i).gplace && !sc.facts(i).name)
    {
        return Some("known place");
    }
    // a gazetteer place that is also a name ("Asmara", "Arusha", "Sevilla") after a preposition
    // of place ("in Arusha", "naar Asmara", "tussen Kairouan en Tozeur"), or listed together
    // with a place no name list knows ("Brussel en Amman", "Den Haag, Monterey en Montreux")
    let all_gplace = caps.iter().all(|&i| sc.facts(i).gplace);
    let unknown_word = caps.len() == 1 && !sc.facts(caps[0]).name;
    if !caps.is_empty() && !(k..=j).any(|i| sc.facts(i).particle) && (all_gplace || unknown_word) {
        let lower = |i: usize| word(i).to_lowercase();
        let locative = all_gplace
            && k > 0
            && adjacent(k - 1, k)
            && LOCATIVE_PREPOSITIONS.contains(&lower(k - 1).as_str());
        // a place listed with this one ("X en Y", "X, Y", "X / Y"): in no name list, or one
        // the model does not read as a name ("Brussel")
        let plain_place = |i: usize| {
            let f = sc.facts(i);
            f.cap && f.gplace && !f.particle && (!f.name || sc.scored[i].margin < 0.0)
        };
        let joined = |a: usize, b: usize| {
            let gap = &text[sc.scored[a].e..sc.scored[b].s];
            matches!(gap, ", " | " / " | "/")
        };
        let conj = |i: usize| matches!(lower(i).as_str(), "en" | "of");
        let left = k > 0
            && (joined(k - 1, k) && plain_place(k - 1)
                || k > 1
                    && conj(k - 1)
                    && adjacent(k - 1, k)
                    && adjacent(k - 2, k - 1)
                    && plain_place(k - 2));
        let right = j + 1 < n
            && (joined(j, j + 1) && plain_place(j + 1)
                || j + 2 < n
                    && conj(j + 1)
                    && adjacent(j, j + 1)
                    && adjacent(j + 1, j + 2)
                    && plain_place(j + 2));
        if locative && caps.len() == 1 {
            return Some("place after a preposition of place");
        }
        if left || right {
            return Some("place listed with places");
        }
    }
    // a French, Spanish, Italian or English article starts a title or a place ("Les Misérables",
    // "The Independent"), unless the article is itself a first name in the lists ("Les"); "La"
    // and "Le" are left out: they are also surname particles ("Le Pen", "La Marmora")
    let foreign_article = |i: usize| matches!(word(i), "Les" | "Los" | "Las" | "Il" | "The");
    if let Some(f) = (k..=j).find(|&i| sc.facts(i).cap)
        && (foreign_article(f) && !sc.facts(f).name
            || f > 0 && adjacent(f - 1, f) && foreign_article(f - 1))
    {
        return Some("foreign article");
    }
    // the span may start with the article itself ("de Leadbuyers")
    let k = (k..=j).find(|&i| sc.facts(i).cap).unwrap_or(k);
    if k > 0 && adjacent(k - 1, k) && !sc.facts(k).name {
        let art = word(k - 1);
        if matches!(art, "de" | "het" | "een" | "des") {
            let before_ok = k < 2 || {
                let f = sc.facts(k - 2);
                !(f.cap || f.initial || f.title)
            };
            if before_ok {
                return Some("article before");
            }
        }
    }
    None
}

/// True when nothing but spaces, tabs and bullets stands before `s` on its line and nothing but
/// spaces, tabs and a full stop or comma after `e`.
fn alone_on_line(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].rsplit('\n').next().unwrap_or("");
    let after = text[e..].split('\n').next().unwrap_or("");
    before
        .chars()
        .all(|c| matches!(c, ' ' | '\t' | '\u{c}' | '-' | '•' | '*'))
        && after.chars().all(|c| matches!(c, ' ' | '\t' | '.' | ','))
}

/// Closing formulas of letters and mails, lower-case without the final comma: a signature
/// follows.
const CLOSINGS: &[&str] = &[
    "met vriendelijke groet",
    "met vriendelijke groeten",
    "vriendelijke groet",
    "vriendelijke groeten",
    "met hartelijke groet",
    "hartelijke groet",
    "hartelijke groeten",
    "met collegiale groet",
    "met een vriendelijke groet",
    "groet",
    "groeten",
    "hoogachtend",
    "met hoogachting",
    "kind regards",
    "best regards",
    "regards",
];

/// Why [`not_person`] reads a span as no person when the entity lexicon knows its words as
/// organisations, places or other names and not as people.
const LEXICON_NOT_PERSON: &str = "known as an organisation or place name, not a person's";

/// Prepositions that stand before a place and never before a person: a gazetteer place right
/// after one is a place ("in Arusha"). "naar", "via", "tussen" also stand before people.
const LOCATIVE_PREPOSITIONS: &[&str] = &["in", "te", "nabij", "richting", "vanuit", "uit"];

/// Prepositions that often stand before a place ("naar De Bilt"): no capitalised particle after
/// one starts a surname.
pub(crate) const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "naar", "uit", "te", "nabij", "richting", "tussen", "vanuit", "rond", "via", "buiten",
];

/// A long word with a typical Dutch noun or adjective suffix ("Parkeervergunning", "Afhankelijk").
fn noun_like(lower: &str) -> bool {
    const NOUN_SUFFIXES: &[&str] = &[
        "heid", "ing", "ingen", "schap", "isme", "iteit", "teit", "erij", "ment", "atie", "aties",
        "itie", "lijk", "lijke", "baar", "bare", "iaat", "tage", "tages",
    ];
    lower.chars().count() > 8 && NOUN_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// A term occurrence on a page: (start, end, redacted, term index).
type OccRef = (usize, usize, bool, usize);

/// Pass 1 of one page.
struct Pass1 {
    raws: Vec<Raw>,
    /// Model margins of the capitalised words.
    margins: Vec<(usize, usize, f32)>,
    /// Organisation, place, public-official and `never` phrases.
    blocked: Vec<(usize, usize)>,
    /// Words the text names as an organisation ("de uitgeverij Querido").
    organisations: Vec<(usize, usize)>,
}

/// Findings of one document of a dossier.
#[derive(Debug, Clone, Serialize)]
pub struct DocFindings {
    /// The document id given to [`Dossier::add`].
    pub doc: String,
    /// Findings per page, in page order.
    pub pages: Vec<Vec<Finding>>,
}

/// A batch of documents scanned in two passes; person names follow one decision per term ([`crate::decide`]).
pub struct Dossier<'d> {
    det: &'d Detector,
    docs: Vec<(String, Vec<String>)>,
    table: std::sync::OnceLock<DecisionTable>,
}

impl<'d> Dossier<'d> {
    /// An empty dossier using a detector.
    pub fn new(det: &'d Detector) -> Dossier<'d> {
        Dossier {
            det,
            docs: Vec::new(),
            table: std::sync::OnceLock::new(),
        }
    }

    /// Adds a document (id, e.g. its file name, and its page texts).
    pub fn add(&mut self, doc: impl Into<String>, pages: Vec<String>) {
        self.docs.push((doc.into(), pages));
    }

    /// The documents added, with their page texts, in the order they were added.
    pub fn documents(&self) -> &[(String, Vec<String>)] {
        &self.docs
    }

    /// The term table of the last [`Dossier::scan`] (empty before it): write it as `decisions.json`.
    pub fn decisions(&self) -> &DecisionTable {
        static EMPTY: std::sync::OnceLock<DecisionTable> = std::sync::OnceLock::new();
        self.table
            .get()
            .unwrap_or_else(|| EMPTY.get_or_init(DecisionTable::default))
    }

    /// Pass 1 scans every page (rules, identifiers, name model); the term table then decides once
    /// per name term on the evidence of the whole dossier ([`crate::decide::build`]); pass 2 makes
    /// the findings follow it: name findings of kept terms are dropped, bare occurrences of redacted
    /// terms are added (`name.consistency`, `confirmed_in` names the first confirming document),
    /// and every name finding carries its term id.
    pub fn scan(&self) -> Vec<DocFindings> {
        self.scan_with(|d| d)
    }

    /// [`Dossier::scan`], each document's findings handed to `each` as soon as they are made (in
    /// parallel; the results come back in document order): a large dossier never holds every
    /// document's findings unpacked at once.
    pub fn scan_with<T: Send>(&self, each: impl Fn(DocFindings) -> T + Sync) -> Vec<T> {
        use rayon::prelude::*;
        let pass1: Vec<Vec<Pass1>> = self
            .docs
            .par_iter()
            .map(|(_, pages)| pages.iter().map(|p| self.det.pass1(p, false)).collect())
            .collect();
        let mut inputs = Vec::new();
        for ((doc, pages), p1) in self.docs.iter().zip(&pass1) {
            for (page, (text, p)) in pages.iter().zip(p1).enumerate() {
                let names = p
                    .raws
                    .iter()
                    .filter(|r| r.cat == Category::Name)
                    .map(|r| NameHit {
                        start: r.start,
                        end: r.end,
                        strong: r.strong,
                        rule: r.rule.to_string(),
                        // an abbreviation the text defines for a person is a term as it stands
                        terms: if r.rule == INITIALS_ALIAS {
                            vec![(r.start, r.start, r.end)]
                        } else {
                            self.det.term_spans(text, r.start, r.end, r.strong)
                        },
                    })
                    .collect();
                inputs.push(PageInput {
                    doc,
                    page,
                    text,
                    names,
                    margins: &p.margins,
                    blocked: p.blocked.clone(),
                    organisations: p.organisations.clone(),
                });
            }
        }
        let d = &self.det.dicts;
        // a word that is also an ordinary Dutch or English word, a place or an organisation word
        let ambiguous = |key: &str| {
            let tc = model::title_case(key);
            self.det.ordinary_word(key)
                || d.english.contains(key)
                || d.gplaces.contains(tc.as_str())
                || d.org_cues.contains(tc.as_str())
                || d.phrases(&tc)
                    .iter()
                    .any(|p| p.2 == dict::PhraseKind::Place || p.2 == dict::PhraseKind::NotPerson)
        };
        let table = decide::build(&inputs, &ambiguous);
        drop(inputs);
        // per (doc, page): occurrences (start, end, redact, term index)
        let mut occ: HashMap<(&str, usize), Vec<OccRef>> = HashMap::new();
        for (ti, t) in table.terms.iter().enumerate() {
            for o in &t.occurrences {
                occ.entry((o.doc.as_str(), o.page - 1))
                    .or_default()
                    .push((o.start, o.end, o.redact, ti));
            }
        }
        let first_doc: Vec<Option<&str>> = table
            .terms
            .iter()
            .map(|t| {
                t.occurrences
                    .iter()
                    .find(|o| o.how == decide::How::Found && o.redact)
                    .map(|o| o.doc.as_str())
            })
            .collect();
        let out = self
            .docs
            .par_iter()
            .zip(pass1)
            .map(|((doc, pages), p1)| {
                let pages = pages
                    .iter()
                    .zip(p1)
                    .enumerate()
                    .map(|(page, (text, p))| {
                        let empty = Vec::new();
                        let here = occ.get(&(doc.as_str(), page)).unwrap_or(&empty);
                        let mut raws: Vec<Raw> = Vec::new();
                        let mut kept_names: Vec<(usize, usize)> = Vec::new();
                        for r in p.raws {
                            if r.cat != Category::Name {
                                raws.push(r);
                                continue;
                            }
                            let inside: Vec<&OccRef> = here
                                .iter()
                                // (an occurrence may start before the finding with the
                                // surname's particles: "De" of "De Gucht")
                                .filter(|o| r.start < o.1 && o.1 <= r.end)
                                .collect();
                            if inside.is_empty() || inside.iter().any(|o| o.2) {
                                kept_names.push((r.start, r.end));
                                raws.push(r);
                            }
                        }
                        for &(s, e, redact, ti) in here {
                            // an occurrence inside a kept finding adds nothing; one reaching out
                            // of it (with the particles before it) joins it
                            if !redact || kept_names.iter().any(|&(a, b)| a <= s && e <= b) {
                                continue;
                            }
                            let t = &table.terms[ti];
                            raws.push(Raw {
                                start: s,
                                end: e,
                                cat: Category::Name,
                                rule: "name.consistency",
                                reason: format!("term decided for the whole dossier: {}", t.why),
                                strong: false,
                                score: None,
                            });
                        }
                        let mut out = self.det.finish(text, raws);
                        for f in &mut out {
                            if f.category != Category::Name {
                                continue;
                            }
                            if let Some(&(_, _, _, ti)) =
                                here.iter().find(|o| o.2 && o.0 >= f.start && o.1 <= f.end)
                            {
                                f.term = Some(table.terms[ti].id.clone());
                                if f.rule == "name.consistency" {
                                    f.confirmed_in = first_doc[ti]
                                        .filter(|d| *d != doc.as_str())
                                        .map(str::to_string);
                                }
                            }
                        }
                        out
                    })
                    .collect();
                each(DocFindings {
                    doc: doc.clone(),
                    pages,
                })
            })
            .collect();
        let _ = self.table.set(table);
        out
    }
}
