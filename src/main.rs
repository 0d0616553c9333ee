//! The `woo-redact` command line: parse, run, map errors to an exit code.
fn main() {}
