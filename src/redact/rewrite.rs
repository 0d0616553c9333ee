//! Operator rewriting: removes exactly the listed glyphs from a content stream and keeps every other glyph where it was.
//!
//! Kept glyphs keep their original bytes, cut only on code boundaries. Each run of removed glyphs
//! becomes ONE TJ adjustment equal to the distance they (and the kerning numbers inside the run)
//! moved the text position, so the next glyph stays in place; the removed glyphs' own kerning
//! numbers are dropped, since pair kerning fingerprints the removed text. `'` and `"` are expanded
//! into their state changes plus `TJ`; a fully removed string becomes a pure adjustment.
//!
//! With width-safe gaps (`StreamEdit::width_safe`, see `plan::Gap`) a run's adjustment is the
//! class width instead: the kerning numbers between a kept glyph and the run and after the run's
//! last glyph are dropped (they belong to the pair removed/kept), the run's last removal carries
//! the extra distance, and the extra is carried on to the kept text that follows on the line:
//! in the same operator, in later show operators, or through the next `Td` on the same line
//! (whose shift of the line matrix is taken back at the next line change, so later lines stay).

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
    /// Width-safe gaps: this glyph ends gap `.0` of the plan, and `.1` (text space) is added
    /// after it.
    pub gap_end: Option<(usize, f64)>,
    /// Width-safe gaps: this glyph starts gap `.0` of the plan.
    pub gap_start: Option<usize>,
}

/// What became of the width-safe gaps of a stream.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GapReport {
    /// Gaps whose extra width reached kept text after them (that text moved).
    pub carried: BTreeSet<usize>,
    /// For each gap, how far (text space, along the line) the extra widths of earlier gaps moved
    /// its start.
    pub shifted: BTreeMap<usize, f64>,
    /// For each gap, the show operators that drew kept glyphs while its extra width was in
    /// effect (glyphs after it in those operators moved).
    pub moved_ops: BTreeMap<usize, BTreeSet<usize>>,
}

/// The extra widths in effect where the rewriter is (text space), and the gaps they come from.
#[derive(Default)]
struct Flow {
    /// Added by TJ adjustments since the text matrix was last set from the line matrix.
    tm_shift: f64,
    /// Moved into the line matrix by a `Td` on the same line.
    lm_shift: f64,
    /// The gaps whose extra is in `tm_shift` and `lm_shift`.
    active: Vec<usize>,
}

impl Flow {
    /// Kept glyphs are drawn by operator `op`: every active gap moved them.
    fn drawn(&self, op: usize, report: &mut GapReport) {
        for id in &self.active {
            report.moved_ops.entry(*id).or_default().insert(op);
        }
    }
}

/// What to change in one content stream.
#[derive(Debug, Clone, Default)]
pub struct StreamEdit {
    /// Glyphs to remove.
    pub removals: Vec<Removal>,
    /// Operators to drop entirely (image `Do` and inline images under an area, the
    /// construction operators of subpaths under a box).
    pub drop_ops: BTreeSet<usize>,
    /// Operators to replace by another (the painting operator of a path whose subpaths were
    /// all dropped; an empty clip in place of a dropped clipping path).
    pub replace_ops: BTreeMap<usize, Operation>,
    /// New properties operand for `BDC` operators whose /ActualText, /Alt or /E carried removed text.
    pub replace_props: BTreeMap<usize, Object>,
    /// Width-safe gaps (see the module docs); false keeps every kept glyph in place.
    pub width_safe: bool,
}

