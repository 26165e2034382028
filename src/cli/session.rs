//! The interactive side of the command line: the explorer and the
//! presentation in a terminal, their theme, keys, deck and exit status.

use std::path::PathBuf;

use super::*;

/// Fails unless stdin and stdout are a terminal.
pub(super) fn need_terminal(what: &str) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Failed(format!(
            "{what} needs a terminal; for scripts use check, verify, list, search, timeline, changes, matrix or export"
        )));
    }
    Ok(())
}

/// The theme named by `--theme`, or the default; NO_COLOR respected.
pub(super) fn theme_for(cli: &Cli) -> Result<demarche_tui::theme::Theme, CliError> {
    let config = demarche_tui::theme::config_dir();
    demarche_tui::theme::choose(
        cli.theme.as_deref(),
        config.as_deref(),
        demarche_tui::theme::no_color_requested(),
    )
    .map_err(|e| CliError::Usage(e.to_string()))
}

/// The places source texts are looked for.
pub fn source_dirs(cli: &Cli) -> demarche_core::sources::SourceDirs {
    demarche_core::sources::SourceDirs::new(cli.sources.as_deref(), cli.data.as_deref())
}

/// Opens the explorer, or the presentation when `present` is set.
/// The explorer (or, with `present`, the presentation). `notice` goes on
/// the status line at start, e.g. a bad key binding in config.toml.
pub fn explore(cli: &Cli, present: Option<bool>, notice: Option<String>) -> Result<(), CliError> {
    explore_then(cli, present, notice, None)
}

/// `demarche read SOURCE-ID`: the explorer with the reader open on a
/// source's text, checked before the terminal is taken.
pub fn read(cli: &Cli, source: &str, notice: Option<String>) -> Result<(), CliError> {
    let loaded = load_data(cli.data.as_ref())?;
    let data = &loaded.dataset;
    let Some(at) = data.sources.iter().position(|s| s.id == source) else {
        return Err(unknown_id(
            "source",
            source,
            data.sources.iter().map(|s| s.id.clone()),
        ));
    };
    if let Err(e) = source_dirs(cli).read(data.sources[at].file.as_deref()) {
        return Err(CliError::Failed(format!("source \"{source}\": {e}")));
    }
    explore_then(
        cli,
        None,
        notice,
        Some(demarche_tui::app::Action::ReadSourceText(at)),
    )
}

/// The explorer, doing `first` once the data is in.
fn explore_then(
    cli: &Cli,
    present: Option<bool>,
    notice: Option<String>,
    first: Option<demarche_tui::app::Action>,
) -> Result<(), CliError> {
    // A bad option is reported as such, with or without a terminal.
    let theme = theme_for(cli)?;
    need_terminal("the explorer")?;
    let mut deck_file = deck_path(cli.deck.as_ref(), cli.data.as_ref());
    if let Some(path) = &deck_file {
        // Left by saves that were killed part way; nobody else wants them.
        demarche_core::deck::remove_stale_temps(path, deck_purpose(cli.deck.as_ref()));
    }
    // A deck that cannot be used (say, from a newer demarche) is left
    // untouched: the session starts with an empty deck that is not saved.
    // A presentation has nothing to show then: say why, not "empty".
    let loaded = load_deck(deck_file.as_ref());
    if let (Some(_), Err(e)) = (present, &loaded) {
        return Err(CliError::Failed(format!("nothing to present: {e}")));
    }
    let (deck, note) = loaded.unwrap_or_else(|e| {
        deck_file = None;
        (
            demarche_core::deck::Deck::default(),
            Some(format!("{e}; this session's deck will not be saved")),
        )
    });
    if present.is_some() && deck.is_empty() {
        return Err(CliError::Failed(format!(
            "the deck is empty: pin positions in the explorer ({}) first",
            demarche_tui::app::keymap::keys_for(
                demarche_tui::app::Context::Global,
                &demarche_tui::app::Action::TogglePin
            )
        )));
    }
    // A data file loads off the UI thread, so a large one does not freeze
    // the terminal; the small bundled data loads here.
    let app = match cli.data.as_ref() {
        Some(path) => demarche_tui::app::App::loading(&path.display().to_string()),
        None => demarche_tui::app::App::new(load_data(None)?.dataset),
    };
    let mut app = app.with_search_worker().with_deck(deck);
    // The export's notes choice, as last made for this deck.
    app.deck.export_notes = deck_file
        .as_deref()
        .and_then(demarche_core::remembered::export_notes)
        .unwrap_or(false);
    if let Some(message) = note.or(notice) {
        app.apply(demarche_tui::app::Action::Notify(message));
    }
    if let Some(notes) = present {
        app.talk.show_notes = notes;
        app.after_load(demarche_tui::app::Action::Present);
    }
    if let Some(first) = first {
        app.after_load(first);
    }
    // A console finds this presentation by the deck's path; without a
    // private place for the socket, the talk runs on one screen (and the
    // room's marker says why when it starts).
    let socket = match deck_file.as_deref().map(demarche_tui::remote::socket::socket_for) {
        Some(Ok(socket)) if present.is_some() && demarche_tui::remote::live(&socket) => {
            return Err(CliError::Failed(
                "another window is already presenting this deck: run `demarche console` to drive it, \
                 or present another --deck"
                    .into(),
            ));
        }
        Some(Ok(socket)) => Ok(socket),
        Some(Err(e)) => Err(e.to_string()),
        None => Err("no deck file to find it by (name one with --deck)".to_string()),
    };
    let options = demarche_tui::tui::Options {
        theme,
        mouse: !cli.no_mouse,
        data_file: cli.data.clone(),
        deck_file,
        deck_purpose: deck_purpose(cli.deck.as_ref()),
        sources: source_dirs(cli),
        socket,
        console_deck: None,
    };
    let ended =
        demarche_tui::tui::run(&mut app, options).map_err(|e| CliError::Failed(format!("terminal: {e}")))?;
    if app.session.load_failed() {
        // Loaded again for the full report (source lines and carets),
        // printed now that the terminal is back.
        load_data(cli.data.as_ref())?;
        return Err(CliError::Failed(
            "the data file changed while loading: try again".into(),
        ));
    }
    ended_status(ended)
}

