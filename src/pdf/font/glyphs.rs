//! Glyph names and built-in font data: glyph name to Unicode, named encodings, standard-14 metrics, Helvetica widths.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::tables::{self, Afm};

/// Replaces the Latin presentation-form ligatures (U+FB00..U+FB06) by their letters, so that
/// "ﬁ" in a name reads as "fi" for detection; returns other text unchanged.
pub fn normalize_unicode(s: &str) -> String {
    if !s.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            other => out.push(other),
        }
    }
    out
}

fn glyph_list_lookup(name: &str) -> Option<&'static str> {
    tables::GLYPH_LIST
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|i| tables::GLYPH_LIST[i].1)
}

/// Parses `uniXXXX[XXXX...]` (groups of four hex digits, no surrogates).
fn uni_name(rest: &str) -> Option<String> {
    if rest.is_empty()
        || !rest.len().is_multiple_of(4)
        || !rest.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return None;
    }
    let mut out = String::new();
    for chunk in rest.as_bytes().chunks(4) {
        let v = u32::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
        out.push(char::from_u32(v)?);
    }
    Some(out)
}

/// Parses `uXXXX` to `uXXXXXX` (one code point).
fn u_name(rest: &str) -> Option<String> {
    if !(4..=6).contains(&rest.len()) || !rest.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = u32::from_str_radix(rest, 16).ok()?;
    char::from_u32(v).map(|c| c.to_string())
}

fn component_to_unicode(comp: &str) -> Option<String> {
    if let Some(s) = glyph_list_lookup(comp) {
        return Some(s.to_string());
    }
    if let Some(rest) = comp.strip_prefix("uni")
        && let Some(s) = uni_name(rest)
    {
        return Some(s);
    }
    if let Some(rest) = comp.strip_prefix('u')
        && let Some(s) = u_name(rest)
    {
        return Some(s);
    }
    None
}

/// Unicode text for a glyph name, following the Adobe Glyph List specification: the part after
/// the first '.' is dropped, '_' joins components ("f_i" gives "fi"), and `uniXXXX` / `uXXXX`
/// name code points. None for an unknown name (e.g. "g42", ".notdef").
pub fn glyph_to_unicode(name: &str) -> Option<String> {
    // Every simple font maps 256 names, mostly the same few hundred: remember them per thread.
    thread_local! {
        static KNOWN: std::cell::RefCell<HashMap<Box<str>, Option<String>>> =
            std::cell::RefCell::new(HashMap::new());
    }
    KNOWN.with(|known| {
        if let Some(u) = known.borrow().get(name) {
            return u.clone();
        }
        let u = glyph_name_to_unicode(name);
        let mut known = known.borrow_mut();
        if known.len() >= 8192 {
            known.clear();
        }
        known.insert(name.into(), u.clone());
        u
    })
}

/// [`glyph_to_unicode`], worked out.
fn glyph_name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for comp in base.split('_') {
        out.push_str(&component_to_unicode(comp)?);
    }
    if out.is_empty() {
        None
    } else {
        Some(normalize_unicode(&out))
    }
}

/// A named simple-font encoding, as glyph names by code.
pub fn named_encoding(name: &[u8]) -> Option<&'static [&'static str; 256]> {
    match name {
        b"StandardEncoding" => Some(&tables::STANDARD),
        b"WinAnsiEncoding" => Some(&tables::WIN_ANSI),
        b"MacRomanEncoding" => Some(&tables::MAC_ROMAN),
        _ => None,
    }
}

/// StandardEncoding.
pub fn standard_encoding() -> &'static [&'static str; 256] {
    &tables::STANDARD
}

/// WinAnsiEncoding.
#[cfg(test)]
pub fn win_ansi_encoding() -> &'static [&'static str; 256] {
    &tables::WIN_ANSI
}

/// Strips a subset tag ("ABCDEF+") from a base font name.
pub fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// The standard-14 font a base font name stands for (including common aliases such as Arial,
/// TimesNewRoman and CourierNew with their style suffixes).
pub fn standard_14(base_font: &str) -> Option<&'static Afm> {
    let name = strip_subset(base_font);
    if let Some(afm) = tables::STANDARD_14.iter().find(|a| a.name == name) {
        return Some(afm);
    }
    let lower: String = name
        .to_ascii_lowercase()
        .chars()
        .filter(|c| *c != ' ')
        .collect();
    let family = if lower.starts_with("helvetica") || lower.starts_with("arial") {
        "Helvetica"
    } else if lower.starts_with("times") {
        "Times"
    } else if lower.starts_with("courier") {
        "Courier"
    } else if lower.starts_with("symbol") {
        return tables::STANDARD_14.iter().find(|a| a.name == "Symbol");
    } else if lower.starts_with("zapfdingbats") || lower.starts_with("itczapfdingbats") {
        return tables::STANDARD_14
            .iter()
            .find(|a| a.name == "ZapfDingbats");
    } else {
        return None;
    };
    let bold = lower.contains("bold") || lower.contains("black") || lower.contains("heavy");
    let italic = lower.contains("italic") || lower.contains("oblique");
    let full = standard_name(family, bold, italic);
    tables::STANDARD_14.iter().find(|a| a.name == full)
}

