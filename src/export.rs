//! The deck as a document to hand out: Markdown (CommonMark with GFM
//! footnotes and tables) or plain text, plus a two-party table of one
//! topic.
//!
//! Markdown layout:
//!
//! ```markdown
//! # Title
//!
//! ## A heading of the user's
//!
//! ### 1. The stance
//!
//! > The verbatim quote
//!
//! — Actor — Speaker, 25 Sep 2015 [^1]
//!
//! **Note:** the user's note,\
//! line by line
//!
//! ### 2. Event: The event's name
//!
//! 14 Jul 2015 – 16 Jul 2015 [^1] [^2]
//!
//! The event's summary
//!
//! > [missing: position "old-id" no longer in the data]
//!
//! ## References
//!
//! [^1]: Author, *Title*, Publisher, 14 Jul 2015, <https://example.org/>
//! ```
//!
//! Points are numbered `###` headings rather than list items, so each can
//! hold a quote, a byline and paragraphs of notes without list
//! indentation rules. Numbers run through the whole deck; a missing pin
//! (its id is no longer in the data) is shown, unnumbered, where it was.
//! Each source gets one footnote, numbered in order of first use.
//!
//! Text comes from `DisplayText` or through `sanitize`, so no control
//! characters reach the output; curators' and users' text is escaped so
//! it cannot add headings, quotes, lists, tables, links or footnotes.

mod markdown;
mod matrix;
mod table;
mod text;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::deck::{Deck, DeckItem, Resolved, Target};
use crate::display::DisplayText;
use crate::matrix::MatrixIndex;
use crate::matrix::table::MatrixTable;
use crate::model::{Dataset, Event};
use crate::sanitize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// The document's title; when `None`, the deck's title, or else
    /// "Talking points: " and the dataset's title.
    pub title: Option<String>,
    /// Whether the user's notes on points are included.
    pub include_notes: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            title: None,
            include_notes: true,
        }
    }
}

/// The deck as Markdown.
pub fn markdown(data: &Dataset, text: &DisplayText, deck: &Deck, opts: &ExportOptions) -> String {
    markdown::render(&Document::build(data, text, deck, opts))
}

/// The deck as plain text, for `--format txt`.
pub fn plain_text(data: &Dataset, text: &DisplayText, deck: &Deck, opts: &ExportOptions) -> String {
    text::render(&Document::build(data, text, deck, opts))
}

/// The positions of parties `party_a` and `party_b` on `topic` as a
/// Markdown table, one row per date, followed by its footnotes. All three
/// are indices into `data`; an index out of range panics.
pub fn topic_table(
    data: &Dataset,
    text: &DisplayText,
    topic: usize,
    party_a: usize,
    party_b: usize,
) -> String {
    table::render(data, text, topic, [party_a, party_b])
}

/// The matrix at a date as a Markdown document: a table (a row per topic,
/// a column per party) with footnoted sources.
pub fn matrix_markdown(data: &Dataset, text: &DisplayText, table: &MatrixTable) -> String {
    matrix::markdown(data, text, table)
}

/// The matrix at a date as plain text: a paragraph per topic.
pub fn matrix_text(table: &MatrixTable) -> String {
    matrix::text(table)
}

/// The matrix at a date as CSV: a row per topic, columns per party.
pub fn matrix_csv(table: &MatrixTable) -> String {
    matrix::csv(table)
}

/// One position as plain text, for the clipboard: the stance, the quote,
/// who said it and when, and the source.
pub fn citation_text(data: &Dataset, text: &DisplayText, position: usize) -> String {
    let shown = &text.positions[position];
    let mut out = shown.stance.clone();
    if let Some(quote) = present(shown.quote.as_deref()) {
        out.push_str(&format!("\n“{quote}”"));
    }
    out.push_str(&format!("\n— {}", attribution(data, text, position)));
    let source = Reference::new(data, text, data.positions[position].source);
    out.push_str(&format!("\nSource: {}", text::citation(&source)));
    out
}

