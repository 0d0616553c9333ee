//! True pixel redaction of image XObjects: decode the samples, paint solid fill under areas, re-encode, drop metadata, copy-on-write.
//!
//! Supported encodings: raw and the general filters lopdf decodes (Flate with PNG/TIFF
//! predictors, LZW, ASCII85, ASCIIHex, RunLength), DCT (JPEG, re-encoded as JPEG) and
//! CCITT fax (Group 4 and 1-D Group 3) and JBIG2 (hayro-jbig2), both re-encoded losslessly as
//! Flate. Anything else (JPX, soft masks we cannot decode, explicit stencil masks) is a
//! [`PixelError`]:
//! the caller must flag the page, never publish the image unredacted or silently dropped.

use crate::pdf::interp::{PageContent, page_resources};
use crate::pdf::{Quad, Rect};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

/// JPEG quality of re-encoded DCT images.
const JPEG_QUALITY: u8 = 90;

/// Why an image could not be redacted in its pixels.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PixelError {
    /// The image uses an encoding we cannot decode (JBIG2, JPX, ...).
    #[error("image {0}: encoding {1} cannot be decoded for pixel redaction")]
    Unsupported(String, String),
    /// The image data is damaged or inconsistent with its dictionary.
    #[error("image {0}: {1}")]
    Damaged(String, String),
    /// The image is not an XObject (an inline image) or its object is missing.
    #[error("{0}")]
    NotAnXObject(String),
}

/// A decoded image: samples as the PDF image model sees them (after all filters).
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    /// Width in samples.
    pub width: u32,
    /// Height in rows.
    pub height: u32,
    /// Components per sample.
    pub comps: u8,
    /// Bits per component (1, 2, 4, 8 or 16).
    pub bpc: u8,
    /// Packed rows, each `stride()` bytes.
    pub data: Vec<u8>,
}

impl Samples {
    /// Bytes per row.
    pub fn stride(&self) -> usize {
        (self.width as usize * self.comps as usize * self.bpc as usize).div_ceil(8)
    }

    /// The value of component `k` of sample (`x`, `y`), scaled to 0..=255.
    pub fn get(&self, x: u32, y: u32, k: u8) -> u8 {
        let row = y as usize * self.stride();
        let idx = x as usize * self.comps as usize + k as usize;
        match self.bpc {
            8 => self.data.get(row + idx).copied().unwrap_or(0),
            16 => self.data.get(row + 2 * idx).copied().unwrap_or(0),
            b => {
                let bit = idx * b as usize;
                let byte = self.data.get(row + bit / 8).copied().unwrap_or(0);
                let shift = 8 - b as usize - bit % 8;
                let max = (1u16 << b) - 1;
                let v = (byte >> shift) as u16 & max;
                (v * 255 / max) as u8
            }
        }
    }

    /// Raw value (0..2^bpc-1) of component `k` of sample (`x`, `y`).
    pub fn raw(&self, x: u32, y: u32, k: u8) -> u16 {
        let row = y as usize * self.stride();
        let idx = x as usize * self.comps as usize + k as usize;
        match self.bpc {
            8 => self.data.get(row + idx).copied().unwrap_or(0) as u16,
            16 => {
                let hi = self.data.get(row + 2 * idx).copied().unwrap_or(0) as u16;
                let lo = self.data.get(row + 2 * idx + 1).copied().unwrap_or(0) as u16;
                hi << 8 | lo
            }
            b => {
                let bit = idx * b as usize;
                let byte = self.data.get(row + bit / 8).copied().unwrap_or(0);
                let shift = 8 - b as usize - bit % 8;
                (byte >> shift) as u16 & ((1u16 << b) - 1)
            }
        }
    }

    fn set(&mut self, x: u32, y: u32, k: u8, v: u16) {
        let row = y as usize * self.stride();
        let idx = x as usize * self.comps as usize + k as usize;
        match self.bpc {
            8 => {
                if let Some(p) = self.data.get_mut(row + idx) {
                    *p = v as u8;
                }
            }
            16 => {
                if let Some(p) = self.data.get_mut(row + 2 * idx) {
                    *p = (v >> 8) as u8;
                }
                if let Some(p) = self.data.get_mut(row + 2 * idx + 1) {
                    *p = v as u8;
                }
            }
            b => {
                let bit = idx * b as usize;
                let shift = 8 - b as usize - bit % 8;
                let mask = (((1u16 << b) - 1) as u8) << shift;
                if let Some(p) = self.data.get_mut(row + bit / 8) {
                    *p = (*p & !mask) | (((v as u8) << shift) & mask);
                }
            }
        }
    }

    /// Paints every sample in the half-open pixel rectangle with `fill` (one raw value per
    /// component).
    pub fn paint(&mut self, r: PixelRect, fill: &[u16]) {
        for y in r.y0..r.y1.min(self.height) {
            for x in r.x0..r.x1.min(self.width) {
                for (k, v) in fill.iter().enumerate().take(self.comps as usize) {
                    self.set(x, y, k as u8, *v);
                }
            }
        }
    }
}

