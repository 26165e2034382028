//! Leftovers and last resorts: temporary files of saves that were killed
//! part way, and the rescue copy written when a deck cannot be saved.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Deck, DeckError};

/// A temporary file older than this is left over whatever its pid says:
/// pids are reused, and no save takes a day.
const STALE_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes `.NAME.<pid>-<n>.tmp` files beside the deck `path` that a
/// killed save left behind: only names of that exact form, only for
/// processes that are gone (or files a day old). Returns what it removed.
/// A link at `path` is followed only where saves follow it (`purpose`):
/// a link planted at a path demarche chose leads nowhere it cleans.
pub fn remove_stale_temps(path: &Path, purpose: crate::atomic::Purpose) -> Vec<PathBuf> {
    let target = if purpose.follows_links() {
        crate::atomic::follow_symlink(path)
    } else {
        path.to_path_buf()
    };
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!(".{name}.");
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file.to_str().and_then(|f| temp_pid(f, &prefix)) else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE_AFTER));
        let mine = pid == std::process::id();
        if !mine && (old || !alive(pid)) && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// The pid in `.NAME.<pid>-<n>.tmp`, if `file` has exactly that form.
fn temp_pid(file: &str, prefix: &str) -> Option<u32> {
    let rest = file.strip_prefix(prefix)?.strip_suffix(".tmp")?;
    let (pid, n) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(n)).then(|| pid.parse().ok())?
}

/// Whether process `pid` exists. Where there is no /proc to ask, every
/// process counts as alive, so only old files are removed.
fn alive(pid: u32) -> bool {
    !Path::new("/proc/self").exists() || Path::new(&format!("/proc/{pid}")).exists()
}

/// `$XDG_STATE_HOME/demarche`, else `~/.local/state/demarche`.
pub fn rescue_dir() -> Option<PathBuf> {
    Some(crate::dirs::xdg("XDG_STATE_HOME", ".local/state")?.join("demarche"))
}

/// Writes `deck`, which could not be saved to `deck_path`, as
/// `NAME.rescue-<unix-seconds>.toml` in `dir`; returns where.
pub fn write_rescue(dir: &Path, deck_path: &Path, deck: &Deck) -> Result<PathBuf, DeckError> {
    let stem = deck_path
        .file_stem()
        .map_or_else(|| "talking-points".into(), |s| s.to_string_lossy().into_owned());
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let fail = |path: PathBuf| {
        move |source: io::Error| DeckError::Write {
            path,
            source: source.into(),
        }
    };
    fs::create_dir_all(dir).map_err(fail(dir.to_path_buf()))?;
    let free = (0..1000)
        .map(|n| match n {
            0 => dir.join(format!("{stem}.rescue-{secs}.toml")),
            n => dir.join(format!("{stem}.rescue-{secs}-{n}.toml")),
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .ok_or_else(|| fail(dir.to_path_buf())(io::ErrorKind::AlreadyExists.into()))?;
    // Private, and never through a link planted at the free name.
    super::save_as(&free, deck, crate::atomic::Purpose::ChosenPrivate)?;
    Ok(free)
}
