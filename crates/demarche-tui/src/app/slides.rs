//! The deck as slides, derived once per change rather than on every
//! frame: the slide list (headings sanitised), each item's note
//! sanitised, the side-by-side grid of every topic a slide can
//! compare, and the matrix at each date a matrix slide shows. Built again when the deck, the data or the party pair
//! changes; the deck view and the presentation only read it.

use std::collections::{HashMap, HashSet};

use super::{App, Grid, Slide};
use demarche_core::date::Date;
use demarche_core::deck::{DeckItem, Resolved};
use demarche_core::matrix::Snapshot;
use demarche_core::notes::Note;

/// The slides and what they were built from.
#[derive(Default)]
pub(super) struct SlideCache {
    /// The deck's generation and the pair the slides were built from, to
    /// notice a change (`None`: never built).
    generation: Option<u64>,
    pair: Option<(usize, Option<usize>)>,
    /// Set when new data comes in (indices may all have moved).
    stale: bool,
    slides: Vec<Slide>,
    /// Each deck item's note, parsed (and display-safe), when it has one:
    /// the deck's own parse (`Deck::notes`), shared with the exports.
    notes: std::sync::Arc<[Option<Note>]>,
    /// Party A against party B for each topic on a slide (two parties only).
    grids: HashMap<usize, Grid>,
    /// The matrix at the date of each matrix slide (`None`: the latest).
    snapshots: HashMap<Option<Date>, Snapshot>,
    /// How many times the slides were built (tests show drawing builds none).
    builds: usize,
    /// The deck's digest, for the console link.
    digest: String,
    /// Why each stale slide is stale (see `stale`).
    stale_reasons: Vec<String>,
    /// The positions pinned, which every cell drawn asks about.
    pinned: HashSet<usize>,
}

impl SlideCache {
    /// The data was replaced: build again whatever the deck says.
    pub(super) fn data_changed(&mut self) {
        self.stale = true;
    }
}

impl App {
    /// The deck as slides, in deck order.
    pub fn slides(&self) -> &[Slide] {
        debug_assert!(
            self.deck.slides.generation == Some(self.deck.current.generation()),
            "slides built from an older deck"
        );
        &self.deck.slides.slides
    }

    /// The user's note on slide `slide`, parsed, if it has one.
    pub(crate) fn slide_note(&self, slide: usize) -> Option<&Note> {
        self.deck.slides.notes.get(slide)?.as_ref()
    }

    /// `topic` as party A against party B, for a comparison on a slide.
    pub(crate) fn comparison_grid(&self, topic: usize) -> Option<&Grid> {
        self.deck.slides.grids.get(&topic)
    }

    /// The matrix as a matrix slide dated `as_of` shows it.
    pub(crate) fn slide_snapshot(&self, as_of: Option<Date>) -> Option<&Snapshot> {
        self.deck.slides.snapshots.get(&as_of)
    }

    /// A digest of the deck the slides show (the console compares it).
    pub(crate) fn deck_digest(&self) -> &str {
        &self.deck.slides.digest
    }

    /// The slides drawn from data that is no longer current, and why.
    pub(crate) fn stale_slides(&self) -> &[String] {
        &self.deck.slides.stale_reasons
    }

    /// Whether position `p` is in the deck; asked for every cell drawn, so
    /// it reads the set built with the slides rather than the deck.
    pub fn is_pinned(&self, p: usize) -> bool {
        self.deck.slides.pinned.contains(&p)
    }

    /// How many times the slides have been built.
    pub fn slide_builds(&self) -> usize {
        self.deck.slides.builds
    }

    /// Builds the slides again if the deck (its generation), the data or
    /// the pair changed since they were built. Called after every action,
    /// so it compares two numbers, never two decks. Not while a load has
    /// the data set aside: the slides wait for the data to come back.
    pub(super) fn update_slides(&mut self) {
        if self.data_set_aside() {
            return;
        }
        let cache = &self.deck.slides;
        if !cache.stale
            && cache.generation == Some(self.deck.current.generation())
            && cache.pair == self.pair()
        {
            return;
        }
        let builds = cache.builds + 1;
        let slides = self.build_slides();
        self.deck.slides = SlideCache {
            digest: crate::remote::protocol::deck_digest(&self.deck.current),
            stale_reasons: self.stale_reasons(&slides),
            grids: self.comparison_grids(&slides),
            snapshots: self.matrix_snapshots(&slides),
            pinned: pinned_positions(&slides),
            slides,
            notes: self.deck.current.notes(),
            generation: Some(self.deck.current.generation()),
            pair: self.pair(),
            stale: false,
            builds,
        };
    }

    fn build_slides(&self) -> Vec<Slide> {
        let ids = &self.lib.ids;
        self.deck
            .current
            .items()
            .iter()
            .enumerate()
            .map(|(item, entry)| match entry {
                DeckItem::Heading { text } => Slide::Heading(demarche_core::text::sanitize::line(text)),
                DeckItem::Point { target, .. } => match target.resolve_indexed(ids) {
                    Some(Resolved::Position(position)) => Slide::Position { item, position },
                    Some(Resolved::Event(event)) => Slide::Event { item, event },
                    Some(Resolved::Topic(topic)) => Slide::Comparison { item, topic },
                    Some(Resolved::Matrix(as_of)) => Slide::Matrix { item, as_of },
                    None => Slide::Missing {
                        item,
                        target: target.clone(),
                    },
                },
            })
            .collect()
    }

