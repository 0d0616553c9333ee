//! Applies a page plan to the document: rewritten page and form streams (copy-on-write), scrubbed /ActualText, and the labelled boxes.

use super::rewrite::{GapReport, Removal, StreamEdit, rewrite_ops_report};
use crate::pdf::content::{decode_ops, encode_ops};
use crate::pdf::font::helvetica_width;
use crate::pdf::interp::{PageContent, page_ops, page_resources};
use crate::pdf::{Limits, Matrix, PdfError, Rect, StreamRef};
use crate::plan::{PagePlan, gap_boxes};
use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The font resource name of our labels; chosen to collide with nothing a producer writes.
pub const LABEL_FONT: &[u8] = b"WooRedactLabel";
/// Smallest label font size; below it the box stays unlabelled and the audit says so.
pub const MIN_LABEL_SIZE: f64 = 4.0;
/// Narrowest horizontal scaling of a label before the box stays unlabelled.
pub const MIN_LABEL_SCALE: f64 = 0.5;
/// Largest label font size.
const MAX_LABEL_SIZE: f64 = 10.0;

/// Colours of boxes and labels (RGB, 0..1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BoxStyle {
    /// Box fill.
    pub fill: [f64; 3],
    /// Label text.
    pub text: [f64; 3],
    /// Draw a frame in the text colour around the box (for white boxes).
    pub frame: bool,
}

impl Default for BoxStyle {
    fn default() -> Self {
        BoxStyle {
            fill: [0.0; 3],
            text: [1.0; 3],
            frame: false,
        }
    }
}

/// What was done on one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PageApplied {
    /// Glyphs removed.
    pub glyphs_removed: usize,
    /// Images removed.
    pub images_removed: usize,
    /// Image XObjects redacted in their pixels (rewritten as new objects).
    pub images_redacted: usize,
    /// Images under an area that could not be redacted in their pixels (kept as they were
    /// under the box): the page must be flagged.
    pub pixel_failures: Vec<String>,
    /// /ActualText, /Alt or /E entries scrubbed in marked content.
    pub marked_content_scrubbed: usize,
    /// Form XObjects copied and rewritten.
    pub forms_rewritten: usize,
    /// Areas whose label did not fit even at the smallest size (box drawn without label).
    pub unlabelled_areas: Vec<usize>,
    /// Subpaths (outlines, strokes, clips) under the boxes, dropped from their streams.
    pub shapes_removed: usize,
    /// Shapes that could not be proven removed from under the boxes: the caller flags the
    /// page.
    pub shape_failures: Vec<String>,
    /// The boxes drawn, one per area of the plan in its order (page space): the area itself,
    /// or with width-safe gaps the class width of its gap (`plan::gap_boxes`).
    pub boxes: Vec<Rect>,
    /// The width-safe gaps as settled (`settle_gaps`): each with the class it took.
    pub gaps: Vec<crate::plan::Gap>,
}

fn stream_key(s: &StreamRef) -> Option<ObjectId> {
    match s {
        StreamRef::Page => None,
        StreamRef::Form { id, .. } => Some(*id),
    }
}

