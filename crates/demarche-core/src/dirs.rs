//! The user's XDG base directories, each with its usual fallback under
//! the home directory.

use std::path::PathBuf;

/// `$VAR` if set and not empty, else `$HOME/fallback`; `None` without
/// either.
pub fn xdg(var: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))
}
