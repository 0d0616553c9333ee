//! Rebuild, don't patch: the published file keeps only what shows and uses the pages; every key not known to be needed goes, and every kept string is judged.
//!
//! Runs at the end of [`crate::redact::sanitize::sanitize`], after the content rewrite, so that
//! whatever it keeps has already been redacted. What is kept (everything else is dropped,
//! private and unknown keys included, also when they came from an object stream):
//! - catalog: `Type`, `Pages`, `Outlines`, `StructTreeRoot`, `MarkInfo`, `Lang` (a language
//!   tag), `PageLayout`, `PageMode`, `ViewerPreferences` (without strings), `Version`,
//!   `PageLabels` (numbering style and start; a prefix only when the judge finds nothing in it),
//!   `OCProperties` (groups and their visibility; a group name the judge objects to becomes
//!   `Laag N`). Named destinations (`/Dests`, `/Names /Dests`) are resolved into the links and
//!   bookmarks that use them, then dropped with the rest of `/Names`.
//! - page-tree nodes: `Type`, `Kids`, `Count`, `Parent` and the inheritable `Resources`,
//!   `MediaBox`, `CropBox`, `Rotate`; pages also `Contents`, `BleedBox`, `TrimBox`, `ArtBox`,
//!   `Annots`, `Group`, `UserUnit`, `StructParents`, `Tabs` (no beads, no separation info, no
//!   associated files, no private keys).
//! - annotations: only links, with their rectangle, border, colour, highlight, quads, flags and
//!   a `/URI` or explicit in-document target (visible annotations were flattened into the page
//!   at load, see [`crate::redact::flatten`]).
//! - bookmarks: title, tree links, colour, style, and an explicit target.
//! - resources: only the entries the content that uses them names (fonts, images, forms,
//!   graphics states, colour spaces, patterns, shadings, properties), recursively through
//!   forms, patterns, soft masks and Type3 fonts: a form no content draws is gone.
//! - embedded fonts get neutral names (`/ABCDEF+KarinJansen` becomes `/WooRedactFont1`).
//! - structure elements: strings in attributes (`/A`, user properties) and element ids go.
//!
//! Finally every string left anywhere outside content streams is judged; a hit is replaced by
//! its label, and every stream is written with our own filters: data behind text filters
//! (ASCII85, ASCIIHex, LZW, RunLength, Flate with predictors) is decoded as we read it and
//! written as plain Flate, so another reader cannot decode it differently (an out-of-range
//! ASCII85 group); image filters (DCT, JPX, JBIG2, CCITT) stay, with the text filters before
//! them removed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::sanitize::{ActionKind, Judge, SanitizeReport, apply_labels};
use crate::verify::pdfstrings::{decode_text_bytes, encode_text_string};

const CATALOG_KEEP: &[&[u8]] = &[
    b"Type",
    b"Pages",
    b"Outlines",
    b"StructTreeRoot",
    b"MarkInfo",
    b"Lang",
    b"PageLayout",
    b"PageMode",
    b"ViewerPreferences",
    b"Version",
    b"PageLabels",
    b"OCProperties",
];
const NODE_KEEP: &[&[u8]] = &[
    b"Type",
    b"Kids",
    b"Count",
    b"Parent",
    b"Resources",
    b"MediaBox",
    b"CropBox",
    b"Rotate",
];
const PAGE_KEEP: &[&[u8]] = &[
    b"Type",
    b"Parent",
    b"Resources",
    b"Contents",
    b"MediaBox",
    b"CropBox",
    b"BleedBox",
    b"TrimBox",
    b"ArtBox",
    b"Rotate",
    b"Annots",
    b"Group",
    b"UserUnit",
    b"StructParents",
    b"Tabs",
];
const LINK_KEEP: &[&[u8]] = &[
    b"Type",
    b"Subtype",
    b"Rect",
    b"Border",
    b"BS",
    b"C",
    b"H",
    b"QuadPoints",
    b"F",
    b"A",
    b"Dest",
    b"StructParent",
    b"P",
];
const OUTLINE_KEEP: &[&[u8]] = &[
    b"Title", b"Parent", b"Prev", b"Next", b"First", b"Last", b"Count", b"Dest", b"A", b"C", b"F",
];
const RESOURCE_KINDS: &[&[u8]] = &[
    b"Font",
    b"XObject",
    b"ExtGState",
    b"ColorSpace",
    b"Pattern",
    b"Shading",
    b"Properties",
];
/// Bound on nesting walked (forms in forms, trees).
const MAX_DEPTH: usize = 64;

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn keep_only(d: &mut Dictionary, keep: &[&[u8]]) -> Vec<String> {
    let gone: Vec<Vec<u8>> = d
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| !keep.contains(&k.as_slice()))
        .collect();
    for k in &gone {
        d.remove(k);
    }
    gone.iter()
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .collect()
}

/// A BCP 47 language tag as PDFs use it (`nl-NL`): short, letters, digits and hyphens, and no
/// private-use part (`x-...`), which can hold anything.
fn is_language_tag(lang: &[u8]) -> bool {
    lang.len() <= 16
        && lang.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && !lang
            .split(|b| *b == b'-')
            .any(|part| part.eq_ignore_ascii_case(b"x"))
}

/// Rebuilds `doc` from what is needed; see the module documentation.
pub fn rebuild(
    doc: &mut Document,
    root_id: ObjectId,
    judge: &dyn Judge,
    report: &mut SanitizeReport,
) {
    let dests = named_destinations(doc, root_id);
    catalog(doc, root_id, judge, report);
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    page_tree(doc, &pages, report);
    links(doc, &pages, &dests, report);
    outline_items(doc, root_id, &dests);
    resources(doc, &pages, report);
    font_names(doc, report);
    colorant_names(doc, judge, report);
    struct_attributes(doc, root_id, report);
    judge_all_strings(doc, judge, report);
    content_operators(doc, &pages, report);
    normalise_streams(doc, report);
    let scrubbed = super::payloads::scrub_payloads(doc);
    if scrubbed.total() > 0 {
        report.notes.push(format!(
            "payload text removed: {} image dictionaries, {} JPEG segments, {} ICC profiles, {} font name tables, {} CMaps",
            scrubbed.image_keys,
            scrubbed.jpeg_segments,
            scrubbed.icc_profiles,
            scrubbed.font_names,
            scrubbed.cmaps
        ));
    }
}

