//! Loading speed: parse and validate synthetic positions files.
//!
//! Goal (docs/PERFORMANCE.md): 100,000 positions, about 40 MB, load and
//! validate in about a second or less. Run with `cargo bench --bench load`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use demarche_core::load::load_str;
use demarche_core::synthetic::generate;

/// Any fixed seed will do; fixing it keeps runs comparable.
const SEED: u64 = 1;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_str");
    // A 40 MB load takes around a second, so the default 100 samples
    // would keep the bench running for minutes without a clearer figure.
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.warm_up_time(Duration::from_secs(2));
    for positions in [10_000usize, 100_000] {
        // Generated once, outside the timed loop: only the load is measured.
        let text = generate(positions, SEED);
        eprintln!("{positions} positions: {} bytes", text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(positions), &text, |b, text| {
            b.iter(|| {
                let loaded = load_str("synthetic.toml", black_box(text)).expect("synthetic data is valid");
                // Dropping the dataset is part of a load's cost in the
                // app too (the old one goes on reload), so it stays timed.
                black_box(loaded)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
