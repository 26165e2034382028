//! The presenter console rendered into ratatui's TestBackend: snapshots
//! at 80x24 and 120x40, the countdown's text markers without colour, and
//! the audience screen with a console's errors kept off it.

use std::time::Duration;

use demarche_core::deck::{Deck, Target};
use demarche_core::load::load_str;
use demarche_tui::app::{Action, App};
use demarche_tui::remote::{Event, Link, State};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/explorer.toml");

const NOTES: &str = "Open with the minister's line, then let the room react.\n\n\
Points to land:\n- the date of the first tariff\n- who answered, and how fast\n- what the analyst says\n\n\
If asked about the summit: it came later; show it with / and come back.\n\n\
Close on the question of retaliation and the rules.";

fn deck() -> Deck {
    let mut deck = Deck::default();
    deck.pin(Target::Position("north-tariffs-1".into()));
    deck.pin(Target::Position("south-tariffs-1".into()));
    deck.pin(Target::Topic("tariffs".into()));
    deck.pin(Target::Position("south-talks".into()));
    deck.insert_heading(0, "Tariffs");
    deck.set_note(2, NOTES);
    deck
}

/// The fixture, with the kind of evidence given for one position.
fn data() -> demarche_core::model::Dataset {
    let text = FIXTURE.replace(
        "id = \"south-tariffs-1\"",
        "id = \"south-tariffs-1\"\nevidence = \"paraphrase\"",
    );
    load_str("explorer.toml", &text).unwrap().dataset
}

fn console(duration: Option<Duration>) -> App {
    let data = data();
    App::new(data).with_deck(deck()).into_console(duration)
}

fn connected(slide: usize, elapsed_ms: u64) -> App {
    let mut app = console(Some(Duration::from_secs(45 * 60)));
    app.apply(Action::Remote(Event::Link(Link::Connected)));
    app.apply(Action::Remote(Event::State(State {
        slide,
        slides: 5,
        elapsed_ms,
        ..State::default()
    })));
    app
}

mod common;
use common::screen::default_theme as theme;
use common::screen_in as screen;

#[test]
fn console_at_80x24_and_120x40() {
    // 12:34.5 into a 45-minute talk: the clocks read 12:34 and 32:25.
    let app = connected(2, 754_500);
    assert!(
        screen(&app, &theme(), 80, 24).contains("Now · 3/5 · paraphrase"),
        "the kind of evidence is on the slide view"
    );
    insta::assert_snapshot!("console_80x24", screen(&app, &theme(), 80, 24));
    insta::assert_snapshot!("console_120x40", screen(&app, &theme(), 120, 40));
}

#[test]
fn console_waiting_for_a_presentation() {
    let app = console(None);
    insta::assert_snapshot!("console_waiting_80x24", screen(&app, &theme(), 80, 24));
}

#[test]
fn console_index_chooser_at_80x24() {
    let mut app = connected(1, 500);
    app.apply(Action::ToggleIndex);
    app.apply(Action::Down);
    insta::assert_snapshot!("console_index_80x24", screen(&app, &theme(), 80, 24));
}

#[test]
fn the_countdown_says_near_and_over_in_words_without_colour() {
    let plain = theme().without_color();
    let near = screen(&connected(2, (41 * 60 + 30) * 1000 + 500), &plain, 80, 24);
    let top = near.lines().next().unwrap();
    assert!(top.contains("! 03:29 left"), "{top}");
    let over = screen(&connected(2, (47 * 60 + 2) * 1000 + 500), &plain, 80, 24);
    let top = over.lines().next().unwrap();
    assert!(top.contains("OVER +02:02"), "{top}");
}

/// A data error longer than any console is wide, with its place first.
const LONG_ERROR: &str = "positions.toml:7:8: error: `name` must be text, found an integer (42): \
every actor needs a name that the slides, the matrix and the exports can show; \
write it in quotes, as in name = \"Northland\"\x1b[2J";

