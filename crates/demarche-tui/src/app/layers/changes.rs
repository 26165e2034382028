//! The "what changed" layer (`w`): every position stated after the "as
//! of" date, new or a change; Enter shows one in the explorer.

use super::{Component, Handled, is_raw_input};
use crate::app::keymap::Context;
use crate::app::{Action, App, Effects};
use demarche_core::date::Date;

/// Positions stated after a date, each new or a change, as listed by `w`.
pub struct ChangesView {
    pub since: Date,
    pub list: Vec<demarche_core::asof::Change>,
    pub selected: usize,
}

impl Component for ChangesView {
    fn context(&self) -> Context {
        Context::Changes
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        let Some(view) = app.layers.get_mut::<ChangesView>() else {
            return Handled::Ignored(action);
        };
        let last = view.list.len().saturating_sub(1);
        match action {
            Action::Up | Action::ScrollUp(_) => view.selected = view.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => view.selected = (view.selected + 1).min(last),
            Action::Activate => {
                if let Some(change) = view.list.get(view.selected) {
                    let p = change.position;
                    app.layers.close::<ChangesView>();
                    app.jump_to(p);
                }
            }
            Action::Back => app.layers.close::<ChangesView>(),
            other if is_raw_input(&other) => {}
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(Effects::none())
    }
}

impl App {
    /// `w`: the changes since the "as of" date, which the explorer and
    /// the matrix then mark.
    pub(in crate::app) fn show_changes(&mut self) {
        let Some(since) = self.dates.as_of else {
            self.session.message =
                Some("set an \"as of\" date first (a, < or >), then w lists what changed after it".into());
            return;
        };
        self.dates.since = Some(since);
        let list = demarche_core::asof::changes_since(&self.lib.data, since);
        self.layers.push(ChangesView {
            since,
            list,
            selected: 0,
        });
    }
}
