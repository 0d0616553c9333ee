//! Document-level sanitising: removes or rewrites every place outside the page content where a PDF can hold personal data.
//!
//! What [`sanitize`] does, on an in-memory lopdf `Document`:
//! - Info dictionary: dropped; a new one holds `Producer` and the `Title`, `Subject` and
//!   `CreationDate` when the judge finds no personal data in them.
//! - Every `/Metadata` (XMP) stream, `/PieceInfo`, page `/Thumb`, every `/AA` (additional
//!   actions), catalog `/OpenAction`, `/AcroForm` (with XFA), `/Names /EmbeddedFiles`,
//!   `/Names /JavaScript`, `/Threads` (article beads), `/Collection`, `/Perms`, `/Legal`: removed.
//! - Annotations: widgets, attachments, media and redact annotations are dropped; the others are
//!   dropped when the judge finds personal data in one of their strings or appearance text, when
//!   their `/Rect` or `/QuadPoints` meet a redaction area, or when their action is not a clean
//!   `/URI` or in-document jump. Popups follow their parent.
//! - Outline titles and structure-tree `/Alt`, `/ActualText`, `/E`, `/T`: found spans are
//!   replaced by the label (`[5.1, 2, e]`), or the outline is dropped on request.
//! - Optional content: reported, not changed (hidden layers are redacted like visible ones by the
//!   content-stream rewriter, so nothing stays hidden).
//!
//! Objects that only the removed entries reached are deleted; references to deleted
//! annotations are removed everywhere (structure tree `/OBJR` included).

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};
use serde::Serialize;
use thiserror::Error;

use crate::pdf::Rect;
use crate::verify::pdfstrings::{decode_text_bytes, encode_text_string, string_tokens};

/// A span of personal data found in a string by a [`Judge`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte of the span.
    pub start: usize,
    /// Byte offset one past the last byte of the span.
    pub end: usize,
    /// The label to write in its place, the Woo ground in the chosen notation (e.g. `5.1, 2, e`).
    pub ground: String,
}

/// Decides which parts of a string are personal data (the detection engine implements it).
pub trait Judge: Sync {
    /// The personal-data spans in `text`, as byte offsets into it.
    fn find(&self, text: &str) -> Vec<Span>;
}

/// The redaction areas per page: 1-based page number (as in `Document::get_pages`) to rectangles
/// in default user space (PDF coordinates, y up, the page's own origin).
#[derive(Debug, Clone, Default)]
pub struct PageAreas {
    areas: BTreeMap<u32, Vec<Rect>>,
}

impl PageAreas {
    /// No areas at all.
    pub fn new() -> PageAreas {
        PageAreas::default()
    }

    /// Adds one area on a page.
    pub fn add(&mut self, page: u32, area: Rect) {
        self.areas.entry(page).or_default().push(area);
    }

    /// The areas on a page (empty if none).
    pub fn on_page(&self, page: u32) -> &[Rect] {
        self.areas.get(&page).map_or(&[], Vec::as_slice)
    }

    /// Whether `r` meets (touches or overlaps) any area on `page`.
    pub fn meets(&self, page: u32, r: &Rect) -> bool {
        self.on_page(page)
            .iter()
            .any(|a| r.x0 <= a.x1 && a.x0 <= r.x1 && r.y0 <= a.y1 && a.y0 <= r.y1)
    }
}

/// Choices for [`sanitize`].
#[derive(Debug, Clone)]
pub struct SanitizeOptions {
    /// Drop the whole outline (bookmarks) instead of redacting its titles.
    pub drop_outline: bool,
    /// Remove structure-tree text keys that hold personal data instead of rewriting them.
    pub remove_struct_text: bool,
    /// Write a fresh Info dictionary holding only this `Producer`; `None` drops Info entirely.
    pub producer: Option<String>,
}

impl Default for SanitizeOptions {
    fn default() -> Self {
        SanitizeOptions {
            drop_outline: false,
            remove_struct_text: false,
            producer: Some("woo-redact".to_string()),
        }
    }
}

