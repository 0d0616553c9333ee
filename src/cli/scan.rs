//! `woo-redact scan`: detection only; findings as JSON Lines on stdout, no PDFs written.
//!
//! One object per finding: `{"file","page","start","end","text","category","ground","rule","reason","confirmed_in"?}`
//! (`start`/`end`: byte offsets into the page's detection text, see `woo-redact text --search`),
//! and one `{"file","error"}` object for a file that cannot be read.

use super::{EXIT_NOT_CLEAN, EXIT_OK, load_settings};
use crate::batch::{RunSettings, collect_inputs, detect_batch, display_name};
use crate::detect::Detector;
use crate::pdf::Limits;
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `woo-redact scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// PDF files or folders (searched recursively for *.pdf).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Configuration file (TOML); see README.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

/// Runs `scan`.
pub fn run(args: ScanArgs) -> anyhow::Result<u8> {
    let config = load_settings(args.config.as_deref())?;
    let detector = Detector::new(&config).context("building the detector")?;
    let files = collect_inputs(&args.inputs).context("listing inputs")?;
    let settings = RunSettings {
        config: &config,
        detector: &detector,
        limits: Limits::default(),
    };
    let results = detect_batch(&files, &settings);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut code = EXIT_OK;
    for (path, r) in files.iter().zip(results) {
        let file = display_name(path);
        match r {
            Ok(pages) => {
                for (i, findings) in pages.iter().enumerate() {
                    for f in findings {
                        let mut v = serde_json::to_value(f)?;
                        if let Some(o) = v.as_object_mut() {
                            o.insert("file".into(), file.clone().into());
                            o.insert("page".into(), (i + 1).into());
                        }
                        writeln!(out, "{v}")?;
                    }
                }
            }
            Err(e) => {
                code = EXIT_NOT_CLEAN;
                eprintln!("{file}: error: {e}");
                writeln!(out, "{}", serde_json::json!({"file": file, "error": e}))?;
            }
        }
    }
    out.flush()?;
    Ok(code)
}
