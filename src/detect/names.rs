//! Name rules: dictionary hits with a second signal, initials/title/role + surname, minutes cues, consistency tokens.

use std::collections::HashSet;

use super::dict::{Dicts, PhraseKind};
use super::{Category, Raw};

/// A word of the text.
#[derive(Debug, Clone)]
struct Tok<'t> {
    s: usize,
    e: usize,
    w: &'t str,
    /// Lower-case form (borrowed when the word has no capitals).
    lower: std::borrow::Cow<'t, str>,
    cap: bool,
    allcaps: bool,
    /// One capital (or Ph/Th/Chr) followed directly by '.'.
    initial: bool,
    /// First word of a sentence (after . ! ? : ; line start or bullet).
    sent_start: bool,
    /// First word of a line (after bullets and spaces).
    line_start: bool,
    /// Inside an identifier, a public full name, a not-person phrase or a `never` term.
    blocked: bool,
    /// A one-word place name: never a name alone, but may be a surname after a first name, initials or title.
    place: bool,
}

/// Labels of lists of names besides the attendance labels ([`ATTENDANCE_LABELS`]).
const OTHER_LIST_LABELS: &[&str] = &[
    "notulist",
    "notulen",
    "verslag",
    "verslaglegging",
    "voorzitter",
    "cc",
    "aan",
    "van",
    "auteur",
    "kopie",
    "gast",
    "gasten",
    "sprekers",
    "insprekers",
    "inspreker",
    "afzender",
    "geadresseerde",
    "contactpersoon",
    "behandelaar",
    "opsteller",
];

/// A line-start word that labels a list of names ("Aanwezig", "Aan", "Notulist").
fn is_list_label(lower: &str) -> bool {
    ATTENDANCE_LABELS.contains(&lower) || OTHER_LIST_LABELS.contains(&lower)
}

/// Letters that occur in Turkish, Slavic, Romanian, Polish, ... names but not in Dutch words.
const FOREIGN_LETTERS: &str = "ğşıİŞĞçÇćĆčČřŘžŽšŠłŁąĄęĘőŐűŰñÑţŢșȘțȚăĂâÂãõøØåÅßđĐ";

const ACTION_CUES: &[&str] = &[
    "actie",
    "actiehouder",
    "acties",
    "eigenaar",
    "trekker",
    "wie",
];

const PAREN_ROLES: &[&str] = &[
    "verslag",
    "notulen",
    "notulist",
    "voorzitter",
    "vz",
    "secretaris",
    "agendalid",
    "gast",
    "extern",
    "afwezig",
    "aanwezig",
    "tot",
    "vanaf",
];

