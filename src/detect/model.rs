//! The learned name model: an averaged-perceptron token tagger that scores every word as part of a person name or not.
//!
//! * Tokens: words (letters, inner `-` / `'`), numbers and single punctuation marks of the page's
//!   search text; only words and numbers are scored.
//! * Features (hashed into [`BUCKETS`] weights): lower-case word, word shape, prefixes and
//!   suffixes, casing, initials, sentence / line start, membership of the first-name, surname,
//!   word, particle, title, role and place lists (an all-capitals word is looked up in title case,
//!   so `JANSEN` is a surname), the neighbouring words, shapes, list flags and punctuation, and
//!   the label given to the previous two words (greedy left-to-right decoding).
//! * Weights: `model/names.bin` (see `model/README.md`), compiled into the binary and decoded
//!   once per [`super::Detector`]; produced by `scripts/train-name-model.sh`, which anyone can
//!   rerun (generated text + CC0 Europeana; never CoNLL-2002).
//! * Every score can be explained: [`Model::explain`] lists the features that contributed most.

use super::dict::{Dicts, PhraseKind};

/// Number of hashed weight buckets (2^18).
pub const BUCKETS: usize = 1 << 18;

const MAGIC: &[u8; 8] = b"WOONAME1";

/// The shipped weights (`model/names.bin`).
const SHIPPED: &[u8] = include_bytes!("../../model/names.bin");

/// A soft rule finding whose best word scores below this margin is dropped (the model reads no name).
pub const VETO_MARGIN: f32 = -10.0;
/// A run of words the model reads as a name is added when its best word scores at least this margin.
pub const ADD_MARGIN: f32 = 8.0;
/// A model finding at or above this margin counts as strong evidence in the term table.
pub const STRONG_MARGIN: f32 = 6.0;

/// Squashes a margin to 0..1 (0.5 at the decision boundary; not a calibrated probability).
pub fn squash(m: f32) -> f32 {
    1.0 / (1.0 + (-m / 4.0).exp())
}

/// What kind of token a model token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with inner `-` or `'`).
    Word,
    /// Digits.
    Num,
    /// One punctuation character.
    Punct,
}

/// A token of the model's view of a text.
#[derive(Debug, Clone)]
pub struct MTok {
    /// Byte offset of the first byte.
    pub s: usize,
    /// Byte offset one past the last byte.
    pub e: usize,
    /// Kind of token.
    pub kind: TokKind,
    /// A line break lies between the previous token and this one.
    pub nl_before: bool,
}

/// Splits a text into model tokens.
pub fn tokenize(text: &str) -> Vec<MTok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut nl = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{c}' {
                nl = true;
            }
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokKind::Word
        } else if c.is_ascii_digit() {
            TokKind::Num
        } else {
            TokKind::Punct
        };
        let mut e = i + c.len_utf8();
        if kind != TokKind::Punct {
            loop {
                match it.peek() {
                    Some(&(j, d))
                        if (kind == TokKind::Word && d.is_alphabetic())
                            || (kind == TokKind::Num && d.is_ascii_digit()) =>
                    {
                        e = j + d.len_utf8();
                        it.next();
                    }
                    Some(&(j, d))
                        if kind == TokKind::Word
                            && (d == '-' || d == '\'' || d == '\u{2019}')
                            && text[j + d.len_utf8()..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphabetic) =>
                    {
                        e = j + d.len_utf8();
                        it.next();
                    }
                    _ => break,
                }
            }
        }
        out.push(MTok {
            s: i,
            e,
            kind,
            nl_before: nl,
        });
        nl = false;
    }
    out
}

/// Per-token facts the features are built from (computed once per text).
struct Info<'t> {
    w: &'t str,
    lower: String,
    shape: String,
    kind: TokKind,
    cap: bool,
    allcaps: bool,
    initial: bool,
    first: bool,
    sur: bool,
    word: bool,
    particle: bool,
    title: bool,
    role: bool,
    place: bool,
    notperson: bool,
    /// In the world gazetteer (GeoNames), alone or as part of a longer place name.
    gplace: bool,
    /// An organisation cue word ("Genomics", "FC", "Museum").
    orgcue: bool,
    /// Known to annotated text as an organisation, place or other name, not a person's.
    lexnp: bool,
    /// The run of capitalised words this word stands in holds an organisation cue word.
    run_org: bool,
    /// Number of capitalised words in that run (1..=4, more counts as 4).
    run_len: u8,
    sent_start: bool,
    line_start: bool,
    /// Training only: leave out the word identity (so that context and shape learn to carry names).
    hide_word: bool,
}

