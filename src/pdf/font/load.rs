//! Reading font dictionaries (simple, Type3, Type0) into the precomputed tables of the font model.

use std::collections::{BTreeSet, HashMap};

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CMap, CidRange, CodespaceRange, UnicodeMap};
use super::glyphs::{glyph_to_unicode, named_encoding, standard_14, standard_encoding};
use super::tables::Afm;
use super::{
    CidMapping, CidWidths, Composite, Encoder, Font, FontKind, FontWarning, SimpleEntry,
    VerticalMetrics,
};

/// Largest decompressed font-related stream we read (CMaps, Type1 headers).
const MAX_STREAM: usize = 32 << 20;
/// CIDs below this get a dense width table.
const DENSE_CIDS: u32 = 65536;
const DEFAULT_MATRIX: [f64; 6] = [0.001, 0.0, 0.0, 0.001, 0.0, 0.0];
/// Glyphs that all read as one letter or digit from which a font's text is not trusted (in a
/// simple font, small caps and other variants of one glyph name count once).
const SAME_TEXT_GLYPHS: usize = 3;

struct Ctx<'a> {
    doc: &'a Document,
    warnings: Vec<FontWarning>,
}

impl<'a> Ctx<'a> {
    fn warn(&mut self, msg: impl Into<String>) {
        self.warnings.push(FontWarning(msg.into()));
    }

