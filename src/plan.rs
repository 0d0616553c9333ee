//! The redaction plan (pure, no I/O): findings on a page become areas to box and the exact glyphs and images to remove.

use crate::config::{Config, render_ground};
use crate::detect::Finding;
use crate::pdf::interp::PageContent;
use crate::pdf::{Glyph, Rect};
use crate::redact::pixels::ImageRedaction;
use crate::text::PageText;
use serde::Serialize;

/// Horizontal padding of an area, in points: barely any, so neighbouring commas and spaces stay.
const PAD_X: f64 = 0.1;
/// Vertical extent of a box, in ems from the baseline: below it (descenders) and above it
/// (accents on capitals). Taken from the font size, not from the font's own ascent and descent,
/// which some producers set so large that a box would reach into the lines above and below.
const BOX_BELOW: f64 = 0.25;
const BOX_ABOVE: f64 = 0.95;
/// A glyph is removed when its core meets an area: its box shrunk on the left and
/// right (a quarter: kerning lets a comma overlap the name before it), and between 0.1 and 0.6 em above its baseline, so only glyphs on the same line are
/// caught, wherever they were drawn from (white text, render mode 3, fake-bold duplicates).
const CORE_SIDE: f64 = 0.25;
const CORE_LOW: f64 = 0.1;
const CORE_HIGH: f64 = 0.6;
/// Why a page is flagged when a redaction area lies over an inline image: it is kept whole (never
/// dropped, which would lose everything else it shows) and a person checks it. Image XObjects
/// are redacted in their pixels instead (`PagePlan::pixels`).
pub const IMAGE_UNDER_AREA: &str = "an inline image lies under a redaction area and was kept whole (inline images are not redacted in their pixels): check it by hand";

/// A span of the page's search text to redact.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Start byte in `PageText::search`.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The label to print on the box (the ground in the configured notation).
    pub label: String,
    /// Index of the finding this mark comes from (for the audit).
    pub finding: usize,
}

/// The page's findings as marks to plan, labelled in the configured notation.
pub fn marks_for(findings: &[Finding], cfg: &Config) -> Vec<Mark> {
    findings
        .iter()
        .enumerate()
        .map(|(k, f)| Mark {
            start: f.start,
            end: f.end,
            label: render_ground(&f.ground, cfg.label_notation),
            finding: k,
        })
        .collect()
}

/// One box to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    /// The box in page space (points, origin top-left, y down).
    pub rect: Rect,
    /// The label text.
    pub label: String,
    /// The finding it comes from.
    pub finding: usize,
}

/// Everything to do on one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PagePlan {
    /// Boxes to draw.
    pub areas: Vec<Area>,
    /// Indices of glyphs (in `PageContent::glyphs`) to remove, sorted.
    pub remove: Vec<usize>,
    /// Indices of images (in `PageContent::images`) to remove, sorted. The planner leaves it
    /// empty (a whole image draw is never dropped: XObjects are redacted in their pixels, see
    /// `pixels`; inline images are kept and flagged).
    pub remove_images: Vec<usize>,
    /// Image XObject draws to redact in their pixels, with the areas over each.
    pub pixels: Vec<ImageRedaction>,
    /// Reasons this page cannot be passed as clean by the plan alone.
    pub review: Vec<String>,
    /// Indices (in `PageContent::marked_alts`) of marked content whose /Alt or /E carries
    /// personal data: their /Alt, /E and /ActualText are removed.
    pub scrub_alts: Vec<usize>,
}

impl PagePlan {
    /// True when there is nothing to change on the page.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
            && self.remove.is_empty()
            && self.remove_images.is_empty()
            && self.pixels.is_empty()
            && self.scrub_alts.is_empty()
    }
}

/// The rectangle spanned by the glyph's advance box between `low` and `high` ems above its
/// baseline, shrunk by `side` of its width on both ends (page space, any orientation).
fn band(g: &Glyph, side: f64, low: f64, high: f64) -> Rect {
    let [ll, lr, _, ul] = g.quad.0;
    let right = (lr.0 - ll.0, lr.1 - ll.1);
    let up_len = ((ul.0 - ll.0).powi(2) + (ul.1 - ll.1).powi(2))
        .sqrt()
        .max(1e-9);
    let up = ((ul.0 - ll.0) / up_len, (ul.1 - ll.1) / up_len);
    let size = g.size.max(0.1);
    let at = |t: f64, h: f64| {
        (
            g.origin.0 + right.0 * t + up.0 * h * size,
            g.origin.1 + right.1 * t + up.1 * h * size,
        )
    };
    let pts = [
        at(side, low),
        at(1.0 - side, low),
        at(1.0 - side, high),
        at(side, high),
    ];
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    Rect {
        x0: xs.clone().fold(f64::MAX, f64::min),
        x1: xs.fold(f64::MIN, f64::max),
        y0: ys.clone().fold(f64::MAX, f64::min),
        y1: ys.fold(f64::MIN, f64::max),
    }
}

fn same_line(a: &Glyph, b: &Glyph) -> bool {
    let (ra, rb) = (a.quad.bbox(), b.quad.bbox());
    let ca = (ra.y0 + ra.y1) / 2.0;
    let cb = (rb.y0 + rb.y1) / 2.0;
    let h = ra.height().max(rb.height()).max(0.1);
    (ca - cb).abs() < 0.5 * h && rb.x0 > ra.x0 - 0.5 * h
}

/// Plans the redaction of one page.
pub fn plan_page(content: &PageContent, text: &PageText, marks: &[Mark]) -> PagePlan {
    plan_page_with_areas(content, text, marks, &[])
}

