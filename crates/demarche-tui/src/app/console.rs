//! The presenter console (`demarche console`): the talk as the audience
//! window reports it, seen from the presenter's side (current and next
//! slide, notes, timer, index). Keys become commands for the audience
//! window, which owns the truth; nothing moves here until its state
//! comes back.

use std::time::{Duration, Instant};

use super::layers::{Component, GoTo, Handled};
use super::{Action, App, Context, Effect, Effects};
use crate::remote::{Command, Event, Link, State};

pub struct ConsoleView {
    pub link: Link,
    /// The audience's last state, once one arrived.
    pub state: Option<State>,
    /// When `state` arrived: the clock runs on from its elapsed time.
    pub synced: Instant,
    /// The talk's target length (`--duration`), for the countdown.
    pub duration: Option<Duration>,
    /// The current slide's notes, parsed once per deck.
    pub notes: demarche_core::notes::Note,
    pub notes_scroll: usize,
    /// While the slide list has the keys: the highlighted slide.
    pub index: Option<usize>,
    /// The room's data errors have the pane (and Up/Down scroll them).
    pub errors: Option<usize>,
    /// The room's deck digest this console last read its deck file for.
    pub deck_asked: String,
}

/// How close the talk is to its target length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    Plenty(Duration),
    /// In the last stretch: a fifth of the talk, at most five minutes.
    Near(Duration),
    /// Over time by this much.
    Over(Duration),
}

impl ConsoleView {
    pub fn new(duration: Option<Duration>) -> ConsoleView {
        ConsoleView {
            link: Link::Waiting,
            state: None,
            synced: Instant::now(),
            duration,
            notes: demarche_core::notes::Note::default(),
            notes_scroll: 0,
            index: None,
            errors: None,
            deck_asked: String::new(),
        }
    }

    /// Time since the talk started, as of now.
    pub fn elapsed(&self) -> Option<Duration> {
        let state = self.state.as_ref()?;
        Some(Duration::from_millis(state.elapsed_ms) + self.synced.elapsed())
    }

    pub fn countdown(&self, elapsed: Duration) -> Option<Countdown> {
        let total = self.duration?;
        let near = (total / 5).min(Duration::from_secs(300));
        Some(match total.checked_sub(elapsed) {
            None => Countdown::Over(elapsed - total),
            Some(left) if left.is_zero() => Countdown::Over(Duration::ZERO),
            Some(left) if left <= near => Countdown::Near(left),
            Some(left) => Countdown::Plenty(left),
        })
    }

    pub fn slide(&self) -> Option<usize> {
        self.state.as_ref().map(|s| s.slide)
    }
}

impl App {
    /// The position the room sees off the deck, found by id in our data.
    pub(crate) fn console_showing(&self) -> Option<usize> {
        let id = self.console()?.state.as_ref()?.showing.as_ref()?;
        self.lib.ids.positions.get(id).copied()
    }
}

impl Component for ConsoleView {
    fn context(&self) -> Context {
        Context::Console
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        app.console_action(action)
    }
}

/// A command for the audience window, which owns the truth.
fn command(command: Command) -> Effects {
    Effects::one(Effect::Remote(command))
}

impl App {
    /// Turns this app into a presenter console.
    pub fn into_console(mut self, duration: Option<Duration>) -> Self {
        self.layers.clear();
        self.base = super::Base::Console(Box::new(ConsoleView::new(duration)));
        self
    }

