//! Validated identifier rules: e-mail, IBAN (mod 97), BSN (11-check), phone, address, kenteken, date of birth.

use std::sync::LazyLock;

use regex::Regex;

use super::{Category, Raw};
use crate::config::EmailMode;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}")
        .expect("static regex")
});
static IBAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?-u:\b)")
        .expect("static regex")
});
/// The start of an IBAN right before a match ("NL92 ABNA "): the digits belong to an (invalid) IBAN.
static IBAN_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[A-Z]{2}\d{2} ?[A-Z]{4} ?$").expect("static regex"));
static BSN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{2}\.\d{2}\.\d{2}\.\d{3})(?-u:\b)",
    )
    .expect("static regex")
});
static BSN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:bsn|burgerservicenummer|burgerservice-nummer|sofinummer|sofi-nummer|sofi|persoonsnummer|a-nummer)(?-u:\b)")
        .expect("static regex")
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\+|00)31[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?\d){7,8}",
        r"|\(0\d{1,3}\)[ -]?\d(?:[ -]?\d){5,7}",
        r"|(?-u:\b)0[1-9](?:[ -]?\d){8}"
    ))
    .expect("static regex")
});
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)[1-9]\d{3} ?(?:[A-RT-Z][A-Z]|S[B-CE-RT-Z])(?-u:\b)(?: [A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)?",
    )
    .expect("static regex")
});
static STREET_NR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)[A-Z][\p{L}'.-]*[ ](?:(?:de|van|der|den|het|la|aan|op|in)[ ])*)*(?-u:\b)[A-Z][\p{L}'-]*(?:straat|laan|weg|plein|gracht|kade|dreef|singel|hof|pad|dijk|steeg|markt|park|baan|plantsoen|wal|dwarsstraat|erf)[ ]\d{1,5}(?:[ -]?[A-Za-z0-9]{1,3}(?-u:\b))?")
        .expect("static regex")
});
static STREET_BEFORE_POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)[A-Z][\p{L}'.-]*[ ](?:(?:de|van|der|den|het|la|aan|op|in)[ ])*){0,3}(?-u:\b)[A-Z][\p{L}'-]+[ ]\d{1,5}(?:[ -]?[A-Za-z0-9]{1,3})?,?[ ]$")
        .expect("static regex")
});
static POSTBUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Postbus|postbus|Antwoordnummer)[ ]\d{1,6}(?-u:\b)")
        .expect("static regex")
});
static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}(?-u:\b)").expect("static regex")
});
static DOB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:geboren(?:[ ]op)?|geb\.(?:[ ]?datum)?|geboortedatum|geb\.dat\.|d\.o\.b\.|date of birth)[: ]{0,3}",
        r"(\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}|\d{1,2}[ ](?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?[ ]\d{4})(?-u:\b)"
    ))
    .expect("static regex")
});

fn raw(start: usize, end: usize, cat: Category, rule: &'static str, reason: &str) -> Raw {
    Raw {
        start,
        end,
        cat,
        rule,
        reason: reason.to_string(),
        strong: false,
        score: None,
    }
}

/// All identifier findings in a text (may overlap; merged later).
///
/// An identifier wrapped at a line end inside itself (`Maarten.vander.veen@logius.` / `nl`,
/// `j.de-` / `vries@example.nl`, `06-` / `12345678`) is found whole: a second pass reads the text
/// with such line breaks removed and keeps what spans a removed break, mapped back so that the
/// finding covers both lines.
pub(crate) fn scan(text: &str, email_mode: EmailMode) -> Vec<Raw> {
    let mut out = scan_flat(text, email_mode);
    if let Some((joined, map)) = join_wrapped(text) {
        for mut r in scan_flat(&joined, email_mode) {
            // only what the join made possible: a span that crosses a removed break
            let crosses = (r.start + 1..r.end).any(|i| map[i] > map[i - 1] + 1);
            if !crosses {
                continue;
            }
            let last = map[r.end - 1];
            let last_len = text[last..].chars().next().map_or(1, char::len_utf8);
            r.start = map[r.start];
            r.end = last + last_len;
            r.reason = format!("{} (wrapped over a line end)", r.reason);
            out.push(r);
        }
    }
    out
}