fn shape_of(w: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    let mut run = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(k);
        last = k;
    }
    out
}

/// `JANSEN` -> `Jansen`, `VAN-DER` -> `Van-Der` (list lookups of words in capitals).
pub(crate) fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-' || c == '\'';
    }
    out
}

fn infos<'t>(text: &'t str, toks: &[MTok], d: &Dicts) -> Vec<Info<'t>> {
    let mut places = vec![false; toks.len()];
    let mut notp = vec![false; toks.len()];
    let phrases = d.phrases(text);
    if !phrases.is_empty() {
        for (k, t) in toks.iter().enumerate() {
            for &(a, b, kind) in &phrases {
                if t.s < b && a < t.e {
                    match kind {
                        PhraseKind::Place => places[k] = true,
                        PhraseKind::NotPerson => notp[k] = true,
                        _ => {}
                    }
                }
            }
        }
    }
    let mut out: Vec<Info<'t>> = Vec::with_capacity(toks.len());
    for (k, t) in toks.iter().enumerate() {
        let w = &text[t.s..t.e];
        let lower = w.to_lowercase();
        let first_c = w.chars().next().unwrap_or(' ');
        let cap = first_c.is_uppercase();
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let allcaps = letters > 1
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let initial = t.kind == TokKind::Word
            && cap
            && text[t.e..].starts_with('.')
            && (letters == 1 || matches!(w, "Ph" | "Th" | "Chr" | "Ch" | "Joh" | "Wm"));
        let look = if allcaps {
            title_case(w)
        } else {
            w.to_string()
        };
        let is_word = t.kind == TokKind::Word;
        let prev_punct = (0..k)
            .rev()
            .map(|j| &toks[j])
            .next()
            .filter(|p| p.kind == TokKind::Punct)
            .map(|p| &text[p.s..p.e]);
        let line_start = t.nl_before;
        let sent_start = line_start
            || matches!(
                prev_punct,
                Some("." | "!" | "?" | ":" | ";" | "\"" | "(" | "•")
            ) && !(k >= 2 && out[k - 2].initial);
        out.push(Info {
            w,
            shape: shape_of(w),
            kind: t.kind,
            cap,
            allcaps,
            initial,
            first: is_word && d.is_first(&look),
            sur: is_word && d.is_sur(&look),
            word: is_word && (d.common.contains(lower.as_str()) || d.is_word(&lower)),
            particle: is_word && d.particles.contains(lower.as_str()),
            title: is_word && d.titles_bare.contains(lower.as_str()),
            role: is_word && d.roles.contains(lower.as_str()),
            place: places[k],
            notperson: notp[k],
            gplace: is_word
                && cap
                && !d.particles.contains(lower.as_str())
                && d.gplaces.contains(look.as_str()),
            orgcue: is_word && d.org_cues.contains(w),
            lexnp: is_word && cap && d.lex_not_person(w),
            run_org: false,
            run_len: 0,
            sent_start,
            line_start,
            lower,
            hide_word: false,
        });
    }
    runs(text, toks, d, &mut out);
    out
}

/// Lower-case words that may stand inside one multi-word proper noun ("Consulta Infantil y Juvenil",
/// "Bank of America", "Orde van de Burgerlijke Verdienste").
const RUN_LINKS: &[&str] = &[
    "van", "de", "der", "den", "het", "voor", "y", "the", "and", "for", "di", "del", "della",
    "des", "du", "la", "le", "les", "et", "und", "für", "da", "do", "dos", "das", "el",
];

