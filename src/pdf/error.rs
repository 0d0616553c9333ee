//! Typed errors of the PDF layer; each names what is wrong in words a Woo officer can act on.

use thiserror::Error;

/// Why a PDF or one of its pages could not be read.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The file is encrypted and needs a password we do not have.
    #[error("encrypted: the file needs a password to open")]
    Encrypted,
    /// The file does not start like a PDF at all.
    #[error("not a PDF: the file has no %PDF header")]
    NotPdf,
    /// The file is damaged (truncated, broken cross-reference table, ...).
    #[error("damaged PDF: {0}")]
    Damaged(String),
    /// A limit against hostile files was exceeded (decompression bomb, too many objects).
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// A content stream that does not decode cleanly.
    #[error("page {page}: content stream cannot be read: {reason}")]
    Content {
        /// 1-based page number.
        page: u32,
        /// What went wrong.
        reason: String,
    },
    /// The file could not be read from disk.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
}