/// What kind of thing was removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// The document Info dictionary.
    InfoRemoved,
    /// An XMP `/Metadata` stream.
    MetadataRemoved,
    /// A `/PieceInfo` dictionary (application private data).
    PieceInfoRemoved,
    /// A page thumbnail image.
    ThumbnailRemoved,
    /// An `/AA` additional-actions dictionary.
    AdditionalActionsRemoved,
    /// The catalog `/OpenAction`.
    OpenActionRemoved,
    /// The embedded-files name tree.
    EmbeddedFilesRemoved,
    /// The document-level JavaScript name tree.
    JavaScriptRemoved,
    /// The interactive form (AcroForm, XFA).
    AcroFormRemoved,
    /// Another catalog entry that can carry data (threads, collection, permissions, legal).
    CatalogEntryRemoved,
    /// An annotation.
    AnnotationRemoved,
    /// An annotation's dangling `/Popup` reference.
    PopupLinkRemoved,
    /// An outline title rewritten with labels.
    OutlineTitleRedacted,
    /// An outline item's action or destination removed.
    OutlineActionRemoved,
    /// The whole outline.
    OutlineRemoved,
    /// A structure-element text key rewritten with labels.
    StructTextRedacted,
    /// A structure-element text key removed.
    StructTextRemoved,
}

/// One thing [`sanitize`] removed or changed. Never holds the personal data itself.
#[derive(Debug, Clone, Serialize)]
pub struct SanitizeAction {
    /// What was removed or changed.
    pub kind: ActionKind,
    /// The page it belonged to, if any.
    pub page: Option<u32>,
    /// The object number it lived in, if it was an indirect object.
    pub object: Option<u32>,
    /// Why, in words fit for an audit log (no personal data).
    pub reason: String,
}

/// What [`sanitize`] did: an audit record without personal data.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SanitizeReport {
    /// Every removal or change.
    pub actions: Vec<SanitizeAction>,
    /// Observations that changed nothing (e.g. optional content present).
    pub notes: Vec<String>,
    /// Number of objects deleted because nothing kept reaches them any more.
    pub objects_deleted: usize,
}

impl SanitizeReport {
    /// Number of actions per kind.
    pub fn counts(&self) -> BTreeMap<ActionKind, usize> {
        let mut m = BTreeMap::new();
        for a in &self.actions {
            *m.entry(a.kind).or_insert(0) += 1;
        }
        m
    }

    pub(crate) fn push(
        &mut self,
        kind: ActionKind,
        page: Option<u32>,
        object: Option<u32>,
        reason: &str,
    ) {
        self.actions.push(SanitizeAction {
            kind,
            page,
            object,
            reason: reason.to_string(),
        });
    }
}

/// Why a document could not be sanitised.
#[derive(Debug, Error)]
pub enum SanitizeError {
    /// The trailer has no usable `/Root` catalog.
    #[error("the document has no catalog (/Root)")]
    NoCatalog,
    /// The document is still encrypted (it was not decrypted on load).
    #[error("the document is encrypted; decrypt it before sanitising")]
    Encrypted,
}

/// Annotation subtypes that are dropped whatever they hold.
const ALWAYS_DROPPED: &[&[u8]] = &[
    b"Widget",
    b"FileAttachment",
    b"Sound",
    b"Movie",
    b"RichMedia",
    b"Screen",
    b"3D",
    b"Redact",
    b"Projection",
];

/// Annotation string keys the judge reads.
const ANNOT_TEXT_KEYS: &[&[u8]] = &[b"Contents", b"T", b"Subj", b"RC", b"NM", b"DS"];

/// Structure-element string keys the judge reads.
const STRUCT_TEXT_KEYS: &[&[u8]] = &[b"Alt", b"ActualText", b"E", b"T"];

/// Keys removed from every dictionary in the file.
const GLOBAL_KEYS: &[(&[u8], ActionKind, &str)] = &[
    (
        b"Metadata",
        ActionKind::MetadataRemoved,
        "XMP metadata can hold authors and titles",
    ),
    (
        b"PieceInfo",
        ActionKind::PieceInfoRemoved,
        "application private data",
    ),
    (
        b"Thumb",
        ActionKind::ThumbnailRemoved,
        "thumbnail shows unredacted page",
    ),
    (
        b"AA",
        ActionKind::AdditionalActionsRemoved,
        "actions may run scripts or carry data",
    ),
];

/// Catalog keys removed outright.
const CATALOG_KEYS: &[(&[u8], ActionKind, &str)] = &[
    (
        b"OpenAction",
        ActionKind::OpenActionRemoved,
        "open action may run scripts or carry data",
    ),
    (
        b"AcroForm",
        ActionKind::AcroFormRemoved,
        "form fields and XFA hold values and names",
    ),
    (
        b"Threads",
        ActionKind::CatalogEntryRemoved,
        "article threads carry Info dictionaries",
    ),
    (
        b"Collection",
        ActionKind::CatalogEntryRemoved,
        "portfolio collection data",
    ),
    (
        b"Perms",
        ActionKind::CatalogEntryRemoved,
        "signature permissions refer to removed content",
    ),
    (
        b"Legal",
        ActionKind::CatalogEntryRemoved,
        "legal attestation refers to removed content",
    ),
    (
        b"NeedsRendering",
        ActionKind::CatalogEntryRemoved,
        "XFA rendering flag",
    ),
    (
        b"SpiderInfo",
        ActionKind::CatalogEntryRemoved,
        "web capture data holds source URLs",
    ),
];

