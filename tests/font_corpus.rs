//! Runs the font model over the development corpus: every font must load trusted, and the text
//! decoded from the pages' show-text operators must contain the words of each document.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use woo_redact::pdf::font::Font;

fn corpus_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        manifest.join("../shared/corpus"),
        PathBuf::from("/work/shared/corpus"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

fn corpus_pdfs() -> Vec<PathBuf> {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; nothing to check");
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    files.sort();
    files
}

fn load(path: &PathBuf) -> Option<Document> {
    let doc = Document::load(path).ok()?;
    if doc.is_encrypted() { None } else { Some(doc) }
}

#[test]
fn every_corpus_font_loads_trusted() {
    let mut checked = 0;
    for path in corpus_pdfs() {
        let Some(doc) = load(&path) else { continue };
        for (id, obj) in &doc.objects {
            let Ok(dict) = obj.as_dict() else { continue };
            let is_font = dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Font");
            let sub = dict
                .get(b"Subtype")
                .ok()
                .and_then(|t| t.as_name().ok())
                .unwrap_or(b"");
            if !is_font || sub.starts_with(b"CIDFontType") {
                continue;
            }
            let (font, warnings) = Font::load(&doc, dict);
            println!(
                "{} {:?} {} trusted={} warnings={:?}",
                path.file_name()
                    .map(|f| f.to_string_lossy())
                    .unwrap_or_default(),
                id,
                font.base_font,
                font.unicode_trusted(),
                warnings
            );
            assert!(
                font.unicode_trusted(),
                "{}: font {} untrusted: {warnings:?}",
                path.display(),
                font.base_font
            );
            assert!(
                font.ascent() > 0.3 && font.descent() < 0.0,
                "{}: bad extent",
                font.base_font
            );
            checked += 1;
        }
    }
    println!("{checked} fonts checked");
}

fn page_text(doc: &Document, page: ObjectId, cache: &mut BTreeMap<Vec<u8>, Font>) -> String {
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let data = doc.get_page_content(page);
    let Ok(content) = Content::decode(&data) else {
        return String::new();
    };
    let mut out = String::new();
    let mut current: Option<Vec<u8>> = None;
    let show = |name: &Option<Vec<u8>>,
                bytes: &[u8],
                out: &mut String,
                cache: &mut BTreeMap<Vec<u8>, Font>| {
        let Some(n) = name else { return };
        if !cache.contains_key(n) {
            let Some(dict) = fonts.get(n) else { return };
            cache.insert(n.clone(), Font::load(doc, dict).0);
        }
        if let Some(f) = cache.get(n) {
            for c in f.decode(bytes) {
                out.push_str(&c.unicode);
            }
        }
    };
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                current = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
                cache.clear();
            }
            "Tj" | "'" | "\"" => {
                if let Some(Object::String(s, _)) = op.operands.last() {
                    show(&current, s, &mut out, cache);
                }
            }
            "TJ" => {
                if let Some(Object::Array(a)) = op.operands.first() {
                    for o in a {
                        if let Object::String(s, _) = o {
                            show(&current, s, &mut out, cache);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn decoded_text_contains_the_documents_words() {
    for path in corpus_pdfs() {
        let Some(doc) = load(&path) else { continue };
        let Ok(expected) = std::fs::read_to_string(path.with_extension("txt")) else {
            continue;
        };
        let mut cache = BTreeMap::new();
        let mut text = String::new();
        for (_, page) in doc.get_pages() {
            text.push_str(&page_text(&doc, page, &mut cache));
        }
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let words: Vec<&str> = expected
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 5)
            .collect();
        if words.is_empty() || squeezed.is_empty() {
            continue;
        }
        let found = words.iter().filter(|w| squeezed.contains(*w)).count();
        let ratio = found as f64 / words.len() as f64;
        println!("{}: {found}/{} words found", path.display(), words.len());
        assert!(
            ratio > 0.8,
            "{}: only {found} of {} words decoded",
            path.display(),
            words.len()
        );
    }
}
