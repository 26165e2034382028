//! The one table that maps keys to actions. The help overlay and the
//! status-line hints are generated from it, so they cannot drift.

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane};
use super::editor::Edit;
use crate::export::DeckFormat;

/// Where a binding applies. `Always` works everywhere, even while typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Always,
    Global,
    Browse,
    Detail,
    Timeline,
    Search,
    /// The search overlay's result list: letters are commands there.
    Results,
    Deck,
    Editor,
    Present,
    Console,
    /// A slide number being typed while presenting.
    GoTo,
    /// The presentation's slide index.
    Index,
    /// The presentation blanked: any key brings the slide back.
    Blank,
    /// What the room does not see: notes, messages, data errors.
    Backstage,
    Changes,
    Matrix,
    Export,
    Help,
    Reader,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Always | Context::Global => "Anywhere",
            Context::Browse => "Browsing (topics and columns)",
            Context::Detail => "Detail pane",
            Context::Timeline => "Timeline focus",
            Context::Search => "Search",
            Context::Results => "Search result list (after marking, or moving into it)",
            Context::Deck => "Talking-points deck",
            Context::Editor => "Note editor",
            Context::Present => "Presenting",
            Context::Console => "Presenter console",
            Context::GoTo => "Going to a slide by number",
            Context::Index => "Slide index",
            Context::Blank => "Blank screen",
            Context::Backstage => "Backstage (what the room does not see)",
            Context::Changes => "What changed",
            Context::Matrix => "Matrix (every party on every topic)",
            Context::Export => "Export the deck",
            Context::Help => "Help",
            Context::Reader => "Source reader",
        }
    }

    /// The contexts whose help comes first when help is opened here:
    /// presenting keys while presenting, and so on.
    pub fn family(self) -> &'static [Context] {
        use Context::*;
        match self {
            Present | GoTo | Index | Blank | Backstage => &[Present, GoTo, Index, Blank, Backstage],
            Deck | Editor => &[Deck, Editor],
            Search | Results => &[Search, Results],
            Changes => &[Changes],
            Matrix => &[Matrix],
            Console => &[Console],
            Export => &[Export],
            Detail => &[Detail],
            Timeline => &[Timeline],
            Reader => &[Reader],
            // The explorer's own help starts with the keys that work anywhere.
            Always | Global | Browse | Help => &[],
        }
    }

    /// Contexts where printable keys are text, not commands.
    fn takes_text(self) -> bool {
        matches!(self, Context::Search | Context::Editor)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Shift is part of the character for printable keys (`G`, `?`).
    fn matches(&self, event: &KeyEvent) -> bool {
        let mods = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        self.code == event.code && self.mods == mods
    }

    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the status line.
    pub hint: bool,
}

const fn k(c: char) -> Key {
    Key::plain(KeyCode::Char(c))
}

const fn c(code: KeyCode) -> Key {
    Key::plain(code)
}

const UP: Key = c(KeyCode::Up);
const DOWN: Key = c(KeyCode::Down);
const LEFT: Key = c(KeyCode::Left);
const RIGHT: Key = c(KeyCode::Right);
const ENTER: Key = c(KeyCode::Enter);
const ESC: Key = c(KeyCode::Esc);
const PGUP: Key = c(KeyCode::PageUp);
const PGDN: Key = c(KeyCode::PageDown);
const HOME: Key = c(KeyCode::Home);
const END: Key = c(KeyCode::End);
const BACKSPACE: Key = c(KeyCode::Backspace);
const DELETE: Key = c(KeyCode::Delete);

type Row = (Context, &'static [Key], Action, &'static str, bool);

