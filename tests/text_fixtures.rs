//! Golden-text tests over fixtures/text/: each fixture's page text must be what a person reads on the page, with exact glyph provenance.
//!
//! `fixtures/text/<case>.txt` is the expected `woo-redact text` output (each page's text followed
//! by a form feed) and `<case>.search.txt`, where present, the expected `--search` output. The
//! golden files were written by hand from what the fixture shows, not copied from the tool.
//! Set `WOO_ACCEPT_GOLDEN=1` to rewrite them from the current output instead of comparing
//! (then review the diff with `git diff fixtures/text` before committing).
//! The fixtures themselves come from `scripts/make_text_fixtures.py`.

mod support;

use support::{cli_text, extract, fixture_pdf, fixtures_dir};
use woo_redact::pdf::content::{Op, TjElem, decode_ops};
use woo_redact::pdf::interp::page_ops;
use woo_redact::pdf::{Limits, StreamRef};

const CASES: &[&str] = &[
    "identity_h_subset",
    "winansi_type1",
    "differences",
    "tj_kerning",
    "tz_tc_tw_ts",
    "rotated_page",
    "form_xobject",
    "type3",
    "ligature",
    "actual_text",
    "two_columns",
    "hyphenated_name",
];

fn accepting() -> bool {
    std::env::var("WOO_ACCEPT_GOLDEN").is_ok_and(|v| v == "1")
}

/// Shows the first differing line of two texts.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            return format!("line {}:\n  want {:?}\n  got  {:?}", i + 1, a, b);
        }
    }
    "no line differs".into()
}

fn golden(case: &str) {
    let doc = extract(&fixture_pdf(case));
    for (suffix, search) in [("txt", false), ("search.txt", true)] {
        let path = fixtures_dir().join(format!("{case}.{suffix}"));
        let got = cli_text(&doc, search);
        if accepting() {
            if !search || path.exists() {
                std::fs::write(&path, &got)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            }
            continue;
        }
        let Ok(want) = std::fs::read_to_string(&path) else {
            assert!(search, "golden file {} is missing", path.display());
            continue;
        };
        assert!(
            want == got,
            "{case}: {} differs from the golden file {}\n{}\nwhole output:\n{got}",
            if search { "search text" } else { "page text" },
            path.display(),
            first_difference(&want, &got)
        );
    }
}

macro_rules! golden_tests {
    ($($case:ident),* $(,)?) => {
        mod golden {
            $(
                #[test]
                fn $case() {
                    super::golden(stringify!($case));
                }
            )*
        }
    };
}

golden_tests!(
    identity_h_subset,
    winansi_type1,
    differences,
    tj_kerning,
    tz_tc_tw_ts,
    rotated_page,
    form_xobject,
    type3,
    ligature,
    actual_text,
    two_columns,
    hyphenated_name,
);

#[test]
fn every_case_has_a_pdf_and_a_golden_file() {
    for case in CASES {
        assert!(fixture_pdf(case).is_file(), "{case}.pdf is missing");
        let golden = fixtures_dir().join(format!("{case}.txt"));
        assert!(golden.is_file(), "{case}.txt is missing");
        let size = std::fs::metadata(fixture_pdf(case)).map_or(0, |m| m.len());
        assert!(
            size < 40_000,
            "{case}.pdf is {size} bytes, keep fixtures small"
        );
    }
}

