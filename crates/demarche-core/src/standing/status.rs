//! A topic's status (agreed, suspended, stated, one-sided, none) from
//! what stands in each party's slot, at a day and over time.

use super::{EndedBy, Member, Rules, Standing};
use crate::date::Date;
use crate::model::{Dataset, Relation};

/// A topic's agreement status at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    None,
    OneSided,
    Stated,
    /// Agreed before, not now, and the last change away from agreed was
    /// a `suspends`.
    Suspended,
    Agreed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::None,
        Status::OneSided,
        Status::Stated,
        Status::Suspended,
        Status::Agreed,
    ];

    /// The word every output uses.
    pub fn word(self) -> &'static str {
        match self {
            Status::None => "none",
            Status::OneSided => "one-sided",
            Status::Stated => "stated",
            Status::Suspended => "suspended",
            Status::Agreed => "agreed",
        }
    }

    /// One cell of a status strip: distinct shapes, so it reads without colour.
    pub fn glyph(self) -> char {
        match self {
            Status::None => '·',
            Status::OneSided => '░',
            Status::Stated => '▒',
            Status::Suspended => '▚',
            Status::Agreed => '█',
        }
    }

    /// The status of a topic with these cells, one per party, before
    /// suspensions are considered (that needs the history).
    pub fn of(cells: &[Cell]) -> Status {
        let stated = cells.iter().filter(|c| c.position.is_some()).count();
        let agreed = cells.iter().filter(|c| c.agreed).count();
        match stated {
            0 => Status::None,
            n if n < cells.len() => Status::OneSided,
            n if agreed == n => Status::Agreed,
            _ => Status::Stated,
        }
    }
}

/// The mark of an uncertain status or cell, in words and a shape that
/// reads without colour.
pub const UNCERTAIN_MARK: char = '?';

/// The word after an uncertain status: "agreed (uncertain)".
pub(crate) fn with_certainty(status: Status, certain: bool) -> String {
    if certain {
        status.word().to_string()
    } else {
        format!("{} (uncertain)", status.word())
    }
}

/// One party on one topic at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The standing position shown: the last agreed one among those that
    /// stand, else the last of them (in the one order).
    pub position: Option<usize>,
    /// How many other positions stand with it.
    pub others: usize,
    /// One of the standing positions is agreed.
    pub agreed: bool,
    /// The dates settle which positions stand.
    pub certain: bool,
    /// A standing position that qualifies the one shown: its reservation.
    pub reservation: Option<usize>,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            position: None,
            others: 0,
            agreed: false,
            certain: true,
            reservation: None,
        }
    }
}

/// The moment a topic's status (or its certainty) changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    /// The day it holds from.
    pub day: Date,
    pub status: Status,
    pub certain: bool,
    /// The position that caused it.
    pub by: usize,
    /// The relation that caused it, if one did.
    pub relation: Option<Relation>,
}

impl Rules {
    /// One slot at `day` (a `day_number`).
    pub fn cell(&self, data: &Dataset, topic: usize, actor: usize, day: u32) -> Cell {
        // Positions not yet stated add nothing, either way of reading.
        let slot = self.stated_by(topic, actor, day);
        let mut cell = Cell::default();
        let (mut shown, mut shown_agreed, mut count) = (None::<&Member>, None::<&Member>, 0);
        // What the cell says if every uncertain date falls before the day
        // (the guess) and if every one falls after it: the same, and the
        // dates do not matter.
        let (mut early, mut late) = ((false, false), (false, false));
        for m in slot {
            let at = m.at(day);
            if at.standing == Standing::Latest {
                early = (true, early.1 || m.agreed);
            }
            if at.late {
                late = (true, late.1 || m.agreed);
            }
            if at.standing != Standing::Latest {
                continue;
            }
            count += 1;
            let later = |s: Option<&Member>| s.is_none_or(|s| m.rank > s.rank);
            if later(shown) {
                shown = Some(m);
            }
            if m.agreed && later(shown_agreed) {
                shown_agreed = Some(m);
            }
        }
        cell.certain = early == late;
        let Some(shown) = shown_agreed.or(shown) else {
            return cell;
        };
        cell.position = Some(shown.position);
        cell.others = count - 1;
        cell.agreed = shown_agreed.is_some();
        cell.reservation = slot
            .iter()
            .filter(|m| m.at(day).standing == Standing::Latest)
            .map(|m| m.position)
            .find(|&q| {
                data.positions[q]
                    .relations
                    .contains(&(Relation::Qualifies, shown.position))
            });
        cell
    }

