//! The deck resolved against the data: what every deck format lays out.
//! Text here is display-safe (no control characters) but not escaped;
//! each renderer escapes for its own format.

use std::collections::HashMap;

use super::ExportOptions;
use crate::date::Date;
use crate::deck::{Deck, DeckItem, Resolved, Target};
use crate::grid::Grid;
use crate::matrix::MatrixIndex;
use crate::matrix::table::MatrixTable;
use crate::model::{Dataset, Event};
use crate::notes::Note as UserNote;
use crate::text::display::DisplayText;
use crate::text::sanitize;

/// Shown in a comparison where a party stated no position.
pub(super) const SILENT: &str = "—";

/// A source's citation: the parts that are present, display-safe.
pub(super) struct Reference {
    /// The source's id: the citation key in the pandoc format.
    pub id: String,
    pub author: Option<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
}

impl Reference {
    pub fn new(data: &Dataset, text: &DisplayText, source: usize) -> Self {
        let shown = &text.sources[source];
        Reference {
            id: data.sources[source].id.clone(),
            author: present(shown.author.as_deref()),
            title: shown.title.clone(),
            publisher: present(shown.publisher.as_deref()),
            date: data.sources[source].date,
            url: present(shown.url.as_deref()),
        }
    }

    /// The short form's name: the author, or else the title, cut to its
    /// first few words. `true` when it is the title (set in italics).
    pub(crate) fn short_name(&self) -> (String, bool) {
        const WORDS: usize = 4;
        match &self.author {
            Some(author) => (author.clone(), false),
            None => {
                let words: Vec<&str> = self.title.split_whitespace().collect();
                let short = if words.len() > WORDS + 1 {
                    format!("{}…", words[..WORDS].join(" "))
                } else {
                    self.title.clone()
                };
                (short, true)
            }
        }
    }
}

/// One citation: note `n` of the document is `notes[n - 1]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Note {
    /// Index into `Document::references`.
    pub reference: usize,
    /// The first note citing this source: it gives the full citation.
    pub first: bool,
}

/// Numbers citations in reading order, one note per citation, and lists
/// the cited sources in order of first citation.
#[derive(Default)]
pub(super) struct Notes {
    pub notes: Vec<Note>,
    /// Source indices, in order of first citation.
    pub sources: Vec<usize>,
    seen: HashMap<usize, usize>,
}

impl Notes {
    /// A new note citing `source`; returns its number (from 1).
    pub fn cite(&mut self, source: usize) -> usize {
        let next = self.sources.len();
        let reference = *self.seen.entry(source).or_insert(next);
        let first = reference == next;
        if first {
            self.sources.push(source);
        }
        self.notes.push(Note { reference, first });
        self.notes.len()
    }

    pub fn references(&self, data: &Dataset, text: &DisplayText) -> Vec<Reference> {
        self.sources
            .iter()
            .map(|&s| Reference::new(data, text, s))
            .collect()
    }
}

/// Who said it and when, and on what evidence.
pub(super) struct Byline {
    /// "Actor — Speaker, 25 Sep 2015", or an event's dates.
    pub text: String,
    /// "paraphrase · reported by Herb Lin", when the data says.
    pub evidence: Option<String>,
    /// Someone's words or deeds (a position), not an event's dates.
    pub said: bool,
}

impl Byline {
    /// The whole line: "Actor — Speaker, 25 Sep 2015 · quote".
    pub fn line(&self) -> String {
        match &self.evidence {
            Some(evidence) => format!("{} · {evidence}", self.text),
            None => self.text.clone(),
        }
    }
}

/// One position in a comparison table.
pub(super) struct Cell {
    pub stance: String,
    pub quote: Option<String>,
    /// Its note number.
    pub note: usize,
}

pub(super) struct ComparisonRow {
    pub date: String,
    /// The event's name, when the positions belong to one.
    pub event: Option<String>,
    pub cells: [Option<Cell>; 2],
}

/// A pinned topic: two parties side by side, a row per moment.
pub(super) struct Comparison {
    pub parties: [String; 2],
    pub rows: Vec<ComparisonRow>,
}

/// A matrix in a document: the table, and each cell's note number.
pub(super) struct MatrixPart {
    pub table: MatrixTable,
    /// Per row, per party: the note citing the cell's source.
    pub notes: Vec<Vec<Option<usize>>>,
}

