//! Flattening of form fields and visible annotations into page content, so that what a reader sees (a filled-in value, a comment box, a stamp) stays visible and is read, judged and redacted like any other text; the interactive form is then removed.
//!
//! Runs right after loading (from [`crate::pdf::load_pdf`]), before any text is read: detection,
//! planning, redaction and verification all see the flattened page. Each flattened appearance
//! is drawn as a Form XObject at the place the annotation occupies (PDF 32000-1, 12.5.5: the
//! appearance's BBox, transformed by its Matrix, is mapped onto the annotation's Rect), after
//! the page's own content wrapped in `q ... Q`. Annotations that show nothing on the page
//! (hidden ones, links, pop-ups) are left for the sanitiser.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashSet;

/// Annotation types whose appearance is page content a reader sees.
const FLATTENED: &[&[u8]] = &[
    b"Widget",
    b"FreeText",
    b"Stamp",
    b"Square",
    b"Circle",
    b"Line",
    b"Polygon",
    b"PolyLine",
    b"Ink",
    b"Highlight",
    b"Underline",
    b"StrikeOut",
    b"Squiggly",
    b"Text",
    b"Caret",
    b"FileAttachment",
    b"Watermark",
];
/// Annotation flags: Hidden and NoView (nothing is shown on screen).
const NOT_SHOWN: i64 = 2 | 32;
/// Prefix of the XObject resource names we add (collides with nothing a producer writes).
const NAME_PREFIX: &str = "WooRedactFlat";

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn numbers(doc: &Document, o: Option<&Object>) -> Option<Vec<f64>> {
    let arr = deref(doc, o?).as_array().ok()?;
    arr.iter()
        .map(|x| match deref(doc, x) {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r as f64),
            _ => None,
        })
        .collect()
}

/// The normal appearance of an annotation: (object id if indirect, the stream).
fn normal_appearance(doc: &Document, annot: &Dictionary) -> Option<(Option<ObjectId>, Stream)> {
    let ap = deref(doc, annot.get(b"AP").ok()?).as_dict().ok()?;
    let n = ap.get(b"N").ok()?;
    let (id, obj) = doc.dereference(n).ok()?;
    match obj {
        Object::Stream(s) => Some((id, s.clone())),
        Object::Dictionary(states) => {
            let state = annot.get(b"AS").ok()?.as_name().ok()?;
            let (id, o) = doc.dereference(states.get(state).ok()?).ok()?;
            o.as_stream().ok().map(|s| (id, s.clone()))
        }
        _ => None,
    }
}

/// A field attribute, inherited through the field's /Parent chain.
fn field_attr<'a>(doc: &'a Document, annot: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = annot;
    for _ in 0..32 {
        if let Ok(v) = dict.get(key) {
            return Some(deref(doc, v));
        }
        dict = deref(doc, dict.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

/// An appearance for a filled-in text field that has none (a filler that set NeedAppearances
/// and left drawing the value to the viewer): the value in the field's default appearance (/DA)
/// on one line, as viewers draw it. None when the value cannot be drawn that way (not a text
/// field, no value, characters outside Latin-1).
fn text_field_appearance(
    doc: &Document,
    annot: &Dictionary,
    dr: Option<&Dictionary>,
) -> Option<Stream> {
    if field_attr(doc, annot, b"FT")?.as_name().ok()? != b"Tx" {
        return None;
    }
    let value = lopdf::decode_text_string(field_attr(doc, annot, b"V")?).ok()?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let bytes: Vec<u8> = value
        .chars()
        .map(|c| match c as u32 {
            0x20..=0x7e | 0xa0..=0xff => Some(c as u8),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let rect = numbers(doc, annot.get(b"Rect").ok()).filter(|r| r.len() == 4)?;
    let (w, h) = ((rect[2] - rect[0]).abs(), (rect[3] - rect[1]).abs());
    let da = field_attr(doc, annot, b"DA")
        .or_else(|| {
            doc.catalog()
                .ok()
                .and_then(|c| c.get(b"AcroForm").ok())
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
                .and_then(|af| af.get(b"DA").ok())
        })
        .and_then(|o| o.as_str().ok())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_else(|| "/Helv 0 Tf 0 g".into());
    // `/Font size Tf`: an automatic size (0) becomes one that fits the field's height.
    let tokens: Vec<&str> = da.split_whitespace().collect();
    let tf = tokens.iter().rposition(|t| *t == "Tf")?;
    if tf < 2 {
        return None;
    }
    let font = tokens[tf - 2];
    let mut size: f64 = tokens[tf - 1].parse().ok()?;
    if size <= 0.0 {
        size = (h * 0.7).clamp(4.0, 12.0);
    }
    let colour: Vec<&str> = tokens[tf + 1..].to_vec();
    let mut content = format!("/Tx BMC q BT {font} {size:.2} Tf {} ", colour.join(" "));
    let y = ((h - size * 0.78) / 2.0).max(1.0);
    content.push_str(&format!("2 {y:.2} Td "));
    let mut body = content.into_bytes();
    let op = lopdf::content::Operation::new(
        "Tj",
        vec![Object::String(bytes, lopdf::StringFormat::Literal)],
    );
    body.extend(crate::pdf::content::encode_ops(&[op]).ok()?);
    body.extend_from_slice(b" ET Q EMC");
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), real(w), real(h)]),
    );
    if let Some(dr) = dr {
        dict.set("Resources", Object::Dictionary(dr.clone()));
    }
    Some(Stream::new(dict, body))
}

