//! Presenting with two screens: the audience window (`present`, or `P`
//! in the explorer) serves its state on a Unix socket; `demarche console`
//! connects, renders the talk from its own copy of the data and deck, and
//! sends commands back. Only the position in the talk crosses the socket.
//! Pure transport: threads here only move bytes and know nothing of the
//! app. The event loop's ends (`tui::ends`) turn what they hear into
//! `Action::Remote`, and the app decides what it means.

mod client;
pub(crate) mod protocol;
pub(crate) mod server;
pub mod socket;

use std::path::PathBuf;

pub(crate) use client::Client;
pub use protocol::{Command, State};
pub(crate) use server::Server;
pub use server::live;

/// The console's link to the audience window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// No presentation yet: trying again.
    Waiting,
    Connected,
    /// The audience window went away: waiting for it to come back.
    Lost,
    /// The audience window has as many consoles as it takes: trying again.
    Full,
}

/// What one side heard from the other, applied as `Action::Remote`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Audience side: a console asks for this.
    Command(Command),
    /// Audience side: how many consoles are attached now.
    Consoles(usize),
    /// Console side: the audience's state.
    State(State),
    /// Console side: the link changed.
    Link(Link),
    /// Console side: the deck file, read again on each (re)connection
    /// (the presenter may have changed it between talks).
    Deck(Box<demarche_core::deck::Deck>),
    /// A message was dropped: why, sanitised.
    Dropped(String),
    /// Something the user must see, on the status line or the room's
    /// marker: a console let go for not reading, or turned away.
    Notice(String),
}

#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("not a private directory (it must be ours and mode 0700): {0}")]
    UnsafeDir(PathBuf),
    #[error("something other than a socket is at {0}")]
    NotASocket(PathBuf),
    #[error("another window is already presenting this deck: consoles attach to that one")]
    AlreadyPresenting,
    #[error("not connected to the presentation")]
    NotConnected,
    #[error("the socket's path is too long (at most 107 bytes): {0}")]
    TooLong(PathBuf),
    #[error("no directory for the console link's socket")]
    NoPlace,
}

/// The deck file as it is on disk now, for the console (or why not).
pub(crate) fn deck_event(path: &std::path::Path) -> Event {
    match demarche_core::deck::read_current(path) {
        Ok(deck) => Event::Deck(Box::new(deck)),
        Err(e) => Event::Dropped(format!("the deck was not read again: {e}")),
    }
}