const VERBS: &[&str] = &[
    "heeft",
    "geeft",
    "zegt",
    "vraagt",
    "laat",
    "checkt",
    "deelt",
    "stuurt",
    "bespreekt",
    "kijkt",
    "gaat",
    "wil",
    "informeert",
    "mist",
    "zorgt",
    "agendeert",
    "draagt",
    "neemt",
    "meldt",
    "stelt",
    "licht",
    "vindt",
    "merkt",
    "benadrukt",
    "antwoordt",
    "reageert",
    "schrijft",
    "belt",
    "mailt",
    "plant",
    "onderzoekt",
    "pakt",
    "verzorgt",
    "organiseert",
    "stemt",
    "spreekt",
    "doet",
    "maakt",
    "sluit",
    "komt",
    "werkt",
    "zoekt",
    "regelt",
    "houdt",
    "legt",
    "brengt",
    "denkt",
    "vertelt",
    "wijst",
    "herinnert",
    "nodigt",
    "presenteert",
    "adviseert",
    "bevestigt",
    "verwijst",
    "concludeert",
    "constateert",
    "verzoekt",
    "hoort",
    "ziet",
    "weet",
    "leidt",
    "opent",
    "bedankt",
    "vat",
    "legde",
    "gaf",
    "zei",
    "vroeg",
    "stuurde",
    "deelde",
    "meldde",
    "liet",
    "en",
    "of",
];

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let b = text.as_bytes();
    let mut toks = Vec::new();
    let mut it = text.char_indices().peekable();
    // true while only whitespace and bullets were seen since the last line break
    let mut at_line_start = true;
    while let Some((i, c)) = it.next() {
        if !is_word_char(c) {
            if c == '\n' {
                at_line_start = true;
            } else if !(c.is_whitespace() || matches!(c, '-' | '•' | '*' | '–' | '·' | '▪' | '◦'))
            {
                at_line_start = false;
            }
            continue;
        }
        let mut e = i + c.len_utf8();
        loop {
            match it.peek() {
                Some(&(j, d)) if is_word_char(d) => {
                    e = j + d.len_utf8();
                    it.next();
                }
                Some(&(j, d)) if d == '-' || d == '\'' || d == '\u{2019}' => {
                    // joiner only between letters
                    let after = text[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        it.next();
                        e = j + d.len_utf8();
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let w = &text[i..e];
        let mut chars = w.chars();
        let first = chars.next().unwrap_or(' ');
        let cap = first.is_uppercase();
        let allcaps = w.chars().filter(|c| c.is_alphabetic()).count() > 1
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let dot_after = b.get(e) == Some(&b'.');
        let initial = cap
            && dot_after
            && (w.chars().count() == 1 || matches!(w, "Ph" | "Th" | "Chr" | "Ch" | "Joh" | "Wm"));
        // look back to the previous non-space character on this line
        let before = &text[..i];
        let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
        let line_start = at_line_start;
        // an "o" bullet keeps the line start for the next word
        at_line_start = at_line_start && w == "o" && text[e..].starts_with(' ');
        let prev = trimmed.chars().next_back();
        let sent_start = line_start
            || matches!(
                prev,
                Some('.' | '!' | '?' | ':' | ';' | '"' | '\u{201c}' | '(' | '•')
            ) && !prev_is_abbrev(trimmed);
        toks.push(Tok {
            s: i,
            e,
            w,
            lower: if w.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(w.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(w)
            },
            cap,
            allcaps,
            initial,
            sent_start,
            line_start,
            blocked: false,
            place: false,
        });
    }
    toks
}

/// "dhr." or an initial before a word does not end a sentence.
fn prev_is_abbrev(before: &str) -> bool {
    if !before.ends_with('.') {
        return false;
    }
    let word: String = before[..before.len() - 1]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        || matches!(
            word.chars()
                .rev()
                .collect::<String>()
                .to_lowercase()
                .as_str(),
            "dhr" | "mevr" | "mw" | "drs" | "dr" | "mr" | "ir" | "ing" | "prof" | "jhr" | "ds"
        )
}

/// Distinctive tokens of a name (first names and surname parts, no particles, no initials, at least 3 chars).
pub(crate) fn name_tokens(name: &str, d: &Dicts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in name.split([' ', ',', '\n']) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
        if word.is_empty()
            || word.contains('.')
            || d.particles.contains(word.to_lowercase().as_str())
        {
            continue;
        }
        let parts: Vec<&str> = word.split('-').collect();
        let cands: Vec<&str> = if parts.len() > 1 {
            if parts
                .iter()
                .any(|p| d.particles.contains(p.to_lowercase().as_str()))
            {
                parts.clone()
            } else {
                std::iter::once(word).chain(parts.iter().copied()).collect()
            }
        } else {
            vec![word]
        };
        for c in cands {
            if c.chars().count() >= 3
                && c.chars().next().is_some_and(char::is_uppercase)
                && !d.particles.contains(c.to_lowercase().as_str())
                && !out.iter().any(|o| o == c)
            {
                out.push(c.to_string());
            }
        }
    }
    out
}

struct Ctx<'a, 't> {
    text: &'t str,
    d: &'a Dicts,
    public_first: &'a HashSet<String>,
    /// Words the text names as an organisation ([`named_organisations`]).
    org_words: &'a HashSet<&'a str>,
    toks: Vec<Tok<'t>>,
}

impl<'t> Ctx<'_, 't> {
    fn lower(&self, i: usize) -> &str {
        &self.toks[i].lower
    }
    fn gap(&self, i: usize) -> &'t str {
        // text between token i-1 and token i
        let s = if i == 0 { 0 } else { self.toks[i - 1].e };
        &self.text[s..self.toks[i].s]
    }
    fn is_common(&self, i: usize) -> bool {
        let w = self.toks[i].w;
        let l = self.lower(i);
        self.d.is_word(w) || self.d.common.contains(l) || looks_like_dutch_noun(l)
    }
    fn is_first(&self, i: usize) -> bool {
        self.d.is_first(self.toks[i].w)
    }
    fn is_sur(&self, i: usize) -> bool {
        self.d.is_sur(self.toks[i].w)
    }
    fn is_particle(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.w == "t" {
            return self.text[..t.s].ends_with(['\'', '\u{2019}']);
        }
        self.d.particles.contains(self.lower(i))
    }
    fn is_cue_word(&self, i: usize) -> bool {
        let l = self.lower(i);
        self.d.titles_bare.contains(l)
            || self.d.roles.contains(l)
            || ACTION_CUES.contains(&l)
            || is_list_label(l) && self.toks[i].line_start
    }
    /// A capitalised word that may be part of a name.
    fn name_like(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.cap
            && !t.allcaps
            && !t.blocked
            && !t.initial
            && t.w.chars().count() > 1
            && (!t.w.contains('-')
                || !t.w.split('-').any(|p| {
                    p.chars().next().is_some_and(char::is_lowercase)
                        && !self.d.particles.contains(p)
                }))
            && !self.is_cue_word(i)
            && !self.is_particle(i)
    }

    /// Parses a name chain starting at token i: initials, capitalised words, inner particles, ending with a
    /// capitalised word. `cap_particle`: a capitalised particle may start it ("De Lange" after a title).
    /// Returns the index one past the last token.
    fn chain(&self, i: usize, cap_particle: bool) -> Option<usize> {
        let n = self.toks.len();
        let mut j = i;
        let mut last_core = None;
        let mut caps = 0;
        while j < n && j - i < 7 {
            let t = &self.toks[j];
            // a place name starts no chain ("Bergen"), unless a title or initials stand before
            // it ("mevrouw Bakhuizen", "J. Bergen") or it is also a first name and a
            // capitalised surname follows ("Linde Brinkman")
            let place_start = t.place
                && j == i
                && !cap_particle
                && !(self.is_first(j) && j + 1 < n && self.toks[j + 1].cap && self.is_sur(j + 1));
            // "Tuğba Erdem We brengen ...": a function word ends a name (a lost full stop)
            let function_word = caps > 0
                && t.cap
                && !self.is_particle(j)
                && FUNCTION_WORDS.contains(&self.lower(j));
            // an organisation word, or a word right before one, ends a name: "Mirjam Hamerling
            // van Brelquist Holding" is Mirjam Hamerling of a company
            // (after a particle the word is a surname: "Jan van 't Hof", "Van der Kamer")
            let org_word = caps > 0
                && t.cap
                && (self.d.org_cues.contains(t.w) && !(j > i && self.is_particle(j - 1))
                    || j + 1 < n
                        && self.toks[j + 1].cap
                        && self.gap(j + 1) == " "
                        && self.d.org_cues.contains(self.toks[j + 1].w));
            // a capitalised function word starts no name: "Ook Geert de Smit" is Geert de Smit
            let function_start = j == i
                && t.cap
                && !self.is_particle(j)
                && FUNCTION_WORDS.contains(&self.lower(j))
                && !self.is_first(j)
                && !self.is_sur(j);
            // a word of the not-person list is a surname after a particle that follows initials,
            // a title or a first name ("J. van Amstel", "mevrouw Van Amstel", "Anna van Dam"), but
            // not after a preposition ("Anna op de Dam") or another word ("Demonstratie van Dam")
            let after_particle = t.blocked
                && j >= 2
                && self.is_particle(j - 1)
                && (self.toks[i].initial
                    || cap_particle
                    || last_core.is_some_and(|k| self.is_first(k - 1))
                        && !self.toks[j - 1].cap
                        && self.lower(j - 1) != "het")
                && !(i..j).any(|k| PREPOSITION_PARTICLES.contains(&self.lower(k)));
            // and right after a title ("de heer Rijk", "mevrouw West") or, when the surname list
            // knows it, a first name ("Jeroen Dam"; not "@Paiman Bureau verkent")
            let after_title = t.blocked && j == i && cap_particle && t.cap && !t.allcaps;
            let after_first = t.blocked
                && j > i
                && last_core == Some(j)
                && self.is_first(j - 1)
                && self.is_sur(j)
                && t.cap
                && !t.allcaps;
            let particle_surname = after_particle || after_title || after_first;
            if t.blocked && !particle_surname
                || function_start
                || org_word
                || (caps > 0 && self.public_first.contains(t.w))
                || place_start
                || function_word
            {
                break;
            }
            // a public first name only starts a private name when a particle or a surname follows
            if caps == 1 && j == i + 1 && self.public_first.contains(self.toks[i].w) {
                let sur_next = self.is_particle(j) || (self.is_sur(j) && !self.is_first(j));
                if !sur_next {
                    break;
                }
            }
            if j > i {
                let raw_gap = self.gap(j);
                let prev = &self.toks[j - 1];
                // a name goes on over a line break after initials or a particle
                // ("R.\nKaersenhout", "Van\nRooij", "Jasmijn van\nden Bosch")
                let bridge = prev.initial || self.is_particle(j - 1);
                let flat;
                let g = if bridge && raw_gap.contains('\n') {
                    flat = raw_gap.replace('\n', " ");
                    flat.as_str()
                } else {
                    raw_gap
                };
                let ok_gap = g == " "
                    || (prev.initial && (g == "." || g == ". "))
                    || (t.w == "t" && (g == " '" || g == " \u{2019}"));
                let hyphen_open = g.is_empty() && prev.w.ends_with('-');
                if !ok_gap && !hyphen_open {
                    break;
                }
            }
            if t.initial {
                if caps > 0 {
                    break;
                }
                j += 1;
                continue;
            }
            // a predicate of nobility between initials and the surname belongs to the name:
            // "G.S.G. baron van Fridagh", "A.C. jonkheer de Beaufort"
            if caps == 0
                && j > i
                && self.toks[j - 1].initial
                && NOBILITY.contains(&t.w)
                && j + 1 < n
                && self.gap(j + 1) == " "
                && (self.is_particle(j + 1) || self.toks[j + 1].cap)
            {
                j += 1;
                continue;
            }
            if self.is_particle(j) {
                // after a first name and a surname, "van" and one word no surname list knows is
                // where the person works, not the rest of the name: "Allen Yurko van Invensys",
                // "Ali Salhi van Chebbab" (but "Jan Peter van Dijk", "Anna de Vries van Dam")
                if t.w == "van"
                    && j + 1 < n
                    && self.gap(j + 1) == " "
                    && self.name_like(j + 1)
                    && self.d.van_affiliation(
                        caps,
                        self.toks[j - 1].w,
                        self.toks[j + 1].w,
                        self.org_words.contains(self.toks[j + 1].w),
                    )
                    && !(j + 2 < n && self.toks[j + 2].cap && self.gap(j + 2) == " ")
                {
                    break;
                }
                // a particle that is also a preposition ("in", "op", "bij") only stands in a name
                // before another particle ("in 't Veld", "Op de Beeck", "Voor in 't Holt"):
                // "Wilsonplein in Gent", "Porsche in België" are no names
                if PREPOSITION_PARTICLES.contains(&self.lower(j))
                    && !(j + 1 < n
                        && matches!(self.gap(j + 1), " " | " '" | " \u{2019}")
                        && self.is_particle(j + 1))
                {
                    break;
                }
                let capital_ok = !t.cap
                    || (j == i && cap_particle)
                    || (j > i && (self.toks[j - 1].initial || caps > 0));
                if !capital_ok && t.cap {
                    break;
                }
                j += 1;
                continue;
            }
            // a surname in capitals after initials: "J.W. BEEKMAN", "A. van DIJK"
            let caps_surname = self.toks[i].initial
                && caps == 0
                && t.allcaps
                && !t.blocked
                && t.w.chars().count() >= 3
                && !self.is_cue_word(j)
                && !self.d.org_cues.contains(t.w)
                && (!self.is_common(j) || self.is_sur(j));
            // hyphenated word ending in a particle: "Franssen-van den Bosch"
            if caps_surname
                || particle_surname
                || self.name_like(j)
                    && (caps == 0
                        || !self.is_common(j)
                        || self.is_first(j)
                        || self.is_sur(j)
                        || j > i && self.is_particle(j - 1))
            {
                caps += 1;
                j += 1;
                last_core = Some(j);
                if let Some((_, tail)) = t.w.rsplit_once('-')
                    && self.d.particles.contains(tail)
                {
                    continue;
                }
                if caps >= 4 {
                    break;
                }
                continue;
            }
            break;
        }
        let end = last_core?;
        // the chain must start with a name-like word, an initial or (allowed) capital particle
        Some(end)
    }

    fn span(&self, i: usize, end: usize) -> (usize, usize) {
        (self.toks[i].s, self.toks[end - 1].e)
    }

    /// Core (capitalised non-particle, non-initial) token indices of a chain.
    fn cores(&self, i: usize, end: usize) -> Vec<usize> {
        (i..end)
            .filter(|&k| !self.toks[k].initial && !self.is_particle(k))
            .collect()
    }
}

