//! The redaction plan (pure, no I/O): findings on a page become areas to box and the exact glyphs and images to remove.

use crate::config::{Config, GapRule, render_ground};
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
    /// Width-safe gaps (`plan_gaps`): empty when they are off, and then every gap keeps the
    /// removed text's own width.
    pub gaps: Vec<Gap>,
    /// Areas drawn where a reviewer put them (signatures, photos): their boxes never move or
    /// change size, and the text under them leaves its own gaps (nothing after them moves).
    pub fixed: Vec<Rect>,
}

/// The gap one run of removed glyphs leaves when width-safe gaps are on.
///
/// A run is a maximal sequence of removed glyphs drawn one after another (consecutive in
/// drawing order, one stream, one line, each after the one before). Its gap starts where the
/// kept glyph before it in the same show operator ends (else at its first glyph) and takes the
/// class width of [`GapRule`] instead of the removed width: the rewriter drops the kerning
/// numbers around the run and adds `extra` after its last glyph, so kept text that follows it
/// on the line (in the same operator, in later show operators without a new position, or after
/// a `Td` on the same line) moves right by `class - width`. Text positioned anew (`Tm`, a new
/// line, a new text object) stays where it was. `apply` settles the gaps before it writes them:
/// where moved text would pass the right edge of the page's text or run into text that stays, a
/// gap takes `class_down` (or, under one step, its own width).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// Index (in `PageContent::glyphs`) of the run's first glyph.
    pub first: usize,
    /// Index of the run's last glyph: its removal carries `extra`.
    pub last: usize,
    /// Text-space distance (of the last glyph's text space) added after the run:
    /// `class - width` converted from points.
    pub extra: f64,
    /// Where the gap starts (page space).
    pub start: (f64, f64),
    /// Unit vector along the baseline (page space).
    pub dir: (f64, f64),
    /// Width of the removed run in points (from `start` to the end of its last glyph).
    pub width: f64,
    /// The class width in points (`GapRule::class_width`); after `apply` settled the gaps, the
    /// class below or the removed width itself where text would collide (see there).
    pub class: f64,
    /// The class below in points (`GapRule::class_width_down`; 0 under one step).
    pub class_down: f64,
    /// Points per text-space unit of the last glyph, along the line.
    pub ratio: f64,
    /// Distance in points from `start` to the nearest visible kept glyph after the run on the
    /// same line, if any.
    pub next_kept: Option<f64>,
    /// All glyphs of the run are visible.
    pub visible: bool,
    /// Areas (in `PagePlan::areas`) the run's last glyph was removed by: their boxes end with
    /// this gap.
    pub areas: Vec<usize>,
    /// Areas the run's first glyph was removed by: their boxes start where the gap starts.
    pub starts_in: Vec<usize>,
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
    plan.fixed = extra.iter().map(|a| a.rect).collect();
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
        .filter(|(_, g)| glyph_core(g).intersects(rect))
        .map(|(i, _)| i)
        .collect()
}

/// The core of a glyph: an area that meets it removes the glyph (see [`glyphs_under`]).
pub fn glyph_core(g: &Glyph) -> Rect {
    band(g, CORE_SIDE, CORE_LOW, CORE_HIGH)
}

fn along(p: (f64, f64), from: (f64, f64), dir: (f64, f64)) -> f64 {
    (p.0 - from.0) * dir.0 + (p.1 - from.1) * dir.1
}

fn across(p: (f64, f64), from: (f64, f64), dir: (f64, f64)) -> f64 {
    ((p.0 - from.0) * dir.1 - (p.1 - from.1) * dir.0).abs()
}

/// The unit vector along a glyph's baseline (its advance, else its quad's bottom edge).
fn baseline_dir(g: &Glyph) -> Option<(f64, f64)> {
    let [ll, lr, _, _] = g.quad.0;
    [g.advance, (lr.0 - ll.0, lr.1 - ll.1)]
        .into_iter()
        .map(|v| (v, (v.0 * v.0 + v.1 * v.1).sqrt()))
        .find(|(_, n)| *n > 1e-9)
        .map(|(v, n)| (v.0 / n, v.1 / n))
}

