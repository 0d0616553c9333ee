//! Hostile input never panics: random bytes as a PDF, random content streams, and random mutations of a real file.

use proptest::prelude::*;
use woo_redact::extract::extract_bytes;
use woo_redact::pdf::Limits;
use woo_redact::text::build_page_text;

fn minimal_pdf(content: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        {
            let mut s = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
            s.extend_from_slice(content);
            s.extend_from_slice(b"\nendstream");
            s
        },
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn extract_all(bytes: &[u8]) {
    if let Ok(doc) = extract_bytes(bytes, &Limits::default()) {
        for p in doc.pages.iter().flatten() {
            let _ = build_page_text(&p.content.glyphs);
        }
    }
}

#[test]
fn a_minimal_pdf_reads() {
    let doc = extract_bytes(
        &minimal_pdf(b"BT /F1 12 Tf 10 100 Td (Jan Jansen) Tj ET"),
        &Limits::default(),
    )
    .expect("reads");
    let page = doc.pages[0].as_ref().expect("page");
    assert_eq!(page.text.text, "Jan Jansen\n");
}

#[test]
fn a_broken_content_stream_is_an_error_for_that_page_not_a_truncation() {
    let doc = extract_bytes(
        &minimal_pdf(b"BT /F1 12 Tf (Jan) Tj ET ))) [[[ <<"),
        &Limits::default(),
    )
    .expect("file reads");
    let Err(err) = &doc.pages[0] else {
        panic!("page 1 must fail");
    };
    let err = err.to_string();
    assert!(err.contains("page 1"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        extract_all(&bytes);
        let mut with_header = b"%PDF-1.7\n".to_vec();
        with_header.extend_from_slice(&bytes);
        extract_all(&with_header);
    }

    #[test]
    fn random_content_streams_never_panic(ops in proptest::collection::vec(prop_oneof![
        Just("BT".to_string()), Just("ET".to_string()), Just("q".to_string()), Just("Q".to_string()),
        Just("/F1 12 Tf".to_string()), Just("/F9 12 Tf".to_string()), Just("T*".to_string()),
        (-1e6f64..1e6, -1e6f64..1e6).prop_map(|(a, b)| format!("{a} {b} Td")),
        (-100f64..100.0).prop_map(|a| format!("{a} Tc {a} Tw {a} Tz {a} TL {a} Ts")),
        (0i32..9).prop_map(|a| format!("{a} Tr")),
        "[a-zA-Z ]{0,12}".prop_map(|s| format!("({s}) Tj")),
        "[a-z]{0,6}".prop_map(|s| format!("[({s}) -250 ({s})] TJ")),
        (-5f64..5.0, -5f64..5.0).prop_map(|(a, b)| format!("{a} 0 0 {b} 0 0 cm")),
        Just("/Im1 Do".to_string()), Just("/P <</MCID 3 /ActualText (x)>> BDC".to_string()), Just("EMC".to_string()),
        Just("(x) '".to_string()), Just("1 2 (y) \"".to_string()),
    ], 0..60)) {
        let content = ops.join("\n");
        extract_all(&minimal_pdf(content.as_bytes()));
    }

    #[test]
    fn mutated_corpus_files_never_panic(pos in 0usize..60_000, len in 1usize..64, byte in any::<u8>()) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/m000_reportlab.pdf");
        if let Ok(mut bytes) = std::fs::read(path) {
            let start = pos % bytes.len();
            let end = (start + len).min(bytes.len());
            for b in &mut bytes[start..end] {
                *b = byte;
            }
            extract_all(&bytes);
            bytes.truncate(start);
            extract_all(&bytes);
        }
    }
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture")
}

#[test]
fn a_file_encrypted_with_an_empty_user_password_opens_and_reads_like_the_original() {
    let plain = extract_bytes(&fixture("fixtures/example/minutes.pdf"), &Limits::default())
        .expect("plain reads");
    let enc = extract_bytes(
        &fixture("fixtures/text/empty_user_password.pdf"),
        &Limits::default(),
    )
    .expect("an empty user password must not stop us");
    assert_eq!(plain.pages.len(), enc.pages.len());
    for (a, b) in plain.pages.iter().zip(&enc.pages) {
        let (a, b) = (a.as_ref().expect("page"), b.as_ref().expect("page"));
        assert_eq!(a.text.text, b.text.text);
    }
}

/// A one-page PDF whose page draws `page_draws` of `n` Form XObjects and form `i` draws
/// `edges[i]`; all share one resource dictionary that lists every form (the pattern that made
/// copy-on-write exponential), and every form shows the name.
fn form_graph_pdf(n: usize, edges: &[Vec<usize>], page_draws: &[usize]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources 5 0 R /Contents 4 0 R >>"
            .to_vec(),
    ];
    let stream = |dict: &str, body: &str| {
        format!(
            "<< {dict} /Length {} >>\nstream\n{body}\nendstream",
            body.len()
        )
        .into_bytes()
    };
    let draws = |list: &[usize]| {
        list.iter()
            .map(|i| format!("/X{i} Do"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    objects.push(stream(
        "",
        &format!(
            "BT /F1 10 Tf 10 280 Td (Aanwezig: Jan Jansen) Tj ET {}",
            draws(page_draws)
        ),
    ));
    let xobjects: Vec<String> = (0..n).map(|i| format!("/X{i} {} 0 R", 7 + i)).collect();
    objects.push(
        format!(
            "<< /Font << /F1 6 0 R >> /XObject << {} >> >>",
            xobjects.join(" ")
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, e) in edges.iter().enumerate().take(n) {
        objects.push(stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 300 300] /Resources 5 0 R",
            &format!(
                "BT /F1 8 Tf 10 {} Td (Notulist: Jan Jansen) Tj ET {}",
                200 - 10 * i,
                draws(e)
            ),
        ));
    }
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any graph of forms drawing forms (cycles, self-loops, diamonds): loading, reading,
    /// planning, rewriting with copy-on-write and saving terminate; the saved file has no loop
    /// left (the independent extractor, which recurses into forms, reads it on a small stack);
    /// and every "Jansen" is gone from our own reading of the output.
    #[test]
    fn any_graph_of_forms_is_redacted_without_recursing_forever(
        n in 1usize..7,
        raw_edges in proptest::collection::vec(proptest::collection::vec(0usize..7, 0..4), 7),
        page_draws in proptest::collection::vec(0usize..7, 1..4),
    ) {
        use woo_redact::plan::{Mark, plan_page};
        use woo_redact::redact::apply::{BoxStyle, apply_page};
        use woo_redact::redact::save::save_clean;
        let edges: Vec<Vec<usize>> = raw_edges.iter().map(|e| e.iter().map(|t| t % n).collect()).collect();
        let page_draws: Vec<usize> = page_draws.iter().map(|t| t % n).collect();
        let bytes = form_graph_pdf(n, &edges, &page_draws);
        let limits = Limits::default();
        let pdf = woo_redact::pdf::load_pdf(&bytes, &limits).expect("loads");
        let mut doc = pdf.doc;
        let page_id = pdf.pages[0];
        let page = woo_redact::extract::extract_page(&doc, 1, page_id, &limits).expect("reads");
        prop_assert!(page.content.unreadable.is_empty(), "{:?}", page.content.unreadable);
        let marks: Vec<Mark> = page
            .text
            .search
            .match_indices("Jan Jansen")
            .map(|(at, s)| Mark { start: at, end: at + s.len(), label: "5.1.2e".into(), finding: 0 })
            .collect();
        let plan = plan_page(&page.content, &page.text, &marks);
        apply_page(&mut doc, page_id, &page.content, &plan, &BoxStyle::default(), &limits).expect("applies");
        let out = save_clean(&mut doc).expect("saves");
        let again = extract_bytes(&out, &limits).expect("output reads");
        let text = &again.pages[0].as_ref().expect("page").text.text;
        prop_assert!(!text.contains("Jansen"), "{text}");
        // pdf-extract recurses once per nested form: on a 256 KiB stack it survives only if
        // no loop is left in the output.
        let handle = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&out)).is_ok())
            .expect("thread");
        prop_assert!(handle.join().is_ok());
    }
}
