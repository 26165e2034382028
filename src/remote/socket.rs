//! Where the socket lives: `$XDG_RUNTIME_DIR`, else a private directory
//! under the temp dir that must be ours and mode 0700. The name comes
//! from a hash of the canonical deck path, so the console finds the
//! presentation of the same deck and no other. Never a network port.

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

/// The directory for sockets: `$XDG_RUNTIME_DIR` when it is set and
/// private, else `TMPDIR/demarche-UID`, created 0700 and checked.
pub fn runtime_dir() -> Result<PathBuf, RemoteError> {
    if let Some(dir) = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from)
        && dir.is_absolute()
        && fs::symlink_metadata(&dir).is_ok_and(|m| is_private_dir(&m))
    {
        return Ok(dir);
    }
    private_dir(&std::env::temp_dir().join(format!("demarche-{}", euid())))
}

/// Creates `dir` with mode 0700 if it is missing, then refuses it unless
/// it is a directory (not a link) owned by us with no access for others.
pub fn private_dir(dir: &Path) -> Result<PathBuf, RemoteError> {
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
pub fn canonical_deck(deck: &Path) -> PathBuf {
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

/// The socket for a deck inside `dir`.
pub fn socket_path(dir: &Path, deck: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let hash = fnv1a(canonical_deck(deck).as_os_str().as_bytes());
    dir.join(format!("demarche-{hash:016x}.sock"))
}

/// Only we may connect: the socket file is made 0600 right after bind
/// (and the directory around it is private already).
pub fn make_private(path: &Path) -> Result<(), RemoteError> {
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
        let sockets = Path::new("/run/x");
        assert_eq!(socket_path(sockets, &deck), socket_path(sockets, &via_dot));
        let other = dir.path().join("other.toml");
        assert_ne!(socket_path(sockets, &deck), socket_path(sockets, &other));
        assert!(socket_path(sockets, &deck).starts_with(sockets));
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
}
