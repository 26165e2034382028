//! Replacing a file so that a crash leaves either the old contents or the
//! new, never a mix: the bytes go to a temporary file in the same
//! directory, which is synced, renamed over the target, and the
//! directory synced. The deck, the exports and the command line's output
//! files all write this way.
//!
//! The temporary file is named `.NAME.<pid>-<n>.tmp`, so one left by a
//! crash can be recognised and removed (`deck::remove_stale_temps`).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Attempts at finding an unused temporary file name.
const NAME_ATTEMPTS: u32 = 1000;

/// Writes `bytes` to `path` atomically: on failure the old file is untouched.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// `write` with the step that writes the bytes supplied, so tests can
/// make it fail part way.
pub(crate) fn write_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let target = follow_symlink(path);
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (temp, file) = create_temp(dir, &target)?;
    if let Err(e) = write_and_replace(file, &temp, &target, write, bytes) {
        // The temporary file is ours and now useless; if it cannot be
        // removed there is nothing more to do than report the first error.
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(dir)
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

/// Saving through a symlink replaces the file it points to, not the link,
/// so a deck kept elsewhere stays linked.
pub(crate) fn follow_symlink(path: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    }
}

/// Creates a new, hidden temporary file beside `target`. The rename that
/// replaces `target` is only atomic within one filesystem, hence the same
/// directory. `create_new` guarantees the file is ours alone.
fn create_temp(dir: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let pid = std::process::id();
    for _ in 0..NAME_ATTEMPTS {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
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

/// Failed writes, a failed rename, a missing directory and symlinks are
/// tested through `deck::save` (deck/tests.rs, deck/crash_tests.rs).
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        fs::write(&path, "old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.md"]);
    }
}
