//! `woo-redact diff`: the text of an input and of its redacted output, page by page, as a unified diff (coloured on a terminal), so a reviewer sees what was removed.

use super::{EXIT_NOT_CLEAN, EXIT_OK};
use crate::audit::{FileRecord, sha256_bytes_hex};
use crate::diff::{colorize, diff_pages, page_texts};
use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// When to colour.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `woo-redact diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The original PDF (an input of the run).
    pub input: PathBuf,
    /// The redacted PDF, or the output folder of the run (its audit log finds the output of
    /// INPUT by the input's SHA-256, in publish/, review/ or quarantine/).
    pub output: PathBuf,
    /// Lines of context around each change.
    #[arg(long, default_value_t = 2)]
    pub context: usize,
    /// Colour removed and added lines.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The output of `input` in an output folder, found through the audit log.
fn find_output(folder: &Path, input_bytes: &[u8], input: &Path) -> anyhow::Result<PathBuf> {
    let audit = folder.join(crate::publish::AUDIT);
    let text = std::fs::read_to_string(&audit)
        .with_context(|| format!("{}: cannot read the audit log", audit.display()))?;
    let sha = sha256_bytes_hex(input_bytes);
    for line in text.lines() {
        if let Ok(r) = serde_json::from_str::<FileRecord>(line)
            && r.kind == "file"
            && r.input_sha256 == sha
        {
            return match r.output {
                Some(o) => Ok(folder.join(o)),
                None => bail!(
                    "{}: the run wrote no output for this file ({}: {})",
                    input.display(),
                    r.status.as_str(),
                    r.reason
                ),
            };
        }
    }
    bail!(
        "{}: not an input of the run in {} (no file in its audit log has this SHA-256)",
        input.display(),
        folder.display()
    )
}

/// Runs `diff`.
pub fn run(args: DiffArgs) -> anyhow::Result<u8> {
    let before_bytes =
        std::fs::read(&args.input).with_context(|| format!("{}", args.input.display()))?;
    let output = if args.output.is_dir() {
        find_output(&args.output, &before_bytes, &args.input)?
    } else {
        args.output.clone()
    };
    let after_bytes = std::fs::read(&output).with_context(|| format!("{}", output.display()))?;
    let before = page_texts(&before_bytes).with_context(|| format!("{}", args.input.display()))?;
    let after = page_texts(&after_bytes).with_context(|| format!("{}", output.display()))?;
    let (diff, changed) = diff_pages(
        &before,
        &after,
        &args.input.display().to_string(),
        &output.display().to_string(),
        args.context,
    );
    let stdout = std::io::stdout();
    let colour = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = stdout.lock();
    if colour {
        out.write_all(colorize(&diff).as_bytes())?;
    } else {
        out.write_all(diff.as_bytes())?;
    }
    out.flush()?;
    eprintln!(
        "{changed} of {} pages changed",
        before.len().max(after.len())
    );
    Ok(if before.len() == after.len() {
        EXIT_OK
    } else {
        EXIT_NOT_CLEAN
    })
}
