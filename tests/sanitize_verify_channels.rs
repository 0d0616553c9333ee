//! verify_document must FIND a name left in each channel, and must fail closed when it cannot check.

use lopdf::{Document, Object, Stream, StringFormat, dictionary};
use woo_redact::redact::save::save_clean;
use woo_redact::verify::{Channel, verify_document};

const NAME: &str = "Hendrika Wolters";

/// A one-page document whose page shows `page_text`; `add` plants something more.
fn doc_with(
    page_text: &str,
    add: impl FnOnce(&mut Document, lopdf::ObjectId, lopdf::ObjectId),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let content = format!("BT /F1 12 Tf 72 700 Td ({page_text}) Tj ET");
    let mut stream = Stream::new(dictionary! {}, content.into_bytes());
    let _ = stream.compress();
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    add(&mut doc, catalog, page_id);
    save_clean(&mut doc).expect("save")
}

fn utf16(s: &str) -> Vec<u8> {
    let mut v = vec![0xFE, 0xFF];
    v.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    v
}

#[test]
fn a_clean_document_is_clean() {
    let bytes = doc_with("Verslag van het overleg", |_, _, _| {});
    let r = verify_document(
        &bytes,
        &[NAME.to_string()],
        &["Verslag van het overleg".into()],
    );
    assert!(r.is_clean(), "{r:?}");
    assert!(r.streams_searched >= 1);
}

#[test]
fn a_name_left_in_each_channel_is_found() {
    type Plant = Box<dyn Fn(&mut Document, lopdf::ObjectId, lopdf::ObjectId)>;
    let cases: Vec<(&str, Plant, Channel)> = vec![
        (
            "Info Author (UTF-16BE)",
            Box::new(|d, _, _| {
                let info = d.add_object(dictionary! { "Author" => Object::String(utf16(NAME), StringFormat::Hexadecimal) });
                d.trailer.set("Info", info);
            }),
            Channel::Info,
        ),
        (
            "XMP metadata",
            Box::new(|d, cat, _| {
                let xmp = format!(
                    "<x:xmpmeta><dc:creator><rdf:li>{NAME}</rdf:li></dc:creator></x:xmpmeta>"
                );
                let mut s = Stream::new(
                    dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
                    xmp.into_bytes(),
                );
                let _ = s.compress();
                let id = d.add_object(s);
                if let Ok(c) = d.get_dictionary_mut(cat) {
                    c.set("Metadata", id);
                }
            }),
            Channel::Metadata,
        ),
        (
            "outline title",
            Box::new(|d, cat, page| {
                let outlines = d.new_object_id();
                let item = d.add_object(dictionary! {
                    "Title" => Object::string_literal(format!("Overleg met {NAME}")), "Parent" => outlines,
                    "Dest" => vec![page.into(), "Fit".into()],
                });
                d.objects.insert(
                    outlines,
                    Object::Dictionary(dictionary! { "Type" => "Outlines", "First" => item, "Last" => item, "Count" => 1 }),
                );
                if let Ok(c) = d.get_dictionary_mut(cat) {
                    c.set("Outlines", outlines);
                }
            }),
            Channel::Outline,
        ),
        (
            "annotation author",
            Box::new(|d, _, page| {
                let a = d.add_object(dictionary! {
                    "Type" => "Annot", "Subtype" => "Text", "T" => Object::string_literal(NAME),
                    "Rect" => vec![10.into(), 10.into(), 30.into(), 30.into()],
                });
                if let Ok(p) = d.get_dictionary_mut(page) {
                    p.set("Annots", vec![a.into()]);
                }
            }),
            Channel::Annotation,
        ),
        (
            "struct tree /Alt with octal escapes",
            Box::new(|d, cat, _| {
                let el = d.add_object(dictionary! { "Type" => "StructElem", "S" => "Figure", "Alt" => Object::string_literal(NAME) });
                let root = d.add_object(dictionary! { "Type" => "StructTreeRoot", "K" => el });
                if let Ok(c) = d.get_dictionary_mut(cat) {
                    c.set("StructTreeRoot", root);
                }
            }),
            Channel::StringObject,
        ),
        (
            "hex string split over a TJ in a form XObject",
            Box::new(|d, _, page| {
                let hex = |s: &str| s.bytes().map(|b| format!("{b:02x}")).collect::<String>();
                let (a, b) = NAME.split_at(5);
                let content = format!("BT /F1 9 Tf [<{}> -30 <{}>] TJ ET", hex(a), hex(b));
                let mut s = Stream::new(
                    dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 9.into(), 9.into()] },
                    content.into_bytes(),
                );
                let _ = s.compress();
                let id = d.add_object(s);
                if let Ok(p) = d.get_dictionary_mut(page) {
                    p.set("PieceInfo", dictionary! { "X" => id });
                }
            }),
            Channel::Stream,
        ),
    ];
    for (label, plant, want) in cases {
        let bytes = doc_with("Verslag van het overleg", plant);
        let r = verify_document(
            &bytes,
            &["Jan".into(), NAME.to_string()],
            &["Verslag van het overleg".into()],
        );
        assert!(!r.is_clean(), "{label}: must not be clean");
        assert!(
            r.channels().contains(&want),
            "{label}: expected {want:?}, got {:?}",
            r.channels()
        );
        assert!(
            r.findings.iter().all(|f| f.removed_index == 1),
            "{label}: wrong index"
        );
        let json = serde_json::to_string(&r).expect("serialises");
        assert!(
            !json.contains(NAME) && !json.contains("Wolters"),
            "{label}: report copies the name"
        );
    }
}

