//! Slides whose pin vanished from the data mid-talk (an id renamed, a
//! position deleted): the room keeps their last good rendering, drawn
//! from the data as it was, and the console says which are stale and why.
//! The old data is kept only while a deck item still needs it.

use std::collections::HashMap;
use std::sync::Arc;

use super::{App, Library, Slide};
use crate::deck::{Resolved, Target};

/// Each vanished position or event pin, with the data it last resolved in.
#[derive(Default)]
pub(super) struct LastGood(HashMap<Target, (Arc<Library>, Resolved)>);

impl App {
    /// The data `target` last resolved in, and what it resolved to, if it
    /// vanished from the current data.
    pub fn last_good(&self, target: &Target) -> Option<(&Library, Resolved)> {
        self.last_good.0.get(target).map(|(lib, r)| (lib.as_ref(), *r))
    }

    /// New data replaces `old`: every pinned position or event that
    /// resolved in `old` and does not in the new data keeps `old`.
    pub(super) fn keep_vanished(&mut self, old: Library) {
        let old = Arc::new(old);
        let ids = &self.lib.ids;
        let mut kept = HashMap::new();
        for point in self.deck.points() {
            let target = point.target;
            if target.resolve_indexed(ids).is_some() {
                continue;
            }
            let earlier = self.last_good.0.remove(target);
            let now = match target.resolve_indexed(&old.ids) {
                Some(r @ (Resolved::Position(_) | Resolved::Event(_))) => Some((Arc::clone(&old), r)),
                _ => earlier,
            };
            if let Some(entry) = now {
                kept.insert(target.clone(), entry);
            }
        }
        self.last_good.0 = kept;
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
