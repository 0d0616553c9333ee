//! The content-stream interpreter: graphics and text state over page content and Form XObjects, driving a [`Device`].
//!
//! Extraction, redaction planning and tests all run this one interpreter, so the glyph that
//! detection sees is exactly the glyph that redaction removes.

use super::content::{Op, TjElem, decode_ops};
use super::error::PdfError;
use super::font::{Font, FontKind};
use super::geom::{Matrix, Quad, Rect};
use super::glyph::{Glyph, Provenance, StreamRef};
use super::load::Limits;
use super::shapes::{PathTrack, Shape};
use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Deepest nesting of Form XObjects followed before giving up (a warning).
const MAX_FORM_DEPTH: usize = 24;

/// A font as a page uses it.
#[derive(Debug, Clone, Serialize)]
pub struct FontInfo {
    /// The resource name (`F1`).
    pub resource: String,
    /// The /BaseFont.
    pub base_font: String,
    /// Whether its Unicode mapping can be trusted.
    pub unicode_trusted: bool,
    /// The font object, when it is an indirect object.
    pub id: Option<(u32, u16)>,
}

/// An image drawn on a page (XObject or inline).
#[derive(Debug, Clone, Serialize)]
pub struct ImageUse {
    /// The stream holding the `Do` or `BI` operator.
    pub stream: StreamRef,
    /// Index of that operator.
    pub op_index: usize,
    /// The image XObject, when it is one (None for inline images).
    pub id: Option<(u32, u16)>,
    /// The unit square under the CTM, in page space.
    pub quad: Quad,
}

/// A marked-content span with /ActualText.
#[derive(Debug, Clone, Serialize)]
pub struct ActualText {
    /// The replacement text it declares.
    pub text: String,
    /// The stream holding the `BDC`.
    pub stream: StreamRef,
    /// Index of the `BDC` operator.
    pub op_index: usize,
}

/// Size and orientation of a page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PageGeometry {
    /// Default user space to page space (CropBox origin top-left, y down, rotation applied).
    pub display: Matrix,
    /// Displayed width in points.
    pub width: f64,
    /// Displayed height in points.
    pub height: f64,
    /// /Rotate, normalised to 0, 90, 180 or 270.
    pub rotate: i64,
    /// The CropBox in default user space.
    pub crop: Rect,
}

/// What the interpreter reports to.
pub trait Device {
    /// A glyph was shown.
    fn glyph(&mut self, glyph: Glyph);
    /// An image was drawn.
    fn image(&mut self, image: ImageUse);
    /// A font came into use; returns its index for [`Glyph::font`].
    fn font(&mut self, info: FontInfo) -> usize;
    /// A marked-content span with /ActualText began; returns its index.
    fn actual_text(&mut self, at: ActualText) -> usize;
    /// Something odd that a reviewer should know.
    fn warning(&mut self, message: String);
    /// A marked-content sequence carries /Alt or /E text (the default ignores it).
    fn marked_alt(&mut self, alt: ActualText) {
        let _ = alt;
    }
    /// Something on the page draws text the interpreter cannot read (a font set in a way it does
    /// not support, forms nested too deep, text in a tiling pattern): that text can be neither
    /// detected nor verified, so the page needs a person. The default records it as a warning.
    fn unreadable(&mut self, message: String) {
        self.warning(message);
    }
    /// The page content has `ops` operators (a capacity hint; the default ignores it).
    fn size_hint(&mut self, ops: usize) {
        let _ = ops;
    }
    /// A content stream drew `n` curve segments (`c`, `v`, `y`); the default ignores them.
    fn curves(&mut self, n: usize) {
        let _ = n;
    }
    /// A painting operator painted these subpaths (see [`super::shapes`]); the default ignores
    /// them.
    fn shapes(&mut self, shapes: Vec<Shape>, points: Vec<(f32, f32)>) {
        let _ = (shapes, points);
    }
}

/// Everything the interpreter saw on one page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageContent {
    /// 1-based page number.
    pub number: u32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Fonts in use.
    pub fonts: Vec<FontInfo>,
    /// Images drawn.
    pub images: Vec<ImageUse>,
    /// /ActualText spans.
    pub actual_texts: Vec<ActualText>,
    /// Marked-content sequences with /Alt or /E text (text: both, newline-separated).
    pub marked_alts: Vec<ActualText>,
    /// Oddities.
    pub warnings: Vec<String>,
    /// Text the interpreter could not read (see [`Device::unreadable`]); non-empty means the
    /// page cannot be passed as clean.
    pub unreadable: Vec<String>,
    /// Page geometry.
    pub geometry: Option<PageGeometry>,
    /// Curve segments drawn (page content and forms): text drawn as outlines shows up here.
    pub curves: usize,
    /// Painted subpaths and pattern fills (at most [`super::shapes::MAX_SHAPES`]): text drawn
    /// as outlines, strokes, clips or bitmap rectangles shows up here, and what a box hides.
    #[serde(skip)]
    pub shapes: Vec<Shape>,
    /// The points of the shapes (each shape's `points` index into them), at most
    /// [`super::shapes::MAX_POINTS`].
    #[serde(skip)]
    pub shape_points: Vec<(f32, f32)>,
    /// Some shapes' points were not kept (past [`super::shapes::MAX_POINTS`]).
    #[serde(skip)]
    pub points_dropped: bool,
}