/// Sanitises `doc` in place and reports what was removed or changed.
///
/// Run it after the content-stream rewrite and before [`crate::redact::save::save_clean`].
pub fn sanitize(
    doc: &mut Document,
    judge: &dyn Judge,
    areas: &PageAreas,
    opts: &SanitizeOptions,
) -> Result<SanitizeReport, SanitizeError> {
    if doc.is_encrypted() || (doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none()) {
        return Err(SanitizeError::Encrypted);
    }
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| SanitizeError::NoCatalog)?;
    if doc.get_dictionary(root_id).is_err() {
        return Err(SanitizeError::NoCatalog);
    }
    let mut report = SanitizeReport::default();

    // Info: the title, subject and creation date are kept when the judge finds no personal
    // data in them (the title is needed for publication metadata); everything else goes.
    let kept_info = kept_info_fields(doc, judge);
    if doc.trailer.remove(b"Info").is_some() {
        report.push(
            ActionKind::InfoRemoved,
            None,
            None,
            "document properties (author, creator, keywords, ...; a title without personal data is kept)",
        );
    }
    if opts.producer.is_some() || !kept_info.is_empty() {
        let mut info = Dictionary::new();
        for (k, v) in kept_info {
            info.set(k, v);
        }
        if let Some(producer) = &opts.producer {
            info.set("Producer", encode_text_string(producer));
        }
        let id = doc.add_object(Object::Dictionary(info));
        doc.trailer.set("Info", Object::Reference(id));
    }

    catalog_entries(doc, root_id, &mut report);
    global_keys(doc, &mut report);
    let dropped = annotations(doc, judge, areas, &mut report);
    outline(doc, root_id, judge, opts, &mut report);
    struct_tree(doc, root_id, judge, opts, &mut report);
    optional_content_note(doc, root_id, &mut report);
    super::rebuild::rebuild(doc, root_id, judge, &mut report);

    delete_objects(doc, &dropped);
    report.objects_deleted = dropped.len() + doc.prune_objects().len();
    Ok(report)
}

/// Follows a reference (one level at a time, bounded) to the object id holding a value.
fn resolve_id(doc: &Document, obj: &Object) -> Option<ObjectId> {
    let mut id = obj.as_reference().ok()?;
    for _ in 0..32 {
        match doc.objects.get(&id) {
            Some(Object::Reference(next)) => id = *next,
            Some(_) => return Some(id),
            None => return None,
        }
    }
    None
}

/// Mutable access to the dictionary `key` holds in `dict_owner`, direct or by reference.
fn with_dict_mut<F: FnOnce(&mut Dictionary)>(
    doc: &mut Document,
    owner: ObjectId,
    key: &[u8],
    f: F,
) {
    let target = match doc.get_dictionary(owner).ok().and_then(|d| d.get(key).ok()) {
        Some(Object::Reference(_)) => {
            let Some(obj) = doc
                .get_dictionary(owner)
                .ok()
                .and_then(|d| d.get(key).ok())
                .cloned()
            else {
                return;
            };
            resolve_id(doc, &obj)
        }
        Some(Object::Dictionary(_)) => None,
        _ => return,
    };
    match target {
        Some(id) => {
            if let Ok(d) = doc.get_dictionary_mut(id) {
                f(d);
            }
        }
        None => {
            if let Ok(Object::Dictionary(d)) =
                doc.get_dictionary_mut(owner).and_then(|o| o.get_mut(key))
            {
                f(d);
            }
        }
    }
}

fn catalog_entries(doc: &mut Document, root_id: ObjectId, report: &mut SanitizeReport) {
    if let Ok(cat) = doc.get_dictionary_mut(root_id) {
        for (key, kind, reason) in CATALOG_KEYS {
            if cat.remove(key).is_some() {
                report.push(*kind, None, Some(root_id.0), reason);
            }
        }
    }
    let mut names_empty = false;
    let mut removed = Vec::new();
    with_dict_mut(doc, root_id, b"Names", |names| {
        if names.remove(b"EmbeddedFiles").is_some() {
            removed.push((ActionKind::EmbeddedFilesRemoved, "attached files"));
        }
        if names.remove(b"JavaScript").is_some() {
            removed.push((ActionKind::JavaScriptRemoved, "document-level scripts"));
        }
        for key in [
            &b"AP"[..],
            b"Templates",
            b"Pages",
            b"IDS",
            b"URLS",
            b"AlternatePresentations",
            b"Renditions",
        ] {
            if names.remove(key).is_some() {
                removed.push((
                    ActionKind::CatalogEntryRemoved,
                    "name tree that can carry content",
                ));
            }
        }
        names_empty = names.is_empty();
    });
    for (kind, reason) in removed {
        report.push(kind, None, None, reason);
    }
    if names_empty && let Ok(cat) = doc.get_dictionary_mut(root_id) {
        cat.remove(b"Names");
    }
}

