//! Thin entry point: parse the command line, run it, report any error once.

use clap::Parser;

fn main() {
    let cli = demarche::cli::Cli::parse();
    if let Err(e) = demarche::cli::run(cli) {
        let message = e.to_string();
        if !message.trim().is_empty() {
            eprintln!("{}", message.trim_end());
        }
        std::process::exit(e.exit_code());
    }
}
