//! Repairs made right after loading so that every stage reads a file the way qpdf and poppler read it: stream data recovered to `endstream`, indirect filters resolved, a broken xref caught, a page tree without loops, Form XObjects that cannot draw each other forever.
//!
//! Every walk here is iterative with a visited set or a depth limit: a hostile or damaged file
//! must not be able to overflow the stack of any later stage (ours, lopdf's or pdf-extract's).

use super::content::decode_ops;
use super::error::PdfError;
use super::load::Limits;
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{HashMap, HashSet};

/// Deepest chain of Form XObjects (each drawing the next) a file may have. The interpreter reads
/// 24 levels (deeper text makes the page flagged); independent extractors used for verification
/// recurse once per level, so a deeper chain is refused outright.
pub const MAX_FORM_CHAIN: usize = 64;
/// Deepest page tree followed.
const MAX_TREE_DEPTH: usize = 256;
/// Attributes a page inherits from its ancestors in the page tree.
const INHERITABLE: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// Replaces indirect `/Filter` and `/DecodeParms` values (and indirect elements of their arrays)
/// by the objects they point at, as qpdf and poppler read them; lopdf would otherwise not decode
/// such a stream. Returns how many streams changed.
pub fn resolve_indirect_filters(doc: &mut Document) -> usize {
    let mut fixes: Vec<(ObjectId, &'static [u8], Object)> = Vec::new();
    for (id, obj) in &doc.objects {
        let Object::Stream(s) = obj else { continue };
        for key in [&b"Filter"[..], b"DecodeParms"] {
            let key: &'static [u8] = if key == b"Filter" {
                b"Filter"
            } else {
                b"DecodeParms"
            };
            let Ok(v) = s.dict.get(key) else { continue };
            let fixed = match v {
                Object::Reference(_) => Some(deref(doc, v).clone()),
                Object::Array(items) if items.iter().any(|i| matches!(i, Object::Reference(_))) => {
                    Some(Object::Array(
                        items.iter().map(|i| deref(doc, i).clone()).collect(),
                    ))
                }
                _ => None,
            };
            if let Some(fixed) = fixed {
                fixes.push((*id, key, fixed));
            }
        }
    }
    let mut changed = HashSet::new();
    for (id, key, value) in fixes {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.set(key, value);
            changed.insert(id);
        }
    }
    changed.len()
}

/// Position of `needle` in `hay` at or after `from`.
fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)
        .and_then(|h| memchr::memmem::find(h, needle))
        .map(|p| p + from)
}

/// For every stream whose data lopdf located but did not read up to `endstream` (a missing
/// `/Length`, or one it could not use), reads the data up to `endstream` the way poppler and qpdf
/// recover it. Returns a warning per recovered stream.
///
/// `file` is the whole file; lopdf's stream positions count from its `%PDF-` header.
pub fn recover_stream_lengths(doc: &mut Document, file: &[u8]) -> Result<Vec<String>, PdfError> {
    let base = file.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let buf = &file[base..];
    let encrypted = doc.encryption_state.is_some();
    let mut warnings = Vec::new();
    let mut fixes: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    for (id, obj) in &doc.objects {
        let Object::Stream(s) = obj else { continue };
        let Some(start) = s.start_position else {
            continue;
        };
        if start > buf.len() {
            continue;
        }
        let data = &buf[start..];
        if !encrypted && data.starts_with(&s.content) {
            let rest = &data[s.content.len()..];
            let rest = rest.trim_ascii_start();
            if rest.starts_with(b"endstream") {
                continue;
            }
        }
        let Some(end) = find_from(buf, start, b"endstream") else {
            continue;
        };
        let mut raw = &buf[start..end];
        if raw.ends_with(b"\r\n") {
            raw = &raw[..raw.len() - 2];
        } else if raw.ends_with(b"\n") || raw.ends_with(b"\r") {
            raw = &raw[..raw.len() - 1];
        }
        if encrypted {
            if s.content.is_empty() && !raw.is_empty() {
                return Err(PdfError::Damaged(format!(
                    "stream {} {} R of this encrypted file has no usable /Length: it cannot be read",
                    id.0, id.1
                )));
            }
            continue;
        }
        if raw != s.content.as_slice() {
            fixes.push((*id, raw.to_vec()));
        }
    }
    for (id, data) in fixes {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            warnings.push(format!(
                "stream {} {} R had a missing or wrong /Length ({} bytes read); read up to `endstream` ({} bytes), as qpdf and poppler do",
                id.0,
                id.1,
                s.content.len(),
                data.len()
            ));
            s.set_content(data);
        }
    }
    Ok(warnings)
}

