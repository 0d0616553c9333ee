//! True redaction: content-stream rewriting, boxes and labels, document sanitising and single-revision saving.

pub mod apply;
pub mod flatten;
pub mod fontscrub;
pub mod rewrite;
pub mod sanitize;
pub mod save;
