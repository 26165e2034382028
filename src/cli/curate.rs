//! Making and growing a positions file from the command line: `new`
//! writes a commented starter file, `add source` and `add position` go
//! through `edit` (validated before anything is written).

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::position_flags::PositionArgs;
use super::*;
use demarche_core::edit::{self, Entry, Field, Kind};

/// The file an edit command changes: `--data` (or DEMARCHE_DATA), never
/// the bundled file by default.
pub fn edited_file(explicit: Option<&PathBuf>) -> Result<&PathBuf, CliError> {
    explicit.ok_or_else(|| {
        CliError::Usage("give the positions file to change with --data FILE (or DEMARCHE_DATA)".into())
    })
}

/// TOML for one string value, quoted and escaped by `toml_edit`.
fn toml_string(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
}

/// The starter file's head: what the file is, how to grow it, its title.
pub fn starter_head(title: &str) -> String {
    use demarche_tui::app::{Action, Context, keymap};
    let key = |action: &Action| keymap::key_for(Context::Reader, action).unwrap_or_default();
    format!(
        "# {}: a demarche positions file (docs/FORMAT.md describes every key).\n\
         #\n\
         # Grow it without editing by hand:\n\
         #   demarche --data FILE add source --id ID --title TEXT --file TEXT.txt\n\
         #   demarche --data FILE read SOURCE-ID    (select with {}, capture with {})\n\
         #   demarche --data FILE add position --actor ID --topic ID --date DATE --source ID --stance TEXT\n\
         # Check it with `demarche check FILE`; prove its quotes with `demarche --data FILE verify`.\n\
         \n\
         format = 1\n\
         title = {}\n",
        demarche_core::text::sanitize::line(title),
        key(&Action::ReaderSelect),
        key(&Action::Capture),
        toml_string(title)
    )
}

/// The starter file: its head, then the actors and topics given, each
/// kind under a comment that says what it is for.
pub fn starter(title: &str, parties: &[Named], observers: &[Named], topics: &[Named]) -> String {
    let mut out = starter_head(title);
    out.push_str("\n# Actors: each party gets a column; observers (analysts, outlets) comment.\n");
    let roles = parties
        .iter()
        .map(|a| (a, "party"))
        .chain(observers.iter().map(|a| (a, "observer")));
    for (actor, role) in roles {
        out.push_str(&format!(
            "\n[[actors]]\nid = {}\nname = {}\nrole = \"{role}\"\n",
            toml_string(&actor.id),
            toml_string(&actor.name)
        ));
    }
    out.push_str("\n# Topics: what the parties take positions on.\n");
    for topic in topics {
        out.push_str(&format!(
            "\n[[topics]]\nid = {}\nname = {}\n",
            toml_string(&topic.id),
            toml_string(&topic.name)
        ));
    }
    out
}

/// `demarche new`: validates the starter, then creates the file (never
/// over an existing one).
pub fn new_file(
    file: &Path,
    title: &str,
    parties: &[Named],
    observers: &[Named],
    topics: &[Named],
) -> Result<(), CliError> {
    if parties.is_empty() && observers.is_empty() || topics.is_empty() {
        return Err(CliError::Usage(
            "a positions file needs at least one --party ID:NAME and one --topic ID:NAME".into(),
        ));
    }
    let text = starter(title, parties, observers, topics);
    demarche_core::load::load_str(&file.display().to_string(), &text)?;
    create(file, &text)
}

/// Creates `file` with `text`, never over an existing file (even one
/// made meanwhile); an incomplete file is removed.
pub fn create(file: &Path, text: &str) -> Result<(), CliError> {
    let name = file.display().to_string();
    let refused = |e: std::io::Error| CliError::Failed(format!("{name}: not created: {e}"));
    let mut handle = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(refused)?;
    if let Err(e) = handle.write_all(text.as_bytes()).and_then(|()| handle.sync_all()) {
        // Ours, just made, and incomplete.
        let _ = std::fs::remove_file(file);
        return Err(refused(e));
    }
    crate::stream::err(&format!("{name}: created\n"));
    Ok(())
}

/// `demarche add source`.
pub fn add_source(data: &Path, sources: Option<&Path>, source: &AddCommand) -> Result<(), CliError> {
    let AddCommand::Source {
        id,
        title,
        file,
        author,
        publisher,
        date,
        url,
    } = source
    else {
        return Ok(());
    };
    let stored = file.as_deref().map(|f| stored_path(f, data)).transpose()?;
    let mut entry = Entry::new(Kind::Sources)
        .text("id", Some(id))
        .text("title", Some(title))
        .text("author", author.as_deref())
        .text("publisher", publisher.as_deref());
    if let Some(date) = date {
        entry = entry.field("date", Field::Date(date.clone()));
    }
    let entry = entry.text("url", url.as_deref()).text("file", stored.as_deref());
    edit::add(data, &[entry], sources)?;
    if let Some(stored) = &stored {
        // The path was rewritten: say what the file now holds.
        crate::stream::err(&format!(
            "{}: source \"{id}\" added with file = \"{stored}\" (relative to the data file's folder)\n",
            data.display()
        ));
    }
    emit(&format!("{id}\n"))
}

