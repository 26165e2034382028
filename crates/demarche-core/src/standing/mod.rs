//! What stands: the one rule every view uses (the columns, `list
//! --as-of`, the matrix, `changes`, history, exports), in docs/MATRIX.md.
//!
//! - A position is in a *slot*, (topic, actor), for its topic, each of its
//!   `also_topics`, and each topic of a position it `suspends`.
//! - In a slot, it stands from its date until it is ended: by a position
//!   of its actor that `supersedes` or `suspends` it (in every slot), or
//!   by a position of its actor in the slot that certainly came later
//!   (its period starts after this one's ends), unless that one only
//!   `qualifies` it: an agreement with a reservation still stands.
//! - Dates are periods or spans, so at a day the answer can be uncertain:
//!   a position whose period holds the day may or may not be stated yet,
//!   and one may or may not be ended. The guess follows the filtering rule
//!   (a date counts from its first day) and is marked `certain: false`.

pub mod status;

#[cfg(test)]
mod tests;

use crate::date::Date;
use crate::model::{Dataset, Relation};

/// No such day: a position never ended.
const NEVER: u32 = u32::MAX;

/// A day as a number that sorts like the day (its first day for a
/// period), cheap to compare in scans.
pub(crate) fn day_number(date: Date) -> u32 {
    let day = date.first_day();
    (u32::from(day.year_number()) << 9)
        | (u32::from(day.month_number().unwrap_or(1)) << 5)
        | u32::from(day.day_number().unwrap_or(1))
}

/// The day an "as of" cursor stands for: the last day of its period;
/// without a cursor, after everything.
pub fn cursor_day(cursor: Option<Date>) -> u32 {
    cursor.map_or(NEVER - 1, |c| day_number(c.last_day()))
}

/// How a position stands at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// It stands.
    Latest,
    /// Stated by that date, but ended since.
    Superseded,
    /// Stated after the date.
    Later,
}

/// A standing and whether the dates settle it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    /// The guess: a date counts from its first day.
    pub standing: Standing,
    pub certain: bool,
    /// Whether it stands if every date whose period or span holds the day
    /// falls after it (the guess reads them all as before it).
    pub late: bool,
}

/// Why a position stopped standing: the position that ended it and the
/// relation it names (`None`: a certainly later position of its actor).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndedBy {
    pub position: usize,
    pub relation: Option<Relation>,
}

/// One position in one slot, with what the scans need.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub position: usize,
    /// Its place in the one order (`order`).
    pub rank: usize,
    pub agreed: bool,
    /// First and last day of its date (`day_number`).
    first: u32,
    last: u32,
    /// The earliest day it may be ended, and the day it certainly is.
    end_maybe: u32,
    end_sure: u32,
    pub ended_by: Option<EndedBy>,
}

impl Member {
    /// Its standing at `day` (a `day_number`).
    pub fn at(&self, day: u32) -> At {
        let stated = self.first <= day;
        let ended = self.end_maybe <= day;
        let standing = match (stated, ended) {
            (false, _) => Standing::Later,
            (true, true) => Standing::Superseded,
            (true, false) => Standing::Latest,
        };
        let certain = !stated || self.end_sure <= day || (self.last <= day && !ended);
        At {
            standing,
            certain,
            late: self.last <= day && self.end_sure > day,
        }
    }

    /// The days on which `at` can change.
    pub(crate) fn breakpoints(&self) -> impl Iterator<Item = u32> {
        [self.first, self.last, self.end_maybe, self.end_sure]
            .into_iter()
            .filter(|&d| d != NEVER)
    }

    /// The first day it is stated, and the day it certainly is.
    pub fn days(&self) -> (u32, u32) {
        (self.first, self.last)
    }
}

/// Every slot's members, built once per load.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    actors: usize,
    /// `slots[topic * actors + actor]`, in the one order.
    slots: Vec<Vec<Member>>,
    /// Each position's member in its own topic's slot.
    home: Vec<Member>,
}

