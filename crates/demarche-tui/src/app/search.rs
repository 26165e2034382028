//! The search overlay: a query line whose results update on every key,
//! a ranked list, Enter to jump and Esc to restore the view. Tab marks
//! results and `m` (in the result list) pins them to the deck.

use demarche_core::text::plural::count;
use std::collections::BTreeSet;

use super::layers::{Component, Handled, is_raw_input};
use super::{Action, App, Context, Effect, Effects, PAGE, Pane, View};
use demarche_core::deck::Target;
use demarche_core::search::{Correction, Field, Hit, Query, Results};

/// Results kept per query; the list shows as many as fit.
pub(crate) const RESULT_LIMIT: usize = 500;

pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    /// How many positions matched, before `RESULT_LIMIT`.
    pub total: usize,
    /// Misspelt words searched as corrected.
    pub corrections: Vec<Correction>,
    pub selected: usize,
    /// A query that does not parse (e.g. `from:2015-13`).
    pub error: Option<String>,
    /// Numbers each query, so stale worker results are dropped.
    pub generation: u64,
    /// True while the worker has not answered the latest query.
    pub pending: bool,
    /// The view to restore on Esc.
    pub saved: View,
    /// The query's filter words as typed: what a filter-only hit matched.
    pub filters: Vec<String>,
    /// Marked positions (indices into `Dataset::positions`); they stay
    /// marked while the query changes.
    pub marked: BTreeSet<usize>,
    /// True when keys go to the result list rather than the query line.
    pub in_list: bool,
}

impl SearchState {
    fn show(&mut self, results: Results) {
        self.hits = results.hits;
        self.total = results.total;
        self.corrections = results.corrections;
        self.selected = 0;
    }
}

impl App {
    pub(super) fn open_search(&mut self) -> Effects {
        if self.layers.has::<SearchState>() {
            return Effects::none();
        }
        self.layers.push(SearchState {
            query: String::new(),
            hits: Vec::new(),
            total: 0,
            corrections: Vec::new(),
            selected: 0,
            error: None,
            generation: 0,
            pending: false,
            saved: self.explorer.view.clone(),
            filters: Vec::new(),
            marked: BTreeSet::new(),
            in_list: false,
        });
        self.run_search()
    }

    /// The worker could not answer: the query shows why, as a query
    /// that does not parse does.
    pub(super) fn search_failed(&mut self, generation: u64, why: String) {
        if let Some(state) = self.answered_search(generation) {
            state.error = Some(why);
            state.show(Results::default());
        }
    }

    /// The worker's results for query number `generation`.
    pub(super) fn search_results(&mut self, generation: u64, results: Results) {
        if let Some(state) = self.answered_search(generation) {
            state.show(results);
        }
    }

    /// The open search, if the worker's answer is to its current query
    /// (an answer to an older one, or to a search since closed, is
    /// dropped); it no longer waits.
    fn answered_search(&mut self, generation: u64) -> Option<&mut SearchState> {
        let state = self.layers.get_mut::<SearchState>()?;
        (generation == state.generation).then(|| {
            state.pending = false;
            state
        })
    }
}

impl Component for SearchState {
    fn context(&self) -> Context {
        if self.in_list {
            Context::Results
        } else {
            Context::Search
        }
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        app.search_action(action)
    }
}

