//! Filled vector shapes a page paints, and whether some of them are letters drawn as outlines in a line of text (a name no text reader can see).
//!
//! A name "converted to outlines" is a row of filled paths shaped like letters: it reads like
//! text, but it is no text, so neither detection nor the verifier can search it. The interpreter
//! reports every filled subpath of letter size ([`PathTrack`]); [`lettering_beside_text`] finds a
//! row of at least [`MIN_LETTERS`] such shapes with curves, standing on a line of real text right
//! before or after its glyphs (`Notulist: mevrouw` followed by the outlined name). A logo on its
//! own, a chart's markers or a lone icon are not such a row.

use super::geom::{Matrix, Rect};
use super::glyph::Glyph;
use lopdf::Object;

/// A filled subpath of letter size, in page space (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Bounding box of its points (curve control points included).
    pub bbox: Rect,
    /// Curve segments (`c`, `v`, `y`) in it.
    pub curves: u32,
}

/// Largest height or width of a subpath kept as a possible letter, in points.
pub const MAX_LETTER: f64 = 72.0;
/// Smallest height of a subpath kept as a possible letter, in points.
pub const MIN_LETTER: f64 = 2.5;
/// At most this many shapes are kept per page (a map or drawing with more is judged on these).
pub const MAX_SHAPES: usize = 100_000;
/// Letters in a row from which it reads as a word.
pub const MIN_LETTERS: usize = 3;
/// Curve segments a row needs in all (straight-only rows are rules, boxes and bars).
pub const MIN_CURVES: u32 = 4;

/// The path under construction in one content stream: subpaths' boxes in page space.
#[derive(Debug, Default)]
pub struct PathTrack {
    done: Vec<Shape>,
    current: Option<Shape>,
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

impl PathTrack {
    fn point(&mut self, to_page: &Matrix, x: f64, y: f64, curve: bool) {
        let (px, py) = to_page.apply(x, y);
        let r = Rect::new(px, py, px, py);
        match &mut self.current {
            Some(s) => {
                s.bbox = s.bbox.union(&r);
                s.curves += u32::from(curve);
            }
            None => {
                self.current = Some(Shape {
                    bbox: r,
                    curves: u32::from(curve),
                })
            }
        }
    }

    fn close_subpath(&mut self) {
        if let Some(s) = self.current.take() {
            self.done.push(s);
        }
    }