/// Multi-word gazetteer places and the runs of capitalised words (with linking words inside).
fn runs(text: &str, toks: &[MTok], d: &Dicts, inf: &mut [Info]) {
    let n = toks.len();
    // multi-word places: two to four words separated by one space or line break
    for k in 0..n {
        if !inf[k].cap || inf[k].kind != TokKind::Word {
            continue;
        }
        let mut j = k;
        for _ in 0..3 {
            let nx = j + 1;
            if nx >= n || toks[nx].kind != TokKind::Word {
                break;
            }
            let gap = &text[toks[j].e..toks[nx].s];
            if gap != " " && gap != "\n" {
                break;
            }
            j = nx;
            let phrase = text[toks[k].s..toks[j].e].replace('\n', " ");
            if d.gplaces_multi.contains(phrase.as_str()) {
                for x in &mut inf[k..=j] {
                    x.gplace = true;
                }
                break;
            }
        }
    }
    // runs of capitalised words on one line, linking words inside
    let mut k = 0;
    while k < n {
        if !(inf[k].cap && inf[k].kind == TokKind::Word) {
            k += 1;
            continue;
        }
        let mut j = k;
        let mut caps = 1u8;
        let mut org = inf[k].orgcue;
        let mut m = k + 1;
        while m < n && inf[m].kind == TokKind::Word && !toks[m].nl_before {
            if inf[m].cap {
                caps = caps.saturating_add(1);
                org |= inf[m].orgcue;
                j = m;
            } else if !RUN_LINKS.contains(&inf[m].lower.as_str()) {
                break;
            }
            m += 1;
        }
        for x in &mut inf[k..=j] {
            x.run_org = org;
            x.run_len = caps.min(4);
        }
        k = j + 1;
    }
}

