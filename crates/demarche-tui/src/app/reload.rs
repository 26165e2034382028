//! Swapping in a reloaded data file while keeping what the user was
//! looking at, by id; or keeping the last good data and showing why the
//! new file does not load. While the file loads, the data is set aside
//! (only the dataset kept) and actions wait. And the first load, which also runs off the
//! UI thread: the explorer shows that it is loading until the data comes.

use super::{Action, App, CaptureForm, Context, Effects, Library, Reader, SearchState};
use demarche_core::model::{Dataset, IdIndex};
use demarche_core::text::plural::count;
use demarche_core::text::sanitize;

/// What was on screen, by id, so it can be found again in new data.
struct Anchor {
    topic: Option<String>,
    position: Option<String>,
    event: Option<String>,
    pair: Option<(String, Option<String>)>,
}

impl App {
    /// An app waiting for its data file, which the event loop loads off
    /// the UI thread (the `Reload` effect); `file` names it on screen.
    pub fn loading(file: &str) -> Self {
        let mut app = App::new(Dataset::default());
        // Asked for as `r` asks, through `apply` (the one writer of the
        // effects), before the loading screen takes the keys.
        app.apply(Action::Reload);
        app.session.loading = Some(demarche_core::text::sanitize::line(file));
        app
    }

    /// Applies `action` once the data is in (at once if it is).
    pub fn after_load(&mut self, action: Action) {
        if self.session.loading.is_some() {
            self.session.after_load = Some(action);
        } else {
            self.apply(action);
        }
    }

    /// While loading, only quitting and the load's outcome count.
    /// While the first load runs, only quitting and the load's own
    /// news mean anything: other keys are nobody's (`None`).
    pub(super) fn loading_action(&mut self, action: Action) -> Option<Context> {
        match action {
            Action::Quit => self.session.quit = true,
            Action::Notify(text) => self.session.message = Some(text),
            Action::ConsoleAttached(attached) => self.consoles_changed(usize::from(attached)),
            Action::Reloaded(data) => {
                self.session.loading = None;
                let note = self.session.message.take();
                self.reloaded(*data);
                self.session.message = note;
                if let Some(next) = self.session.after_load.take() {
                    self.apply(next);
                }
            }
            Action::ReloadFailed(_) => {
                self.session.load_failed = true;
                self.session.quit = true;
            }
            _ => return None,
        }
        Some(Context::Always)
    }

    fn anchor(&self) -> Anchor {
        let data = &self.lib.data;
        Anchor {
            topic: data.topics.get(self.explorer.view.topic).map(|t| t.id.clone()),
            position: self.selected().map(|p| data.positions[p].id.clone()),
            event: self.explorer.view.event.map(|e| data.events[e].id.clone()),
            pair: self
                .pair()
                .map(|(a, b)| (data.actors[a].id.clone(), b.map(|b| data.actors[b].id.clone()))),
        }
    }

    /// True while a load runs with the data set aside: nothing is drawn
    /// and input waits (the event loop reads none).
    pub fn data_set_aside(&self) -> bool {
        self.session.set_aside.is_some()
    }

    /// A load has started: keeps only the dataset, with where the view
    /// was by id, and drops its display text, search index and matrix
    /// index (at 100,000 positions, 115 MB of the library's 190 MB), so
    /// a reload's peak is the old dataset plus the loader's own
    /// (docs/PERFORMANCE.md, "Reloads"). The loaded data stays on the
    /// terminal, which is not drawn to until the outcome comes.
    pub(super) fn set_data_aside(&mut self) -> SetAside {
        let anchor = self.anchor();
        let lib = std::mem::replace(&mut self.lib, Library::new(Dataset::default()));
        SetAside {
            data: lib.into_data(),
            anchor,
            held: Vec::new(),
        }
    }

    /// While the data is set aside, the load's outcome brings data back;
    /// anything else waits for it (time passing is dropped).
    pub(super) fn while_set_aside(&mut self, action: Action) -> Option<(Context, Effects)> {
        let aside = self.session.set_aside.as_mut()?;
        let mut effects = Effects::none();
        match action {
            Action::Reloaded(data) => {
                let aside = self.session.set_aside.take()?;
                self.swap_in(*data, aside);
            }
            Action::ReloadFailed(lines) => {
                self.reload_failed(&lines);
                effects = self.restore();
            }
            Action::ReloadSuperseded => effects = self.restore(),
            Action::Reloading | Action::Tick(_) => {}
            other => aside.held.push(other),
        }
        Some((Context::Always, effects))
    }

