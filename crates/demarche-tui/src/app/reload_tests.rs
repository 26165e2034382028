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

#[test]
fn the_old_library_outlives_a_reload_only_for_a_vanished_pin() {
    let mut app = App::new(data(FIXTURE));
    app.deck.current.pin(Target::Position("north-tariffs-1".into()));
    let kept = watch(&app);
    let renamed = FIXTURE.replace("\"north-tariffs-1\"", "\"north-tariffs-one\"");
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    assert!(
        kept.upgrade().is_some(),
        "the vanished pin keeps the data it resolved in"
    );
    let between = watch(&app);
    app.apply(Action::Reloaded(Box::new(data(&renamed))));
    assert!(between.upgrade().is_none(), "a library no pin needs is dropped");
    assert!(
        kept.upgrade().is_some(),
        "the pin still shows what it last showed"
    );
    app.apply(Action::Reloaded(Box::new(data(FIXTURE))));
    assert!(kept.upgrade().is_none(), "back in the data: nothing old is kept");
}