/// A half-open rectangle of samples (`x0..x1`, `y0..y1`, row 0 at the top of the image).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    /// First column.
    pub x0: u32,
    /// First row.
    pub y0: u32,
    /// Column after the last.
    pub x1: u32,
    /// Row after the last.
    pub y1: u32,
}

/// How an image is placed on the page: the unit square mapped to page space.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// Page position of the image's lower-left corner (unit (0, 0)).
    pub origin: (f64, f64),
    /// Page vector of the unit x axis (the image's width).
    pub ux: (f64, f64),
    /// Page vector of the unit y axis (from the last row up to row 0).
    pub uy: (f64, f64),
}

impl Placement {
    /// The placement of an image drawn with the given unit-square quad.
    pub fn from_quad(q: &Quad) -> Placement {
        let [p0, p1, _, p3] = q.0;
        Placement {
            origin: p0,
            ux: (p1.0 - p0.0, p1.1 - p0.1),
            uy: (p3.0 - p0.0, p3.1 - p0.1),
        }
    }

    /// Page point of the image point at column `c`, row `r` (fractional, row 0 at the top).
    pub fn to_page(&self, w: u32, h: u32, c: f64, r: f64) -> (f64, f64) {
        let u = c / w as f64;
        let v = 1.0 - r / h as f64;
        (
            self.origin.0 + self.ux.0 * u + self.uy.0 * v,
            self.origin.1 + self.ux.1 * u + self.uy.1 * v,
        )
    }

    /// Image coordinates (column, row; fractional) of a page point, if the placement is not
    /// degenerate.
    pub fn to_image(&self, w: u32, h: u32, x: f64, y: f64) -> Option<(f64, f64)> {
        let det = self.ux.0 * self.uy.1 - self.ux.1 * self.uy.0;
        if det.abs() < 1e-12 {
            return None;
        }
        let (dx, dy) = (x - self.origin.0, y - self.origin.1);
        let u = (dx * self.uy.1 - dy * self.uy.0) / det;
        let v = (self.ux.0 * dy - self.ux.1 * dx) / det;
        Some((u * w as f64, (1.0 - v) * h as f64))
    }

    /// The samples whose squares meet the page rectangle `r` (conservative: the bounding box
    /// of `r` in image space, widened to whole samples), or None when they miss the image.
    pub fn pixels_under(&self, w: u32, h: u32, r: &Rect) -> Option<PixelRect> {
        let corners = [(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)];
        let mut cs = Vec::with_capacity(4);
        for (x, y) in corners {
            cs.push(self.to_image(w, h, x, y)?);
        }
        let c0 = cs.iter().map(|p| p.0).fold(f64::MAX, f64::min).floor();
        let c1 = cs.iter().map(|p| p.0).fold(f64::MIN, f64::max).ceil();
        let r0 = cs.iter().map(|p| p.1).fold(f64::MAX, f64::min).floor();
        let r1 = cs.iter().map(|p| p.1).fold(f64::MIN, f64::max).ceil();
        let clamp = |v: f64, max: u32| v.max(0.0).min(max as f64) as u32;
        let pr = PixelRect {
            x0: clamp(c0, w),
            x1: clamp(c1, w),
            y0: clamp(r0, h),
            y1: clamp(r1, h),
        };
        (pr.x0 < pr.x1 && pr.y0 < pr.y1).then_some(pr)
    }
}

/// The colour model of an image, as far as painting and gray conversion need it.
#[derive(Debug, Clone, PartialEq)]
pub enum ColorModel {
    /// One component, 0 = black (DeviceGray, CalGray, ICC N=1).
    Gray,
    /// Three components, 0 = black (DeviceRGB, CalRGB, ICC N=3, Lab).
    Rgb,
    /// Four components, max = black (DeviceCMYK, ICC N=4).
    Cmyk,
    /// A palette: base model and lookup bytes.
    Indexed(Box<ColorModel>, Vec<u8>),
    /// One or more tint components, max = full ink (Separation, DeviceN).
    Tint(u8),
    /// A stencil mask (ImageMask): one bit, painted where the (decoded) sample is 0.
    Stencil,
}

impl ColorModel {
    /// Components per sample.
    pub fn comps(&self) -> u8 {
        match self {
            ColorModel::Gray | ColorModel::Indexed(..) | ColorModel::Stencil => 1,
            ColorModel::Rgb => 3,
            ColorModel::Cmyk => 4,
            ColorModel::Tint(n) => *n,
        }
    }

