//! Signals for the explorer: SIGTERM, SIGHUP and SIGINT end it through
//! the normal path (terminal restored, deck saved) with the conventional
//! status 128 + signal; SIGTSTP from outside suspends it as Ctrl-Z does;
//! SIGCONT (after any stop) makes it take the terminal back and redraw.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::Duration;

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};

/// How long the event loop has to finish by itself after a terminating
/// signal before the signal thread restores the terminal and exits. A
/// safety net only: the loop checks the flag every poll.
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

/// What the signal thread has seen, for the event loop to act on.
#[derive(Clone, Default)]
pub(crate) struct Signals {
    /// The terminating signal received, 0 for none.
    stop: Arc<AtomicI32>,
    suspend: Arc<AtomicBool>,
    resumed: Arc<AtomicBool>,
}

impl Signals {
    /// Starts the signal thread; `restore` puts the terminal back if the
    /// loop does not end in time after a terminating signal.
    pub fn start(restore: fn(bool), mouse: bool) -> io::Result<Signals> {
        let flags = Signals::default();
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
        let seen = flags.clone();
        thread::spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => seen.suspend.store(true, Ordering::SeqCst),
                    SIGCONT => seen.resumed.store(true, Ordering::SeqCst),
                    _ => {
                        seen.stop.store(signal, Ordering::SeqCst);
                        thread::spawn(move || {
                            thread::sleep(SIGNAL_GRACE);
                            restore(mouse);
                            std::process::exit(128 + signal);
                        });
                    }
                }
            }
        });
        Ok(flags)
    }

    /// The terminating signal received, if any.
    pub(crate) fn stop(&self) -> Option<i32> {
        Some(self.stop.load(Ordering::SeqCst)).filter(|&s| s != 0)
    }

    /// True once after SIGTSTP.
    pub(crate) fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// True once after SIGCONT.
    pub(crate) fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::SeqCst)
    }
}

/// Stops this process until it is continued (`fg`, SIGCONT). SIGSTOP
/// rather than SIGTSTP, whose handler is ours.
pub(crate) fn stop_self() -> io::Result<()> {
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)
}
