//! `woo-redact review OUT/`: writes the reviewer's report, `OUT/report/index.html` (internal: it
//! shows the removed text), from the audit log, the term table and the inputs read again.

use super::messages;
use super::{EXIT_OK, load_settings};
use crate::report::{Options, write_report};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `woo-redact review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The output folder of `woo-redact redact` (holds audit.jsonl and decisions.json).
    pub out: PathBuf,
    /// Configuration file (TOML): its `language` sets the report's language (default: the
    /// language the run was made with).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Where the inputs of the run are now (files or folders, as given to `redact`), when they
    /// are no longer where the run read them.
    #[arg(long = "input")]
    pub inputs: Vec<PathBuf>,
}

/// Runs `review`.
pub fn run(args: ReviewArgs) -> anyhow::Result<u8> {
    let config = match &args.config {
        Some(p) => Some(load_settings(Some(p))?),
        None => None,
    };
    let written = write_report(
        &args.out,
        &Options {
            config,
            inputs: args.inputs,
        },
    )?;
    eprint!("{}", messages::report_written(&written));
    Ok(EXIT_OK)
}
