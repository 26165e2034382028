//! The worker threads whose panics are caught and told to the app as a
//! failure (a load that failed, a search that failed), not as the end of
//! the session: their names, and what a panic said.

use std::any::Any;

/// The data file's loader (`watch`).
pub(crate) const LOADER_THREAD: &str = "data-loader";

/// The search worker (`search_worker`).
pub(crate) const SEARCH_THREAD: &str = "search-worker";

/// True on a thread that catches its own panics: the terminal's panic
/// hook leaves the session and the screen alone there.
pub(super) fn on_a_catching_thread() -> bool {
    matches!(std::thread::current().name(), Some(LOADER_THREAD | SEARCH_THREAD))
}

/// Runs `work`, or says what its panic said, for the failure that
/// reports it. `work` runs to its end or not at all as far as the caller
/// is concerned: nothing it touched is used after a panic.
pub(super) fn running<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .map_err(|payload| what_it_said(payload.as_ref()))
}

fn what_it_said(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}