    fn deref(&self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    fn get(&self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        dict.get(key).ok().and_then(|o| self.deref(o))
    }

    fn get_dict(&self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
        match self.get(dict, key)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    fn get_num(&self, dict: &'a Dictionary, key: &[u8]) -> Option<f64> {
        self.get(dict, key).and_then(num)
    }

    fn get_array(&self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
        match self.get(dict, key)? {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    fn nums(&self, arr: &'a [Object]) -> Vec<Option<f64>> {
        arr.iter().map(|o| self.deref(o).and_then(num)).collect()
    }

    /// Decoded bytes of a stream object (after dereferencing).
    fn stream_bytes(&mut self, o: &'a Object, what: &str) -> Option<Vec<u8>> {
        match self.deref(o)? {
            Object::Stream(s) => {
                let filtered = s.dict.get(b"Filter").is_ok();
                let res = if filtered {
                    s.decompressed_content_with_limit(MAX_STREAM)
                } else {
                    Ok(s.content.clone())
                };
                match res {
                    Ok(b) => Some(b),
                    Err(e) => {
                        self.warn(format!("{what}: stream cannot be decoded ({e})"));
                        None
                    }
                }
            }
            _ => {
                self.warn(format!("{what}: not a stream"));
                None
            }
        }
    }

    /// Reads /ToUnicode; None when absent. Some(None) when present but unusable.
    fn read_to_unicode(&mut self, dict: &'a Dictionary) -> Option<Option<CMap>> {
        let obj = dict.get(b"ToUnicode").ok()?;
        if let Some(Object::Name(n)) = self.deref(obj) {
            self.warn(format!(
                "ToUnicode is the name /{} (ignored)",
                String::from_utf8_lossy(n)
            ));
            return Some(None);
        }
        let Some(bytes) = self.stream_bytes(obj, "ToUnicode") else {
            return Some(None);
        };
        let cmap = CMap::parse(&bytes);
        for w in &cmap.warnings {
            self.warn(format!("ToUnicode: {w}"));
        }
        if cmap.unicode.is_empty() {
            self.warn("ToUnicode has no usable mapping");
            return Some(None);
        }
        Some(Some(cmap))
    }
}

fn num(o: &Object) -> Option<f64> {
    o.as_float().ok().map(f64::from).filter(|v| v.is_finite())
}

fn name_str(o: &Object) -> Option<String> {
    o.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Reads a font dictionary; never fails.
pub(super) fn load(doc: &Document, dict: &Dictionary) -> (Font, Vec<FontWarning>) {
    let mut cx = Ctx {
        doc,
        warnings: Vec::new(),
    };
    let base_font = cx
        .get(dict, b"BaseFont")
        .and_then(name_str)
        .unwrap_or_default();
    let kind = match cx.get(dict, b"Subtype").and_then(|o| o.as_name().ok()) {
        Some(b"Type1") => FontKind::Type1,
        Some(b"MMType1") => FontKind::MMType1,
        Some(b"TrueType") => FontKind::TrueType,
        Some(b"Type3") => FontKind::Type3,
        Some(b"Type0") => FontKind::Type0,
        other => {
            let s = other
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            cx.warn(format!("unknown font subtype '{s}', read as a simple font"));
            FontKind::Unknown
        }
    };
    let font = if kind == FontKind::Type0 {
        load_type0(&mut cx, dict, base_font)
    } else {
        load_simple(&mut cx, dict, kind, base_font)
    };
    (font, cx.warnings)
}

/// Ascent and descent in text space per unit font size: descriptor, FontBBox, AFM, default.
fn vertical_extent<'a>(
    cx: &mut Ctx<'a>,
    descriptor: Option<&'a Dictionary>,
    afm: Option<&Afm>,
    scale_y: f64,
) -> (f64, f64) {
    let sane = |a: f64, d: f64| a > 0.2 && a <= 2.5 && (-1.5..=0.0).contains(&d);
    let mut candidates: Vec<(f64, f64, &str)> = Vec::new();
    let fix_descent = |d: f64| if d > 0.0 { -d } else { d };
    // Divide by 1000 for ordinary fonts so that 700 gives exactly 0.7.
    let scale = |v: f64| {
        if scale_y == 0.001 {
            v / 1000.0
        } else {
            v * scale_y
        }
    };
    if let Some(desc) = descriptor {
        if let (Some(a), Some(d)) = (cx.get_num(desc, b"Ascent"), cx.get_num(desc, b"Descent")) {
            candidates.push((scale(a), fix_descent(scale(d)), "/Ascent /Descent"));
        }
        if let Some(bb) = cx.get_array(desc, b"FontBBox") {
            let v = cx.nums(bb);
            if let [_, Some(y0), _, Some(y1)] = v[..] {
                candidates.push((
                    y1 * scale_y,
                    fix_descent(y0 * scale_y),
                    "descriptor /FontBBox",
                ));
            }
        }
    }
    if let Some(afm) = afm {
        candidates.push((
            f64::from(afm.ascent) / 1000.0,
            f64::from(afm.descent) / 1000.0,
            "AFM",
        ));
    }
    for (a, d, what) in candidates.iter() {
        if sane(*a, *d) {
            return (*a, *d);
        }
        if *a != 0.0 || *d != 0.0 {
            cx.warn(format!(
                "implausible ascent/descent {a:.3}/{d:.3} from {what}"
            ));
        }
    }
    (0.8, -0.2)
}

/// The FontFile of a descriptor, if any, and whether any font program is embedded.
fn embedded<'a>(cx: &Ctx<'a>, descriptor: Option<&'a Dictionary>) -> bool {
    descriptor.is_some_and(|d| {
        [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| cx.get(d, k).is_some())
    })
}

/// The built-in encoding of an embedded Type1 font program (cleartext part), if it has one.
fn type1_builtin_encoding<'a>(
    cx: &mut Ctx<'a>,
    descriptor: Option<&'a Dictionary>,
) -> Option<Vec<String>> {
    let obj = descriptor?.get(b"FontFile").ok()?;
    let bytes = cx.stream_bytes(obj, "FontFile")?;
    let end = find(&bytes, b"eexec").unwrap_or(bytes.len());
    let head = &bytes[..end];
    let at = find(head, b"/Encoding")?;
    let rest = &head[at + 9..];
    let text = String::from_utf8_lossy(rest);
    let words: Vec<&str> = text.split_whitespace().take(4096).collect();
    if words.first() == Some(&"StandardEncoding") {
        return Some(standard_encoding().iter().map(|s| s.to_string()).collect());
    }
    let mut names = vec![String::new(); 256];
    let mut found = false;
    for w in words.windows(4) {
        if w[0] == "dup"
            && w[3] == "put"
            && let (Ok(code), Some(name)) = (w[1].parse::<usize>(), w[2].strip_prefix('/'))
            && code < 256
        {
            names[code] = name.to_string();
            found = true;
        }
        if w[0] == "readonly" || w[0] == "def" && found {
            break;
        }
    }
    found.then_some(names)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn font_matrix<'a>(cx: &mut Ctx<'a>, dict: &'a Dictionary) -> [f64; 6] {
    let Some(arr) = cx.get_array(dict, b"FontMatrix") else {
        cx.warn("Type3 font without /FontMatrix; using 0.001");
        return DEFAULT_MATRIX;
    };
    let v = cx.nums(arr);
    match v[..] {
        [Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)] if a != 0.0 && d != 0.0 => {
            [a, b, c, d, e, f]
        }
        _ => {
            cx.warn("bad /FontMatrix; using 0.001");
            DEFAULT_MATRIX
        }
    }
}

fn load_simple<'a>(
    cx: &mut Ctx<'a>,
    dict: &'a Dictionary,
    kind: FontKind,
    base_font: String,
) -> Font {
    let is_type3 = kind == FontKind::Type3;
    let matrix = if is_type3 {
        font_matrix(cx, dict)
    } else {
        DEFAULT_MATRIX
    };
    let afm = if is_type3 {
        None
    } else {
        standard_14(&base_font)
    };
    let descriptor = cx.get_dict(dict, b"FontDescriptor");
    let flags = descriptor
        .and_then(|d| cx.get_num(d, b"Flags"))
        .unwrap_or(0.0) as i64;
    let symbolic = flags & 4 != 0 && flags & 32 == 0;
    let is_embedded = embedded(cx, descriptor);

    // Encoding: base table, then /Differences.
    let enc_obj = cx.get(dict, b"Encoding");
    let (base_name, differences): (Option<Vec<u8>>, Option<&[Object]>) = match enc_obj {
        Some(Object::Name(n)) => (Some(n.clone()), None),
        Some(Object::Dictionary(d)) => (
            cx.get(d, b"BaseEncoding")
                .and_then(|o| o.as_name().ok())
                .map(<[u8]>::to_vec),
            cx.get_array(d, b"Differences"),
        ),
        Some(_) => {
            cx.warn("unreadable /Encoding");
            (None, None)
        }
        None => (None, None),
    };
    let symbol_font = afm.is_some_and(|a| a.name == "Symbol" || a.name == "ZapfDingbats");
    let mut builtin_unknown = false;
    let default_names: Vec<String> = if is_type3 {
        vec![String::new(); 256]
    } else if let Some(a) = afm.filter(|_| symbol_font && !is_embedded) {
        a.encoding.iter().map(|s| s.to_string()).collect()
    } else if let Some(names) = (matches!(kind, FontKind::Type1 | FontKind::MMType1) && is_embedded)
        .then(|| type1_builtin_encoding(cx, descriptor))
        .flatten()
    {
        names
    } else if kind == FontKind::TrueType && symbolic {
        builtin_unknown = true;
        vec![String::new(); 256]
    } else {
        builtin_unknown = symbolic && is_embedded;
        standard_encoding().iter().map(|s| s.to_string()).collect()
    };
    let mut names: Vec<String> = match &base_name {
        Some(n) => match named_encoding(n) {
            Some(t) => {
                builtin_unknown = false;
                t.iter().map(|s| s.to_string()).collect()
            }
            None => {
                cx.warn(format!("unknown encoding /{}", String::from_utf8_lossy(n)));
                default_names
            }
        },
        None => default_names,
    };
    let mut diff_codes = BTreeSet::new();
    if let Some(diffs) = differences {
        let mut code: i64 = -1;
        for o in diffs {
            match cx.deref(o) {
                Some(Object::Integer(i)) => code = *i,
                Some(Object::Real(r)) => code = *r as i64,
                Some(Object::Name(n)) => {
                    if (0..256).contains(&code) {
                        names[code as usize] = String::from_utf8_lossy(n).into_owned();
                        diff_codes.insert(code as usize);
                    }
                    code += 1;
                }
                _ => cx.warn("bad element in /Differences"),
            }
        }
    }

    let to_unicode = cx.read_to_unicode(dict);
    let tu_unusable = matches!(to_unicode, Some(None));
    let tu = to_unicode.flatten().map(|c| c.unicode);

    // Widths.
    let first_char = cx.get_num(dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
    let widths: Option<Vec<Option<f64>>> = cx.get_array(dict, b"Widths").map(|a| cx.nums(a));
    let missing = descriptor.and_then(|d| cx.get_num(d, b"MissingWidth"));
    if widths.is_none() && afm.is_none() {
        cx.warn("no /Widths and not a standard-14 font; widths are guesses");
    }
    let scale = if is_type3 { matrix[0] } else { 0.001 };

    let mut table = vec![SimpleEntry::default(); 256];
    let mut used = 0usize;
    let mut unmapped = 0usize;
    // Codes whose ToUnicode letter differs from the letter the encoding's glyph name draws
    // ("N" drawn, "x" said): the text layer then says something other than the page shows.
    let explicit_encoding = dict.has(b"Encoding");
    let mut lies = 0usize;
    // Per letter or digit of the text: the glyphs that read as it. Several different glyphs all
    // reading as one letter ("J", "a", "n" each said to be "x") hide what the page shows.
    let mut read_as: HashMap<char, BTreeSet<String>> = HashMap::new();
    for (code, entry) in table.iter_mut().enumerate() {
        let name = names[code].as_str();
        let from_widths = widths
            .as_ref()
            .and_then(|w| code.checked_sub(first_char).and_then(|i| w.get(i)));
        let w = match from_widths {
            Some(Some(w)) => *w,
            Some(None) => missing.unwrap_or(0.0),
            None => {
                let afm_w = if widths.is_none() {
                    afm.and_then(|a| a.width(name))
                } else {
                    None
                };
                afm_w
                    .or(missing)
                    .unwrap_or(if widths.is_none() && afm.is_none() {
                        500.0
                    } else {
                        0.0
                    })
            }
        };
        entry.width = if is_type3 { w * scale } else { w / 1000.0 };
        let from_tu = tu.as_ref().and_then(|m| m.get(1, code as u32));
        let from_name = glyph_to_unicode(name);
        if explicit_encoding
            && let (Some(said), Some(drawn)) = (from_tu.as_deref(), from_name.as_deref())
        {
            let one = |s: &str| {
                let mut c = s.chars();
                c.next()
                    .filter(|x| x.is_ascii_alphanumeric() && c.next().is_none())
            };
            if let (Some(a), Some(b)) = (one(said), one(drawn))
                && !a.eq_ignore_ascii_case(&b)
            {
                lies += 1;
            }
        }
        let unicode = from_tu
            .or_else(|| from_name.map(compact_str::CompactString::from))
            .unwrap_or_default();
        let is_used = diff_codes.contains(&code)
            || match from_widths {
                Some(Some(w)) => *w > 0.0 && code >= 32,
                _ => widths.is_none() && !name.is_empty(),
            };
        if is_used {
            used += 1;
            if unicode.is_empty() {
                unmapped += 1;
            }
            let mut chars = unicode.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && c.is_alphanumeric()
            {
                // variants of one glyph ("a", "a.sc") count once; a nameless code on its own
                let base = match name.split('.').next() {
                    Some(b) if !b.is_empty() => b.to_string(),
                    _ => format!("#{code}"),
                };
                read_as.entry(c).or_default().insert(base);
            }
        }
        entry.unicode = Box::from(unicode.as_str());
    }

    let mut trusted = true;
    if tu_unusable {
        trusted = false;
    }
    if tu.is_none() && builtin_unknown {
        cx.warn("symbolic font without a usable encoding or ToUnicode: text unknown");
        trusted = false;
    }
    if lies >= 2 {
        cx.warn(format!(
            "ToUnicode says other letters than the glyph names draw for {lies} codes"
        ));
        trusted = false;
    }
    if let Some((c, glyphs)) = read_as
        .iter()
        .filter(|(_, g)| g.len() >= SAME_TEXT_GLYPHS)
        .max_by_key(|(c, g)| (g.len(), **c))
    {
        cx.warn(format!(
            "{} different glyphs all read as '{c}': the text does not say what they draw",
            glyphs.len()
        ));
        trusted = false;
    }
    if used > 0 && unmapped * 4 > used {
        cx.warn(format!("{unmapped} of {used} codes have no Unicode"));
        trusted = false;
    }
    if is_type3 && used == 0 && tu.is_none() {
        cx.warn("Type3 font without glyph names or ToUnicode");
        trusted = false;
    }

    let (ascent, descent) = if is_type3 {
        type3_extent(cx, dict, &matrix)
    } else {
        vertical_extent(cx, descriptor, afm, 0.001)
    };
    Font {
        base_font,
        kind,
        encoder: Encoder::Simple(table.into_boxed_slice()),
        vertical: false,
        ascent,
        descent,
        trusted,
        font_matrix: matrix,
    }
}

fn type3_extent<'a>(cx: &mut Ctx<'a>, dict: &'a Dictionary, m: &[f64; 6]) -> (f64, f64) {
    let bbox = cx.get_array(dict, b"FontBBox").map(|a| cx.nums(a));
    if let Some([Some(x0), Some(y0), Some(x1), Some(y1)]) = bbox
        .as_deref()
        .and_then(|v| <[Option<f64>; 4]>::try_from(v).ok())
    {
        // y of the four corners under the FontMatrix.
        let ys = [(x0, y0), (x0, y1), (x1, y0), (x1, y1)].map(|(x, y)| m[1] * x + m[3] * y + m[5]);
        let top = ys.iter().copied().fold(f64::MIN, f64::max);
        let bottom = ys.iter().copied().fold(f64::MAX, f64::min);
        if top > 0.05 && top <= 2.5 && (-1.5..=0.0).contains(&bottom) {
            return (top, bottom);
        }
        if top != 0.0 || bottom != 0.0 {
            cx.warn(format!(
                "implausible Type3 FontBBox extent {top:.3}/{bottom:.3}"
            ));
        }
    }
    let descriptor = cx.get_dict(dict, b"FontDescriptor");
    vertical_extent(cx, descriptor, None, m[3])
}

