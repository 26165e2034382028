//! Plain-text rendering: the same document as the Markdown, laid out to
//! be read as it is. The text is display-safe already and needs no
//! escaping.

use unicode_width::UnicodeWidthStr;

use super::{Block, Document, Point, Reference};

/// Point bodies sit under the point's title, after its number.
const INDENT: &str = "   ";

fn underlined(text: &str, rule: char) -> String {
    let rule: String = std::iter::repeat_n(rule, text.width().max(1)).collect();
    format!("{text}\n{rule}")
}

/// `label` before the first line of `text`, later lines aligned under the
/// first, all indented; blank lines stay blank.
fn labelled(label: &str, text: &str) -> String {
    let pad = " ".repeat(label.width());
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let lead = if i == 0 { label } else { &pad };
            format!("{INDENT}{lead}{line}").trim_end().to_string()
        })
        .collect();
    lines.join("\n")
}

fn refs(numbers: &[usize]) -> String {
    numbers.iter().map(|n| format!("[{n}]")).collect()
}

fn point(p: &Point) -> String {
    let mut lines = vec![format!("{}. {}", p.number, p.title)];
    lines.extend(p.quote.as_ref().map(|q| format!("{INDENT}“{q}”")));
    let byline = if p.refs.is_empty() {
        p.byline.clone()
    } else {
        format!("{} {}", p.byline, refs(&p.refs))
    };
    lines.push(format!("{INDENT}{byline}"));
    lines.extend(p.summary.as_deref().map(|s| labelled("", s)));
    lines.extend(p.note.as_deref().map(|n| labelled("Note: ", n)));
    lines.join("\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading(text) => underlined(text, '-'),
        Block::Point(p) => point(p),
        Block::Matrix {
            number, table, note, ..
        } => {
            let mut lines = vec![format!("{number}. State of play, {}", table.when())];
            lines.extend(super::matrix::text_rows(table, INDENT));
            lines.extend(note.as_deref().map(|n| labelled("Note: ", n)));
            lines.join("\n")
        }
        Block::Missing { kind, id, note } => {
            let marker = format!("[missing: {kind} \"{id}\" no longer in the data]");
            match note {
                Some(n) => format!("{marker}\n{}", labelled("Note: ", n)),
                None => marker,
            }
        }
    }
}

/// `[n] Author, Title, Publisher, Date, url`, absent parts left out.
fn reference(number: usize, r: &Reference) -> String {
    format!("[{number}] {}", citation(r))
}

/// `Author, Title, Publisher, Date, url`, absent parts left out.
pub(super) fn citation(r: &Reference) -> String {
    let parts: Vec<&str> = [
        r.author.as_deref(),
        Some(r.title.as_str()),
        r.publisher.as_deref(),
        r.date.as_deref(),
        r.url.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(", ")
}

pub(super) fn render(doc: &Document) -> String {
    let mut parts = vec![underlined(&doc.title, '=')];
    parts.extend(doc.blocks.iter().map(block));
    if !doc.references.is_empty() {
        let lines: Vec<String> = (1..).zip(&doc.references).map(|(n, r)| reference(n, r)).collect();
        parts.push(format!("{}\n{}", underlined("References", '-'), lines.join("\n")));
    }
    parts.join("\n\n") + "\n"
}
