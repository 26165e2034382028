//! A pin on a deck of 20,000 items, as the event loop carries it out:
//! the key applied (`TogglePin`, with the slides rebuilt for the new
//! deck), the save (`DeckSync::save`: the file
//! read, merged with this window's last view, edited in place keeping the
//! user's comments, written atomically) and the saved deck handed back
//! (`DeckSynced`). Also timed alone: the three-way merge.
//!
//! Goal (docs/PERFORMANCE.md): under 50 ms per pin (it was 3.3 s when the
//! merge was quadratic). Run with `cargo bench --bench deck`.

use std::hint::black_box;
use std::time::Duration;

use common::{Clock, thread_cpu, wall};
use criterion::{Criterion, criterion_group, criterion_main};
use demarche_core::atomic::Purpose;
use demarche_core::deck::{Deck, DeckSync, Target, merge, save};
use demarche_core::load::load_str;
use demarche_core::synthetic::generate;
use demarche_tui::app::{Action, App};

mod common;

const ITEMS: usize = 20_000;

/// Every position of the data pinned, each with a short note. Built
/// through `Deck`'s methods only, so the bench builds on older commits
/// too (the figures before and after in docs/PERFORMANCE.md).
fn full_deck(data: &demarche_core::model::Dataset) -> Deck {
    let mut deck = Deck::default();
    for (i, p) in data.positions.iter().enumerate() {
        deck.pin(Target::Position(p.id.clone()));
        deck.set_note(i, format!("Say why {} matters.", p.id));
    }
    deck
}

fn pin(c: &mut Criterion) {
    let data = load_str("synthetic.toml", &generate(ITEMS, 7))
        .expect("synthetic data is valid")
        .dataset;
    assert_eq!(data.positions.len(), ITEMS);
    let deck = full_deck(&data);

    let mut theirs = deck.clone();
    theirs.remove(ITEMS / 2);
    let mut ours = deck.clone();
    ours.move_down(0);
    for (clock, name) in [(wall as Clock, "wall"), (thread_cpu, "thread CPU")] {
        c.bench_function(&format!("deck/merge 20k items, {name}"), |b| {
            b.iter_custom(|iters| {
                let start = clock();
                for _ in 0..iters {
                    black_box(merge(black_box(&deck), black_box(&ours), black_box(&theirs)));
                }
                clock() - start
            })
        });
    }

    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("synthetic.talking-points.toml");
    save(&path, &deck).expect("the deck is saved");
    let mut app = App::new(data).with_deck(deck.clone());
    // A cell with a position in it (the first row may be empty).
    for step in [Action::Down, Action::Right, Action::Down, Action::Down] {
        if app.pin_target().is_some() {
            break;
        }
        app.apply(step);
    }
    app.apply(Action::TogglePin);
    assert_eq!(
        app.deck.current.len(),
        ITEMS - 1,
        "the bench toggles a pin: {:?}",
        app.session.message()
    );
    app.apply(Action::TogglePin);
    app.take_effects();
    // A Tick (the event loop applies one every turn) with a large deck:
    // it once compared the whole deck with the slides' copy.
    c.bench_function("deck/Tick with a 20k-item deck, thread CPU", |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu();
            for _ in 0..iters {
                app.apply(Action::Tick(std::time::Instant::now()));
                app.take_effects();
            }
            thread_cpu() - start
        })
    });
    let mut sync = DeckSync::new(path, deck, Purpose::ChosenPrivate);
    // Wall-clock time, and the CPU time of this thread: the machine the
    // figures come from is shared, and the second is what a pin costs
    // whatever else runs (the fsync's wait is not in it).
    for (clock, name) in [(wall as Clock, "wall"), (thread_cpu, "thread CPU")] {
        c.bench_function(
            &format!("deck/pin on a 20k-item deck (apply, save, synced), {name}"),
            |b| {
                b.iter_custom(|iters| {
                    let start = clock();
                    // Pins and unpins the selected position in turn: the deck
                    // stays at 20,000 items, one either way.
                    for _ in 0..iters {
                        app.apply(Action::TogglePin);
                        app.take_effects();
                        let saved = sync.save(&app.deck.current).expect("the deck is saved");
                        app.apply(Action::DeckSynced {
                            deck: saved,
                            unsaved: false,
                        });
                    }
                    black_box(&app.deck.current);
                    clock() - start
                })
            },
        );
    }
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
