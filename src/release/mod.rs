//! The release stage: turns a finished output folder into a Woo release package (verified documents, inventarislijst, DiWoo metadata, justification, manifest, zip) and refuses anything not ready or anything that would leak.
//!
//! Layout of a package folder `RELEASE/` (and `RELEASE.zip` beside it, holding the same files
//! below `RELEASE/`):
//! - `inventarislijst.csv`: one row per document (see [`inventory::COLUMNS`]);
//! - `manifest.sha256`: SHA-256 of every other file, `sha256sum -c` format, paths relative to
//!   the package folder;
//! - `verantwoording.txt`: the justification in Dutch, per document the grounds and counts;
//! - `documenten/<path>`: the redacted PDFs, input subfolders kept; a file whose name holds
//!   personal data is renamed to `<ID>.pdf`;
//! - `metadata/<path>.xml`: DiWoo metadata per document, same path as the document.
//!
//! Only documents with status `ok` (in `publish/`, unchanged since the run: the hash in the
//! audit is checked) go in; a `flagged` document only when a decision releases it
//! ([`Options::released`]). Anything else refuses the package, unless the caller asks for a
//! partial package ([`Options::exclude_unready`]). The audit log and any decisions file never go
//! in. Before the package is moved into place every file in it is searched for every string the
//! run removed ([`leak`]); a hit fails the package and nothing is left behind.

pub mod diwoo;
pub mod inventory;
pub mod leak;

use crate::audit::{FileRecord, RedactionRecord, RunRecord, Status, sha256_bytes_hex};
use crate::config::Config;
use crate::detect::Detector;
use crate::extract::extract_bytes;
use crate::pdf::Limits;
use crate::publish::{AUDIT, PUBLISH, REVIEW};
use inventory::{Beoordeling, ReportHeader, Row};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The inventory's name.
pub const INVENTORY: &str = "inventarislijst.csv";
/// The manifest's name.
pub const MANIFEST: &str = "manifest.sha256";
/// The justification report's name.
pub const JUSTIFICATION: &str = "verantwoording.txt";
/// The documents folder.
pub const DOCUMENTS: &str = "documenten";
/// The metadata folder.
pub const METADATA: &str = "metadata";

/// How to package.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Leave out documents that are not ready (flagged, failed, error) instead of refusing.
    pub exclude_unready: bool,
    /// Inputs (relative paths as in the audit) released by a decision although flagged
    /// (for the decisions mechanism; a failed or unreadable document can never be released).
    pub released: BTreeSet<String>,
    /// Replace an existing package folder and zip.
    pub overwrite: bool,
}

/// A document of the run that is not in the package, and why.
#[derive(Debug, Clone)]
pub struct LeftOut {
    /// Input path.
    pub input: String,
    /// Its status.
    pub status: Status,
    /// Why, in words (from the audit).
    pub reason: String,
}

/// What a package holds.
#[derive(Debug)]
pub struct PackageReport {
    /// The package folder.
    pub folder: PathBuf,
    /// The zip beside it.
    pub zip: PathBuf,
    /// The inventory rows.
    pub rows: Vec<Row>,
    /// Documents of the run left out (with `exclude_unready`).
    pub left_out: Vec<LeftOut>,
    /// Files whose name held personal data and were renamed: (input, packaged name).
    pub renamed: Vec<(String, String)>,
    /// How many removed strings were searched for in every packaged file.
    pub removed_checked: usize,
    /// Files in the package (manifest entries).
    pub files: usize,
}

