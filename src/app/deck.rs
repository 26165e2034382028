//! The talking-points deck inside the app: pinning from the explorer, the
//! deck overlay (reorder, remove, headings) and the note editor. Pins,
//! moves and headings ask the event loop to save the deck at once
//! (`Effect::SaveDeck`); typing is saved on a pause (`autosave`).

use super::editor::{Edit, Editor};
use super::{Action, App, Effect, Focus, Layer};
use crate::deck::{DeckItem, Resolved, Target};

/// The note (or heading) being edited, and the deck item it belongs to.
pub struct NoteEditor {
    pub editor: Editor,
    pub item: usize,
}

impl App {
    /// What `m` would pin: the topic (as a comparison) in the topic list,
    /// the event in timeline focus, else the selected position.
    pub fn pin_target(&self) -> Option<Target> {
        let data = &self.lib.data;
        match (self.view.focus, self.view.event, self.selected()) {
            (Focus::Topics, _, _) => data
                .topics
                .get(self.view.topic)
                .map(|t| Target::Topic(t.id.clone())),
            (Focus::Timeline, Some(e), _) => Some(Target::Event(data.events[e].id.clone())),
            (_, _, Some(p)) => Some(Target::Position(data.positions[p].id.clone())),
            _ => None,
        }
    }

    pub(super) fn toggle_pin(&mut self) {
        let Some(target) = self.pin_target() else {
            self.message = Some("nothing selected to pin".into());
            return;
        };
        self.remember_deck();
        if self.deck.pin(target.clone()) {
            self.message = Some(format!(
                "pinned {} \"{}\" ({} in the deck)",
                target.kind(),
                target.id(),
                self.deck.len()
            ));
        } else if let Some(i) = self
            .deck
            .items()
            .iter()
            .position(|item| item.target() == Some(&target))
        {
            self.deck.remove(i);
            self.message = Some(format!("unpinned {} \"{}\"", target.kind(), target.id()));
        }
        self.save_deck();
    }

    pub(super) fn deck_action(&mut self, action: Action) {
        let Some(&selected) = self.layers.deck() else {
            return;
        };
        let last = self.deck.len().saturating_sub(1);
        // Edits are judged when the editor closes; a move or removal now.
        let edits = matches!(action, Action::DeckAddHeading | Action::DeckEdit);
        let changes = matches!(action, Action::DeckMove(_) | Action::DeckRemove);
        if edits || changes {
            self.remember_deck();
        }
        let changed = match action {
            Action::Up | Action::ScrollUp(_) => {
                self.select_deck_item(selected.saturating_sub(1));
                false
            }
            Action::Down | Action::ScrollDown(_) => {
                self.select_deck_item((selected + 1).min(last));
                false
            }
            Action::First => {
                self.select_deck_item(0);
                false
            }
            Action::Last => {
                self.select_deck_item(last);
                false
            }
            Action::DeckMove(by) if by < 0 => {
                let at = self.deck.move_up(selected);
                self.select_deck_item(at);
                true
            }
            Action::DeckMove(_) => {
                let at = self.deck.move_down(selected);
                self.select_deck_item(at);
                true
            }
            Action::DeckRemove if selected < self.deck.len() => {
                let undo = super::keymap::keys_for(super::Context::Deck, &Action::Undo);
                self.message = Some(match self.deck.remove(selected) {
                    Some(crate::deck::DeckItem::Point { note, .. }) if !note.trim().is_empty() => {
                        format!("removed the point and its note ({undo} brings them back)")
                    }
                    _ => format!("removed ({undo} brings it back)"),
                });
                self.select_deck_item(selected.min(self.deck.len().saturating_sub(1)));
                true
            }
            Action::DeckAddHeading => {
                // Saved once something is typed (or dropped when left empty).
                // Empty, with a placeholder drawn in its place: typing
                // never has to clear a pre-filled text first.
                let at = self.deck.insert_heading(selected, "");
                self.select_deck_item(at);
                self.layers.push(Layer::Editor(NoteEditor {
                    editor: Editor::new("", true),
                    item: at,
                }));
                false
            }
            Action::DeckEdit => {
                self.open_editor(selected);
                false
            }
            Action::Activate => {
                self.show_deck_item(selected);
                false
            }
            Action::Present => {
                self.start_presenting(Some(selected));
                false
            }
            Action::ExportDeck => {
                self.open_export();
                false
            }
            Action::Back => {
                self.layers.pop();
                false
            }
            Action::Undo => {
                self.undo_deck();
                false
            }
            _ => false,
        };
        // A move at the end, a removal of nothing: no step to undo.
        if changes {
            self.forget_if_unchanged();
        }
        if changed {
            self.save_deck();
        }
    }

