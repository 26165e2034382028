//! The presentation driven by actions and by keys through the keymap,
//! with no terminal: the fixes of issue 8, one test each.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use demarche_core::deck::Target;
use demarche_core::load::load_str;

const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

/// Slides: 1 a heading, 2 and 3 positions (2 with a note), 4 an event.
fn presenting() -> App {
    let mut app = App::new(load_str("explorer.toml", FIXTURE).unwrap().dataset);
    let position = |id: &str| Target::Position(id.to_string());
    app.deck.current.insert_heading(0, "Opening");
    app.deck.current.pin(position("north-tariffs-1"));
    app.deck.current.pin(position("south-tariffs-1"));
    app.deck.current.pin(Target::Event("summit".to_string()));
    app.deck.current.set_note(1, "Ask the room first.");
    app.apply(Action::Present);
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses keys as the terminal would send them, through the keymap.
fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        if let Some(action) = keymap::lookup(app.context(), &key(code)) {
            app.apply(action);
        }
    }
}

fn slide(app: &App) -> usize {
    app.presenter().expect("presenting").slide
}

#[test]
fn the_index_closes_after_a_jump() {
    let mut app = presenting();
    press(
        &mut app,
        &[KeyCode::Char('i'), KeyCode::Down, KeyCode::Down, KeyCode::Enter],
    );
    assert_eq!(slide(&app), 2);
    assert!(
        app.layers.is_empty(),
        "Enter in the index shows the slide and closes it"
    );
    press(
        &mut app,
        &[KeyCode::Char('i'), KeyCode::Char('4'), KeyCode::Enter],
    );
    assert_eq!(slide(&app), 3);
    assert!(app.layers.is_empty(), "a number typed in the index closes it too");
}

#[test]
fn backspace_in_go_to_only_edits_the_number() {
    let mut app = presenting();
    press(&mut app, &[KeyCode::Right, KeyCode::Right]);
    assert_eq!(slide(&app), 2);
    press(
        &mut app,
        &[KeyCode::Char('1'), KeyCode::Char('2'), KeyCode::Backspace],
    );
    assert_eq!(
        app.layers.get::<crate::app::GoTo>().map(|g| g.typed.as_str()),
        Some("1")
    );
    press(
        &mut app,
        &[KeyCode::Backspace, KeyCode::Backspace, KeyCode::Backspace],
    );
    assert_eq!(slide(&app), 2, "Backspace never changes the slide while typing");
    press(&mut app, &[KeyCode::Char('4'), KeyCode::Enter]);
    assert_eq!(slide(&app), 3);
    press(&mut app, &[KeyCode::Backspace]);
    assert_eq!(
        slide(&app),
        2,
        "with no number typed, Backspace is still previous"
    );
}

#[test]
fn after_blanking_the_next_key_only_unblanks() {
    for blank in ['b', '.', 'w'] {
        let mut app = presenting();
        press(&mut app, &[KeyCode::Char(' ')]);
        press(&mut app, &[KeyCode::Char(blank)]);
        assert!(app.blanked(), "{blank} blanks");
        press(&mut app, &[KeyCode::Char(' ')]);
        assert!(!app.blanked());
        assert_eq!(
            slide(&app),
            1,
            "Space after {blank} unblanks and stays on the slide"
        );
        press(&mut app, &[KeyCode::Char(blank), KeyCode::Char('?')]);
        assert!(app.layers.is_empty(), "? after {blank} only unblanks");
        press(&mut app, &[KeyCode::Char(blank), KeyCode::Esc]);
        assert!(app.presenter().is_some(), "Esc after {blank} does not leave");
    }
}

