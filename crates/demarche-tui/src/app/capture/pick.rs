//! A fuzzy pick-list: type to narrow the options (by id or name, letters
//! in order, as the explorer's search ranks them), Up and Down to choose.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::app::editor::{Edit, Editor};

#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    /// (id, label) of every option.
    pub options: Vec<(String, String)>,
    /// What has been typed to narrow them.
    pub query: Editor,
    /// The options the query matches, best first (all when it is empty).
    pub matches: Vec<usize>,
    /// The option chosen (an index into `options`).
    pub chosen: Option<usize>,
}

impl Pick {
    pub fn new(options: Vec<(String, String)>, chosen: Option<usize>) -> Self {
        let matches = (0..options.len()).collect();
        Pick {
            options,
            query: Editor::new("", true),
            matches,
            chosen,
        }
    }

    pub(crate) fn chosen_id(&self) -> Option<&str> {
        self.chosen
            .and_then(|c| self.options.get(c))
            .map(|(id, _)| id.as_str())
    }

    pub(crate) fn chosen_label(&self) -> Option<&str> {
        self.chosen
            .and_then(|c| self.options.get(c))
            .map(|(_, label)| label.as_str())
    }

    pub(crate) fn choose_id(&mut self, id: &str) {
        self.chosen = self.options.iter().position(|(i, _)| i == id);
    }

    /// Typing narrows the list and chooses the best match.
    pub fn edit(&mut self, edit: Edit) {
        self.query.apply(edit);
        let query = self.query.text();
        let query = query.trim();
        if query.is_empty() {
            self.matches = (0..self.options.len()).collect();
            return;
        }
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize)> = self
            .options
            .iter()
            .enumerate()
            .filter_map(|(n, (id, label))| {
                let score = matcher
                    .fuzzy_match(id, query)
                    .max(matcher.fuzzy_match(label, query))?;
                Some((score, n))
            })
            .collect();
        scored.sort_by_key(|&(score, n)| (std::cmp::Reverse(score), n));
        self.matches = scored.into_iter().map(|(_, n)| n).collect();
        if let Some(&best) = self.matches.first() {
            self.chosen = Some(best);
        }
    }

    /// Up (-1) or down (1) among the matches.
    pub fn step(&mut self, by: isize) {
        if self.matches.is_empty() {
            return;
        }
        let at = self
            .chosen
            .and_then(|c| self.matches.iter().position(|&m| m == c))
            .map_or(0, |i| {
                (i as isize + by).rem_euclid(self.matches.len() as isize) as usize
            });
        self.chosen = Some(self.matches[at]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick() -> Pick {
        let o = |id: &str, name: &str| (id.to_string(), name.to_string());
        Pick::new(
            vec![
                o("us", "United States"),
                o("china", "China"),
                o("segal", "Adam Segal"),
            ],
            Some(0),
        )
    }

    #[test]
    fn typing_narrows_and_chooses_the_best_match() {
        let mut p = pick();
        for c in "chn".chars() {
            p.edit(Edit::Insert(c));
        }
        assert_eq!(p.chosen_id(), Some("china"));
        p.edit(Edit::Backspace);
        p.edit(Edit::Backspace);
        p.edit(Edit::Backspace);
        p.edit(Edit::Insert('a'));
        p.edit(Edit::Insert('s'));
        assert_eq!(p.chosen_label(), Some("Adam Segal"));
    }

    #[test]
    fn up_and_down_cycle_through_the_matches() {
        let mut p = pick();
        p.step(1);
        assert_eq!(p.chosen_id(), Some("china"));
        p.step(-1);
        p.step(-1);
        assert_eq!(p.chosen_id(), Some("segal"));
    }
}
