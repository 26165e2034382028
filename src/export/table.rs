//! One topic as a two-party table: a row per date, a column per party.

use super::markdown::{footnote_refs, footnotes, inline};
use super::{Citations, present};
use crate::display::DisplayText;
use crate::grid::{Grid, Row};
use crate::model::Dataset;

/// Shown where a party stated no position.
const EMPTY: &str = "—";

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
    for row in Grid::for_pair(data, topic, parties).rows {
        let mut cells = row
            .cells
            .iter()
            .map(|c| c.map_or_else(|| EMPTY.to_string(), |i| cell(data, text, i, &mut citations)));
        let (a, b) = (cells.next().unwrap_or_default(), cells.next().unwrap_or_default());
        lines.push(format!("| {} | {a} | {b} |", when(text, &row)));
    }
    let references = citations.references(data, text);
    if !references.is_empty() {
        lines.push(String::new());
        lines.push(footnotes(&references));
    }
    lines.join("\n") + "\n"
}
