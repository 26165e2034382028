//! The room's screen rule (`room`), stale slides (`stale`) and the
//! console that cannot mislead, driven by actions and keys alone.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::remote::{Command, Event, State};
use demarche_core::deck::Target;
use demarche_core::load::load_str;

const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

fn data(text: &str) -> Dataset {
    load_str("explorer.toml", text).unwrap().dataset
}

fn deck() -> Deck {
    let mut deck = Deck::default();
    deck.pin(Target::Position("north-tariffs-1".into()));
    deck.pin(Target::Position("south-tariffs-1".into()));
    deck.pin(Target::Event("summit".into()));
    deck.set_note(0, "SECRET first note");
    deck
}

fn presenting() -> App {
    let mut app = App::new(data(FIXTURE)).with_deck(deck());
    app.apply(Action::Present);
    app
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        if let Some(action) = keymap::lookup(app.context(), &KeyEvent::new(code, KeyModifiers::NONE)) {
            app.apply(action);
        }
    }
}

fn consoles(app: &mut App, n: usize) {
    app.apply(Action::Remote(Event::Consoles(n)));
}

#[test]
fn with_a_console_attached_notes_clock_help_and_backstage_are_refused_on_the_room() {
    let mut app = presenting();
    consoles(&mut app, 1);
    for key in ['N', 'c', 'e', '?', 'i'] {
        press(&mut app, &[KeyCode::Char(key)]);
        let p = app.presenter().unwrap();
        assert!(!p.notes && !p.clock, "{key}");
        assert!(app.layers.is_empty(), "{key} opened a layer on the room");
        let message = app.session.message.clone().unwrap_or_default();
        assert!(message.contains("on the console"), "{key}: {message}");
        let state = app.remote_state().unwrap();
        assert_eq!(
            state.notice.as_deref(),
            Some(message.as_str()),
            "the console is told"
        );
    }
    consoles(&mut app, 0);
    assert!(
        !app.room_may_show_private(),
        "the console leaving shows nothing new"
    );
    let p = app.presenter().unwrap();
    assert!(!p.notes && !p.clock);
}

#[test]
fn what_was_on_before_a_console_came_is_put_away_and_stays_away_when_it_goes() {
    let mut app = presenting();
    press(
        &mut app,
        &[KeyCode::Char('N'), KeyCode::Char('c'), KeyCode::Char('e')],
    );
    assert!(app.presenter().unwrap().notes && app.room_may_show_private());
    consoles(&mut app, 1);
    assert!(app.layers.is_empty(), "backstage closed");
    consoles(&mut app, 0);
    let p = app.presenter().unwrap();
    assert!(!p.notes && !p.clock);
    assert!(!app.room_may_show_private());
    // A key on the room's own keyboard, alone: the presenter's again.
    press(&mut app, &[KeyCode::Char('N')]);
    assert!(app.presenter().unwrap().notes && app.room_may_show_private());
}

#[test]
fn leaving_with_a_console_attached_needs_a_second_esc_within_two_seconds() {
    let mut app = presenting();
    consoles(&mut app, 1);
    let t0 = Instant::now();
    app.apply(Action::Tick(t0));
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.presenter().is_some(), "one Esc does not leave");
    assert!(
        app.session
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("again within 2 s")
    );
    app.apply(Action::Tick(t0 + Duration::from_secs(3)));
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.presenter().is_some(), "too late: armed again instead");
    app.apply(Action::Tick(t0 + Duration::from_millis(4500)));
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.presenter().is_none(), "the second press within 2 s leaves");
}

#[test]
fn a_key_between_the_two_presses_disarms_the_leave() {
    let mut app = presenting();
    consoles(&mut app, 1);
    let t0 = Instant::now();
    app.apply(Action::Tick(t0));
    press(&mut app, &[KeyCode::Char('q')]);
    app.apply(Action::Tick(t0 + Duration::from_millis(300)));
    press(&mut app, &[KeyCode::Char('n')]);
    app.apply(Action::Tick(t0 + Duration::from_millis(600)));
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.presenter().is_some(), "q, n, q: the second q arms again");
    app.apply(Action::Tick(t0 + Duration::from_millis(900)));
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.presenter().is_none(), "two in a row leave");
}

#[test]
fn a_message_fades_from_the_room_within_two_seconds() {
    let mut app = presenting();
    let t0 = Instant::now();
    app.apply(Action::Tick(t0));
    app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    assert_eq!(app.session.message.as_deref(), Some("reloaded"));
    app.apply(Action::Tick(t0 + Duration::from_millis(1500)));
    assert!(app.session.message.is_some());
    app.apply(Action::Tick(t0 + Duration::from_millis(2100)));
    assert_eq!(app.session.message, None);
}

#[test]
fn a_position_renamed_mid_talk_keeps_its_last_good_slide_and_says_why() {
    let mut app = presenting();
    let renamed = FIXTURE.replace("\"north-tariffs-1\"", "\"north-tariffs-one\"");
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    let target = Target::Position("north-tariffs-1".into());
    let (lib, resolved) = app.last_good(&target).expect("kept");
    let demarche_core::deck::Resolved::Position(p) = resolved else {
        panic!("{resolved:?}")
    };
    assert_eq!(lib.data.positions[p].id, "north-tariffs-1");
    let state = app.remote_state().unwrap();
    assert_eq!(
        state.stale,
        ["slide 1: position \"north-tariffs-1\" is no longer in the data; the room shows it as it was"]
    );
    // Back in the data: current again.
    app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    assert!(app.last_good(&target).is_none());
    assert!(app.stale_slides().is_empty());
}

