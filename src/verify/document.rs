//! Document-level leak verification (fail closed): searches every removed string in every place an output PDF can hold text.
//!
//! Channels searched, each reported separately:
//! - `raw_bytes`: the file bytes as they are, and every `stream ... endstream` segment in them
//!   inflated where it inflates (this sees earlier revisions and objects no parser reaches);
//! - `info`, `metadata` (every XMP stream), `outline` (titles), `annotation` (every string in an
//!   annotation dictionary), `string_object` (every other string object, decoded as PDFDocEncoding /
//!   UTF-16BE / UTF-8 and as raw Latin-1);
//! - `stream`: every stream decompressed, as Latin-1 and UTF-16BE text, plus the string tokens in
//!   it (literal and hexadecimal, one by one and joined, which finds a name split over a `TJ`);
//! - `pdf_extract`: the text of the independent extractor pdf-extract (a warning when it fails);
//! - `own_extraction`: the page texts the project's interpreter extracted (mandatory).
//!
//! Matching: needle and haystack are folded (NFKC, invisible characters and language escapes
//! removed, look-alike letters folded; see [`super::fold`]); whitespace is collapsed; a needle
//! that holds whitespace is also searched with all whitespace removed in a haystack with all
//! whitespace removed; needles of several words, with a digit or with `@` are matched without
//! regard to case, a single word as removed and in capitals.
//! Streams with image filters (DCT, JPX, JBIG2, CCITT) are pixels, not text, and are counted
//! but not searched. Any other stream that fails to decode makes the verification incomplete.

use std::panic::{AssertUnwindSafe, catch_unwind};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use serde::Serialize;

use super::fold::{fold, is_plain};
use super::pdfstrings::{decode_text_bytes, latin1, string_tokens};

/// Upper bound for one decompressed stream (bytes); larger streams make verification incomplete.
const MAX_STREAM: usize = 256 << 20;

/// Where a removed string was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The raw file bytes, or a stream segment in them inflated.
    RawBytes,
    /// The Info dictionary.
    Info,
    /// An XMP metadata stream.
    Metadata,
    /// An outline (bookmark) title or other outline string.
    Outline,
    /// A string in an annotation dictionary.
    Annotation,
    /// Any other string object.
    StringObject,
    /// A decompressed stream (bytes, UTF-16BE, string tokens).
    Stream,
    /// Text extracted by pdf-extract.
    PdfExtract,
    /// Text extracted by the project's own interpreter.
    OwnExtraction,
    /// Text read by OCR from the output's pixels (scanned pages, redacted images).
    Pixels,
    /// Objects and streams as the second parser (hayro-syntax) reads them.
    SecondParser,
    /// Personal data the document judge detects in a string or name of the output (not
    /// necessarily a removed string).
    Detected,
}

/// One hit: which removed string (by index into `removed`) was found where. Holds no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The channel it was found in.
    pub channel: Channel,
    /// Index of the string in the `removed` slice given to [`verify_document`].
    pub removed_index: usize,
    /// Where in the channel (object number or page), without any content.
    pub location: String,
}

/// The outcome of [`verify_document`]. Publish only when [`VerifyReport::is_clean`] is true.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// Every hit, at most one per (channel, location, string).
    pub findings: Vec<Finding>,
    /// Mandatory checks that could not be done; any entry means "not verified".
    pub incomplete: Vec<String>,
    /// Optional checks that could not be done, and other remarks.
    pub warnings: Vec<String>,
    /// Number of streams decoded and searched.
    pub streams_searched: usize,
    /// Number of image streams (pixels) not searched.
    pub image_streams_skipped: usize,
    /// Pages whose shapes may draw letters, to be read by OCR
    /// ([`super::lettering::read_lettering`]).
    #[serde(skip)]
    pub lettering: Vec<super::lettering::LetteringPage>,
    /// Personal data read in those pages' shapes, where it is drawn (to be removed by a redo).
    #[serde(skip)]
    pub drawn: Vec<crate::redact::DrawnArea>,
}

impl VerifyReport {
    /// True only when nothing was found and every mandatory check ran.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty() && self.incomplete.is_empty()
    }

    /// Whether verification ran completely (mandatory checks), whatever it found.
    pub fn is_complete(&self) -> bool {
        self.incomplete.is_empty()
    }

    /// The channels with at least one hit.
    pub fn channels(&self) -> Vec<Channel> {
        let mut c: Vec<Channel> = self.findings.iter().map(|f| f.channel).collect();
        c.sort();
        c.dedup();
        c
    }
}