/// Plans the redaction of one page with `extra` areas besides those of the marks (areas over
/// OCR words, areas a reviewer added): glyphs and images under every area are redacted.
pub fn plan_page_with_areas(
    content: &PageContent,
    text: &PageText,
    marks: &[Mark],
    extra: &[Area],
) -> PagePlan {
    let mut plan = PagePlan::default();
    for mark in marks {
        let glyphs: Vec<&Glyph> = text
            .glyphs_in_search(mark.start, mark.end)
            .into_iter()
            .filter_map(|i| content.glyphs.get(i))
            .filter(|g| !g.text.trim().is_empty())
            .collect();
        let mut line: Option<(Rect, &Glyph)> = None;
        for g in glyphs {
            let r = band(g, 0.0, -BOX_BELOW, BOX_ABOVE);
            line = match line {
                Some((acc, last)) if same_line(last, g) => Some((acc.union(&r), g)),
                Some((acc, _)) => {
                    plan.areas.push(area(acc, mark));
                    Some((r, g))
                }
                None => Some((r, g)),
            };
        }
        if let Some((acc, _)) = line {
            plan.areas.push(area(acc, mark));
        }
    }
    plan.areas.extend_from_slice(extra);
    for (i, g) in content.glyphs.iter().enumerate() {
        let r = band(g, CORE_SIDE, CORE_LOW, CORE_HIGH);
        if plan.areas.iter().any(|a| a.rect.intersects(&r)) {
            plan.remove.push(i);
        }
    }
    plan_images(content, &mut plan);
    plan
}

/// The glyphs an area removes (their core meets it), as [`plan_page_with_areas`] decides.
pub fn glyphs_under(content: &PageContent, rect: &Rect) -> Vec<usize> {
    content
        .glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| band(g, CORE_SIDE, CORE_LOW, CORE_HIGH).intersects(rect))
        .map(|(i, _)| i)
        .collect()
}

/// Images under the plan's areas: an image XObject is redacted in its pixels (only the samples
/// under the areas); an inline image is kept whole and the page flagged (never dropped).
pub fn plan_images(content: &PageContent, plan: &mut PagePlan) {
    for (i, img) in content.images.iter().enumerate() {
        let r = img.quad.bbox();
        let rects: Vec<Rect> = plan
            .areas
            .iter()
            .filter(|a| a.rect.intersects(&r))
            .map(|a| a.rect)
            .collect();
        if rects.is_empty() {
            continue;
        }
        if img.id.is_some() {
            plan.pixels.push(ImageRedaction { image: i, rects });
        } else if !plan.review.iter().any(|r| r == IMAGE_UNDER_AREA) {
            plan.review.push(IMAGE_UNDER_AREA.into());
        }
    }
}

fn area(r: Rect, mark: &Mark) -> Area {
    Area {
        rect: Rect {
            x0: r.x0 - PAD_X,
            y0: r.y0,
            x1: r.x1 + PAD_X,
            y1: r.y1,
        },
        label: mark.label.clone(),
        finding: mark.finding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::glyph::test_glyph;
    use crate::text::build_page_text;

    fn glyph(c: char, x: f64, y: f64) -> Glyph {
        test_glyph(&c.to_string(), x, y, 5.0)
    }

    fn page(lines: &[&str]) -> PageContent {
        let mut glyphs = Vec::new();
        for (l, s) in lines.iter().enumerate() {
            for (i, c) in s.chars().enumerate() {
                if c != ' ' {
                    glyphs.push(glyph(c, 10.0 + 5.0 * i as f64, 20.0 + 14.0 * l as f64));
                }
            }
        }
        PageContent {
            glyphs,
            ..Default::default()
        }
    }

    #[test]
    fn a_name_becomes_one_area_and_only_its_glyphs_are_removed() {
        let content = page(&["met Jan, zegt"]);
        let text = build_page_text(&content.glyphs);
        let at = text.search.find("Jan").unwrap();
        let plan = plan_page(
            &content,
            &text,
            &[Mark {
                start: at,
                end: at + 3,
                label: "5.1.2e".into(),
                finding: 0,
            }],
        );
        assert_eq!(plan.areas.len(), 1);
        let removed: String = plan
            .remove
            .iter()
            .map(|&i| content.glyphs[i].text.as_str())
            .collect();
        assert_eq!(removed, "Jan", "the comma after the name must stay");
    }

    #[test]
    fn a_name_over_two_lines_gets_one_area_per_line() {
        let content = page(&["met Mess-", "aoudi gaat"]);
        let text = build_page_text(&content.glyphs);
        let at = text.search.find("Messaoudi").unwrap();
        let plan = plan_page(
            &content,
            &text,
            &[Mark {
                start: at,
                end: at + 9,
                label: "x".into(),
                finding: 0,
            }],
        );
        assert_eq!(plan.areas.len(), 2);
        let removed: String = plan
            .remove
            .iter()
            .map(|&i| content.glyphs[i].text.as_str())
            .collect();
        assert_eq!(removed, "Messaoudi");
    }

    #[test]
    fn a_hidden_duplicate_under_the_name_is_removed_too() {
        let mut content = page(&["Ida komt"]);
        let mut hidden = content.glyphs[0].clone();
        hidden.render_mode = 3;
        hidden.visible = false;
        content.glyphs.push(hidden);
        let text = build_page_text(&content.glyphs[..7]);
        let plan = plan_page(
            &content,
            &text,
            &[Mark {
                start: 0,
                end: 3,
                label: "x".into(),
                finding: 0,
            }],
        );
        assert!(plan.remove.contains(&7));
    }
}
