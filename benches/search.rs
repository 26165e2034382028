//! Search speed on synthetic data at 1k, 10k and 100k positions.
//!
//! `cargo bench --bench search` runs the benchmarks. For comparing with
//! fzf, set `DEMARCHE_SEARCH_CORPUS=FILE` to also write the 100k
//! positions' search texts to FILE, one position per line.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use demarche::display::DisplayText;
use demarche::search::{Field, Query, SearchIndex};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const SEED: u64 = 1;
/// Hits a search screen asks for: ranked and highlighted.
const LIMIT: usize = 100;
const QUERIES: [(&str, &str); 2] = [("1 term", "tariff"), ("3 terms", "steel quota appeal")];

fn index(positions: usize) -> SearchIndex {
    let text = demarche::synthetic::generate(positions, SEED);
    let data = demarche::load::load_str("synthetic.toml", &text)
        .expect("synthetic data loads")
        .dataset;
    SearchIndex::new(&data, &DisplayText::new(&data))
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
    group.sample_size(20).measurement_time(Duration::from_secs(8));
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

criterion_group!(benches, search);
criterion_main!(benches);
