//! woo-redact: finds personal data in Dutch government PDFs and removes it for real, for Woo publication.
#![deny(missing_docs)]

pub mod alloc;
pub mod audit;
pub mod batch;
pub mod cli;
pub mod config;
pub mod decide;
pub mod detect;
pub mod diff;
pub mod extract;
pub mod inputs;
pub mod ocr;
pub mod packed;
pub mod pdf;
pub mod plan;
pub mod publish;
pub mod redact;
pub mod release;
pub mod report;
pub mod text;
pub mod verify;
