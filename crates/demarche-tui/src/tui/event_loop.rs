//! The event loop: input in batches, effects, the worker's answers, the
//! data and deck files, and a redraw only when something changed.

use super::*;

pub(super) fn draw(terminal: &mut Term, app: &App, theme: &Theme) -> io::Result<Areas> {
    let mut areas = Areas::default();
    execute!(io::stdout(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| areas = ui::draw(frame, app, theme))?;
    execute!(io::stdout(), EndSynchronizedUpdate)?;
    Ok(areas)
}

/// The action an input event means, if any.
pub(super) fn action_for(event: Event, app: &App, areas: &Areas) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::lookup(app.context(), &key).map(|action| areas.refine(app, action))
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(MouseEvent {
            kind, column, row, ..
        }) if app.context() == crate::app::Context::Reader => areas.reader_mouse(app, kind, column, row),
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

/// How long to wait for input: short while a search is running, and no
/// later than a save that is due or the clock's next second.
pub(super) fn poll_timeout(app: &App, now: Instant, link: &link::Link) -> Duration {
    let waiting = app.search().is_some_and(|s| s.pending) || app.session.loading().is_some();
    let timeout = Duration::from_millis(match () {
        _ if waiting => 10,
        _ if link.busy() => 50,
        _ => 200,
    });
    let timeout = match app.deck.autosave().deadline() {
        Some(due) => timeout.min(due.saturating_duration_since(now)),
        None => timeout,
    };
    redraw::until_next_second(app, now).map_or(timeout, |next| timeout.min(next))
}

/// Input that arrives together (a paste without bracketed paste is one
/// key event per character) is applied as one batch before one redraw,
/// up to this long, so the screen still moves during a huge paste.
pub(super) const BATCH: Duration = Duration::from_millis(50);

/// How long to wait for the next event of a batch. Not zero: crossterm's
/// tty source returns at once on a zero timeout without looking at the
/// events it has already read and parsed.
pub(super) const MORE_INPUT: Duration = Duration::from_millis(1);

/// Applies every input event already waiting.
pub(super) fn read_input(app: &mut App, areas: &Areas) -> io::Result<()> {
    let start = Instant::now();
    loop {
        let event = event::read()?;
        if let Some(action) = action_for(event, app, areas) {
            app.apply(Action::Tick(Instant::now()));
            app.apply(action);
        }
        if app.session.quitting() || start.elapsed() > BATCH || !event::poll(MORE_INPUT)? {
            return Ok(());
        }
    }
}

/// New data, new index: the worker must search the new one. `searched`
/// is the index the worker was given.
fn follow_index(app: &App, searched: &mut Weak<SearchIndex>, worker: &mut SearchWorker) {
    if !std::ptr::eq(searched.as_ptr(), Arc::as_ptr(&app.lib.index)) {
        *searched = Arc::downgrade(&app.lib.index);
        *worker = SearchWorker::spawn(Weak::clone(searched));
    }
}

/// How often a loop waiting for a load looks for its outcome.
const LOAD_POLL: Duration = Duration::from_millis(10);

/// While a load runs with the data set aside, the loop only waits for its
/// outcome: no input is read (keys wait in the terminal's queue, and a
/// console's messages in the socket), nothing is drawn and no effect
/// runs, for nothing here may read the data. A signal to stop ends it.
/// True once the data is back.
fn wait_for_data(app: &mut App, feed: &mut DataFeed, signals: &signals::Signals) -> bool {
    super::watch::give_back_free_memory();
    while app.data_set_aside() && signals.stop().is_none() {
        match feed.poll(Instant::now()) {
            Some(outcome) => {
                app.apply(outcome);
            }
            None => std::thread::sleep(LOAD_POLL),
        }
    }
    !app.data_set_aside()
}

pub(super) fn event_loop(
    app: &mut App,
    options: &Options,
    signals: &signals::Signals,
    keeper: &mut deck::DeckKeeper,
) -> io::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut searched = Arc::downgrade(&app.lib.index);
    let mut worker = SearchWorker::spawn(Weak::clone(&searched));
    let mut feed = DataFeed::new(options.data_file.clone());
    let mut link = link::Link::new(app, options);
    let mut areas = draw(&mut terminal, app, &options.theme)?;
    let mut redraw = redraw::Redraw::default();
    while !app.session.quitting() && signals.stop().is_none() {
        if app.data_set_aside() {
            // A signal may end the wait with the data still aside: then
            // there is nothing to draw, and the loop ends.
            if wait_for_data(app, &mut feed, signals) {
                follow_index(app, &mut searched, &mut worker);
                areas = draw(&mut terminal, app, &options.theme)?;
            }
            continue;
        }
        let mut changed = event::poll(poll_timeout(app, Instant::now(), &link))?;
        if changed {
            read_input(app, &areas)?;
        }
        if signals.take_suspend() {
            // SIGTSTP from outside: as Ctrl-Z.
            app.apply(Action::Suspend);
        }
        let message = app.session.message().is_some();
        app.apply(Action::Tick(Instant::now()));
        // A message that faded must leave the screen now.
        changed |= message != app.session.message().is_some();
        for effect in app.take_effects() {
            let outcome = match effect {
                Effect::SaveDeck => Some(keeper.save(&app.deck.current)),
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
        while let Ok((generation, reply)) = worker.answers.try_recv() {
            app.apply(match reply {
                Ok(results) => Action::SearchResults { generation, results },
                Err(why) => Action::SearchFailed { generation, why },
            });
            changed = true;
        }
        if let Some(outcome) = feed.poll(Instant::now()) {
            if matches!(outcome, Action::Reloading) && app.session.loading().is_none() {
                // Said before the data is set aside and the screen stands
                // still for the load.
                app.apply(Action::Notify("reloading the data file…".into()));
                areas = draw(&mut terminal, app, &options.theme)?;
            }
            app.apply(outcome);
            changed = true;
        }
        if app.data_set_aside() {
            // A load started: the screen keeps the last frame meanwhile.
            continue;
        }
        if let Some(action) = keeper.watch(&app.deck.current) {
            app.apply(action);
            changed = true;
        }
        changed |= link::exchange(&mut link, app);
        follow_index(app, &mut searched, &mut worker);
        // The clocks (the presenter's, the console's) tick once a second.
        if redraw.due(changed, redraw::clock_second(app, Instant::now())) {
            areas = draw(&mut terminal, app, &options.theme)?;
        }
    }
    // Changes still unsaved (a signal, a failed save) are the caller's:
    // it saves them or writes a rescue copy once the terminal is back.
    Ok(())
}