/// FNV-1a over a feature template name and its value.
fn fhash(tpl: &str, val: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in tpl.bytes().chain([0xffu8]).chain(val.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ((h >> 20) ^ h) as u32 & (BUCKETS as u32 - 1)
}

fn flags(i: &Info) -> [(&'static str, bool); 15] {
    [
        ("cap", i.cap),
        ("allcaps", i.allcaps),
        ("initial", i.initial),
        ("first", i.first),
        ("sur", i.sur),
        ("word", i.word),
        ("particle", i.particle),
        ("title", i.title),
        ("role", i.role),
        ("place", i.place),
        ("notperson", i.notperson),
        ("sent", i.sent_start),
        ("gplace", i.gplace),
        ("orgcue", i.orgcue),
        ("run_org", i.run_org),
    ]
}

fn flag_str(i: &Info) -> String {
    let mut s = String::with_capacity(15);
    for (_, f) in flags(i) {
        s.push(if f { '1' } else { '0' });
    }
    s
}

fn affix(w: &str, n: usize, suffix: bool) -> &str {
    let count = w.chars().count();
    if count <= n {
        return w;
    }
    if suffix {
        let skip = w.char_indices().nth(count - n).map_or(0, |(b, _)| b);
        &w[skip..]
    } else {
        let end = w.char_indices().nth(n).map_or(w.len(), |(b, _)| b);
        &w[..end]
    }
}

/// Calls `f(template, value)` for every static feature of scored token `k`.
fn features(text: &str, toks: &[MTok], inf: &[Info], k: usize, f: &mut impl FnMut(&str, &str)) {
    let t = &inf[k];
    let on = |b: bool| if b { "1" } else { "0" };
    f("bias", "");
    if !t.hide_word {
        f("w", &t.lower);
    }
    f("shape", &t.shape);
    f("suf3", affix(&t.lower, 3, true));
    f("suf4", affix(&t.lower, 4, true));
    f("pre3", affix(&t.lower, 3, false));
    for (name, v) in flags(t) {
        if v {
            f(name, "1");
        }
    }
    f("line", on(t.line_start));
    f("flags", &flag_str(t));
    let capkind = if !t.cap {
        "low"
    } else if t.first && t.sur {
        "both"
    } else if t.first {
        "first"
    } else if t.sur {
        "sur"
    } else if t.word {
        "word"
    } else {
        "unknown"
    };
    f("capkind", capkind);
    f(
        "capkind_sent",
        if t.sent_start {
            if t.word { "sent_word" } else { "sent_other" }
        } else {
            capkind
        },
    );
    f(
        "cap_word_sent",
        &format!("{}{}{}", on(t.cap), on(t.word), on(t.sent_start)),
    );
    // neighbours
    for (off, name_w, name_s, name_f) in [
        (-2i32, "w-2", "s-2", "f-2"),
        (-1, "w-1", "s-1", "f-1"),
        (1, "w+1", "s+1", "f+1"),
        (2, "w+2", "s+2", "f+2"),
    ] {
        let j = k as i32 + off;
        if j < 0 || j as usize >= inf.len() {
            f(name_w, "<none>");
            continue;
        }
        let n = &inf[j as usize];
        if n.kind == TokKind::Punct {
            f(name_w, n.w);
        } else {
            f(name_w, &n.lower);
            f(name_s, &n.shape);
            f(name_f, &flag_str(n));
            if off.abs() == 1 {
                for (fname, v) in flags(n) {
                    if v {
                        f(name_f, fname);
                    }
                }
                f(
                    if off < 0 { "ck-1" } else { "ck+1" },
                    &format!("{}|{capkind}", if n.cap { n.shape.as_str() } else { "low" }),
                );
            }
        }
    }
    if t.cap {
        f("run", &format!("{}{}{}", t.run_len, on(t.run_org), capkind));
    }
    // the words around, skipping punctuation
    let prev_word = (0..k).rev().find(|&j| inf[j].kind != TokKind::Punct);
    let next_word = (k + 1..inf.len()).find(|&j| inf[j].kind != TokKind::Punct);
    if let Some(j) = prev_word {
        f("pw", &inf[j].lower);
        f("pw_cap", &format!("{}{}", on(inf[j].cap), capkind));
        // an article before a capitalised word ("de Easdaq", "het Concertgebouw") unless a first
        // name or initials stand before it ("Jan de Vries")
        if t.cap
            && matches!(
                inf[j].lower.as_str(),
                "de" | "het" | "een" | "'t" | "den" | "des"
            )
        {
            let before = (0..j).rev().find(|&i| inf[i].kind != TokKind::Punct);
            let kind = match before {
                Some(i) if inf[i].initial => "initial",
                Some(i) if inf[i].cap && (inf[i].first || inf[i].sur) => "name",
                Some(i) if inf[i].cap => "cap",
                Some(i) if inf[i].title || inf[i].role => "title",
                Some(_) => "low",
                None => "none",
            };
            f(
                "art",
                &format!("{}|{kind}|{}", inf[j].lower, on(inf[j].cap)),
            );
        }
    }
    if let Some(j) = next_word {
        f("nw", &inf[j].lower);
    }
    let _ = (text, toks);
}

/// Weights and the scoring function.
pub struct Model {
    w: Vec<f32>,
}

/// A scored token of a text.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Byte offset of the first byte.
    pub s: usize,
    /// Byte offset one past the last byte.
    pub e: usize,
    /// Perceptron margin (> 0: part of a person name).
    pub margin: f32,
}

impl Scored {
    /// The margin squashed to 0..1 (0.5 at the decision boundary; not a calibrated probability).
    pub fn score(&self) -> f32 {
        squash(self.margin)
    }
}

fn label_feats(prev1: bool, prev2: bool, t: &Info, f: &mut impl FnMut(&str, &str)) {
    let p = |b: bool| if b { "P" } else { "O" };
    f("y-1", p(prev1));
    f("y-2y-1", &format!("{}{}", p(prev2), p(prev1)));
    f("y-1shape", &format!("{}{}", p(prev1), t.shape));
    f(
        "y-1capw",
        &format!("{}{}{}", p(prev1), t.cap as u8, t.word as u8),
    );
}

impl Model {
    /// The shipped model (`model/names.bin`).
    pub fn shipped() -> Option<Model> {
        Model::from_bytes(SHIPPED)
    }

    /// An all-zero model (every margin 0), the start of training.
    pub fn zero() -> Model {
        Model {
            w: vec![0.0; BUCKETS],
        }
    }

    /// Decodes the weight file format: `WOONAME1`, u32 bucket count, f32 scale, then i16 weights (LE).
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.len() < 16 || &b[..8] != MAGIC {
            return None;
        }
        let n = u32::from_le_bytes(b[8..12].try_into().ok()?) as usize;
        let scale = f32::from_le_bytes(b[12..16].try_into().ok()?);
        if n != BUCKETS || b.len() != 16 + 2 * n {
            return None;
        }
        let w = b[16..]
            .chunks_exact(2)
            .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
            .collect();
        Some(Model { w })
    }

    /// Encodes the weights (i16, scaled to the largest magnitude).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = max / 32767.0;
        let mut out = Vec::with_capacity(16 + 2 * self.w.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.w.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for x in &self.w {
            out.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
        }
        out
    }

    /// Scores every word and number of a text (greedy left to right).
    pub(crate) fn score<'t>(&self, text: &'t str, d: &Dicts) -> Scoring<'t> {
        let toks = tokenize(text);
        let inf = infos(text, &toks, d);
        let mut scored = Vec::new();
        let mut index = Vec::new();
        let (mut p1, mut p2) = (false, false);
        for k in 0..toks.len() {
            if toks[k].kind == TokKind::Punct {
                continue;
            }
            let mut m = 0f32;
            features(text, &toks, &inf, k, &mut |a, b| {
                m += self.w[fhash(a, b) as usize]
            });
            label_feats(p1, p2, &inf[k], &mut |a, b| {
                m += self.w[fhash(a, b) as usize]
            });
            scored.push(Scored {
                s: toks[k].s,
                e: toks[k].e,
                margin: m,
            });
            index.push(k);
            p2 = p1;
            p1 = m > 0.0;
        }
        Scoring {
            text,
            toks,
            inf,
            index,
            scored,
        }
    }
}

