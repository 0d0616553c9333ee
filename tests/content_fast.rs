//! The fast content-stream reader gives exactly what lopdf's strict decoder gives, on every content stream of the fixtures and the corpus (or leaves the stream to lopdf).

use std::path::{Path, PathBuf};
use woo_redact::pdf::content_fast;

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

#[test]
fn fast_reader_agrees_with_lopdf_on_every_content_stream() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    pdfs(&root.join("fixtures"), &mut files);
    pdfs(&root.join("../shared/corpus"), &mut files);
    pdfs(&root.join("../shared/seeds"), &mut files);
    assert!(files.len() > 100, "fixtures not found: {}", files.len());
    let (mut streams, mut fast) = (0usize, 0usize);
    for f in &files {
        let Ok(doc) = lopdf::Document::load(f) else {
            continue;
        };
        for (_, obj) in doc.objects.iter() {
            let Ok(s) = obj.as_stream() else { continue };
            let data = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            let lop = lopdf::content::Content::decode_strict(&data).map(|c| c.operations);
            let Some(ours) = content_fast::decode(&data) else {
                continue;
            };
            // any stream, content or not, that the fast reader accepts must read the same
            streams += 1;
            match lop {
                Ok(ops) => {
                    fast += 1;
                    assert_eq!(
                        format!("{ours:?}"),
                        format!("{ops:?}"),
                        "{}: a stream read differently",
                        f.display()
                    );
                }
                Err(e) => panic!(
                    "{}: the fast reader accepted a stream lopdf rejects ({e})",
                    f.display()
                ),
            }
        }
    }
    eprintln!("{fast} streams read fast, all as lopdf reads them");
    // the fast path must carry the common case, not fall back everywhere
    assert!(fast > 500, "only {fast} of {streams} streams read fast");
}

#[test]
fn edge_cases_read_as_lopdf_reads_them_or_are_left_to_it() {
    let cases: [&[u8]; 16] = [
        b"",
        b"q 1 0 0 1 72 720 cm BT /F1 12 Tf [(A) -120 (B)] TJ ET Q",
        b"  % leading comment\n0 0 m 10 10 l S\n% trailing comment\n",
        b"BT /F1 12 Tf (a\\(b\\)c \\101\\0 \\\n(nested (deep)) \r\n) Tj ET",
        b"/P <</MCID 0 /Lang (nl)>> BDC BT <48 65 6C6C 6> Tj ET EMC",
        b"1.5 -.5 +3 5. 0.00-4142502 Tc",
        b"1 0 0 1 0 0 cm % comment without end of line",
        b"BI /W 1 /H 1 /BPC 8 /CS /G ID X EI 0 0 m",
        b"/Name#20x gs",
        b"[1 0 R] 0 d",
        b"1 2 % between operands\n re",
        b"true false null xx",
        b"1 2",
        b"BT (unterminated Tj ET",
        b"[ (a) % c\n ] TJ",
        b"99999999999999999999 Tz",
    ];
    for c in cases {
        let lop = lopdf::content::Content::decode_strict(c).map(|c| c.operations);
        if let Some(ours) = content_fast::decode(c) {
            let lop = lop.unwrap_or_else(|e| {
                panic!(
                    "{:?}: accepted what lopdf rejects ({e})",
                    String::from_utf8_lossy(c)
                )
            });
            assert_eq!(
                format!("{ours:?}"),
                format!("{lop:?}"),
                "{:?}",
                String::from_utf8_lossy(c)
            );
        }
    }
    // the common shapes are read fast
    assert!(content_fast::decode(cases[1]).is_some());
    assert!(content_fast::decode(cases[3]).is_some());
    assert!(content_fast::decode(cases[4]).is_some());
}
