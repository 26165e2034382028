//! The terminal side, one concern per file: `terminal` (raw mode and the
//! alternate screen, always restored on quit, error, panic and signals,
//! given back on suspend), `event_loop` (input, effects and redraws),
//! `search_worker` (queries on their own thread), `effects` (what
//! `App::apply` asks for), `deck` (saving and watching the deck file),
//! `signals` (exit statuses, suspend and resume), `link` (the presenter
//! console's socket), `ends` (the link's adapters to the app) and
//! `redraw` (when a loop turn draws: on a change, and once a second while
//! a clock shows). The data file is watched and loaded off this thread
//! by `watch::DataFeed`. The imports below serve the submodules too.

mod caught;
mod deck;
mod effects;
mod ends;
mod event_loop;
mod link;
mod redraw;
mod search_worker;
mod signals;
mod terminal;
mod watch;

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Weak};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Effect, keymap};
use crate::theme::Theme;
use crate::ui::{self, Areas};
use demarche_core::search::{Query, Results, SearchIndex};
use watch::DataFeed;

use effects::*;
use event_loop::*;
use search_worker::*;
use terminal::*;

pub struct Options {
    pub theme: Theme,
    pub mouse: bool,
    /// The data file to watch for changes; `None` for the bundled data.
    pub data_file: Option<PathBuf>,
    /// Where the reader looks for source texts.
    pub sources: demarche_core::sources::SourceDirs,
    /// Where the deck is saved; `None` when it must not be written.
    pub deck_file: Option<PathBuf>,
    /// How the deck is written: `NamedDeck` for `--deck`, else
    /// `ChosenPrivate` (a symlink there is then refused).
    pub deck_purpose: demarche_core::atomic::Purpose,
    /// The console link's socket: served while presenting, or connected
    /// to by a console. `Err`: why there is no link, said on the room's
    /// marker when a presentation starts.
    pub socket: Result<PathBuf, String>,
    /// The console's deck, read (never written) on each connection.
    pub console_deck: Option<PathBuf>,
}

/// How a session of the explorer ended.
#[derive(Debug, Default)]
pub struct Ended {
    /// The signal that ended it (SIGTERM, SIGHUP, SIGINT), if one did.
    pub signal: Option<i32>,
    /// What the user must be told, each said once on stderr: talking
    /// points that could not be saved and where they went instead, a
    /// terminal that failed.
    pub problems: Vec<String>,
}

/// Runs the explorer until the user quits or a signal arrives. Whatever
/// ends it, the terminal is restored and the deck saved or rescued.
pub fn run(app: &mut App, options: Options) -> io::Result<Ended> {
    watch::one_heap();
    let signals = signals::Signals::start(restore, options.mouse)?;
    let mut keeper =
        deck::DeckKeeper::new(options.deck_file.clone(), &app.deck.current, options.deck_purpose);
    let session = Session::start(options.mouse)?;
    let result = event_loop(app, &options, &signals, &mut keeper);
    drop(session);
    let mut problems: Vec<String> = result
        .err()
        .map(|e| format!("terminal: {e}"))
        .into_iter()
        .collect();
    problems.extend(keeper.finish(app));
    // A capture never saved is handed back as the command that adds it.
    let data = options
        .data_file
        .as_deref()
        .map_or("FILE".into(), |f| f.display().to_string());
    problems.extend(app.unsaved_captures().map(|form| {
        format!(
            "a captured position was not saved; to add it:\n  {}",
            form.command_line(&data)
        )
    }));
    Ok(Ended {
        signal: signals.stop(),
        problems,
    })
}
