//! When the event loop draws: after anything changed, and when a clock
//! on screen (the presenter's, the console's) reaches another second;
//! never on a loop turn that changed nothing, so a presentation with the
//! clock on draws once a second, not every turn.

use std::time::{Duration, Instant};

use crate::app::App;

/// The whole second a clock on screen shows at `now`, if one shows.
pub(super) fn clock_second(app: &App, now: Instant) -> Option<u64> {
    if let Some(p) = app.presenter().filter(|p| p.clock) {
        return Some(now.saturating_duration_since(p.started).as_secs());
    }
    app.console().and_then(|c| c.elapsed()).map(|e| e.as_secs())
}

/// How long until the clock on screen shows its next second (`None`
/// when no clock shows): the loop waits no longer, so the clock moves
/// on time.
pub(super) fn until_next_second(app: &App, now: Instant) -> Option<Duration> {
    let elapsed = match (app.presenter().filter(|p| p.clock), app.console()) {
        (Some(p), _) => now.saturating_duration_since(p.started),
        (None, Some(c)) => c.elapsed()?,
        (None, None) => return None,
    };
    let into = Duration::from_nanos(u64::from(elapsed.subsec_nanos()));
    Some(Duration::from_secs(1).saturating_sub(into))
}

/// The second last drawn, to tell when the clock moved.
#[derive(Default)]
pub(super) struct Redraw {
    shown: Option<u64>,
}

impl Redraw {
    /// Whether this loop turn draws: something `changed`, or the clock
    /// reads `second` where the screen shows another.
    pub(super) fn due(&mut self, changed: bool, second: Option<u64>) -> bool {
        let ticked = second != self.shown;
        self.shown = second;
        changed || ticked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;

    fn presenting_with_the_clock() -> App {
        let mut app = crate::app::fixture_tests::with_positions(&["north-tariffs-1"]);
        app.apply(Action::Present);
        app.apply(Action::ToggleClock);
        assert!(app.presenter().is_some_and(|p| p.clock));
        app
    }

    /// Loop turns as the event loop makes them while nothing else
    /// happens (every 200 ms and oftener): the frames they draw.
    fn frames_over(app: &App, turns: &[Duration]) -> usize {
        let start = app.presenter().map_or_else(Instant::now, |p| p.started);
        let mut redraw = Redraw::default();
        redraw.due(true, clock_second(app, start));
        turns
            .iter()
            .filter(|&&at| redraw.due(false, clock_second(app, start + at)))
            .count()
    }

    #[test]
    fn the_presenters_clock_draws_once_a_second_not_every_turn() {
        let app = presenting_with_the_clock();
        // Ten seconds of turns every 50 ms: ten frames, one per second.
        let turns: Vec<Duration> = (1..=200).map(|i| Duration::from_millis(50 * i)).collect();
        assert_eq!(frames_over(&app, &turns), 10);
        // Many turns inside one second draw nothing.
        let turns: Vec<Duration> = (1..=19).map(|i| Duration::from_millis(50 * i)).collect();
        assert_eq!(frames_over(&app, &turns), 0);
    }

    #[test]
    fn no_clock_no_frames_and_a_change_always_draws() {
        let mut app = presenting_with_the_clock();
        app.apply(Action::ToggleClock);
        let turns: Vec<Duration> = (1..=40).map(|i| Duration::from_millis(50 * i)).collect();
        assert_eq!(frames_over(&app, &turns), 0, "the clock is off");
        let now = Instant::now();
        assert_eq!(clock_second(&app, now), None);
        assert_eq!(until_next_second(&app, now), None);
        let mut redraw = Redraw::default();
        assert!(redraw.due(true, None) && redraw.due(true, None));
        assert!(!redraw.due(false, None));
    }

    #[test]
    fn the_loop_waits_no_longer_than_the_next_second() {
        let app = presenting_with_the_clock();
        let started = app.presenter().unwrap().started;
        let wait = until_next_second(&app, started + Duration::from_millis(2_300)).unwrap();
        assert_eq!(wait, Duration::from_millis(700));
    }
}
