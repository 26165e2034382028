//! Where the socket lives: `$XDG_RUNTIME_DIR`, else a private directory
//! under the temp dir that must be ours and mode 0700, else one under
//! `/tmp` when the others would make a path too long for `sun_path`. The
//! name comes from a hash of the canonical deck path, so the console
//! finds the presentation of the same deck and no other. Never a network
//! port.

use std::fs::{self, DirBuilder};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::RemoteError;

/// The effective user id: the owner every directory and socket we use
/// must have.
fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// True if `meta` is a real directory, owned by us, that nobody else can
/// enter.
fn is_private_dir(meta: &fs::Metadata) -> bool {
    meta.file_type().is_dir() && meta.uid() == euid() && meta.mode() & 0o077 == 0
}

/// The bytes `sun_path` holds on Linux, its closing NUL included: a
/// longer socket path cannot be bound or connected to.
const SUN_PATH: usize = 108;

/// Where sockets may go, in order: `$XDG_RUNTIME_DIR` when it is set and
/// private, `TMPDIR/demarche-UID`, and `/tmp/demarche-UID`, short enough
/// for any socket name when the others are not.
fn candidate_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from)
        && dir.is_absolute()
        && fs::symlink_metadata(&dir).is_ok_and(|m| is_private_dir(&m))
    {
        dirs.push(dir);
    }
    let private = format!("demarche-{}", euid());
    for base in [std::env::temp_dir(), PathBuf::from("/tmp")] {
        let dir = base.join(&private);
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
}

/// The socket for `deck`: in the first private directory where its path
/// fits in `sun_path` (both windows work it out the same way, so they
/// meet). An error says why none would do.
pub fn socket_for(deck: &Path) -> Result<PathBuf, RemoteError> {
    place(&candidate_dirs(), &socket_name(deck))
}

/// `name` in the first of `dirs` that is private (created 0700 if
/// missing) and short enough; else the first directory's problem.
fn place(dirs: &[PathBuf], name: &str) -> Result<PathBuf, RemoteError> {
    let mut first_problem = None;
    for dir in dirs {
        let path = dir.join(name);
        let problem = if path.as_os_str().len() >= SUN_PATH {
            RemoteError::TooLong(path)
        } else {
            match private_dir(dir) {
                Ok(_) => return Ok(path),
                Err(e) => e,
            }
        };
        first_problem.get_or_insert(problem);
    }
    Err(first_problem.unwrap_or(RemoteError::NoPlace))
}

/// Creates `dir` with mode 0700 if it is missing, then refuses it unless
/// it is a directory (not a link) owned by us with no access for others.
pub(crate) fn private_dir(dir: &Path) -> Result<PathBuf, RemoteError> {
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(RemoteError::Io(dir.to_path_buf(), e)),
    }
    let meta = fs::symlink_metadata(dir).map_err(|e| RemoteError::Io(dir.to_path_buf(), e))?;
    if is_private_dir(&meta) && meta.mode() & 0o777 == 0o700 {
        Ok(dir.to_path_buf())
    } else {
        Err(RemoteError::UnsafeDir(dir.to_path_buf()))
    }
}

/// FNV-1a: small, and the same in every build (std's hasher is not
/// promised to be).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The deck path both sides agree on: canonical if the file exists, else
/// its canonical directory joined with its name, else as absolute.
pub(crate) fn canonical_deck(deck: &Path) -> PathBuf {
    if let Ok(path) = fs::canonicalize(deck) {
        return path;
    }
    let parent = deck.parent().filter(|p| !p.as_os_str().is_empty());
    match (
        parent.map_or_else(|| fs::canonicalize("."), fs::canonicalize),
        deck.file_name(),
    ) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(deck).unwrap_or_else(|_| deck.to_path_buf()),
    }
}

/// The socket's file name for a deck: the same by any path to it.
fn socket_name(deck: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let hash = fnv1a(canonical_deck(deck).as_os_str().as_bytes());
    format!("demarche-{hash:016x}.sock")
}

/// Only we may connect: the socket file is made 0600 right after bind
/// (and the directory around it is private already).
pub(crate) fn make_private(path: &Path) -> Result<(), RemoteError> {
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
        .map_err(|e| RemoteError::Io(path.to_path_buf(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_deck_by_any_path_gives_the_same_socket() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().join("talk.toml");
        fs::write(&deck, "").unwrap();
        let via_dot = dir.path().join(".").join("talk.toml");
        assert_eq!(socket_name(&deck), socket_name(&via_dot));
        let other = dir.path().join("other.toml");
        assert_ne!(socket_name(&deck), socket_name(&other));
    }

    #[test]
    fn a_private_dir_is_created_0700_and_a_shared_one_refused() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mine");
        assert_eq!(private_dir(&dir).unwrap(), dir);
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        assert_eq!(private_dir(&dir).unwrap(), dir, "an existing private dir is fine");
        let shared = root.path().join("shared");
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
        assert!(matches!(private_dir(&shared), Err(RemoteError::UnsafeDir(_))));
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(matches!(private_dir(&link), Err(RemoteError::UnsafeDir(_))));
    }

    #[test]
    fn a_socket_path_too_long_for_sun_path_falls_back_to_a_short_private_one() {
        let root = tempfile::tempdir().unwrap();
        let long = root.path().join("x".repeat(SUN_PATH));
        let short = root.path().join("s");
        let name = socket_name(Path::new("talk.toml"));
        let path = place(&[long.clone(), short.clone()], &name).unwrap();
        assert_eq!(path, short.join(&name));
        assert!(!long.exists(), "the long directory is not even made");
        assert_eq!(fs::metadata(&short).unwrap().mode() & 0o777, 0o700);
        // A socket can be bound there.
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    }

    #[test]
    fn with_no_place_for_a_socket_the_first_problem_is_named() {
        let root = tempfile::tempdir().unwrap();
        let long = root.path().join("x".repeat(SUN_PATH));
        let shared = root.path().join("shared");
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
        let err = place(&[long, shared], "demarche-0.sock").unwrap_err();
        assert!(matches!(err, RemoteError::TooLong(_)), "{err}");
        assert!(err.to_string().contains("path is too long"), "{err}");
        assert!(matches!(place(&[], "x"), Err(RemoteError::NoPlace)));
    }
}
