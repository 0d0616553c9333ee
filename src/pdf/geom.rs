//! Plain 2-D geometry in PDF user space: affine matrices, rectangles and quads (all f64).

use serde::{Deserialize, Serialize};

/// An affine transform `[a b c d e f]` as PDF writes it: x' = a*x + c*y + e, y' = b*x + d*y + f.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    /// The identity transform.
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// A pure translation.
    pub fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// `self` applied first, then `other` (PDF's `self x other`).
    pub fn then(&self, other: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// Applies the transform to a point.
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The inverse transform, if the matrix is not singular.
    pub fn invert(&self) -> Option<Matrix> {
        let [a, b, c, d, e, f] = self.0;
        let det = a * d - b * c;
        if det.abs() < 1e-12 {
            return None;
        }
        let ia = d / det;
        let ib = -b / det;
        let ic = -c / det;
        let id = a / det;
        Some(Matrix([
            ia,
            ib,
            ic,
            id,
            -(e * ia + f * ic),
            -(e * ib + f * id),
        ]))
    }
}

/// An axis-aligned rectangle with `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Bottom (PDF space) or top (top-down space).
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Top (PDF space) or bottom (top-down space).
    pub y1: f64,
}

impl Rect {
    /// A rectangle from two corners in any order.
    pub fn new(xa: f64, ya: f64, xb: f64, yb: f64) -> Rect {
        Rect {
            x0: xa.min(xb),
            y0: ya.min(yb),
            x1: xa.max(xb),
            y1: ya.max(yb),
        }
    }
    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
    /// True when the two rectangles share an area (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    /// The area both rectangles cover, if they share one.
    pub fn intersection(&self, o: &Rect) -> Option<Rect> {
        self.intersects(o).then(|| Rect {
            x0: self.x0.max(o.x0),
            y0: self.y0.max(o.y0),
            x1: self.x1.min(o.x1),
            y1: self.y1.min(o.y1),
        })
    }
    /// The rectangle shrunk by `fraction` of its width and height (split over both sides).
    pub fn shrink(&self, fraction: f64) -> Rect {
        let dx = self.width() * fraction / 2.0;
        let dy = self.height() * fraction / 2.0;
        Rect {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 - dx,
            y1: self.y1 - dy,
        }
    }
}

/// Four corners of a glyph box in page space: lower-left, lower-right, upper-right, upper-left
/// (in the glyph's own orientation, so a rotated glyph has a rotated quad).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quad(pub [(f64, f64); 4]);

impl Quad {
    /// The axis-aligned bounding box of the quad.
    pub fn bbox(&self) -> Rect {
        let xs = self.0.iter().map(|p| p.0);
        let ys = self.0.iter().map(|p| p.1);
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for x in xs {
            x0 = x0.min(x);
            x1 = x1.max(x);
        }
        for y in ys {
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        Rect { x0, y0, x1, y1 }
    }
    /// The quad of the unit-free box `[x0,x1] x [y0,y1]` mapped through `m`.
    pub fn from_box(m: &Matrix, x0: f64, y0: f64, x1: f64, y1: f64) -> Quad {
        Quad([
            m.apply(x0, y0),
            m.apply(x1, y0),
            m.apply(x1, y1),
            m.apply(x0, y1),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn then_applies_left_first() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 5.0);
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
    }

    #[test]
    fn invert_round_trips() {
        let m = Matrix([0.0, 1.0, -1.0, 0.0, 100.0, 20.0]);
        let inv = m.invert().expect("invertible");
        let (x, y) = m.then(&inv).apply(3.0, 4.0);
        assert!((x - 3.0).abs() < 1e-9 && (y - 4.0).abs() < 1e-9);
    }
}
