//! Tolerant CMap reader: codespace ranges, CID mappings and ToUnicode (bf) mappings, skipping bad entries one by one.

use compact_str::CompactString;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::glyphs::{glyph_to_unicode, normalize_unicode};

/// Ranges up to this many codes are expanded into the per-code table; larger ones stay ranges.
const EXPAND_LIMIT: u32 = 4096;

/// One codespace range: each byte of a code must lie between the bytes of `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodespaceRange {
    /// Code length in bytes (1 to 4).
    pub len: u8,
    /// Lowest code, big-endian.
    pub lo: u32,
    /// Highest code, big-endian.
    pub hi: u32,
}

impl CodespaceRange {
    /// Whether `bytes` (exactly `len` long) lies in this range, byte by byte.
    pub fn contains(&self, bytes: &[u8]) -> bool {
        if bytes.len() != self.len as usize {
            return false;
        }
        let n = bytes.len();
        bytes.iter().enumerate().all(|(i, &b)| {
            let shift = 8 * (n - 1 - i);
            let lo = ((self.lo >> shift) & 0xff) as u8;
            let hi = ((self.hi >> shift) & 0xff) as u8;
            b >= lo && b <= hi
        })
    }
}

/// A code range mapped to consecutive CIDs (a `cidchar` is a range of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CidRange {
    /// Code length in bytes.
    pub len: u8,
    /// First code.
    pub lo: u32,
    /// Last code.
    pub hi: u32,
    /// CID of the first code.
    pub cid: u32,
}

/// Target of a large bfrange kept as a range.
#[derive(Debug, Clone, PartialEq)]
enum RangeDst {
    /// UTF-16 units; the last one is incremented along the range.
    Utf16(Vec<u16>),
    /// A Unicode scalar value, incremented along the range.
    Scalar(u32),
}

#[derive(Debug, Clone, PartialEq)]
struct BfRange {
    len: u8,
    lo: u32,
    hi: u32,
    dst: RangeDst,
}

/// A fast multiply-rotate hasher for integer keys (codes are not attacker-chosen hash floods
/// of any consequence: a map holds at most the entries of one CMap).
#[derive(Default, Clone, Copy)]
pub(crate) struct CodeHasher(u64);

impl Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }
}

/// HashMap keyed by codes.
pub(crate) type CodeMap<V> = HashMap<u64, V, BuildHasherDefault<CodeHasher>>;

/// Code to Unicode mappings of a ToUnicode CMap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnicodeMap {
    chars: CodeMap<Box<str>>,
    ranges: Vec<BfRange>,
}

fn key(len: u8, code: u32) -> u64 {
    (u64::from(len) << 32) | u64::from(code)
}

impl UnicodeMap {
    /// Number of single mappings plus large ranges (0 means the map is unusable).
    pub fn len(&self) -> usize {
        self.chars.len() + self.ranges.len()
    }

    /// True when the map has no mapping at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ASCII letter or digit the most single codes map to, and how many codes do ("x" for
    /// a map that reads every glyph as "x"); ranges map to distinct text and are not counted.
    pub fn most_shared_letter(&self) -> Option<(char, usize)> {
        let mut counts: HashMap<char, usize> = HashMap::new();
        for v in self.chars.values() {
            let mut cs = v.chars();
            if let (Some(c), None) = (cs.next(), cs.next())
                && c.is_ascii_alphanumeric()
            {
                *counts.entry(c).or_default() += 1;
            }
        }
        counts.into_iter().max_by_key(|&(c, n)| (n, c))
    }

    /// Unicode for a code of `len` bytes; tolerates maps written with another code length.
    pub fn get(&self, len: u8, code: u32) -> Option<CompactString> {
        if let Some(s) = self.get_exact(len, code) {
            return Some(s);
        }
        (1u8..=4)
            .filter(|&l| l != len && (l == 4 || code < (1u32 << (8 * u32::from(l)))))
            .find_map(|l| self.get_exact(l, code))
    }

    fn get_exact(&self, len: u8, code: u32) -> Option<CompactString> {
        if let Some(s) = self.chars.get(&key(len, code)) {
            return Some(CompactString::from(&**s));
        }
        self.ranges
            .iter()
            .rev()
            .find(|r| r.len == len && r.lo <= code && code <= r.hi)
            .and_then(|r| range_target(&r.dst, code - r.lo))
            .map(CompactString::from)
    }

