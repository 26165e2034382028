//! Every change to the app's state is one of these, applied by
//! `App::apply`. Keys (through the keymap), mouse clicks, the search
//! worker and tests all speak this one language.

use std::time::Instant;

use super::editor::Edit;
use demarche_core::deck::Deck;
use demarche_core::model::Dataset;
use demarche_core::search::Results;

/// The panes a click or a wheel turn can land in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Topics,
    Columns,
    Detail,
    Timeline,
    SearchResults,
    Deck,
    Present,
    Changes,
    Help,
    Matrix,
    Reader,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Quit,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    First,
    Last,
    NextPane,
    PrevPane,
    /// Enter: open, jump, or follow, depending on focus.
    Activate,
    /// Esc: close the overlay or step back.
    Back,
    /// In the detail pane: back to the position a followed link left.
    LinkBack,
    /// In the detail pane: choose link `link`, scrolled to `scroll` so it
    /// shows (what Left and Right become once the pane has been drawn).
    ShowLink {
        link: usize,
        scroll: usize,
    },
    SelectTopic(usize),
    CyclePair,
    ToggleObservers,
    FocusTimeline,
    ToggleHelp,
    /// Move the "as of" date cursor by one month (negative: earlier).
    ShiftAsOf(i32),
    /// Set the "as of" cursor to the date in view (event or position).
    SetAsOfHere,
    ClearAsOf,
    OpenSearch,
    /// Search: mark or unmark the selected result, then select the next.
    SearchMark,
    /// Search: mark every result.
    SearchMarkAll,
    /// Search: pin the marked results (or the selected one) to the deck.
    SearchPin,
    /// Search: move the keys between the query line and the result list.
    SearchFocusList,
    SearchFocusQuery,
    SearchInput(char),
    SearchBackspace,
    SearchClearLine,
    /// Results from the search worker for query number `generation`.
    SearchResults {
        generation: u64,
        results: Results,
    },
    /// The search worker could not answer query number `generation`.
    SearchFailed {
        generation: u64,
        why: String,
    },
    /// Mouse: select the n-th item of a pane (topic, search result).
    ClickItem(Pane, usize),
    /// Mouse: select a cell of the columns grid.
    ClickCell {
        row: usize,
        column: usize,
    },
    ScrollUp(Pane),
    ScrollDown(Pane),
    /// Pin the selection (position, event or topic) to the deck, or unpin it.
    TogglePin,
    OpenDeck,
    /// Move the selected deck item by one place.
    DeckMove(isize),
    DeckEdit,
    DeckAddHeading,
    DeckRemove,
    /// Undo the last change to the deck.
    Undo,
    Edit(Edit),
    /// Text pasted from the terminal (bracketed paste).
    Paste(String),
    CopySelection,
    /// Offer the export formats (a layer of its own).
    ExportDeck,
    /// In the export choice: include the user's notes or leave them out.
    ToggleExportNotes,
    /// In the export choice: type the document's title.
    EditExportTitle,
    /// Export the deck in this format, beside the deck file.
    ExportAs(demarche_core::export::DeckFormat),
    Present,
    NextSlide,
    PrevSlide,
    Digit(u8),
    /// Open the prompt for a slide number (digits open it too).
    OpenGoTo,
    /// Delete the last digit of a slide number being typed.
    DeleteDigit,
    /// Scroll the notes on the slide by lines (negative: up).
    ScrollNotes(isize),
    /// Open or close what the room does not see (notes, messages, errors).
    ToggleBackstage,
    /// A presenter console attached (true) or went away (false): notes,
    /// the clock and messages go to it instead of the audience screen.
    ConsoleAttached(bool),
    ToggleIndex,
    ToggleBlank,
    ToggleClock,
    ToggleNotes,
    ToggleCompare,
    /// List what changed since the "as of" date (in the matrix: mark
    /// the cells that changed after it).
    ShowChanges,
    /// Every party on every topic at the "as of" date.
    OpenMatrix,
    /// Open the reader on the selected position's source text.
    OpenSource,
    /// In the reader: the next (1) or previous (-1) position quoting the source.
    ReaderStep(isize),
    /// In the reader: move the cursor (and an open selection's end).
    ReaderMove(crate::app::Motion),
    /// `ReaderMove` once the reader is drawn: these lines are on screen,
    /// so the view can follow the cursor (`ui::Areas::refine`).
    ReaderMoveShown(crate::app::Motion, std::ops::RangeInclusive<usize>),
    /// In the reader: start a selection at the cursor, or end it.
    ReaderSelect,
    /// The mouse in the reader's text: pressed (or dragged, `drag`) here.
    ReaderPoint {
        spot: crate::app::Spot,
        drag: bool,
    },
    /// The mouse button let go in the reader: the selection ends.
    ReaderRelease,
    /// Scroll the reader so this line is at the top (the wheel).
    ReaderTop(usize),
    /// Capture the reader's selection as a position: open the form (or
    /// the source's unsaved one).
    Capture,
    /// Open the reader on source number `n` (`demarche read`).
    ReadSourceText(usize),
    /// In a form: the next (1) or previous (-1) field.
    FormField(isize),
    /// A captured position was written (its id), or why it was not.
    Captured(Result<String, String>),
    /// A source's text as read by the event loop: (path, text), or why not.
    SourceRead {
        source: usize,
        result: Result<(String, String), String>,
    },
    /// A message for the status line (the result of an effect).
    Notify(String),
    Reload,
    /// A load of the data file has started (the event loop's loader
    /// thread reads it): the app sets its data aside until the outcome
    /// (`App::set_data_aside`).
    Reloading,
    /// The data file changed and loaded (read and validated off the UI
    /// thread): swap it in, keeping the selection. What is derived from
    /// it is built once the old data's is dropped (`App::reloaded`).
    Reloaded(Box<Dataset>),
    /// The data file changed but does not load: keep the data, show why.
    ReloadFailed(Vec<String>),
    /// The load came to nothing worth showing (the file changed again
    /// while it was read; a newer load follows once it is quiet): keep
    /// the data, show nothing.
    ReloadSuperseded,
    /// The other window of a two-screen presentation said something.
    Remote(crate::remote::Event),
    /// Time has passed (the event loop says so, so tests need no sleep):
    /// saves waiting for a pause in typing, retries of failed saves.
    Tick(Instant),
    /// The deck as it now stands on disk (after a save, or merged with a
    /// change made elsewhere); `unsaved`: it still differs from the file.
    DeckSynced {
        deck: Deck,
        unsaved: bool,
    },
    /// The deck could not be saved, or the file does not read: the whole
    /// reason, for the status line.
    DeckProblem(String),
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
}
