//! A frame of each base view (explorer, presenter, console, matrix) does
//! no work per position: a counting global allocator counts the
//! allocations (and their bytes) of frames drawn on synthetic data of
//! two sizes, and they must be the same. Whatever is built from the data
//! or the deck (display text, the order, indexes, slides, parsed notes,
//! histories, the timeline) is built when that changes, never per frame.
//!
//! The two data sets show the same screen: the 1,000 synthetic positions
//! of `demarche_core::synthetic`, plus 2,000 or 9,000 more on the first topic
//! by the first party, all on the file's last date (so they sort last,
//! the date range stays, and every count on screen has as many digits).
//! Any structure of even one byte per position shows as 7,000 bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;
use std::time::Duration;

use demarche_core::deck::{Deck, Target};
use demarche_core::load::load_str;
use demarche_core::synthetic::generate;
use demarche_tui::app::{Action, App};
use demarche_tui::remote::{Event, Link, State};
use demarche_tui::theme::Theme;
use demarche_tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Passes every call to the system allocator, counting those made on a
/// thread while it has counting switched on.
struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// Allocations (and reallocations) and the bytes asked for.
    static COUNT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

fn count(bytes: usize) {
    // `try_with`: the thread's locals may be gone while it exits.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|n| {
                let (calls, total) = n.get();
                n.set((calls + 1, total + bytes));
            });
        }
    });
}

// SAFETY: every call goes to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations and bytes allocated by `f` on this thread.
fn allocations(f: impl FnOnce()) -> (usize, usize) {
    COUNT.with(|n| n.set((0, 0)));
    COUNTING.with(|on| on.set(true));
    f();
    COUNTING.with(|on| on.set(false));
    COUNT.with(Cell::get)
}

/// The synthetic file with `extra` positions more on its first topic by
/// its first party, dated on its last day.
fn data(extra: usize) -> demarche_core::model::Dataset {
    let mut text = generate(1_000, 1);
    let base = load_str("synthetic.toml", &text)
        .expect("synthetic data is valid")
        .dataset;
    let (_, last) = base.date_range().expect("dated positions");
    let (actor, topic) = (&base.actors[0].id, &base.topics[0].id);
    for i in 0..extra {
        let _ = write!(
            text,
            "\n[[positions]]\nid = \"extra-{i:05}\"\nactor = \"{actor}\"\ntopic = \"{topic}\"\n\
             date = \"{last}\"\nsource = \"src-00\"\nstance = \"Restates its position.\"\n",
            last = last.iso()
        );
    }
    let data = load_str("synthetic.toml", &text)
        .expect("the extra positions are valid")
        .dataset;
    assert_eq!(data.positions.len(), 1_000 + extra);
    data
}

/// A deck of three positions (one with a note), the first topic side by
/// side, the matrix and a heading.
fn deck(data: &demarche_core::model::Dataset) -> Deck {
    let mut deck = Deck::default();
    deck.insert_heading(0, "Opening");
    for p in [10, 20, 30] {
        deck.pin(Target::Position(data.positions[p].id.clone()));
    }
    deck.pin(Target::Topic(data.topics[0].id.clone()));
    deck.pin(Target::Matrix(demarche_core::deck::LATEST.into()));
    deck.set_note(
        1,
        "Ask the room first:\n\n- *who* moved\n- **when**, and [why](https://example.org)",
    );
    deck
}

/// Allocations of `frames` frames of `app` at 200x60, each after
/// `step`, with a first frame drawn beforehand (ratatui sizes its
/// buffers then).
fn frames(app: &mut App, frames: usize, step: &dyn Fn(&mut App)) -> (usize, usize) {
    let theme = Theme::built_in("default").expect("the default theme");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut draw = |app: &App| {
        terminal
            .draw(|f| {
                ui::draw(f, app, &theme);
            })
            .expect("drawing into a test backend");
    };
    draw(app);
    let mut total = (0, 0);
    for _ in 0..frames {
        step(app);
        let (calls, bytes) = allocations(|| draw(app));
        total = (total.0 + calls, total.1 + bytes);
    }
    total
}

/// The view `open` makes, drawn `n` times (with `step` before each
/// frame, outside the count), allocates the same at both sizes.
fn same_at_both_sizes(view: &str, n: usize, open: impl Fn(App) -> App, step: impl Fn(&mut App)) {
    let counts: Vec<(usize, usize)> = [2_000, 9_000]
        .into_iter()
        .map(|extra| {
            let mut app = open(App::new(data(extra)));
            frames(&mut app, n, &step)
        })
        .collect();
    // The figures in docs/PERFORMANCE.md (`-- --nocapture`).
    eprintln!("{view}: {n} frame(s), (allocations, bytes) at +2,000 and +9,000: {counts:?}");
    assert!(counts[0].0 > 0, "{view}: nothing counted");
    assert_eq!(
        counts[0], counts[1],
        "{view}: a frame's allocations (count, bytes) grow with the number of positions"
    );
}

#[test]
fn explorer() {
    // Down the first party's column to a position with earlier ones by
    // that party on the topic: the detail pane shows its history.
    same_at_both_sizes(
        "explorer",
        1,
        |mut app| {
            let has_history = |app: &App| {
                app.selected().is_some_and(|p| {
                    demarche_core::history::of(&app.lib.matrix, app.data(), app.text(), p).len() > 1
                })
            };
            for _ in 0..100 {
                if has_history(&app) {
                    break;
                }
                app.apply(Action::Down);
            }
            assert!(has_history(&app), "no position with a history near the top");
            app
        },
        |_| {},
    );
}

#[test]
fn explorer_timeline() {
    same_at_both_sizes(
        "explorer, timeline focused",
        1,
        |mut app| {
            app.apply(Action::FocusTimeline);
            app
        },
        |_| {},
    );
}

#[test]
fn presenter() {
    // Every slide, with the user's notes shown.
    same_at_both_sizes(
        "presenter",
        6,
        |app| {
            let deck = deck(app.data());
            let mut app = app.with_deck(deck);
            app.apply(Action::Present);
            app.apply(Action::ToggleNotes);
            app
        },
        |app| {
            app.apply(Action::NextSlide);
        },
    );
}

#[test]
fn console() {
    same_at_both_sizes(
        "console",
        5,
        |app| {
            let deck = deck(app.data());
            let mut app = app
                .with_deck(deck)
                .into_console(Some(Duration::from_secs(45 * 60)));
            app.apply(Action::Remote(Event::Link(Link::Connected)));
            app
        },
        |app| {
            let slide = app.console().and_then(|c| c.slide()).map_or(0, |s| s + 1);
            app.apply(Action::Remote(Event::State(State {
                slide,
                slides: 6,
                elapsed_ms: 754_500,
                ..State::default()
            })));
        },
    );
}

#[test]
fn matrix() {
    same_at_both_sizes(
        "matrix",
        1,
        |mut app| {
            app.apply(Action::OpenMatrix);
            app
        },
        |_| {},
    );
}
