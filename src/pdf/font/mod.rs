//! The font model: how a font turns string bytes into character codes, Unicode text and advance widths.
//!
//! INTERFACE CONTRACT (used by the interpreter; keep these signatures):
//! - `Font::load(doc, dict)` never fails: an unreadable part becomes a warning and a fallback,
//!   and `unicode_trusted()` says whether the text it yields can be believed.
//! - `Font::decode(bytes)` splits a shown string into codes on codespace boundaries, each with
//!   its byte range, Unicode text (may be empty) and width in text space per unit of font size
//!   (so `w0/1000` for ordinary fonts, `w * FontMatrix[0]` for Type3).
//!
//! Loading precomputes everything: a 256-entry table for simple fonts, codespace ranges,
//! CID ranges, a dense width table and a ToUnicode map for composite fonts, so decoding is
//! table look-ups only.

mod cmap;
mod glyphs;
mod load;
#[allow(missing_docs, clippy::all)]
mod tables;
#[cfg(test)]
mod tests;

use compact_str::CompactString;
use std::collections::HashMap;

use lopdf::{Dictionary, Document};

pub use cmap::{CMap, CodespaceRange, UnicodeMap};
pub use glyphs::{glyph_to_unicode, helvetica_width, normalize_unicode, standard_name, strip_subset};

/// One character code from a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct CharCode {
    /// The code value (1 to 4 bytes, big-endian).
    pub code: u32,
    /// Byte offset of the code inside the string.
    pub start: usize,
    /// Number of bytes of the code.
    pub len: usize,
    /// Unicode text for the code; several characters for a ligature; empty when unknown.
    pub unicode: CompactString,
    /// Horizontal advance in text space per unit font size. For a vertical font this is the
    /// vertical displacement `w1y / 1000`, negative (downwards) as in PDF (default -1.0).
    pub width: f64,
    /// True for a single-byte code 32, the only code word spacing (Tw) applies to.
    pub is_word_space: bool,
}

/// A warning found while reading a font; delivered as data.
#[derive(Debug, Clone, PartialEq)]
pub struct FontWarning(pub String);

/// The /Subtype of a font dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontKind {
    /// Type1 (including the standard 14).
    Type1,
    /// MMType1 (treated as Type1).
    MMType1,
    /// TrueType.
    TrueType,
    /// Type3 (glyphs drawn by content streams).
    Type3,
    /// Type0 (composite, CID-keyed).
    Type0,
    /// Missing or unknown subtype (read as a simple font).
    Unknown,
}

/// Precomputed data of one code of a simple font.
#[derive(Debug, Clone, Default)]
struct SimpleEntry {
    unicode: Box<str>,
    width: f64,
}

/// How codes map to CIDs in a composite font.
#[derive(Debug, Clone)]
enum CidMapping {
    /// CID = code (Identity-H / Identity-V).
    Identity,
    /// Embedded CMap ranges, sorted by (len, lo); `notdef` ranges give CIDs for unmapped codes.
    Ranges {
        cids: Vec<cmap::CidRange>,
        notdef: Vec<cmap::CidRange>,
    },
    /// A predefined CMap we do not ship: CIDs unknown (widths fall back to /DW).
    Unknown,
}

/// Vertical metrics of a CID font (W2 / DW2), in 1/1000 units.
#[derive(Debug, Clone)]
struct VerticalMetrics {
    /// Default (w1y, vy) from DW2.
    default: (f64, f64),
    /// Per-CID (w1y, vx, vy).
    per_cid: HashMap<u32, (f64, f64, f64)>,
}

/// Widths by CID, in 1/1000 units.
#[derive(Debug, Clone, Default)]
struct CidWidths {
    default: f64,
    /// Dense table for CIDs below its length; NaN marks "not given".
    dense: Vec<f32>,
    /// CIDs beyond the dense table.
    sparse: HashMap<u32, f64>,
}