/// Object numbers whose cross-reference entry points at bytes that are not that object's header
/// (`N G obj`): a broken xref section. qpdf notices this and rebuilds the table.
pub fn misplaced_xref_entries(doc: &Document, file: &[u8]) -> Vec<u32> {
    let base = file.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let buf = &file[base..];
    let mut bad = Vec::new();
    for (&number, entry) in &doc.reference_table.entries {
        let XrefEntry::Normal { offset, generation } = *entry else {
            continue;
        };
        let Some(at) = buf.get(offset as usize..) else {
            bad.push(number);
            continue;
        };
        if object_header(at.trim_ascii_start()) != Some((number, generation)) {
            bad.push(number);
        }
    }
    bad
}

/// Parses `N G obj` at the start of `input`.
fn object_header(input: &[u8]) -> Option<ObjectId> {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let n = digits(input);
    if n == 0 || n > 10 {
        return None;
    }
    let number: u32 = std::str::from_utf8(&input[..n]).ok()?.parse().ok()?;
    let rest = &input[n..];
    let sp = rest.len() - rest.trim_ascii_start().len();
    if sp == 0 {
        return None;
    }
    let rest = &rest[sp..];
    let g = digits(rest);
    if g == 0 || g > 5 {
        return None;
    }
    let generation: u16 = std::str::from_utf8(&rest[..g]).ok()?.parse().ok()?;
    let rest = rest[g..].trim_ascii_start();
    rest.starts_with(b"obj").then_some((number, generation))
}

/// The pages of a document in order, read from the page tree like qpdf reads it: a node met
/// again (a loop in /Kids) is skipped, a page listed twice becomes a copy, a wrong /Parent is
/// corrected. When anything had to be repaired, the tree is rebuilt flat (inherited attributes
/// copied into each page) so that no later reader meets the loop. Returns the pages and what
/// was repaired.
pub fn page_tree(doc: &mut Document) -> Result<(Vec<ObjectId>, Vec<String>), PdfError> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|o| o.as_reference().ok())
        .ok_or_else(|| PdfError::Damaged("the catalog has no page tree (/Pages)".into()))?;
    let mut warnings = Vec::new();
    let mut needs_rebuild = false;
    // Attributes inherited at a node of the tree.
    type Inherited = Vec<(&'static [u8], Object)>;
    // (page id, inherited attributes)
    let mut leaves: Vec<(ObjectId, Inherited)> = Vec::new();
    let mut visited_nodes: HashSet<ObjectId> = HashSet::new();
    // Each stack entry: node id, its kids, next kid index, inherited attributes at this node.
    let mut stack: Vec<(ObjectId, Vec<Object>, usize, Inherited)> = Vec::new();
    let node_attrs = |doc: &Document, id: ObjectId, parent: &Inherited| -> Inherited {
        let mut out = parent.clone();
        if let Ok(d) = doc.get_dictionary(id) {
            for key in INHERITABLE {
                if let Ok(v) = d.get(key) {
                    out.retain(|(k, _)| *k != key);
                    out.push((key, v.clone()));
                }
            }
        }
        out
    };
    let kids_of = |doc: &Document, id: ObjectId| -> Vec<Object> {
        doc.get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"Kids").ok())
            .map(|k| deref(doc, k))
            .and_then(|k| k.as_array().ok())
            .cloned()
            .unwrap_or_default()
    };
    visited_nodes.insert(root);
    stack.push((
        root,
        kids_of(doc, root),
        0,
        node_attrs(doc, root, &Vec::new()),
    ));
    let mut steps = 0usize;
    let max_steps = doc.objects.len().saturating_mul(2) + 16;
    while let Some(top) = stack.last_mut() {
        steps += 1;
        if steps > max_steps {
            return Err(PdfError::Damaged("the page tree does not end".into()));
        }
        let (node, kids, next, attrs) = (top.0, &top.1, top.2, top.3.clone());
        let Some(kid) = kids.get(next).cloned() else {
            stack.pop();
            continue;
        };
        top.2 += 1;
        let Ok(kid_id) = kid.as_reference() else {
            warnings.push("a page tree entry is not a reference: skipped".into());
            needs_rebuild = true;
            continue;
        };
        let Ok(dict) = doc.get_dictionary(kid_id) else {
            warnings.push(format!(
                "page tree entry {} {} R is missing or not a dictionary: skipped",
                kid_id.0, kid_id.1
            ));
            needs_rebuild = true;
            continue;
        };
        let is_node = match dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) {
            Some(b"Pages") => true,
            Some(b"Page") => false,
            _ => dict.has(b"Kids"),
        };
        let parent_ok = dict.get(b"Parent").ok().and_then(|p| p.as_reference().ok()) == Some(node);
        if !parent_ok {
            needs_rebuild = true;
        }
        if is_node {
            if !visited_nodes.insert(kid_id) {
                warnings.push(format!(
                    "loop in the page tree at {} {} R: the repeated branch is skipped (as qpdf does)",
                    kid_id.0, kid_id.1
                ));
                needs_rebuild = true;
                continue;
            }
            if stack.len() >= MAX_TREE_DEPTH {
                return Err(PdfError::Damaged(format!(
                    "the page tree is nested deeper than {MAX_TREE_DEPTH}"
                )));
            }
            let a = node_attrs(doc, kid_id, &attrs);
            let k = kids_of(doc, kid_id);
            stack.push((kid_id, k, 0, a));
        } else {
            leaves.push((kid_id, attrs));
        }
    }
    let mut seen_pages = HashSet::new();
    let mut pages = Vec::with_capacity(leaves.len());
    for (id, _) in &leaves {
        if !seen_pages.insert(*id) {
            needs_rebuild = true;
        }
        pages.push(*id);
    }
    if !needs_rebuild {
        return Ok((pages, warnings));
    }
    // Rebuild flat: every page under the root, inherited attributes copied in, duplicates copied.
    let mut seen_pages = HashSet::new();
    let mut new_pages = Vec::with_capacity(leaves.len());
    for (id, attrs) in leaves {
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        let mut dict = dict.clone();
        for (key, value) in attrs {
            if !dict.has(key) {
                dict.set(key, value);
            }
        }
        dict.set("Parent", Object::Reference(root));
        let page_id = if seen_pages.insert(id) {
            if let Ok(d) = doc.get_dictionary_mut(id) {
                *d = dict;
            }
            id
        } else {
            warnings.push(format!(
                "page {} {} R is listed twice in the page tree: the second is a copy (as qpdf does)",
                id.0, id.1
            ));
            doc.add_object(Object::Dictionary(dict))
        };
        new_pages.push(page_id);
    }
    if let Ok(root_dict) = doc.get_dictionary_mut(root) {
        root_dict.set(
            "Kids",
            Object::Array(new_pages.iter().map(|p| Object::Reference(*p)).collect()),
        );
        root_dict.set("Count", Object::Integer(new_pages.len() as i64));
        root_dict.set("Type", Object::Name(b"Pages".to_vec()));
        root_dict.remove(b"Parent");
    }
    warnings.push("the page tree was damaged and was rebuilt flat".into());
    Ok((new_pages, warnings))
}