    pub(super) fn reload_failed(&mut self, lines: &[String]) {
        self.session.reload_errors = lines.iter().map(|l| sanitize::line(l)).collect();
    }

    /// The data set aside comes back as it was (its derived parts built
    /// again), and what waited is applied.
    fn restore(&mut self) -> Effects {
        let Some(aside) = self.session.set_aside.take() else {
            return Effects::none();
        };
        self.lib = Library::new(aside.data);
        // The "reloading" notice is over: the errors (if any) say why.
        self.session.message = None;
        self.follow(aside.anchor);
        // The search open before was answered from the old index, which
        // is gone with the worker that held it: ask again.
        let effects = self.run_search();
        self.apply_held(aside.held);
        effects
    }

    fn apply_held(&mut self, held: Vec<Action>) {
        for action in held {
            self.apply(action);
        }
    }

    /// Swaps in reloaded data (`Action::Reloaded`), setting the current
    /// data aside first unless a load already did (tests, and a load
    /// that started before the data came).
    pub(super) fn reloaded(&mut self, data: Dataset) {
        let aside = match self.session.set_aside.take() {
            Some(aside) => aside,
            None => self.set_data_aside(),
        };
        self.swap_in(data, aside);
    }

    /// New data in place of the data set aside. The old dataset is
    /// dropped before the new library's derived parts are built, so the
    /// two never coexist; only when a pin vanishes with the new data is
    /// the old library built again and kept, for the room.
    fn swap_in(&mut self, data: Dataset, aside: SetAside) {
        let SetAside {
            data: old,
            anchor,
            held,
        } = aside;
        let ids = data.id_index();
        let old = self.needed_by_vanished_pins(old, &ids);
        self.lib = Library::with_ids(data, ids);
        self.keep_vanished(old);
        self.deck.slides.data_changed();
        // A position just captured is shown and selected.
        let captured = self
            .session
            .select_after_reload
            .take()
            .and_then(|p| self.lib.ids.positions.get(&p).copied());
        // A form open over the reader is kept as its source's draft.
        if let Some(form) = self.layers.get::<CaptureForm>() {
            let form = CaptureForm {
                saving: false,
                ..form.clone()
            };
            self.session.capture_drafts.insert(form.source_id.clone(), form);
        }
        // Indices may have moved: searches and readers start again.
        self.layers.close::<SearchState>();
        self.layers.close::<Reader>();
        self.layers.close::<CaptureForm>();
        self.explorer.highlights.clear();
        self.follow(anchor);
        if let Some(p) = captured {
            self.jump_to(p);
        }
        self.session.reload_errors.clear();
        let missing = self.deck.current.missing(&self.lib.data).len();
        self.session.message = Some(match (missing, captured) {
            (0, Some(p)) => format!("added position {}", self.lib.data.positions[p].id),
            (0, None) => "reloaded".to_string(),
            (n, _) => format!("reloaded; missing from the data: {}", count(n, "pinned item")),
        });
        self.apply_held(held);
    }

    /// The old data as a library, if a pin resolves in it and not with
    /// the new `ids`; otherwise it is dropped here, before the new
    /// library is built.
    fn needed_by_vanished_pins(&self, old: Dataset, ids: &IdIndex) -> Option<Library> {
        // No pin, nothing can vanish (and no ids need building).
        self.deck.current.points().next()?;
        let old_ids = old.id_index();
        self.vanishing(&old_ids, ids)
            .then(|| Library::with_ids(old, old_ids))
    }

    /// Puts the view back where `anchor` says, by id, in the data now in.
    fn follow(&mut self, anchor: Anchor) {
        let ids = &self.lib.ids;
        self.explorer.view.topic = anchor
            .topic
            .and_then(|t| ids.topics.get(&t).copied())
            .unwrap_or(0);
        self.explorer.view.event = anchor.event.and_then(|e| ids.events.get(&e).copied());
        let pair = anchor.pair.and_then(|(a, b)| {
            let a = *ids.actors.get(&a)?;
            let b = b.and_then(|b| ids.actors.get(&b).copied());
            self.lib.pairs.iter().position(|&p| p == (a, b))
        });
        self.explorer.view.pair = pair.unwrap_or(0);
        let position = anchor
            .position
            .and_then(|p| self.lib.ids.positions.get(&p).copied());
        self.set_as_of(self.dates.as_of);
        self.refresh();
        self.reselect(position);
    }
}

/// The data while a load runs (`App::set_data_aside`).
pub(super) struct SetAside {
    data: Dataset,
    anchor: Anchor,
    /// Actions that came meanwhile, applied once the data is back.
    held: Vec<Action>,
}
