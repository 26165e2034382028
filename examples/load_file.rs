//! Loads a positions file and prints what it holds, or writes a synthetic
//! one: a small binary to measure a load's time and peak memory from the
//! outside, e.g. `/usr/bin/time -v`.
//!
//! ```text
//! cargo run --release --example load_file -- --generate 100000 /tmp/100k.toml
//! /usr/bin/time -v target/release/examples/load_file /tmp/100k.toml
//! ```

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, count, out] if flag == "--generate" => {
            let Ok(count) = count.parse::<usize>() else {
                eprintln!("--generate needs a number of positions, not {count:?}");
                return ExitCode::FAILURE;
            };
            let text = demarche_core::synthetic::generate(count, 1);
            if let Err(e) = std::fs::write(out, &text) {
                eprintln!("{out}: {e}");
                return ExitCode::FAILURE;
            }
            println!("{out}: {count} positions, {} bytes", text.len());
            ExitCode::SUCCESS
        }
        [path] => {
            let start = Instant::now();
            match demarche_core::load::load_path(Path::new(path)) {
                Ok(loaded) => {
                    let elapsed = start.elapsed();
                    let data = &loaded.dataset;
                    println!(
                        "{path}: {} positions, {} actors, {} topics, {} warnings in {elapsed:.2?}",
                        data.positions.len(),
                        data.actors.len(),
                        data.topics.len(),
                        loaded.warnings.diagnostics.len()
                    );
                    // The peak is during parsing; what stays resident
                    // afterwards is the dataset (and the file's bytes).
                    if let Some(rss) = resident() {
                        println!("resident after loading: {rss}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: load_file FILE | load_file --generate POSITIONS FILE");
            ExitCode::FAILURE
        }
    }
}

/// This process's resident memory and its peak, on Linux.
fn resident() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .map(str::to_string)
    };
    Some(format!("{} (peak {})", field("VmRSS:")?, field("VmHWM:")?))
}
