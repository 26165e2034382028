//! Search over positions, with a query syntax in the spirit of fzf. The
//! syntax as the reader sees it is the table in `syntax.rs`, from which the
//! help overlay, `demarche search --help`, docs/KEYS.md and docs/CLI.md are
//! generated; this comment gives the rules that table summarises.
//!
//! Search runs on the display text (`DisplayText`), so every highlight
//! index is a character index into exactly what is drawn. Each position
//! is searched in these fields: stance, quote, speaker, notes, tags
//! (joined with ", "), topic name, actor name (with its short name in
//! brackets when that differs), source title and event name.
//!
//! # Query syntax
//!
//! - Words are separated by spaces. Every word must match (AND); a word
//!   matches a position if it matches in any of its fields. A backslash
//!   keeps the space after it inside the word: `new\ york`.
//! - Smart case: a word with no uppercase letter ignores case; a word
//!   with one is matched case-sensitively.
//! - `trade`: the word as written (a whole word, a word start or inside a
//!   word), or else its letters in order within a short span
//!   (`matcher::max_span`: the length plus half of it, at least 2). Letters
//!   scattered further apart are no match.
//! - A word of 5 or more letters that is part of no word of the data is
//!   replaced by the closest word of the data within 1 edit (5 to 8
//!   letters) or 2 (longer), by Damerau-Levenshtein distance; the results
//!   say which word was used.
//! - `'trade`: exact. The word appears as written. Everything after the
//!   `'` is literal, so `'^x`, `'x$` and `'$` look for those characters.
//! - `^trade`: a field starts with the word (the start of the whole field,
//!   not of each line of the notes). `trade$`: a field ends with it.
//!   `^trade$`: a field is exactly the word.
//! - `!trade`: negation. No field contains the word as written (it is
//!   exact, not fuzzy). `!^trade`, `!trade$` and `!^trade$` negate the
//!   anchored forms; `!'trade` is the same as `!trade`.
//! - A word that is only operators (`'`, `!`, `^`, `$`, `!'`, `^$`, ...)
//!   is ignored.
//! - Filters narrow the positions searched; they are not matched as text.
//!   Filter names ignore case.
//!   - `actor:X`, `topic:X`, `event:X`, `source:X`: the item's id is X, or
//!     X is part of its name (title for a source; name or short name for
//!     an actor), ignoring case. A value that is some item's id means that
//!     item only.
//!   - `tag:X`: a tag of the position is X, or else contains X.
//!   - `kind:K`: the position's evidence kind is K (`model::Evidence`).
//!   - `year:YYYY`: the position's date falls in that year.
//!   - `from:DATE` / `to:DATE`: the position's date ends on or after DATE /
//!     starts on or before it. `after:DATE` / `before:DATE`: the same with
//!     DATE itself left out.
//!
//!   DATE is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A position dated to a
//!   month or a year is kept if any of its days is in range, so
//!   `from:2015-09-20` keeps a position dated `2015-09`. An invalid date
//!   or kind is a `QueryError`; a value that names nothing in the data is
//!   an `UnknownValue` from `SearchIndex::check`.
//!   Several filters of one name are alternatives (`actor:us actor:eu`
//!   keeps both), except the date bounds, which must all hold. A filter
//!   with nothing after the colon is ignored, and a word with any other
//!   `name:` prefix (`http://...`), or a negated one (`!actor:us`), is an
//!   ordinary search word.
//! - Ranking (`engine.rs`): each word scores its best field in full and
//!   its second-best field a quarter. Whole words and word starts in what
//!   a position says (stance, quote, speaker, actor) rank first, then in
//!   what it is filed under (tags, topic, event, source), then fuzzy
//!   matches, and matches in the notes last. Each word's score is weighted
//!   by its rarity in the data (IDF-style, from the vocabulary), and two
//!   query words found side by side in a field (a phrase) add the points
//!   of a whole word there. Equal scores are in date order, then file
//!   order.
//! - A query with no search words (only filters, negations, or nothing
//!   at all) lists every position it keeps in date order.

mod engine;
mod filter;
mod index;
mod matcher;
mod query;
pub mod syntax;
mod vocab;

pub use filter::UnknownValue;
pub use index::SearchIndex;
pub use query::{Query, QueryError};
pub use syntax::SYNTAX;

/// A searchable field of a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Stance,
    Quote,
    Speaker,
    Notes,
    Tags,
    Topic,
    Actor,
    Source,
    Event,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Stance,
        Field::Quote,
        Field::Speaker,
        Field::Notes,
        Field::Tags,
        Field::Topic,
        Field::Actor,
        Field::Source,
        Field::Event,
    ];

    /// The field's name as shown to the reader.
    pub fn label(self) -> &'static str {
        match self {
            Field::Stance => "Stance",
            Field::Quote => "Quote",
            Field::Speaker => "Speaker",
            Field::Notes => "Notes",
            Field::Tags => "Tags",
            Field::Topic => "Topic",
            Field::Actor => "Actor",
            Field::Source => "Source",
            Field::Event => "Event",
        }
    }
}

/// Where one field matched: character indices into
/// `SearchIndex::field_text` for that field, sorted and without repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMatch {
    pub field: Field,
    pub indices: Vec<usize>,
}

/// One position found, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Dataset::positions`.
    pub position: usize,
    pub score: i64,
    /// For each search word (not negations or filters), the characters
    /// it matched in every field it matched in, merged per field; an
    /// exact or anchored word marks its best occurrence in each field.
    /// In `Field::ALL` order.
    pub matches: Vec<FieldMatch>,
}

/// A misspelt query word and the word of the data searched instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub typed: String,
    pub used: String,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    /// The best hits, best first, up to the limit asked for.
    pub hits: Vec<Hit>,
    /// How many positions matched in all, before the limit.
    pub total: usize,
    /// Words that matched nothing as typed and were searched as
    /// corrected ("showing results for ...").
    pub corrections: Vec<Correction>,
}

#[cfg(test)]
mod tests;
