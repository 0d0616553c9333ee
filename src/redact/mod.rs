//! Redaction: rewriting page content, sanitising the document and saving it as one clean revision.

pub mod sanitize;
pub mod save;