/// Name -> explicit destination array, from `/Dests` and the `/Names /Dests` tree.
fn named_destinations(doc: &Document, root_id: ObjectId) -> HashMap<Vec<u8>, Object> {
    let mut out = HashMap::new();
    let Ok(cat) = doc.get_dictionary(root_id) else {
        return out;
    };
    let explicit = |o: &Object| -> Option<Object> {
        match deref(doc, o) {
            Object::Array(a) => Some(Object::Array(a.clone())),
            Object::Dictionary(d) => d.get(b"D").ok().map(|x| deref(doc, x).clone()),
            _ => None,
        }
    };
    if let Ok(Object::Dictionary(d)) = cat.get(b"Dests").map(|o| deref(doc, o)) {
        for (k, v) in d.iter() {
            if let Some(e) = explicit(v) {
                out.insert(k.clone(), e);
            }
        }
    }
    if let Ok(Object::Dictionary(names)) = cat.get(b"Names").map(|o| deref(doc, o))
        && let Ok(tree) = names.get(b"Dests")
    {
        let mut stack = vec![(deref(doc, tree), 0usize)];
        let mut steps = 0;
        while let Some((node, depth)) = stack.pop() {
            steps += 1;
            if depth > MAX_DEPTH || steps > 100_000 {
                break;
            }
            let Object::Dictionary(n) = node else {
                continue;
            };
            if let Ok(Object::Array(pairs)) = n.get(b"Names").map(|o| deref(doc, o)) {
                for pair in pairs.chunks_exact(2) {
                    if let (Object::String(k, _), Some(e)) =
                        (deref(doc, &pair[0]), explicit(&pair[1]))
                    {
                        out.insert(k.clone(), e);
                    }
                }
            }
            if let Ok(Object::Array(kids)) = n.get(b"Kids").map(|o| deref(doc, o)) {
                stack.extend(kids.iter().map(|k| (deref(doc, k), depth + 1)));
            }
        }
    }
    out
}

/// A destination as an explicit array, resolving a name; None when it cannot be resolved.
fn resolve_dest(doc: &Document, dest: &Object, dests: &HashMap<Vec<u8>, Object>) -> Option<Object> {
    match deref(doc, dest) {
        Object::Array(a) if !a.is_empty() => {
            // Remote-style arrays start with a page reference or number; keep only those.
            matches!(a[0], Object::Reference(_) | Object::Integer(_))
                .then(|| Object::Array(a.clone()))
        }
        Object::String(s, _) => dests.get(s).cloned(),
        Object::Name(n) => dests.get(n).cloned(),
        _ => None,
    }
}

fn catalog(doc: &mut Document, root_id: ObjectId, judge: &dyn Judge, report: &mut SanitizeReport) {
    let labels = page_labels(doc, root_id, judge);
    let oc = optional_content(doc, root_id);
    let renamed = ocg_names(doc, judge);
    if renamed > 0 {
        report.push(
            ActionKind::CatalogEntryRemoved,
            None,
            None,
            &format!("{renamed} layer name(s) held personal data: renamed"),
        );
    }
    let Ok(cat) = doc.get_dictionary_mut(root_id) else {
        return;
    };
    for key in keep_only(cat, CATALOG_KEEP) {
        report.push(
            ActionKind::CatalogEntryRemoved,
            None,
            Some(root_id.0),
            &format!("catalog entry /{key} is not needed to show the pages"),
        );
    }
    if let Ok(Object::String(lang, _)) = cat.get(b"Lang") {
        let ok = lang.len() <= 35 && lang.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-');
        if !ok {
            cat.remove(b"Lang");
        }
    }
    if let Ok(Object::Dictionary(vp)) = cat.get_mut(b"ViewerPreferences") {
        let strings: Vec<Vec<u8>> = vp
            .iter()
            .filter(|(_, v)| {
                !matches!(v, Object::Name(_) | Object::Boolean(_) | Object::Integer(_))
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in strings {
            vp.remove(&k);
        }
    } else if cat.has(b"ViewerPreferences") {
        cat.remove(b"ViewerPreferences");
    }
    match labels {
        Some(l) => cat.set("PageLabels", l),
        None => {
            cat.remove(b"PageLabels");
        }
    }
    match oc {
        Some(o) => cat.set("OCProperties", o),
        None => {
            cat.remove(b"OCProperties");
        }
    }
}

/// The page labels rebuilt as one flat number tree of fresh dictionaries.
fn page_labels(doc: &Document, root_id: ObjectId, judge: &dyn Judge) -> Option<Object> {
    let cat = doc.get_dictionary(root_id).ok()?;
    let tree = deref(doc, cat.get(b"PageLabels").ok()?);
    let mut nums = Vec::new();
    let mut stack = vec![(tree, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH || nums.len() > 200_000 {
            break;
        }
        let Object::Dictionary(n) = node else {
            continue;
        };
        if let Ok(Object::Array(pairs)) = n.get(b"Nums").map(|o| deref(doc, o)) {
            for pair in pairs.chunks_exact(2) {
                let (Object::Integer(at), Object::Dictionary(l)) =
                    (deref(doc, &pair[0]), deref(doc, &pair[1]))
                else {
                    continue;
                };
                let mut fresh = Dictionary::new();
                if let Ok(Object::Name(s)) = l.get(b"S") {
                    fresh.set("S", Object::Name(s.clone()));
                }
                if let Ok(Object::Integer(st)) = l.get(b"St") {
                    fresh.set("St", Object::Integer(*st));
                }
                if let Ok(Object::String(p, _)) = l.get(b"P").map(|o| deref(doc, o)) {
                    let text = decode_text_bytes(p);
                    if judge.find(&text).is_empty() && !text.chars().any(char::is_control) {
                        fresh.set("P", encode_text_string(&text));
                    }
                }
                nums.push((*at, fresh));
            }
        }
        if let Ok(Object::Array(kids)) = n.get(b"Kids").map(|o| deref(doc, o)) {
            stack.extend(kids.iter().map(|k| (deref(doc, k), depth + 1)));
        }
    }
    if nums.is_empty() {
        return None;
    }
    nums.sort_by_key(|(at, _)| *at);
    nums.dedup_by_key(|(at, _)| *at);
    let arr = nums
        .into_iter()
        .flat_map(|(at, d)| [Object::Integer(at), Object::Dictionary(d)])
        .collect();
    let mut root = Dictionary::new();
    root.set("Nums", Object::Array(arr));
    Some(Object::Dictionary(root))
}

/// Optional content rebuilt: the groups (judged names), their default visibility and order.
fn optional_content(doc: &Document, root_id: ObjectId) -> Option<Object> {
    let cat = doc.get_dictionary(root_id).ok()?;
    let Object::Dictionary(oc) = deref(doc, cat.get(b"OCProperties").ok()?) else {
        return None;
    };
    let Object::Array(groups) = deref(doc, oc.get(b"OCGs").ok()?) else {
        return None;
    };
    let mut fresh = Dictionary::new();
    fresh.set("OCGs", Object::Array(groups.clone()));
    if let Ok(Object::Dictionary(d)) = oc.get(b"D").map(|o| deref(doc, o)) {
        let mut dd = Dictionary::new();
        for key in [
            &b"BaseState"[..],
            b"ON",
            b"OFF",
            b"Order",
            b"RBGroups",
            b"Locked",
        ] {
            if let Ok(v) = d.get(key) {
                dd.set(key.to_vec(), deref(doc, v).clone());
            }
        }
        fresh.set("D", Object::Dictionary(dd));
    }
    Some(Object::Dictionary(fresh))
}

fn page_tree(doc: &mut Document, pages: &[(u32, ObjectId)], report: &mut SanitizeReport) {
    let mut nodes: BTreeSet<ObjectId> = BTreeSet::new();
    for &(_, id) in pages {
        let mut cur = doc
            .get_dictionary(id)
            .ok()
            .and_then(|p| p.get(b"Parent").ok())
            .and_then(|p| p.as_reference().ok());
        let mut depth = 0;
        while let Some(n) = cur {
            depth += 1;
            if depth > MAX_DEPTH || !nodes.insert(n) {
                break;
            }
            cur = doc
                .get_dictionary(n)
                .ok()
                .and_then(|p| p.get(b"Parent").ok())
                .and_then(|p| p.as_reference().ok());
        }
    }
    for id in nodes {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            for key in keep_only(d, NODE_KEEP) {
                report.push(
                    ActionKind::CatalogEntryRemoved,
                    None,
                    Some(id.0),
                    &format!("page-tree entry /{key} is not needed to show the pages"),
                );
            }
        }
    }
    for &(num, id) in pages {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            for key in keep_only(d, PAGE_KEEP) {
                report.push(
                    ActionKind::CatalogEntryRemoved,
                    Some(num),
                    Some(id.0),
                    &format!("page entry /{key} is not needed to show the page"),
                );
            }
        }
    }
}

/// Keeps only link annotations, rebuilt from what a link needs, with explicit targets.
fn links(
    doc: &mut Document,
    pages: &[(u32, ObjectId)],
    dests: &HashMap<Vec<u8>, Object>,
    report: &mut SanitizeReport,
) {
    for &(num, page_id) in pages {
        let Some(annots) = doc
            .get_dictionary(page_id)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .map(|a| deref(doc, a).clone())
        else {
            continue;
        };
        let Object::Array(annots) = annots else {
            if let Ok(p) = doc.get_dictionary_mut(page_id) {
                p.remove(b"Annots");
            }
            continue;
        };
        let mut kept = Vec::new();
        for entry in annots {
            let Object::Dictionary(mut a) = deref(doc, &entry).clone() else {
                continue;
            };
            if a.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
                report.push(
                    ActionKind::AnnotationRemoved,
                    Some(num),
                    entry.as_reference().ok().map(|r| r.0),
                    "annotation that shows nothing on the page (only links are kept)",
                );
                continue;
            }
            keep_only(&mut a, LINK_KEEP);
            a.set("P", Object::Reference(page_id));
            if let Ok(d) = a.get(b"Dest").cloned() {
                match resolve_dest(doc, &d, dests) {
                    Some(e) => a.set("Dest", e),
                    None => {
                        a.remove(b"Dest");
                    }
                }
            }
            if let Ok(act) = a.get(b"A").map(|x| deref(doc, x).clone()) {
                match rebuild_action(doc, &act, dests) {
                    Some(x) => a.set("A", x),
                    None => {
                        a.remove(b"A");
                    }
                }
            }
            if !a.has(b"A") && !a.has(b"Dest") {
                report.push(
                    ActionKind::AnnotationRemoved,
                    Some(num),
                    None,
                    "link without a target that can be kept",
                );
                continue;
            }
            match entry {
                Object::Reference(id) => {
                    doc.objects.insert(id, Object::Dictionary(a));
                    kept.push(Object::Reference(id));
                }
                _ => kept.push(Object::Dictionary(a)),
            }
        }
        if let Ok(p) = doc.get_dictionary_mut(page_id) {
            if kept.is_empty() {
                p.remove(b"Annots");
            } else {
                p.set("Annots", Object::Array(kept));
            }
        }
    }
}

