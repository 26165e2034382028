//! CPU time per search, which the load on a shared machine barely
//! affects (wall-clock time from criterion does): builds the index of
//! `N` synthetic positions, runs each query `R` times, and prints the
//! process's user + system time per search from `/proc/self/stat`
//! (Linux), next to the wall-clock time.
//!
//! ```text
//! cargo run --release --example search_cpu -- 10000 200 tariff tairff "steel quota appeal"
//! ```

use std::time::Instant;

use demarche_core::search::{Query, SearchIndex};
use demarche_core::text::display::DisplayText;

/// User + system CPU time of this process so far, in seconds.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name (in brackets) come the state, then 10 more
    // fields, then utime and stime in clock ticks (100 a second).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (field(11) + field(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [size, repeats, queries @ ..] = args.as_slice() else {
        eprintln!("usage: search_cpu POSITIONS REPEATS QUERY...");
        std::process::exit(2);
    };
    let size: usize = size.parse().expect("a number of positions");
    let repeats: usize = repeats.parse().expect("a number of repeats");
    let text = demarche_core::synthetic::generate(size, 1);
    let data = demarche_core::load::load_str("synthetic.toml", &text)
        .expect("synthetic data loads")
        .dataset;
    let shown = DisplayText::new(&data);
    let (cpu, wall) = (cpu_seconds(), Instant::now());
    let index = SearchIndex::new(&data, &shown);
    println!(
        "index {size}: {:.1} ms CPU, {:.1} ms wall",
        (cpu_seconds() - cpu) * 1000.0,
        wall.elapsed().as_secs_f64() * 1000.0
    );
    for text in queries {
        let query = Query::parse(text).expect("query parses");
        let found = index.search(&query, 100);
        let (cpu, wall) = (cpu_seconds(), Instant::now());
        for _ in 0..repeats {
            std::hint::black_box(index.search(&query, 100));
        }
        let per = |total: f64| total * 1000.0 / repeats as f64;
        println!(
            "{text:?} at {size}: {:.2} ms CPU, {:.2} ms wall per search; {} hits, corrected {:?}",
            per(cpu_seconds() - cpu),
            per(wall.elapsed().as_secs_f64()),
            found.total,
            found.corrections.iter().map(|c| &c.used).collect::<Vec<_>>()
        );
    }
}
