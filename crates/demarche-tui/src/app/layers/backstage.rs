//! Backstage (`b` while presenting): what the room does not see, for
//! the presenter alone: the last message, the data file's errors, the
//! slide's notes.

use super::{Component, Handled, is_raw_input};
use crate::app::keymap::Context;
use crate::app::{Action, App, Effects};

/// Backstage, scrolled by this many lines.
#[derive(Debug, Default)]
pub struct Backstage {
    pub scroll: usize,
}

impl Component for Backstage {
    fn context(&self) -> Context {
        Context::Backstage
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        let Some(Backstage { scroll }) = app.layers.get_mut::<Backstage>() else {
            return Handled::Ignored(action);
        };
        match action {
            Action::Up | Action::ScrollUp(_) => *scroll = scroll.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => *scroll += 1,
            Action::Back | Action::ToggleBackstage => app.layers.close::<Backstage>(),
            other if is_raw_input(&other) => {}
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(Effects::none())
    }
}
