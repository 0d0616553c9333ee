//! Vector shapes under the boxes: the subpaths a redaction drops from their streams, so outlines, strokes and clips a box hides are gone, not covered.
//!
//! A name converted to outlines, a signature drawn as strokes, or letters used as a clipping
//! path are no text: removing glyphs leaves them, and a box only covers them (deleting the box
//! in an editor shows them again). Every subpath the boxes hide ([`Shape::hidden_by`]) is
//! dropped from its stream: its construction operators go, and a path left with no subpath is
//! not painted (a clipping path left empty clips everything, so what showed through it stays
//! hidden). Subpaths of the same path outside the boxes stay as they were.

use super::rewrite::StreamEdit;
use crate::pdf::geom::Rect;
use crate::pdf::interp::PageContent;
use crate::pdf::shapes::{MAX_SHAPES, Paint, PathRef};
use lopdf::ObjectId;
use lopdf::content::Operation;
use std::collections::BTreeMap;

/// The subpaths of `content` that `rects` hide, per stream (`None` the page, `Some` a form).
pub fn hidden_paths(
    content: &PageContent,
    rects: &[Rect],
) -> BTreeMap<Option<ObjectId>, Vec<PathRef>> {
    let mut out: BTreeMap<Option<ObjectId>, Vec<PathRef>> = BTreeMap::new();
    if rects.is_empty() {
        return out;
    }
    for s in content
        .shapes
        .iter()
        .filter(|s| s.hidden_by(rects, &content.shape_points))
    {
        let refs = out.entry(s.path.stream).or_default();
        // a form drawn twice on the page reports its subpaths twice
        if !refs.contains(&s.path) {
            refs.push(s.path);
        }
    }
    out
}

/// True when the page drew more shapes than the interpreter keeps ([`MAX_SHAPES`]): shapes
/// past that count are not known, so none under a box can be proven removed.
pub fn too_many_shapes(content: &PageContent) -> bool {
    content.shapes.len() >= MAX_SHAPES || content.points_dropped
}

/// True when a pattern fill the boxes do not hide reaches under one of them: its cells may
/// draw anything there (letters too), and they cannot be cut at the box.
pub fn pattern_under(content: &PageContent, rects: &[Rect]) -> bool {
    content.shapes.iter().any(|s| {
        s.paint == Paint::Pattern
            && !s.hidden_by(rects, &content.shape_points)
            && rects.iter().any(|r| r.intersects(&s.bbox))
    })
}

fn constructs(op: &Operation) -> bool {
    matches!(
        op.operator.as_str(),
        "m" | "l" | "c" | "v" | "y" | "h" | "re"
    )
}

fn paints(op: &Operation) -> bool {
    matches!(
        op.operator.as_str(),
        "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "S" | "s" | "n"
    )
}

/// Adds to `edit` what removes `paths` from the stream whose operators are `ops`; returns the
/// number of subpaths removed. A subpath whose operators are not where the interpreter saw them
/// is left (verification then finds it under its box and fails the file).
pub fn drop_paths(ops: &[Operation], paths: &[PathRef], edit: &mut StreamEdit) -> usize {
    let mut by_paint: BTreeMap<u32, Vec<&PathRef>> = BTreeMap::new();
    for p in paths {
        by_paint.entry(p.paint_op).or_default().push(p);
    }
    let mut removed = 0;
    for (paint_op, subpaths) in by_paint {
        let paint_at = paint_op as usize;
        let in_place = |p: &PathRef| {
            p.first_op <= p.last_op
                && p.last_op < paint_op
                && ops.get(p.first_op as usize).is_some_and(constructs)
        };
        if !ops.get(paint_at).is_some_and(paints) || !subpaths.iter().all(|p| in_place(p)) {
            continue;
        }
        for p in &subpaths {
            for i in p.first_op as usize..=p.last_op as usize {
                if ops.get(i).is_some_and(constructs) {
                    edit.drop_ops.insert(i);
                }
            }
        }
        removed += subpaths.len();
        let whole = subpaths.len() as u32 >= subpaths[0].subpaths;
        if !whole {
            continue;
        }
        if subpaths[0].clip {
            // `W` stays: an empty rectangle makes the clip empty
            let first = subpaths.iter().map(|p| p.first_op).min().unwrap_or(0) as usize;
            edit.drop_ops.remove(&first);
            edit.replace_ops.insert(
                first,
                Operation::new("re", vec![0.into(), 0.into(), 0.into(), 0.into()]),
            );
            edit.replace_ops
                .insert(paint_at, Operation::new("n", vec![]));
        } else {
            edit.drop_ops.insert(paint_at);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::content::{decode_ops, encode_ops};
    use crate::redact::rewrite::rewrite_ops;

    fn path(first: u32, last: u32, paint: u32, subpaths: u32, clip: bool) -> PathRef {
        PathRef {
            stream: None,
            first_op: first,
            last_op: last,
            paint_op: paint,
            subpaths,
            clip,
        }
    }

    fn edited(src: &[u8], paths: &[PathRef]) -> (String, usize) {
        let ops = decode_ops(src).unwrap();
        let mut edit = StreamEdit::default();
        let n = drop_paths(&ops, paths, &mut edit);
        let out = encode_ops(&rewrite_ops(&ops, &edit)).unwrap();
        (String::from_utf8(out).unwrap(), n)
    }

    #[test]
    fn a_letter_under_a_box_goes_and_its_neighbour_stays() {
        // Two letters in one path: the first (ops 1..=4) is under the box, the second stays.
        let src = b"q 10 10 m 20 10 l 20 20 l h 30 10 m 40 10 l 40 20 l h f Q";
        let (out, n) = edited(src, &[path(1, 4, 9, 2, false)]);
        assert_eq!(n, 1);
        assert!(
            !out.contains("10 10 m") && !out.contains("20 20 l"),
            "{out}"
        );
        assert!(out.contains("30 10 m") && out.contains("40 20 l"), "{out}");
        assert!(out.contains("\nf\n") || out.contains(" f"), "{out}");
    }

    #[test]
    fn a_path_with_every_subpath_under_a_box_is_not_painted() {
        let src = b"0 0 1 rg 10 10 m 20 10 l 20 20 l h f 5 5 m 9 9 l S";
        let (out, _) = edited(src, &[path(1, 4, 5, 1, false)]);
        assert!(!out.contains("10 10 m"), "{out}");
        // the fill is gone, the stroke after it stays with its own path
        assert!(out.contains("5 5 m") && out.contains('S'), "{out}");
        assert!(!out.lines().any(|l| l.trim() == "f"), "{out}");
    }

    #[test]
    fn a_clipping_path_under_a_box_becomes_an_empty_clip() {
        // Letters used as a clip, then an image painted through them.
        let src = b"q 10 10 m 20 10 l 20 20 l h W n /Im1 Do Q";
        let (out, _) = edited(src, &[path(1, 4, 6, 1, true)]);
        assert!(!out.contains("10 10 m"), "{out}");
        assert!(out.contains("0 0 0 0 re"), "{out}");
        assert!(out.contains('W') && out.contains("/Im1 Do"), "{out}");
    }

    #[test]
    fn operators_not_where_the_interpreter_saw_them_are_left() {
        let src = b"10 10 m 20 10 l f";
        let (out, n) = edited(src, &[path(0, 1, 1, 1, false)]);
        assert_eq!(n, 0, "op 1 is no painting operator");
        assert!(out.contains("10 10 m"), "{out}");
    }
}
