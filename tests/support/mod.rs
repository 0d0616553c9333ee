//! Shared test helpers: fixture paths, extraction as the CLI prints it, word boxes from our glyphs and from `pdftotext -bbox`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use woo_redact::extract::{ExtractedDoc, extract_bytes};
use woo_redact::pdf::interp::{inherited, page_geometry};
use woo_redact::pdf::{Limits, Matrix, Rect};
use woo_redact::text::PageText;

/// The folder with the text-layer fixtures.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/text")
}

/// Path of a fixture PDF by case name.
pub fn fixture_pdf(case: &str) -> PathBuf {
    fixtures_dir().join(format!("{case}.pdf"))
}

/// The shared corpus folder (beside the checkout), if it exists.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// Reads and extracts a PDF; a file that cannot be read or loaded fails the test.
pub fn extract(path: &Path) -> ExtractedDoc {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    match extract_bytes(&bytes, &Limits::default()) {
        Ok(doc) => doc,
        Err(e) => panic!("{}: cannot be loaded: {e}", path.display()),
    }
}

/// The document's text as `woo-redact text` prints it: each page's text followed by a form feed.
/// `search` picks the detection text instead. A page that failed shows as an error line.
pub fn cli_text(doc: &ExtractedDoc, search: bool) -> String {
    let mut out = String::new();
    for (i, page) in doc.pages.iter().enumerate() {
        match page {
            Ok(p) => out.push_str(if search { &p.text.search } else { &p.text.text }),
            Err(e) => out.push_str(&format!("<page {} error: {e}>\n", i + 1)),
        }
        out.push('\x0c');
    }
    out
}

/// A word with its box in page space (points, origin top-left of the CropBox, y down).
#[derive(Debug, Clone)]
pub struct Word {
    /// The word's text.
    pub text: String,
    /// Its bounding box.
    pub bbox: Rect,
    /// Mean baseline position across the writing direction (y for horizontal text, x for vertical).
    pub baseline: Option<f64>,
    /// Largest glyph size in the word.
    pub size: f64,
    /// True when the word runs mostly along the page's y axis.
    pub vertical: bool,
}

/// Our words on a page: the page text split on whitespace, each word's box the union of the
/// boxes of the glyphs that drew its bytes.
pub fn our_words(text: &PageText, glyphs: &[woo_redact::pdf::Glyph]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let bytes_end = text.text.len();
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                bounds.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        bounds.push((s, bytes_end));
    }
    for (s, e) in bounds {
        let ids: Vec<usize> = text.glyphs_in_text(s, e);
        let gs: Vec<_> = ids.iter().filter_map(|&i| glyphs.get(i)).collect();
        let Some(first) = gs.first() else { continue };
        let vertical = first.advance.1.abs() > first.advance.0.abs();
        let mut bbox = first.quad.bbox();
        for g in &gs[1..] {
            bbox = bbox.union(&g.quad.bbox());
        }
        let across: Vec<f64> = gs
            .iter()
            .map(|g| if vertical { g.origin.0 } else { g.origin.1 })
            .collect();
        words.push(Word {
            text: text.text[s..e].to_string(),
            bbox,
            baseline: Some(across.iter().sum::<f64>() / across.len() as f64),
            size: gs.iter().map(|g| g.size).fold(0.0, f64::max),
            vertical,
        });
    }
    words
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attr(line: &str, name: &str) -> Option<f64> {
    let key = format!("{name}=\"");
    let at = line.find(&key)? + key.len();
    let end = line[at..].find('"')? + at;
    line[at..end].parse().ok()
}

/// Runs a poppler tool; a missing binary fails the test with a clear message (never a skip).
pub fn run_poppler(tool: &str, args: &[&str]) -> String {
    let out = match Command::new(tool).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!(
            "`{tool}` could not be run ({e}): the poppler oracle tests need poppler-utils \
             (apt-get install poppler-utils)"
        ),
    };
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Plain `pdftotext` output (UTF-8, pages followed by form feeds).
pub fn pdftotext(path: &Path) -> String {
    let p = path.to_string_lossy();
    run_poppler("pdftotext", &["-enc", "UTF-8", &p, "-"])
}

/// Words per page from `pdftotext -bbox`, in poppler's own page space: origin top-left of
/// the MediaBox (not the CropBox), y down, page rotation applied.
pub fn poppler_words(path: &Path) -> Vec<Vec<Word>> {
    let p = path.to_string_lossy();
    let xml = run_poppler("pdftotext", &["-bbox", "-enc", "UTF-8", &p, "-"]);
    let mut pages: Vec<Vec<Word>> = Vec::new();
    for line in xml.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push(Vec::new());
        } else if line.starts_with("<word ") {
            let (Some(x0), Some(y0), Some(x1), Some(y1)) = (
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
            ) else {
                continue;
            };
            let text = line
                .split_once('>')
                .and_then(|(_, rest)| rest.rsplit_once("</word>"))
                .map(|(t, _)| unescape(t))
                .unwrap_or_default();
            if let Some(page) = pages.last_mut() {
                page.push(Word {
                    text,
                    bbox: Rect::new(x0, y0, x1, y1),
                    baseline: None,
                    size: 0.0,
                    vertical: false,
                });
            }
        }
    }
    pages
}

