//! This window's end of the two-screen link: the audience serves while it
//! presents, a console connects. What the other side says comes back as
//! actions; the console's commands go out as `Effect::Remote`.

use crate::app::{Action, App};
use crate::remote::{self, Command};

pub(super) enum Link {
    None,
    Audience(remote::Audience),
    Console(remote::Console),
}

impl Link {
    pub(super) fn new(app: &App, options: &super::Options) -> Link {
        match options.socket.as_deref() {
            None => Link::None,
            Some(path) if app.console().is_some() => {
                Link::Console(remote::Console::connect(path, options.console_deck.clone()))
            }
            Some(path) => Link::Audience(remote::Audience::new(path.to_path_buf())),
        }
    }

    /// Serves or reads the link; what the other side said, as actions.
    pub(super) fn sync(&mut self, app: &App) -> Vec<Action> {
        match self {
            Link::None => Vec::new(),
            Link::Audience(audience) => audience.sync(app),
            Link::Console(console) => console.poll(),
        }
    }

    /// Sends a console's command; says so if it cannot go.
    pub(super) fn send(&self, command: &Command) -> Option<Action> {
        match self {
            Link::Console(console) => console.send(command),
            _ => None,
        }
    }

    /// True when the other window waits on this one: poll more often.
    pub(super) fn busy(&self) -> bool {
        match self {
            Link::None => false,
            Link::Audience(audience) => audience.attached(),
            Link::Console(_) => true,
        }
    }
}

/// Applies what the other window said, and answers at once with the new
/// state (it waits on it). True if anything was heard.
pub(super) fn exchange(link: &mut Link, app: &mut App) -> bool {
    let heard = link.sync(app);
    if heard.is_empty() {
        return false;
    }
    for action in heard {
        app.apply(action);
    }
    for action in link.sync(app) {
        app.apply(action);
    }
    true
}
