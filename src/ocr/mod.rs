//! OCR of pages without a usable text layer: render the page's images, read them with tesseract, and give back words in page space, page text for detection, areas, an invisible text layer and a pixel verification.
//!
//! The stage API (wired by the batch):
//! - pass 1: [`needs_ocr`] decides per page (`ocr = auto | always | never`); [`ocr_page`]
//!   returns an [`OcrPage`] whose `text` the detector reads like any page (keep the
//!   `OcrPage` for pass 2: it is small, and OCR is too slow to run twice);
//! - pass 2: [`OcrPage::areas`] turns findings (marks on `text.search`) into areas over
//!   word boxes with a margin; `plan::plan_images` + `redact::pixels` blank the pixels under
//!   those areas (and under reviewer areas and text findings over images);
//!   [`layer::add_text_layer`] writes the kept words as invisible text (render mode 3);
//! - verification: [`verify::check_page_pixels`] OCRs the output page again and reports any
//!   removed string found exactly or within OCR tolerance ([`fuzzy`]).

pub mod apply;
pub mod fuzzy;
pub mod layer;
pub mod page;
pub mod render;
pub mod seen;
pub mod stage;
pub mod tesseract;
pub mod verify;

pub use page::{OcrData, OcrPage, OcrWord, ocr_page};
pub use tesseract::{OcrEngine, OcrError};

use crate::pdf::interp::PageContent;
use serde::{Deserialize, Serialize};

/// When pages are OCR'd (configuration key `ocr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OcrMode {
    /// Only pages without a usable text layer (the default).
    #[default]
    Auto,
    /// Every page that draws an image.
    Always,
    /// Never (pages without a text layer are flagged, as before).
    Never,
}

/// The audit's line for an OCR'd page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrAudit {
    /// 1-based page.
    pub page: u32,
    /// Mean word confidence, 0..100 (one decimal).
    pub mean_confidence: f64,
    /// Words read.
    pub words: usize,
    /// Resolution the page was rendered at for OCR.
    pub dpi: f64,
}

/// Whether a page is to be OCR'd under `mode`: under `auto`, a page that draws images and has
/// no usable text (a scan, see [`is_scan`]), or a page whose text layer sits beside an image
/// large enough to hold text of its own (a pasted screenshot of a mail or chat, a scanned
/// attachment: at least [`LARGE_IMAGE`] of the page); both its text layer and the OCR text
/// are then read. Born-digital pages without such images are never OCR'd under `auto`.
pub fn needs_ocr(content: &PageContent, mode: OcrMode) -> bool {
    needs_ocr_except(content, mode, &std::collections::HashSet::new())
}

/// [`needs_ocr`], where images known to hold no text (`textless`, by object id: OCR read no
/// word on them on an earlier page of the document, such as a logo on every page) are no
/// reason to read a page with a text layer. Under `auto` a page with a text layer is read
/// when it draws a large image, or an image of at least [`TEXT_IMAGE`] of the page not known to
/// be textless (a line of text pasted as a picture).
pub fn needs_ocr_except(
    content: &PageContent,
    mode: OcrMode,
    textless: &std::collections::HashSet<(u32, u16)>,
) -> bool {
    if content.images.is_empty() {
        return false;
    }
    match mode {
        OcrMode::Never => false,
        OcrMode::Always => true,
        OcrMode::Auto => {
            is_scan(content)
                || has_large_image(content)
                || image_shares(content).into_iter().any(|(id, share)| {
                    // inline images are not rendered for OCR; they are small by nature
                    share >= TEXT_IMAGE && id.is_some_and(|i| !textless.contains(&i))
                })
        }
    }
}

/// Share of the page from which an image on a page with a text layer may hold text worth
/// reading (a line of 10 pt text across a third of the page).
pub const TEXT_IMAGE: f64 = 0.005;

/// Each image draw's object id (None for inline images) and the share of the page it covers.
pub fn image_shares(content: &PageContent) -> Vec<(Option<(u32, u16)>, f64)> {
    let Some(g) = content.geometry.as_ref() else {
        return vec![];
    };
    let page = (g.width * g.height).max(1.0);
    content
        .images
        .iter()
        .map(|i| {
            let b = i.quad.bbox();
            let w = (b.x1.min(g.width) - b.x0.max(0.0)).max(0.0);
            let h = (b.y1.min(g.height) - b.y0.max(0.0)).max(0.0);
            (i.id, w * h / page)
        })
        .collect()
}

/// Share of the page an image must cover to be read by OCR on a page with a text layer.
pub const LARGE_IMAGE: f64 = 0.10;

/// A page that draws images and has no usable text: no glyph with text, or only glyphs whose
/// Unicode mapping cannot be trusted or that map to no text.
pub fn is_scan(content: &PageContent) -> bool {
    !content.images.is_empty()
        && !content.glyphs.iter().any(|g| {
            !g.text.trim().is_empty() && content.fonts.get(g.font).is_none_or(|f| f.unicode_trusted)
        })
}

/// An image covering at least [`LARGE_IMAGE`] of the page.
pub fn has_large_image(content: &PageContent) -> bool {
    image_shares(content)
        .into_iter()
        .any(|(_, share)| share >= LARGE_IMAGE)
}