/// The text with line breaks removed where a word continues over them after `.`, `-`, `@`, `/`
/// or `_` (or before `@` / `.`), with a map from every byte of the joined text to the original.
fn join_wrapped(text: &str) -> Option<(String, Vec<usize>)> {
    let b = text.as_bytes();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\n', &b[i..]) {
        let nl = i + k;
        i = nl + 1;
        // the break with the spaces around it
        let mut a = nl;
        while a > 0 && matches!(b[a - 1], b' ' | b'\t' | b'\r') {
            a -= 1;
        }
        let mut z = nl + 1;
        while z < b.len() && matches!(b[z], b' ' | b'\t') {
            z += 1;
        }
        if a == 0 || z >= b.len() {
            continue;
        }
        let (prev, next) = (b[a - 1], b[z]);
        let word = |c: u8| c.is_ascii_alphanumeric();
        // A full stop before a capital is a sentence's end, not a domain going on
        // ("jan@amsterdam.nl.\nBezoekadres").
        let joins = matches!(prev, b'.' | b'-' | b'@' | b'/' | b'_')
            && word(next)
            && !(prev == b'.' && next.is_ascii_uppercase())
            || word(prev) && matches!(next, b'@');
        if !joins {
            continue;
        }
        // only inside something identifier-like: an @ within the two lines, or digits around a dash
        let lo = text[..a].rfind([' ', '\n']).map_or(0, |p| p + 1);
        let hi = text[z..].find([' ', '\n']).map_or(text.len(), |p| z + p);
        let chunk = &text[lo..hi];
        let email_like = chunk.contains('@');
        let number_like = prev == b'-'
            && b[a - 2.min(a)..a].iter().any(u8::is_ascii_digit)
            && next.is_ascii_digit();
        if email_like || number_like {
            cut.push((a, z));
        }
    }
    if cut.is_empty() {
        return None;
    }
    let mut joined = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut pos = 0;
    for (a, z) in cut {
        joined.push_str(&text[pos..a]);
        map.extend(pos..a);
        pos = z;
    }
    joined.push_str(&text[pos..]);
    map.extend(pos..text.len());
    Some((joined, map))
}

