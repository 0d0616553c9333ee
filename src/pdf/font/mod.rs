//! The font model: how a font turns string bytes into character codes, Unicode text and advance widths.
//!
//! INTERFACE CONTRACT (used by the interpreter; keep these signatures):
//! - `Font::load(doc, dict)` never fails: an unreadable part becomes a warning and a fallback,
//!   and `unicode_trusted()` says whether the text it yields can be believed.
//! - `Font::decode(bytes)` splits a shown string into codes on codespace boundaries, each with
//!   its byte range, Unicode text (may be empty) and width in text space per unit of font size
//!   (so `w0/1000` for ordinary fonts, `w * FontMatrix[0]` for Type3).

use lopdf::{Dictionary, Document};

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
    pub unicode: String,
    /// Horizontal advance (vertical fonts: vertical advance) in text space per unit font size.
    pub width: f64,
    /// True for a single-byte code 32, the only code word spacing (Tw) applies to.
    pub is_word_space: bool,
}

/// A warning found while reading a font; delivered as data.
#[derive(Debug, Clone, PartialEq)]
pub struct FontWarning(pub String);

/// A loaded font.
#[derive(Debug, Clone)]
pub struct Font {
    /// The /BaseFont name (for reports).
    pub base_font: String,
    widths: Vec<f64>,
    first_char: u32,
    default_width: f64,
    trusted: bool,
}

impl Font {
    /// Reads a font dictionary; never fails.
    pub fn load(doc: &Document, dict: &Dictionary) -> (Font, Vec<FontWarning>) {
        let base_font = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let first_char = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0) as u32;
        let widths = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .map(|w| w.as_float().map(|f| f as f64).unwrap_or(0.0) / 1000.0)
                    .collect()
            })
            .unwrap_or_default();
        (
            Font {
                base_font,
                widths,
                first_char,
                default_width: 0.5,
                trusted: true,
            },
            Vec::new(),
        )
    }

    /// Splits a shown string into character codes.
    pub fn decode(&self, bytes: &[u8]) -> Vec<CharCode> {
        bytes
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                let code = b as u32;
                let width = code
                    .checked_sub(self.first_char)
                    .and_then(|i| self.widths.get(i as usize).copied())
                    .unwrap_or(self.default_width);
                CharCode {
                    code,
                    start: i,
                    len: 1,
                    unicode: char::from(b).to_string(),
                    width,
                    is_word_space: b == 32,
                }
            })
            .collect()
    }

    /// True for vertical writing (Identity-V and other -V CMaps).
    pub fn is_vertical(&self) -> bool {
        false
    }

    /// Ascent above the baseline, in text space per unit font size (e.g. 0.718).
    pub fn ascent(&self) -> f64 {
        0.75
    }

    /// Descent below the baseline, negative, in text space per unit font size (e.g. -0.207).
    pub fn descent(&self) -> f64 {
        -0.25
    }

    /// Whether the Unicode text this font yields can be trusted.
    pub fn unicode_trusted(&self) -> bool {
        self.trusted
    }
}
