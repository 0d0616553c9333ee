//! Opening a PDF safely: header check, limits against hostile files, typed errors for encrypted and damaged input.

use super::error::PdfError;
use lopdf::{Document, LoadOptions, ObjectId};

/// Limits that keep one hostile file from taking the batch down.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest decompressed size of any one stream, in bytes.
    pub max_stream_bytes: usize,
    /// Largest total decompressed content of one page, in bytes.
    pub max_page_content_bytes: usize,
    /// Most indirect objects a file may have.
    pub max_objects: usize,
    /// Most pages a file may have.
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stream_bytes: 256 << 20,
            max_page_content_bytes: 64 << 20,
            max_objects: 2_000_000,
            max_pages: 100_000,
        }
    }
}

/// A loaded document with its page list.
pub struct LoadedPdf {
    /// The parsed document (incremental revisions merged by lopdf).
    pub doc: Document,
    /// Page object ids in page order (index 0 is page 1).
    pub pages: Vec<ObjectId>,
    /// Oddities met while loading (repaired cross-reference table, ...).
    pub warnings: Vec<String>,
}

/// Loads a PDF from memory under `limits`.
///
/// A file that needs a password gives [`PdfError::Encrypted`]; one encrypted with an empty user
/// password opens. A file without a usable page tree is [`PdfError::Damaged`].
pub fn load_pdf(bytes: &[u8], limits: &Limits) -> Result<LoadedPdf, PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..Default::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => return Err(classify_load_error(bytes, e)),
    };
    if doc.is_encrypted() || doc.encryption_state.is_none() && doc.trailer.get(b"Encrypt").is_ok() {
        return Err(PdfError::Encrypted);
    }
    if doc.objects.len() > limits.max_objects {
        return Err(PdfError::Limit(format!(
            "{} objects (at most {} allowed)",
            doc.objects.len(),
            limits.max_objects
        )));
    }
    let mut warnings = Vec::new();
    if let Some(recovery) = &doc.xref_recovery {
        warnings.push(format!(
            "cross-reference table was damaged and rebuilt ({recovery:?})"
        ));
    }
    if !has_trailer_root(&doc) {
        return Err(PdfError::Damaged(
            "no document catalog (trailer /Root missing): the file is truncated or broken".into(),
        ));
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.is_empty() {
        return Err(PdfError::Damaged(
            "no pages could be read: the file is truncated or broken".into(),
        ));
    }
    if pages.len() > limits.max_pages {
        return Err(PdfError::Limit(format!(
            "{} pages (at most {} allowed)",
            pages.len(),
            limits.max_pages
        )));
    }
    if !ends_with_eof(bytes) {
        return Err(PdfError::Damaged(
            "the file has no %%EOF marker at its end: it is truncated".into(),
        ));
    }
    Ok(LoadedPdf {
        doc,
        pages,
        warnings,
    })
}

fn has_trailer_root(doc: &Document) -> bool {
    doc.trailer
        .get(b"Root")
        .ok()
        .and_then(|r| doc.dereference(r).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .is_some()
}

fn ends_with_eof(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

fn classify_load_error(bytes: &[u8], e: lopdf::Error) -> PdfError {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    if matches!(
        e,
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword
    ) || lower.contains("decrypt")
        || lower.contains("password")
        || lower.contains("encrypt")
    {
        return PdfError::Encrypted;
    }
    if lower.contains("limit") || lower.contains("exceed") {
        return PdfError::Limit(msg);
    }
    if !ends_with_eof(bytes) {
        return PdfError::Damaged(format!(
            "the file is truncated (no %%EOF; parser says: {msg})"
        ));
    }
    PdfError::Damaged(msg)
}