/// Footnote numbers for sources, in order of first use.
#[derive(Default)]
struct Citations {
    /// Source indices; footnote `n` cites `order[n - 1]`.
    order: Vec<usize>,
    numbers: HashMap<usize, usize>,
}

impl Citations {
    /// The footnote number of `source`, assigning the next one on first use.
    fn cite(&mut self, source: usize) -> usize {
        *self.numbers.entry(source).or_insert_with(|| {
            self.order.push(source);
            self.order.len()
        })
    }

    fn references(&self, data: &Dataset, text: &DisplayText) -> Vec<Reference> {
        self.order
            .iter()
            .map(|&s| Reference::new(data, text, s))
            .collect()
    }
}

/// A source's citation: the parts that are present, display-safe.
struct Reference {
    author: Option<String>,
    title: String,
    publisher: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

impl Reference {
    fn new(data: &Dataset, text: &DisplayText, source: usize) -> Self {
        let shown = &text.sources[source];
        Reference {
            author: present(shown.author.as_deref()),
            title: shown.title.clone(),
            publisher: present(shown.publisher.as_deref()),
            date: data.sources[source].date.map(|d| d.to_string()),
            url: present(shown.url.as_deref()),
        }
    }
}

/// A pinned position or event, resolved and ready to lay out.
struct Point {
    number: usize,
    /// The stance, or "Event: " and the event's name.
    title: String,
    quote: Option<String>,
    /// Who said it and when, or when the event took place.
    byline: String,
    /// Footnote numbers.
    refs: Vec<usize>,
    summary: Option<String>,
    note: Option<String>,
}

enum Block {
    Heading(String),
    Point(Point),
    /// A pinned matrix: its table, each cell's footnote, the user's note.
    Matrix {
        number: usize,
        table: MatrixTable,
        footnotes: Vec<Vec<Option<usize>>>,
        note: Option<String>,
    },
    /// A pin whose target is no longer in the data.
    Missing {
        kind: &'static str,
        id: String,
        note: Option<String>,
    },
}

/// The deck resolved against the data: what both renderers lay out.
struct Document {
    title: String,
    blocks: Vec<Block>,
    references: Vec<Reference>,
}

impl Document {
    fn build(data: &Dataset, text: &DisplayText, deck: &Deck, opts: &ExportOptions) -> Self {
        let ids = data.id_index();
        let mut citations = Citations::default();
        let mut number = 0;
        let mut blocks = Vec::with_capacity(deck.items.len());
        let mut matrix_index: Option<MatrixIndex> = None;
        for item in &deck.items {
            let block = match item {
                DeckItem::Heading { text: heading } => Block::Heading(sanitize::line(heading)),
                DeckItem::Point { target, note } => {
                    let note = opts.include_notes.then(|| clean_note(note)).flatten();
                    match target.resolve_indexed(&ids) {
                        Some(found) => {
                            number += 1;
                            let found = Found { found, number, note };
                            found.block(data, text, &mut citations, &mut matrix_index)
                        }
                        None => missing(target, note),
                    }
                }
            };
            blocks.push(block);
        }
        Document {
            title: title(text, deck, opts),
            blocks,
            references: citations.references(data, text),
        }
    }
}

/// The first non-blank of the options' title and the deck's, else one
/// made from the dataset's title.
fn title(text: &DisplayText, deck: &Deck, opts: &ExportOptions) -> String {
    [&opts.title, &deck.title]
        .into_iter()
        .flatten()
        .map(|t| sanitize::line(t))
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| format!("Talking points: {}", text.title))
}

/// Optional text that is actually there: an empty string, which the data
/// file allows, would leave an empty quote or a dangling comma.
fn present(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.is_empty()).map(str::to_string)
}

/// A note made display-safe; `None` when it has nothing to show.
fn clean_note(note: &str) -> Option<String> {
    let note = sanitize::block(note);
    let note = note.trim();
    (!note.is_empty()).then(|| note.to_string())
}

fn missing(target: &Target, note: Option<String>) -> Block {
    Block::Missing {
        kind: target.kind(),
        id: sanitize::line(target.id()),
        note,
    }
}

