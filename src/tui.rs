//! The terminal side: raw mode and the alternate screen, always restored
//! (on quit, error, panic, SIGTERM and SIGHUP), the event loop that turns
//! keys and mouse into actions, and the search worker thread. The data
//! file is watched and loaded off this thread by `watch::DataFeed`.

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
use crate::search::{Hit, Query, SearchIndex};
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
        enable_raw_mode()?;
        let session = Session { mouse };
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

/// How long the event loop has to notice a signal and restore the
/// terminal itself before the signal thread does it and exits.
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

/// A flag raised by SIGTERM, SIGHUP or SIGINT, which the event loop checks
/// so the terminal is restored by the normal path. If the loop does not
/// finish within `SIGNAL_GRACE` (when the terminal has vanished, crossterm's
/// poll can spin without returning), the signal thread restores what it
/// can and ends the process, so no orphan is left running.
fn termination_flag(mouse: bool) -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let raised = Arc::clone(&flag);
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            raised.store(true, Ordering::SeqCst);
            thread::sleep(SIGNAL_GRACE);
            restore(mouse);
            std::process::exit(128 + signal);
        }
    });
    Ok(flag)
}

type SearchReply = (u64, Vec<Hit>);

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
                if let Some(hits) = index.search_cancellable(&query, crate::app::RESULT_LIMIT, &cancel)
                    && tell.send((generation, hits)).is_err()
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

fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App, theme: &Theme) -> io::Result<Areas> {
    let mut areas = Areas::default();
    execute!(io::stdout(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| areas = ui::draw(frame, app, theme))?;
    execute!(io::stdout(), EndSynchronizedUpdate)?;
    Ok(areas)
}

/// The action an input event means, if any.
fn action_for(event: Event, app: &App, areas: &Areas) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap::lookup(app.context(), &key),
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
) -> Option<Action> {
    match effect {
        Effect::Search(generation, query) => {
            worker.submit(generation, query);
            None
        }
        Effect::SaveDeck => {
            let path = options.deck_file.as_ref()?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                let _ = std::fs::create_dir_all(dir);
            }
            crate::deck::save(path, &app.deck)
                .err()
                .map(|e| Action::Notify(format!("deck not saved: {e}")))
        }
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

/// Runs the explorer until the user quits or a signal arrives.
pub fn run(app: &mut App, options: Options) -> io::Result<()> {
    let stop = termination_flag(options.mouse)?;
    let session = Session::start(options.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut searched = Arc::clone(&app.lib.index);
    let mut worker = SearchWorker::spawn(Arc::clone(&searched));
    let mut feed = DataFeed::new(options.data_file.clone());
    let mut areas = draw(&mut terminal, app, &options.theme)?;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        let mut changed = false;
        let waiting = app.search().is_some_and(|s| s.pending) || app.loading.is_some();
        let clock = app.presenter().is_some_and(|p| p.clock);
        let timeout = Duration::from_millis(if waiting { 10 } else { 200 });
        if event::poll(timeout)? {
            let event = event::read()?;
            changed = true;
            if let Some(action) = action_for(event, app, &areas) {
                app.apply(action);
            }
        }
        for effect in app.take_effects() {
            if let Some(outcome) = run_effect(effect, app, &options, &mut worker, &mut feed) {
                app.apply(outcome);
                changed = true;
            }
        }
        while let Ok((generation, hits)) = worker.answers.try_recv() {
            app.apply(Action::SearchResults { generation, hits });
            changed = true;
        }
        if let Some(outcome) = feed.poll(Instant::now()) {
            app.apply(outcome);
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
    drop(terminal);
    drop(session);
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
        assert!(!answered.is_empty());
    }
}
