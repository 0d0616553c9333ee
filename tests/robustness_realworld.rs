//! Real-world failures (issue 12) never take a batch down: the real binary redacts a folder of every fixtures/realworld file, and each file gets the outcome qpdf and poppler would agree with.
//!
//! Fixtures are built by `scripts/make_realworld_fixtures.py` (see fixtures/realworld/README.md).

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use woo_redact::pdf::{Limits, PdfError, load_pdf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/realworld")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn pdftotext(p: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-q")
        .arg(p)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/install-deps.sh");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Where the batch wrote a file: `publish/` (ok) or `review/` (flagged); None when neither.
fn output_of(out: &Path, name: &str) -> Option<PathBuf> {
    ["publish", "review"]
        .iter()
        .map(|d| out.join(d).join(name))
        .find(|p| p.exists())
}

fn written(out: &Path, name: &str) -> PathBuf {
    output_of(out, name).unwrap_or_else(|| panic!("{name}: not written to publish/ or review/"))
}

fn qpdf_check(p: &Path) -> bool {
    Command::new("qpdf")
        .arg("--check")
        .arg(p)
        .output()
        .expect("qpdf must be installed: scripts/install-deps.sh")
        .status
        .success()
}

struct Batch {
    code: Option<i32>,
    files: BTreeMap<String, Value>,
    out: PathBuf,
}

impl Batch {
    fn path(&self) -> &Path {
        &self.out
    }
}

static BATCH: std::sync::OnceLock<Batch> = std::sync::OnceLock::new();

/// Runs the real binary on the whole fixture folder once for all tests here; returns (exit code,
/// file records by name, output folder).
fn run_batch() -> (
    Option<i32>,
    &'static BTreeMap<String, Value>,
    &'static Batch,
) {
    let b = BATCH.get_or_init(batch);
    (b.code, &b.files, b)
}

fn batch() -> Batch {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("realworld_batch");
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_woo-redact"))
        .arg("redact")
        .arg(fixtures())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("binary runs");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            status.status.signal(),
            None,
            "the batch was killed by a signal (stack overflow?): {}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    let audit = std::fs::read_to_string(out.join("audit.jsonl"))
        .expect("audit.jsonl written for the whole batch");
    let files: BTreeMap<String, Value> = audit
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json"))
        .filter(|v| v["type"] == "file")
        .map(|v| (v["input"].as_str().unwrap_or_default().to_string(), v))
        .collect();
    Batch {
        code: status.status.code(),
        files,
        out,
    }
}

#[test]
fn a_batch_of_every_realworld_fixture_finishes_and_each_file_gets_its_outcome() {
    let (code, files, out) = run_batch();
    assert_eq!(code, Some(1), "some files are errors or flagged: exit 1");
    let inputs: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert!(inputs.len() >= 20, "fixture set incomplete: {inputs:?}");
    for name in &inputs {
        assert!(files.contains_key(name), "{name}: no audit record");
    }
    let status = |n: &str| files[n]["status"].as_str().unwrap_or_default().to_string();
    // Refused, with a reason a person can act on; nothing published.
    for (name, why) in [
        ("deep_forms_400.pdf", "nested more than"),
        (
            "broken_incremental_xref.pdf",
            "cross-reference table is broken",
        ),
        ("encrypted_needs_password.pdf", "password"),
    ] {
        assert_eq!(status(name), "error", "{name}: {}", files[name]);
        assert!(
            files[name]["reason"]
                .as_str()
                .unwrap_or_default()
                .contains(why),
            "{name}: {}",
            files[name]
        );
        assert!(
            output_of(out.path(), name).is_none(),
            "{name} must not be published"
        );
    }
    assert_eq!(status("image_panel_small_box.pdf"), "flagged");
    // Everything else is redacted and published, the name gone, the file valid for qpdf.
    for name in &inputs {
        let s = status(name);
        if s == "error" {
            continue;
        }
        assert!(s == "ok" || s == "flagged", "{name}: {s}: {}", files[name]);
        let published = written(out.path(), name);
        let text = pdftotext(&published);
        assert!(
            !text.contains("Jansen"),
            "{name}: the name is still readable:\n{text}"
        );
        assert!(
            qpdf_check(&published),
            "{name}: qpdf --check fails on the output"
        );
    }
}

#[test]
fn text_after_a_wrong_or_missing_length_is_kept() {
    let (_, files, out) = run_batch();
    for name in [
        "wrong_length_short.pdf",
        "wrong_length_long.pdf",
        "wrong_length_missing.pdf",
        "wrong_length_indirect.pdf",
    ] {
        assert_eq!(files[name]["status"], "ok", "{name}: {}", files[name]);
        let text = pdftotext(&written(out.path(), name));
        assert!(
            text.contains("De vergadering wordt om 21.00 uur gesloten."),
            "{name}: page text lost:\n{text}"
        );
    }
}

