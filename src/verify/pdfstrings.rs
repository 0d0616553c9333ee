//! PDF text strings: decoding (PDFDocEncoding, UTF-16BE, UTF-8), re-encoding, and finding string tokens in stream bytes.

use lopdf::{Object, StringFormat};

/// Decodes the bytes of a PDF text string (PDF 32000, 7.9.2.2) without ever failing.
///
/// A UTF-16BE or UTF-8 byte order mark selects that encoding (invalid units become U+FFFD);
/// anything else is PDFDocEncoding, where bytes lopdf cannot map fall back to Latin-1.
/// Language escapes (`ESC nl ESC` in UTF-16 text strings, 7.9.2.2) are dropped: they are
/// not text, and left in they split a name for anything that reads the string.
pub fn decode_text_bytes(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return drop_language_escapes(utf16be_lossy(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    match lopdf::decode_text_string(&Object::String(bytes.to_vec(), StringFormat::Literal)) {
        Ok(s) => s,
        Err(_) => latin1(bytes),
    }
}

/// Removes `ESC language-code ESC` sequences.
fn drop_language_escapes(s: String) -> String {
    if !s.contains('\u{1B}') {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        if c == '\u{1B}' {
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Encodes text as a PDF text string: PDFDocEncoding (plain ASCII) when possible,
/// otherwise UTF-16BE with a byte order mark, written as a hexadecimal string.
pub fn encode_text_string(text: &str) -> Object {
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t')
    {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(out, StringFormat::Hexadecimal)
}

/// Bytes read one to one as Latin-1 characters (never fails, keeps every byte visible).
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Bytes read as UTF-16BE code units; an odd last byte is ignored, bad units become U+FFFD.
pub fn utf16be_lossy(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// Every string token (literal `(...)` and hexadecimal `<...>`) in a content-like byte
/// stream, with escapes resolved. Dictionaries (`<<`) and comments are skipped; a string
/// left open at the end is returned as far as it goes. Never panics on any input.
pub fn string_tokens(data: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let (s, next) = crate::pdf::lexer::literal_string(data, i + 1);
                out.push(s);
                i = next;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'<' => {
                let (s, next) = hex(data, i + 1);
                if let Some(s) = s {
                    out.push(s);
                }
                i = next;
            }
            _ => i += 1,
        }
    }
    out
}

/// Reads a hexadecimal string body starting after `<`; `None` if a non-hex byte shows it is not one.
fn hex(data: &[u8], mut i: usize) -> (Option<Vec<u8>>, usize) {
    let mut digits = Vec::new();
    while i < data.len() {
        let b = data[i];
        if b == b'>' {
            return (Some(pack_hex(&digits)), i + 1);
        }
        if b.is_ascii_hexdigit() {
            digits.push(b);
        } else if !b.is_ascii_whitespace() {
            return (None, i);
        }
        i += 1;
    }
    (Some(pack_hex(&digits)), i)
}

fn pack_hex(digits: &[u8]) -> Vec<u8> {
    let val = |d: u8| match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        _ => d.wrapping_sub(b'A').wrapping_add(10) & 0x0f,
    };
    digits
        .chunks(2)
        .map(|c| (val(c[0]) << 4) | c.get(1).map_or(0, |&d| val(d)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_encodes_text_strings() {
        let cases: &[(&[u8], &str)] = &[
            (b"Jan de Vries", "Jan de Vries"),
            (b"\xFE\xFF\x00G\x00\xf6\x00n", "Gön"),
            (b"\xEF\xBB\xBFG\xc3\xb6n", "Gön"),
        ];
        for (bytes, text) in cases {
            assert_eq!(decode_text_bytes(bytes), *text);
            let enc = encode_text_string(text);
            let back = decode_text_bytes(enc.as_str().unwrap_or_default());
            assert_eq!(back, *text);
        }
    }

    #[test]
    fn finds_literal_and_hex_tokens() {
        let data = b"BT /F1 12 Tf [(Ru\\(u\\)d) -20 <4765727269747365 6e>] TJ << /A 1 >> % (no)\n ET (open";
        let toks = string_tokens(data);
        assert_eq!(
            toks,
            vec![b"Ru(u)d".to_vec(), b"Gerritsen".to_vec(), b"open".to_vec()]
        );
        assert_eq!(string_tokens(b"(\\101\\102C)"), vec![b"ABC".to_vec()]);
        assert_eq!(string_tokens(b"<4>"), vec![vec![0x40]]);
    }
}
