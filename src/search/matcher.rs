//! Matching one term against one field's text. The caller picks the text:
//! the case-folded copy for a case-insensitive term, the shown text for a
//! case-sensitive one; both have the same characters at the same indices.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::{Kind, Term};

/// Occurrences of an exact term scored per field; later ones are ignored
/// so a field full of repeats cannot slow a search down.
const MAX_OCCURRENCES: usize = 8;

pub struct Matcher {
    /// Case is handled by folding the text beforehand, so the matcher
    /// compares characters exactly.
    skim: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            skim: SkimMatcherV2::default().respect_case(),
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

/// Byte ranges where an anchored or exact term occurs in `text`.
fn occurrences(term: &Term, text: &str) -> Vec<Range<usize>> {
    let pattern = term.text.as_str();
    let whole = 0..text.len();
    match term.kind {
        Kind::Fuzzy => Vec::new(),
        Kind::Exact => text
            .match_indices(pattern)
            .take(MAX_OCCURRENCES)
            .map(|(i, m)| i..i + m.len())
            .collect(),
        Kind::Prefix if text.starts_with(pattern) => vec![0..pattern.len()],
        Kind::Suffix if text.ends_with(pattern) => vec![text.len() - pattern.len()..text.len()],
        Kind::Whole if text == pattern => vec![whole],
        Kind::Prefix | Kind::Suffix | Kind::Whole => Vec::new(),
    }
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

    /// The score of the best match of `term` in `text`.
    pub fn score(&self, term: &Term, text: &str) -> Option<i64> {
        match term.kind {
            Kind::Fuzzy => {
                let window = fuzzy_window(text, &term.text)?;
                self.skim.fuzzy_match(&text[window], &term.text)
            }
            _ => self.best_occurrence(term, text).map(|(score, _)| score),
        }
    }

    /// The character indices of the best match of `term` in `text`.
    pub fn indices(&self, term: &Term, text: &str) -> Option<Vec<usize>> {
        match term.kind {
            Kind::Fuzzy => {
                let window = fuzzy_window(text, &term.text)?;
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
        fn window_scores_like_the_whole_text(
            text in "[abAB é_/.-]{0,40}",
            pattern in "[abAé]{1,4}",
        ) {
            let skim = SkimMatcherV2::default().respect_case();
            let whole = skim.fuzzy_indices(&text, &pattern);
            let window = fuzzy_window(&text, &pattern);
            prop_assert_eq!(whole.is_some(), window.is_some());
            if let (Some((score, indices)), Some(window)) = (whole, window) {
                let offset = char_count(&text[..window.start]);
                let (w_score, w_indices) = skim.fuzzy_indices(&text[window], &pattern).unwrap();
                prop_assert_eq!(score, w_score);
                let shifted: Vec<usize> = w_indices.into_iter().map(|i| i + offset).collect();
                prop_assert_eq!(indices, shifted);
            }
        }
    }
}