impl CidWidths {
    fn get(&self, cid: u32) -> f64 {
        match self.dense.get(cid as usize) {
            Some(w) if !w.is_nan() => f64::from(*w),
            Some(_) => self.default,
            None => self.sparse.get(&cid).copied().unwrap_or(self.default),
        }
    }
}

/// A composite (Type0) font's decoding data.
#[derive(Debug, Clone)]
struct Composite {
    /// Codespace ranges sorted by length.
    codespace: Vec<CodespaceRange>,
    /// True when every code is two bytes (Identity or a plain 2-byte codespace): fast path.
    two_byte: bool,
    cids: CidMapping,
    widths: CidWidths,
    vertical: Option<VerticalMetrics>,
    to_unicode: Option<UnicodeMap>,
    /// Codes are UTF-16BE Unicode (predefined Uni*-UCS2 / UTF16 CMaps).
    code_is_unicode: bool,
}

#[derive(Debug, Clone)]
enum Encoder {
    Simple(Box<[SimpleEntry]>),
    Composite(Box<Composite>),
}

/// A loaded font.
#[derive(Debug, Clone)]
pub struct Font {
    /// The /BaseFont name (for reports).
    pub base_font: String,
    kind: FontKind,
    encoder: Encoder,
    vertical: bool,
    ascent: f64,
    descent: f64,
    trusted: bool,
    font_matrix: [f64; 6],
}

impl Font {
    /// Reads a font dictionary; never fails.
    pub fn load(doc: &Document, dict: &Dictionary) -> (Font, Vec<FontWarning>) {
        load::load(doc, dict)
    }

    /// Splits a shown string into character codes.
    pub fn decode(&self, bytes: &[u8]) -> Vec<CharCode> {
        let mut out = Vec::with_capacity(bytes.len());
        self.decode_with(bytes, |c| out.push(c));
        out
    }

    /// Splits a shown string into character codes, handing each to `f` (no Vec allocation).
    pub fn decode_with<F: FnMut(CharCode)>(&self, bytes: &[u8], mut f: F) {
        match &self.encoder {
            Encoder::Simple(table) => {
                for (i, &b) in bytes.iter().enumerate() {
                    let e = &table[b as usize];
                    f(CharCode {
                        code: u32::from(b),
                        start: i,
                        len: 1,
                        unicode: CompactString::from(&*e.unicode),
                        width: e.width,
                        is_word_space: b == 32,
                    });
                }
            }
            Encoder::Composite(c) => {
                let mut i = 0;
                while i < bytes.len() {
                    let rest = &bytes[i..];
                    let len = c.code_len(rest);
                    let code = rest[..len]
                        .iter()
                        .fold(0u32, |a, &b| (a << 8) | u32::from(b));
                    let cid = c.cid(len as u8, code);
                    let width = match (&c.vertical, cid) {
                        (Some(v), Some(cid)) => {
                            v.per_cid.get(&cid).map(|m| m.0).unwrap_or(v.default.0) / 1000.0
                        }
                        (Some(v), None) => v.default.0 / 1000.0,
                        (None, Some(cid)) => c.widths.get(cid) / 1000.0,
                        (None, None) => c.widths.default / 1000.0,
                    };
                    f(CharCode {
                        code,
                        start: i,
                        len,
                        unicode: c.unicode(len as u8, code),
                        width,
                        is_word_space: len == 1 && code == 32,
                    });
                    i += len;
                }
            }
        }
    }

    /// True for vertical writing (Identity-V and other -V CMaps).
    pub fn is_vertical(&self) -> bool {
        self.vertical
    }

    /// Ascent above the baseline, in text space per unit font size (e.g. 0.718).
    pub fn ascent(&self) -> f64 {
        self.ascent
    }

    /// Descent below the baseline, negative, in text space per unit font size (e.g. -0.207).
    pub fn descent(&self) -> f64 {
        self.descent
    }

    /// Whether the Unicode text this font yields can be trusted.
    pub fn unicode_trusted(&self) -> bool {
        self.trusted
    }

    /// The font's /Subtype.
    pub fn kind(&self) -> FontKind {
        self.kind
    }

