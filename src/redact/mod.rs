//! True redaction: content-stream rewriting, boxes and labels, document sanitising and single-revision saving.

pub mod apply;
pub mod document;
pub mod flatten;
pub mod fontscrub;
pub mod judge;
pub mod paths;
pub mod payloads;
pub mod pixels;
pub mod rebuild;
pub mod rewrite;
pub mod sanitize;
pub mod save;

pub use document::{BoxMade, DrawnArea, RedactContext, RedactError, RedactedDoc, redact_document};