/// The standard-14 font name of `family` (`Helvetica`, `Times` or `Courier`) in a style.
pub fn standard_name(family: &str, bold: bool, italic: bool) -> String {
    match (family, bold, italic) {
        ("Times", false, false) => "Times-Roman".to_string(),
        ("Times", true, false) => "Times-Bold".to_string(),
        ("Times", false, true) => "Times-Italic".to_string(),
        ("Times", true, true) => "Times-BoldItalic".to_string(),
        (f, false, false) => f.to_string(),
        (f, true, false) => format!("{f}-Bold"),
        (f, false, true) => format!("{f}-Oblique"),
        (f, true, true) => format!("{f}-BoldOblique"),
    }
}

impl Afm {
    /// Advance width of a glyph by name, in 1/1000 em.
    pub fn width(&self, glyph: &str) -> Option<f64> {
        self.widths
            .binary_search_by(|(n, _)| n.as_bytes().cmp(glyph.as_bytes()))
            .ok()
            .map(|i| f64::from(self.widths[i].1))
    }
}

fn helvetica() -> &'static Afm {
    &tables::STANDARD_14[0]
}

fn helvetica_char_widths() -> &'static HashMap<char, f64> {
    static MAP: OnceLock<HashMap<char, f64>> = OnceLock::new();
    MAP.get_or_init(|| {
        let afm = helvetica();
        let mut map = HashMap::new();
        for name in tables::WIN_ANSI.iter().filter(|n| !n.is_empty()) {
            if let (Some(u), Some(w)) = (glyph_to_unicode(name), afm.width(name)) {
                let mut chars = u.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    map.entry(c).or_insert(w / 1000.0);
                }
            }
        }
        map
    })
}

/// Width of `text` set in Helvetica, in text space per unit font size (WinAnsi characters;
/// any other character counts as wide as 'n'). Used to size redaction labels.
pub fn helvetica_width(text: &str) -> f64 {
    let map = helvetica_char_widths();
    let n = map.get(&'n').copied().unwrap_or(0.556);
    text.chars()
        .map(|c| map.get(&c).copied().unwrap_or(n))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("A", Some("A")),
            ("eacute", Some("é")),
            ("Euro", Some("€")),
            ("f_i", Some("fi")),
            ("fi", Some("fi")),
            ("f_f_i", Some("ffi")),
            ("uni0041", Some("A")),
            ("uni00410042", Some("AB")),
            ("uniD800", None),
            ("u1F600", Some("\u{1F600}")),
            ("a.sc", Some("a")),
            ("one.oldstyle", Some("1")),
            ("alpha", Some("α")),
            ("a9", Some("\u{2720}")),
            ("g42", None),
            (".notdef", None),
            ("", None),
        ];
        for &(name, want) in cases {
            assert_eq!(glyph_to_unicode(name).as_deref(), want, "glyph {name}");
        }
    }

    #[test]
    fn win_ansi_high_codes() {
        let enc = win_ansi_encoding();
        let cases: &[(usize, &str)] = &[
            (0x80, "€"),
            (0x82, "‚"),
            (0x85, "…"),
            (0x8A, "Š"),
            (0x91, "‘"),
            (0x92, "’"),
            (0x93, "“"),
            (0x96, "–"),
            (0x97, "—"),
            (0x9F, "Ÿ"),
            (0xA0, " "),
            (0xE9, "é"),
            (0xEB, "ë"),
        ];
        for &(code, want) in cases {
            assert_eq!(
                glyph_to_unicode(enc[code]).as_deref(),
                Some(want),
                "code {code:X}"
            );
        }
    }

    #[test]
    fn mac_roman_and_standard_differ_from_latin1() {
        let mac = named_encoding(b"MacRomanEncoding").unwrap_or(&tables::STANDARD);
        assert_eq!(glyph_to_unicode(mac[0x8E]).as_deref(), Some("é"));
        assert_eq!(glyph_to_unicode(mac[0xD2]).as_deref(), Some("“"));
        let std = standard_encoding();
        assert_eq!(glyph_to_unicode(std[0x27]).as_deref(), Some("’"));
        assert_eq!(glyph_to_unicode(std[0x60]).as_deref(), Some("‘"));
        assert_eq!(std[0x80], "");
    }

    #[test]
    fn standard_14_names_and_aliases() {
        let cases: &[(&str, &str)] = &[
            ("Helvetica", "Helvetica"),
            ("ABCDEF+Arial,Bold", "Helvetica-Bold"),
            ("Arial-BoldItalicMT", "Helvetica-BoldOblique"),
            ("TimesNewRomanPSMT", "Times-Roman"),
            ("Times-Italic", "Times-Italic"),
            ("CourierNew", "Courier"),
            ("Symbol", "Symbol"),
            ("ZapfDingbats", "ZapfDingbats"),
        ];
        for &(name, want) in cases {
            assert_eq!(standard_14(name).map(|a| a.name), Some(want), "{name}");
        }
        assert!(standard_14("DejaVuSans").is_none());
    }

    #[test]
    fn helvetica_widths_match_afm() {
        assert!((helvetica_width("n") - 0.556).abs() < 1e-9);
        assert!((helvetica_width("Hi") - (0.722 + 0.222)).abs() < 1e-9);
        assert!((helvetica_width("[1]") - (0.278 + 0.556 + 0.278)).abs() < 1e-9);
        // Unknown characters count as 'n'.
        assert!((helvetica_width("\u{4E2D}") - 0.556).abs() < 1e-9);
        assert_eq!(helvetica_width(""), 0.0);
    }
}