/// Collapses every whitespace run to one space and trims.
fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Lower case, with a fast path for ASCII (most haystacks).
fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// True when `hay[start..end]` is not glued to a letter or digit on a side where the match
/// itself begins or ends with one ("Bas" is not found in "Basis", "Ida" not in "Idafeest").
fn on_word_boundaries(hay: &str, start: usize, end: usize) -> bool {
    let (Some(first), Some(last)) = (
        hay[start..end].chars().next(),
        hay[start..end].chars().next_back(),
    ) else {
        return true;
    };
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    let glued_before = first.is_alphanumeric() && before.is_some_and(char::is_alphanumeric);
    let glued_after = last.is_alphanumeric() && after.is_some_and(char::is_alphanumeric);
    !glued_before && !glued_after
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs a panic hook that stays silent for panics caught on purpose by [`quietly`] (the
/// independent extractor panics on many ordinary files) and reports every other panic as usual.
/// Call once at program start.
pub fn install_quiet_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !QUIET.with(|q| q.get()) {
            default(info);
        }
    }));
}

/// Runs `f`, turning a panic into `Err(())` without printing it (with [`install_quiet_panic_hook`]).
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, ()> {
    QUIET.with(|q| q.set(true));
    let r = catch_unwind(AssertUnwindSafe(f)).map_err(|_| ());
    QUIET.with(|q| q.set(false));
    r
}

/// One removed string prepared for searching, in folded form (see [`super::fold`]).
struct Needle {
    index: usize,
    /// Case-sensitive forms (as removed, and in capitals) or, with `fold_case`, the lower-case form.
    spaced: Vec<String>,
    /// The same forms with all whitespace removed, for needles that hold whitespace.
    solid: Vec<String>,
    fold_case: bool,
    /// Whether haystacks are folded before matching.
    read: bool,
}

impl Needle {
    /// A needle for text as a reader sees it (folded, see the module documentation).
    fn new(index: usize, s: &str) -> Option<Needle> {
        Needle::make(index, s, true)
    }

    /// A needle for raw bytes (font programs, images, undecoded data): literal, case-sensitive
    /// except e-mail addresses. Folding binary data finds letters that are not there.
    fn literal(index: usize, s: &str) -> Option<Needle> {
        Needle::make(index, s, false)
    }

    fn make(index: usize, s: &str, read: bool) -> Option<Needle> {
        let folded = if read {
            collapse_ws(&fold(s))
        } else {
            collapse_ws(s)
        };
        if folded.is_empty() {
            return None;
        }
        if !read {
            let fold_case = folded.contains('@');
            let spaced = vec![if fold_case {
                folded.to_lowercase()
            } else {
                folded.clone()
            }];
            let solid = if folded.contains(' ') {
                spaced.iter().map(|x| strip_ws(x)).collect()
            } else {
                vec![]
            };
            return Some(Needle {
                index,
                spaced,
                solid,
                fold_case,
                read,
            });
        }
        // Case is folded where a lower-case reading cannot be an ordinary word: e-mail
        // addresses, anything with a digit, and names of more than one word ("pieter bakker",
        // "PIETER BAKKER"). A single word is matched as removed and in capitals ("BAKKER"),
        // so the common word "bakker" elsewhere is no hit.
        let fold_case = folded.contains(['@', ' ']) || folded.chars().any(|c| c.is_ascii_digit());
        let mut spaced = if fold_case {
            vec![folded.to_lowercase()]
        } else {
            vec![folded.clone(), folded.to_uppercase()]
        };
        spaced.dedup();
        // The whitespace-free form catches an extractor that drops or moves spaces
        // (`06 12 34` as `061234`, `Jan de Vries` as `JandeVries`).
        let solid = if folded.contains(' ') {
            spaced.iter().map(|x| strip_ws(x)).collect()
        } else {
            vec![]
        };
        Some(Needle {
            index,
            spaced,
            solid,
            fold_case,
            read,
        })
    }
}

/// One automaton: patterns in one form (spaced or solid), case-folded or not.
struct Automaton {
    ac: AhoCorasick,
    /// Pattern number to index in `removed`.
    owners: Vec<usize>,
    solid: bool,
    fold: bool,
}

/// A haystack or pattern with whitespace removed and every character lower-cased on its own
/// (final sigma as sigma). Every way [`Matcher::hits`] reads a haystack (whitespace collapsed or
/// removed, lower-cased or not) squashes to this same string, and squashing keeps substrings,
/// so a pattern found in any reading has its squashed form in the squashed haystack.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        squash_char(c, &mut out);
    }
    out
}

