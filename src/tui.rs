//! The terminal side: raw mode and the alternate screen, always restored
//! (on quit, error, panic, SIGTERM and SIGHUP) and taken back after a
//! suspend, the event loop that turns keys and mouse into actions, and
//! the search worker thread. The data file is watched and loaded off this
//! thread by `watch::DataFeed`; `deck` keeps the deck file, `signals` the
//! signals.

mod deck;
mod link;
mod signals;

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
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
use crate::search::{Query, Results, SearchIndex};
use crate::theme::Theme;
use crate::ui::{self, Areas};
use crate::watch::DataFeed;

pub struct Options {
    pub theme: Theme,
    pub mouse: bool,
    /// The data file to watch for changes; `None` for the bundled data.
    pub data_file: Option<PathBuf>,
    /// Where the reader looks for source texts.
    pub sources: crate::sources::SourceDirs,
    /// Where the deck is saved; `None` when it must not be written.
    pub deck_file: Option<PathBuf>,
    /// The console link's socket: served while presenting, or connected
    /// to by a console. `None`: no link.
    pub socket: Option<PathBuf>,
    /// The console's deck, read (never written) on each connection.
    pub console_deck: Option<PathBuf>,
}

/// Puts the terminal back as it was. Safe to call more than once.
fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped, so every exit path (including `?`)
/// leaves it usable.
struct Session {
    mouse: bool,
}

impl Session {
    fn start(mouse: bool) -> io::Result<Session> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore(mouse);
            previous(info);
        }));
        let session = Session { mouse };
        enter(mouse)?;
        Ok(session)
    }
}

/// Raw mode, the alternate screen, bracketed paste and the mouse: the
/// terminal as the explorer needs it.
fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Ctrl-Z or SIGTSTP: the terminal back to the shell as it was, stop,
/// and once continued (`fg`) take the terminal again and redraw all.
fn suspend(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    restore(mouse);
    signals::stop_self()?;
    retake(terminal, mouse)
}

/// After a stop: whoever ran meanwhile (the shell) set the terminal as
/// it likes, so raw mode and the rest are set again (crossterm thinks it
/// is still raw, hence the disable first) and the whole screen redrawn.
fn retake(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    let _ = disable_raw_mode();
    enter(mouse)?;
    terminal.clear()
}

type Term = Terminal<CrosstermBackend<Stdout>>;

impl Drop for Session {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

type SearchReply = (u64, Results);

/// One query for the worker, with the flag that cancels it.
type SearchRequest = (u64, String, Arc<AtomicBool>);

/// Runs queries off the input path. Each new query raises the previous
/// query's cancel flag, so a long search on a large file is abandoned as
/// soon as the user types on, and queries that queued up meanwhile are
/// skipped for the newest.
struct SearchWorker {
    ask: Sender<SearchRequest>,
    answers: Receiver<SearchReply>,
    running: Option<Arc<AtomicBool>>,
}

impl SearchWorker {
    fn spawn(index: Arc<SearchIndex>) -> Self {
        let (ask, questions) = mpsc::channel::<SearchRequest>();
        let (tell, answers) = mpsc::channel::<SearchReply>();
        thread::spawn(move || {
            while let Ok(mut request) = questions.recv() {
                while let Ok(newer) = questions.try_recv() {
                    request = newer;
                }
                let (generation, text, cancel) = request;
                let Ok(query) = Query::parse(&text) else { continue };
                if let Some(results) = index.search_cancellable(&query, crate::app::RESULT_LIMIT, &cancel)
                    && tell.send((generation, results)).is_err()
                {
                    return;
                }
            }
        });
        SearchWorker {
            ask,
            answers,
            running: None,
        }
    }