#[test]
fn form_xobject_glyphs_carry_two_different_invocation_chains() {
    let doc = extract(&fixture_pdf("form_xobject"));
    let Some(Ok(page)) = doc.pages.first() else {
        panic!("page 1 did not extract");
    };
    // (form id, invoked_by) -> the text its glyphs drew
    let mut instances: Vec<((u32, u16), Vec<usize>, String)> = Vec::new();
    for g in &page.content.glyphs {
        if let StreamRef::Form { id, invoked_by } = &g.prov.stream {
            match instances
                .iter_mut()
                .find(|(i, c, _)| i == id && c == invoked_by)
            {
                Some(inst) => inst.2.push_str(&g.text),
                None => instances.push((*id, invoked_by.clone(), g.text.to_string())),
            }
        }
    }
    assert_eq!(
        instances.len(),
        2,
        "expected the form drawn twice: {instances:?}"
    );
    assert_eq!(instances[0].0, instances[1].0, "one form, two instances");
    assert_ne!(
        instances[0].1, instances[1].1,
        "invoked_by chains must differ"
    );
    for (_, chain, text) in &instances {
        assert_eq!(
            chain.len(),
            1,
            "a form drawn from the page has a chain of one Do"
        );
        assert_eq!(text, "Opgesteld door griffier R. van Leeuwen");
    }
    // The page's own glyphs are not attributed to the form.
    let page_text: String = page
        .content
        .glyphs
        .iter()
        .filter(|g| g.prov.stream == StreamRef::Page)
        .map(|g| g.text.as_str())
        .collect();
    assert!(page_text.contains("mevrouw F. Aydin"), "{page_text:?}");
    assert!(!page_text.contains("Leeuwen"), "{page_text:?}");
}

#[test]
fn actual_text_glyphs_point_to_their_span() {
    let doc = extract(&fixture_pdf("actual_text"));
    let Some(Ok(page)) = doc.pages.first() else {
        panic!("page 1 did not extract");
    };
    let spans = &page.content.actual_texts;
    // (ActualText, glyphs drawn inside its span: their number and their non-accent letters)
    let table: &[(&str, usize, &str)] = &[("Müller", 7, "Muller"), ("Eva de Wit", 10, "EvadeWit")];
    for &(want, count, letters) in table {
        let Some(idx) = spans.iter().position(|s| s.text == want) else {
            panic!("no ActualText {want:?} among {spans:?}");
        };
        let inside: Vec<_> = page
            .content
            .glyphs
            .iter()
            .filter(|g| g.actual_text == Some(idx))
            .collect();
        assert_eq!(inside.len(), count, "glyphs inside the {want:?} span");
        let drawn: String = inside
            .iter()
            .flat_map(|g| g.text.chars())
            .filter(|c| c.is_alphabetic())
            .collect();
        assert_eq!(drawn, letters, "letters drawn inside the {want:?} span");
    }
    let outside: String = page
        .content
        .glyphs
        .iter()
        .filter(|g| g.actual_text.is_none())
        .map(|g| g.text.as_str())
        .collect();
    assert!(outside.contains("Inspreker: mevrouw "), "{outside:?}");
    assert!(!outside.contains("ller"), "{outside:?}");
}

