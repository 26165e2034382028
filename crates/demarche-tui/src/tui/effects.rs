//! The effects the app asks for (`App::take_effects`), carried out here: the clipboard,
//! exports, source texts, reloads; each outcome goes back as an action.

use super::*;

/// Puts text on the clipboard with OSC 52, which also works over SSH.
pub(super) fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Where an export of the deck goes: beside the deck, named after it,
/// ending in the format's extension (`.pandoc.md` for pandoc, so it does
/// not overwrite the plain Markdown).
pub(crate) fn export_path(deck_file: &Path, format: demarche_core::export::DeckFormat) -> PathBuf {
    match format {
        demarche_core::export::DeckFormat::Pandoc => deck_file.with_extension("pandoc.md"),
        other => deck_file.with_extension(other.extension()),
    }
}

/// Carries out one effect; the outcome comes back as an action.
pub(super) fn run_effect(
    effect: Effect,
    app: &App,
    options: &Options,
    worker: &mut SearchWorker,
    feed: &mut DataFeed,
    link: &link::Link,
) -> Option<Action> {
    match effect {
        Effect::Remote(command) => link.send(&command),
        Effect::Search(generation, query) => {
            worker.submit(generation, query);
            None
        }
        // Carried out by the event loop, which holds the deck file and
        // the terminal.
        Effect::SaveDeck | Effect::Suspend => None,
        Effect::Copy(text) => copy_to_clipboard(&text)
            .err()
            .map(|e| Action::Notify(format!("copy failed: {e}"))),
        Effect::Export(format) => Some(export(app, options, format)),
        Effect::ReadSource(source) => {
            let file = app.lib.data.sources.get(source).and_then(|s| s.file.as_deref());
            let result = options
                .sources
                .read(file)
                .map(|(path, text)| (path.display().to_string(), text))
                .map_err(|e| e.to_string());
            Some(Action::SourceRead { source, result })
        }
        Effect::Reload => feed.reload(),
        Effect::RememberExport(notes) => {
            let deck = options.deck_file.as_deref()?;
            demarche_core::remembered::set_export_notes(deck, notes)
                .err()
                .map(|e| Action::Notify(format!("the notes choice is not remembered for next time: {e}")))
        }
        Effect::ReadDeck => options
            .console_deck
            .as_deref()
            .map(|path| Action::Remote(crate::remote::deck_event(path))),
        Effect::AddPosition(entry) => Some(Action::Captured(add_position(&entry, options))),
    }
}

/// Writes a captured position into the data file through `edit` (which
/// validates it and its quote first): its id, or why not, in full.
fn add_position(entry: &demarche_core::edit::Entry, options: &Options) -> Result<String, String> {
    let Some(file) = options.data_file.as_deref() else {
        return Err("the bundled data cannot be changed: start demarche with --data FILE".into());
    };
    demarche_core::edit::add(
        file,
        std::slice::from_ref(entry),
        options.sources.sources.as_deref(),
    )
    .map_err(|e| e.to_string())?;
    Ok(entry.get("id").unwrap_or_default().to_string())
}

pub(super) fn export(app: &App, options: &Options, format: demarche_core::export::DeckFormat) -> Action {
    let Some(deck_file) = &options.deck_file else {
        return Action::Notify("no deck file to export beside".into());
    };
    let path = export_path(deck_file, format);
    let bibliography = demarche_core::export::bibliography_path(&path);
    let name = bibliography
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let exported = demarche_core::export::deck(
        &app.lib.data,
        &app.lib.text,
        &app.deck.current,
        &demarche_core::export::ExportOptions {
            title: None,
            include_notes: app.deck.export_notes,
        },
        format,
        &name,
    );
    // The file names first: a narrow status line cuts the end off.
    let file = |p: &Path| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    // The reason first, so a narrow status line still shows it.
    let failed = |path: &Path, e: demarche_core::atomic::WriteError| {
        Action::Notify(match e {
            demarche_core::atomic::WriteError::Symlink { target, .. } => format!(
                "export refused, a link is planted: {} -> {} (remove it to export)",
                file(path),
                target.display()
            ),
            e => format!("export failed: {}: {e}", file(path)),
        })
    };
    // Beside the deck, under a name demarche made: never through a link.
    let write = |path: &Path, text: &str| {
        demarche_core::atomic::write_as(path, text.as_bytes(), demarche_core::atomic::Purpose::Chosen)
    };
    if let Err(e) = write(&path, &exported.main) {
        return failed(&path, e);
    }
    let dir = folder_of(&path);
    let notes = if app.deck.export_notes {
        "with your notes"
    } else {
        "without your notes"
    };
    let Some(references) = exported.bibliography else {
        return Action::Notify(format!(
            "wrote {} ({}, {notes}) in {dir}",
            file(&path),
            format.name()
        ));
    };
    match write(&bibliography, &references) {
        // The bibliography is named after the export: say only its ending.
        Ok(()) => Action::Notify(format!(
            "wrote {} + .references.json ({notes}) in {dir}",
            file(&path)
        )),
        Err(e) => failed(&bibliography, e),
    }
}

/// The folder a file was written to, in full: a deck named relative to the
/// working directory (`--data positions.toml`) has an empty parent, which
/// made the message end in "in" with no folder at all.
fn folder_of(path: &Path) -> String {
    std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().map(|d| d.display().to_string()))
        .unwrap_or_else(|| ".".into())
}

#[cfg(test)]
mod tests {
    use super::folder_of;
    use std::path::Path;

    #[test]
    fn a_relative_export_names_its_whole_folder() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            folder_of(Path::new("positions.talking-points.html")),
            cwd.display().to_string()
        );
        assert_eq!(
            folder_of(Path::new("sub/deck.md")),
            cwd.join("sub").display().to_string()
        );
        assert_eq!(folder_of(Path::new("/tmp/x/deck.md")), "/tmp/x");
    }
}
