//! Whole-document text extraction: load, interpret every page, build page text; page errors stay with their page.

use crate::pdf::interp::{FontCache, PageContent};
use crate::pdf::{Interpreter, Limits, LoadedPdf, PdfError, load_pdf};
use crate::text::{PageText, build_page_text_with};

/// Curve segments on a page without text from which it is flagged: about ten letters drawn as
/// outlines.
pub const OUTLINE_CURVES: usize = 60;

/// One page: what the interpreter saw and the text built from it.
#[derive(Debug, Clone)]
pub struct ExtractedPage {
    /// Glyphs, fonts, images, warnings.
    pub content: PageContent,
    /// Text with its glyph map.
    pub text: PageText,
}

impl ExtractedPage {
    /// Why this page cannot be passed as clean by a text-based tool, if it cannot. (Letters
    /// drawn as shapes are read from the output by verification, [`crate::verify::lettering`].)
    pub fn review_reason(&self) -> Option<&'static str> {
        if !self.content.unreadable.is_empty() {
            Some("text on this page could not be read (see warnings): needs manual review")
        } else if self.content.has_no_text_layer() {
            Some("page has images but no text layer (scan): needs manual review")
        } else if self.content.curves >= OUTLINE_CURVES
            && self.content.glyphs.iter().all(|g| g.text.trim().is_empty())
        {
            // No text, but shapes enough for a line of lettering: text converted to outlines
            // (a print driver's "text as curves") reads like text and cannot be searched.
            Some(
                "page has no text but draws many curves (possibly text as outlines): needs manual review",
            )
        } else if actual_text_hides_glyphs(&self.content) {
            // Detection reads the /ActualText; a reader of the page sees the glyphs.
            Some("/ActualText says other words than its glyphs draw: needs manual review")
        } else if self.content.has_untrusted_text() {
            Some("a font on this page has no reliable Unicode mapping: needs manual review")
        } else if self
            .content
            .glyphs
            .iter()
            .filter(|g| g.text.is_empty() && g.tx.abs() > 1e-9)
            .count()
            >= 2
        {
            // Glyphs whose codes map to no text cannot be searched: a name drawn with them
            // would pass detection and verification unseen.
            Some(
                "glyphs on this page have no Unicode mapping (text cannot be checked): needs manual review",
            )
        } else {
            None
        }
    }
}

/// True when an /ActualText span stands for glyphs that draw other words (four or more letters
/// of them not in the replacement text): the text layer then hides what the page shows.
/// Ligatures, hyphenation and spacing never trigger it.
fn actual_text_hides_glyphs(content: &PageContent) -> bool {
    let letters = |s: &str| -> String {
        crate::verify::fold::fold_lower(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    content.actual_texts.iter().enumerate().any(|(k, at)| {
        let drawn: String = content
            .glyphs
            .iter()
            .filter(|g| g.actual_text == Some(k))
            .map(|g| g.text.as_str())
            .collect();
        let drawn = letters(&drawn);
        drawn.chars().count() >= 4 && !letters(&at.text).contains(&drawn)
    })
}

/// A document's pages; a page that could not be read carries its error.
pub struct ExtractedDoc {
    /// The loaded document (kept for redaction).
    pub pdf: LoadedPdf,
    /// One entry per page, in order.
    pub pages: Vec<Result<ExtractedPage, PdfError>>,
}

/// Adds a warning for text a reader of the page does not see: white fill (white on white is
/// the classic way to hide text) and invisible render modes. Such text is detected and removed
/// like any other; the warning tells the reviewer it was there.
fn note_hidden_text(content: &mut PageContent) {
    let white = content
        .glyphs
        .iter()
        .filter(|g| g.visible && g.white_fill && !g.text.trim().is_empty())
        .count();
    let invisible = content
        .glyphs
        .iter()
        .filter(|g| !g.visible && !g.text.trim().is_empty())
        .count();
    if white > 0 {
        content.warnings.push(format!(
            "{white} glyphs drawn in white (possibly hidden text)"
        ));
    }
    if invisible > 0 {
        content.warnings.push(format!(
            "{invisible} glyphs drawn invisibly (render mode 3/7 or alpha 0)"
        ));
    }
}

/// Builds the page text and notes hidden text.
fn finish_page(mut content: PageContent) -> ExtractedPage {
    let actual: Vec<String> = content
        .actual_texts
        .iter()
        .map(|a| a.text.clone())
        .collect();
    let text = build_page_text_with(&content.glyphs, &actual);
    note_hidden_text(&mut content);
    ExtractedPage { content, text }
}

/// Interprets one page (1-based `number`) of a document.
pub fn extract_page(
    doc: &lopdf::Document,
    number: u32,
    page_id: lopdf::ObjectId,
    limits: &Limits,
) -> Result<ExtractedPage, PdfError> {
    extract_page_cached(doc, number, page_id, limits, &mut FontCache::default())
}

/// [`extract_page`] with the fonts of earlier pages of the same document.
pub fn extract_page_cached(
    doc: &lopdf::Document,
    number: u32,
    page_id: lopdf::ObjectId,
    limits: &Limits,
    fonts: &mut FontCache,
) -> Result<ExtractedPage, PdfError> {
    let mut interp = Interpreter::with_fonts(doc, *limits, std::mem::take(fonts));
    let page = interp.page(number, page_id).map(finish_page);
    *fonts = interp.into_fonts();
    page
}

/// Interprets every page of a loaded document.
pub fn extract_loaded(pdf: LoadedPdf, limits: &Limits) -> ExtractedDoc {
    let mut interp = Interpreter::new(&pdf.doc, *limits);
    let mut pages = Vec::with_capacity(pdf.pages.len());
    for (i, &page_id) in pdf.pages.iter().enumerate() {
        let number = i as u32 + 1;
        pages.push(interp.page(number, page_id).map(finish_page));
    }
    drop(interp);
    ExtractedDoc { pdf, pages }
}

/// The detection text of every page, interpreting one page at a time and keeping only its text,
/// so memory stays flat however long the document is (pass 1 of a batch).
pub fn page_texts(
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Result<String, PdfError>>, PdfError> {
    let pdf = load_pdf(bytes, limits)?;
    let mut interp = Interpreter::new(&pdf.doc, *limits);
    let mut out = Vec::with_capacity(pdf.pages.len());
    for (i, &page_id) in pdf.pages.iter().enumerate() {
        let number = i as u32 + 1;
        out.push(
            interp
                .page(number, page_id)
                .map(|c| finish_page(c).text.search),
        );
    }
    Ok(out)
}

/// Loads and extracts a PDF held in memory.
pub fn extract_bytes(bytes: &[u8], limits: &Limits) -> Result<ExtractedDoc, PdfError> {
    Ok(extract_loaded(load_pdf(bytes, limits)?, limits))
}
