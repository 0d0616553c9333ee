//! Vector shapes a page paints (filled, stroked, clipping, pattern fills), and the areas where they may draw letters no text reader can see.
//!
//! A name "converted to outlines" reads like text, but it is no text, so neither detection nor
//! the verifier's search can find it. The interpreter reports every painted subpath
//! ([`PathTrack`]) with where it was drawn; [`lettering_areas`] groups those of letter size into
//! the areas where letters may stand (outlines, strokes, clips, bitmap rectangles, pattern cells;
//! in any direction). What an area draws is for OCR to tell ([`crate::verify::lettering`]).
//! [`Shape::hidden_by`] says which shapes a redaction box hides: redaction drops them
//! ([`crate::redact::paths`]) and verification proves none is left.

use super::geom::{Matrix, Rect};
use lopdf::Object;

/// How a subpath reaches the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Filled with a colour.
    Fill,
    /// Stroked.
    Stroke,
    /// Made the clipping path (`W n`): what is painted next shows through its shape.
    Clip,
    /// Filled with a pattern, whose cell may draw anything.
    Pattern,
}

/// A painted subpath, in page space (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Bounding box of its points (curve control points included).
    pub bbox: Rect,
    /// Curve segments (`c`, `v`, `y`) in it.
    pub curves: u32,
    /// How it was painted.
    pub paint: Paint,
    /// A rectangle (`re`), not a drawn outline.
    pub rect: bool,
    /// Where it was drawn: what a redaction drops to remove it.
    pub path: PathRef,
    /// Its points (page space): start and count in the points the interpreter kept with the
    /// shapes (`PageContent::shape_points`).
    pub points: (u32, u32),
}

/// Where a subpath was drawn, for removing it from its stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PathRef {
    /// The stream: `None` for the page's own content, else the Form XObject's object id (set
    /// by the interpreter).
    pub stream: Option<(u32, u16)>,
    /// Operator index of the subpath's first construction operator (`m`, `re`, or a segment
    /// after a closed subpath).
    pub first_op: u32,
    /// Operator index of its last construction operator (before the next subpath starts).
    pub last_op: u32,
    /// Operator index of the painting operator that ended the path (`f`, `S`, `n`, ...).
    pub paint_op: u32,
    /// Subpaths in the whole path that operator painted.
    pub subpaths: u32,
    /// The path was also made the clipping path (`W` or `W*`).
    pub clip: bool,
}

/// Largest height of a subpath kept as a possible letter, in points.
pub const MAX_LETTER: f64 = 72.0;
/// Widest subpath of letter height kept (a whole word drawn as one subpath), in points.
pub const MAX_WORD: f64 = 600.0;
/// At most this many shapes are kept per page (a map or drawing with more is judged on these).
pub const MAX_SHAPES: usize = 100_000;
/// At most this many points are kept per path and per page.
pub const MAX_POINTS: usize = 2_000_000;

/// The path under construction in one content stream: subpaths' boxes in page space.
#[derive(Debug, Default)]
pub struct PathTrack {
    done: Vec<Shape>,
    current: Option<Shape>,
    /// The points of the path so far (each shape's `points` index into it until it is taken).
    pts: Vec<(f32, f32)>,
    /// `W` or `W*` was given: the path ends as the clipping path.
    clip: bool,
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

impl PathTrack {
    fn point(&mut self, to_page: &Matrix, x: f64, y: f64, curve: bool, index: u32) {
        let (px, py) = to_page.apply(x, y);
        let r = Rect::new(px, py, px, py);
        let at = u32::try_from(self.pts.len()).unwrap_or(u32::MAX);
        if self.pts.len() < MAX_POINTS {
            self.pts.push((px as f32, py as f32));
        }
        match &mut self.current {
            Some(s) => {
                s.bbox = s.bbox.union(&r);
                s.curves += u32::from(curve);
                s.path.last_op = index;
                s.points.1 = at + 1 - s.points.0;
            }
            None => {
                self.current = Some(Shape {
                    bbox: r,
                    curves: u32::from(curve),
                    paint: Paint::Fill,
                    rect: false,
                    path: PathRef {
                        first_op: index,
                        last_op: index,
                        ..PathRef::default()
                    },
                    points: (at, 1),
                })
            }
        }
    }

