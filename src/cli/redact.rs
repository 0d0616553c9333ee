//! `woo-redact redact`: checks inputs and output folder, runs the batch with progress, writes the audit log as files finish and prints a summary in words (or JSON).

use super::messages::{self, Summary};
use super::{EXIT_NOT_CLEAN, EXIT_OK, load_settings};
use crate::audit::{
    AUDIT_VERSION, FileRecord, RedactionRecord, RunRecord, Status, config_json, now_rfc3339,
};
use crate::batch::{Detected, FileOutcome, RunSettings, detect_pass_reviewed, redact_pass};
use crate::decide::review::DecisionsFile;
use crate::detect::Detector;
use crate::inputs::{InputFile, collect};
use crate::pdf::Limits;
use crate::publish::{AUDIT, DECISIONS, Existing, OutputFolder};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Arguments of `woo-redact redact`.
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// PDF files or folders (searched recursively for *.pdf).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder: publish/ (verified, ready), review/ (a person must check pages first),
    /// quarantine/ (failed verification), audit.jsonl.
    #[arg(long)]
    pub out: PathBuf,
    /// Configuration file (TOML); see README.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Continue an earlier run in the same output folder: files whose input, configuration and
    /// findings did not change are kept, the rest is redone.
    #[arg(long, conflicts_with = "overwrite")]
    pub resume: bool,
    /// Remove what an earlier run wrote in the output folder and start clean.
    #[arg(long)]
    pub overwrite: bool,
    /// No progress bar and no summary in words (errors are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the summary as one JSON object on standard output.
    #[arg(long)]
    pub json: bool,
    /// A reviewer's decisions file (a decisions.json with a `review` section; see README,
    /// "For the reviewer"): re-applied to this run, each decision recorded in the audit.
    #[arg(long)]
    pub decisions: Option<PathBuf>,
}

/// The audit key of the decision lines (written right after the header); no input path
/// starts with a NUL.
const DECISIONS_KEY: &str = "\0decisions";

/// A finished record from an earlier run, with its boxes.
struct Earlier {
    record: FileRecord,
    redactions: Vec<RedactionRecord>,
}

/// Reads the file records (and their boxes) of an earlier run's audit log, by input path.
fn read_earlier(out: &Path) -> HashMap<String, Earlier> {
    let mut map: HashMap<String, Earlier> = HashMap::new();
    let mut boxes: HashMap<String, Vec<RedactionRecord>> = HashMap::new();
    let Ok(text) = std::fs::read_to_string(out.join(AUDIT)) else {
        return map;
    };
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        match v["type"].as_str() {
            Some("file") => {
                if let Ok(r) = serde_json::from_value::<FileRecord>(v) {
                    map.insert(
                        r.input.clone(),
                        Earlier {
                            record: r,
                            redactions: vec![],
                        },
                    );
                }
            }
            Some("redaction") => {
                if let Ok(r) = serde_json::from_value::<RedactionRecord>(v) {
                    boxes.entry(r.input.clone()).or_default().push(r);
                }
            }
            _ => {}
        }
    }
    for (input, b) in boxes {
        if let Some(e) = map.get_mut(&input) {
            e.redactions = b;
        }
    }
    map
}

/// Whether an earlier record can stand for this file: same input bytes, configuration and
/// findings, a finished status, and its output still on disk unchanged.
fn still_valid(e: &Earlier, d: &Detected, config_hash: &str, out: &Path) -> bool {
    let r = &e.record;
    r.status != Status::Error
        && r.input_sha256 == d.input_sha256
        && r.config_sha256 == config_hash
        && r.findings_sha256 == d.fingerprint()
        && r.output.as_ref().is_some_and(|o| {
            std::fs::read(out.join(o))
                .is_ok_and(|b| Some(crate::audit::sha256_bytes_hex(&b)) == r.output_sha256)
        })
}

