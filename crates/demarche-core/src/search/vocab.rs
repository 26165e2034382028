//! The dataset's vocabulary, built once per load: every word of every
//! searched field (case-folded), with the number of positions it occurs
//! in. It answers two questions a query asks before any position is
//! scanned: how rare is this word (rare words weigh more), and, for a word
//! that occurs nowhere, which word was probably meant (typo tolerance).

use std::collections::HashMap;

/// A word is a run of letters and digits; anything else separates words.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text`, in order, repeats included.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

/// How many edits a typo of a word this long may have, as search engines
/// allow: none below 5 letters, 1 for 5 to 8, 2 beyond.
pub(super) fn edits_allowed(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[derive(Default)]
pub(super) struct Vocabulary {
    /// Sorted, distinct.
    words: Vec<String>,
    /// Positions each word occurs in, by index into `words`.
    counts: Vec<u32>,
    /// Positions in the dataset.
    positions: u32,
}

/// Collects words while the index is built. A word is counted once per
/// text however often the text uses it: `seen` holds the last text that
/// counted it.
#[derive(Default)]
pub(super) struct Builder {
    counts: HashMap<String, (u32, u32)>,
    texts: u32,
}

impl Builder {
    /// Counts each word of `text` as occurring in `positions` positions:
    /// 1 for a position's own field, the number of positions that refer
    /// to it for a shared one (an actor's name, a tag list). A word in
    /// both a position's own text and a shared one is counted twice; for
    /// weighing words that is close enough, and it spares tokenising the
    /// shared texts once per position.
    pub(super) fn add(&mut self, text: &str, positions: u32) {
        self.texts += 1;
        let stamp = self.texts;
        for word in words(text) {
            match self.counts.get_mut(word) {
                Some((count, seen)) if *seen != stamp => {
                    *count = count.saturating_add(positions);
                    *seen = stamp;
                }
                Some(_) => {}
                None => {
                    self.counts.insert(word.to_string(), (positions, stamp));
                }
            }
        }
    }

    pub(super) fn finish(self, positions: usize) -> Vocabulary {
        let mut entries: Vec<(String, u32)> = self.counts.into_iter().map(|(w, (n, _))| (w, n)).collect();
        entries.sort_unstable();
        let (words, counts) = entries.into_iter().unzip();
        Vocabulary {
            words,
            counts,
            positions: u32::try_from(positions).unwrap_or(u32::MAX),
        }
    }
}

impl Vocabulary {
    /// Indices of the words that start with `prefix`.
    fn with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.words.partition_point(|w| w.as_str() < prefix);
        let len = self.words[start..]
            .iter()
            .take_while(|w| w.starts_with(prefix))
            .count();
        start..start + len
    }

    /// True when some word of the dataset contains `word`: it can match
    /// as it is, so it is no typo.
    pub(super) fn contains_part(&self, word: &str) -> bool {
        !self.with_prefix(word).is_empty() || self.words.iter().any(|w| w.contains(word))
    }

    /// About how many positions `term` (case-folded) occurs in: for each
    /// of its words, the positions of the words it starts (or, failing
    /// that, is part of); the rarest word counts. Unknown: every position.
    pub(super) fn frequency(&self, term: &str) -> u32 {
        words(term)
            .map(|word| {
                let range = self.with_prefix(word);
                let found: u64 = if range.is_empty() {
                    (self.words.iter().zip(&self.counts))
                        .filter(|(w, _)| w.contains(word))
                        .map(|(_, &n)| u64::from(n))
                        .sum()
                } else {
                    self.counts[range].iter().map(|&n| u64::from(n)).sum()
                };
                match found {
                    0 => self.positions,
                    n => u32::try_from(n).unwrap_or(u32::MAX).min(self.positions),
                }
            })
            .min()
            .unwrap_or(self.positions)
    }

    /// A term's weight, IDF-style: 1 for a word in every position, about
    /// 1 + ln(N) for a word in one. Scaled by 100 to stay in integers.
    pub(super) fn weight(&self, term: &str) -> i64 {
        let n = f64::from(self.positions.max(1));
        let df = f64::from(self.frequency(term).clamp(1, self.positions.max(1)));
        (100.0 * (1.0 + (n / df).ln())).round() as i64
    }

    /// The word a misspelt `word` most likely stands for: the closest by
    /// Damerau-Levenshtein distance (adjacent transpositions count as one
    /// edit) within `edits_allowed`, the more common on a tie. `None` when
    /// `word` is too short, occurs as it is, or nothing is close enough.
    pub(super) fn correct(&self, word: &str) -> Option<&str> {
        let letters = word.chars().count();
        let allowed = edits_allowed(letters);
        if allowed == 0 || !word.chars().all(is_word_char) || self.contains_part(word) {
            return None;
        }
        (self.words.iter().zip(&self.counts))
            .filter(|(w, _)| w.chars().count().abs_diff(letters) <= allowed)
            .map(|(w, &n)| (strsim::osa_distance(word, w), std::cmp::Reverse(n), w))
            .filter(|&(d, _, _)| d <= allowed)
            .min()
            .map(|(_, _, w)| w.as_str())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.words.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(texts: &[&str]) -> Vocabulary {
        let mut b = Builder::default();
        for text in texts {
            b.add(text, 1);
        }
        b.finish(texts.len())
    }

    #[test]
    fn counts_positions_not_occurrences() {
        let v = vocabulary(&["ban ban landing", "landing-ban", "quota"]);
        assert_eq!(v.frequency("ban"), 2);
        assert_eq!(v.frequency("landing"), 2);
        assert_eq!(v.frequency("quota"), 1);
        assert_eq!(v.frequency("zzz"), 3, "unknown: every position");
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn rare_words_weigh_more() {
        let v = vocabulary(&["ban quota", "ban", "ban"]);
        assert!(v.weight("quota") > v.weight("ban"));
        assert_eq!(v.weight("ban"), 100);
    }

    #[test]
    fn corrects_within_the_edits_a_length_allows() {
        let v = vocabulary(&["indictment sanctions mackerel", "quota"]);
        assert_eq!(v.correct("indcitment"), Some("indictment"), "transposition");
        assert_eq!(v.correct("mackrel"), Some("mackerel"), "a dropped letter");
        assert_eq!(v.correct("sanctoins"), Some("sanctions"));
        assert_eq!(v.correct("qoute"), None, "5 letters, 2 edits");
        assert_eq!(v.correct("qota"), None, "too short");
        assert_eq!(v.correct("mackerel"), None, "a word as it is");
        assert_eq!(v.correct("ackere"), None, "part of a word");
        assert_eq!(v.correct("xxxxxxxx"), None);
    }

    #[test]
    fn edits_by_length() {
        assert_eq!(
            (1..=10).map(edits_allowed).collect::<Vec<_>>(),
            [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]
        );
    }
}