    /// Each change of `topic`'s status among `parties`, in one sweep over
    /// the days on which a member's standing can change.
    pub(crate) fn topic_changes(&self, topic: usize, parties: &[usize]) -> Vec<StatusChange> {
        let members: Vec<(usize, &Member)> = parties
            .iter()
            .enumerate()
            .flat_map(|(c, &a)| self.slot(topic, a).iter().map(move |m| (c, m)))
            .collect();
        let mut days: Vec<(u32, usize)> = members
            .iter()
            .enumerate()
            .flat_map(|(k, (_, m))| m.breakpoints().map(move |d| (d, k)))
            .collect();
        days.sort_unstable();
        days.dedup();
        let mut sweep = Sweep::new(parties.len(), members.len());
        let mut out: Vec<StatusChange> = Vec::new();
        for group in days.chunk_by(|a, b| a.0 == b.0) {
            let day = group[0].0;
            // (position, relation, settled by the dates, rank)
            let mut causes: Vec<(usize, Option<Relation>, bool, usize)> = Vec::new();
            for &(_, k) in group {
                let (c, m) = members[k];
                if let Some(cause) = sweep.update(k, c, m, day) {
                    causes.push(cause);
                }
            }
            // A relation names the cause best; else a position whose
            // date settles it, the last of them.
            let best = causes
                .iter()
                .max_by_key(|(_, r, certain, rank)| (r.is_some(), *certain, *rank));
            let Some(&(by, relation, _, _)) = best else {
                continue;
            };
            let (status, certain) = sweep.status(relation);
            let same = out
                .last()
                .is_some_and(|l| (l.status, l.certain) == (status, certain));
            let before_any = out.is_empty() && status == Status::None;
            if !same && !before_any {
                out.push(StatusChange {
                    day: date_of(day),
                    status,
                    certain,
                    by,
                    relation,
                });
            }
        }
        out
    }
}

/// Per party column: how many positions stand, and how many of them are
/// agreed, in one reading of the dates.
#[derive(Clone, Default)]
struct World {
    standing: Vec<usize>,
    agreed: Vec<usize>,
}

impl World {
    fn new(parties: usize) -> World {
        World {
            standing: vec![0; parties],
            agreed: vec![0; parties],
        }
    }

    /// Counts a member in (`+1`) or out (`-1`) of column `c`.
    fn count(&mut self, c: usize, agreed: bool, by: isize) {
        self.standing[c] = self.standing[c].saturating_add_signed(by);
        if agreed {
            self.agreed[c] = self.agreed[c].saturating_add_signed(by);
        }
    }

    /// The status before suspensions are considered (`Status::of`).
    fn raw(&self) -> Status {
        let parties = self.standing.len();
        let stated = self.standing.iter().filter(|&&n| n > 0).count();
        let agreed = (0..parties)
            .filter(|&c| self.standing[c] > 0 && self.agreed[c] > 0)
            .count();
        match stated {
            0 => Status::None,
            n if n < parties => Status::OneSided,
            n if agreed == n => Status::Agreed,
            _ => Status::Stated,
        }
    }
}

/// The counters of one topic's sweep: the guess (every date whose period
/// or span holds the day falls before it) and the other extreme (every
/// one falls after it). The status is certain when both agree.
struct Sweep {
    state: Vec<Option<super::At>>,
    guess: World,
    late: World,
    was_agreed: bool,
    suspended: bool,
}

impl Sweep {
    fn new(parties: usize, members: usize) -> Sweep {
        Sweep {
            state: vec![None; members],
            guess: World::new(parties),
            late: World::new(parties),
            was_agreed: false,
            suspended: false,
        }
    }

    /// Member `k` (of party column `c`) at `day`; if its standing changed,
    /// what caused it: (position, relation, rank).
    fn update(
        &mut self,
        k: usize,
        c: usize,
        m: &Member,
        day: u32,
    ) -> Option<(usize, Option<Relation>, bool, usize)> {
        let new = m.at(day);
        let old = self.state[k].replace(new);
        if old == Some(new) {
            return None;
        }
        for (at, by) in [(old, -1), (Some(new), 1)] {
            let Some(at) = at else { continue };
            if at.standing == Standing::Latest {
                self.guess.count(c, m.agreed, by);
            }
            if at.late {
                self.late.count(c, m.agreed, by);
            }
        }
        Some(match (new.standing, m.ended_by) {
            // The ender comes after the member in the one order.
            (Standing::Superseded, Some(EndedBy { position, relation })) => {
                (position, relation, new.certain, m.rank.saturating_add(1))
            }
            _ => (m.position, None, new.certain, m.rank),
        })
    }

    /// The status after this step; `relation` caused it.
    fn status(&mut self, relation: Option<Relation>) -> (Status, bool) {
        let raw = self.guess.raw();
        let certain = raw == self.late.raw();
        if raw == Status::Agreed {
            self.suspended = false;
        } else if self.was_agreed {
            self.suspended = relation == Some(Relation::Suspends);
        }
        self.was_agreed = raw == Status::Agreed;
        let status = if raw != Status::Agreed && self.suspended {
            Status::Suspended
        } else {
            raw
        };
        (status, certain)
    }
}

/// A `day_number` back as a day-precision date.
pub(crate) fn date_of(day: u32) -> Date {
    let (year, month, d) = ((day >> 9) as u16, ((day >> 5) & 15) as u8, (day & 31) as u8);
    Date::day(year, month, d).unwrap_or(Date::year(year))
}