fn mk(s: usize, e: usize, rule: &'static str, reason: &str, strong: bool) -> Raw {
    Raw {
        start: s,
        end: e,
        cat: Category::Name,
        rule,
        reason: reason.to_string(),
        strong,
        score: None,
    }
}

/// Index of the title chain ending right before token i (e.g. "mevrouw dr." before "Claassen"), if any.
fn title_before(c: &Ctx, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let k = i - 1;
    let t = &c.toks[k];
    let dot = c.text[t.e..].starts_with('.');
    let l = c.lower(k);
    // a title may end a line: "mw. drs.\nVan Dijk"
    let gap = c.gap(i).replace('\n', " ");
    if !matches!(gap.as_str(), " " | ". ") {
        return false;
    }
    if dot && gap == ". " && c.d.titles.contains(format!("{l}.").as_str()) {
        return true;
    }
    // without a dot, a short word in capitals before an organisation word is an acronym, no
    // title: "namens MR Groep" (but "T.a.v. DHR de Boer", "MW de Groot" are titles)
    let acronym = t.allcaps && t.w.chars().count() <= 3 && c.d.org_cues.contains(c.toks[i].w);
    !dot && !acronym && gap == " " && c.d.titles.contains(l)
}

fn role_before(c: &Ctx, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let g = c.gap(i);
    (g == " " || g == ": " || g == " : ") && c.d.roles.contains(c.lower(i - 1))
}

fn action_before(c: &Ctx, i: usize) -> bool {
    i > 0 && matches!(c.gap(i), " " | ": ") && ACTION_CUES.contains(&c.lower(i - 1))
}

fn mention_before(c: &Ctx, i: usize) -> bool {
    c.text[..c.toks[i].s].ends_with('@')
        && c.text[..c.toks[i].s - 1]
            .chars()
            .next_back()
            .is_none_or(|ch| !ch.is_alphanumeric())
}

fn paren_role_after(c: &Ctx, end: usize) -> bool {
    let rest = &c.text[c.toks[end - 1].e..];
    let Some(r) = rest.strip_prefix(" (") else {
        return false;
    };
    let word: String = r.chars().take_while(|ch| ch.is_alphabetic()).collect();
    PAREN_ROLES.contains(&word.to_lowercase().as_str())
        || c.d.roles.contains(word.to_lowercase().as_str())
}

/// "Allen Yurko van X gaat": after a name and "van" the verb belongs to the person, not to X.
fn affiliation_before(c: &Ctx, i: usize) -> bool {
    i >= 2 && c.toks[i - 1].w == "van" && c.toks[i - 2].cap && c.gap(i) == " "
}

/// Articles and determiners: the ordinary noun after one is no name ("het Bureau stemt").
const DETERMINERS: &[&str] = &[
    "de", "het", "een", "die", "dat", "deze", "dit", "ons", "onze", "zijn", "haar", "hun", "mijn",
    "uw", "jouw", "elke", "ieder", "iedere", "geen", "welke",
];

