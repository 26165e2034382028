//! A pin on a deck of 20,000 items, as the event loop carries it out:
//! the key applied (`TogglePin`), the save (`DeckSync::save`: the file
//! read, merged with this window's last view, edited in place keeping the
//! user's comments, written atomically) and the saved deck handed back
//! (`DeckSynced`). Also timed alone: the three-way merge.
//!
//! Goal (docs/PERFORMANCE.md): under 50 ms per pin (it was 3.3 s when the
//! merge was quadratic). Run with `cargo bench --bench deck`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use demarche::app::{Action, App};
use demarche::atomic::Purpose;
use demarche::deck::{Deck, DeckItem, DeckSync, Target, merge, save};
use demarche::load::load_str;
use demarche::synthetic::generate;

const ITEMS: usize = 20_000;

/// Every position of the data pinned, each with a short note.
fn full_deck(data: &demarche::model::Dataset) -> Deck {
    Deck {
        title: Some("Twenty thousand points".into()),
        items: data
            .positions
            .iter()
            .map(|p| DeckItem::Point {
                target: Target::Position(p.id.clone()),
                note: format!("Say why {} matters.", p.id),
            })
            .collect(),
    }
}

fn pin(c: &mut Criterion) {
    let data = load_str("synthetic.toml", &generate(ITEMS, 7))
        .expect("synthetic data is valid")
        .dataset;
    assert_eq!(data.positions.len(), ITEMS);
    let deck = full_deck(&data);

    let mut theirs = deck.clone();
    theirs.items.remove(ITEMS / 2);
    let mut ours = deck.clone();
    ours.items.swap(0, 1);
    c.bench_function("deck/merge 20k items", |b| {
        b.iter(|| black_box(merge(black_box(&deck), black_box(&ours), black_box(&theirs))))
    });

    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("synthetic.talking-points.toml");
    save(&path, &deck).expect("the deck is saved");
    let mut app = App::new(data).with_deck(deck.clone());
    let mut sync = DeckSync::new(path, deck, Purpose::ChosenPrivate);
    c.bench_function("deck/pin on a 20k-item deck (apply, save, synced)", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            // Pins and unpins the selected position in turn: the deck
            // stays at 20,000 items, one either way.
            for _ in 0..iters {
                app.apply(Action::TogglePin);
                app.take_effects();
                let saved = sync.save(&app.deck).expect("the deck is saved");
                app.apply(Action::DeckSynced {
                    deck: saved,
                    unsaved: false,
                });
            }
            black_box(&app.deck);
            start.elapsed()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    targets = pin
}
criterion_main!(benches);