/// The topics a position is in a slot for: its own, `also_topics`, and
/// the topics of what it suspends.
fn slot_topics(data: &Dataset, p: usize) -> Vec<usize> {
    let position = &data.positions[p];
    let suspended = position
        .relations
        .iter()
        .filter(|(kind, _)| *kind == Relation::Suspends)
        .flat_map(|&(_, t)| data.positions[t].topics());
    let mut topics: Vec<usize> = Vec::new();
    for t in position.topics().chain(suspended) {
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    topics
}

/// The positions of the same actor that end `p` by a relation, anywhere.
fn relation_enders(data: &Dataset) -> Vec<Vec<EndedBy>> {
    let mut out = vec![Vec::new(); data.positions.len()];
    for (q, position) in data.positions.iter().enumerate() {
        for &(kind, target) in &position.relations {
            if kind.ends() && data.positions[target].actor == position.actor {
                out[target].push(EndedBy {
                    position: q,
                    relation: Some(kind),
                });
            }
        }
    }
    out
}

impl Rules {
    pub fn new(data: &Dataset) -> Rules {
        let actors = data.actors.len();
        let mut slots: Vec<Vec<Member>> = vec![Vec::new(); data.topics.len() * actors];
        for p in data.list_order() {
            let position = &data.positions[p];
            let member = Member {
                position: p,
                rank: data.order.rank(p),
                agreed: position.agreed,
                first: day_number(position.date.first_day()),
                last: day_number(position.date.last_day()),
                end_maybe: NEVER,
                end_sure: NEVER,
                ended_by: None,
            };
            for t in slot_topics(data, p) {
                slots[t * actors + position.actor].push(member);
            }
        }
        let by_relation = relation_enders(data);
        let qualifies = |q: usize, p: usize| data.positions[q].relations.contains(&(Relation::Qualifies, p));
        for slot in &mut slots {
            end_in_slot(data, slot, &by_relation, &qualifies);
            // By first day (then the one order): the positions stated by
            // a day are a prefix, so a cell scans only those.
            slot.sort_by_key(|m| (m.first, m.rank));
        }
        let mut home: Vec<Option<Member>> = vec![None; data.positions.len()];
        for (t, slot) in slots.iter().enumerate() {
            for m in slot {
                if data.positions[m.position].topic == t / actors.max(1) {
                    home[m.position] = Some(*m);
                }
            }
        }
        Rules {
            actors,
            slots,
            home: home.into_iter().flatten().collect(),
        }
    }

    /// `actor`'s members on `topic`, by first day, then in the one order.
    pub fn slot(&self, topic: usize, actor: usize) -> &[Member] {
        self.slots
            .get(topic * self.actors + actor)
            .map_or(&[], Vec::as_slice)
    }

    /// The members of a slot stated by `day` (a `day_number`), at the
    /// first reading: a prefix.
    pub fn stated_by(&self, topic: usize, actor: usize, day: u32) -> &[Member] {
        let slot = self.slot(topic, actor);
        &slot[..slot.partition_point(|m| m.first <= day)]
    }

    /// Position `p` in its own topic's slot.
    pub fn home(&self, p: usize) -> Option<&Member> {
        self.home.get(p)
    }

    /// How every position stands at `cursor` in its own topic,
    /// index-aligned with the data.
    pub fn standings(&self, cursor: Option<Date>) -> Vec<At> {
        let day = cursor_day(cursor);
        self.home.iter().map(|m| m.at(day)).collect()
    }
}

/// Works out when each member of one slot is ended: by a relation of its
/// actor, or by a certainly later member that does not only qualify it.
/// The later members are found by a binary search over the slot sorted by
/// first day, with the earliest certain end of each suffix precomputed.
fn end_in_slot(
    data: &Dataset,
    slot: &mut [Member],
    by_relation: &[Vec<EndedBy>],
    qualifies: &dyn Fn(usize, usize) -> bool,
) {
    let mut by_first: Vec<(u32, u32, usize)> = slot.iter().map(|m| (m.first, m.last, m.position)).collect();
    by_first.sort_unstable();
    let mut suffix: Vec<(u32, usize)> = vec![(NEVER, usize::MAX); by_first.len() + 1];
    for i in (0..by_first.len()).rev() {
        let (_, last, q) = by_first[i];
        suffix[i] = suffix[i + 1].min((last, q));
    }
    for m in slot.iter_mut() {
        let from = by_first.partition_point(|&(first, _, _)| first <= m.last);
        let rest = &by_first[from..];
        let qualified = rest.iter().any(|&(_, _, q)| qualifies(q, m.position));
        let later: Vec<(u32, u32, usize)> = if qualified {
            let kept = rest.iter().filter(|&&(_, _, q)| !qualifies(q, m.position));
            let first = kept.clone().map(|c| c.0).min();
            let sure = kept.map(|&(_, last, q)| (last, q)).min();
            first.zip(sure).map(|(f, (l, q))| (f, l, q)).into_iter().collect()
        } else {
            rest.first()
                .map(|&(first, _, _)| (first, suffix[from].0, suffix[from].1))
                .into_iter()
                .collect()
        };
        let later = later.into_iter().map(|(first, last, q)| {
            (
                first,
                last,
                EndedBy {
                    position: q,
                    relation: None,
                },
            )
        });
        let related = by_relation[m.position].iter().map(|e| {
            let date = data.positions[e.position].date;
            (day_number(date.first_day()), day_number(date.last_day()), *e)
        });
        for (first, last, by) in later.chain(related) {
            m.end_maybe = m.end_maybe.min(first);
            let sooner = m.ended_by.is_none() || last < m.end_sure;
            let relation_ties = last == m.end_sure && by.relation.is_some();
            if sooner || relation_ties {
                m.end_sure = last;
                m.ended_by = Some(by);
            }
        }
    }
}