/// A pin found in the data, with its number and the user's note.
struct Found {
    found: Resolved,
    number: usize,
    note: Option<String>,
}

impl Found {
    /// A matrix becomes a table (the index is built on first use); the
    /// rest become points.
    fn block(
        self,
        data: &Dataset,
        text: &DisplayText,
        citations: &mut Citations,
        matrix_index: &mut Option<MatrixIndex>,
    ) -> Block {
        let Found { found, number, note } = self;
        let point = match found {
            Resolved::Matrix(as_of) => {
                let index = matrix_index.get_or_insert_with(|| MatrixIndex::new(data));
                let table = MatrixTable::build(index, data, text, as_of, None);
                let footnotes = matrix::cite(&table, citations);
                return Block::Matrix {
                    number,
                    table,
                    footnotes,
                    note,
                };
            }
            Resolved::Position(i) => position_point(data, text, i, citations),
            Resolved::Event(i) => event_point(data, text, i, citations),
            Resolved::Topic(i) => comparison(data, text, i, citations),
        };
        Block::Point(Point {
            number,
            note,
            ..point
        })
    }
}

fn position_point(data: &Dataset, text: &DisplayText, i: usize, citations: &mut Citations) -> Point {
    let shown = &text.positions[i];
    Point {
        number: 0,
        title: shown.stance.clone(),
        quote: present(shown.quote.as_deref()),
        byline: format!("— {}", attribution(data, text, i)),
        refs: vec![citations.cite(data.positions[i].source)],
        summary: None,
        note: None,
    }
}

fn event_point(data: &Dataset, text: &DisplayText, i: usize, citations: &mut Citations) -> Point {
    let event = &data.events[i];
    Point {
        number: 0,
        title: format!("Event: {}", text.events[i].name),
        quote: None,
        byline: event_dates(event),
        refs: event.sources.iter().map(|&s| citations.cite(s)).collect(),
        summary: present(text.events[i].summary.as_deref()),
        note: None,
    }
}

/// A pinned topic: the first two parties' positions on it, one line per
/// row of the side-by-side grid ("Jun 2015: United States: ...; China: ...").
fn comparison(data: &Dataset, text: &DisplayText, topic: usize, citations: &mut Citations) -> Point {
    let parties: Vec<usize> = data.parties().into_iter().take(2).collect();
    let mut lines: Vec<String> = Vec::new();
    let mut refs = Vec::new();
    if let [a, b] = parties[..] {
        for row in crate::grid::Grid::for_pair(data, topic, [a, b]).rows {
            let said: Vec<String> = row
                .cells
                .iter()
                .flatten()
                .map(|&p| {
                    format!(
                        "{}: {}",
                        text.actors[data.positions[p].actor].name, text.positions[p].stance
                    )
                })
                .collect();
            lines.push(format!("{}: {}", row.date, said.join("; ")));
            for &p in row.cells.iter().flatten() {
                let footnote = citations.cite(data.positions[p].source);
                if !refs.contains(&footnote) {
                    refs.push(footnote);
                }
            }
        }
    }
    let names: Vec<&str> = parties.iter().map(|&a| text.actors[a].name.as_str()).collect();
    Point {
        number: 0,
        title: format!("Comparison: {}", text.topics[topic].name),
        quote: None,
        byline: names.join(" and "),
        refs,
        summary: (!lines.is_empty()).then(|| lines.join("\n")),
        note: None,
    }
}

/// "Actor — Speaker, 25 Sep 2015", without the speaker when none is given.
fn attribution(data: &Dataset, text: &DisplayText, position: usize) -> String {
    let p = &data.positions[position];
    let actor = &text.actors[p.actor].name;
    match present(text.positions[position].speaker.as_deref()) {
        Some(speaker) => format!("{actor} — {speaker}, {}", p.date),
        None => format!("{actor}, {}", p.date),
    }
}

/// "14 Jul 2015", or "14 Jul 2015 – 16 Jul 2015" for an event with an end.
fn event_dates(event: &Event) -> String {
    match event.end {
        Some(end) => format!("{} – {end}", event.date),
        None => event.date.to_string(),
    }
}
