//! Table tests of font loading and decoding, with fonts built as lopdf dictionaries.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use super::{CharCode, Font, FontKind};

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn nums(v: &[f64]) -> Object {
    Object::Array(
        v.iter()
            .map(|&x| {
                if x.fract() == 0.0 {
                    Object::Integer(x as i64)
                } else {
                    Object::Real(x as f32)
                }
            })
            .collect(),
    )
}

fn names(v: &[&str]) -> Vec<Object> {
    v.iter().map(|s| name(s)).collect()
}

fn stream(doc: &mut Document, data: &str) -> Object {
    Object::Reference(doc.add_object(Stream::new(Dictionary::new(), data.as_bytes().to_vec())))
}

fn texts(cs: &[CharCode]) -> Vec<&str> {
    cs.iter().map(|c| c.unicode.as_str()).collect()
}

fn widths(cs: &[CharCode]) -> Vec<f64> {
    cs.iter()
        .map(|c| (c.width * 1000.0).round() / 1000.0)
        .collect()
}

#[test]
fn helvetica_winansi_uses_builtin_afm_widths() {
    let doc = Document::new();
    let d = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" };
    let (f, w) = Font::load(&doc, &d);
    assert!(w.is_empty(), "{w:?}");
    let cs = f.decode(b"Hi \x80\x93\xe9");
    assert_eq!(texts(&cs), ["H", "i", " ", "€", "“", "é"]);
    assert_eq!(widths(&cs), [0.722, 0.222, 0.278, 0.556, 0.333, 0.556]);
    assert_eq!(
        cs.iter().map(|c| c.is_word_space).collect::<Vec<_>>(),
        [false, false, true, false, false, false]
    );
    assert_eq!((cs[5].start, cs[5].len, cs[5].code), (5, 1, 0xe9));
    assert!(f.unicode_trusted());
    assert!(f.ascent() > 0.7 && f.ascent() < 0.75 && f.descent() < -0.2 && f.descent() > -0.23);
    assert_eq!(f.kind(), FontKind::Type1);
}

#[test]
fn simple_font_encodings_table() {
    // (base font, encoding object, byte, expected text)
    let cases: Vec<(&str, Option<Object>, u8, &str)> = vec![
        ("Times-Roman", None, 0x27, "’"),
        ("Times-Roman", Some(name("MacRomanEncoding")), 0x8E, "é"),
        ("Times-Roman", Some(name("MacRomanEncoding")), 0xD5, "’"),
        ("Times-Roman", Some(name("WinAnsiEncoding")), 0x92, "’"),
        ("Times-Roman", Some(name("WinAnsiEncoding")), 0x9E, "ž"),
        ("Symbol", None, 0x61, "α"),
        ("ZapfDingbats", None, 0x21, "✁"),
        ("Courier", Some(name("StandardEncoding")), 0xAE, "fi"),
        ("Courier", Some(name("WinAnsiEncoding")), 0x81, "•"),
    ];
    let doc = Document::new();
    for (base, enc, byte, want) in cases {
        let mut d = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => base };
        if let Some(e) = enc.clone() {
            d.set("Encoding", e);
        }
        let (f, _) = Font::load(&doc, &d);
        assert_eq!(
            f.decode(&[byte])[0].unicode,
            want,
            "{base} {enc:?} {byte:X}"
        );
    }
}

#[test]
fn differences_and_widths_from_first_char() {
    let doc = Document::new();
    let mut diffs = vec![Object::Integer(65)];
    diffs.extend(names(&[
        "f_i",
        "uni00E9",
        "Eacute",
        "T",
        "o",
        "m",
        "quotesingle",
        "g12",
    ]));
    let d = dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Foo",
        "Encoding" => dictionary! { "BaseEncoding" => "WinAnsiEncoding", "Differences" => diffs },
        "FirstChar" => 65, "Widths" => nums(&[500.0, 600.0, 700.0, 611.0, 500.0, 778.0, 191.0, 400.0]),
        "FontDescriptor" => dictionary! { "Flags" => 32, "Ascent" => 905, "Descent" => -212, "MissingWidth" => 250 },
    };
    let (f, _) = Font::load(&doc, &d);
    let cs = f.decode(b"ABCHx ");
    assert_eq!(texts(&cs), ["fi", "é", "É", "", "x", " "]);
    assert_eq!(widths(&cs), [0.5, 0.6, 0.7, 0.4, 0.25, 0.25]);
    assert!(
        f.unicode_trusted(),
        "one odd glyph name of eight does not make a font untrusted"
    );
    assert_eq!((f.ascent(), f.descent()), (0.905, -0.212));
}

