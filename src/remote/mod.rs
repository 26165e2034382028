//! Presenting with two screens: the audience window (`present`, or `P`
//! in the explorer) serves its state on a Unix socket; `demarche console`
//! connects, renders the talk from its own copy of the data and deck, and
//! sends commands back. Only the position in the talk crosses the socket.
//! Threads here only move bytes; what they hear becomes `Action::Remote`
//! for the event loop, and the app decides what it means.

mod client;
pub mod protocol;
mod server;
pub mod socket;

use std::path::PathBuf;

pub use client::Client;
pub use protocol::{Command, State};
pub use server::{Server, live};

use crate::app::{Action, App};

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
    Deck(Box<crate::deck::Deck>),
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

/// The audience side in the event loop: a server while the app is
/// presenting, none otherwise, and the state last sent.
pub struct Audience {
    path: PathBuf,
    server: Option<Server>,
    sent: Option<State>,
    /// Set once binding failed, so it is not retried on every turn.
    refused: bool,
}

impl Audience {
    pub fn new(path: PathBuf) -> Audience {
        Audience {
            path,
            server: None,
            sent: None,
            refused: false,
        }
    }

    /// Listens while `app` presents, and stops when it does not; sends the
    /// state when it changed. Returns what consoles said, as actions.
    pub fn sync(&mut self, app: &App) -> Vec<Action> {
        let mut actions = Vec::new();
        match (app.presenter().is_some(), &self.server) {
            (true, None) if !self.refused => match Server::bind(&self.path) {
                Ok(server) => self.server = Some(server),
                Err(e) => {
                    self.refused = true;
                    actions.push(Action::Notify(format!("no presenter console: {e}")));
                }
            },
            (false, Some(_)) => {
                self.server = None;
                self.sent = None;
                actions.push(Action::Remote(Event::Consoles(0)));
            }
            (false, None) => self.refused = false,
            _ => {}
        }
        let Some(server) = &self.server else {
            return actions;
        };
        if let Some(state) = state_of(app)
            && self.sent.as_ref().is_none_or(|sent| !same_moment(sent, &state))
        {
            server.broadcast(&state);
            self.sent = Some(state);
        }
        actions.extend(server.events().into_iter().map(Action::Remote));
        actions
    }

    /// True while a console is attached (the loop then wakes more often).
    pub fn attached(&self) -> bool {
        self.server.as_ref().is_some_and(|s| s.consoles() > 0)
    }
}

/// Equal but for the elapsed time, which moves on by itself.
fn same_moment(a: &State, b: &State) -> bool {
    State {
        elapsed_ms: 0,
        ..a.clone()
    } == State {
        elapsed_ms: 0,
        ..b.clone()
    }
}

/// The audience's state, if it is presenting.
pub fn state_of(app: &App) -> Option<State> {
    let p = app.presenter()?;
    let errors = app
        .reload_errors
        .iter()
        .take(protocol::MAX_ERRORS)
        .map(|e| e.chars().take(protocol::MAX_ERROR_CHARS).collect())
        .collect();
    Some(State {
        slide: p.slide,
        slides: app.deck.len(),
        blank: app.blanked(),
        showing: p.detour.map(|i| app.data().positions[i].id.clone()),
        compare: p.compare,
        elapsed_ms: p.started.elapsed().as_millis() as u64,
        errors,
        notice: app.message.clone(),
        deck: app.deck_digest().to_string(),
        stale: app.stale_slides().to_vec(),
    })
}

/// The deck file as it is on disk now, for the console (or why not).
pub fn deck_event(path: &std::path::Path) -> Event {
    match crate::deck::read_current(path) {
        Ok(deck) => Event::Deck(Box::new(deck)),
        Err(e) => Event::Dropped(format!("the deck was not read again: {e}")),
    }
}

/// The console side in the event loop.
pub struct Console {
    client: Client,
    /// The deck file, read again whenever the link (re)connects.
    deck: Option<PathBuf>,
}

impl Console {
    pub fn connect(path: &std::path::Path, deck: Option<PathBuf>) -> Console {
        Console {
            client: Client::spawn(path),
            deck,
        }
    }

    /// What the audience said since the last call, as actions; on each
    /// connection, the deck as it is on disk now.
    pub fn poll(&self) -> Vec<Action> {
        let mut actions = Vec::new();
        for event in self.client.events() {
            let connected = event == Event::Link(Link::Connected);
            actions.push(Action::Remote(event));
            if let Some(path) = self.deck.as_deref().filter(|_| connected) {
                actions.push(Action::Remote(deck_event(path)));
            }
        }
        actions
    }

    /// Sends a command; if it cannot go, says so.
    pub fn send(&self, command: &Command) -> Option<Action> {
        self.client
            .send(command)
            .err()
            .map(|_| Action::Notify("not connected: keys reach the presentation once it is running".into()))
    }
}

#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod tests;
