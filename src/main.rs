//! The `woo-redact` command line: parse, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;
use woo_redact::cli::{Cli, run};

fn main() -> ExitCode {
    woo_redact::alloc::configure();
    woo_redact::verify::install_quiet_panic_hook();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("woo-redact: {e:#}");
            ExitCode::from(2)
        }
    }
}