/// More verbs in the third person singular of which a person is the subject (besides [`VERBS`]).
const PERSON_VERBS: &[&str] = &[
    "vertelde",
    "verklaarde",
    "verklaart",
    "ontkent",
    "erkent",
    "belde",
    "woont",
    "woonde",
    "antwoordde",
    "reageerde",
    "schreef",
    "mailde",
    "stelde",
    "vond",
    "bevestigde",
];

/// "Bakker zegt dat ...": a surname that is also an ordinary word ("bakker", "mulder", "visser")
/// stands without an article as the subject of a verb in the singular only as a name; the
/// ordinary noun would need one ("de bakker zegt").
fn common_surname_speaks(c: &Ctx, cores: &[usize], end: usize) -> bool {
    cores.len() == 1
        && c.is_sur(cores[0])
        && !c.toks[cores[0]].allcaps
        && !FUNCTION_WORDS.contains(&c.lower(cores[0]))
        && !(cores[0] > 0 && DETERMINERS.contains(&c.lower(cores[0] - 1)))
        && (end < c.toks.len() && c.gap(end) == " " && person_verb(c.toks[end].w)
            // "Daarna vraagt Mulder of ...", "geeft Visser aan"
            || cores[0] > 0
                && !c.toks[cores[0]].sent_start
                && c.gap(cores[0]) == " "
                && person_verb(c.toks[cores[0] - 1].w))
}

fn person_verb(w: &str) -> bool {
    w != "en" && w != "of" && (VERBS.contains(&w) || PERSON_VERBS.contains(&w))
}

fn verb_after(c: &Ctx, end: usize) -> bool {
    end < c.toks.len() && c.gap(end) == " " && VERBS.contains(&c.toks[end].w) && {
        // "X en Y" only counts when Y is itself a name-like word
        let w = c.toks[end].w;
        if w == "en" || w == "of" {
            end + 1 < c.toks.len()
                && c.gap(end + 1) == " "
                && c.name_like(end + 1)
                && !c.is_common(end + 1)
        } else {
            true
        }
    }
}

fn speaker_after(c: &Ctx, i: usize, end: usize) -> bool {
    c.toks[i].line_start && {
        let rest = &c.text[c.toks[end - 1].e..];
        rest.starts_with(':') || rest.starts_with(';') || rest.starts_with(" :")
    }
}

/// Line-start list label ("Aanwezig:", "Aan") whose list covers this line (and the next non-empty line when
/// the label stands alone).
fn list_lines(c: &Ctx) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for (k, t) in c.toks.iter().enumerate() {
        if !is_list_label(c.lower(k)) {
            continue;
        }
        let line_end = c.text[t.e..]
            .find('\n')
            .map(|x| t.e + x)
            .unwrap_or(c.text.len());
        // an attendance label may have words around it before its colon: "Tevens aanwezig:",
        // "Met kennisgeving afwezig:", "Afwezig met kennisgeving:", "Aanwezig (digitaal):"
        let attendance = ATTENDANCE_LABELS.contains(&c.lower(k));
        let line_start = c.text[..t.s].rfind('\n').map_or(0, |x| x + 1);
        let lead = &c.text[line_start..t.s];
        let lead_ok =
            t.line_start || attendance && short_label_words(lead) && !lead.trim().is_empty();
        if !lead_ok {
            continue;
        }
        let mut label_end = t.e;
        if attendance
            && let Some(x) = c.text[t.e..line_end].find(':')
            && short_label_words(&c.text[t.e..t.e + x])
        {
            label_end = t.e + x;
        }
        let rest = c.text[label_end..line_end].trim();
        let colon = rest.starts_with(':');
        if colon || rest.is_empty() {
            let mut s = label_end;
            let mut e = line_end;
            if rest.trim_start_matches(':').trim().is_empty() {
                // names on the next non-empty line (after a bullet or a number)
                let after = &c.text[line_end..];
                let skip = after.len() - after.trim_start().len();
                s = line_end + skip;
                e = c.text[s..]
                    .find('\n')
                    .map(|x| s + x)
                    .unwrap_or(c.text.len());
            }
            // the list goes on over following lines that are only comma-separated names
            let mut next = e;
            loop {
                let after = &c.text[next..];
                let skip = after.len() - after.trim_start().len();
                let ls = next + skip;
                if ls >= c.text.len() {
                    break;
                }
                let le = c.text[ls..]
                    .find('\n')
                    .map(|x| ls + x)
                    .unwrap_or(c.text.len());
                if !looks_like_name_list(&c.text[ls..le]) {
                    break;
                }
                e = le;
                next = le;
            }
            out.push((s, e, attendance));
        } else if matches!(c.lower(k), "aan" | "van" | "cc") && t.cap && t.line_start {
            // a memo header ("Aan Jan de Vries, Peter Teesink"), not a sentence that goes on
            // over a line break ("... in de vorm\nvan tips, tools en trainingen. We ...")
            out.push((t.e, line_end, false));
        }
    }
    out
}

/// A bullet or an item number ("-", "•", "1.", "2)").
fn is_bullet(p: &str) -> bool {
    let p = p.trim();
    matches!(p, "-" | "\u{2013}" | "\u{2022}" | "*" | "\u{b7}")
        || p.len() >= 2
            && p.ends_with(['.', ')'])
            && p[..p.len() - 1].chars().all(|c| c.is_ascii_digit())
}

/// A line without its bullet or item number ("- Palm", "1. Van Dam").
fn strip_bullet(line: &str) -> &str {
    match line.split_once(' ') {
        Some((head, rest)) if is_bullet(head) => rest.trim_start(),
        _ => line,
    }
}

/// Labels of attendance lists, which may stand with other words before their colon.
const ATTENDANCE_LABELS: &[&str] = &[
    "aanwezig",
    "aanwezigen",
    "afwezig",
    "afwezigen",
    "uitgenodigd",
    "genodigden",
    "afmeldingen",
    "afgemeld",
    "deelnemers",
    "verhinderd",
];

/// At most three short lower-case words, abbreviations or a bracketed remark beside an attendance
/// label ("tevens", "met kennisgeving", "m.k.", "(digitaal)"), no sentence.
fn short_label_words(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    s.chars().count() <= 30
        && words.len() <= 3
        && words.iter().all(|w| {
            let w = w.trim_matches(['(', ')']);
            !w.is_empty()
                && w.chars().all(|ch| ch.is_alphabetic() || ch == '.')
                && (w.chars().all(char::is_lowercase)
                    || matches!(w, "Tevens" | "Voorts" | "Eveneens" | "Met" | "Ook"))
        })
}

/// Token i starts an item of a list line: right after the label's colon, a comma, a semicolon or
/// "en", or at the start of a continuation line.
fn list_item_start(c: &Ctx, lists: &[(usize, usize)], i: usize) -> bool {
    let t = &c.toks[i];
    if !lists.iter().any(|&(a, b)| t.s >= a && t.e <= b) {
        return false;
    }
    let before = c.text[..t.s].trim_end_matches([' ', '\t']);
    // a line start counts after a bullet or an item number too ("- Palm", "1. Van Dam")
    let line = before.rsplit('\n').next().unwrap_or(before);
    before.is_empty()
        || before.ends_with([':', ',', ';', '\n'])
        || is_bullet(line)
        || i > 0 && matches!(c.lower(i - 1), "en") && c.gap(i) == " "
}

