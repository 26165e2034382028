//! The matrix at a date as a table: what every export format (Markdown,
//! text, CSV, and any added later) renders. Text is display-safe.

use super::{MatrixIndex, Status, changed_since};
use crate::date::Date;
use crate::model::{Dataset, Evidence};
use crate::text::display::DisplayText;

/// Shown (in words, not colour) where a party has no position yet.
pub const NO_POSITION: &str = "no stated position";

#[derive(Clone, Debug, PartialEq)]
pub struct MatrixTable {
    /// The dataset's title.
    pub title: String,
    /// `None`: the latest of everything.
    pub as_of: Option<Date>,
    /// Cells stated after this date are marked as changed.
    pub since: Option<Date>,
    pub parties: Vec<Party>,
    pub rows: Vec<TableRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub short: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub topic_id: String,
    pub topic: String,
    pub status: Status,
    /// The dates settle the status.
    pub certain: bool,
    /// One per party, in `MatrixTable::parties` order.
    pub cells: Vec<Option<TableCell>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableCell {
    /// Index into `Dataset::positions`.
    pub position: usize,
    pub id: String,
    pub stance: String,
    pub evidence: Option<Evidence>,
    pub date: Date,
    /// Index into `Dataset::sources`, for citations.
    pub source: usize,
    /// Other positions of the party that stand with this one (the same
    /// day, or overlapping periods).
    pub others: usize,
    /// Stated after `MatrixTable::since`.
    pub changed: bool,
    /// The dates settle that it stands.
    pub certain: bool,
    /// The stance of a standing position that qualifies it.
    pub reservation: Option<String>,
}

impl TableRow {
    /// "agreed", or "agreed (uncertain)".
    pub(crate) fn status_words(&self) -> String {
        crate::standing::status::with_certainty(self.status, self.certain)
    }
}

impl MatrixTable {
    pub fn build(
        index: &MatrixIndex,
        data: &Dataset,
        text: &DisplayText,
        as_of: Option<Date>,
        since: Option<Date>,
    ) -> Self {
        let snapshot = index.snapshot(data, as_of);
        let parties = index
            .parties
            .iter()
            .map(|&a| Party {
                id: data.actors[a].id.clone(),
                name: text.actors[a].name.clone(),
                short: text.actors[a].short.clone(),
            })
            .collect();
        let rows = (0..data.topics.len())
            .map(|t| TableRow {
                topic_id: data.topics[t].id.clone(),
                topic: text.topics[t].name.clone(),
                status: snapshot.status[t],
                certain: snapshot.certain[t],
                cells: snapshot
                    .row(t)
                    .iter()
                    .map(|c| c.position.map(|p| cell(data, text, p, c, since)))
                    .collect(),
            })
            .collect();
        MatrixTable {
            title: text.title.clone(),
            as_of,
            since,
            parties,
            rows,
        }
    }

    /// "as of 30 Sep 2015" or "latest positions".
    pub fn when(&self) -> String {
        self.as_of
            .map_or_else(|| "latest positions".to_string(), |d| format!("as of {d}"))
    }
}

fn cell(data: &Dataset, text: &DisplayText, p: usize, shown: &super::Cell, since: Option<Date>) -> TableCell {
    let position = &data.positions[p];
    TableCell {
        position: p,
        id: position.id.clone(),
        stance: text.positions[p].stance.clone(),
        evidence: position.evidence,
        date: position.date,
        source: position.source,
        others: shown.others,
        changed: since.is_some_and(|s| changed_since(data, p, s)),
        certain: shown.certain,
        reservation: shown.reservation.map(|r| text.positions[r].stance.clone()),
    }
}
