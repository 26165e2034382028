//! The help layer (`?`): every key from the keymap, the keys of the
//! context it was opened from first.

use super::{Component, Handled, is_raw_input};
use crate::app::keymap::Context;
use crate::app::{Action, App, Effects, PAGE};

/// Where help was opened (that context's keys come first) and how far
/// it is scrolled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HelpView {
    pub from: Context,
    pub scroll: usize,
}

impl Component for HelpView {
    fn context(&self) -> Context {
        Context::Help
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        let Some(HelpView { scroll, .. }) = app.layers.get_mut::<HelpView>() else {
            return Handled::Ignored(action);
        };
        match action {
            Action::Up | Action::ScrollUp(_) => *scroll = scroll.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => *scroll += 1,
            Action::PageUp => *scroll = scroll.saturating_sub(PAGE * 2),
            Action::PageDown => *scroll += PAGE * 2,
            Action::Back | Action::ToggleHelp => app.layers.close::<HelpView>(),
            other if is_raw_input(&other) => {}
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(Effects::none())
    }
}

impl App {
    /// `?` anywhere but where it is text: help opens over what is there
    /// (its keys first), or closes.
    pub(in crate::app) fn open_help(&mut self) {
        let from = self.context();
        self.layers.push(HelpView { from, scroll: 0 });
    }
}