/// `demarche add position`: prints the id (made when not given).
pub fn add_position(data: &Path, sources: Option<&Path>, args: &PositionArgs) -> Result<(), CliError> {
    let file = edit::DataFile::open(data)?;
    let id = match args.get("id") {
        Some(id) => id.to_string(),
        None => {
            let taken: HashSet<&str> = file
                .loaded
                .dataset
                .positions
                .iter()
                .map(|p| p.id.as_str())
                .collect();
            let get = |key| args.get(key).unwrap_or_default();
            edit::position_id(get("actor"), get("date"), get("stance"), &taken)
        }
    };
    let proposal = file.propose(&[args.entry(&id)], &file.source_dirs(sources))?;
    file.commit(&proposal)?;
    emit(&format!("{id}\n"))
}

/// A source text's path as `verify` and the reader look it up: relative
/// to the data file's folder, with no `..` (docs/FORMAT.md, `file`). Both
/// paths are resolved first, as the lookup resolves them, so a text
/// reached through a link out of the folder is refused here too. The
/// text must exist.
fn stored_path(text: &Path, data: &Path) -> Result<String, CliError> {
    let refuse = |why: String| CliError::Failed(format!("{}: {why}", text.display()));
    let text_abs =
        std::fs::canonicalize(text).map_err(|e| refuse(format!("cannot use as a source text: {e}")))?;
    if !text_abs.is_file() {
        return Err(refuse("not a file".into()));
    }
    let dir = match data.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let dir_abs = std::fs::canonicalize(dir).map_err(|e| refuse(format!("data file's folder: {e}")))?;
    let Ok(relative) = text_abs.strip_prefix(&dir_abs) else {
        let leads = match text_abs.as_path() == text {
            true => String::new(),
            false => format!(" (it is {})", text_abs.display()),
        };
        return Err(refuse(format!(
            "outside the data file's folder {}{leads}: a source's text is stored relative to that folder, \
             with no `..`, so move or copy it there (e.g. into {})",
            dir_abs.display(),
            dir_abs.join("texts").display()
        )));
    };
    relative
        .to_str()
        .map(str::to_string)
        .ok_or_else(|| refuse("the path is not UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with `data/talks.toml`, `data/texts/a.txt` and `b.txt`
    /// beside `data` (outside it).
    fn texts() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("texts")).unwrap();
        std::fs::write(data.join("talks.toml"), "").unwrap();
        std::fs::write(data.join("texts/a.txt"), "A").unwrap();
        std::fs::write(dir.path().join("b.txt"), "B").unwrap();
        (dir, data.join("talks.toml"))
    }

    #[test]
    fn a_text_is_stored_relative_to_the_data_folder() {
        let (dir, talks) = texts();
        let text = dir.path().join("data/texts/a.txt");
        let stored = stored_path(&text, &talks).unwrap();
        assert_eq!(stored, "texts/a.txt");
        let dirs = demarche_core::sources::SourceDirs::new(None, Some(&talks));
        let (_, body) = dirs.read(Some(&stored)).unwrap();
        assert_eq!(body, "A", "verify and the reader find what was stored");
    }

    #[test]
    fn a_text_outside_the_data_folder_is_refused_naming_the_folder() {
        let (dir, talks) = texts();
        let folder = std::fs::canonicalize(dir.path().join("data")).unwrap();
        let err = stored_path(&dir.path().join("b.txt"), &talks)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("outside the data file's folder {}", folder.display())),
            "{err}"
        );
        // A link inside the folder that leads out of it is outside too.
        let link = dir.path().join("data/texts/link.txt");
        std::os::unix::fs::symlink(dir.path().join("b.txt"), &link).unwrap();
        let err = stored_path(&link, &talks).unwrap_err().to_string();
        assert!(
            err.contains("outside the data file's folder") && err.contains("(it is "),
            "{err}"
        );
    }

    #[test]
    fn the_starter_loads_and_keeps_odd_names_intact() {
        let named = |id: &str, name: &str| Named {
            id: id.into(),
            name: name.into(),
        };
        let text = starter(
            "Talks \"2020\" \\ # not a comment",
            &[named("eu", "European Union"), named("uk", "O'Neill \"UK\"")],
            &[named("anna", "Anna")],
            &[named("fish", "Fish")],
        );
        let loaded = demarche_core::load::load_str("new.toml", &text).unwrap();
        assert_eq!(loaded.dataset.title, "Talks \"2020\" \\ # not a comment");
        assert_eq!(loaded.dataset.actors[1].name, "O'Neill \"UK\"");
        assert_eq!(loaded.dataset.parties().len(), 2);
    }
}