/// The matrix from default user space to a top-left, y-down, rotated space whose origin is
/// the top-left of `bx` (the same formula for our CropBox space and poppler's MediaBox space).
fn display_matrix(bx: &Rect, rotate: i64) -> Matrix {
    let Rect { x0, y0, x1, y1 } = *bx;
    match rotate {
        90 => Matrix([0.0, 1.0, 1.0, 0.0, -y0, -x0]),
        180 => Matrix([-1.0, 0.0, 0.0, 1.0, x1, -y0]),
        270 => Matrix([0.0, -1.0, -1.0, 0.0, y1, x1]),
        _ => Matrix([1.0, 0.0, 0.0, -1.0, -x0, y1]),
    }
}

/// The transform from poppler's `-bbox` page space (MediaBox based) to ours (CropBox based)
/// for page `index` of `doc`.
pub fn poppler_to_ours(doc: &ExtractedDoc, index: usize) -> Matrix {
    let Some(&page_id) = doc.pdf.pages.get(index) else {
        return Matrix::IDENTITY;
    };
    let geo = page_geometry(&doc.pdf.doc, page_id);
    let media = inherited(&doc.pdf.doc, page_id, b"MediaBox")
        .and_then(|o| doc.pdf.doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok().cloned())
        .and_then(|a| {
            let v: Vec<f64> = a
                .iter()
                .filter_map(|x| x.as_float().ok().map(f64::from))
                .collect();
            (v.len() == 4).then(|| Rect::new(v[0], v[1], v[2], v[3]))
        })
        .unwrap_or(geo.crop);
    let theirs = display_matrix(&media, geo.rotate);
    match theirs.invert() {
        Some(inv) => inv.then(&geo.display),
        None => Matrix::IDENTITY,
    }
}

/// A rectangle mapped through an axis-preserving matrix.
pub fn map_rect(m: &Matrix, r: &Rect) -> Rect {
    let (ax, ay) = m.apply(r.x0, r.y0);
    let (bx, by) = m.apply(r.x1, r.y1);
    Rect::new(ax, ay, bx, by)
}

/// A judge that finds given strings (case-sensitive), like the detection engine would.
pub struct NameJudge(pub Vec<String>);

impl woo_redact::redact::sanitize::Judge for NameJudge {
    fn find(&self, text: &str) -> Vec<woo_redact::redact::sanitize::Span> {
        let mut out = Vec::new();
        for n in &self.0 {
            for (start, m) in text.match_indices(n.as_str()) {
                out.push(woo_redact::redact::sanitize::Span {
                    start,
                    end: start + m.len(),
                    ground: "5.1, 2, e".into(),
                });
            }
        }
        out
    }
}

/// Runs the woo-redact binary with `args` (no standard input) and returns what it did.
pub fn bin(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_woo-redact"));
    for a in args {
        c.arg(a);
    }
    c.stdin(std::process::Stdio::null())
        .output()
        .expect("woo-redact runs")
}

/// Output bytes as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `want` lies inside one name finding of `d` on `text` (the first occurrence of `want`).
pub fn assert_name(d: &woo_redact::detect::Detector, text: &str, want: &str) {
    use woo_redact::detect::Category;
    let s = text.find(want).expect("want in text");
    let e = s + want.len();
    let fs = d.scan(text);
    assert!(
        fs.iter()
            .any(|f| f.category == Category::Name && f.start <= s && e <= f.end),
        "{want:?} not found whole as a name in {text:?}; got {:?}",
        fs.iter().map(|f| (&f.text, &f.rule)).collect::<Vec<_>>()
    );
}

/// No name finding of `d` on `text` touches `word` (its first occurrence).
pub fn assert_not_name(d: &woo_redact::detect::Detector, text: &str, word: &str) {
    use woo_redact::detect::Category;
    let s = text.find(word).expect("word in text");
    let e = s + word.len();
    let hit: Vec<_> = d
        .scan(text)
        .into_iter()
        .filter(|f| f.category == Category::Name && f.start < e && s < f.end)
        .map(|f| (f.text, f.rule))
        .collect();
    assert!(
        hit.is_empty(),
        "{word:?} read as a name in {text:?}: {hit:?}"
    );
}