/// [`squash`] of `bytes` read as Latin-1 (as [`latin1`] reads them), kept as Latin-1 bytes
/// (every character of it is below U+0100).
fn squash_latin1(bytes: &[u8]) -> Vec<u8> {
    static TABLE: std::sync::OnceLock<[u16; 256]> = std::sync::OnceLock::new();
    // Per byte, its squashed Latin-1 byte, or 256 for whitespace.
    let table = TABLE.get_or_init(|| {
        let mut t = [0u16; 256];
        for (b, slot) in t.iter_mut().enumerate() {
            let mut s = String::new();
            squash_char(char::from(b as u8), &mut s);
            *slot = s.chars().next().map_or(256, |c| c as u16);
        }
        t
    });
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        let m = table[usize::from(b)];
        if m < 256 {
            out.push(m as u8);
        }
    }
    out
}

/// Appends one character of [`squash`]: nothing for whitespace, else its lower case (ASCII and
/// Latin-1 by rule, the rest by the Unicode tables), final sigma as sigma.
#[inline]
fn squash_char(c: char, out: &mut String) {
    match c {
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{85}' | '\u{A0}' => {}
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => {
            out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c))
        }
        '\0'..='\u{FF}' => out.push(c),
        _ if c.is_whitespace() => {}
        _ => {
            for l in c.to_lowercase() {
                out.push(if l == 'ς' { 'σ' } else { l });
            }
        }
    }
}

/// All removed strings compiled for one linear pass per haystack.
struct Matcher {
    /// Every pattern of every automaton, squashed: a haystack whose squashed form holds none of
    /// them can match nothing, and most haystacks hold none (one search instead of four).
    prefilter: Option<AhoCorasick>,
    /// The squashed patterns that Latin-1 can hold, one byte per character, for haystacks of
    /// bytes read as Latin-1 (whose squashed characters are all below U+0100: a pattern with any
    /// other character cannot be in them). `None` when no pattern can (and `prefilter` is set).
    prefilter_latin1: Option<AhoCorasick>,
    automata: Vec<Automaton>,
    /// The highest character of any needle (a haystack character above it can match nothing).
    max_char: char,
    /// Fold haystacks (text as read) or match them literally (raw bytes).
    read: bool,
}

