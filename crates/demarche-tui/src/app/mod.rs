//! The app's state and the one way it changes: `App::apply(Action)`.
//! No terminal here: tests drive the app with actions alone.

pub mod action;
mod areas;
pub mod autosave;
mod base;
mod capture;
mod console;
mod dates;
mod deck;
mod deck_sync;
pub mod editor;
mod effect;
mod explorer;
mod export_choice;
pub mod keyconfig;
pub mod keymap;
mod layers;
mod library;
mod matrix;
mod motion;
mod navigate;
mod note_editor;
mod present;
mod reader;
mod reload;
mod remote;
mod room;
mod search;
mod session;
mod slides;
mod stale;
mod talk;
mod undo;

use demarche_core::deck::Deck;
use demarche_core::model::Dataset;
use demarche_core::text::display::DisplayText;
use demarche_core::text::sanitize;

pub use action::{Action, Pane};
pub use areas::{Areas, DetailDrawn, ReaderDrawn};
pub use base::Base;
pub use capture::{CaptureForm, FormField, Input, Pick};
pub use console::{ConsoleView, Countdown};
pub use dates::Dates;
pub use deck::{DeckState, DeckView};
pub use demarche_core::grid::{Column, Grid, Row};
pub use effect::{Effect, Effects};
pub use explorer::{Crumb, Explorer, Focus, View};
pub use export_choice::ExportChoice;
pub use keymap::Context;
pub use layers::{
    Backstage, Blank, ChangesView, Component, Draw, GoTo, Handled, HelpView, Layers, SlideIndex, is_raw_input,
};
pub use library::Library;
pub use matrix::MatrixView;
pub use note_editor::NoteEditor;
pub use present::{Presenter, Slide};
pub use reader::{Motion, Passage, Reader, ReaderDoc, Selection, SourceDoc, Spot};
pub use remote::RemoteInfo;
pub(crate) use search::RESULT_LIMIT;
pub use search::SearchState;
pub use session::Session;
pub use stale::Comparison as KeptComparison;
pub use talk::Talk;

/// Rows (or lines) one PgUp/PgDn moves.
pub(crate) const PAGE: usize = 5;

/// The state the layers share, one field per concern; each layer's own
/// state lives in the layer.
pub struct App {
    /// The data, and what is derived from it once per load.
    pub lib: Library,
    /// The talking points and what keeps them (saving, undo, the slides).
    pub deck: DeckState,
    /// The "as of" and "since" dates every view reads.
    pub dates: Dates,
    /// The view under the layers: the explorer or a talk.
    base: Base,
    /// The explorer's state: what it shows (kept while presenting, so
    /// leaving a talk comes back to it).
    pub explorer: Explorer,
    /// Overlays on the base, bottom first; the top one gets the keys.
    pub layers: Layers,
    /// What the room and the console share: the parked presentation,
    /// the consoles attached, the room rule.
    pub talk: Talk,
    /// Quitting, the status message, the data file's loads.
    pub session: Session,
    /// What the actions applied so far asked for, until the event loop
    /// takes it. Written only by `apply`, from what the handlers return.
    outbox: Vec<Effect>,
}

impl App {
    /// An app that searches on the calling thread (tests, small tools).
    pub fn new(data: Dataset) -> Self {
        let mut app = App {
            lib: Library::new(data),
            deck: DeckState::default(),
            dates: Dates::default(),
            base: Base::Explorer,
            explorer: Explorer::default(),
            layers: Layers::default(),
            talk: Talk::default(),
            session: Session::default(),
            outbox: Vec::new(),
        };
        app.refresh();
        app.update_slides();
        app
    }

    /// Hands searches to a worker: queries are left in an outbox for the
    /// event loop, and results come back as `Action::SearchResults`.
    pub fn with_search_worker(mut self) -> Self {
        self.session.search_worker = true;
        self
    }

    /// Uses `deck` (loaded by the caller) as the talking-points deck.
    pub fn with_deck(mut self, deck: Deck) -> Self {
        self.deck.current = deck;
        self.update_slides();
        self
    }