    fn submit(&mut self, generation: u64, query: String) {
        if let Some(previous) = self.running.take() {
            previous.store(true, Ordering::Relaxed);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.running = Some(Arc::clone(&cancel));
        let _ = self.ask.send((generation, query, cancel));
    }
}

fn draw(terminal: &mut Term, app: &App, theme: &Theme) -> io::Result<Areas> {
    let mut areas = Areas::default();
    execute!(io::stdout(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| areas = ui::draw(frame, app, theme))?;
    execute!(io::stdout(), EndSynchronizedUpdate)?;
    Ok(areas)
}

/// The action an input event means, if any.
fn action_for(event: Event, app: &App, areas: &Areas) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::lookup(app.context(), &key).map(|action| areas.refine(app, action))
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(MouseEvent {
            kind, column, row, ..
        }) => match kind {
            MouseEventKind::Down(MouseButton::Left) => areas.click(column, row),
            MouseEventKind::ScrollDown => areas.pane_at(column, row).map(|p| keymap::wheel_action(p, true)),
            MouseEventKind::ScrollUp => areas.pane_at(column, row).map(|p| keymap::wheel_action(p, false)),
            _ => None,
        },
        _ => None,
    }
}

/// Puts text on the clipboard with OSC 52, which also works over SSH.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Where an export of the deck goes: beside the deck, named after it,
/// ending in the format's extension (`.pandoc.md` for pandoc, so it does
/// not overwrite the plain Markdown).
pub fn export_path(deck_file: &Path, format: crate::export::DeckFormat) -> PathBuf {
    match format {
        crate::export::DeckFormat::Pandoc => deck_file.with_extension("pandoc.md"),
        other => deck_file.with_extension(other.extension()),
    }
}

/// Carries out one effect; the outcome comes back as an action.
fn run_effect(
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
    }
}

fn export(app: &App, options: &Options, format: crate::export::DeckFormat) -> Action {
    let Some(deck_file) = &options.deck_file else {
        return Action::Notify("no deck file to export beside".into());
    };
    let path = export_path(deck_file, format);
    let bibliography = crate::export::bibliography_path(&path);
    let name = bibliography
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let exported = crate::export::deck(
        &app.lib.data,
        &app.lib.text,
        &app.deck,
        &crate::export::ExportOptions::default(),
        format,
        &name,
    );
    let failed =
        |path: &Path, e: io::Error| Action::Notify(format!("export failed: {}: {e}", path.display()));
    if let Err(e) = crate::deck::write_atomic(&path, exported.main.as_bytes()) {
        return failed(&path, e);
    }
    // The file names first: a narrow status line cuts the end off.
    let file = |p: &Path| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    let dir = path
        .parent()
        .map_or_else(String::new, |d| d.display().to_string());
    let Some(references) = exported.bibliography else {
        return Action::Notify(format!("wrote {} ({}) in {dir}", file(&path), format.name()));
    };
    match crate::deck::write_atomic(&bibliography, references.as_bytes()) {
        // The bibliography is named after the export: say only its ending.
        Ok(()) => Action::Notify(format!("wrote {} + .references.json in {dir}", file(&path))),
        Err(e) => failed(&bibliography, e),
    }
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
    let signals = signals::Signals::start(restore, options.mouse)?;
    let mut keeper = deck::DeckKeeper::new(options.deck_file.clone(), &app.deck);
    let session = Session::start(options.mouse)?;
    let result = event_loop(app, &options, &signals, &mut keeper);
    drop(session);
    let mut problems: Vec<String> = result
        .err()
        .map(|e| format!("terminal: {e}"))
        .into_iter()
        .collect();
    problems.extend(keeper.finish(app));
    Ok(Ended {
        signal: signals.stop(),
        problems,
    })
}

/// How long to wait for input: short while a search is running, and no
/// later than a save that is due.
fn poll_timeout(app: &App, now: Instant, link: &link::Link) -> Duration {
    let waiting = app.search().is_some_and(|s| s.pending) || app.loading.is_some();
    let timeout = Duration::from_millis(match () {
        _ if waiting => 10,
        _ if link.busy() => 50,
        _ => 200,
    });
    match app.autosave.deadline() {
        Some(due) => timeout.min(due.saturating_duration_since(now)),
        None => timeout,
    }
}

/// Input that arrives together (a paste without bracketed paste is one
/// key event per character) is applied as one batch before one redraw,
/// up to this long, so the screen still moves during a huge paste.
const BATCH: Duration = Duration::from_millis(50);