impl Device for PageContent {
    fn glyph(&mut self, glyph: Glyph) {
        self.glyphs.push(glyph);
    }
    fn image(&mut self, image: ImageUse) {
        self.images.push(image);
    }
    fn font(&mut self, info: FontInfo) -> usize {
        self.fonts.push(info);
        self.fonts.len() - 1
    }
    fn actual_text(&mut self, at: ActualText) -> usize {
        self.actual_texts.push(at);
        self.actual_texts.len() - 1
    }
    fn warning(&mut self, message: String) {
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }
    fn marked_alt(&mut self, alt: ActualText) {
        self.marked_alts.push(alt);
    }
    fn unreadable(&mut self, message: String) {
        if !self.unreadable.contains(&message) {
            self.unreadable.push(message);
        }
    }
    fn size_hint(&mut self, ops: usize) {
        self.glyphs.reserve(ops.saturating_mul(2).min(1 << 20));
    }
    fn curves(&mut self, n: usize) {
        self.curves += n;
    }
    fn shapes(&mut self, shapes: Vec<Shape>, points: Vec<(f32, f32)>) {
        let room = super::shapes::MAX_SHAPES.saturating_sub(self.shapes.len());
        // points past the page's share are dropped: their shapes then count as not hidden,
        // and the page as having too many shapes to check (see `redact::paths`)
        let base = u32::try_from(self.shape_points.len()).unwrap_or(u32::MAX);
        let kept = self.shape_points.len() + points.len() <= super::shapes::MAX_POINTS;
        if kept {
            self.shape_points.extend(points);
        } else {
            self.points_dropped = true;
        }
        self.shapes
            .extend(shapes.into_iter().take(room).map(|mut s| {
                s.points = if kept {
                    (s.points.0.saturating_add(base), s.points.1)
                } else {
                    (0, 0)
                };
                s
            }));
    }
}

impl PageContent {
    /// True when the page draws images but no glyph at all: a scan without a text layer.
    pub fn has_no_text_layer(&self) -> bool {
        !self.images.is_empty() && self.glyphs.iter().all(|g| g.text.trim().is_empty())
    }

    /// True when some glyph came from a font whose Unicode mapping cannot be trusted.
    pub fn has_untrusted_text(&self) -> bool {
        self.glyphs
            .iter()
            .any(|g| self.fonts.get(g.font).is_some_and(|f| !f.unicode_trusted))
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<(Arc<Font>, usize)>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    render_mode: u8,
    fill_white: bool,
    fill_alpha: f64,
    fill_components: u8,
    /// The fill colour is a pattern (`/P1 scn`).
    fill_pattern: bool,
}

impl GState {
    fn new(ctm: Matrix) -> GState {
        GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
            fill_white: false,
            fill_alpha: 1.0,
            fill_components: 1,
            fill_pattern: false,
        }
    }
}

/// Fonts loaded from one document, by object id, or by content for a font dictionary written
/// in place (see [`FontKey`]).
#[derive(Default)]
pub struct FontCache(HashMap<FontKey, Arc<Font>>);

/// What identifies a loaded font.
#[derive(PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    /// A direct font dictionary, written out ([`direct_key`]): with the objects it refers to
    /// (which, like font objects, redaction never changes) it makes the font. Our box labels set
    /// one per box; some producers write every font so.
    Direct(Vec<u8>),
}

/// Appends a tag, the length of `b` and `b`.
fn tagged(out: &mut Vec<u8>, tag: u8, b: &[u8]) {
    out.push(tag);
    out.extend_from_slice(&(b.len() as u64).to_le_bytes());
    out.extend_from_slice(b);
}

/// The bytes of a direct object (each value tagged and sized, so two different objects never
/// give the same bytes; a reference as its object id), or `None` for a stream.
fn direct_key(o: &Object, out: &mut Vec<u8>) -> Option<()> {
    match o {
        Object::Null => out.push(0),
        Object::Boolean(b) => tagged(out, 1, &[u8::from(*b)]),
        Object::Integer(i) => tagged(out, 2, &i.to_le_bytes()),
        Object::Real(r) => tagged(out, 3, &r.to_le_bytes()),
        Object::Name(n) => tagged(out, 4, n),
        Object::String(s, _) => tagged(out, 5, s),
        Object::Array(a) => {
            tagged(out, 6, &(a.len() as u64).to_le_bytes());
            for v in a {
                direct_key(v, out)?;
            }
        }
        Object::Dictionary(d) => direct_dict_key(d, out)?,
        Object::Reference((n, g)) => {
            let mut id = n.to_le_bytes().to_vec();
            id.extend_from_slice(&g.to_le_bytes());
            tagged(out, 9, &id);
        }
        Object::Stream(_) => return None,
    }
    Some(())
}

