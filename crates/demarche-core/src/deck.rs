//! The talking-points deck: positions and events the user has pinned, in
//! the order they want to present them, with headings and notes of their
//! own. Pins hold ids rather than indices so a deck survives edits to the
//! data file; a pin whose id has gone is kept and flagged (`missing`),
//! never dropped, because the user may fix the data and get it back.
//!
//! The deck is saved beside the data file; see `file` for the format and
//! the crash-safe save, `sync` and `merge` for several writers on one
//! deck, `recover` for leftovers of killed saves and rescue copies.

mod file;
mod merge;
mod recover;
mod sync;
mod write;

#[cfg(test)]
mod crash_tests;
#[cfg(test)]
mod sync_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod write_tests;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use crate::date::Date;
use crate::model::{Dataset, IdIndex};
use crate::notes::Note;

/// The matrix target's word for "no date: the latest positions".
pub const LATEST: &str = "latest";

pub use file::{DeckError, LoadedDeck, default_path, load, read, read_current, to_toml};
pub(crate) use file::{OnDisk, read_on_disk};
pub use merge::merge;
pub use recover::{remove_stale_temps, rescue_dir, write_rescue};
pub use sync::{DeckSync, DiskChange};
pub use write::save;
pub(crate) use write::{save_as, save_over};

/// What a point refers to, by id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Position(String),
    Event(String),
    /// A topic, shown as a comparison: party A against party B by date.
    Topic(String),
    /// The matrix (every party on every topic) as of a date: the date in
    /// ISO form, or `LATEST` for the latest positions.
    Matrix(String),
}

/// A target found in the data: an index into `Dataset::positions` or
/// `Dataset::events`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    Position(usize),
    Event(usize),
    Topic(usize),
    /// The matrix as of this date (`None`: the latest positions).
    Matrix(Option<Date>),
}

impl Target {
    pub fn id(&self) -> &str {
        match self {
            Target::Position(id) | Target::Event(id) | Target::Topic(id) | Target::Matrix(id) => id,
        }
    }

    /// The matrix as of `as_of` (`None`: the latest positions).
    pub fn matrix(as_of: Option<Date>) -> Target {
        Target::Matrix(as_of.map_or_else(|| LATEST.to_string(), |d| d.iso()))
    }

    /// A matrix target's date; `None` if the text is not a date or `LATEST`.
    fn matrix_date(text: &str) -> Option<Resolved> {
        match text {
            LATEST => Some(Resolved::Matrix(None)),
            _ => Date::parse(text).ok().map(|d| Resolved::Matrix(Some(d))),
        }
    }

    /// "position" or "event", for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Position(_) => "position",
            Target::Event(_) => "event",
            Target::Topic(_) => "topic",
            Target::Matrix(_) => "matrix",
        }
    }

    /// Finds the target by scanning the data; for one lookup.
    pub fn resolve(&self, data: &Dataset) -> Option<Resolved> {
        match self {
            Target::Position(id) => data
                .positions
                .iter()
                .position(|p| &p.id == id)
                .map(Resolved::Position),
            Target::Event(id) => data.events.iter().position(|e| &e.id == id).map(Resolved::Event),
            Target::Topic(id) => data.topics.iter().position(|t| &t.id == id).map(Resolved::Topic),
            Target::Matrix(date) => Target::matrix_date(date),
        }
    }

    /// Finds the target through a prebuilt index; for many lookups.
    pub fn resolve_indexed(&self, ids: &IdIndex) -> Option<Resolved> {
        match self {
            Target::Position(id) => ids.positions.get(id).copied().map(Resolved::Position),
            Target::Event(id) => ids.events.get(id).copied().map(Resolved::Event),
            Target::Topic(id) => ids.topics.get(id).copied().map(Resolved::Topic),
            Target::Matrix(date) => Target::matrix_date(date),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeckItem {
    Heading { text: String },
    Point { target: Target, note: String },
}

impl DeckItem {
    pub fn target(&self) -> Option<&Target> {
        match self {
            DeckItem::Heading { .. } => None,
            DeckItem::Point { target, .. } => Some(target),
        }
    }
}

/// A point as listed by `Deck::points`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointRef<'a> {
    /// Index into `Deck::items`.
    pub index: usize,
    pub target: &'a Target,
    pub note: &'a str,
}

/// The deck's items and title, changed only through its methods, each of
/// which stamps it with a new generation. Whatever is built from a deck
/// (the slides) remembers the generation it was built from and is built
/// again only when it differs: no comparison of whole decks after every
/// action.
#[derive(Clone, Debug)]
pub struct Deck {
    title: Option<String>,
    items: Vec<DeckItem>,
    generation: u64,
    /// Each item's note parsed, once per generation (see [`Deck::notes`]).
    notes: OnceLock<Arc<[Option<Note>]>>,
}

/// A generation no deck has had: drawn from one counter for the whole
/// process, so a deck read from disk, received from the room or restored
/// by undo never shares a generation with a different deck. A clone keeps
/// its generation, as it holds the same items.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Default for Deck {
    fn default() -> Deck {
        Deck::new(None, Vec::new())
    }
}