impl Matcher {
    fn new(needles: &[Needle]) -> Matcher {
        let mut automata = Vec::new();
        for solid in [false, true] {
            for fold in [false, true] {
                let mut pats = Vec::new();
                let mut owners = Vec::new();
                for n in needles.iter().filter(|n| n.fold_case == fold) {
                    let forms = if solid { &n.solid } else { &n.spaced };
                    for p in forms {
                        pats.push(p.clone());
                        owners.push(n.index);
                    }
                }
                if pats.is_empty() {
                    continue;
                }
                // Searched only when the prefilter lets a haystack through: cheap to build
                // matters more than fast to search.
                if let Ok(ac) = AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&pats)
                {
                    automata.push(Automaton {
                        ac,
                        owners,
                        solid,
                        fold,
                    });
                }
            }
        }
        let squashed: Vec<String> = needles
            .iter()
            .flat_map(|n| n.spaced.iter().chain(&n.solid))
            .map(|p| squash(p))
            .filter(|p| !p.is_empty())
            .collect();
        let latin1_patterns: Vec<Vec<u8>> = squashed
            .iter()
            .filter(|p| p.chars().all(|c| u32::from(c) < 0x100))
            .map(|p| p.chars().map(|c| u32::from(c) as u8).collect())
            .collect();
        // Without a prefilter every haystack takes the full search.
        let (prefilter, prefilter_latin1) = match (
            AhoCorasick::new(&squashed),
            AhoCorasick::new(&latin1_patterns),
        ) {
            (Ok(p), Ok(l)) => (Some(p), (!latin1_patterns.is_empty()).then_some(l)),
            _ => (None, None),
        };
        let max_char = needles
            .iter()
            .flat_map(|n| n.spaced.iter().chain(&n.solid))
            .flat_map(|p| p.chars())
            .flat_map(|c| std::iter::once(c).chain(c.to_uppercase()))
            .max()
            .unwrap_or('\0');
        Matcher {
            prefilter,
            prefilter_latin1,
            automata,
            max_char,
            read: needles.first().is_none_or(|n| n.read),
        }
    }

    /// [`Matcher::hits`] of `bytes` read as Latin-1; the text is made only when the prefilter
    /// lets it through.
    fn hits_latin1(&self, bytes: &[u8]) -> Vec<usize> {
        if self.prefilter.is_some() && !self.read {
            match &self.prefilter_latin1 {
                // no pattern can be in Latin-1 text
                None => return Vec::new(),
                Some(pre) if !pre.is_match(&squash_latin1(bytes)) => return Vec::new(),
                Some(_) => {}
            }
        }
        self.hits(&latin1(bytes))
    }

    /// Indices (into `removed`) of every string present in `text`.
    fn hits(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if text.is_empty() || self.automata.is_empty() {
            return out;
        }
        let folded;
        let text = if !self.read || is_plain(text) {
            text
        } else {
            folded = fold(text);
            folded.as_str()
        };
        if let Some(pre) = &self.prefilter
            && !pre.is_match(&squash(text))
        {
            return out;
        }
        let spaced = collapse_ws(text);
        let solid = self
            .automata
            .iter()
            .any(|a| a.solid)
            .then(|| strip_ws(text));
        let any_fold = self.automata.iter().any(|a| a.fold);
        let spaced_lower = any_fold.then(|| lower(&spaced));
        let solid_lower = any_fold.then(|| lower(solid.as_deref().unwrap_or_default()));
        for a in &self.automata {
            let hay = match (a.solid, a.fold) {
                (false, false) => Some(&spaced),
                (true, false) => solid.as_ref(),
                (false, true) => spaced_lower.as_ref(),
                (true, true) => solid_lower.as_ref(),
            };
            let Some(hay) = hay else { continue };
            for m in a.ac.find_overlapping_iter(hay.as_str()) {
                if !a.solid && !on_word_boundaries(hay, m.start(), m.end()) {
                    continue;
                }
                if let Some(&owner) = a.owners.get(m.pattern().as_usize()) {
                    out.push(owner);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

struct Search<'a> {
    matcher: &'a Matcher,
    /// The same strings, literal, for raw bytes.
    literal: &'a Matcher,
    report: &'a mut VerifyReport,
    /// Keys of decoded stream contents already searched (the raw scan skips them).
    seen_streams: std::collections::HashSet<(usize, u64)>,
}

/// A key for decoded stream content: its length and a hash of its bytes.
fn content_key(data: &[u8]) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut h);
    (data.len(), h.finish())
}

impl Search<'_> {
    fn text(&mut self, channel: Channel, location: &str, text: &str) {
        if text.contains('%') {
            let decoded = super::judged::percent_decode(text);
            if decoded != text {
                self.text_once(channel, location, &decoded);
            }
        }
        self.text_once(channel, location, text);
    }

    fn text_once(&mut self, channel: Channel, location: &str, text: &str) {
        let hits = self.matcher.hits(text);
        self.record(channel, location, hits);
    }

    /// Raw bytes read as characters: matched literally.
    fn raw_text(&mut self, channel: Channel, location: &str, text: &str) {
        let hits = self.literal.hits(text);
        self.record(channel, location, hits);
    }

    fn record(&mut self, channel: Channel, location: &str, hits: Vec<usize>) {
        for removed_index in hits {
            let f = Finding {
                channel,
                removed_index,
                location: location.to_string(),
            };
            if !self.report.findings.contains(&f) {
                self.report.findings.push(f);
            }
        }
    }

    /// Searches bytes as Latin-1, UTF-8, and UTF-16BE at both alignments.
    fn bytes(&mut self, channel: Channel, location: &str, bytes: &[u8]) {
        let hits = self.literal.hits_latin1(bytes);
        self.record(channel, location, hits);
        if let Ok(s) = std::str::from_utf8(bytes)
            && !s.is_ascii()
        {
            self.raw_text(channel, location, s);
        }
        if bytes.len() >= 2 {
            // binary data read as UTF-16 is mostly characters no removed string has: they can
            // match nothing, so runs of them become one separator (a far shorter haystack)
            let max = self.literal.max_char;
            for from in [0, 1] {
                // (and the few above it whose lower case is not: Kelvin K, Ångström Å, ẞ, İ)
                let can_match = |c: char| {
                    c <= max || matches!(c, '\u{212A}' | '\u{212B}' | '\u{1E9E}' | '\u{130}')
                };
                let units = bytes[from..]
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]));
                let mut kept = String::new();
                let (mut letters, mut all) = (false, true);
                for c in char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')) {
                    if can_match(c) {
                        letters |= c.is_alphanumeric();
                        kept.push(c);
                    } else {
                        all = false;
                        if !kept.ends_with('\u{FFFD}') {
                            kept.push('\u{FFFD}');
                        }
                    }
                }
                // the whole text when every character can match, else the runs that can
                if all || letters {
                    self.raw_text(channel, location, &kept);
                }
            }
        }
    }

    /// Searches a PDF string: decoded as a text string, and as raw bytes.
    fn pdf_string(&mut self, channel: Channel, location: &str, bytes: &[u8]) {
        self.text(channel, location, &decode_text_bytes(bytes));
        self.bytes(channel, location, bytes);
    }

    /// The string tokens of binary data, literal.
    fn raw_tokens(&mut self, channel: Channel, location: &str, data: &[u8]) {
        let toks = string_tokens(data);
        if toks.is_empty() {
            return;
        }
        self.raw_text(channel, location, &decoded_joined(&toks));
        self.bytes(channel, location, &toks.concat());
    }

    /// Searches the string tokens inside stream data, singly and joined.
    fn tokens(&mut self, channel: Channel, location: &str, data: &[u8]) {
        let toks = string_tokens(data);
        if toks.is_empty() {
            return;
        }
        // Every token decoded as a text string, separated so no word runs into the next, and
        // all tokens' bytes joined (a name split over TJ elements): one search each instead of
        // one per token (a page has thousands).
        self.text(channel, location, &decoded_joined(&toks));
        let joined = toks.concat();
        self.bytes(channel, location, &joined);
    }
}