    fn close_subpath(&mut self) {
        if let Some(s) = self.current.take() {
            self.done.push(s);
        }
    }

    /// The points of the shapes the last painting operator returned (their `points` index
    /// into these); the next path starts empty.
    pub fn take_points(&mut self) -> Vec<(f32, f32)> {
        std::mem::take(&mut self.pts)
    }

    fn painted(&mut self, paint: Paint, index: u32) -> Vec<Shape> {
        self.close_subpath();
        let clip = std::mem::take(&mut self.clip);
        let subpaths = u32::try_from(self.done.len()).unwrap_or(u32::MAX);
        std::mem::take(&mut self.done)
            .into_iter()
            .map(|s| Shape {
                paint,
                path: PathRef {
                    paint_op: index,
                    subpaths,
                    clip,
                    ..s.path
                },
                ..s
            })
            .collect()
    }

    /// Feeds operator number `index` of its stream; returns the shapes a painting operator
    /// painted (filled, stroked, or made the clip), empty for construction and every other
    /// operator. `pattern` says the fill colour is a pattern. The
    /// current CTM then `display` maps user space to page space (multiplied only for
    /// construction operators).
    pub fn op(
        &mut self,
        index: usize,
        operator: &str,
        operands: &[Object],
        ctm: &Matrix,
        display: &Matrix,
        pattern: bool,
    ) -> Vec<Shape> {
        let mut buf = [0.0; 6];
        let mut len = 0;
        let mut to_page = Matrix::IDENTITY;
        if matches!(operator, "m" | "l" | "c" | "v" | "y" | "re") {
            to_page = ctm.then(display);
            // Extra operands are ignored from the front, as readers do (the last ones count).
            let want = match operator {
                "m" | "l" => 2,
                "c" => 6,
                _ => 4,
            };
            let Some(first) = operands.len().checked_sub(want) else {
                return vec![];
            };
            for (slot, o) in buf.iter_mut().zip(&operands[first..]) {
                match num(o) {
                    Some(v) => *slot = v,
                    None => return vec![],
                }
            }
            len = want;
        }
        let n = &buf[..len];
        let i = u32::try_from(index).unwrap_or(u32::MAX);
        match (operator, n) {
            ("m", [x, y]) => {
                self.close_subpath();
                self.point(&to_page, *x, *y, false, i);
            }
            ("l", [x, y]) => self.point(&to_page, *x, *y, false, i),
            ("c", [x1, y1, x2, y2, x3, y3]) => {
                self.point(&to_page, *x1, *y1, false, i);
                self.point(&to_page, *x2, *y2, false, i);
                self.point(&to_page, *x3, *y3, true, i);
            }
            ("v" | "y", [x1, y1, x2, y2]) => {
                self.point(&to_page, *x1, *y1, false, i);
                self.point(&to_page, *x2, *y2, true, i);
            }
            ("re", [x, y, w, h]) => {
                self.close_subpath();
                self.point(&to_page, *x, *y, false, i);
                self.point(&to_page, x + w, y + h, false, i);
                self.point(&to_page, *x, y + h, false, i);
                self.point(&to_page, x + w, *y, false, i);
                if let Some(s) = &mut self.current {
                    s.rect = true;
                }
                self.close_subpath();
            }
            ("h", _) => {
                // a segment after `h` starts a new subpath (at the closed one's start)
                if let Some(s) = &mut self.current {
                    s.path.last_op = i;
                }
                self.close_subpath();
            }
            ("W" | "W*", _) => self.clip = true,
            ("f" | "F" | "f*" | "B" | "B*" | "b" | "b*", _) => {
                let paint = if pattern { Paint::Pattern } else { Paint::Fill };
                return self.painted(paint, i);
            }
            ("S" | "s", _) => return self.painted(Paint::Stroke, i),
            ("n", _) => {
                if self.clip {
                    return self.painted(Paint::Clip, i);
                }
                self.current = None;
                self.done.clear();
                self.pts.clear();
            }
            _ => {}
        }
        vec![]
    }
}

/// A subpath of at most letter height and word width: it may be (part of) a letter.
fn letter_sized(s: &Shape) -> bool {
    s.bbox.height() <= MAX_LETTER && s.bbox.width() <= MAX_WORD
}

/// Share of a shape's box that must lie under boxes for the boxes to hide it.
pub const HIDDEN_SHARE: f64 = 0.5;

impl Shape {
    /// True when `rects` (redaction boxes, or the areas they stand for) hide this shape: at
    /// least [`HIDDEN_SHARE`] of its box (grown to 0.5 pt across, so a hairline counts) lies
    /// under them. A box, cell, bar or highlight (a rectangle at least 1.5 pt thick) draws no
    /// letter and counts only when it lies wholly under them, so a table cell or a shading that
    /// reaches out of a box stays whole. Redaction removes every shape a box hides, and
    /// verification proves that none is left, by this one rule.
    pub fn hidden_by(&self, rects: &[Rect], points: &[(f32, f32)]) -> bool {
        let b = &self.bbox;
        let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
        let (hw, hh) = (b.width().max(0.5) / 2.0, b.height().max(0.5) / 2.0);
        let g = Rect::new(cx - hw, cy - hh, cx + hw, cy + hh);
        let area = g.width() * g.height();
        // the parts of the boxes over the shape, overlaps counted once
        let parts: Vec<Rect> = rects.iter().filter_map(|r| g.intersection(r)).collect();
        let under = union_area(&parts);
        let thick_rect = self.rect && b.width().min(b.height()) >= 1.5;
        if thick_rect {
            return under >= 0.999 * area;
        }
        if under >= HIDDEN_SHARE * area {
            return true;
        }
        // A subpath whose box reaches far out (a spike, a segment back from far away) while
        // most of its points stand under the boxes: hidden too.
        let (start, n) = (self.points.0 as usize, self.points.1 as usize);
        let Some(pts) = points.get(start..start + n) else {
            return false;
        };
        let inside = pts
            .iter()
            .filter(|&&(x, y)| {
                let (x, y) = (f64::from(x), f64::from(y));
                parts
                    .iter()
                    .any(|r| x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1)
            })
            .count();
        n > 0 && inside as f64 >= HIDDEN_SHARE * n as f64
    }
}

/// Points of a subpath from which its lettering size is judged on its core (see
/// [`Shape::cored`]).
const CORE_MIN_POINTS: usize = 10;

impl Shape {
    /// This shape with its box shrunk to where most of its points are (a tenth of them dropped
    /// at each side, across and along), so that a spike or a segment out to far away does not
    /// make a letter look too large to be one. Shapes of few points are returned as they are.
    pub fn cored(&self, points: &[(f32, f32)]) -> Shape {
        let (start, n) = (self.points.0 as usize, self.points.1 as usize);
        let Some(pts) = points.get(start..start + n) else {
            return *self;
        };
        if n < CORE_MIN_POINTS || self.rect {
            return *self;
        }
        let (mut xs, mut ys): (Vec<f32>, Vec<f32>) = pts.iter().copied().unzip();
        xs.sort_by(f32::total_cmp);
        ys.sort_by(f32::total_cmp);
        let cut = n / 10;
        let core = Rect::new(
            f64::from(xs[cut]),
            f64::from(ys[cut]),
            f64::from(xs[n - 1 - cut]),
            f64::from(ys[n - 1 - cut]),
        );
        Shape {
            bbox: core,
            ..*self
        }
    }
}

/// The area the rectangles cover together (overlaps counted once).
fn union_area(rects: &[Rect]) -> f64 {
    if rects.len() <= 1 {
        return rects.first().map_or(0.0, |r| r.width() * r.height());
    }
    let mut xs: Vec<f64> = rects.iter().flat_map(|r| [r.x0, r.x1]).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut total = 0.0;
    for w in xs.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut ys: Vec<(f64, f64)> = rects
            .iter()
            .filter(|r| r.x0 <= a && r.x1 >= b)
            .map(|r| (r.y0, r.y1))
            .collect();
        ys.sort_by(|p, q| p.0.total_cmp(&q.0));
        let (mut covered, mut end) = (0.0, f64::NEG_INFINITY);
        for (y0, y1) in ys {
            let start = y0.max(end);
            if y1 > start {
                covered += y1 - start;
            }
            end = end.max(y1);
        }
        total += (b - a) * covered;
    }
    total
}