/// Width-safe gaps for a plan whose areas and removals are made (see [`Gap`]): one gap per run
/// of removed glyphs, in drawing order.
pub fn plan_gaps(content: &PageContent, plan: &mut PagePlan, rule: &GapRule) {
    let glyphs = &content.glyphs;
    let removed: std::collections::BTreeSet<usize> = plan.remove.iter().copied().collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in &removed {
        if let Some(run) = runs.last_mut()
            && run.1 + 1 == i
            && continues(&glyphs[run.1], &glyphs[i])
        {
            run.1 = i;
        } else {
            runs.push((i, i));
        }
    }
    let cores: Vec<Rect> = glyphs
        .iter()
        .map(|g| band(g, CORE_SIDE, CORE_LOW, CORE_HIGH))
        .collect();
    // The origins of the visible text that stays (searched once per run).
    let kept: Vec<(f64, f64)> = glyphs
        .iter()
        .enumerate()
        .filter(|(i, g)| !removed.contains(i) && g.visible && !g.text.trim().is_empty())
        .map(|(_, g)| g.origin)
        .collect();
    for (first, last) in runs {
        let (f, l) = (&glyphs[first], &glyphs[last]);
        // Text under a reviewer's area keeps its own width: the area is where it was drawn.
        if (first..=last).any(|i| plan.fixed.iter().any(|r| r.intersects(&cores[i]))) {
            continue;
        }
        let Some(dir) = baseline_dir(l) else { continue };
        // Rotated and vertical lines keep the removed width (their boxes are drawn per glyph).
        if dir.1.abs() > 0.01 || dir.0 <= 0.0 {
            continue;
        }
        let start = match first.checked_sub(1).map(|p| (p, &glyphs[p])) {
            Some((p, prev))
                if !removed.contains(&p)
                    && prev.prov.stream == f.prov.stream
                    && prev.prov.op_index == f.prov.op_index =>
            {
                (
                    prev.origin.0 + prev.advance.0,
                    prev.origin.1 + prev.advance.1,
                )
            }
            _ => f.origin,
        };
        let end = (l.origin.0 + l.advance.0, l.origin.1 + l.advance.1);
        let width = along(end, start, dir);
        let size = l.size;
        // Points per text-space unit along the baseline, from a glyph of the run that advances
        // (the last glyph's text space is the one the extra is written in).
        let ratio = glyphs[first..=last]
            .iter()
            .rev()
            .filter(|g| g.prov.op_index == l.prov.op_index && g.prov.stream == l.prov.stream)
            .find(|g| g.tx.abs() > 1e-9)
            .map(|g| (g.advance.0.powi(2) + g.advance.1.powi(2)).sqrt() / g.tx);
        let (Some(ratio), true, true) = (ratio, width > 1e-6, size > 1e-6) else {
            continue;
        };
        if !ratio.is_finite() || ratio.abs() < 1e-9 {
            continue;
        }
        let class = rule.class_width(width, size);
        let next_kept = kept
            .iter()
            .filter(|o| across(**o, start, dir) < 0.5 * size)
            .map(|o| along(*o, start, dir))
            .filter(|d| *d > width - 0.3 * size)
            .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.min(d))));
        let met = |i: usize| -> Vec<usize> {
            plan.areas
                .iter()
                .enumerate()
                .filter(|(_, a)| a.rect.intersects(&cores[i]))
                .map(|(k, _)| k)
                .collect()
        };
        plan.gaps.push(Gap {
            first,
            last,
            extra: (class - width) / ratio,
            start,
            dir,
            width,
            class,
            class_down: rule.class_width_down(width, size),
            ratio,
            next_kept,
            visible: glyphs[first..=last].iter().all(|g| g.visible),
            areas: met(last),
            starts_in: met(first),
        });
    }
}

