//! `woo-redact redact`: run text -> detect -> plan -> redact -> sanitise -> verify for every PDF and write the outputs plus audit.jsonl.

use super::{EXIT_NOT_CLEAN, EXIT_OK, load_settings};
use crate::audit::Status;
use crate::batch::{
    RunSettings, collect_inputs, detect_batch, display_name, error_outcome, redact_file,
};
use crate::detect::Detector;
use crate::pdf::Limits;
use anyhow::Context;
use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `woo-redact redact`.
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// PDF files or folders (searched recursively for *.pdf).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder: redacted PDFs under their own names, audit.jsonl, quarantine/ for failures.
    #[arg(long)]
    pub out: PathBuf,
    /// Configuration file (TOML); see README.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
}

/// Runs `redact`.
pub fn run(args: RedactArgs) -> anyhow::Result<u8> {
    let config = load_settings(args.config.as_deref())?;
    let detector = Detector::new(&config).context("building the detector")?;
    if let Some(j) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let files = collect_inputs(&args.inputs).context("listing inputs")?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let out_dir = args.out.canonicalize().unwrap_or(args.out.clone());
    // An output folder inside an input folder: its earlier outputs are not inputs.
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| !f.canonicalize().is_ok_and(|c| c.starts_with(&out_dir)))
        .collect();
    let settings = RunSettings {
        config: &config,
        detector: &detector,
        limits: Limits::default(),
    };
    let started = std::time::Instant::now();
    let findings = detect_batch(&files, &settings);
    let outcomes: Vec<_> = files
        .par_iter()
        .zip(findings.par_iter())
        .map(|(path, f)| {
            let mut outcome = match f {
                Ok(pages) => redact_file(path, pages, &settings),
                Err(e) => error_outcome(display_name(path), e.clone()),
            };
            let name = display_name(path);
            let target = out_dir.join(&name);
            if path.canonicalize().ok().as_ref() == Some(&target) {
                outcome.record.status = Status::Error;
                outcome.record.reason =
                    "output would overwrite the input: choose another --out folder".into();
                outcome.output = None;
            }
            if let Some(bytes) = outcome.output.take()
                && let Err(e) = std::fs::write(&target, bytes)
            {
                outcome.record.status = Status::Error;
                outcome.record.reason = format!("cannot write output: {e}");
            }
            if let Some(bytes) = outcome.quarantined.take() {
                let q = out_dir.join("quarantine");
                let _ = std::fs::create_dir_all(&q);
                let _ = std::fs::write(q.join(&name), bytes);
                let _ = std::fs::remove_file(&target);
            }
            eprintln!(
                "{name}: {}",
                serde_json::to_string(&outcome.record.status)
                    .unwrap_or_default()
                    .trim_matches('"')
            );
            outcome
        })
        .collect();
    let audit_path = out_dir.join("audit.jsonl");
    let mut audit = std::io::BufWriter::new(
        std::fs::File::create(&audit_path)
            .with_context(|| format!("creating {}", audit_path.display()))?,
    );
    let mut code = EXIT_OK;
    let mut counts = std::collections::BTreeMap::new();
    for o in &outcomes {
        for r in &o.redactions {
            writeln!(audit, "{}", serde_json::to_string(r)?)?;
        }
        writeln!(audit, "{}", serde_json::to_string(&o.record)?)?;
        *counts
            .entry(format!("{:?}", o.record.status).to_lowercase())
            .or_insert(0usize) += 1;
        if o.record.status != Status::Ok {
            code = EXIT_NOT_CLEAN;
            eprintln!(
                "{}: {}: {}",
                o.record.file,
                format!("{:?}", o.record.status).to_lowercase(),
                o.record.reason
            );
        }
    }
    audit.flush()?;
    let boxes: usize = outcomes.iter().map(|o| o.redactions.len()).sum();
    let pages: usize = outcomes.iter().map(|o| o.record.pages).sum();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{pages} pages in {secs:.2} s = {:.0} pages/s on {} threads",
        pages as f64 / secs.max(1e-9),
        rayon::current_num_threads()
    );
    eprintln!(
        "{} files: {counts:?}; {boxes} boxes; audit log {}",
        outcomes.len(),
        audit_path.display()
    );
    Ok(code)
}