    /// The work `apply` asked for since the last call, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.outbox)
    }

    pub fn data(&self) -> &Dataset {
        &self.lib.data
    }

    pub fn text(&self) -> &DisplayText {
        &self.lib.text
    }

    /// The keymap context: the top layer's, else the base view's.
    pub fn context(&self) -> Context {
        (self.layers.top_context()).unwrap_or_else(|| self.base_view().context())
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
        self.layers.get::<SearchState>()
    }

    /// Applies `action`: the one way the app's state changes. Returns
    /// the context of whoever took it (`Context::Always` for the app as
    /// a whole), or `None` when nothing did (a click on nothing; a key
    /// the keymap binds always finds a taker, see `route_tests`). The
    /// effects the taker returned wait in the outbox for `take_effects`.
    pub fn apply(&mut self, action: Action) -> Option<Context> {
        if self.session.loading.is_some() {
            let taken = self.loading_action(action);
            self.neutralise_message();
            self.update_slides();
            return taken;
        }
        if self.session.set_aside.is_some() {
            let taken = self.while_set_aside(action);
            if self.session.set_aside.is_none() {
                self.neutralise_message();
                self.update_slides();
            }
            let (context, effects) = taken?;
            self.outbox.extend(effects);
            return Some(context);
        }
        let background = matches!(
            action,
            Action::SearchResults { .. }
                | Action::SearchFailed { .. }
                | Action::Tick(_)
                | Action::DeckSynced { .. }
                | Action::DeckProblem(_)
                | Action::Remote(_)
        );
        // Backstage shows the message the marker stood for: opening it,
        // and the keys inside it, keep it.
        let reading_it = matches!(action, Action::ToggleBackstage) || self.layers.has::<layers::Backstage>();
        let before = self.session.message.clone();
        if !background && !reading_it {
            self.session.message = None;
        }
        // The room rule refusing an action (and saying why) takes it.
        let taken = match self.room_guard(action) {
            Some(action) => self.dispatch(action),
            None => Some((Context::Always, Effects::none())),
        };
        self.room_note_message(&before);
        self.neutralise_message();
        self.update_slides();
        let (context, effects) = taken?;
        self.outbox.extend(effects);
        Some(context)
    }

    /// Actions of the app as a whole (time, the data file, the link, a
    /// worker's results) are taken here; the rest go to the layers.
    /// Whoever took it, with the work it asks for.
    fn dispatch(&mut self, action: Action) -> Option<(Context, Effects)> {
        let mut effects = Effects::none();
        match action {
            Action::Quit => effects = self.quit(),
            Action::Tick(now) => {
                self.room_tick(now);
                effects = self.tick(now);
            }
            Action::DeckSynced { deck, unsaved } => effects = self.deck_synced(deck, unsaved),
            Action::DeckProblem(why) => self.deck_problem(why),
            Action::Suspend => effects = self.suspend(),
            Action::Reloading => self.session.set_aside = Some(self.set_data_aside()),
            Action::Reloaded(lib) => self.reloaded(*lib),
            Action::ReloadFailed(lines) => self.reload_failed(&lines),
            Action::ReloadSuperseded => {}
            Action::Notify(text) => self.session.message = Some(text),
            Action::ConsoleAttached(attached) => self.consoles_changed(usize::from(attached)),
            Action::SearchResults { generation, results } => self.search_results(generation, results),
            Action::SearchFailed { generation, why } => self.search_failed(generation, why),
            Action::Remote(event) => effects = self.remote_event(event),
            Action::SourceRead { source, result } => self.source_read(source, result),
            Action::Captured(result) => self.captured(result),
            Action::ReadSourceText(source) => effects = self.open_reader_at(source, None),
            other => return layers::route(self, other),
        }
        Some((Context::Always, effects))
    }

    /// Messages carry file names, ids and error text: whatever set one,
    /// it reaches the status line neutralised. One place, after every
    /// action, so a new message cannot forget it.
    fn neutralise_message(&mut self) {
        if let Some(message) = self.session.message.as_mut()
            && !demarche_core::text::gate::is_clean(message)
        {
            *message = sanitize::line(message);
        }
    }
}

#[cfg(test)]
mod edges_tests;
#[cfg(test)]
pub(crate) mod fixture_tests;
#[cfg(test)]
mod matrix_tests;
#[cfg(test)]
mod present_tests;
#[cfg(test)]
mod reload_tests;
#[cfg(test)]
mod room_tests;
#[cfg(test)]
mod route_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod sync_tests;
#[cfg(test)]
mod tests;