/// Applies `edit` to `ops`; returns the new operator list.
pub fn rewrite_ops(ops: &[Operation], edit: &StreamEdit) -> Vec<Operation> {
    rewrite_ops_report(ops, edit).0
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// A show operator that draws at least one code.
fn draws(op: &Operation) -> bool {
    let non_empty = |o: &Object| matches!(o, Object::String(b, _) if !b.is_empty());
    match (op.operator.as_str(), op.operands.as_slice()) {
        ("Tj" | "'", [s]) | ("\"", [_, _, s]) => non_empty(s),
        ("TJ", [Object::Array(a)]) => a.iter().any(non_empty),
        _ => false,
    }
}

/// Applies `edit` to `ops`; returns the new operator list and what became of the width-safe
/// gaps (see the module docs).
pub fn rewrite_ops_report(ops: &[Operation], edit: &StreamEdit) -> (Vec<Operation>, GapReport) {
    let mut by_op: BTreeMap<usize, Vec<Removal>> = BTreeMap::new();
    for r in &edit.removals {
        by_op.entry(r.op_index).or_default().push(*r);
    }
    let mut out = Vec::with_capacity(ops.len() + 4);
    let mut report = GapReport::default();
    // a gap's extra width not yet reached by kept text (it sits in the text matrix)
    let mut carry: Option<(usize, f64)> = None;
    let mut flow = Flow::default();
    for (i, op) in ops.iter().enumerate() {
        if edit.width_safe && !edit.drop_ops.contains(&i) {
            match (op.operator.as_str(), op.operands.as_slice()) {
                ("BT" | "ET" | "Tm", _) => {
                    carry = None;
                    flow = Flow::default();
                }
                ("Td" | "TD", [a, b]) => {
                    if let (Some(tx), Some(ty)) = (number(a), number(b)) {
                        let shift;
                        if ty.abs() < 1e-9 {
                            // the rest of the line moves on with everything in the text matrix
                            if let Some((id, _)) = carry.take() {
                                report.carried.insert(id);
                            }
                            shift = flow.tm_shift;
                            flow.lm_shift += flow.tm_shift;
                            flow.tm_shift = 0.0;
                        } else {
                            carry = None;
                            shift = -flow.lm_shift;
                            flow = Flow::default();
                        }
                        if shift.abs() > 1e-9 {
                            out.push(Operation::new(
                                op.operator.as_str(),
                                vec![Object::Real((tx + shift) as f32), b.clone()],
                            ));
                            continue;
                        }
                    }
                }
                ("T*" | "'" | "\"", _) => {
                    carry = None;
                    if flow.lm_shift.abs() > 1e-9 {
                        out.push(Operation::new(
                            "Td",
                            vec![Object::Real(-flow.lm_shift as f32), Object::Integer(0)],
                        ));
                    }
                    flow = Flow::default();
                }
                _ => {}
            }
        }
        if edit.drop_ops.contains(&i) {
            continue;
        }
        if let Some(new) = edit.replace_ops.get(&i) {
            out.push(new.clone());
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
            Some(removals) => {
                let shown = rewrite_show(
                    op,
                    i,
                    removals,
                    edit.width_safe,
                    &mut flow,
                    &mut report,
                    &mut out,
                );
                if shown.kept_any
                    && let Some((id, _)) = carry.take()
                {
                    report.carried.insert(id);
                }
                report.carried.extend(shown.carried);
                report.shifted.extend(shown.shifted);
                if shown.open.is_some() {
                    carry = shown.open;
                }
            }
            None => {
                if draws(op) {
                    if let Some((id, _)) = carry.take() {
                        report.carried.insert(id);
                    }
                    flow.drawn(i, &mut report);
                }
                out.push(op.clone());
            }
        }
    }
    (out, report)
}

/// What rewriting one show operator did (for width-safe gaps).
#[derive(Default)]
struct Shown {
    /// It still draws kept glyphs.
    kept_any: bool,
    /// Gaps ended inside it with kept glyphs after them.
    carried: Vec<usize>,
    /// A gap ended at its end: its extra is still to reach kept text.
    open: Option<(usize, f64)>,
    /// Gaps started in it, with the extra width in effect at their start.
    shifted: Vec<(usize, f64)>,
}

#[allow(clippy::too_many_arguments)]
fn rewrite_show(
    op: &Operation,
    op_index: usize,
    removals: &[Removal],
    width_safe: bool,
    flow: &mut Flow,
    report: &mut GapReport,
    out: &mut Vec<Operation>,
) -> Shown {
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
            return Shown::default();
        }
    };
    let unit = removals
        .iter()
        .map(|r| r.adjust_unit)
        .find(|u| u.abs() > 1e-9)
        .unwrap_or(1.0);
    let mut new: Vec<Object> = Vec::with_capacity(elements.len() + 2);
    let mut shown = Shown::default();
    // text-space distance of the run of removed glyphs being skipped
    let mut pending: Option<f64> = None;
    // width-safe: the run ends a gap (numbers after it are dropped, its extra added)
    let mut gap_end: Option<(usize, f64)> = None;
    // width-safe: numbers seen outside a run since the last glyph, kept or dropped by what follows
    let mut held: Vec<Object> = Vec::new();
    let flush = |pending: &mut Option<f64>,
                 gap_end: &mut Option<(usize, f64)>,
                 new: &mut Vec<Object>,
                 flow: &mut Flow|
     -> Option<(usize, f64)> {
        let end = gap_end.take();
        if let Some((id, e)) = end {
            flow.tm_shift += e;
            flow.active.push(id);
        }
        if let Some(d) = pending.take() {
            let n = -(d + end.map_or(0.0, |e| e.1)) * 1000.0 / unit;
            if n.abs() > 1e-6 {
                new.push(Object::Real(n as f32));
            }
        }
        end
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
                        if let Some((id, _)) = flush(&mut pending, &mut gap_end, &mut new, flow) {
                            shown.carried.push(id);
                        }
                        new.append(&mut held);
                        kept.extend_from_slice(&bytes[pos..r.byte_start]);
                    }
                    if !kept.is_empty() {
                        new.push(Object::String(std::mem::take(&mut kept), *format));
                        shown.kept_any = true;
                        flow.drawn(op_index, report);
                    }
                    if pending.is_none() {
                        // numbers between a kept glyph and the run: kerning of that pair
                        if shown.kept_any {
                            held.clear();
                        } else {
                            new.append(&mut held);
                        }
                    }
                    *pending.get_or_insert(0.0) += r.tx;
                    if width_safe {
                        if let Some(id) = r.gap_start {
                            shown.shifted.push((id, flow.tm_shift + flow.lm_shift));
                        }
                        if r.gap_end.is_some() {
                            gap_end = r.gap_end;
                        }
                    }
                    pos = r.byte_start + r.byte_len;
                }
                if pos < bytes.len() {
                    if let Some((id, _)) = flush(&mut pending, &mut gap_end, &mut new, flow) {
                        shown.carried.push(id);
                    }
                    new.append(&mut held);
                    kept.extend_from_slice(&bytes[pos..]);
                }
                if !kept.is_empty() {
                    new.push(Object::String(kept, *format));
                    shown.kept_any = true;
                    flow.drawn(op_index, report);
                }
            }
            other => {
                let n = number(other).unwrap_or(0.0);
                match pending.as_mut() {
                    // after a gap's last glyph: kerning of the pair removed/kept, dropped
                    Some(_) if gap_end.is_some() => {}
                    Some(d) => *d += -n / 1000.0 * unit,
                    None if width_safe => held.push(other.clone()),
                    None => new.push(other.clone()),
                }
            }
        }
    }
    shown.open = flush(&mut pending, &mut gap_end, &mut new, flow);
    new.append(&mut held);
    if new.is_empty() {
        new.push(Object::String(Vec::new(), StringFormat::Literal));
    }
    out.push(Operation::new("TJ", vec![Object::Array(new)]));
    shown
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
            gap_end: None,
            gap_start: None,
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
                gap_end: None,
                gap_start: None,
            }],
            ..Default::default()
        };
        let out = text(&rewrite_ops(&ops, &edit));
        assert!(out.contains("[<0041> -500.0<004300>] TJ"), "{out}");
    }

    fn safe(edit: StreamEdit) -> StreamEdit {
        StreamEdit {
            width_safe: true,
            ..edit
        }
    }

    #[test]
    fn width_safe_a_gap_is_its_class_and_the_kerning_around_it_is_dropped() {
        // kept a, kerning -30 against J, removed J a n (5 units each), 120 against b
        let ops = decode_ops(b"BT [(a) -30 (Jan) 120 (b)] TJ ET").unwrap();
        let mut last = removal(1, 2, 2, 5.0);
        last.gap_end = Some((0, 5.0));
        let edit = safe(StreamEdit {
            removals: vec![removal(1, 2, 0, 5.0), removal(1, 2, 1, 5.0), last],
            ..Default::default()
        });
        let (out, report) = rewrite_ops_report(&ops, &edit);
        let carried = report.carried;
        let out = text(&out);
        // 15 + 5 = 20 units at 10 per 1000 -> -2000; neither -30 nor 120 stays
        assert!(out.contains("[(a) -2000.0(b)] TJ"), "{out}");
        assert!(carried.contains(&0));
        // off: today's single compensating number (the 120 after the run folds in)
        let off = StreamEdit {
            width_safe: false,
            ..edit
        };
        let out = text(&rewrite_ops(&ops, &off));
        assert!(out.contains("[(a) -30 -1380.0(b)] TJ"), "{out}");
    }

    #[test]
    fn width_safe_extra_reaches_text_after_a_td_on_the_same_line_and_not_the_next_line() {
        let ops = decode_ops(b"BT (J) Tj 5 0 Td (x) Tj 0 -12 Td (y) Tj T* (z) Tj ET").unwrap();
        let mut r = removal(1, 0, 0, 5.0);
        r.gap_end = Some((3, 15.0));
        let edit = safe(StreamEdit {
            removals: vec![r],
            ..Default::default()
        });
        let (out, report) = rewrite_ops_report(&ops, &edit);
        let carried = report.carried;
        let out = text(&out);
        // the run's own adjustment (5 + 15 units), the Td on the line takes the 15, the next
        // line's Td gives it back, T* stays
        assert!(
            out.contains("[-2000.0] TJ\n20.0 0 Td\n(x) Tj\n-15.0 -12 Td"),
            "{out}"
        );
        assert!(
            out.contains(
                "(y) Tj
T*
(z) Tj"
            ),
            "{out}"
        );
        assert!(carried.contains(&3));
    }

    #[test]
    fn width_safe_extra_ends_at_a_new_text_matrix() {
        let ops = decode_ops(b"BT (J) Tj 1 0 0 1 50 50 Tm (x) Tj ET").unwrap();
        let mut r = removal(1, 0, 0, 5.0);
        r.gap_end = Some((0, 15.0));
        let edit = safe(StreamEdit {
            removals: vec![r],
            ..Default::default()
        });
        let (out, report) = rewrite_ops_report(&ops, &edit);
        assert!(report.carried.is_empty(), "{}", text(&out));
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
