//! The talking-points deck inside the app: what keeps it (`DeckState`),
//! pinning from the explorer, the deck overlay (reorder, remove,
//! headings) and the note editor. Pins, moves and headings ask the event
//! loop to save the deck at once (`Effect::SaveDeck`); typing is saved
//! on a pause (`autosave`).

use super::autosave::AutoSave;
use super::editor::Editor;
use super::layers::{Component, Handled, is_raw_input};
use super::note_editor::NoteEditor;
use super::slides::SlideCache;
use super::stale::LastGood;
use super::undo::DeckUndo;
use super::{Action, App, Context, Effect, Effects, Focus};
use demarche_core::deck::{Deck, DeckItem, Resolved, Target};

/// The talking points and what keeps them: whether and when they are
/// saved, why they are not, the steps `u` undoes, the slides built from
/// them, pins gone from the data, and whether exports carry the notes.
#[derive(Default)]
pub struct DeckState {
    /// The deck as it stands now.
    pub current: Deck,
    /// Whether the deck has unsaved changes, and when to save them.
    pub(super) autosave: AutoSave,
    /// Why the deck is not saved (or the file does not read), in full;
    /// shown until a save goes through.
    pub(super) problem: Option<String>,
    /// The deck before each of the last changes, for `u`.
    pub(super) undo: DeckUndo,
    /// The deck as slides, with their notes and comparison grids: built
    /// when the deck, the data or the pair changes, read by every frame.
    pub(super) slides: SlideCache,
    /// Pins that vanished from the data, with the data they last resolved in.
    pub(super) last_good: LastGood,
    /// Whether exports from the app include the user's notes (`x` then
    /// `n`; remembered per deck).
    pub export_notes: bool,
}

impl DeckState {
    /// When the deck is next saved, and whether it has to be.
    pub fn autosave(&self) -> &AutoSave {
        &self.autosave
    }

    /// Why the deck is not saved, while it is not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Pins `target`, or unpins it if it is pinned (`m` in the explorer
    /// and the matrix): whether it is pinned now.
    pub(super) fn toggle(&mut self, target: &Target) -> bool {
        if self.current.pin(target.clone()) {
            return true;
        }
        let items = self.current.items();
        if let Some(i) = items.iter().position(|item| item.target() == Some(target)) {
            self.current.remove(i);
        }
        false
    }
}

/// The deck layer (`d`): the talking points, with the selected item.
#[derive(Debug, Default)]
pub struct DeckView {
    pub selected: usize,
}

impl Component for DeckView {
    fn context(&self) -> Context {
        Context::Deck
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        let Some(&DeckView { selected }) = app.layers.get::<DeckView>() else {
            return Handled::Ignored(action);
        };
        // Edits are judged when the editor closes; a move or removal now.
        let edits = matches!(action, Action::DeckAddHeading | Action::DeckEdit);
        let changes = matches!(action, Action::DeckMove(_) | Action::DeckRemove);
        if edits || changes {
            app.remember_deck();
        }
        let (handled, changed) = app.deck_item_action(selected, action);
        let Handled::Consumed(mut effects) = handled else {
            return handled;
        };
        // A move at the end, a removal of nothing: no step to undo.
        if changes {
            app.forget_if_unchanged();
        }
        if changed {
            effects.extend(app.save_deck());
        }
        Handled::Consumed(effects)
    }
}

impl App {
    /// What `m` would pin: the topic (as a comparison) in the topic list,
    /// the event in timeline focus, else the selected position.
    pub fn pin_target(&self) -> Option<Target> {
        let data = &self.lib.data;
        match (
            self.explorer.view.focus,
            self.explorer.view.event,
            self.selected(),
        ) {
            (Focus::Topics, _, _) => data
                .topics
                .get(self.explorer.view.topic)
                .map(|t| Target::Topic(t.id.clone())),
            (Focus::Timeline, Some(e), _) => Some(Target::Event(data.events[e].id.clone())),
            (_, _, Some(p)) => Some(Target::Position(data.positions[p].id.clone())),
            _ => None,
        }
    }

    pub(super) fn toggle_pin(&mut self) -> Effects {
        let Some(target) = self.pin_target() else {
            self.session.message = Some("nothing selected to pin".into());
            return Effects::none();
        };
        self.remember_deck();
        self.session.message = Some(match self.deck.toggle(&target) {
            true => format!(
                "pinned {} \"{}\" ({} in the deck)",
                target.kind(),
                target.id(),
                self.deck.current.len()
            ),
            false => format!("unpinned {} \"{}\"", target.kind(), target.id()),
        });
        self.save_deck()
    }