    fn insert(&mut self, len: u8, code: u32, text: String) {
        self.chars.insert(key(len, code), text.into_boxed_str());
    }
}

/// Text for element `offset` of a range.
fn range_target(dst: &RangeDst, offset: u32) -> Option<String> {
    match dst {
        RangeDst::Scalar(v) => v
            .checked_add(offset)
            .and_then(char::from_u32)
            .map(|c| normalize_unicode(&c.to_string())),
        RangeDst::Utf16(units) => {
            let mut units = units.clone();
            let last = units.last_mut()?;
            let v = u32::from(*last).checked_add(offset)?;
            *last = u16::try_from(v).ok()?;
            utf16_text(&units)
        }
    }
}

/// Decodes UTF-16 units, dropping unpaired surrogates and NULs; None when nothing is left.
fn utf16_text(units: &[u16]) -> Option<String> {
    let s: String = char::decode_utf16(units.iter().copied())
        .filter_map(Result::ok)
        .filter(|&c| c != '\0')
        .collect();
    if s.is_empty() {
        None
    } else {
        Some(normalize_unicode(&s))
    }
}

/// A parsed CMap (encoding CMap or ToUnicode CMap).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CMap {
    /// Codespace ranges, in file order.
    pub codespace: Vec<CodespaceRange>,
    /// Code to CID ranges (cidchar and cidrange), in file order.
    pub cids: Vec<CidRange>,
    /// notdefrange entries.
    pub notdef: Vec<CidRange>,
    /// bfchar / bfrange mappings.
    pub unicode: UnicodeMap,
    /// /WMode (1 = vertical).
    pub wmode: i64,
    /// Name given to `usecmap`, if any.
    pub usecmap: Option<String>,
    /// Problems met while reading; each skipped one entry or one section.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    /// Hex string digits (only the hex digits), or None when it had a bad character.
    Hex(Option<Vec<u8>>),
    Str(Vec<u8>),
    Name(&'a [u8]),
    Num(i64),
    Kw(&'a [u8]),
    ArrOpen,
    ArrClose,
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn tokenize(data: &[u8]) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut i = 0;
    let n = data.len();
    while i < n {
        let b = data[i];
        match b {
            b'%' => {
                while i < n && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                let mut bad = false;
                while i < n && data[i] != b'>' {
                    let c = data[i];
                    if c.is_ascii_hexdigit() {
                        digits.push(c);
                    } else if !c.is_ascii_whitespace() {
                        bad = true;
                    }
                    i += 1;
                }
                i += 1;
                toks.push(Tok::Hex(if bad { None } else { Some(digits) }));
            }
            b'(' => {
                let (s, next) = crate::pdf::lexer::literal_string(data, i + 1);
                toks.push(Tok::Str(s));
                i = next;
            }
            b'[' => {
                toks.push(Tok::ArrOpen);
                i += 1;
            }
            b']' => {
                toks.push(Tok::ArrClose);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < n && !data[i].is_ascii_whitespace() && !is_delim(data[i]) {
                    i += 1;
                }
                toks.push(Tok::Name(&data[start..i]));
            }
            _ if b.is_ascii_whitespace() || matches!(b, b'>' | b')' | b'{' | b'}') => i += 1,
            _ => {
                let start = i;
                while i < n && !data[i].is_ascii_whitespace() && !is_delim(data[i]) {
                    i += 1;
                }
                let word = &data[start..i];
                let num = std::str::from_utf8(word)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok());
                toks.push(match num {
                    Some(v) => Tok::Num(v),
                    None => Tok::Kw(word),
                });
            }
        }
    }
    toks
}

fn hex_value(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    let s = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(s, 16).ok()
}

/// A source code: (length in bytes, value). Odd hex lengths are padded on the left.
fn source_code(t: &Tok<'_>) -> Option<(u8, u32)> {
    match t {
        Tok::Hex(Some(d)) => {
            let v = hex_value(d)?;
            Some((d.len().div_ceil(2) as u8, v))
        }
        Tok::Str(s) if (1..=4).contains(&s.len()) => Some((
            s.len() as u8,
            s.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)),
        )),
        _ => None,
    }
}