/// [`direct_key`] of a dictionary.
fn direct_dict_key(d: &Dictionary, out: &mut Vec<u8>) -> Option<()> {
    tagged(out, 7, &(d.len() as u64).to_le_bytes());
    for (k, v) in d.iter() {
        tagged(out, 8, k);
        direct_key(v, out)?;
    }
    Some(())
}

/// Reads the pages of one document; caches fonts across its pages.
pub struct Interpreter<'d> {
    doc: &'d Document,
    limits: Limits,
    fonts: HashMap<FontKey, Arc<Font>>,
}

struct Frame<'r> {
    stream: StreamRef,
    resources: Option<&'r Dictionary>,
}

struct Run<'a, 'd, D: Device> {
    interp: &'a mut Interpreter<'d>,
    dev: &'a mut D,
    display: Matrix,
    font_index: HashMap<(Option<ObjectId>, Vec<u8>), usize>,
    form_stack: Vec<ObjectId>,
    warnings_budget: usize,
    /// 1-based page number, for errors.
    page: u32,
}

/// Follows /Parent links to find an inheritable page attribute.
pub fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut id = page_id;
    for _ in 0..64 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(v) = dict.get(key) {
            return Some(v);
        }
        id = dict.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn as_rect(doc: &Document, o: Option<&Object>) -> Option<Rect> {
    let arr = resolve(doc, o?).as_array().ok()?;
    if arr.len() != 4 {
        return None;
    }
    let v: Vec<f64> = arr
        .iter()
        .filter_map(|x| match resolve(doc, x) {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r as f64),
            _ => None,
        })
        .collect();
    (v.len() == 4).then(|| Rect::new(v[0], v[1], v[2], v[3]))
}

/// The geometry of a page: CropBox (default MediaBox, default Letter) and rotation.
pub fn page_geometry(doc: &Document, page_id: ObjectId) -> PageGeometry {
    let media = as_rect(doc, inherited(doc, page_id, b"MediaBox"))
        .unwrap_or(Rect::new(0.0, 0.0, 612.0, 792.0));
    let crop = as_rect(doc, inherited(doc, page_id, b"CropBox"))
        .map(|c| Rect {
            x0: c.x0.max(media.x0),
            y0: c.y0.max(media.y0),
            x1: c.x1.min(media.x1),
            y1: c.y1.min(media.y1),
        })
        .filter(|c| c.width() > 0.0 && c.height() > 0.0)
        .unwrap_or(media);
    let rotate = inherited(doc, page_id, b"Rotate")
        .and_then(|o| resolve(doc, o).as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    let rotate = (rotate / 90) * 90;
    let Rect { x0, y0, x1, y1 } = crop;
    let (display, width, height) = match rotate {
        90 => (
            Matrix([0.0, 1.0, 1.0, 0.0, -y0, -x0]),
            crop.height(),
            crop.width(),
        ),
        180 => (
            Matrix([-1.0, 0.0, 0.0, 1.0, x1, -y0]),
            crop.width(),
            crop.height(),
        ),
        270 => (
            Matrix([0.0, -1.0, -1.0, 0.0, y1, x1]),
            crop.height(),
            crop.width(),
        ),
        _ => (
            Matrix([1.0, 0.0, 0.0, -1.0, -x0, y1]),
            crop.width(),
            crop.height(),
        ),
    };
    PageGeometry {
        display,
        width,
        height,
        rotate,
        crop,
    }
}

/// The decompressed, concatenated content of a page, or an error naming the stream that fails.
pub fn page_content_bytes(
    doc: &Document,
    page_id: ObjectId,
    limits: &Limits,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for id in doc.get_page_contents(page_id) {
        let stream = doc
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|e| format!("content stream {} {} R is missing: {e}", id.0, id.1))?;
        let remaining = limits.max_page_content_bytes.saturating_sub(out.len());
        let data = stream
            .decompressed_content_with_limit(remaining)
            .map_err(|e| {
                format!(
                    "content stream {} {} R cannot be decompressed: {e}",
                    id.0, id.1
                )
            })?;
        out.extend_from_slice(&data);
        out.push(b'\n');
    }
    Ok(out)
}

/// The page's content as decoded operations (the stream [`StreamRef::Page`] refers to).
pub fn page_ops(
    doc: &Document,
    page_id: ObjectId,
    number: u32,
    limits: &Limits,
) -> Result<Vec<Operation>, PdfError> {
    let bytes = page_content_bytes(doc, page_id, limits).map_err(|reason| PdfError::Content {
        page: number,
        reason,
    })?;
    decode_ops(&bytes).map_err(|reason| PdfError::Content {
        page: number,
        reason,
    })
}