/// The chain ending before token `end` ends an item of a list line.
fn list_item_end(c: &Ctx, end: usize) -> bool {
    let rest = c.text[c.toks[end - 1].e..].trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with([',', ';', '\n', '.', '(']) || rest.starts_with("en ")
}

/// Language names, some of which are also first names or surnames ("Frans", "Engels").
const LANGUAGES: &[&str] = &[
    "Frans",
    "Engels",
    "Duits",
    "Spaans",
    "Italiaans",
    "Portugees",
    "Nederlands",
    "Vlaams",
    "Fries",
    "Turks",
    "Pools",
    "Grieks",
    "Noors",
    "Deens",
    "Zweeds",
    "Fins",
    "Iers",
    "Russisch",
    "Arabisch",
    "Chinees",
    "Japans",
    "Latijn",
    "Hebreeuws",
    "Marokkaans",
    "Papiaments",
];

/// Words before a language name that show it is the language ("in het Frans", "les Frans").
const LANGUAGE_BEFORE: &[&str] = &[
    "het",
    "les",
    "lessen",
    "uur",
    "vak",
    "leraar",
    "lerares",
    "docent",
    "cursus",
    "examen",
    "taal",
    "mondeling",
];

/// Verbs before a language name that ends its clause ("Hij spreekt Frans."); with more words
/// after it the name may be the subject ("Daarna spreekt Frans in namens de bewoners").
const LANGUAGE_VERBS: &[&str] = &[
    "spreekt",
    "spreken",
    "sprak",
    "spraken",
    "verstaat",
    "verstaan",
    "verstond",
    "leest",
    "lezen",
    "schrijft",
    "schrijven",
    "leert",
    "leren",
    "praat",
    "praten",
    "beheerst",
    "beheersen",
];

/// A language name used as the language, not as a person's name ("de vergadering werd in het
/// Frans gevoerd", "hij spreekt Frans.", "Frans sprekende", "Frans en Duits"), not after a
/// title or role ("De heer Engels spreekt Frans") nor in a list of names.
fn language_use(c: &Ctx, lists: &[(usize, usize)], k: usize) -> bool {
    let t = &c.toks[k];
    if !LANGUAGES.contains(&t.w)
        || title_before(c, k)
        || role_before(c, k)
        || lists.iter().any(|&(a, b)| t.s >= a && t.e <= b)
    {
        return false;
    }
    let prev = if k > 0 && c.gap(k) == " " {
        Some(c.lower(k - 1))
    } else {
        None
    };
    let next = c
        .toks
        .get(k + 1)
        .filter(|_| c.gap(k + 1) == " ")
        .map(|x| x.lower.as_ref());
    let clause_ends = c.text[t.e..]
        .trim_start()
        .chars()
        .next()
        .is_none_or(|ch| matches!(ch, '.' | ',' | ';' | '!' | '?' | ')'));
    let lang = |j: usize| c.toks.get(j).is_some_and(|x| LANGUAGES.contains(&x.w));
    prev.is_some_and(|p| LANGUAGE_BEFORE.contains(&p))
        || prev.is_some_and(|p| LANGUAGE_VERBS.contains(&p)) && clause_ends
        || next.is_some_and(|n| matches!(n, "sprekend" | "sprekende" | "talig" | "talige"))
        // "Frans en Duits", "Engels of Frans"
        || matches!(next, Some("en" | "of")) && lang(k + 2)
        || k >= 2 && matches!(prev, Some("en" | "of")) && lang(k - 2)
}

/// Dutch function words that some name lists also hold as first names ("We", "Er", "Ga"): on
/// their own, without a cue, they are the word, even when capitalised mid-sentence (a missing
/// full stop is far more common in minutes than a person called "We").
/// Particles that are also prepositions: in a name only before an article particle.
const PREPOSITION_PARTICLES: &[&str] = &["in", "op", "uit", "aan", "bij", "onder", "voor", "over"];

/// Predicates of nobility, written lower-case between initials and the surname ("G.S.G. baron
/// van Fridagh").
const NOBILITY: &[&str] = &[
    "baron",
    "barones",
    "graaf",
    "gravin",
    "ridder",
    "jonkheer",
    "jonkvrouw",
    "burggraaf",
];

pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "we", "wij", "er", "ga", "gaan", "ik", "je", "jij", "jullie", "hij", "zij", "ze", "het", "de",
    "een", "dat", "die", "dit", "deze", "als", "om", "op", "in", "en", "of", "maar", "want", "dus",
    "ook", "nog", "wel", "niet", "geen", "al", "toen", "dan", "daar", "hier", "wat", "wie", "waar",
    "hoe", "men", "u", "ons", "onze", "mijn", "zo", "na", "voor", "met", "tot",
];

/// Long Dutch nouns (beyond the common-word list) by their suffix: "Vergadering", "Diversiteit".
fn looks_like_dutch_noun(lower: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "tie", "ties", "heid", "heden", "ing", "ingen", "schap", "isme", "iteit", "teit", "erij",
        "ment", "overleg", "beleid", "raad", "dienst", "zaken", "plan", "nota", "brief", "groep",
        "team", "bureau", "gesprek", "traject",
    ];
    lower.chars().count() > 9 && SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// A line made only of short comma-separated capitalised items ("Shirley Boedhoe, Bram de Ruiter").
fn looks_like_name_list(line: &str) -> bool {
    let line = strip_bullet(line.trim());
    if line.is_empty() || line.ends_with(['.', ':', '?', '!']) || line.contains(':') {
        return false;
    }
    line.split([',', ';']).all(|item| {
        let item = item.trim();
        let words: Vec<&str> = item.split_whitespace().filter(|w| *w != "en").collect();
        const SMALL: &[&str] = &[
            "van", "de", "der", "den", "ter", "ten", "te", "el", "al", "'t", "het", "la", "le",
            "du", "da",
        ];
        !words.is_empty()
            && words.len() <= 6
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && !w.chars().any(|c| c.is_ascii_digit())
                    || SMALL.contains(w)
                    || w.starts_with('(')
            })
    })
}

/// Words after which a compound's capitalised first part is an organisation ("Chebbab-woordvoerders", "Invensys-topman").
const ORG_COMPOUND_TAILS: &[&str] = &[
    "topman",
    "topvrouw",
    "woordvoerder",
    "woordvoerders",
    "woordvoerster",
    "aandeel",
    "aandelen",
    "aandeelhouders",
    "concern",
    "hoofdkantoor",
];

