//! Matching one term against one field's text. The caller picks the text:
//! the case-folded copy for a case-insensitive term, the shown text for a
//! case-sensitive one; both have the same characters at the same indices.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::{SkimMatcherV2, SkimScoreConfig};

use super::query::{Kind, Term};

/// Occurrences of an exact term scored per field; later ones are ignored
/// so a field full of repeats cannot slow a search down.
const MAX_OCCURRENCES: usize = 8;

pub struct Matcher {
    skim: SkimMatcherV2,
    config: SkimScoreConfig,
}

/// The largest bonus a character gets for where it stands in the text.
fn place_bonus(c: &SkimScoreConfig) -> i32 {
    c.bonus_head.max(c.bonus_break).max(c.bonus_camel)
}

impl Default for Matcher {
    /// Skim's scoring, except that a character continuing a run always
    /// gets the largest bonus there is.
    ///
    /// fuzzy-matcher 0.3.7 keeps its score matrix between calls and reads
    /// the bonus of the run a character continues from a cell the current
    /// call has not written. With its default scores, a text then scores
    /// differently depending on what was scored before it on that thread,
    /// so ranking would depend on how positions were shared out between
    /// threads. (`use_cache(false)` would avoid that, but panics.) That
    /// cell only ever holds 0 or a run bonus; once the run bonus is the
    /// largest bonus, the stale value always loses to it and every score
    /// depends on the text and the term alone. A side effect: each
    /// character that continues a run counts as much as a word start.
    fn default() -> Self {
        let mut config = SkimScoreConfig::default();
        config.bonus_consecutive = place_bonus(&config) * config.bonus_first_char_multiplier;
        Matcher {
            // Case is handled by folding the text beforehand, so the
            // matcher compares characters exactly.
            skim: SkimMatcherV2::default().score_config(config).respect_case(),
            config,
        }
    }
}

/// The byte start of the character before `at`, or 0.
fn char_before(text: &str, at: usize) -> usize {
    text[..at].char_indices().next_back().map_or(0, |(i, _)| i)
}

/// The part of `text` a fuzzy match of `pattern` must lie in, or `None`
/// if `pattern` is not a subsequence of `text` (the cheap prefilter).
///
/// It runs from one character before the first occurrence of the first
/// pattern character to the last occurrence of the last one. The skim
/// matcher scores a character by its left neighbour and never pays for a
/// leading or trailing gap, so it scores this window exactly as it scores
/// the whole text (see the `window_scores_like_the_whole_text` test), for
/// a fraction of the work on long fields.
fn fuzzy_window(text: &str, pattern: &str) -> Option<Range<usize>> {
    let mut chars = pattern.chars();
    let first = chars.next()?;
    let start = text.find(first)?;
    let mut at = start + first.len_utf8();
    for c in chars {
        at += text[at..].find(c)? + c.len_utf8();
    }
    let last = pattern.chars().next_back()?;
    let end = text.rfind(last)? + last.len_utf8();
    Some(char_before(text, start)..end)
}

/// A whole occurrence of `pattern` that no fuzzy match in `text` can
/// outscore: one that starts the text, or else one that starts a word
/// after a space. Every character after the first continues the run and
/// gets the largest bonus, and the first gets the largest bonus it can
/// where it stands, so the match reaches `Matcher::ceiling`. An
/// alignment from the text's first character that is not the whole
/// pattern pays for a gap, which costs more than the doubled bonus gains.
/// Scoring just this occurrence spares the matrix over the whole field
/// (see the `shortcuts_score_like_the_whole_text` test).
fn best_run(text: &str, pattern: &str) -> Option<Range<usize>> {
    if text.starts_with(pattern) {
        return Some(0..pattern.len());
    }
    // The window starts at the space, which a pattern starting with a
    // space could match as the first character the matcher sees.
    if pattern.starts_with(' ') {
        return None;
    }
    let (at, _) = text
        .match_indices(pattern)
        .find(|&(i, _)| text[..i].ends_with(' '))?;
    Some(at - 1..at + pattern.len())
}