#[test]
fn trust_flag_table() {
    let mut doc = Document::new();
    let bad_tu = stream(&mut doc, "garbage without any mapping");
    let good_tu = stream(&mut doc, "1 beginbfchar <01> <0041> endbfchar");
    let mut g_diffs = vec![Object::Integer(1)];
    g_diffs.extend(names(&["g1", "g2", "g3", "g4"]));
    // Type3 glyphs that draw "J", "a", "n" under opaque names, all said to be "x"
    let all_x = stream(
        &mut doc,
        "3 beginbfchar <01> <0078> <02> <0078> <03> <0078> endbfchar",
    );
    let mut opaque = vec![Object::Integer(1)];
    opaque.extend(names(&["g0", "g1", "g2"]));
    // variants of one glyph ("a", "a.sc", "a.alt") read as "a": honest
    let all_a = stream(
        &mut doc,
        "3 beginbfchar <01> <0061> <02> <0061> <03> <0061> endbfchar",
    );
    let mut variants = vec![Object::Integer(1)];
    variants.extend(names(&["a", "a.sc", "a.alt"]));
    let type3 = |diffs: Vec<Object>, tu: Object| {
        dictionary! { "Subtype" => "Type3", "FontMatrix" => nums(&[0.001, 0.0, 0.0, 0.001, 0.0, 0.0]),
        "FirstChar" => 1, "Widths" => nums(&[500.0; 3]), "CharProcs" => dictionary! {},
        "Encoding" => dictionary! { "Differences" => diffs }, "ToUnicode" => tu }
    };
    let cases: Vec<(&str, Dictionary, bool)> = vec![
        (
            "three different glyphs all read as one letter",
            type3(opaque, all_x),
            false,
        ),
        (
            "variants of one glyph read as its letter",
            type3(variants, all_a),
            true,
        ),
        (
            "symbolic TrueType without encoding",
            dictionary! { "Subtype" => "TrueType", "BaseFont" => "Wingdings",
            "FirstChar" => 32, "Widths" => nums(&[500.0; 10]), "FontDescriptor" => dictionary! { "Flags" => 4 } },
            false,
        ),
        (
            "symbolic TrueType with ToUnicode",
            dictionary! { "Subtype" => "TrueType", "BaseFont" => "X", "ToUnicode" => good_tu.clone(),
            "FirstChar" => 1, "Widths" => nums(&[500.0]), "FontDescriptor" => dictionary! { "Flags" => 4 } },
            true,
        ),
        (
            "unusable ToUnicode",
            dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica", "ToUnicode" => bad_tu },
            false,
        ),
        (
            "glyph names without meaning",
            dictionary! { "Subtype" => "Type1", "BaseFont" => "X", "Encoding" => dictionary! { "Differences" => g_diffs },
            "FirstChar" => 1, "Widths" => nums(&[500.0; 4]) },
            false,
        ),
        (
            "Type3 without names",
            dictionary! { "Subtype" => "Type3", "FontMatrix" => nums(&[0.001, 0.0, 0.0, 0.001, 0.0, 0.0]),
            "FirstChar" => 0, "Widths" => nums(&[500.0; 3]), "CharProcs" => dictionary! {} },
            false,
        ),
        (
            "Identity-H without ToUnicode",
            type0(&mut doc, "Identity-H", None),
            false,
        ),
        (
            "Identity-H with ToUnicode",
            type0(
                &mut doc,
                "Identity-H",
                Some("1 beginbfchar <0001> <0041> endbfchar"),
            ),
            true,
        ),
        (
            "Identity-H glyphs all read as one letter",
            type0(
                &mut doc,
                "Identity-H",
                Some("3 beginbfchar <0001> <0078> <0002> <0078> <0003> <0078> endbfchar"),
            ),
            false,
        ),
        (
            "Identity-H glyphs read as two letters each used twice",
            type0(
                &mut doc,
                "Identity-H",
                Some(
                    "4 beginbfchar <0001> <0061> <0002> <0061> <0003> <0062> <0004> <0062> endbfchar",
                ),
            ),
            true,
        ),
        (
            "predefined CJK CMap",
            type0(&mut doc, "UniJIS-UCS2-H", None),
            false,
        ),
    ];
    for (what, d, want) in cases {
        let (f, w) = Font::load(&doc, &d);
        assert_eq!(f.unicode_trusted(), want, "{what}: {w:?}");
    }
}