/// Applies `plan` to page `page_id` of `doc`.
pub fn apply_page(
    doc: &mut Document,
    page_id: ObjectId,
    content: &PageContent,
    plan: &PagePlan,
    style: &BoxStyle,
    limits: &Limits,
) -> Result<PageApplied, PdfError> {
    let mut done = PageApplied::default();
    if plan.is_empty() {
        return Ok(done);
    }
    let number = content.number;
    let mut ops_of = OpsOf::default();
    let settled;
    let plan = if plan.gaps.is_empty() {
        plan
    } else {
        settled = settle_gaps(doc, page_id, content, plan, limits, &mut ops_of)?;
        &settled
    };
    let mut edits = removal_edits(content, plan);
    done.glyphs_removed = edits.values().map(|e| e.removals.len()).sum();
    let mut scrub: HashSet<(Option<ObjectId>, usize)> = HashSet::new();
    for &gi in &plan.remove {
        let Some(g) = content.glyphs.get(gi) else {
            continue;
        };
        if let Some(at) = g.actual_text.and_then(|i| content.actual_texts.get(i)) {
            scrub.insert((stream_key(&at.stream), at.op_index));
        }
    }
    for at in plan
        .scrub_alts
        .iter()
        .filter_map(|&i| content.marked_alts.get(i))
    {
        scrub.insert((stream_key(&at.stream), at.op_index));
    }
    for &ii in &plan.remove_images {
        if let Some(img) = content.images.get(ii) {
            edits
                .entry(stream_key(&img.stream))
                .or_default()
                .drop_ops
                .insert(img.op_index);
            done.images_removed += 1;
        }
    }
    for (key, _) in &scrub {
        edits.entry(*key).or_default();
    }

    let resources = page_resources(doc, page_id).cloned().unwrap_or_default();

    // Every edited stream is rewritten in memory first: the boxes depend on how far the
    // width-safe gaps moved the text, and the shapes under the boxes on the boxes.
    edits.entry(None).or_default();
    // What became of the width-safe gaps (which moved text, how far their starts moved).
    let mut gaps_done = GapReport::default();
    let mut rewritten: BTreeMap<Option<ObjectId>, Vec<Operation>> = BTreeMap::new();
    for (key, edit) in edits.iter_mut() {
        let stream_resources = match key {
            None => resources.clone(),
            Some(id) => doc
                .get_object(*id)
                .and_then(Object::as_stream)
                .ok()
                .and_then(|st| st.dict.get(b"Resources").ok())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
                .cloned()
                .unwrap_or_else(|| resources.clone()),
        };
        let ops = ops_of.get(doc, page_id, number, *key, limits)?;
        done.marked_content_scrubbed += add_scrubs(doc, ops, &stream_resources, *key, &scrub, edit);
        let (new_ops, report) = rewrite_ops_report(ops, edit);
        gaps_done.carried.extend(report.carried);
        gaps_done.shifted.extend(report.shifted);
        rewritten.insert(*key, new_ops);
    }
    done.boxes = gap_boxes(plan, &gaps_done);
    done.gaps = plan.gaps.clone();

    // Vector shapes the boxes hide (outlines, strokes, clips): dropped from their streams.
    let mut hide: Vec<Rect> = plan.areas.iter().map(|a| a.rect).collect();
    hide.extend(done.boxes.iter().copied());
    if super::paths::too_many_shapes(content) {
        done.shape_failures
            .push("more shapes on the page than can be checked under the boxes".into());
    }
    if super::paths::pattern_under(content, &hide) {
        done.shape_failures
            .push("a pattern is painted under a box: what its cells draw there stays".into());
    }
    for (key, paths) in super::paths::hidden_paths(content, &hide) {
        let ops = ops_of.get(doc, page_id, number, key, limits)?;
        let edit = edits.entry(key).or_default();
        done.shapes_removed += super::paths::drop_paths(ops, &paths, edit);
        rewritten.insert(key, rewrite_ops_report(ops, edit).0);
    }

    // Forms: each edited form becomes a new object; the page's resources are redirected.
    let mut replaced: HashMap<ObjectId, ObjectId> = HashMap::new();
    for (key, new_ops) in &rewritten {
        let Some(form_id) = key else { continue };
        let stream = doc
            .get_object(*form_id)
            .and_then(Object::as_stream)
            .map_err(|e| PdfError::Content {
                page: number,
                reason: format!("form {} {} R: {e}", form_id.0, form_id.1),
            })?;
        let mut dict = stream.dict.clone();
        dict.remove(b"Filter");
        dict.remove(b"DecodeParms");
        dict.remove(b"Length");
        let mut new_stream = Stream::new(
            dict,
            encode_ops(new_ops).map_err(|reason| PdfError::Content {
                page: number,
                reason,
            })?,
        );
        crate::pdf::content::compress(&mut new_stream);
        let new_id = doc.add_object(new_stream);
        replaced.insert(*form_id, new_id);
        done.forms_rewritten += 1;
    }

    let mut new_resources = resources.clone();
    if !replaced.is_empty() {
        new_resources = redirect_resources(doc, &new_resources, &replaced);
    }
    add_label_font(doc, &mut new_resources);

    // The page itself.
    let rewritten = rewritten.remove(&None).unwrap_or_default();
    let mut all = Vec::with_capacity(rewritten.len() + 8 * plan.areas.len() + 2);
    all.push(Operation::new("q", vec![]));
    all.extend(rewritten);
    all.push(Operation::new("Q", vec![]));
    let display = content
        .geometry
        .map(|g| g.display)
        .unwrap_or(Matrix::IDENTITY);
    let to_user = display.invert().unwrap_or(Matrix::IDENTITY);
    for (i, (area, rect)) in plan.areas.iter().zip(&done.boxes).enumerate() {
        if !draw_box(&mut all, rect, &area.label, &to_user, style) {
            done.unlabelled_areas.push(i);
        }
    }
    let bytes = encode_ops(&all).map_err(|reason| PdfError::Content {
        page: number,
        reason,
    })?;
    let mut stream = Stream::new(Dictionary::new(), bytes);
    crate::pdf::content::compress(&mut stream);
    let content_id = doc.add_object(stream);
    let page = doc
        .get_dictionary_mut(page_id)
        .map_err(|e| PdfError::Damaged(format!("page {number}: {e}")))?;
    page.set("Contents", Object::Reference(content_id));
    page.set("Resources", Object::Dictionary(new_resources));
    // Image XObjects under areas: blanked in their pixels (after the page's resources are set,
    // which this redirects). An image that cannot be is kept under its box and reported in
    // `pixel_failures`: the caller flags the page (the file goes to review, never to publish).
    if !plan.pixels.is_empty() {
        let px = super::pixels::redact_page_images(
            doc,
            page_id,
            content,
            &plan.pixels,
            limits.max_stream_bytes,
        );
        done.images_redacted = px.images_rewritten;
        done.pixel_failures = px.failed.iter().map(ToString::to_string).collect();
    }
    Ok(done)
}