/// The keymap: context, keys, action, help text, and whether the status
/// line shows it. One row per meaning; the help overlay lists them in
/// this order.
#[rustfmt::skip]
const TABLE: &[Row] = {
    use Action as A;
    use Context::*;
    &[
        (Always, &[Key::ctrl('c')], A::Quit, "quit", false),
        (Always, &[Key::ctrl('z')], A::Suspend, "suspend to the shell (fg resumes)", false),
        (Global, &[k('q')], A::Quit, "quit", true),
        (Global, &[k('?')], A::ToggleHelp, "help: every key", true),
        (Global, &[k('/')], A::OpenSearch, "search", true),
        (Global, &[c(KeyCode::Tab)], A::NextPane, "next pane", true),
        (Global, &[c(KeyCode::BackTab)], A::PrevPane, "previous pane", false),
        (Global, &[k('t')], A::FocusTimeline, "timeline focus", true),
        (Global, &[k('p')], A::CyclePair, "cycle the party pair", true),
        (Global, &[k('o')], A::ToggleObservers, "observers column", false),
        (Global, &[k('1')], A::SelectTopic(0), "pick a topic by number", false),
        (Global, &[k('2')], A::SelectTopic(1), "pick a topic by number", false),
        (Global, &[k('3')], A::SelectTopic(2), "pick a topic by number", false),
        (Global, &[k('4')], A::SelectTopic(3), "pick a topic by number", false),
        (Global, &[k('5')], A::SelectTopic(4), "pick a topic by number", false),
        (Global, &[k('6')], A::SelectTopic(5), "pick a topic by number", false),
        (Global, &[k('7')], A::SelectTopic(6), "pick a topic by number", false),
        (Global, &[k('8')], A::SelectTopic(7), "pick a topic by number", false),
        (Global, &[k('9')], A::SelectTopic(8), "pick a topic by number", false),
        (Global, &[k('m')], A::TogglePin, "pin / unpin (topic list: a comparison)", true),
        (Global, &[k('d')], A::OpenDeck, "talking-points deck", true),
        (Global, &[k('P'), c(KeyCode::F(5))], A::Present, "present the deck", false),
        (Global, &[k('y')], A::CopySelection, "copy (stance, quote, citation)", false),
        (Global, &[k('x')], A::ExportDeck, "export the deck (Markdown, HTML or pandoc)", false),
        (Global, &[k('r')], A::Reload, "reload the data file", false),
        (Global, &[k('a')], A::SetAsOfHere, "set \"as of\" to the date in view", false),
        (Global, &[k('<')], A::ShiftAsOf(-1), "\"as of\" a month earlier", false),
        (Global, &[k('>')], A::ShiftAsOf(1), "\"as of\" a month later", false),
        (Global, &[k('A')], A::ClearAsOf, "clear \"as of\"", false),
        (Global, &[k('w')], A::ShowChanges, "what changed since the \"as of\" date", false),
        (Global, &[k('M')], A::OpenMatrix, "matrix: every party on every topic", true),
        (Global, &[k('s')], A::OpenSource, "read the source: the passage highlighted", true),
        (Browse, &[UP, k('k')], A::Up, "move up", false),
        (Browse, &[DOWN, k('j')], A::Down, "move down", false),
        (Browse, &[LEFT, k('h')], A::Left, "move left", false),
        (Browse, &[RIGHT, k('l')], A::Right, "move right", false),
        (Browse, &[PGUP], A::PageUp, "page up", false),
        (Browse, &[PGDN], A::PageDown, "page down", false),
        (Browse, &[k('g'), HOME], A::First, "first", false),
        (Browse, &[k('G'), END], A::Last, "last", false),
        (Browse, &[ENTER], A::Activate, "open / detail", true),
        (Browse, &[ESC], A::Back, "back", false),
        (Detail, &[UP, k('k')], A::Up, "scroll up", false),
        (Detail, &[DOWN, k('j')], A::Down, "scroll down", false),
        (Detail, &[PGUP], A::PageUp, "page up", false),
        (Detail, &[PGDN], A::PageDown, "page down", false),
        (Detail, &[LEFT, k('h')], A::Left, "previous link", true),
        (Detail, &[RIGHT, k('l')], A::Right, "next link", true),
        (Detail, &[ENTER], A::Activate, "follow the link", true),
        (Detail, &[BACKSPACE], A::LinkBack, "back a link", true),
        (Detail, &[ESC], A::Back, "back to the columns", false),
        (Timeline, &[LEFT, k('h')], A::Left, "previous event", true),
        (Timeline, &[RIGHT, k('l')], A::Right, "next event", true),
        (Timeline, &[UP, k('k')], A::Up, "move up in the columns", false),
        (Timeline, &[DOWN, k('j')], A::Down, "move down in the columns", false),
        (Timeline, &[k('g'), HOME], A::First, "first event", false),
        (Timeline, &[k('G'), END], A::Last, "last event", false),
        (Timeline, &[ENTER], A::Activate, "open the position in its topic", false),
        (Timeline, &[ESC], A::Back, "leave the timeline", true),
        (Search, &[ENTER], A::Activate, "jump to the result", true),
        (Search, &[c(KeyCode::Tab)], A::SearchMark, "mark, go to the list to pin", true),
        (Search, &[ESC], A::Back, "cancel, restore the view", true),
        (Search, &[UP, Key::ctrl('p')], A::Up, "previous result", false),
        (Search, &[DOWN, Key::ctrl('n')], A::Down, "next result", false),
        (Search, &[PGUP], A::PageUp, "page up", false),
        (Search, &[PGDN], A::PageDown, "page down", false),
        (Search, &[BACKSPACE], A::SearchBackspace, "delete a character", false),
        (Search, &[Key::ctrl('u')], A::SearchClearLine, "clear the query", false),
        (Search, &[c(KeyCode::F(1))], A::ToggleHelp, "help: the search syntax and every key", false),
        (Search, &[Key::ctrl('a')], A::SearchMarkAll, "mark every result", false),
        (Search, &[RIGHT], A::SearchFocusList, "go to the result list", false),
        (Results, &[k('m')], A::SearchPin, "pin the marked (or selected) results to the deck", true),
        (Results, &[c(KeyCode::Tab), Key::plain(KeyCode::Char(' '))], A::SearchMark, "mark / unmark", true),
        (Results, &[Key::ctrl('a')], A::SearchMarkAll, "mark every result", false),
        (Results, &[UP, k('k')], A::Up, "previous result", false),
        (Results, &[DOWN, k('j')], A::Down, "next result", false),
        (Results, &[PGUP], A::PageUp, "page up", false),
        (Results, &[PGDN], A::PageDown, "page down", false),
        (Results, &[k('g'), HOME], A::First, "first result", false),
        (Results, &[k('G'), END], A::Last, "last result", false),
        (Results, &[ENTER], A::Activate, "jump to the result", true),
        (Results, &[LEFT, BACKSPACE], A::SearchFocusQuery, "back to the query (other letters type too)", true),
        (Results, &[c(KeyCode::F(1))], A::ToggleHelp, "help: the search syntax and every key", false),
        (Results, &[ESC], A::Back, "cancel, restore the view", false),
        (Deck, &[UP, k('k')], A::Up, "previous item", false),
        (Deck, &[DOWN, k('j')], A::Down, "next item", false),
        (Deck, &[k('g'), HOME], A::First, "first item", false),
        (Deck, &[k('G'), END], A::Last, "last item", false),
        (Deck, &[k('K')], A::DeckMove(-1), "move the item up", true),
        (Deck, &[k('J')], A::DeckMove(1), "move the item down", true),
        (Deck, &[k('n'), k('e')], A::DeckEdit, "edit the note (or heading)", true),
        (Deck, &[k('H')], A::DeckAddHeading, "add a heading above", true),
        (Deck, &[k('D'), DELETE], A::DeckRemove, "remove the item", true),
        (Deck, &[ENTER], A::Activate, "show it in the explorer", false),
        (Deck, &[k('P'), c(KeyCode::F(5))], A::Present, "present from this point", true),
        (Deck, &[k('x')], A::ExportDeck, "export the deck (Markdown, HTML or pandoc)", true),
        (Deck, &[ESC, k('d'), k('q')], A::Back, "close the deck", true),
        (Editor, &[ESC], A::Back, "done (the note is saved when you pause)", true),
        (Editor, &[ENTER], A::Edit(Edit::Newline), "new line", false),
        (Editor, &[BACKSPACE], A::Edit(Edit::Backspace), "delete before the cursor", false),
        (Editor, &[DELETE], A::Edit(Edit::Delete), "delete at the cursor", false),
        (Editor, &[LEFT], A::Edit(Edit::Left), "cursor left", false),
        (Editor, &[RIGHT], A::Edit(Edit::Right), "cursor right", false),
        (Editor, &[UP], A::Edit(Edit::Up), "cursor up", false),
        (Editor, &[DOWN], A::Edit(Edit::Down), "cursor down", false),
        (Editor, &[HOME], A::Edit(Edit::Home), "start of line", false),
        (Editor, &[END], A::Edit(Edit::End), "end of line", false),
        (Present, &[c(KeyCode::Char(' ')), RIGHT, DOWN, PGDN, ENTER, k('n')], A::NextSlide, "next slide", true),
        (Present, &[LEFT, UP, PGUP, BACKSPACE, k('p')], A::PrevSlide, "previous slide", true),
        (Present, &[k('0')], A::Digit(0), "type a slide number, then Enter: go to it", false),
        (Present, &[k('1')], A::Digit(1), "type a slide number, then Enter: go to it", false),
        (Present, &[k('2')], A::Digit(2), "type a slide number, then Enter: go to it", false),
        (Present, &[k('3')], A::Digit(3), "type a slide number, then Enter: go to it", false),
        (Present, &[k('4')], A::Digit(4), "type a slide number, then Enter: go to it", false),
        (Present, &[k('5')], A::Digit(5), "type a slide number, then Enter: go to it", false),
        (Present, &[k('6')], A::Digit(6), "type a slide number, then Enter: go to it", false),
        (Present, &[k('7')], A::Digit(7), "type a slide number, then Enter: go to it", false),
        (Present, &[k('8')], A::Digit(8), "type a slide number, then Enter: go to it", false),
        (Present, &[k('9')], A::Digit(9), "type a slide number, then Enter: go to it", false),
        (Present, &[k('g'), HOME], A::First, "first slide", false),
        (Present, &[k('G'), END], A::Last, "last slide", false),
        (Present, &[k('i')], A::ToggleIndex, "index of all slides", true),
        (Present, &[k('b'), k('.'), k('w')], A::ToggleBlank, "blank the screen (any key brings the slide back)", true),
        (Present, &[k('/')], A::OpenSearch, "find any position", true),
        (Present, &[k('c')], A::ToggleClock, "elapsed-time clock", false),
        (Present, &[k('N')], A::ToggleNotes, "show / hide my notes", false),
        (Present, &[k('J')], A::ScrollNotes(1), "scroll my notes down", false),
        (Present, &[k('K')], A::ScrollNotes(-1), "scroll my notes up", false),
        (Present, &[k('v')], A::ToggleCompare, "compare the topic side by side", true),
        (Present, &[k('e')], A::ToggleBackstage, "backstage: notes, messages and data errors the room does not see", false),
        (Present, &[k('?')], A::ToggleHelp, "help", false),
        (Present, &[ESC, k('q')], A::Back, "back to the slide, or leave (P resumes here)", true),
        (GoTo, &[k('0')], A::Digit(0), "another digit", false),
        (GoTo, &[k('1')], A::Digit(1), "another digit", false),
        (GoTo, &[k('2')], A::Digit(2), "another digit", false),
        (GoTo, &[k('3')], A::Digit(3), "another digit", false),
        (GoTo, &[k('4')], A::Digit(4), "another digit", false),
        (GoTo, &[k('5')], A::Digit(5), "another digit", false),
        (GoTo, &[k('6')], A::Digit(6), "another digit", false),
        (GoTo, &[k('7')], A::Digit(7), "another digit", false),
        (GoTo, &[k('8')], A::Digit(8), "another digit", false),
        (GoTo, &[k('9')], A::Digit(9), "another digit", false),
        (GoTo, &[ENTER, c(KeyCode::Char(' ')), RIGHT, PGDN, k('n')], A::Activate, "go to that slide", true),
        (GoTo, &[BACKSPACE], A::DeleteDigit, "delete a digit", true),
        (GoTo, &[ESC], A::Back, "cancel", true),
        (Index, &[UP, k('k')], A::Up, "previous slide in the list", false),
        (Index, &[DOWN, k('j')], A::Down, "next slide in the list", false),
        (Index, &[PGUP], A::PageUp, "page up", false),
        (Index, &[PGDN], A::PageDown, "page down", false),
        (Index, &[k('g'), HOME], A::First, "first slide in the list", false),
        (Index, &[k('G'), END], A::Last, "last slide in the list", false),
        (Index, &[ENTER], A::Activate, "show the slide (the index closes)", true),
        (Index, &[k('0')], A::Digit(0), "type a slide number, then Enter: go to it", false),
        (Index, &[k('1')], A::Digit(1), "type a slide number, then Enter: go to it", false),
        (Index, &[k('2')], A::Digit(2), "type a slide number, then Enter: go to it", false),
        (Index, &[k('3')], A::Digit(3), "type a slide number, then Enter: go to it", false),
        (Index, &[k('4')], A::Digit(4), "type a slide number, then Enter: go to it", false),
        (Index, &[k('5')], A::Digit(5), "type a slide number, then Enter: go to it", false),
        (Index, &[k('6')], A::Digit(6), "type a slide number, then Enter: go to it", false),
        (Index, &[k('7')], A::Digit(7), "type a slide number, then Enter: go to it", false),
        (Index, &[k('8')], A::Digit(8), "type a slide number, then Enter: go to it", false),
        (Index, &[k('9')], A::Digit(9), "type a slide number, then Enter: go to it", false),
        (Index, &[ESC, k('i'), k('q')], A::Back, "close the index", true),
        (Blank, &[k('b'), k('.'), k('w'), ESC], A::ToggleBlank, "back to the slide (so does any key)", true),
        (Backstage, &[UP, k('k')], A::Up, "scroll up", false),
        (Backstage, &[DOWN, k('j')], A::Down, "scroll down", false),
        (Backstage, &[ESC, k('e'), k('q')], A::Back, "close", true),
        (Console, &[c(KeyCode::Char(' ')), RIGHT, PGDN, k('n')], A::NextSlide, "next slide, for both screens", true),
        (Console, &[LEFT, PGUP, k('p')], A::PrevSlide, "previous slide", true),
        (Console, &[k('0')], A::Digit(0), "type a slide number", false),
        (Console, &[k('1')], A::Digit(1), "type a slide number", false),
        (Console, &[k('2')], A::Digit(2), "type a slide number", false),
        (Console, &[k('3')], A::Digit(3), "type a slide number", false),
        (Console, &[k('4')], A::Digit(4), "type a slide number", false),
        (Console, &[k('5')], A::Digit(5), "type a slide number", false),
        (Console, &[k('6')], A::Digit(6), "type a slide number", false),
        (Console, &[k('7')], A::Digit(7), "type a slide number", false),
        (Console, &[k('8')], A::Digit(8), "type a slide number", false),
        (Console, &[k('9')], A::Digit(9), "type a slide number", false),
        (Console, &[ENTER], A::Activate, "go to the typed or chosen slide (else next)", false),
        (Console, &[DOWN, k('j')], A::Down, "scroll the notes (in the index: choose)", false),
        (Console, &[UP, k('k')], A::Up, "scroll the notes up", false),
        (Console, &[k('g'), HOME], A::First, "first slide", false),
        (Console, &[k('G'), END], A::Last, "last slide", false),
        (Console, &[k('i')], A::ToggleIndex, "choose a slide in the index", true),
        (Console, &[k('b')], A::ToggleBlank, "blank the room's screen", true),
        (Console, &[k('/')], A::OpenSearch, "find a position and show it to the room", true),
        (Console, &[ESC], A::Back, "back to the slide (ends a detour or blank)", true),
        (Console, &[k('?')], A::ToggleHelp, "help", false),
        (Console, &[k('q')], A::Quit, "close the console (the talk goes on)", true),
        (Changes, &[UP, k('k')], A::Up, "previous change", true),
        (Changes, &[DOWN, k('j')], A::Down, "next change", true),
        (Changes, &[ENTER], A::Activate, "show it in its topic", true),
        (Changes, &[ESC, k('w'), k('q')], A::Back, "close", true),
        (Matrix, &[UP, k('k')], A::Up, "previous topic", false),
        (Matrix, &[DOWN, k('j')], A::Down, "next topic", false),
        (Matrix, &[LEFT, k('h')], A::Left, "previous party", false),
        (Matrix, &[RIGHT, k('l')], A::Right, "next party", false),
        (Matrix, &[PGUP], A::PageUp, "page up", false),
        (Matrix, &[PGDN], A::PageDown, "page down", false),
        (Matrix, &[k('g'), HOME], A::First, "first topic", false),
        (Matrix, &[k('G'), END], A::Last, "last topic", false),
        (Matrix, &[k('<')], A::ShiftAsOf(-1), "a month earlier", true),
        (Matrix, &[k('>')], A::ShiftAsOf(1), "a month later", true),
        (Matrix, &[k('A')], A::ClearAsOf, "latest positions (clear \"as of\")", false),
        (Matrix, &[k('w')], A::ShowChanges, "mark changes after this date", true),
        (Matrix, &[k('m')], A::TogglePin, "pin this matrix to the deck", true),
        (Matrix, &[ENTER], A::Activate, "open the position (Esc comes back)", true),
        (Matrix, &[k('?')], A::ToggleHelp, "help", false),
        (Matrix, &[ESC, k('M'), k('q')], A::Back, "close", true),
        (Reader, &[k('n')], A::ReaderStep(1), "next position quoting this source", true),
        (Reader, &[k('N')], A::ReaderStep(-1), "previous position quoting this source", true),
        (Reader, &[UP, k('k')], A::Up, "scroll up", false),
        (Reader, &[DOWN, k('j')], A::Down, "scroll down", false),
        (Reader, &[PGUP], A::PageUp, "page up", false),
        (Reader, &[PGDN], A::PageDown, "page down", false),
        (Reader, &[ESC, k('s'), k('q')], A::Back, "back", true),
        (Export, &[k('m')], A::ExportAs(DeckFormat::Markdown), "Markdown with footnotes (.md)", true),
        (Export, &[k('h')], A::ExportAs(DeckFormat::Html), "HTML handout to print (.html)", true),
        (Export, &[k('p')], A::ExportAs(DeckFormat::Pandoc), "pandoc Markdown and CSL-JSON references", true),
        (Export, &[ESC, k('q')], A::Back, "cancel", true),
        (Help, &[ESC, k('?'), k('q')], A::ToggleHelp, "close help", true),
        (Help, &[UP, k('k')], A::Up, "scroll up", false),
        (Help, &[DOWN, k('j')], A::Down, "scroll down", false),
        (Help, &[PGUP], A::PageUp, "page up", false),
        (Help, &[PGDN], A::PageDown, "page down", false),
    ]
};