/// Shapes in one group from which their area is read as possible lettering.
pub const MIN_GROUP: usize = 3;
/// Curve segments from which one subpath (or two) at least twice as wide as high is read: a
/// whole word drawn as one outline.
pub const WORD_CURVES: u32 = 8;
/// At most this many shapes are grouped one by one; beyond, all of them make one area.
const MAX_GROUPED: usize = 20_000;

/// True for a shape that cannot be part of a letter: a box, cell, bar or highlight (a rectangle
/// at least 1.5 pt thick), or a straight rule (a line eight times longer than thick).
fn no_letter(s: &Shape) -> bool {
    let (w, h) = (s.bbox.width(), s.bbox.height());
    let (thin, long) = (w.min(h), w.max(h));
    (s.rect && thin >= 1.5) || (s.curves == 0 && long >= 8.0 * thin.max(0.1))
}

/// An area where shapes may draw letters: its box and the direction its shapes run in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LetterArea {
    /// The group's box (page space).
    pub rect: Rect,
    /// The direction of the group's long axis in degrees, in (-90, 90]: 0 runs left to right,
    /// positive turns clockwise on the page (y down); 90 is a column.
    pub angle: f64,
}

/// How much larger the spread of a group's centres along its long axis must be than across it
/// for the group to have a direction (a line of letters, not a logo).
const ELONGATED: f64 = 6.0;