/// Identifier findings with line breaks read as spaces.
fn scan_flat(text: &str, email_mode: EmailMode) -> Vec<Raw> {
    // An identifier may be broken over a line end ("06 6493\n1697", "geboren op 11\njuni
    // 1973"): match on a copy whose line breaks are spaces (same length, so offsets hold).
    let flat: String;
    let lines = text;
    let text = if text.contains(['\n', '\r', '\t']) {
        flat = text.replace(['\n', '\r', '\t'], " ");
        flat.as_str()
    } else {
        text
    };
    let mut out = Vec::new();
    let has_at = text.contains('@');
    if has_at {
        for m in EMAIL.find_iter(text) {
            let end = match email_mode {
                EmailMode::Whole => m.end(),
                EmailMode::LocalPart => m.start() + m.as_str().find('@').unwrap_or(m.len()),
            };
            out.push(raw(
                m.start(),
                end,
                Category::Email,
                "email.address",
                "e-mail address",
            ));
        }
    }
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    if !has_digit {
        return out;
    }
    for m in IBAN.find_iter(text) {
        if iban_valid(m.as_str()) {
            out.push(raw(
                m.start(),
                m.end(),
                Category::Iban,
                "iban.mod97",
                "IBAN with valid mod-97 check",
            ));
        }
    }
    for m in BSN.find_iter(text) {
        if !digit_bounded(text, m.start(), m.end()) || !bsn_valid(m.as_str()) {
            continue;
        }
        let plain = m.as_str().bytes().all(|b| b.is_ascii_digit());
        let ctx_start = floor_char(text, m.start().saturating_sub(60));
        let ctx_end = ceil_char(text, (m.end() + 20).min(text.len()));
        let context = BSN_CONTEXT.is_match(&text[ctx_start..ctx_end]);
        if context {
            out.push(raw(
                m.start(),
                m.end(),
                Category::Bsn,
                "bsn.context",
                "passes the 11-check, next to BSN context word",
            ));
        } else if !plain && m.as_str().contains('.') && m.as_str().len() == 11 {
            out.push(raw(
                m.start(),
                m.end(),
                Category::Bsn,
                "bsn.dotted",
                "BSN-formatted number (1234.56.789) passing the 11-check",
            ));
        }
    }
    for m in PHONE.find_iter(text) {
        if !digit_bounded(text, m.start(), m.end()) {
            continue;
        }
        if phone_valid(m.as_str()) && !IBAN_HEAD.is_match(&text[..m.start()]) {
            out.push(raw(
                m.start(),
                m.end(),
                Category::Phone,
                "phone.nl",
                "Dutch phone number",
            ));
        }
    }
    for m in POSTCODE.find_iter(text) {
        // A place on the postcode's line ends at the line's end ("3000 AA Zuidhaven\nHet
        // college": "Het" is the next sentence); a postcode that ends its line may have its
        // place on the next ("1067 KJ\nAmsterdam", wrapped running text).
        let end = match lines[m.start()..m.end()].find(['\n', '\r']) {
            Some(k)
                if lines[m.start()..m.start() + k]
                    .trim_end()
                    .contains(|c: char| c.is_lowercase()) =>
            {
                m.start() + lines[m.start()..m.start() + k].trim_end().len()
            }
            _ => m.end(),
        };
        // Street and number before the postcode: on its line, or alone on the line above when
        // the postcode opens its line (an address block); never further back (a letterhead's
        // "Gemeente Zuidhaven" above "Postbus 100, 3000 AA").
        let line_start = lines[..m.start()]
            .rfind(['\n', '\r', '(', ';', ':'])
            .map(|i| i + 1)
            .unwrap_or(0);
        let from = if lines[line_start..m.start()].trim().is_empty() && line_start > 0 {
            lines[..line_start - 1]
                .rfind(['\n', '\r', '(', ';', ':'])
                .map(|i| i + 1)
                .unwrap_or(0)
        } else {
            line_start
        };
        let before = &text[from..m.start()];
        let start = STREET_BEFORE_POSTCODE
            .find(before)
            .map(|s| from + s.start())
            .unwrap_or(m.start());
        out.push(raw(
            start,
            end,
            Category::Address,
            "address.postcode",
            "postcode (with street and number)",
        ));
    }
    for m in STREET_NR.find_iter(text) {
        // The words before the street name stay on its line.
        let start = lines[m.start()..m.end()]
            .rfind(['\n', '\r'])
            .map_or(m.start(), |k| m.start() + k + 1);
        out.push(raw(
            start,
            m.end(),
            Category::Address,
            "address.street_number",
            "street name with house number",
        ));
    }
    for m in POSTBUS.find_iter(text) {
        out.push(raw(
            m.start(),
            m.end(),
            Category::Address,
            "address.postbus",
            "postbus number",
        ));
    }
    for m in PLATE.find_iter(text) {
        if plate_valid(m.as_str())
            && !text[m.end()..].starts_with('-')
            && !text[..m.start()].ends_with('-')
        {
            out.push(raw(
                m.start(),
                m.end(),
                Category::LicensePlate,
                "plate.sidecode",
                "Dutch licence plate side code",
            ));
        }
    }
    for c in DOB.captures_iter(text) {
        if let Some(g) = c.get(1) {
            out.push(raw(
                g.start(),
                g.end(),
                Category::DateOfBirth,
                "dob.context",
                "date after a birth-date cue",
            ));
        }
    }
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Not glued to other digits or number punctuation ("12.345.678.901", "1234567890").
fn digit_bounded(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let before_ok = s == 0
        || !(b[s - 1].is_ascii_digit()
            || ((b[s - 1] == b'.' || b[s - 1] == b',') && s >= 2 && b[s - 2].is_ascii_digit()));
    let after_ok = e >= b.len()
        || !(b[e].is_ascii_digit()
            || ((b[e] == b'.' || b[e] == b',') && e + 1 < b.len() && b[e + 1].is_ascii_digit()));
    before_ok && after_ok
}

/// BSN 11-check: weights 9..2 and -1; all zeros rejected.
pub(crate) fn bsn_valid(s: &str) -> bool {
    let d: Vec<i64> = s
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| (b - b'0') as i64)
        .collect();
    if d.len() != 9 || d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i64 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(x, w)| x * w)
        .sum::<i64>()
        - d[8];
    sum % 11 == 0
}