/// The removals of `plan` per stream, with the width-safe gaps' starts and ends marked.
fn removal_edits(content: &PageContent, plan: &PagePlan) -> BTreeMap<Option<ObjectId>, StreamEdit> {
    let gap_starts: HashMap<usize, usize> = plan
        .gaps
        .iter()
        .enumerate()
        .map(|(k, g)| (g.first, k))
        .collect();
    let gap_ends: HashMap<usize, (usize, f64)> = plan
        .gaps
        .iter()
        .enumerate()
        .map(|(k, g)| (g.last, (k, g.extra)))
        .collect();
    let mut edits: BTreeMap<Option<ObjectId>, StreamEdit> = BTreeMap::new();
    for &gi in &plan.remove {
        let Some(g) = content.glyphs.get(gi) else {
            continue;
        };
        let removal = Removal {
            op_index: g.prov.op_index,
            elem_index: g.prov.elem_index,
            byte_start: g.prov.byte_start,
            byte_len: g.prov.byte_len,
            tx: g.tx,
            adjust_unit: g.adjust_unit,
            gap_end: gap_ends.get(&gi).copied(),
            gap_start: gap_starts.get(&gi).copied(),
        };
        let edit = edits.entry(stream_key(&g.prov.stream)).or_default();
        edit.width_safe = !plan.gaps.is_empty();
        if !edit.removals.contains(&removal) {
            edit.removals.push(removal);
        }
    }
    edits
}

/// The operators of the page's streams (`None` the page, `Some` a form), each decoded once
/// for everything [`apply_page`] does with it.
#[derive(Default)]
struct OpsOf(BTreeMap<Option<ObjectId>, Vec<Operation>>);

impl OpsOf {
    /// The operators of one stream, decoded on first use.
    fn get(
        &mut self,
        doc: &Document,
        page_id: ObjectId,
        number: u32,
        key: Option<ObjectId>,
        limits: &Limits,
    ) -> Result<&Vec<Operation>, PdfError> {
        if let std::collections::btree_map::Entry::Vacant(slot) = self.0.entry(key) {
            let ops = match key {
                None => page_ops(doc, page_id, number, limits)?,
                Some(id) => {
                    let bad = |e: String| PdfError::Content {
                        page: number,
                        reason: format!("form {} {} R: {e}", id.0, id.1),
                    };
                    let stream = doc
                        .get_object(id)
                        .and_then(Object::as_stream)
                        .map_err(|e| bad(e.to_string()))?;
                    let bytes = stream
                        .decompressed_content_with_limit(limits.max_page_content_bytes)
                        .map_err(|e| bad(e.to_string()))?;
                    decode_ops(&bytes).map_err(bad)?
                }
            };
            slot.insert(ops);
        }
        self.0
            .get(&key)
            .ok_or_else(|| PdfError::Damaged(format!("page {number}: a stream went missing")))
    }
}

