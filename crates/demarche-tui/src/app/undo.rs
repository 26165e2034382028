//! `u` in the deck: undo the last change to it (a removal, a move, a
//! note or heading edit, a pin), saved as usual. Each change keeps the
//! deck as it was before; a deck changed by another window is not
//! undone over (its history starts again there).

use super::{App, DeckView, Effects, NoteEditor};
use demarche_core::deck::Deck;

/// Changes kept for undoing.
const DEPTH: usize = 100;

/// The deck before each change, the latest last, with the item then
/// selected in the deck view.
#[derive(Default)]
pub(super) struct DeckUndo(Vec<(Deck, usize)>);

impl App {
    /// Keeps the deck as it is now, before a change.
    pub(super) fn remember_deck(&mut self) {
        let selected = self.layers.get::<DeckView>().map_or(0, |d| d.selected);
        if self.deck.undo.0.len() == DEPTH {
            self.deck.undo.0.remove(0);
        }
        self.deck.undo.0.push((self.deck.current.clone(), selected));
    }

    /// An edit that changed nothing (the editor closed untouched, an empty
    /// heading dropped) is no step to undo.
    pub(super) fn forget_if_unchanged(&mut self) {
        if self
            .deck
            .undo
            .0
            .last()
            .is_some_and(|(deck, _)| *deck == self.deck.current)
        {
            self.deck.undo.0.pop();
        }
    }

    /// The deck was replaced by one from disk (another window, a hand
    /// edit): undoing past that would throw their changes away.
    pub(super) fn forget_deck_history(&mut self) {
        self.deck.undo.0.clear();
    }

    pub(super) fn undo_deck(&mut self) -> Effects {
        let Some((deck, selected)) = self.deck.undo.0.pop() else {
            self.session.message = Some("nothing to undo in the deck".into());
            return Effects::none();
        };
        self.deck.current = deck;
        let at = selected.min(self.deck.current.len().saturating_sub(1));
        self.select_deck_item(at);
        self.layers.close::<NoteEditor>();
        let left = self.deck.undo.0.len();
        self.session.message = Some(match left {
            0 => "undone: the deck is as it was before the last change".to_string(),
            n => format!("undone: the deck is as it was before the last change ({n} more to undo)"),
        });
        self.save_deck()
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, App, Effect};

    fn app() -> App {
        let mut app =
            crate::app::fixture_tests::with_positions(&["north-tariffs-1", "south-tariffs-1", "south-talks"]);
        app.deck.current.set_note(0, "Ask first.");
        app.apply(Action::OpenDeck);
        app
    }

    #[test]
    fn u_undoes_a_removal_a_move_and_a_note_edit_in_turn_each_saved() {
        let mut app = app();
        let start = app.deck.current.clone();
        app.apply(Action::DeckRemove);
        let removed = app.deck.current.clone();
        assert_eq!(removed.len(), 2, "D removes the point and its note");
        app.apply(Action::DeckMove(1));
        let moved = app.deck.current.clone();
        app.apply(Action::DeckEdit);
        app.apply(Action::Paste("new note".into()));
        app.apply(Action::Back);
        assert_ne!(app.deck.current, moved);
        app.take_effects();
        app.apply(Action::Undo);
        assert_eq!(app.deck.current, moved, "the note edit undone");
        assert!(app.take_effects().contains(&Effect::SaveDeck), "saved as usual");
        app.apply(Action::Undo);
        assert_eq!(app.deck.current, removed, "the move undone");
        app.apply(Action::Undo);
        assert_eq!(app.deck.current, start, "the point is back with its note");
        assert_eq!(app.deck.current.points().next().unwrap().note, "Ask first.");
        app.apply(Action::Undo);
        assert_eq!(
            app.session.message.as_deref(),
            Some("nothing to undo in the deck")
        );
    }

    #[test]
    fn an_untouched_edit_is_no_step_and_a_deck_from_disk_starts_afresh() {
        let mut app = app();
        app.apply(Action::DeckEdit);
        app.apply(Action::Back);
        app.apply(Action::DeckAddHeading);
        app.apply(Action::Back);
        app.apply(Action::Undo);
        assert_eq!(
            app.session.message.as_deref(),
            Some("nothing to undo in the deck")
        );
        app.apply(Action::DeckRemove);
        let mut other = app.deck.current.clone();
        other.insert_heading(0, "From another window");
        app.apply(Action::DeckSynced {
            deck: other.clone(),
            unsaved: false,
        });
        app.apply(Action::Undo);
        assert_eq!(
            app.deck.current, other,
            "another window's change is not undone over"
        );
    }
}
