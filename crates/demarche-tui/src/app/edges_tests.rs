//! Link history in the detail pane, the deck's first/last keys and the
//! empty heading: driven by actions alone.

use super::*;
use demarche_core::load::load_str;

const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

fn app() -> App {
    App::new(load_str("explorer.toml", FIXTURE).unwrap().dataset)
}

fn selected_id(app: &App) -> Option<String> {
    app.selected().map(|p| app.data().positions[p].id.clone())
}

#[test]
fn backspace_goes_back_along_the_links_followed() {
    let mut app = app();
    app.apply(Action::Right);
    app.apply(Action::Activate);
    assert_eq!(selected_id(&app).as_deref(), Some("south-tariffs-1"));
    // Follow: Sud answers North; North is answered by Sud again.
    app.apply(Action::Activate);
    assert_eq!(selected_id(&app).as_deref(), Some("north-tariffs-1"));
    assert_eq!(app.explorer.view.focus, Focus::Detail, "focus stays to follow on");
    assert_eq!(
        app.explorer.view.detail_scroll, 0,
        "the target's detail from the top"
    );
    assert_eq!(app.explorer.view.trail.len(), 1);
    app.apply(Action::Activate);
    assert_eq!(selected_id(&app).as_deref(), Some("south-tariffs-1"));
    assert_eq!(app.explorer.view.trail.len(), 2);
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Backspace);
    let back = keymap::lookup(app.context(), &key);
    assert_eq!(back, Some(Action::LinkBack), "Backspace in the detail pane");
    app.apply(Action::LinkBack);
    assert_eq!(selected_id(&app).as_deref(), Some("north-tariffs-1"));
    let link = app.links()[app.explorer.view.link];
    assert_eq!(
        app.data().positions[link].id,
        "south-tariffs-1",
        "the link followed is selected"
    );
    app.apply(Action::LinkBack);
    assert_eq!(selected_id(&app).as_deref(), Some("south-tariffs-1"));
    assert!(app.explorer.view.trail.is_empty());
    app.apply(Action::LinkBack);
    assert_eq!(
        selected_id(&app).as_deref(),
        Some("south-tariffs-1"),
        "nothing left: stays"
    );
    let message = app.session.message.clone().unwrap_or_default();
    assert!(
        message.contains(&keymap::keys_for(Context::Detail, &Action::Activate)),
        "{message}"
    );
}

fn with_deck(app: &mut App, pins: usize) {
    for _ in 0..pins {
        app.apply(Action::TogglePin);
        app.apply(Action::Down);
    }
    app.apply(Action::OpenDeck);
}

#[test]
fn g_and_shift_g_go_to_the_first_and_last_deck_item() {
    let mut app = app();
    with_deck(&mut app, 2);
    assert_eq!(app.deck.current.len(), 2);
    for (c, want) in [('G', 1), ('g', 0)] {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
        let action = keymap::lookup(app.context(), &key).expect("bound in the deck");
        app.apply(action);
        assert_eq!(
            app.layers.get::<crate::app::DeckView>().map(|d| d.selected),
            Some(want),
            "{c}"
        );
    }
}

#[test]
fn a_new_heading_starts_empty_and_is_dropped_if_left_empty() {
    let mut app = app();
    with_deck(&mut app, 1);
    app.apply(Action::DeckAddHeading);
    let open = app
        .layers
        .get::<crate::app::NoteEditor>()
        .expect("the editor opens");
    assert_eq!(open.editor.text(), "", "no pre-filled text to clear");
    app.apply(Action::Back);
    assert_eq!(app.deck.current.len(), 1, "an empty heading is not kept");
    app.apply(Action::DeckAddHeading);
    for c in "Opening".chars() {
        app.apply(Action::Edit(super::editor::Edit::Insert(c)));
    }
    app.apply(Action::Back);
    assert_eq!(app.deck.current.len(), 2);
    assert!(
        matches!(&app.deck.current.items()[0], demarche_core::deck::DeckItem::Heading { text } if text == "Opening")
    );
}

#[test]
fn backspace_returns_to_the_followed_link_scrolled_as_it_was() {
    let mut app = app();
    app.apply(Action::Right);
    app.apply(Action::Activate);
    // The link chosen far down the pane (as Right does once drawn).
    app.apply(Action::ShowLink { link: 0, scroll: 7 });
    let from = selected_id(&app);
    app.apply(Action::Activate);
    assert_eq!(app.explorer.view.detail_scroll, 0, "the target from its top");
    app.apply(Action::LinkBack);
    assert_eq!(selected_id(&app), from);
    assert_eq!(app.explorer.view.link, 0);
    assert_eq!(
        app.explorer.view.detail_scroll, 7,
        "back where the link was, not the top"
    );
}
