//! Scrubs removed strings from embedded font programs (name tables, /Notice and copyright strings) without touching glyph data.
//!
//! A font subset carries its designer's notice ("(c) 2011 Olivier Hallot"); when a removed name
//! happens to be in there, a raw scan of the file would still find it. Matches are overwritten
//! in place with the same number of bytes, so every table offset in the font stays valid.

use aho_corasick::AhoCorasick;
use lopdf::{Document, Object, ObjectId};

const FONT_FILE_KEYS: [&[u8]; 3] = [b"FontFile", b"FontFile2", b"FontFile3"];

/// The byte forms a string can take inside a font program: as written (UTF-8 / ASCII),
/// Latin-1 and UTF-16BE (TrueType name records).
fn forms(s: &str) -> Vec<Vec<u8>> {
    let mut out = vec![s.as_bytes().to_vec()];
    if s.chars().all(|c| (c as u32) < 256) && !s.is_ascii() {
        out.push(s.chars().map(|c| c as u32 as u8).collect());
    }
    out.push(s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect());
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether `data[start..end]` stands on word boundaries (for UTF-16BE, judged on code units).
fn on_boundaries(data: &[u8], start: usize, end: usize, utf16: bool) -> bool {
    if utf16 {
        let before_ok = start < 2 || !(data[start - 2] == 0 && is_word_byte(data[start - 1]));
        let after_ok = end + 1 >= data.len() || !(data[end] == 0 && is_word_byte(data[end + 1]));
        before_ok && after_ok
    } else {
        let before_ok = start == 0 || !is_word_byte(data[start - 1]);
        let after_ok = end >= data.len() || !is_word_byte(data[end]);
        before_ok && after_ok
    }
}

/// Overwrites every whole-word occurrence of the needles in `data` in one pass; returns how many.
fn overwrite_all(data: &mut [u8], matcher: &AhoCorasick, utf16: &[bool]) -> usize {
    let spans: Vec<(usize, usize, bool)> = matcher
        .find_overlapping_iter(&*data)
        .map(|m| (m.start(), m.end(), utf16[m.pattern().as_usize()]))
        .filter(|&(s, e, u)| on_boundaries(data, s, e, u))
        .collect();
    for &(s, e, u) in &spans {
        for (k, b) in data[s..e].iter_mut().enumerate() {
            *b = if u && k % 2 == 0 { 0 } else { b'-' };
        }
    }
    spans.len()
}

#[cfg(test)]
fn overwrite(data: &mut [u8], needle: &[u8], utf16: bool) -> usize {
    let matcher = AhoCorasick::new([needle]).expect("one pattern");
    overwrite_all(data, &matcher, &[utf16])
}

/// Scrubs `removed` from every embedded font program of `doc`; returns the number of fonts changed.
pub fn scrub_font_programs(doc: &mut Document, removed: &[String], max_bytes: usize) -> usize {
    let needles: Vec<(Vec<u8>, bool)> = removed
        .iter()
        .filter(|r| r.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .flat_map(|r| {
            let f = forms(r);
            let last = f.len() - 1;
            f.into_iter().enumerate().map(move |(i, b)| (b, i == last))
        })
        .collect();
    if needles.is_empty() {
        return 0;
    }
    let Ok(matcher) = AhoCorasick::new(needles.iter().map(|(n, _)| n)) else {
        return 0;
    };
    let utf16: Vec<bool> = needles.iter().map(|(_, u)| *u).collect();
    let mut ids: Vec<ObjectId> = Vec::new();
    for obj in doc.objects.values() {
        if let Object::Dictionary(d) = obj
            && d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor")
        {
            for key in FONT_FILE_KEYS {
                if let Ok(Object::Reference(id)) = d.get(key) {
                    ids.push(*id);
                }
            }
        }
    }
    ids.sort();
    ids.dedup();
    let mut changed = 0;
    for id in ids {
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        let Ok(mut data) = stream.decompressed_content_with_limit(max_bytes) else {
            continue;
        };
        let hits = overwrite_all(&mut data, &matcher, &utf16);
        if hits == 0 {
            continue;
        }
        if let Ok(s) = doc.get_object_mut(id).and_then(Object::as_stream_mut) {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.set_content(data);
            crate::pdf::content::compress(s);
            changed += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_strings_are_overwritten_in_place_on_word_boundaries() {
        let mut data = b"\x00\x01(c) 2011 Olivier Hallot; Olivierdesign\x00".to_vec();
        let len = data.len();
        assert_eq!(overwrite(&mut data, b"Olivier", false), 1);
        assert_eq!(data.len(), len);
        let s = String::from_utf8_lossy(&data);
        assert!(
            s.contains("2011 ------- Hallot") && s.contains("Olivierdesign"),
            "{s}"
        );
    }

    #[test]
    fn utf16_name_records_are_overwritten() {
        let mut data: Vec<u8> = "Copyright Olivier"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let needle: Vec<u8> = "Olivier"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(overwrite(&mut data, &needle, true), 1);
        let back: Vec<u16> = data
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(String::from_utf16_lossy(&back), "Copyright -------");
    }
}
