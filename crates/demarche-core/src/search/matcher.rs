//! Matching one term against one field's text. The caller picks the text:
//! the case-folded copy for a case-insensitive term, the shown text for a
//! case-sensitive one; both have the same characters at the same indices.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::{SkimMatcherV2, SkimScoreConfig};

use super::query::{Kind, Term};
use super::vocab::is_word_char;

/// Occurrences of an exact term scored per field; later ones are ignored
/// so a field full of repeats cannot slow a search down.
const MAX_OCCURRENCES: usize = 8;

pub(crate) struct Matcher {
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

/// How well a term matched a field, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Class {
    /// The letters in order, close together but not as written.
    Fuzzy,
    /// As written, inside a word (`dict` in "indictment").
    Inside,
    /// As written, at the start of a word (`indict` in "indictment").
    Start,
    /// As written, a whole word or words (or an anchored term).
    Whole,
}

/// A match of a term in a field: how good, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub class: Class,
    /// The skim score of the match, comparing matches of one class.
    pub score: i64,
    /// Byte range of the text the match lies in.
    range: Range<usize>,
}

/// The most characters a fuzzy match of a pattern this long may span.
/// Beyond it the letters are scattered over unrelated words, and the
/// match is not one. Chosen on the relevance suite (tests/relevance.rs;
/// see DEVELOPERS.md): a dropped vowel or an abbreviation across a hyphen
/// (`cybsec`, `ipthft`) stays within it.
pub(crate) fn max_span(letters: usize) -> usize {
    letters + (letters / 2).max(2)
}

/// The tightest window of `text` holding `pattern` as a subsequence, as
/// unit indices `start..end`, if one spans at most `limit` units. Greedy
/// forward from each occurrence of the first unit, then backward from
/// where that ended for the latest start.
fn compact<T: PartialEq + Copy>(text: &[T], pattern: &[T], limit: usize) -> Option<(usize, usize)> {
    let (&first, rest) = pattern.split_first()?;
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some(offset) = text[from..].iter().position(|&c| c == first) {
        let start = from + offset;
        let bound = (start + limit).min(text.len());
        let mut at = start + 1;
        let complete = rest
            .iter()
            .all(|&p| match text[at..bound].iter().position(|&c| c == p) {
                Some(i) => {
                    at += i + 1;
                    true
                }
                None => false,
            });
        if !complete {
            if bound == text.len() && start + limit >= text.len() {
                break;
            }
            from = start + 1;
            continue;
        }
        let mut tight = at;
        for &p in pattern.iter().rev() {
            tight = text[..tight].iter().rposition(|&c| c == p)?;
        }
        if best.is_none_or(|(s, e)| at - tight < e - s) {
            best = Some((tight, at));
        }
        if at - tight == pattern.len() {
            break;
        }
        from = tight + 1;
    }
    best
}

/// `compact` on a string, as a byte range.
fn compact_window(text: &str, pattern: &str) -> Option<Range<usize>> {
    let limit = max_span(pattern.chars().count());
    if text.is_ascii() && pattern.is_ascii() {
        let (s, e) = compact(text.as_bytes(), pattern.as_bytes(), limit)?;
        return Some(s..e);
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let units: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    let pattern: Vec<char> = pattern.chars().collect();
    let (s, e) = compact(&units, &pattern, limit)?;
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    Some(byte(s)..byte(e))
}

fn word_char_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_word_char)
}

fn word_char_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(is_word_char)
}

/// The best of the first few occurrences of `pattern` in `text` as
/// written: a whole word over a word start over the inside of a word,
/// the first on a tie.
fn best_substring(text: &str, pattern: &str) -> Option<(Class, Range<usize>)> {
    let mut best: Option<(Class, Range<usize>)> = None;
    for (at, m) in text.match_indices(pattern).take(MAX_OCCURRENCES) {
        let end = at + m.len();
        let class = match (word_char_before(text, at), word_char_at(text, end)) {
            (false, false) => Class::Whole,
            (false, true) => Class::Start,
            _ => Class::Inside,
        };
        if best.as_ref().is_none_or(|(b, _)| class > *b) {
            best = Some((class, at..end));
            if class == Class::Whole {
                break;
            }
        }
    }
    best
}

/// Byte ranges where an anchored term occurs in `text`.
fn anchored(term: &Term, text: &str) -> Option<Range<usize>> {
    let pattern = term.text.as_str();
    match term.kind {
        Kind::Prefix => text.starts_with(pattern).then_some(0..pattern.len()),
        Kind::Suffix => text
            .ends_with(pattern)
            .then(|| text.len() - pattern.len()..text.len()),
        Kind::Whole => (text == pattern).then_some(0..text.len()),
        Kind::Fuzzy | Kind::Exact => None,
    }
}

fn char_count(text: &str) -> usize {
    text.chars().count()
}

impl Matcher {
    /// True if `term` may match in `text`: exact for every kind but fuzzy,
    /// for which it is the cheap subsequence test (`find` then applies the
    /// span limit).
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

