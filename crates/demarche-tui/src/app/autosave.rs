//! When the deck is saved. Pins, moves and headings are saved at once;
//! typing in the note editor is saved once the keys pause (`IDLE`), at
//! most `MAX_WAIT` after the first unsaved key, so typing is not slowed
//! by a disk write per key and a crash loses under a second of it. A
//! failed save is tried again every `RETRY`.
//!
//! Time comes in as data (`Action::Tick`), so all of this is tested
//! without sleeping.

use std::time::{Duration, Instant};

/// A pause in typing this long saves the note.
pub(crate) const IDLE: Duration = Duration::from_millis(300);
/// Typing without a pause is saved this long after its first key.
pub(crate) const MAX_WAIT: Duration = Duration::from_secs(1);
/// A save that failed is tried again after this long.
pub(crate) const RETRY: Duration = Duration::from_secs(2);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AutoSave {
    /// The time of the last `Tick`; `None` before the first.
    now: Option<Instant>,
    /// The deck has changes that are not on disk yet.
    pub unsaved: bool,
    /// When the oldest unsaved keystroke was typed.
    first_key: Option<Instant>,
    /// When the next save is due, if one is waiting.
    due: Option<Instant>,
    /// A save is due at the next tick (typed before any tick came).
    due_now: bool,
}

impl AutoSave {
    /// Time has passed: true if a save is due now (it then counts as
    /// started: the outcome comes back through `saved` or `failed`).
    pub(crate) fn tick(&mut self, now: Instant) -> bool {
        self.now = Some(now);
        let due = self.due_now || self.due.is_some_and(|at| at <= now);
        if due && self.unsaved {
            self.due = None;
            self.due_now = false;
            return true;
        }
        false
    }

    /// A key changed the deck: push the save back to a pause in typing.
    pub fn typed(&mut self) {
        self.unsaved = true;
        let Some(now) = self.now else {
            self.due_now = true;
            return;
        };
        let first = *self.first_key.get_or_insert(now);
        self.due = Some((now + IDLE).min(first + MAX_WAIT));
    }

    /// A save is starting now (pin, leaving the editor, quit).
    pub(crate) fn saving(&mut self) {
        self.unsaved = true;
        self.due = None;
        self.due_now = false;
    }

    /// The deck on disk is the deck in memory.
    pub fn saved(&mut self) {
        *self = AutoSave {
            now: self.now,
            ..AutoSave::default()
        };
    }

    /// The save failed: try again in a while.
    pub fn failed(&mut self) {
        match self.now {
            Some(now) => self.due = Some(now + RETRY),
            None => self.due_now = true,
        }
    }

    /// When the event loop should wake up for a save, if one is waiting.
    pub fn deadline(&self) -> Option<Instant> {
        if !self.unsaved {
            return None;
        }
        if self.due_now { self.now } else { self.due }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn typing_saves_after_a_pause_not_per_key() {
        let t0 = Instant::now();
        let mut a = AutoSave::default();
        assert!(!a.tick(t0));
        a.typed();
        assert!(!a.tick(t0 + ms(100)));
        a.typed(); // at 100 ms: the pause starts again
        assert!(!a.tick(t0 + ms(350)));
        assert_eq!(a.deadline(), Some(t0 + ms(400)));
        assert!(a.tick(t0 + ms(400)));
        assert!(!a.tick(t0 + ms(450)), "one save per pause");
        a.saved();
        assert!(!a.unsaved && a.deadline().is_none());
    }

    #[test]
    fn typing_without_a_pause_is_saved_within_a_second() {
        let t0 = Instant::now();
        let mut a = AutoSave::default();
        a.tick(t0);
        let mut saved_at = None;
        for i in 0..30 {
            let now = t0 + ms(i * 50);
            if a.tick(now) {
                saved_at = Some(i * 50);
                break;
            }
            a.typed();
        }
        assert_eq!(saved_at, Some(1000));
    }

    #[test]
    fn a_failed_save_is_retried() {
        let t0 = Instant::now();
        let mut a = AutoSave::default();
        a.tick(t0);
        a.saving();
        a.failed();
        assert!(a.unsaved);
        assert!(!a.tick(t0 + RETRY - ms(1)));
        assert!(a.tick(t0 + RETRY));
    }

    #[test]
    fn a_key_before_any_tick_saves_at_the_first_tick() {
        let mut a = AutoSave::default();
        a.typed();
        assert!(a.tick(Instant::now()));
    }
}