/// A destination of bfchar/bfrange as a range target.
fn dest(t: &Tok<'_>) -> Option<RangeDst> {
    match t {
        Tok::Hex(Some(d)) => {
            let n = d.len();
            if n == 0 {
                return None;
            }
            if n % 4 == 0 {
                let units: Vec<u16> = d
                    .chunks(4)
                    .filter_map(|c| hex_value(c).and_then(|v| u16::try_from(v).ok()))
                    .collect();
                if units.len() != n / 4 {
                    return None;
                }
                // <0001F600>: a UTF-32 value written as 8 digits, not two UTF-16 units.
                if n == 8 && units[0] != 0 && units[0] <= 0x10 {
                    let v = (u32::from(units[0]) << 16) | u32::from(units[1]);
                    if char::from_u32(v).is_some() {
                        return Some(RangeDst::Scalar(v));
                    }
                }
                return Some(RangeDst::Utf16(units));
            }
            // Odd lengths (PyMuPDF writes <10300>): the digits are a code point.
            if n <= 6 {
                let v = hex_value(d)?;
                return char::from_u32(v).map(|_| RangeDst::Scalar(v));
            }
            None
        }
        Tok::Str(s) => {
            if s.len() % 2 == 0 && !s.is_empty() {
                Some(RangeDst::Utf16(
                    s.chunks(2)
                        .map(|c| (u16::from(c[0]) << 8) | u16::from(c[1]))
                        .collect(),
                ))
            } else if s.len() == 1 {
                Some(RangeDst::Scalar(u32::from(s[0])))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn dest_text(t: &Tok<'_>) -> Option<String> {
    if let Tok::Name(n) = t {
        let name = std::str::from_utf8(n).ok()?;
        return glyph_to_unicode(name).filter(|s| !s.is_empty());
    }
    range_target(&dest(t)?, 0)
}

const SECTIONS: [&[u8]; 7] = [
    b"codespacerange",
    b"bfchar",
    b"bfrange",
    b"cidchar",
    b"cidrange",
    b"notdefchar",
    b"notdefrange",
];

fn is_section_name(name: &[u8]) -> bool {
    SECTIONS.contains(&name)
}

/// `begin` + one of the mapping sections (not `begincmap`, `begin` of a dict, ...).
fn is_section(k: &[u8]) -> bool {
    k.strip_prefix(b"begin").is_some_and(is_section_name)
}

fn kw_name(k: &[u8]) -> String {
    String::from_utf8_lossy(k).into_owned()
}

impl CMap {
    /// Parses CMap bytes; never fails, bad entries become warnings.
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokenize(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Name(b"WMode") => {
                    if let Some(Tok::Num(v)) = toks.get(i + 1) {
                        cmap.wmode = *v;
                        i += 1;
                    }
                }
                Tok::Kw(b"usecmap") => {
                    if let Some(Tok::Name(n)) = i.checked_sub(1).and_then(|j| toks.get(j)) {
                        cmap.usecmap = Some(kw_name(n));
                    }
                }
                Tok::Kw(k) if is_section(k) => {
                    let section = &k[5..];
                    let start = i + 1;
                    let mut end = start;
                    while end < toks.len() {
                        if let Tok::Kw(e) = &toks[end]
                            && (is_section(e)
                                || e.strip_prefix(b"end").is_some_and(is_section_name))
                        {
                            break;
                        }
                        end += 1;
                    }
                    match toks.get(end) {
                        Some(Tok::Kw(e)) if e.strip_prefix(b"end") == Some(section) => {}
                        _ => cmap.warn(format!("section {} not closed properly", kw_name(k))),
                    }
                    cmap.section(section, &toks[start..end]);
                    i = end;
                }
                _ => {}
            }
            i += 1;
        }
        cmap
    }

    fn warn(&mut self, w: String) {
        if self.warnings.len() < 20 {
            self.warnings.push(w);
        } else if self.warnings.len() == 20 {
            self.warnings
                .push("further CMap warnings suppressed".to_string());
        }
    }

    fn section(&mut self, name: &[u8], toks: &[Tok<'_>]) {
        match name {
            b"codespacerange" => self.codespace_section(toks),
            b"bfchar" => self.bfchar_section(toks),
            b"bfrange" => self.bfrange_section(toks),
            b"cidchar" => self.cid_section(toks, false, false),
            b"cidrange" => self.cid_section(toks, true, false),
            b"notdefchar" => self.cid_section(toks, false, true),
            b"notdefrange" => self.cid_section(toks, true, true),
            _ => {}
        }
    }

    fn codespace_section(&mut self, toks: &[Tok<'_>]) {
        let mut i = 0;
        while i + 1 < toks.len() {
            match (source_code(&toks[i]), source_code(&toks[i + 1])) {
                (Some((l1, lo)), Some((l2, hi))) if l1 == l2 && lo <= hi => {
                    self.codespace.push(CodespaceRange { len: l1, lo, hi });
                    i += 2;
                }
                _ => {
                    self.warn(format!("bad codespace range entry at token {i}"));
                    i += 1;
                }
            }
        }
    }

    fn bfchar_section(&mut self, toks: &[Tok<'_>]) {
        let mut i = 0;
        while i + 1 < toks.len() {
            let Some((len, code)) = source_code(&toks[i]) else {
                self.warn(format!("bad bfchar source at token {i}"));
                i += 1;
                continue;
            };
            match dest_text(&toks[i + 1]) {
                Some(text) => self.unicode.insert(len, code, text),
                None => {
                    if source_code(&toks[i + 1]).is_none() && dest(&toks[i + 1]).is_none() {
                        self.warn(format!("bad bfchar target for code {code:X}"));
                    } else {
                        self.warn(format!("unusable bfchar target for code {code:X}"));
                    }
                }
            }
            i += 2;
        }
    }

    fn bfrange_section(&mut self, toks: &[Tok<'_>]) {
        let mut i = 0;
        while i + 2 < toks.len() {
            let (Some((len, lo)), Some((_, hi))) =
                (source_code(&toks[i]), source_code(&toks[i + 1]))
            else {
                self.warn(format!("bad bfrange source at token {i}"));
                i += 1;
                continue;
            };
            if hi < lo {
                self.warn(format!("bfrange {lo:X}..{hi:X} is reversed"));
                i += 3;
                continue;
            }
            if toks[i + 2] == Tok::ArrOpen {
                let mut j = i + 3;
                let mut code = lo;
                while j < toks.len() && toks[j] != Tok::ArrClose {
                    if code <= hi {
                        match dest_text(&toks[j]) {
                            Some(text) => self.unicode.insert(len, code, text),
                            None => {
                                self.warn(format!("bad bfrange array element for code {code:X}"))
                            }
                        }
                    }
                    code = code.saturating_add(1);
                    j += 1;
                }
                i = j + 1;
                continue;
            }
            match dest(&toks[i + 2]) {
                Some(dst) => {
                    if hi - lo < EXPAND_LIMIT {
                        for off in 0..=(hi - lo) {
                            if let Some(text) = range_target(&dst, off) {
                                self.unicode.insert(len, lo + off, text);
                            }
                        }
                    } else {
                        self.unicode.ranges.push(BfRange { len, lo, hi, dst });
                    }
                }
                None => self.warn(format!("bad bfrange target for {lo:X}..{hi:X}")),
            }
            i += 3;
        }
    }

    fn cid_section(&mut self, toks: &[Tok<'_>], range: bool, notdef: bool) {
        let step = if range { 3 } else { 2 };
        let mut i = 0;
        while i + step <= toks.len() {
            let lo = source_code(&toks[i]);
            let hi = if range { source_code(&toks[i + 1]) } else { lo };
            let cid = match &toks[i + step - 1] {
                Tok::Num(v) => u32::try_from(*v).ok(),
                _ => None,
            };
            match (lo, hi, cid) {
                (Some((len, lo)), Some((_, hi)), Some(cid)) if lo <= hi => {
                    let r = CidRange { len, lo, hi, cid };
                    if notdef {
                        self.notdef.push(r)
                    } else {
                        self.cids.push(r)
                    }
                    i += step;
                }
                _ => {
                    self.warn(format!("bad CID mapping entry at token {i}"));
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uni(src: &str, len: u8, code: u32) -> Option<String> {
        CMap::parse(src.as_bytes())
            .unicode
            .get(len, code)
            .map(String::from)
    }

    #[test]
    fn bfchar_and_bfrange_table() {
        let src = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            3 beginbfchar <0003> <0020> <0024> <0041> % comment here\n<0025> <00660069> endbfchar\n\
            2 beginbfrange <0030> <0039> <0030> <0040> <0042> [<0061> <D835DC9C> <0063>] endbfrange\n\
            1 beginbfrange <0100> <2100> <0100> endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let cases: &[(u32, Option<&str>)] = &[
            (0x03, Some(" ")),
            (0x24, Some("A")),
            (0x25, Some("fi")),
            (0x30, Some("0")),
            (0x39, Some("9")),
            (0x3A, None),
            (0x40, Some("a")),
            (0x41, Some("\u{1D49C}")),
            (0x42, Some("c")),
            (0x100, Some("\u{100}")),
            (0x2100, Some("\u{2100}")),
        ];
        for &(code, want) in cases {
            assert_eq!(uni(src, 2, code).as_deref(), want, "code {code:X}");
        }
    }

    #[test]
    fn odd_hex_lengths_are_padded_not_fatal() {
        // PyMuPDF style: 5-digit targets are code points; a broken entry is skipped alone.
        let src = "1 beginbfrange <14fd> <14ff> <10300> endbfrange\n\
            3 beginbfchar <001> <0041> <0002> <zz> <0003> <0042> endbfchar";
        let cmap = CMap::parse(src.as_bytes());
        assert_eq!(cmap.unicode.get(2, 0x14fd).as_deref(), Some("\u{10300}"));
        assert_eq!(cmap.unicode.get(2, 0x14ff).as_deref(), Some("\u{10302}"));
        assert_eq!(cmap.unicode.get(2, 0x0001).as_deref(), Some("A"));
        assert_eq!(cmap.unicode.get(2, 0x0002), None);
        assert_eq!(cmap.unicode.get(2, 0x0003).as_deref(), Some("B"));
        assert!(!cmap.warnings.is_empty());
    }

    #[test]
    fn ligatures_surrogates_and_names() {
        let src =
            "4 beginbfchar <01> <FB01> <02> <00660066006C> <03> <D83DDE00> <04> /eacute endbfchar";
        let m = CMap::parse(src.as_bytes()).unicode;
        assert_eq!(m.get(1, 1).as_deref(), Some("fi"));
        assert_eq!(m.get(1, 2).as_deref(), Some("ffl"));
        assert_eq!(m.get(1, 3).as_deref(), Some("\u{1F600}"));
        assert_eq!(m.get(1, 4).as_deref(), Some("é"));
        // An unpaired surrogate yields nothing rather than a replacement character.
        let m = CMap::parse(b"1 beginbfchar <05> <D800> endbfchar").unicode;
        assert_eq!(m.get(1, 5), None);
    }

    #[test]
    fn mixed_codespace_and_cid_ranges() {
        let src = "2 begincodespacerange <00> <80> <8140> <FFFC> endcodespacerange\n\
            1 begincidrange <20> <7e> 1 endcidrange 1 begincidchar <8140> 633 endcidchar\n\
            1 beginnotdefrange <00> <1f> 1 endnotdefrange /WMode 1 def /Identity-H usecmap";
        let c = CMap::parse(src.as_bytes());
        assert_eq!(
            c.codespace,
            vec![
                CodespaceRange {
                    len: 1,
                    lo: 0,
                    hi: 0x80
                },
                CodespaceRange {
                    len: 2,
                    lo: 0x8140,
                    hi: 0xFFFC
                }
            ]
        );
        assert!(c.codespace[1].contains(&[0x81, 0x40]));
        assert!(!c.codespace[1].contains(&[0x81, 0x20]));
        assert_eq!(
            c.cids,
            vec![
                CidRange {
                    len: 1,
                    lo: 0x20,
                    hi: 0x7e,
                    cid: 1
                },
                CidRange {
                    len: 2,
                    lo: 0x8140,
                    hi: 0x8140,
                    cid: 633
                }
            ]
        );
        assert_eq!(c.notdef.len(), 1);
        assert_eq!(c.wmode, 1);
        assert_eq!(c.usecmap.as_deref(), Some("Identity-H"));
    }

    #[test]
    fn map_written_with_other_code_length_still_found() {
        let m = CMap::parse(b"1 beginbfchar <0041> <0058> endbfchar").unicode;
        assert_eq!(m.get(1, 0x41).as_deref(), Some("X"));
    }

    #[test]
    fn literal_string_codes() {
        let m = CMap::parse(b"1 beginbfchar (\\001) <0041> endbfchar").unicode;
        assert_eq!(m.get(1, 1).as_deref(), Some("A"));
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let c = CMap::parse(&data);
            let _ = c.unicode.get(2, 0x41);
        }

        #[test]
        fn random_cmap_like_text_never_panics(s in "(begin(bf|cid)(char|range)|end(bf|cid)(char|range)|<[0-9a-fA-F ]{0,10}>|\\[|\\]|/[a-z]{1,4}|[0-9]{1,6}| |\\(.{0,3}\\)){0,40}") {
            let c = CMap::parse(s.as_bytes());
            let _ = c.unicode.get(1, 0x20);
        }
    }
}