/// Where a resource dictionary lives, so that a walk can tell two uses of a form apart.
#[derive(Clone)]
struct Res {
    /// The object holding the dictionary (itself when indirect).
    key: ObjectId,
    dict: Option<Dictionary>,
}

fn resources_of(doc: &Document, holder: ObjectId, dict: &Dictionary) -> Option<Res> {
    let r = dict.get(b"Resources").ok()?;
    let (id, o) = doc.dereference(r).ok()?;
    // Resources that are not a dictionary count as absent: the caller's are used (as the
    // interpreter does).
    Some(Res {
        key: id.unwrap_or(holder),
        dict: Some(o.as_dict().ok()?.clone()),
    })
}

/// The Form XObjects a form's content draws: (resource name, form id).
fn drawn_forms(
    doc: &Document,
    form: &Stream,
    res: &Res,
    limits: &Limits,
) -> Vec<(Vec<u8>, ObjectId)> {
    let Some(xobjects) = res
        .dict
        .as_ref()
        .and_then(|d| d.get(b"XObject").ok())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return Vec::new();
    };
    let Ok(data) = form.decompressed_content_with_limit(limits.max_page_content_bytes) else {
        return Vec::new();
    };
    if memchr::memmem::find(&data, b"Do").is_none() {
        return Vec::new();
    }
    let Ok(ops) = decode_ops(&data) else {
        return Vec::new();
    };
    let mut out: Vec<(Vec<u8>, ObjectId)> = Vec::new();
    for op in ops.iter().filter(|o| o.operator == "Do") {
        let Some(Object::Name(name)) = op.operands.first() else {
            continue;
        };
        let Some(id) = xobjects.get(name).ok().and_then(|o| o.as_reference().ok()) else {
            continue;
        };
        if is_form(doc, id) && !out.iter().any(|(n, _)| n == name) {
            out.push((name.clone(), id));
        }
    }
    out
}

fn is_form(doc: &Document, id: ObjectId) -> bool {
    doc.get_object(id)
        .ok()
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| s.dict.get(b"Subtype").ok())
        .and_then(|s| s.as_name().ok())
        == Some(b"Form")
}