/// A `/URI` action (its target kept as it is; the sanitiser judged it) or an in-document jump
/// with an explicit destination; anything else is not kept.
fn rebuild_action(
    doc: &Document,
    act: &Object,
    dests: &HashMap<Vec<u8>, Object>,
) -> Option<Object> {
    let a = act.as_dict().ok()?;
    let mut fresh = Dictionary::new();
    match a.get(b"S").and_then(Object::as_name).ok()? {
        b"URI" => {
            let uri = deref(doc, a.get(b"URI").ok()?).as_str().ok()?;
            fresh.set("S", Object::Name(b"URI".to_vec()));
            fresh.set(
                "URI",
                Object::String(uri.to_vec(), lopdf::StringFormat::Literal),
            );
        }
        b"GoTo" => {
            let d = resolve_dest(doc, a.get(b"D").ok()?, dests)?;
            fresh.set("S", Object::Name(b"GoTo".to_vec()));
            fresh.set("D", d);
        }
        _ => return None,
    }
    Some(Object::Dictionary(fresh))
}

fn outline_items(doc: &mut Document, root_id: ObjectId, dests: &HashMap<Vec<u8>, Object>) {
    let Some(top) = doc
        .get_dictionary(root_id)
        .ok()
        .and_then(|c| c.get(b"Outlines").ok())
        .and_then(|o| o.as_reference().ok())
    else {
        return;
    };
    for id in super::sanitize::outline_item_ids(doc, top) {
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        let dest = item.get(b"Dest").ok().map(|d| resolve_dest(doc, d, dests));
        let act = item
            .get(b"A")
            .ok()
            .map(|a| rebuild_action(doc, &deref(doc, a).clone(), dests));
        let is_root = id == top;
        let Ok(item) = doc.get_dictionary_mut(id) else {
            continue;
        };
        if is_root {
            keep_only(item, &[b"Type", b"First", b"Last", b"Count"]);
            continue;
        }
        keep_only(item, OUTLINE_KEEP);
        match dest {
            Some(Some(d)) => item.set("Dest", d),
            Some(None) => {
                item.remove(b"Dest");
            }
            None => {}
        }
        match act {
            Some(Some(a)) => item.set("A", a),
            Some(None) => {
                item.remove(b"A");
            }
            None => {}
        }
    }
}

/// Where a resource dictionary lives: an indirect object, or inline in an owner's dictionary.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum ResLoc {
    Object(ObjectId),
    Inline(ObjectId),
}

