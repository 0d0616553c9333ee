//! One OCR'd page: words with page-space boxes and confidence, the page text detection reads (with a byte -> word map), areas over marked words, and the reasons to flag it.

use super::render::{GrayPage, render_page_images};
use super::tesseract::{OcrEngine, OcrError, TsvWord};
use crate::pdf::geom::Quad;
use crate::pdf::interp::PageContent;
use crate::pdf::{Glyph, Provenance, Rect, StreamRef};
use crate::plan::{Area, Mark};
use crate::text::{PageText, build_page_text};
use lopdf::Document;
use serde::{Deserialize, Serialize};

/// Resolution at which pages are rendered for OCR.
pub const OCR_DPI: f64 = 300.0;
/// Below this mean word confidence (0..100) a page's OCR is not trusted: the page is flagged.
pub const MIN_MEAN_CONFIDENCE: f32 = 75.0;
/// Margin around a redacted word box, as a fraction of its line height (at least 1 pt): OCR
/// boxes are tight, and strokes (and JPEG ringing) reach a little beyond them.
const AREA_MARGIN: f64 = 0.2;
/// Review reason of an image page where OCR read nothing.
pub const NO_TEXT_READ: &str = "OCR read no text on this image page: needs manual review";
/// Operator index given to OCR words (they come from no content stream; never rewritten).
pub const OCR_OP: usize = usize::MAX;

/// A word read by OCR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrWord {
    /// The word.
    pub text: String,
    /// Its box in page space (points, origin top-left of the CropBox, y down, /Rotate applied).
    pub rect: Rect,
    /// tesseract's confidence, 0..100.
    pub conf: f32,
    /// Line number on the page (0-based, reading order).
    pub line: usize,
}

/// An OCR'd page.
#[derive(Debug, Clone, Serialize)]
pub struct OcrPage {
    /// 1-based page number.
    pub number: u32,
    /// Words in reading order.
    pub words: Vec<OcrWord>,
    /// Mean word confidence (0 when no word was read).
    pub mean_confidence: f32,
    /// Resolution the page was rendered at.
    pub dpi: f64,
    /// Lowest native resolution of the page's images.
    pub min_image_dpi: Option<f64>,
    /// One pseudo-glyph per word and per gap between words (text " "), in reading order; their
    /// provenance operator is [`OCR_OP`]. `text` maps its bytes to these.
    #[serde(skip)]
    pub glyphs: Vec<Glyph>,
    /// For each pseudo-glyph, the word it stands for (None for a gap).
    #[serde(skip)]
    pub glyph_word: Vec<Option<usize>>,
    /// The text for detection (`text.search`), as for any page.
    #[serde(skip)]
    pub text: PageText,
    /// Why this page cannot be passed as clean (low confidence, undecodable image, ...).
    pub review: Vec<String>,
}

/// What pass 1 keeps of an OCR'd page for pass 2 (words and verdict, no derived text):
/// [`OcrPage::from_data`] rebuilds the same page text, so findings' byte spans stay valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrData {
    /// 1-based page number.
    pub number: u32,
    /// Words in reading order.
    pub words: Vec<OcrWord>,
    /// Mean word confidence.
    pub mean_confidence: f32,
    /// Render resolution.
    pub dpi: f64,
    /// Lowest native image resolution.
    pub min_image_dpi: Option<f64>,
    /// Review reasons (also the error when OCR could not run).
    pub review: Vec<String>,
    /// When the page also has a usable text layer (`ocr = "always"`): the byte length of its
    /// detection text plus the newline after it. Pass 1 detects on the text layer followed by
    /// the OCR text; findings before this offset belong to the text layer, the rest (shifted
    /// by it) to the OCR text. 0 when detection read the OCR text alone.
    pub layer_len: usize,
}

impl OcrData {
    /// The data of a page that needed OCR but could not be read (tesseract missing or failed):
    /// no words, flagged with `reason`.
    pub fn failed(number: u32, reason: String) -> OcrData {
        OcrData {
            number,
            words: vec![],
            mean_confidence: 0.0,
            dpi: OCR_DPI,
            min_image_dpi: None,
            review: vec![format!("{reason}: needs manual review")],
            layer_len: 0,
        }
    }
}

