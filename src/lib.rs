//! woo-redact: finds personal data in Dutch government PDFs and removes it for real, for Woo publication.
#![deny(missing_docs)]

pub mod config;
pub mod detect;
pub mod pdf;