/// The Info fields worth keeping (`Title`, `Subject`, `CreationDate`) whose text the judge finds
/// no personal data in, as fresh objects.
fn kept_info_fields(doc: &Document, judge: &dyn Judge) -> Vec<(&'static str, Object)> {
    let Some(info) = doc.trailer.get(b"Info").ok().and_then(|i| match i {
        Object::Reference(r) => doc.get_dictionary(*r).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }) else {
        return vec![];
    };
    let mut out = vec![];
    for key in ["Title", "Subject", "CreationDate"] {
        let Some(bytes) = info.get(key.as_bytes()).ok().and_then(|v| match v {
            Object::Reference(r) => doc.get_object(*r).ok().and_then(|o| o.as_str().ok()),
            v => v.as_str().ok(),
        }) else {
            continue;
        };
        let text = decode_text_bytes(bytes);
        let text = text.trim();
        if text.is_empty() || text.chars().any(|c| c.is_control()) {
            continue;
        }
        if judge.find(text).is_empty() {
            out.push((key, encode_text_string(text)));
        }
    }
    out
}

/// Removes `/Metadata`, `/PieceInfo`, `/Thumb`, `/AA` from every dictionary in the file,
/// nested direct dictionaries included.
fn global_keys(doc: &mut Document, report: &mut SanitizeReport) {
    fn strip(obj: &mut Object, hits: &mut Vec<usize>, depth: usize) {
        if depth > 64 {
            return;
        }
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            Object::Array(a) => {
                for item in a.iter_mut() {
                    strip(item, hits, depth + 1);
                }
                return;
            }
            _ => return,
        };
        for (i, (key, _, _)) in GLOBAL_KEYS.iter().enumerate() {
            if dict.remove(key).is_some() {
                hits.push(i);
            }
        }
        for (_, v) in dict.iter_mut() {
            strip(v, hits, depth + 1);
        }
    }
    let page_of: BTreeMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    for (id, obj) in doc.objects.iter_mut() {
        let mut hits = Vec::new();
        strip(obj, &mut hits, 0);
        for i in hits {
            let (_, kind, reason) = GLOBAL_KEYS[i];
            report.push(kind, page_of.get(id).copied(), Some(id.0), reason);
        }
    }
}

/// Judges every string; returns the first ground found, if any.
fn judge_strings<'a, I: IntoIterator<Item = &'a [u8]>>(
    judge: &dyn Judge,
    strings: I,
) -> Option<String> {
    for bytes in strings {
        let text = decode_text_bytes(bytes);
        if let Some(span) = judge.find(&text).into_iter().next() {
            return Some(span.ground);
        }
    }
    None
}

fn number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn numbers(doc: &Document, obj: &Object) -> Vec<f64> {
    let obj = match obj {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(obj),
        o => o,
    };
    match obj {
        Object::Array(a) => a.iter().filter_map(number).collect(),
        _ => Vec::new(),
    }
}