impl App {
    fn search_action(&mut self, action: Action) -> Handled {
        // In a talk (audience or console) Esc only closes the search.
        let presenting = self.presenter().is_some() || self.console().is_some();
        let Some(state) = self.layers.get_mut::<SearchState>() else {
            return Handled::Ignored(action);
        };
        let last = state.hits.len().saturating_sub(1);
        let mut effects = Effects::none();
        match action {
            Action::SearchInput(c) => {
                state.in_list = false;
                state.query.push(c);
                effects = self.run_search();
            }
            Action::SearchFocusList => state.in_list = !state.hits.is_empty(),
            Action::SearchFocusQuery => state.in_list = false,
            Action::SearchMark => {
                if let Some(hit) = state.hits.get(state.selected) {
                    if !state.marked.remove(&hit.position) {
                        state.marked.insert(hit.position);
                    }
                    state.selected = (state.selected + 1).min(last);
                    state.in_list = true;
                }
            }
            Action::SearchMarkAll => {
                state.marked.extend(state.hits.iter().map(|h| h.position));
                state.in_list = !state.hits.is_empty();
            }
            Action::SearchPin => effects = self.pin_results(),
            Action::Paste(text) => {
                state
                    .query
                    .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
                effects = self.run_search();
            }
            Action::SearchBackspace => {
                state.query.pop();
                effects = self.run_search();
            }
            Action::SearchClearLine => {
                state.query.clear();
                effects = self.run_search();
            }
            Action::Up | Action::ScrollUp(_) => state.selected = state.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => state.selected = (state.selected + 1).min(last),
            Action::PageUp => state.selected = state.selected.saturating_sub(PAGE * 2),
            Action::PageDown => state.selected = (state.selected + PAGE * 2).min(last),
            Action::First => state.selected = 0,
            Action::Last => state.selected = last,
            Action::ClickItem(Pane::SearchResults, i) if i < state.hits.len() => {
                state.selected = i;
                effects = self.jump_to_result();
            }
            Action::Activate => effects = self.jump_to_result(),
            Action::Back if presenting => self.layers.close::<SearchState>(),
            Action::Back => {
                self.explorer.view = state.saved.clone();
                self.layers.close::<SearchState>();
                self.explorer.highlights.clear();
                self.refresh();
            }
            other if is_raw_input(&other) => {}
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(effects)
    }

    /// Parses the query and searches now, or asks the worker to.
    pub(super) fn run_search(&mut self) -> Effects {
        let Some(state) = self.layers.get_mut::<SearchState>() else {
            return Effects::none();
        };
        state.generation += 1;
        let parsed = Query::parse(&state.query).map_err(|e| e.to_string());
        let checked = parsed.and_then(|q| self.lib.index.check(&q).map(|()| q).map_err(|e| e.to_string()));
        match checked {
            Err(e) => {
                state.error = Some(e);
                state.show(Results::default());
                state.pending = false;
            }
            Ok(query) if !self.session.search_worker => {
                state.error = None;
                state.filters = query.filter_words().to_vec();
                state.show(self.lib.index.search(&query, RESULT_LIMIT));
            }
            Ok(query) => {
                state.error = None;
                state.filters = query.filter_words().to_vec();
                state.pending = true;
                return Effects::one(Effect::Search(state.generation, state.query.clone()));
            }
        }
        Effects::none()
    }

    /// Pins the marked results, in result order (marked positions no
    /// longer among the results last), or else the selected one. Pinning
    /// never unpins: a result already in the deck stays where it is.
    fn pin_results(&mut self) -> Effects {
        let Some(state) = self.layers.get_mut::<SearchState>() else {
            return Effects::none();
        };
        let mut chosen: Vec<usize> = match state.marked.is_empty() {
            true => state
                .hits
                .get(state.selected)
                .map(|h| h.position)
                .into_iter()
                .collect(),
            false => (state.hits.iter().map(|h| h.position))
                .filter(|p| state.marked.contains(p))
                .collect(),
        };
        chosen.extend(
            state
                .marked
                .iter()
                .filter(|p| !chosen.contains(p))
                .copied()
                .collect::<Vec<_>>(),
        );
        state.marked.clear();
        if chosen.is_empty() {
            self.session.message = Some("no result to pin".into());
            return Effects::none();
        }
        let data = &self.lib.data;
        let added = (chosen.iter())
            .filter(|&&p| {
                self.deck
                    .current
                    .pin(Target::Position(data.positions[p].id.clone()))
            })
            .count();
        let already = chosen.len() - added;
        let mut message = format!("pinned {}", count(added, "position"));
        if already > 0 {
            message.push_str(&format!(", {already} already in the deck"));
        }
        message.push_str(&format!(" ({} in the deck)", self.deck.current.len()));
        self.session.message = Some(message);
        match added {
            0 => Effects::none(),
            _ => self.save_deck(),
        }
    }

    /// Enter on a result: the explorer jumps to it; a talk shows it to
    /// the room (from the console, by asking the room).
    fn jump_to_result(&mut self) -> Effects {
        let Some(hit) = (self.layers.get::<SearchState>())
            .and_then(|s| s.hits.get(s.selected))
            .cloned()
        else {
            return Effects::none();
        };
        let Some(state) = self.layers.take::<SearchState>() else {
            return Effects::none();
        };
        if self.console().is_some() {
            return self.console_show(hit.position);
        }
        if let Some(presenter) = self.presenter_mut() {
            presenter.detour = Some(hit.position);
            return Effects::none();
        }
        self.explorer.highlights = state
            .hits
            .iter()
            .filter_map(|h| {
                let stance = h.matches.iter().find(|m| m.field == Field::Stance)?;
                Some((h.position, stance.indices.clone()))
            })
            .collect();
        self.jump_to(hit.position);
        Effects::none()
    }
}
