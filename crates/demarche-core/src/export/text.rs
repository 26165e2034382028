//! Plain-text rendering: the same document as the Markdown, laid out to
//! be read as it is. The text is display-safe already and needs no
//! escaping.

use unicode_width::UnicodeWidthStr;

use super::document::SILENT;
use super::document::{Block, Comparison, Document, Point, Reference};

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

/// The user's note as plain text after a "Note: " label.
fn user_note(note: &crate::notes::Note) -> String {
    labelled("Note: ", &crate::notes::plain(note.blocks()))
}

fn refs(numbers: &[usize]) -> String {
    numbers.iter().map(|n| format!("[{n}]")).collect()
}

/// A comparison, a moment at a time, a line per party.
fn comparison(c: &Comparison) -> Vec<String> {
    if c.rows.is_empty() {
        let [a, b] = &c.parties;
        return vec![format!(
            "{INDENT}Neither {a} nor {b} has stated a position on this."
        )];
    }
    let mut lines = Vec::new();
    for row in &c.rows {
        lines.push(match &row.event {
            Some(event) => format!("{INDENT}{} ({event})", row.date),
            None => format!("{INDENT}{}", row.date),
        });
        for (party, cell) in c.parties.iter().zip(&row.cells) {
            let said = cell.as_ref().map_or_else(
                || SILENT.to_string(),
                |c| match &c.quote {
                    Some(q) => format!("{} “{q}” [{}]", c.stance, c.note),
                    None => format!("{} [{}]", c.stance, c.note),
                },
            );
            lines.push(format!("{INDENT}  {party}: {said}"));
        }
    }
    lines
}

fn point(p: &Point) -> String {
    let mut lines = vec![format!("{}. {}", p.number, p.title)];
    lines.extend(p.quote.as_ref().map(|q| format!("{INDENT}“{q}”")));
    if let Some(byline) = &p.byline {
        let dash = if byline.said { "— " } else { "" };
        let line = format!("{dash}{}", byline.line());
        let line = if p.notes.is_empty() {
            line
        } else {
            format!("{line} {}", refs(&p.notes))
        };
        lines.push(format!("{INDENT}{line}"));
    }
    lines.extend(p.summary.as_deref().map(|s| labelled("", s)));
    lines.extend(p.comparison.iter().flat_map(comparison));
    lines.extend(p.matrix.iter().flat_map(|m| super::matrix::text(m, INDENT)));
    lines.extend(p.note.as_ref().map(user_note));
    lines.join("\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading(text) => underlined(text, '-'),
        Block::Point(p) => point(p),
        Block::Missing { kind, id, note } => {
            let marker = format!("[missing: {kind} \"{id}\" no longer in the data]");
            match note {
                Some(n) => format!("{marker}\n{}", user_note(n)),
                None => marker,
            }
        }
    }
}

/// `[n] Author, Title, ...` the first time a source is cited, `[n]
/// Author, Date` after that.
fn notes(doc: &Document) -> String {
    let lines: Vec<String> = (1..)
        .zip(&doc.notes)
        .map(|(n, note)| {
            let r = &doc.references[note.reference];
            let text = if note.first {
                citation(r)
            } else {
                let (name, _) = r.short_name();
                std::iter::once(name)
                    .chain(r.date.map(|d| d.to_string()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("[{n}] {text}")
        })
        .collect();
    lines.join("\n")
}

/// `Author, Title, Publisher, Date, url`, absent parts left out.
pub(super) fn citation(r: &Reference) -> String {
    crate::attribution::citation(
        r.author.as_deref(),
        &r.title,
        r.publisher.as_deref(),
        r.date,
        r.url.as_deref(),
    )
}

pub(super) fn render(doc: &Document) -> String {
    let mut parts = vec![underlined(&doc.title, '=')];
    parts.extend(doc.blocks.iter().map(block));
    if !doc.references.is_empty() {
        parts.push(format!("{}\n{}", underlined("Notes", '-'), notes(doc)));
        let lines: Vec<String> = doc.references.iter().map(citation).collect();
        parts.push(format!("{}\n{}", underlined("References", '-'), lines.join("\n")));
    }
    parts.join("\n\n") + "\n"
}