/// Why an annotation dictionary must go, or `None` to keep it.
fn annotation_verdict(
    doc: &Document,
    annot: &Dictionary,
    page: u32,
    judge: &dyn Judge,
    areas: &PageAreas,
) -> Option<String> {
    let subtype = annot
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    if ALWAYS_DROPPED.contains(&subtype) {
        return Some(format!(
            "{} annotation is never kept",
            String::from_utf8_lossy(subtype)
        ));
    }
    if annot.has(b"FT") || annot.has(b"V") {
        return Some("form field data".to_string());
    }
    let strings: Vec<&[u8]> = ANNOT_TEXT_KEYS
        .iter()
        .filter_map(|k| annot.get(k).ok())
        .filter_map(|o| match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            o => Some(o),
        })
        .filter_map(|o| match o {
            Object::String(s, _) => Some(s.as_slice()),
            _ => None,
        })
        .collect();
    if let Some(ground) = judge_strings(judge, strings) {
        return Some(format!("personal data in annotation text ({ground})"));
    }
    let rect = numbers(doc, annot.get(b"Rect").unwrap_or(&Object::Null));
    if rect.len() == 4 && areas.meets(page, &Rect::new(rect[0], rect[1], rect[2], rect[3])) {
        return Some("annotation rectangle meets a redaction area".to_string());
    }
    if rect.len() != 4 && subtype != b"Popup" {
        return Some("annotation without a readable /Rect cannot be placed".to_string());
    }
    let quads = numbers(doc, annot.get(b"QuadPoints").unwrap_or(&Object::Null));
    for q in quads.chunks_exact(8) {
        let xs = [q[0], q[2], q[4], q[6]];
        let ys = [q[1], q[3], q[5], q[7]];
        let r = Rect::new(
            xs.iter().copied().fold(f64::INFINITY, f64::min),
            ys.iter().copied().fold(f64::INFINITY, f64::min),
            xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        if areas.meets(page, &r) {
            return Some("annotation quads meet a redaction area".to_string());
        }
    }
    if let Ok(action) = annot.get(b"A") {
        let action = match action {
            Object::Reference(id) => doc.get_object(*id).unwrap_or(action),
            a => a,
        };
        if let Some(reason) = action_verdict(action, judge) {
            return Some(reason);
        }
    }
    if let Some(reason) = appearance_verdict(doc, annot, judge) {
        return Some(reason);
    }
    None
}

/// Why an action must go: only `/URI` with a clean target and in-document jumps are kept.
fn action_verdict(action: &Object, judge: &dyn Judge) -> Option<String> {
    let Ok(a) = action.as_dict() else {
        return Some("unreadable action".to_string());
    };
    if a.has(b"Next") {
        return Some("chained actions".to_string());
    }
    match a.get(b"S").and_then(Object::as_name).unwrap_or(b"") {
        b"URI" => {
            let uri = a.get(b"URI").and_then(Object::as_str).unwrap_or(b"");
            // `mailto:jan%40example.nl` is read as a reader's mail program reads it
            let decoded =
                crate::verify::judged::percent_decode(&String::from_utf8_lossy(uri)).into_bytes();
            judge_strings(judge, [uri, decoded.as_slice()])
                .map(|g| format!("personal data in link target ({g})"))
        }
        b"GoTo" => None,
        other => Some(format!("{} action", String::from_utf8_lossy(other))),
    }
}

/// Runs the judge over the strings drawn by an annotation's appearance streams.
fn appearance_verdict(doc: &Document, annot: &Dictionary, judge: &dyn Judge) -> Option<String> {
    let ap = match annot.get(b"AP").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let mut streams = Vec::new();
    for (_, v) in ap.iter() {
        let v = match v {
            Object::Reference(id) => doc.get_object(*id).ok()?,
            o => o,
        };
        match v {
            Object::Stream(s) => streams.push(s),
            Object::Dictionary(states) => {
                for (_, sv) in states.iter() {
                    if let Ok(Object::Stream(s)) =
                        sv.as_reference().and_then(|id| doc.get_object(id))
                    {
                        streams.push(s);
                    }
                }
            }
            _ => {}
        }
    }
    for s in streams {
        let Ok(data) = s.decompressed_content_with_limit(64 << 20) else {
            return Some("appearance stream cannot be read".to_string());
        };
        let toks = string_tokens(&data);
        let joined: Vec<u8> = toks.concat();
        let all = toks
            .iter()
            .map(Vec::as_slice)
            .chain(std::iter::once(joined.as_slice()));
        if let Some(g) = judge_strings(judge, all) {
            return Some(format!("personal data in annotation appearance ({g})"));
        }
    }
    None
}