    fn base_gray(&self, c: &[u8]) -> u8 {
        match self {
            ColorModel::Gray | ColorModel::Stencil => c[0],
            ColorModel::Rgb => {
                ((c[0] as u32 * 30 + c[1] as u32 * 59 + c[2] as u32 * 11) / 100) as u8
            }
            ColorModel::Cmyk => {
                let k = c[3] as u32;
                let lum = (c[0] as u32 * 30 + c[1] as u32 * 59 + c[2] as u32 * 11) / 100;
                255u32.saturating_sub(lum + k) as u8
            }
            ColorModel::Tint(_) => 255 - c.iter().copied().max().unwrap_or(0),
            ColorModel::Indexed(..) => c[0],
        }
    }
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// Reads an image's colour model from its dictionary.
pub fn color_model(doc: &Document, dict: &Dictionary) -> ColorModel {
    if dict
        .get(b"ImageMask")
        .ok()
        .and_then(|o| resolve(doc, o).as_bool().ok())
        .unwrap_or(false)
    {
        return ColorModel::Stencil;
    }
    match dict.get(b"ColorSpace") {
        Ok(cs) => cs_model(doc, resolve(doc, cs), 0),
        Err(_) => ColorModel::Gray, // JPX/DCT without one: decided by the codec
    }
}

fn cs_model(doc: &Document, cs: &Object, depth: usize) -> ColorModel {
    let by_name = |n: &[u8]| match n {
        b"DeviceRGB" | b"CalRGB" | b"RGB" | b"Lab" => ColorModel::Rgb,
        b"DeviceCMYK" | b"CMYK" => ColorModel::Cmyk,
        _ => ColorModel::Gray,
    };
    if let Ok(n) = cs.as_name() {
        return by_name(n);
    }
    let Ok(arr) = cs.as_array() else {
        return ColorModel::Gray;
    };
    let family = arr.first().and_then(|o| o.as_name().ok()).unwrap_or(b"");
    match family {
        b"ICCBased" => {
            let n = arr
                .get(1)
                .and_then(|o| resolve(doc, o).as_stream().ok())
                .and_then(|s| s.dict.get(b"N").ok().and_then(|n| n.as_i64().ok()))
                .unwrap_or(3);
            match n {
                1 => ColorModel::Gray,
                4 => ColorModel::Cmyk,
                _ => ColorModel::Rgb,
            }
        }
        b"Indexed" | b"I" if depth < 4 => {
            let base = arr
                .get(1)
                .map(|b| cs_model(doc, resolve(doc, b), depth + 1))
                .unwrap_or(ColorModel::Rgb);
            let lookup = match arr.get(3).map(|o| resolve(doc, o)) {
                Some(Object::String(s, _)) => s.clone(),
                Some(Object::Stream(s)) => s.decompressed_content().unwrap_or_default(),
                _ => Vec::new(),
            };
            ColorModel::Indexed(Box::new(base), lookup)
        }
        b"Separation" => ColorModel::Tint(1),
        b"DeviceN" => ColorModel::Tint(
            arr.get(1)
                .and_then(|o| resolve(doc, o).as_array().ok())
                .map_or(1, |a| a.len().clamp(1, 32) as u8),
        ),
        other => by_name(other),
    }
}

/// What the last (image-specific) filter of an image was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// No image codec: raw samples after general filters.
    Raw,
    /// JPEG.
    Dct,
    /// CCITT fax.
    Ccitt,
    /// JBIG2 (decoded with hayro-jbig2; re-encoded losslessly as Flate).
    Jbig2,
}

/// A decoded image XObject.
#[derive(Debug, Clone)]
pub struct DecodedImage {
    /// The samples.
    pub samples: Samples,
    /// The colour model (for a DCT image, taken from the JPEG when it disagrees).
    pub model: ColorModel,
    /// The /Decode array, if any (kept when re-encoding).
    pub decode: Option<Vec<f64>>,
    /// The codec it came in.
    pub codec: Codec,
}

impl DecodedImage {
    /// Gray value 0 (black) ..= 255 (white) of sample (`x`, `y`) as it appears on the page
    /// (colour space and /Decode applied; a stencil's unpainted samples are white).
    pub fn gray(&self, x: u32, y: u32) -> u8 {
        let s = &self.samples;
        let n = s.comps as usize;
        let mut c = [0u8; 32];
        let max = ((1u32 << s.bpc.min(16)) - 1) as f64;
        for (k, slot) in c.iter_mut().enumerate().take(n.min(32)) {
            let raw = s.raw(x, y, k as u8) as f64;
            let v = match &self.decode {
                Some(d) if d.len() >= 2 * (k + 1) => {
                    let (lo, hi) = (d[2 * k], d[2 * k + 1]);
                    let t = lo + raw * (hi - lo) / max;
                    if matches!(self.model, ColorModel::Indexed(..)) {
                        t.round().clamp(0.0, 255.0)
                    } else {
                        (t * 255.0).clamp(0.0, 255.0)
                    }
                }
                _ => {
                    if matches!(self.model, ColorModel::Indexed(..)) {
                        raw
                    } else {
                        raw * 255.0 / max
                    }
                }
            };
            *slot = v as u8;
        }
        match &self.model {
            ColorModel::Indexed(base, lookup) => {
                let bn = base.comps() as usize;
                let i = c[0] as usize * bn;
                match lookup.get(i..i + bn) {
                    Some(e) => base.base_gray(e),
                    None => 0,
                }
            }
            ColorModel::Stencil => {
                if c[0] == 0 {
                    0
                } else {
                    255
                }
            }
            m => m.base_gray(&c[..n]),
        }
    }