/// Finds Form XObjects that draw themselves (directly or through others) and cuts each such
/// loop where it closes: the form that draws an ancestor gets its own copy of its resources in
/// which that name points at an empty form. Every reader (ours, the independent extractor used
/// for verification, viewers) then draws the loop once, as our interpreter reads it, instead of
/// recursing until a stack or a depth limit gives out. A chain of forms deeper than
/// [`MAX_FORM_CHAIN`] is refused. Returns a warning per cut.
pub fn cut_form_cycles(
    doc: &mut Document,
    pages: &[ObjectId],
    limits: &Limits,
) -> Result<Vec<String>, PdfError> {
    // (form id, resource key) -> finished without finding more work
    let mut done: HashSet<(ObjectId, ObjectId)> = HashSet::new();
    // cuts: form id -> (its resources, names to cut)
    let mut cuts: HashMap<ObjectId, (Res, Vec<Vec<u8>>)> = HashMap::new();
    for &page_id in pages {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let Some(res) = resources_of(doc, page_id, page) else {
            continue;
        };
        // The page may draw any form its resources list.
        let starts: Vec<ObjectId> = res
            .dict
            .as_ref()
            .and_then(|d| d.get(b"XObject").ok())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .map(|x| {
                x.iter()
                    .filter_map(|(_, v)| v.as_reference().ok())
                    .filter(|id| is_form(doc, *id))
                    .collect()
            })
            .unwrap_or_default();
        for start in starts {
            // Stack of (form, its resources, the forms it draws, next index).
            type Frame = (ObjectId, Res, Vec<(Vec<u8>, ObjectId)>, usize);
            let mut stack: Vec<Frame> = Vec::new();
            let push = |doc: &Document, id: ObjectId, inherited: &Res| -> Option<Frame> {
                let s = doc.get_object(id).ok()?.as_stream().ok()?;
                let r = resources_of(doc, id, &s.dict).unwrap_or_else(|| inherited.clone());
                let drawn = drawn_forms(doc, s, &r, limits);
                Some((id, r, drawn, 0))
            };
            let start_key = doc
                .get_object(start)
                .ok()
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| resources_of(doc, start, &s.dict))
                .map_or(res.key, |r| r.key);
            if done.contains(&(start, start_key)) {
                continue;
            }
            if let Some(f) = push(doc, start, &res) {
                stack.push(f);
            }
            while let Some(top) = stack.last_mut() {
                let Some((name, child)) = top.2.get(top.3).cloned() else {
                    let (id, r, _, _) = stack.pop().expect("non-empty");
                    done.insert((id, r.key));
                    continue;
                };
                top.3 += 1;
                let (parent_id, parent_res) = (top.0, top.1.clone());
                if stack.iter().any(|f| f.0 == child) {
                    let entry = cuts
                        .entry(parent_id)
                        .or_insert_with(|| (parent_res.clone(), Vec::new()));
                    if !entry.1.contains(&name) {
                        entry.1.push(name);
                    }
                    continue;
                }
                let child_res_key = doc
                    .get_object(child)
                    .ok()
                    .and_then(|o| o.as_stream().ok())
                    .and_then(|s| resources_of(doc, child, &s.dict))
                    .map_or(parent_res.key, |r| r.key);
                if done.contains(&(child, child_res_key)) {
                    continue;
                }
                if stack.len() >= MAX_FORM_CHAIN {
                    return Err(PdfError::Limit(format!(
                        "Form XObjects are nested more than {MAX_FORM_CHAIN} deep: the file cannot be read and verified safely"
                    )));
                }
                if let Some(f) = push(doc, child, &parent_res) {
                    stack.push(f);
                }
            }
        }
    }
    if cuts.is_empty() {
        return Ok(Vec::new());
    }
    let mut empty = Dictionary::new();
    empty.set("Type", Object::Name(b"XObject".to_vec()));
    empty.set("Subtype", Object::Name(b"Form".to_vec()));
    empty.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    let empty_id = doc.add_object(Stream::new(empty, Vec::new()));
    let mut warnings = Vec::new();
    let mut cuts: Vec<_> = cuts.into_iter().collect();
    cuts.sort_by_key(|c| c.0);
    for (form_id, (res, names)) in cuts {
        let mut dict = res.dict.unwrap_or_default();
        let mut xobjects = dict
            .get(b"XObject")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .cloned()
            .unwrap_or_default();
        for name in &names {
            xobjects.set(name.clone(), Object::Reference(empty_id));
            warnings.push(format!(
                "Form XObject {} {} R draws itself through /{} (a loop): the loop is drawn once, as it is read",
                form_id.0,
                form_id.1,
                String::from_utf8_lossy(name)
            ));
        }
        dict.set("XObject", Object::Dictionary(xobjects));
        if let Ok(Object::Stream(s)) = doc.get_object_mut(form_id) {
            s.dict.set("Resources", Object::Dictionary(dict));
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_headers_are_read_strictly() {
        assert_eq!(object_header(b"12 0 obj\n<<"), Some((12, 0)));
        assert_eq!(object_header(b"12 0obj"), Some((12, 0)));
        assert_eq!(object_header(b"12 obj"), None);
        assert_eq!(object_header(b"xref"), None);
    }
}