    /// The glyph-to-text-space matrix: /FontMatrix for Type3, `[0.001 0 0 0.001 0 0]` otherwise.
    pub fn font_matrix(&self) -> [f64; 6] {
        self.font_matrix
    }

    /// Vertical scale of glyph space relative to the usual 1/1000 (1.0 except for Type3 fonts
    /// whose FontMatrix scales y differently): multiply glyph heights from ascent/descent by
    /// nothing, they already include it; use this for quads built from glyph-space boxes.
    pub fn font_matrix_scale_y(&self) -> f64 {
        self.font_matrix[3] / 0.001
    }

    /// For a vertical font, the position vector (vx, vy) of a code, in text space per unit
    /// font size: the glyph's horizontal origin lies at (-vx, -vy) from the vertical origin.
    /// (0, 0) for horizontal fonts.
    pub fn vertical_origin(&self, cc: &CharCode) -> (f64, f64) {
        let Encoder::Composite(c) = &self.encoder else {
            return (0.0, 0.0);
        };
        let Some(v) = &c.vertical else {
            return (0.0, 0.0);
        };
        let cid = c.cid(cc.len as u8, cc.code);
        match cid.and_then(|cid| v.per_cid.get(&cid).map(|m| (cid, *m))) {
            Some((_, (_, vx, vy))) => (vx / 1000.0, vy / 1000.0),
            None => {
                let w0 = cid.map(|cid| c.widths.get(cid)).unwrap_or(c.widths.default);
                (w0 / 2000.0, v.default.1 / 1000.0)
            }
        }
    }
}

impl Composite {
    /// Length of the next code at the start of `rest` (never 0, never past the end).
    fn code_len(&self, rest: &[u8]) -> usize {
        if self.two_byte {
            return rest.len().min(2);
        }
        for n in 1..=4usize {
            if n > rest.len() {
                break;
            }
            if self
                .codespace
                .iter()
                .any(|r| r.len as usize == n && r.contains(&rest[..n]))
            {
                return n;
            }
        }
        // No range matched: take the shortest codespace length whose first byte fits,
        // else the shortest length at all (PDF 32000-1 9.7.6.3 leaves this to the reader).
        let first = rest[0];
        let by_first = self
            .codespace
            .iter()
            .filter(|r| {
                let shift = 8 * (u32::from(r.len) - 1);
                let lo = ((r.lo >> shift) & 0xff) as u8;
                let hi = ((r.hi >> shift) & 0xff) as u8;
                first >= lo && first <= hi
            })
            .map(|r| r.len as usize)
            .min();
        let n = by_first
            .or_else(|| self.codespace.iter().map(|r| r.len as usize).min())
            .unwrap_or(1);
        n.clamp(1, rest.len())
    }

    fn cid(&self, len: u8, code: u32) -> Option<u32> {
        match &self.cids {
            CidMapping::Identity => Some(code),
            CidMapping::Unknown => None,
            CidMapping::Ranges { cids, notdef } => {
                let find = |ranges: &[cmap::CidRange]| {
                    let idx = ranges.partition_point(|r| (r.len, r.lo) <= (len, code));
                    ranges[..idx]
                        .iter()
                        .rev()
                        .find(|r| r.len == len && r.lo <= code && code <= r.hi)
                        .map(|r| r.cid.saturating_add(code - r.lo))
                };
                find(cids).or_else(|| find(notdef).map(|_| 0)).or(Some(0))
            }
        }
    }

    fn unicode(&self, len: u8, code: u32) -> CompactString {
        if let Some(m) = &self.to_unicode
            && let Some(s) = m.get(len, code)
        {
            return s;
        }
        if self.code_is_unicode
            && let Some(c) = char::from_u32(code).filter(|c| *c != '\0')
        {
            let mut buf = [0u8; 4];
            return CompactString::from(normalize_unicode(c.encode_utf8(&mut buf)));
        }
        CompactString::default()
    }
}

// Font is shared between rayon workers.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Font>();
};