fn bar(total: u64, label: &str, unit: &str, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(&format!(
        "{label} [{{bar:30}}] {{pos}}/{{len}} {unit} · {{msg}} · {{per_sec}} · {{eta}}"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    pb.set_style(style);
    pb
}

/// Writes the audit log: the header, then each document's lines as it finishes (so a killed
/// run keeps what was done); at the end the log again, in input order, with the end time. Only
/// the byte ranges of each document's lines are kept in memory, never the lines.
struct AuditWriter {
    path: PathBuf,
    state: Mutex<AuditState>,
}

struct AuditState {
    file: std::io::BufWriter<std::fs::File>,
    written: u64,
    spans: HashMap<String, Vec<(u64, u64)>>,
}

impl AuditWriter {
    fn create(path: PathBuf, header: &RunRecord) -> anyhow::Result<AuditWriter> {
        let f =
            std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut file = std::io::BufWriter::new(f);
        let line = format!("{}\n", serde_json::to_string(header)?);
        file.write_all(line.as_bytes())?;
        file.flush()?;
        Ok(AuditWriter {
            path,
            state: Mutex::new(AuditState {
                file,
                written: line.len() as u64,
                spans: HashMap::new(),
            }),
        })
    }

    /// Appends one document's lines under `key` (its input path).
    fn append(&self, key: &str, redactions: &[RedactionRecord], record: &FileRecord) {
        let mut lines = String::new();
        for r in redactions {
            lines.push_str(&serde_json::to_string(r).unwrap_or_default());
            lines.push('\n');
        }
        lines.push_str(&serde_json::to_string(record).unwrap_or_default());
        lines.push('\n');
        self.append_lines(key, lines);
    }

    /// Appends ready lines under `key`.
    fn append_lines(&self, key: &str, lines: String) {
        if lines.is_empty() {
            return;
        }
        if let Ok(mut st) = self.state.lock() {
            let start = st.written;
            if st.file.write_all(lines.as_bytes()).is_ok() && st.file.flush().is_ok() {
                st.written += lines.len() as u64;
                st.spans
                    .entry(key.to_string())
                    .or_default()
                    .push((start, lines.len() as u64));
            }
        }
    }

    /// Rewrites the log: `header`, then the lines of each key in `order`.
    fn finish(self, header: &RunRecord, order: &[&str]) -> anyhow::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let st = self
            .state
            .into_inner()
            .map_err(|_| anyhow::anyhow!("audit writer poisoned"))?;
        drop(st.file);
        let mut src = std::fs::File::open(&self.path)?;
        let tmp = self.path.with_extension("jsonl.partial");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        writeln!(w, "{}", serde_json::to_string(header)?)?;
        let mut buf = Vec::new();
        for key in order {
            for (start, len) in st.spans.get(*key).into_iter().flatten() {
                src.seek(SeekFrom::Start(*start))?;
                buf.resize(*len as usize, 0);
                src.read_exact(&mut buf)?;
                w.write_all(&buf)?;
            }
        }
        w.flush()?;
        drop(w);
        std::fs::rename(&tmp, &self.path)?;
        Ok(())
    }
}

/// Runs `redact`.
pub fn run(args: RedactArgs) -> anyhow::Result<u8> {
    let config = load_settings(args.config.as_deref())?;
    let lang = config.language;
    // Inputs first: a usage error writes nothing.
    let inputs = collect(&args.inputs, Some(&args.out))?;
    if inputs.files.is_empty() && inputs.unreadable.is_empty() {
        anyhow::bail!(messages::no_pdfs(
            lang,
            &super::describe_paths(&args.inputs),
            &inputs.skipped
        ));
    }
    let existing = if args.resume {
        Existing::Resume
    } else if args.overwrite {
        Existing::Overwrite
    } else {
        Existing::Refuse
    };
    // A reviewer's decisions are read and checked before anything is written.
    let decisions = match &args.decisions {
        Some(p) => Some(DecisionsFile::load(p)?),
        None => None,
    };
    let detector = Detector::new(&config).context("building the detector")?;
    let out = OutputFolder::prepare(&args.out, existing)?;
    out.remove_partials();
    let earlier = if args.resume {
        read_earlier(out.root())
    } else {
        HashMap::new()
    };
    let jobs = args.jobs.unwrap_or(0);
    // Deep but legitimate nesting in odd PDFs needs more stack than rayon's default.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(64 << 20)
        .build_global();
    let settings = RunSettings {
        config: &config,
        detector: &detector,
        limits: Limits::default(),
    };
    let config_hash = config.hash();
    let mut header = RunRecord {
        kind: "run".into(),
        audit_version: AUDIT_VERSION,
        tool: "woo-redact".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        config_sha256: config_hash.clone(),
        config: config_json(&config),
        command: std::env::args().collect(),
        cwd: std::env::current_dir()
            .ok()
            .map(|d| d.to_string_lossy().into_owned()),
        started: now_rfc3339(),
        finished: None,
        jobs: rayon::current_num_threads(),
    };
    let audit = AuditWriter::create(out.root().join(AUDIT), &header)?;
    let show = !args.quiet && std::io::stderr().is_terminal();
    let started = std::time::Instant::now();

    // Pass 1: read and detect over the whole dossier.
    let files = &inputs.files;
    let pb = bar(files.len() as u64, messages::reading(lang), "", show);
    pb.set_message(messages::docs_of(lang, 0, files.len()));
    let scan = detect_pass_reviewed(files, &settings, decisions.as_ref(), &|_| {
        pb.inc(1);
        pb.set_message(messages::docs_of(lang, pb.position() as usize, files.len()));
    });
    pb.finish_and_clear();
    // packed (see `Detected`): pass 2 unpacks one document at a time
    let detected = scan.files;
    // Every decision in the audit, applied or matching nothing; the unmatched ones on stderr.
    let mut lines = String::new();
    for r in &scan.review.applied {
        lines.push_str(&serde_json::to_string(r)?);
        lines.push('\n');
    }
    for r in &scan.review.unmatched {
        lines.push_str(&serde_json::to_string(r)?);
        lines.push('\n');
    }
    audit.append_lines(DECISIONS_KEY, lines);
    if let Some(d) = &decisions {
        eprint!(
            "{}",
            messages::decisions_summary(lang, &d.path, &scan.review, args.quiet)
        );
    }
    // The dossier's decisions, for reviewers (internal: it names the persons it decided on).
    let decisions_path = out.root().join(DECISIONS);
    let tmp = decisions_path.with_extension("json.partial");
    std::fs::File::create(&tmp)
        .map(std::io::BufWriter::new)
        .and_then(|mut w| {
            scan.decisions.write_json(&mut w)?;
            w.flush()
        })
        .and_then(|_| std::fs::rename(&tmp, &decisions_path))
        .with_context(|| format!("writing {}", decisions_path.display()))?;
    drop(scan.decisions);

    // Resume: keep what is still valid.
    let mut kept: HashMap<String, FileRecord> = HashMap::new();
    let mut todo: Vec<(&InputFile, &Result<Detected, String>)> = Vec::new();
    for (f, d) in files.iter().zip(&detected) {
        match (d, earlier.get(&f.rel)) {
            (Ok(d), Some(e)) if still_valid(e, d, &config_hash, out.root()) => {
                audit.append(&f.rel, &e.redactions, &e.record);
                kept.insert(f.rel.clone(), e.record.clone().compact());
            }
            _ => todo.push((f, d)),
        }
    }
    drop(earlier);

    crate::alloc::release_free_memory();
    // Pass 2: redact, verify, publish; the audit grows as files finish.
    let total_pages: u64 = todo
        .iter()
        .map(|(_, d)| d.as_ref().map(|d| d.page_count().max(1)).unwrap_or(1) as u64)
        .sum();
    let pb = bar(
        total_pages,
        messages::redacting(lang),
        messages::pages_word(lang),
        show,
    );
    let done_files = std::sync::atomic::AtomicUsize::new(0);
    pb.set_message(messages::docs_of(lang, 0, todo.len()));
    let outcomes = redact_pass(&todo, &settings, &out, &|o: &FileOutcome| {
        audit.append(&o.record.input, &o.redactions, &o.record);
        let n = done_files.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        pb.inc(o.record.pages.max(1) as u64);
        pb.set_message(messages::docs_of(lang, n, todo.len()));
    });
    pb.finish_and_clear();

    // The log in input order, with the end time; folders that could not be read at the end.
    header.finished = Some(now_rfc3339());
    let mut folder_keys = Vec::new();
    for u in &inputs.unreadable {
        let mut r = FileRecord::error(&u.rel, format!("folder cannot be read: {}", u.reason));
        r.kind = "folder".into();
        let key = format!("folder:{}", u.rel);
        audit.append(&key, &[], &r);
        folder_keys.push((key, r));
    }
    let mut order: Vec<&str> = vec![DECISIONS_KEY];
    order.extend(files.iter().map(|f| f.rel.as_str()));
    order.extend(folder_keys.iter().map(|(k, _)| k.as_str()));
    audit.finish(&header, &order)?;

    let mut by_input: HashMap<&str, &FileRecord> = HashMap::new();
    for r in &outcomes {
        by_input.insert(r.input.as_str(), r);
    }
    let mut records: Vec<&FileRecord> = files
        .iter()
        .filter_map(|f| {
            by_input
                .get(f.rel.as_str())
                .copied()
                .or_else(|| kept.get(&f.rel))
        })
        .collect();
    records.extend(folder_keys.iter().map(|(_, r)| r));
    let summary = Summary::new(
        &records,
        out.root(),
        started.elapsed().as_secs_f64(),
        kept.len(),
    );
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else if !args.quiet {
        eprint!("{}", summary.to_text(lang));
    } else {
        for r in records.iter().filter(|r| r.status != Status::Ok) {
            eprintln!("{}: {}: {}", r.input, r.status.as_str(), r.reason);
        }
    }
    Ok(if summary.all_clean() {
        EXIT_OK
    } else {
        EXIT_NOT_CLEAN
    })
}