    /// The skim score of a perfect match of `term`: a whole word at the
    /// start of a field. Scores are compared as a share of it.
    pub(crate) fn perfect(&self, term: &Term) -> i64 {
        let c = &self.config;
        let first = c.gap_extension + c.score_match + place_bonus(c) * c.bonus_first_char_multiplier;
        let later = c.score_match + c.bonus_consecutive.max(place_bonus(c));
        let chars = i64::try_from(term.text.chars().count()).unwrap_or(i64::MAX);
        i64::from(first) + (chars - 1).saturating_mul(i64::from(later))
    }

    /// The best match of `term` in `text`: the term as written if it
    /// occurs (classed by word boundaries), else, for a fuzzy term, its
    /// letters in order within `max_span`.
    pub fn find(&self, term: &Term, text: &str) -> Option<Found> {
        let pattern = term.text.as_str();
        let (class, range) = match term.kind {
            Kind::Fuzzy => match best_substring(text, pattern) {
                Some(found) => found,
                None => (Class::Fuzzy, compact_window(text, pattern)?),
            },
            Kind::Exact => best_substring(text, pattern)?,
            _ => (Class::Whole, anchored(term, text)?),
        };
        // Skim scores a character by its left neighbour, so the window
        // starts one character early.
        let window = char_before(text, range.start)..range.end;
        let score = self.skim.fuzzy_match(&text[window], pattern).unwrap_or(0);
        Some(Found { class, score, range })
    }

    /// The character indices of the match `find` returns.
    pub fn indices(&self, term: &Term, text: &str) -> Option<Vec<usize>> {
        let found = self.find(term, text)?;
        let offset = char_count(&text[..found.range.start]);
        if found.class != Class::Fuzzy {
            return Some((offset..offset + char_count(&text[found.range])).collect());
        }
        // Within the window alone, so the letters stay within the span.
        let (_, at) = self.skim.fuzzy_indices(&text[found.range], &term.text)?;
        Some(at.into_iter().map(|i| offset + i).collect())
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
        assert_eq!(m.indices(&term("平s"), text), Some(vec![2, 4]));
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
            assert_eq!(m.find(&term(word), ""), None, "{word}");
        }
    }

    fn class(word: &str, text: &str) -> Option<Class> {
        Matcher::default().find(&term(word), text).map(|f| f.class)
    }

    #[test]
    fn classes_by_word_boundaries() {
        assert_eq!(class("ban", "a landing-ban here"), Some(Class::Whole));
        assert_eq!(class("indict", "the indictments"), Some(Class::Start));
        assert_eq!(class("dict", "the indictments"), Some(Class::Inside));
        assert_eq!(
            class("ban", "urban banner ban"),
            Some(Class::Whole),
            "the best occurrence"
        );
        assert_eq!(class("tool kit", "our tool kit"), Some(Class::Whole));
        assert_eq!(class("cybsec", "cybersecurity"), Some(Class::Fuzzy));
        assert_eq!(class("^our", "our tool kit"), Some(Class::Whole), "anchored");
    }

    #[test]
    fn scattered_letters_are_no_match() {
        let m = Matcher::default();
        let notes = "the other side would not reopen the line, it seemed";
        assert!(m.matches(&term("hotline"), notes), "a subsequence");
        assert_eq!(m.find(&term("hotline"), notes), None);
        assert_eq!(class("hotlne", "a new hotline"), Some(Class::Fuzzy));
    }

    #[test]
    fn compact_finds_the_tightest_window() {
        let text = b"a_b____ab";
        assert_eq!(compact(text, b"ab", 10), Some((7, 9)));
        assert_eq!(compact(text, b"ab", 1), None);
        assert_eq!(compact(b"xyz", b"ab", 10), None);
        assert_eq!(compact_window("é_a_b", "ab"), Some(3..6), "bytes");
    }

    proptest! {
        #[test]
        fn scores_do_not_depend_on_earlier_calls(
            before in "[abAB é_/.-]{0,40}",
            text in "[abAB é_/.-]{0,40}",
            pattern in "[abAé]{1,4}",
        ) {
            let fresh = Matcher::default();
            let (indices, score) = (
                fresh.skim.fuzzy_indices(&text, &pattern),
                fresh.skim.fuzzy_match(&text, &pattern),
            );
            let used = Matcher::default();
            for p in ["a", "ab", "aab", pattern.as_str()] {
                used.skim.fuzzy_indices(&before, p);
                used.skim.fuzzy_match(&before, p);
            }
            // Each call compared with the same call on a fresh matcher:
            // skim's fuzzy_match and fuzzy_indices may score one text
            // differently ("AAéé" in "aA-_éé--é…": 54 and 40), which is
            // not state carried over from earlier calls.
            prop_assert_eq!(used.skim.fuzzy_indices(&text, &pattern), indices);
            prop_assert_eq!(used.skim.fuzzy_match(&text, &pattern), score);
        }

        #[test]
        fn found_matches_lie_within_the_span(
            text in "[abAB é_/.-]{0,40}",
            pattern in "[abAé]{1,4}",
        ) {
            let m = Matcher::default();
            let fuzzy = Term { kind: Kind::Fuzzy, negated: false, case_sensitive: true, text: pattern.clone() };
            if let Some(found) = m.indices(&fuzzy, &text) {
                prop_assert_eq!(found.len(), pattern.chars().count());
                let span = found[found.len() - 1] - found[0] + 1;
                prop_assert!(span <= max_span(pattern.chars().count()));
                prop_assert!(m.matches(&fuzzy, &text));
            }
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