/// OCRs page `content` of `doc`: renders its images at [`OCR_DPI`] and reads them.
pub fn ocr_page(
    doc: &Document,
    content: &PageContent,
    engine: &OcrEngine,
    limit: usize,
) -> Result<OcrPage, OcrError> {
    let (raster, notes) = render_page_images(doc, content, OCR_DPI, limit);
    let words = engine.recognize(&raster)?;
    let mut page = OcrPage::from_words(content.number, &words, &raster);
    page.min_image_dpi = notes.min_image_dpi;
    for e in &notes.failed {
        page.review.push(format!(
            "an image on this page cannot be decoded for OCR ({e}): needs manual review"
        ));
    }
    if notes.inline_images > 0 {
        page.review
            .push("an inline image on this page was not read by OCR: needs manual review".into());
    }
    Ok(page)
}

impl OcrPage {
    /// Builds the page from tesseract's words on `raster` (pixel boxes become page space).
    pub fn from_words(number: u32, words: &[TsvWord], raster: &GrayPage) -> OcrPage {
        let s = raster.scale();
        let mut out: Vec<OcrWord> = Vec::with_capacity(words.len());
        let mut last_key = None;
        let mut line = 0usize;
        for w in words {
            let key = (w.block, w.par, w.line);
            if last_key.is_some() && last_key != Some(key) {
                line += 1;
            }
            last_key = Some(key);
            out.push(OcrWord {
                text: w.text.clone(),
                rect: Rect::new(
                    w.left as f64 / s,
                    w.top as f64 / s,
                    (w.left + w.width) as f64 / s,
                    (w.top + w.height) as f64 / s,
                ),
                conf: w.conf.max(0.0),
                line,
            });
        }
        let mean = if out.is_empty() {
            0.0
        } else {
            out.iter().map(|w| w.conf).sum::<f32>() / out.len() as f32
        };
        let (glyphs, glyph_word) = pseudo_glyphs(&out);
        let text = build_page_text(&glyphs);
        let mut review = Vec::new();
        if out.is_empty() {
            review.push(NO_TEXT_READ.to_string());
        } else if mean < MIN_MEAN_CONFIDENCE {
            review.push(format!(
                "OCR confidence too low to trust ({mean:.0} < {MIN_MEAN_CONFIDENCE:.0}): needs manual review"
            ));
        }
        OcrPage {
            number,
            words: out,
            mean_confidence: mean,
            dpi: raster.dpi,
            min_image_dpi: None,
            glyphs,
            glyph_word,
            text,
            review,
        }
    }

    /// The compact form kept between the passes.
    pub fn into_data(self) -> OcrData {
        OcrData {
            number: self.number,
            words: self.words,
            mean_confidence: self.mean_confidence,
            dpi: self.dpi,
            min_image_dpi: self.min_image_dpi,
            review: self.review,
            layer_len: 0,
        }
    }

    /// Rebuilds the page (pseudo-glyphs and text) from what pass 1 kept.
    pub fn from_data(d: OcrData) -> OcrPage {
        let (glyphs, glyph_word) = pseudo_glyphs(&d.words);
        let text = build_page_text(&glyphs);
        OcrPage {
            number: d.number,
            words: d.words,
            mean_confidence: d.mean_confidence,
            dpi: d.dpi,
            min_image_dpi: d.min_image_dpi,
            glyphs,
            glyph_word,
            text,
            review: d.review,
        }
    }

    /// The words (indices) that drew `text.search[start..end]`.
    pub fn words_in_search(&self, start: usize, end: usize) -> Vec<usize> {
        let mut w: Vec<usize> = self
            .text
            .glyphs_in_search(start, end)
            .into_iter()
            .filter_map(|g| self.glyph_word.get(g).copied().flatten())
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    }

    /// Areas for the marks: the boxes of the marked words, one per line, with a margin.
    pub fn areas(&self, marks: &[Mark]) -> Vec<Area> {
        let mut areas = Vec::new();
        for mark in marks {
            let mut current: Option<(usize, Rect)> = None;
            for wi in self.words_in_search(mark.start, mark.end) {
                let w = &self.words[wi];
                current = match current {
                    Some((l, r)) if l == w.line => Some((l, r.union(&w.rect))),
                    Some((_, r)) => {
                        areas.push(self.area(r, mark));
                        Some((w.line, w.rect))
                    }
                    None => Some((w.line, w.rect)),
                };
            }
            if let Some((_, r)) = current {
                areas.push(self.area(r, mark));
            }
        }
        areas
    }

    fn area(&self, r: Rect, mark: &Mark) -> Area {
        let m = (AREA_MARGIN * r.height()).max(1.0);
        Area {
            rect: Rect {
                x0: r.x0 - m,
                y0: r.y0 - m,
                x1: r.x1 + m,
                y1: r.y1 + m,
            },
            label: mark.label.clone(),
            finding: mark.finding,
        }
    }

