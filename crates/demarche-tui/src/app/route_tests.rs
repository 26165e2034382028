//! Routing through the layer stack: every key the keymap binds in a
//! context is taken there (nothing bound vanishes), an action a layer
//! ignores falls through to the layers below, and what nobody takes is
//! reported as such.

use super::editor::Edit;
use super::keymap::{Context, bindings};
use super::*;
use demarche_core::deck::{Deck, Target};

/// The bundled data with its first positions pinned, so the deck and a
/// presentation have something to show.
fn bundled() -> App {
    let data = demarche_core::load::load_bundled().unwrap().dataset;
    let mut deck = Deck::default();
    for p in &data.positions[..3] {
        deck.pin(Target::Position(p.id.clone()));
    }
    App::new(data).with_deck(deck)
}

/// The app in context `context`, reached the way a user reaches it.
fn app_in(context: Context) -> App {
    let mut app = bundled();
    let steps: &[Action] = match context {
        Context::Always | Context::Global | Context::Browse => &[],
        Context::Detail => &[Action::NextPane],
        Context::Timeline => &[Action::FocusTimeline],
        Context::Search => &[Action::OpenSearch],
        Context::Results => &[
            Action::OpenSearch,
            Action::SearchInput('c'),
            Action::SearchInput('y'),
            Action::SearchFocusList,
        ],
        Context::Deck => &[Action::OpenDeck],
        Context::Editor => &[Action::OpenDeck, Action::DeckEdit],
        Context::Present => &[Action::Present],
        Context::Console => return app.into_console(None),
        Context::GoTo => &[Action::Present, Action::OpenGoTo],
        Context::Index => &[Action::Present, Action::ToggleIndex],
        Context::Blank => &[Action::Present, Action::ToggleBlank],
        Context::Backstage => &[Action::Present, Action::ToggleBackstage],
        Context::Changes => &[Action::ShiftAsOf(-12), Action::ShowChanges],
        Context::Matrix => &[Action::OpenMatrix],
        Context::Export => &[Action::ExportDeck],
        Context::Help => &[Action::ToggleHelp],
        Context::Reader => &[Action::OpenSource],
        Context::Capture => return capturing(app),
    };
    for step in steps {
        app.apply(step.clone());
    }
    app
}

/// The capture form over the reader, on a selection of the first
/// position's source.
fn capturing(mut app: App) -> App {
    let p = (0..app.data().positions.len())
        .find(|&p| app.data().positions[p].quote.is_some())
        .unwrap();
    app.jump_to(p);
    app.apply(Action::OpenSource);
    crate::app::reader::answer_from_seeds(&mut app);
    app.apply(Action::ReaderSelect);
    app.apply(Action::ReaderMove(Motion::WordNext));
    app.apply(Action::Capture);
    app
}

/// The context a binding of `context` is taken in: the explorer's for
/// the keys that work all over it.
fn taker(context: Context) -> Context {
    match context {
        Context::Always | Context::Global => Context::Browse,
        other => other,
    }
}

#[test]
fn every_bound_key_is_taken_where_it_is_bound() {
    let mut missed = Vec::new();
    for binding in bindings() {
        let context = taker(binding.context);
        let mut app = app_in(context);
        assert_eq!(app.context(), context, "the setup for {context:?}");
        let taken = app.apply(binding.action.clone());
        // Help is the base view's to open over whatever is there; the
        // app as a whole takes quitting and suspending.
        let fine = match (&binding.action, taken) {
            (_, None) => false,
            (Action::ToggleHelp, Some(_)) => true,
            (_, Some(by)) => by == context || by == Context::Always,
        };
        if !fine {
            missed.push(format!(
                "{:?} on {} in {context:?}: taken by {taken:?}",
                binding.action,
                binding.key.label()
            ));
        }
    }
    assert!(
        missed.is_empty(),
        "bound keys nobody took:\n{}",
        missed.join("\n")
    );
}

#[test]
fn what_a_layer_ignores_falls_through_to_the_base() {
    // The search has no use for `ToggleHelp`; the explorer under it
    // opens help over the search.
    let mut app = app_in(Context::Search);
    assert_eq!(app.apply(Action::ToggleHelp), Some(Context::Browse));
    assert_eq!(app.context(), Context::Help);
    let stack: Vec<Context> = app.layers.iter().map(|l| l.context()).collect();
    assert_eq!(stack, [Context::Search, Context::Help]);
}

#[test]
fn a_click_beside_a_dialog_does_not_reach_the_view_behind_it() {
    let mut app = app_in(Context::Deck);
    let view = app.explorer.view.clone();
    assert_eq!(
        app.apply(Action::ClickCell { row: 1, column: 1 }),
        Some(Context::Deck)
    );
    assert_eq!(app.apply(Action::ClickItem(Pane::Topics, 2)), Some(Context::Deck));
    assert_eq!(app.explorer.view, view);
}

#[test]
fn every_layer_keeps_clicks_wheel_and_pastes_from_what_is_under_it() {
    use Context::*;
    let layers = [
        Search, Results, Deck, Editor, GoTo, Index, Blank, Backstage, Changes, Matrix, Export, Help, Reader,
        Capture,
    ];
    let raw = [
        Action::ClickCell { row: 0, column: 1 },
        Action::ClickItem(Pane::Topics, 1),
        Action::ScrollDown(Pane::Present),
        Action::ScrollUp(Pane::Columns),
        Action::Paste("pasted".into()),
    ];
    for context in layers {
        for action in &raw {
            let mut app = app_in(context);
            assert_eq!(app.context(), context);
            let taken = app.apply(action.clone());
            assert_eq!(taken, Some(context), "{action:?} over {context:?}");
        }
    }
}

#[test]
fn what_nobody_takes_is_reported() {
    let mut app = app_in(Context::Browse);
    assert_eq!(
        app.apply(Action::ClickItem(Pane::Help, 0)),
        None,
        "no help is open"
    );
    assert_eq!(app.apply(Action::NextSlide), None, "not presenting");
    let mut app = app_in(Context::Present);
    assert_eq!(
        app.apply(Action::Edit(Edit::Backspace)),
        None,
        "no editor is open"
    );
}

#[test]
fn the_note_editor_keeps_every_key_from_the_deck_under_it() {
    let mut app = app_in(Context::Editor);
    assert_eq!(app.apply(Action::DeckRemove), Some(Context::Editor));
    assert_eq!(
        app.deck.current.len(),
        3,
        "the deck under the editor did not remove"
    );
}
