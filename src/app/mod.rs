//! The app's state and the one way it changes: `App::apply(Action)`.
//! No terminal here: tests drive the app with actions alone.

pub mod action;
pub mod autosave;
mod capture;
mod console;
mod deck;
mod deck_sync;
pub mod editor;
mod export_choice;
pub mod keyconfig;
pub mod keymap;
mod layers;
mod library;
mod matrix;
mod navigate;
mod present;
mod reader;
mod reload;
mod remote;
mod room;
mod search;
mod slides;
mod stale;
mod undo;

use std::collections::HashMap;

use crate::date::Date;
use crate::deck::Deck;
use crate::model::Dataset;
use crate::text::display::DisplayText;
use crate::text::sanitize;

pub use crate::grid::{Column, Grid, Row};
pub use action::{Action, Pane};
pub use capture::{CaptureForm, FormField, Input, Pick};
pub use console::{ConsoleView, Countdown};
pub use deck::NoteEditor;
pub use export_choice::ExportChoice;
pub use keymap::Context;
pub use layers::{Base, HelpView, Layer, Layers};
pub use library::Library;
pub use matrix::MatrixView;
pub use present::{Presenter, Slide};
pub use reader::{Motion, Passage, Reader, ReaderDoc, Selection, SourceDoc, Spot};
pub use remote::RemoteInfo;
pub use search::{RESULT_LIMIT, SearchState};
pub use stale::Comparison as KeptComparison;

/// Work the app asks the event loop to do: I/O and threads stay out of
/// `apply`, so the app can be driven and tested without them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write the deck to its file (atomically).
    SaveDeck,
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Export the deck in this format beside the deck file.
    Export(crate::export::DeckFormat),
    /// Run query number `generation` on the search worker.
    Search(u64, String),
    /// Read the data file again.
    Reload,
    /// Send a command to the audience window (console side).
    Remote(crate::remote::Command),
    /// Read the text of source number `n` (for the reader).
    ReadSource(usize),
    /// Give the terminal back and stop until continued (Ctrl-Z).
    Suspend,
    /// Console side: read the deck file again (the room holds another).
    ReadDeck,
    /// Remember for this deck whether exports include the user's notes.
    RememberExport(bool),
    /// Write a captured position to the data file (through `edit`).
    AddPosition(crate::edit::Entry),
}

/// Positions stated after a date, each new or a change, as listed by `w`.
pub struct ChangesView {
    pub since: Date,
    pub list: Vec<crate::asof::Change>,
    pub selected: usize,
}

/// Rows (or lines) one PgUp/PgDn moves.
pub const PAGE: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Topics,
    Columns,
    Detail,
    Timeline,
}

impl Focus {
    const ORDER: [Focus; 4] = [Focus::Topics, Focus::Columns, Focus::Detail, Focus::Timeline];

    fn step(self, by: isize) -> Focus {
        let at = Focus::ORDER.iter().position(|&f| f == self).unwrap_or(0) as isize;
        Focus::ORDER[(at + by).rem_euclid(Focus::ORDER.len() as isize) as usize]
    }
}

/// What is on screen: everything Esc from a search restores.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub topic: usize,
    /// Index into `App::pairs`.
    pub pair: usize,
    pub row: usize,
    pub column: usize,
    pub focus: Focus,
    pub observers: bool,
    /// In timeline focus: the current event (index into the dataset).
    pub event: Option<usize>,
    pub detail_scroll: usize,
    /// The selected link in the detail pane.
    pub link: usize,
    /// Where links were followed from, the latest last: where
    /// `LinkBack` returns to.
    pub trail: Vec<Crumb>,
}

/// A followed link's way back: the position it was followed from, which
/// link, and how far the detail pane was scrolled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub position: usize,
    pub link: usize,
    pub scroll: usize,
}

