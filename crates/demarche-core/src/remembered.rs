//! Choices the app remembers per deck between runs, in the user's state
//! directory (`$XDG_STATE_HOME/demarche/exports.toml`): whether the
//! app's exports include the user's notes. Never in the deck file, which
//! other windows and people share; a missing or unreadable file means
//! "not chosen yet".

use std::path::{Path, PathBuf};

/// The file, if there is a state directory.
fn file() -> Option<PathBuf> {
    Some(
        crate::dirs::xdg("XDG_STATE_HOME", ".local/state")?
            .join("demarche")
            .join("exports.toml"),
    )
}

/// The key for a deck: its canonical path where it exists.
fn key(deck: &Path) -> String {
    std::fs::canonicalize(deck)
        .unwrap_or_else(|_| deck.to_path_buf())
        .display()
        .to_string()
}

fn read_table(path: &Path) -> toml::Table {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .unwrap_or_default()
}

/// Whether the app's exports of `deck` include the notes, if chosen.
pub fn export_notes(deck: &Path) -> Option<bool> {
    notes_in(&file()?, deck)
}

/// Remembers the choice for `deck` (atomically; other decks' kept).
pub fn set_export_notes(deck: &Path, notes: bool) -> std::io::Result<()> {
    match file() {
        Some(path) => set_notes_in(&path, deck, notes),
        None => Err(std::io::Error::other("no state directory (HOME is not set)")),
    }
}

fn notes_in(path: &Path, deck: &Path) -> Option<bool> {
    read_table(path).get("notes")?.get(key(deck))?.as_bool()
}

fn set_notes_in(path: &Path, deck: &Path, notes: bool) -> std::io::Result<()> {
    let mut table = read_table(path);
    let decks = table
        .entry("notes")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if !decks.is_table() {
        *decks = toml::Value::Table(toml::Table::new());
    }
    if let Some(decks) = decks.as_table_mut() {
        decks.insert(key(deck), toml::Value::Boolean(notes));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = format!(
        "# demarche: whether exports made in the app include your notes, per deck file\n{}",
        toml::to_string(&table).map_err(std::io::Error::other)?
    );
    // The path is demarche's own (the state directory): a link planted
    // there is refused, and a new file is private.
    crate::atomic::write_as(path, text.as_bytes(), crate::atomic::Purpose::ChosenPrivate)
        .map_err(std::io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::{notes_in, set_notes_in};

    #[test]
    fn a_choice_is_kept_per_deck_and_survives_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state/demarche/exports.toml");
        let a = dir.path().join("a.talking-points.toml");
        let b = dir.path().join("b.talking-points.toml");
        std::fs::write(&a, "").unwrap();
        assert_eq!(notes_in(&file, &a), None, "not chosen yet");
        set_notes_in(&file, &a, true).unwrap();
        set_notes_in(&file, &b, false).unwrap();
        assert_eq!(notes_in(&file, &a), Some(true));
        assert_eq!(notes_in(&file, &b), Some(false));
        std::fs::write(&file, "not = [toml").unwrap();
        assert_eq!(notes_in(&file, &a), None, "a broken file is no choice");
        set_notes_in(&file, &a, false).unwrap();
        assert_eq!(notes_in(&file, &a), Some(false), "and is written over");
    }
}
