//! The matrix at a date (`matrix::table::MatrixTable`) in each export
//! format: inside a document (Markdown, pandoc, HTML, text), and as CSV.
//! The point a matrix makes in a document is built with the document
//! (`document::matrix_point`). Each format's escaping and citations come in from its renderer.

use super::document::MatrixPart;
use crate::matrix::table::{MatrixTable, NO_POSITION, TableCell};

/// "(joint, 25 Sep 2015, +1 standing, changed)": whose words, when, how
/// many more of the party's positions stand with it, and the mark.
pub(super) fn facts(cell: &TableCell) -> String {
    let mut parts: Vec<String> = cell.evidence.iter().map(|e| e.word().to_string()).collect();
    parts.push(cell.date.to_string());
    if cell.others > 0 {
        parts.push(format!("+{} standing", cell.others));
    }
    if !cell.certain {
        parts.push("uncertain".into());
    }
    if cell.changed {
        parts.push("changed".into());
    }
    if let Some(reservation) = &cell.reservation {
        parts.push(format!("with a reservation: {reservation}"));
    }
    format!("({})", parts.join(", "))
}

/// A GFM table: a row per topic, a column per party. `inline` escapes
/// text; `refs` writes note `n`'s citation.
pub(super) fn markdown(
    m: &MatrixPart,
    inline: &dyn Fn(&str) -> String,
    refs: &dyn Fn(usize) -> String,
) -> String {
    let table = &m.table;
    let heads: Vec<String> = table.parties.iter().map(|p| inline(&p.name)).collect();
    let mut lines = vec![
        format!("| Topic | Status | {} |", heads.join(" | ")),
        format!("| --- | --- |{}", " --- |".repeat(table.parties.len())),
    ];
    for (row, notes) in table.rows.iter().zip(&m.notes) {
        let cells: Vec<String> = row
            .cells
            .iter()
            .zip(notes)
            .map(|(c, n)| match (c, n) {
                (Some(cell), Some(n)) => format!("{} {} {}", inline(&cell.stance), facts(cell), refs(*n)),
                (Some(cell), None) => format!("{} {}", inline(&cell.stance), facts(cell)),
                (None, _) => format!("— {NO_POSITION}"),
            })
            .collect();
        lines.push(format!(
            "| {} | {} | {} |",
            inline(&row.topic),
            row.status_words(),
            cells.join(" | ")
        ));
    }
    lines.join("\n")
}

/// Plain text: a topic per paragraph, a line per party (a grid of several
/// parties would not fit a page of text). Citations are `[n]`.
pub(super) fn text(m: &MatrixPart, indent: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (row, notes) in m.table.rows.iter().zip(&m.notes) {
        out.push(format!("{indent}{} — {}", row.topic, row.status_words()));
        for ((party, cell), n) in m.table.parties.iter().zip(&row.cells).zip(notes) {
            let said = match (cell, n) {
                (Some(cell), Some(n)) => format!("{} {} [{n}]", cell.stance, facts(cell)),
                (Some(cell), None) => format!("{} {}", cell.stance, facts(cell)),
                (None, _) => NO_POSITION.to_string(),
            };
            out.push(format!("{indent}   {}: {said}", party.name));
        }
    }
    out
}

/// An HTML table; `esc` escapes text, `refs` writes note `n`'s link.
pub(super) fn html(m: &MatrixPart, esc: &dyn Fn(&str) -> String, refs: &dyn Fn(usize) -> String) -> String {
    let table = &m.table;
    let mut out = String::from(
        "<table class=\"comparison matrix\">\n<thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">Status</th>",
    );
    for party in &table.parties {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(&party.name)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (row, notes) in table.rows.iter().zip(&m.notes) {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"status\">{}</td>",
            esc(&row.topic),
            row.status_words()
        ));
        for (cell, n) in row.cells.iter().zip(notes) {
            out.push_str(&match cell {
                Some(cell) => format!(
                    "<td>{} <span class=\"date\">{}</span>{}</td>",
                    esc(&cell.stance),
                    esc(&facts(cell)),
                    n.map_or_else(String::new, refs)
                ),
                None => format!("<td class=\"silent\">{NO_POSITION}</td>"),
            });
        }
        out.push_str("</tr>\n");
    }
    out + "</tbody>\n</table>"
}

/// One CSV field (RFC 4180). A field a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
fn field(value: &str) -> String {
    let value = super::data::spreadsheet_safe(value.to_string());
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
            row.status_words().to_string(),
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