/// The direction (degrees, in (-90, 90]) of the long axis through the centres of `boxes`; 0
/// for a group that is not clearly elongated.
fn axis(boxes: &[Rect]) -> f64 {
    let n = boxes.len() as f64;
    let (mx, my) = boxes.iter().fold((0.0, 0.0), |(x, y), b| {
        (x + (b.x0 + b.x1) / (2.0 * n), y + (b.y0 + b.y1) / (2.0 * n))
    });
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for b in boxes {
        let (dx, dy) = ((b.x0 + b.x1) / 2.0 - mx, (b.y0 + b.y1) / 2.0 - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    // eigenvalues of the spread: a group that is not clearly longer than wide (a logo, an
    // emblem, a block of lines) has no direction of its own and reads as it stands
    let (sxx, syy, sxy) = (sxx / n, syy / n, sxy / n);
    let (tr, det) = (sxx + syy, sxx * syy - sxy * sxy);
    let root = (tr * tr / 4.0 - det).max(0.0).sqrt();
    let (long, short) = (tr / 2.0 + root, tr / 2.0 - root);
    // ... and a block of lines (two lines of different length lean) is no slanted line: a line
    // of letters is thin across its axis, less than half a letter high.
    let size = {
        let mut s: Vec<f64> = boxes.iter().map(|b| b.width().max(b.height())).collect();
        s.sort_by(f64::total_cmp);
        s[s.len() / 2]
    };
    if long < 1e-9 || long < ELONGATED * short.max(0.0) || short.max(0.0).sqrt() > 0.35 * size {
        return 0.0;
    }
    let a = (0.5 * (2.0 * sxy).atan2(sxx - syy)).to_degrees();
    if a <= -90.0 { a + 180.0 } else { a }
}

/// The areas of a page (page space) where its shapes may draw letters a text reader cannot
/// see: groups of at least [`MIN_GROUP`] shapes near each other (letters, stroked or filled,
/// of outlines, straight segments or tiny bitmap rectangles; in any direction), a single
/// subpath with [`WORD_CURVES`] curves or more, and every pattern fill. Boxes, cells, rules and
/// the rectangles in `skip` (the redaction boxes drawn) are left out. Each area is its group's
/// box with its direction; what it draws is for OCR to tell.
pub fn lettering_areas(shapes: &[Shape], skip: &[Rect]) -> Vec<LetterArea> {
    let skipped = |s: &Shape| {
        skip.iter().any(|r| {
            s.bbox.x0 >= r.x0 - 1.0
                && s.bbox.y0 >= r.y0 - 1.0
                && s.bbox.x1 <= r.x1 + 1.0
                && s.bbox.y1 <= r.y1 + 1.0
        })
    };
    let mut areas: Vec<LetterArea> = Vec::new();
    let mut cand: Vec<&Shape> = Vec::new();
    for s in shapes {
        if s.paint == Paint::Pattern {
            areas.push(LetterArea {
                rect: s.bbox,
                angle: 0.0,
            });
        } else if letter_sized(s) && !no_letter(s) && !skipped(s) {
            cand.push(s);
        }
    }
    if cand.len() > MAX_GROUPED {
        let all = cand
            .iter()
            .skip(1)
            .fold(cand[0].bbox, |a, s| a.union(&s.bbox));
        areas.push(LetterArea {
            rect: all,
            angle: 0.0,
        });
        return areas;
    }
    // Union-find over shapes whose boxes, grown by their larger side (at least 1 pt, at most
    // 16 pt: letter-spaced capitals stand a letter apart), meet; a grid of 32 pt cells keeps
    // this near linear.
    let grown: Vec<Rect> = cand
        .iter()
        .map(|s| {
            let d = s.bbox.width().max(s.bbox.height()).clamp(1.0, 16.0);
            Rect::new(s.bbox.x0 - d, s.bbox.y0 - d, s.bbox.x1 + d, s.bbox.y1 + d)
        })
        .collect();
    let mut parent: Vec<usize> = (0..cand.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    const CELL: f64 = 32.0;
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
    for (i, g) in grown.iter().enumerate() {
        let (cx0, cy0) = ((g.x0 / CELL).floor() as i64, (g.y0 / CELL).floor() as i64);
        let (cx1, cy1) = ((g.x1 / CELL).floor() as i64, (g.y1 / CELL).floor() as i64);
        for cx in cx0..=cx1 {
            for cy in cy0..=cy1 {
                let cell = grid.entry((cx, cy)).or_default();
                for &j in cell.iter() {
                    if grown[j].intersects(g) {
                        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                        if a != b {
                            parent[a] = b;
                        }
                    }
                }
                cell.push(i);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rect>, u32)> = Default::default();
    for (i, s) in cand.iter().enumerate() {
        let r = root(&mut parent, i);
        let e = groups.entry(r).or_default();
        e.0.push(s.bbox);
        e.1 += s.curves;
    }
    for (_, (boxes, curves)) in groups {
        let bbox = boxes.iter().skip(1).fold(boxes[0], |a, b| a.union(b));
        if boxes.len() >= MIN_GROUP {
            areas.push(LetterArea {
                rect: bbox,
                angle: axis(&boxes),
            });
        } else if curves >= WORD_CURVES && bbox.width() >= 2.0 * bbox.height() {
            areas.push(LetterArea {
                rect: bbox,
                angle: 0.0,
            });
        }
    }
    areas
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(x: f64, curves: u32) -> Shape {
        // A 5 to 7 pt wide, 8 pt high letter standing on the baseline y = 100 (y down).
        let w = 5.0 + (x as i64 % 3) as f64;
        Shape {
            bbox: Rect::new(x, 92.0, x + w, 100.0),
            curves,
            paint: Paint::Fill,
            rect: false,
            path: PathRef::default(),
            points: (0, 0),
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
            t.op(0, "m", &nums(&[0.0, 0.0]), &m, &Matrix::IDENTITY, false)
                .is_empty()
        );
        assert!(
            t.op(
                0,
                "c",
                &nums(&[1.0, 2.0, 3.0, 4.0, 5.0, 4.0]),
                &m,
                &Matrix::IDENTITY,
                false
            )
            .is_empty()
        );
        assert!(t.op(0, "h", &[], &m, &Matrix::IDENTITY, false).is_empty());
        // A rectangle flatter than a letter is reported too (a row of them can be a bitmap
        // letter), marked as a rectangle.
        assert!(
            t.op(
                0,
                "re",
                &nums(&[0.0, 50.0, 100.0, 0.5]),
                &m,
                &Matrix::IDENTITY,
                false
            )
            .is_empty()
        );
        let painted = t.op(0, "f", &[], &m, &Matrix::IDENTITY, false);
        assert_eq!(painted.len(), 2, "{painted:?}");
        assert_eq!(painted[0].curves, 1);
        assert_eq!(painted[0].bbox, Rect::new(10.0, 0.0, 20.0, 8.0));
        assert_eq!(painted[0].paint, Paint::Fill);
        assert!(!painted[0].rect && painted[1].rect);
        // A stroked path is reported once, as stroked; a clip as a clip; a pattern fill as such.
        t.op(0, "m", &nums(&[0.0, 0.0]), &m, &Matrix::IDENTITY, false);
        t.op(
            0,
            "c",
            &nums(&[1.0, 2.0, 3.0, 4.0, 5.0, 4.0]),
            &m,
            &Matrix::IDENTITY,
            false,
        );
        let stroked = t.op(0, "S", &[], &m, &Matrix::IDENTITY, false);
        assert_eq!(stroked.len(), 1);
        assert_eq!(stroked[0].paint, Paint::Stroke);
        assert!(
            t.op(0, "f", &[], &m, &Matrix::IDENTITY, false).is_empty(),
            "a stroked path was painted again"
        );
        t.op(
            0,
            "re",
            &nums(&[0.0, 0.0, 5.0, 5.0]),
            &m,
            &Matrix::IDENTITY,
            false,
        );
        t.op(0, "W", &[], &m, &Matrix::IDENTITY, false);
        let clip = t.op(0, "n", &[], &m, &Matrix::IDENTITY, false);
        assert_eq!(clip.len(), 1);
        assert_eq!(clip[0].paint, Paint::Clip);
        t.op(
            0,
            "re",
            &nums(&[0.0, 0.0, 5.0, 5.0]),
            &m,
            &Matrix::IDENTITY,
            false,
        );
        assert!(t.op(0, "n", &[], &m, &Matrix::IDENTITY, false).is_empty());
        t.op(
            0,
            "re",
            &nums(&[0.0, 0.0, 500.0, 500.0]),
            &m,
            &Matrix::IDENTITY,
            true,
        );
        let pattern = t.op(0, "f", &[], &m, &Matrix::IDENTITY, true);
        assert_eq!(
            pattern.len(),
            1,
            "a pattern fill is reported whatever its size"
        );
        assert_eq!(pattern[0].paint, Paint::Pattern);
    }

    fn shape(x0: f64, y0: f64, x1: f64, y1: f64, curves: u32, rect: bool) -> Shape {
        Shape {
            bbox: Rect::new(x0, y0, x1, y1),
            curves,
            paint: Paint::Fill,
            rect,
            path: PathRef::default(),
            points: (0, 0),
        }
    }

    #[test]
    fn letters_drawn_as_shapes_make_areas_in_any_direction() {
        // A word of five outlined letters on a line.
        let word: Vec<Shape> = (0..5).map(|i| letter(84.0 + 8.0 * i as f64, 2)).collect();
        let areas = lettering_areas(&word, &[]);
        assert_eq!(areas.len(), 1, "{areas:?}");
        assert!(areas[0].rect.x0 <= 84.0 && areas[0].rect.x1 >= 120.0);
        assert!(areas[0].angle.abs() < 5.0, "{areas:?}");
        // Letter-spaced capitals, a letter apart.
        let spaced: Vec<Shape> = (0..5).map(|i| letter(100.0 + 20.0 * i as f64, 2)).collect();
        assert_eq!(lettering_areas(&spaced, &[]).len(), 1);
        // Letters stacked down the margin (text turned 90 degrees).
        let column: Vec<Shape> = (0..5)
            .map(|i| {
                shape(
                    20.0,
                    300.0 + 8.0 * i as f64,
                    28.0,
                    306.0 + 8.0 * i as f64,
                    2,
                    false,
                )
            })
            .collect();
        let col = lettering_areas(&column, &[]);
        assert_eq!(col.len(), 1);
        assert!((col[0].angle.abs() - 90.0).abs() < 5.0, "{col:?}");
        // Letters on a slant of 30 degrees (a stamp): the area says so.
        let slant: Vec<Shape> = (0..6)
            .map(|i| {
                let (x, y) = (100.0 + 7.0 * i as f64, 200.0 + 7.0 * 0.577 * i as f64);
                shape(x, y, x + 6.0, y + 8.0, 2, false)
            })
            .collect();
        let sl = lettering_areas(&slant, &[]);
        assert_eq!(sl.len(), 1);
        assert!((sl[0].angle - 30.0).abs() < 3.0, "{sl:?}");
        // A bitmap letter of thin rectangles, and letters of straight segments.
        let bitmap: Vec<Shape> = (0..12)
            .map(|i| {
                let (x, y) = (200.0 + (i % 4) as f64 * 1.25, 100.0 + (i / 4) as f64 * 0.25);
                shape(x, y, x + 1.25, y + 0.25, 0, true)
            })
            .collect();
        assert_eq!(lettering_areas(&bitmap, &[]).len(), 1);
        let polygons: Vec<Shape> = (0..4).map(|i| letter(300.0 + 8.0 * i as f64, 0)).collect();
        assert_eq!(lettering_areas(&polygons, &[]).len(), 1);
        // A whole word as one subpath with many curves; a pattern fill of any size.
        assert_eq!(
            lettering_areas(&[shape(50.0, 90.0, 120.0, 100.0, 30, false)], &[]).len(),
            1
        );
        let pattern = Shape {
            paint: Paint::Pattern,
            ..shape(0.0, 0.0, 500.0, 500.0, 0, true)
        };
        assert_eq!(lettering_areas(&[pattern], &[])[0].rect, pattern.bbox);
        // Groups far apart are areas of their own.
        let mut two = word.clone();
        two.extend((0..5).map(|i| letter(84.0 + 8.0 * i as f64 + 300.0, 2)));
        assert_eq!(lettering_areas(&two, &[]).len(), 2);
    }

    #[test]
    fn boxes_rules_and_lone_shapes_make_no_area() {
        // Redaction boxes drawn by us, a table's cells and rules, highlight boxes.
        let boxes: Vec<Shape> = (0..4)
            .map(|i| {
                shape(
                    80.0 + 60.0 * i as f64,
                    90.0,
                    130.0 + 60.0 * i as f64,
                    102.0,
                    0,
                    true,
                )
            })
            .collect();
        assert!(lettering_areas(&boxes, &[]).is_empty());
        let rules: Vec<Shape> = (0..6)
            .map(|i| {
                shape(
                    80.0,
                    90.0 + 14.0 * i as f64,
                    140.0,
                    90.5 + 14.0 * i as f64,
                    0,
                    false,
                )
            })
            .collect();
        assert!(lettering_areas(&rules, &[]).is_empty());
        // Letters inside the rectangles given to skip (our own label boxes).
        let word: Vec<Shape> = (0..5).map(|i| letter(84.0 + 8.0 * i as f64, 2)).collect();
        assert!(lettering_areas(&word, &[Rect::new(80.0, 88.0, 130.0, 102.0)]).is_empty());
        // Two icons, one round mark, a short curvy mark: no word.
        let icons: Vec<Shape> = (0..2).map(|i| letter(84.0 + 8.0 * i as f64, 4)).collect();
        assert!(lettering_areas(&icons, &[]).is_empty());
        assert!(lettering_areas(&[shape(50.0, 90.0, 60.0, 100.0, 12, false)], &[]).is_empty());
    }

    #[test]
    fn a_box_hides_a_shape_by_area_once_or_by_most_of_its_points() {
        let s = shape(0.0, 0.0, 10.0, 10.0, 2, false);
        // two boxes over the same 40 percent: counted once, so not hidden
        let twice = [
            Rect::new(0.0, 0.0, 4.0, 10.0),
            Rect::new(0.0, 0.0, 4.0, 10.0),
        ];
        assert!(!s.hidden_by(&twice, &[]));
        assert!(s.hidden_by(&[Rect::new(0.0, 0.0, 6.0, 10.0)], &[]));
        // a table cell reaching out of the box stays; wholly under, it goes
        let cell = shape(0.0, 0.0, 10.0, 10.0, 0, true);
        assert!(!cell.hidden_by(&[Rect::new(0.0, 0.0, 9.0, 10.0)], &[]));
        assert!(cell.hidden_by(&[Rect::new(-1.0, -1.0, 11.0, 11.0)], &[]));
        // a letter with a spike far out: its box is mostly outside, its points are not
        let points: Vec<(f32, f32)> = (0..10)
            .map(|k| (k as f32, 5.0))
            .chain([(300.0, 5.0)])
            .collect();
        let spiked = Shape {
            points: (0, points.len() as u32),
            ..shape(0.0, 0.0, 300.0, 10.0, 4, false)
        };
        assert!(spiked.hidden_by(&[Rect::new(-1.0, -1.0, 11.0, 11.0)], &points));
        assert!(!spiked.hidden_by(&[Rect::new(-1.0, -1.0, 11.0, 11.0)], &[]));
    }
}
