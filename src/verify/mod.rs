//! Verification before publication (fail closed): proves that removed text is gone from the output file.

pub mod document;
pub mod fold;
pub mod judged;
pub mod lettering;
pub mod output;
pub mod pdfstrings;
pub mod second;

pub use document::{Channel, Finding, VerifyReport, install_quiet_panic_hook, verify_document};
pub use output::verify_output;
