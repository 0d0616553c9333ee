//! Images under a redaction area on born-digital pages: only the samples under the area are blanked (the image is not dropped), the rest of the image is unchanged, and a shared image is copied, not edited for the other page.

use std::path::Path;
use woo_redact::extract::extract_page;
use woo_redact::pdf::{Limits, load_pdf};
use woo_redact::plan::{Mark, plan_page};
use woo_redact::redact::apply::{BoxStyle, apply_page};
use woo_redact::redact::pixels::{DecodedImage, Placement, decode_image};
use woo_redact::redact::save::save_clean;

fn panel() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scans/panel.pdf"))
        .expect("fixture")
}

/// The image drawn on page `n` (1-based) of `bytes`, decoded, with its placement.
fn image_on(bytes: &[u8], n: u32) -> (DecodedImage, Placement, (u32, u16)) {
    let limits = Limits::default();
    let pdf = load_pdf(bytes, &limits).expect("loads");
    let page = extract_page(&pdf.doc, n, pdf.pages[n as usize - 1], &limits).expect("reads");
    assert_eq!(
        page.content.images.len(),
        1,
        "page {n} must still draw its image"
    );
    let use_ = &page.content.images[0];
    let id = use_.id.expect("an image XObject");
    let stream = pdf
        .doc
        .get_object(id)
        .and_then(|o| o.as_stream())
        .expect("stream");
    (
        decode_image(&pdf.doc, Some(id), stream, 1 << 28).expect("decodes"),
        Placement::from_quad(&use_.quad),
        id,
    )
}

#[test]
fn a_small_box_over_an_image_panel_blanks_only_the_samples_under_it() {
    let input = panel();
    let limits = Limits::default();
    let pdf = load_pdf(&input, &limits).expect("loads");
    let mut doc = pdf.doc;
    let page = extract_page(&doc, 1, pdf.pages[0], &limits).expect("reads");
    let at = page
        .text
        .search
        .find("Fatima El Amrani")
        .expect("name in text");
    let marks = [Mark {
        start: at,
        end: at + "Fatima El Amrani".len(),
        label: "5.1, 2, e".into(),
        finding: 0,
    }];
    let plan = plan_page(&page.content, &page.text, &marks);
    assert_eq!(plan.areas.len(), 1);
    assert!(
        plan.remove_images.is_empty(),
        "the panel must not be dropped"
    );
    assert_eq!(plan.pixels.len(), 1);
    let done = apply_page(
        &mut doc,
        pdf.pages[0],
        &page.content,
        &plan,
        &BoxStyle::default(),
        &limits,
    )
    .expect("applies");
    assert_eq!(done.images_redacted, 1);
    let out = save_clean(&mut doc).expect("saves");

    let (before, placement, before_id) = image_on(&input, 1);
    let (after, _, after_id) = image_on(&out, 1);
    let (w, h) = (before.samples.width, before.samples.height);
    assert_eq!((after.samples.width, after.samples.height), (w, h));
    let area = plan.areas[0].rect;
    let under = placement
        .pixels_under(w, h, &area)
        .expect("the box lies on the panel");
    let (mut changed_outside, mut not_black_inside) = (0, 0);
    for y in 0..h {
        for x in 0..w {
            let inside = (under.x0..under.x1).contains(&x) && (under.y0..under.y1).contains(&y);
            let same = (0..3).all(|k| before.samples.raw(x, y, k) == after.samples.raw(x, y, k));
            if inside && (0..3).any(|k| after.samples.raw(x, y, k) != 0) {
                not_black_inside += 1;
            }
            if !inside && !same {
                changed_outside += 1;
            }
        }
    }
    assert_eq!(
        not_black_inside, 0,
        "every sample under the box is solid black"
    );
    assert_eq!(changed_outside, 0, "no sample outside the box changed");
    let painted = (under.x1 - under.x0) * (under.y1 - under.y0);
    assert!(
        painted * 20 < w * h,
        "only a small part of the panel is painted ({painted} of {} samples)",
        w * h
    );
    // The second page shares the image: it keeps the original, untouched.
    let (other, _, other_id) = image_on(&out, 2);
    assert_eq!(other.samples.data, before.samples.data);
    assert_ne!(after_id, other_id, "the redacted image is a copy");
    let _ = before_id;
    // The text over the panel stays, the name is gone.
    let text = woo_redact::extract::extract_bytes(&out, &limits).expect("reads");
    let p1 = &text.pages[0].as_ref().expect("page").text.text;
    assert!(p1.contains("Jaarverslag Wijkcentrum Noord"), "{p1}");
    assert!(!p1.contains("Amrani"), "{p1}");
}

#[test]
fn an_image_that_cannot_be_decoded_is_kept_and_reported_for_flagging() {
    let input = panel();
    let limits = Limits::default();
    let pdf = load_pdf(&input, &limits).expect("loads");
    let mut doc = pdf.doc;
    let page = extract_page(&doc, 1, pdf.pages[0], &limits).expect("reads");
    // The panel becomes a JPEG 2000 image, which is not decoded here.
    let id = page.content.images[0].id.expect("XObject");
    doc.get_object_mut(id)
        .and_then(|o| o.as_stream_mut())
        .expect("stream")
        .dict
        .set("Filter", lopdf::Object::Name(b"JPXDecode".to_vec()));
    let at = page.text.search.find("Fatima El Amrani").expect("name");
    let marks = [Mark {
        start: at,
        end: at + 16,
        label: "5.1, 2, e".into(),
        finding: 0,
    }];
    let plan = plan_page(&page.content, &page.text, &marks);
    let done = apply_page(
        &mut doc,
        pdf.pages[0],
        &page.content,
        &plan,
        &BoxStyle::default(),
        &limits,
    )
    .expect("the page is still rewritten");
    assert_eq!(done.images_redacted, 0);
    assert_eq!(done.pixel_failures.len(), 1, "{:?}", done.pixel_failures);
    assert!(done.pixel_failures[0].contains("JPXDecode"));
    let out = save_clean(&mut doc).expect("saves");
    let after = extract_page(
        &load_pdf(&out, &limits).expect("loads").doc,
        1,
        load_pdf(&out, &limits).expect("loads").pages[0],
        &limits,
    )
    .expect("reads");
    assert_eq!(
        after.content.images.len(),
        1,
        "the image is kept, not dropped"
    );
}
