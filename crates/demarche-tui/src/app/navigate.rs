//! Moving around: topics, the grid, the detail pane, the timeline, and
//! jumps to a position wherever it lives.

use super::layers::Handled;
use super::{Action, App, Effects, Focus, PAGE, Pane};
use demarche_core::date::{Date, days_in_month};

impl App {
    /// Moving around the explorer.
    pub(super) fn browse_action(&mut self, action: Action) -> Handled {
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-(PAGE as isize)),
            Action::PageDown => self.step(PAGE as isize),
            Action::First => self.go_to_end(isize::MIN / 2),
            Action::Last => self.go_to_end(isize::MAX / 2),
            Action::Left => self.sideways(-1),
            Action::Right => self.sideways(1),
            Action::NextPane => self.set_focus(self.explorer.view.focus.step(1)),
            Action::PrevPane => self.set_focus(self.explorer.view.focus.step(-1)),
            Action::Activate => self.activate(),
            Action::Back => self.back(),
            Action::LinkBack => self.link_back(),
            Action::ShowLink { link, scroll } if self.explorer.view.focus == Focus::Detail => {
                self.explorer.view.link = link.min(self.links().len().saturating_sub(1));
                self.explorer.view.detail_scroll = scroll;
            }
            Action::SelectTopic(i) => self.select_topic(i),
            Action::CyclePair => self.cycle_pair(),
            Action::ToggleObservers => self.toggle_observers(),
            Action::FocusTimeline => self.set_focus(Focus::Timeline),
            Action::ShiftAsOf(months) => self.shift_as_of(months),
            Action::SetAsOfHere => self.set_as_of_here(),
            Action::ClearAsOf => self.set_as_of(None),
            Action::ClickItem(Pane::Topics, i) => {
                self.select_topic(i);
                self.explorer.view.focus = Focus::Topics;
            }
            Action::ClickCell { row, column } => {
                self.explorer.view.row = row;
                self.explorer.view.column = column;
                if self.explorer.view.focus != Focus::Timeline {
                    self.explorer.view.focus = Focus::Columns;
                }
                self.refresh();
            }
            Action::ScrollUp(pane) => self.wheel(pane, -1),
            Action::ScrollDown(pane) => self.wheel(pane, 1),
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(Effects::none())
    }

    /// Up/down in whatever has focus.
    fn step(&mut self, by: isize) {
        match self.explorer.view.focus {
            Focus::Topics => {
                let last = self.lib.data.topics.len().saturating_sub(1);
                let topic = clamp_add(self.explorer.view.topic, by, last);
                self.select_topic(topic);
                self.explorer.view.focus = Focus::Topics;
            }
            Focus::Columns | Focus::Timeline => {
                let last = self.explorer.grid.rows.len().saturating_sub(1);
                self.explorer.view.row = clamp_add(self.explorer.view.row, by, last);
                self.explorer.view.detail_scroll = 0;
                self.refresh();
            }
            Focus::Detail => {
                self.explorer.view.detail_scroll =
                    clamp_add(self.explorer.view.detail_scroll, by, usize::MAX / 4)
            }
        }
    }

    /// g/G: the first or last item; in timeline focus, the first or last event.
    fn go_to_end(&mut self, by: isize) {
        match self.explorer.view.focus {
            Focus::Timeline => self.move_event(by),
            _ => self.step(by),
        }
    }

    fn sideways(&mut self, by: isize) {
        match self.explorer.view.focus {
            Focus::Topics if by > 0 => self.explorer.view.focus = Focus::Columns,
            Focus::Topics => {}
            Focus::Columns if by < 0 && self.explorer.view.column == 0 => {
                self.explorer.view.focus = Focus::Topics
            }
            Focus::Columns => {
                let last = self.explorer.grid.columns.len().saturating_sub(1);
                self.explorer.view.column = clamp_add(self.explorer.view.column, by, last);
                self.explorer.view.detail_scroll = 0;
                self.refresh();
            }
            Focus::Detail => {
                let last = self.links().len().saturating_sub(1);
                self.explorer.view.link = clamp_add(self.explorer.view.link, by, last);
            }
            Focus::Timeline => self.move_event(by),
        }
    }

    fn set_focus(&mut self, focus: Focus) {
        let was_timeline = self.explorer.view.focus == Focus::Timeline;
        self.explorer.view.focus = focus;
        if focus == Focus::Timeline && !was_timeline {
            self.explorer.view.event = self.event_near_selection();
            self.explorer.view.row = 0;
        }
        if was_timeline != (focus == Focus::Timeline) {
            self.refresh();
        }
    }

    fn activate(&mut self) {
        match self.explorer.view.focus {
            Focus::Topics => self.explorer.view.focus = Focus::Columns,
            Focus::Columns => self.explorer.view.focus = Focus::Detail,
            Focus::Detail => self.follow_link(),
            Focus::Timeline => {
                if let Some(p) = self.selected() {
                    self.jump_to(p);
                }
            }
        }
    }

    /// Shows the selected link's position, scrolled into view in the
    /// columns with its detail from the top; focus stays in the detail so
    /// links can be followed on, and `LinkBack` comes back.
    fn follow_link(&mut self) {
        let (Some(from), Some(&target)) = (self.selected(), self.links().get(self.explorer.view.link)) else {
            return;
        };
        self.explorer.view.trail.push(super::Crumb {
            position: from,
            link: self.explorer.view.link,
            scroll: self.explorer.view.detail_scroll,
        });
        self.jump_to(target);
        self.explorer.view.focus = Focus::Detail;
    }

    /// Back to where the last followed link was followed from, with that
    /// link selected again and the pane scrolled as it was (so the link
    /// is in view, not the top of the pane).
    fn link_back(&mut self) {
        let Some(crumb) = self.explorer.view.trail.pop() else {
            let follow = super::keymap::keys_for(super::Context::Detail, &Action::Activate);
            self.session.message = Some(format!(
                "no link followed to go back along ({follow} follows one)"
            ));
            return;
        };
        let came_to = self.selected();
        self.jump_to(crumb.position);
        self.explorer.view.focus = Focus::Detail;
        let links = self.links();
        let at = match links.get(crumb.link) {
            Some(&l) if Some(l) == came_to => Some(crumb.link),
            // The links changed meanwhile (a reload): find the one followed.
            _ => came_to.and_then(|p| links.iter().position(|&l| l == p)),
        };
        if let Some(at) = at {
            self.explorer.view.link = at;
            self.explorer.view.detail_scroll = crumb.scroll;
        }
    }

    fn back(&mut self) {
        match self.explorer.view.focus {
            Focus::Detail | Focus::Timeline => self.set_focus(Focus::Columns),
            Focus::Columns if !self.explorer.highlights.is_empty() => self.explorer.highlights.clear(),
            Focus::Columns => self.explorer.view.focus = Focus::Topics,
            Focus::Topics => self.explorer.highlights.clear(),
        }
    }

    pub(super) fn select_topic(&mut self, topic: usize) {
        if topic >= self.lib.data.topics.len() {
            return;
        }
        if self.explorer.view.focus == Focus::Timeline {
            self.explorer.view.focus = Focus::Columns;
        }
        if self.explorer.view.topic != topic {
            self.explorer.view.row = 0;
            self.explorer.view.detail_scroll = 0;
        }
        self.explorer.view.topic = topic;
        self.refresh();
    }

    fn cycle_pair(&mut self) {
        if self.lib.pairs.len() < 2 {
            self.session.message = Some("only one pair of parties in this file".into());
            return;
        }
        let keep = self.selected();
        self.explorer.view.pair = (self.explorer.view.pair + 1) % self.lib.pairs.len();
        self.refresh();
        self.reselect(keep);
    }

    fn toggle_observers(&mut self) {
        let keep = self.selected();
        self.explorer.view.observers = !self.explorer.view.observers;
        self.refresh();
        self.reselect(keep);
    }

    /// Puts the cursor back on `p` if it is still in the grid (after the
    /// pair, the columns or the data changed under it).
    pub(super) fn reselect(&mut self, p: Option<usize>) {
        if let Some((row, column)) = p.and_then(|p| self.explorer.grid.find(p)) {
            self.explorer.view.row = row;
            self.explorer.view.column = column;
        }
    }

    /// Shows `p` in its topic, switching the party pair or turning on the
    /// observers column if that is what it takes to see it.
    pub fn jump_to(&mut self, p: usize) {
        let Some(position) = self.lib.data.positions.get(p) else {
            return;
        };
        let actor = position.actor;
        self.explorer.view.topic = position.topic;
        self.explorer.view.event = None;
        self.explorer.view.focus = Focus::Columns;
        self.explorer.view.detail_scroll = 0;
        self.explorer.view.link = 0;
        let in_pair = |&(a, b): &(usize, Option<usize>)| a == actor || b == Some(actor);
        if !self.pair().is_some_and(|pair| in_pair(&pair)) {
            match self.lib.pairs.iter().position(in_pair) {
                Some(i) => self.explorer.view.pair = i,
                None => self.explorer.view.observers = true,
            }
        }
        self.refresh();
        self.reselect(Some(p));
    }

    fn move_event(&mut self, by: isize) {
        let events = &self.lib.events;
        if events.is_empty() {
            return;
        }
        let at = self
            .explorer
            .view
            .event
            .and_then(|e| events.iter().position(|&x| x == e))
            .unwrap_or(0);
        let next = clamp_add(at, by, events.len() - 1);
        self.explorer.view.event = Some(events[next]);
        self.explorer.view.row = 0;
        self.explorer.view.column = 0;
        self.refresh();
    }

    /// The event at or just before the selected position's date.
    fn event_near_selection(&self) -> Option<usize> {
        let events = &self.lib.events;
        let data = &self.lib.data;
        let selected = self
            .selected()
            .map(|p| (data.positions[p].event, data.positions[p].date));
        match selected {
            Some((Some(e), _)) => Some(e),
            Some((None, date)) => {
                let before = events.iter().rev().find(|&&e| data.events[e].date <= date);
                before.or(events.first()).copied()
            }
            None => events.first().copied(),
        }
    }

    /// The date in view: the timeline event's, or the selected position's.
    fn date_in_view(&self) -> Option<Date> {
        match (self.explorer.view.focus, self.explorer.view.event) {
            (Focus::Timeline, Some(e)) => Some(self.lib.data.events[e].date),
            _ => self.selected().map(|p| self.lib.data.positions[p].date),
        }
    }

    fn set_as_of_here(&mut self) {
        let Some(date) = self.date_in_view() else { return };
        let cursor = date.last_day();
        self.set_as_of(if self.dates.as_of == Some(cursor) {
            None
        } else {
            Some(cursor)
        });
    }

    pub(super) fn shift_as_of(&mut self, months: i32) {
        let start = self
            .dates
            .as_of
            .or_else(|| self.date_in_view().map(|d| d.last_day()));
        let Some(start) = start else { return };
        let index = start.month_index() + i64::from(months);
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        let Ok(year) = u16::try_from(year) else { return };
        let month = month as u8;
        self.set_as_of(Date::day(year, month, days_in_month(year, month)));
    }

    fn wheel(&mut self, pane: Pane, by: isize) {
        match pane {
            Pane::Topics => {
                let last = self.lib.data.topics.len().saturating_sub(1);
                self.select_topic(clamp_add(self.explorer.view.topic, by, last));
            }
            Pane::Columns => {
                let last = self.explorer.grid.rows.len().saturating_sub(1);
                self.explorer.view.row = clamp_add(self.explorer.view.row, by, last);
                self.refresh();
            }
            Pane::Detail => {
                self.explorer.view.detail_scroll =
                    clamp_add(self.explorer.view.detail_scroll, by * 3, usize::MAX / 4)
            }
            Pane::Timeline => {
                if self.explorer.view.focus == Focus::Timeline {
                    self.move_event(by);
                }
            }
            Pane::SearchResults
            | Pane::Matrix
            | Pane::Reader
            | Pane::Help
            | Pane::Deck
            | Pane::Present
            | Pane::Changes => {}
        }
    }
}

/// `at + by`, kept within `0..=last`.
pub(super) fn clamp_add(at: usize, by: isize, last: usize) -> usize {
    at.saturating_add_signed(by).min(last)
}
