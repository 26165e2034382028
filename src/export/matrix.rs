//! The matrix at a date (`matrix::table::MatrixTable`) in each export
//! format: a Markdown table with footnoted sources, plain text, and CSV.

use super::Citations;
use super::markdown::{footnote_refs, footnotes, inline};
use crate::display::DisplayText;
use crate::matrix::table::{MatrixTable, NO_POSITION, TableCell};
use crate::model::Dataset;

/// "(joint, 25 Sep 2015, +1 standing, changed)": whose words, when, how
/// many more positions of the party stand with it, and the mark.
fn facts(cell: &TableCell) -> String {
    let mut parts: Vec<String> = cell.evidence.iter().map(|e| e.word().to_string()).collect();
    parts.push(cell.date.to_string());
    if cell.others > 0 {
        parts.push(format!("+{} standing", cell.others));
    }
    if cell.changed {
        parts.push("changed".into());
    }
    format!("({})", parts.join(", "))
}

/// What the marks mean, when there are any.
fn legend(table: &MatrixTable) -> Option<String> {
    table
        .since
        .map(|since| format!("\"changed\": stated after {since}."))
}

/// Cites every cell's source, row by row: the footnote number of each
/// cell, in the table's shape.
pub(super) fn cite(table: &MatrixTable, citations: &mut Citations) -> Vec<Vec<Option<usize>>> {
    table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| c.as_ref().map(|cell| citations.cite(cell.source)))
                .collect()
        })
        .collect()
}

/// The table's rows in Markdown; `numbers` are the cells' footnotes (from `cite`).
pub(super) fn markdown_rows(table: &MatrixTable, numbers: &[Vec<Option<usize>>]) -> Vec<String> {
    let heads: Vec<String> = table.parties.iter().map(|p| inline(&p.name)).collect();
    let mut lines = vec![
        format!("| Topic | Status | {} |", heads.join(" | ")),
        format!("| --- | --- |{}", " --- |".repeat(table.parties.len())),
    ];
    for (row, numbers) in table.rows.iter().zip(numbers) {
        let cells: Vec<String> = row
            .cells
            .iter()
            .zip(numbers)
            .map(|(c, n)| match (c, n) {
                (Some(cell), Some(n)) => {
                    format!(
                        "{} {} {}",
                        inline(&cell.stance),
                        facts(cell),
                        footnote_refs(&[*n])
                    )
                }
                (Some(cell), None) => format!("{} {}", inline(&cell.stance), facts(cell)),
                (None, _) => format!("— {NO_POSITION}"),
            })
            .collect();
        lines.push(format!(
            "| {} | {} | {} |",
            inline(&row.topic),
            row.status.word(),
            cells.join(" | ")
        ));
    }
    lines
}

/// A whole Markdown document: a heading, the table, the legend, sources.
pub(super) fn markdown(data: &Dataset, text: &DisplayText, table: &MatrixTable) -> String {
    let mut citations = Citations::default();
    let numbers = cite(table, &mut citations);
    let mut parts = vec![
        format!("# {}: {}", inline(&table.title), table.when()),
        markdown_rows(table, &numbers).join("\n"),
    ];
    parts.extend(legend(table));
    let references = citations.references(data, text);
    if !references.is_empty() {
        parts.push(footnotes(&references));
    }
    parts.join("\n\n") + "\n"
}

/// Plain text: a topic per paragraph, a line per party. A grid of several
/// parties would not fit a page of text.
pub(super) fn text_rows(table: &MatrixTable, indent: &str) -> Vec<String> {
    let mut out = Vec::new();
    for row in &table.rows {
        out.push(format!("{indent}{} — {}", row.topic, row.status.word()));
        for (party, cell) in table.parties.iter().zip(&row.cells) {
            let said = match cell {
                Some(cell) => format!("{} {}", cell.stance, facts(cell)),
                None => NO_POSITION.to_string(),
            };
            out.push(format!("{indent}   {}: {said}", party.name));
        }
    }
    out.extend(legend(table).map(|l| format!("{indent}{l}")));
    out
}

pub(super) fn text(table: &MatrixTable) -> String {
    let title = format!("{}: {}", table.title, table.when());
    let rule = "=".repeat(unicode_width::UnicodeWidthStr::width(title.as_str()).max(1));
    format!("{title}\n{rule}\n\n{}\n", text_rows(table, "").join("\n"))
}

/// One CSV field (RFC 4180). A field a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A row per topic: its id, name and status, then per party the
/// position's id, date, evidence and stance (and "changed" with a since
/// date); empty fields where a party has no position.
pub(super) fn csv(table: &MatrixTable) -> String {
    let mut head = vec!["topic".to_string(), "topic name".into(), "status".into()];
    let mut per_party = vec!["position", "date", "evidence", "stance"];
    if table.since.is_some() {
        per_party.push("changed");
    }
    for party in &table.parties {
        head.extend(per_party.iter().map(|what| format!("{} {what}", party.id)));
    }
    let mut lines = vec![head.iter().map(|h| field(h)).collect::<Vec<_>>().join(",")];
    for row in &table.rows {
        let mut fields = vec![
            field(&row.topic_id),
            field(&row.topic),
            row.status.word().to_string(),
        ];
        for cell in &row.cells {
            let mut values = match cell {
                Some(c) => vec![
                    field(&c.id),
                    c.date.iso(),
                    c.evidence.map_or(String::new(), |e| e.word().to_string()),
                    field(&c.stance),
                    c.changed.to_string(),
                ],
                None => vec![String::new(); 5],
            };
            values.truncate(per_party.len());
            fields.extend(values);
        }
        lines.push(fields.join(","));
    }
    lines.join("\r\n") + "\r\n"
}
