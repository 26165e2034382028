//! The go-to prompt: a slide number typed while presenting (or on the
//! console). Only digits, Backspace, Enter and Esc mean anything (the
//! keymap's `GoTo` context), so a stray key cannot change the slide.

use super::{Component, Handled, SlideIndex, is_raw_input};
use crate::app::keymap::Context;
use crate::app::{Action, App, Effect, Effects};

/// The digits typed so far.
#[derive(Debug, Default)]
pub struct GoTo {
    pub typed: String,
}

impl GoTo {
    /// The prompt, opened by typing digit `d`.
    pub fn typed(d: u8) -> GoTo {
        GoTo { typed: d.to_string() }
    }
}

impl Component for GoTo {
    fn context(&self) -> Context {
        Context::GoTo
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        let Some(GoTo { typed }) = app.layers.get_mut::<GoTo>() else {
            return Handled::Ignored(action);
        };
        let mut effects = Effects::none();
        match action {
            Action::Digit(d) => {
                if typed.len() < 4 {
                    typed.push(char::from(b'0' + d));
                }
            }
            Action::DeleteDigit => {
                typed.pop();
            }
            Action::Activate => {
                let wanted: Option<usize> = typed.parse().ok();
                app.layers.close::<GoTo>();
                // A jump from the index closes it too.
                if app.layers.top_is::<SlideIndex>() {
                    app.layers.close::<SlideIndex>();
                }
                if let Some(n) = wanted {
                    effects = app.go_to_number(n);
                }
            }
            Action::Back => app.layers.close::<GoTo>(),
            // Nor does the wheel turn the slide while a number is typed.
            other if is_raw_input(&other) => {}
            // The keymap gives this context no other key, so nothing
            // typed here reaches the slide.
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(effects)
    }
}

impl App {
    /// Slide number `n` (counted from 1), on this screen or, from the
    /// console, the room's; a number the talk does not have says so and
    /// stays put rather than landing somewhere else.
    fn go_to_number(&mut self, n: usize) -> Effects {
        let count = match self.console() {
            Some(c) => c.state.as_ref().map_or(self.deck.current.len(), |s| s.slides),
            None => self.deck.current.len(),
        };
        if n == 0 || n > count {
            self.session.message = Some(format!("no slide {n} ({count} slides)"));
        } else if self.console().is_some() {
            return Effects::one(Effect::Remote(crate::remote::Command::Goto { slide: n - 1 }));
        } else {
            self.show_slide(n - 1);
        }
        Effects::none()
    }
}