#[test]
fn a_number_past_the_end_says_so_on_the_room_and_stays_put() {
    let mut app = presenting();
    press(
        &mut app,
        &[KeyCode::Char('3'), KeyCode::Char('4'), KeyCode::Enter],
    );
    assert_eq!(app.presenter().unwrap().slide, 0);
    assert_eq!(app.session.message.as_deref(), Some("no slide 34 (3 slides)"));
    press(
        &mut app,
        &[
            KeyCode::Char('3'),
            KeyCode::Backspace,
            KeyCode::Char('2'),
            KeyCode::Enter,
        ],
    );
    assert_eq!(app.presenter().unwrap().slide, 1);
}

fn console() -> App {
    let mut app = App::new(data(FIXTURE)).with_deck(deck()).into_console(None);
    app.apply(Action::Remote(Event::State(State {
        slides: 3,
        deck: app.deck_digest().to_string(),
        ..State::default()
    })));
    app.take_effects();
    app
}

#[test]
fn the_console_refuses_to_pin_into_a_deck_of_its_own() {
    let mut app = console();
    let before = app.deck.current.clone();
    app.apply(Action::OpenSearch);
    for c in "summit".chars() {
        app.apply(Action::SearchInput(c));
    }
    app.apply(Action::SearchFocusList);
    app.apply(Action::SearchPin);
    assert_eq!(app.deck.current, before);
    assert!(
        app.session
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("pin on the presenting window")
    );
    assert!(!app.take_effects().contains(&Effect::SaveDeck));
}

#[test]
fn another_deck_in_the_room_is_shown_and_read_again_once() {
    let mut app = console();
    assert!(!app.console_deck_differs());
    let other = State {
        slides: 4,
        deck: "feedfacefeedface".into(),
        ..State::default()
    };
    app.apply(Action::Remote(Event::State(other.clone())));
    assert!(app.console_deck_differs());
    assert_eq!(app.take_effects(), vec![Effect::ReadDeck]);
    app.apply(Action::Remote(Event::State(State { slide: 1, ..other })));
    assert!(app.take_effects().is_empty(), "asked once per deck");
    // The room saves its changes later: `r` reads the file again.
    press(&mut app, &[KeyCode::Char('r')]);
    assert_eq!(app.take_effects(), vec![Effect::ReadDeck]);
}

#[test]
fn the_room_s_notice_reaches_the_console_s_status_line() {
    let mut app = console();
    app.apply(Action::Remote(Event::State(State {
        slides: 3,
        deck: app.deck_digest().to_string(),
        notice: Some("reloaded".into()),
        ..State::default()
    })));
    assert_eq!(app.session.message.as_deref(), Some("room: reloaded"));
    assert!(
        !app.take_effects()
            .iter()
            .any(|e| matches!(e, Effect::Remote(Command::Next))),
        "a notice moves nothing"
    );
}

#[test]
fn a_topic_renamed_mid_talk_keeps_its_comparison_as_the_room_saw_it() {
    let mut deck = Deck::default();
    deck.pin(Target::Topic("tariffs".into()));
    let mut app = App::new(data(FIXTURE)).with_deck(deck);
    app.apply(Action::Present);
    let before = app.comparison_grid(0).expect("compared").clone();
    let renamed = FIXTURE.replace("\"tariffs\"", "\"duties\"");
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    let target = Target::Topic("tariffs".into());
    assert!(matches!(app.slides()[0], Slide::Missing { .. }));
    let (lib, kept) = app.last_good_comparison(&target).expect("kept with its grid");
    assert_eq!(kept.grid, before, "the grid the room saw");
    assert_eq!(lib.data.topics[0].id, "tariffs");
    assert_eq!(
        app.stale_slides(),
        ["slide 1: topic \"tariffs\" is no longer in the data; the room shows it as it was"]
    );
    // A second reload without it keeps the first data, not nothing.
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    assert!(app.last_good_comparison(&target).is_some());
    // Back in the data: current again, nothing kept.
    app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    assert!(app.last_good(&target).is_none());
    assert!(matches!(app.slides()[0], Slide::Comparison { .. }));
    assert!(app.stale_slides().is_empty());
}

#[test]
fn a_pinned_matrix_shows_the_new_data_after_a_reload_and_is_never_stale() {
    let mut deck = Deck::default();
    deck.pin(Target::matrix(None));
    let mut app = App::new(data(FIXTURE)).with_deck(deck);
    app.apply(Action::Present);
    let before = app.slide_snapshot(None).expect("built").clone();
    let builds = app.slide_builds();
    // A topic renamed and a position gone: the matrix has no id of its
    // own to lose, so it is drawn from the data now, in full.
    let changed = FIXTURE
        .replace("\"talks\"", "\"dialogue\"")
        .replace("id = \"north-tariffs-2\"", "id = \"north-tariffs-two\"");
    app.apply(Action::Reloaded(Box::new(data(&changed))));
    assert!(matches!(app.slides()[0], Slide::Matrix { as_of: None, .. }));
    assert!(app.slide_builds() > builds, "built again from the new data");
    let after = app.slide_snapshot(None).expect("rebuilt");
    assert_eq!(after.status.len(), app.data().topics.len());
    assert!(app.data().topics.iter().any(|t| t.id == "dialogue"));
    assert_eq!(after.status.len(), before.status.len());
    assert!(app.stale_slides().is_empty());
    assert!(app.last_good(&Target::matrix(None)).is_none());
}