    /// The deck's keys on item `selected`, and whether the deck changed
    /// (to be saved).
    fn deck_item_action(&mut self, selected: usize, action: Action) -> (Handled, bool) {
        let last = self.deck.current.len().saturating_sub(1);
        match action {
            Action::Up | Action::ScrollUp(_) => self.select_deck_item(selected.saturating_sub(1)),
            Action::Down | Action::ScrollDown(_) => self.select_deck_item((selected + 1).min(last)),
            Action::First => self.select_deck_item(0),
            Action::Last => self.select_deck_item(last),
            Action::DeckMove(by) => {
                let at = if by < 0 {
                    self.deck.current.move_up(selected)
                } else {
                    self.deck.current.move_down(selected)
                };
                self.select_deck_item(at);
                return (Handled::Consumed(Effects::none()), true);
            }
            // Nothing to remove in an empty deck.
            Action::DeckRemove if selected >= self.deck.current.len() => {}
            Action::DeckRemove => {
                let undo = super::keymap::keys_for(Context::Deck, &Action::Undo);
                self.session.message = Some(match self.deck.current.remove(selected) {
                    Some(DeckItem::Point { note, .. }) if !note.trim().is_empty() => {
                        format!("removed the point and its note ({undo} brings them back)")
                    }
                    _ => format!("removed ({undo} brings it back)"),
                });
                self.select_deck_item(selected.min(self.deck.current.len().saturating_sub(1)));
                return (Handled::Consumed(Effects::none()), true);
            }
            Action::DeckAddHeading => {
                // Saved once something is typed (or dropped when left empty).
                // Empty, with a placeholder drawn in its place: typing
                // never has to clear a pre-filled text first.
                let at = self.deck.current.insert_heading(selected, "");
                self.select_deck_item(at);
                self.layers.push(NoteEditor {
                    editor: Editor::new("", true),
                    item: at,
                });
            }
            Action::DeckEdit => self.open_editor(selected),
            Action::Activate => self.show_deck_item(selected),
            Action::Present => self.start_presenting(Some(selected)),
            Action::ExportDeck => self.open_export(),
            Action::Back => self.layers.close::<DeckView>(),
            Action::Undo => return (Handled::Consumed(self.undo_deck()), false),
            other if is_raw_input(&other) => {}
            other => return (Handled::Ignored(other), false),
        }
        (Handled::Consumed(Effects::none()), false)
    }

    fn open_editor(&mut self, item: usize) {
        let editor = match self.deck.current.items().get(item) {
            Some(DeckItem::Heading { text }) => Editor::new(text, true),
            Some(DeckItem::Point { note, .. }) => Editor::new(note, false),
            None => return,
        };
        self.layers.push(NoteEditor { editor, item });
    }

    pub(super) fn select_deck_item(&mut self, item: usize) {
        if let Some(deck) = self.layers.get_mut::<DeckView>() {
            deck.selected = item;
        }
    }

    /// Closes the deck and shows the item's position (or event) in the explorer.
    fn show_deck_item(&mut self, item: usize) {
        match self.deck.current.resolve(item, &self.lib.data) {
            Some(Resolved::Position(p)) => {
                self.layers.close::<DeckView>();
                self.jump_to(p);
            }
            Some(Resolved::Event(e)) => {
                self.layers.close::<DeckView>();
                self.explorer.view.event = Some(e);
                self.explorer.view.focus = Focus::Timeline;
                self.explorer.view.row = 0;
                self.refresh();
            }
            Some(Resolved::Topic(t)) => {
                self.layers.close::<DeckView>();
                self.select_topic(t);
            }
            Some(Resolved::Matrix(as_of)) => {
                self.layers.close::<DeckView>();
                self.set_as_of(as_of);
                self.open_matrix();
            }
            None => self.session.message = Some("that pin is missing from the data".into()),
        }
    }

    /// The deck is to be saved now: the effect that asks the event loop.
    pub(super) fn save_deck(&mut self) -> Effects {
        self.deck.autosave.saving();
        Effects::one(Effect::SaveDeck)
    }

    /// Saves the deck if it has changes not on disk (leaving the editor,
    /// quitting, suspending), else asks for nothing.
    pub(super) fn save_unsaved(&mut self) -> Effects {
        match self.deck.autosave.unsaved {
            true => self.save_deck(),
            false => Effects::none(),
        }
    }
}
