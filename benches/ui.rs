//! Rendering and keystroke latency, drawn into ratatui's TestBackend so
//! terminal I/O is left out and only our work is timed.
//!
//! Goals (docs/PERFORMANCE.md): a full 200x60 frame in under 2 ms; a
//! keystroke handled and its 120x40 frame drawn within 16 ms (one frame at
//! 60 Hz); typing into the search overlay measured on the bundled data
//! and on 10,000 synthetic positions; a comparison slide on 10,000
//! positions. Run with `cargo bench --bench ui`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use demarche_core::load::{load_bundled, load_str};
use demarche_core::synthetic::generate;
use demarche_tui::app::{Action, App, keymap};
use demarche_tui::theme::Theme;
use demarche_tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::{Clock, thread_cpu, wall};

fn bundled() -> App {
    App::new(load_bundled().expect("bundled data loads").dataset)
}

fn synthetic(positions: usize) -> App {
    let text = generate(positions, 1);
    App::new(
        load_str("synthetic.toml", &text)
            .expect("synthetic data is valid")
            .dataset,
    )
}

fn theme() -> Theme {
    Theme::built_in("default").expect("the default theme exists")
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App, theme: &Theme) {
    terminal
        .draw(|frame| {
            black_box(ui::draw(frame, app, theme));
        })
        .expect("drawing into a test backend");
}

/// (a) One full frame of the explorer, with the detail pane and the full
/// timeline shown (the widest layout).
fn full_frame(c: &mut Criterion) {
    let app = bundled();
    let theme = theme();
    let mut term = terminal(200, 60);
    c.bench_function("frame/200x60 bundled", |b| {
        b.iter(|| draw(&mut term, &app, &theme))
    });
}

/// (b) A key press as the event loop handles it: look the key up, apply
/// the action, draw the frame.
fn keystroke(c: &mut Criterion) {
    let mut app = bundled();
    let theme = theme();
    let mut term = terminal(120, 40);
    draw(&mut term, &app, &theme);
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
    c.bench_function("keystroke/Down 120x40 bundled", |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let action = keymap::lookup(app.context(), black_box(&down)).expect("Down is bound");
                app.apply(action);
                draw(&mut term, &app, &theme);
                timed += start.elapsed();
                // Step back untimed so every timed Down really moves
                // rather than sitting at the bottom of the column.
                let action = keymap::lookup(app.context(), &up).expect("Up is bound");
                app.apply(action);
            }
            timed
        })
    });
}

/// (c) One character typed into the search overlay (searching on the
/// calling thread, as `App::new` does) and the overlay drawn. `typed` is
/// already in the query; `next` is the timed key.
fn search_key(c: &mut Criterion, name: &str, mut app: App, typed: &str, next: char) {
    let theme = theme();
    let mut term = terminal(120, 40);
    app.apply(Action::OpenSearch);
    for ch in typed.chars() {
        app.apply(Action::SearchInput(ch));
    }
    draw(&mut term, &app, &theme);
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                app.apply(Action::SearchInput(black_box(next)));
                draw(&mut term, &app, &theme);
                timed += start.elapsed();
                // Untimed: back to the same query for the next round.
                app.apply(Action::SearchBackspace);
            }
            timed
        })
    });
}

/// The search overlay drawn with no key: the drawing's share of (c).
fn search_draw(c: &mut Criterion, name: &str, mut app: App, typed: &str) {
    let theme = theme();
    let mut term = terminal(120, 40);
    app.apply(Action::OpenSearch);
    for ch in typed.chars() {
        app.apply(Action::SearchInput(ch));
    }
    c.bench_function(name, |b| b.iter(|| draw(&mut term, &app, &theme)));
}

/// (d) One frame of a presentation on 10,000 positions: the slide that
/// compares the two parties on a topic (500-odd positions on it). Before
/// issue 20 it laid out every row of the topic in every frame.
fn presenting(c: &mut Criterion) {
    use demarche_core::deck::{Deck, Target};
    let app = synthetic(10_000);
    let mut deck = Deck::default();
    deck.pin(Target::Topic(app.data().topics[0].id.clone()));
    deck.pin(Target::Position(app.data().positions[9_000].id.clone()));
    let mut room = app.with_deck(deck);
    room.apply(Action::Present);
    let theme = theme();
    let mut term = terminal(200, 60);
    for (clock, name) in [(wall as Clock, "wall"), (thread_cpu, "thread CPU")] {
        c.bench_function(&format!("frame/comparison slide 200x60 10k, {name}"), |b| {
            b.iter_custom(|iters| {
                let start = clock();
                for _ in 0..iters {
                    draw(&mut term, &room, &theme);
                }
                clock() - start
            })
        });
    }
}

fn search_typing(c: &mut Criterion) {
    // The first letter matches the most positions; a later one narrows
    // an established query, which is what most keystrokes do.
    search_key(c, "search/first key 120x40 bundled", bundled(), "", 't');
    search_key(c, "search/fifth key 120x40 bundled", bundled(), "tari", 'f');
    search_draw(c, "search/draw only 120x40 bundled", bundled(), "tarif");
    search_key(c, "search/first key 120x40 10k", synthetic(10_000), "", 't');
    search_key(c, "search/fifth key 120x40 10k", synthetic(10_000), "tari", 'f');
    search_draw(c, "search/draw only 120x40 10k", synthetic(10_000), "tarif");
}

criterion_group! {
    name = benches;
    // Frames take micro- to milliseconds; a few seconds per figure is
    // plenty and keeps the whole bench short on a busy two-core machine.
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    targets = full_frame, keystroke, search_typing, presenting
}
criterion_main!(benches);
