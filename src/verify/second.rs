//! The second parser family: the output read again by hayro-syntax, which shares no code with lopdf, so a file our parser reads one way and another reader reads another way does not pass unseen.
//!
//! Every object hayro finds (through its own cross-reference reading and repair) is searched:
//! strings (decoded, and as bytes), names, and every stream it can decode (images as bytes
//! only). Every page's content stream, as hayro assembles it, is searched with its string
//! tokens singly and joined. hayro failing to open the output makes verification incomplete;
//! page counts that differ between the two parsers do too.

use hayro_syntax::Pdf;
use hayro_syntax::object::{MaybeRef, Object};

/// What the second parser hands to the search: (location, text or bytes).
pub struct SecondReading {
    /// Decoded strings, as text (searched folded).
    pub strings: Vec<(String, Vec<u8>)>,
    /// Names and stream data, as bytes (searched literally; content streams also by tokens).
    pub streams: Vec<(String, Vec<u8>, bool)>,
    /// Pages hayro sees.
    pub pages: usize,
}

const MAX_STREAM: usize = 256 << 20;

/// Reads `bytes` with hayro-syntax; an error when it cannot open the file at all.
pub fn read_second(bytes: &[u8]) -> Result<SecondReading, String> {
    let pdf = std::panic::catch_unwind(|| Pdf::new(bytes.to_vec()))
        .map_err(|_| "the second parser panicked".to_string())?
        .map_err(|e| format!("the second parser (hayro) cannot open the output: {e:?}"))?;
    let mut out = SecondReading {
        strings: Vec::new(),
        streams: Vec::new(),
        pages: pdf.pages().len(),
    };
    for (i, obj) in pdf.objects().into_iter().enumerate() {
        let loc = format!("hayro object #{i}");
        walk(&obj, &loc, &mut out, 0);
    }
    for (i, page) in pdf.pages().iter().enumerate() {
        if let Some(data) = page.page_stream() {
            out.streams
                .push((format!("hayro page {}", i + 1), data.to_vec(), true));
        }
    }
    Ok(out)
}

fn walk(obj: &Object<'_>, loc: &str, out: &mut SecondReading, depth: usize) {
    if depth > 64 {
        return;
    }
    match obj {
        Object::String(s) => out.strings.push((loc.to_string(), s.as_bytes().to_vec())),
        Object::Name(n) => out.streams.push((loc.to_string(), n.to_vec(), false)),
        Object::Array(a) => {
            for item in a.raw_iter() {
                if let MaybeRef::NotRef(o) = item {
                    walk(&o, loc, out, depth + 1);
                }
            }
        }
        Object::Dict(d) => {
            for (k, v) in d.entries() {
                out.streams.push((loc.to_string(), k.to_vec(), false));
                if let MaybeRef::NotRef(o) = v {
                    walk(&o, loc, out, depth + 1);
                }
            }
        }
        Object::Stream(s) => {
            walk(&Object::Dict(s.dict().clone()), loc, out, depth + 1);
            let dict = s.dict();
            let subtype = dict.get::<hayro_syntax::object::Name>(b"Subtype".as_slice());
            let subtype = subtype.as_ref().map(|n| n.as_ref());
            if subtype == Some(b"Image".as_slice()) {
                return;
            }
            // Font programs, colour profiles and CMaps are bytes, not content.
            let binary = super::document::binary_program(
                |k| dict.contains_key(k),
                |k| {
                    dict.get::<hayro_syntax::object::Name>(k)
                        .map(|n| n.as_ref().to_vec())
                },
            );
            if let Ok(data) = s.decoded()
                && data.len() <= MAX_STREAM
            {
                out.streams.push((loc.to_string(), data.to_vec(), !binary));
            }
        }
        _ => {}
    }
}