/// Walks every page's `/Annots`, drops what must go, returns the ids of dropped indirect annotations.
fn annotations(
    doc: &mut Document,
    judge: &dyn Judge,
    areas: &PageAreas,
    report: &mut SanitizeReport,
) -> HashSet<ObjectId> {
    let mut dropped: HashSet<ObjectId> = HashSet::new();
    let pages = doc.get_pages();
    // First pass: verdicts.
    let mut per_page: Vec<(u32, ObjectId, Vec<bool>)> = Vec::new();
    let mut popup_parent: Vec<(u32, usize, Option<ObjectId>)> = Vec::new();
    for (&num, &page_id) in &pages {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let annots: Vec<Object> = match page.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(id)) => doc
                .get_object(*id)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default(),
            _ => continue,
        };
        let mut drop_flags = Vec::with_capacity(annots.len());
        for (i, entry) in annots.iter().enumerate() {
            let (id, dict) = match entry {
                Object::Reference(id) => (Some(*id), doc.get_dictionary(*id).ok()),
                Object::Dictionary(d) => (None, Some(d)),
                _ => (None, None),
            };
            let Some(dict) = dict else {
                drop_flags.push(true);
                continue;
            };
            let verdict = annotation_verdict(doc, dict, num, judge, areas);
            if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Popup") {
                popup_parent.push((
                    num,
                    i,
                    dict.get(b"Parent").and_then(Object::as_reference).ok(),
                ));
            }
            if let Some(reason) = verdict {
                report.push(
                    ActionKind::AnnotationRemoved,
                    Some(num),
                    id.map(|i| i.0),
                    &reason,
                );
                if let Some(id) = id {
                    dropped.insert(id);
                }
                drop_flags.push(true);
            } else {
                drop_flags.push(false);
            }
        }
        per_page.push((num, page_id, drop_flags));
    }
    // A popup whose parent is dropped (or missing) goes too.
    for (num, i, parent) in &popup_parent {
        let Some(flags) = per_page.iter_mut().find(|p| p.0 == *num).map(|p| &mut p.2) else {
            continue;
        };
        let parent_gone =
            parent.is_none_or(|p| dropped.contains(&p) || !doc.objects.contains_key(&p));
        if parent_gone && !flags.get(*i).copied().unwrap_or(true) {
            if let Some(f) = flags.get_mut(*i) {
                *f = true;
            }
            report.push(
                ActionKind::AnnotationRemoved,
                Some(*num),
                None,
                "popup of a removed annotation",
            );
        }
    }
    // Second pass: rewrite the arrays.
    for (_, page_id, flags) in per_page {
        let annots_obj = doc
            .get_dictionary(page_id)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .cloned();
        let (target, mut arr) = match annots_obj {
            Some(Object::Array(a)) => (None, a),
            Some(Object::Reference(id)) => match doc.get_object(id).and_then(Object::as_array) {
                Ok(a) => (Some(id), a.clone()),
                Err(_) => continue,
            },
            _ => continue,
        };
        let mut kept = Vec::new();
        for (entry, drop) in arr
            .drain(..)
            .zip(flags.iter().copied().chain(std::iter::repeat(true)))
        {
            if drop {
                if let Object::Reference(id) = entry {
                    dropped.insert(id);
                }
            } else {
                kept.push(entry);
            }
        }
        match (target, kept.is_empty()) {
            (_, true) => {
                if let Ok(p) = doc.get_dictionary_mut(page_id) {
                    p.remove(b"Annots");
                }
            }
            (Some(id), false) => {
                if let Some(o) = doc.objects.get_mut(&id) {
                    *o = Object::Array(kept);
                }
            }
            (None, false) => {
                if let Ok(p) = doc.get_dictionary_mut(page_id) {
                    p.set("Annots", Object::Array(kept));
                }
            }
        }
    }
    // Kept annotations must not point at dropped popups or parents.
    for (_, obj) in doc.objects.iter_mut() {
        if let Object::Dictionary(d) = obj {
            for key in [&b"Popup"[..], b"IRT", b"Parent"] {
                if let Ok(Object::Reference(r)) = d.get(key)
                    && dropped.contains(r)
                    && d.has(b"Subtype")
                {
                    d.remove(key);
                    if key == b"Popup" {
                        report.actions.push(SanitizeAction {
                            kind: ActionKind::PopupLinkRemoved,
                            page: None,
                            object: None,
                            reason: "link to a removed popup".to_string(),
                        });
                    }
                }
            }
        }
    }
    dropped
}

/// Replaces every span by `[ground]`; spans are clamped and widened to character boundaries.
pub fn apply_labels(text: &str, spans: &[Span]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = spans
        .iter()
        .map(|s| {
            let mut a = s.start.min(text.len());
            let mut b = s.end.min(text.len()).max(a);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            while !text.is_char_boundary(b) {
                b += 1;
            }
            (a, b, s.ground.as_str())
        })
        .filter(|(a, b, _)| a < b)
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut last_end = 0;
    for (a, b, ground) in spans {
        if a < last_end {
            // Overlap: extend the previous label's reach.
            last_end = last_end.max(b);
            pos = last_end;
            continue;
        }
        out.push_str(&text[pos..a]);
        out.push('[');
        out.push_str(ground);
        out.push(']');
        pos = b;
        last_end = b;
    }
    out.push_str(&text[pos.min(text.len())..]);
    out
}

