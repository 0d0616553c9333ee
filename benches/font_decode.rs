//! Benchmarks font decoding: simple (Helvetica WinAnsi) and composite (Identity-H with ToUnicode) strings.

use criterion::{Criterion, criterion_group, criterion_main};
use lopdf::{Document, Object, Stream, dictionary};
use std::hint::black_box;
use woo_redact::pdf::font::Font;

fn bench(c: &mut Criterion) {
    let mut doc = Document::new();
    let helv = dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" };
    let (simple, _) = Font::load(&doc, &helv);
    let line: Vec<u8> =
        b"De wethouder opent de vergadering om 19.30 uur en heet iedereen welkom. ".repeat(4);

    let tu = "1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0000> <00FF> <0000> endbfrange";
    let tu_id = doc.add_object(Stream::new(
        lopdf::Dictionary::new(),
        tu.as_bytes().to_vec(),
    ));
    let cid_id = doc.add_object(dictionary! { "Subtype" => "CIDFontType2", "DW" => 1000,
    "W" => vec![Object::Integer(32), Object::Integer(126), Object::Integer(500)] });
    let t0 = dictionary! { "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Identity-H",
    "DescendantFonts" => vec![Object::Reference(cid_id)], "ToUnicode" => Object::Reference(tu_id) };
    let (composite, _) = Font::load(&doc, &t0);
    let wide: Vec<u8> = line.iter().flat_map(|&b| [0u8, b]).collect();

    c.bench_function("decode_simple_288_glyphs", |b| {
        b.iter(|| black_box(simple.decode(black_box(&line))))
    });
    c.bench_function("decode_identity_h_288_glyphs", |b| {
        b.iter(|| black_box(composite.decode(black_box(&wide))))
    });
    c.bench_function("load_type0_with_tounicode", |b| {
        b.iter(|| black_box(Font::load(&doc, &t0)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
