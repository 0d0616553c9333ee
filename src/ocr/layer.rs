//! The invisible text layer of an OCR'd page: kept words as render-mode-3 text positioned on their boxes, so the published page can be searched and read aloud.

use super::page::OcrWord;
use crate::pdf::Matrix;
use crate::pdf::font::helvetica_width;
use crate::pdf::interp::{page_geometry, page_resources};
use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Font resource name of the text layer (collides with nothing a producer writes).
pub const LAYER_FONT: &[u8] = b"WooRedactOcrText";

/// Windows-1252 bytes 0x80..=0x9F (0 where undefined).
const CP1252_HIGH: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

fn win_ansi_reverse() -> &'static HashMap<char, u8> {
    static MAP: OnceLock<HashMap<char, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for b in (0x20u8..0x7F).chain(0xA1..=0xFF) {
            m.insert(b as char, b);
        }
        for (i, c) in CP1252_HIGH.iter().enumerate() {
            if *c != '\0' {
                m.insert(*c, 0x80 + i as u8);
            }
        }
        m
    })
}

/// The word in WinAnsi bytes (characters outside it become `?`) and the text those bytes read as.
fn encode(text: &str) -> (Vec<u8>, String) {
    let map = win_ansi_reverse();
    let mut bytes = Vec::with_capacity(text.len());
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match map.get(&c) {
            Some(&b) => {
                bytes.push(b);
                shown.push(c);
            }
            None => {
                bytes.push(b'?');
                shown.push('?');
            }
        }
    }
    (bytes, shown)
}

fn num(v: f64) -> Object {
    Object::Real(((v * 1000.0).round() / 1000.0) as f32)
}

/// The operators drawing `words` as invisible text (render mode 3), each word stretched
/// (`Tz`) to its box width, baseline near the box bottom; `to_user` maps page space to the
/// page's default user space.
pub fn layer_ops(words: &[&OcrWord], to_user: &Matrix) -> Vec<Operation> {
    let mut ops = vec![
        Operation::new("q", vec![]),
        Operation::new("BT", vec![]),
        Operation::new("Tr", vec![Object::Integer(3)]),
    ];
    let o = to_user.apply(0.0, 0.0);
    let ux = to_user.apply(1.0, 0.0);
    let vy = to_user.apply(0.0, -1.0);
    // One baseline and size per OCR line, so extractors keep a line together.
    let mut line_box: HashMap<usize, (f64, f64)> = HashMap::new();
    for w in words {
        let e = line_box.entry(w.line).or_insert((w.rect.y0, w.rect.y1));
        e.0 = e.0.min(w.rect.y0);
        e.1 = e.1.max(w.rect.y1);
    }
    for w in words {
        let (bytes, shown) = encode(&w.text);
        if bytes.is_empty() {
            continue;
        }
        let r = w.rect;
        let (top, bottom) = line_box.get(&w.line).copied().unwrap_or((r.y0, r.y1));
        let h = (bottom - top).max(1.0);
        let size = h * 0.8;
        let natural = helvetica_width(&shown).max(0.01) * size;
        let hscale = (r.width() / natural * 100.0).clamp(1.0, 1000.0);
        let origin = to_user.apply(r.x0, bottom - 0.22 * h);
        ops.push(Operation::new(
            "Tf",
            vec![Object::Name(LAYER_FONT.to_vec()), num(size)],
        ));
        ops.push(Operation::new("Tz", vec![num(hscale)]));
        ops.push(Operation::new(
            "Tm",
            [
                ux.0 - o.0,
                ux.1 - o.1,
                vy.0 - o.0,
                vy.1 - o.1,
                origin.0,
                origin.1,
            ]
            .iter()
            .map(|v| num(*v))
            .collect(),
        ));
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(bytes, StringFormat::Literal)],
        ));
    }
    ops.push(Operation::new("ET", vec![]));
    ops.push(Operation::new("Q", vec![]));
    ops
}

/// Appends the invisible text layer of `words` to page `page_id`: a new content stream after
/// the existing ones, and the layer font in a copy of the page's resources.
pub fn add_text_layer(
    doc: &mut Document,
    page_id: ObjectId,
    words: &[&OcrWord],
) -> Result<(), String> {
    if words.is_empty() {
        return Ok(());
    }
    let display = page_geometry(doc, page_id).display;
    let to_user = display.invert().unwrap_or(Matrix::IDENTITY);
    let ops = layer_ops(words, &to_user);
    let bytes = lopdf::content::Content { operations: ops }
        .encode()
        .map_err(|e| format!("text layer cannot be encoded: {e}"))?;
    let mut stream = Stream::new(Dictionary::new(), bytes);
    crate::pdf::content::compress(&mut stream);
    let layer_id = doc.add_object(stream);

    let mut res = page_resources(doc, page_id).cloned().unwrap_or_default();
    let mut fonts = res
        .get(b"Font")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .cloned()
        .unwrap_or_default();
    let mut helv = Dictionary::new();
    helv.set("Type", Object::Name(b"Font".to_vec()));
    helv.set("Subtype", Object::Name(b"Type1".to_vec()));
    helv.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    helv.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    fonts.set(LAYER_FONT.to_vec(), Object::Dictionary(helv));
    res.set("Font", Object::Dictionary(fonts));

    let page = doc
        .get_dictionary_mut(page_id)
        .map_err(|e| format!("page object: {e}"))?;
    let contents = match page.get(b"Contents") {
        Ok(Object::Array(a)) => {
            let mut a = a.clone();
            a.push(Object::Reference(layer_id));
            a
        }
        Ok(o @ Object::Reference(_)) => vec![o.clone(), Object::Reference(layer_id)],
        _ => vec![Object::Reference(layer_id)],
    };
    page.set("Contents", Object::Array(contents));
    page.set("Resources", Object::Dictionary(res));
    Ok(())
}
