//! The note editor layer: a deck item's note (or a heading) typed in
//! place, over the lower half of the deck. The text is written back to
//! the deck on every change and saved on a pause in typing, and when the
//! editor closes.

use super::editor::{Edit, Editor};
use super::layers::{Component, Handled};
use super::{Action, App, Context, DeckView, Effects};
use demarche_core::deck::DeckItem;

/// The note (or heading) being edited, and the deck item it belongs to.
pub struct NoteEditor {
    pub editor: Editor,
    pub item: usize,
}

impl Component for NoteEditor {
    fn context(&self) -> Context {
        Context::Editor
    }

    /// Keys and pastes; everything else is the editor's too, and does
    /// nothing (`?` is a character here; a key for the deck under it
    /// waits until the editor closes).
    fn handle(app: &mut App, action: Action) -> Handled {
        let Some(open) = app.layers.get_mut::<NoteEditor>() else {
            return Handled::Ignored(action);
        };
        let edit = match action {
            Action::Edit(Edit::Newline) if open.editor.single_line => return app.close_editor(),
            Action::Edit(edit) => edit,
            Action::Paste(text) => Edit::Paste(text),
            Action::Back => return app.close_editor(),
            _ => return Handled::Consumed(Effects::none()),
        };
        open.editor.apply(edit);
        let text = open.editor.text();
        let item = open.item;
        let written = match app.deck.current.items().get(item) {
            Some(DeckItem::Heading { text: old }) if *old != text => {
                app.deck.current.rename_heading(item, text)
            }
            Some(DeckItem::Point { note, .. }) if *note != text => app.deck.current.set_note(item, text),
            _ => false,
        };
        if written {
            app.deck.autosave.typed();
        }
        Handled::Consumed(Effects::none())
    }
}

impl App {
    fn close_editor(&mut self) -> Handled {
        self.layers.close::<NoteEditor>();
        self.drop_empty_heading();
        self.forget_if_unchanged();
        Handled::Consumed(self.save_unsaved())
    }

    /// A heading left empty (`H`, then Esc without typing) is removed
    /// rather than kept as a blank line in the deck.
    fn drop_empty_heading(&mut self) {
        let Some(&DeckView { selected }) = self.layers.get::<DeckView>() else {
            return;
        };
        if matches!(self.deck.current.items().get(selected), Some(DeckItem::Heading { text }) if text.trim().is_empty())
        {
            self.deck.current.remove(selected);
            self.select_deck_item(selected.min(self.deck.current.len().saturating_sub(1)));
            self.deck.autosave.unsaved = true;
        }
    }
}
