//! When the deck is saved, and what the app does with a deck that comes
//! back from disk: driven by actions, time passed in as `Tick`s.

use std::time::{Duration, Instant};

use super::editor::Edit;
use super::*;
use demarche_core::deck::{DeckItem, Target};
use demarche_core::load::load_str;

const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

fn app() -> App {
    App::new(load_str("explorer.toml", FIXTURE).unwrap().dataset)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn saves(app: &mut App) -> usize {
    app.take_effects()
        .iter()
        .filter(|e| **e == Effect::SaveDeck)
        .count()
}

/// An app with one pin (saved) and its note open in the editor.
fn editing(t0: Instant) -> App {
    let mut app = app();
    app.apply(Action::Tick(t0));
    app.apply(Action::TogglePin);
    let deck = app.deck.current.clone();
    app.apply(Action::DeckSynced { deck, unsaved: false });
    app.apply(Action::OpenDeck);
    app.apply(Action::DeckEdit);
    app.take_effects();
    app
}

fn note(app: &App, i: usize) -> &str {
    match &app.deck.current.items()[i] {
        DeckItem::Point { note, .. } => note,
        other => panic!("{other:?}"),
    }
}

#[test]
fn typing_is_saved_on_a_pause_not_per_key() {
    let t0 = Instant::now();
    let mut app = editing(t0);
    for (i, c) in "Lead with this".chars().enumerate() {
        app.apply(Action::Tick(t0 + ms(10 * i as u64)));
        app.apply(Action::Edit(Edit::Insert(c)));
    }
    assert_eq!(saves(&mut app), 0, "no save per key");
    assert!(app.deck.autosave.unsaved);
    app.apply(Action::Tick(t0 + ms(130 + 200)));
    assert_eq!(saves(&mut app), 0, "the pause is not long enough yet");
    app.apply(Action::Tick(t0 + ms(130 + 300)));
    assert_eq!(saves(&mut app), 1, "saved 300 ms after the last key");
    assert_eq!(note(&app, 0), "Lead with this");
}

#[test]
fn leaving_the_editor_and_quitting_save_what_is_unsaved() {
    let t0 = Instant::now();
    let mut app = editing(t0);
    app.apply(Action::Edit(Edit::Insert('x')));
    app.apply(Action::Back);
    assert_eq!(saves(&mut app), 1, "closing the editor saves");
    let deck = app.deck.current.clone();
    app.apply(Action::DeckSynced { deck, unsaved: false });
    assert!(!app.deck.autosave.unsaved);
    app.apply(Action::Quit);
    assert_eq!(saves(&mut app), 0, "nothing to save");

    let mut app = editing(t0);
    app.apply(Action::Edit(Edit::Insert('x')));
    app.apply(Action::Quit);
    assert!(app.session.quit);
    assert_eq!(saves(&mut app), 1, "quit saves first");
}

#[test]
fn moving_the_cursor_is_not_an_unsaved_change() {
    let mut app = editing(Instant::now());
    app.apply(Action::Edit(Edit::Left));
    app.apply(Action::Edit(Edit::Home));
    assert!(!app.deck.autosave.unsaved);
}

#[test]
fn a_failed_save_is_shown_in_full_and_retried() {
    let t0 = Instant::now();
    let mut app = editing(t0);
    app.apply(Action::Edit(Edit::Insert('x')));
    app.apply(Action::Back);
    app.take_effects();
    let why = "p.talking-points.toml: cannot save the talking points: Read-only file system (os error 30) \u{1b}[2J";
    app.apply(Action::DeckProblem(why.into()));
    let shown = app.deck.problem.clone().unwrap();
    assert!(shown.contains("Read-only file system (os error 30)"), "{shown}");
    assert!(!shown.contains('\u{1b}'), "neutralised: {shown:?}");
    assert!(app.deck.autosave.unsaved);
    app.apply(Action::Tick(t0 + ms(1000)));
    assert_eq!(saves(&mut app), 0);
    app.apply(Action::Tick(t0 + autosave::RETRY));
    assert_eq!(saves(&mut app), 1, "tried again");
    let deck = app.deck.current.clone();
    app.apply(Action::DeckSynced { deck, unsaved: false });
    assert!(app.deck.problem.is_none(), "a save that works clears it");
}

#[test]
fn a_deck_changed_elsewhere_is_taken_keeping_the_editor_on_its_item() {
    let t0 = Instant::now();
    let mut app = editing(t0);
    let edited = app.deck.current.items()[0].clone();
    // Another window put a heading and a pin before the point being edited.
    let mut theirs = app.deck.current.clone();
    theirs.insert_heading(0, "Opening");
    theirs.items_mut().insert(
        1,
        DeckItem::Point {
            target: Target::Event("summit".into()),
            note: String::new(),
        },
    );
    app.apply(Action::DeckSynced {
        deck: theirs,
        unsaved: false,
    });
    assert_eq!(app.deck.current.len(), 3);
    let open = app.layers.get::<crate::app::NoteEditor>().unwrap();
    assert_eq!(
        app.deck.current.items()[open.item],
        edited,
        "the editor follows its item"
    );
    assert_eq!(
        app.layers.get::<crate::app::DeckView>().map(|d| d.selected),
        Some(2)
    );
    app.apply(Action::Edit(Edit::Insert('y')));
    assert_eq!(note(&app, 2), "y");
}

#[test]
fn a_note_changed_elsewhere_too_reopens_with_both_texts() {
    let mut app = editing(Instant::now());
    app.apply(Action::Edit(Edit::Insert('a')));
    let mut merged = app.deck.current.clone();
    merged.set_note(0, "a\n\nboth");
    app.apply(Action::DeckSynced {
        deck: merged,
        unsaved: true,
    });
    assert_eq!(
        app.layers.get::<crate::app::NoteEditor>().unwrap().editor.text(),
        "a\n\nboth"
    );
    assert!(app.session.message.as_deref().unwrap().contains("another window"));
    assert_eq!(saves(&mut app), 1, "the merge is saved");
}

#[test]
fn suspending_saves_first() {
    let mut app = editing(Instant::now());
    app.apply(Action::Edit(Edit::Insert('a')));
    app.apply(Action::Suspend);
    assert_eq!(app.take_effects(), vec![Effect::SaveDeck, Effect::Suspend]);
}
