//! Reloads and memory: a reload holds one library's derived parts at a
//! time, lets the old library go unless a vanished pin needs it, and a
//! broken file keeps the loaded data with its problems shown.

use std::sync::Arc;

use super::*;
use demarche_core::deck::Target;
use demarche_core::load::load_str;

const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

fn data(text: &str) -> Dataset {
    load_str("explorer.toml", text).unwrap().dataset
}

/// Weak references to what a library holds behind an `Arc`: once the
/// library is dropped, they are dead.
fn watch(app: &App) -> std::sync::Weak<demarche_core::search::SearchIndex> {
    Arc::downgrade(&app.lib.index)
}

#[test]
fn a_reload_lets_the_old_library_go() {
    let mut app = App::new(data(FIXTURE));
    let first = watch(&app);
    app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    assert!(first.upgrade().is_none(), "the first library is dropped");
    let second = watch(&app);
    for _ in 0..4 {
        app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    }
    assert!(
        second.upgrade().is_none(),
        "nothing keeps an old library across reloads"
    );
    assert_eq!(
        Arc::strong_count(&app.lib.index),
        1,
        "the app alone holds its index"
    );
}

#[test]
fn a_broken_reload_keeps_the_loaded_library_and_shows_why() {
    let mut app = App::new(data(FIXTURE));
    app.apply(Action::SelectTopic(0));
    app.apply(Action::Down);
    let selected = app.selected();
    let index = Arc::as_ptr(&app.lib.index);
    app.apply(Action::ReloadFailed(vec!["explorer.toml:3:1: broken".into()]));
    assert!(
        std::ptr::eq(index, Arc::as_ptr(&app.lib.index)),
        "the same library"
    );
    assert_eq!(app.selected(), selected);
    assert_eq!(
        app.session.reload_errors,
        vec!["explorer.toml:3:1: broken".to_string()]
    );
    assert_eq!(app.data(), &data(FIXTURE));
}

/// The library a vanished pin keeps for the room, watched.
fn kept(app: &App, target: &Target) -> Option<std::sync::Weak<demarche_core::search::SearchIndex>> {
    app.last_good(target).map(|(lib, _)| Arc::downgrade(&lib.index))
}

#[test]
fn the_old_library_outlives_a_reload_only_for_a_vanished_pin() {
    let mut app = App::new(data(FIXTURE));
    let pin = Target::Position("north-tariffs-1".into());
    app.deck.current.pin(pin.clone());
    let renamed = FIXTURE.replace("\"north-tariffs-1\"", "\"north-tariffs-one\"");
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    let (lib, _) = app
        .last_good(&pin)
        .expect("the vanished pin keeps the data it resolved in");
    assert_eq!(lib.data, data(FIXTURE));
    let kept_lib = kept(&app, &pin).unwrap();
    let between = watch(&app);
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    assert!(between.upgrade().is_none(), "a library no pin needs is dropped");
    assert!(
        kept_lib.upgrade().is_some(),
        "the pin still shows what it last showed"
    );
    app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    assert!(
        kept_lib.upgrade().is_none(),
        "back in the data: nothing old is kept"
    );
    assert!(app.last_good(&pin).is_none());
}

#[test]
fn while_a_load_runs_only_the_dataset_is_kept_and_keys_wait() {
    let mut app = App::new(data(FIXTURE));
    app.apply(Action::SelectTopic(0));
    let selected = app.selected();
    let index = watch(&app);
    app.apply(Action::Reloading);
    assert!(app.data_set_aside());
    assert!(
        index.upgrade().is_none(),
        "the search index (and the rest derived) is dropped while the file loads"
    );
    app.apply(Action::Down);
    app.apply(Action::Tick(std::time::Instant::now()));
    assert!(app.data_set_aside(), "keys wait; they bring nothing back");
    let renamed = FIXTURE.replace("short = \"North\"", "short = \"N.\"");
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    assert!(!app.data_set_aside());
    assert_eq!(app.data(), &data(&renamed), "the new data is in");
    assert_ne!(
        app.selected(),
        selected,
        "the key that waited moved the selection"
    );
    app.apply(Action::Up);
    assert_eq!(app.selected(), selected, "from where the view was, by id");
}

#[test]
fn a_failed_or_superseded_load_brings_the_data_set_aside_back() {
    for outcome in [
        || Action::ReloadFailed(vec!["explorer.toml:3:1: broken".into()]),
        || Action::ReloadSuperseded,
    ] {
        // The same keys with and without a load between them.
        let mut with_load = App::new(data(FIXTURE));
        let mut without = App::new(data(FIXTURE));
        for app in [&mut with_load, &mut without] {
            app.apply(Action::SelectTopic(0));
            app.apply(Action::Down);
        }
        with_load.apply(Action::Reloading);
        with_load.apply(Action::Down);
        with_load.apply(outcome());
        without.apply(outcome());
        without.apply(Action::Down);
        assert!(!with_load.data_set_aside());
        assert_eq!(with_load.data(), &data(FIXTURE), "the same data");
        assert_eq!(
            with_load.selected(),
            without.selected(),
            "the view where it was, the waiting key applied"
        );
        assert_eq!(with_load.session.reload_errors, without.session.reload_errors);
        assert_eq!(
            with_load.session.reload_errors.is_empty(),
            matches!(outcome(), Action::ReloadSuperseded),
            "errors only for a failed load"
        );
    }
}

