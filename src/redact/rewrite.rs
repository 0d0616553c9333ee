//! Operator rewriting: removes exactly the listed glyphs from a content stream and keeps every other glyph where it was.
//!
//! Kept glyphs keep their original bytes, cut only on code boundaries. Each run of removed glyphs
//! becomes ONE TJ adjustment equal to the distance they (and the kerning numbers inside the run)
//! moved the text position, so the next glyph stays in place; the removed glyphs' own kerning
//! numbers are dropped, since pair kerning fingerprints the removed text. `'` and `"` are expanded
//! into their state changes plus `TJ`; a fully removed string becomes a pure adjustment.

use lopdf::content::Operation;
use lopdf::{Object, StringFormat};
use std::collections::{BTreeMap, BTreeSet};

/// One glyph to remove, as the interpreter located it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Removal {
    /// Index of the show operator.
    pub op_index: usize,
    /// String element inside a TJ array (0 for Tj, ' and ").
    pub elem_index: usize,
    /// Byte offset of the code in that string.
    pub byte_start: usize,
    /// Length of the code.
    pub byte_len: usize,
    /// Text-space advance of the glyph (`Glyph::tx`).
    pub tx: f64,
    /// Text-space distance of a TJ adjustment of 1000 (`Glyph::adjust_unit`).
    pub adjust_unit: f64,
}

/// What to change in one content stream.
#[derive(Debug, Clone, Default)]
pub struct StreamEdit {
    /// Glyphs to remove.
    pub removals: Vec<Removal>,
    /// Operators to drop entirely (image `Do` and inline images under an area).
    pub drop_ops: BTreeSet<usize>,
    /// New properties operand for `BDC` operators whose /ActualText, /Alt or /E carried removed text.
    pub replace_props: BTreeMap<usize, Object>,
}

/// Applies `edit` to `ops`; returns the new operator list.
pub fn rewrite_ops(ops: &[Operation], edit: &StreamEdit) -> Vec<Operation> {
    let mut by_op: BTreeMap<usize, Vec<Removal>> = BTreeMap::new();
    for r in &edit.removals {
        by_op.entry(r.op_index).or_default().push(*r);
    }
    let mut out = Vec::with_capacity(ops.len() + 4);
    for (i, op) in ops.iter().enumerate() {
        if edit.drop_ops.contains(&i) {
            continue;
        }
        if let Some(props) = edit.replace_props.get(&i)
            && op.operator == "BDC"
            && op.operands.len() == 2
        {
            out.push(Operation::new(
                "BDC",
                vec![op.operands[0].clone(), props.clone()],
            ));
            continue;
        }
        match by_op.get(&i) {
            Some(removals) => rewrite_show(op, removals, &mut out),
            None => out.push(op.clone()),
        }
    }
    out
}