    /// Indices of the words that stay readable: those whose core (box shrunk by a fifth)
    /// meets none of `areas`. The others go neither into the text layer nor into the output.
    pub fn kept_words(&self, areas: &[Rect]) -> Vec<usize> {
        (0..self.words.len())
            .filter(|&i| {
                let core = self.words[i].rect.shrink(0.2);
                !areas.iter().any(|a| a.intersects(&core))
            })
            .collect()
    }
}

fn pseudo_glyph(text: &str, x0: f64, x1: f64, top: f64, base: f64) -> Glyph {
    let size = (base - top).max(0.5);
    Glyph {
        text: text.into(),
        quad: Quad([(x0, base), (x1, base), (x1, top), (x0, top)]),
        origin: (x0, base),
        advance: (x1 - x0, 0.0),
        size,
        render_mode: 0,
        visible: true,
        white_fill: false,
        font: usize::MAX,
        actual_text: None,
        mcid: None,
        tx: x1 - x0,
        adjust_unit: size,
        prov: Provenance {
            stream: StreamRef::Page,
            op_index: OCR_OP,
            elem_index: 0,
            byte_start: 0,
            byte_len: 0,
            code: 0,
        },
    }
}

/// One pseudo-glyph per word (on its line's common baseline, so the text builder keeps a line
/// together) and one gap glyph between words of a line.
fn pseudo_glyphs(words: &[OcrWord]) -> (Vec<Glyph>, Vec<Option<usize>>) {
    let mut glyphs = Vec::with_capacity(words.len() * 2);
    let mut map = Vec::with_capacity(words.len() * 2);
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j < words.len() && words[j].line == words[i].line {
            j += 1;
        }
        let line = &words[i..j];
        let top = line.iter().map(|w| w.rect.y0).fold(f64::MAX, f64::min);
        let base = line.iter().map(|w| w.rect.y1).fold(f64::MIN, f64::max);
        for (k, w) in line.iter().enumerate() {
            if k > 0 {
                let prev = &line[k - 1];
                glyphs.push(pseudo_glyph(
                    " ",
                    prev.rect.x1,
                    w.rect.x0.max(prev.rect.x1),
                    top,
                    base,
                ));
                map.push(None);
            }
            glyphs.push(pseudo_glyph(&w.text, w.rect.x0, w.rect.x1, top, base));
            map.push(Some(i + k));
        }
        i = j;
    }
    (glyphs, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(line: u32, left: u32, text: &str, conf: f32) -> TsvWord {
        TsvWord {
            block: 1,
            par: 1,
            line,
            left,
            top: 100 * line,
            width: 20 * text.len() as u32,
            height: 40,
            conf,
            text: text.into(),
        }
    }

    fn raster() -> GrayPage {
        GrayPage {
            width: 10,
            height: 10,
            dpi: 300.0,
            data: vec![],
        }
    }

    #[test]
    fn words_become_lines_of_text_and_marks_become_areas_over_their_boxes() {
        let words = vec![
            tsv(1, 300, "Aanwezig:", 95.0),
            tsv(1, 520, "Stoyan", 93.0),
            tsv(1, 680, "Kravchenko", 91.0),
            tsv(2, 300, "Afwezig:", 96.0),
        ];
        let p = OcrPage::from_words(3, &words, &raster());
        assert_eq!(p.text.search, "Aanwezig: Stoyan Kravchenko\nAfwezig:\n");
        assert!(p.review.is_empty());
        let at = p.text.search.find("Stoyan Kravchenko").unwrap();
        let areas = p.areas(&[Mark {
            start: at,
            end: at + "Stoyan Kravchenko".len(),
            label: "5.1.2e".into(),
            finding: 0,
        }]);
        assert_eq!(areas.len(), 1);
        let a = areas[0].rect;
        // 520 px at 300 dpi = 124.8 pt; the area reaches past both words by its margin
        assert!(a.x0 < 124.8 && a.x0 > 120.0, "{a:?}");
        assert!(a.x1 > (680.0 + 200.0) * 0.24);
        let kept: Vec<&str> = p
            .kept_words(&[a])
            .into_iter()
            .map(|i| p.words[i].text.as_str())
            .collect();
        assert_eq!(kept, vec!["Aanwezig:", "Afwezig:"]);
    }

    #[test]
    fn low_confidence_and_empty_pages_are_flagged() {
        let p = OcrPage::from_words(1, &[tsv(1, 10, "Jnsd", 31.0)], &raster());
        assert!(p.review[0].contains("confidence too low"), "{:?}", p.review);
        let p = OcrPage::from_words(1, &[], &raster());
        assert!(p.review[0].contains("no text"));
    }
}