/// The string operand that a show operator at `elem` draws, if the operation is one.
fn shown_string(op: &lopdf::content::Operation, elem: usize) -> Option<Vec<u8>> {
    match Op::parse(op) {
        Op::Show(s) | Op::NextLineShow(s) | Op::NextLineShowSpaced(_, _, s) if elem == 0 => {
            Some(s.to_vec())
        }
        Op::ShowArray(elems) => match elems.get(elem) {
            Some(TjElem::Str(s)) => Some(s.to_vec()),
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn every_glyph_byte_range_lies_inside_its_string_operand() {
    let limits = Limits::default();
    for case in CASES {
        let doc = extract(&fixture_pdf(case));
        for (pi, page) in doc.pages.iter().enumerate() {
            let Ok(page) = page else {
                panic!("{case}: page {} did not extract", pi + 1);
            };
            let page_id = doc.pdf.pages[pi];
            let ops = page_ops(&doc.pdf.doc, page_id, pi as u32 + 1, &limits)
                .unwrap_or_else(|e| panic!("{case}: page ops: {e}"));
            assert!(
                !page.content.glyphs.is_empty(),
                "{case}: page {} has no glyphs",
                pi + 1
            );
            for g in &page.content.glyphs {
                let form_ops;
                let stream_ops = match &g.prov.stream {
                    StreamRef::Page => &ops,
                    StreamRef::Form { id, .. } => {
                        let bytes = doc
                            .pdf
                            .doc
                            .get_object(*id)
                            .and_then(|o| o.as_stream())
                            .map(|s| s.decompressed_content().unwrap_or(s.content.clone()))
                            .unwrap_or_else(|e| panic!("{case}: form {id:?}: {e}"));
                        form_ops = decode_ops(&bytes)
                            .unwrap_or_else(|e| panic!("{case}: form {id:?}: {e}"));
                        &form_ops
                    }
                };
                let p = &g.prov;
                let op = stream_ops
                    .get(p.op_index)
                    .unwrap_or_else(|| panic!("{case}: op_index {} out of range", p.op_index));
                let Some(s) = shown_string(op, p.elem_index) else {
                    panic!(
                        "{case}: glyph {:?} points at {} element {}, which is not a shown string",
                        g.text, op.operator, p.elem_index
                    );
                };
                assert!(
                    p.byte_len >= 1 && p.byte_start + p.byte_len <= s.len(),
                    "{case}: glyph {:?} bytes {}..+{} outside its {}-byte string",
                    g.text,
                    p.byte_start,
                    p.byte_len,
                    s.len()
                );
                let code = s[p.byte_start..p.byte_start + p.byte_len]
                    .iter()
                    .fold(0u32, |acc, &b| (acc << 8) | b as u32);
                assert_eq!(code, p.code, "{case}: glyph {:?} code vs its bytes", g.text);
            }
        }
    }
}

#[test]
fn hyphenated_names_are_whole_in_search_text() {
    let doc = extract(&fixture_pdf("hyphenated_name"));
    let Some(Ok(page)) = doc.pages.first() else {
        panic!("page 1 did not extract");
    };
    let t = &page.text;
    for name in ["Schimmelpenninck", "Verhoef-Boukhari"] {
        let Some(at) = t.search.find(name) else {
            panic!("{name:?} is not whole in the search text {:?}", t.search);
        };
        let glyphs = t.glyphs_in_search(at, at + name.len());
        assert_eq!(
            glyphs.len(),
            name.chars().count(),
            "every character of {name:?} maps to its own glyph"
        );
        let drawn: String = glyphs
            .iter()
            .map(|&i| page.content.glyphs[i].text.as_str())
            .collect();
        assert_eq!(drawn, name, "the glyphs behind {name:?}");
    }
    // The line-faithful text keeps the break as printed.
    assert!(t.text.contains("Schimmelpen-\nninck"), "{:?}", t.text);
    assert!(t.text.contains("Verhoef-\nBoukhari"), "{:?}", t.text);
}

/// Fonts written in place in the resources (no object of their own) are each read with their own
/// encoding, also when the page switches between them and back: two such fonts that differ only
/// in their /Differences are two fonts, not one remembered font.
#[test]
fn fonts_written_in_place_keep_their_own_encodings() {
    use lopdf::{Dictionary, Document, Object, Stream};
    let font = |differences: Option<&[u8]>| {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Font".to_vec()));
        d.set("Subtype", Object::Name(b"Type1".to_vec()));
        d.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        match differences {
            None => d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
            Some(glyph) => {
                let mut enc = Dictionary::new();
                enc.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
                enc.set(
                    "Differences",
                    Object::Array(vec![Object::Integer(65), Object::Name(glyph.to_vec())]),
                );
                d.set("Encoding", Object::Dictionary(enc));
            }
        }
        Object::Dictionary(d)
    };
    let mut doc = Document::with_version("1.7");
    let mut fonts = Dictionary::new();
    fonts.set("F1", font(None));
    fonts.set("F2", font(Some(b"B")));
    fonts.set("F3", font(Some(b"C")));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let content = b"BT /F1 12 Tf 72 700 Td (A) Tj /F2 12 Tf (A) Tj /F3 12 Tf (A) Tj /F1 12 Tf (A) Tj /F2 12 Tf (A) Tj ET";
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
    let pages_id = doc.new_object_id();
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages_id));
    page.set("Contents", Object::Reference(content_id));
    page.set("Resources", Object::Dictionary(resources));
    page.set(
        "MediaBox",
        Object::Array(vec![0.into(), 0.into(), 612.into(), 792.into()]),
    );
    let page_id = doc.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
    pages.set("Count", Object::Integer(1));
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    let extracted = woo_redact::extract::extract_bytes(&bytes, &Limits::default()).expect("read");
    let page = extracted.pages[0].as_ref().expect("page");
    assert_eq!(page.text.text.trim(), "ABCAB");
}