    /// Feeds one operator; returns the letter-sized shapes a fill operator painted (empty for
    /// construction, stroking, clipping and every other operator). The current CTM then
    /// `display` maps user space to page space (multiplied only for construction operators).
    pub fn op(
        &mut self,
        operator: &str,
        operands: &[Object],
        ctm: &Matrix,
        display: &Matrix,
    ) -> Vec<Shape> {
        let mut buf = [0.0; 6];
        let mut len = 0;
        let mut to_page = Matrix::IDENTITY;
        if matches!(operator, "m" | "l" | "c" | "v" | "y" | "re") {
            to_page = ctm.then(display);
            if operands.len() > buf.len() {
                return vec![];
            }
            for (slot, o) in buf.iter_mut().zip(operands) {
                match num(o) {
                    Some(v) => *slot = v,
                    None => return vec![],
                }
            }
            len = operands.len();
        }
        let n = &buf[..len];
        match (operator, n) {
            ("m", [x, y]) => {
                self.close_subpath();
                self.point(&to_page, *x, *y, false);
            }
            ("l", [x, y]) => self.point(&to_page, *x, *y, false),
            ("c", [x1, y1, x2, y2, x3, y3]) => {
                self.point(&to_page, *x1, *y1, false);
                self.point(&to_page, *x2, *y2, false);
                self.point(&to_page, *x3, *y3, true);
            }
            ("v" | "y", [x1, y1, x2, y2]) => {
                self.point(&to_page, *x1, *y1, false);
                self.point(&to_page, *x2, *y2, true);
            }
            ("re", [x, y, w, h]) => {
                self.close_subpath();
                self.point(&to_page, *x, *y, false);
                self.point(&to_page, x + w, y + h, false);
                self.point(&to_page, *x, y + h, false);
                self.point(&to_page, x + w, *y, false);
                self.close_subpath();
            }
            ("f" | "F" | "f*" | "B" | "B*" | "b" | "b*", _) => {
                self.close_subpath();
                let painted = std::mem::take(&mut self.done);
                return painted.into_iter().filter(letter_sized).collect();
            }
            ("S" | "s" | "n", _) => {
                self.current = None;
                self.done.clear();
            }
            _ => {}
        }
        vec![]
    }
}

fn letter_sized(s: &Shape) -> bool {
    let (w, h) = (s.bbox.width(), s.bbox.height());
    (MIN_LETTER..=MAX_LETTER).contains(&h) && w <= MAX_LETTER
}

/// A row of letter-shaped subpaths.
struct Row {
    bbox: Rect,
    letters: usize,
    curves: u32,
    last: Rect,
    /// The last letter has curves (a plain box holds no counters: a highlight behind a word).
    last_round: bool,
    /// Narrowest and widest letter.
    widths: (f64, f64),
}

impl Row {
    /// Letters differ in width ("J", "a", "m"); dots, icons and markers in a row do not.
    fn widths_vary(&self) -> bool {
        let (lo, hi) = self.widths;
        hi - lo >= 0.15 * hi
    }
}

fn vertical_overlap(a: &Rect, b: &Rect) -> f64 {
    (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0)
}

/// True when a row of at least [`MIN_LETTERS`] letter-shaped filled paths of varying widths, with
/// at least [`MIN_CURVES`] curves, stands on a line of visible text, within two letter heights of its
/// glyphs: letters drawn as outlines inside a line of text.
pub fn lettering_beside_text(shapes: &[Shape], glyphs: &[Glyph]) -> bool {
    if shapes.len() < MIN_LETTERS {
        return false;
    }
    let mut sorted: Vec<&Shape> = shapes.iter().collect();
    sorted.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut open: Vec<Row> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for s in sorted {
        let b = s.bbox;
        let h = b.height();
        // Rows that ended well before this shape cannot grow any more.
        let (ended, still): (Vec<Row>, Vec<Row>) = open
            .into_iter()
            .partition(|r| b.x0 - r.bbox.x1 > 2.0 * r.bbox.height().max(h));
        rows.extend(ended);
        open = still;
        let joins = open.iter_mut().find(|r| {
            let rh = r.bbox.height();
            let overlap = vertical_overlap(&r.bbox, &b);
            overlap >= 0.5 * h.min(rh)
                && h <= 1.6 * rh.max(h * 0.7)
                && b.x0 - r.bbox.x1 <= rh.max(h)
        });
        match joins {
            Some(r) => {
                // A hole inside the previous letter (the counter of an `o`) is no new letter.
                let inside = r.last_round && b.x0 >= r.last.x0 - 0.5 && b.x1 <= r.last.x1 + 0.5;
                if !inside {
                    r.letters += 1;
                    r.last = b;
                    r.last_round = s.curves > 0;
                    r.widths = (r.widths.0.min(b.width()), r.widths.1.max(b.width()));
                }
                r.bbox = r.bbox.union(&b);
                r.curves += s.curves;
            }
            None => open.push(Row {
                bbox: b,
                letters: 1,
                curves: s.curves,
                last: b,
                last_round: s.curves > 0,
                widths: (b.width(), b.width()),
            }),
        }
    }
    rows.extend(open);
    rows.iter()
        .filter(|r| r.letters >= MIN_LETTERS && r.curves >= MIN_CURVES && r.widths_vary())
        .any(|r| {
            let h = r.bbox.height();
            glyphs.iter().any(|g| {
                if !g.visible || g.text.trim().is_empty() {
                    return false;
                }
                let gb = g.quad.bbox();
                let gap = (gb.x0 - r.bbox.x1).max(r.bbox.x0 - gb.x1);
                vertical_overlap(&gb, &r.bbox) >= 0.5 * gb.height().min(h) && gap <= 2.0 * h
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::glyph::test_glyph;

    fn letter(x: f64, curves: u32) -> Shape {
        // A 5 to 7 pt wide, 8 pt high letter standing on the baseline y = 100 (y down).
        let w = 5.0 + (x as i64 % 3) as f64;
        Shape {
            bbox: Rect::new(x, 92.0, x + w, 100.0),
            curves,
        }
    }

    #[test]
    fn paths_are_tracked_in_page_space_and_reported_on_fill() {
        let mut t = PathTrack::default();
        let m = Matrix([2.0, 0.0, 0.0, 2.0, 10.0, 0.0]);
        let nums = |v: &[f64]| {
            v.iter()
                .map(|x| Object::Real(*x as f32))
                .collect::<Vec<_>>()
        };
        assert!(
            t.op("m", &nums(&[0.0, 0.0]), &m, &Matrix::IDENTITY)
                .is_empty()
        );
        assert!(
            t.op(
                "c",
                &nums(&[1.0, 2.0, 3.0, 4.0, 5.0, 4.0]),
                &m,
                &Matrix::IDENTITY
            )
            .is_empty()
        );
        assert!(t.op("h", &[], &m, &Matrix::IDENTITY).is_empty());
        // A rectangle too flat to be a letter, and a stroked path that is never reported.
        assert!(
            t.op("re", &nums(&[0.0, 50.0, 100.0, 0.5]), &m, &Matrix::IDENTITY)
                .is_empty()
        );
        let painted = t.op("f", &[], &m, &Matrix::IDENTITY);
        assert_eq!(painted.len(), 1, "{painted:?}");
        assert_eq!(painted[0].curves, 1);
        assert_eq!(painted[0].bbox, Rect::new(10.0, 0.0, 20.0, 8.0));
        t.op("m", &nums(&[0.0, 0.0]), &m, &Matrix::IDENTITY);
        t.op(
            "c",
            &nums(&[1.0, 2.0, 3.0, 4.0, 5.0, 4.0]),
            &m,
            &Matrix::IDENTITY,
        );
        assert!(t.op("S", &[], &m, &Matrix::IDENTITY).is_empty());
        assert!(
            t.op("f", &[], &m, &Matrix::IDENTITY).is_empty(),
            "a stroked path was painted again"
        );
    }

    #[test]
    fn outlined_word_after_text_on_its_line_is_found() {
        // "mevrouw" as glyphs ending at x = 80, then five outlined letters from x = 84.
        let glyphs: Vec<Glyph> = (0..7)
            .map(|i| test_glyph("m", 10.0 + 10.0 * i as f64, 100.0, 10.0))
            .collect();
        let word: Vec<Shape> = (0..5).map(|i| letter(84.0 + 8.0 * i as f64, 2)).collect();
        assert!(lettering_beside_text(&word, &glyphs));
        // The counters of letters (holes) do not make a letter of their own.
        let mut two = vec![letter(84.0, 2), letter(92.0, 2)];
        two.push(Shape {
            bbox: Rect::new(86.0, 95.0, 89.0, 98.0),
            curves: 4,
        });
        assert!(!lettering_beside_text(&two, &glyphs));
        // A highlight box behind the word does not hide its letters.
        let mut boxed = vec![Shape {
            bbox: Rect::new(83.0, 91.0, 125.0, 101.0),
            curves: 0,
        }];
        boxed.extend((0..5).map(|i| letter(84.0 + 8.0 * i as f64, 2)));
        assert!(lettering_beside_text(&boxed, &glyphs));
    }

    #[test]
    fn shapes_that_are_not_lettering_beside_text_are_not_flagged() {
        let glyphs: Vec<Glyph> = (0..7)
            .map(|i| test_glyph("m", 10.0 + 10.0 * i as f64, 100.0, 10.0))
            .collect();
        // The same word far from any text (a logo in the page head).
        let far: Vec<Shape> = (0..5).map(|i| letter(300.0 + 8.0 * i as f64, 2)).collect();
        assert!(!lettering_beside_text(&far, &glyphs));
        // Another line: the row stands 40 pt above the text.
        let above: Vec<Shape> = (0..5)
            .map(|i| Shape {
                bbox: Rect::new(84.0 + 8.0 * i as f64, 52.0, 91.0 + 8.0 * i as f64, 60.0),
                curves: 2,
            })
            .collect();
        assert!(!lettering_beside_text(&above, &glyphs));
        // Straight bars (a bar chart's legend) have no curves.
        let bars: Vec<Shape> = (0..5).map(|i| letter(84.0 + 8.0 * i as f64, 0)).collect();
        assert!(!lettering_beside_text(&bars, &glyphs));
        // Two icons are no word.
        let icons: Vec<Shape> = (0..2).map(|i| letter(84.0 + 8.0 * i as f64, 4)).collect();
        assert!(!lettering_beside_text(&icons, &glyphs));
        // A row of dots of one size (a rating, a Likert scale) is no word.
        let dots: Vec<Shape> = (0..5)
            .map(|i| Shape {
                bbox: Rect::new(84.0 + 9.0 * i as f64, 92.0, 91.0 + 9.0 * i as f64, 100.0),
                curves: 4,
            })
            .collect();
        assert!(!lettering_beside_text(&dots, &glyphs));
        // Markers spaced wide apart (a line chart) do not form a row.
        let markers: Vec<Shape> = (0..5).map(|i| letter(84.0 + 40.0 * i as f64, 4)).collect();
        assert!(!lettering_beside_text(&markers, &glyphs));
        // Invisible text (render mode 3) is no line of text.
        let hidden: Vec<Glyph> = glyphs
            .iter()
            .cloned()
            .map(|mut g| {
                g.visible = false;
                g
            })
            .collect();
        let word: Vec<Shape> = (0..5).map(|i| letter(84.0 + 8.0 * i as f64, 2)).collect();
        assert!(!lettering_beside_text(&word, &hidden));
    }
}
