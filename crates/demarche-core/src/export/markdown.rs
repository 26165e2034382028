//! Markdown rendering: `--format md` with footnotes, and `--format
//! pandoc` with `[@source-id]` citations for `pandoc --citeproc`.
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
//! — Actor — Speaker, 25 Sep 2015 · quote [^1]
//!
//! **Note:** the user's note, in Markdown
//!
//! ### 2. Comparison: The topic
//!
//! | Date | Party A | Party B |
//! | --- | --- | --- |
//! | Sep 2015 | stance “quote” [^2] | — |
//!
//! ## References
//!
//! - Author, *Title*, Publisher, 14 Jul 2015, <https://example.org/>
//!
//! [^1]: Author, *Title*, Publisher, 14 Jul 2015, <https://example.org/>.
//!
//! [^2]: Author, 14 Jul 2015.
//! ```
//!
//! Points are numbered `###` headings rather than list items, so each can
//! hold a quote, a byline and the user's notes without list indentation
//! rules. Numbers run through the whole deck; a missing pin (its id is no
//! longer in the data) is shown, unnumbered, where it was.

use super::document::{Block, Comparison, Document, Point, Reference, SILENT};
use super::escape::{guard_start, inline, line, paragraphs, url};
use super::usernotes;

/// How citations are written.
#[derive(Clone, Copy)]
enum Cite<'a> {
    /// `[^n]`, with definitions at the end.
    Footnotes,
    /// `[@id]`; the references come from pandoc's citeproc.
    Pandoc(&'a Document),
}

impl Cite<'_> {
    /// The citations for notes `numbers`, spaced so no two `[^n]` can
    /// read as a reference link.
    fn refs(self, numbers: &[usize]) -> String {
        match self {
            Cite::Footnotes => {
                let refs: Vec<String> = numbers.iter().map(|n| format!("[^{n}]")).collect();
                refs.join(" ")
            }
            Cite::Pandoc(doc) => {
                let keys: Vec<String> = numbers
                    .iter()
                    .map(|&n| pandoc_key(&doc.references[doc.notes[n - 1].reference].id))
                    .collect();
                format!("[{}]", keys.join("; "))
            }
        }
    }

    /// `text` and its citations, if any.
    fn after(self, text: String, numbers: &[usize]) -> String {
        if numbers.is_empty() {
            text
        } else {
            format!("{text} {}", self.refs(numbers))
        }
    }
}

/// `@id`, or `@{id}` when the id does not start and end with a letter
/// or digit (pandoc's plain keys must).
fn pandoc_key(id: &str) -> String {
    let plain = id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id.ends_with(|c: char| c.is_ascii_alphanumeric());
    if plain {
        format!("@{id}")
    } else {
        format!("@{{{id}}}")
    }
}

/// `Author, *Title*, Publisher, Date, <url>`, absent parts left out.
pub(super) fn full_citation(r: &Reference) -> String {
    let parts: Vec<String> = [
        r.author.as_deref().map(inline),
        Some(format!("*{}*", inline(&r.title))),
        r.publisher.as_deref().map(inline),
        r.date.map(|d| d.to_string()),
        r.url.as_deref().map(url),
    ]
    .into_iter()
    .flatten()
    .collect();
    guard_start(parts.join(", "))
}

/// `Author, Date` or `*Short title*, Date`.
fn short_citation(r: &Reference) -> String {
    let (name, is_title) = r.short_name();
    let name = if is_title {
        format!("*{}*", inline(&name))
    } else {
        inline(&name)
    };
    let parts: Vec<String> = std::iter::once(name)
        .chain(r.date.map(|d| d.to_string()))
        .collect();
    guard_start(parts.join(", "))
}

/// The footnote definitions, one per citation, full the first time a
/// source is cited. Blank lines between them keep renderers from reading
/// one as the continuation of another.
fn footnotes(doc: &Document) -> String {
    let lines: Vec<String> = (1..)
        .zip(&doc.notes)
        .map(|(n, note)| {
            let r = &doc.references[note.reference];
            let text = if note.first {
                full_citation(r)
            } else {
                short_citation(r)
            };
            format!("[^{n}]: {text}.")
        })
        .collect();
    lines.join("\n\n")
}

