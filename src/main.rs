//! Thin entry point: parse the command line, run it, report any error once.

#![deny(clippy::print_stdout, clippy::print_stderr)]

use clap::Parser;

fn main() {
    let cli = demarche::cli::Cli::try_parse().unwrap_or_else(|e| demarche::stream::refused(e));
    if let Err(e) = demarche::cli::run(cli) {
        demarche::stream::fail(&e.to_string(), e.exit_code());
    }
}
