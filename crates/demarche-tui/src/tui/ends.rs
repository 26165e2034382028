//! The event loop's ends of the two-screen link: the adapters between the
//! app and the transport in `remote`. The audience serves its state while
//! it presents; a console reads the audience's state and sends commands.
//! What either hears comes back as `Action::Remote`.

use std::path::PathBuf;

use crate::app::{Action, App};
use crate::remote::{Client, Command, Event, Link, Server, State, deck_event};

/// The audience side in the event loop: a server while the app is
/// presenting, none otherwise, and the state last sent.
pub(crate) struct Audience {
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
        if let Some(state) = app.remote_state()
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

/// The console side in the event loop.
pub struct Console {
    client: Client,
    /// The deck file, read again whenever the link (re)connects.
    deck: Option<PathBuf>,
}

impl Console {
    pub(crate) fn connect(path: &std::path::Path, deck: Option<PathBuf>) -> Console {
        Console {
            client: Client::spawn(path),
            deck,
        }
    }

    /// What the audience said since the last call, as actions; on each
    /// connection, the deck as it is on disk now.
    pub(crate) fn poll(&self) -> Vec<Action> {
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