/// Why a package was not made (nothing is written).
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// No usable audit log.
    #[error("{0}")]
    Audit(String),
    /// Documents are not ready and no partial package was asked for.
    #[error("{} document(s) are not ready to publish", .0.len())]
    NotReady(Vec<LeftOut>),
    /// The publish folder does not match the audit (a file changed or was copied in by hand).
    #[error("{0}")]
    Tampered(String),
    /// Publication metadata missing from the configuration.
    #[error("{0}")]
    Settings(String),
    /// A removed string was found in a packaged file.
    #[error("{} removed string(s) found in the package", .0.len())]
    Leak(Vec<leak::Hit>),
    /// A packaged file could not be searched for removed text (fail closed).
    #[error("{0}")]
    Unchecked(String),
    /// The package folder exists and is not a package (never replaced).
    #[error("{0} exists and is not a woo-redact package: choose a new or empty folder")]
    Foreign(PathBuf),
    /// Nothing to package.
    #[error("no document is ready to publish: nothing to package")]
    Empty,
    /// The package folder exists.
    #[error("{0} already exists: give --overwrite to replace it, or choose another folder")]
    Exists(PathBuf),
    /// Reading or writing failed.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// The parsed audit log of a run.
pub struct RunAudit {
    /// The header.
    pub run: RunRecord,
    /// File records in input order.
    pub files: Vec<FileRecord>,
    /// Every box.
    pub boxes: Vec<RedactionRecord>,
}

/// Reads `OUT/audit.jsonl`.
pub fn read_audit(out: &Path) -> Result<RunAudit, PackageError> {
    let path = out.join(AUDIT);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        PackageError::Audit(format!(
            "{}: cannot read the audit log ({e}): is {} the output folder of `woo-redact redact`?",
            path.display(),
            out.display()
        ))
    })?;
    let mut run = None;
    let mut files = Vec::new();
    let mut boxes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let bad = |e: String| PackageError::Audit(format!("{}:{}: {e}", path.display(), i + 1));
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        match v["type"].as_str() {
            Some("run") => {
                run = Some(serde_json::from_value::<RunRecord>(v).map_err(|e| bad(e.to_string()))?)
            }
            Some("file") => {
                files.push(serde_json::from_value::<FileRecord>(v).map_err(|e| bad(e.to_string()))?)
            }
            Some("redaction") => boxes.push(
                serde_json::from_value::<RedactionRecord>(v).map_err(|e| bad(e.to_string()))?,
            ),
            _ => {}
        }
    }
    let run =
        run.ok_or_else(|| PackageError::Audit(format!("{}: no run header", path.display())))?;
    if run.audit_version != crate::audit::AUDIT_VERSION {
        return Err(PackageError::Audit(format!(
            "{}: audit version {} is not supported (expected {})",
            path.display(),
            run.audit_version,
            crate::audit::AUDIT_VERSION
        )));
    }
    if run.finished.is_none() {
        return Err(PackageError::Audit(format!(
            "{}: the run did not finish; complete it with `woo-redact redact --resume` first",
            path.display()
        )));
    }
    Ok(RunAudit { run, files, boxes })
}

/// What the kept Info dictionary of a redacted PDF says.
#[derive(Debug, Default)]
struct Info {
    title: Option<String>,
    created: Option<String>,
}

fn read_info(bytes: &[u8]) -> Info {
    let Ok(doc) = lopdf::Document::load_mem(bytes) else {
        return Info::default();
    };
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return Info::default();
    };
    let get = |k: &[u8]| {
        info.get(k)
            .ok()
            .and_then(|o| o.as_str().ok())
            .map(crate::verify::pdfstrings::decode_text_bytes)
    };
    let created = get(b"CreationDate").and_then(|d| {
        let d = d.trim_start_matches("D:");
        let ok = d.len() >= 8 && d[..8].bytes().all(|b| b.is_ascii_digit());
        ok.then(|| format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8]))
    });
    Info {
        title: get(b"Title")
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty()),
        created,
    }
}

/// Whether a short string (a title, a file name) holds personal data: the detector's strict
/// scan, or any string the run removed.
fn personal(text: &str, detector: &Detector, removed: &leak::Removed) -> bool {
    !detector.scan_string_strict(text).is_empty() || !removed.find(text, "").is_empty()
}

/// A file name as words (`notulen_jan-de-vries.pdf` -> `notulen jan de vries`).
fn name_words(name: &str) -> String {
    let stem = name
        .strip_suffix(".pdf")
        .or_else(|| name.strip_suffix(".PDF"))
        .unwrap_or(name);
    stem.replace(['_', '.', '+'], " ")
}