/// Judges a string value; returns the rewritten text if the judge found something.
fn redact_string(judge: &dyn Judge, obj: &Object) -> Option<String> {
    let Object::String(bytes, _) = obj else {
        return None;
    };
    let text = decode_text_bytes(bytes);
    let spans = judge.find(&text);
    if spans.is_empty() {
        return None;
    }
    Some(apply_labels(&text, &spans))
}

/// Every item of the outline below `top` (itself included), each once, following `/First` and
/// `/Next` (cycles and depth are harmless: each object is visited once, at most a million).
pub(crate) fn outline_item_ids(doc: &Document, top: ObjectId) -> Vec<ObjectId> {
    let mut seen = HashSet::new();
    let mut stack = vec![top];
    let mut items = Vec::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) || seen.len() > 1_000_000 {
            continue;
        }
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        for key in [&b"First"[..], b"Next"] {
            if let Ok(next) = item.get(key)
                && let Some(n) = resolve_id(doc, next)
            {
                stack.push(n);
            }
        }
        items.push(id);
    }
    items
}

fn outline(
    doc: &mut Document,
    root_id: ObjectId,
    judge: &dyn Judge,
    opts: &SanitizeOptions,
    report: &mut SanitizeReport,
) {
    let Some(outlines) = doc
        .get_dictionary(root_id)
        .ok()
        .and_then(|c| c.get(b"Outlines").ok())
        .cloned()
    else {
        return;
    };
    if opts.drop_outline {
        if let Ok(cat) = doc.get_dictionary_mut(root_id) {
            cat.remove(b"Outlines");
            if cat.get(b"PageMode").and_then(Object::as_name).ok() == Some(b"UseOutlines") {
                cat.remove(b"PageMode");
            }
        }
        report.push(
            ActionKind::OutlineRemoved,
            None,
            None,
            "outline dropped by option",
        );
        return;
    }
    let Some(top) = resolve_id(doc, &outlines) else {
        return;
    };
    for id in outline_item_ids(doc, top) {
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        let new_title = item.get(b"Title").ok().and_then(|t| {
            let t = match t {
                Object::Reference(r) => doc.get_object(*r).ok()?,
                t => t,
            };
            redact_string(judge, t)
        });
        let bad_action = item.get(b"A").ok().and_then(|a| {
            let a = match a {
                Object::Reference(r) => doc.get_object(*r).ok()?,
                a => a,
            };
            action_verdict(a, judge)
        });
        let Ok(item) = doc.get_dictionary_mut(id) else {
            continue;
        };
        if let Some(t) = new_title {
            item.set("Title", encode_text_string(&t));
            report.push(
                ActionKind::OutlineTitleRedacted,
                None,
                Some(id.0),
                "personal data in bookmark title",
            );
        }
        if let Some(reason) = bad_action {
            item.remove(b"A");
            report.push(ActionKind::OutlineActionRemoved, None, Some(id.0), &reason);
        }
        if item.remove(b"SE").is_some() {
            report.push(
                ActionKind::OutlineActionRemoved,
                None,
                Some(id.0),
                "structure link of bookmark",
            );
        }
    }
}

fn struct_tree(
    doc: &mut Document,
    root_id: ObjectId,
    judge: &dyn Judge,
    opts: &SanitizeOptions,
    report: &mut SanitizeReport,
) {
    let Some(tree) = doc
        .get_dictionary(root_id)
        .ok()
        .and_then(|c| c.get(b"StructTreeRoot").ok())
        .cloned()
    else {
        return;
    };
    let Some(top) = resolve_id(doc, &tree) else {
        return;
    };
    let mut seen = HashSet::new();
    let mut stack: Vec<ObjectId> = vec![top];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(obj) = doc.objects.get_mut(&id) else {
            continue;
        };
        let mut kids = Vec::new();
        let mut changes = Vec::new();
        scrub_struct(obj, judge, opts, &mut kids, &mut changes, 0);
        for kind in changes {
            let reason = match kind {
                ActionKind::StructTextRemoved => "personal data in structure text, key removed",
                _ => "personal data in structure text (Alt/ActualText/E/T)",
            };
            report.push(kind, None, Some(id.0), reason);
        }
        stack.extend(kids);
    }
}

