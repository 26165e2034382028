//! One writer's view of a deck file that others may write too: another
//! window on the same deck, or the user's editor.
//!
//! Why merge rather than lock: a presenter legitimately keeps two windows
//! on one deck (the explorer and a console, or two terminals), and with a
//! lock the second one could not pin at all. So every save re-reads the
//! file and merges (`merge`) against `base`, the deck as this writer last
//! read or wrote it; and a change on disk is merged in as soon as it is
//! seen. The read-merge-write runs under an advisory lock on the deck's
//! directory, so two saves cannot interleave between read and rename. A
//! file that does not read is never written over: the save fails with
//! where the problem is, and is tried again once the file reads.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{Deck, DeckError, OnDisk, merge, read_current, read_on_disk, save_over};
use crate::atomic::Purpose;

/// What identifies one version of the file on disk.
type Stamp = (SystemTime, u64, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.modified().ok()?, meta.len(), inode))
}

/// A deck file and the version of it this writer last agreed with.
#[derive(Debug)]
pub struct DeckSync {
    path: PathBuf,
    /// The file as this writer last wrote it, while it is unchanged
    /// (stamp `seen`): the next save needs no read or parse.
    written: Option<OnDisk>,
    /// Whether the user named the path (`--deck`) or demarche chose it:
    /// a symlink is followed only in the first case.
    purpose: Purpose,
    base: Deck,
    seen: Option<Stamp>,
}

/// What a look at the file found.
#[derive(Debug)]
pub enum DiskChange {
    /// Someone else changed it: the deck to use now (theirs merged with
    /// ours), and whether that differs from the file, so needs saving.
    Merged { deck: Deck, unsaved: bool },
    /// It changed but does not read (left alone).
    Unreadable(DeckError),
}

impl DeckSync {
    /// `base` is the deck as just loaded from `path`, which is written
    /// as `purpose` says (`Purpose::NamedDeck` or `Purpose::ChosenPrivate`).
    pub fn new(path: PathBuf, base: Deck, purpose: Purpose) -> Self {
        let seen = stamp(&path);
        DeckSync {
            path,
            written: None,
            purpose,
            base,
            seen,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `ours`, merged with whatever is on disk now; returns the
    /// merged deck, which the caller should show from now on.
    pub fn save(&mut self, ours: &Deck) -> Result<Deck, DeckError> {
        let dir = self.dir();
        let write_error = |source: std::io::Error| DeckError::Write {
            path: self.path.clone(),
            source: source.into(),
        };
        fs::create_dir_all(&dir).map_err(write_error)?;
        let _lock = DirLock::take(&dir);
        let mut on_disk = match self.written.take() {
            Some(written) if stamp(&self.path) == self.seen && self.seen.is_some() => written,
            _ => read_on_disk(&self.path)?,
        };
        let merged = merge(&self.base, ours, &on_disk.deck);
        if merged != on_disk.deck {
            on_disk = save_over(&self.path, on_disk, &merged, self.purpose)?;
        }
        self.seen = stamp(&self.path);
        self.written = Some(on_disk);
        self.base = merged.clone();
        Ok(merged)
    }

    /// Looks at the file: `None` if nobody else changed it since this
    /// writer last read or wrote it.
    pub fn check(&mut self, ours: &Deck) -> Option<DiskChange> {
        let now = stamp(&self.path);
        if now == self.seen {
            return None;
        }
        self.seen = now;
        // Not what this writer wrote any more.
        self.written = None;
        let theirs = match read_current(&self.path) {
            Ok(deck) => deck,
            Err(e) => return Some(DiskChange::Unreadable(e)),
        };
        let deck = merge(&self.base, ours, &theirs);
        let unsaved = deck != theirs;
        self.base = theirs;
        Some(DiskChange::Merged { deck, unsaved })
    }

    fn dir(&self) -> PathBuf {
        let target = crate::atomic::follow_symlink(&self.path);
        target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    }
}

/// An exclusive advisory lock on a directory, released when dropped. Best
/// effort: where directories cannot be locked, saves go on unlocked, as
/// they did before.
struct DirLock(Option<File>);

impl DirLock {
    fn take(dir: &Path) -> DirLock {
        DirLock(File::open(dir).ok().filter(|f| f.lock().is_ok()))
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = f.unlock();
        }
    }
}