/// The scores of one text, with what is needed to explain them.
pub(crate) struct Scoring<'t> {
    text: &'t str,
    toks: Vec<MTok>,
    inf: Vec<Info<'t>>,
    /// Token index of every scored word.
    index: Vec<usize>,
    /// One entry per word and number, in text order.
    pub scored: Vec<Scored>,
}

/// What the lists say about one scored word (for the detector's checks on model and rule spans).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Facts {
    /// A known first name or surname (in any case).
    pub name: bool,
    /// In the world gazetteer, alone or inside a longer place name.
    pub gplace: bool,
    /// An organisation cue word.
    pub orgcue: bool,
    /// Known to annotated text as an organisation, place or other name, not a person's.
    pub lexnp: bool,
    /// Starts with a capital.
    pub cap: bool,
    /// Initials (a capital and a dot).
    pub initial: bool,
    /// A title or role word.
    pub title: bool,
    /// A surname particle ("van", "De").
    pub particle: bool,
}

impl Scoring<'_> {
    /// The list facts of scored word `i`.
    pub(crate) fn facts(&self, i: usize) -> Facts {
        let t = &self.inf[self.index[i]];
        Facts {
            name: t.first || t.sur,
            gplace: t.gplace,
            orgcue: t.orgcue,
            lexnp: t.lexnp,
            cap: t.cap,
            initial: t.initial,
            title: t.title || t.role,
            particle: t.particle,
        }
    }

    /// The `n` features that pushed scored word `i` most towards its label, as `template=value`.
    pub(crate) fn explain(&self, m: &Model, i: usize, n: usize) -> Vec<String> {
        let k = self.index[i];
        let mut parts: Vec<(f32, String)> = Vec::new();
        features(self.text, &self.toks, &self.inf, k, &mut |a, b| {
            let w = m.w[fhash(a, b) as usize];
            parts.push((w, format!("{a}={b}")));
        });
        let pos = self.scored[i].margin > 0.0;
        parts.sort_by(|a, b| {
            let (x, y) = if pos { (b.0, a.0) } else { (a.0, b.0) };
            x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
        });
        // a neighbouring word is named only when it is no name itself (a reason never names other people)
        let lo = k.saturating_sub(3);
        let hi = (k + 4).min(self.inf.len());
        let safe = |v: &str| {
            self.inf[lo..hi]
                .iter()
                .filter(|x| x.lower == v)
                .all(|x| !x.cap && !x.first && !x.sur || x.title || x.role || x.particle)
        };
        parts.retain(|(_, f)| {
            let (tpl, val) = f.split_once('=').unwrap_or((f, ""));
            match tpl {
                "bias" | "flags" | "f-2" | "f+2" | "s-2" | "s+2" => false,
                "w-2" | "w-1" | "w+1" | "w+2" | "pw" | "nw" => safe(val),
                _ => true,
            }
        });
        parts
            .into_iter()
            .filter(|p| p.0 != 0.0)
            .take(n)
            .map(|p| p.1)
            .collect()
    }
}

