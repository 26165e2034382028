//! Running a query over the index: filter, match, rank, then highlight
//! only the hits that will be shown.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::date::Date;

use super::index::{Meta, OWN, SHARED, SearchIndex};
use super::query::{Filters, Query, Term};
use super::{Field, FieldMatch, Hit};

/// Positions a thread takes at a time, and scans between looks at the
/// cancel flag.
const BLOCK: usize = 256;

/// Hits highlighted between looks at the cancel flag.
const HIGHLIGHT_BLOCK: usize = 32;

/// Fewest positions worth starting a thread for: a few milliseconds of
/// matching, against tens of microseconds to start it.
const PER_THREAD: usize = 2048;

/// A position that passed, with what it is ranked by.
#[derive(Clone, Copy, Debug)]
struct Scored {
    score: i64,
    rank: u32,
    position: usize,
}

impl Scored {
    /// Best score first, then date order.
    fn key(&self) -> (Reverse<i64>, u32) {
        (Reverse(self.score), self.rank)
    }
}

/// Per-slot results for the shared fields, indexed `[k][slot]` where
/// `k` is the field's place in `SHARED`.
type SharedTable<T> = [Vec<T>; SHARED.len()];

/// A query resolved against one index: filters turned into lookups, and
/// every term already run on the shared items.
struct Plan<'q> {
    positive: Vec<&'q Term>,
    negative: Vec<&'q Term>,
    filters: &'q Filters,
    /// Allowed actors and topics; `None` when not filtered.
    actors: Option<Vec<bool>>,
    topics: Option<Vec<bool>>,
    /// For each positive term, each shared item's weighted score.
    shared_scores: Vec<SharedTable<Option<i64>>>,
    /// Shared items that some negative term matches.
    shared_excluded: SharedTable<bool>,
}

/// A raw matcher score made comparable across fields. Clamped so that a
/// poor match (the matcher can go below zero) still ranks above no match.
fn weighted(score: i64, field: Field) -> i64 {
    score.max(1) * field.weight()
}

/// Which items a filter keeps: the first key is an id, compared whole;
/// the rest are names, which the value need only be part of. A value that
/// is some item's id means that item only (`actor:china` is China, not an
/// analyst whose name mentions China).
fn allowed<const N: usize>(values: &[String], keys: &[[String; N]]) -> Option<Vec<bool>> {
    if values.is_empty() {
        return None;
    }
    let is_id = |v: &String| keys.iter().any(|key| key[0] == *v);
    let keep = |key: &[String; N]| {
        values.iter().any(|v| match is_id(v) {
            true => key[0] == *v,
            false => key[1..].iter().any(|name| name.contains(v.as_str())),
        })
    };
    Some(keys.iter().map(keep).collect())
}

/// Whether a date range meets a filter date: a position dated to a month
/// or a year is kept if any day of it qualifies.
fn keeps_dates(filters: &Filters, meta: &Meta) -> bool {
    let overlaps = |d: &Date| meta.last_day >= d.first_day() && meta.first_day <= d.last_day();
    filters.from.is_none_or(|d| meta.last_day >= d.first_day())
        && filters.to.is_none_or(|d| meta.first_day <= d.last_day())
        && (filters.years.is_empty() || filters.years.iter().any(overlaps))
}

fn cancelled(cancel: &AtomicBool) -> bool {
    cancel.load(Ordering::Relaxed)
}

impl Plan<'_> {
    fn keeps(&self, meta: &Meta) -> bool {
        self.actors.as_ref().is_none_or(|ok| ok[meta.actor])
            && self.topics.as_ref().is_none_or(|ok| ok[meta.topic])
            && keeps_dates(self.filters, meta)
    }

    /// The best weighted score of positive term `t` on the position's
    /// shared fields.
    fn shared_best(&self, t: usize, meta: &Meta) -> Option<i64> {
        let scores = &self.shared_scores[t];
        (0..SHARED.len())
            .filter_map(|k| meta.shared[k].and_then(|slot| scores[k][slot]))
            .max()
    }

    fn shared_excluded(&self, meta: &Meta) -> bool {
        (0..SHARED.len()).any(|k| meta.shared[k].is_some_and(|slot| self.shared_excluded[k][slot]))
    }
}

impl SearchIndex {
    /// Runs `query`, returning up to `limit` hits, best first.
    pub fn search(&self, query: &Query, limit: usize) -> Vec<Hit> {
        let never = AtomicBool::new(false);
        self.search_cancellable(query, limit, &never)
            .expect("a search that is never cancelled finishes")
    }

    /// As `search`, but gives up and returns `None` soon after `cancel`
    /// is set, so a newer query need not wait for an older one.
    pub fn search_cancellable(&self, query: &Query, limit: usize, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        let plan = self.plan(query);
        let mut found = self.scan_all(&plan, cancel)?;
        if found.len() > limit {
            found.select_nth_unstable_by_key(limit, Scored::key);
            found.truncate(limit);
        }
        found.sort_unstable_by_key(Scored::key);
        let mut hits = Vec::with_capacity(found.len());
        for block in found.chunks(HIGHLIGHT_BLOCK) {
            if cancelled(cancel) {
                return None;
            }
            hits.extend(block.iter().map(|s| self.hit(&plan, s)));
        }
        Some(hits)
    }