    /// Raw component values that show as black (or as the darkest palette entry, or as
    /// painted for a stencil), taking /Decode into account.
    pub fn black(&self) -> Vec<u16> {
        let s = &self.samples;
        let max = (1u32 << s.bpc.min(16)) as u16 - 1;
        let n = s.comps as usize;
        let inverted = |k: usize| {
            self.decode
                .as_ref()
                .is_some_and(|d| d.len() >= 2 * (k + 1) && d[2 * k] > d[2 * k + 1])
        };
        match &self.model {
            ColorModel::Indexed(base, lookup) => {
                let bn = base.comps() as usize;
                let entries = (lookup.len() / bn.max(1)).min(max as usize + 1);
                let best = (0..entries)
                    .min_by_key(|&i| base.base_gray(&lookup[i * bn..i * bn + bn]))
                    .unwrap_or(0);
                vec![best as u16]
            }
            ColorModel::Cmyk | ColorModel::Tint(_) => {
                (0..n).map(|k| if inverted(k) { 0 } else { max }).collect()
            }
            _ => (0..n).map(|k| if inverted(k) { max } else { 0 }).collect(),
        }
    }
}

fn name_of(id: Option<ObjectId>) -> String {
    id.map_or("(direct)".to_string(), |(n, g)| format!("{n} {g} R"))
}

fn decode_parms<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    index: usize,
) -> Option<&'a Dictionary> {
    match dict.get(b"DecodeParms").ok().map(|o| resolve(doc, o)) {
        Some(Object::Dictionary(d)) => Some(d),
        Some(Object::Array(a)) => a.get(index).and_then(|o| resolve(doc, o).as_dict().ok()),
        _ => None,
    }
}

