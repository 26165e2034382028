//! The matrix after `<`/`>`: 100 topics x 20 parties x 100,000 positions,
//! the as-of date moved and the matrix with its status strips drawn into
//! ratatui's TestBackend (terminal I/O left out).
//!
//! Goal (docs/PERFORMANCE.md): within one frame at 60 Hz (16.7 ms). Also
//! timed: the per-load index (each (topic, actor)'s positions in date
//! order and each topic's status changes). Run with `cargo bench --bench matrix`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use demarche_core::date::Date;
use demarche_core::load::load_str;
use demarche_core::matrix::MatrixIndex;
use demarche_core::synthetic::{Shape, generate_shaped};
use demarche_tui::app::{Action, App, keymap};
use demarche_tui::theme::Theme;
use demarche_tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SHAPE: Shape = Shape {
    positions: 100_000,
    parties: 20,
    topics: 100,
    seed: 1,
};

fn data() -> demarche_core::model::Dataset {
    load_str("shaped.toml", &generate_shaped(&SHAPE))
        .expect("synthetic data is valid")
        .dataset
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App, theme: &Theme) {
    terminal
        .draw(|frame| {
            black_box(ui::draw(frame, app, theme));
        })
        .expect("drawing into a test backend");
}

/// `>` as the event loop handles it (look up, apply, draw), then an
/// untimed `<` so every round starts from the same date.
fn scrub(c: &mut Criterion, app: &mut App, width: u16, height: u16) {
    let theme = Theme::built_in("default").expect("the default theme exists");
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    let later = KeyEvent::new(KeyCode::Char('>'), KeyModifiers::NONE);
    let earlier = KeyEvent::new(KeyCode::Char('<'), KeyModifiers::NONE);
    draw(&mut term, app, &theme);
    c.bench_function(&format!("matrix/> {width}x{height} 100x20x100k"), |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let action = keymap::lookup(app.context(), black_box(&later)).expect("> is bound");
                app.apply(action);
                draw(&mut term, app, &theme);
                timed += start.elapsed();
                let action = keymap::lookup(app.context(), &earlier).expect("< is bound");
                app.apply(action);
            }
            timed
        })
    });
}

fn matrix(c: &mut Criterion) {
    let data = data();
    c.bench_function("matrix/index per load 100x20x100k", |b| {
        b.iter(|| black_box(MatrixIndex::new(black_box(&data))))
    });
    let mut app = App::new(data);
    app.apply(Action::OpenMatrix);
    app.apply(Action::ShiftAsOf(0));
    let mid = Date::parse("2016-06-30").expect("a date");
    let months = mid.month_index() - app.dates.as_of.expect("as of is set").month_index();
    app.apply(Action::ShiftAsOf(months as i32));
    scrub(c, &mut app, 200, 50);
    scrub(c, &mut app, 120, 40);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = matrix
}
criterion_main!(benches);