pub struct App {
    pub lib: Library,
    pub view: View,
    /// Derived from `view`; rebuilt whenever the view changes.
    pub grid: Grid,
    /// Positions after this date are dimmed, earlier ones superseded.
    pub as_of: Option<Date>,
    /// Changes after this date are marked (`w`; in the matrix too).
    pub since: Option<Date>,
    /// The matrix, while the explorer shows a cell opened from it (Esc
    /// brings it back).
    pub matrix_behind: Option<MatrixView>,
    /// The view under the layers: the explorer or a presentation.
    pub base: Base,
    /// Overlays on the base, bottom first; the top one gets the keys.
    pub layers: Layers,
    /// Matched characters of each position's stance, from the last search.
    pub highlights: HashMap<usize, Vec<usize>>,
    pub quit: bool,
    /// A one-line message for the status bar.
    pub message: Option<String>,
    pub deck: Deck,
    /// Whether the deck has unsaved changes, and when to save them.
    pub autosave: autosave::AutoSave,
    /// Why the deck is not saved (or the file does not read), in full;
    /// shown until a save goes through.
    pub deck_problem: Option<String>,
    /// The presentation last left (Esc), which `P` resumes.
    parked: Option<Presenter>,
    /// A presenter console is attached: notes, the clock, messages and
    /// data errors go to it, and the audience screen shows only the slide.
    pub console_attached: bool,
    /// Whether presentations start with the user's notes shown (`--notes`).
    pub show_notes: bool,
    /// Whether exports from the app include the user's notes (`x` then
    /// `n`; remembered per deck).
    pub export_notes: bool,
    /// Diagnostics of a data file that failed to reload; the last good
    /// data stays on screen while this is not empty.
    pub reload_errors: Vec<String>,
    /// The console link: attached consoles and dropped messages.
    pub remote: RemoteInfo,
    search_inline: bool,
    effects: Vec<Effect>,
    /// While the data file is first loaded (off the UI thread): its name.
    /// Only quitting works until the data comes.
    pub loading: Option<String>,
    /// The first load failed: the explorer ends so the command line can
    /// report the file's problems.
    pub load_failed: bool,
    /// What to do once the first load is in (say, start presenting).
    after_load: Option<Action>,
    /// Capture forms closed unsaved, by source id: `c` reopens them.
    pub capture_drafts: HashMap<String, CaptureForm>,
    /// The position just written: selected once the reload brings it.
    select_after_reload: Option<String>,
    /// The deck as slides, with their notes and comparison grids: built
    /// when the deck, the data or the pair changes, read by every frame.
    slide_cache: slides::SlideCache,
    /// The room's screen rule: time, a confirmed leave, discretion.
    room: room::Room,
    /// Pins that vanished from the data, with the data they last resolved in.
    last_good: stale::LastGood,
    /// The deck before each of the last changes, for `u`.
    deck_undo: undo::DeckUndo,
}

impl App {
    /// An app that searches on the calling thread (tests, small tools).
    pub fn new(data: Dataset) -> Self {
        let lib = Library::new(data);
        let view = View {
            topic: 0,
            pair: 0,
            row: 0,
            column: 0,
            focus: Focus::Columns,
            observers: false,
            event: None,
            detail_scroll: 0,
            link: 0,
            trail: Vec::new(),
        };
        let mut app = App {
            lib,
            view,
            grid: Grid::default(),
            as_of: None,
            since: None,
            matrix_behind: None,
            base: Base::Explorer,
            layers: Layers::default(),
            highlights: HashMap::new(),
            quit: false,
            message: None,
            deck: Deck::default(),
            autosave: autosave::AutoSave::default(),
            deck_problem: None,
            show_notes: false,
            export_notes: false,
            parked: None,
            console_attached: false,
            reload_errors: Vec::new(),
            remote: RemoteInfo::default(),
            search_inline: true,
            effects: Vec::new(),
            loading: None,
            load_failed: false,
            after_load: None,
            capture_drafts: HashMap::new(),
            select_after_reload: None,
            slide_cache: slides::SlideCache::default(),
            room: room::Room::default(),
            last_good: stale::LastGood::default(),
            deck_undo: undo::DeckUndo::default(),
        };
        app.refresh();
        app.update_slides();
        app
    }

    /// Hands searches to a worker: queries are left in an outbox for the
    /// event loop, and results come back as `Action::SearchResults`.
    pub fn with_search_worker(mut self) -> Self {
        self.search_inline = false;
        self
    }

    /// Uses `deck` (loaded by the caller) as the talking-points deck.
    pub fn with_deck(mut self, deck: Deck) -> Self {
        self.deck = deck;
        self.update_slides();
        self
    }