fn type0(doc: &mut Document, encoding: &str, to_unicode: Option<&str>) -> Dictionary {
    let w = vec![
        Object::Integer(1),
        nums(&[500.0, 600.0]),
        Object::Integer(10),
        Object::Integer(12),
        Object::Integer(250),
    ];
    let cid = dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+Cid", "DW" => 1000, "W" => w,
        "FontDescriptor" => dictionary! { "Ascent" => 760, "Descent" => -240, "Flags" => 4 },
        "W2" => vec![Object::Integer(1), nums(&[-900.0, 250.0, 800.0])], "DW2" => nums(&[880.0, -1000.0]),
    };
    let cid_id = doc.add_object(cid);
    let mut d = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Cid", "Encoding" => name(encoding),
        "DescendantFonts" => vec![Object::Reference(cid_id)],
    };
    if let Some(tu) = to_unicode {
        d.set("ToUnicode", stream(doc, tu));
    }
    d
}

#[test]
fn type0_identity_widths_both_forms_and_tounicode() {
    let mut doc = Document::new();
    let tu = "1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar <0001> <0048> <0002> <FB01> endbfchar 1 beginbfrange <000A> <000C> <0061> endbfrange";
    let d = type0(&mut doc, "Identity-H", Some(tu));
    let (f, w) = Font::load(&doc, &d);
    assert!(w.is_empty(), "{w:?}");
    let cs = f.decode(&[0, 1, 0, 2, 0, 10, 0, 12, 0, 99, 7]);
    assert_eq!(texts(&cs), ["H", "fi", "a", "c", "", ""]);
    assert_eq!(widths(&cs), [0.5, 0.6, 0.25, 0.25, 1.0, 1.0]);
    assert_eq!(
        cs.iter().map(|c| (c.start, c.len)).collect::<Vec<_>>(),
        [(0, 2), (2, 2), (4, 2), (6, 2), (8, 2), (10, 1)]
    );
    assert!(cs.iter().all(|c| !c.is_word_space));
    assert!(!f.is_vertical());
    assert_eq!((f.ascent(), f.descent()), (0.76, -0.24));
}

#[test]
fn type0_identity_v_uses_w2_and_dw2() {
    let mut doc = Document::new();
    let d = type0(
        &mut doc,
        "Identity-V",
        Some("1 beginbfchar <0001> <4E2D> endbfchar"),
    );
    let (f, _) = Font::load(&doc, &d);
    assert!(f.is_vertical());
    let cs = f.decode(&[0, 1, 0, 5]);
    assert_eq!(texts(&cs), ["中", ""]);
    assert_eq!(widths(&cs), [-0.9, -1.0]);
    assert_eq!(f.vertical_origin(&cs[0]), (0.25, 0.8));
    assert_eq!(f.vertical_origin(&cs[1]), (0.5, 0.88));
}

#[test]
fn type0_embedded_cmap_with_mixed_code_lengths() {
    let mut doc = Document::new();
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def\n\
        2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange\n\
        1 begincidrange <20> <7E> 1 endcidrange\n\
        1 begincidchar <8140> 10 endcidchar endcmap";
    let enc = stream(&mut doc, cmap);
    let mut d = type0(
        &mut doc,
        "Identity-H",
        Some("2 beginbfchar <41> <0041> <8140> <3000> endbfchar"),
    );
    d.set("Encoding", enc);
    let (f, w) = Font::load(&doc, &d);
    assert!(w.is_empty(), "{w:?}");
    let cs = f.decode(&[0x41, 0x81, 0x40, 0x20, 0x81]);
    assert_eq!(
        cs.iter()
            .map(|c| (c.start, c.len, c.code))
            .collect::<Vec<_>>(),
        [(0, 1, 0x41), (1, 2, 0x8140), (3, 1, 0x20), (4, 1, 0x81)]
    );
    assert_eq!(texts(&cs), ["A", "\u{3000}", "", ""]);
    // 0x41 -> CID 34 (DW), 0x8140 -> CID 10 (W range), 0x20 -> CID 1 (W list).
    assert_eq!(widths(&cs[..3]), [1.0, 0.25, 0.5]);
    assert!(cs[2].is_word_space);
}

