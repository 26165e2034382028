//! One topic as a two-party table: a row per date, a column per party.

use super::markdown::{footnote_refs, footnotes, inline};
use super::{Citations, present};
use crate::date::Date;
use crate::display::DisplayText;
use crate::model::Dataset;

/// Shown where a party stated no position.
const EMPTY: &str = "—";

struct Row {
    date: Date,
    event: Option<usize>,
    /// Position indices, one per party.
    cells: [Option<usize>; 2],
}

/// The parties' positions on `topic` in date order. Positions with the
/// same date and event share a row unless that party's cell is taken, so
/// a party's second statement on one day gets a row of its own.
fn rows(data: &Dataset, topic: usize, parties: [usize; 2]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for i in data.positions_by_date() {
        let p = &data.positions[i];
        let Some(side) = parties.iter().position(|&a| a == p.actor) else {
            continue;
        };
        if p.topic != topic {
            continue;
        }
        // Rows are in date order, so rows of this date are at the end.
        let shared = rows
            .iter_mut()
            .rev()
            .take_while(|r| r.date == p.date)
            .find(|r| r.event == p.event && r.cells[side].is_none());
        match shared {
            Some(row) => row.cells[side] = Some(i),
            None => {
                let mut cells = [None; 2];
                cells[side] = Some(i);
                rows.push(Row {
                    date: p.date,
                    event: p.event,
                    cells,
                });
            }
        }
    }
    rows
}

/// The date, and the event's name when the positions belong to one.
fn when(text: &DisplayText, row: &Row) -> String {
    match row.event {
        Some(e) => format!("{} ({})", row.date, inline(&text.events[e].name)),
        None => row.date.to_string(),
    }
}

/// `stance “quote” [^n]`, the quote only when there is one.
fn cell(data: &Dataset, text: &DisplayText, position: usize, citations: &mut Citations) -> String {
    let shown = &text.positions[position];
    let quote = present(shown.quote.as_deref()).map_or_else(String::new, |q| format!(" “{}”", inline(&q)));
    let number = citations.cite(data.positions[position].source);
    format!("{}{quote} {}", inline(&shown.stance), footnote_refs(&[number]))
}

pub(super) fn render(data: &Dataset, text: &DisplayText, topic: usize, parties: [usize; 2]) -> String {
    let name = |party: usize| inline(&text.actors[party].name);
    let mut lines = vec![
        format!("| Date | {} | {} |", name(parties[0]), name(parties[1])),
        "| --- | --- | --- |".to_string(),
    ];
    let mut citations = Citations::default();
    for row in rows(data, topic, parties) {
        let [a, b] = row
            .cells
            .map(|c| c.map_or_else(|| EMPTY.to_string(), |i| cell(data, text, i, &mut citations)));
        lines.push(format!("| {} | {a} | {b} |", when(text, &row)));
    }
    let references = citations.references(data, text);
    if !references.is_empty() {
        lines.push(String::new());
        lines.push(footnotes(&references));
    }
    lines.join("\n") + "\n"
}
