//! Thin entry point: parse the command line, run it, report any error once.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod stream;

use clap::Parser;

fn main() {
    let cli = cli::Cli::try_parse().unwrap_or_else(|e| stream::refused(e));
    if let Err(e) = cli::run(cli) {
        stream::fail(&e.to_string(), e.exit_code());
    }
}
