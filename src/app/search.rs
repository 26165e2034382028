//! The search overlay: a query line whose results update on every key,
//! a ranked list, Enter to jump and Esc to restore the view.

use super::{Action, App, Effect, Layer, PAGE, Pane, View};
use crate::search::{Field, Hit, Query};

/// Results kept per query; the list shows as many as fit.
pub const RESULT_LIMIT: usize = 500;

pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// A query that does not parse (e.g. `from:2015-13`).
    pub error: Option<String>,
    /// Numbers each query, so stale worker results are dropped.
    pub generation: u64,
    /// True while the worker has not answered the latest query.
    pub pending: bool,
    /// The view to restore on Esc.
    pub saved: View,
}

impl App {
    pub(super) fn open_search(&mut self) {
        if self.layers.search().is_some() {
            return;
        }
        self.layers.push(Layer::Search(SearchState {
            query: String::new(),
            hits: Vec::new(),
            selected: 0,
            error: None,
            generation: 0,
            pending: false,
            saved: self.view.clone(),
        }));
        self.run_search();
    }

    pub(super) fn search_action(&mut self, action: Action) {
        let presenting = self.presenter().is_some();
        let Some(state) = self.layers.search_mut() else {
            return;
        };
        let last = state.hits.len().saturating_sub(1);
        match action {
            Action::SearchInput(c) => {
                state.query.push(c);
                self.run_search();
            }
            Action::Paste(text) => {
                state
                    .query
                    .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
                self.run_search();
            }
            Action::SearchBackspace => {
                state.query.pop();
                self.run_search();
            }
            Action::SearchClearLine => {
                state.query.clear();
                self.run_search();
            }
            Action::SearchResults { generation, hits } if generation == state.generation => {
                state.hits = hits;
                state.selected = 0;
                state.pending = false;
            }
            Action::Up | Action::ScrollUp(_) => state.selected = state.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => state.selected = (state.selected + 1).min(last),
            Action::PageUp => state.selected = state.selected.saturating_sub(PAGE * 2),
            Action::PageDown => state.selected = (state.selected + PAGE * 2).min(last),
            Action::First => state.selected = 0,
            Action::Last => state.selected = last,
            Action::ClickItem(Pane::SearchResults, i) if i < state.hits.len() => {
                state.selected = i;
                self.jump_to_result();
            }
            Action::Activate => self.jump_to_result(),
            Action::Back if presenting => {
                self.layers.pop();
            }
            Action::Back => {
                self.view = state.saved.clone();
                self.layers.pop();
                self.highlights.clear();
                self.refresh();
            }
            _ => {}
        }
    }

    /// Parses the query and searches now, or leaves it for the worker.
    fn run_search(&mut self) {
        let Some(state) = self.layers.search_mut() else {
            return;
        };
        state.generation += 1;
        match Query::parse(&state.query) {
            Err(e) => {
                state.error = Some(e.to_string());
                state.hits.clear();
                state.pending = false;
            }
            Ok(query) if self.search_inline => {
                state.error = None;
                state.hits = self.lib.index.search(&query, RESULT_LIMIT);
                state.selected = 0;
            }
            Ok(_) => {
                state.error = None;
                state.pending = true;
                self.effects
                    .push(Effect::Search(state.generation, state.query.clone()));
            }
        }
    }

    fn jump_to_result(&mut self) {
        let Some(hit) = self.layers.search().and_then(|s| s.hits.get(s.selected)).cloned() else {
            return;
        };
        let Some(Layer::Search(state)) = self.layers.pop() else {
            return;
        };
        if let Some(presenter) = self.presenter_mut() {
            presenter.detour = Some(hit.position);
            return;
        }
        self.highlights = state
            .hits
            .iter()
            .filter_map(|h| {
                let stance = h.matches.iter().find(|m| m.field == Field::Stance)?;
                Some((h.position, stance.indices.clone()))
            })
            .collect();
        self.jump_to(hit.position);
    }
}
