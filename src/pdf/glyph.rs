//! A glyph as the interpreter saw it: its text, where it sits on the page, and exactly which bytes drew it.

use super::geom::Quad;
use compact_str::CompactString;
use serde::Serialize;

/// Which content stream a glyph or image came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum StreamRef {
    /// The page's own content (all of its /Contents streams, concatenated in order).
    Page,
    /// A Form XObject, reached through a chain of `Do` operators.
    Form {
        /// Object number and generation of the form stream.
        id: (u32, u16),
        /// Operator indices of the `Do` operators that led here: first in the page content,
        /// then in each enclosing form. Two instances of one form differ here.
        invoked_by: Vec<usize>,
    },
}

/// Where exactly a glyph was drawn from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The stream.
    pub stream: StreamRef,
    /// Index of the show operator (Tj, TJ, ', ") in the decoded operator list of that stream.
    pub op_index: usize,
    /// Index of the string element inside a TJ array (0 for Tj, ' and ").
    pub elem_index: usize,
    /// Byte offset of the glyph's code inside that string.
    pub byte_start: usize,
    /// Length of the code in bytes.
    pub byte_len: usize,
    /// The character code.
    pub code: u32,
}

/// One glyph drawn on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// Unicode text of the glyph (several characters for a ligature; may be empty).
    pub text: CompactString,
    /// The glyph box (advance x ascent..descent) in page space, after rotation and CropBox.
    pub quad: Quad,
    /// The origin (baseline start) in page space.
    pub origin: (f64, f64),
    /// The advance vector in page space (where the next glyph starts, relative to origin).
    pub advance: (f64, f64),
    /// Effective font size in page space (length of the scaled em vertical).
    pub size: f64,
    /// Text render mode (0..7).
    pub render_mode: u8,
    /// False for render mode 3 or 7 and for a fill alpha of 0.
    pub visible: bool,
    /// True when the fill colour is (near) white: possibly hidden on a white page.
    pub white_fill: bool,
    /// Index into the page's font list (`PageContent::fonts`).
    pub font: usize,
    /// Index into `PageContent::actual_texts` of the innermost enclosing /ActualText span.
    pub actual_text: Option<usize>,
    /// Marked-content id of the innermost enclosing marked-content sequence with an MCID.
    pub mcid: Option<i64>,
    /// How far this glyph moves the text position, in text space along the writing direction
    /// (`(w0 * Tfs + Tc + Tw) * Th`); what a removed glyph must be compensated by.
    pub tx: f64,
    /// Text-space distance of a TJ adjustment of 1000 at this glyph (`Tfs * Th`).
    pub adjust_unit: f64,
    /// Where the glyph came from.
    pub prov: Provenance,
}

/// A horizontal test glyph: `w` wide, 10 pt text, baseline at `y` (page space, y down), box
/// from 2 pt below to 8 pt above the baseline, drawn by page operator 0. For unit tests.
#[cfg(test)]
pub(crate) fn test_glyph(text: &str, x: f64, y: f64, w: f64) -> Glyph {
    Glyph {
        text: text.into(),
        quad: Quad([
            (x, y + 2.0),
            (x + w, y + 2.0),
            (x + w, y - 8.0),
            (x, y - 8.0),
        ]),
        origin: (x, y),
        advance: (w, 0.0),
        size: 10.0,
        render_mode: 0,
        visible: true,
        white_fill: false,
        font: 0,
        actual_text: None,
        mcid: None,
        tx: w,
        adjust_unit: 10.0,
        prov: Provenance {
            stream: StreamRef::Page,
            op_index: 0,
            elem_index: 0,
            byte_start: 0,
            byte_len: 1,
            code: text.chars().next().map_or(0, |c| c as u32),
        },
    }
}