/// Scrubs one structure object (and its direct kids); collects indirect kids to visit.
fn scrub_struct(
    obj: &mut Object,
    judge: &dyn Judge,
    opts: &SanitizeOptions,
    kids: &mut Vec<ObjectId>,
    changes: &mut Vec<ActionKind>,
    depth: usize,
) {
    if depth > 256 {
        return;
    }
    match obj {
        Object::Reference(r) => kids.push(*r),
        Object::Array(a) => {
            for item in a.iter_mut() {
                scrub_struct(item, judge, opts, kids, changes, depth + 1);
            }
        }
        Object::Dictionary(d) => {
            for key in STRUCT_TEXT_KEYS {
                let new = d.get(key).ok().and_then(|v| redact_string(judge, v));
                if let Some(new) = new {
                    if opts.remove_struct_text {
                        d.remove(key);
                        changes.push(ActionKind::StructTextRemoved);
                    } else {
                        d.set(*key, encode_text_string(&new));
                        changes.push(ActionKind::StructTextRedacted);
                    }
                }
            }
            if let Ok(k) = d.get_mut(b"K") {
                scrub_struct(k, judge, opts, kids, changes, depth + 1);
            }
        }
        _ => {}
    }
}

fn optional_content_note(doc: &Document, root_id: ObjectId, report: &mut SanitizeReport) {
    let Ok(cat) = doc.get_dictionary(root_id) else {
        return;
    };
    let Ok(ocp) = cat.get(b"OCProperties") else {
        return;
    };
    let ocp = match ocp {
        Object::Reference(r) => doc.get_object(*r).unwrap_or(ocp),
        o => o,
    };
    let count = ocp
        .as_dict()
        .ok()
        .and_then(|d| d.get(b"OCGs").ok())
        .and_then(|o| o.as_array().ok())
        .map_or(0, Vec::len);
    report.notes.push(format!(
        "optional content present ({count} layers): hidden layers are redacted like visible ones, nothing is kept hidden"
    ));
}

/// Deletes objects and removes every reference to them (dictionary entries and array elements).
fn delete_objects(doc: &mut Document, ids: &HashSet<ObjectId>) {
    if ids.is_empty() {
        return;
    }
    for id in ids {
        doc.objects.remove(id);
    }
    fn scrub(obj: &mut Object, ids: &HashSet<ObjectId>, depth: usize) {
        if depth > 256 {
            return;
        }
        match obj {
            Object::Array(a) => {
                a.retain(|o| !matches!(o, Object::Reference(r) if ids.contains(r)));
                for o in a.iter_mut() {
                    scrub(o, ids, depth + 1);
                }
            }
            Object::Dictionary(d) => scrub_dict(d, ids, depth),
            Object::Stream(s) => scrub_dict(&mut s.dict, ids, depth),
            _ => {}
        }
    }
    fn scrub_dict(d: &mut Dictionary, ids: &HashSet<ObjectId>, depth: usize) {
        let dead: Vec<Vec<u8>> = d
            .iter()
            .filter(|(_, v)| matches!(v, Object::Reference(r) if ids.contains(r)))
            .map(|(k, _)| k.clone())
            .collect();
        for k in dead {
            d.remove(&k);
        }
        for (_, v) in d.iter_mut() {
            scrub(v, ids, depth + 1);
        }
    }
    for obj in doc.objects.values_mut() {
        scrub(obj, ids, 0);
    }
    // A structure element whose only content was a removed annotation (OBJR) now has an empty
    // OBJR dictionary: harmless, kept so the tree keeps its shape.
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_replace_spans() {
        let sp = |start, end| Span {
            start,
            end,
            ground: "5.1, 2, e".into(),
        };
        let cases: Vec<(&str, Vec<Span>, &str)> = vec![
            (
                "Overleg met Jan Smit",
                vec![sp(12, 20)],
                "Overleg met [5.1, 2, e]",
            ),
            (
                "Jan en Piet",
                vec![sp(0, 3), sp(7, 11)],
                "[5.1, 2, e] en [5.1, 2, e]",
            ),
            ("Jan Smit", vec![sp(0, 5), sp(4, 8)], "[5.1, 2, e]"),
            ("Gönül", vec![sp(0, 2)], "[5.1, 2, e]nül"),
            ("abc", vec![sp(2, 99)], "ab[5.1, 2, e]"),
            ("abc", vec![], "abc"),
        ];
        for (text, spans, want) in cases {
            assert_eq!(apply_labels(text, &spans), want, "{text}");
        }
    }

    #[test]
    fn areas_meet_touching_rectangles() {
        let mut a = PageAreas::new();
        a.add(1, Rect::new(100.0, 100.0, 200.0, 120.0));
        assert!(a.meets(1, &Rect::new(150.0, 110.0, 300.0, 300.0)));
        assert!(a.meets(1, &Rect::new(200.0, 120.0, 300.0, 300.0)));
        assert!(!a.meets(1, &Rect::new(201.0, 100.0, 300.0, 300.0)));
        assert!(!a.meets(2, &Rect::new(150.0, 110.0, 300.0, 300.0)));
    }
}
