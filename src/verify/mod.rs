//! Verification before publication (fail closed): proves that removed text is gone from the output file.

pub mod document;
pub mod pdfstrings;

pub use document::{Channel, Finding, VerifyReport, install_quiet_panic_hook, verify_document};
