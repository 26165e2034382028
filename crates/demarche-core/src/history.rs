//! How one party's stance on a topic changed: its positions in date
//! order, each with a word-level diff from the one before (of the stance,
//! and of the quote when both have one). Pure: the detail pane, the
//! presenter console and the command line all lay out the same `Step`s.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use similar::{DiffOp, TextDiff};

use crate::matrix::MatrixIndex;
use crate::model::Dataset;
use crate::text::display::DisplayText;

/// A run of words that stayed, went or came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

impl Piece {
    pub fn text(&self) -> &str {
        match self {
            Piece::Same(t) | Piece::Removed(t) | Piece::Added(t) => t,
        }
    }
}

/// One position in a party's history on a topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub position: usize,
    /// The same party's position on the topic just before, if any.
    pub previous: Option<usize>,
    /// The stance against the previous one's (all `Same` for the first).
    pub stance: Vec<Piece>,
    /// The quote against the previous one's, when both have a quote.
    pub quote: Option<Vec<Piece>>,
}

impl Step {
    /// True if the stance or the quote differs from the previous step's.
    pub fn changed(&self) -> bool {
        let differs = |pieces: &[Piece]| pieces.iter().any(|p| !matches!(p, Piece::Same(_)));
        differs(&self.stance) || self.quote.as_deref().is_some_and(differs)
    }
}

/// Words, old against new, compared whole ("talks" and "talk" differ);
/// spacing is not compared, and the pieces are spaced by single spaces.
/// A run of changes with no unchanged word inside is one removal and one
/// addition: "[-only after-]{+now, with+}" reads better than the words
/// paired off one by one.
pub(crate) fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    let old: Vec<&str> = old.split_whitespace().collect();
    let new: Vec<&str> = new.split_whitespace().collect();
    let diff = TextDiff::from_slices(&old, &new);
    let mut out: Vec<Piece> = Vec::new();
    let (mut removed, mut added): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                flush(&mut out, &mut removed, &mut added);
                let same = old[old_index..old_index + len].join(" ");
                // Spaces on the sides that touch other pieces.
                let lead = if out.is_empty() { "" } else { " " };
                out.push(Piece::Same(format!("{lead}{same} ")));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => removed.extend(&old[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => added.extend(&new[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                removed.extend(&old[old_index..old_index + old_len]);
                added.extend(&new[new_index..new_index + new_len]);
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    // The last piece ends the text: no space after it.
    if let Some(Piece::Same(t)) = out.last_mut() {
        t.truncate(t.trim_end().len());
    }
    out
}

/// Ends a run of changes: its removed words, then its added ones.
fn flush(out: &mut Vec<Piece>, removed: &mut Vec<&str>, added: &mut Vec<&str>) {
    if !removed.is_empty() {
        out.push(Piece::Removed(removed.join(" ")));
        removed.clear();
    }
    if !added.is_empty() {
        out.push(Piece::Added(added.join(" ")));
        added.clear();
    }
}

/// Pieces as plain text that reads without colour: `[-gone-]{+new+}`.
pub fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(t) => t.clone(),
            Piece::Removed(t) => format!("[-{t}-]"),
            Piece::Added(t) => format!("{{+{t}+}}"),
        })
        .collect()
}

/// Why and since when `position` no longer stands at `cursor` (the latest
/// of all without one), in words: "suspended 20 May 2014 by China: Halts
/// …"; `None` while it stands (or is not yet stated). The one wording for
/// the detail pane, the history and the console.
pub fn no_longer_stands(
    index: &MatrixIndex,
    data: &Dataset,
    text: &DisplayText,
    position: usize,
    cursor: Option<crate::date::Date>,
) -> Option<String> {
    use crate::model::Relation;
    use crate::standing::{Standing, cursor_day};
    let member = index.rules.home(position)?;
    if member.at(cursor_day(cursor)).standing != Standing::Superseded {
        return None;
    }
    let ended = member.ended_by?;
    let how = match ended.relation {
        Some(Relation::Suspends) => "suspended",
        Some(Relation::Supersedes) => "superseded",
        _ => "replaced",
    };
    let by = &data.positions[ended.position];
    Some(format!(
        "{how} {} by {}: {}",
        by.date, text.actors[by.actor].short, text.positions[ended.position].stance
    ))
}

/// The history of `position`'s party on its topic, up to and including
/// `position`, oldest first. Text comes from `text`, already display-safe.
pub fn of(index: &MatrixIndex, data: &Dataset, text: &DisplayText, position: usize) -> Vec<Step> {
    let Some(p) = data.positions.get(position) else {
        return Vec::new();
    };
    let series = index.series(p.topic, p.actor);
    let upto = series.iter().position(|&q| q == position).map_or(0, |i| i + 1);
    let mut steps = Vec::with_capacity(upto);
    let mut previous: Option<usize> = None;
    for &q in &series[..upto] {
        steps.push(step(text, q, previous));
        previous = Some(q);
    }
    steps
}

/// How many positions' histories are kept; past that the memo starts
/// again (a session looks at a few hundred positions at most).
const KEPT: usize = 1_024;

