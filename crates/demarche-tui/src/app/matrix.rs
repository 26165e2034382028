//! The matrix layer: every party on every topic at the "as of" date.
//! `<`/`>` move the app's one "as of" date and the matrix follows; Enter
//! opens a cell's position in the explorer and Esc there comes back.

use super::navigate::clamp_add;

use super::layers::{Component, Handled, is_raw_input};
use super::{Action, App, Context, Effects, Focus, PAGE};
use demarche_core::date::Date;
use demarche_core::deck::Target;
use demarche_core::matrix::Snapshot;

/// The matrix's cursor and the state of play it shows.
pub struct MatrixView {
    /// The selected topic (row).
    pub row: usize,
    /// The selected party column (index into `MatrixIndex::parties`).
    pub column: usize,
    /// Cells stated after this date are marked as changed.
    pub since: Option<Date>,
    /// At the app's "as of" date; rebuilt when it moves or the data reloads.
    pub snapshot: Snapshot,
}

impl Component for MatrixView {
    fn context(&self) -> Context {
        Context::Matrix
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        app.matrix_action(action)
    }

    fn covers_screen(&self) -> bool {
        true
    }
}

impl App {
    /// Opens the matrix on the current topic, marking changes since the
    /// date `w` last used.
    pub(super) fn open_matrix(&mut self) {
        let party = self.pair().map(|(a, _)| a);
        let column = party
            .and_then(|a| self.lib.matrix.parties.iter().position(|&p| p == a))
            .unwrap_or(0);
        let view = MatrixView {
            row: self.explorer.view.topic,
            column,
            since: self.dates.since,
            snapshot: self.lib.matrix.snapshot(&self.lib.data, self.dates.as_of),
        };
        self.explorer.matrix_behind = None;
        self.layers.push(view);
    }

    /// Rebuilds the open (or waiting) matrix for the current "as of" date.
    pub(super) fn refresh_matrix(&mut self) {
        let (topics, parties) = (self.lib.data.topics.len(), self.lib.matrix.parties.len());
        let lib = &self.lib;
        let as_of = self.dates.as_of;
        let views = self
            .layers
            .get_mut::<MatrixView>()
            .into_iter()
            .chain(self.explorer.matrix_behind.as_mut());
        for view in views {
            view.snapshot = lib.matrix.snapshot(&lib.data, as_of);
            view.row = view.row.min(topics.saturating_sub(1));
            view.column = view.column.min(parties.saturating_sub(1));
        }
    }

    fn matrix_action(&mut self, action: Action) -> Handled {
        let topics = self.lib.data.topics.len().saturating_sub(1);
        let parties = self.lib.matrix.parties.len().saturating_sub(1);
        let as_of = self.dates.as_of;
        let Some(view) = self.layers.get_mut::<MatrixView>() else {
            return Handled::Ignored(action);
        };
        let mut effects = Effects::none();
        match action {
            Action::Up | Action::ScrollUp(_) => view.row = view.row.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => view.row = clamp_add(view.row, 1, topics),
            Action::PageUp => view.row = view.row.saturating_sub(PAGE),
            Action::PageDown => view.row = clamp_add(view.row, PAGE as isize, topics),
            Action::First => view.row = 0,
            Action::Last => view.row = topics,
            Action::Left => view.column = view.column.saturating_sub(1),
            Action::Right => view.column = clamp_add(view.column, 1, parties),
            Action::ShowChanges if as_of.is_none() => {
                self.session.message =
                    Some("pick a date with < or > first: w marks what changed after it".into());
            }
            Action::ShowChanges => {
                view.since = if view.since == as_of { None } else { as_of };
                self.dates.since = view.since;
            }
            Action::ShiftAsOf(_) => self.scrub(action),
            Action::ClearAsOf => self.set_as_of(None),
            Action::TogglePin => effects = self.toggle_pin_matrix(),
            Action::Activate => self.open_matrix_cell(),
            Action::Back => self.layers.close::<MatrixView>(),
            other if is_raw_input(&other) => {}
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(effects)
    }

    /// `<`/`>`: from "latest", start at the end of the data.
    fn scrub(&mut self, action: Action) {
        if self.dates.as_of.is_none()
            && let Some((_, end)) = self.lib.data.date_range()
        {
            self.dates.as_of = Some(end.last_day());
        }
        if let Action::ShiftAsOf(months) = action {
            self.shift_as_of(months);
        }
    }

    fn toggle_pin_matrix(&mut self) -> Effects {
        let target = Target::matrix(self.dates.as_of);
        let when = self
            .dates
            .as_of
            .map_or_else(|| "latest".to_string(), |d| format!("as of {d}"));
        self.session.message = Some(match self.deck.toggle(&target) {
            true => format!(
                "pinned the matrix {when} ({} in the deck)",
                self.deck.current.len()
            ),
            false => format!("unpinned the matrix {when}"),
        });
        self.save_deck()
    }

    /// Enter: the cell's position in the explorer, with its history in the
    /// detail; the matrix waits underneath for Esc.
    fn open_matrix_cell(&mut self) {
        let Some(view) = self.layers.get::<MatrixView>() else {
            return;
        };
        let Some(p) = view.snapshot.cell(view.row, view.column) else {
            let (topic, party) = (view.row, self.lib.matrix.parties.get(view.column).copied());
            let who = party.map_or("", |a| self.lib.text.actors[a].name.as_str());
            let what = self.lib.text.topics.get(topic).map_or("", |t| t.name.as_str());
            self.session.message = Some(format!("{who} has no stated position on {what} by then"));
            return;
        };
        self.explorer.matrix_behind = self.layers.take::<MatrixView>();
        self.jump_to(p);
        self.explorer.view.focus = Focus::Detail;
        self.session.message = Some("Esc returns to the matrix".into());
    }

    /// Esc in the explorer after Enter in the matrix: back to the matrix.
    pub(super) fn return_to_matrix(&mut self) {
        if let Some(view) = self.explorer.matrix_behind.take() {
            self.layers.push(view);
            self.refresh_matrix();
        }
    }
}