/// IBAN mod-97 check (country code, length per country for NL and common neighbours).
pub(crate) fn iban_valid(s: &str) -> bool {
    let c: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let want = match &c[..2.min(c.len())] {
        "NL" => 18,
        "BE" => 16,
        "DE" => 22,
        "FR" => 27,
        "GB" => 22,
        "LU" => 20,
        _ => 0,
    };
    if (want != 0 && c.len() != want) || c.len() < 15 || c.len() > 34 {
        return false;
    }
    if !c.is_char_boundary(4) {
        return false;
    }
    let re = format!("{}{}", &c[4..], &c[..4]);
    let mut rem: u32 = 0;
    for ch in re.chars() {
        let v = match ch.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        if v >= 10 {
            rem = (rem * 100 + v) % 97;
        } else {
            rem = (rem * 10 + v) % 97;
        }
    }
    rem == 1
}

/// Dutch phone number: national significant number of 9 digits after 0 / +31 / 0031.
pub(crate) fn phone_valid(s: &str) -> bool {
    // separators: single space or dash between digits; no two in a row
    if s.contains("  ") || s.contains("--") || s.contains(" -") || s.contains("- ") {
        return false;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(r) = digits.strip_prefix("0031") {
        r.strip_prefix('0').unwrap_or(r).to_string()
    } else if s.trim_start().starts_with('+') {
        let r = digits.strip_prefix("31").unwrap_or("");
        r.strip_prefix('0').unwrap_or(r).to_string()
    } else {
        digits.strip_prefix('0').unwrap_or("").to_string()
    };
    if national.len() != 9 || national.starts_with('0') {
        return false;
    }
    true
}

/// RDW side codes (sidecodes 1-14): letter/digit group layout with dashes.
pub(crate) fn plate_valid(s: &str) -> bool {
    let shape: String = s
        .chars()
        .map(|c| match c {
            'A'..='Z' => 'X',
            '0'..='9' => '9',
            _ => '-',
        })
        .collect();
    const SIDECODES: [&str; 14] = [
        "XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
        "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9",
    ];
    if !SIDECODES.contains(&shape.as_str()) {
        return false;
    }
    // modern plates use no vowels (except in old series) and never C, Q; reject obvious words/codes
    let letters: String = s.chars().filter(char::is_ascii_uppercase).collect();
    !letters.contains('C') && !letters.contains('Q')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_check() {
        for (s, ok) in [
            ("123456782", true),
            ("1234.56.782", true),
            ("123 456 782", true),
            ("123456781", false),
            ("000000000", false),
            ("111222333", true),
            ("12345678", false),
        ] {
            assert_eq!(bsn_valid(s), ok, "{s}");
        }
    }

    #[test]
    fn iban_check() {
        for (s, ok) in [
            ("NL91ABNA0417164300", true),
            ("NL91 ABNA 0417 1643 00", true),
            ("NL92ABNA0417164300", false),
            ("NL91ABNA041716430", false),
            ("BE68539007547034", true),
        ] {
            assert_eq!(iban_valid(s), ok, "{s}");
        }
    }

    #[test]
    fn plates() {
        for (s, ok) in [
            ("HH-71-PX", true),
            ("05-DGD-9", true),
            ("GG-903-S", true),
            ("4-JHZ-38", true),
            ("12-03-20", false),
            ("AB-CD-EF", false),
        ] {
            assert_eq!(plate_valid(s), ok, "{s}");
        }
    }
}
