//! The data file while the explorer runs: noticing changes, waiting for
//! the file to be quiet, and loading it on a thread of its own, so the UI
//! keeps answering keys while a large file loads. The outcome comes back
//! to the event loop as an `Action` (`Reloaded` or `ReloadFailed`),
//! announced by `Reloading` when the load starts, so the app can set its
//! data aside meanwhile; the reducer never touches a file.
//!
//! Editors often save in two steps (truncate, then write; or write a
//! part, then the rest). Loading between the two would flash an error
//! banner for a file that is fine a moment later, so a change is only
//! loaded once the file has stayed the same for `QUIET`, and a failed
//! load is dropped if the file changed again meanwhile.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::app::Action;
use demarche_core::load::{self, LoadError};

/// How long the file must stay unchanged before it is loaded.
pub(crate) const QUIET: Duration = Duration::from_millis(400);

/// How often the file's stamp is read (a `stat`, no read of the file).
const LOOK_EVERY: Duration = Duration::from_millis(100);

/// What identifies one version of a file on disk, read without opening
/// it (so a FIFO put in its place cannot block the look).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    kind: std::fs::FileType,
    /// The inode: a file renamed over the old one is a change even with
    /// the same size and time.
    inode: u64,
}

pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        kind: meta.file_type(),
        inode,
    })
}

/// Decides when a changed file is worth loading. Pure: the caller passes
/// the time, so tests need no sleeping.
#[derive(Debug)]
pub(crate) struct Debounce {
    last: Option<Stamp>,
    /// When the last change was seen, while waiting for quiet.
    changed_at: Option<Instant>,
    quiet: Duration,
}

impl Debounce {
    pub fn new(current: Option<Stamp>, quiet: Duration) -> Self {
        Debounce {
            last: current,
            changed_at: None,
            quiet,
        }
    }

    /// Feeds one look at the file; true when it changed and has since
    /// stayed the same for the quiet time. A file that is missing (in the
    /// middle of a save) waits until it is back.
    pub(crate) fn observe(&mut self, now_stamp: Option<Stamp>, now: Instant) -> bool {
        if now_stamp != self.last {
            self.last = now_stamp;
            self.changed_at = now_stamp.is_some().then_some(now);
            return false;
        }
        match self.changed_at {
            Some(at) if now.saturating_duration_since(at) >= self.quiet => {
                self.changed_at = None;
                true
            }
            _ => false,
        }
    }

    /// True while a change is waiting for the file to be quiet.
    pub(crate) fn settling(&self) -> bool {
        self.changed_at.is_some()
    }
}

/// Loads a file, as an action. Only reading and validating run here:
/// the display text, search index and matrix index are built by the app
/// once the old ones are dropped, so two sets never coexist.
pub(crate) fn load_action(path: &Path) -> Action {
    match load::load_path(path) {
        Ok(loaded) => Action::Reloaded(Box::new(loaded.dataset)),
        Err(LoadError::Invalid(report)) => Action::ReloadFailed(report.summaries),
        Err(other) => Action::ReloadFailed(vec![other.to_string()]),
    }
}

/// Large blocks (a file's text, a dataset's vectors, the search index's
/// arenas) at or above this size get pages of their own, handed back to
/// the system when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const OWN_PAGES_FROM: libc::c_int = 1 << 20;

/// Sets glibc's allocator up for reloads (other platforms are left as
/// they are). Each dataset is read on the loader thread and its derived
/// parts are built on the UI thread, and each reload frees a library of
/// large blocks. By default glibc gives each thread an arena of its own,
/// and raises its threshold for pages of their own to the size of each
/// such block freed, so later blocks of that size come from the shared
/// heap and leave holes there: five reloads of 100,000 positions peaked
/// 14% above one (444 against 388 MiB). One arena and a fixed threshold
/// bring that to 2 or 3% (docs/PERFORMANCE.md, "Memory"). The threads rarely
/// allocate at the same moment, so sharing an arena costs little. Call
/// before threads start: arenas already made stay.
pub fn one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets tuning parameters of the allocator.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_THRESHOLD, OWN_PAGES_FROM);
    }
}

/// What the app is told of a finished load. A file that changed again
/// while it loaded (`settling`) will be loaded again once quiet, and its
/// errors, if any, shown then: a failure now would flash stale errors.
fn outcome(answer: Action, settling: bool) -> Action {
    match answer {
        Action::ReloadFailed(_) if settling => Action::ReloadSuperseded,
        action => action,
    }
}

/// Hands the pages of freed memory back to the system (glibc; elsewhere
/// nothing). Called once a load has set the data aside: the derived
/// parts just dropped were many small blocks, whose pages glibc keeps
/// otherwise, so the loader's memory would come on top of them.
pub(super) fn give_back_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free memory of the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
}