    fn open_editor(&mut self, item: usize) {
        let editor = match self.deck.items().get(item) {
            Some(DeckItem::Heading { text }) => Editor::new(text, true),
            Some(DeckItem::Point { note, .. }) => Editor::new(note, false),
            None => return,
        };
        self.layers.push(Layer::Editor(NoteEditor { editor, item }));
    }

    /// A heading left empty (`H`, then Esc without typing) is removed
    /// rather than kept as a blank line in the deck.
    fn drop_empty_heading(&mut self) {
        let Some(&selected) = self.layers.deck() else {
            return;
        };
        if matches!(self.deck.items().get(selected), Some(DeckItem::Heading { text }) if text.trim().is_empty())
        {
            self.deck.remove(selected);
            self.select_deck_item(selected.min(self.deck.len().saturating_sub(1)));
            self.autosave.unsaved = true;
        }
    }

    fn select_deck_item(&mut self, item: usize) {
        if let Some(selected) = self.layers.deck_mut() {
            *selected = item;
        }
    }

    /// Closes the deck and shows the item's position (or event) in the explorer.
    fn show_deck_item(&mut self, item: usize) {
        match self.deck.resolve(item, &self.lib.data) {
            Some(Resolved::Position(p)) => {
                self.layers.close(|l| matches!(l, Layer::Deck(_)));
                self.jump_to(p);
            }
            Some(Resolved::Event(e)) => {
                self.layers.close(|l| matches!(l, Layer::Deck(_)));
                self.view.event = Some(e);
                self.view.focus = Focus::Timeline;
                self.view.row = 0;
                self.refresh();
            }
            Some(Resolved::Topic(t)) => {
                self.layers.close(|l| matches!(l, Layer::Deck(_)));
                self.select_topic(t);
            }
            Some(Resolved::Matrix(as_of)) => {
                self.layers.close(|l| matches!(l, Layer::Deck(_)));
                self.set_as_of(as_of);
                self.open_matrix();
            }
            None => self.message = Some("that pin is missing from the data".into()),
        }
    }

    /// Keys and pastes while the editor is open; the text is written back
    /// to the deck on every change and saved on a pause in typing, and
    /// when the editor closes.
    pub(super) fn editor_action(&mut self, action: Action) {
        let Some(open) = self.layers.editor_mut() else {
            return;
        };
        let edit = match action {
            Action::Edit(Edit::Newline) if open.editor.single_line => return self.close_editor(),
            Action::Edit(edit) => edit,
            Action::Paste(text) => Edit::Paste(text),
            Action::Back => return self.close_editor(),
            _ => return,
        };
        open.editor.apply(edit);
        let text = open.editor.text();
        let item = open.item;
        let written = match self.deck.items().get(item) {
            Some(DeckItem::Heading { text: old }) if *old != text => self.deck.rename_heading(item, text),
            Some(DeckItem::Point { note, .. }) if *note != text => self.deck.set_note(item, text),
            _ => false,
        };
        if written {
            self.autosave.typed();
        }
    }

    fn close_editor(&mut self) {
        self.layers.pop();
        self.drop_empty_heading();
        self.forget_if_unchanged();
        if self.autosave.unsaved {
            self.save_deck();
        }
    }

    /// Asks the event loop to save the deck now.
    pub(super) fn save_deck(&mut self) {
        self.autosave.saving();
        self.effects.push(Effect::SaveDeck);
    }
}
