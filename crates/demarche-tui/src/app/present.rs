//! Presentation mode: one slide per deck item, navigation that suits a
//! clicker, an index, a blank screen, a clock, and a detour to any
//! position found by search, with Esc back to the slide.

use std::time::Instant;

use super::layers::{Backstage, Blank, Component, GoTo, Handled, SlideIndex};
use super::{Action, App, Base, Context, Effects};
use demarche_core::deck::Target;

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
        as_of: Option<demarche_core::date::Date>,
    },
    /// A pin whose id is no longer in the data.
    Missing {
        item: usize,
        target: Target,
    },
}

pub struct Presenter {
    pub slide: usize,
    pub clock: bool,
    pub started: Instant,
    pub notes: bool,
    /// Lines of the slide's notes scrolled past.
    pub notes_scroll: usize,
    /// A position found by search, shown instead of the slide until Esc.
    pub detour: Option<usize>,
    /// Show the current slide's topic as party A against party B.
    pub compare: bool,
}

impl Presenter {
    fn new(notes: bool) -> Self {
        Presenter {
            slide: 0,
            clock: false,
            started: Instant::now(),
            notes,
            notes_scroll: 0,
            detour: None,
            compare: false,
        }
    }
}

impl Component for Presenter {
    fn context(&self) -> Context {
        Context::Present
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        app.present_action(action)
    }
}

impl App {
    /// Starts presenting at the slide of deck item `from`, or resumes
    /// where the last presentation left off (same slide, same clock).
    pub(super) fn start_presenting(&mut self, from: Option<usize>) {
        if self.deck.current.is_empty() {
            let pin = super::keymap::keys_for(Context::Global, &Action::TogglePin);
            self.session.message = Some(format!("the deck is empty: pin positions with {pin} first"));
            return;
        }
        self.layers.clear();
        let mut p = self
            .talk
            .parked
            .take()
            .unwrap_or_else(|| Presenter::new(self.talk.show_notes));
        if let Some(item) = from {
            p.slide = item;
        }
        p.slide = p.slide.min(self.deck.current.len() - 1);
        self.base = Base::Presenter(p);
    }

    fn present_action(&mut self, action: Action) -> Handled {
        let Some(slide) = self.presenter().map(|p| p.slide) else {
            return Handled::Ignored(action);
        };
        let mut effects = Effects::none();
        match action {
            Action::NextSlide | Action::ScrollDown(_) => self.show_slide(slide + 1),
            Action::PrevSlide | Action::ScrollUp(_) => self.show_slide(slide.saturating_sub(1)),
            Action::First => self.show_slide(0),
            Action::Last => self.show_slide(usize::MAX),
            Action::Digit(d) => self.layers.push(GoTo::typed(d)),
            Action::OpenGoTo => self.layers.push(GoTo::default()),
            Action::ToggleIndex => self.layers.push(SlideIndex { selected: slide }),
            Action::ToggleBlank => Blank::set(&mut self.layers, true),
            Action::ToggleBackstage => self.layers.push(Backstage::default()),
            Action::ToggleClock | Action::ToggleNotes | Action::ScrollNotes(_) => {
                self.presenter_setting(action)
            }
            Action::ToggleCompare => self.toggle_compare(),
            Action::OpenSearch => effects = self.open_search(),
            Action::Back => self.present_back(),
            Action::ToggleHelp => self.open_help(),
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(effects)
    }

    /// The clock, the notes and their scrolling.
    fn presenter_setting(&mut self, action: Action) {
        let most = self.notes_scroll_limit();
        let Some(p) = self.presenter_mut() else { return };
        match action {
            Action::ToggleClock => p.clock = !p.clock,
            Action::ToggleNotes => p.notes = !p.notes,
            Action::ScrollNotes(by) => p.notes_scroll = p.notes_scroll.saturating_add_signed(by).min(most),
            _ => {}
        }
    }

    /// Shows slide `slide` (the last one if past the end), leaving any
    /// detour or comparison.
    pub(super) fn show_slide(&mut self, slide: usize) {
        let last = self.deck.current.len().saturating_sub(1);
        if let Some(p) = self.presenter_mut() {
            p.slide = slide.min(last);
            p.detour = None;
            p.compare = false;
            p.notes_scroll = 0;
        }
    }

    /// Esc steps back: from a detour or a comparison to the slide; then it
    /// leaves the presentation, which `P` resumes where it was.
    fn present_back(&mut self) {
        let Some(p) = self.presenter_mut() else { return };
        if p.detour.is_some() || p.compare {
            p.detour = None;
            p.compare = false;
            return;
        }
        if let Base::Presenter(p) = std::mem::replace(&mut self.base, Base::Explorer) {
            self.talk.parked = Some(p);
        }
    }

    /// `v`: the slide's topic side by side, or a message saying why not.
    fn toggle_compare(&mut self) {
        let slide = self.presenter().and_then(|p| self.slides().get(p.slide).cloned());
        let two_parties = matches!(self.pair(), Some((_, Some(_))));
        let Some(p) = self.presenter_mut() else { return };
        if p.compare {
            p.compare = false;
            return;
        }
        let back = super::keymap::keys_for(Context::Present, &Action::Back);
        let detour = format!("only deck slides compare side by side: {back} returns to the slide first");
        let why_not = match (p.detour, slide.as_ref()) {
            (Some(_), _) => Some(detour.as_str()),
            _ if !two_parties => Some("nothing to compare: the data has only one party"),
            (None, Some(Slide::Position { .. })) => None,
            (None, Some(Slide::Comparison { .. })) => Some("this slide is already a side-by-side comparison"),
            (None, Some(Slide::Heading(_))) => Some("nothing to compare: a heading has no topic"),
            (None, Some(Slide::Event { .. })) => {
                Some("nothing to compare: an event slide has no single topic")
            }
            (None, Some(Slide::Matrix { .. })) => Some("this slide already shows every party on every topic"),
            (None, Some(Slide::Missing { .. }) | None) => {
                Some("nothing to compare: this pin is missing from the data")
            }
        };
        match why_not {
            Some(why) => self.session.message = Some(why.into()),
            None => p.compare = true,
        }
    }

    /// A bound on how far the notes can scroll: their lines at the
    /// narrowest slide, so scrolling back up never has far to come.
    fn notes_scroll_limit(&self) -> usize {
        let Some(note) = self.presenter().and_then(|p| self.slide_note(p.slide)) else {
            return 0;
        };
        demarche_core::notes::plain(note.blocks())
            .lines()
            .map(|line| line.chars().count() / 30 + 1)
            .sum()
    }
}
