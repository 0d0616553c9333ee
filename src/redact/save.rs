//! Saving a sanitised document as one clean revision: no earlier revisions, no encryption, no unreachable objects, a new /ID.

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, StringFormat};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// Why a document could not be saved clean.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The trailer has no `/Root` reference.
    #[error("the document has no catalog (/Root)")]
    NoCatalog,
    /// lopdf failed to serialise the document.
    #[error("cannot write PDF: {0}")]
    Write(String),
    /// The written bytes are not one single revision (fail closed).
    #[error("output is not a single clean revision: {0}")]
    NotSingleRevision(String),
}

/// Object types that the writer regenerates or that belong to the old file layout.
const LAYOUT_TYPES: &[&[u8]] = &[b"ObjStm", b"XRef", b"Linearized"];

/// Serialises `doc` as one new revision and returns the bytes.
///
/// - the trailer is rebuilt with only `/Root`, `/Info` (if present) and a new `/ID`
///   (SHA-256 of the file written without an /ID, first 16 bytes, both halves equal);
///   `/Encrypt`, `/Prev`, `/XRefStm` and cross-reference stream keys are gone;
/// - the encryption state is dropped, so strings and streams are written in clear;
/// - objects not reachable from the new trailer are deleted, then objects are renumbered;
/// - a classic cross-reference table, no object streams;
/// - the result is checked: one `startxref`, one `%%EOF` at the end, no `/Prev` in the trailer.
pub fn save_clean(doc: &mut Document) -> Result<Vec<u8>, SaveError> {
    let root = doc
        .trailer
        .get(b"Root")
        .cloned()
        .map_err(|_| SaveError::NoCatalog)?;
    if !matches!(root, Object::Reference(_)) {
        return Err(SaveError::NoCatalog);
    }
    let mut trailer = Dictionary::new();
    trailer.set("Root", root);
    if let Ok(info @ Object::Reference(_)) = doc.trailer.get(b"Info") {
        trailer.set("Info", info.clone());
    }
    doc.trailer = trailer;
    doc.encryption_state = None;
    doc.objects
        .retain(|_, o| !matches!(o.type_name(), Ok(t) if LAYOUT_TYPES.contains(&t)));
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    doc.prune_objects();
    doc.renumber_objects();
    // Bookmarks held by lopdf's own bookmark table would be written again: there are none
    // after loading, and we never add any.
    doc.bookmarks.clear();
    doc.bookmark_table.clear();

    let first = write(doc)?;
    let digest = Sha256::digest(&first);
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let bytes = write(doc)?;
    check_single_revision(&bytes)?;
    Ok(bytes)
}

fn write(doc: &mut Document) -> Result<Vec<u8>, SaveError> {
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| SaveError::Write(e.to_string()))?;
    Ok(out)
}

/// Counts non-overlapping occurrences of `needle` in `hay`.
fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The structural checks on the written bytes (outside streams we wrote ourselves).
fn check_single_revision(bytes: &[u8]) -> Result<(), SaveError> {
    let tail_start = bytes
        .windows(7)
        .rposition(|w| w == b"trailer")
        .ok_or_else(|| SaveError::NotSingleRevision("no trailer".into()))?;
    let tail = &bytes[tail_start..];
    if count(tail, b"/Prev") > 0 || count(tail, b"/Encrypt") > 0 {
        return Err(SaveError::NotSingleRevision(
            "trailer refers to an earlier revision or encryption".into(),
        ));
    }
    if count(tail, b"startxref") != 1 || count(tail, b"%%EOF") != 1 {
        return Err(SaveError::NotSingleRevision(
            "file does not end in one startxref and %%EOF".into(),
        ));
    }
    let trimmed = bytes.trim_ascii_end();
    if !trimmed.ends_with(b"%%EOF") {
        return Err(SaveError::NotSingleRevision(
            "file does not end with %%EOF".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn tiny() -> Document {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Prev", 1234);
        doc.trailer.set("Encrypt", Object::Reference((99, 0)));
        // An orphan holding a name must not be written.
        doc.add_object(Object::string_literal("Notulist: Jan Orphan"));
        doc
    }

    #[test]
    fn writes_one_revision_without_orphans() {
        let mut doc = tiny();
        let bytes = save_clean(&mut doc).expect("save");
        assert_eq!(count(&bytes, b"%%EOF"), 1);
        assert_eq!(count(&bytes, b"/Prev"), 0);
        assert_eq!(count(&bytes, b"/Encrypt"), 0);
        assert_eq!(count(&bytes, b"Jan Orphan"), 0);
        assert_eq!(count(&bytes, b"/ID"), 1);
        let again = Document::load_mem(&bytes).expect("reload");
        assert_eq!(again.get_pages().len(), 1);
    }

    #[test]
    fn same_input_same_id() {
        let a = save_clean(&mut tiny()).expect("save");
        let b = save_clean(&mut tiny()).expect("save");
        assert_eq!(a, b);
    }

    #[test]
    fn refuses_without_root() {
        let mut doc = Document::with_version("1.5");
        assert!(matches!(save_clean(&mut doc), Err(SaveError::NoCatalog)));
    }
}
