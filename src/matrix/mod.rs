//! The state of play: every party's latest position on every topic at a
//! date, and each topic's agreement status, derived only from the data.
//!
//! The rule (docs/MATRIX.md):
//!
//! - A party's *latest* position on a topic at a date is the last one
//!   stated by then, in date order. A month or year counts from its first
//!   day (as everywhere "as of" is used), and sorts before the more precise
//!   dates it contains; on equal dates the one later in the file is later.
//! - A topic is `agreed` when every party's latest position is a `joint`
//!   text, `stated` when every party has one but not all are joint,
//!   `one-sided` when only some parties have one, and `none` otherwise.
//!   Wording is never read: only the `evidence` field counts.
//!
//! `MatrixIndex` sorts each (topic, actor)'s positions once per load, so a
//! snapshot at a new date is a binary search per cell.

pub mod table;

#[cfg(test)]
mod tests;

use crate::date::Date;
use crate::model::{Dataset, Evidence};

/// A topic's agreement status at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    None,
    OneSided,
    Stated,
    Agreed,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::None, Status::OneSided, Status::Stated, Status::Agreed];

    /// The word every output uses.
    pub fn word(self) -> &'static str {
        match self {
            Status::None => "none",
            Status::OneSided => "one-sided",
            Status::Stated => "stated",
            Status::Agreed => "agreed",
        }
    }

    /// One cell of a status strip: distinct shapes, so it reads without colour.
    pub fn glyph(self) -> char {
        match self {
            Status::None => '·',
            Status::OneSided => '░',
            Status::Stated => '▒',
            Status::Agreed => '█',
        }
    }

    /// The status of a topic whose parties' latest positions are `latest`.
    pub fn of(latest: &[Option<usize>], data: &Dataset) -> Status {
        let stated = latest.iter().flatten().count();
        let joint = latest
            .iter()
            .flatten()
            .filter(|&&p| data.positions[p].evidence == Some(Evidence::Joint))
            .count();
        match stated {
            0 => Status::None,
            n if n < latest.len() => Status::OneSided,
            n if joint == n => Status::Agreed,
            _ => Status::Stated,
        }
    }
}

/// The moment a topic's status changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    /// The least precise date among the positions that caused it; the
    /// change holds from its first day.
    pub date: Date,
    pub status: Status,
}

/// Per (topic, actor): positions in date order. Built once per load.
#[derive(Clone, Debug, Default)]
pub struct MatrixIndex {
    /// Party actor indices, in file order: the matrix's columns.
    pub parties: Vec<usize>,
    actors: usize,
    /// `series[topic * actors + actor]`: position indices in date order.
    series: Vec<Vec<usize>>,
    /// Per topic: each change of status, in date order (the first is the
    /// first position's; before it the status is `none`).
    pub changes: Vec<Vec<StatusChange>>,
}

impl MatrixIndex {
    pub fn new(data: &Dataset) -> Self {
        let actors = data.actors.len();
        let mut series = vec![Vec::new(); data.topics.len() * actors];
        for i in data.positions_by_date() {
            let p = &data.positions[i];
            series[p.topic * actors + p.actor].push(i);
        }
        let mut index = MatrixIndex {
            parties: data.parties(),
            actors,
            series,
            changes: Vec::new(),
        };
        index.changes = (0..data.topics.len())
            .map(|t| index.topic_changes(data, t))
            .collect();
        index
    }

    /// `actor`'s positions on `topic`, in date order.
    pub fn series(&self, topic: usize, actor: usize) -> &[usize] {
        self.series
            .get(topic * self.actors + actor)
            .map_or(&[], Vec::as_slice)
    }

    /// `actor`'s latest position on `topic` as of `cursor` (`None`: the
    /// latest of all).
    pub fn latest(&self, data: &Dataset, topic: usize, actor: usize, cursor: Option<Date>) -> Option<usize> {
        let series = self.series(topic, actor);
        let stated = match cursor {
            None => series.len(),
            // First days rise with date order, so the stated ones are a prefix.
            Some(c) => series.partition_point(|&p| crate::asof::stated_by(data.positions[p].date, c)),
        };
        stated.checked_sub(1).map(|i| series[i])
    }

    /// Every party's latest position on every topic, and each topic's status.
    pub fn snapshot(&self, data: &Dataset, cursor: Option<Date>) -> Snapshot {
        let width = self.parties.len();
        let mut cells = Vec::with_capacity(data.topics.len() * width);
        let mut status = Vec::with_capacity(data.topics.len());
        for topic in 0..data.topics.len() {
            let start = cells.len();
            cells.extend(self.parties.iter().map(|&a| self.latest(data, topic, a, cursor)));
            status.push(Status::of(&cells[start..], data));
        }
        Snapshot {
            as_of: cursor,
            width,
            cells,
            status,
        }
    }

    /// The status changes of one topic: the status is evaluated from each
    /// distinct first day on which a party stated something.
    fn topic_changes(&self, data: &Dataset, topic: usize) -> Vec<StatusChange> {
        let mut dates: Vec<Date> = self
            .parties
            .iter()
            .flat_map(|&a| self.series(topic, a))
            .map(|&p| data.positions[p].date)
            .collect();
        dates.sort_unstable();
        let mut out: Vec<StatusChange> = Vec::new();
        let mut last = Status::None;
        let mut i = 0;
        while i < dates.len() {
            // Dates sharing a first day are one step: no cursor tells them apart.
            let first = dates[i].first_day();
            let group_end = dates[i..]
                .iter()
                .position(|d| d.first_day() != first)
                .map_or(dates.len(), |n| i + n);
            let latest: Vec<Option<usize>> = self
                .parties
                .iter()
                .map(|&a| self.latest(data, topic, a, Some(first)))
                .collect();
            let status = Status::of(&latest, data);
            if status != last {
                out.push(StatusChange {
                    date: dates[i],
                    status,
                });
                last = status;
            }
            i = group_end;
        }
        out
    }

    /// A topic's status at `cursor`, from its precomputed changes.
    pub fn status_at(&self, topic: usize, cursor: Option<Date>) -> Status {
        let changes = self.changes.get(topic).map_or(&[][..], Vec::as_slice);
        let upto = match cursor {
            None => changes.len(),
            Some(c) => changes.partition_point(|ch| crate::asof::stated_by(ch.date, c)),
        };
        upto.checked_sub(1).map_or(Status::None, |i| changes[i].status)
    }
}

/// The matrix at one date: a cell per (topic, party), a status per topic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub as_of: Option<Date>,
    width: usize,
    /// Row-major: `cells[topic * parties + column]`.
    cells: Vec<Option<usize>>,
    pub status: Vec<Status>,
}

impl Snapshot {
    /// The latest position of party column `column` on `topic`.
    pub fn cell(&self, topic: usize, column: usize) -> Option<usize> {
        if column >= self.width {
            return None;
        }
        self.cells.get(topic * self.width + column).copied().flatten()
    }

    /// One topic's cells, a position or `None` per party.
    pub fn row(&self, topic: usize) -> &[Option<usize>] {
        self.cells
            .get(topic * self.width..(topic + 1) * self.width)
            .unwrap_or(&[])
    }
}

/// True if `position` was stated after `since` (as `w` lists changes):
/// the cell is marked as changed.
pub fn changed_since(data: &Dataset, position: usize, since: Date) -> bool {
    data.positions[position].date.first_day() > since.last_day()
}