/// The `cm` matrix that places an appearance with `bbox` and `matrix` on `rect`.
fn placement(bbox: &[f64], matrix: &[f64], rect: &[f64]) -> Option<[f64; 6]> {
    let [a, b, c, d, e, f] = [
        matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5],
    ];
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[2], bbox[3]),
        (bbox[0], bbox[3]),
    ];
    let pts: Vec<(f64, f64)> = corners
        .iter()
        .map(|&(x, y)| (a * x + c * y + e, b * x + d * y + f))
        .collect();
    let tx0 = pts.iter().map(|p| p.0).fold(f64::MAX, f64::min);
    let tx1 = pts.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    let ty0 = pts.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    let ty1 = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let (rx0, rx1) = (rect[0].min(rect[2]), rect[0].max(rect[2]));
    let (ry0, ry1) = (rect[1].min(rect[3]), rect[1].max(rect[3]));
    let (tw, th) = (tx1 - tx0, ty1 - ty0);
    if tw.abs() < 1e-9 || th.abs() < 1e-9 || !(tw.is_finite() && th.is_finite()) {
        return None;
    }
    let (sx, sy) = ((rx1 - rx0) / tw, (ry1 - ry0) / th);
    Some([sx, 0.0, 0.0, sy, rx0 - tx0 * sx, ry0 - ty0 * sy])
}

fn real(v: f64) -> Object {
    Object::Real(((v * 10000.0).round() / 10000.0) as f32)
}

/// Flattens the visible annotations and form fields of `pages` into their content; removes the
/// interactive form (/AcroForm) when fields were flattened. Returns what was done, as warnings
/// for the reviewer.
pub fn flatten_annotations(doc: &mut Document, pages: &[ObjectId]) -> Vec<String> {
    let dr = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|af| af.get(b"DR").ok())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .cloned();
    let mut flattened = 0usize;
    // Flattened annotation objects: deleted at the end, with every reference to them (a tagged
    // form's structure tree points at its widgets, which still hold the field values).
    let mut gone: HashSet<ObjectId> = HashSet::new();
    let mut fields = 0usize;
    let mut notes = Vec::new();
    for (pi, &page_id) in pages.iter().enumerate() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let Some(annots) = page
            .get(b"Annots")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .cloned()
        else {
            continue;
        };
        let mut keep: Vec<Object> = Vec::new();
        let mut draws: Vec<(Vec<u8>, ObjectId, [f64; 6])> = Vec::new();
        for entry in annots {
            let Some(annot) = deref(doc, &entry).as_dict().ok().cloned() else {
                continue;
            };
            let subtype = annot
                .get(b"Subtype")
                .ok()
                .and_then(|s| s.as_name().ok())
                .unwrap_or(b"");
            let flags = annot
                .get(b"F")
                .ok()
                .map(|f| deref(doc, f))
                .and_then(|f| f.as_i64().ok())
                .unwrap_or(0);
            if !FLATTENED.contains(&subtype) || flags & NOT_SHOWN != 0 {
                keep.push(entry);
                continue;
            }
            let is_widget = subtype == b"Widget";
            let appearance = normal_appearance(doc, &annot).or_else(|| {
                is_widget
                    .then(|| text_field_appearance(doc, &annot, dr.as_ref()))
                    .flatten()
                    .map(|s| (None, s))
            });
            let Some((ap_id, mut ap)) = appearance else {
                if is_widget {
                    // A field without an appearance shows nothing we can place: dropped with
                    // the form, and said so.
                    notes.push(format!(
                        "page {}: a form field without an appearance was removed with the form",
                        pi + 1
                    ));
                }
                keep.push(entry);
                continue;
            };
            let bbox = numbers(doc, ap.dict.get(b"BBox").ok())
                .filter(|b| b.len() == 4)
                .unwrap_or_else(|| vec![0.0; 4]);
            let matrix = numbers(doc, ap.dict.get(b"Matrix").ok())
                .filter(|m| m.len() == 6)
                .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
            let Some(rect) = numbers(doc, annot.get(b"Rect").ok()).filter(|r| r.len() == 4) else {
                keep.push(entry);
                continue;
            };
            let Some(cm) = placement(&bbox, &matrix, &rect) else {
                // Nothing visible (an empty box): the annotation goes with the sanitiser.
                keep.push(entry);
                continue;
            };
            // An appearance without resources uses the form's default resources (/DR).
            let needs_dr = !ap.dict.has(b"Resources") && dr.is_some();
            let form_id = match ap_id {
                Some(id) if !needs_dr => id,
                _ => {
                    if needs_dr && let Some(dr) = &dr {
                        ap.dict.set("Resources", Object::Dictionary(dr.clone()));
                    }
                    ap.dict.set("Type", Object::Name(b"XObject".to_vec()));
                    ap.dict.set("Subtype", Object::Name(b"Form".to_vec()));
                    doc.add_object(Object::Stream(ap))
                }
            };
            flattened += 1;
            if let Ok(id) = entry.as_reference() {
                gone.insert(id);
            }
            if is_widget {
                fields += 1;
            }
            let name = format!("{NAME_PREFIX}{}", draws.len()).into_bytes();
            draws.push((name, form_id, cm));
        }
        if draws.is_empty() {
            continue;
        }
        add_draws(doc, page_id, &draws);
        if let Ok(page) = doc.get_dictionary_mut(page_id) {
            if keep.is_empty() {
                page.remove(b"Annots");
            } else {
                page.set("Annots", Object::Array(keep));
            }
        }
    }
    delete_with_references(doc, &gone);
    if fields > 0
        && let Ok(root) = doc.catalog_mut()
    {
        root.remove(b"AcroForm");
        notes.push(format!(
            "{fields} form field(s) flattened into the page content; the interactive form was removed"
        ));
    }
    if flattened > fields {
        notes.push(format!(
            "{} visible annotation(s) flattened into the page content",
            flattened - fields
        ));
    }
    notes
}

