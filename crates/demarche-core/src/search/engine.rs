//! Running a query over the index: correct misspelt words, weigh rare
//! ones, filter, match, rank, then highlight only the hits that will be
//! shown.
//!
//! Ranking, for each search word: its best field counts in full and its
//! second-best field a quarter, each by `points`: whole words and phrases
//! in what a position says (stance, quote, speaker, actor) first, then in
//! what it is filed under (tags, topic, event, source), then fuzzy
//! matches, and notes last. The word's sum is weighted by how rare the
//! word is (`Vocabulary::weight`). Two words next to each other in the
//! query that stand next to each other in a field (`tool kit`, `landing
//! ban`) add the points of a whole word there.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::filter::Resolved;
use super::index::{Meta, OWN, SHARED, SearchIndex};
use super::matcher::{Class, Found};
use super::query::{Kind, Query, Term, fold_case};
use super::vocab::is_word_char;
use super::{Correction, Field, FieldMatch, Hit, Results};

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

/// Points of a match, by the field's tier (what the position says, what
/// it is filed under, notes) and the match's class (fuzzy, inside a word,
/// word start, whole word). Every whole word or word start in the first
/// two tiers outranks every fuzzy match, and every fuzzy match outside
/// the notes outranks anything in the notes.
const POINTS: [[i64; 4]; 3] = [[450, 600, 900, 1000], [350, 500, 700, 800], [100, 200, 250, 300]];

/// Added for how close a match comes to a perfect one: less than the gap
/// between two classes.
const QUALITY: i64 = 99;

fn tier(field: Field) -> usize {
    match field {
        Field::Stance | Field::Quote | Field::Speaker | Field::Actor => 0,
        Field::Tags | Field::Topic | Field::Event | Field::Source => 1,
        Field::Notes => 2,
    }
}

fn class_index(class: Class) -> usize {
    match class {
        Class::Fuzzy => 0,
        Class::Inside => 1,
        Class::Start => 2,
        Class::Whole => 3,
    }
}

/// The most a match in `field` can score.
fn ceiling(field: Field) -> i64 {
    POINTS[tier(field)][3] + QUALITY
}

/// A word's best and second-best points, each from a different field.
#[derive(Clone, Copy, Default)]
struct Best {
    first: i64,
    second: i64,
}

impl Best {
    fn add(&mut self, points: i64) {
        if points > self.first {
            self.second = self.first;
            self.first = points;
        } else if points > self.second {
            self.second = points;
        }
    }

    fn total(self) -> i64 {
        self.first + self.second / 4
    }
}

/// A query resolved against one index: misspelt words corrected, filters
/// turned into lookups, and every word already run on the shared items.
struct Plan<'q> {
    positive: Vec<Term>,
    /// Each positive word's weight (`Vocabulary::weight`, 100 = common).
    weights: Vec<i64>,
    negative: Vec<&'q Term>,
    filters: Resolved<'q>,
    /// For each positive word, each shared item's points.
    shared_points: Vec<SharedTable<Option<i64>>>,
    /// Shared items that some negative term matches.
    shared_excluded: SharedTable<bool>,
    /// Positive words `t` (from 1) that may form a phrase with word `t - 1`.
    phrases: Vec<usize>,
    /// For each entry of `phrases`, the shared items holding the phrase.
    shared_phrases: Vec<SharedTable<bool>>,
    corrections: Vec<Correction>,
}

fn cancelled(cancel: &AtomicBool) -> bool {
    cancel.load(Ordering::Relaxed)
}

/// Whether `second` follows `first` in `text`, with only spaces or
/// punctuation between them (`tool kit`, `landing-ban`).
fn phrase_in(text: &str, first: &str, second: &str) -> bool {
    text.match_indices(first).take(8).any(|(at, m)| {
        let rest = &text[at + m.len()..];
        let next = rest.trim_start_matches(|c: char| !is_word_char(c));
        next.len() < rest.len() && next.starts_with(second)
    })
}

impl Plan<'_> {
    fn keeps(&self, meta: &Meta) -> bool {
        self.filters.keeps(meta) && !self.shared_excluded(meta)
    }

    fn shared_excluded(&self, meta: &Meta) -> bool {
        (0..SHARED.len()).any(|k| meta.shared[k].is_some_and(|slot| self.shared_excluded[k][slot]))
    }

    /// Positive word `t`'s points on the position's shared fields.
    fn shared_best(&self, t: usize, meta: &Meta) -> Best {
        let mut best = Best::default();
        for k in 0..SHARED.len() {
            if let Some(points) = meta.shared[k].and_then(|slot| self.shared_points[t][k][slot]) {
                best.add(points);
            }
        }
        best
    }

    /// The best tier a phrase entry `i` reaches in the position's shared
    /// fields.
    fn shared_phrase(&self, i: usize, meta: &Meta) -> Option<usize> {
        (0..SHARED.len())
            .filter(|&k| meta.shared[k].is_some_and(|slot| self.shared_phrases[i][k][slot]))
            .map(|k| tier(SHARED[k]))
            .min()
    }
}

/// A term as the search runs it: misspelt words replaced.
fn corrected(index: &SearchIndex, term: &Term, corrections: &mut Vec<Correction>) -> Term {
    if term.kind != Kind::Fuzzy {
        return term.clone();
    }
    let folded = fold_case(&term.text);
    match index.vocabulary.correct(&folded) {
        Some(word) => {
            corrections.push(Correction {
                typed: term.text.clone(),
                used: word.to_string(),
            });
            Term {
                text: word.to_string(),
                case_sensitive: false,
                ..term.clone()
            }
        }
        None => term.clone(),
    }
}

