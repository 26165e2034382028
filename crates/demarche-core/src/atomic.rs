//! The one way demarche writes a file: the deck, rescue copies, exports,
//! `-o`, and edits of a positions file all come through here.
//!
//! A crash leaves the old contents or the new, never a mix: the bytes go
//! to a temporary file in the target's directory, created with the mode
//! the file should have, which is synced, renamed over the target, and
//! the directory synced.
//!
//! Two things decide how a path is treated (`Purpose`):
//! - Who chose the path. A symlink at a path demarche chose itself (the
//!   deck beside the data file, an in-app export, a rescue copy) may have
//!   been planted, e.g. shipped in a cloned repository pointing at
//!   `~/.bashrc`: it is never written through, and the write is refused
//!   with a message naming the link and its target. A path the user named
//!   (`-o`, `--deck`, a positions file being edited) that is a symlink is
//!   resolved once, and its target is replaced, so a deck kept elsewhere
//!   stays linked.
//! - The mode of a new file. An existing file keeps its mode (a 0600 deck
//!   stays 0600); a new deck or rescue copy is private (0600), a new
//!   export gets the umask's default.
//!
//! The temporary file is named `.NAME.<pid>-<n>.tmp`, so one left by a
//! crash can be recognised and removed (`deck::remove_stale_temps`).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Attempts at finding an unused temporary file name.
const NAME_ATTEMPTS: u32 = 1000;

/// Symlinks followed at most when resolving a named path (as Linux does).
const MAX_LINKS: usize = 40;

/// The mode of a new private file: the user's alone.
const PRIVATE: u32 = 0o600;

/// The mode asked for a new shared file; the umask takes its bits off.
const SHARED: u32 = 0o666;

/// What is written where: decides what a symlink at the path means and
/// the mode of a file that does not exist yet. See the module comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A file at a path the user named: `export -o FILE`, a positions file
    /// being edited. A symlink is resolved once and its target replaced;
    /// a new file gets the umask's default mode.
    Named,
    /// The deck at a path the user named (`--deck`): as `Named`, but a
    /// new deck is private (0600): its notes are the presenter's.
    NamedDeck,
    /// A file at a path demarche chose: an export from the explorer
    /// beside the deck, the bibliography beside a pandoc export. A
    /// symlink there is refused; a new file gets the umask's default.
    Chosen,
    /// A private file at a path demarche chose: the deck beside the data
    /// file or in the data directory, a rescue copy. A symlink there is
    /// refused; a new file is 0600.
    ChosenPrivate,
}

impl Purpose {
    /// Whether a symlink at the path leads to the file written (a path
    /// the user named) rather than being refused.
    pub(crate) fn follows_links(self) -> bool {
        matches!(self, Purpose::Named | Purpose::NamedDeck)
    }

    fn new_file_mode(self) -> u32 {
        match self {
            Purpose::Named | Purpose::Chosen => SHARED,
            Purpose::NamedDeck | Purpose::ChosenPrivate => PRIVATE,
        }
    }
}

/// Why a file was not written. On any of these the old file is untouched.
/// The messages are about the path written to, which every caller puts
/// first (`PATH: cannot save ...: a symbolic link to TARGET: ...`).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "a symbolic link to {}: not written through, as demarche chose this path itself \
         and a planted link could lead anywhere; remove the link, or name the file you mean (-o, --deck)",
        .target.display()
    )]
    Symlink { link: PathBuf, target: PathBuf },
    #[error("{} is {what}, not a regular file: not replaced", .path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("it is a chain of more than {MAX_LINKS} symbolic links")]
    TooManyLinks(PathBuf),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl From<WriteError> for io::Error {
    fn from(e: WriteError) -> io::Error {
        match e {
            WriteError::Io(e) => e,
            other => io::Error::other(other.to_string()),
        }
    }
}

/// Writes `bytes` to the file the user named at `path` (`Purpose::Named`):
/// `export -o`, and the edit of a positions file. The call for any path
/// that came from the user's command line.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_as(path, bytes, Purpose::Named).map_err(io::Error::from)
}

