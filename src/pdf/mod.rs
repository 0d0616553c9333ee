//! The PDF layer: loading with limits, fonts, typed content operators and one interpreter that ties every glyph to the bytes that drew it.

pub mod error;
pub mod font;
pub mod geom;
pub mod glyph;

pub use error::PdfError;
pub use geom::{Matrix, Quad, Rect};
pub use glyph::{Glyph, Provenance, StreamRef};
