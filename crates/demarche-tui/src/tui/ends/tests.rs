//! Two apps linked through a real socket in a temporary directory: the
//! audience (presenting) and a console, driven by actions as the event
//! loop drives them.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::*;
use crate::app::Effect;
use crate::remote::{RemoteError, protocol};
use demarche_core::deck::{Deck, Target};

const FIXTURE: &str = include_str!("../../../../../tests/fixtures/explorer.toml");

pub(super) fn deck() -> Deck {
    let mut deck = Deck::default();
    for id in [
        "north-tariffs-1",
        "south-tariffs-1",
        "north-tariffs-2",
        "south-talks",
    ] {
        deck.pin(Target::Position(id.into()));
    }
    deck.set_note(0, "Open with the minister's line.");
    deck
}

pub(super) fn app() -> App {
    App::new(
        demarche_core::load::load_str("explorer.toml", FIXTURE)
            .unwrap()
            .dataset,
    )
    .with_deck(deck())
}

pub(super) fn audience_app() -> App {
    let mut app = app();
    app.apply(Action::Present);
    app
}

pub(super) fn console_app() -> App {
    app().into_console(Some(Duration::from_secs(45 * 60)))
}

pub(super) fn socket() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.sock");
    (dir, path)
}

/// One side of the room: an app and its end of the link, pumped as the
/// event loop pumps them.
pub(super) struct AudienceSide {
    pub(super) app: App,
    pub(super) link: Audience,
}

pub(super) struct ConsoleSide {
    pub(super) app: App,
    pub(super) link: Console,
}

impl AudienceSide {
    pub(super) fn start(path: &Path) -> Self {
        AudienceSide {
            app: audience_app(),
            link: Audience::new(path.to_path_buf()),
        }
    }

    pub(super) fn pump(&mut self) {
        for action in self.link.sync(&self.app) {
            self.app.apply(action);
        }
    }

    pub(super) fn slide(&self) -> usize {
        self.app.presenter().unwrap().slide
    }
}

impl ConsoleSide {
    pub(super) fn start(path: &Path) -> Self {
        ConsoleSide {
            app: console_app(),
            link: Console::connect(path, None),
        }
    }

    pub(super) fn pump(&mut self) {
        for action in self.link.poll() {
            self.app.apply(action);
        }
        for effect in self.app.take_effects() {
            if let Effect::Remote(command) = effect
                && let Some(outcome) = self.link.send(&command)
            {
                self.app.apply(outcome);
            }
        }
    }

    pub(super) fn view(&self) -> &crate::app::ConsoleView {
        self.app.console().unwrap()
    }

    pub(super) fn slide(&self) -> Option<usize> {
        self.view().slide()
    }
}

/// Pumps both sides until `done` holds, failing after a few seconds.
pub(super) fn until(
    a: &mut AudienceSide,
    c: &mut ConsoleSide,
    what: &str,
    done: impl Fn(&AudienceSide, &ConsoleSide) -> bool,
) {
    let start = Instant::now();
    loop {
        a.pump();
        c.pump();
        a.pump();
        if done(a, c) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting until {what}"
        );
        sleep(Duration::from_millis(5));
    }
}

pub(super) fn press(app: &mut App, keys: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = crate::app::keymap::lookup(app.context(), &key) {
            app.apply(action);
        }
    }
}

