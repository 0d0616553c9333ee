//! Renders areas of a page as a reader sees them (text, shapes, patterns, images, annotations; rendered by hayro), for OCR of what no text layer holds.
//!
//! [`super::render`] draws a page's images only, which is what OCR of a scan needs. Letters
//! drawn as shapes (outlines, strokes, clipping paths, bitmap rectangles, pattern cells) need
//! the whole page drawn: this module renders chosen areas of it with the pure-Rust renderer
//! hayro and stacks them, with white bands between, into one raster for one OCR call.

use super::render::GrayPage;
use crate::pdf::Rect;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings, render_into};

/// Resolution areas are rendered at (small lettering needs it).
pub const SEEN_DPI: f64 = 300.0;
/// Gray levels below this are ink, pressed towards black for OCR; lighter ones are paper.
const INK: u8 = 200;
/// White rows between stacked areas, in pixels.
const GAP: u32 = 24;
/// Largest raster side in pixels (hayro's canvas is addressed with 16 bits).
const MAX_SIDE: f64 = 16_000.0;

/// One area placed in the stacked raster: its page-space rectangle and how page space maps to
/// the raster's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The area on the page (page space: y down).
    pub area: Rect,
    /// Its first row in the raster.
    pub top: u32,
    /// Its rows in the raster.
    pub rows: u32,
    /// Its columns in the raster (from the left edge).
    pub cols: u32,
    /// Page space to raster pixels.
    pub to_raster: Affine,
    /// Turned before it is read.
    pub turned: bool,
}

/// The output opened for rendering; an error when hayro cannot open it.
pub fn open(bytes: &[u8]) -> Result<Pdf, String> {
    std::panic::catch_unwind(|| Pdf::new(bytes.to_vec()))
        .map_err(|_| "the renderer panicked opening the file".to_string())?
        .map_err(|e| format!("the renderer cannot open the file: {e:?}"))
}

/// Renders `areas` of page `index` (0-based) at `dpi`, stacked top to bottom with white bands
/// between; where each area went. Each area is a page-space rectangle (clipped to the page) and
/// the degrees it is turned clockwise before it is read (text that runs up the page at -90
/// reads left to right turned by 90). Every level darker than [`INK`] is pressed towards black,
/// so light grey lettering reads like black. In turned areas the page-space rectangles `blank`
/// (the text layer's glyphs, which run across a turned area and would read as noise) are
/// painted white.
pub fn render_areas(
    pdf: &Pdf,
    index: usize,
    areas: &[(Rect, f64)],
    blank: &[Rect],
    dpi: f64,
) -> Result<(GrayPage, Vec<Placed>), String> {
    let pages = pdf.pages();
    let page = pages
        .get(index)
        .ok_or_else(|| format!("the renderer sees no page {}", index + 1))?;
    let (pw, ph) = page.render_dimensions();
    let s = dpi / 72.0;
    let page_rect = Rect::new(0.0, 0.0, f64::from(pw), f64::from(ph));
    let mut placed: Vec<Placed> = Vec::new();
    let (mut width, mut height) = (1u32, 0u32);
    for &(a, turn) in areas {
        let c = Rect::new(
            a.x0.max(page_rect.x0),
            a.y0.max(page_rect.y0),
            a.x1.min(page_rect.x1),
            a.y1.min(page_rect.y1),
        );
        if c.width() <= 0.0 || c.height() <= 0.0 {
            continue;
        }
        // page space to the area's pixels: scaled about its corner, turned, moved into view
        let base = Affine::rotate(turn.to_radians())
            * Affine::scale(s)
            * Affine::translate((-c.x0, -c.y0));
        let corners = [(c.x0, c.y0), (c.x1, c.y0), (c.x0, c.y1), (c.x1, c.y1)]
            .map(|(x, y)| base * hayro::kurbo::Point::new(x, y));
        let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in corners {
            minx = minx.min(p.x);
            miny = miny.min(p.y);
            maxx = maxx.max(p.x);
            maxy = maxy.max(p.y);
        }
        let (w, h) = ((maxx - minx).ceil().max(1.0), (maxy - miny).ceil().max(1.0));
        if w > MAX_SIDE || f64::from(height) + h > MAX_SIDE {
            return Err("the areas to read are too large to render".into());
        }
        if height > 0 {
            height += GAP;
        }
        let turned = Affine::translate((-minx, -miny)) * base;
        placed.push(Placed {
            area: c,
            top: height,
            rows: h as u32,
            cols: w as u32,
            to_raster: Affine::translate((0.0, f64::from(height))) * turned,
            turned: turn.abs() > 1e-9,
        });
        height += h as u32;
        width = width.max(w as u32);
    }
    let mut gray = GrayPage {
        width,
        height: height.max(1),
        dpi,
        data: vec![255u8; width as usize * height.max(1) as usize],
    };
    if placed.is_empty() {
        return Ok((gray, placed));
    }
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let render = RenderSettings::default();
    for p in &placed {
        let w = u16::try_from(p.cols.max(1)).unwrap_or(u16::MAX);
        let mut ctx = RenderContext::new(w, u16::try_from(p.rows.max(1)).unwrap_or(u16::MAX));
        let transform = Affine::translate((0.0, -f64::from(p.top)))
            * p.to_raster
            * page.initial_transform(true).to_kurbo();
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            render_into(page, &cache, &settings, &render, &mut ctx, transform);
            ctx.flush();
            let mut pixmap = Pixmap::new(ctx.width(), ctx.height());
            ctx.render_with(
                &mut pixmap,
                &mut Resources::default(),
                RasterizerSettings {
                    target_init: TargetInit::Clear(WHITE),
                    ..Default::default()
                },
            );
            pixmap
        }))
        .map_err(|_| format!("the renderer panicked on page {}", index + 1))?;
        let pw = usize::from(drawn.width());
        let levels: Vec<u8> = drawn
            .data()
            .iter()
            .map(|px| {
                // premultiplied on white: what is not covered stays white
                let a = f64::from(px.a) / 255.0;
                let lum =
                    0.299 * f64::from(px.r) + 0.587 * f64::from(px.g) + 0.114 * f64::from(px.b);
                (lum + 255.0 * (1.0 - a)).round().clamp(0.0, 255.0) as u8
            })
            .collect();
        // Ink is what is clearly darker than paper: light grey lettering reads like black.
        // Ink levels are pressed towards black, paper keeps its anti-aliased edges.
        let stretch = |v: u8| -> u8 {
            let v = f64::from(v);
            let ink = f64::from(INK);
            let out = if v < ink {
                v * 60.0 / ink
            } else {
                60.0 + (v - ink) * 195.0 / (255.0 - ink)
            };
            out.round().clamp(0.0, 255.0) as u8
        };
        for (y, row) in levels.chunks(pw.max(1)).enumerate() {
            let at = (p.top as usize + y) * width as usize;
            for (x, v) in row.iter().enumerate() {
                if let Some(slot) = gray.data.get_mut(at + x) {
                    *slot = stretch(*v);
                }
            }
        }
        if p.turned {
            for r in blank {
                let corners = [(r.x0, r.y0), (r.x1, r.y0), (r.x0, r.y1), (r.x1, r.y1)]
                    .map(|(x, y)| p.to_raster * hayro::kurbo::Point::new(x, y));
                let x0 = corners
                    .iter()
                    .map(|c| c.x)
                    .fold(f64::MAX, f64::min)
                    .floor()
                    .max(0.0);
                let x1 = corners.iter().map(|c| c.x).fold(f64::MIN, f64::max).ceil();
                let y0 = corners.iter().map(|c| c.y).fold(f64::MAX, f64::min).floor();
                let y1 = corners.iter().map(|c| c.y).fold(f64::MIN, f64::max).ceil();
                let rows = f64::from(p.top)..f64::from(p.top + p.rows);
                for y in (y0.max(rows.start) as usize)..(y1.min(rows.end).max(0.0) as usize) {
                    for x in (x0 as usize)..(x1.min(f64::from(width)).max(0.0) as usize) {
                        if let Some(slot) = gray.data.get_mut(y * width as usize + x) {
                            *slot = 255;
                        }
                    }
                }
            }
        }
    }
    Ok((gray, placed))
}