/// The page's resource dictionary (inherited through the page tree).
pub fn page_resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    inherited(doc, page_id, b"Resources").and_then(|o| resolve(doc, o).as_dict().ok())
}

impl<'d> Interpreter<'d> {
    /// An interpreter over `doc`.
    pub fn new(doc: &'d Document, limits: Limits) -> Self {
        Self::with_fonts(doc, limits, FontCache::default())
    }

    /// An interpreter that starts with fonts already loaded from the same document (font
    /// objects are never changed by redaction, so a cache can outlive one interpreter while
    /// the document is edited between pages).
    pub fn with_fonts(doc: &'d Document, limits: Limits, fonts: FontCache) -> Self {
        Interpreter {
            doc,
            limits,
            fonts: fonts.0,
        }
    }

    /// The fonts loaded so far, to hand to the next interpreter of the same document.
    pub fn into_fonts(self) -> FontCache {
        FontCache(self.fonts)
    }

    /// Interprets one page into a [`PageContent`].
    pub fn page(&mut self, number: u32, page_id: ObjectId) -> Result<PageContent, PdfError> {
        let mut content = PageContent {
            number,
            ..Default::default()
        };
        let geometry = self.run_page(number, page_id, &mut content)?;
        content.geometry = Some(geometry);
        Ok(content)
    }

    /// Interprets one page, reporting to `dev`.
    pub fn run_page<D: Device>(
        &mut self,
        number: u32,
        page_id: ObjectId,
        dev: &mut D,
    ) -> Result<PageGeometry, PdfError> {
        let doc = self.doc;
        let geometry = page_geometry(doc, page_id);
        let ops = page_ops(doc, page_id, number, &self.limits)?;
        let resources = page_resources(doc, page_id);
        dev.size_hint(ops.len());
        let mut run = Run {
            interp: self,
            dev,
            display: geometry.display,
            font_index: HashMap::new(),
            form_stack: Vec::new(),
            warnings_budget: 50,
            page: number,
        };
        let frame = Frame {
            stream: StreamRef::Page,
            resources,
        };
        run.ops(&ops, &frame, GState::new(Matrix::IDENTITY), &[])?;
        Ok(geometry)
    }

    fn font(
        &mut self,
        id: Option<ObjectId>,
        dict: &Dictionary,
        dev: &mut impl Device,
    ) -> Arc<Font> {
        let key = match id {
            Some(id) => Some(FontKey::Object(id)),
            None => {
                let mut k = Vec::new();
                direct_dict_key(dict, &mut k).map(|()| FontKey::Direct(k))
            }
        };
        if let Some(f) = key.as_ref().and_then(|k| self.fonts.get(k)) {
            return f.clone();
        }
        let (font, warnings) = Font::load(self.doc, dict);
        for w in warnings {
            dev.warning(format!("font {}: {}", font.base_font, w.0));
        }
        let font = Arc::new(font);
        if let Some(key) = key {
            self.fonts.insert(key, font.clone());
        }
        font
    }
}

fn lookup<'r>(
    doc: &'r Document,
    resources: Option<&'r Dictionary>,
    category: &[u8],
    name: &[u8],
) -> Option<(Option<ObjectId>, &'r Object)> {
    let cat = resolve(doc, resources?.get(category).ok()?)
        .as_dict()
        .ok()?;
    let entry = cat.get(name).ok()?;
    match entry {
        Object::Reference(id) => doc.get_object(*id).ok().map(|o| (Some(*id), o)),
        other => Some((None, other)),
    }
}

fn is_white(components: &[f64], n: u8) -> bool {
    match (n, components) {
        (4, [c, m, y, k]) => c.max(*m).max(*y).max(*k) < 0.02,
        (_, [g]) => *g > 0.98,
        (_, [r, g, b]) => r.min(*g).min(*b) > 0.98,
        _ => false,
    }
}

impl<'a, 'd, D: Device> Run<'a, 'd, D> {
    /// Text that cannot be read: the page needs a person.
    fn lost(&mut self, msg: String) {
        self.dev.unreadable(msg);
    }

    fn warn(&mut self, msg: String) {
        if self.warnings_budget > 0 {
            self.warnings_budget -= 1;
            self.dev.warning(msg);
        }
    }