fn int(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<i64> {
    d.get(key).ok().and_then(|o| resolve(doc, o).as_i64().ok())
}

/// Decodes the image XObject `stream` (object `id`, for messages), bounded by `limit` bytes.
pub fn decode_image(
    doc: &Document,
    id: Option<ObjectId>,
    stream: &Stream,
    limit: usize,
) -> Result<DecodedImage, PixelError> {
    let who = name_of(id);
    let dict = &stream.dict;
    let width = int(doc, dict, b"Width").unwrap_or(0);
    let height = int(doc, dict, b"Height").unwrap_or(0);
    if width <= 0 || height <= 0 || width > 100_000 || height > 100_000 {
        return Err(PixelError::Damaged(
            who,
            "no valid /Width and /Height".into(),
        ));
    }
    let (width, height) = (width as u32, height as u32);
    let mut model = color_model(doc, dict);
    let mut bpc = if model == ColorModel::Stencil {
        1
    } else {
        int(doc, dict, b"BitsPerComponent").unwrap_or(8) as u8
    };
    let filters: Vec<Vec<u8>> = match dict.get(b"Filter").ok().map(|o| resolve(doc, o)) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| resolve(doc, o).as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => vec![],
    };
    let is_codec = |f: &[u8]| {
        matches!(
            f,
            b"DCTDecode" | b"DCT" | b"CCITTFaxDecode" | b"CCF" | b"JBIG2Decode" | b"JPXDecode"
        )
    };
    let (general, codec_name) = match filters.split_last() {
        Some((last, rest)) if is_codec(last) => (rest.to_vec(), Some(last.clone())),
        _ => (filters.clone(), None),
    };
    if general.iter().any(|f| is_codec(f)) {
        return Err(PixelError::Unsupported(
            who,
            "an image codec before another filter".into(),
        ));
    }
    // General filters through lopdf (it knows predictors), with the matching parameters.
    let data = if general.is_empty() {
        stream.content.clone()
    } else {
        let mut d = Dictionary::new();
        d.set(
            "Filter",
            Object::Array(general.iter().map(|f| Object::Name(f.clone())).collect()),
        );
        let parms: Vec<Object> = (0..general.len())
            .map(|i| {
                decode_parms(doc, dict, i)
                    .cloned()
                    .map_or(Object::Null, Object::Dictionary)
            })
            .collect();
        d.set("DecodeParms", Object::Array(parms));
        Stream::new(d, stream.content.clone())
            .decompressed_content_with_limit(limit)
            .map_err(|e| PixelError::Damaged(who.clone(), format!("cannot decode: {e}")))?
    };
    let decode = dict
        .get(b"Decode")
        .ok()
        .and_then(|o| resolve(doc, o).as_array().ok())
        .map(|a| {
            a.iter()
                .map(|v| v.as_float().map(f64::from).unwrap_or(0.0))
                .collect::<Vec<f64>>()
        });
    let (samples, codec) = match codec_name.as_deref() {
        None => {
            let comps = model.comps();
            if !matches!(bpc, 1 | 2 | 4 | 8 | 16) {
                return Err(PixelError::Damaged(
                    who,
                    format!("{bpc} bits per component"),
                ));
            }
            let s = Samples {
                width,
                height,
                comps,
                bpc,
                data,
            };
            let need = s.stride() * height as usize;
            if s.data.len() < need {
                return Err(PixelError::Damaged(
                    who,
                    format!("{} bytes of samples, {need} expected", s.data.len()),
                ));
            }
            (s, Codec::Raw)
        }
        Some(b"DCTDecode" | b"DCT") => {
            let img = decode_jpeg(&data).map_err(|e| PixelError::Damaged(who.clone(), e))?;
            let comps = match img.color() {
                image::ColorType::L8 | image::ColorType::L16 => 1,
                _ => 3,
            };
            let (w, h) = (img.width(), img.height());
            let data = if comps == 1 {
                img.into_luma8().into_raw()
            } else {
                img.into_rgb8().into_raw()
            };
            if w != width || h != height {
                return Err(PixelError::Damaged(
                    who,
                    format!("JPEG is {w}x{h}, dictionary says {width}x{height}"),
                ));
            }
            if comps != model.comps() || matches!(model, ColorModel::Indexed(..)) {
                // the JPEG decoder converted (CMYK or an odd space): show it as it decoded
                model = if comps == 1 {
                    ColorModel::Gray
                } else {
                    ColorModel::Rgb
                };
            }
            bpc = 8;
            (
                Samples {
                    width,
                    height,
                    comps,
                    bpc,
                    data,
                },
                Codec::Dct,
            )
        }
        Some(b"CCITTFaxDecode" | b"CCF") => {
            let p = decode_parms(doc, dict, general.len());
            let k = p.and_then(|p| int(doc, p, b"K")).unwrap_or(0);
            let cols = p.and_then(|p| int(doc, p, b"Columns")).unwrap_or(1728) as u32;
            let rows = p
                .and_then(|p| int(doc, p, b"Rows"))
                .unwrap_or(height as i64) as u32;
            let black_is_1 = p
                .and_then(|p| p.get(b"BlackIs1").ok())
                .and_then(|o| o.as_bool().ok())
                .unwrap_or(false);
            if cols != width {
                return Err(PixelError::Damaged(
                    who,
                    format!("CCITT /Columns {cols} but /Width {width}"),
                ));
            }
            let s = decode_ccitt(&data, k, width, rows.min(height), height, black_is_1)
                .ok_or_else(|| {
                    PixelError::Damaged(who.clone(), "CCITT data cannot be decoded".into())
                })?;
            if model != ColorModel::Stencil {
                model = ColorModel::Gray;
            }
            (s, Codec::Ccitt)
        }
        Some(b"JBIG2Decode") => {
            let globals = decode_parms(doc, dict, general.len())
                .and_then(|p| p.get(b"JBIG2Globals").ok())
                .and_then(|o| resolve(doc, o).as_stream().ok())
                .map(|g| {
                    g.decompressed_content_with_limit(limit)
                        .unwrap_or_else(|_| g.content.clone())
                });
            let s = decode_jbig2(&data, globals.as_deref(), width, height)
                .map_err(|e| PixelError::Damaged(who.clone(), format!("JBIG2: {e}")))?;
            if model != ColorModel::Stencil {
                model = ColorModel::Gray;
            }
            (s, Codec::Jbig2)
        }
        Some(other) => {
            return Err(PixelError::Unsupported(
                who,
                String::from_utf8_lossy(other).into_owned(),
            ));
        }
    };
    Ok(DecodedImage {
        samples,
        model,
        decode,
        codec,
    })
}

fn decode_jpeg(data: &[u8]) -> Result<image::DynamicImage, String> {
    let dec = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(data))
        .map_err(|e| format!("JPEG cannot be decoded: {e}"))?;
    image::DynamicImage::from_decoder(dec).map_err(|e| format!("JPEG cannot be decoded: {e}"))
}

/// Collects JBIG2 pixels into 1-bit rows in the PDF filter's convention (1 = white).
struct Jbig2Rows {
    stride: usize,
    width: usize,
    data: Vec<u8>,
    x: usize,
    y: usize,
}

impl hayro_jbig2::Decoder for Jbig2Rows {
    fn push_pixel(&mut self, black: bool) {
        if self.x < self.width && !black {
            let i = self.y * self.stride + self.x / 8;
            if let Some(b) = self.data.get_mut(i) {
                *b |= 0x80 >> (self.x % 8);
            }
        }
        self.x += 1;
    }
    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        for _ in 0..chunk_count * 8 {
            self.push_pixel(black);
        }
    }
    fn next_line(&mut self) {
        self.x = 0;
        self.y += 1;
    }
}