/// Every token decoded as a text string ([`decode_text_bytes`]), joined by NUL characters.
fn decoded_joined(toks: &[Vec<u8>]) -> String {
    let mut out = String::with_capacity(toks.iter().map(|t| t.len() + 1).sum());
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            out.push('\0');
        }
        // Printable ASCII (and tab, line feed, carriage return) is itself in PDFDocEncoding and
        // starts no byte order mark: most tokens, decoded without the allocations.
        if t.iter()
            .all(|&b| (0x20..0x7F).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r'))
        {
            out.extend(t.iter().map(|&b| char::from(b)));
        } else {
            out.push_str(&decode_text_bytes(t));
        }
    }
    out
}

/// Indices of the strings of `removed` present in `text`, matched as the verifier matches
/// (folded, on word boundaries).
pub fn present_in(removed: &[String], text: &str) -> Vec<usize> {
    let needles: Vec<Needle> = removed
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Needle::new(i, s))
        .collect();
    Matcher::new(&needles).hits(text)
}

/// True for a stream that holds a font program, a colour profile or a CMap, not content.
fn is_binary_program(dict: &Dictionary) -> bool {
    let name = |k: &[u8]| {
        dict.get(k)
            .and_then(Object::as_name)
            .ok()
            .map(<[u8]>::to_vec)
    };
    binary_program(|k| dict.has(k), name)
}

/// The rule of [`is_binary_program`] for any parser's dictionary: `has` tells whether a key is
/// present, `name` gives a name value.
pub fn binary_program(
    has: impl Fn(&[u8]) -> bool,
    name: impl Fn(&[u8]) -> Option<Vec<u8>>,
) -> bool {
    let subtype = name(b"Subtype");
    has(b"Length1")
        || has(b"Length2")
        || has(b"Length3")
        || matches!(
            subtype.as_deref(),
            Some(b"Type1C" | b"CIDFontType0C" | b"OpenType")
        )
        || (has(b"N") && !has(b"Type"))
        || name(b"Type").as_deref() == Some(b"CMap")
}

/// Checks that none of `removed` is left anywhere in the PDF `bytes`.
///
/// `extracted_pages` is the text of each page as the project's own interpreter extracts it from
/// `bytes`, one entry per page; a count that differs from the page count makes the verification
/// incomplete. Fails closed: a file that cannot be loaded, a stream that cannot be decoded, or
/// missing own extraction leaves [`VerifyReport::is_clean`] false.
pub fn verify_document(
    bytes: &[u8],
    removed: &[String],
    extracted_pages: &[String],
) -> VerifyReport {
    let mut report = VerifyReport::default();
    let needles: Vec<Needle> = removed
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Needle::new(i, s))
        .collect();
    let matcher = Matcher::new(&needles);
    let literal_needles: Vec<Needle> = removed
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Needle::literal(i, s))
        .collect();
    let literal = Matcher::new(&literal_needles);
    let mut search = Search {
        matcher: &matcher,
        literal: &literal,
        report: &mut report,
        seen_streams: std::collections::HashSet::new(),
    };

    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let page_count = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => {
            if doc.is_encrypted() {
                search
                    .report
                    .incomplete
                    .push("document is encrypted: objects cannot be read".into());
            }
            objects_scan(&mut search, &doc);
            Some(doc.get_pages().len())
        }
        Err(e) => {
            search
                .report
                .incomplete
                .push(format!("cannot load the output with lopdf: {e}"));
            None
        }
    };
    // Then the file bytes as written: every stream segment inflated (old revisions, objects
    // the loader did not reach), skipping data already searched as a loaded object.
    raw_scan(&mut search, bytes);

    // The second parser family: what hayro reads differently from lopdf is searched too.
    match super::second::read_second(bytes) {
        Ok(second) => {
            for (loc, s) in &second.strings {
                search.pdf_string(Channel::SecondParser, loc, s);
            }
            for (loc, data, content) in &second.streams {
                if !search.seen_streams.insert(content_key(data)) {
                    continue;
                }
                search.bytes(Channel::SecondParser, loc, data);
                if *content {
                    search.tokens(Channel::SecondParser, loc, data);
                } else {
                    search.raw_tokens(Channel::SecondParser, loc, data);
                }
            }
            if let Some(n) = page_count
                && n != second.pages
            {
                search.report.incomplete.push(format!(
                    "the two parsers disagree on the page count ({n} and {})",
                    second.pages
                ));
            }
        }
        Err(e) => search.report.incomplete.push(e),
    }

    match quietly(|| pdf_extract::extract_text_from_mem(bytes)) {
        Ok(Ok(text)) => search.text(Channel::PdfExtract, "document", &text),
        Ok(Err(e)) => search
            .report
            .warnings
            .push(format!("could not verify with pdf-extract: {e}")),
        Err(_) => search
            .report
            .warnings
            .push("could not verify with pdf-extract: it panicked".into()),
    }

    match page_count {
        Some(n) if n == extracted_pages.len() => {}
        Some(n) => search.report.incomplete.push(format!(
            "own extraction covers {} of {n} pages",
            extracted_pages.len()
        )),
        None => {}
    }
    for (i, text) in extracted_pages.iter().enumerate() {
        search.text(Channel::OwnExtraction, &format!("page {}", i + 1), text);
    }
    report
}

