//! The state of play: every party's standing position on every topic at
//! a date, and each topic's agreement status, derived only from the data.
//!
//! The rule (docs/MATRIX.md), the one `asof` applies everywhere:
//!
//! - A position is stated by a date from its first day (`2015-09` from
//!   1 September). Of a party's positions on a topic stated by then, those
//!   that stand are the ones not certainly followed by a later one: their
//!   period ends on or after the first day of the newest. Points made the
//!   same day all stand.
//! - A topic is `agreed` when every party has a standing `joint` text,
//!   `stated` when every party has a standing position but not all have a
//!   joint one, `one-sided` when only some parties have one, and `none`
//!   otherwise. Wording is never read: only the `evidence` field counts.
//!
//! `MatrixIndex` sorts each (topic, actor)'s positions once per load, so a
//! snapshot at a new date is a binary search and a short scan per cell.

pub mod table;

#[cfg(test)]
mod tests;

use crate::asof::stated_by;
use crate::date::{Date, Precision};
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

    /// The status of a topic with these cells, one per party.
    pub fn of(cells: &[Cell]) -> Status {
        let stated = cells.iter().filter(|c| c.position.is_some()).count();
        let joint = cells.iter().filter(|c| c.joint).count();
        match stated {
            0 => Status::None,
            n if n < cells.len() => Status::OneSided,
            n if joint == n => Status::Agreed,
            _ => Status::Stated,
        }
    }
}

/// Year, month, day: the least precise first among dates that share a
/// first day.
fn vagueness(date: Date) -> u8 {
    match date.precision() {
        Precision::Year => 0,
        Precision::Month => 1,
        Precision::Day => 2,
    }
}

/// One party on one topic at a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The standing position shown: the last joint text among those that
    /// stand, else the last of them (in date order, file order on ties).
    pub position: Option<usize>,
    /// How many other positions stand with it (made the same day, or in
    /// periods that overlap it).
    pub others: usize,
    /// One of the standing positions is a joint text.
    pub joint: bool,
}

/// The moment a topic's status changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    /// The least precise date among the positions that caused it; the
    /// change holds from its first day.
    pub date: Date,
    pub status: Status,
}

/// A day as a number that sorts like the day: cheap to compare in the
/// scans that run on every step of the "as of" date.
fn day_number(date: Date) -> u32 {
    let day = date.first_day();
    (u32::from(day.year_number()) << 9)
        | (u32::from(day.month_number().unwrap_or(1)) << 5)
        | u32::from(day.day_number().unwrap_or(1))
}

/// One position in a (topic, actor) series, with what the scans need so
/// they never touch the dataset.
#[derive(Clone, Copy, Debug)]
struct Entry {
    position: usize,
    /// First and last day of the position's date (`day_number`).
    first: u32,
    last: u32,
    /// Place in date order (file order on ties): a higher rank is later.
    rank: usize,
    joint: bool,
    /// The latest `last` among the entries up to and including this one,
    /// to stop the scan for standing positions.
    end: u32,
}

/// Per (topic, actor): positions by first day. Built once per load.
#[derive(Clone, Debug, Default)]
pub struct MatrixIndex {
    /// Party actor indices, in file order: the matrix's columns.
    pub parties: Vec<usize>,
    actors: usize,
    /// `series[topic * actors + actor]`: entries by first day, then in
    /// date order (file order on ties), so the positions stated by a date
    /// are a prefix.
    series: Vec<Vec<Entry>>,
    /// Per topic: each change of status, by first day (the first is the
    /// first position's; before it the status is `none`).
    pub changes: Vec<Vec<StatusChange>>,
}