    fn plan<'q>(&self, query: &'q Query) -> Plan<'q> {
        let positive: Vec<&Term> = query.positive().collect();
        let negative: Vec<&Term> = query.negative().collect();
        let shared_excluded = std::array::from_fn(|k| {
            let arena = &self.shared[k];
            (0..arena.len())
                .map(|item| {
                    let text = |t: &Term| arena.text(item, t.case_sensitive);
                    negative.iter().any(|t| self.matcher.matches(t, text(t)))
                })
                .collect()
        });
        Plan {
            shared_scores: positive.iter().map(|t| self.shared_scores(t)).collect(),
            shared_excluded,
            actors: allowed(&query.filters.actors, &self.actor_keys),
            topics: allowed(&query.filters.topics, &self.topic_keys),
            filters: &query.filters,
            positive,
            negative,
        }
    }

    fn shared_scores(&self, term: &Term) -> SharedTable<Option<i64>> {
        std::array::from_fn(|k| {
            let arena = &self.shared[k];
            (0..arena.len())
                .map(|item| {
                    let score = self.matcher.score(term, arena.text(item, term.case_sensitive));
                    score.map(|s| weighted(s, SHARED[k]))
                })
                .collect()
        })
    }

    /// Scans every position, on several threads when there are many.
    /// Threads take blocks from a shared counter, so one that hits a run
    /// of expensive positions does not hold the others up.
    fn scan_all(&self, plan: &Plan, cancel: &AtomicBool) -> Option<Vec<Scored>> {
        let next = AtomicUsize::new(0);
        let threads = self.threads.min(self.len() / PER_THREAD);
        if threads < 2 {
            return self.scan(plan, &next, cancel);
        }
        std::thread::scope(|s| {
            let helpers: Vec<_> = (1..threads)
                .map(|_| s.spawn(|| self.scan(plan, &next, cancel)))
                .collect();
            let mine = self.scan(plan, &next, cancel);
            let theirs = helpers
                .into_iter()
                .map(|h| h.join().expect("a search thread panicked"));
            let parts: Option<Vec<Vec<Scored>>> = std::iter::once(mine).chain(theirs).collect();
            parts.map(|parts| parts.concat())
        })
    }

    fn scan(&self, plan: &Plan, next: &AtomicUsize, cancel: &AtomicBool) -> Option<Vec<Scored>> {
        let mut found = Vec::new();
        loop {
            if cancelled(cancel) {
                return None;
            }
            let start = next.fetch_add(BLOCK, Ordering::Relaxed);
            if start >= self.len() {
                return Some(found);
            }
            for position in start..(start + BLOCK).min(self.len()) {
                if let Some(score) = self.evaluate(plan, position) {
                    let rank = self.meta[position].rank;
                    found.push(Scored {
                        score,
                        rank,
                        position,
                    });
                }
            }
        }
    }

    /// The text of one of a position's own fields, as a term sees it.
    fn own_text(&self, position: usize, k: usize, term: &Term) -> &str {
        self.own.text(position * OWN.len() + k, term.case_sensitive)
    }

    /// A position's score, or `None` if the query does not keep it. The
    /// cheap tests run first: filters, negations, then whether the terms
    /// after the first occur at all, so that no term is scored for a
    /// position a later term rejects.
    fn evaluate(&self, plan: &Plan, position: usize) -> Option<i64> {
        let meta = &self.meta[position];
        if !plan.keeps(meta) || plan.shared_excluded(meta) {
            return None;
        }
        let in_own = |term: &Term| {
            (0..OWN.len()).any(|k| self.matcher.matches(term, self.own_text(position, k, term)))
        };
        if plan.negative.iter().any(|t| in_own(t)) {
            return None;
        }
        let occurs = |(t, term): (usize, &&Term)| plan.shared_best(t, meta).is_some() || in_own(term);
        if !plan.positive.iter().enumerate().skip(1).all(occurs) {
            return None;
        }
        let terms = plan.positive.iter().enumerate();
        terms
            .map(|(t, term)| self.term_score(plan, t, term, position))
            .sum()
    }

    /// A term's best weighted score over all of a position's fields.
    /// Scoring is the expensive part of a search, so a field is skipped
    /// when even a perfect match there could not beat the best so far.
    fn term_score(&self, plan: &Plan, t: usize, term: &Term, position: usize) -> Option<i64> {
        let mut best = plan.shared_best(t, &self.meta[position]);
        for (k, field) in OWN.into_iter().enumerate() {
            let text = self.own_text(position, k, term);
            if best.is_some_and(|b| b >= weighted(self.matcher.ceiling(term, text), field)) {
                continue;
            }
            if let Some(score) = self.matcher.score(term, text) {
                best = best.max(Some(weighted(score, field)));
            }
        }
        best
    }

    /// A ranked position with where each positive term matched it.
    fn hit(&self, plan: &Plan, scored: &Scored) -> Hit {
        let mut by_field: BTreeMap<Field, Vec<usize>> = BTreeMap::new();
        for term in &plan.positive {
            for field in Field::ALL {
                let Some((arena, slot)) = self.place(scored.position, field) else {
                    continue;
                };
                if let Some(found) = self.matcher.indices(term, arena.text(slot, term.case_sensitive)) {
                    by_field.entry(field).or_default().extend(found);
                }
            }
        }
        let matches = by_field
            .into_iter()
            .map(|(field, mut indices)| {
                indices.sort_unstable();
                indices.dedup();
                FieldMatch { field, indices }
            })
            .collect();
        Hit {
            position: scored.position,
            score: scored.score,
            matches,
        }
    }
}

#[cfg(test)]
mod filter_tests {
    use super::allowed;

    fn keys(rows: &[[&str; 2]]) -> Vec<[String; 2]> {
        rows.iter().map(|r| r.map(str::to_string)).collect()
    }

    #[test]
    fn an_id_means_that_item_only_and_other_values_match_names() {
        let keys = keys(&[["china", "china"], ["segal", "adam segal on us-china talks"]]);
        assert_eq!(allowed(&["china".into()], &keys), Some(vec![true, false]));
        assert_eq!(allowed(&["chin".into()], &keys), Some(vec![true, true]));
        assert_eq!(allowed(&[], &keys), None);
    }
}