/// Whether two query words next to each other may be looked for as a
/// phrase: both compared with the same copy of the text, neither anchored.
fn phrase_pair(a: &Term, b: &Term) -> bool {
    let loose = |t: &Term| matches!(t.kind, Kind::Fuzzy | Kind::Exact);
    loose(a) && loose(b) && a.case_sensitive == b.case_sensitive
}

impl SearchIndex {
    /// Runs `query`, returning up to `limit` hits, best first.
    pub fn search(&self, query: &Query, limit: usize) -> Results {
        let never = AtomicBool::new(false);
        self.search_cancellable(query, limit, &never)
            .expect("a search that is never cancelled finishes")
    }

    /// As `search`, but gives up and returns `None` soon after `cancel`
    /// is set, so a newer query need not wait for an older one.
    pub fn search_cancellable(&self, query: &Query, limit: usize, cancel: &AtomicBool) -> Option<Results> {
        let plan = self.plan(query);
        let mut found = self.scan_all(&plan, cancel)?;
        let total = found.len();
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
        Some(Results {
            hits,
            total,
            corrections: plan.corrections,
        })
    }

    fn plan<'q>(&self, query: &'q Query) -> Plan<'q> {
        let mut corrections = Vec::new();
        let positive: Vec<Term> = query
            .positive()
            .map(|t| corrected(self, t, &mut corrections))
            .collect();
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
        let phrases: Vec<usize> = (1..positive.len())
            .filter(|&t| phrase_pair(&positive[t - 1], &positive[t]))
            .collect();
        Plan {
            shared_points: positive.iter().map(|t| self.shared_points(t)).collect(),
            shared_phrases: phrases
                .iter()
                .map(|&t| self.shared_phrases(&positive[t - 1], &positive[t]))
                .collect(),
            weights: positive
                .iter()
                .map(|t| self.vocabulary.weight(&fold_case(&t.text)))
                .collect(),
            shared_excluded,
            filters: self.resolve(&query.filters),
            phrases,
            positive,
            negative,
            corrections,
        }
    }

    /// The points of a match of `term` in `text`, a field of kind `field`.
    fn points(&self, term: &Term, text: &str, field: Field) -> Option<i64> {
        let Found { class, score, .. } = self.matcher.find(term, text)?;
        let quality = (score.max(0) * QUALITY / self.matcher.perfect(term).max(1)).min(QUALITY);
        Some(POINTS[tier(field)][class_index(class)] + quality)
    }

    fn shared_points(&self, term: &Term) -> SharedTable<Option<i64>> {
        std::array::from_fn(|k| {
            let arena = &self.shared[k];
            (0..arena.len())
                .map(|item| self.points(term, arena.text(item, term.case_sensitive), SHARED[k]))
                .collect()
        })
    }

    fn shared_phrases(&self, a: &Term, b: &Term) -> SharedTable<bool> {
        std::array::from_fn(|k| {
            let arena = &self.shared[k];
            (0..arena.len())
                .map(|item| phrase_in(arena.text(item, a.case_sensitive), &a.text, &b.text))
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
    /// cheap tests run first: filters, negations, then whether the words
    /// after the first occur at all, so that no word is scored for a
    /// position a later word rejects.
    fn evaluate(&self, plan: &Plan, position: usize) -> Option<i64> {
        let meta = &self.meta[position];
        if !plan.keeps(meta) {
            return None;
        }
        let in_own = |term: &Term| {
            (0..OWN.len()).any(|k| self.matcher.matches(term, self.own_text(position, k, term)))
        };
        if plan.negative.iter().any(|t| in_own(t)) {
            return None;
        }
        let occurs = |(t, term): (usize, &Term)| plan.shared_best(t, meta).first > 0 || in_own(term);
        if !plan.positive.iter().enumerate().skip(1).all(occurs) {
            return None;
        }
        let mut total = 0;
        for (t, term) in plan.positive.iter().enumerate() {
            let points = self.term_points(plan, t, term, position)?;
            total += points * plan.weights[t] / 100;
        }
        Some(total + self.phrase_points(plan, position))
    }

    /// A word's best points plus a quarter of its second best, over all
    /// of a position's fields; `None` if it matches none. Scoring is the
    /// expensive part of a search, so an own field is skipped when even a
    /// perfect match there could not change the result.
    fn term_points(&self, plan: &Plan, t: usize, term: &Term, position: usize) -> Option<i64> {
        let mut best = plan.shared_best(t, &self.meta[position]);
        for (k, field) in OWN.into_iter().enumerate() {
            if best.second >= ceiling(field) {
                continue;
            }
            if let Some(points) = self.points(term, self.own_text(position, k, term), field) {
                best.add(points);
            }
        }
        (best.first > 0).then(|| best.total())
    }

    /// For each pair of query words found side by side in a field, the
    /// points of a whole word in the best such field, weighted by the
    /// rarer word.
    fn phrase_points(&self, plan: &Plan, position: usize) -> i64 {
        let meta = &self.meta[position];
        let mut total = 0;
        for (i, &t) in plan.phrases.iter().enumerate() {
            let (a, b) = (&plan.positive[t - 1], &plan.positive[t]);
            let own = (0..OWN.len())
                .filter(|&k| phrase_in(self.own_text(position, k, a), &a.text, &b.text))
                .map(|k| tier(OWN[k]))
                .min();
            let best = own.into_iter().chain(plan.shared_phrase(i, meta)).min();
            if let Some(tier) = best {
                total += POINTS[tier][3] * plan.weights[t - 1].max(plan.weights[t]) / 100;
            }
        }
        total
    }

    /// A ranked position with where each positive word matched it.
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