type Request = (u64, PathBuf);

/// A thread that loads on request; only the newest request is worked on,
/// and only its answer is kept.
struct Loader {
    ask: Sender<Request>,
    answers: Receiver<(u64, Action)>,
    asked: u64,
}

/// Loads `path` with `load`, turning a panic into a failed load: while a
/// load runs the app waits for its outcome with its data set aside, so
/// there must always be one.
fn load_caught(load: fn(&Path) -> Action, path: &Path) -> Action {
    super::caught::running(|| load(path)).unwrap_or_else(|why| {
        Action::ReloadFailed(vec![format!(
            "{}: loading stopped unexpectedly (a bug in demarche: {why}); the loaded data is kept",
            path.display()
        )])
    })
}

impl Loader {
    fn spawn() -> Self {
        Self::spawn_with(load_action)
    }

    fn spawn_with(load: fn(&Path) -> Action) -> Self {
        let (ask, requests) = mpsc::channel::<Request>();
        let (tell, answers) = mpsc::channel();
        let work = move || {
            while let Ok(mut request) = requests.recv() {
                while let Ok(newer) = requests.try_recv() {
                    request = newer;
                }
                let (generation, path) = request;
                if tell.send((generation, load_caught(load, &path))).is_err() {
                    return;
                }
            }
        };
        thread::Builder::new()
            .name(super::caught::LOADER_THREAD.into())
            .spawn(work)
            .expect("a thread for loading the data file");
        Loader {
            ask,
            answers,
            asked: 0,
        }
    }

    fn request(&mut self, path: &Path) {
        self.asked += 1;
        let _ = self.ask.send((self.asked, path.to_path_buf()));
    }

    /// The answer to the newest request, if it has come.
    fn answer(&mut self) -> Option<Action> {
        let mut newest = None;
        while let Ok((generation, action)) = self.answers.try_recv() {
            if generation == self.asked {
                newest = Some(action);
            }
        }
        newest
    }
}

/// The data file as the event loop sees it: asked to reload (`r`), or
/// looked at on each turn of the loop (`poll`).
pub(crate) struct DataFeed {
    path: Option<PathBuf>,
    debounce: Debounce,
    next_look: Instant,
    loader: Loader,
    /// A load is wanted: it starts on the `poll` after the one that
    /// told the app (`Reloading`), so the app has set its data aside
    /// before the loader allocates anything.
    wanted: Wanted,
}

/// Where a wanted load stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wanted {
    Nothing,
    /// The app is to be told first.
    Announce,
    /// The app was told: start it.
    Start,
}

impl DataFeed {
    /// Watches `path`; `None` (the bundled data) watches nothing.
    pub fn new(path: Option<PathBuf>) -> Self {
        Self::with_quiet(path, QUIET)
    }

    pub(crate) fn with_quiet(path: Option<PathBuf>, quiet: Duration) -> Self {
        let current = path.as_deref().and_then(stamp);
        DataFeed {
            path,
            debounce: Debounce::new(current, quiet),
            next_look: Instant::now(),
            loader: Loader::spawn(),
            wanted: Wanted::Nothing,
        }
    }

    /// Reloads now, on the loader thread; the answer comes from `poll`.
    pub fn reload(&mut self) -> Option<Action> {
        match &self.path {
            Some(_) => {
                self.wanted = Wanted::Announce;
                None
            }
            None => Some(Action::Notify(
                "the bundled data has no file to reload: start with --data FILE".into(),
            )),
        }
    }

    /// Looks at the file (at most every `LOOK_EVERY`), starts a load once
    /// a change has settled, and hands back what the app must know: that
    /// a load is starting (`Reloading`, once per start, before its
    /// outcome), then the newest load's outcome. A load asked for by
    /// `reload` is announced here too, so the app sets its data aside at
    /// one point of the loop's turn, after the effects that turn ran;
    /// the load itself starts on the next call, once the data is aside
    /// (otherwise the loader's first 40 MB, at 100,000 positions, came on
    /// top of the whole library).
    pub(crate) fn poll(&mut self, now: Instant) -> Option<Action> {
        let path = self.path.as_ref()?;
        if now >= self.next_look {
            self.next_look = now + LOOK_EVERY;
            if self.debounce.observe(stamp(path), now) {
                self.wanted = Wanted::Announce;
            }
        }
        match self.wanted {
            Wanted::Announce => {
                self.wanted = Wanted::Start;
                return Some(Action::Reloading);
            }
            Wanted::Start => {
                self.wanted = Wanted::Nothing;
                self.loader.request(path);
            }
            Wanted::Nothing => {}
        }
        Some(outcome(self.loader.answer()?, self.debounce.settling()))
    }
}

#[cfg(test)]
mod tests;