fn rewrite_show(op: &Operation, removals: &[Removal], out: &mut Vec<Operation>) {
    let elements: Vec<Object> = match (op.operator.as_str(), op.operands.as_slice()) {
        ("Tj", [s]) => vec![s.clone()],
        ("'", [s]) => {
            out.push(Operation::new("T*", vec![]));
            vec![s.clone()]
        }
        ("\"", [aw, ac, s]) => {
            out.push(Operation::new("Tw", vec![aw.clone()]));
            out.push(Operation::new("Tc", vec![ac.clone()]));
            out.push(Operation::new("T*", vec![]));
            vec![s.clone()]
        }
        ("TJ", [Object::Array(a)]) => a.clone(),
        _ => {
            // Not a show operator we can cut: drop it entirely rather than keep removed text.
            return;
        }
    };
    let unit = removals
        .iter()
        .map(|r| r.adjust_unit)
        .find(|u| u.abs() > 1e-9)
        .unwrap_or(1.0);
    let mut new: Vec<Object> = Vec::with_capacity(elements.len() + 2);
    let mut pending: Option<f64> = None;
    let flush = |pending: &mut Option<f64>, new: &mut Vec<Object>| {
        if let Some(d) = pending.take() {
            let n = -d * 1000.0 / unit;
            if n.abs() > 1e-6 {
                new.push(Object::Real(n as f32));
            }
        }
    };
    for (ei, e) in elements.iter().enumerate() {
        match e {
            Object::String(bytes, format) => {
                let mut cut: Vec<&Removal> =
                    removals.iter().filter(|r| r.elem_index == ei).collect();
                cut.sort_by_key(|r| r.byte_start);
                let mut pos = 0usize;
                let mut kept: Vec<u8> = Vec::new();
                for r in cut {
                    if r.byte_start < pos || r.byte_start + r.byte_len > bytes.len() {
                        continue;
                    }
                    if r.byte_start > pos {
                        flush(&mut pending, &mut new);
                        kept.extend_from_slice(&bytes[pos..r.byte_start]);
                    }
                    if !kept.is_empty() {
                        new.push(Object::String(std::mem::take(&mut kept), *format));
                    }
                    *pending.get_or_insert(0.0) += r.tx;
                    pos = r.byte_start + r.byte_len;
                }
                if pos < bytes.len() {
                    flush(&mut pending, &mut new);
                    kept.extend_from_slice(&bytes[pos..]);
                }
                if !kept.is_empty() {
                    new.push(Object::String(kept, *format));
                }
            }
            other => {
                let n = match other {
                    Object::Integer(i) => *i as f64,
                    Object::Real(r) => *r as f64,
                    _ => 0.0,
                };
                match pending.as_mut() {
                    Some(d) => *d += -n / 1000.0 * unit,
                    None => new.push(other.clone()),
                }
            }
        }
    }
    flush(&mut pending, &mut new);
    if new.is_empty() {
        new.push(Object::String(Vec::new(), StringFormat::Literal));
    }
    out.push(Operation::new("TJ", vec![Object::Array(new)]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::content::{decode_ops, encode_ops};

    fn removal(op: usize, elem: usize, start: usize, tx: f64) -> Removal {
        Removal {
            op_index: op,
            elem_index: elem,
            byte_start: start,
            byte_len: 1,
            tx,
            adjust_unit: 10.0,
        }
    }

    fn text(ops: &[Operation]) -> String {
        String::from_utf8_lossy(&encode_ops(ops).unwrap()).into_owned()
    }

    #[test]
    fn removing_a_word_inside_tj_leaves_one_adjustment() {
        let ops = decode_ops(b"BT /F1 10 Tf (met Jan zegt) Tj ET").unwrap();
        let edit = StreamEdit {
            removals: (4..7).map(|b| removal(2, 0, b, 5.0)).collect(),
            ..Default::default()
        };
        let out = text(&rewrite_ops(&ops, &edit));
        // 15 text-space units at 10 per 1000 -> -1500
        assert!(out.contains("[(met ) -1500.0( zegt)] TJ"), "{out}");
    }

    #[test]
    fn kerning_numbers_of_the_removed_run_fold_into_one_adjustment() {
        let ops = decode_ops(b"BT [(aJ) -50 (an) 120 (b)] TJ ET").unwrap();
        let edit = StreamEdit {
            removals: vec![
                removal(1, 0, 1, 5.0),
                removal(1, 2, 0, 5.0),
                removal(1, 2, 1, 5.0),
            ],
            ..Default::default()
        };
        let out = text(&rewrite_ops(&ops, &edit));
        // removed J, a, n: 15 units; the -50 inside the run adds 0.5 and the 120 after it
        // (kerning of the removed n against b) takes 1.2: 14.3 units -> -1430, one number
        assert!(out.contains("[(a) -1430.0(b)] TJ"), "{out}");
    }

    #[test]
    fn a_fully_removed_quote_operator_becomes_state_changes_and_a_pure_adjustment() {
        let ops = decode_ops(b"BT 2 1 (Al) \" ET").unwrap();
        let edit = StreamEdit {
            removals: vec![removal(1, 0, 0, 6.0), removal(1, 0, 1, 2.0)],
            ..Default::default()
        };
        let out = text(&rewrite_ops(&ops, &edit));
        assert!(out.contains("2 Tw\n1 Tc\nT*\n[-800.0] TJ"), "{out}");
        assert!(!out.contains("Al"));
    }

    #[test]
    fn hex_strings_stay_hex_and_multibyte_codes_are_cut_on_code_boundaries() {
        let ops = decode_ops(b"BT <00410042004300> Tj ET").unwrap();
        let edit = StreamEdit {
            removals: vec![Removal {
                op_index: 1,
                elem_index: 0,
                byte_start: 2,
                byte_len: 2,
                tx: 5.0,
                adjust_unit: 10.0,
            }],
            ..Default::default()
        };
        let out = text(&rewrite_ops(&ops, &edit));
        assert!(out.contains("[<0041> -500.0<004300>] TJ"), "{out}");
    }

    #[test]
    fn dropped_images_and_scrubbed_actual_text() {
        let ops = decode_ops(b"/Span <</ActualText (Jan)>> BDC BT (x) Tj ET EMC /Im1 Do").unwrap();
        let mut edit = StreamEdit::default();
        edit.drop_ops.insert(5);
        edit.replace_props
            .insert(0, Object::Dictionary(lopdf::Dictionary::new()));
        let out = text(&rewrite_ops(&ops, &edit));
        assert!(!out.contains("Jan") && !out.contains("Im1"), "{out}");
    }
}