/// One training text: the text and the byte spans of the person names in it.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// Byte spans of person names.
    pub names: Vec<(usize, usize)>,
}

/// Share (percent) of training words whose list memberships and identity are hidden.
const DROPOUT_PCT: u64 = 35;

/// Averaged-perceptron training over documents (the order is shuffled each epoch with a fixed seed).
pub fn train(det: &super::Detector, docs: &[TrainDoc], epochs: usize) -> Model {
    let d = &det.dicts;
    let rng = std::sync::Mutex::new(0x2545_f491_4f6c_dd1d_u64);
    // precompute static features per doc
    struct Prepared {
        feats: Vec<Vec<u32>>,
        shape_cap_word: Vec<(String, bool, bool)>,
        gold: Vec<bool>,
    }
    let prepared: Vec<Prepared> = docs
        .iter()
        .map(|doc| {
            let toks = tokenize(&doc.text);
            let mut inf = infos(&doc.text, &toks, d);
            // list dropout: a name the lists do not know must still be found from its context
            let mut r = rng
                .lock()
                .map(|mut g| {
                    *g = g
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    *g
                })
                .unwrap_or(1);
            for t in &mut inf {
                r ^= r << 13;
                r ^= r >> 7;
                r ^= r << 17;
                if r % 100 < DROPOUT_PCT {
                    t.first = false;
                    t.sur = false;
                    t.gplace = false;
                    t.hide_word = true;
                }
            }
            let mut feats = Vec::new();
            let mut scw = Vec::new();
            let mut gold = Vec::new();
            for k in 0..toks.len() {
                if toks[k].kind == TokKind::Punct {
                    continue;
                }
                let mut v = Vec::new();
                features(&doc.text, &toks, &inf, k, &mut |a, b| v.push(fhash(a, b)));
                feats.push(v);
                scw.push((inf[k].shape.clone(), inf[k].cap, inf[k].word));
                let (s, e) = (toks[k].s, toks[k].e);
                gold.push(doc.names.iter().any(|&(a, b)| s < b && a < e));
            }
            Prepared {
                feats,
                shape_cap_word: scw,
                gold,
            }
        })
        .collect();
    let mut w = vec![0f32; BUCKETS];
    let mut u = vec![0f32; BUCKETS];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &di in &order {
            let p = &prepared[di];
            let (mut p1, mut p2) = (false, false);
            for k in 0..p.feats.len() {
                let (shape, cap, word) = &p.shape_cap_word[k];
                let fake = Info {
                    w: "",
                    lower: String::new(),
                    shape: shape.clone(),
                    kind: TokKind::Word,
                    cap: *cap,
                    allcaps: false,
                    initial: false,
                    first: false,
                    sur: false,
                    word: *word,
                    particle: false,
                    title: false,
                    role: false,
                    place: false,
                    notperson: false,
                    gplace: false,
                    orgcue: false,
                    lexnp: false,
                    run_org: false,
                    run_len: 0,
                    sent_start: false,
                    line_start: false,
                    hide_word: false,
                };
                let mut all = p.feats[k].clone();
                label_feats(p1, p2, &fake, &mut |a, b| all.push(fhash(a, b)));
                let m: f32 = all.iter().map(|&h| w[h as usize]).sum();
                let pred = m > 0.0;
                let gold = p.gold[k];
                if pred != gold {
                    let y = if gold { 1.0 } else { -1.0 };
                    for &h in &all {
                        w[h as usize] += y;
                        u[h as usize] += y * c;
                    }
                }
                c += 1.0;
                p2 = p1;
                p1 = pred;
            }
        }
    }
    let w = w.iter().zip(&u).map(|(w, u)| w - u / c).collect();
    Model { w }
}
