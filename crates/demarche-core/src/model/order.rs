//! The one order of positions, used by every list, the columns, the
//! timeline, `changes`, the matrix, every export, the slide index and the
//! search results' tie-break.
//!
//! Cause before effect comes first: a position always comes after every
//! position it relates to (`responds_to` and every relation). Within
//! that, positions sort by date (`Date`'s order: an imprecise date at the
//! end of its period), and file order breaks ties. A position answered by
//! a later-sorting one is pulled forward to just before its answer, so an
//! indictment dated "2014" lists just before the halt of 20 May 2014 that
//! answers it, not after everything else of 2014.

use std::cmp::Ordering;

use super::Dataset;
use crate::date::Date;

/// Every position's place in the order, computed once per load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Order {
    /// `rank[p]`: the place of position `p` (0 first).
    rank: Vec<usize>,
    /// `key[p]`: the date it sorts at (its own, or an answer's if that
    /// sorts earlier), for merging positions with dated events.
    key: Vec<Date>,
    /// `answered[p]`: the positions that answer `p` (by `responds_to` or a
    /// relation), in file order: the detail's backward links, kept so a
    /// frame never walks every position.
    answered: Vec<Vec<usize>>,
}

/// Positions with causes before effects (Kahn's algorithm), each with its
/// depth: 1 + the deepest position it answers. Positions in a cycle (which
/// the loader rejects) come last, at depth 0, so nothing is dropped.
fn causes_first(data: &Dataset) -> (Vec<usize>, Vec<usize>, Vec<Vec<usize>>) {
    let n = data.positions.len();
    let mut waiting: Vec<usize> = data.positions.iter().map(|p| p.responds_to.len()).collect();
    let mut answers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in data.positions.iter().enumerate() {
        for &t in &p.responds_to {
            if let Some(list) = answers.get_mut(t) {
                list.push(i);
            }
        }
    }
    let mut depth = vec![0usize; n];
    let mut out: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut next = 0;
    while next < out.len() {
        let p = out[next];
        next += 1;
        for &a in &answers[p] {
            depth[a] = depth[a].max(depth[p] + 1);
            waiting[a] -= 1;
            if waiting[a] == 0 {
                out.push(a);
            }
        }
    }
    if out.len() < n {
        let mut seen = vec![false; n];
        out.iter().for_each(|&i| seen[i] = true);
        out.extend((0..n).filter(|&i| !seen[i]));
    }
    (out, depth, answers)
}

impl Order {
    pub fn new(data: &Dataset) -> Order {
        let n = data.positions.len();
        let (causes_first, depth, answered) = causes_first(data);
        // Effects before causes: a position's key is the earliest of its
        // own date and its answers' keys.
        let mut key: Vec<Date> = data.positions.iter().map(|p| p.date).collect();
        for &p in causes_first.iter().rev() {
            for &t in &data.positions[p].responds_to {
                if t < n && key[p] < key[t] {
                    key[t] = key[p];
                }
            }
        }
        let mut sorted: Vec<usize> = (0..n).collect();
        sorted.sort_by_key(|&p| (key[p], depth[p], data.positions[p].date, p));
        let mut rank = vec![0; n];
        for (place, &p) in sorted.iter().enumerate() {
            rank[p] = place;
        }
        Order { rank, key, answered }
    }

    /// The positions that answer `p`, in file order.
    pub(crate) fn answered_by(&self, p: usize) -> &[usize] {
        self.answered.get(p).map_or(&[], Vec::as_slice)
    }

    /// The comparator: `a` before `b`?
    pub fn cmp(&self, a: usize, b: usize) -> Ordering {
        self.rank(a).cmp(&self.rank(b))
    }

    /// The place of position `p` (positions unknown to it sort last).
    pub fn rank(&self, p: usize) -> usize {
        self.rank.get(p).copied().unwrap_or(usize::MAX)
    }

    /// The date `p` sorts at among dated things (events on a timeline).
    pub fn key(&self, p: usize) -> Option<Date> {
        self.key.get(p).copied()
    }

    /// Sorts position indices into the order.
    pub fn sort(&self, positions: &mut [usize]) {
        positions.sort_by_key(|&p| self.rank(p));
    }

    /// Every position, in order.
    pub fn all(&self) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.rank.len()).collect();
        self.sort(&mut all);
        all
    }
}
