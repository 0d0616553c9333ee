//! Width-safe gaps through the real binary: two names of different widths in one size class leave
//! gaps and boxes of the same width, a much longer name a larger one; kept text after the gap moves
//! by the difference and still extracts in the same order; text positioned anew on the same line
//! stays and is not covered (the gap then takes the class below); `width_safe_gaps = false` keeps
//! every kept word in place.

use lopdf::{Document, Object, Stream, dictionary};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use woo_redact::pdf::font::helvetica_width;

const SIZE: f64 = 12.0;
const SHORT: &str = "Jan Jansen"; // 5.11 em in Helvetica
const MIDDLE: &str = "Karin Jansen"; // 5.84 em: the same 2-em class (6 em)
const LONG: &str = "Maximiliaan van Oldenbarnevelt"; // 15.6 em: class 16 em

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)")
}

/// One line drawn with a single `Tj` (reportlab, Word).
fn tj_line(text: &str) -> String {
    format!("BT /F1 {SIZE} Tf 1 0 0 1 72 700 Tm ({}) Tj ET", esc(text))
}

/// One line drawn a glyph at a time, each after a `Td` on the same line (Chromium), and then a
/// second line reached by a `Td` back and down.
fn td_line(text: &str) -> String {
    let mut s = format!("BT /F1 {SIZE} Tf 1 0 0 1 72 650 Tm");
    let mut x = 0.0;
    for (i, c) in text.chars().enumerate() {
        if i > 0 {
            let w = helvetica_width(&text[..text.char_indices().nth(i).unwrap().0]) * SIZE - x;
            s.push_str(&format!(" {w:.4} 0 Td"));
            x += w;
        }
        s.push_str(&format!(" ({}) Tj", esc(&c.to_string())));
    }
    s.push_str(&format!(
        " {:.4} -20 Td (de tweede regel blijft staan.) Tj ET",
        -x
    ));
    s
}

/// "Naam: NAME" and, on the same line, "Datum 12" in a text object of its own at x = `at`.
fn absolute_line(name: &str, at: f64) -> String {
    format!(
        "BT /F1 {SIZE} Tf 1 0 0 1 72 600 Tm (Naam: {}) Tj ET BT /F1 {SIZE} Tf 1 0 0 1 {at} 600 Tm (Datum 12) Tj ET",
        esc(name)
    )
}

/// `content` and, lower on the page, a line wider than any other: the right edge of the page's
/// text, which moved text may reach but not pass.
fn with_margin(content: String) -> String {
    format!(
        "{content} BT /F1 {SIZE} Tf 1 0 0 1 72 400 Tm (Deze lange regel onderaan zet de rechterkantlijn van alle tekst op de pagina.) Tj ET"
    )
}

fn pdf(pages: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut kids = Vec::new();
    for content in pages {
        let c = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let p = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "Contents" => c,
        });
        kids.push(Object::Reference(p));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .unwrap_or(f64::NAN)
}

/// Words per page from `pdftotext -bbox` (points, origin top-left).
fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .args(["-q", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    let html = String::from_utf8_lossy(&out.stdout);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .filter_map(|part| {
                    let end = part.find('>')?;
                    let tag = &part[..end];
                    Some(Word {
                        text: part[end + 1..].split("</word>").next()?.to_string(),
                        x0: attr(tag, "xMin"),
                        y0: attr(tag, "yMin"),
                        x1: attr(tag, "xMax"),
                    })
                })
                .collect()
        })
        .collect()
}

fn word_at(page: &[Word], text: &str) -> Word {
    page.iter()
        .find(|w| w.text == text)
        .unwrap_or_else(|| panic!("no word {text:?} in {page:?}"))
        .clone()
}

/// The page's words without the labels ("5.1," "2," "e") and the margin line.
fn text_of(page: &[Word]) -> Vec<String> {
    page.iter()
        .filter(|w| w.y0 < 400.0)
        .map(|w| w.text.clone())
        .filter(|t| !matches!(t.as_str(), "5.1," | "2," | "e"))
        .collect()
}

struct Run {
    input: PathBuf,
    output: PathBuf,
    /// Boxes per page: [x0, y0, x1, y1].
    boxes: Vec<Vec<[f64; 4]>>,
}