    fn ops(
        &mut self,
        ops: &[Operation],
        frame: &Frame<'d>,
        start: GState,
        invoked_by: &[usize],
    ) -> Result<(), PdfError> {
        let doc = self.interp.doc;
        let curves = ops
            .iter()
            .filter(|o| matches!(o.operator.as_str(), "c" | "v" | "y"))
            .count();
        if curves > 0 {
            self.dev.curves(curves);
        }
        if pattern_draws_text(doc, frame.resources, &self.interp.limits) {
            self.lost("a tiling pattern here draws text, which is not read".into());
        }
        let mut gs = start;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Marked content: for each open sequence, (ActualText index, MCID).
        let mut marked: Vec<(Option<usize>, Option<i64>)> = Vec::new();
        let mut path = PathTrack::default();
        for (index, operation) in ops.iter().enumerate() {
            let op = Op::parse(operation);
            if matches!(op, Op::Other) && operation.operator.len() <= 2 {
                let mut painted = path.op(
                    index,
                    &operation.operator,
                    &operation.operands,
                    &gs.ctm,
                    &self.display,
                    gs.fill_pattern,
                );
                if !painted.is_empty() {
                    if let StreamRef::Form { id, .. } = &frame.stream {
                        for s in &mut painted {
                            s.path.stream = Some(*id);
                        }
                    }
                    self.dev.shapes(painted, path.take_points());
                }
            }
            match op {
                Op::Save => {
                    if stack.len() < 1024 {
                        stack.push(gs.clone());
                    }
                }
                Op::Restore => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                Op::Concat(m) => gs.ctm = m.then(&gs.ctm),
                Op::BeginText => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                Op::EndText => {}
                Op::SetFont(name, size) => {
                    gs.size = size;
                    gs.font = self.font_for(frame, name);
                    if gs.font.is_none() {
                        self.warn(format!(
                            "font resource /{} is missing",
                            String::from_utf8_lossy(name)
                        ));
                    }
                }
                Op::CharSpacing(v) => gs.char_spacing = v,
                Op::WordSpacing(v) => gs.word_spacing = v,
                Op::HScale(v) => gs.hscale = v / 100.0,
                Op::Leading(v) => gs.leading = v,
                Op::Rise(v) => gs.rise = v,
                Op::RenderMode(v) => gs.render_mode = v.clamp(0, 7) as u8,
                Op::MoveText(x, y) => {
                    tlm = Matrix::translate(x, y).then(&tlm);
                    tm = tlm;
                }
                Op::MoveTextSetLeading(x, y) => {
                    gs.leading = -y;
                    tlm = Matrix::translate(x, y).then(&tlm);
                    tm = tlm;
                }
                Op::SetTextMatrix(m) => {
                    tlm = m;
                    tm = m;
                }
                Op::NextLine => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                Op::Show(s) => self.show(frame, &gs, &mut tm, s, index, 0, &marked),
                Op::ShowArray(elems) => {
                    for (ei, e) in elems.iter().enumerate() {
                        match *e {
                            TjElem::Str(s) => self.show(frame, &gs, &mut tm, s, index, ei, &marked),
                            TjElem::Adjust(adj) => advance(&mut tm, &gs, -adj / 1000.0 * gs.size),
                        }
                    }
                }
                Op::NextLineShow(s) => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    self.show(frame, &gs, &mut tm, s, index, 0, &marked);
                }
                Op::NextLineShowSpaced(aw, ac, s) => {
                    gs.word_spacing = aw;
                    gs.char_spacing = ac;
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    self.show(frame, &gs, &mut tm, s, index, 0, &marked);
                }
                Op::BeginMarked(_) => marked.push((inner_actual(&marked), inner_mcid(&marked))),
                Op::BeginMarkedProps(_, props) => {
                    let dict = match props {
                        Object::Name(n) => lookup(doc, frame.resources, b"Properties", n)
                            .and_then(|(_, o)| o.as_dict().ok()),
                        other => resolve(doc, other).as_dict().ok(),
                    };
                    let mcid = dict
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|o| o.as_i64().ok());
                    let actual = dict
                        .and_then(|d| d.get(b"ActualText").ok())
                        .map(|o| resolve(doc, o));
                    let at_index = match actual {
                        Some(o) => {
                            let text = lopdf::decode_text_string(o).unwrap_or_default();
                            Some(self.dev.actual_text(ActualText {
                                text,
                                stream: frame.stream.clone(),
                                op_index: index,
                            }))
                        }
                        None => inner_actual(&marked),
                    };
                    // /Alt and /E hold a second copy of text (alternate description, expansion):
                    // reported so they can be checked and scrubbed like /ActualText.
                    let extra: Vec<String> = [&b"Alt"[..], b"E"]
                        .iter()
                        .filter_map(|k| dict.and_then(|d| d.get(k).ok()))
                        .filter_map(|o| lopdf::decode_text_string(resolve(doc, o)).ok())
                        .collect();
                    if !extra.is_empty() {
                        self.dev.marked_alt(ActualText {
                            text: extra.join("\n"),
                            stream: frame.stream.clone(),
                            op_index: index,
                        });
                    }
                    marked.push((at_index, mcid.or(inner_mcid(&marked))));
                }
                Op::EndMarked => {
                    marked.pop();
                }
                Op::XObject(name) => self.xobject(frame, &gs, name, index, invoked_by)?,
                Op::InlineImage(img) => {
                    if ambiguous_inline_data(&img.content) {
                        self.lost(
                            "an inline image's data holds 'EI': readers may disagree where it ends and read its bytes as content".into(),
                        );
                    }
                    let quad = Quad::from_box(&gs.ctm.then(&self.display), 0.0, 0.0, 1.0, 1.0);
                    self.dev.image(ImageUse {
                        stream: frame.stream.clone(),
                        op_index: index,
                        id: None,
                        quad,
                    });
                }
                Op::ExtGState(name) => {
                    if let Some((_, o)) = lookup(doc, frame.resources, b"ExtGState", name)
                        && let Ok(d) = resolve(doc, o).as_dict()
                    {
                        if let Some(ca) = d.get(b"ca").ok().and_then(|o| o.as_float().ok()) {
                            gs.fill_alpha = ca as f64;
                        }
                        if soft_mask_draws_text(doc, d, &self.interp.limits) {
                            self.lost(
                                "a soft mask here draws text or forms, which are not read".into(),
                            );
                        }
                        if let Ok(font) = d.get(b"Font").and_then(|o| resolve(doc, o).as_array())
                            && font.len() == 2
                        {
                            // `/Font [ref size]` in an ExtGState works like Tf.
                            let id = font[0].as_reference().ok();
                            let size = match resolve(doc, &font[1]) {
                                Object::Integer(i) => Some(*i as f64),
                                Object::Real(r) => Some(*r as f64),
                                _ => None,
                            };
                            match (
                                self.register_font(id, resolve(doc, &font[0]), b"(gs /Font)"),
                                size,
                            ) {
                                (Some(f), Some(size)) => {
                                    gs.font = Some(f);
                                    gs.size = size;
                                }
                                _ => {
                                    self.lost("an ExtGState sets a font that cannot be read".into())
                                }
                            }
                        }
                    }
                }
                Op::FillGray(g) => {
                    gs.fill_pattern = false;
                    gs.fill_components = 1;
                    gs.fill_white = is_white(&[g], 1);
                }
                Op::FillRgb(r, g, b) => {
                    gs.fill_pattern = false;
                    gs.fill_components = 3;
                    gs.fill_white = is_white(&[r, g, b], 3);
                }
                Op::FillCmyk(c, m, y, k) => {
                    gs.fill_pattern = false;
                    gs.fill_components = 4;
                    gs.fill_white = is_white(&[c, m, y, k], 4);
                }
                Op::FillSpace(n) => {
                    gs.fill_pattern = false;
                    gs.fill_components = match n {
                        b"DeviceRGB" | b"CalRGB" => 3,
                        b"DeviceCMYK" => 4,
                        _ => 1,
                    };
                    gs.fill_white = false;
                }
                Op::FillColor(c) => {
                    // `/P1 scn` (or `0.5 /P1 scn` for an uncoloured pattern) names a pattern.
                    gs.fill_pattern = matches!(operation.operands.last(), Some(Object::Name(_)));
                    gs.fill_white = !gs.fill_pattern && is_white(&c, gs.fill_components);
                }
                Op::Other => {}
            }
        }
        Ok(())
    }

    fn font_for(&mut self, frame: &Frame<'d>, name: &[u8]) -> Option<(Arc<Font>, usize)> {
        let doc = self.interp.doc;
        let (id, obj) = lookup(doc, frame.resources, b"Font", name)?;
        self.register_font(id, resolve(doc, obj), name)
    }

    /// Loads (cached) and registers a font dictionary; `name` is how the page refers to it.
    fn register_font(
        &mut self,
        id: Option<ObjectId>,
        obj: &'d Object,
        name: &[u8],
    ) -> Option<(Arc<Font>, usize)> {
        let dict = obj.as_dict().ok()?;
        let font = self.interp.font(id, dict, self.dev);
        let key = (id, name.to_vec());
        let index = match self.font_index.get(&key) {
            Some(i) => *i,
            None => {
                if font.kind() == FontKind::Type3
                    && type3_draws_text(self.interp.doc, dict, &self.interp.limits)
                {
                    self.lost(format!(
                        "Type3 font {} draws text inside its glyphs, which is not read",
                        font.base_font
                    ));
                }
                let i = self.dev.font(FontInfo {
                    resource: String::from_utf8_lossy(name).into_owned(),
                    base_font: font.base_font.clone(),
                    unicode_trusted: font.unicode_trusted(),
                    id,
                });
                self.font_index.insert(key, i);
                i
            }
        };
        Some((font, index))
    }

    #[allow(clippy::too_many_arguments)]
    fn show(
        &mut self,
        frame: &Frame<'d>,
        gs: &GState,
        tm: &mut Matrix,
        s: &[u8],
        op_index: usize,
        elem_index: usize,
        marked: &[(Option<usize>, Option<i64>)],
    ) {
        let Some((font, font_index)) = gs.font.clone() else {
            if !s.is_empty() {
                self.lost("text shown without a font (Tf missing): it cannot be read".into());
            }
            return;
        };
        let vertical = font.is_vertical();
        let (ascent, descent) = (font.ascent(), font.descent());
        let visible = !matches!(gs.render_mode, 3 | 7) && gs.fill_alpha > 0.0;
        // Constant over the string: CTM into page space, and the font-size part of Trm.
        let ctm_page = gs.ctm.then(&self.display);
        let trm_base = Matrix([gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise]);
        let dev = &mut *self.dev;
        font.decode_with(s, |code| {
            let text_to_page = tm.then(&ctm_page);
            let to_page = trm_base.then(&text_to_page);
            let w = code.width;
            let spacing = gs.char_spacing
                + if code.is_word_space {
                    gs.word_spacing
                } else {
                    0.0
                };
            let (quad, adv_text) = if vertical {
                let q = Quad::from_box(&to_page, -0.5, -w.abs(), 0.5, 0.0);
                (q, (0.0, -(w.abs() * gs.size + spacing)))
            } else {
                let q = Quad::from_box(&to_page, 0.0, descent, w, ascent);
                (q, ((w * gs.size + spacing) * gs.hscale, 0.0))
            };
            let origin = to_page.apply(0.0, 0.0);
            let end = text_to_page.apply(adv_text.0, adv_text.1);
            let o2 = text_to_page.apply(0.0, 0.0);
            let [_, _, c, d, _, _] = to_page.0;
            let (at, mcid) = marked.last().copied().unwrap_or((None, None));
            dev.glyph(Glyph {
                text: code.unicode,
                quad,
                origin,
                advance: (end.0 - o2.0, end.1 - o2.1),
                size: (c * c + d * d).sqrt(),
                render_mode: gs.render_mode,
                visible,
                white_fill: gs.fill_white,
                font: font_index,
                actual_text: at,
                mcid,
                tx: if vertical {
                    adv_text.1.abs()
                } else {
                    adv_text.0
                },
                adjust_unit: if vertical {
                    gs.size
                } else {
                    gs.size * gs.hscale
                },
                prov: Provenance {
                    stream: frame.stream.clone(),
                    op_index,
                    elem_index,
                    byte_start: code.start,
                    byte_len: code.len,
                    code: code.code,
                },
            });
            *tm = Matrix::translate(adv_text.0, adv_text.1).then(tm);
        });
    }

    fn xobject(
        &mut self,
        frame: &Frame<'d>,
        gs: &GState,
        name: &[u8],
        index: usize,
        invoked_by: &[usize],
    ) -> Result<(), PdfError> {
        let doc = self.interp.doc;
        let Some((id, obj)) = lookup(doc, frame.resources, b"XObject", name) else {
            self.warn(format!(
                "XObject /{} is missing",
                String::from_utf8_lossy(name)
            ));
            return Ok(());
        };
        let Ok(stream) = obj.as_stream() else {
            self.warn(format!(
                "XObject /{} is not a stream",
                String::from_utf8_lossy(name)
            ));
            return Ok(());
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok());
        match subtype {
            Some(b"Image") => {
                let quad = Quad::from_box(&gs.ctm.then(&self.display), 0.0, 0.0, 1.0, 1.0);
                self.dev.image(ImageUse {
                    stream: frame.stream.clone(),
                    op_index: index,
                    id,
                    quad,
                });
            }
            Some(b"Form") => {
                let Some(fid) = id else {
                    self.lost("a Form XObject without object id is not read".into());
                    return Ok(());
                };
                if self.form_stack.contains(&fid) || self.form_stack.len() >= MAX_FORM_DEPTH {
                    self.lost(format!(
                        "Form XObject {} {} R is nested in itself or deeper than {MAX_FORM_DEPTH}: not read",
                        fid.0, fid.1
                    ));
                    return Ok(());
                }
                let bytes = stream
                    .decompressed_content_with_limit(self.interp.limits.max_page_content_bytes)
                    .map_err(|e| PdfError::Content {
                        page: self.page,
                        reason: format!("form {} {} R cannot be decompressed: {e}", fid.0, fid.1),
                    })?;
                let ops = decode_ops(&bytes).map_err(|e| PdfError::Content {
                    page: self.page,
                    reason: format!("form {} {} R: {e}", fid.0, fid.1),
                })?;
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| {
                        let v: Vec<f64> = a
                            .iter()
                            .filter_map(|x| x.as_float().ok().map(|f| f as f64))
                            .collect();
                        (v.len() == 6).then(|| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
                    })
                    .unwrap_or(Matrix::IDENTITY);
                let resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| resolve(doc, o).as_dict().ok())
                    .or(frame.resources);
                let mut chain = invoked_by.to_vec();
                chain.push(index);
                let sub = Frame {
                    stream: StreamRef::Form {
                        id: fid,
                        invoked_by: chain.clone(),
                    },
                    resources,
                };
                let mut inner = gs.clone();
                inner.ctm = matrix.then(&gs.ctm);
                self.form_stack.push(fid);
                let result = self.ops(&ops, &sub, inner, &chain);
                self.form_stack.pop();
                result?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// True when inline image data holds `EI` between white space (or at its end), where a reader
/// that looks for the end marker instead of counting bytes stops early and reads the rest as
/// operators.
fn ambiguous_inline_data(data: &[u8]) -> bool {
    data.windows(2).enumerate().any(|(i, w)| {
        w == b"EI"
            && (i == 0 || data[i - 1].is_ascii_whitespace())
            && data
                .get(i + 2)
                .is_none_or(|c| c.is_ascii_whitespace() || b"/[<(".contains(c))
    })
}

/// True when a content stream shows text (or cannot be decoded, which counts as the worst
/// case), or invokes a Form XObject (looked up in `resources`; an unknown name counts): a form invoked from a pattern, a glyph procedure or a
/// soft mask is not entered, so whatever it draws is not read. Images (`Do` of an image) are
/// fine.
fn shows_text_in(
    doc: Option<&Document>,
    data: Option<Vec<u8>>,
    resources: Option<&Dictionary>,
) -> bool {
    let Some(data) = data else { return true };
    decode_ops(&data).map_or(true, |ops| {
        ops.iter().any(|o| match o.operator.as_str() {
            "Tj" | "TJ" | "'" | "\"" => true,
            "Do" => {
                let Some(doc) = doc else { return false };
                let Some(name) = o.operands.first().and_then(|n| n.as_name().ok()) else {
                    return true;
                };
                let xobj = resources
                    .and_then(|r| r.get(b"XObject").ok())
                    .and_then(|x| resolve(doc, x).as_dict().ok())
                    .and_then(|x| x.get(name).ok())
                    .map(|x| resolve(doc, x));
                match xobj {
                    Some(Object::Stream(st)) => {
                        st.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image")
                    }
                    _ => true,
                }
            }
            _ => false,
        })
    })
}

fn own_resources<'a>(doc: &'a Document, d: &'a Dictionary) -> Option<&'a Dictionary> {
    d.get(b"Resources")
        .ok()
        .and_then(|r| resolve(doc, r).as_dict().ok())
}

/// True when a soft mask set by an ExtGState is a group whose content draws text or forms.
fn soft_mask_draws_text(doc: &Document, gs: &Dictionary, limits: &Limits) -> bool {
    let Ok(mask) = gs.get(b"SMask").map(|o| resolve(doc, o)) else {
        return false;
    };
    let Ok(mask) = mask.as_dict() else {
        return false;
    };
    let Ok(group) = mask.get(b"G").map(|o| resolve(doc, o)) else {
        return false;
    };
    group.as_stream().is_ok_and(|s| {
        shows_text_in(
            Some(doc),
            s.decompressed_content_with_limit(limits.max_page_content_bytes)
                .ok(),
            own_resources(doc, &s.dict),
        )
    })
}

/// True when a glyph procedure of a Type3 font shows text itself.
fn type3_draws_text(doc: &Document, font: &Dictionary, limits: &Limits) -> bool {
    let Some(procs) = font
        .get(b"CharProcs")
        .ok()
        .and_then(|o| resolve(doc, o).as_dict().ok())
    else {
        return false;
    };
    let res = own_resources(doc, font);
    procs.iter().any(|(_, p)| {
        resolve(doc, p).as_stream().is_ok_and(|s| {
            shows_text_in(
                Some(doc),
                s.decompressed_content_with_limit(limits.max_page_content_bytes)
                    .ok(),
                res,
            )
        })
    })
}

/// True when a tiling pattern in `resources` has a content stream that shows text.
fn pattern_draws_text(doc: &Document, resources: Option<&Dictionary>, limits: &Limits) -> bool {
    let Some(patterns) = resources
        .and_then(|r| r.get(b"Pattern").ok())
        .and_then(|o| resolve(doc, o).as_dict().ok())
    else {
        return false;
    };
    patterns.iter().any(|(_, p)| {
        let Ok(stream) = resolve(doc, p).as_stream() else {
            return false;
        };
        shows_text_in(
            Some(doc),
            stream
                .decompressed_content_with_limit(limits.max_page_content_bytes)
                .ok(),
            own_resources(doc, &stream.dict),
        )
    })
}

fn inner_actual(marked: &[(Option<usize>, Option<i64>)]) -> Option<usize> {
    marked.last().and_then(|m| m.0)
}

fn inner_mcid(marked: &[(Option<usize>, Option<i64>)]) -> Option<i64> {
    marked.last().and_then(|m| m.1)
}

/// Moves the text matrix by a TJ adjustment already scaled to text space (`-adj/1000 * size`).
fn advance(tm: &mut Matrix, gs: &GState, amount: f64) {
    let (tx, ty) = if gs.font.as_ref().is_some_and(|f| f.0.is_vertical()) {
        (0.0, amount)
    } else {
        (amount * gs.hscale, 0.0)
    };
    *tm = Matrix::translate(tx, ty).then(tm);
}