    /// A grid for each topic a slide shows or can compare (`v`).
    fn comparison_grids(&self, slides: &[Slide]) -> HashMap<usize, Grid> {
        let Some((a, Some(b))) = self.pair() else {
            return HashMap::new();
        };
        let data = &self.lib.data;
        // Each topic once: a deck of 20,000 points on a few topics needs a
        // few grids, not 20,000 (each one a pass over the whole file).
        let topics: std::collections::BTreeSet<usize> = slides
            .iter()
            .filter_map(|slide| match slide {
                Slide::Position { position, .. } => Some(data.positions[*position].topic),
                Slide::Comparison { topic, .. } => Some(*topic),
                _ => None,
            })
            .collect();
        topics
            .into_iter()
            .map(|topic| (topic, Grid::for_pair(data, topic, [a, b])))
            .collect()
    }

    /// The matrix at each date a matrix slide shows.
    fn matrix_snapshots(&self, slides: &[Slide]) -> HashMap<Option<Date>, Snapshot> {
        slides
            .iter()
            .filter_map(|slide| match slide {
                Slide::Matrix { as_of, .. } => Some(*as_of),
                _ => None,
            })
            .map(|as_of| (as_of, self.lib.matrix.snapshot(&self.lib.data, as_of)))
            .collect()
    }
}

/// The positions the slides show, as pinned.
fn pinned_positions(slides: &[Slide]) -> HashSet<usize> {
    slides
        .iter()
        .filter_map(|slide| match slide {
            Slide::Position { position, .. } => Some(*position),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use demarche_core::deck::Target;
    use demarche_core::load::load_str;

    const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

    fn data() -> demarche_core::model::Dataset {
        load_str("explorer.toml", FIXTURE).unwrap().dataset
    }

    /// A heading (with an escape sequence in it), a position with a
    /// note, a pinned topic and the matrix; presenting.
    fn presenting() -> App {
        let mut app = App::new(data());
        app.deck.current.insert_heading(0, "Opening \u{1b}[31mred");
        app.deck.current.pin(Target::Position("north-tariffs-1".into()));
        app.deck.current.pin(Target::Topic("talks".into()));
        app.deck
            .current
            .pin(Target::Matrix(demarche_core::deck::LATEST.into()));
        app.deck
            .current
            .set_note(1, "Ask the room \u{1b}]52;c;x\u{7}first.");
        app.apply(Action::Present);
        app
    }

    #[test]
    fn moving_through_the_slides_builds_nothing() {
        let mut app = presenting();
        let builds = app.slide_builds();
        let slides = app.slides().as_ptr();
        for action in [
            Action::NextSlide,
            Action::ToggleCompare,
            Action::ToggleNotes,
            Action::Last,
        ] {
            app.apply(action);
        }
        assert_eq!(app.slide_builds(), builds);
        assert_eq!(app.slides().as_ptr(), slides, "the same slides, not a copy");
    }

    #[test]
    fn headings_and_notes_are_sanitised_when_built() {
        let app = presenting();
        let Slide::Heading(heading) = &app.slides()[0] else {
            panic!("{:?}", app.slides());
        };
        assert!(demarche_core::text::gate::is_clean(heading), "{heading:?}");
        assert!(heading.starts_with("Opening"));
        let note = app.slide_note(1).unwrap();
        assert!(demarche_core::text::gate::is_clean(note.source()), "{note:?}");
        assert_eq!(app.slide_note(0), None, "a heading has no note");
    }

    #[test]
    fn a_deck_change_builds_the_slides_once() {
        let mut app = presenting();
        let builds = app.slide_builds();
        app.apply(Action::Back);
        app.apply(Action::OpenDeck);
        app.apply(Action::DeckRemove);
        assert_eq!(app.slide_builds(), builds + 1);
        assert_eq!(app.slides().len(), 3);
        assert!(matches!(app.slides()[0], Slide::Position { .. }));
    }

    #[test]
    fn grids_follow_the_pair_and_new_data() {
        let mut app = presenting();
        let tariffs = app.lib.ids.topics["tariffs"];
        let talks = app.lib.ids.topics["talks"];
        let pair = app.pair().unwrap();
        let grid = app.comparison_grid(tariffs).unwrap().clone();
        assert!(
            app.comparison_grid(talks).is_some(),
            "a pinned topic has its grid"
        );
        assert!(app.slide_snapshot(None).is_some(), "the matrix slide's snapshot");
        app.apply(Action::Back);
        app.apply(Action::CyclePair);
        assert_ne!(app.pair(), Some(pair));
        let (a, b) = app.pair().unwrap();
        let now = app.comparison_grid(tariffs).unwrap();
        assert_eq!(*now, Grid::for_pair(app.data(), tariffs, [a, b.unwrap()]));
        assert_ne!(*now, grid);
        let builds = app.slide_builds();
        app.apply(Action::Reloaded(Box::new(data())));
        assert_eq!(app.slide_builds(), builds + 1, "new data, new slides");
    }
}
