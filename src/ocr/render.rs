//! Renders the images of a page into one upright gray raster at a chosen resolution (page space: CropBox origin top-left, y down, /Rotate applied).
//!
//! This is not a general renderer: it draws the page's image XObjects (scans, photos,
//! stencils) in drawing order on white, with bilinear sampling, which is what OCR of a scan
//! needs. Vector graphics and text are not drawn (a page with a text layer is read from it).

use crate::pdf::interp::PageContent;
use crate::redact::pixels::{ColorModel, DecodedImage, PixelError, Placement, decode_image};
use lopdf::{Document, Object};

/// An 8-bit gray raster of a page.
#[derive(Debug, Clone)]
pub struct GrayPage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels per inch (page space points * dpi / 72).
    pub dpi: f64,
    /// Row-major gray values, 0 = black.
    pub data: Vec<u8>,
}

impl GrayPage {
    /// Pixels per point.
    pub fn scale(&self) -> f64 {
        self.dpi / 72.0
    }

    /// The raster as a binary PGM (P5) file.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }
}

/// What rendering met besides the raster.
#[derive(Debug, Clone, Default)]
pub struct RenderNotes {
    /// Images that could not be decoded (their area stays white: the page must be reviewed).
    pub failed: Vec<PixelError>,
    /// Inline images drawn on the page (not rendered).
    pub inline_images: usize,
    /// The lowest native resolution of the images drawn, in dpi.
    pub min_image_dpi: Option<f64>,
}

/// Renders the image XObjects of `content` at `dpi`. Decoding is bounded by `limit` bytes.
pub fn render_page_images(
    doc: &Document,
    content: &PageContent,
    dpi: f64,
    limit: usize,
) -> (GrayPage, RenderNotes) {
    let geo = content.geometry;
    let (pw, ph) = geo.map_or((612.0, 792.0), |g| (g.width, g.height));
    let s = dpi / 72.0;
    let width = (pw * s).round().clamp(1.0, 20_000.0) as u32;
    let height = (ph * s).round().clamp(1.0, 20_000.0) as u32;
    let mut page = GrayPage {
        width,
        height,
        dpi,
        data: vec![255; width as usize * height as usize],
    };
    let mut notes = RenderNotes::default();
    for use_ in &content.images {
        let Some(id) = use_.id else {
            notes.inline_images += 1;
            continue;
        };
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        let img = match decode_image(doc, Some(id), stream, limit) {
            Ok(i) => i,
            Err(e) => {
                notes.failed.push(e);
                continue;
            }
        };
        let (w, h) = (img.samples.width, img.samples.height);
        let placement = Placement::from_quad(&use_.quad);
        let long = |v: (f64, f64)| (v.0 * v.0 + v.1 * v.1).sqrt();
        let img_dpi = (w as f64 / long(placement.ux).max(1e-9))
            .min(h as f64 / long(placement.uy).max(1e-9))
            * 72.0;
        notes.min_image_dpi = Some(notes.min_image_dpi.map_or(img_dpi, |d| d.min(img_dpi)));
        // Gray plane of the image as it shows.
        let plane = gray_plane(&img);
        let stencil = img.model == ColorModel::Stencil;
        let bb = use_.quad.bbox();
        let x0 = (bb.x0 * s).floor().max(0.0) as u32;
        let y0 = (bb.y0 * s).floor().max(0.0) as u32;
        let x1 = ((bb.x1 * s).ceil().max(0.0) as u32).min(width);
        let y1 = ((bb.y1 * s).ceil().max(0.0) as u32).min(height);
        // Image coordinates are affine in page coordinates: step them per pixel.
        let (Some(o), Some(ex), Some(ey)) = (
            placement.to_image(w, h, 0.0, 0.0),
            placement.to_image(w, h, 1.0 / s, 0.0),
            placement.to_image(w, h, 0.0, 1.0 / s),
        ) else {
            continue;
        };
        let (dcx, drx) = (ex.0 - o.0, ex.1 - o.1);
        let (dcy, dry) = (ey.0 - o.0, ey.1 - o.1);
        for py in y0..y1 {
            let (fx, fy) = (x0 as f64 + 0.5, py as f64 + 0.5);
            let mut c = o.0 + dcx * fx + dcy * fy - dcx;
            let mut r = o.1 + drx * fx + dry * fy - drx;
            for px in x0..x1 {
                c += dcx;
                r += drx;
                if c < 0.0 || r < 0.0 || c >= w as f64 || r >= h as f64 {
                    continue;
                }
                let v = bilinear(&plane, w, h, c - 0.5, r - 0.5);
                let out = &mut page.data[(py * width + px) as usize];
                if stencil {
                    if v < 128 {
                        *out = 0;
                    }
                } else {
                    *out = v;
                }
            }
        }
    }
    (page, notes)
}

/// The image's gray values, row-major (fast paths for plain 8-bit and 1-bit gray).
fn gray_plane(img: &DecodedImage) -> Vec<u8> {
    let s = &img.samples;
    let (w, h) = (s.width as usize, s.height as usize);
    if img.model == ColorModel::Gray && img.decode.is_none() && s.comps == 1 {
        if s.bpc == 8 {
            return s.data[..w * h].to_vec();
        }
        if s.bpc == 1 {
            let stride = s.stride();
            let mut out = Vec::with_capacity(w * h);
            for y in 0..h {
                let row = &s.data[y * stride..(y + 1) * stride];
                out.extend((0..w).map(|x| {
                    if row[x / 8] & (0x80 >> (x % 8)) != 0 {
                        255
                    } else {
                        0
                    }
                }));
            }
            return out;
        }
    }
    let mut plane = Vec::with_capacity(w * h);
    for y in 0..s.height {
        for x in 0..s.width {
            plane.push(img.gray(x, y));
        }
    }
    plane
}

fn bilinear(plane: &[u8], w: u32, h: u32, c: f64, r: f64) -> u8 {
    let c = c.clamp(0.0, (w - 1) as f64);
    let r = r.clamp(0.0, (h - 1) as f64);
    let (c0, r0) = (c.floor() as u32, r.floor() as u32);
    let (c1, r1) = ((c0 + 1).min(w - 1), (r0 + 1).min(h - 1));
    let (fc, fr) = (c - c0 as f64, r - r0 as f64);
    let at = |x: u32, y: u32| plane[(y * w + x) as usize] as f64;
    let top = at(c0, r0) * (1.0 - fc) + at(c1, r0) * fc;
    let bottom = at(c0, r1) * (1.0 - fc) + at(c1, r1) * fc;
    (top * (1.0 - fr) + bottom * fr).round() as u8
}