/// Byte ranges where an anchored or exact term occurs in `text`.
fn occurrences(term: &Term, text: &str) -> Vec<Range<usize>> {
    let pattern = term.text.as_str();
    let anchored = match term.kind {
        Kind::Fuzzy => None,
        Kind::Exact => {
            let found = text.match_indices(pattern).take(MAX_OCCURRENCES);
            return found.map(|(i, m)| i..i + m.len()).collect();
        }
        Kind::Prefix => text.starts_with(pattern).then_some(0..pattern.len()),
        Kind::Suffix => text
            .ends_with(pattern)
            .then(|| text.len() - pattern.len()..text.len()),
        Kind::Whole => (text == pattern).then_some(0..text.len()),
    };
    anchored.into_iter().collect()
}

fn char_count(text: &str) -> usize {
    text.chars().count()
}

impl Matcher {
    /// True if `term` matches anywhere in `text`; cheap for every kind.
    pub fn matches(&self, term: &Term, text: &str) -> bool {
        let pattern = term.text.as_str();
        match term.kind {
            Kind::Fuzzy => fuzzy_window(text, pattern).is_some(),
            Kind::Exact => text.contains(pattern),
            Kind::Prefix => text.starts_with(pattern),
            Kind::Suffix => text.ends_with(pattern),
            Kind::Whole => text == pattern,
        }
    }

    /// No match of `term` in `text` scores higher than this, so a field
    /// whose weight times this cannot beat a score already found need not
    /// be scored at all.
    ///
    /// Every matched character scores `score_match` plus a bonus. The
    /// first one starts from `gap_extension` and gets its place bonus,
    /// doubled if it is the first character the matcher sees: for a fuzzy
    /// term, the field's first character; for an exact one, scored on a
    /// window, possibly any. Later ones get at most the run bonus.
    pub fn ceiling(&self, term: &Term, text: &str) -> i64 {
        let c = &self.config;
        let doubled = term.kind != Kind::Fuzzy || text.chars().next() == term.text.chars().next();
        let multiplier = if doubled { c.bonus_first_char_multiplier } else { 1 };
        let first = c.gap_extension + c.score_match + place_bonus(c) * multiplier;
        let later = c.score_match + c.bonus_consecutive.max(place_bonus(c));
        let chars = i64::try_from(term.text.chars().count()).unwrap_or(i64::MAX);
        i64::from(first) + (chars - 1).saturating_mul(i64::from(later))
    }

    /// The score of the best match of `term` in `text`.
    pub fn score(&self, term: &Term, text: &str) -> Option<i64> {
        match term.kind {
            Kind::Fuzzy => {
                let window = best_run(text, &term.text).or_else(|| fuzzy_window(text, &term.text))?;
                self.skim.fuzzy_match(&text[window], &term.text)
            }
            _ => self.best_occurrence(term, text).map(|(score, _)| score),
        }
    }

    /// The character indices of the best match of `term` in `text`.
    pub fn indices(&self, term: &Term, text: &str) -> Option<Vec<usize>> {
        match term.kind {
            Kind::Fuzzy => {
                let window = best_run(text, &term.text).or_else(|| fuzzy_window(text, &term.text))?;
                let offset = char_count(&text[..window.start]);
                let (_, found) = self.skim.fuzzy_indices(&text[window], &term.text)?;
                Some(found.into_iter().map(|i| offset + i).collect())
            }
            _ => {
                let (_, range) = self.best_occurrence(term, text)?;
                let start = char_count(&text[..range.start]);
                Some((start..start + char_count(&text[range])).collect())
            }
        }
    }