/// A pinned position, event or topic, resolved and ready to lay out.
pub(super) struct Point {
    pub number: usize,
    /// The stance, "Event: " and the event's name, or "Comparison: " and
    /// the topic's name.
    pub title: String,
    pub quote: Option<String>,
    pub byline: Option<Byline>,
    /// Note numbers of the byline's citations.
    pub notes: Vec<usize>,
    pub summary: Option<String>,
    pub comparison: Option<Comparison>,
    /// A pinned matrix: the table and each cell's note number.
    pub matrix: Option<Box<MatrixPart>>,
    /// The user's note, parsed once for every format.
    pub note: Option<UserNote>,
}

pub(super) enum Block {
    /// A heading of the user's: display-safe, not escaped.
    Heading(String),
    Point(Point),
    /// A pin whose target is no longer in the data.
    Missing {
        kind: &'static str,
        id: String,
        note: Option<UserNote>,
    },
}

/// The deck resolved against the data.
pub(super) struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
    /// Note `n` is `notes[n - 1]`.
    pub notes: Vec<Note>,
    /// Each cited source once, in order of first citation.
    pub references: Vec<Reference>,
}

impl Document {
    pub fn build(data: &Dataset, text: &DisplayText, deck: &Deck, opts: &ExportOptions) -> Self {
        let ids = data.id_index();
        let mut notes = Notes::default();
        let mut number = 0;
        let mut blocks = Vec::with_capacity(deck.items().len());
        // Parsed once per change to the deck, as the slides read them.
        let parsed = deck.notes();
        for (item, parsed) in deck.items().iter().zip(parsed.iter()) {
            let block = match item {
                DeckItem::Heading { text: heading } => Block::Heading(sanitize::line(heading)),
                DeckItem::Point { target, .. } => {
                    let note = opts.include_notes.then(|| parsed.clone()).flatten();
                    match target.resolve_indexed(&ids) {
                        Some(found) => {
                            number += 1;
                            let mut point = point(data, text, found, &mut notes);
                            point.number = number;
                            point.note = note;
                            Block::Point(point)
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
            references: notes.references(data, text),
            notes: notes.notes,
        }
    }

    /// A document of one matrix, for `demarche matrix --format`.
    pub fn matrix(data: &Dataset, text: &DisplayText, table: MatrixTable) -> Self {
        let mut notes = Notes::default();
        let title = matrix_title(&table);
        let point = Point {
            number: 1,
            title,
            ..matrix_point(data, table, &mut notes)
        };
        Document {
            title: text.title.clone(),
            blocks: vec![Block::Point(point)],
            references: notes.references(data, text),
            notes: notes.notes,
        }
    }

    /// A document of one comparison, for `export --topic`.
    pub fn table(
        data: &Dataset,
        text: &DisplayText,
        topic: usize,
        parties: [usize; 2],
    ) -> (Self, Comparison) {
        let mut notes = Notes::default();
        let comparison = comparison_of(data, text, topic, parties, &mut notes);
        let doc = Document {
            title: String::new(),
            blocks: Vec::new(),
            references: notes.references(data, text),
            notes: notes.notes,
        };
        (doc, comparison)
    }
}

/// The first non-blank of the options' title and the deck's, else one
/// made from the dataset's title.
pub fn title(text: &DisplayText, deck: &Deck, opts: &ExportOptions) -> String {
    [opts.title.as_deref(), deck.title()]
        .into_iter()
        .flatten()
        .map(sanitize::line)
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| format!("Talking points: {}", text.title))
}

/// Optional text that is actually there: an empty string, which the data
/// file allows, would leave an empty quote or a dangling comma.
pub(super) fn present(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty()).map(str::to_string)
}

fn missing(target: &Target, note: Option<UserNote>) -> Block {
    Block::Missing {
        kind: target.kind(),
        id: sanitize::line(target.id()),
        note,
    }
}

pub(super) fn empty_point(title: String) -> Point {
    Point {
        number: 0,
        title,
        quote: None,
        byline: None,
        notes: Vec::new(),
        summary: None,
        comparison: None,
        matrix: None,
        note: None,
    }
}

/// The point for a found target; its number and note are the caller's.
fn point(data: &Dataset, text: &DisplayText, found: Resolved, notes: &mut Notes) -> Point {
    match found {
        Resolved::Position(i) => Point {
            quote: present(text.positions[i].quote.as_deref()),
            byline: Some(byline(data, text, i)),
            notes: vec![notes.cite(data.positions[i].source)],
            ..empty_point(text.positions[i].stance.clone())
        },
        Resolved::Event(i) => {
            let event = &data.events[i];
            Point {
                byline: Some(Byline {
                    text: event_dates(event),
                    evidence: None,
                    said: false,
                }),
                notes: event.sources.iter().map(|&s| notes.cite(s)).collect(),
                summary: present(text.events[i].summary.as_deref()),
                ..empty_point(format!("Event: {}", text.events[i].name))
            }
        }
        Resolved::Topic(i) => Point {
            comparison: comparison(data, text, i, notes),
            ..empty_point(format!("Comparison: {}", text.topics[i].name))
        },
        Resolved::Matrix(as_of) => {
            let table = MatrixTable::build(&MatrixIndex::new(data), data, text, as_of, None);
            Point {
                title: matrix_title(&table),
                ..matrix_point(data, table, notes)
            }
        }
    }
}

/// The first two parties' positions on `topic`; `None` when the data
/// has fewer than two parties.
fn comparison(data: &Dataset, text: &DisplayText, topic: usize, notes: &mut Notes) -> Option<Comparison> {
    let parties: Vec<usize> = data.parties().into_iter().take(2).collect();
    let [a, b] = parties[..] else { return None };
    Some(comparison_of(data, text, topic, [a, b], notes))
}

/// Two actors' positions on `topic`, laid out by the grid.
pub(super) fn comparison_of(
    data: &Dataset,
    text: &DisplayText,
    topic: usize,
    [a, b]: [usize; 2],
    notes: &mut Notes,
) -> Comparison {
    let rows = Grid::for_pair(data, topic, [a, b])
        .rows
        .iter()
        .map(|row| {
            let mut cells = row.cells.iter().map(|c| c.map(|p| cell(data, text, p, notes)));
            ComparisonRow {
                date: row.date.to_string(),
                event: row.event.map(|e| text.events[e].name.clone()),
                cells: [cells.next().flatten(), cells.next().flatten()],
            }
        })
        .collect();
    Comparison {
        parties: [a, b].map(|p| text.actors[p].name.clone()),
        rows,
    }
}

fn cell(data: &Dataset, text: &DisplayText, position: usize, notes: &mut Notes) -> Cell {
    let shown = &text.positions[position];
    Cell {
        stance: shown.stance.clone(),
        quote: present(shown.quote.as_deref()),
        note: notes.cite(data.positions[position].source),
    }
}

/// "Actor — Speaker, 25 Sep 2015" (no speaker when none is given or it
/// repeats the actor's name; "reported" before a date of report), and
/// the evidence: "paraphrase · reported by Herb Lin".
pub(super) fn byline(data: &Dataset, text: &DisplayText, position: usize) -> Byline {
    let p = &data.positions[position];
    let actor = &text.actors[p.actor].name;
    let when = if p.date_reported {
        format!("reported {}", p.date)
    } else {
        p.date.to_string()
    };
    let speaker = present(text.positions[position].speaker.as_deref())
        .filter(|s| !s.trim().eq_ignore_ascii_case(actor.trim()));
    let text_part = match speaker {
        Some(speaker) => format!("{actor} — {speaker}, {when}"),
        None => format!("{actor}, {when}"),
    };
    let reporter = p
        .reported_by
        .map(|r| format!("reported by {}", text.actors[r].name));
    let evidence: Vec<String> = p
        .evidence
        .map(|e| e.word().to_string())
        .into_iter()
        .chain(reporter)
        .collect();
    Byline {
        text: text_part,
        evidence: (!evidence.is_empty()).then(|| evidence.join(" · ")),
        said: true,
    }
}

/// "14 Jul 2015", or "14 Jul 2015 – 16 Jul 2015" for an event with an end.
fn event_dates(event: &Event) -> String {
    match event.end {
        Some(end) => format!("{} – {end}", event.date),
        None => event.date.to_string(),
    }
}

/// A matrix as a document point: a citation per cell, in reading order,
/// and the meaning of the marks as its summary.
fn matrix_point(data: &Dataset, table: MatrixTable, notes: &mut Notes) -> Point {
    let cited = table
        .rows
        .iter()
        .map(|row| {
            let cells = row.cells.iter();
            cells
                .map(|c| {
                    c.as_ref()
                        .map(|cell| notes.cite(data.positions[cell.position].source))
                })
                .collect()
        })
        .collect();
    Point {
        summary: legend(&table),
        matrix: Some(Box::new(MatrixPart { notes: cited, table })),
        ..empty_point(String::new())
    }
}

/// A matrix point's title: "State of play, as of 30 Sep 2015".
fn matrix_title(table: &MatrixTable) -> String {
    format!("State of play, {}", table.when())
}

/// What the marks mean, when there are any.
fn legend(table: &MatrixTable) -> Option<String> {
    table
        .since
        .map(|since| format!("\"changed\": stated after {since}."))
}