fn build() -> Vec<Binding> {
    TABLE
        .iter()
        .flat_map(|(context, keys, action, help, hint)| {
            keys.iter().map(move |&key| Binding {
                context: *context,
                key,
                action: action.clone(),
                help,
                hint: *hint,
            })
        })
        .collect()
}

/// The built-in bindings, before the user's.
pub fn defaults() -> Vec<Binding> {
    build()
}

static ACTIVE: OnceLock<Vec<Binding>> = OnceLock::new();

/// The keymap in force: the defaults with the user's bindings applied.
pub fn bindings() -> &'static [Binding] {
    ACTIVE.get_or_init(build)
}

/// Puts the user's bindings in force. Called once at start-up, before
/// the first key is looked up; false if the keymap was already in use.
pub fn install(user: &[super::keyconfig::UserBinding]) -> bool {
    ACTIVE.set(super::keyconfig::apply(build(), user)).is_ok()
}

/// The action a key press means in `context`, if any. Printable keys in a
/// text context become input.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    let find = |ctx: Context| {
        bindings()
            .iter()
            .find(|b| b.context == ctx && b.key.matches(event))
            .map(|b| b.action.clone())
    };
    if let Some(action) = find(Context::Always).or_else(|| find(context)) {
        return Some(action);
    }
    if context == Context::Blank {
        return Some(Action::ToggleBlank);
    }
    if context.takes_text() {
        let plain = event.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
        return match event.code {
            KeyCode::Char(c) if plain && context == Context::Editor => Some(Action::Edit(Edit::Insert(c))),
            KeyCode::Char(c) if plain => Some(Action::SearchInput(c)),
            _ => None,
        };
    }
    let plain = event.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
    match (context, event.code) {
        // A letter with no command in the result list goes back to typing.
        (Context::Results, KeyCode::Char(c)) if plain => return Some(Action::SearchInput(c)),
        (Context::Results, _) => return None,
        _ => {}
    }
    match context {
        Context::Help
        | Context::Present
        | Context::GoTo
        | Context::Index
        | Context::Blank
        | Context::Backstage
        | Context::Console
        | Context::Deck
        | Context::Changes
        | Context::Reader
        | Context::Matrix
        | Context::Export => None,
        Context::Detail | Context::Timeline => find(Context::Global).or_else(|| find(Context::Browse)),
        _ => find(Context::Global),
    }
}

