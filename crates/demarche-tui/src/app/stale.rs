//! Slides whose pin vanished from the data mid-talk (an id renamed, a
//! position deleted): the room keeps their last good rendering, drawn
//! from the data as it was, and the console says which are stale and why.
//! The old data is kept only while a deck item still needs it. One rule
//! for every kind of slide: a position, an event, a topic's comparison
//! (kept with its grid, built once from the old data and the pair then
//! shown) or anything else a pin resolved to.

use std::collections::HashMap;
use std::sync::Arc;

use super::{App, Grid, Library, Slide};
use demarche_core::deck::{Resolved, Target};
use demarche_core::model::IdIndex;

/// Each vanished pin, with the data it last resolved in.
#[derive(Default)]
pub(super) struct LastGood(HashMap<Target, Kept>);

/// What a vanished pin showed: the data, what the pin resolved to there,
/// and for a topic the comparison as it was drawn.
struct Kept {
    lib: Arc<Library>,
    resolved: Resolved,
    comparison: Option<Comparison>,
}

/// A topic as the room last saw it compared: the two parties (indices
/// into the kept data) and their grid.
pub struct Comparison {
    pub parties: [usize; 2],
    pub grid: Grid,
}

impl App {
    /// The data `target` last resolved in, and what it resolved to, if it
    /// vanished from the current data.
    pub(crate) fn last_good(&self, target: &Target) -> Option<(&Library, Resolved)> {
        self.deck
            .last_good
            .0
            .get(target)
            .map(|k| (k.lib.as_ref(), k.resolved))
    }

    /// A vanished topic's comparison as the room last saw it, with the
    /// data it was drawn from (`None` when it was not compared: one party).
    pub(crate) fn last_good_comparison(&self, target: &Target) -> Option<(&Library, &Comparison)> {
        let kept = self.deck.last_good.0.get(target)?;
        Some((kept.lib.as_ref(), kept.comparison.as_ref()?))
    }

    /// Whether some pin resolves with the `old` ids and not with the new
    /// `ids`: the one case where the old library must outlive a reload.
    pub(super) fn vanishing(&self, old: &IdIndex, ids: &IdIndex) -> bool {
        self.deck.current.points().any(|point| {
            point.target.resolve_indexed(ids).is_none() && point.target.resolve_indexed(old).is_some()
        })
    }

    /// New data replaces `old`: every pin that resolved in `old` and does
    /// not in the new data keeps `old`. Called before the view moves to
    /// the new data, so the pair is still the one the room saw. `old` is
    /// `None` when no pin needs it (`vanishing`): pins that vanished
    /// earlier keep the data they last resolved in.
    pub(super) fn keep_vanished(&mut self, old: Option<Library>) {
        let old = old.map(Arc::new);
        let pair = old
            .as_ref()
            .and_then(|old| old.pairs.get(self.explorer.view.pair).copied());
        let ids = &self.lib.ids;
        let mut kept = HashMap::new();
        for point in self.deck.current.points() {
            let target = point.target;
            if target.resolve_indexed(ids).is_some() {
                continue;
            }
            let earlier = self.deck.last_good.0.remove(target);
            let now = match old
                .as_ref()
                .and_then(|old| Some((old, target.resolve_indexed(&old.ids)?)))
            {
                Some((old, resolved)) => Some(Kept {
                    comparison: comparison(old, resolved, pair),
                    lib: Arc::clone(old),
                    resolved,
                }),
                None => earlier,
            };
            if let Some(entry) = now {
                kept.insert(target.clone(), entry);
            }
        }
        self.deck.last_good.0 = kept;
    }

    /// Why each stale slide is stale, for the console: "slide 3: position
    /// "x" is no longer in the data; the room shows it as it was".
    pub(super) fn stale_reasons(&self, slides: &[Slide]) -> Vec<String> {
        slides
            .iter()
            .enumerate()
            .filter_map(|(i, slide)| match slide {
                Slide::Missing { target, .. } if self.last_good(target).is_some() => Some(format!(
                    "slide {}: {} \"{}\" is no longer in the data; the room shows it as it was",
                    i + 1,
                    target.kind(),
                    target.id()
                )),
                _ => None,
            })
            .collect()
    }
}

/// The grid a topic's comparison showed in `lib` for `pair`, if it had two parties.
fn comparison(lib: &Library, resolved: Resolved, pair: Option<(usize, Option<usize>)>) -> Option<Comparison> {
    let (Resolved::Topic(topic), Some((a, Some(b)))) = (resolved, pair) else {
        return None;
    };
    Some(Comparison {
        parties: [a, b],
        grid: Grid::for_pair(&lib.data, topic, [a, b]),
    })
}