/// A comparison's cell: `stance “quote” [^n]`.
fn cell(cite: Cite, c: &super::document::Cell) -> String {
    let quote = c
        .quote
        .as_deref()
        .map_or_else(String::new, |q| format!(" “{}”", inline(q)));
    cite.after(format!("{}{quote}", inline(&c.stance)), &[c.note])
}

/// A comparison as a table (a header only when it has no rows).
fn comparison(cite: Cite, c: &Comparison) -> String {
    let [a, b] = &c.parties;
    let mut lines = vec![
        format!("| Date | {} | {} |", inline(a), inline(b)),
        "| --- | --- | --- |".to_string(),
    ];
    for row in &c.rows {
        let when = match &row.event {
            Some(event) => format!("{} ({})", row.date, inline(event)),
            None => row.date.clone(),
        };
        let [x, y] = row
            .cells
            .each_ref()
            .map(|c| c.as_ref().map_or_else(|| SILENT.to_string(), |c| cell(cite, c)));
        lines.push(format!("| {when} | {x} | {y} |"));
    }
    lines.join("\n")
}

fn point(cite: Cite, p: &Point) -> Vec<String> {
    let mut parts = vec![format!("### {}. {}", p.number, inline(&p.title))];
    parts.extend(p.quote.as_deref().map(|q| format!("> {}", line(q))));
    if let Some(byline) = &p.byline {
        let dash = if byline.said { "— " } else { "" };
        parts.push(cite.after(line(&format!("{dash}{}", byline.line())), &p.notes));
    }
    parts.extend(p.summary.as_deref().map(paragraphs));
    if let Some(m) = &p.matrix {
        parts.push(super::matrix::markdown(m, &|t| inline(t), &|n| cite.refs(&[n])));
    }
    if let Some(c) = &p.comparison {
        parts.push(match c.rows.is_empty() {
            true => line(&format!(
                "Neither {} nor {} has stated a position on this.",
                c.parties[0], c.parties[1]
            )),
            false => comparison(cite, c),
        });
    }
    parts.extend(p.note.as_ref().map(usernotes::labelled));
    parts
}

fn block(cite: Cite, b: &Block) -> Vec<String> {
    match b {
        Block::Heading(text) => vec![format!("## {}", inline(text))],
        Block::Point(p) => point(cite, p),
        Block::Missing { kind, id, note } => {
            let marker = format!("> \\[missing: {kind} \"{}\" no longer in the data\\]", inline(id));
            std::iter::once(marker)
                .chain(note.as_ref().map(usernotes::labelled))
                .collect()
        }
    }
}

/// Each cited source once, as a list.
fn references(doc: &Document) -> String {
    let items: Vec<String> = doc
        .references
        .iter()
        .map(|r| format!("- {}", full_citation(r)))
        .collect();
    items.join("\n")
}

/// `export --topic`: the comparison table and its footnotes.
pub(super) fn topic_table(doc: &Document, c: &Comparison) -> String {
    let mut out = comparison(Cite::Footnotes, c);
    if !doc.notes.is_empty() {
        out.push_str("\n\n");
        out.push_str(&footnotes(doc));
    }
    out + "\n"
}

/// `--format md`.
pub(super) fn render(doc: &Document) -> String {
    let mut parts = vec![format!("# {}", inline(&doc.title))];
    parts.extend(doc.blocks.iter().flat_map(|b| block(Cite::Footnotes, b)));
    if !doc.references.is_empty() {
        parts.push("## References".to_string());
        parts.push(references(doc));
        parts.push(footnotes(doc));
    }
    parts.join("\n\n") + "\n"
}

/// `--format pandoc`: the title in YAML front matter with the
/// bibliography's file name; citeproc writes the references where the
/// `refs` div is.
pub(super) fn render_pandoc(doc: &Document, bibliography: &str) -> String {
    let yaml = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let mut parts = vec![format!(
        "---\ntitle: {}\nbibliography: {}\nlink-citations: true\n---",
        yaml(&inline(&doc.title)),
        yaml(bibliography)
    )];
    parts.extend(doc.blocks.iter().flat_map(|b| block(Cite::Pandoc(doc), b)));
    if !doc.references.is_empty() {
        parts.push("## References".to_string());
        parts.push("::: {#refs}\n:::".to_string());
    }
    parts.join("\n\n") + "\n"
}
