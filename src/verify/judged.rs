//! Detection on the output: every string and name outside the page content is read by the document judge; personal data it finds there fails the file, removed or not.
//!
//! Verification by search only finds what was removed. This check finds what detection can see
//! in the output itself: a second name in a bookmark, a layer name, a font name, a link target,
//! a private key the rebuild missed. Strings are folded (see [`super::fold`]) and percent-escapes
//! decoded (`mailto:jan%40example.nl`); names (`/ABCDEF+KarinJansen`) are read as words.

use lopdf::{Document, LoadOptions, Object};

use super::document::{Channel, Finding, VerifyReport};
use super::fold::fold;
use super::pdfstrings::decode_text_bytes;
use crate::redact::rebuild::name_words;
use crate::redact::sanitize::Judge;

/// Marks a finding that is not one of the removed strings but new personal data in the output.
pub const DETECTED: usize = usize::MAX;

/// `%xx` escapes decoded (as UTF-8, lossily); other text unchanged.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 3 <= b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs `judge` over every string and multi-word name outside content streams of `bytes`;
/// adds a [`Channel::Detected`] finding per object with a hit. A file that cannot be loaded was
/// already made incomplete by the search.
pub fn judge_output(bytes: &[u8], judge: &dyn Judge, report: &mut VerifyReport) {
    let Ok(doc) = Document::load_mem_with_options(bytes, LoadOptions::default()) else {
        return;
    };
    for (id, obj) in &doc.objects {
        let mut hit = false;
        walk(obj, judge, 0, &mut hit);
        if hit {
            let f = Finding {
                channel: Channel::Detected,
                removed_index: DETECTED,
                location: format!("object {}", id.0),
            };
            if !report.findings.contains(&f) {
                report.findings.push(f);
            }
        }
    }
}

fn read(judge: &dyn Judge, text: &str) -> bool {
    let folded = fold(text);
    let decoded = percent_decode(&folded);
    !judge.find(&folded).is_empty() || (decoded != folded && !judge.find(&decoded).is_empty())
}

/// Keys whose name values are read as words; other names are structural (`/StructElem`,
/// `/NonStruct`). Font names are not read: embedded fonts were renamed by the rebuild, and
/// the names of fonts that are not embedded are real font names ("Deja Vu Sans" reads as a
/// person); a removed string in a font name is still found by the search.
const NAME_KEYS: &[&[u8]] = &[];

fn walk(o: &Object, judge: &dyn Judge, depth: usize, hit: &mut bool) {
    if depth > 64 || *hit {
        return;
    }
    match o {
        Object::String(b, _) => *hit = read(judge, &decode_text_bytes(b)),
        Object::Array(a) => {
            // A spot colour: [/Separation /Name ...] or [/DeviceN [/Names] ...].
            if let Some(Object::Name(kind)) = a.first()
                && (kind == b"Separation" || kind == b"DeviceN")
            {
                let names: Vec<&Object> = match a.get(1) {
                    Some(Object::Array(n)) => n.iter().collect(),
                    Some(n) => vec![n],
                    None => vec![],
                };
                for n in names {
                    name(n, judge, hit);
                }
            }
            a.iter().for_each(|v| walk(v, judge, depth + 1, hit))
        }
        Object::Dictionary(d) => d.iter().for_each(|(k, v)| {
            if NAME_KEYS.contains(&k.as_slice()) {
                name(v, judge, hit);
            }
            walk(v, judge, depth + 1, hit)
        }),
        Object::Stream(s) => s.dict.iter().for_each(|(k, v)| {
            if NAME_KEYS.contains(&k.as_slice()) {
                name(v, judge, hit);
            }
            walk(v, judge, depth + 1, hit)
        }),
        _ => {}
    }
}

fn name(o: &Object, judge: &dyn Judge, hit: &mut bool) {
    if let Object::Name(n) = o {
        let words = name_words(n);
        if words.contains(' ') && read(judge, &words) {
            *hit = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_read() {
        assert_eq!(
            percent_decode("mailto:jan%40example.nl"),
            "mailto:jan@example.nl"
        );
        assert_eq!(percent_decode("naam=Karin%20Jansen"), "naam=Karin Jansen");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