/// Exit statuses by convention: 128 + the signal that ended the explorer
/// (130 SIGINT, 129 SIGHUP, 143 SIGTERM); 1 if talking points could not
/// be saved (a rescue copy was written: the message says where).
pub(super) fn ended_status(ended: demarche_tui::tui::Ended) -> Result<(), CliError> {
    // Parts of these come from the deck file (a key in a toml message).
    let message = demarche_core::text::sanitize::block(&ended.problems.join("\n"));
    let code = match (ended.signal, message.is_empty()) {
        (Some(signal), _) => 128 + signal,
        (None, false) => 1,
        (None, true) => return Ok(()),
    };
    Err(CliError::Ended { code, message })
}

/// Reads `[keys]` from `config.toml` and puts the bindings in force.
/// Problems are reported on stderr (file:line:col) and returned for the
/// explorer's status line; the defaults stay for those bindings.
pub(super) fn install_user_keys() -> Option<String> {
    let (user, report) = demarche_tui::app::keyconfig::from_file(&demarche_tui::theme::config_dir()?);
    let keymap = demarche_tui::app::keyconfig::apply(demarche_tui::app::keymap::defaults(), &user);
    demarche_tui::app::keymap::install(keymap);
    if let Some(report) = &report {
        crate::stream::err(report);
    }
    let first_problem = report.map(|r| r.lines().next().unwrap_or_default().to_string());
    // A key taken from another action is said where the user looks first.
    let taken = key_takeovers(&user);
    let takeover = taken.first().map(|first| match taken.len() {
        1 => format!("config.toml: {first}"),
        n => format!(
            "config.toml: {first} (and {} more: demarche keys lists them)",
            n - 1
        ),
    });
    first_problem.or(takeover)
}

/// The keys the user's bindings (in config.toml) took from other
/// actions, in words; nothing without a config file.
pub(super) fn key_takeovers(user: &[demarche_tui::app::keyconfig::UserBinding]) -> Vec<String> {
    let defaults = demarche_tui::app::keymap::defaults();
    demarche_tui::app::keyconfig::takeovers(&defaults, user, demarche_tui::app::keymap::bindings())
}

/// The user's bindings as `config.toml` has them (none without one).
pub(super) fn user_keys() -> Vec<demarche_tui::app::keyconfig::UserBinding> {
    demarche_tui::theme::config_dir()
        .map(|dir| demarche_tui::app::keyconfig::from_file(&dir).0)
        .unwrap_or_default()
}

/// The deck file for a data file: `--deck`, else beside the data file,
/// else (bundled data) in the user's data directory.
pub fn deck_path(deck: Option<&PathBuf>, data: Option<&PathBuf>) -> Option<PathBuf> {
    if let Some(deck) = deck {
        return Some(deck.clone());
    }
    if let Some(data) = data {
        return Some(demarche_core::deck::default_path(data));
    }
    let base = demarche_core::dirs::xdg("XDG_DATA_HOME", ".local/share")?;
    Some(base.join("demarche").join("positions.talking-points.toml"))
}

/// How the deck is written: a path the user gave (`--deck`) may be a link
/// to their deck kept elsewhere; one demarche chose is never written
/// through a link.
pub fn deck_purpose(deck: Option<&PathBuf>) -> demarche_core::atomic::Purpose {
    match deck {
        Some(_) => demarche_core::atomic::Purpose::NamedDeck,
        None => demarche_core::atomic::Purpose::ChosenPrivate,
    }
}

/// Loads the deck, telling the user if a broken one was moved aside.
pub(super) fn load_deck(
    path: Option<&PathBuf>,
) -> Result<(demarche_core::deck::Deck, Option<String>), CliError> {
    let Some(path) = path else {
        return Ok((demarche_core::deck::Deck::default(), None));
    };
    let loaded = demarche_core::deck::load(path).map_err(|e| CliError::Failed(e.to_string()))?;
    let note = loaded.moved_aside.map(|aside| {
        format!(
            "{}: could not be read, so it was moved to {} and a new deck started",
            path.display(),
            aside.display()
        )
    });
    if let Some(note) = &note {
        crate::stream::err(note);
    }
    Ok((loaded.deck, note))
}