#[test]
fn either_window_moves_both() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    let mut c = ConsoleSide::start(&path);
    until(&mut a, &mut c, "attached at slide 1", |a, c| {
        c.slide() == Some(0) && a.app.talk.remote().consoles == 1
    });
    assert_eq!(c.view().link, Link::Connected);
    assert_eq!(c.view().notes.source(), "Open with the minister's line.");

    press(&mut c.app, " ");
    until(&mut a, &mut c, "the console's Space moves the room", |a, c| {
        a.slide() == 1 && c.slide() == Some(1)
    });
    assert!(c.view().notes.is_empty(), "notes follow the slide");

    press(&mut a.app, " ");
    until(&mut a, &mut c, "the room's Space shows in the console", |_, c| {
        c.slide() == Some(2)
    });

    press(&mut c.app, "1\n");
    until(&mut a, &mut c, "a typed number goes there", |a, c| {
        a.slide() == 0 && c.slide() == Some(0)
    });

    press(&mut c.app, "iG");
    press(&mut c.app, "jj\n");
    until(&mut a, &mut c, "the index chooses a slide", |a, _| a.slide() == 2);
    assert_eq!(c.view().index, None, "the index closes after a jump");

    press(&mut c.app, "b");
    until(&mut a, &mut c, "b blanks the room", |a, c| {
        a.app.blanked() && c.view().state.as_ref().unwrap().blank
    });
    press(&mut c.app, " ");
    until(&mut a, &mut c, "the next press only unblanks", |a, _| {
        !a.app.blanked()
    });
    assert_eq!(a.slide(), 2);

    press(&mut a.app, "v");
    until(
        &mut a,
        &mut c,
        "the console knows the room sees a comparison",
        |_, c| c.view().state.as_ref().unwrap().compare,
    );
}

#[test]
fn the_console_finds_a_position_and_shows_it_to_the_room() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    let mut c = ConsoleSide::start(&path);
    until(&mut a, &mut c, "attached", |_, c| c.slide().is_some());
    press(&mut c.app, "/");
    for ch in "analyst".chars() {
        c.app.apply(Action::SearchInput(ch));
    }
    c.app.apply(Action::Activate);
    assert!(c.app.search().is_none());
    until(&mut a, &mut c, "the room sees the position", |a, c| {
        a.app.presenter().unwrap().detour.is_some() && c.app.console_showing().is_some()
    });
    let shown = a.app.presenter().unwrap().detour.unwrap();
    assert_eq!(a.app.data().positions[shown].id, "analyst-tariffs");
    press(&mut c.app, "\x1b");
    until(&mut a, &mut c, "Esc brings the slide back", |a, c| {
        a.app.presenter().unwrap().detour.is_none() && c.app.console_showing().is_none()
    });
    assert!(
        a.app.presenter().is_some(),
        "Esc from the console never ends the talk"
    );
}

#[test]
fn either_side_survives_the_other_and_reattaches() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    let mut c = ConsoleSide::start(&path);
    until(&mut a, &mut c, "attached", |a, _| {
        a.app.talk.remote().consoles == 1
    });
    assert!(
        a.app.talk.console_attached(),
        "the room's screen now shows only the slide"
    );
    press(&mut a.app, "  ");

    drop(c);
    let start = Instant::now();
    while a.app.talk.remote().consoles != 0 {
        a.pump();
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the console's death is noticed"
        );
        sleep(Duration::from_millis(5));
    }
    assert!(
        !a.app.talk.console_attached(),
        "notes and marker come back to the presenter"
    );
    press(&mut a.app, " ");
    a.pump();
    assert_eq!(a.slide(), 3, "the room goes on without a console");

    let mut c = ConsoleSide::start(&path);
    until(
        &mut a,
        &mut c,
        "a new console starts at the current slide",
        |_, c| c.slide() == Some(3),
    );
    assert!(c.view().elapsed().is_some());

    drop(a);
    let start = Instant::now();
    while c.view().link != Link::Lost {
        c.pump();
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the console says the room closed"
        );
        sleep(Duration::from_millis(5));
    }
    press(&mut c.app, " ");
    c.pump();
    assert!(
        c.app
            .session
            .message()
            .unwrap_or_default()
            .contains("not connected")
    );

    let mut a = AudienceSide::start(&path);
    until(
        &mut a,
        &mut c,
        "the console reattaches to a new presentation",
        |_, c| c.view().link == Link::Connected && c.slide() == Some(0),
    );
}