/// The raw bytes, and every stream segment in them inflated where it inflates.
fn raw_scan(search: &mut Search<'_>, bytes: &[u8]) {
    search.bytes(Channel::RawBytes, "file", bytes);
    let mut i = 0;
    let mut n = 0usize;
    while let Some(pos) = find(&bytes[i..], b"stream") {
        let start = i + pos + 6;
        i = start;
        // Skip "endstream" itself.
        if pos >= 3 && &bytes[start - 9..start - 6] == b"end" {
            continue;
        }
        let data_start = match bytes.get(start..start + 2) {
            Some([b'\r', b'\n']) => start + 2,
            Some([b'\n', _]) | Some([b'\r', _]) => start + 1,
            _ => continue,
        };
        let Some(len) = find(&bytes[data_start..], b"endstream") else {
            break;
        };
        let data = &bytes[data_start..data_start + len];
        n += 1;
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let stream = lopdf::Stream::new(dict, data.to_vec());
        if let Ok(plain) = stream.decompressed_content_with_limit(MAX_STREAM) {
            if !search.seen_streams.insert(content_key(&plain)) {
                continue; // the same data was searched as a loaded object already
            }
            let loc = format!("stream segment {n}");
            search.bytes(Channel::RawBytes, &loc, &plain);
            search.tokens(Channel::RawBytes, &loc, &plain);
        }
        i = data_start + len;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Whether Flate data inflates to its end without error (zlib, or raw deflate as lopdf retries).
///
/// lopdf's own decoder swallows errors and returns what it got, which would let a damaged stream
/// pass as "searched"; this strict check keeps verification fail-closed.
fn inflates_cleanly(data: &[u8]) -> bool {
    use std::io::Read;
    let limit = MAX_STREAM as u64 + 1;
    let zlib = std::io::copy(
        &mut flate2::read::ZlibDecoder::new(data).take(limit),
        &mut std::io::sink(),
    );
    if zlib.is_ok() {
        return true;
    }
    data.len() > 2
        && std::io::copy(
            &mut flate2::read::DeflateDecoder::new(&data[2..]).take(limit),
            &mut std::io::sink(),
        )
        .is_ok()
}

const IMAGE_FILTERS: &[&[u8]] = &[
    b"DCTDecode",
    b"JPXDecode",
    b"JBIG2Decode",
    b"CCITTFaxDecode",
];

/// Every loaded object: strings by the channel their owner belongs to, streams decompressed.
fn objects_scan(search: &mut Search<'_>, doc: &Document) {
    let info_id = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Ok(Object::Dictionary(info)) = doc.trailer.get(b"Info") {
        strings_in(
            search,
            Channel::Info,
            "trailer Info",
            &Object::Dictionary(info.clone()),
            0,
        );
    }
    for (&id, obj) in &doc.objects {
        let loc = format!("object {} {}", id.0, id.1);
        let channel = channel_of(doc, id, obj, info_id);
        match obj {
            Object::Stream(s) => {
                strings_in(
                    search,
                    channel,
                    &loc,
                    &Object::Dictionary(s.dict.clone()),
                    0,
                );
                let filters = s.filters().unwrap_or_default();
                if filters.iter().any(|f| IMAGE_FILTERS.contains(f)) {
                    search.report.image_streams_skipped += 1;
                    continue;
                }
                if filters.first() == Some(&&b"FlateDecode"[..]) && !inflates_cleanly(&s.content) {
                    search.report.incomplete.push(format!(
                        "{loc}: Flate data is damaged; lopdf would decode it only in part"
                    ));
                }
                match s.decompressed_content_with_limit(MAX_STREAM) {
                    Ok(data) => {
                        search.report.streams_searched += 1;
                        search.seen_streams.insert(content_key(&data));
                        let ch = if channel == Channel::StringObject {
                            Channel::Stream
                        } else {
                            channel
                        };
                        let subtype = s.dict.get(b"Subtype").and_then(Object::as_name).ok();
                        if subtype == Some(b"Image") {
                            // Pixels: a byte scan is enough; they hold no string tokens or UTF-16 text.
                            let hits = search.literal.hits_latin1(&data);
                            search.record(ch, &loc, hits);
                        } else if is_binary_program(&s.dict) {
                            // Font programs and colour profiles: literal only (folding binary
                            // data finds letters that are not there).
                            search.bytes(ch, &loc, &data);
                            search.raw_tokens(ch, &loc, &data);
                        } else {
                            search.bytes(ch, &loc, &data);
                            search.tokens(ch, &loc, &data);
                        }
                    }
                    Err(e) => search
                        .report
                        .incomplete
                        .push(format!("{loc}: stream cannot be decoded ({e})")),
                }
            }
            other => strings_in(search, channel, &loc, other, 0),
        }
    }
}

/// Which channel an object's strings belong to.
fn channel_of(doc: &Document, id: ObjectId, obj: &Object, info: Option<ObjectId>) -> Channel {
    if Some(id) == info {
        return Channel::Info;
    }
    let dict = match obj {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        _ => return Channel::StringObject,
    };
    let ty = dict.get(b"Type").and_then(Object::as_name).unwrap_or(b"");
    let sub = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    if ty == b"Metadata" || sub == b"XML" {
        return Channel::Metadata;
    }
    if ty == b"Annot" || (dict.has(b"Subtype") && dict.has(b"Rect") && ty != b"XObject") {
        return Channel::Annotation;
    }
    if dict.has(b"Title") && (dict.has(b"Parent") || dict.has(b"Next") || dict.has(b"Prev")) {
        return Channel::Outline;
    }
    let _ = doc;
    Channel::StringObject
}

fn strings_in(search: &mut Search<'_>, channel: Channel, loc: &str, obj: &Object, depth: usize) {
    if depth > 64 {
        return;
    }
    match obj {
        Object::String(s, _) => search.pdf_string(channel, loc, s),
        Object::Name(n) => search.bytes(channel, loc, n),
        Object::Array(a) => {
            for o in a {
                strings_in(search, channel, loc, o, depth + 1);
            }
        }
        Object::Dictionary(d) => {
            for (k, v) in d.iter() {
                search.bytes(channel, loc, k);
                strings_in(search, channel, loc, v, depth + 1);
            }
        }
        Object::Stream(s) => strings_in(
            search,
            channel,
            loc,
            &Object::Dictionary(s.dict.clone()),
            depth + 1,
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_rules() {
        let cases = [
            ("Jan  de\nVries", "Jan de Vries", true),
            ("JandeVries", "Jan de Vries", true),
            ("Jan de Vriesje", "Jan de Vries", true),
            // a name of several words is that name in any case; a single word is matched as
            // removed and in capitals, never as the lower-case common word
            ("jan de vries", "Jan de Vries", true),
            ("JAN DE VRIES", "Jan de Vries", true),
            ("BAKKER", "Bakker", true),
            ("de bakker bakt", "Bakker", false),
            // invisible characters, look-alikes and full-width letters read as the letters
            ("Jan\u{200B}sen", "Jansen", true),
            ("J\u{0430}nsen", "Jansen", true),
            ("Ｊａｎｓｅｎ", "Jansen", true),
            ("Ja n", "Jan", false),
            ("mail J.deVries@Gmail.com", "j.devries@gmail.com", true),
            ("mail J.deVries@Gmail.com", "J.DEVRIES@gmail.com", true),
            // lower-cased as a whole, a final sigma is ς: still found through the prefilter
            ("ΣΣ1", "ΣΣ1", true),
        ];
        for (hay, n, want) in cases {
            let needles: Vec<Needle> = Needle::new(0, n).into_iter().collect();
            let m = Matcher::new(&needles);
            assert_eq!(m.hits(hay) == vec![0], want, "{hay} / {n}");
        }
        let needles: Vec<Needle> = ["", "Piet", "Jan Smit", "a@b.nl", "Smit"]
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Needle::new(i, s))
            .collect();
        assert_eq!(
            Matcher::new(&needles).hits("Jan Smit, Piet, A@B.NL"),
            vec![1, 2, 3, 4]
        );
    }

    #[test]
    fn plain_tokens_decode_as_themselves() {
        let toks: Vec<Vec<u8>> = (0u8..=0x7F)
            .map(|b| vec![b'a', b, b'z'])
            .chain([b"\xFE\xFF\x00J".to_vec(), vec![0x18, 0x80, 0xA0]])
            .collect();
        let slow: Vec<String> = toks.iter().map(|t| decode_text_bytes(t)).collect();
        assert_eq!(decoded_joined(&toks), slow.join("\u{0}"));
    }

    #[test]
    fn squashing_a_character_is_dropping_whitespace_and_lower_casing_it() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut fast = String::new();
            squash_char(c, &mut fast);
            let slow: String = if c.is_whitespace() {
                String::new()
            } else {
                c.to_lowercase()
                    .map(|l| if l == 'ς' { 'σ' } else { l })
                    .collect()
            };
            assert_eq!(fast, slow, "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        /// The prefilter never hides a hit: with and without it, every haystack gives the same
        /// hits (whitespace of several kinds, final sigma, letters whose case changes length).
        #[test]
        fn the_prefilter_never_hides_a_hit(
            hay in "[aSsσςΣßẞİiÀàÞþ×µÿ \\n\\u{0085}\\u{00A0}\\u{200B}@1]{0,14}",
            pats in proptest::collection::vec("[aSsσςΣßẞİiÀàÞþ×µÿ \\u{00A0}@1]{1,5}", 1..4),
        ) {
            for read in [true, false] {
                let needles: Vec<Needle> = pats
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| Needle::make(i, p, read))
                    .collect();
                let with = Matcher::new(&needles);
                let mut without = Matcher::new(&needles);
                without.prefilter = None;
                proptest::prop_assert_eq!(with.hits(&hay), without.hits(&hay));
            }
        }

        /// Bytes searched as Latin-1 through the prefilter give the hits of the whole text.
        #[test]
        fn latin1_bytes_through_the_prefilter_give_the_same_hits(
            hay in proptest::collection::vec(proptest::sample::select(
                vec![b'a', b'A', b's', b'S', b' ', b'\n', 0x85, 0xA0, 0xC0, 0xE0, 0xD7, 0xDE, 0xDF, 0xFE, 0xFF, 0xB5, b'@']), 0..14),
            pats in proptest::collection::vec("[aAsSÀàÞþ×µÿßΣ @]{1,4}", 1..4),
        ) {
            let needles: Vec<Needle> = pats
                .iter()
                .enumerate()
                .filter_map(|(i, p)| Needle::literal(i, p))
                .collect();
            let with = Matcher::new(&needles);
            let mut without = Matcher::new(&needles);
            without.prefilter = None;
            without.prefilter_latin1 = None;
            proptest::prop_assert_eq!(with.hits_latin1(&hay), without.hits(&latin1(&hay)));
        }
    }

    #[test]
    fn a_name_in_utf16_inside_binary_garbage_is_found() {
        // binary noise (read as UTF-16 it is CJK and private-use characters) around a name
        // in UTF-16BE, at an odd offset; and one whose K is the Kelvin sign
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 97 % 251) as u8 | 0x80).collect();
        for (name, written) in [
            ("Kees Jansen", "Kees Jansen"),
            ("Kees Jansen", "\u{212A}ees Jansen"),
        ] {
            let mut data = noise.clone();
            data.push(0x41);
            for u in written.encode_utf16() {
                data.extend(u.to_be_bytes());
            }
            data.extend(&noise);
            let r = verify_document(&data, &[name.into()], &[]);
            assert!(!r.is_clean(), "{written} in UTF-16 not found");
        }
        // the same noise alone holds nothing
        let r = verify_document(&noise, &["Kees Jansen".into()], &[]);
        assert!(r.channels().is_empty());
    }

    #[test]
    fn garbage_is_incomplete_not_clean() {
        let r = verify_document(
            b"not a pdf at all, Jan de Vries",
            &["Jan de Vries".into()],
            &[],
        );
        assert!(!r.is_clean());
        assert!(!r.is_complete());
        assert_eq!(r.channels(), vec![Channel::RawBytes]);
    }
}