/// Each position's history, worked out the first time it is shown and
/// kept with the data it came from (`app::Library`, which a reload
/// replaces): the detail pane and the console read it on every frame but
/// diff once. Behind a lock because drawing only reads the app.
#[derive(Default)]
pub struct Histories(Mutex<HashMap<usize, Arc<[Step]>>>);

impl Histories {
    /// `of(index, data, text, position)`, once per position.
    pub fn of(
        &self,
        index: &MatrixIndex,
        data: &Dataset,
        text: &DisplayText,
        position: usize,
    ) -> Arc<[Step]> {
        let mut memo = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(steps) = memo.get(&position) {
            return Arc::clone(steps);
        }
        if memo.len() >= KEPT {
            memo.clear();
        }
        let steps: Arc<[Step]> = of(index, data, text, position).into();
        memo.insert(position, Arc::clone(&steps));
        steps
    }

    /// How many histories have been worked out and are kept.
    pub fn kept(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

/// A copy of the data starts with no histories worked out.
impl Clone for Histories {
    fn clone(&self) -> Histories {
        Histories::default()
    }
}

fn step(text: &DisplayText, position: usize, previous: Option<usize>) -> Step {
    let now = &text.positions[position];
    let (stance, quote) = match previous.map(|q| &text.positions[q]) {
        Some(before) => (
            diff_words(&before.stance, &now.stance),
            before
                .quote
                .as_deref()
                .zip(now.quote.as_deref())
                .map(|(old, new)| diff_words(old, new)),
        ),
        None => (vec![Piece::Same(now.stance.clone())], None),
    };
    Step {
        position,
        previous,
        stance,
        quote,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_went_and_came() {
        let pieces = diff_words(
            "Talks only after indictments are dropped",
            "Talks now, indictments aside",
        );
        assert_eq!(
            marked(&pieces),
            "Talks [-only after-]{+now,+} indictments [-are dropped-]{+aside+}"
        );
        assert_eq!(
            diff_words("same words", "same words"),
            vec![Piece::Same("same words".into())]
        );
        // Spacing is kept right around shared words, whatever the diff pairs.
        assert_eq!(
            marked(&diff_words(
                "The two sides have agreed to work",
                "Commits, with  China, to identify"
            )),
            "[-The two sides have agreed-]{+Commits, with China,+} to [-work-]{+identify+}"
        );
        assert_eq!(marked(&diff_words("", "New words")), "{+New words+}");
    }

    #[test]
    fn a_partys_history_on_a_topic() {
        let data = crate::load::load_str("m2.toml", include_str!("../../../tests/fixtures/matrix2.toml"))
            .unwrap()
            .dataset;
        let text = DisplayText::new(&data);
        let index = MatrixIndex::new(&data);
        let id = |i: usize| data.positions[i].id.as_str();
        let latest = data
            .positions
            .iter()
            .position(|p| p.id == "north-fishing-2")
            .unwrap();
        let steps = of(&index, &data, &text, latest);
        let ids: Vec<&str> = steps.iter().map(|s| id(s.position)).collect();
        assert_eq!(ids, ["north-fishing-1", "north-fishing-2"]);
        assert_eq!(steps[0].previous, None);
        assert!(!steps[0].changed());
        assert_eq!(steps[1].previous.map(id), Some("north-fishing-1"));
        assert_eq!(
            marked(&steps[1].stance),
            "Quotas [-only after the southern fleet is inspected-]{+now, with joint inspections of both fleets+}"
        );
        assert_eq!(
            steps[1].quote.as_deref().map(marked).as_deref(),
            Some(
                "No quota [-until every southern boat is inspected.-]{+without joint inspections of both fleets.+}"
            )
        );
        // South's first position has no quote to compare: no quote diff.
        let south = data
            .positions
            .iter()
            .position(|p| p.id == "south-fishing-2")
            .unwrap();
        assert_eq!(of(&index, &data, &text, south)[1].quote, None);
        // Earlier positions only: the history stops at the one asked about.
        assert_eq!(of(&index, &data, &text, steps[0].position).len(), 1);
    }

    #[test]
    fn a_history_is_worked_out_once() {
        let data = crate::load::load_str("m2.toml", include_str!("../../../tests/fixtures/matrix2.toml"))
            .unwrap()
            .dataset;
        let text = DisplayText::new(&data);
        let index = MatrixIndex::new(&data);
        let histories = Histories::default();
        let p = data
            .positions
            .iter()
            .position(|p| p.id == "north-fishing-2")
            .unwrap();
        let first = histories.of(&index, &data, &text, p);
        assert_eq!(*first, *of(&index, &data, &text, p));
        let again = histories.of(&index, &data, &text, p);
        assert!(Arc::ptr_eq(&first, &again), "read, not worked out again");
        assert_eq!(histories.kept(), 1);
        assert_eq!(histories.clone().kept(), 0);
    }

    #[test]
    fn whole_words_not_letters() {
        let pieces = diff_words("one talk", "one talks");
        assert_eq!(pieces[1], Piece::Removed("talk".into()));
        assert_eq!(pieces[2], Piece::Added("talks".into()));
    }
}