#[test]
fn a_console_waits_for_a_presentation() {
    let (_dir, path) = socket();
    let mut c = ConsoleSide::start(&path);
    let start = Instant::now();
    while c.view().state.is_none() {
        c.pump();
        if start.elapsed() > Duration::from_millis(600) {
            break;
        }
        sleep(Duration::from_millis(20));
    }
    assert_eq!(c.view().link, Link::Waiting);
    assert!(c.view().state.is_none());
    let mut a = AudienceSide::start(&path);
    until(&mut a, &mut c, "it attaches once the talk starts", |_, c| {
        c.slide() == Some(0)
    });
}

#[test]
fn garbage_on_the_socket_is_dropped_logged_and_harmless() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    a.pump();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600,
        "only we may connect"
    );
    let mut raw = UnixStream::connect(&path).unwrap();
    let mut junk = b"not json\n".to_vec();
    junk.extend(vec![b'x'; protocol::MAX_LINE + 10]);
    junk.extend(b"\n{\"v\":9,\"type\":\"command\",\"cmd\":\"next\"}\n");
    junk.extend(b"{\"v\":1,\"type\":\"command\",\"cmd\":\"goto\",\"slide\":999}\n");
    junk.extend(b"{\"v\":1,\"type\":\"command\",\"cmd\":\"show\",\"id\":\"\x1b[2Jnope\"}\n");
    junk.extend(b"{\"v\":1,\"type\":\"command\",\"cmd\":\"next\"}\n");
    raw.write_all(&junk).unwrap();
    let start = Instant::now();
    while a.slide() != 1 {
        a.pump();
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the good command after the junk"
        );
        sleep(Duration::from_millis(5));
    }
    let log = &a.app.talk.remote().log;
    assert_eq!(log.len(), 5, "{log:?}");
    assert!(log[1].contains("longer than"), "{log:?}");
    assert!(log[2].contains("version 9"), "{log:?}");
    assert!(log[3].contains("slide 1000 of 4"), "{log:?}");
    assert!(log.iter().all(|l| !l.contains('\x1b')));
    assert!(a.app.presenter().unwrap().detour.is_none());
}

#[test]
fn a_stale_socket_is_replaced_and_a_live_one_left_alone() {
    let (dir, path) = socket();
    drop(UnixListener::bind(&path).unwrap());
    assert!(path.exists(), "a dead server's socket file is left behind");
    let mut a = AudienceSide::start(&path);
    a.pump();
    assert!(a.link.server.is_some(), "the stale socket was replaced");

    let mut second = AudienceSide::start(&path);
    second.pump();
    assert!(second.link.server.is_none());
    let said = second.app.session.message().unwrap_or_default();
    assert!(said.contains("already presenting this deck"), "{said}");

    let file = dir.path().join("plain");
    std::fs::write(&file, "keep me").unwrap();
    assert!(matches!(Server::bind(&file), Err(RemoteError::NotASocket(_))));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn leaving_the_presentation_closes_the_socket() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    a.pump();
    assert!(path.exists());
    a.app.apply(Action::Back);
    a.pump();
    assert!(a.app.presenter().is_none());
    assert!(!path.exists(), "no socket while not presenting");
}

#[test]
fn the_console_reads_the_deck_again_when_it_connects() {
    let (dir, path) = socket();
    let file = dir.path().join("talk.talking-points.toml");
    let mut edited = deck();
    edited.pin(Target::Position("analyst-tariffs".into()));
    edited.set_note(0, "A new opening.");
    demarche_core::deck::save(&file, &edited).unwrap();
    let mut a = AudienceSide::start(&path);
    a.app.deck.current = edited.clone();
    let mut c = ConsoleSide {
        app: console_app(),
        link: Console::connect(&path, Some(file)),
    };
    assert_eq!(c.app.deck.current.len(), 4);
    until(&mut a, &mut c, "attached", |_, c| c.slide() == Some(0));
    assert_eq!(c.app.deck.current, edited, "the deck as it is on disk now");
    assert_eq!(c.view().notes.source(), "A new opening.");
}
