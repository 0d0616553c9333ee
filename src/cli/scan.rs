//! `woo-redact scan`: detection only; findings as JSON Lines on stdout, no PDFs written.
//!
//! One object per finding: `{"file","page","start","end","text","category","ground","rule","reason","confirmed_in"?}`
//! (`start`/`end`: byte offsets into the page's detection text, see `woo-redact text --search`),
//! and one `{"file","error"}` object for a file that cannot be read.

use super::{EXIT_NOT_CLEAN, EXIT_OK, load_settings};
use crate::batch::{RunSettings, detect_pass};
use crate::detect::Detector;
use crate::inputs::collect;
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
    let inputs = collect(&args.inputs, None)?;
    if inputs.files.is_empty() {
        anyhow::bail!(
            "no PDF files found in {}",
            super::describe_paths(&args.inputs)
        );
    }
    let files = inputs.files;
    let settings = RunSettings {
        config: &config,
        detector: &detector,
        limits: Limits::default(),
    };
    let results = detect_pass(&files, &settings, &|_| {}).files;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut code = EXIT_OK;
    for (input, r) in files.iter().zip(results) {
        let file = input.rel.clone();
        match r {
            Ok(detected) => {
                let detected = detected.unpacked();
                for (i, findings) in detected.pages.iter().enumerate() {
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
