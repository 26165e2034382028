//! Swapping in a reloaded data file while keeping what the user was
//! looking at, by id; or keeping the last good data and showing why the
//! new file does not load. And the first load, which also runs off the
//! UI thread: the explorer shows that it is loading until the data comes.

use super::{Action, App, CaptureForm, Context, Library, Reader, SearchState};
use demarche_core::model::Dataset;

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

    /// Swaps in reloaded data. The old library is dropped before the new
    /// one's display text, search index and matrix index are built, so
    /// a reload holds at most one set of them: at 100,000 positions a set
    /// is about 115 MB (docs/PERFORMANCE.md, "Memory"). Only when a pin
    /// vanishes with the new data is the old library kept, for the room.
    pub(super) fn reloaded(&mut self, data: Dataset) {
        let anchor = self.anchor();
        let ids = data.id_index();
        let old = std::mem::replace(&mut self.lib, Library::new(Dataset::default()));
        let old = self.vanishing(&old, &ids).then_some(old);
        self.lib = Library::with_ids(data, ids);
        self.keep_vanished(old);
        self.deck.slides.data_changed();
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
        self.set_as_of(self.dates.as_of);
        // Indices may have moved: searches and readers start again.
        self.layers.close::<SearchState>();
        self.layers.close::<Reader>();
        self.layers.close::<CaptureForm>();
        self.explorer.highlights.clear();
        self.refresh();
        self.reselect(position);
        if let Some(p) = captured {
            self.jump_to(p);
        }
        self.session.reload_errors.clear();
        let missing = self.deck.current.missing(&self.lib.data).len();
        self.session.message = Some(match (missing, captured) {
            (0, Some(p)) => format!("added position {}", self.lib.data.positions[p].id),
            (0, None) => "reloaded".to_string(),
            (n, _) => format!("reloaded; {n} pinned item(s) are missing from the data"),
        });
    }
}