/// Prepositions before the noun phrase that names an organisation ("bij de uitgeverij X").
const PHRASE_PREPOSITIONS: &[&str] = &[
    "bij", "van", "door", "voor", "met", "naar", "aan", "over", "uit", "tegen", "namens",
    "volgens", "via", "tussen", "om", "op", "in", "onder", "zonder", "dankzij", "vanuit", "binnen",
    "sinds", "per", "tot", "als",
];

/// A word in the attributive form of an adjective ("grote", "Amerikaanse", "bekende").
fn adjective_form(t: &Tok, d: &Dicts) -> bool {
    if t.cap {
        // "Britse", "Amsterdamse"; not a first name ("het Denise Brouwers laten weten")
        !t.allcaps
            && (t.lower.ends_with("se") || t.lower.ends_with("sche"))
            && !d.is_first(t.w)
            && !d.is_sur(t.w)
    } else {
        // a closed list: a participle or a noun in -e before a name is no sign ("het gevraagde
        // Jansen", "het ministerie Belcredi")
        ORG_ADJECTIVES.contains(&&*t.lower)
    }
}

/// Adjectives written before the name of a company or institution with the neuter article.
const ORG_ADJECTIVES: &[&str] = &[
    "grote",
    "kleine",
    "bekende",
    "beroemde",
    "machtige",
    "nieuwe",
    "oude",
    "jonge",
    "voormalige",
    "failliete",
    "noodlijdende",
    "internationale",
    "multinationale",
    "beursgenoteerde",
    "omstreden",
    "lokale",
    "regionale",
    "landelijke",
    "plaatselijke",
    "publieke",
    "commerciële",
    "private",
    "Europese",
    "gelijknamige",
];

/// Spans of capitalised words the text itself names as an organisation: right after a noun for a
/// kind of organisation ("de uitgeverij Querido", "bij de omroep X"), after the neuter
/// article and an adjective, which a person never takes ("het Britse Invensys"), or before a word for its staff or shares
/// ("Chebbab-woordvoerders": the span is "Chebbab"). A word that runs on into another capitalised
/// word ("het bedrijf Jan Smit") is not taken: the name may be a person's.
fn named_organisations(toks: &[Tok], text: &str, d: &Dicts) -> Vec<(usize, usize)> {
    let spaced = |a: &Tok, b: &Tok| text[a.e..b.s].chars().all(|c| c == ' ');
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if let Some((head, tail)) = t.w.split_once('-')
            && t.cap
            && ORG_COMPOUND_TAILS.contains(&tail)
            && head.chars().count() >= 3
        {
            out.push((t.s, t.s + head.len()));
            continue;
        }
        if !t.cap || t.allcaps || t.w.contains('-') || d.particles.contains(&*t.lower) || i == 0 {
            continue;
        }
        // the word must end the name: no capitalised word right after it
        if toks
            .get(i + 1)
            .is_some_and(|n| n.cap && spaced(t, n) || text[t.e..].starts_with('-'))
        {
            continue;
        }
        let p = &toks[i - 1];
        if !spaced(p, t) {
            continue;
        }
        // the noun phrase must open a sentence or follow a preposition: after a verb it may be
        // the subject, and the name its object ("ontsloeg het ziekenhuis Oyelaran")
        let opens = |k: usize| {
            toks[k].sent_start
                || k >= 1
                    && PHRASE_PREPOSITIONS.contains(&&*toks[k - 1].lower)
                    && spaced(&toks[k - 1], &toks[k])
        };
        let with_article = |k: usize| {
            if k >= 1
                && matches!(&*toks[k - 1].lower, "de" | "het" | "een")
                && spaced(&toks[k - 1], &toks[k])
            {
                k - 1
            } else {
                k
            }
        };
        let kind = !p.cap && d.is_org_kind(&p.lower) && opens(with_article(i - 1));
        // "het Britse X" (never bare "het X": "ik heb het Oyelaran gevraagd", "het" a pronoun)
        let neuter = i >= 2
            && adjective_form(p, d)
            && toks[i - 2].lower == "het"
            && spaced(&toks[i - 2], p)
            && opens(i - 2);
        if kind || neuter {
            out.push((t.s, t.e));
        }
    }
    out
}

/// What [`scan`] finds in a text.
pub(crate) struct NameScan {
    /// Name findings.
    pub raws: Vec<Raw>,
    /// Words the text names as an organisation ([`named_organisations`]).
    pub organisations: Vec<(usize, usize)>,
    /// Words that are also names but used here as something else: a language ("in het Frans").
    pub not_names: Vec<(usize, usize)>,
}

