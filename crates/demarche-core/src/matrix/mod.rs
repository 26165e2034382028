//! The state of play: every party's standing position on every topic at
//! a date, and each topic's agreement status, derived only from the data
//! by the one rule in `standing` (docs/MATRIX.md).
//!
//! `MatrixIndex` is built once per load: the slots, and each topic's
//! status changes (so a status at a new date is a binary search).

pub mod table;

#[cfg(test)]
mod tests;

use crate::date::Date;
use crate::model::Dataset;
pub use crate::standing::status::{Cell, Status, StatusChange};
use crate::standing::{Rules, cursor_day, day_number};

/// The rules and each topic's status changes. Built once per load.
#[derive(Clone, Debug, Default)]
pub struct MatrixIndex {
    /// Party actor indices, in file order: the matrix's columns.
    pub parties: Vec<usize>,
    /// What stands, slot by slot.
    pub rules: Rules,
    /// Per topic: each change of status or of its certainty, in date
    /// order (before the first the status is `none`).
    pub changes: Vec<Vec<StatusChange>>,
}

impl MatrixIndex {
    pub fn new(data: &Dataset) -> Self {
        let parties = data.parties();
        let rules = Rules::new(data);
        let changes = (0..data.topics.len())
            .map(|t| rules.topic_changes(t, &parties))
            .collect();
        MatrixIndex {
            parties,
            rules,
            changes,
        }
    }

    /// `actor`'s positions on `topic` in the one order.
    pub fn series(&self, topic: usize, actor: usize) -> Vec<usize> {
        let mut members = self.rules.slot(topic, actor).to_vec();
        members.sort_by_key(|m| m.rank);
        members.iter().map(|m| m.position).collect()
    }

    /// One party on one topic at `cursor` (`None`: the latest of all).
    pub fn cell(&self, data: &Dataset, topic: usize, actor: usize, cursor: Option<Date>) -> Cell {
        self.rules.cell(data, topic, actor, cursor_day(cursor))
    }

    /// Every party's cell on every topic, and each topic's status.
    pub fn snapshot(&self, data: &Dataset, cursor: Option<Date>) -> Snapshot {
        let width = self.parties.len();
        let day = cursor_day(cursor);
        let mut cells = Vec::with_capacity(data.topics.len() * width);
        let mut status = Vec::with_capacity(data.topics.len());
        let mut certain = Vec::with_capacity(data.topics.len());
        for topic in 0..data.topics.len() {
            cells.extend(self.parties.iter().map(|&a| self.rules.cell(data, topic, a, day)));
            let (s, c) = self.status_on(topic, day);
            status.push(s);
            certain.push(c);
        }
        Snapshot {
            as_of: cursor,
            width,
            cells,
            status,
            certain,
        }
    }

    /// The change in force at `day`, if any.
    fn change_on(&self, topic: usize, day: u32) -> Option<&StatusChange> {
        let changes = self.changes.get(topic).map_or(&[][..], Vec::as_slice);
        let upto = changes.partition_point(|ch| day_number(ch.day) <= day);
        upto.checked_sub(1).map(|i| &changes[i])
    }

    fn status_on(&self, topic: usize, day: u32) -> (Status, bool) {
        self.change_on(topic, day)
            .map_or((Status::None, true), |c| (c.status, c.certain))
    }
}

/// The matrix at one date: a cell per (topic, party), a status per topic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub as_of: Option<Date>,
    width: usize,
    /// Row-major: `cells[topic * parties + column]`.
    cells: Vec<Cell>,
    pub status: Vec<Status>,
    /// Per topic: the dates settle its status.
    pub certain: Vec<bool>,
}

impl Snapshot {
    /// The position shown for party column `column` on `topic`.
    pub fn cell(&self, topic: usize, column: usize) -> Option<usize> {
        self.full(topic, column).position
    }

    /// The whole cell: the position shown, how many more stand with it.
    pub fn full(&self, topic: usize, column: usize) -> Cell {
        if column >= self.width {
            return Cell::default();
        }
        self.cells
            .get(topic * self.width + column)
            .copied()
            .unwrap_or_default()
    }

    /// One topic's cells, one per party.
    pub fn row(&self, topic: usize) -> &[Cell] {
        self.cells
            .get(topic * self.width..(topic + 1) * self.width)
            .unwrap_or(&[])
    }
}

/// A status change in words, the one wording every history uses:
/// "suspended: 20 May 2014, China: Halts … (suspends us-…, china-…)".
pub(crate) fn describe_change(
    data: &Dataset,
    text: &crate::text::display::DisplayText,
    change: &StatusChange,
) -> String {
    let by = &data.positions[change.by];
    let relation = change.relation.map_or(String::new(), |kind| {
        let targets: Vec<&str> = by
            .relations
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|&(_, t)| data.positions[t].id.as_str())
            .collect();
        format!(" ({} {})", kind.words(), targets.join(", "))
    });
    format!(
        "{}: {}, {}: {}{relation}",
        crate::standing::status::with_certainty(change.status, change.certain),
        by.date,
        text.actors[by.actor].short,
        text.positions[change.by].stance,
    )
}

/// A topic's changes in words, one line each: a status that is uncertain
/// until a bound and then holds is one line, "agreed (uncertain before 7
/// Jun 2013): 2013 – 7 Jun 2013, …".
pub fn describe_history(
    data: &Dataset,
    text: &crate::text::display::DisplayText,
    changes: &[StatusChange],
) -> Vec<String> {
    let mut out = Vec::with_capacity(changes.len());
    let mut k = 0;
    while k < changes.len() {
        let change = &changes[k];
        let settles = changes
            .get(k + 1)
            .filter(|next| !change.certain && next.certain && next.status == change.status);
        let line = describe_change(data, text, change);
        out.push(match settles {
            Some(next) => line.replacen("(uncertain)", &format!("(uncertain before {})", next.day), 1),
            None => line,
        });
        k += 1 + usize::from(settles.is_some());
    }
    out
}

/// True if `position` was stated after `since` (as `w` lists changes):
/// the cell is marked as changed.
pub fn changed_since(data: &Dataset, position: usize, since: Date) -> bool {
    crate::asof::after(data.positions[position].date, since)
}