/// Every `/Name` token in content bytes (strings and inline image data may add a few that are
/// not resource names; keeping a little more is safe).
fn names_in(data: &[u8]) -> HashSet<Vec<u8>> {
    let mut out = HashSet::new();
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'/' {
            let start = i + 1;
            let mut j = start;
            while j < data.len()
                && !data[j].is_ascii_whitespace()
                && !b"/[]<>(){}%".contains(&data[j])
            {
                j += 1;
            }
            let raw = &data[start..j];
            // Resolve #xx escapes.
            let mut name = Vec::with_capacity(raw.len());
            let mut k = 0;
            while k < raw.len() {
                if raw[k] == b'#'
                    && k + 3 <= raw.len()
                    && let Ok(v) =
                        u8::from_str_radix(&String::from_utf8_lossy(&raw[k + 1..k + 3]), 16)
                {
                    name.push(v);
                    k += 3;
                } else {
                    name.push(raw[k]);
                    k += 1;
                }
            }
            out.insert(name);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The resource location of an owner (page, page-tree node, form, pattern, Type3 font): its own
/// `/Resources`, or, for a page, the nearest ancestor's.
fn res_loc(doc: &Document, owner: ObjectId, inherit: bool) -> Option<ResLoc> {
    let mut cur = Some(owner);
    let mut depth = 0;
    while let Some(id) = cur {
        depth += 1;
        if depth > MAX_DEPTH {
            return None;
        }
        let dict = match doc.get_object(id).ok()? {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => return None,
        };
        match dict.get(b"Resources") {
            Ok(Object::Reference(r)) => return Some(ResLoc::Object(*r)),
            Ok(Object::Dictionary(_)) => return Some(ResLoc::Inline(id)),
            _ => {}
        }
        if !inherit {
            return None;
        }
        cur = dict.get(b"Parent").and_then(Object::as_reference).ok();
    }
    None
}

fn res_dict(doc: &Document, loc: ResLoc) -> Option<&Dictionary> {
    match loc {
        ResLoc::Object(id) => doc.get_dictionary(id).ok(),
        ResLoc::Inline(owner) => {
            let dict = match doc.get_object(owner).ok()? {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => return None,
            };
            dict.get(b"Resources").ok()?.as_dict().ok()
        }
    }
}

fn res_dict_mut(doc: &mut Document, loc: ResLoc) -> Option<&mut Dictionary> {
    match loc {
        ResLoc::Object(id) => doc.get_dictionary_mut(id).ok(),
        ResLoc::Inline(owner) => {
            let dict = match doc.objects.get_mut(&owner)? {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &mut s.dict,
                _ => return None,
            };
            dict.get_mut(b"Resources").ok()?.as_dict_mut().ok()
        }
    }
}

/// A page's content streams decoded and joined; None when one cannot be decoded.
fn page_content(doc: &Document, page_id: ObjectId) -> Option<Vec<u8>> {
    let page = doc.get_dictionary(page_id).ok()?;
    let ids: Vec<ObjectId> = match page.get(b"Contents") {
        Ok(Object::Reference(r)) => match doc.get_object(*r).ok()? {
            Object::Array(a) => a.iter().filter_map(|x| x.as_reference().ok()).collect(),
            _ => vec![*r],
        },
        Ok(Object::Array(a)) => a.iter().filter_map(|x| x.as_reference().ok()).collect(),
        Err(_) => vec![],
        Ok(_) => return None,
    };
    let mut out = Vec::new();
    for id in ids {
        let Object::Stream(s) = doc.get_object(id).ok()? else {
            return None;
        };
        out.extend(s.decompressed_content_with_limit(256 << 20).ok()?);
        out.push(b'\n');
    }
    Some(out)
}

/// Keeps in every resource dictionary only the entries some content names.
fn resources(doc: &mut Document, pages: &[(u32, ObjectId)], report: &mut SanitizeReport) {
    // Owners to visit: (stream or page id, resource location to use when it has none).
    let mut used: BTreeMap<ResLoc, HashSet<Vec<u8>>> = BTreeMap::new();
    let mut unknown: BTreeSet<ResLoc> = BTreeSet::new();
    let mut visited: HashSet<(ObjectId, Option<ResLoc>)> = HashSet::new();
    let mut work: Vec<(ObjectId, Option<ResLoc>, usize)> = Vec::new();
    for &(_, page_id) in pages {
        let Some(loc) = res_loc(doc, page_id, true) else {
            continue;
        };
        match page_content(doc, page_id) {
            Some(data) => used.entry(loc).or_default().extend(names_in(&data)),
            None => {
                unknown.insert(loc);
            }
        }
        work.push((page_id, Some(loc), 0));
    }
    // Walk what the used entries lead to (forms, patterns, Type3 fonts, soft masks).
    while let Some((_, loc, depth)) = work.pop() {
        let Some(loc) = loc else { continue };
        if depth > MAX_DEPTH {
            unknown.insert(loc);
            continue;
        }
        let names = used.get(&loc).cloned().unwrap_or_default();
        let Some(rd) = res_dict(doc, loc) else {
            continue;
        };
        let mut children: Vec<ObjectId> = Vec::new();
        for kind in [
            &b"XObject"[..],
            b"Pattern",
            b"Font",
            b"ExtGState",
            b"Shading",
        ] {
            let Ok(Object::Dictionary(cat)) = rd.get(kind).map(|o| deref(doc, o)) else {
                continue;
            };
            for (k, v) in cat.iter() {
                if !names.contains(k) {
                    continue;
                }
                if let Object::Reference(r) = v {
                    children.push(*r);
                }
                // An ExtGState's soft mask group.
                if let Object::Dictionary(d) = deref(doc, v)
                    && let Ok(Object::Dictionary(sm)) = d.get(b"SMask").map(|o| deref(doc, o))
                    && let Ok(Object::Reference(g)) = sm.get(b"G")
                {
                    children.push(*g);
                }
            }
        }
        for child in children {
            let (data, has_own) = match doc.get_object(child) {
                Ok(Object::Stream(s)) => {
                    let subtype = s.dict.get(b"Subtype").and_then(Object::as_name).ok();
                    let is_content = subtype == Some(b"Form") || s.dict.has(b"PatternType");
                    if !is_content {
                        continue;
                    }
                    (
                        s.decompressed_content_with_limit(64 << 20).ok(),
                        s.dict.has(b"Resources"),
                    )
                }
                Ok(Object::Dictionary(d))
                    if d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type3") =>
                {
                    let mut all = Vec::new();
                    let mut ok = true;
                    if let Ok(Object::Dictionary(procs)) =
                        d.get(b"CharProcs").map(|o| deref(doc, o))
                    {
                        for (_, p) in procs.iter() {
                            match deref(doc, p) {
                                Object::Stream(s) => {
                                    match s.decompressed_content_with_limit(64 << 20) {
                                        Ok(b) => {
                                            all.extend_from_slice(&b);
                                            all.push(b'\n');
                                        }
                                        Err(_) => ok = false,
                                    }
                                }
                                _ => ok = false,
                            }
                        }
                    }
                    (ok.then_some(all), d.has(b"Resources"))
                }
                _ => continue,
            };
            let child_loc = if has_own {
                res_loc(doc, child, false)
            } else {
                Some(loc)
            };
            let Some(child_loc) = child_loc else {
                continue;
            };
            match data {
                Some(data) => {
                    let before = used.get(&child_loc).map_or(0, HashSet::len);
                    let entry = used.entry(child_loc).or_default();
                    entry.extend(names_in(&data));
                    let grew = entry.len() > before;
                    if visited.insert((child, Some(child_loc))) || grew {
                        work.push((child, Some(child_loc), depth + 1));
                    }
                }
                None => {
                    unknown.insert(child_loc);
                }
            }
        }
    }
    let mut removed = 0usize;
    for (loc, names) in &used {
        if unknown.contains(loc) {
            continue;
        }
        let Some(rd) = res_dict(doc, *loc) else {
            continue;
        };
        // Categories held indirectly are rewritten as direct dictionaries.
        let mut fresh: Vec<(Vec<u8>, Dictionary)> = Vec::new();
        let mut drop_keys: Vec<Vec<u8>> = Vec::new();
        for (k, v) in rd.iter() {
            if k.as_slice() == b"ProcSet" {
                continue;
            }
            if !RESOURCE_KINDS.contains(&k.as_slice()) {
                drop_keys.push(k.clone());
                continue;
            }
            let Object::Dictionary(cat) = deref(doc, v) else {
                drop_keys.push(k.clone());
                continue;
            };
            let mut keep = Dictionary::new();
            for (name, val) in cat.iter() {
                if names.contains(name) {
                    keep.set(name.clone(), val.clone());
                } else {
                    removed += 1;
                }
            }
            fresh.push((k.clone(), keep));
        }
        if let Some(rd) = res_dict_mut(doc, *loc) {
            for k in drop_keys {
                rd.remove(&k);
                removed += 1;
            }
            for (k, d) in fresh {
                if d.is_empty() {
                    rd.remove(&k);
                } else {
                    rd.set(k, Object::Dictionary(d));
                }
            }
        }
    }
    if removed > 0 {
        report.push(
            ActionKind::CatalogEntryRemoved,
            None,
            None,
            &format!("{removed} resource entries no content uses (e.g. forms never drawn)"),
        );
    }
}

/// A font name as words: subset prefix dropped, split at capitals, hyphens, commas, underscores.
pub fn name_words(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    let s = match s.split_once('+') {
        Some((pre, rest)) if pre.len() == 6 && pre.chars().all(|c| c.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => s.into_owned(),
    };
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if matches!(c, '-' | ',' | '_' | '+' | '#') {
            out.push(' ');
        } else {
            if c.is_uppercase() && prev.is_some_and(char::is_lowercase) {
                out.push(' ');
            }
            out.push(c);
        }
        prev = Some(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Font families a viewer may have installed: a font that is not embedded keeps such a name.
const KNOWN_FAMILIES: &[&str] = &[
    "helvetica",
    "arial",
    "times",
    "courier",
    "symbol",
    "zapfdingbats",
    "calibri",
    "cambria",
    "candara",
    "consolas",
    "constantia",
    "corbel",
    "verdana",
    "georgia",
    "tahoma",
    "trebuchet",
    "garamond",
    "bookantiqua",
    "palatino",
    "centurygothic",
    "century",
    "segoe",
    "wingdings",
    "webdings",
    "lucida",
    "msgothic",
    "msmincho",
    "mspgothic",
    "simsun",
    "simhei",
    "mingliu",
    "franklingothic",
    "gillsans",
    "futura",
    "frutiger",
    "univers",
    "myriad",
    "minion",
    "optima",
    "rotis",
    "rijksoverheid",
    "dejavu",
    "liberation",
    "noto",
    "roboto",
    "opensans",
    "sourcesans",
    "sourceserif",
    "lato",
    "carlito",
    "caladea",
    "bookman",
    "newcenturyschlbk",
    "avantgarde",
    "marlett",
    "mtextra",
    "aptos",
    "bahnschrift",
    "comicsans",
    "impact",
    "sylfaen",
    "cour",
    "timesnewroman",
    "couriernew",
    "frenchscript",
    "haettenschweiler",
    "batang",
    "gulim",
    "meiryo",
    "yugothic",
    "malgun",
    "microsoft",
    "stsong",
    "kozmin",
    "kozgo",
    "adobe",
];

/// Whether a font name (subset prefix and style part ignored) names a known family.
fn known_family(name: &[u8]) -> bool {
    let text = String::from_utf8_lossy(name);
    let text = match text.split_once('+') {
        Some((pre, rest)) if pre.len() == 6 => rest.to_string(),
        _ => text.into_owned(),
    };
    let flat: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect::<String>()
        .to_lowercase();
    KNOWN_FAMILIES.iter().any(|f| flat.starts_with(f))
}

/// Style words kept at the end of a renamed font (`WooRedactFont3-Bold`).
const STYLES: &[&str] = &[
    "Bold",
    "Italic",
    "Oblique",
    "BoldItalic",
    "BoldOblique",
    "Regular",
    "Light",
    "Medium",
    "Semibold",
    "SemiBold",
    "Black",
    "Heavy",
    "Thin",
    "Book",
    "Condensed",
];

/// Renames every embedded font (`/BaseFont`, `/FontName`; `/FontFamily` goes): in an embedded
/// font the name is informational, and a name can be anything (`/ABCDEF+KarinJansen`). Fonts
/// that are not embedded keep their names, which choose the font a viewer uses.
fn font_names(doc: &mut Document, report: &mut SanitizeReport) {
    let has_file =
        |d: &Dictionary| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3");
    let descriptor = |_: &Document, d: &Dictionary| -> Option<ObjectId> {
        d.get(b"FontDescriptor")
            .ok()
            .and_then(|o| o.as_reference().ok())
    };
    // (font or descriptor id, key) pairs of embedded fonts, and the new name's number.
    let mut targets: Vec<(ObjectId, &'static [u8])> = Vec::new();
    for (id, obj) in &doc.objects {
        let Object::Dictionary(d) = obj else { continue };
        match d.get(b"Type").and_then(Object::as_name).ok() {
            Some(b"FontDescriptor") if has_file(d) => targets.push((*id, b"FontName")),
            Some(b"Font") => {
                let embedded = match d.get(b"Subtype").and_then(Object::as_name).ok() {
                    Some(b"Type0") => true,
                    _ => descriptor(doc, d)
                        .and_then(|r| doc.get_dictionary(r).ok())
                        .is_some_and(has_file),
                };
                if embedded && d.has(b"BaseFont") {
                    targets.push((*id, b"BaseFont"));
                }
            }
            _ => {}
        }
    }
    // Fonts that are not embedded keep a name a viewer can find (a known family); any other
    // name (`/KarinJansen`) becomes the standard font of its kind.
    let mut standard: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    for (id, obj) in &doc.objects {
        let Object::Dictionary(d) = obj else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font")
            || targets.iter().any(|(t, _)| t == id)
        {
            continue;
        }
        let subtype = d.get(b"Subtype").and_then(Object::as_name).ok();
        if !matches!(subtype, Some(b"Type1" | b"TrueType" | b"MMType1")) {
            continue;
        }
        let Ok(Object::Name(n)) = d.get(b"BaseFont") else {
            continue;
        };
        if known_family(n) {
            continue;
        }
        let flags = descriptor(doc, d)
            .and_then(|r| doc.get_dictionary(r).ok())
            .and_then(|fd| fd.get(b"Flags").ok())
            .and_then(|f| f.as_i64().ok())
            .unwrap_or(0);
        let text = String::from_utf8_lossy(n).to_lowercase();
        let bold = text.contains("bold") || text.contains("black") || text.contains("heavy");
        let italic = text.contains("italic") || text.contains("oblique") || flags & 64 != 0;
        let family = if flags & 1 != 0 {
            "Courier"
        } else if flags & 2 != 0 {
            "Times"
        } else {
            "Helvetica"
        };
        let name = crate::pdf::font::standard_name(family, bold, italic);
        standard.push((*id, name.into_bytes()));
    }
    let renamed_standard = standard.len();
    for (id, name) in standard {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.set("BaseFont", Object::Name(name.clone()));
            if let Ok(Object::Reference(fd)) = d.get(b"FontDescriptor").cloned()
                && let Ok(fd) = doc.get_dictionary_mut(fd)
            {
                fd.set("FontName", Object::Name(name));
                fd.remove(b"FontFamily");
            }
        }
    }
    if renamed_standard > 0 {
        report.push(
            ActionKind::CatalogEntryRemoved,
            None,
            None,
            &format!(
                "{renamed_standard} font(s) that are not embedded had an unknown name: the standard font of their kind is named instead"
            ),
        );
    }
    let mut names: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    for (id, key) in &targets {
        let Ok(d) = doc.get_dictionary_mut(*id) else {
            continue;
        };
        d.remove(b"FontFamily");
        let Ok(Object::Name(old)) = d.get(key).cloned() else {
            continue;
        };
        let n = names.len() + 1;
        let new = names.entry(old.clone()).or_insert_with(|| {
            let text = String::from_utf8_lossy(&old);
            let style = text
                .rsplit_once(['-', ','])
                .map(|(_, s)| s)
                .filter(|s| STYLES.contains(s));
            match style {
                Some(st) => format!("WooRedactFont{n}-{st}"),
                None => format!("WooRedactFont{n}"),
            }
            .into_bytes()
        });
        d.set(key.to_vec(), Object::Name(new.clone()));
    }
    if !names.is_empty() {
        report.push(
            ActionKind::CatalogEntryRemoved,
            None,
            None,
            &format!(
                "{} embedded font name(s) replaced by neutral names",
                names.len()
            ),
        );
    }
}

/// Spot colour names (`[/Separation /Karin#20Jansen ...]`, DeviceN lists) the judge objects to
/// become `Steunkleur N`; the alternate space and tint transform, which draw the colour, stay.
fn colorant_names(doc: &mut Document, judge: &dyn Judge, report: &mut SanitizeReport) {
    fn walk(o: &mut Object, judge: &dyn Judge, n: &mut usize, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match o {
            Object::Array(a) => {
                let spot = matches!(a.first(), Some(Object::Name(k)) if k == b"Separation" || k == b"DeviceN");
                if spot && let Some(names) = a.get_mut(1) {
                    let mut rename = |x: &mut Object| {
                        if let Object::Name(nm) = x {
                            let words = name_words(nm);
                            if !judge.find(&words).is_empty() {
                                *n += 1;
                                *x = Object::Name(format!("Steunkleur{n}").into_bytes());
                            }
                        }
                    };
                    match names {
                        Object::Array(list) => list.iter_mut().for_each(&mut rename),
                        other => rename(other),
                    }
                }
                a.iter_mut().for_each(|v| walk(v, judge, n, depth + 1));
            }
            Object::Dictionary(d) => d.iter_mut().for_each(|(_, v)| walk(v, judge, n, depth + 1)),
            Object::Stream(s) => s
                .dict
                .iter_mut()
                .for_each(|(_, v)| walk(v, judge, n, depth + 1)),
            _ => {}
        }
    }
    let mut n = 0;
    for (_, obj) in doc.objects.iter_mut() {
        walk(obj, judge, &mut n, 0);
    }
    if n > 0 {
        report.push(
            ActionKind::CatalogEntryRemoved,
            None,
            None,
            &format!("{n} spot colour name(s) held personal data: renamed"),
        );
    }
}

/// Structure elements: strings inside attributes (`/A`, user properties), class maps and
/// element ids go; the texts (`/Alt`, `/T`, ...) were judged by the sanitiser.
fn struct_attributes(doc: &mut Document, root_id: ObjectId, report: &mut SanitizeReport) {
    let Some(top) = doc
        .get_dictionary(root_id)
        .ok()
        .and_then(|c| c.get(b"StructTreeRoot").ok())
        .and_then(|o| o.as_reference().ok())
    else {
        return;
    };
    fn strip_strings(o: &mut Object, depth: usize) -> usize {
        if depth > MAX_DEPTH {
            return 0;
        }
        match o {
            Object::Dictionary(d) => {
                let keys: Vec<Vec<u8>> = d
                    .iter()
                    .filter(|(_, v)| matches!(v, Object::String(..)))
                    .map(|(k, _)| k.clone())
                    .collect();
                for k in &keys {
                    d.remove(k);
                }
                let mut n = keys.len();
                if d.remove(b"P").is_some() {
                    // user properties (/O /UserProperties /P [...])
                    n += 1;
                }
                for (_, v) in d.iter_mut() {
                    n += strip_strings(v, depth + 1);
                }
                n
            }
            Object::Array(a) => a.iter_mut().map(|v| strip_strings(v, depth + 1)).sum(),
            _ => 0,
        }
    }
    let mut seen = HashSet::new();
    let mut stack = vec![(top, 0usize)];
    let mut stripped = 0;
    while let Some((id, depth)) = stack.pop() {
        if depth > 4 * MAX_DEPTH || !seen.insert(id) || seen.len() > 2_000_000 {
            continue;
        }
        let attr_refs: Vec<ObjectId>;
        {
            let Ok(d) = doc.get_dictionary_mut(id) else {
                continue;
            };
            if d.remove(b"ID").is_some() {
                stripped += 1;
            }
            // A language tag is letters, digits and hyphens; anything else is not a tag.
            if let Ok(Object::String(lang, _)) = d.get(b"Lang")
                && !is_language_tag(lang)
            {
                d.remove(b"Lang");
                stripped += 1;
            }
            for k in [&b"IDTree"[..], b"AF", b"PronunciationLexicon"] {
                if d.remove(k).is_some() {
                    stripped += 1;
                }
            }
            let mut refs = Vec::new();
            for key in [&b"A"[..], b"ClassMap"] {
                if let Ok(v) = d.get_mut(key) {
                    match v {
                        Object::Reference(r) => refs.push(*r),
                        Object::Array(items) => {
                            for it in items.iter_mut() {
                                match it {
                                    Object::Reference(r) => refs.push(*r),
                                    other => stripped += strip_strings(other, 0),
                                }
                            }
                        }
                        other => stripped += strip_strings(other, 0),
                    }
                }
            }
            attr_refs = refs;
            let mut kids = Vec::new();
            if let Ok(k) = d.get(b"K") {
                match k {
                    Object::Reference(r) => kids.push(*r),
                    Object::Array(a) => kids.extend(a.iter().filter_map(|x| x.as_reference().ok())),
                    _ => {}
                }
            }
            stack.extend(kids.into_iter().map(|k| (k, depth + 1)));
        }
        for r in attr_refs {
            if let Some(o) = doc.objects.get_mut(&r) {
                stripped += strip_strings(o, 0);
            }
        }
    }
    if stripped > 0 {
        report.push(
            ActionKind::StructTextRemoved,
            None,
            None,
            &format!("{stripped} structure attribute string(s) and ids removed"),
        );
    }
}

/// Every string left outside content streams is judged; a hit is replaced by its label.
fn judge_all_strings(doc: &mut Document, judge: &dyn Judge, report: &mut SanitizeReport) {
    fn walk(o: &mut Object, judge: &dyn Judge, depth: usize, n: &mut usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match o {
            Object::String(bytes, _) => {
                let text = decode_text_bytes(bytes);
                let spans = judge.find(&text);
                if !spans.is_empty() {
                    *o = encode_text_string(&apply_labels(&text, &spans));
                    *n += 1;
                }
            }
            Object::Array(a) => a.iter_mut().for_each(|v| walk(v, judge, depth + 1, n)),
            Object::Dictionary(d) => d.iter_mut().for_each(|(_, v)| walk(v, judge, depth + 1, n)),
            Object::Stream(s) => s
                .dict
                .iter_mut()
                .for_each(|(_, v)| walk(v, judge, depth + 1, n)),
            _ => {}
        }
    }
    let mut n = 0;
    for (_, obj) in doc.objects.iter_mut() {
        walk(obj, judge, 0, &mut n);
    }
    if n > 0 {
        report.push(
            ActionKind::CatalogEntryRemoved,
            None,
            None,
            &format!("{n} other string(s) held personal data: labelled"),
        );
    }
}

/// Renames optional-content groups whose name the judge objects to (`Laag 1`, `Laag 2`, ...).
pub fn ocg_names(doc: &mut Document, judge: &dyn Judge) -> usize {
    let ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .ok()
                .and_then(|d| d.get(b"Type").ok())
                .and_then(|t| t.as_name().ok())
                == Some(b"OCG")
        })
        .map(|(id, _)| *id)
        .collect();
    let mut n = 0;
    for id in ids {
        let Ok(d) = doc.get_dictionary_mut(id) else {
            continue;
        };
        d.remove(b"Usage");
        let personal = match d.get(b"Name") {
            Ok(Object::String(s, _)) => !judge.find(&decode_text_bytes(s)).is_empty(),
            _ => false,
        };
        if personal {
            n += 1;
            d.set("Name", encode_text_string(&format!("Laag {n}")));
        }
    }
    n
}

/// Filters whose output is bytes we read and re-encode; image filters stay as they are.
const TEXT_FILTERS: &[&[u8]] = &[
    b"ASCIIHexDecode",
    b"AHx",
    b"ASCII85Decode",
    b"A85",
    b"LZWDecode",
    b"LZW",
    b"RunLengthDecode",
    b"RL",
    b"FlateDecode",
    b"Fl",
];

/// Writes every stream with our own filters (see the module documentation). A stream that
/// cannot be decoded is left as it is: verification cannot read it either and fails the file.
fn normalise_streams(doc: &mut Document, report: &mut SanitizeReport) {
    let mut n = 0usize;
    for (_, obj) in doc.objects.iter_mut() {
        let Object::Stream(s) = obj else { continue };
        let Ok(filters) = s.filters() else { continue };
        let filters: Vec<Vec<u8>> = filters.iter().map(|f| f.to_vec()).collect();
        let plain_flate = filters.len() == 1
            && matches!(filters[0].as_slice(), b"FlateDecode" | b"Fl")
            && !s.dict.has(b"DecodeParms")
            && !s.dict.has(b"DP");
        let is_image = s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image");
        let only_flate = filters
            .iter()
            .all(|f| matches!(f.as_slice(), b"FlateDecode" | b"Fl"));
        // Pixels behind Flate (with a predictor) are kept as they are: re-encoding them changes
        // nothing a reader sees.
        if filters.is_empty() || plain_flate || (is_image && only_flate) {
            continue;
        }
        let lead = filters
            .iter()
            .take_while(|f| TEXT_FILTERS.contains(&f.as_slice()))
            .count();
        if lead == 0 {
            continue;
        }
        if lead == filters.len() {
            let Ok(data) = s.decompressed_content_with_limit(256 << 20) else {
                continue;
            };
            let Some(packed) = crate::pdf::content::flate(&data) else {
                continue;
            };
            s.dict.remove(b"DecodeParms");
            s.dict.remove(b"DP");
            s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            s.set_content(packed);
            n += 1;
        } else {
            // Text filters before an image filter: decode them, keep the image filter and its
            // parameters.
            let image_parms = match s.dict.get(b"DecodeParms").or_else(|_| s.dict.get(b"DP")) {
                Ok(Object::Array(a)) => a.get(lead).cloned(),
                _ => None,
            };
            let rest: Vec<Object> = filters[lead..]
                .iter()
                .map(|f| Object::Name(f.clone()))
                .collect();
            let mut head = s.clone();
            head.dict.set(
                "Filter",
                Object::Array(
                    filters[..lead]
                        .iter()
                        .map(|f| Object::Name(f.clone()))
                        .collect(),
                ),
            );
            if let Ok(Object::Array(a)) = s.dict.get(b"DecodeParms") {
                head.dict.set(
                    "DecodeParms",
                    Object::Array(a[..lead.min(a.len())].to_vec()),
                );
            }
            let Ok(data) = head.decompressed_content_with_limit(256 << 20) else {
                continue;
            };
            s.dict.remove(b"DecodeParms");
            s.dict.remove(b"DP");
            if rest.len() == 1 {
                s.dict.set("Filter", rest[0].clone());
                if let Some(p) = image_parms {
                    s.dict.set("DecodeParms", p);
                }
            } else {
                s.dict.set("Filter", Object::Array(rest));
            }
            s.set_content(data);
            n += 1;
        }
    }
    if n > 0 {
        report.notes.push(format!(
            "{n} stream(s) rewritten with our own filters (what we read is what is written)"
        ));
    }
}

/// The operators of PDF 32000-1 (Annex A); anything else in a content stream is dropped.
const OPERATORS: &[&str] = &[
    "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs", "d", "d0", "d1",
    "Do", "DP", "EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID", "j", "J",
    "K", "k", "l", "m", "M", "MP", "n", "q", "Q", "re", "RG", "rg", "ri", "s", "S", "SC", "sc",
    "SCN", "scn", "sh", "T*", "Tc", "Td", "TD", "Tf", "Tj", "TJ", "TL", "Tm", "Tr", "Ts", "Tw",
    "Tz", "v", "w", "W", "W*", "y", "'", "\"",
];

/// Keys of an inline image's dictionary (abbreviated and full).
const INLINE_IMAGE_KEYS: &[&[u8]] = &[
    b"BPC",
    b"BitsPerComponent",
    b"CS",
    b"ColorSpace",
    b"D",
    b"Decode",
    b"DP",
    b"DecodeParms",
    b"F",
    b"Filter",
    b"H",
    b"Height",
    b"IM",
    b"ImageMask",
    b"I",
    b"Interpolate",
    b"W",
    b"Width",
    b"L",
    b"Length",
    b"Intent",
];

/// Keys of a marked-content property list that are kept (the texts were judged when the page
/// was redacted).
const PROPERTY_KEYS: &[&[u8]] = &[b"MCID", b"ActualText", b"Alt", b"E", b"Lang"];

/// Content streams hold only operators a reader draws with: unknown operators (`PS`, private
/// ones), marked points (`MP`, `DP`) and their property lists go; `BDC` property lists keep
/// only MCID, /ActualText, /Alt, /E and a language tag; inline image dictionaries keep only
/// their image keys. A stream that needs none of this is left as it is.
fn content_operators(doc: &mut Document, pages: &[(u32, ObjectId)], report: &mut SanitizeReport) {
    use crate::pdf::content::{decode_ops, encode_ops};
    let mut ids: BTreeSet<ObjectId> = BTreeSet::new();
    for &(_, page_id) in pages {
        match doc
            .get_dictionary(page_id)
            .ok()
            .and_then(|p| p.get(b"Contents").ok())
        {
            Some(Object::Reference(r)) => match doc.get_object(*r) {
                Ok(Object::Array(a)) => ids.extend(a.iter().filter_map(|x| x.as_reference().ok())),
                _ => {
                    ids.insert(*r);
                }
            },
            Some(Object::Array(a)) => ids.extend(a.iter().filter_map(|x| x.as_reference().ok())),
            _ => {}
        }
    }
    for (id, obj) in &doc.objects {
        match obj {
            Object::Stream(s)
                if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
                    || s.dict.has(b"PatternType") =>
            {
                ids.insert(*id);
            }
            Object::Dictionary(d) => {
                if let Ok(procs) = d.get(b"CharProcs").and_then(|o| match o {
                    Object::Reference(r) => doc.get_dictionary(*r),
                    o => o.as_dict(),
                }) {
                    ids.extend(procs.iter().filter_map(|(_, v)| v.as_reference().ok()));
                }
            }
            _ => {}
        }
    }
    let mut cleaned = 0usize;
    for id in ids {
        let Some(Object::Stream(s)) = doc.objects.get(&id) else {
            continue;
        };
        let Ok(data) = s.decompressed_content_with_limit(256 << 20) else {
            continue;
        };
        let Ok(ops) = decode_ops(&data) else { continue };
        let mut changed = false;
        let mut out = Vec::with_capacity(ops.len());
        for mut op in ops {
            let name = op.operator.as_str();
            if !OPERATORS.contains(&name) || name == "MP" || name == "DP" {
                changed = true;
                continue;
            }
            if name == "BDC"
                && let Some(Object::Dictionary(props)) = op.operands.get_mut(1)
            {
                let gone: Vec<Vec<u8>> = props
                    .iter()
                    .map(|(k, _)| k.clone())
                    .filter(|k| !PROPERTY_KEYS.contains(&k.as_slice()))
                    .collect();
                let bad_lang =
                    matches!(props.get(b"Lang"), Ok(Object::String(l, _)) if !is_language_tag(l));
                if !gone.is_empty() || bad_lang {
                    changed = true;
                    for k in gone {
                        props.remove(&k);
                    }
                    if bad_lang {
                        props.remove(b"Lang");
                    }
                }
            }
            if name == "BI"
                && let Some(Object::Stream(img)) = op.operands.get_mut(0)
            {
                let gone: Vec<Vec<u8>> = img
                    .dict
                    .iter()
                    .map(|(k, _)| k.clone())
                    .filter(|k| !INLINE_IMAGE_KEYS.contains(&k.as_slice()))
                    .collect();
                if !gone.is_empty() {
                    changed = true;
                    for k in gone {
                        img.dict.remove(&k);
                    }
                }
            }
            out.push(op);
        }
        if !changed {
            continue;
        }
        let Ok(bytes) = encode_ops(&out) else {
            continue;
        };
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.remove(b"DecodeParms");
            s.dict.remove(b"Filter");
            s.set_content(bytes);
            cleaned += 1;
        }
    }
    if cleaned > 0 {
        report.notes.push(format!(
            "{cleaned} content stream(s) lost operators or property keys no reader draws with"
        ));
    }
}
