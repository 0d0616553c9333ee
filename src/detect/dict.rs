//! Built-in dictionaries (compiled into the binary) and configured phrase lists as sets and aho-corasick automatons.

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

const FIRST: &str = include_str!("../../dictionaries/first_names.txt");
const SUR: &str = include_str!("../../dictionaries/surnames.txt");
const COMMON: &str = include_str!("../../dictionaries/common_words.txt");
const NAME_WORDS: &str = include_str!("../../dictionaries/name_words.txt");
const PARTICLES: &str = include_str!("../../dictionaries/tussenvoegsels.txt");
const TITLES: &str = include_str!("../../dictionaries/titles.txt");
const ROLES: &str = include_str!("../../dictionaries/roles.txt");
const NOT_PERSON: &str = include_str!("../../dictionaries/not_person.txt");
const NOT_PERSON_GEN: &str = include_str!("../../dictionaries/not_person_generated.txt");
const PLACES_WORLD: &str = include_str!("../../dictionaries/places_world.txt");
const NATIONALITIES: &str = include_str!("../../dictionaries/nationalities.txt");
const PLACES_GEONAMES: &str = include_str!("../../dictionaries/places_geonames.txt");
const ORG_CUES: &str = include_str!("../../dictionaries/org_cues.txt");
const ACRONYMS: &str = include_str!("../../dictionaries/acronyms.txt");
const ORG_KINDS: &str = include_str!("../../dictionaries/org_kinds.txt");
const LONG_WORDS: &str = include_str!("../../dictionaries/long_words.txt");
const ENGLISH: &str = include_str!("../../dictionaries/english_words.txt");
const NAME_LIST_STOP: &str = include_str!("../../dictionaries/name_list_stop.txt");
const STREET_NAMESAKES: &str = include_str!("../../dictionaries/street_namesakes.txt");
const NER_LEXICON: &str = include_str!("../../dictionaries/ner_lexicon.txt");

/// First parts of hyphenated place names ("Zuid-Afrika", "Sint-Niklaas", "West-Vlaanderen"): such a
/// compound is no double name, even when a part is also a name.
const PLACE_PREFIXES: &[&str] = &[
    "Noord", "Zuid", "Oost", "West", "Midden", "Sint", "Sankt", "Saint", "Sainte", "San", "Santa",
    "Neder", "Opper", "Boven", "Beneden",
];

/// Error while compiling a list into an automaton.
#[derive(Debug, thiserror::Error)]
#[error("cannot compile the {list} list: {message}")]
pub struct DictError {
    list: &'static str,
    message: String,
}

/// What kind of phrase an automaton match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// Public full name (never redacted as a whole).
    Public,
    /// Organisation, place, event: not a person.
    NotPerson,
    /// Configured `never` term.
    Never,
    /// Configured `always` term.
    Always,
    /// A one-word place name (also a surname sometimes): not a name alone, but may end a name chain.
    Place,
}

/// True when `before` (the text before a match) ends, on the same line, with a word that says
/// a place follows: a preposition that stands before places, not people ("in", "te", "nabij"),
/// or a label for a location ("Uitvoeringslocatie:", "Bezoekadres:", "gebouw"). A street or
/// building namesake ("Jacob Bontius") is a place only there.
fn place_cue_before(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    if !line.ends_with(char::is_whitespace) {
        return false;
    }
    let Some(last) = line.split_whitespace().next_back() else {
        return false;
    };
    let last = last.trim_end_matches(':').to_lowercase();
    matches!(
        last.as_str(),
        "in" | "te"
            | "nabij"
            | "locatie"
            | "uitvoeringslocatie"
            | "vergaderlocatie"
            | "werklocatie"
            | "bezoekadres"
            | "vestigingsadres"
            | "gebouw"
            | "pand"
    )
}

/// FNV-1a: a fast hasher for the short word keys of the dictionaries (no DoS concern: keys are our lists).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Hash set with the FNV hasher.
pub(crate) type HashSet<T> = StdHashSet<T, BuildHasherDefault<Fnv>>;
type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<Fnv>>;