#[test]
fn present_resumes_where_it_was_and_the_clock_keeps_running() {
    let mut app = presenting();
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Right, KeyCode::Right]);
    let started = app.presenter().unwrap().started;
    // A detour through search and back.
    press(&mut app, &[KeyCode::Char('/')]);
    for c in "standing dialogue".chars() {
        app.apply(Action::SearchInput(c));
    }
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.presenter().unwrap().detour.is_some());
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(slide(&app), 2);
    // An accidental Esc leaves; P resumes at the same slide and clock.
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.presenter().is_none());
    press(&mut app, &[KeyCode::Char('P')]);
    let p = app.presenter().expect("P resumes");
    assert_eq!((p.slide, p.started, p.clock), (2, started, true));
    press(&mut app, &[KeyCode::Esc, KeyCode::F(5)]);
    assert_eq!(slide(&app), 2, "F5 resumes too");
    press(&mut app, &[KeyCode::Char('g')]);
    assert_eq!(slide(&app), 0, "g goes to the first slide");
}

#[test]
fn v_says_why_when_there_is_nothing_to_compare() {
    let mut app = presenting();
    press(&mut app, &[KeyCode::Char('v')]);
    assert!(!app.presenter().unwrap().compare);
    let said = app.session.message.clone().unwrap_or_default();
    assert!(said.contains("a heading has no topic"), "{said}");
    press(&mut app, &[KeyCode::Right, KeyCode::Char('v')]);
    assert!(app.presenter().unwrap().compare, "a position's topic compares");
    press(&mut app, &[KeyCode::Char('v'), KeyCode::End, KeyCode::Char('v')]);
    assert!(!app.presenter().unwrap().compare);
    assert!(
        app.session
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("event")
    );
}

#[test]
fn help_while_presenting_lists_the_presenting_keys_first() {
    let mut app = presenting();
    press(&mut app, &[KeyCode::Char('?')]);
    let from = app
        .layers
        .get::<crate::app::HelpView>()
        .expect("help is open")
        .from;
    assert_eq!(from, Context::Present);
    let sections = keymap::help_sections_from(from);
    assert_eq!(sections[0].0, "Presenting");
    assert_eq!(
        keymap::help_sections()[0].0,
        "Anywhere",
        "the explorer's help is unchanged"
    );
}

#[test]
fn notes_scroll_within_their_length_and_reset_on_a_new_slide() {
    let mut app = presenting();
    app.deck
        .current
        .set_note(1, "A long note that goes on. ".repeat(40));
    press(&mut app, &[KeyCode::Right]);
    for _ in 0..500 {
        app.apply(Action::ScrollNotes(1));
    }
    let scrolled = app.presenter().unwrap().notes_scroll;
    assert!(scrolled > 0 && scrolled < 100, "{scrolled}");
    press(&mut app, &[KeyCode::Char('K')]);
    assert_eq!(app.presenter().unwrap().notes_scroll, scrolled - 1);
    press(&mut app, &[KeyCode::Right]);
    assert_eq!(app.presenter().unwrap().notes_scroll, 0);
}

#[test]
fn a_console_attaches_and_detaches_whatever_layer_is_open() {
    let mut app = presenting();
    press(&mut app, &[KeyCode::Char('b')]);
    app.apply(Action::ConsoleAttached(true));
    assert!(app.talk.console_attached);
    assert!(
        app.blanked(),
        "the console's arrival is not a key: the room stays blank"
    );
    app.apply(Action::ConsoleAttached(false));
    assert!(!app.talk.console_attached);
}

#[test]
fn backstage_shows_the_message_its_marker_stood_for() {
    let mut app = presenting();
    app.apply(Action::Notify(
        "no presenter console: the socket path is too long".into(),
    ));
    press(&mut app, &[KeyCode::Char('e'), KeyCode::Down]);
    assert_eq!(app.context(), Context::Backstage);
    assert_eq!(
        app.session.message.as_deref(),
        Some("no presenter console: the socket path is too long")
    );
}

#[test]
fn backstage_opens_on_e_and_closes_on_esc() {
    let mut app = presenting();
    app.apply(Action::ReloadFailed(vec!["x.toml:1:1: broken".into()]));
    press(&mut app, &[KeyCode::Char('e')]);
    assert_eq!(app.context(), Context::Backstage);
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.layers.is_empty());
    assert!(
        app.presenter().is_some(),
        "Esc closes backstage, not the presentation"
    );
}