    fn console_action(&mut self, action: Action) -> Handled {
        let last = self.deck.current.len().saturating_sub(1);
        let Some(c) = self.console_mut() else {
            return Handled::Ignored(action);
        };
        let current = c.slide().unwrap_or(0);
        let mut effects = Effects::none();
        match action {
            Action::NextSlide => effects = command(Command::Next),
            Action::PrevSlide => effects = command(Command::Prev),
            Action::First => effects = command(Command::Goto { slide: 0 }),
            Action::Last => effects = command(Command::Goto { slide: last }),
            Action::Digit(d) => self.layers.push(GoTo::typed(d)),
            Action::OpenGoTo => self.layers.push(GoTo::default()),
            Action::Activate => effects = self.console_go(),
            Action::ToggleIndex => c.index = if c.index.is_some() { None } else { Some(current) },
            Action::ToggleBackstage => c.errors = if c.errors.is_some() { None } else { Some(0) },
            Action::Up | Action::ScrollUp(_) => match (c.index.as_mut(), c.errors.as_mut()) {
                (Some(i), _) => *i = i.saturating_sub(1),
                (None, Some(e)) => *e = e.saturating_sub(1),
                (None, None) => c.notes_scroll = c.notes_scroll.saturating_sub(1),
            },
            Action::Down | Action::ScrollDown(_) => match (c.index.as_mut(), c.errors.as_mut()) {
                (Some(i), _) => *i = (*i + 1).min(last),
                (None, Some(e)) => *e += 1,
                (None, None) => c.notes_scroll += 1,
            },
            Action::ToggleBlank => {
                let on = !c.state.as_ref().is_some_and(|s| s.blank);
                effects = command(Command::Blank { on });
            }
            Action::OpenSearch => effects = self.open_search(),
            Action::Reload => effects = Effects::one(Effect::ReadDeck),
            Action::Back => effects = self.console_back(),
            Action::ToggleHelp => self.open_help(),
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(effects)
    }

    /// Enter: the slide chosen in the index, else the next slide. (A
    /// typed number is the go-to layer's, as on the room.)
    fn console_go(&mut self) -> Effects {
        let Some(c) = self.console_mut() else {
            return Effects::none();
        };
        match c.index.take() {
            Some(slide) => command(Command::Goto { slide }),
            None => command(Command::Next),
        }
    }

    /// Esc: the index or the errors, then the room's detour or blank.
    /// The console never ends the talk; `q` closes the console only.
    fn console_back(&mut self) -> Effects {
        let Some(c) = self.console_mut() else {
            return Effects::none();
        };
        if c.index.is_some() {
            c.index = None;
        } else if c.errors.is_some() {
            c.errors = None;
        } else {
            return command(Command::Back);
        }
        Effects::none()
    }

    /// The console shows the room's deck and never holds another: pins
    /// are made on the presenting window (they reach the console through
    /// the deck file). `None` if the action was refused.
    pub(super) fn console_guard(&mut self, action: Action) -> Option<Action> {
        if matches!(action, Action::SearchPin | Action::TogglePin) {
            self.session.message = Some(
                "pin on the presenting window: the console shows the room's deck and never changes it".into(),
            );
            return None;
        }
        Some(action)
    }

    /// `/` then Enter in the console: show that position to the room.
    pub(super) fn console_show(&self, position: usize) -> Effects {
        let id = self.lib.data.positions[position].id.clone();
        command(Command::Show { id })
    }

    /// What the audience window said (console side).
    pub(super) fn console_event(&mut self, event: Event) -> Effects {
        match event {
            Event::State(state) => return self.console_state(state),
            Event::Link(link) => {
                if let Some(c) = self.console_mut() {
                    c.link = link;
                }
            }
            // The console is the presenter's own screen: say it there too.
            Event::Dropped(reason) | Event::Notice(reason) => {
                self.session.message = Some(demarche_core::text::sanitize::line(&reason));
                self.log_remote(reason);
            }
            Event::Deck(deck) => self.deck.current = *deck,
            Event::Command(_) | Event::Consoles(_) => {
                self.log_remote("dropped a message meant for the presentation".into());
            }
        }
        Effects::none()
    }

    fn console_state(&mut self, mut state: State) -> Effects {
        if let Some(id) = &state.showing
            && !self.lib.ids.positions.contains_key(id)
        {
            self.log_remote("the room sees a position this console's data does not have".into());
        }
        // The room's data errors are drawn on every frame: neutralised once, here.
        state.errors = state
            .errors
            .iter()
            .map(|e| demarche_core::text::sanitize::line(e))
            .collect();
        state.stale = state
            .stale
            .iter()
            .map(|e| demarche_core::text::sanitize::line(e))
            .collect();
        let notes = self.slide_note(state.slide).cloned().unwrap_or_default();
        let ours = self.deck_digest().to_string();
        let Some(c) = self.console_mut() else {
            return Effects::none();
        };
        if c.slide() != Some(state.slide) {
            c.notes_scroll = 0;
        }
        let previous = c.state.as_ref().and_then(|s| s.notice.clone());
        // Another deck than the room's: read the file again, once per
        // deck the room holds (it may have unsaved changes: then the
        // footer keeps saying so).
        let read_again = !state.deck.is_empty() && state.deck != ours && c.deck_asked != state.deck;
        if read_again {
            c.deck_asked = state.deck.clone();
        }
        let notice = state.notice.clone().filter(|n| Some(n) != previous.as_ref());
        c.notes = notes;
        c.synced = Instant::now();
        c.state = Some(state);
        // What the room's screen does not show while we are attached.
        if let Some(notice) = notice {
            self.session.message = Some(format!("room: {}", demarche_core::text::sanitize::line(&notice)));
        }
        match read_again {
            true => Effects::one(Effect::ReadDeck),
            false => Effects::none(),
        }
    }

    /// True while the console's deck is not the room's.
    pub(crate) fn console_deck_differs(&self) -> bool {
        let Some(state) = self.console().and_then(|c| c.state.as_ref()) else {
            return false;
        };
        !state.deck.is_empty() && state.deck != self.deck_digest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Context;
    use demarche_core::deck::{Deck, Target};

    const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

    fn deck() -> Deck {
        let mut deck = Deck::default();
        deck.pin(Target::Position("north-tariffs-1".into()));
        deck.pin(Target::Position("south-tariffs-1".into()));
        deck.pin(Target::Position("south-talks".into()));
        deck.set_note(1, "Ask the room.\x1b[2J");
        deck
    }

    fn console() -> App {
        let data = demarche_core::load::load_str("explorer.toml", FIXTURE)
            .unwrap()
            .dataset;
        App::new(data)
            .with_deck(deck())
            .into_console(Some(Duration::from_secs(600)))
    }

    fn state(slide: usize) -> Action {
        Action::Remote(Event::State(State {
            slide,
            slides: 3,
            ..State::default()
        }))
    }

    fn commands(app: &mut App) -> Vec<Command> {
        app.take_effects()
            .into_iter()
            .filter_map(|e| match e {
                Effect::Remote(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_rooms_errors_and_the_notes_are_neutralised_when_they_arrive() {
        let mut app = console();
        app.apply(Action::Remote(Event::State(State {
            slide: 1,
            slides: 3,
            errors: vec!["x.toml:1:1: error: bad \u{1b}]52;c;eA==\u{7}".into()],
            ..State::default()
        })));
        let view = app.console().unwrap();
        let errors = &view.state.as_ref().unwrap().errors;
        assert!(
            errors.iter().all(|e| demarche_core::text::gate::is_clean(e)),
            "{errors:?}"
        );
        assert!(
            demarche_core::text::gate::is_clean(view.notes.source()),
            "{:?}",
            view.notes
        );
        assert!(view.notes.source().starts_with("Ask the room."));
    }

    #[test]
    fn keys_become_commands_and_nothing_moves_until_the_room_answers() {
        let mut app = console();
        assert_eq!(app.context(), Context::Console);
        app.apply(state(0));
        app.apply(Action::NextSlide);
        app.apply(Action::PrevSlide);
        app.apply(Action::Last);
        app.apply(Action::First);
        app.apply(Action::ToggleBlank);
        app.apply(Action::Back);
        assert_eq!(
            commands(&mut app),
            vec![
                Command::Next,
                Command::Prev,
                Command::Goto { slide: 2 },
                Command::Goto { slide: 0 },
                Command::Blank { on: true },
                Command::Back,
            ]
        );
        assert_eq!(app.console().unwrap().slide(), Some(0), "the room owns the truth");
        app.apply(state(1));
        assert_eq!(app.console().unwrap().slide(), Some(1));
    }

    fn press(app: &mut App, keys: &[crossterm::event::KeyCode]) {
        for &code in keys {
            let key = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
            if let Some(action) = crate::app::keymap::lookup(app.context(), &key) {
                app.apply(action);
            }
        }
    }

    #[test]
    fn a_typed_number_is_edited_with_backspace_and_goes_to_that_slide() {
        use crossterm::event::KeyCode::{Backspace, Char, Enter};
        let mut app = console();
        app.apply(state(0));
        press(&mut app, &[Char('3'), Backspace, Char('2'), Enter]);
        assert_eq!(commands(&mut app), vec![Command::Goto { slide: 1 }]);
        press(&mut app, &[Char(':'), Char('3'), Enter]);
        assert_eq!(
            commands(&mut app),
            vec![Command::Goto { slide: 2 }],
            "the keymap's go-to"
        );
    }

    #[test]
    fn a_number_the_room_has_no_slide_for_says_so_and_stays_put() {
        use crossterm::event::KeyCode::{Char, Enter};
        let mut app = console();
        app.apply(state(0));
        press(&mut app, &[Char('3'), Char('4'), Enter]);
        assert_eq!(commands(&mut app), vec![], "nothing moves");
        assert_eq!(app.session.message.as_deref(), Some("no slide 34 (3 slides)"));
        press(&mut app, &[Char('0'), Enter]);
        assert_eq!(app.session.message.as_deref(), Some("no slide 0 (3 slides)"));
        assert!(commands(&mut app).is_empty());
    }

    #[test]
    fn the_index_goes_to_the_chosen_slide_and_esc_cancels_a_number() {
        let mut app = console();
        app.apply(state(0));
        app.apply(Action::ToggleIndex);
        app.apply(Action::Down);
        app.apply(Action::Activate);
        app.apply(Action::Activate);
        assert_eq!(
            commands(&mut app),
            vec![Command::Goto { slide: 1 }, Command::Next]
        );
        app.apply(Action::Digit(2));
        app.apply(Action::Back);
        app.apply(Action::Activate);
        assert_eq!(commands(&mut app), vec![Command::Next], "Esc clears typed digits");
    }

    #[test]
    fn notes_follow_the_room_made_safe_and_scroll_back_on_a_new_slide() {
        let mut app = console();
        app.apply(state(1));
        let notes = &app.console().unwrap().notes;
        assert!(
            notes.source().starts_with("Ask the room.") && !notes.source().contains('\x1b'),
            "{notes:?}"
        );
        app.apply(Action::Down);
        app.apply(Action::Down);
        assert_eq!(app.console().unwrap().notes_scroll, 2);
        app.apply(state(2));
        assert_eq!(app.console().unwrap().notes_scroll, 0);
        assert!(app.console().unwrap().notes.is_empty());
    }

    #[test]
    fn the_countdown_warns_near_the_end_and_counts_past_it() {
        let view = ConsoleView::new(Some(Duration::from_secs(45 * 60)));
        let min = |m: u64| Duration::from_secs(m * 60);
        assert_eq!(view.countdown(min(10)), Some(Countdown::Plenty(min(35))));
        assert_eq!(view.countdown(min(40)), Some(Countdown::Near(min(5))));
        assert_eq!(view.countdown(min(45)), Some(Countdown::Over(Duration::ZERO)));
        assert_eq!(view.countdown(min(47)), Some(Countdown::Over(min(2))));
        let short = ConsoleView::new(Some(min(10)));
        assert_eq!(short.countdown(min(7)), Some(Countdown::Plenty(min(3))));
        assert_eq!(short.countdown(min(8)), Some(Countdown::Near(min(2))));
        assert_eq!(ConsoleView::new(None).countdown(min(8)), None);
    }

    #[test]
    fn the_link_and_the_room_s_detour_are_tracked() {
        let mut app = console();
        assert_eq!(app.console().unwrap().link, Link::Waiting);
        app.apply(Action::Remote(Event::Link(Link::Connected)));
        app.apply(Action::Remote(Event::State(State {
            showing: Some("analyst-tariffs".into()),
            slides: 3,
            ..State::default()
        })));
        let shown = app.console_showing().unwrap();
        assert_eq!(app.data().positions[shown].id, "analyst-tariffs");
        app.apply(Action::Remote(Event::State(State {
            showing: Some("no-such-id".into()),
            slides: 3,
            ..State::default()
        })));
        assert_eq!(app.console_showing(), None);
        assert_eq!(app.talk.remote.log.len(), 1, "an unknown id is logged");
        app.apply(Action::Remote(Event::Link(Link::Lost)));
        assert_eq!(app.console().unwrap().link, Link::Lost);
    }
}