/// `plan` with its width-safe gaps settled: a gap whose moved text would run into kept text
/// that does not move with it (positioned anew further on the line), or whose box would cover
/// such text, keeps the removed width instead (that text shows the width anyway). Rewrites the
/// streams without saving them until no gap collides.
fn settle_gaps(
    doc: &Document,
    page_id: ObjectId,
    content: &PageContent,
    plan: &PagePlan,
    limits: &Limits,
    ops_of: &mut OpsOf,
) -> Result<PagePlan, PdfError> {
    let mut plan = plan.clone();
    for key in removal_edits(content, &plan).into_keys() {
        ops_of.get(doc, page_id, content.number, key, limits)?;
    }
    let ops_of = &ops_of.0;
    let glyphs = &content.glyphs;
    let removed: HashSet<usize> = plan.remove.iter().copied().collect();
    let shown: Vec<&crate::pdf::Glyph> = glyphs
        .iter()
        .filter(|h| h.visible && !h.text.trim().is_empty())
        .collect();
    // Per gap, what its line holds after it and where the line's text ends: neither changes
    // while the gaps settle (only their widths do), so both are found once.
    let kept: Vec<(usize, &crate::pdf::Glyph)> = glyphs
        .iter()
        .enumerate()
        .filter(|(i, h)| !removed.contains(i) && !h.text.trim().is_empty())
        .collect();
    let lines: Vec<(Vec<(usize, &crate::pdf::Glyph)>, f64)> = plan
        .gaps
        .iter()
        .map(|g| {
            let size = glyphs[g.last].size.max(0.1);
            let along = |p: (f64, f64)| (p.0 - g.start.0) * g.dir.0 + (p.1 - g.start.1) * g.dir.1;
            let across =
                |p: (f64, f64)| ((p.0 - g.start.0) * g.dir.1 - (p.1 - g.start.1) * g.dir.0).abs();
            let after = kept
                .iter()
                .filter(|(_, h)| {
                    across(h.origin) < 0.5 * size && along(h.origin) > g.width - 0.3 * size
                })
                .copied()
                .collect();
            let edge = shown
                .iter()
                .map(|h| along((h.origin.0 + h.advance.0, h.origin.1 + h.advance.1)))
                .fold(f64::MIN, f64::max);
            (after, edge)
        })
        .collect();
    for _ in 0..=plan.gaps.len() {
        let mut report = GapReport::default();
        for (key, edit) in removal_edits(content, &plan) {
            if let Some(ops) = ops_of.get(&key) {
                let (_, r) = rewrite_ops_report(ops, &edit);
                report.carried.extend(r.carried);
                report.shifted.extend(r.shifted);
                report.moved_ops.extend(r.moved_ops);
            }
        }
        let mut colliding = Vec::new();
        for (k, g) in plan.gaps.iter().enumerate() {
            let extra = g.class - g.width;
            if extra <= 1e-6 {
                continue;
            }
            let last = &glyphs[g.last];
            let size = last.size.max(0.1);
            let shift = report.shifted.get(&k).copied().unwrap_or(0.0) * g.ratio;
            let moved_ops = report.moved_ops.get(&k);
            let along = |p: (f64, f64)| (p.0 - g.start.0) * g.dir.0 + (p.1 - g.start.1) * g.dir.1;
            let (after, edge) = (&lines[k].0, lines[k].1);
            let is_moved = |i: usize, h: &crate::pdf::Glyph| {
                i > g.last
                    && h.prov.stream == last.prov.stream
                    && moved_ops.is_some_and(|m| m.contains(&h.prov.op_index))
            };
            // where the moved text (or the box) now ends
            let reach = after
                .iter()
                .filter(|(i, h)| is_moved(*i, h))
                .map(|(_, h)| along((h.origin.0 + h.advance.0, h.origin.1 + h.advance.1)))
                .fold(g.width, f64::max)
                + extra
                + shift;
            // (`edge`: the right edge of the page's text, along this line)
            if reach > edge + 0.05 * size
                || after.iter().any(|(i, h)| {
                    h.visible && !is_moved(*i, h) && along(h.origin) < reach - 0.05 * size
                })
            {
                colliding.push(k);
            }
        }
        if colliding.is_empty() {
            break;
        }
        // moving the text right would run it past the edge or into text that stays: round down
        // (the text moves left, into room the removed text leaves), or under one step keep the
        // removed width
        for k in colliding {
            let g = &mut plan.gaps[k];
            g.class = if g.class_down > 0.0 {
                g.class_down
            } else {
                g.width
            };
            g.extra = (g.class - g.width) / g.ratio;
        }
    }
    Ok(plan)
}

