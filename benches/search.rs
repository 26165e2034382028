//! Search speed on synthetic data at 1k, 10k and 100k positions, and the
//! cost of building the index (with its vocabulary) once per load.
//!
//! `cargo bench --bench search` runs the benchmarks. "typo" searches
//! `tairff`, which occurs nowhere and is corrected to `tariff`: against
//! "1 term" (`tariff` itself, the same hits) it measures the typo pass. For comparing with
//! fzf, set `DEMARCHE_SEARCH_CORPUS=FILE` to also write the 100k
//! positions' search texts to FILE, one position per line.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use demarche_core::search::{Field, Query, SearchIndex};
use demarche_core::text::display::DisplayText;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const SEED: u64 = 1;
/// Hits a search screen asks for: ranked and highlighted.
const LIMIT: usize = 100;
const QUERIES: [(&str, &str); 3] = [
    ("1 term", "tariff"),
    ("typo", "tairff"),
    ("3 terms", "steel quota appeal"),
];

fn dataset(positions: usize) -> (demarche_core::model::Dataset, DisplayText) {
    let text = demarche_core::synthetic::generate(positions, SEED);
    let data = demarche_core::load::load_str("synthetic.toml", &text)
        .expect("synthetic data loads")
        .dataset;
    let shown = DisplayText::new(&data);
    (data, shown)
}

fn index(positions: usize) -> SearchIndex {
    let (data, shown) = dataset(positions);
    SearchIndex::new(&data, &shown)
}

/// Each position's field texts on one line, as fzf sees them.
fn write_corpus(index: &SearchIndex, path: &str) {
    let mut out = String::new();
    for p in 0..index.len() {
        let fields = Field::ALL.map(|f| index.field_text(p, f).replace('\n', " "));
        out.push_str(&fields.join(" | "));
        out.push('\n');
    }
    std::fs::write(path, out).expect("corpus written");
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    // Short runs: the machine is shared.
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for size in SIZES {
        let index = index(size);
        if let Ok(path) = std::env::var("DEMARCHE_SEARCH_CORPUS")
            && size == 100_000
        {
            write_corpus(&index, &path);
        }
        for (name, text) in QUERIES {
            let query = Query::parse(text).expect("query parses");
            group.bench_with_input(BenchmarkId::new(name, size), &query, |b, query| {
                b.iter(|| black_box(index.search(query, LIMIT)))
            });
        }
    }
    group.finish();
}

/// `SearchIndex::new`: arenas, interning and the vocabulary, once per load.
fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("index");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for size in [10_000, 100_000] {
        let (data, shown) = dataset(size);
        group.bench_function(BenchmarkId::new("build", size), |b| {
            b.iter(|| black_box(SearchIndex::new(&data, &shown)))
        });
    }
    group.finish();
}

criterion_group!(benches, search, build);
criterion_main!(benches);
