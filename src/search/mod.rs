//! Fuzzy search over positions, with a query syntax in the spirit of fzf.
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
//! - `trade`: fuzzy. The letters appear in this order, not necessarily
//!   next to each other.
//! - `'trade`: exact. The word appears as written. Everything after the
//!   `'` is literal, so `'^x`, `'x$` and `'$` look for those characters.
//! - `^trade`: a field starts with the word (exactly, not fuzzily; the
//!   start of the whole field, not of each line of the notes).
//! - `trade$`: a field ends with the word.
//! - `^trade$`: a field is exactly the word.
//! - `!trade`: negation. No field contains the word as written (it is
//!   exact, not fuzzy). `!^trade`, `!trade$` and `!^trade$` negate the
//!   anchored forms; `!'trade` is the same as `!trade`.
//! - A word that is only operators (`'`, `!`, `^`, `$`, `!'`, `^$`, ...)
//!   is ignored.
//! - Filters narrow the positions searched; they are not matched as text.
//!   Filter names ignore case.
//!   - `actor:X`: the actor's id is X, or X is part of its name or short
//!     name (ignoring case).
//!   - `topic:X`: the topic's id is X, or X is part of its name
//!     (ignoring case).
//!   - `year:YYYY`: the position's date falls in that year.
//!   - `from:DATE`: the position's date ends on or after DATE.
//!   - `to:DATE`: the position's date starts on or before DATE.
//!
//!   DATE is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A position dated to a
//!   month or a year is kept if any of its days is in range, so
//!   `from:2015-09-20` keeps a position dated `2015-09`. An invalid date
//!   is an error.
//!   Several `actor:`, `topic:` or `year:` filters are alternatives
//!   (`actor:us actor:eu` keeps both); several `from:` or `to:` filters
//!   must all hold. A filter with nothing after the colon is ignored, and
//!   a word with any other `name:` prefix (`http://...`), or a negated
//!   one (`!actor:us`), is an ordinary search word.
//! - Ranking: each word scores its best field. Letters next to each other
//!   and letters at the start of a word score more than scattered ones.
//!   Matches in the stance and quote count more than in the speaker,
//!   actor, topic and tags, and those more than in the event, source and
//!   notes. A position's score is the sum over its words. Equal scores
//!   are in date order, then file order.
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