/// Every string of a packaged file worth searching: for a PDF the project's extraction of
/// every page, every string object and metadata stream; for anything else the text itself (and
/// XML unescaped).
fn searchable_texts(rel: &str, bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    if rel.ends_with(".pdf") || rel.ends_with(".PDF") {
        let doc = extract_bytes(bytes, &Limits::default()).map_err(|e| e.to_string())?;
        for (i, p) in doc.pages.iter().enumerate() {
            let p = p.as_ref().map_err(|e| format!("page {}: {e}", i + 1))?;
            out.push((format!("{rel} page {}", i + 1), p.text.text.clone()));
            out.push((format!("{rel} page {}", i + 1), p.text.search.clone()));
        }
        {
            let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
            let mut strings = String::new();
            for obj in doc.objects.values() {
                collect_strings(obj, &mut strings);
                if let lopdf::Object::Stream(s) = obj
                    && s.dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Metadata")
                    && let Ok(data) = s
                        .decompressed_content()
                        .or_else(|_| Ok::<_, ()>(s.content.clone()))
                {
                    strings.push_str(&String::from_utf8_lossy(&data));
                    strings.push('\n');
                }
            }
            out.push((format!("{rel} (PDF strings)"), strings));
        }
    } else {
        let text = String::from_utf8_lossy(bytes).into_owned();
        if rel.ends_with(".xml") {
            let unescaped = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            out.push((rel.to_string(), unescaped));
        }
        out.push((rel.to_string(), text));
    }
    Ok(out)
}

fn collect_strings(obj: &lopdf::Object, out: &mut String) {
    match obj {
        lopdf::Object::String(b, _) => {
            out.push_str(&crate::verify::pdfstrings::decode_text_bytes(b));
            out.push('\n');
        }
        lopdf::Object::Array(a) => a.iter().for_each(|o| collect_strings(o, out)),
        lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, o)| collect_strings(o, out)),
        lopdf::Object::Stream(s) => s.dict.iter().for_each(|(_, o)| collect_strings(o, out)),
        _ => {}
    }
}

