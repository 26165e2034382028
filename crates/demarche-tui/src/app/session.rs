//! The session's bookkeeping: quitting, the status line's message, the
//! data file's loads (the first one, failed reloads, the data set aside
//! while one runs, what waits for them), capture forms left unsaved, and where searches run.

use std::collections::HashMap;

use super::{Action, CaptureForm};

/// Bookkeeping of the session as a whole, apart from what the views show.
#[derive(Default)]
pub struct Session {
    /// The explorer is to end (`q`; a first load that failed).
    pub(super) quit: bool,
    /// A one-line message for the status bar.
    pub(super) message: Option<String>,
    /// While the data file is first loaded (off the UI thread): its name.
    /// Only quitting works until the data comes.
    pub(super) loading: Option<String>,
    /// The first load failed: the explorer ends so the command line can
    /// report the file's problems.
    pub(super) load_failed: bool,
    /// What to do once the first load is in (say, start presenting).
    pub(super) after_load: Option<Action>,
    /// Diagnostics of a data file that failed to reload; the last good
    /// data stays on screen while this is not empty.
    pub(super) reload_errors: Vec<String>,
    /// The position just written: selected once the reload brings it.
    pub(super) select_after_reload: Option<String>,
    /// Capture forms closed unsaved, by source id: `c` reopens them.
    pub(super) capture_drafts: HashMap<String, CaptureForm>,
    /// Searches go to the worker thread (`App::with_search_worker`)
    /// rather than run inside `apply`.
    pub(super) search_worker: bool,
    /// The data while a load of the data file runs (`App::set_data_aside`).
    pub(super) set_aside: Option<super::reload::SetAside>,
}

/// What other modules read; the app alone changes it.
impl Session {
    /// The explorer is to end (`q`; a first load that failed).
    pub fn quitting(&self) -> bool {
        self.quit
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The data file's name while its first load runs.
    pub fn loading(&self) -> Option<&str> {
        self.loading.as_deref()
    }

    pub fn load_failed(&self) -> bool {
        self.load_failed
    }

    /// Why the data file does not reload (sanitised), while it does not.
    pub fn reload_errors(&self) -> &[String] {
        &self.reload_errors
    }
}