/// For every `BDC` in `ops` that is listed in `scrub`, a replacement properties operand without
/// /ActualText, /Alt and /E.
fn add_scrubs(
    doc: &Document,
    ops: &[Operation],
    resources: &Dictionary,
    key: Option<ObjectId>,
    scrub: &HashSet<(Option<ObjectId>, usize)>,
    edit: &mut StreamEdit,
) -> usize {
    let mut n = 0;
    for (k, i) in scrub {
        if *k != key {
            continue;
        }
        let Some(op) = ops.get(*i) else { continue };
        if op.operator != "BDC" || op.operands.len() != 2 {
            continue;
        }
        let props = match &op.operands[1] {
            Object::Name(name) => resources
                .get(b"Properties")
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
                .and_then(|p| p.get(name).ok())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
                .cloned(),
            other => doc
                .dereference(other)
                .ok()
                .and_then(|(_, o)| o.as_dict().ok())
                .cloned(),
        };
        let mut props = props.unwrap_or_default();
        for k in [&b"ActualText"[..], b"Alt", b"E"] {
            props.remove(k);
        }
        edit.replace_props.insert(*i, Object::Dictionary(props));
        n += 1;
    }
    n
}

/// The Form XObjects a resource dictionary lists: (name, form id).
fn listed_forms(doc: &Document, res: &Dictionary) -> Vec<(Vec<u8>, ObjectId)> {
    res.get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .map(|x| {
            x.iter()
                .filter_map(|(n, v)| v.as_reference().ok().map(|id| (n.clone(), id)))
                .filter(|(_, id)| form_resources(doc, *id).is_some() || is_form(doc, *id))
                .collect()
        })
        .unwrap_or_default()
}

fn is_form(doc: &Document, id: ObjectId) -> bool {
    doc.get_object(id)
        .ok()
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| s.dict.get(b"Subtype").ok())
        .and_then(|s| s.as_name().ok())
        == Some(b"Form")
}

/// `res` with its XObject entries pointed at `map`ped forms (None when nothing changes).
fn remap(
    doc: &Document,
    res: &Dictionary,
    map: &HashMap<ObjectId, ObjectId>,
) -> Option<Dictionary> {
    let mut xobjects = res
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .cloned()?;
    let mut changed = false;
    for (_, v) in xobjects.iter_mut() {
        if let Ok(id) = v.as_reference()
            && let Some(new_id) = map.get(&id)
        {
            *v = Object::Reference(*new_id);
            changed = true;
        }
    }
    changed.then(|| {
        let mut out = res.clone();
        out.set("XObject", Object::Dictionary(xobjects));
        out
    })
}

