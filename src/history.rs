//! How one party's stance on a topic changed: its positions in date
//! order, each with a word-level diff from the one before (of the stance,
//! and of the quote when both have one). Pure: the detail pane, the
//! presenter console and the command line all lay out the same `Step`s.

use similar::{ChangeTag, TextDiff};

use crate::display::DisplayText;
use crate::matrix::MatrixIndex;
use crate::model::Dataset;

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

/// Words and the spaces between them, old against new; runs of the same
/// kind are joined. Words are compared whole: "talks" and "talk" differ.
pub fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (out.last_mut(), change.tag()) {
            (Some(Piece::Same(t)), ChangeTag::Equal)
            | (Some(Piece::Removed(t)), ChangeTag::Delete)
            | (Some(Piece::Added(t)), ChangeTag::Insert) => t.push_str(text),
            (_, ChangeTag::Equal) => out.push(Piece::Same(text.to_string())),
            (_, ChangeTag::Delete) => out.push(Piece::Removed(text.to_string())),
            (_, ChangeTag::Insert) => out.push(Piece::Added(text.to_string())),
        }
    }
    out
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
    }

    #[test]
    fn whole_words_not_letters() {
        let pieces = diff_words("one talk", "one talks");
        assert_eq!(pieces[1], Piece::Removed("talk".into()));
        assert_eq!(pieces[2], Piece::Added("talks".into()));
    }
}
