//! The event loop's side of the deck: saving (merged with what others
//! wrote), watching the file for changes made elsewhere, and, when the
//! session ends with changes that cannot be saved, a rescue copy.
//! Kept apart from the data file's watcher on purpose: the two files
//! change for different reasons and are handled differently.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::app::{Action, App};
use demarche_core::deck::{Deck, DeckSync, DiskChange};

/// How often the deck file is looked at for changes made elsewhere.
const WATCH_EVERY: Duration = Duration::from_millis(500);

pub(crate) struct DeckKeeper {
    /// `None` when this session's deck must not be written.
    sync: Option<DeckSync>,
    checked: Instant,
}

impl DeckKeeper {
    /// `loaded` is the deck as just read from `path`, which is written
    /// as `purpose` says.
    pub fn new(path: Option<PathBuf>, loaded: &Deck, purpose: demarche_core::atomic::Purpose) -> Self {
        DeckKeeper {
            sync: path.map(|p| DeckSync::new(p, loaded.clone(), purpose)),
            checked: Instant::now(),
        }
    }

    /// Saves the deck; the outcome as an action for the app.
    pub fn save(&mut self, deck: &Deck) -> Action {
        let Some(sync) = self.sync.as_mut() else {
            return Action::DeckProblem("this session's talking points have no file to be saved to".into());
        };
        match sync.save(deck) {
            Ok(deck) => Action::DeckSynced { deck, unsaved: false },
            Err(e) => Action::DeckProblem(format!("talking points not saved (trying again): {e}")),
        }
    }

    /// A change to the deck file made elsewhere, if one is seen; looks at
    /// most every `WATCH_EVERY`.
    pub(crate) fn watch(&mut self, deck: &Deck) -> Option<Action> {
        if self.checked.elapsed() < WATCH_EVERY {
            return None;
        }
        self.checked = Instant::now();
        Some(match self.sync.as_mut()?.check(deck)? {
            DiskChange::Merged { deck, unsaved } => Action::DeckSynced { deck, unsaved },
            DiskChange::Unreadable(e) => Action::DeckProblem(format!(
                "{e}. Fix the file and it is read again; until then this window's changes are kept here"
            )),
        })
    }

    /// At the end of the session: saves what is unsaved, or else writes
    /// a rescue copy. What the user must be told, if anything.
    pub fn finish(&mut self, app: &App) -> Option<String> {
        if !app.deck.autosave().unsaved {
            return None;
        }
        let why = match self.sync.as_mut().map(|s| s.save(&app.deck.current)) {
            Some(Ok(_)) => return None,
            Some(Err(e)) => e.to_string(),
            None => "this session's talking points have no file to be saved to".into(),
        };
        let deck_path = self.sync.as_ref().map_or_else(
            || PathBuf::from("talking-points.toml"),
            |s| s.path().to_path_buf(),
        );
        let rescued = demarche_core::deck::rescue_dir()
            .ok_or_else(|| "neither XDG_STATE_HOME nor HOME is set".to_string())
            .and_then(|dir| {
                demarche_core::deck::write_rescue(&dir, &deck_path, &app.deck.current)
                    .map_err(|e| e.to_string())
            });
        Some(match rescued {
            Ok(copy) => format!(
                "{why}\nYour talking points were written to {} instead.",
                copy.display()
            ),
            Err(e) => format!(
                "{why}\nNo rescue copy could be written either ({e}). Your talking points:\n{}",
                demarche_core::deck::to_toml(&app.deck.current)
            ),
        })
    }
}