pub(crate) struct Dicts {
    pub first: HashSet<&'static str>,
    pub sur: HashSet<&'static str>,
    pub words: HashSet<&'static str>,
    pub common: HashSet<&'static str>,
    pub particles: HashSet<&'static str>,
    pub titles: HashSet<&'static str>,
    /// Titles without their final dot ("dhr", "mevrouw").
    pub titles_bare: HashSet<&'static str>,
    pub roles: HashSet<&'static str>,
    /// World gazetteer (GeoNames): one-word places and the first words of longer ones.
    pub gplaces: HashSet<&'static str>,
    /// World gazetteer: places of two to four words ("La Louvière", "Rio de Janeiro").
    pub gplaces_multi: HashSet<&'static str>,
    /// Words that mark an organisation, club, building, event or work ("Genomics", "FC", "Museum").
    pub org_cues: HashSet<&'static str>,
    /// Acronyms of public bodies, laws and media (never an author's initials in brackets).
    pub acronyms: HashSet<&'static str>,
    /// Capitalised words with how often annotated Dutch text tagged them as each kind of name
    /// (`dictionaries/ner_lexicon.txt`).
    lexicon: HashMap<&'static str, LexTags>,
    /// Nouns for a kind of organisation, whole words ("firma", "distributeur").
    org_kinds: HashSet<&'static str>,
    /// Heads of compound nouns for a kind of organisation ("bedrijf": "softwarebedrijf").
    org_kind_heads: Vec<&'static str>,
    /// Lower-case Dutch words of 10-14 letters (OpenTaal): long compounds and adjectives.
    pub long_words: HashSet<&'static str>,
    /// Lower-case English words (SCOWL): a capitalised run of them is a title or a product.
    pub english: HashSet<&'static str>,
    phrases: AhoCorasick,
    kinds: Vec<PhraseKind>,
    /// The patterns that are people a street or building is named after ("Jacob Bontius"): no
    /// person only after a place cue ([`place_cue_before`]).
    namesakes: std::ops::Range<usize>,
    public_full: HashSet<String>,
}

/// Times a word must have been tagged as part of a name in the lexicon before its tags count.
pub const LEXICON_MIN_NAMES: u32 = 3;

/// The same for a word that a name list holds: three tags ("Beer": one organisation, two other
/// names) are too few to overrule a first-name list.
pub const LEXICON_MIN_NAMES_LISTED: u32 = 5;

/// How often annotated Dutch text tagged a word as part of a person, organisation, location or
/// other name, or as no name (one `dictionaries/ner_lexicon.txt` line).
#[derive(Debug, Clone, Copy)]
pub struct LexTags {
    per: u32,
    org: u32,
    loc: u32,
    other: u32,
    plain: u32,
}

impl LexTags {
    fn parse(line: &'static str) -> Option<(&'static str, LexTags)> {
        let mut cols = line.split('\t');
        let word = cols.next()?;
        let n: Vec<u32> = cols.map(|c| c.parse().unwrap_or(0)).collect();
        let [per, org, loc, other, plain] = n[..] else {
            return None;
        };
        Some((
            word,
            LexTags {
                per,
                org,
                loc,
                other,
                plain,
            },
        ))
    }

    fn names(&self) -> u32 {
        self.per + self.org + self.loc + self.other
    }

    /// Known as a name but not a person's: tagged as part of a name at least `min_names` times,
    /// at least as often as it stood outside a name, and as a person in at most one in twenty of
    /// its name tags ("Fortis", "Ecolo", "Zwolle", "Staten").
    fn not_person(&self, min_names: u32) -> bool {
        let names = self.names();
        names >= min_names && self.plain <= names && self.per * 20 <= names
    }
}

