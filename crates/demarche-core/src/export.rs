//! The deck as a document to hand out, and the data for other tools.
//!
//! Every deck format lays out one [`Document`] (`document.rs`): the deck
//! resolved against the data, with its citations numbered once, so the
//! Markdown, the pandoc Markdown, the HTML handout and the plain text all
//! show the same notes with the same numbers.
//!
//! | module | output |
//! |---|---|
//! | `document` | the deck resolved: points, comparisons, notes, references |
//! | `escape` | Markdown escaping of data text (CommonMark, GFM and pandoc) |
//! | `usernotes` | the user's notes as Markdown that cannot break the document |
//! | `markdown` | `--format md` (footnotes) and `--format pandoc` (`[@id]`) |
//! | `csl` | the CSL-JSON bibliography beside a pandoc export |
//! | `html` | `--format html`, a self-contained printable handout |
//! | `text` | `--format txt` |
//! | `table` | `export --topic`: one topic as a two-party table |
//! | `data` | `list --format csv` and `timeline --format timelinejs` |
//!
//! Citations follow a notes style: every citation is a note of its own,
//! numbered in reading order; the first note citing a source gives the
//! full citation, later ones a short form (author or short title, date).
//! A References section lists each cited source once.
//!
//! Text from the data file comes from `DisplayText` (control characters
//! already neutralised) and is escaped for each format, so it cannot add
//! structure. The user's notes are Markdown: they pass through, guarded
//! so that they stay inside their point.

mod csl;
pub mod data;
mod document;
mod escape;
mod html;
mod markdown;
mod matrix;
mod table;
mod text;
mod usernotes;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_formats;

use crate::deck::Deck;
use crate::model::Dataset;
use crate::text::display::DisplayText;

pub use data::{CsvError, csv, timelinejs};
use document::Document;
pub use document::title as document_title;

/// The formats a deck can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeckFormat {
    /// CommonMark with footnotes: pandoc's `markdown` and `gfm` readers
    /// and GitHub render it alike.
    Markdown,
    /// Markdown with `[@source-id]` citations and YAML front matter naming
    /// a CSL-JSON bibliography, for `pandoc --citeproc`.
    Pandoc,
    /// One self-contained HTML file that prints cleanly.
    Html,
    /// Plain text.
    Text,
}

impl DeckFormat {
    /// The file extension an export in this format gets.
    pub fn extension(self) -> &'static str {
        match self {
            DeckFormat::Markdown | DeckFormat::Pandoc => "md",
            DeckFormat::Html => "html",
            DeckFormat::Text => "txt",
        }
    }

    /// The name the user picks it by.
    pub fn name(self) -> &'static str {
        match self {
            DeckFormat::Markdown => "Markdown",
            DeckFormat::Pandoc => "pandoc Markdown",
            DeckFormat::Html => "HTML",
            DeckFormat::Text => "text",
        }
    }
}

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

/// One exported deck: the main file's text, and for the pandoc format
/// the CSL-JSON bibliography that goes beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub main: String,
    /// `Some` for `DeckFormat::Pandoc`: the bibliography's text.
    pub bibliography: Option<String>,
}

/// The bibliography's file name beside a pandoc export:
/// `brief.md` -> `brief.references.json`.
pub fn bibliography_path(main: &std::path::Path) -> std::path::PathBuf {
    let stem = main
        .file_stem()
        .map_or_else(|| "export".into(), |s| s.to_os_string());
    let mut name = stem;
    name.push(".references.json");
    main.with_file_name(name)
}

/// The deck in `format`. For the pandoc format, `bibliography` is the
/// file name the front matter points at (relative to the export).
pub fn deck(
    data: &Dataset,
    text: &DisplayText,
    deck: &Deck,
    opts: &ExportOptions,
    format: DeckFormat,
    bibliography: &str,
) -> Exported {
    render(&Document::build(data, text, deck, opts), format, bibliography)
}

/// The matrix at a date on its own, in `format`: one point, its table
/// and its sources. For the pandoc format, `bibliography` is as for `deck`.
pub fn matrix(
    data: &Dataset,
    text: &DisplayText,
    table: crate::matrix::table::MatrixTable,
    format: DeckFormat,
    bibliography: &str,
) -> Exported {
    render(&Document::matrix(data, text, table), format, bibliography)
}

/// A document in `format`, with the bibliography the pandoc format needs.
fn render(doc: &Document, format: DeckFormat, bibliography: &str) -> Exported {
    let main = match format {
        DeckFormat::Markdown => markdown::render(doc),
        DeckFormat::Pandoc => markdown::render_pandoc(doc, bibliography),
        DeckFormat::Html => html::render(doc),
        DeckFormat::Text => text::render(doc),
    };
    let bibliography = (format == DeckFormat::Pandoc).then(|| csl::render(doc));
    Exported { main, bibliography }
}

/// The matrix at a date as CSV: a row per topic, columns per party.
pub fn matrix_csv(table: &crate::matrix::table::MatrixTable) -> String {
    matrix::csv(table)
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

/// One position as plain text, for the clipboard: the stance, the quote,
/// who said it and when, and the source.
pub fn citation_text(data: &Dataset, text: &DisplayText, position: usize) -> String {
    let shown = &text.positions[position];
    let mut out = shown.stance.clone();
    if let Some(quote) = document::present(shown.quote.as_deref()) {
        out.push_str(&format!("\n“{quote}”"));
    }
    out.push_str(&format!("\n— {}", document::byline(data, text, position).line()));
    let source = document::Reference::new(data, text, data.positions[position].source);
    out.push_str(&format!("\nSource: {}", text::citation(&source)));
    out
}