fn two_byte_codespace() -> Vec<CodespaceRange> {
    vec![CodespaceRange {
        len: 2,
        lo: 0,
        hi: 0xFFFF,
    }]
}

fn load_type0<'a>(cx: &mut Ctx<'a>, dict: &'a Dictionary, base_font: String) -> Font {
    let descendant = match cx.get(dict, b"DescendantFonts") {
        Some(Object::Array(a)) => a
            .first()
            .and_then(|o| cx.deref(o))
            .and_then(|o| o.as_dict().ok()),
        Some(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    if descendant.is_none() {
        cx.warn("Type0 font without a readable descendant font");
    }

    let mut codespace = two_byte_codespace();
    let mut cids = CidMapping::Identity;
    let mut vertical = false;
    let mut identity = true;
    let mut predefined_other = false;
    let mut code_is_unicode = false;
    match cx.get(dict, b"Encoding") {
        Some(Object::Name(n)) => match n.as_slice() {
            b"Identity-H" => {}
            b"Identity-V" => vertical = true,
            other => {
                let s = String::from_utf8_lossy(other).into_owned();
                cx.warn(format!(
                    "predefined CMap /{s}: codes read as 2 bytes, CIDs unknown"
                ));
                vertical = s.ends_with("-V");
                code_is_unicode =
                    s.starts_with("Uni") && (s.contains("UCS2") || s.contains("UTF16"));
                cids = CidMapping::Unknown;
                identity = false;
                predefined_other = true;
            }
        },
        Some(obj @ Object::Stream(_)) => {
            if let Some(bytes) = cx.stream_bytes(obj, "Encoding CMap") {
                let cmap = CMap::parse(&bytes);
                for w in &cmap.warnings {
                    cx.warn(format!("Encoding CMap: {w}"));
                }
                let base = cmap.usecmap.clone();
                vertical = cmap.wmode == 1 || base.as_deref().is_some_and(|b| b.ends_with("-V"));
                if !cmap.codespace.is_empty() {
                    codespace = cmap.codespace.clone();
                } else {
                    cx.warn("Encoding CMap without codespace ranges; using 2-byte codes");
                }
                let base_identity = base.as_deref().is_some_and(|b| b.starts_with("Identity-"));
                if let Some(b) = base.as_deref().filter(|_| !base_identity) {
                    cx.warn(format!(
                        "Encoding CMap uses /{b}, which is not available; its codes map to CID 0"
                    ));
                }
                if cmap.cids.is_empty() && (base_identity || base.is_none()) {
                    if base.is_none() {
                        cx.warn("Encoding CMap maps no codes; read as Identity");
                    }
                } else {
                    identity = false;
                    let mut c = cmap.cids;
                    c.sort_by_key(|r| (r.len, r.lo));
                    let mut nd: Vec<CidRange> = cmap.notdef;
                    nd.sort_by_key(|r| (r.len, r.lo));
                    cids = CidMapping::Ranges {
                        cids: c,
                        notdef: nd,
                    };
                }
            }
        }
        _ => cx.warn("Type0 font without a readable /Encoding; read as Identity-H"),
    }

    let to_unicode = cx.read_to_unicode(dict);
    let tu_unusable = matches!(to_unicode, Some(None));
    let tu_cmap = to_unicode.flatten();
    if let Some(tc) = &tu_cmap {
        // With Identity, a ToUnicode codespace of another length defines the code lengths,
        // when its own mappings use those lengths.
        let other_len = tc.codespace.iter().any(|r| r.len != 2);
        if identity && other_len {
            let fits = tc
                .codespace
                .iter()
                .any(|r| tc.unicode.get(r.len, r.lo).is_some() || r.len != 2);
            if fits {
                cx.warn("Identity encoding with a ToUnicode codespace of other code lengths; using the ToUnicode codespace");
                codespace = tc.codespace.clone();
            }
        } else if predefined_other && !tc.codespace.is_empty() {
            codespace = tc.codespace.clone();
        }
    }
    codespace.sort_by_key(|r| (r.len, r.lo));
    let two_byte = codespace
        .iter()
        .all(|r| r.len == 2 && r.lo == 0 && r.hi == 0xFFFF);

    // Widths.
    let mut widths = CidWidths {
        default: 1000.0,
        ..CidWidths::default()
    };
    let mut vmetrics = None;
    let mut descriptor = None;
    if let Some(d) = descendant {
        descriptor = cx.get_dict(d, b"FontDescriptor");
        widths.default = cx.get_num(d, b"DW").unwrap_or(1000.0);
        if let Some(w) = cx.get_array(d, b"W") {
            read_w(cx, w, &mut widths);
        }
        if vertical {
            let dw2 = cx.get_array(d, b"DW2").map(|a| cx.nums(a));
            let default = match dw2.as_deref() {
                Some([Some(vy), Some(w1)]) => (*w1, *vy),
                _ => (-1000.0, 880.0),
            };
            let mut per_cid = HashMap::new();
            if let Some(w2) = cx.get_array(d, b"W2") {
                read_w2(cx, w2, &mut per_cid);
            }
            vmetrics = Some(VerticalMetrics { default, per_cid });
        }
    }
    if vertical && vmetrics.is_none() {
        vmetrics = Some(VerticalMetrics {
            default: (-1000.0, 880.0),
            per_cid: HashMap::new(),
        });
    }

    let has_tu = tu_cmap.is_some();
    let mut trusted = has_tu && !tu_unusable;
    if !has_tu {
        cx.warn(if identity {
            "composite font without ToUnicode: text unknown"
        } else {
            "composite font with a non-Identity CMap and no ToUnicode: text not trusted"
        });
    }
    if tu_unusable {
        trusted = false;
    }
    // Identity-H codes are glyphs: several glyphs all read as one letter hide what they draw
    if identity
        && let Some((c, n)) = tu_cmap
            .as_ref()
            .and_then(|m| m.unicode.most_shared_letter())
        && n >= SAME_TEXT_GLYPHS
    {
        cx.warn(format!(
            "{n} different glyphs all read as '{c}': the text does not say what they draw"
        ));
        trusted = false;
    }
    let (ascent, descent) = vertical_extent(cx, descriptor, None, 0.001);
    let to_unicode: Option<UnicodeMap> = tu_cmap.map(|c| c.unicode);
    Font {
        base_font,
        kind: FontKind::Type0,
        encoder: Encoder::Composite(Box::new(Composite {
            codespace,
            two_byte,
            cids,
            widths,
            vertical: vmetrics,
            to_unicode,
            code_is_unicode,
        })),
        vertical,
        ascent,
        descent,
        trusted,
        font_matrix: DEFAULT_MATRIX,
    }
}

fn set_width(widths: &mut CidWidths, cid: u32, w: f64) {
    if cid < DENSE_CIDS {
        let i = cid as usize;
        if widths.dense.len() <= i {
            widths.dense.resize(i + 1, f32::NAN);
        }
        widths.dense[i] = w as f32;
    } else {
        widths.sparse.insert(cid, w);
    }
}

fn cid_of(v: Option<f64>) -> Option<u32> {
    v.filter(|v| *v >= 0.0 && *v <= f64::from(u32::MAX))
        .map(|v| v as u32)
}

/// Reads /W: `c [w1 w2 ...]` and `cfirst clast w`.
fn read_w<'a>(cx: &mut Ctx<'a>, arr: &'a [Object], widths: &mut CidWidths) {
    let mut i = 0;
    while i < arr.len() {
        let Some(first) = cid_of(cx.deref(&arr[i]).and_then(num)) else {
            cx.warn("bad /W entry; rest of /W ignored");
            return;
        };
        match arr.get(i + 1).and_then(|o| cx.deref(o)) {
            Some(Object::Array(list)) => {
                for (k, w) in cx.nums(list).into_iter().enumerate() {
                    if let Some(w) = w {
                        set_width(widths, first.saturating_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = cid_of(num(o));
                let w = arr.get(i + 2).and_then(|o| cx.deref(o)).and_then(num);
                let (Some(last), Some(w)) = (last, w) else {
                    cx.warn("bad /W range; rest of /W ignored");
                    return;
                };
                if last >= first {
                    let dense_end = last.min(DENSE_CIDS - 1);
                    for cid in first..=dense_end {
                        set_width(widths, cid, w);
                    }
                    if last >= DENSE_CIDS {
                        cx.warn("/W range beyond CID 65535 ignored");
                    }
                }
                i += 3;
            }
            None => {
                cx.warn("truncated /W");
                return;
            }
        }
    }
}

/// Reads /W2: `c [w1y vx vy ...]` and `cfirst clast w1y vx vy`.
fn read_w2<'a>(cx: &mut Ctx<'a>, arr: &'a [Object], out: &mut HashMap<u32, (f64, f64, f64)>) {
    let mut i = 0;
    while i < arr.len() {
        let Some(first) = cid_of(cx.deref(&arr[i]).and_then(num)) else {
            cx.warn("bad /W2 entry; rest ignored");
            return;
        };
        match arr.get(i + 1).and_then(|o| cx.deref(o)) {
            Some(Object::Array(list)) => {
                let v = cx.nums(list);
                for (k, t) in v.chunks_exact(3).enumerate() {
                    if let [Some(w), Some(x), Some(y)] = t {
                        out.insert(first.saturating_add(k as u32), (*w, *x, *y));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = cid_of(num(o));
                let rest: Vec<Option<f64>> = (2..5)
                    .map(|k| arr.get(i + k).and_then(|o| cx.deref(o)).and_then(num))
                    .collect();
                match (last, &rest[..]) {
                    (Some(last), [Some(w), Some(x), Some(y)])
                        if last >= first && last - first < DENSE_CIDS =>
                    {
                        for cid in first..=last {
                            out.insert(cid, (*w, *x, *y));
                        }
                    }
                    _ => {
                        cx.warn("bad /W2 range; rest ignored");
                        return;
                    }
                }
                i += 5;
            }
            None => return,
        }
    }
}