#[test]
fn page_text_is_found_by_pdf_extract_and_own_extraction() {
    let bytes = doc_with(&format!("Notulist: {NAME}"), |_, _, _| {});
    let r = verify_document(&bytes, &[NAME.to_string()], &[format!("Notulist: {NAME}")]);
    let ch = r.channels();
    assert!(ch.contains(&Channel::PdfExtract), "{ch:?} {:?}", r.warnings);
    assert!(ch.contains(&Channel::OwnExtraction), "{ch:?}");
    assert!(ch.contains(&Channel::Stream), "{ch:?}");
    assert!(
        ch.contains(&Channel::RawBytes) || ch.contains(&Channel::Stream),
        "{ch:?}"
    );
}

#[test]
fn whitespace_and_case_rules() {
    // The name broken over a line, and an e-mail address in other case.
    let bytes = doc_with("Hendrika", |d, _, _| {
        let info = d.add_object(dictionary! {
            "Author" => Object::string_literal("Hendrika\n   Wolters"),
            "Subject" => Object::string_literal("Mail H.Wolters@Example.NL"),
        });
        d.trailer.set("Info", info);
    });
    let removed = vec![
        NAME.to_string(),
        "h.wolters@example.nl".to_string(),
        "hendrika wolters".to_string(),
        "wolters".to_string(),
    ];
    let r = verify_document(&bytes, &removed, &["Hendrika".into()]);
    let idx: std::collections::BTreeSet<usize> =
        r.findings.iter().map(|f| f.removed_index).collect();
    assert!(idx.contains(&0), "spread name found");
    assert!(idx.contains(&1), "e-mail found case-insensitively");
    assert!(
        idx.contains(&2),
        "a name of two words is that name in any case"
    );
    assert!(
        !idx.contains(&3),
        "a single word is matched as removed or in capitals, not in other case"
    );
}

#[test]
fn fails_closed_when_it_cannot_check() {
    // Own extraction missing for the page.
    let bytes = doc_with("Verslag", |_, _, _| {});
    let r = verify_document(&bytes, &[NAME.to_string()], &[]);
    assert!(
        !r.is_clean() && !r.is_complete(),
        "missing own extraction must be incomplete"
    );

    // A stream that does not decompress.
    let bytes = doc_with("Verslag", |d, _, page| {
        let s = Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            b"this is not zlib data".to_vec(),
        );
        let id = d.add_object(s);
        if let Ok(p) = d.get_dictionary_mut(page) {
            p.set("PieceInfo", dictionary! { "X" => id });
        }
    });
    let r = verify_document(&bytes, &[NAME.to_string()], &["Verslag".into()]);
    assert!(r.findings.is_empty());
    assert!(
        !r.is_clean(),
        "undecodable stream must make verification incomplete"
    );

    // Not a PDF at all.
    let r = verify_document(b"%PDF-1.7\n garbage", &[NAME.to_string()], &["x".into()]);
    assert!(!r.is_clean());
}