fn lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Dicts {
    pub fn load(
        public: &[String],
        always: &[String],
        never: &[String],
    ) -> Result<Dicts, DictError> {
        let mut pats: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        let mut public_full = HashSet::default();
        for p in public {
            let p = strip_leading_role(p);
            if p.is_empty() {
                continue;
            }
            public_full.insert(p.to_string());
            pats.push(p.to_string());
            kinds.push(PhraseKind::Public);
        }
        for l in lines(NOT_PERSON).chain(lines(NATIONALITIES)) {
            pats.push(l.to_string());
            kinds.push(PhraseKind::NotPerson);
        }
        for l in lines(NOT_PERSON_GEN) {
            pats.push(l.to_string());
            kinds.push(if l.contains(' ') {
                PhraseKind::NotPerson
            } else {
                PhraseKind::Place
            });
        }
        for l in lines(PLACES_WORLD) {
            pats.push(l.to_string());
            kinds.push(if l.contains(' ') {
                PhraseKind::NotPerson
            } else {
                PhraseKind::Place
            });
        }
        let namesakes_start = pats.len();
        for l in lines(STREET_NAMESAKES) {
            pats.push(l.to_string());
            kinds.push(PhraseKind::NotPerson);
        }
        let namesakes = namesakes_start..pats.len();
        for n in never {
            pats.push(n.clone());
            kinds.push(PhraseKind::Never);
        }
        for a in always {
            pats.push(a.clone());
            kinds.push(PhraseKind::Always);
        }
        let phrases = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&pats)
            .map_err(|e| DictError {
                list: "phrase",
                message: e.to_string(),
            })?;
        let stop: HashSet<&'static str> = lines(NAME_LIST_STOP).collect();
        Ok(Dicts {
            first: lines(FIRST).filter(|w| !stop.contains(w)).collect(),
            sur: lines(SUR).filter(|w| !stop.contains(w)).collect(),
            words: lines(NAME_WORDS).collect(),
            common: lines(COMMON).collect(),
            particles: lines(PARTICLES).collect(),
            titles: lines(TITLES).collect(),
            titles_bare: lines(TITLES).map(|t| t.trim_end_matches('.')).collect(),
            roles: lines(ROLES).collect(),
            gplaces: lines(PLACES_GEONAMES)
                .filter(|l| !l.contains(' '))
                .collect(),
            gplaces_multi: lines(PLACES_GEONAMES).filter(|l| l.contains(' ')).collect(),
            org_cues: lines(ORG_CUES).collect(),
            acronyms: lines(ACRONYMS).collect(),
            lexicon: lines(NER_LEXICON).filter_map(LexTags::parse).collect(),
            org_kinds: lines(ORG_KINDS)
                .map(|l| l.trim_start_matches('-'))
                .collect(),
            org_kind_heads: lines(ORG_KINDS)
                .filter_map(|l| l.strip_prefix('-'))
                .collect(),
            english: lines(ENGLISH).collect(),
            long_words: lines(LONG_WORDS).collect(),
            phrases,
            kinds,
            namesakes,
            public_full,
        })
    }

    /// Phrase matches on word boundaries: (start, end, kind).
    pub fn phrases(&self, text: &str) -> Vec<(usize, usize, PhraseKind)> {
        let mut out = Vec::new();
        // A phrase may be broken over a line ("Verwey\nJonker"): match on a copy whose line
        // breaks and tabs are spaces (same byte length, so offsets stay valid).
        let flat: std::borrow::Cow<str> = if text.contains(['\n', '\t', '\r']) {
            std::borrow::Cow::Owned(text.replace(['\n', '\t', '\r'], " "))
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        for m in self.phrases.find_iter(flat.as_ref()) {
            let (s, e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let wordish = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            if wordish(before) || wordish(after) {
                continue;
            }
            // "Verwey-Jonker" must not be cut as "Verwey" + "-Jonker"
            if after == Some('-')
                && text[e + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                continue;
            }
            if before == Some('-')
                && s >= 2
                && text[..s - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
            {
                continue;
            }
            let k = m.pattern().as_usize();
            if self.namesakes.contains(&k) && !place_cue_before(&text[..s]) {
                continue;
            }
            out.push((s, e, self.kinds[k]));
        }
        out
    }

    pub fn is_public_full(&self, t: &str) -> bool {
        self.public_full.contains(t)
    }

    /// A lower-case noun for a kind of organisation ("uitgeverij", "omroep"): a name right
    /// after it is the organisation's.
    pub fn is_org_kind(&self, lower: &str) -> bool {
        self.org_kinds.contains(lower)
            || self
                .org_kind_heads
                .iter()
                .any(|h| lower.len() > h.len() + 2 && lower.ends_with(h))
    }

    /// "van" and one word after a first name and a surname ("Allen Yurko van Invensys") is where
    /// the person works, not the rest of the name, when the text names that word an organisation
    /// (`named`: "het Britse Invensys"), the word before "van" is no first name ("Jan Peter van
    /// Dijk") and the word after it is no name of any list ("Anna de Vries van Dam"). Otherwise it
    /// may be a double surname written without a hyphen ("Sanne Mulder van Arkel").
    pub fn van_affiliation(
        &self,
        caps_before: usize,
        before: &str,
        after: &str,
        named: bool,
    ) -> bool {
        named
            && caps_before >= 2
            && !self.is_first(before)
            && !self.is_sur(after)
            && !self.is_first(after)
    }

    pub fn is_first(&self, w: &str) -> bool {
        self.first.contains(w)
            || (w.contains('-')
                && !place_compound(w)
                && w.split('-').all(|p| self.first.contains(p)))
    }

    pub fn is_sur(&self, w: &str) -> bool {
        self.sur.contains(w)
            || (w.contains('-')
                && !place_compound(w)
                && w.split('-')
                    .any(|p| p.chars().count() >= 3 && self.sur.contains(p)))
    }

    /// A name that is also an ordinary word ("Bakker", "Bloem").
    pub fn is_word(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// A capitalised word that annotated Dutch text knows as an organisation, place or other
    /// name and (nearly) never as a person ([`LexTags::not_person`] with [`LEXICON_MIN_NAMES`]).
    pub fn lex_not_person(&self, w: &str) -> bool {
        self.lexicon
            .get(w)
            .is_some_and(|t| t.not_person(LEXICON_MIN_NAMES))
    }

    /// The same, tagged so often ([`LEXICON_MIN_NAMES_LISTED`]) that it outweighs a name list
    /// ("Florida", "Agusta"); a possessive `'s` is looked through.
    pub fn lex_not_person_listed(&self, w: &str) -> bool {
        let w = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
        self.lexicon
            .get(w)
            .is_some_and(|t| t.not_person(LEXICON_MIN_NAMES_LISTED))
    }
}

/// A hyphenated word whose first part names a compass direction or a saint ("Zuid-Duitse",
/// "Sint-Michiels"): a place or its adjective, no double name.
pub(crate) fn place_compound(w: &str) -> bool {
    w.split_once('-')
        .is_some_and(|(a, _)| PLACE_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(a)))
}

/// "wethouder Meliani" in a public list means the name "Meliani".
fn strip_leading_role(p: &str) -> &str {
    let p = p.trim();
    if let Some((first, rest)) = p.split_once(' ')
        && lines(ROLES).any(|r| r.eq_ignore_ascii_case(first))
    {
        return rest.trim();
    }
    p
}