#[test]
fn an_open_search_is_asked_again_once_the_data_is_back() {
    let mut app = App::new(data(FIXTURE));
    app.apply(Action::OpenSearch);
    for c in "tariff".chars() {
        app.apply(Action::SearchInput(c));
    }
    let asked = app.search().map(|s| s.generation);
    let found = app.search().map(|s| s.hits.len());
    assert!(found > Some(0));
    app.apply(Action::Reloading);
    app.apply(Action::ReloadSuperseded);
    assert!(
        app.search().map(|s| s.generation) > asked,
        "the search runs again on the index built again"
    );
    assert_eq!(app.search().map(|s| s.hits.len()), found);
}

/// The id of the selected position.
fn selected_id(app: &App) -> Option<&str> {
    app.selected().map(|p| app.data().positions[p].id.as_str())
}

#[test]
fn reload_keeps_the_selection_by_id_and_a_failure_keeps_the_data() {
    let mut app = App::new(data(FIXTURE));
    app.apply(Action::SelectTopic(0));
    app.apply(Action::Down);
    assert_eq!(selected_id(&app), Some("north-tariffs-2"));
    app.apply(Action::ReloadFailed(vec!["f.toml:3:1: broken".into()]));
    assert_eq!(app.session.reload_errors.len(), 1);
    assert_eq!(selected_id(&app), Some("north-tariffs-2"), "last good data stays");
    // New data with an extra position before the selected one, so indices shift.
    let extra = "[[positions]]\nid = \"north-early\"\nactor = \"north\"\ntopic = \"tariffs\"\ndate = \"2019\"\nstance = \"Early.\"\nsource = \"gazette\"\n\n";
    let text = FIXTURE.replacen("[[positions]]", &format!("{extra}[[positions]]"), 1);
    let data = load_str("f.toml", &text).unwrap().dataset;
    app.apply(Action::Reloaded(Box::new(data)));
    assert!(app.session.reload_errors.is_empty());
    assert_eq!(selected_id(&app), Some("north-tariffs-2"));
    assert_eq!(app.data().positions.len(), 7);
}

#[test]
fn messages_and_reload_errors_reach_the_screen_neutralised() {
    let mut app = App::new(data(FIXTURE));
    app.apply(Action::Notify(
        "deck not saved: /tmp/\u{1b}]52;c;aGk=\u{7}\u{9b}2J.toml".into(),
    ));
    let message = app.session.message.clone().unwrap();
    assert!(demarche_core::text::gate::is_clean(&message), "{message:?}");
    assert!(message.contains("\u{241b}]52;c;aGk=\u{2407}"), "{message:?}");
    app.apply(Action::ReloadFailed(vec![
        "f.toml: \u{1b}[2J\u{202E}broken\u{200D}".into(),
    ]));
    assert_eq!(
        app.session.reload_errors,
        vec!["f.toml: \u{241b}[2Jbroken".to_string()]
    );
}

#[test]
fn the_first_load_runs_in_the_background_and_only_quit_works_meanwhile() {
    let library = || data(FIXTURE);
    let mut app = App::loading("big.toml");
    assert_eq!(
        app.take_effects(),
        vec![Effect::Reload],
        "the event loop is asked to load"
    );
    app.apply(Action::Down);
    app.apply(Action::OpenSearch);
    assert!(
        app.search().is_none() && app.session.loading.is_some(),
        "keys wait for the data"
    );
    app.apply(Action::Notify("deck moved aside".into()));
    app.apply(Action::Reloaded(Box::new(library())));
    assert!(app.session.loading.is_none());
    assert_eq!(
        app.session.message.as_deref(),
        Some("deck moved aside"),
        "no \"reloaded\" on the first load"
    );
    let mut app = App::loading("big.toml");
    app.deck
        .current
        .pin(demarche_core::deck::Target::Position("north-tariffs-1".into()));
    app.after_load(Action::Present);
    assert!(app.presenter().is_none());
    app.apply(Action::Reloaded(Box::new(library())));
    assert!(
        app.presenter().is_some(),
        "what was asked for before the data came runs now"
    );
    let mut app = App::loading("big.toml");
    app.apply(Action::Quit);
    assert!(app.session.quit, "quitting works while loading");
    let mut app = App::loading("broken.toml");
    app.apply(Action::ReloadFailed(vec!["broken.toml:1:1: bad".into()]));
    assert!(
        app.session.quit && app.session.load_failed,
        "a failed first load ends the explorer"
    );
}

#[test]
fn no_slides_are_built_from_the_data_set_aside() {
    let mut app = App::new(data(FIXTURE));
    app.deck.current.pin(Target::Position("north-tariffs-1".into()));
    app.apply(Action::Down);
    let builds = app.slide_builds();
    app.apply(Action::Reloading);
    app.apply(Action::ReloadSuperseded);
    assert_eq!(
        app.slide_builds(),
        builds,
        "the same data, the same pair: nothing to build"
    );
    app.apply(Action::Reloading);
    app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    assert_eq!(app.slide_builds(), builds + 1, "new data: built once");
}