/// Two decks are equal when their title and items are: the generation
/// says when a deck changed, not what it holds.
impl PartialEq for Deck {
    fn eq(&self, other: &Deck) -> bool {
        self.title == other.title && self.items == other.items
    }
}

impl Eq for Deck {}

impl Deck {
    pub fn new(title: Option<String>, items: Vec<DeckItem>) -> Deck {
        Deck {
            title,
            items,
            generation: next_generation(),
            notes: OnceLock::new(),
        }
    }

    /// Each item's note, parsed (`None` for a heading or an empty note):
    /// parsed once per change to the deck, and read by the slides, the
    /// console and every export, so a note reads the same in all of them.
    pub fn notes(&self) -> Arc<[Option<Note>]> {
        let parse = |item: &DeckItem| match item {
            DeckItem::Point { note, .. } => Some(Note::parse(note)).filter(|n| !n.is_empty()),
            DeckItem::Heading { .. } => None,
        };
        Arc::clone(self.notes.get_or_init(|| self.items.iter().map(parse).collect()))
    }

    /// Changes with every change to the deck (see [`Deck`]).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    pub fn set_title(&mut self, title: Option<String>) {
        self.touch();
        self.title = title;
    }

    pub fn items(&self) -> &[DeckItem] {
        &self.items
    }

    /// The items to change in place; the deck counts as changed.
    pub fn items_mut(&mut self) -> &mut Vec<DeckItem> {
        self.touch();
        &mut self.items
    }

    /// Marks the deck changed.
    fn touch(&mut self) {
        self.generation = next_generation();
        self.notes = OnceLock::new();
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Appends a point with an empty note; false (and no change) if the
    /// target is already pinned, so a deck never cites the same item twice.
    pub fn pin(&mut self, target: Target) -> bool {
        if self.is_pinned(&target) {
            return false;
        }
        self.touch();
        self.items.push(DeckItem::Point {
            target,
            note: String::new(),
        });
        true
    }

    pub fn is_pinned(&self, target: &Target) -> bool {
        self.items.iter().any(|item| item.target() == Some(target))
    }

    /// Removes and returns item `i`; `None` if there is no such item.
    pub fn remove(&mut self, i: usize) -> Option<DeckItem> {
        (i < self.items.len()).then(|| {
            self.touch();
            self.items.remove(i)
        })
    }

    /// Swaps item `i` with the one above; returns where it now is (`i`
    /// itself when it is already first or out of range).
    pub fn move_up(&mut self, i: usize) -> usize {
        if i == 0 || i >= self.items.len() {
            return i;
        }
        self.touch();
        self.items.swap(i - 1, i);
        i - 1
    }

    /// Swaps item `i` with the one below; returns where it now is.
    pub fn move_down(&mut self, i: usize) -> usize {
        if i + 1 >= self.items.len() {
            return i;
        }
        self.touch();
        self.items.swap(i, i + 1);
        i + 1
    }

    /// Inserts a heading before item `at` (at the end if `at` is past
    /// it); returns the heading's index.
    pub fn insert_heading(&mut self, at: usize, text: impl Into<String>) -> usize {
        let at = at.min(self.items.len());
        self.touch();
        self.items.insert(at, DeckItem::Heading { text: text.into() });
        at
    }

    /// Replaces the note of point `i`; false if item `i` is not a point.
    pub fn set_note(&mut self, i: usize, text: impl Into<String>) -> bool {
        match self.items.get_mut(i) {
            Some(DeckItem::Point { note, .. }) => *note = text.into(),
            _ => return false,
        }
        self.touch();
        true
    }

    /// Replaces the text of heading `i`; false if item `i` is not a heading.
    pub fn rename_heading(&mut self, i: usize, text: impl Into<String>) -> bool {
        match self.items.get_mut(i) {
            Some(DeckItem::Heading { text: old }) => *old = text.into(),
            _ => return false,
        }
        self.touch();
        true
    }

    /// The points in deck order, skipping headings.
    pub fn points(&self) -> impl Iterator<Item = PointRef<'_>> {
        self.items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| match item {
                DeckItem::Point { target, note } => Some(PointRef { index, target, note }),
                DeckItem::Heading { .. } => None,
            })
    }

    /// Indices of the points whose target is no longer in the data.
    pub fn missing(&self, data: &Dataset) -> Vec<usize> {
        let ids = data.id_index();
        self.points()
            .filter(|p| p.target.resolve_indexed(&ids).is_none())
            .map(|p| p.index)
            .collect()
    }

    /// Where item `item` points in the data; `None` for a heading, a
    /// missing target or an index past the end.
    pub fn resolve(&self, item: usize, data: &Dataset) -> Option<Resolved> {
        self.items.get(item)?.target()?.resolve(data)
    }
}
