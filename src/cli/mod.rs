//! Command-line arguments (clap derive) and dispatch to one module per subcommand.

mod diff;
pub mod messages;
mod package;
mod redact;
mod review;
mod scan;
mod text;

use clap::{Parser, Subcommand};

/// Exit code: everything processed and clean.
pub const EXIT_OK: u8 = 0;
/// Exit code: at least one file failed, errored or needs manual review.
pub const EXIT_NOT_CLEAN: u8 = 1;

/// woo-redact: find and truly remove personal data in PDFs for Woo publication.
#[derive(Debug, Parser)]
#[command(name = "woo-redact", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the text layer of PDFs (as detection sees it), or its glyphs as JSON.
    Text(text::TextArgs),
    /// Find personal data; print findings as JSON Lines (writes no PDFs).
    Scan(scan::ScanArgs),
    /// Redact PDFs: remove personal data for real, draw labelled boxes, verify, write audit.jsonl.
    Redact(redact::RedactArgs),
    /// Show what redaction removed: the text of an input and its output, page by page, as a diff.
    Diff(diff::DiffArgs),
    /// Write the reviewer's report OUT/report/index.html: what was removed and why, page by page,
    /// with buttons that make a decisions file (internal: it shows the removed text).
    Review(review::ReviewArgs),
    /// Make a Woo release package of an output folder: documents, inventarislijst, DiWoo
    /// metadata, justification, manifest.sha256 and a zip.
    Package(package::PackageArgs),
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Text(args) => text::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Redact(args) => redact::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Package(args) => package::run(args),
        Command::Review(args) => review::run(args),
    }
}

/// Loads and validates the configuration before any file is opened.
fn load_settings(path: Option<&std::path::Path>) -> anyhow::Result<crate::config::Config> {
    match path {
        Some(p) => Ok(crate::config::Config::load(p)?),
        None => Ok(crate::config::Config::default()),
    }
}

/// The paths given on the command line, for messages.
fn describe_paths(paths: &[std::path::PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
