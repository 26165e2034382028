//! Presentation mode: one slide per deck item, navigation that suits a
//! clicker, an index, a blank screen, a clock, and a detour to any
//! position found by search, with Esc back to the slide.

use std::time::Instant;

use super::{Action, App, Base, Layer};
use crate::deck::{DeckItem, Resolved, Target};

/// What one slide shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slide {
    Heading(String),
    Position {
        item: usize,
        position: usize,
    },
    Event {
        item: usize,
        event: usize,
    },
    /// A pinned topic: party A against party B, aligned by date.
    Comparison {
        item: usize,
        topic: usize,
    },
    /// A pinned matrix: every party on every topic as of a date (`None`:
    /// the latest positions).
    Matrix {
        item: usize,
        as_of: Option<crate::date::Date>,
    },
    /// A pin whose id is no longer in the data.
    Missing {
        item: usize,
        target: Target,
    },
}

pub struct Presenter {
    pub slide: usize,
    pub blank: bool,
    pub clock: bool,
    pub started: Instant,
    /// Digits typed before Enter, to jump to a slide by number.
    pub typed: String,
    pub notes: bool,
    /// A position found by search, shown instead of the slide until Esc.
    pub detour: Option<usize>,
    /// Show the current slide's topic as party A against party B.
    pub compare: bool,
}

impl App {
    /// The deck as slides, in deck order.
    pub fn slides(&self) -> Vec<Slide> {
        let ids = &self.lib.ids;
        self.deck
            .items
            .iter()
            .enumerate()
            .map(|(item, entry)| match entry {
                DeckItem::Heading { text } => Slide::Heading(text.clone()),
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

    /// Starts presenting at the slide of deck item `from` (or the first).
    pub(super) fn start_presenting(&mut self, from: Option<usize>) {
        if self.deck.is_empty() {
            self.message = Some("the deck is empty: pin positions with m first".into());
            return;
        }
        self.layers.clear();
        self.base = Base::Presenter(Presenter {
            slide: from.unwrap_or(0).min(self.deck.len() - 1),
            blank: false,
            clock: false,
            started: Instant::now(),
            typed: String::new(),
            notes: self.show_notes,
            detour: None,
            compare: false,
        });
    }

    pub(super) fn present_action(&mut self, action: Action) {
        let count = self.deck.len();
        if action == Action::ToggleIndex {
            self.toggle_index();
            return;
        }
        let Some(p) = self.presenter_mut() else { return };
        let last = count.saturating_sub(1);
        let go = |p: &mut Presenter, slide: usize| {
            p.slide = slide.min(last);
            p.detour = None;
            p.compare = false;
            p.blank = false;
        };
        match action {
            Action::NextSlide if !p.typed.is_empty() => {
                let wanted: usize = p.typed.parse().unwrap_or(1);
                p.typed.clear();
                go(p, wanted.saturating_sub(1));
            }
            Action::NextSlide | Action::ScrollDown(_) => go(p, p.slide + 1),
            Action::PrevSlide | Action::ScrollUp(_) => go(p, p.slide.saturating_sub(1)),
            Action::First => go(p, 0),
            Action::Last => go(p, last),
            Action::Digit(d) if p.typed.len() < 4 => p.typed.push(char::from(b'0' + d)),
            Action::ToggleBlank => p.blank = !p.blank,
            Action::ToggleClock => p.clock = !p.clock,
            Action::ToggleNotes => p.notes = !p.notes,
            Action::ToggleCompare => p.compare = !p.compare,
            Action::OpenSearch => self.open_search(),
            Action::Back => self.present_back(),
            _ => {}
        }
    }

    /// Esc steps back one layer: typed digits, the index, a detour or a
    /// comparison, a blank screen; then it leaves the presentation.
    fn present_back(&mut self) {
        let index_open = self.layers.top_is(|l| matches!(l, Layer::Index));
        let Some(p) = self.presenter_mut() else { return };
        if !p.typed.is_empty() {
            p.typed.clear();
        } else if index_open {
            self.layers.pop();
        } else if p.detour.is_some() || p.compare || p.blank {
            p.detour = None;
            p.compare = false;
            p.blank = false;
        } else {
            self.base = Base::Explorer;
        }
    }

    fn toggle_index(&mut self) {
        if self.layers.top_is(|l| matches!(l, Layer::Index)) {
            self.layers.pop();
        } else {
            self.layers.push(Layer::Index);
        }
    }
}