/// The file records of an audit log: input path -> (status, reason).
pub fn audit_files(audit: &Path) -> std::collections::BTreeMap<String, (String, String)> {
    std::fs::read_to_string(audit)
        .expect("audit")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("an audit line is JSON"))
        .filter(|l| l["type"] == "file")
        .map(|l| {
            (
                l["input"].as_str().unwrap_or_default().to_string(),
                (
                    l["status"].as_str().unwrap_or_default().to_string(),
                    l["reason"].as_str().unwrap_or_default().to_string(),
                ),
            )
        })
        .collect()
}

/// A grey raster of one page (1-based) at `dpi`, by pdftoppm: (width, height, pixels).
pub fn raster(pdf: &Path, page: usize, dpi: f64, dir: &Path, tag: &str) -> (usize, usize, Vec<u8>) {
    let prefix = dir.join(format!("{tag}-{page}"));
    let st = Command::new("pdftoppm")
        .args(["-q", "-gray", "-r", &dpi.to_string(), "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) must be installed");
    assert!(st.success(), "pdftoppm failed on {}", pdf.display());
    let data = std::fs::read(dir.join(format!("{tag}-{page}.pgm"))).expect("pgm written");
    parse_pgm(&data)
}

/// Parses a binary PGM (P5, maxval 255).
pub fn parse_pgm(data: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        if data[i] == b'#' {
            while data[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let s = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[s..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "not a binary PGM");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = data[i + 1..i + 1 + w * h].to_vec();
    (w, h, pixels)
}

/// The boxes of an output page (PDF user space: x, y, w, h) and a copy of the file in which
/// they paint nothing (`0.0 0.0 0.0 rg` / `re` / `f` as the box writer emits them, `f` → `n`).
pub fn boxes_made_transparent(pdf: &Path, dir: &Path) -> (Vec<[f64; 4]>, PathBuf) {
    let qdf = dir.join("qdf.pdf");
    let st = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&qdf)
        .status()
        .expect("qpdf must be installed");
    assert!(st.success());
    let mut bytes = std::fs::read(&qdf).unwrap();
    let re = regex::bytes::Regex::new(
        r"0\.0 0\.0 0\.0 rg\n([0-9.-]+) ([0-9.-]+) ([0-9.-]+) ([0-9.-]+) re\nf\n",
    )
    .unwrap();
    let mut boxes = Vec::new();
    let mut fills = Vec::new();
    for c in re.captures_iter(&bytes) {
        let n = |i: usize| -> f64 { std::str::from_utf8(&c[i]).unwrap().parse().unwrap() };
        boxes.push([n(1), n(2), n(3), n(4)]);
        fills.push(c.get(0).unwrap().end() - 2);
    }
    for at in fills {
        bytes[at] = b'n';
    }
    let open = dir.join("transparent.pdf");
    std::fs::write(&open, bytes).unwrap();
    (boxes, open)
}

/// Ink pixels (darker than 160) inside the box `b` (user space x, y, w, h; shrunk by 2 pixels) on
/// a raster at `dpi` of a page `page_h` points high.
pub fn ink_inside(r: &(usize, usize, Vec<u8>), b: &[f64; 4], page_h: f64, dpi: f64) -> usize {
    const INK: u8 = 160;
    const MARGIN_PX: i64 = 2;
    let (w, h, px) = r;
    let s = dpi / 72.0;
    let x0 = (b[0] * s).ceil() as i64 + MARGIN_PX;
    let x1 = ((b[0] + b[2]) * s).floor() as i64 - MARGIN_PX;
    let y0 = ((page_h - b[1] - b[3]) * s).ceil() as i64 + MARGIN_PX;
    let y1 = ((page_h - b[1]) * s).floor() as i64 - MARGIN_PX;
    let mut n = 0;
    for y in y0.max(0)..y1.min(*h as i64) {
        for x in x0.max(0)..x1.min(*w as i64) {
            if px[y as usize * w + x as usize] < INK {
                n += 1;
            }
        }
    }
    n
}

/// Resolution of the independent OCR of a published page (5 pt text needs it).
pub const ORACLE_DPI: f64 = 300.0;

/// Letters and digits, lower case: how a secret and OCR output are compared.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '@')
        .flat_map(char::to_lowercase)
        .collect()
}

/// What tesseract reads on page 1 of `pdf` rendered by poppler, as a page and as sparse text.
pub fn independent_ocr(pdf: &Path, dir: &Path) -> String {
    let _ = raster(pdf, 1, ORACLE_DPI, dir, "oracle");
    let image = dir.join("oracle-1.pgm");
    let mut text = String::new();
    for psm in ["3", "11"] {
        let out = Command::new("tesseract")
            .arg(&image)
            .args(["-", "-l", "nld", "--psm", psm])
            .env("OMP_THREAD_LIMIT", "1")
            .output()
            .expect("tesseract must be installed");
        text.push_str(&String::from_utf8_lossy(&out.stdout));
        text.push('\n');
    }
    squash(&text)
}