/// Runs of consecutive single characters collapse: `1 2 … 9` reads `1-9`.
fn join_labels(labels: &[String]) -> String {
    let chars: Vec<Option<char>> = labels
        .iter()
        .map(|s| {
            let mut it = s.chars();
            it.next().filter(|_| it.next().is_none())
        })
        .collect();
    let consecutive = chars
        .windows(2)
        .all(|w| matches!(w, [Some(a), Some(b)] if u32::from(*a) + 1 == u32::from(*b)));
    if labels.len() > 2 && consecutive {
        return format!("{}-{}", labels[0], labels[labels.len() - 1]);
    }
    labels.join(" ")
}

/// One line of help: the keys and what they do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    pub help: &'static str,
}

/// Keys grouped by context and by what they do, in table order.
pub fn help_sections() -> Vec<(&'static str, Vec<HelpLine>)> {
    help_sections_from(Context::Browse)
}

/// Keys grouped as in [`help_sections`], with the sections of `here`'s
/// family (see [`Context::family`]) first.
pub fn help_sections_from(here: Context) -> Vec<(&'static str, Vec<HelpLine>)> {
    help_sections_in(bindings(), here)
}

/// [`help_sections_from`] over any list of bindings (the defaults with a
/// user's bindings applied, in tests and `demarche keys`).
pub fn help_sections_in(bindings: &[Binding], here: Context) -> Vec<(&'static str, Vec<HelpLine>)> {
    type Section = (Context, &'static str, Vec<(Vec<String>, &'static str)>);
    let mut sections: Vec<Section> = Vec::new();
    for b in bindings {
        let title = b.context.title();
        if sections.last().is_none_or(|(_, t, _)| *t != title) {
            sections.push((b.context, title, Vec::new()));
        }
        let lines = &mut sections.last_mut().expect("pushed above").2;
        match lines.iter_mut().find(|(_, help)| *help == b.help) {
            Some((labels, _)) => labels.push(b.key.label()),
            None => lines.push((vec![b.key.label()], b.help)),
        }
    }
    // A stable sort: the family's sections first, each group in table order.
    sections.sort_by_key(|(context, _, _)| !here.family().contains(context));
    sections
        .into_iter()
        .map(|(_, t, lines)| {
            let lines = lines
                .into_iter()
                .map(|(labels, help)| HelpLine {
                    keys: join_labels(&labels),
                    help,
                })
                .collect();
            (t, lines)
        })
        .collect()
}