/// Deletes `ids` and replaces every reference to them by null (iteratively; direct objects are
/// nested at most as deep as the parser allows).
fn delete_with_references(doc: &mut Document, ids: &HashSet<ObjectId>) {
    if ids.is_empty() {
        return;
    }
    for id in ids {
        doc.objects.remove(id);
    }
    for obj in doc.objects.values_mut() {
        let mut stack: Vec<&mut Object> = vec![obj];
        while let Some(o) = stack.pop() {
            match o {
                Object::Reference(r) if ids.contains(r) => *o = Object::Null,
                Object::Array(a) => stack.extend(a.iter_mut()),
                Object::Dictionary(d) => stack.extend(d.iter_mut().map(|(_, v)| v)),
                Object::Stream(s) => stack.extend(s.dict.iter_mut().map(|(_, v)| v)),
                _ => {}
            }
        }
    }
    for (_, v) in doc.trailer.iter_mut() {
        if let Object::Reference(r) = v
            && ids.contains(r)
        {
            *v = Object::Null;
        }
    }
}

/// Adds the appearance draws to a page: its resources get the forms, its content is wrapped in
/// `q ... Q` and followed by one `q cm Do Q` per appearance.
fn add_draws(doc: &mut Document, page_id: ObjectId, draws: &[(Vec<u8>, ObjectId, [f64; 6])]) {
    let mut resources = crate::pdf::interp::page_resources(doc, page_id)
        .cloned()
        .unwrap_or_default();
    let mut xobjects = resources
        .get(b"XObject")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .cloned()
        .unwrap_or_default();
    let mut ops = Vec::new();
    for (name, id, cm) in draws {
        xobjects.set(name.clone(), Object::Reference(*id));
        ops.push(lopdf::content::Operation::new("q", vec![]));
        ops.push(lopdf::content::Operation::new(
            "cm",
            cm.iter().map(|v| real(*v)).collect(),
        ));
        ops.push(lopdf::content::Operation::new(
            "Do",
            vec![Object::Name(name.clone())],
        ));
        ops.push(lopdf::content::Operation::new("Q", vec![]));
    }
    resources.set("XObject", Object::Dictionary(xobjects));
    let tail = crate::pdf::content::encode_ops(&ops).unwrap_or_default();
    let head_id = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let mut tail_bytes = b"\nQ\n".to_vec();
    tail_bytes.extend_from_slice(&tail);
    let tail_id = doc.add_object(Stream::new(Dictionary::new(), tail_bytes));
    let mut contents = vec![Object::Reference(head_id)];
    contents.extend(
        doc.get_page_contents(page_id)
            .into_iter()
            .map(Object::Reference),
    );
    contents.push(Object::Reference(tail_id));
    if let Ok(page) = doc.get_dictionary_mut(page_id) {
        page.set("Resources", Object::Dictionary(resources));
        page.set("Contents", Object::Array(contents));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appearance_is_scaled_and_moved_onto_its_rect() {
        let cm = placement(
            &[0.0, 0.0, 100.0, 20.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            &[200.0, 700.0, 300.0, 720.0],
        )
        .unwrap();
        assert_eq!(cm, [1.0, 0.0, 0.0, 1.0, 200.0, 700.0]);
        let cm = placement(
            &[0.0, 0.0, 50.0, 10.0],
            &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            &[200.0, 700.0, 300.0, 720.0],
        )
        .unwrap();
        assert_eq!(cm, [2.0, 0.0, 0.0, 2.0, 200.0, 700.0]);
        assert!(
            placement(
                &[0.0; 4],
                &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                &[0.0, 0.0, 1.0, 1.0]
            )
            .is_none()
        );
    }
}
