//! Opening a PDF safely: header check, limits against hostile files, typed errors for encrypted and damaged input.

use super::error::PdfError;
use super::repair;
use crate::redact::flatten::flatten_annotations;
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
    let mut doc = match Document::load_mem_with_options(bytes, options_for(limits)) {
        Ok(doc) => doc,
        Err(e) => return Err(classify_load_error(bytes, e)),
    };
    if needs_password(&doc) {
        return Err(PdfError::Encrypted);
    }
    let mut blanked = None;
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        // `/Encrypt null`, or a reference to no object: not encrypted (qpdf and poppler agree),
        // but lopdf then waits for a password and reads no objects. Read the file again with
        // that trailer entry blanked out (same length, so every offset stays right).
        let copy = blank_encrypt_entries(bytes);
        doc = Document::load_mem_with_options(&copy, options_for(limits))
            .map_err(|e| classify_load_error(bytes, e))?;
        blanked = Some(copy);
    }
    let bytes: &[u8] = blanked.as_deref().unwrap_or(bytes);
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
    // Compared with a fresh reconstruction, so before any repair of ours.
    warnings.extend(check_xref(&doc, bytes, &options_for(limits))?);
    if repair::resolve_indirect_filters(&mut doc) > 0 {
        warnings.push("indirect /Filter or /DecodeParms resolved".into());
    }
    warnings.extend(repair::recover_stream_lengths(&mut doc, bytes)?);
    let (pages, tree_warnings) = repair::page_tree(&mut doc)?;
    warnings.extend(tree_warnings);
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
    // Appearances become page forms first, so that the loop check covers them too.
    warnings.extend(flatten_annotations(&mut doc, &pages));
    warnings.extend(repair::cut_form_cycles(&mut doc, &pages, limits)?);
    Ok(LoadedPdf {
        doc,
        pages,
        warnings,
    })
}

/// `bytes` with every `/Encrypt null` and `/Encrypt N G R` entry replaced by spaces.
fn blank_encrypt_entries(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&out[from..], b"/Encrypt") {
        let start = from + p;
        let mut i = start + b"/Encrypt".len();
        let skip_ws = |out: &[u8], mut i: usize| {
            while i < out.len() && out[i].is_ascii_whitespace() {
                i += 1;
            }
            i
        };
        let digits = |out: &[u8], mut i: usize| {
            let s = i;
            while i < out.len() && out[i].is_ascii_digit() {
                i += 1;
            }
            (i > s).then_some(i)
        };
        i = skip_ws(&out, i);
        let end = if out[i..].starts_with(b"null") {
            Some(i + 4)
        } else {
            digits(&out, i)
                .map(|j| skip_ws(&out, j))
                .and_then(|j| digits(&out, j))
                .map(|j| skip_ws(&out, j))
                .filter(|&j| out.get(j) == Some(&b'R'))
                .map(|j| j + 1)
        };
        match end {
            Some(end) => {
                out[start..end].fill(b' ');
                from = end;
            }
            None => from = start + 1,
        }
    }
    out
}

fn options_for(limits: &Limits) -> LoadOptions {
    LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..Default::default()
    }
}

/// True when the file is encrypted and the empty user password did not open it. As qpdf
/// decides: only an `/Encrypt` in the trailer that is a dictionary counts (`/Encrypt null`, or a
/// reference to an object that does not exist, is no encryption).
fn needs_password(doc: &Document) -> bool {
    let encrypt_dict = doc
        .trailer
        .get(b"Encrypt")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .is_some_and(|(_, o)| o.as_dict().is_ok());
    encrypt_dict && doc.encryption_state.is_none()
}

/// A cross-reference table whose entries point at other objects than they name (a broken
/// incremental update) is read again by scanning the file for objects, as qpdf does. When both
/// readings give the same pages the file is read; when they disagree on which object is which
/// page, the file is refused: publishing either reading could drop or duplicate a page.
fn check_xref(
    doc: &Document,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<Option<String>, PdfError> {
    let bad = repair::misplaced_xref_entries(doc, bytes);
    if bad.is_empty() {
        return Ok(None);
    }
    let listed: Vec<String> = bad.iter().take(5).map(|n| n.to_string()).collect();
    let damaged = format!(
        "the cross-reference table is broken (the entries of object(s) {} point at other objects)",
        listed.join(", ")
    );
    let rebuilt = Document::load_mem_with_options(
        bytes,
        LoadOptions {
            force_reconstruct: true,
            ..options.clone()
        },
    )
    .map_err(|e| PdfError::Damaged(format!("{damaged}, and it cannot be rebuilt: {e}")))?;
    if same_pages(doc, &rebuilt) {
        return Ok(Some(format!(
            "{damaged}; rebuilding it gives the same pages, so it is read as written"
        )));
    }
    Err(PdfError::Damaged(format!(
        "{damaged}; reading it as written and rebuilding it by scanning the file give different pages, so the file is not redacted (qpdf --check reports the same damage)"
    )))
}

/// True when two readings of a file have the same pages with the same dictionaries and content.
fn same_pages(a: &Document, b: &Document) -> bool {
    let (pa, pb) = (a.get_pages(), b.get_pages());
    pa.len() == pb.len()
        && pa.values().zip(pb.values()).all(|(x, y)| {
            a.get_object(*x).ok() == b.get_object(*y).ok()
                && a.get_page_content(*x) == b.get_page_content(*y)
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
    // Only lopdf's own password and decryption errors mean "needs a password": a damaged file
    // whose parser message happens to mention encryption is damaged, not encrypted.
    if matches!(
        e,
        lopdf::Error::Decryption(_)
            | lopdf::Error::InvalidPassword
            | lopdf::Error::UnsupportedSecurityHandler(_)
    ) || lower.contains("password")
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
