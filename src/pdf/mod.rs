//! The PDF layer: loading with limits, fonts, typed content operators and one interpreter that ties every glyph to the bytes that drew it.

pub mod content;
pub mod content_fast;
pub mod error;
pub mod font;
pub mod geom;
pub mod glyph;
pub mod interp;
pub mod lexer;
pub mod load;
pub mod repair;
pub mod shapes;

pub use error::PdfError;
pub use geom::{Matrix, Quad, Rect};
pub use glyph::{Glyph, Provenance, StreamRef};
pub use interp::{Interpreter, PageContent};
pub use load::{Limits, LoadedPdf, load_pdf};