/// All name findings in a text. `blocked` are identifier spans (e-mail etc.).
pub(crate) fn scan(
    text: &str,
    d: &Dicts,
    public_first: &HashSet<String>,
    blocked: &[(usize, usize)],
    short: bool,
) -> NameScan {
    let mut out = Vec::new();
    let mut toks = tokenize(text);
    let organisations = named_organisations(&toks, text, d);
    let org_words: HashSet<&str> = organisations.iter().map(|&(s, e)| &text[s..e]).collect();
    let mut spans: Vec<(usize, usize)> = blocked.to_vec();
    let mut places: Vec<(usize, usize)> = Vec::new();
    for (s, e, kind) in d.phrases(text) {
        match kind {
            PhraseKind::Always => out.push(mk(
                s,
                e,
                "name.always",
                "configured to be always redacted",
                true,
            )),
            PhraseKind::Place => places.push((s, e)),
            _ => spans.push((s, e)),
        }
    }
    for t in &mut toks {
        t.blocked = spans.iter().any(|&(a, b)| t.s < b && a < t.e);
        t.place = places.iter().any(|&(a, b)| t.s < b && a < t.e);
    }
    let c = Ctx {
        text,
        d,
        public_first,
        org_words: &org_words,
        toks,
    };
    let all_lists = if short { Vec::new() } else { list_lines(&c) };
    let lists: Vec<(usize, usize)> = all_lists.iter().map(|&(a, b, _)| (a, b)).collect();
    let attendance: Vec<(usize, usize)> = all_lists
        .iter()
        .filter(|l| l.2)
        .map(|&(a, b, _)| (a, b))
        .collect();
    let n = c.toks.len();
    let mut i = 0;
    while i < n {
        let t = &c.toks[i];
        // a lower-case particle starts a name after a title: "de heer van Aken"
        // a word of the not-person list right after a title is a surname: "de heer Rijk"
        let title_blocked =
            t.blocked && t.cap && !t.allcaps && t.w.chars().count() >= 3 && title_before(&c, i);
        // a lower-case particle after a role word: "wethouder van der Linden" (checked below)
        let role_lower = c.is_particle(i) && !t.cap && role_before(&c, i);
        let starts_ok = t.initial
            || c.name_like(i)
            || title_blocked
            || (c.is_particle(i) && (t.cap || title_before(&c, i) || role_lower));
        if !starts_ok || t.blocked && !title_blocked {
            i += 1;
            continue;
        }
        let cue_title = title_before(&c, i);
        // in mid-sentence, right after a lower-case word, a capitalised particle is no article:
        // "slaagde De Gucht erin", "de secretaresse van Van Mechelen" (but not "in De Bilt")
        let particle_mid = matches!(c.lower(i), "de" | "van" | "ter" | "ten" | "den" | "der")
            && t.cap
            && !t.sent_start
            && i > 0
            && c.gap(i) == " "
            && c.toks[i - 1]
                .w
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && !crate::detect::PLACE_PREPOSITIONS.contains(&c.lower(i - 1))
            // "het Van Gogh Museum": a person takes no article
            && !matches!(c.lower(i - 1), "het" | "een");
        // a role word before a capitalised particle: "Wethouder Van der Linden merkt op"
        let role_particle = c.is_particle(i) && t.cap && role_before(&c, i);
        // an item of an attendance list may start with a capitalised particle ("Aanwezig:
        // Jansen, De Vries")
        // (not "Van" at a line start outside a list of attendees: the sender line of a memo
        // header, "Van J. van Rooij, Bureau X"; nor a place: "Den Bosch")
        let list_particle = matches!(
            c.lower(i),
            "de" | "van" | "ter" | "ten" | "den" | "le" | "la"
        ) && t.cap
            && !t.place
            && !(t.line_start
                && c.lower(i) == "van"
                && !attendance.iter().any(|&(a, b)| t.s >= a && t.e <= b))
            && list_item_start(&c, &lists, i);
        // after a role word a place name is a surname too ("notaris Oudemolen")
        let after_role = t.cap && role_before(&c, i);
        let Some(end) = c.chain(
            i,
            cue_title
                || t.initial
                || particle_mid
                || role_particle
                || after_role
                || list_particle
                || role_lower,
        ) else {
            i += 1;
            continue;
        };
        let cores = c.cores(i, end);
        if cores.is_empty() {
            i += 1;
            continue;
        }
        // a capital particle may only start a chain after a title or at a line/sentence start with a cue
        let (s, e) = c.span(i, end);
        let has_initials = c.toks[i].initial;
        let first_fn = c.is_first(cores[0]);
        let any_known = cores
            .iter()
            .any(|&k| (c.is_first(k) || c.is_sur(k)) && !c.is_common(k));
        let all_common = cores.iter().all(|&k| c.is_common(k));
        let single = cores.len() == 1;
        let mid = !c.toks[i].sent_start;
        let in_list = lists.iter().any(|&(a, b)| s >= a && e <= b);
        // a whole item of the list: "Aanwezig: Jansen, Palm, Bakker" (an ordinary word that the
        // surname list knows is a surname there)
        let list_item = in_list && list_item_start(&c, &lists, i) && list_item_end(&c, end);
        let inner_particle = (i..end).any(|k| k > cores[0] && c.is_particle(k) && !c.toks[k].cap);
        let foreign = cores
            .iter()
            .any(|&k| c.toks[k].w.chars().any(|ch| FOREIGN_LETTERS.contains(ch)));
        let leading_cap_particle = c.is_particle(i)
            && c.toks[i].cap
            && !c.toks[i].initial
            && !cue_title
            && !role_particle
            && !list_particle;
        // "wethouder van der Linden", "notaris de Jong", "burgemeester ter Horst" are names;
        // "voorzitter van de Raad", "burgemeester van Amsterdam", "notaris te Zwolle" (a
        // preposition), "griffier der Staten" (an article) are not: after "ter", "ten", "de" and
        // "van" only list surnames count, after "van" no place, after "van de" no ordinary word;
        // a role with an article is a noun, and what follows it may be its object ("heeft de
        // wethouder de Raad geïnformeerd", "de directeur van Philips")
        let role_lower_ok = !role_lower || {
            let particles: Vec<&str> = (i..cores[0]).map(|k| c.lower(k)).collect();
            let noun_role = i >= 2 && DETERMINERS.contains(&c.lower(i - 2));
            let sur = |k: usize| c.is_sur(k) && !c.toks[k].blocked;
            match particles.as_slice() {
                ["van", "der" | "den" | "t" | "'t"] | ["in", "t" | "'t"] => {
                    cores.iter().any(|&k| c.is_sur(k) || !c.is_common(k))
                }
                ["ter" | "ten"] => cores.iter().all(|&k| sur(k)),
                ["de"] => cores
                    .iter()
                    .all(|&k| sur(k) && (!noun_role || !c.is_common(k))),
                // (not "burgemeester van Son en Breugel", "van Wijk bij Duurstede")
                ["van"] => {
                    !noun_role
                        && c.lower(i - 1) != "burgemeester"
                        && !(end < n
                            && c.gap(end) == " "
                            && matches!(c.lower(end), "en" | "bij" | "aan" | "op" | "in"))
                        && cores.iter().all(|&k| sur(k) && !c.toks[k].place)
                }
                ["van", "de"] => {
                    !noun_role
                        && cores
                            .iter()
                            .all(|&k| sur(k) && !c.is_common(k) && !c.toks[k].place)
                }
                _ => false,
            }
        };

        // where only the list lets a capitalised particle start a name, the name must be the
        // whole item ("; Van Boxtel naar Tilburg" is a place in a timetable), and after an
        // article-like "De" an ordinary word is a surname only in a list of attendees or after
        // another item ("Aanwezig: De Boer", "Aan: Palm, De Boer", but "Aan: De Raad")
        let list_only = list_particle && !role_particle && !cue_title && !particle_mid;
        let list_particle_ok = !list_only
            || list_item_end(&c, end)
                && (!matches!(c.lower(i), "de" | "den")
                    || cores.iter().all(|&k| {
                        c.is_sur(k)
                            && (!c.is_common(k)
                                || attendance.iter().any(|&(a, b)| s >= a && e <= b)
                                || c.text[..c.toks[i].s].trim_end().ends_with([',', ';'])
                                || i > 0 && c.lower(i - 1) == "en")
                    }));
        let decision: Option<(&'static str, &str, bool)> = if !role_lower_ok
            || !list_particle_ok
            || single && language_use(&c, &lists, cores[0])
        {
            None
        } else if cue_title {
            Some((
                "name.title_surname",
                "surname after a title or form of address",
                true,
            ))
        } else if leading_cap_particle {
            // a place, an ordinary word or a long compound after it is left alone ("las De
            // Morgen", "het programma De Kunstberg")
            let plain = !all_common
                && cores.iter().all(|&k| {
                    !c.toks[k].place && (c.is_sur(k) || c.toks[k].w.chars().count() <= 9)
                });
            (particle_mid && plain).then_some((
                "name.particle_surname",
                "surname with a capitalised particle in mid-sentence",
                false,
            ))
        } else if mention_before(&c, i) {
            Some(("name.mention", "@-mention in minutes", true))
        } else if has_initials {
            if !single
                || !all_common
                || c.is_sur(cores[0])
                || (i..end).any(|k| c.is_particle(k) && !c.toks[k].cap)
            {
                Some((
                    "name.initials_surname",
                    "initials followed by a surname",
                    true,
                ))
            } else {
                None
            }
        } else if role_before(&c, i) && !(single && all_common && !c.is_sur(cores[0])) {
            Some((
                "name.role",
                "name after a role word (wethouder, voorzitter, ...)",
                true,
            ))
        } else if action_before(&c, i) {
            Some(("name.action", "name after an action cue (Actie ...)", true))
        } else if in_list
            && !(single && all_common && !first_fn && !(c.is_sur(cores[0]) && list_item))
            && !(single && FUNCTION_WORDS.contains(&c.lower(cores[0])))
        {
            Some(("name.list", "name in an attendance or address list", true))
        } else if paren_role_after(&c, end) {
            Some((
                "name.paren_role",
                "name before a role in brackets, e.g. (verslag)",
                true,
            ))
        } else if !short
            && speaker_after(&c, i, end)
            && (any_known || cores.len() >= 2 && !all_common)
        {
            Some(("name.speaker", "speaker label at line start", true))
        } else if cores.len() >= 2
            && first_fn
            && (mid
                || !c.is_common(cores[0])
                || any_known
                || inner_particle
                // a first name that is also a word ("Maarten", "Geert", "Hans") before words
                // that are no words nor places ("Rabaey"): a name at a sentence start too
                || cores[1..]
                    .iter()
                    .all(|&k| !c.is_common(k) && !c.toks[k].place)
                // a first name and surnames of the lists before a minutes verb ("Hans Bakker
                // zegt") or, in a sentence, a lower-case word ("Maarten Mulder is het eens"):
                // the capital of the second word is no sentence capital
                || cores[1..].iter().all(|&k| c.is_sur(k))
                    && !short
                    && (verb_after(&c, end)
                        || !cores.iter().any(|&k| c.d.lex_not_person(c.toks[k].w))
                            && !FUNCTION_WORDS.contains(&c.lower(cores[0]))
                            && end < c.toks.len()
                            && c.gap(end) == " "
                            && c.toks[end].w.chars().next().is_some_and(char::is_lowercase)
                            && !c.is_particle(end))
                // alone on its line, a first name and surnames of the lists are a signature
                // ("Met vriendelijke groet,\n\nHans Bakker"), not a heading of two words,
                // unless annotated text knows a word as an organisation or place ("Rode Kruis")
                || cores[1..].iter().all(|&k| c.is_sur(k))
                    && !cores.iter().any(|&k| c.d.lex_not_person(c.toks[k].w))
                    && text[..s].rsplit('\n').next().is_some_and(|l| l.trim().is_empty())
                    && text[e..]
                        .split('\n')
                        .next()
                        .is_some_and(|l| l.trim_matches([' ', '\t', '.', ',']).is_empty()))
        {
            Some((
                "name.first_surname",
                "first name followed by a surname",
                true,
            ))
        } else if cores.len() >= 2
            && any_known
            && !c.is_common(cores[0])
            && c.is_sur(cores[cores.len() - 1])
        {
            Some(("name.full", "name-like words with a known surname", true))
        } else if !short
            && (verb_after(&c, end) && (any_known || (mid && !all_common))
                || common_surname_speaks(&c, &cores, end))
            && !affiliation_before(&c, i)
        {
            Some((
                "name.verb_cue",
                "name as subject of a minutes verb (zegt, geeft aan, ...)",
                true,
            ))
        } else if single
            && first_fn
            && (!c.is_common(cores[0]) || mid || short)
            && !FUNCTION_WORDS.contains(&c.lower(cores[0]))
        {
            Some(("name.first_name", "first name from the name list", true))
        } else if foreign && !all_common {
            Some((
                "name.foreign_letters",
                "capitalised word with letters of a non-Dutch name (ğ, ş, ı, ...)",
                false,
            ))
        } else if single && c.is_sur(cores[0]) && !c.is_common(cores[0]) {
            Some(("name.surname", "surname from the name list", false))
        } else {
            None
        };
        match decision {
            Some((rule, reason, strong)) => {
                out.push(mk(s, e, rule, reason, strong));
                i = end;
            }
            None => i += 1,
        }
    }
    let not_names = (0..n)
        .filter(|&k| language_use(&c, &lists, k))
        .map(|k| (c.toks[k].s, c.toks[k].e))
        .collect();
    NameScan {
        raws: out,
        organisations,
        not_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_join_hyphens() {
        let t = tokenize("mw. Lim-A-Po en G.C.M. Oosterhuis");
        let w: Vec<&str> = t.iter().map(|t| t.w).collect();
        assert_eq!(w, ["mw", "Lim-A-Po", "en", "G", "C", "M", "Oosterhuis"]);
        assert!(t[3].initial && t[5].initial && !t[6].initial);
    }

    #[test]
    fn organisations_named_by_their_kind_article_or_staff() {
        let d = Dicts::load(&[], &[], &[]).expect("dictionaries");
        let named = |text: &str| -> Vec<String> {
            named_organisations(&tokenize(text), text, &d)
                .into_iter()
                .map(|(s, e)| text[s..e].to_string())
                .collect()
        };
        assert_eq!(
            named("Het boek verscheen bij de uitgeverij Querido in Amsterdam."),
            ["Querido"]
        );
        assert_eq!(
            named("Baan wordt opgekocht door het Britse Invensys."),
            ["Invensys"]
        );
        assert_eq!(
            named("Volgens de omroep Vantrixa stijgt de omzet."),
            ["Vantrixa"]
        );
        assert_eq!(
            named("De Chebbab-woordvoerders maakten indruk."),
            ["Chebbab"]
        );
        // a person's trade, a name that runs on, a neuter noun in -e, a surname with "van het",
        // "het" as a pronoun before a first name
        for text in [
            "Volgens de filmmaker Jansen is het af.",
            "Het bedrijf Jan Smit levert de stoelen.",
            "Dit is het standpunt van het ministerie Belcredi.",
            "Daarna zong Raymond van het Groenewoud.",
            "Wie heeft het Pieter verteld?",
            "Ik heb het Oyelaran gisteren gevraagd.",
            "Ik heb het gevraagde Jansen toegestuurd.",
            "Heb jij het Denise Brouwers al laten weten?",
            "De wederpartij Jansen ging in beroep.",
            "Het loonbedrijf Kaptein deed een melding.",
            "Daar sprak ik met de kraanoperator Wubbolts.",
            "De exploitant Wubbolts van het café.",
            "Het team Oyelaran handelde de klachten af.",
            "De rijschool Oyelaran is gesloten.",
            "Op 4 maart ontsloeg het ziekenhuis Oyelaran na een opname.",
            "Sinds maart helpt de voedselbank Okafor met pakketten.",
            "Vorig jaar nam de vereniging Okafor op als lid.",
            "Hij is geen Okafor-directeur.",
        ] {
            assert!(named(text).is_empty(), "{text:?}: {:?}", named(text));
        }
    }
}