    /// An exact occurrence scored by the fuzzy matcher on the occurrence
    /// and its left neighbour, so exact and fuzzy scores are comparable
    /// and a match at a word start beats one inside a word. Ties go to
    /// the first occurrence.
    fn best_occurrence(&self, term: &Term, text: &str) -> Option<(i64, Range<usize>)> {
        occurrences(term, text)
            .into_iter()
            .map(|range| {
                let window = char_before(text, range.start)..range.end;
                let score = self.skim.fuzzy_match(&text[window], &term.text).unwrap_or(0);
                (score, range)
            })
            .max_by_key(|(score, range)| (*score, std::cmp::Reverse(range.start)))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::search::query::Query;

    fn term(word: &str) -> Term {
        Query::parse(word).unwrap().terms.remove(0)
    }

    #[test]
    fn fuzzy_indices_are_char_indices() {
        let m = Matcher::default();
        let text = "習近平 said é";
        assert_eq!(m.indices(&term("sd"), text), Some(vec![4, 7]));
        assert_eq!(m.indices(&term("平é"), text), Some(vec![2, 9]));
        assert_eq!(m.indices(&term("'said"), text), Some(vec![4, 5, 6, 7]));
        assert_eq!(m.indices(&term("é$"), text), Some(vec![9]));
        assert_eq!(m.indices(&term("^習近"), text), Some(vec![0, 1]));
    }

    #[test]
    fn anchors_and_exactness() {
        let m = Matcher::default();
        let text = "tariffs on steel";
        assert!(m.matches(&term("tfs"), text));
        assert!(!m.matches(&term("'tfs"), text));
        assert!(m.matches(&term("^tariffs"), text));
        assert!(!m.matches(&term("^steel"), text));
        assert!(m.matches(&term("steel$"), text));
        assert!(!m.matches(&term("tariffs$"), text));
        assert!(m.matches(&term("^tariffs\\ on\\ steel$"), text));
        assert!(!m.matches(&term("^tariffs$"), text));
    }

    #[test]
    fn exact_prefers_a_word_start() {
        let m = Matcher::default();
        let text = "untraded trade";
        assert_eq!(m.indices(&term("'trade"), text), Some((9..14).collect()));
    }

    #[test]
    fn no_match_in_empty_text() {
        let m = Matcher::default();
        for word in ["a", "'a", "^a", "a$", "^a$"] {
            assert_eq!(m.score(&term(word), ""), None, "{word}");
        }
    }

    proptest! {
        #[test]
        fn no_score_exceeds_the_ceiling(text in "[abAB é_/.(-]{0,30}", word in "['^]?[abAé(]{1,5}") {
            let m = Matcher::default();
            let term = term(&word);
            if let Some(score) = m.score(&term, &text) {
                let ceiling = m.ceiling(&term, &text);
                prop_assert!(score <= ceiling, "{} > {}", score, ceiling);
            }
            let perfect = term.text.clone();
            let score = m.score(&term, &perfect).unwrap();
            prop_assert!(score <= m.ceiling(&term, &perfect), "{} > {}", score, m.ceiling(&term, &perfect));
        }

        #[test]
        fn scores_do_not_depend_on_earlier_calls(
            before in "[abAB é_/.-]{0,40}",
            text in "[abAB é_/.-]{0,40}",
            pattern in "[abAé]{1,4}",
        ) {
            let fresh = Matcher::default().skim.fuzzy_indices(&text, &pattern);
            let used = Matcher::default();
            for p in ["a", "ab", "aab", pattern.as_str()] {
                used.skim.fuzzy_indices(&before, p);
            }
            prop_assert_eq!(used.skim.fuzzy_indices(&text, &pattern), fresh.clone());
            prop_assert_eq!(used.skim.fuzzy_match(&text, &pattern), fresh.map(|(s, _)| s));
        }

        #[test]
        fn shortcuts_score_like_the_whole_text(
            text in "[abAB é_/.-]{0,40}",
            pattern in "[abAé ]{1,4}",
        ) {
            let m = Matcher::default();
            let fuzzy = Term { kind: Kind::Fuzzy, negated: false, case_sensitive: true, text: pattern.clone() };
            prop_assert_eq!(m.score(&fuzzy, &text), m.skim.fuzzy_match(&text, &pattern));
            let found = m.indices(&fuzzy, &text).map(|found| found.len());
            prop_assert_eq!(found, m.score(&fuzzy, &text).map(|_| pattern.chars().count()));
        }

        #[test]
        fn window_scores_like_the_whole_text(
            text in "[abAB é_/.-]{0,40}",
            pattern in "[abAé]{1,4}",
        ) {
            let m = Matcher::default();
            let whole = m.skim.fuzzy_indices(&text, &pattern);
            let window = fuzzy_window(&text, &pattern);
            prop_assert_eq!(whole.is_some(), window.is_some());
            if let (Some((score, indices)), Some(window)) = (whole, window) {
                let offset = char_count(&text[..window.start]);
                let (w_score, w_indices) = m.skim.fuzzy_indices(&text[window], &pattern).unwrap();
                prop_assert_eq!(score, w_score);
                let shifted: Vec<usize> = w_indices.into_iter().map(|i| i + offset).collect();
                prop_assert_eq!(indices, shifted);
            }
        }
    }
}
