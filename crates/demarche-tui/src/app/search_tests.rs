//! The search overlay driven by actions and keys: marking, pinning,
//! focus between the query and the list, errors and corrections.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{self, Context};
use super::*;
use demarche_core::deck::Target;
use demarche_core::load::load_str;

fn bundled() -> App {
    App::new(demarche_core::load::load_bundled().unwrap().dataset)
}

fn type_query(app: &mut App, text: &str) {
    for c in text.chars() {
        app.apply(Action::SearchInput(c));
    }
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(action) = keymap::lookup(app.context(), &KeyEvent::new(code, mods)) {
        app.apply(action);
    }
}

fn deck_ids(app: &App) -> Vec<String> {
    (app.deck.current.items().iter())
        .filter_map(|item| match item.target() {
            Some(Target::Position(id)) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

fn hit_ids(app: &App) -> Vec<String> {
    let state = app.search().unwrap();
    (state.hits.iter())
        .map(|h| app.data().positions[h.position].id.clone())
        .collect()
}

#[test]
fn tab_marks_and_m_pins_the_marked_results_in_result_order() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    type_query(&mut app, "hotline");
    let ids = hit_ids(&app);
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.context(), Context::Results, "marking moves to the list");
    key(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.search().unwrap().marked.len(), 3);
    app.take_effects();
    key(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(deck_ids(&app), [ids[0].clone(), ids[1].clone(), ids[3].clone()]);
    assert!(app.search().unwrap().marked.is_empty(), "marks are used up");
    assert!(app.take_effects().contains(&Effect::SaveDeck));
    assert_eq!(
        app.session.message.as_deref(),
        Some("pinned 3 positions (3 in the deck)")
    );
    // Pinning again never unpins: the selected result is already there.
    app.apply(Action::First);
    app.apply(Action::SearchPin);
    assert_eq!(deck_ids(&app).len(), 3);
    assert_eq!(
        app.session.message.as_deref(),
        Some("pinned 0 positions, 1 already in the deck (3 in the deck)")
    );
}

#[test]
fn m_without_marks_pins_the_selected_result_and_types_in_the_query() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    key(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(
        app.search().unwrap().query,
        "m",
        "in the query line m is a letter"
    );
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    type_query(&mut app, "rubicon");
    key(&mut app, KeyCode::Right, KeyModifiers::NONE);
    assert_eq!(app.context(), Context::Results);
    key(&mut app, KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(deck_ids(&app), ["hayden-2013-06-crossed-the-rubicon"]);
    // F1 opens the help at the search syntax from the list too.
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert_eq!(app.context(), Context::Help);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.context(), Context::Results);
    // Any other letter goes back to typing.
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(app.context(), Context::Search);
    assert_eq!(app.search().unwrap().query, "rubiconx");
}

#[test]
fn ctrl_a_marks_every_result_and_marks_survive_a_new_query() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    type_query(&mut app, "kerry");
    key(&mut app, KeyCode::Char('a'), KeyModifiers::CONTROL);
    let n = app.search().unwrap().hits.len();
    assert_eq!(app.search().unwrap().marked.len(), n);
    key(&mut app, KeyCode::Left, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    type_query(&mut app, "hagel");
    assert_eq!(app.search().unwrap().marked.len(), n, "still marked");
    app.apply(Action::SearchPin);
    assert_eq!(
        deck_ids(&app).len(),
        n,
        "marked results no longer shown are pinned too"
    );
}

#[test]
fn unknown_filter_values_and_corrections_reach_the_overlay() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    type_query(&mut app, "actor:russia");
    let state = app.search().unwrap();
    let error = state.error.as_deref().unwrap();
    assert!(error.starts_with("actor:russia matches no actor"), "{error}");
    assert!(state.hits.is_empty());
    app.apply(Action::SearchClearLine);
    type_query(&mut app, "santcions");
    let state = app.search().unwrap();
    assert_eq!(state.error, None);
    assert_eq!(state.corrections[0].used, "sanctions");
    assert!(!state.hits.is_empty());
    app.apply(Action::SearchClearLine);
    type_query(&mut app, "tag:pla");
    assert_eq!(app.search().unwrap().filters, ["tag:pla"]);
}

#[test]
fn kind_filter_on_data_without_kinds_keeps_nothing() {
    // The explorer fixture has no evidence kinds: kind: keeps nothing.
    let text = include_str!("../../../../tests/fixtures/explorer.toml");
    let mut app = App::new(load_str("explorer.toml", text).unwrap().dataset);
    app.apply(Action::OpenSearch);
    type_query(&mut app, "kind:quote");
    assert!(app.search().unwrap().hits.is_empty());
    assert_eq!(app.search().unwrap().error, None);
}

#[test]
fn a_search_the_worker_could_not_answer_says_why() {
    let mut app = bundled().with_search_worker();
    app.apply(Action::OpenSearch);
    type_query(&mut app, "hotline");
    let generation = app.search().unwrap().generation;
    app.apply(Action::SearchFailed {
        generation: generation - 1,
        why: "stale".into(),
    });
    assert!(
        app.search().unwrap().error.is_none(),
        "a stale failure is ignored"
    );
    app.apply(Action::SearchFailed {
        generation,
        why: "the search stopped unexpectedly (a bug in demarche: boom)".into(),
    });
    let state = app.search().unwrap();
    assert!(!state.pending, "no longer waiting");
    assert_eq!(
        state.error.as_deref(),
        Some("the search stopped unexpectedly (a bug in demarche: boom)")
    );
    assert!(state.hits.is_empty());
}