fn run(tag: &str, pages: &[String], extra_config: &str) -> Run {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("width_gaps_{tag}"));
    let _ = std::fs::remove_dir_all(&work);
    let input = work.join("in");
    let out = work.join("out");
    std::fs::create_dir_all(&input).expect("dir");
    std::fs::write(input.join("gaps.pdf"), pdf(pages)).expect("write");
    let config = work.join("woo.toml");
    std::fs::write(
        &config,
        format!("always = [\"{SHORT}\", \"{MIDDLE}\", \"{LONG}\"]\n{extra_config}"),
    )
    .expect("config");
    let done = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--config")
        .arg(&config)
        .output()
        .expect("binary runs");
    let audit: Vec<Value> = std::fs::read_to_string(out.join("audit.jsonl"))
        .expect("audit")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let file = audit
        .iter()
        .find(|v| v["type"] == "file")
        .expect("file record");
    assert_eq!(
        file["status"],
        "ok",
        "{file}\n{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let mut boxes = vec![Vec::new(); pages.len()];
    for v in audit.iter().filter(|v| v["type"] == "redaction") {
        let a: Vec<f64> = v["area"]
            .as_array()
            .expect("area")
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        boxes[v["page"].as_u64().unwrap() as usize - 1].push([a[0], a[1], a[2], a[3]]);
    }
    Run {
        input: input.join("gaps.pdf"),
        output: out.join(file["output"].as_str().expect("output")),
        boxes,
    }
}

fn pages() -> Vec<String> {
    let tj = |name: &str| tj_line(&format!("Vergadering met {name} over de begroting."));
    let td = |name: &str| td_line(&format!("met {name} en de rest."));
    let mut pages: Vec<String> = vec![
        tj(SHORT),
        tj(MIDDLE),
        tj(LONG),
        td(SHORT),
        td(MIDDLE),
        absolute_line(SHORT, 176.0),
        tj_line(&format!("Met {SHORT}, {MIDDLE} en de rest.")),
    ]
    .into_iter()
    .map(with_margin)
    .collect();
    // the widest line of its page: text after the gap may not move right, it takes the class below
    pages.push(tj(SHORT));
    pages
}

fn one_box(r: &Run, page: usize) -> [f64; 4] {
    assert_eq!(r.boxes[page].len(), 1, "page {}: {:?}", page + 1, r.boxes);
    r.boxes[page][0]
}

