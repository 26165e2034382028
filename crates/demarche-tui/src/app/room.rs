//! The room's screen: one rule, enforced here and nowhere else.
//!
//! The audience sees the slide, a blank, or the presenter's deliberate
//! `/` result. The presenter's own things (notes, the clock, messages,
//! data errors, help, the index, backstage) show on it only when asked
//! for on the room's keyboard while no console is attached:
//! - while a console is attached, the keys that would open them are
//!   refused, and the refusal goes to the console (`State::notice`);
//! - leaving the presentation (Esc, `q`) needs a second press within
//!   [`CONFIRM`], so a stray key does not drop the room into the explorer;
//! - when a console arrives, what was private is put away; when it goes
//!   (quit or killed), the room changes nothing it shows until the
//!   presenter presses a key on the room's own keyboard.
//!
//! Messages on the room fade after [`FADE`]; time comes in as
//! `Action::Tick`, so tests need no sleep.

use std::time::{Duration, Instant};

use super::layers::{Backstage, GoTo, HelpView, SlideIndex};
use super::{Action, App, Context};

/// A second Esc within this long leaves the presentation while a
/// console is attached.
pub(crate) const CONFIRM: Duration = Duration::from_secs(2);

/// A message on the room's screen goes away after this long.
pub(crate) const FADE: Duration = Duration::from_secs(2);

/// What the room rule keeps between actions.
#[derive(Debug, Default)]
pub(super) struct Room {
    /// The time of the last `Tick`.
    now: Option<Instant>,
    /// When the first Esc of a confirmed leave was pressed.
    leave_armed: Option<Instant>,
    /// When the status message last changed (for the fade).
    message_since: Option<Instant>,
    /// The presenter's private things stay off the room until a key is
    /// pressed on it with no console attached (set while one is, and
    /// kept after it leaves).
    discreet: bool,
}

impl App {
    /// True when the room's screen may show the presenter's own things
    /// (notes, the clock, the message marker) that they asked for. The
    /// only test of it: every drawing of the room asks here.
    pub(crate) fn room_may_show_private(&self) -> bool {
        !self.talk.console_attached && !self.talk.room.discreet
    }

    /// `n` consoles are attached now (audience side).
    pub(super) fn consoles_changed(&mut self, n: usize) {
        self.talk.remote.consoles = n;
        let attached = n > 0;
        if attached && !self.talk.console_attached {
            self.console_arrived();
        }
        self.talk.console_attached = attached;
    }

    /// Puts away what only the presenter should see: the console shows
    /// it now, and nothing of it may come back when the console leaves.
    fn console_arrived(&mut self) {
        self.talk.room.discreet = true;
        self.talk.room.leave_armed = None;
        let presenting = match &mut self.base {
            super::Base::Presenter(p) => Some(p),
            _ => None,
        };
        for p in presenting.into_iter().chain(self.talk.parked.as_mut()) {
            p.notes = false;
            p.clock = false;
        }
        self.layers.close::<HelpView>();
        self.layers.close::<Backstage>();
        self.layers.close::<SlideIndex>();
        self.layers.close::<GoTo>();
    }

    /// The room rule on an action, before it is routed: `None` if the
    /// action was refused (and said why) or taken care of here.
    pub(super) fn room_guard(&mut self, action: Action) -> Option<Action> {
        if self.console().is_some() {
            return self.console_guard(action);
        }
        if self.presenter().is_none() {
            return Some(action);
        }
        if self.talk.console_attached {
            return self.attached_key(action);
        }
        if is_key(&action) {
            self.talk.room.discreet = false;
        }
        Some(action)
    }

    /// A key on the room's keyboard while a console is attached.
    fn attached_key(&mut self, action: Action) -> Option<Action> {
        // Only two leaving presses in a row leave: a stray `q`, then a
        // slide or two, then another stray `q` must not end the talk.
        if is_key(&action) && !matches!(action, Action::Back) {
            self.talk.room.leave_armed = None;
        }
        if !self.layers.is_empty() {
            // Search, blank, go-to: their own keys; Esc only closes them.
            if matches!(action, Action::ToggleHelp) {
                self.refuse("help");
                return None;
            }
            return Some(action);
        }
        let what = match action {
            Action::ToggleNotes | Action::ScrollNotes(_) => "your notes",
            Action::ToggleClock => "the clock",
            Action::ToggleBackstage => "messages and data errors",
            Action::ToggleHelp => "help",
            Action::ToggleIndex => "the slide index",
            Action::Back if self.leaves_presentation() => return self.confirm_leave(),
            other => return Some(other),
        };
        self.refuse(what);
        None
    }

    fn refuse(&mut self, what: &str) {
        self.session.message = Some(format!(
            "{what}: on the console while it is attached, not on the room's screen"
        ));
    }

    /// True if Esc on the slide would leave the presentation (not step
    /// back from a detour or a comparison).
    fn leaves_presentation(&self) -> bool {
        self.presenter().is_some_and(|p| p.detour.is_none() && !p.compare)
    }

    /// The first Esc arms, a second one within `CONFIRM` leaves.
    fn confirm_leave(&mut self) -> Option<Action> {
        let now = self.talk.room.now;
        let armed = self.talk.room.leave_armed.take();
        if let (Some(at), Some(now)) = (armed, now)
            && now.duration_since(at) <= CONFIRM
        {
            return Some(Action::Back);
        }
        self.talk.room.leave_armed = Some(now.unwrap_or_else(Instant::now));
        let back = super::keymap::keys_for(Context::Present, &Action::Back);
        self.session.message = Some(format!(
            "a console is attached: {back} again within {} s leaves the presentation",
            CONFIRM.as_secs()
        ));
        None
    }

    /// Time passed: a message on the room fades.
    pub(super) fn room_tick(&mut self, now: Instant) {
        self.talk.room.now = Some(now);
        let presenting = self.presenter().is_some();
        if let Some(since) = self.talk.room.message_since
            && presenting
            && now.duration_since(since) >= FADE
        {
            self.session.message = None;
        }
    }

    /// After every action: note when the message changed, for the fade.
    pub(super) fn room_note_message(&mut self, before: &Option<String>) {
        if self.session.message.is_none() {
            self.talk.room.message_since = None;
        } else if self.session.message != *before || self.talk.room.message_since.is_none() {
            self.talk.room.message_since = self.talk.room.now;
        }
    }
}

/// True for what a person does (a key, a click), as against what the
/// machinery reports (time, the link, the data file).
fn is_key(action: &Action) -> bool {
    !matches!(
        action,
        Action::Tick(_)
            | Action::Remote(_)
            | Action::Reloading
            | Action::Reloaded(_)
            | Action::ReloadFailed(_)
            | Action::ReloadSuperseded
            | Action::Notify(_)
            | Action::DeckSynced { .. }
            | Action::DeckProblem(_)
            | Action::SearchResults { .. }
            | Action::SearchFailed { .. }
            | Action::SourceRead { .. }
            | Action::ConsoleAttached(_)
    )
}
