//! The audience side of the console link: commands from a console,
//! checked against the deck before anything moves, and a short log of
//! what was dropped.

use super::layers::Blank;
use super::{App, Effects};
use crate::remote::{Command, Event, State};

/// Lines of the link's log kept.
const LOG_LINES: usize = 20;

/// The link as the app sees it.
#[derive(Debug, Default)]
pub struct RemoteInfo {
    /// Consoles attached to this presentation (audience side).
    pub consoles: usize,
    /// Messages dropped and why, newest last, already sanitised.
    pub log: Vec<String>,
}

impl App {
    /// The audience's state for the consoles, if it is presenting.
    pub(crate) fn remote_state(&self) -> Option<State> {
        let p = self.presenter()?;
        let errors = self
            .session
            .reload_errors
            .iter()
            .take(crate::remote::protocol::MAX_ERRORS)
            .map(|e| e.chars().take(crate::remote::protocol::MAX_ERROR_CHARS).collect())
            .collect();
        Some(State {
            slide: p.slide,
            slides: self.deck.current.len(),
            blank: self.blanked(),
            showing: p.detour.map(|i| self.data().positions[i].id.clone()),
            compare: p.compare,
            elapsed_ms: p.started.elapsed().as_millis() as u64,
            errors,
            notice: self.session.message.clone(),
            deck: self.deck_digest().to_string(),
            stale: self.stale_slides().to_vec(),
        })
    }

    /// What the other window said: on the audience side it asks for no
    /// work; a console may (`console_event`).
    pub(super) fn remote_event(&mut self, event: Event) -> Effects {
        if self.console().is_some() {
            return self.console_event(event);
        }
        match event {
            Event::Command(command) => self.remote_command(command),
            // The audience screen then shows only the slide.
            Event::Consoles(n) => self.consoles_changed(n),
            Event::Dropped(reason) => self.log_remote(reason),
            Event::Notice(text) => {
                self.session.message = Some(demarche_core::text::sanitize::line(&text));
                self.log_remote(text);
            }
            Event::State(_) | Event::Link(_) | Event::Deck(_) => {
                self.log_remote("dropped a message meant for a console".into());
            }
        }
        Effects::none()
    }

    pub(super) fn log_remote(&mut self, line: String) {
        if self.talk.remote.log.len() == LOG_LINES {
            self.talk.remote.log.remove(0);
        }
        self.talk
            .remote
            .log
            .push(demarche_core::text::sanitize::line(&line));
    }

    /// True while the room's screen is blanked (the blank layer's rule).
    pub fn blanked(&self) -> bool {
        Blank::is_on(&self.layers)
    }

    fn set_blank(&mut self, on: bool) {
        Blank::set(&mut self.layers, on);
    }

    /// A console's command. Nothing from the socket is trusted: slide
    /// numbers are checked against the deck and ids against the data.
    fn remote_command(&mut self, command: Command) {
        let Some(slide) = self.presenter().map(|p| p.slide) else {
            return self.log_remote("a console command arrived while not presenting".into());
        };
        let last = self.deck.current.len().saturating_sub(1);
        match command {
            // After a blank, the next press only brings the slide back.
            Command::Next | Command::Prev if self.blanked() => self.set_blank(false),
            Command::Next => self.show_slide((slide + 1).min(last)),
            Command::Prev => self.show_slide(slide.saturating_sub(1)),
            Command::Goto { slide } if slide <= last => {
                self.set_blank(false);
                self.show_slide(slide);
            }
            Command::Goto { slide } => {
                self.log_remote(format!("a console asked for slide {} of {}", slide + 1, last + 1));
            }
            Command::Blank { on } => self.set_blank(on),
            Command::Show { id } => match self.lib.ids.positions.get(&id).copied() {
                Some(position) => {
                    self.set_blank(false);
                    self.show_slide(slide);
                    if let Some(p) = self.presenter_mut() {
                        p.detour = Some(position);
                    }
                }
                None => self.log_remote("a console asked to show a position that is not in the data".into()),
            },
            Command::Back => {
                self.set_blank(false);
                self.show_slide(slide);
            }
        }
    }
}
