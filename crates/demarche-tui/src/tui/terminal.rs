//! The terminal session: raw mode, the alternate screen and the mouse,
//! entered once, restored on every way out, given back on suspend and
//! taken back on resume.

use super::*;

/// Puts the terminal back as it was. Safe to call more than once.
pub(super) fn restore(mouse: bool) {
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
pub(super) struct Session {
    mouse: bool,
}

impl Session {
    pub(super) fn start(mouse: bool) -> io::Result<Session> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // The loader's and the search worker's panics are caught and
            // told as a failure; the session goes on, on the screen as it is.
            if super::caught::on_a_catching_thread() {
                return;
            }
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
pub(super) fn enter(mouse: bool) -> io::Result<()> {
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
pub(super) fn suspend(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    restore(mouse);
    signals::stop_self()?;
    retake(terminal, mouse)
}

/// After a stop: whoever ran meanwhile (the shell) set the terminal as
/// it likes, so raw mode and the rest are set again (crossterm thinks it
/// is still raw, hence the disable first) and the whole screen redrawn.
pub(super) fn retake(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    let _ = disable_raw_mode();
    enter(mouse)?;
    terminal.clear()
}

pub(super) type Term = Terminal<CrosstermBackend<Stdout>>;

impl Drop for Session {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}