/// The keymap as Markdown, one `### Context` heading and table per section
/// of [`help_sections`]. README.md holds a copy that a test keeps current.
pub fn markdown_table() -> String {
    markdown_table_of(&defaults())
}

/// The Markdown table of any list of bindings.
pub fn markdown_table_of(bindings: &[Binding]) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    for (n, (title, lines)) in help_sections_in(bindings, Context::Browse)
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!("### {title}\n\n| Keys | Action |\n|---|---|\n"));
        for line in lines {
            let keys: Vec<String> = line
                .keys
                .split(' ')
                .map(|label| format!("`{}`", cell(label)))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), cell(line.help)));
        }
    }
    out
}

/// Status-line hints for a context: its own hinted keys, then global ones.
pub fn hints(context: Context) -> Vec<HelpLine> {
    let mut contexts = vec![context];
    if matches!(context, Context::Browse | Context::Detail | Context::Timeline) {
        contexts.push(Context::Global);
    }
    let mut out: Vec<HelpLine> = Vec::new();
    for ctx in contexts {
        for b in bindings().iter().filter(|b| b.context == ctx && b.hint) {
            match out.iter_mut().find(|l| l.help == b.help) {
                Some(line) => line.keys = format!("{}/{}", line.keys, b.key.label()),
                None => out.push(HelpLine {
                    keys: b.key.label(),
                    help: b.help,
                }),
            }
        }
    }
    out
}

/// The pane a wheel turn scrolls, used by the mouse path.
pub fn wheel_action(pane: Pane, down: bool) -> Action {
    if down {
        Action::ScrollDown(pane)
    } else {
        Action::ScrollUp(pane)
    }
}

/// The first key bound to `action` in `context`, for messages that name
/// a key (so they follow the keymap).
pub fn key_for(context: Context, action: &Action) -> Option<String> {
    bindings()
        .iter()
        .find(|b| b.context == context && &b.action == action)
        .map(|b| b.key.label())
}

/// Every key bound to `action` in `context`, as `a/b`; "unbound" when the
/// user took them all away. Messages that name a key use this (or
/// `key_for`), so they can never promise a key that does something else.
pub fn keys_for(context: Context, action: &Action) -> String {
    let labels: Vec<String> = bindings()
        .iter()
        .filter(|b| b.context == context && &b.action == action)
        .map(|b| b.key.label())
        .collect();
    if labels.is_empty() {
        "unbound".to_string()
    } else {
        labels.join("/")
    }
}
