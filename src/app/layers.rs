//! One stack of layers over a base view, in the spirit of helix's
//! compositor. The top layer gets the keys (its keymap context), the
//! status line hints its keys, and the screen draws the base and then
//! every layer from the bottom up. To add a layer: a variant here, its
//! context in [`Layer::context`], its actions in `App::apply`'s routing
//! and its drawing in `ui::draw_layer`.

use super::capture::CaptureForm;
use super::console::ConsoleView;
use super::deck::NoteEditor;
use super::export_choice::ExportChoice;
use super::keymap::Context;
use super::matrix::MatrixView;
use super::present::Presenter;
use super::reader::Reader;
use super::{ChangesView, SearchState};

/// What the screen shows under the layers.
pub enum Base {
    /// Topics, columns, detail and timeline.
    Explorer,
    /// One slide per deck item, full screen.
    Presenter(Presenter),
    /// The presenter console of a two-screen talk (`demarche console`).
    Console(Box<ConsoleView>),
}

/// The help overlay: where it was opened (that context's keys come
/// first) and how far it is scrolled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HelpView {
    pub from: Context,
    pub scroll: usize,
}

/// One overlay. Later layers sit on top of earlier ones.
pub enum Layer {
    Help(HelpView),
    Search(SearchState),
    /// The talking-points deck, with its selected item.
    Deck(usize),
    /// The note or heading editor; drawn inside the deck it edits.
    Editor(NoteEditor),
    /// The list of positions stated since the "as of" date.
    Changes(ChangesView),
    /// The presentation's slide index, with its selected slide.
    Index(usize),
    /// A slide number being typed while presenting.
    GoTo(String),
    /// The presentation blanked; any key brings the slide back.
    Blank,
    /// What the room does not see, scrolled by this many lines.
    Backstage(usize),
    /// Every party on every topic at the "as of" date.
    Matrix(MatrixView),
    /// A position's source text, its passage highlighted.
    Reader(Reader),
    /// The export's choice of format (one key each), notes and title.
    Export(ExportChoice),
    /// The form that makes a position of the reader's selection.
    Capture(Box<CaptureForm>),
}

impl Layer {
    /// True for a layer drawn over the whole screen: what is under it
    /// need not be drawn.
    pub fn covers_screen(&self) -> bool {
        matches!(self, Layer::Matrix(_))
    }

    /// The keymap context while this layer is on top.
    pub fn context(&self) -> Context {
        match self {
            Layer::Help(_) => Context::Help,
            Layer::Search(s) if s.in_list => Context::Results,
            Layer::Search(_) => Context::Search,
            Layer::Deck(_) => Context::Deck,
            Layer::Editor(_) => Context::Editor,
            Layer::Changes(_) => Context::Changes,
            Layer::Index(_) => Context::Index,
            Layer::GoTo(_) => Context::GoTo,
            Layer::Blank => Context::Blank,
            Layer::Backstage(_) => Context::Backstage,
            Layer::Matrix(_) => Context::Matrix,
            Layer::Reader(_) => Context::Reader,
            Layer::Export(c) if c.title.is_some() => Context::Editor,
            Layer::Export(_) => Context::Export,
            Layer::Capture(_) => Context::Capture,
        }
    }
}

/// The stack, bottom first.
#[derive(Default)]
pub struct Layers(Vec<Layer>);

/// A shared and a mutable finder for the topmost layer of one kind.
macro_rules! finders {
    ($($name:ident, $name_mut:ident, $variant:ident, $ty:ty;)*) => {$(
        pub fn $name(&self) -> Option<&$ty> {
            self.0.iter().rev().find_map(|l| match l {
                Layer::$variant(inner) => Some(inner),
                _ => None,
            })
        }

        pub fn $name_mut(&mut self) -> Option<&mut $ty> {
            self.0.iter_mut().rev().find_map(|l| match l {
                Layer::$variant(inner) => Some(inner),
                _ => None,
            })
        }
    )*};
}

impl Layers {
    pub fn push(&mut self, layer: Layer) {
        self.0.push(layer);
    }

    pub fn pop(&mut self) -> Option<Layer> {
        self.0.pop()
    }

    pub fn top(&self) -> Option<&Layer> {
        self.0.last()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Bottom to top: the order they are drawn in.
    pub fn iter(&self) -> impl Iterator<Item = &Layer> {
        self.0.iter()
    }

    /// Closes every layer `which` picks, wherever it is in the stack.
    pub fn close(&mut self, which: impl Fn(&Layer) -> bool) {
        self.0.retain(|l| !which(l));
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// True if the stack has a blank layer: the room sees nothing.
    pub fn blank(&self) -> bool {
        self.0.iter().any(|l| matches!(l, Layer::Blank))
    }

    /// True if the top layer is the one `which` picks.
    pub fn top_is(&self, which: impl Fn(&Layer) -> bool) -> bool {
        self.top().is_some_and(which)
    }

    finders! {
        help, help_mut, Help, HelpView;
        index, index_mut, Index, usize;
        go_to, go_to_mut, GoTo, String;
        backstage, backstage_mut, Backstage, usize;
        search, search_mut, Search, SearchState;
        deck, deck_mut, Deck, usize;
        editor, editor_mut, Editor, NoteEditor;
        changes, changes_mut, Changes, ChangesView;
        matrix, matrix_mut, Matrix, MatrixView;
        reader, reader_mut, Reader, Reader;
        export, export_mut, Export, ExportChoice;
        capture, capture_mut, Capture, Box<CaptureForm>;
    }
}