#[test]
fn type3_widths_scale_by_font_matrix() {
    let doc = Document::new();
    let mut diffs = vec![Object::Integer(1)];
    diffs.extend(names(&["H", "e", "space"]));
    let d = dictionary! {
        "Type" => "Font", "Subtype" => "Type3", "FontMatrix" => nums(&[0.01, 0.0, 0.0, 0.01, 0.0, 0.0]),
        "FontBBox" => nums(&[0.0, -20.0, 100.0, 80.0]), "FirstChar" => 1, "Widths" => nums(&[72.0, 50.0, 25.0]),
        "Encoding" => dictionary! { "Differences" => diffs }, "CharProcs" => dictionary! {},
    };
    let (f, _) = Font::load(&doc, &d);
    let cs = f.decode(&[1, 2, 3]);
    assert_eq!(texts(&cs), ["H", "e", " "]);
    assert_eq!(widths(&cs), [0.72, 0.5, 0.25]);
    assert!(f.unicode_trusted());
    assert!((f.ascent() - 0.8).abs() < 1e-6 && (f.descent() + 0.2).abs() < 1e-6);
    assert!((f.font_matrix()[0] - 0.01).abs() < 1e-6);
    assert!((f.font_matrix_scale_y() - 10.0).abs() < 1e-4);
}

#[test]
fn absurd_metrics_fall_back() {
    let doc = Document::new();
    let cases: Vec<(Dictionary, (f64, f64))> = vec![
        (
            dictionary! { "Ascent" => 90000, "Descent" => -212, "FontBBox" => nums(&[0.0, -250.0, 1000.0, 900.0]) },
            (0.9, -0.25),
        ),
        (dictionary! { "Ascent" => 0, "Descent" => 0 }, (0.8, -0.2)),
        (
            dictionary! { "Ascent" => 700, "Descent" => 200 },
            (0.7, -0.2),
        ),
    ];
    for (desc, want) in cases {
        let d = dictionary! { "Subtype" => "TrueType", "BaseFont" => "Foo", "FontDescriptor" => desc.clone(),
        "FirstChar" => 32, "Widths" => nums(&[250.0]) };
        let (f, _) = Font::load(&doc, &d);
        assert_eq!((f.ascent(), f.descent()), want, "{desc:?}");
    }
    // A standard-14 font without descriptor takes its AFM values.
    let d = dictionary! { "Subtype" => "Type1", "BaseFont" => "Courier" };
    let (f, _) = Font::load(&doc, &d);
    assert!(f.ascent() > 0.55 && f.ascent() < 0.65);
}

#[test]
fn garbage_dictionaries_never_panic() {
    let mut doc = Document::new();
    let junk = stream(
        &mut doc,
        "<<>> [ ] beginbfrange <zz> endbfrange begincidrange <00> <FF> -5 endcidrange",
    );
    let dicts = vec![
        Dictionary::new(),
        dictionary! { "Subtype" => "Type0" },
        dictionary! { "Subtype" => "Type0", "Encoding" => junk.clone(), "ToUnicode" => junk.clone(), "DescendantFonts" => 5 },
        dictionary! { "Subtype" => "Type0", "DescendantFonts" => vec![Object::Reference((999, 0))] },
        dictionary! { "Subtype" => "Type1", "Widths" => "x", "FirstChar" => -5, "Encoding" => 3 },
        dictionary! { "Subtype" => "Type3", "FontMatrix" => nums(&[0.0; 6]), "Encoding" => dictionary! { "Differences" => vec![Object::Integer(300), name("a")] } },
    ];
    for d in dicts {
        let (f, _) = Font::load(&doc, &d);
        let cs = f.decode(&[0, 1, 2, 0xff, 0x80]);
        assert_eq!(cs.iter().map(|c| c.len).sum::<usize>(), 5);
    }
}

proptest::proptest! {
    #[test]
    fn decode_covers_every_byte_once(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
        let mut doc = Document::new();
        let cmap = "2 begincodespacerange <00> <7F> <808000> <FFFFFF> endcodespacerange 1 begincidrange <20> <7E> 1 endcidrange";
        let enc = stream(&mut doc, cmap);
        let mut mixed = type0(&mut doc, "Identity-H", None);
        mixed.set("Encoding", enc);
        let fonts = [
            dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica" },
            type0(&mut doc, "Identity-H", Some("1 beginbfrange <0000> <FFFF> <0020> endbfrange")),
            mixed,
        ];
        for d in &fonts {
            let (f, _) = Font::load(&doc, d);
            let cs = f.decode(&bytes);
            let mut pos = 0;
            for c in &cs {
                proptest::prop_assert_eq!(c.start, pos);
                proptest::prop_assert!(c.len >= 1);
                pos += c.len;
            }
            proptest::prop_assert_eq!(pos, bytes.len());
        }
    }
}