impl MatrixIndex {
    pub fn new(data: &Dataset) -> Self {
        let actors = data.actors.len();
        let mut series: Vec<Vec<Entry>> = vec![Vec::new(); data.topics.len() * actors];
        for (rank, i) in data.positions_by_date().into_iter().enumerate() {
            let p = &data.positions[i];
            series[p.topic * actors + p.actor].push(Entry {
                position: i,
                first: day_number(p.date.first_day()),
                last: day_number(p.date.last_day()),
                rank,
                joint: p.evidence == Some(Evidence::Joint),
                end: 0,
            });
        }
        for entries in &mut series {
            // Stable: date order (and file order) stay within a first day.
            entries.sort_by_key(|e| e.first);
            let mut end = 0;
            for e in entries.iter_mut() {
                end = end.max(e.last);
                e.end = end;
            }
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

    fn slot(&self, topic: usize, actor: usize) -> usize {
        topic * self.actors + actor
    }

    fn entries(&self, topic: usize, actor: usize) -> &[Entry] {
        self.series
            .get(self.slot(topic, actor))
            .map_or(&[], Vec::as_slice)
    }

    /// `actor`'s positions on `topic` in date order (file order on ties).
    pub fn series(&self, topic: usize, actor: usize) -> Vec<usize> {
        let mut entries = self.entries(topic, actor).to_vec();
        entries.sort_by_key(|e| e.rank);
        entries.iter().map(|e| e.position).collect()
    }

    /// How many of `entries` are stated by `cursor` (all of them with no
    /// cursor): a prefix.
    fn stated(entries: &[Entry], cursor: Option<Date>) -> usize {
        match cursor {
            None => entries.len(),
            Some(c) => {
                let by = day_number(c.last_day());
                entries.partition_point(|e| e.first <= by)
            }
        }
    }

    /// The first day of `actor`'s newest position on `topic` stated by
    /// `cursor`: positions whose period ends before it are superseded.
    pub fn newest_start(
        &self,
        data: &Dataset,
        topic: usize,
        actor: usize,
        cursor: Option<Date>,
    ) -> Option<Date> {
        let entries = self.entries(topic, actor);
        let k = Self::stated(entries, cursor);
        let newest = entries.get(k.checked_sub(1)?)?;
        Some(data.positions[newest.position].date.first_day())
    }

    /// One party on one topic at `cursor` (`None`: the latest of all).
    pub fn cell(&self, topic: usize, actor: usize, cursor: Option<Date>) -> Cell {
        let entries = self.entries(topic, actor);
        let k = Self::stated(entries, cursor);
        let Some(newest) = k.checked_sub(1).map(|i| entries[i]) else {
            return Cell::default();
        };
        let start = newest.first;
        let (mut shown, mut shown_joint, mut count) = (None::<Entry>, None::<Entry>, 0);
        // Backwards until no earlier position can still be running.
        for e in entries[..k].iter().rev().take_while(|e| e.end >= start) {
            if e.last < start {
                continue;
            }
            count += 1;
            if shown.is_none_or(|s| e.rank > s.rank) {
                shown = Some(*e);
            }
            if e.joint && shown_joint.is_none_or(|s| e.rank > s.rank) {
                shown_joint = Some(*e);
            }
        }
        Cell {
            position: shown_joint.or(shown).map(|e| e.position),
            others: count - 1,
            joint: shown_joint.is_some(),
        }
    }

    /// Every party's cell on every topic, and each topic's status.
    pub fn snapshot(&self, data: &Dataset, cursor: Option<Date>) -> Snapshot {
        let width = self.parties.len();
        let mut cells = Vec::with_capacity(data.topics.len() * width);
        let mut status = Vec::with_capacity(data.topics.len());
        for topic in 0..data.topics.len() {
            let start = cells.len();
            cells.extend(self.parties.iter().map(|&a| self.cell(topic, a, cursor)));
            status.push(Status::of(&cells[start..]));
        }
        Snapshot {
            as_of: cursor,
            width,
            cells,
            status,
        }
    }

    /// The status changes of one topic, in one sweep through its
    /// positions by first day: which positions stand changes only on the
    /// first day of a newly stated one, so that is when the status is
    /// worked out. Positions sharing a first day (`2015`, `2015-01`,
    /// `2015-01-01`) are one step; the least precise date names it.
    fn topic_changes(&self, data: &Dataset, topic: usize) -> Vec<StatusChange> {
        let mut column = vec![None; self.actors];
        for (c, &a) in self.parties.iter().enumerate() {
            column[a] = Some(c);
        }
        let mut positions: Vec<usize> = self
            .parties
            .iter()
            .flat_map(|&a| self.entries(topic, a))
            .map(|e| e.position)
            .collect();
        let start = |p: usize| data.positions[p].date.first_day();
        positions.sort_by_key(|&p| (start(p), vagueness(data.positions[p].date)));
        // Per party: the first day of its newest position, and the last
        // day of its longest-running joint text.
        let mut newest: Vec<Option<Date>> = vec![None; self.parties.len()];
        let mut joint_until: Vec<Option<Date>> = vec![None; self.parties.len()];
        let mut out: Vec<StatusChange> = Vec::new();
        let mut last = Status::None;
        for group in positions.chunk_by(|&a, &b| start(a) == start(b)) {
            for &p in group {
                let position = &data.positions[p];
                let Some(c) = column[position.actor] else { continue };
                newest[c] = Some(position.date.first_day());
                if position.evidence == Some(Evidence::Joint) {
                    let end = position.date.last_day();
                    joint_until[c] = Some(joint_until[c].map_or(end, |e| e.max(end)));
                }
            }
            let cells: Vec<Cell> = (0..self.parties.len())
                .map(|c| Cell {
                    position: newest[c].map(|_| group[0]),
                    others: 0,
                    joint: joint_until[c].zip(newest[c]).is_some_and(|(end, s)| end >= s),
                })
                .collect();
            let status = Status::of(&cells);
            if status != last {
                let date = data.positions[group[0]].date;
                out.push(StatusChange { date, status });
                last = status;
            }
        }
        out
    }

    /// A topic's status at `cursor`, from its precomputed changes.
    pub fn status_at(&self, topic: usize, cursor: Option<Date>) -> Status {
        let changes = self.changes.get(topic).map_or(&[][..], Vec::as_slice);
        let upto = match cursor {
            None => changes.len(),
            Some(c) => changes.partition_point(|ch| stated_by(ch.date, c)),
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
    cells: Vec<Cell>,
    pub status: Vec<Status>,
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

/// True if `position` was stated after `since` (as `w` lists changes):
/// the cell is marked as changed.
pub fn changed_since(data: &Dataset, position: usize, since: Date) -> bool {
    crate::asof::after(data.positions[position].date, since)
}