/// `b` is drawn right after `a` as part of the same run: same stream, same line, not behind it.
fn continues(a: &Glyph, b: &Glyph) -> bool {
    let Some(dir) = baseline_dir(a) else {
        return false;
    };
    let end = (a.origin.0 + a.advance.0, a.origin.1 + a.advance.1);
    a.prov.stream == b.prov.stream
        && across(b.origin, a.origin, dir) < 0.3 * a.size.max(0.1)
        && along(b.origin, end, dir) > -0.3 * a.size.max(0.1)
}

/// The boxes to draw for `plan`'s areas, in the same order: an area whose box ends a width-safe
/// gap spans the gap's class width from where the gap starts. `done` tells which gaps moved the
/// kept text after them and how far earlier gaps on the line moved each gap's start (boxes move
/// with it). When the kept text after a gap did not move (it is positioned anew), the box stops
/// at it rather than cover it, which reveals nothing the unmoved text does not show already, and
/// never shrinks below the removed run. Areas without gaps keep their rectangles.
pub fn gap_boxes(plan: &PagePlan, done: &crate::redact::rewrite::GapReport) -> Vec<Rect> {
    let shift_of = |k: usize, g: &Gap| done.shifted.get(&k).copied().unwrap_or(0.0) * g.ratio;
    plan.areas
        .iter()
        .enumerate()
        .map(|(ai, area)| {
            if plan.fixed.contains(&area.rect) {
                return area.rect;
            }
            let ending: Vec<(usize, &Gap)> = plan
                .gaps
                .iter()
                .enumerate()
                .filter(|(_, g)| g.areas.contains(&ai))
                .collect();
            // hidden copies (white text, render mode 3) are removed with their gaps, but the box
            // follows the visible text when there is any
            let any_visible = ending.iter().any(|(_, g)| g.visible);
            let used: Vec<(usize, &Gap)> = ending
                .into_iter()
                .filter(|(_, g)| g.visible || !any_visible)
                .collect();
            // earlier gaps on the line moved this area's text: the box moves with it
            let moved = used.first().copied().or_else(|| {
                plan.gaps
                    .iter()
                    .enumerate()
                    .find(|(_, g)| g.starts_in.contains(&ai))
            });
            let mut r = area.rect;
            // the far edge comes from the gaps alone (a class below is narrower than the area)
            let mut far_set = false;
            if let Some((k, g)) = moved {
                let d = shift_of(k, g);
                r = Rect {
                    x0: r.x0 + g.dir.0 * d,
                    x1: r.x1 + g.dir.0 * d,
                    y0: r.y0 + g.dir.1 * d,
                    y1: r.y1 + g.dir.1 * d,
                };
            }
            for (k, g) in used {
                let shift = shift_of(k, g);
                let start = (g.start.0 + g.dir.0 * shift, g.start.1 + g.dir.1 * shift);
                // the far edge along the baseline, from the gap's start (padding included)
                let len = match g.next_kept.map(|n| n - shift) {
                    Some(n) if !done.carried.contains(&k) && n < g.class + PAD_X => {
                        n.max(g.width.min(g.class) + PAD_X)
                    }
                    _ => g.class + PAD_X,
                };
                let far = (start.0 + g.dir.0 * len, start.1 + g.dir.1 * len);
                let horizontal = g.dir.0.abs() >= g.dir.1.abs();
                let (axis_dir, far_c, start_c) = if horizontal {
                    (g.dir.0, far.0, start.0)
                } else {
                    (g.dir.1, far.1, start.1)
                };
                let (lo, hi) = if horizontal {
                    (&mut r.x0, &mut r.x1)
                } else {
                    (&mut r.y0, &mut r.y1)
                };
                let starts_here = g.starts_in.contains(&ai);
                if axis_dir > 0.0 {
                    *hi = if far_set { hi.max(far_c) } else { far_c };
                    if starts_here {
                        *lo = lo.min(start_c - PAD_X);
                    }
                } else {
                    *lo = if far_set { lo.min(far_c) } else { far_c };
                    if starts_here {
                        *hi = hi.max(start_c + PAD_X);
                    }
                }
                far_set = true;
            }
            r
        })
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