/// Every file below `root`, as sorted relative paths with `/`.
fn walk(root: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir)? {
            let e = e?;
            let p = e.path();
            if e.file_type()?.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(root) {
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Searches every file of a package folder for the removed strings.
pub fn check_folder(root: &Path, removed: &leak::Removed) -> Result<Vec<leak::Hit>, PackageError> {
    let io = |p: &Path, e| PackageError::Io(p.to_path_buf(), e);
    let mut hits = Vec::new();
    for rel in walk(root).map_err(|e| io(root, e))? {
        let bytes = std::fs::read(root.join(&rel)).map_err(|e| io(&root.join(&rel), e))?;
        let texts = searchable_texts(&rel, &bytes).map_err(|e| {
            PackageError::Unchecked(format!(
                "{rel}: cannot be read to search it for removed text ({e}): not packaged"
            ))
        })?;
        for (place, text) in texts {
            hits.extend(removed.find(&text, &place));
        }
        // the file's own path (it is listed in the manifest and the inventory)
        hits.extend(removed.find(&rel.replace('/', " "), &format!("{rel} (file name)")));
    }
    hits.sort();
    hits.dedup();
    Ok(hits)
}

/// Builds the package of output folder `out` into `release` (and `release`.zip).
pub fn package(
    out: &Path,
    release: &Path,
    config: &Config,
    detector: &Detector,
    opts: &Options,
) -> Result<PackageReport, PackageError> {
    let pubs = &config.publication;
    let mut missing = Vec::new();
    if pubs.publisher.is_none() {
        missing.push("publisher");
    }
    if pubs.informatiecategorie.is_none() {
        missing.push("informatiecategorie");
    }
    let (Some(publisher), Some(category)) =
        (pubs.publisher.clone(), pubs.informatiecategorie.clone())
    else {
        return Err(PackageError::Settings(format!(
            "the DiWoo metadata needs {} in the configuration (--config): see config/woo.example.toml",
            missing.join(" and ")
        )));
    };
    let handling = pubs.documenthandeling.clone().unwrap_or_else(|| {
        diwoo::lookup(diwoo::ListKind::SoortHandeling, "vaststelling")
            .expect("vaststelling is in the DiWoo list")
    });

    let zip_path = zip_path(release);
    for p in [release, zip_path.as_path()] {
        if p.exists() && !opts.overwrite {
            return Err(PackageError::Exists(p.to_path_buf()));
        }
    }
    if release.exists() && !is_package_or_empty(release) {
        return Err(PackageError::Foreign(release.to_path_buf()));
    }

    let audit = read_audit(out)?;
    let removed = leak::Removed::from_records(&audit.boxes);

    // what goes in, what is refused
    let width = audit.files.len().to_string().len().max(4);
    let mut chosen: Vec<(String, &FileRecord, &str)> = Vec::new();
    let mut left_out = Vec::new();
    for (i, r) in audit.files.iter().enumerate() {
        let id = format!("{:0width$}", i + 1);
        let from = match r.status {
            Status::Ok => Some(PUBLISH),
            Status::Flagged if opts.released.contains(&r.input) => Some(REVIEW),
            _ => None,
        };
        match from {
            Some(sub) => chosen.push((id, r, sub)),
            None => left_out.push(LeftOut {
                input: r.input.clone(),
                status: r.status,
                reason: r.reason.clone(),
            }),
        }
    }
    if !left_out.is_empty() && !opts.exclude_unready {
        return Err(PackageError::NotReady(left_out));
    }
    if chosen.is_empty() {
        return Err(PackageError::Empty);
    }
    // publish/ must hold exactly the ok files of the audit
    let ok: BTreeSet<String> = audit
        .files
        .iter()
        .filter(|r| r.status == Status::Ok)
        .map(|r| r.input.clone())
        .collect();
    if out.join(PUBLISH).is_dir() {
        for rel in walk(&out.join(PUBLISH)).map_err(|e| PackageError::Io(out.join(PUBLISH), e))? {
            if !ok.contains(&rel) {
                return Err(PackageError::Tampered(format!(
                    "{}/{PUBLISH}/{rel} is not a verified output of this run (copied in by hand?): remove it, or redact it with the run",
                    out.display()
                )));
            }
        }
    }

    let staging = release.with_file_name(format!(
        ".{}.partial",
        release
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let io = |p: &Path, e| PackageError::Io(p.to_path_buf(), e);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| io(&staging, e))?;
    }
    let result = build(
        out, &staging, config, detector, &audit, &removed, &chosen, &left_out, &publisher,
        &category, &handling,
    );
    let (rows, renamed) = match result {
        Ok(x) => x,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    // the leak check, on the package's own files
    let hits = check_folder(&staging, &removed)?;
    if !hits.is_empty() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(PackageError::Leak(hits));
    }
    // manifest
    let files = walk(&staging).map_err(|e| io(&staging, e))?;
    let mut manifest = String::new();
    for rel in &files {
        let bytes = std::fs::read(staging.join(rel)).map_err(|e| io(&staging.join(rel), e))?;
        manifest.push_str(&format!("{}  {rel}\n", sha256_bytes_hex(&bytes)));
    }
    std::fs::write(staging.join(MANIFEST), &manifest).map_err(|e| io(&staging, e))?;
    // into place
    if release.exists() {
        std::fs::remove_dir_all(release).map_err(|e| io(release, e))?;
    }
    if let Some(parent) = release.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    std::fs::rename(&staging, release).map_err(|e| io(release, e))?;
    write_zip(release, &zip_path)?;
    Ok(PackageReport {
        folder: release.to_path_buf(),
        zip: zip_path,
        rows,
        left_out,
        renamed,
        removed_checked: removed.len(),
        files: files.len() + 1,
    })
}

/// Whether a folder may be replaced: empty, or a package this tool wrote (its manifest and
/// inventory at the top, nothing else but the package's own entries).
fn is_package_or_empty(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let ours = [MANIFEST, INVENTORY, JUSTIFICATION, DOCUMENTS, METADATA];
    names.is_empty()
        || (names.iter().any(|n| n == MANIFEST) && names.iter().all(|n| ours.contains(&n.as_str())))
}

/// `RELEASE` -> `RELEASE.zip` beside it.
pub fn zip_path(release: &Path) -> PathBuf {
    let name = release
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "release".into());
    release.with_file_name(format!("{name}.zip"))
}

type Built = (Vec<Row>, Vec<(String, String)>);

#[allow(clippy::too_many_arguments)]
fn build(
    out: &Path,
    staging: &Path,
    config: &Config,
    detector: &Detector,
    audit: &RunAudit,
    removed: &leak::Removed,
    chosen: &[(String, &FileRecord, &str)],
    left_out: &[LeftOut],
    publisher: &diwoo::TooiValue,
    category: &diwoo::TooiValue,
    handling: &diwoo::TooiValue,
) -> Result<Built, PackageError> {
    let io = |p: &Path, e| PackageError::Io(p.to_path_buf(), e);
    let mut rows = Vec::new();
    let mut renamed = Vec::new();
    // package IDs by input, for the Gerelateerd ID of duplicates
    let ids: BTreeMap<&str, &str> = chosen
        .iter()
        .map(|(id, rec, _)| (rec.input.as_str(), id.as_str()))
        .collect();
    let mut boxes: BTreeMap<&str, Vec<&RedactionRecord>> = BTreeMap::new();
    for b in &audit.boxes {
        boxes.entry(b.input.as_str()).or_default().push(b);
    }
    for (id, rec, sub) in chosen {
        let src = out.join(sub).join(&rec.input);
        let bytes = std::fs::read(&src).map_err(|e| io(&src, e))?;
        if rec.output_sha256.as_deref() != Some(sha256_bytes_hex(&bytes).as_str()) {
            return Err(PackageError::Tampered(format!(
                "{}: the file differs from the one the run verified (SHA-256 in the audit): not packaged",
                src.display()
            )));
        }
        let mut toelichting = Vec::new();
        // file name: every path component judged
        let name_personal = rec
            .input
            .split('/')
            .any(|c| personal(&name_words(c), detector, removed));
        let packaged = if name_personal {
            toelichting.push(
                "De oorspronkelijke bestandsnaam bevat persoonsgegevens en is vervangen door het documentnummer."
                    .to_string(),
            );
            let name = format!("{id}.pdf");
            renamed.push((rec.input.clone(), name.clone()));
            name
        } else {
            rec.input.clone()
        };
        let info = read_info(&bytes);
        let title = match info.title.as_deref() {
            Some(t) if !personal(t, detector, removed) => t.to_string(),
            _ if !name_personal => {
                let leaf = packaged.rsplit('/').next().unwrap_or(&packaged);
                name_words(leaf)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            _ => format!("Document {id}"),
        };
        let doc_path = staging.join(DOCUMENTS).join(&packaged);
        let meta_rel = format!(
            "{}.xml",
            packaged
                .strip_suffix(".pdf")
                .or_else(|| packaged.strip_suffix(".PDF"))
                .unwrap_or(&packaged)
        );
        let meta_path = staging.join(METADATA).join(&meta_rel);
        for p in [&doc_path, &meta_path] {
            if let Some(d) = p.parent() {
                std::fs::create_dir_all(d).map_err(|e| io(d, e))?;
            }
        }
        std::fs::write(&doc_path, &bytes).map_err(|e| io(&doc_path, e))?;
        // grounds and counts (distinct findings, not boxes)
        let mine = boxes
            .get(rec.input.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for b in mine {
            if seen.insert(b.id.as_str()) {
                *counts
                    .entry(b.ground.clone())
                    .or_default()
                    .entry(b.category.clone())
                    .or_default() += 1;
            }
        }
        let grounds: Vec<String> = counts.keys().cloned().collect();
        // a document a reviewer exempted page by page is not public (its file is the page boxes)
        let beoordeling = if rec.exemption.as_deref() == Some("niet_openbaar") {
            Beoordeling::NietOpenbaar
        } else if counts.is_empty() {
            Beoordeling::Openbaar
        } else {
            Beoordeling::DeelsOpenbaar
        };
        if *sub == REVIEW {
            toelichting.push("Vrijgegeven na handmatige beoordeling.".to_string());
        }
        let handled_at = match &info.created {
            Some(d) => format!("{d}T00:00:00Z"),
            None => audit.run.started.clone(),
        };
        if info.created.is_none() {
            toelichting.push("Datum van het document onbekend.".to_string());
        }
        let related = rec
            .duplicate_of
            .as_deref()
            .and_then(|o| ids.get(o).copied());
        let duplicate = rec
            .duplicate_of
            .as_ref()
            .map(|_| rec.similarity.unwrap_or(1.0));
        if let Some(s) = duplicate {
            toelichting.push(inventory::duplicate_remark(s, related));
        }
        let row = Row {
            id: id.clone(),
            document: packaged.clone(),
            datum: info.created.clone(),
            beoordeling,
            grounds,
            counts,
            toelichting,
            gerelateerd_id: related.unwrap_or_default().to_string(),
            duplicate,
            family: String::new(),
            thread_id: String::new(),
        };
        let xml = diwoo::metadata_xml(&diwoo::DocMetadata {
            id,
            publisher,
            title: &title,
            informatiecategorie: category,
            created: info.created.as_deref(),
            handling,
            handled_at: &handled_at,
        });
        std::fs::write(&meta_path, xml).map_err(|e| io(&meta_path, e))?;
        rows.push(row);
    }
    let notation = config.label_notation;
    std::fs::write(
        staging.join(INVENTORY),
        inventory::inventory_csv(&rows, notation),
    )
    .map_err(|e| io(staging, e))?;
    let header = ReportHeader {
        publisher: &publisher.label,
        run_started: &audit.run.started,
        packaged_at: &crate::audit::now_rfc3339(),
        version: env!("CARGO_PKG_VERSION"),
        left_out: left_out.len(),
    };
    std::fs::write(
        staging.join(JUSTIFICATION),
        inventory::justification(&rows, notation, &header),
    )
    .map_err(|e| io(staging, e))?;
    Ok((rows, renamed))
}

/// Writes the zip of a package folder (entries below the folder's name, sorted, fixed times)
/// and checks it against the manifest by reading it back.
fn write_zip(release: &Path, zip_path: &Path) -> Result<(), PackageError> {
    let io = |p: &Path, e| PackageError::Io(p.to_path_buf(), e);
    let zerr = |e: zip::result::ZipError| {
        PackageError::Io(zip_path.to_path_buf(), std::io::Error::other(e))
    };
    let base = release
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "release".into());
    let tmp = zip_path.with_extension("zip.partial");
    let files = walk(release).map_err(|e| io(release, e))?;
    {
        let f = std::fs::File::create(&tmp).map_err(|e| io(&tmp, e))?;
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        for rel in &files {
            let bytes = std::fs::read(release.join(rel)).map_err(|e| io(&release.join(rel), e))?;
            z.start_file(format!("{base}/{rel}"), opts).map_err(zerr)?;
            z.write_all(&bytes).map_err(|e| io(&tmp, e))?;
        }
        z.finish().map_err(zerr)?;
    }
    // read back: every entry must match the folder
    let f = std::fs::File::open(&tmp).map_err(|e| io(&tmp, e))?;
    let mut z = zip::ZipArchive::new(f).map_err(zerr)?;
    if z.len() != files.len() {
        return Err(PackageError::Io(
            tmp,
            std::io::Error::other("zip entry count differs"),
        ));
    }
    for rel in &files {
        let mut e = z.by_name(&format!("{base}/{rel}")).map_err(zerr)?;
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut buf).map_err(|e| io(&tmp, e))?;
        let want = std::fs::read(release.join(rel)).map_err(|e| io(&release.join(rel), e))?;
        if buf != want {
            return Err(PackageError::Io(
                tmp,
                std::io::Error::other(format!("zip entry {rel} differs from the folder")),
            ));
        }
    }
    std::fs::rename(&tmp, zip_path).map_err(|e| io(zip_path, e))?;
    Ok(())
}