/// Decodes an embedded JBIG2 stream (with its optional globals) to 1-bit samples.
fn decode_jbig2(
    data: &[u8],
    globals: Option<&[u8]>,
    width: u32,
    height: u32,
) -> Result<Samples, String> {
    let settings = hayro_jbig2::DecodeSettings::default();
    let globals = match globals {
        Some(g) => Some(hayro_jbig2::Globals::new(g, &settings).map_err(|e| format!("{e:?}"))?),
        None => None,
    };
    let page = hayro_jbig2::Page::new_embedded(data, globals.as_ref(), &settings)
        .map_err(|e| format!("{e:?}"))?;
    if page.width() != width || page.height() != height {
        return Err(format!(
            "page is {}x{}, dictionary says {width}x{height}",
            page.width(),
            page.height()
        ));
    }
    let stride = (width as usize).div_ceil(8);
    let mut rows = Jbig2Rows {
        stride,
        width: width as usize,
        data: vec![0; stride * height as usize],
        x: 0,
        y: 0,
    };
    page.decode(&mut rows).map_err(|e| format!("{e:?}"))?;
    Ok(Samples {
        width,
        height,
        comps: 1,
        bpc: 1,
        data: rows.data,
    })
}

/// Decodes CCITT fax data to 1-bit samples in the PDF filter's output convention
/// (0 = black unless `black_is_1`).
fn decode_ccitt(
    data: &[u8],
    k: i64,
    width: u32,
    rows: u32,
    height: u32,
    black_is_1: bool,
) -> Option<Samples> {
    let stride = (width as usize).div_ceil(8);
    let mut out = vec![0u8; stride * height as usize];
    let mut y = 0usize;
    let mut line = |transitions: &[u32]| {
        if y >= height as usize {
            return;
        }
        let row = &mut out[y * stride..(y + 1) * stride];
        for (x, c) in fax::decoder::pels(transitions, width).enumerate() {
            let black = c == fax::Color::Black;
            if black == black_is_1 {
                row[x / 8] |= 0x80 >> (x % 8);
            }
        }
        y += 1;
    };
    if k < 0 {
        fax::decoder::decode_g4(data.iter().copied(), width, Some(rows), &mut line)?;
    } else if k == 0 {
        fax::decoder::decode_g3(data.iter().copied(), &mut line)?;
    } else {
        return None;
    }
    // rows never sent are white
    let white_bit = !black_is_1;
    for yy in y..height as usize {
        for b in &mut out[yy * stride..(yy + 1) * stride] {
            *b = if white_bit { 0xFF } else { 0 };
        }
    }
    Some(Samples {
        width,
        height,
        comps: 1,
        bpc: 1,
        data: out,
    })
}

/// The image XObject re-encoded after painting: JPEG for a DCT source, otherwise Flate of the
/// samples; the dictionary keeps what describes the samples and drops everything else
/// (metadata, OPI, thumbnails, alternates).
pub fn encode_image(
    original: &Dictionary,
    img: &DecodedImage,
    smask: Option<ObjectId>,
) -> Result<Stream, String> {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", Object::Integer(img.samples.width as i64));
    d.set("Height", Object::Integer(img.samples.height as i64));
    for key in [&b"Intent"[..], b"Interpolate", b"Mask"] {
        if let Ok(v) = original.get(key) {
            d.set(key.to_vec(), v.clone());
        }
    }
    if img.model == ColorModel::Stencil {
        d.set("ImageMask", Object::Boolean(true));
    } else {
        d.set("BitsPerComponent", Object::Integer(img.samples.bpc as i64));
        let cs_kept = match (&img.model, original.get(b"ColorSpace")) {
            (ColorModel::Gray, Ok(cs)) if img.codec != Codec::Dct || img.samples.comps == 1 => {
                Some(cs.clone())
            }
            (_, Ok(cs)) if img.codec != Codec::Dct => Some(cs.clone()),
            (ColorModel::Rgb, Ok(cs)) if img.samples.comps == 3 => Some(cs.clone()),
            _ => None,
        };
        let cs = cs_kept.unwrap_or_else(|| {
            Object::Name(if img.samples.comps == 1 {
                b"DeviceGray".to_vec()
            } else {
                b"DeviceRGB".to_vec()
            })
        });
        d.set("ColorSpace", cs);
    }
    if let Some(dec) = &img.decode
        && (img.codec != Codec::Dct || dec.len() == 2 * img.samples.comps as usize)
    {
        d.set(
            "Decode",
            Object::Array(dec.iter().map(|v| Object::Real(*v as f32)).collect()),
        );
    }
    if let Some(s) = smask {
        d.set("SMask", Object::Reference(s));
    }
    let content = if img.codec == Codec::Dct {
        let mut out = Vec::new();
        let ct = if img.samples.comps == 1 {
            image::ExtendedColorType::L8
        } else {
            image::ExtendedColorType::Rgb8
        };
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode(&img.samples.data, img.samples.width, img.samples.height, ct)
            .map_err(|e| format!("JPEG re-encoding failed: {e}"))?;
        d.set("Filter", Object::Name(b"DCTDecode".to_vec()));
        out
    } else {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        z.write_all(&img.samples.data)
            .map_err(|e| format!("Flate re-encoding failed: {e}"))?;
        d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        z.finish()
            .map_err(|e| format!("Flate re-encoding failed: {e}"))?
    };
    Ok(Stream::new(d, content))
}