/// The map from the stacked raster back to page space for a raster box `h` rows high from row
/// `top` (by the area its middle row lies in), or `None` when it lies in a gap.
fn from_raster(placed: &[Placed], top: u32, h: u32) -> Option<Affine> {
    let mid = top + h / 2;
    placed
        .iter()
        .find(|p| p.top <= mid && mid < p.top + p.rows)
        .map(|p| p.to_raster.inverse())
}

/// The page-space box of a raster box (pixels) found in the stacked raster (its corners mapped
/// back; for a turned area the box around the turned word), or `None` when it lies in a gap.
pub fn rect_on_page(placed: &[Placed], left: u32, top: u32, w: u32, h: u32) -> Option<Rect> {
    let back = from_raster(placed, top, h)?;
    let (l, t, r, b) = (
        f64::from(left),
        f64::from(top),
        f64::from(left + w),
        f64::from(top + h),
    );
    let pts = [(l, t), (r, t), (l, b), (r, b)].map(|(x, y)| back * hayro::kurbo::Point::new(x, y));
    let first = Rect::new(pts[0].x, pts[0].y, pts[0].x, pts[0].y);
    Some(
        pts.iter()
            .fold(first, |a, q| a.union(&Rect::new(q.x, q.y, q.x, q.y))),
    )
}

/// Page-space points of a raster box (pixels) found in the stacked raster: its centre and four
/// points along its middle line (at 10, 30, 70 and 90 percent of its width), or `None` when it
/// lies in a gap. Points, unlike a box, map back exactly from a turned area.
pub fn points_on_page(
    placed: &[Placed],
    left: u32,
    top: u32,
    w: u32,
    h: u32,
) -> Option<[(f64, f64); 5]> {
    let back = from_raster(placed, top, h)?;
    let y = f64::from(top) + f64::from(h) / 2.0;
    Some([0.5, 0.1, 0.3, 0.7, 0.9].map(|f| {
        let q = back * hayro::kurbo::Point::new(f64::from(left) + f * f64::from(w), y);
        (q.x, q.y)
    }))
}