/// How long to wait for the next event of a batch. Not zero: crossterm's
/// tty source returns at once on a zero timeout without looking at the
/// events it has already read and parsed.
const MORE_INPUT: Duration = Duration::from_millis(1);

/// Applies every input event already waiting.
fn read_input(app: &mut App, areas: &Areas) -> io::Result<()> {
    let start = Instant::now();
    loop {
        let event = event::read()?;
        if let Some(action) = action_for(event, app, areas) {
            app.apply(Action::Tick(Instant::now()));
            app.apply(action);
        }
        if app.quit || start.elapsed() > BATCH || !event::poll(MORE_INPUT)? {
            return Ok(());
        }
    }
}

fn event_loop(
    app: &mut App,
    options: &Options,
    signals: &signals::Signals,
    keeper: &mut deck::DeckKeeper,
) -> io::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut searched = Arc::clone(&app.lib.index);
    let mut worker = SearchWorker::spawn(Arc::clone(&searched));
    let mut feed = DataFeed::new(options.data_file.clone());
    let mut link = link::Link::new(app, options);
    let mut areas = draw(&mut terminal, app, &options.theme)?;
    let mut second = None;
    while !app.quit && signals.stop().is_none() {
        let clock = app.presenter().is_some_and(|p| p.clock);
        let mut changed = event::poll(poll_timeout(app, Instant::now(), &link))?;
        if changed {
            read_input(app, &areas)?;
        }
        if signals.take_suspend() {
            // SIGTSTP from outside: as Ctrl-Z.
            app.apply(Action::Suspend);
        }
        app.apply(Action::Tick(Instant::now()));
        for effect in app.take_effects() {
            let outcome = match effect {
                Effect::SaveDeck => Some(keeper.save(&app.deck)),
                Effect::Suspend => {
                    suspend(&mut terminal, options.mouse)?;
                    None
                }
                other => run_effect(other, app, options, &mut worker, &mut feed, &link),
            };
            if let Some(outcome) = outcome {
                app.apply(outcome);
            }
            changed = true;
        }
        if signals.take_resumed() {
            retake(&mut terminal, options.mouse)?;
            changed = true;
        }
        while let Ok((generation, results)) = worker.answers.try_recv() {
            app.apply(Action::SearchResults { generation, results });
            changed = true;
        }
        if let Some(outcome) = feed.poll(Instant::now()) {
            app.apply(outcome);
            changed = true;
        }
        if let Some(action) = keeper.watch(&app.deck) {
            app.apply(action);
            changed = true;
        }
        changed |= link::exchange(&mut link, app);
        // The console's clocks tick once a second, whatever else happens.
        let tick = app.console().and_then(|c| c.elapsed()).map(|e| e.as_secs());
        if tick != second {
            second = tick;
            changed = true;
        }
        if !Arc::ptr_eq(&searched, &app.lib.index) {
            // New data, new index: the worker must search the new one.
            searched = Arc::clone(&app.lib.index);
            worker = SearchWorker::spawn(Arc::clone(&searched));
        }
        if changed || clock {
            areas = draw(&mut terminal, app, &options.theme)?;
        }
    }
    // Changes still unsaved (a signal, a failed save) are the caller's:
    // it saves them or writes a rescue copy once the terminal is back.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_query_cancels_the_running_one_and_is_answered() {
        let text = crate::synthetic::generate(3_000, 7);
        let data = crate::load::load_str("s.toml", &text).unwrap().dataset;
        let shown = crate::display::DisplayText::new(&data);
        let mut worker = SearchWorker::spawn(Arc::new(SearchIndex::new(&data, &shown)));
        worker.submit(1, "t r a d e".into());
        let first = worker.running.clone().unwrap();
        worker.submit(2, "tariff".into());
        assert!(first.load(Ordering::Relaxed), "the older search is told to stop");
        let answered = loop {
            let (generation, hits) = worker.answers.recv_timeout(Duration::from_secs(60)).unwrap();
            if generation == 2 {
                break hits;
            }
        };
        assert!(!answered.hits.is_empty());
    }
}