#[test]
fn names_in_one_class_leave_the_same_gap_and_box() {
    assert!(helvetica_width(SHORT) < helvetica_width(MIDDLE));
    assert!((helvetica_width(MIDDLE) - helvetica_width(SHORT)) * SIZE > 8.0);
    let r = run("on", &pages(), "");
    let (before, after) = (words(&r.input), words(&r.output));

    // 1. Tj lines: the same class for SHORT and MIDDLE, a larger one for LONG
    let over: Vec<f64> = (0..3).map(|p| word_at(&after[p], "over").x0).collect();
    let width: Vec<f64> = (0..3)
        .map(|p| one_box(&r, p)[2] - one_box(&r, p)[0])
        .collect();
    assert!(
        (over[0] - over[1]).abs() < 0.01,
        "the next kept word moved to different places: {over:?}"
    );
    assert!(
        (width[0] - width[1]).abs() < 0.01,
        "box widths differ: {width:?}"
    );
    // the class: 6 em at 12 pt, plus the box's 0.1 pt padding on either side
    assert!((width[0] - (6.0 * SIZE + 0.2)).abs() < 0.05, "{width:?}");
    assert!(width[2] > width[0] + 2.0 * SIZE - 0.01, "{width:?}");
    assert!(over[2] > over[0] + 2.0 * SIZE - 0.01, "{over:?}");
    for p in 0..3 {
        let b = one_box(&r, p);
        let met = word_at(&after[p], "met");
        let o = word_at(&after[p], "over");
        // the box starts where the removed name started and ends before the next kept word
        let name_start = word_at(&before[p], "met").x0 + helvetica_width("met ") * SIZE;
        assert!(
            (b[0] + 0.1 - name_start).abs() < 0.05,
            "page {}: {b:?}",
            p + 1
        );
        assert!(
            b[2] <= o.x0 + 0.01 && b[0] >= met.x0,
            "page {}: {b:?} {o:?}",
            p + 1
        );
        // the gap between the kept words is the class width (plus the kept space)
        let gap = o.x0 - (b[0] + 0.1);
        let class = width[p] - 0.2;
        assert!(
            (gap - class - helvetica_width(" ") * SIZE).abs() < 0.05,
            "page {}: gap {gap} class {class}",
            p + 1
        );
        // the kept words extract in the same order, only the name (and the label) differ
        assert_eq!(
            text_of(&after[p]),
            ["Vergadering", "met", "over", "de", "begroting."],
            "page {}",
            p + 1
        );
    }

    // 2. glyph-by-glyph lines (a Td before every glyph): the same, and the next line stays
    let over_td: Vec<f64> = (3..5).map(|p| word_at(&after[p], "en").x0).collect();
    assert!((over_td[0] - over_td[1]).abs() < 0.01, "{over_td:?}");
    let w_td: Vec<f64> = (3..5)
        .map(|p| one_box(&r, p)[2] - one_box(&r, p)[0])
        .collect();
    assert!((w_td[0] - w_td[1]).abs() < 0.01, "{w_td:?}");
    for p in 3..5 {
        let (t0, t1) = (word_at(&before[p], "tweede"), word_at(&after[p], "tweede"));
        assert!(
            (t0.x0 - t1.x0).abs() < 0.01 && (t0.y0 - t1.y0).abs() < 0.01,
            "page {}: the next line moved: {t0:?} -> {t1:?}",
            p + 1
        );
        assert!(one_box(&r, p)[2] <= word_at(&after[p], "en").x0 + 0.01);
        assert_eq!(
            text_of(&after[p]),
            [
                "met", "en", "de", "rest.", "de", "tweede", "regel", "blijft", "staan."
            ]
        );
    }

    // 3. text positioned anew on the same line stays, and the box stops before it
    let p = 5;
    let (d0, d1) = (word_at(&before[p], "Datum"), word_at(&after[p], "Datum"));
    assert!((d0.x0 - d1.x0).abs() < 0.01, "{d0:?} -> {d1:?}");
    let b = one_box(&r, p);
    assert!(
        b[2] <= d1.x0 + 0.01,
        "the box covers kept text: {b:?} {d1:?}"
    );
    // the class above would reach into "Datum": the class below (4 em), from the name's start
    let name_start = 72.0 + helvetica_width("Naam: ") * SIZE;
    assert!((b[0] + 0.1 - name_start).abs() < 0.05, "{b:?}");
    assert!((b[2] - b[0] - (4.0 * SIZE + 0.2)).abs() < 0.05, "{b:?}");
    assert_eq!(text_of(&after[p]), ["Naam:", "Datum", "12"]);

    // 4. two gaps on one line: the second box moves with the text the first gap moved
    let p = 6;
    assert_eq!(r.boxes[p].len(), 2, "{:?}", r.boxes[p]);
    let (b1, b2) = (r.boxes[p][0], r.boxes[p][1]);
    let comma = word_at(&after[p], ",");
    let en = word_at(&after[p], "en");
    assert!(
        b1[2] <= comma.x0 + 0.11 && b2[0] >= comma.x1 - 0.01 && b2[2] <= en.x0 + 0.01,
        "boxes {b1:?} {b2:?} must leave the comma {comma:?} and {en:?} visible"
    );
    assert!((b1[2] - b1[0] - (6.0 * SIZE + 0.2)).abs() < 0.05, "{b1:?}");
    assert!((b2[2] - b2[0] - (6.0 * SIZE + 0.2)).abs() < 0.05, "{b2:?}");
    assert_eq!(text_of(&after[p]), ["Met", ",", "en", "de", "rest."]);

    // 5. the widest line of its page: the class below (4 em), the text after it moves left
    let p = 7;
    let b = one_box(&r, p);
    assert!((b[2] - b[0] - (4.0 * SIZE + 0.2)).abs() < 0.05, "{b:?}");
    let (o0, o1) = (word_at(&before[p], "over"), word_at(&after[p], "over"));
    assert!(
        o1.x0 < o0.x0 - 1.0 && b[2] <= o1.x0 + 0.01,
        "{o0:?} {o1:?} {b:?}"
    );
    assert_eq!(
        text_of(&after[p]),
        ["Vergadering", "met", "over", "de", "begroting."]
    );
}

#[test]
fn width_safe_gaps_off_keeps_every_kept_word_in_place() {
    let r = run("off", &pages(), "width_safe_gaps = false\n");
    let (before, after) = (words(&r.input), words(&r.output));
    for p in 0..before.len() {
        let kept: Vec<&Word> = after[p]
            .iter()
            .filter(|w| !matches!(w.text.as_str(), "5.1," | "2," | "e"))
            .collect();
        for w in kept {
            // the same word in the input, where it was
            let d = before[p]
                .iter()
                .filter(|o| o.text == w.text)
                .map(|o| (o.x0 - w.x0).abs().max((o.y0 - w.y0).abs()))
                .fold(f64::MAX, f64::min);
            // (a comma after a name is a word of its own only in the output)
            assert!(
                d < 0.01 || w.text == ",",
                "page {}: {:?} moved by {d}",
                p + 1,
                w.text
            );
        }
    }
    // each box has the removed name's own width
    let w: Vec<f64> = (0..2)
        .map(|p| one_box(&r, p)[2] - one_box(&r, p)[0])
        .collect();
    let want = |name: &str| helvetica_width(name) * SIZE + 0.2;
    assert!((w[0] - want(SHORT)).abs() < 0.05, "{w:?}");
    assert!((w[1] - want(MIDDLE)).abs() < 0.05, "{w:?}");
}
