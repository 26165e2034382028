//! This window's end of the two-screen link: the audience serves while it
//! presents, a console connects. What the other side says comes back as
//! actions; the console's commands go out as `Effect::Remote`.

use super::ends::{Audience, Console};
use crate::app::{Action, App};
use crate::remote::Command;

pub(super) enum Link {
    /// No socket could be had: why, and whether the presentation under
    /// way has been told.
    None {
        why: String,
        told: bool,
    },
    Audience(Audience),
    Console(Console),
}

impl Link {
    pub(super) fn new(app: &App, options: &super::Options) -> Link {
        match &options.socket {
            Err(why) => Link::None {
                why: why.clone(),
                told: false,
            },
            Ok(path) if app.console().is_some() => {
                Link::Console(Console::connect(path, options.console_deck.clone()))
            }
            Ok(path) => Link::Audience(Audience::new(path.to_path_buf())),
        }
    }

    /// Serves or reads the link; what the other side said, as actions.
    pub(super) fn sync(&mut self, app: &App) -> Vec<Action> {
        match self {
            Link::None { why, told } => {
                // Once per presentation: the talk runs on one screen.
                let presenting = app.presenter().is_some();
                let news = presenting && !*told;
                *told = presenting;
                match news {
                    true => vec![Action::Notify(format!("no presenter console: {why}"))],
                    false => Vec::new(),
                }
            }
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
            Link::None { .. } => false,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presenting_without_a_socket_says_why_once_per_presentation() {
        let data = demarche_core::load::load_str(
            "explorer.toml",
            include_str!("../../../../tests/fixtures/explorer.toml"),
        )
        .unwrap()
        .dataset;
        let mut app = App::new(data);
        app.deck
            .current
            .pin(demarche_core::deck::Target::Position("north-tariffs-1".into()));
        let mut link = Link::None {
            why: "/run/x is too long for a socket".into(),
            told: false,
        };
        assert!(link.sync(&app).is_empty(), "nothing to say while exploring");
        app.apply(Action::Present);
        assert!(exchange(&mut link, &mut app));
        let said = app.session.message().unwrap_or_default();
        assert_eq!(said, "no presenter console: /run/x is too long for a socket");
        assert!(link.sync(&app).is_empty(), "said once");
        app.apply(Action::Back);
        assert!(app.presenter().is_none());
        assert!(link.sync(&app).is_empty());
        app.apply(Action::Present);
        assert_eq!(link.sync(&app).len(), 1, "said again for the next presentation");
    }
}
