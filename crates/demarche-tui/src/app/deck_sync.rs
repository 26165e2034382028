//! The deck in the app meeting the deck on disk: saves coming back
//! (merged with what other windows wrote), changes made elsewhere, and
//! saves that fail. The app keeps showing the same item in the deck, the
//! editor and the slides when items move under it.

use std::time::Instant;

use super::editor::Editor;
use super::{App, Base, DeckView, Effect, Effects, NoteEditor, SlideIndex};
use demarche_core::deck::{Deck, DeckItem};

impl App {
    /// Time has passed: a save waiting for a pause in typing (or a
    /// retry) may be due.
    pub(super) fn tick(&mut self, now: Instant) -> Effects {
        match self.deck.autosave.tick(now) {
            true => self.save_deck(),
            false => Effects::none(),
        }
    }

    /// Quits, saving first if anything is unsaved (the event loop makes
    /// sure a deck that cannot be saved is not lost in silence).
    pub(super) fn quit(&mut self) -> Effects {
        self.session.quit = true;
        self.save_unsaved()
    }

    /// Suspends (Ctrl-Z), saving first: a stopped job is easily killed.
    pub(super) fn suspend(&mut self) -> Effects {
        let mut effects = self.save_unsaved();
        effects.push(Effect::Suspend);
        effects
    }

    pub(super) fn deck_synced(&mut self, deck: Deck, unsaved: bool) -> Effects {
        if deck != self.deck.current {
            self.adopt_deck(deck);
        }
        if unsaved {
            return self.save_deck();
        }
        self.deck.autosave.saved();
        self.deck.problem = None;
        Effects::none()
    }

    pub(super) fn deck_problem(&mut self, why: String) {
        if self.deck.autosave.unsaved {
            self.deck.autosave.failed();
        }
        // Parts of it come from the deck file (a key in a toml message).
        self.deck.problem = Some(demarche_core::text::sanitize::block(&why));
    }

    /// Takes `deck` (from disk) as the deck, keeping the editor, the
    /// deck's selection and the slide on the same items.
    fn adopt_deck(&mut self, deck: Deck) {
        self.forget_deck_history();
        let old = std::mem::replace(&mut self.deck.current, deck);
        let last = self.deck.current.len().saturating_sub(1);
        let follow = |new: &Deck, i: usize| old.items().get(i).and_then(|item| same_item(new, item));
        let moved = |new: &Deck, i: usize| follow(new, i).unwrap_or(i.min(last));
        if let Some(deck) = self.layers.get_mut::<DeckView>() {
            deck.selected = moved(&self.deck.current, deck.selected);
        }
        if let Some(item) = self.layers.get::<NoteEditor>().map(|open| open.item) {
            let now = follow(&self.deck.current, item);
            self.follow_editor(now);
        }
        if let Some(slide) = self.presenter().map(|p| p.slide) {
            let to = moved(&self.deck.current, slide);
            if let Some(p) = self.presenter_mut() {
                p.slide = to;
            }
        }
        if let Some(p) = self.talk.parked.as_mut() {
            p.slide = p.slide.min(last);
        }
        if let Some(index) = self.layers.get_mut::<SlideIndex>() {
            index.selected = index.selected.min(last);
        }
        if self.deck.current.is_empty() && self.presenter().is_some() {
            self.layers.clear();
            self.base = Base::Explorer;
        }
    }

    /// The editor on item `now` of the new deck; reopened on the new text
    /// if the note changed elsewhere too (both texts are then in it).
    fn follow_editor(&mut self, now: Option<usize>) {
        let Some(item) = now else {
            self.layers.close::<NoteEditor>();
            self.session.message = Some("the item being edited was removed in another window".into());
            return;
        };
        let text = match &self.deck.current.items()[item] {
            DeckItem::Heading { text } => text.clone(),
            DeckItem::Point { note, .. } => note.clone(),
        };
        let Some(open) = self.layers.get_mut::<NoteEditor>() else {
            return;
        };
        open.item = item;
        if text != open.editor.text() {
            open.editor = Editor::new(&text, open.editor.single_line);
            self.session.message =
                Some("this note was also changed in another window: both texts are kept".into());
        }
    }
}

/// Where `item` (from an older deck) is in `deck`: the same target, or
/// a heading with the same text.
fn same_item(deck: &Deck, item: &DeckItem) -> Option<usize> {
    deck.items().iter().position(|other| match (item, other) {
        (DeckItem::Point { target, .. }, DeckItem::Point { target: t, .. }) => target == t,
        (DeckItem::Heading { text }, DeckItem::Heading { text: t }) => text == t,
        _ => false,
    })
}