#[test]
fn filled_in_form_values_and_visible_annotations_stay_visible() {
    let (_, files, out) = run_batch();
    let form = written(out.path(), "form_fields_filled.pdf");
    assert_eq!(files["form_fields_filled.pdf"]["status"], "ok");
    let text = pdftotext(&form);
    for kept in ["Utrecht", "EUR 12.500", "Naam aanvrager:"] {
        assert!(text.contains(kept), "form value {kept:?} lost:\n{text}");
    }
    assert!(
        text.lines().any(|l| l.trim() == "X"),
        "the ticked checkbox (appearance chosen by /AS) is lost:\n{text}"
    );
    // A form filled without appearance streams (/NeedAppearances): the values are drawn from
    // /V and /DA, as viewers draw them.
    let bare = written(out.path(), "form_fields_without_appearances.pdf");
    assert_eq!(files["form_fields_without_appearances.pdf"]["status"], "ok");
    let bare_text = pdftotext(&bare);
    for kept in ["Utrecht", "Café Noord", "Locatie:"] {
        assert!(
            bare_text.contains(kept),
            "form value {kept:?} lost:\n{bare_text}"
        );
    }
    let raw = std::fs::read(&form).expect("output");
    assert!(
        memchr::memmem::find(&raw, b"/AcroForm").is_none(),
        "the interactive form must be removed"
    );
    let annots = pdftotext(&written(out.path(), "annotations_visible.pdf"));
    for kept in ["GOEDGEKEURD", "akkoord met de planning."] {
        assert!(
            annots.contains(kept),
            "annotation text {kept:?} lost:\n{annots}"
        );
    }
    assert!(
        !annots.contains("verborgen"),
        "a hidden annotation became visible"
    );
}

#[test]
fn an_image_under_a_small_box_is_kept_and_the_page_flagged() {
    let (_, files, out) = run_batch();
    let rec = &files["image_panel_small_box.pdf"];
    assert_eq!(rec["flagged_pages"][0]["page"], 1, "{rec}");
    assert!(
        rec["flagged_pages"][0]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("image"),
        "{rec}"
    );
    let doc =
        lopdf::Document::load(written(out.path(), "image_panel_small_box.pdf")).expect("loads");
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .count();
    assert_eq!(images, 1, "the title panel image must stay");
    let text = pdftotext(&written(out.path(), "image_panel_small_box.pdf"));
    assert!(text.contains("Jaarverslag Jeugdzorg 2024"), "{text}");
}

#[test]
fn cycles_are_read_once_and_pages_counted_like_qpdf() {
    let limits = Limits::default();
    for (name, pages) in [
        ("cycle_forms_draw_each_other.pdf", 1),
        ("cycle_form_draws_itself.pdf", 1),
        ("cycle_resources_list_themselves.pdf", 1),
        ("cycle_pages_kids.pdf", 1),
        ("cycle_page_parent_self.pdf", 1),
        ("cycle_outline_loop.pdf", 1),
        ("cycle_struct_tree.pdf", 1),
        ("cycle_field_kids.pdf", 1),
        ("cycle_resources_self_reference.pdf", 1),
        ("pages_same_page_twice.pdf", 2),
    ] {
        let pdf = load_pdf(&fixture(name), &limits).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(pdf.pages.len(), pages, "{name}");
        // The page tree no longer loops: lopdf's own walk agrees.
        assert_eq!(
            pdf.doc.get_pages().len(),
            pages,
            "{name}: page tree still loops"
        );
    }
    let pdf = load_pdf(&fixture("cycle_forms_draw_each_other.pdf"), &limits).expect("loads");
    assert!(
        pdf.warnings.iter().any(|w| w.contains("draws itself")),
        "{:?}",
        pdf.warnings
    );
}

#[test]
fn damaged_and_odd_files_are_read_as_qpdf_reads_them() {
    let limits = Limits::default();
    for name in [
        "indirect_filter.pdf",
        "indirect_filter_array.pdf",
        "encrypt_null.pdf",
        "encrypt_missing_object.pdf",
        "encrypted_empty_user_rc4.pdf",
        "encrypted_empty_user_aes256.pdf",
    ] {
        let doc = woo_redact::extract::extract_bytes(&fixture(name), &limits)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let page = doc.pages[0]
            .as_ref()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            page.text.text.contains("Aanwezig: Jan Jansen"),
            "{name}: {}",
            page.text.text
        );
    }
    let harmless = load_pdf(&fixture("broken_xref_harmless.pdf"), &limits).expect("readings agree");
    assert!(
        harmless.warnings.iter().any(|w| w.contains("same pages")),
        "{:?}",
        harmless.warnings
    );
    assert!(matches!(
        load_pdf(&fixture("encrypted_needs_password.pdf"), &limits),
        Err(PdfError::Encrypted)
    ));
    match load_pdf(&fixture("broken_incremental_xref.pdf"), &limits) {
        Err(PdfError::Damaged(why)) => assert!(why.contains("different pages"), "{why}"),
        Err(e) => panic!("broken xref: wrong error {e}"),
        Ok(_) => panic!("a broken xref whose readings disagree must not be read"),
    }
}