/// One image draw to redact: the index in `PageContent::images` and the page-space areas.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImageRedaction {
    /// Index in `PageContent::images`.
    pub image: usize,
    /// Areas (page space) over this draw.
    pub rects: Vec<Rect>,
}

/// What pixel redaction did on a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PixelsApplied {
    /// Image objects rewritten (each a new object; the original stays for other users).
    pub images_rewritten: usize,
    /// Samples painted over all images.
    pub samples_painted: u64,
    /// Images that could not be redacted in their pixels: they are kept as they were (under
    /// the drawn box) and the page must be flagged for manual review.
    pub failed: Vec<PixelError>,
}

/// Paints the areas into the image data of every listed image draw on page `page_id`, and
/// points the page (and any Form XObject on the way, copied first) at the new image objects.
/// An image shared with other pages or drawn elsewhere is never edited in place.
pub fn redact_page_images(
    doc: &mut Document,
    page_id: ObjectId,
    content: &PageContent,
    jobs: &[ImageRedaction],
    limit: usize,
) -> PixelsApplied {
    let mut done = PixelsApplied::default();
    // Group the areas per image object (one object may be drawn several times).
    let mut per_object: BTreeMap<ObjectId, Vec<(Placement, Vec<Rect>)>> = BTreeMap::new();
    for job in jobs {
        let Some(use_) = content.images.get(job.image) else {
            continue;
        };
        let Some(id) = use_.id else {
            done.failed.push(PixelError::NotAnXObject(
                "an inline image lies under a redaction area".into(),
            ));
            continue;
        };
        per_object
            .entry(id)
            .or_default()
            .push((Placement::from_quad(&use_.quad), job.rects.clone()));
    }
    let mut replaced: HashMap<ObjectId, ObjectId> = HashMap::new();
    for (id, draws) in per_object {
        match redact_one(doc, id, &draws, limit) {
            Ok((new_id, painted)) => {
                replaced.insert(id, new_id);
                done.images_rewritten += 1;
                done.samples_painted += painted;
            }
            Err(e) => done.failed.push(e),
        }
    }
    if !replaced.is_empty() {
        let res = page_resources(doc, page_id).cloned().unwrap_or_default();
        let mut memo = HashMap::new();
        let new_res = redirect(doc, &res, &replaced, &mut memo, 0);
        if let Ok(page) = doc.get_dictionary_mut(page_id) {
            page.set("Resources", Object::Dictionary(new_res));
        }
    }
    done
}

fn redact_one(
    doc: &mut Document,
    id: ObjectId,
    draws: &[(Placement, Vec<Rect>)],
    limit: usize,
) -> Result<(ObjectId, u64), PixelError> {
    let stream = doc
        .get_object(id)
        .and_then(Object::as_stream)
        .map_err(|e| PixelError::NotAnXObject(format!("image {} {} R: {e}", id.0, id.1)))?
        .clone();
    let mut img = decode_image(doc, Some(id), &stream, limit)?;
    let (w, h) = (img.samples.width, img.samples.height);
    let fill = img.black();
    let mut pixel_rects = Vec::new();
    for (placement, rects) in draws {
        for r in rects {
            if let Some(pr) = placement.pixels_under(w, h, r) {
                pixel_rects.push(pr);
            }
        }
    }
    let mut painted = 0u64;
    for pr in &pixel_rects {
        img.samples.paint(*pr, &fill);
        painted += (pr.x1 - pr.x0) as u64 * (pr.y1 - pr.y0) as u64;
    }
    // A soft mask could keep the shape of what was painted: make it opaque there too.
    let mut smask_id = None;
    if let Ok(sm) = stream.dict.get(b"SMask") {
        let (sid, sobj) = match sm {
            Object::Reference(r) => (Some(*r), doc.get_object(*r).ok()),
            o => (None, Some(o)),
        };
        let sstream = sobj
            .and_then(|o| o.as_stream().ok())
            .ok_or_else(|| PixelError::Damaged(name_of(Some(id)), "unreadable /SMask".into()))?
            .clone();
        let mut mask = decode_image(doc, sid, &sstream, limit)?;
        let (mw, mh) = (mask.samples.width, mask.samples.height);
        let opaque: Vec<u16> = vec![(1u32 << mask.samples.bpc.min(16)) as u16 - 1];
        for (placement, rects) in draws {
            for r in rects {
                if let Some(pr) = placement.pixels_under(mw, mh, r) {
                    mask.samples.paint(pr, &opaque);
                }
            }
        }
        mask.decode = None;
        let ms = encode_image(&sstream.dict, &mask, None)
            .map_err(|e| PixelError::Damaged(name_of(sid), e))?;
        smask_id = Some(doc.add_object(ms));
    }
    if let Ok(m) = stream.dict.get(b"Mask")
        && resolve(doc, m).as_stream().is_ok()
    {
        return Err(PixelError::Unsupported(
            name_of(Some(id)),
            "an explicit stencil /Mask".into(),
        ));
    }
    let new = encode_image(&stream.dict, &img, smask_id)
        .map_err(|e| PixelError::Damaged(name_of(Some(id)), e))?;
    Ok((doc.add_object(new), painted))
}