/// A copy of `res` whose XObject entries point at the rewritten forms, copying every form on the
/// way whose resources lead to a rewritten one (forms shared with other pages stay as they were).
///
/// Iterative and linear in the number of forms: resources that list the forms which use them (a
/// common producer pattern), or forms that list each other, are walked once.
fn redirect_resources(
    doc: &mut Document,
    res: &Dictionary,
    replaced: &HashMap<ObjectId, ObjectId>,
) -> Dictionary {
    // Forms reachable from `res` through resource dictionaries, and who lists whom.
    let mut listed_by: HashMap<ObjectId, Vec<ObjectId>> = HashMap::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut queue: Vec<ObjectId> = listed_forms(doc, res).into_iter().map(|f| f.1).collect();
    let mut reachable = Vec::new();
    while let Some(id) = queue.pop() {
        if !seen.insert(id) {
            continue;
        }
        reachable.push(id);
        // A rewritten form's copy holds the resources that matter from now on.
        let holder = replaced.get(&id).copied().unwrap_or(id);
        if let Some(inner) = form_resources(doc, holder) {
            for (_, child) in listed_forms(doc, &inner) {
                listed_by.entry(child).or_default().push(id);
                queue.push(child);
            }
        }
    }
    // Forms that lead to a rewritten one must be copied too.
    let mut dirty: HashSet<ObjectId> = reachable
        .iter()
        .filter(|id| replaced.contains_key(id))
        .copied()
        .collect();
    let mut work: Vec<ObjectId> = dirty.iter().copied().collect();
    while let Some(id) = work.pop() {
        for parent in listed_by.get(&id).into_iter().flatten() {
            if dirty.insert(*parent) {
                work.push(*parent);
            }
        }
    }
    let mut map: HashMap<ObjectId, ObjectId> = HashMap::new();
    let mut order: Vec<ObjectId> = dirty.into_iter().collect();
    order.sort();
    for id in &order {
        let new_id = match replaced.get(id) {
            Some(n) => *n,
            None => match doc.get_object(*id).and_then(Object::as_stream) {
                Ok(s) => {
                    let copy = s.clone();
                    doc.add_object(copy)
                }
                Err(_) => continue,
            },
        };
        map.insert(*id, new_id);
    }
    for new_id in map.values() {
        if let Some(inner) = form_resources(doc, *new_id)
            && let Some(redirected) = remap(doc, &inner, &map)
            && let Ok(s) = doc.get_object_mut(*new_id).and_then(Object::as_stream_mut)
        {
            s.dict.set("Resources", Object::Dictionary(redirected));
        }
    }
    remap(doc, res, &map).unwrap_or_else(|| res.clone())
}

fn form_resources(doc: &Document, id: ObjectId) -> Option<Dictionary> {
    let s = doc.get_object(id).ok()?.as_stream().ok()?;
    if s.dict.get(b"Subtype").ok()?.as_name().ok()? != b"Form" {
        return None;
    }
    let r = s.dict.get(b"Resources").ok()?;
    doc.dereference(r).ok()?.1.as_dict().ok().cloned()
}

/// Adds our label font to a (copied) resource dictionary; a shared /Font dictionary is copied.
fn add_label_font(doc: &Document, res: &mut Dictionary) {
    let mut fonts = res
        .get(b"Font")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .cloned()
        .unwrap_or_default();
    let mut helv = Dictionary::new();
    helv.set("Type", Object::Name(b"Font".to_vec()));
    helv.set("Subtype", Object::Name(b"Type1".to_vec()));
    helv.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    helv.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    fonts.set(LABEL_FONT.to_vec(), Object::Dictionary(helv));
    res.set("Font", Object::Dictionary(fonts));
}

fn num(v: f64) -> Object {
    Object::Real(((v * 1000.0).round() / 1000.0) as f32)
}

/// The `re` operator for a rectangle in user space.
fn rect_op(r: &Rect) -> Operation {
    Operation::new(
        "re",
        vec![num(r.x0), num(r.y0), num(r.width()), num(r.height())],
    )
}

/// Largest label font size on the box of an exempted page.
const EXEMPT_LABEL_SIZE: f64 = 28.0;

/// Replaces a page by a blank page of the same size carrying one labelled box (a page a reviewer
/// exempted: Niet openbaar). Everything the page drew or referred to goes: its content streams,
/// its resources (fonts, images, forms), its annotations, thumbnail, article beads, page-level
/// metadata and piece info; what is left unreferenced is not written by the save. Returns the
/// box in page space and whether its label fitted.
pub fn blank_page(
    doc: &mut Document,
    page_id: ObjectId,
    display: &Matrix,
    width: f64,
    height: f64,
    label: &str,
    style: &BoxStyle,
) -> Result<(Rect, bool), PdfError> {
    let margin = (width.min(height) * 0.08).clamp(6.0, 48.0);
    let rect = Rect::new(margin, margin, width - margin, height - margin);
    let to_user = display.invert().unwrap_or(Matrix::IDENTITY);
    let mut ops = Vec::new();
    let fits = draw_box_sized(&mut ops, &rect, label, &to_user, style, EXEMPT_LABEL_SIZE);
    let bytes = encode_ops(&ops).map_err(|reason| PdfError::Content { page: 0, reason })?;
    let mut stream = Stream::new(Dictionary::new(), bytes);
    crate::pdf::content::compress(&mut stream);
    let content_id = doc.add_object(stream);
    let mut resources = Dictionary::new();
    add_label_font(doc, &mut resources);
    let page = doc
        .get_dictionary_mut(page_id)
        .map_err(|e| PdfError::Damaged(format!("page: {e}")))?;
    for key in [
        &b"Annots"[..],
        b"AA",
        b"Thumb",
        b"B",
        b"PieceInfo",
        b"Metadata",
        b"SeparationInfo",
        b"StructParents",
        b"Tabs",
        b"Group",
    ] {
        page.remove(key);
    }
    page.set("Contents", Object::Reference(content_id));
    page.set("Resources", Object::Dictionary(resources));
    Ok((rect, fits))
}