#[test]
fn the_console_shows_the_room_s_data_errors_wrapped_in_full() {
    let mut app = connected(2, 0);
    app.apply(Action::Remote(Event::State(State {
        slide: 2,
        slides: 5,
        errors: vec![
            LONG_ERROR.into(),
            "positions.toml:30:1: error: second problem".into(),
        ],
        ..State::default()
    })));
    let text = screen(&app, &theme(), 120, 40);
    let last = text.lines().last().unwrap();
    assert!(last.contains("the room still sees the last good data"), "{last}");
    assert!(!text.contains('\x1b'), "{text}");
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "positions.toml:7:8",
        "name = \"Northland\"",
        "positions.toml:30:1",
    ] {
        assert!(joined.contains(part), "{part} not on the console: {text}");
    }
    insta::assert_snapshot!("console_long_error_80x24", screen(&app, &theme(), 80, 24));
    // `e` gives the problems the keys; j scrolls them.
    app.apply(Action::ToggleBackstage);
    app.apply(Action::Down);
    assert_eq!(app.console().unwrap().errors, Some(1));
    assert_eq!(app.console().unwrap().notes_scroll, 0, "the notes stay put");
}

#[test]
fn the_next_pane_shows_a_matrix_as_a_table() {
    let mut deck = deck();
    deck.pin(Target::Matrix(demarche_core::deck::LATEST.into()));
    let mut app = App::new(data()).with_deck(deck).into_console(None);
    app.apply(Action::Remote(Event::Link(Link::Connected)));
    app.apply(Action::Remote(Event::State(State {
        slide: 4,
        slides: 6,
        ..State::default()
    })));
    let text = screen(&app, &theme(), 120, 40);
    assert!(text.contains("Next · 6/6"), "{text}");
    assert!(text.contains("Tariffs"), "the matrix's topics: {text}");
    insta::assert_snapshot!("console_next_matrix_120x40", text);
}

#[test]
fn notes_never_reach_the_audience_screen() {
    let data = data();
    let mut audience = App::new(data).with_deck(deck());
    audience.apply(Action::Present);
    audience.apply(Action::NextSlide);
    audience.apply(Action::NextSlide);
    let room = screen(&audience, &theme(), 120, 40);
    assert!(room.contains("Les tarifs violent"), "{room}");
    assert!(!room.contains("minister's line"), "{room}");
    let console = screen(&connected(2, 0), &theme(), 120, 40);
    assert!(console.contains("minister's line"), "{console}");
}

#[test]
fn the_console_names_a_comparison_the_room_sees() {
    let mut app = connected(2, 0);
    app.apply(Action::Remote(Event::State(State {
        slide: 2,
        slides: 5,
        compare: true,
        ..State::default()
    })));
    let text = screen(&app, &theme(), 120, 40);
    assert!(text.contains("Room sees: slide 3, side by side (v)"), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any size, any slide (even one the deck does not have), any link.
    #[test]
    fn the_console_draws_at_any_size(
        width in 1u16..300,
        height in 1u16..120,
        slide in 0usize..8,
        link in 0u8..3,
        blank: bool,
        compare: bool,
        scroll in 0usize..40,
    ) {
        let mut app = console(Some(Duration::from_secs(60)));
        let link = [Link::Waiting, Link::Connected, Link::Lost][usize::from(link)];
        app.apply(Action::Remote(Event::Link(link)));
        app.apply(Action::Remote(Event::State(State {
            slide,
            slides: 5,
            blank,
            compare,
            showing: (slide == 7).then(|| "analyst-tariffs".into()),
            elapsed_ms: 3_600_000,
            errors: vec!["e".repeat(400)],
            notice: Some("n".repeat(300)),
            deck: "0".repeat(16),
            stale: vec!["s".repeat(300)],
        })));
        for _ in 0..scroll {
            app.apply(Action::Down);
        }
        screen(&app, &theme(), width, height);
    }
}