    /// The work `apply` asked for since the last call, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    pub fn data(&self) -> &Dataset {
        &self.lib.data
    }

    pub fn text(&self) -> &DisplayText {
        &self.lib.text
    }

    /// The keymap context: the top layer's, else the base view's.
    pub fn context(&self) -> Context {
        if let Some(layer) = self.layers.top() {
            return layer.context();
        }
        match self.base {
            Base::Presenter(_) => Context::Present,
            Base::Console(_) => Context::Console,
            Base::Explorer => match self.view.focus {
                Focus::Timeline => Context::Timeline,
                Focus::Detail => Context::Detail,
                _ => Context::Browse,
            },
        }
    }

    /// The presentation, while presenting.
    pub fn presenter(&self) -> Option<&Presenter> {
        match &self.base {
            Base::Presenter(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn presenter_mut(&mut self) -> Option<&mut Presenter> {
        match &mut self.base {
            Base::Presenter(p) => Some(p),
            _ => None,
        }
    }

    /// The presenter console's view, when this app is one.
    pub fn console(&self) -> Option<&ConsoleView> {
        match &self.base {
            Base::Console(console) => Some(console.as_ref()),
            _ => None,
        }
    }

    pub(crate) fn console_mut(&mut self) -> Option<&mut ConsoleView> {
        match &mut self.base {
            Base::Console(console) => Some(console.as_mut()),
            _ => None,
        }
    }

    /// The search, while its overlay is open.
    pub fn search(&self) -> Option<&SearchState> {
        self.layers.search()
    }

    /// The position under the cursor, if the cell is not empty.
    pub fn selected(&self) -> Option<usize> {
        self.grid.cell(self.view.row, self.view.column)
    }

    /// The current party pair as actor indices.
    pub fn pair(&self) -> Option<(usize, Option<usize>)> {
        self.lib.pairs.get(self.view.pair).copied()
    }

    /// Links from the selected position, in the detail pane's order
    /// (`Dataset::link_groups`).
    pub fn links(&self) -> Vec<usize> {
        let Some(p) = self.selected() else {
            return Vec::new();
        };
        self.lib
            .data
            .link_groups(p)
            .into_iter()
            .flat_map(|(_, targets)| targets)
            .collect()
    }

    pub fn apply(&mut self, action: Action) {
        if self.loading.is_some() {
            self.loading_action(action);
            self.neutralise_message();
            self.update_slides();
            return;
        }
        let background = matches!(
            action,
            Action::SearchResults { .. }
                | Action::Tick(_)
                | Action::DeckSynced { .. }
                | Action::DeckProblem(_)
                | Action::Remote(_)
        );
        // Backstage shows the message the marker stood for: opening it,
        // and the keys inside it, keep it.
        let reading_it = matches!(action, Action::ToggleBackstage) || self.layers.backstage().is_some();
        let before = self.message.clone();
        if !background && !reading_it {
            self.message = None;
        }
        if let Some(action) = self.room_guard(action) {
            self.dispatch(action);
        }
        self.room_note_message(&before);
        self.neutralise_message();
        self.update_slides();
    }

    fn dispatch(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit(),
            Action::Tick(now) => {
                self.room_tick(now);
                self.tick(now)
            }
            Action::DeckSynced { deck, unsaved } => self.deck_synced(deck, unsaved),
            Action::DeckProblem(why) => self.deck_problem(why),
            Action::Suspend => self.suspend(),
            Action::Reloaded(lib) => self.reloaded(*lib),
            Action::ReloadFailed(lines) => {
                self.reload_errors = lines.iter().map(|l| sanitize::line(l)).collect()
            }
            Action::Notify(text) => self.message = Some(text),
            Action::ConsoleAttached(attached) => self.consoles_changed(usize::from(attached)),
            Action::SearchResults { .. } => self.search_action(action),
            Action::Remote(event) => self.remote_event(event),
            Action::SourceRead { source, result } => self.source_read(source, result),
            Action::Captured(result) => self.captured(result),
            Action::ReadSourceText(source) => self.open_reader_at(source, None),
            Action::ToggleHelp if !self.layers.top_is(|l| matches!(l, Layer::Editor(_))) => {
                self.toggle_help()
            }
            other => self.route(other),
        }
    }

    /// Hands an action to the top layer, or to the base view.
    fn route(&mut self, action: Action) {
        match self.layers.top() {
            Some(Layer::Editor(_)) => self.editor_action(action),
            Some(Layer::Help(_)) => self.help_action(action),
            Some(Layer::Search(_)) => self.search_action(action),
            Some(Layer::Index(_)) => self.index_action(action),
            Some(Layer::GoTo(_)) => self.go_to_action(action),
            Some(Layer::Blank) => {
                // Any key only brings the slide back.
                self.layers.pop();
            }
            Some(Layer::Backstage(_)) => self.backstage_action(action),
            Some(Layer::Deck(_)) => self.deck_action(action),
            Some(Layer::Changes(_)) => self.changes_action(action),
            Some(Layer::Matrix(_)) => self.matrix_action(action),
            Some(Layer::Reader(_)) => self.reader_action(action),
            Some(Layer::Export(_)) => self.export_action(action),
            Some(Layer::Capture(_)) => self.capture_action(action),
            None if self.presenter().is_some() => self.present_action(action),
            None if self.console().is_some() => self.console_action(action),
            None => self.global_action(action),
        }
    }

    fn toggle_help(&mut self) {
        if self.layers.help().is_some() {
            self.layers.close(|l| matches!(l, Layer::Help(_)));
        } else {
            let from = self.context();
            self.layers.push(Layer::Help(HelpView { from, scroll: 0 }));
        }
    }

    /// Messages carry file names, ids and error text: whatever set one,
    /// it reaches the status line neutralised. One place, after every
    /// action, so a new message cannot forget it.
    fn neutralise_message(&mut self) {
        if let Some(message) = self.message.as_mut()
            && !crate::text::gate::is_clean(message)
        {
            *message = sanitize::line(message);
        }
    }

    /// Actions of the explorer that are not about moving around.
    fn global_action(&mut self, action: Action) {
        match action {
            Action::OpenSearch => self.open_search(),
            Action::TogglePin => self.toggle_pin(),
            Action::OpenDeck => self.layers.push(Layer::Deck(0)),
            Action::OpenSource => self.open_reader(),
            Action::Present => self.start_presenting(None),
            Action::CopySelection => self.copy_selection(),
            Action::ExportDeck => self.open_export(),
            Action::Reload => self.effects.push(Effect::Reload),
            Action::ShowChanges => self.show_changes(),
            Action::OpenMatrix => self.open_matrix(),
            Action::Back if self.matrix_behind.is_some() => self.return_to_matrix(),
            other => self.browse_action(other),
        }
    }

    fn show_changes(&mut self) {
        let Some(since) = self.as_of else {
            self.message =
                Some("set an \"as of\" date first (a, < or >), then w lists what changed after it".into());
            return;
        };
        self.since = Some(since);
        let list = crate::asof::changes_since(&self.lib.data, since);
        self.layers.push(Layer::Changes(ChangesView {
            since,
            list,
            selected: 0,
        }));
    }

    fn changes_action(&mut self, action: Action) {
        let Some(view) = self.layers.changes_mut() else {
            return;
        };
        let last = view.list.len().saturating_sub(1);
        match action {
            Action::Up | Action::ScrollUp(_) => view.selected = view.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => view.selected = (view.selected + 1).min(last),
            Action::Activate => {
                if let Some(change) = view.list.get(view.selected) {
                    let p = change.position;
                    self.layers.pop();
                    self.jump_to(p);
                }
            }
            Action::Back => {
                self.layers.pop();
            }
            _ => {}
        }
    }

    /// Stance, quote and citation of the selection, for the clipboard.
    fn copy_selection(&mut self) {
        let Some(p) = self.selected() else {
            self.message = Some("nothing selected to copy".into());
            return;
        };
        self.effects.push(Effect::Copy(crate::export::citation_text(
            &self.lib.data,
            &self.lib.text,
            p,
        )));
        self.message = Some("copied to the clipboard".into());
    }

    fn help_action(&mut self, action: Action) {
        let Some(HelpView { scroll, .. }) = self.layers.help_mut() else {
            return;
        };
        match action {
            Action::Up | Action::ScrollUp(_) => *scroll = scroll.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => *scroll += 1,
            Action::PageUp => *scroll = scroll.saturating_sub(PAGE * 2),
            Action::PageDown => *scroll += PAGE * 2,
            Action::Back => {
                self.layers.pop();
            }
            _ => {}
        }
    }

    /// Rebuilds the grid from the view and keeps the cursor inside it.
    pub(crate) fn refresh(&mut self) {
        let columns = self.columns();
        let positions: &[usize] = match self.view.event {
            Some(e) if self.view.focus == Focus::Timeline => &self.lib.by_event[e],
            _ => self.lib.by_topic.get(self.view.topic).map_or(&[], Vec::as_slice),
        };
        self.grid = Grid::build(&self.lib.data, positions, columns);
        self.view.row = self.view.row.min(self.grid.rows.len().saturating_sub(1));
        self.view.column = self.view.column.min(self.grid.columns.len().saturating_sub(1));
        self.view.link = self.view.link.min(self.links().len().saturating_sub(1));
    }

    fn columns(&self) -> Vec<Column> {
        let mut columns = Vec::new();
        if let Some((a, b)) = self.pair() {
            columns.push(Column {
                actors: vec![a],
                observers: false,
            });
            if let Some(b) = b {
                columns.push(Column {
                    actors: vec![b],
                    observers: false,
                });
            }
        }
        if self.view.observers {
            columns.push(Column {
                actors: self.lib.data.observers(),
                observers: true,
            });
        }
        columns
    }
}

#[cfg(test)]
mod edges_tests;
#[cfg(test)]
mod fixture_tests;
#[cfg(test)]
mod matrix_tests;
#[cfg(test)]
mod present_tests;
#[cfg(test)]
mod room_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod sync_tests;
#[cfg(test)]
mod tests;