/// Draws a filled box with its label; returns false when the label did not fit.
fn draw_box(
    out: &mut Vec<Operation>,
    rect: &Rect,
    label: &str,
    to_user: &Matrix,
    style: &BoxStyle,
) -> bool {
    draw_box_sized(out, rect, label, to_user, style, MAX_LABEL_SIZE)
}

/// [`draw_box`] with a largest label size.
fn draw_box_sized(
    out: &mut Vec<Operation>,
    rect: &Rect,
    label: &str,
    to_user: &Matrix,
    style: &BoxStyle,
    max_size: f64,
) -> bool {
    let a = to_user.apply(rect.x0, rect.y0);
    let b = to_user.apply(rect.x1, rect.y1);
    let user = Rect::new(a.0, a.1, b.0, b.1);
    out.push(Operation::new("q", vec![]));
    out.push(Operation::new(
        "rg",
        style.fill.iter().map(|c| num(*c)).collect(),
    ));
    out.push(rect_op(&user));
    out.push(Operation::new("f", vec![]));
    if style.frame {
        out.push(Operation::new(
            "RG",
            style.text.iter().map(|c| num(*c)).collect(),
        ));
        out.push(Operation::new("w", vec![num(0.5)]));
        out.push(rect_op(&user));
        out.push(Operation::new("S", vec![]));
    }
    let (w, h) = (rect.width(), rect.height());
    let unit = helvetica_width(label).max(0.01);
    let avail = (w - 1.0).max(0.0);
    // The largest size that fits the height; then smaller, down to MIN_LABEL_SIZE, to fit the
    // width; then condensed horizontally, down to MIN_LABEL_SCALE (a short name's box is narrow).
    let mut size = (h * 0.75).min(max_size);
    if unit * size > avail {
        size = (avail / unit).max(MIN_LABEL_SIZE).min(size);
    }
    let hscale = if unit * size > avail {
        avail / (unit * size)
    } else {
        1.0
    };
    let fits = size >= MIN_LABEL_SIZE && hscale >= MIN_LABEL_SCALE;
    if fits {
        let tw = unit * size * hscale;
        let (cx, cy) = ((rect.x0 + rect.x1) / 2.0, (rect.y0 + rect.y1) / 2.0);
        let origin = to_user.apply(cx - tw / 2.0, cy + 0.35 * size);
        let o = to_user.apply(0.0, 0.0);
        let ux = to_user.apply(1.0, 0.0);
        let vy = to_user.apply(0.0, -1.0);
        let tm = [
            ux.0 - o.0,
            ux.1 - o.1,
            vy.0 - o.0,
            vy.1 - o.1,
            origin.0,
            origin.1,
        ];
        out.push(Operation::new(
            "rg",
            style.text.iter().map(|c| num(*c)).collect(),
        ));
        out.push(Operation::new("BT", vec![]));
        out.push(Operation::new(
            "Tf",
            vec![Object::Name(LABEL_FONT.to_vec()), num(size)],
        ));
        out.push(Operation::new("Tm", tm.iter().map(|v| num(*v)).collect()));
        if hscale < 1.0 {
            out.push(Operation::new("Tz", vec![num(hscale * 100.0)]));
        }
        out.push(Operation::new(
            "Tj",
            vec![Object::String(
                label.as_bytes().to_vec(),
                StringFormat::Literal,
            )],
        ));
        out.push(Operation::new("ET", vec![]));
    }
    out.push(Operation::new("Q", vec![]));
    fits
}