/// Writes `bytes` to `path` atomically as `purpose` says.
pub fn write_as(path: &Path, bytes: &[u8], purpose: Purpose) -> Result<(), WriteError> {
    write_with(path, bytes, purpose, |file, bytes| file.write_all(bytes))
}

/// `write_as` with the step that writes the bytes supplied, so tests can
/// make it fail part way.
pub(crate) fn write_with(
    path: &Path,
    bytes: &[u8],
    purpose: Purpose,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = target_of(path, purpose)?;
    let mode = match fs::metadata(&target) {
        Ok(meta) => existing_mode(&target, &meta)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let dir = parent_dir(&target);
    let (temp, file) = create_temp(dir, &target, mode.unwrap_or(purpose.new_file_mode()))?;
    let result = set_mode(&file, mode).and_then(|()| write_and_replace(file, &temp, &target, write, bytes));
    if let Err(e) = result {
        // The temporary file is ours and now useless; if it cannot be
        // removed there is nothing more to do than report the first error.
        let _ = fs::remove_file(&temp);
        return Err(e.into());
    }
    Ok(sync_dir(dir)?)
}

/// The file to replace for `path`: itself, or for a named path that is a
/// symlink, what it leads to. A symlink at a chosen path is refused.
fn target_of(path: &Path, purpose: Purpose) -> Result<PathBuf, WriteError> {
    if !is_symlink(path) {
        return Ok(path.to_path_buf());
    }
    if purpose.follows_links() {
        return resolve(path);
    }
    Err(WriteError::Symlink {
        link: path.to_path_buf(),
        target: fs::read_link(path)?,
    })
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Where a chain of symlinks at `path` ends, the last one possibly
/// dangling (then the file is created there, as a shell's `>` would).
fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if !is_symlink(&at) {
            return Ok(at);
        }
        let next = fs::read_link(&at)?;
        at = parent_dir(&at).join(next);
    }
    Err(WriteError::TooManyLinks(path.to_path_buf()))
}

/// The directory holding `path` ("." for a bare name).
fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The permission bits an existing target keeps; only regular files are
/// replaced (a FIFO or device there is refused, not swapped for a file).
fn existing_mode(target: &Path, meta: &fs::Metadata) -> Result<Option<u32>, WriteError> {
    if let Some(what) = crate::safe_read::what_is(meta) {
        return Err(WriteError::NotAFile {
            path: target.to_path_buf(),
            what,
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(Some(meta.permissions().mode() & 0o7777))
    }
    #[cfg(not(unix))]
    Ok(None)
}

/// Gives the temporary file exactly the old file's mode: the mode asked
/// at creation loses the umask's bits, `fchmod` does not.
fn set_mode(file: &File, mode: Option<u32>) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (file, mode);
    Ok(())
}

/// The resolved target, for those who work beside it (the deck's lock
/// and the removal of stale temporary files).
pub(crate) fn follow_symlink(path: &Path) -> PathBuf {
    resolve(path).unwrap_or_else(|_| path.to_path_buf())
}

fn write_and_replace(
    mut file: File,
    temp: &Path,
    target: &Path,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    bytes: &[u8],
) -> io::Result<()> {
    write(&mut file, bytes)?;
    file.sync_all()?;
    // Closed before the rename, which some platforms refuse on open files.
    drop(file);
    fs::rename(temp, target)
}

/// Creates a new, hidden temporary file beside `target` with `mode`. The
/// rename that replaces `target` is only atomic within one filesystem,
/// hence the same directory. `create_new` guarantees the file is ours
/// alone, and does not follow a symlink planted at its name.
fn create_temp(dir: &Path, target: &Path, mode: u32) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let pid = std::process::id();
    for _ in 0..NAME_ATTEMPTS {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{pid}-{n}.tmp"));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            // Left by a crashed process that had the same pid.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::ErrorKind::AlreadyExists.into())
}

/// Makes the rename itself durable: without this a power cut can bring
/// back the old directory entry.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        // Some filesystems cannot sync a directory; the rename is done.
        Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => Ok(()),
        result => result,
    }
}

/// Directories cannot be opened for syncing here; the rename is done.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Failed writes, a failed rename and a missing directory are also
/// tested through `deck::save` (deck/tests.rs, deck/crash_tests.rs).
#[cfg(all(test, unix))]
mod tests;