/// A copy of resource dictionary `res` whose XObject entries point at the replaced objects;
/// Form XObjects whose resources change are copied (the originals stay for other users).
fn redirect(
    doc: &mut Document,
    res: &Dictionary,
    replaced: &HashMap<ObjectId, ObjectId>,
    memo: &mut HashMap<ObjectId, ObjectId>,
    depth: usize,
) -> Dictionary {
    let mut out = res.clone();
    let Some(xobjects) = res
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .cloned()
    else {
        return out;
    };
    let mut new_x = xobjects.clone();
    let mut changed = false;
    for (name, value) in xobjects.iter() {
        let Ok(id) = value.as_reference() else {
            continue;
        };
        if let Some(new_id) = replaced.get(&id).or(memo.get(&id)) {
            new_x.set(name.clone(), Object::Reference(*new_id));
            changed = true;
            continue;
        }
        if depth >= 16 {
            continue;
        }
        let Some(stream) = doc
            .get_object(id)
            .ok()
            .and_then(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"Form"))
            .cloned()
        else {
            continue;
        };
        let Some(inner) = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .cloned()
        else {
            continue;
        };
        let redirected = redirect(doc, &inner, replaced, memo, depth + 1);
        if redirected != inner {
            let mut copy = stream;
            copy.dict.set("Resources", Object::Dictionary(redirected));
            let new_id = doc.add_object(copy);
            memo.insert(id, new_id);
            new_x.set(name.clone(), Object::Reference(new_id));
            changed = true;
        }
    }
    if changed {
        out.set("XObject", Object::Dictionary(new_x));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(w: u32, h: u32, v: u8) -> Samples {
        Samples {
            width: w,
            height: h,
            comps: 1,
            bpc: 8,
            data: vec![v; (w * h) as usize],
        }
    }

    #[test]
    fn painting_one_bit_samples_sets_only_the_rectangle() {
        let mut s = Samples {
            width: 20,
            height: 3,
            comps: 1,
            bpc: 1,
            data: vec![0xFF; 9],
        };
        s.paint(
            PixelRect {
                x0: 3,
                y0: 1,
                x1: 13,
                y1: 2,
            },
            &[0],
        );
        for x in 0..20 {
            assert_eq!(s.raw(x, 0, 0), 1);
            assert_eq!(
                s.raw(x, 1, 0),
                if (3..13).contains(&x) { 0 } else { 1 },
                "x={x}"
            );
        }
    }

    #[test]
    fn a_page_rectangle_maps_to_the_samples_under_it_also_when_rotated() {
        // 100x50 samples drawn 200x100 pt at (10, 20) page space, y down: row 0 at the top.
        let upright = Placement {
            origin: (10.0, 120.0),
            ux: (200.0, 0.0),
            uy: (0.0, -100.0),
        };
        let r = Rect::new(30.0, 20.0, 50.0, 40.0);
        assert_eq!(
            upright.pixels_under(100, 50, &r),
            Some(PixelRect {
                x0: 10,
                y0: 0,
                x1: 20,
                y1: 10
            })
        );
        // The same image stored sideways and turned by the placement: columns run down the page.
        let turned = Placement {
            origin: (10.0, 20.0),
            ux: (0.0, 200.0),
            uy: (100.0, 0.0),
        };
        let pr = turned
            .pixels_under(100, 50, &Rect::new(10.0, 20.0, 30.0, 60.0))
            .unwrap();
        // x in page 10..30 -> v 0..0.2 -> rows 40..50; y 20..60 -> u 0..0.2 -> columns 0..20
        assert_eq!(
            pr,
            PixelRect {
                x0: 0,
                y0: 40,
                x1: 20,
                y1: 50
            }
        );
    }

    #[test]
    fn black_follows_decode_and_palette() {
        let mut img = DecodedImage {
            samples: gray(2, 2, 255),
            model: ColorModel::Gray,
            decode: None,
            codec: Codec::Raw,
        };
        assert_eq!(img.black(), vec![0]);
        img.decode = Some(vec![1.0, 0.0]);
        assert_eq!(img.black(), vec![255]);
        img.decode = None;
        img.model = ColorModel::Indexed(
            Box::new(ColorModel::Rgb),
            vec![255, 255, 255, 10, 10, 10, 200, 0, 0],
        );
        assert_eq!(img.black(), vec![1]);
        assert_eq!(
            img.gray(0, 0),
            0,
            "entry 255 is past the palette: black, never a guess of white"
        );
    }
}
