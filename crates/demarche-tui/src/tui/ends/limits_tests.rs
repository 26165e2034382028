//! The room's link has bounds: at most `MAX_CONSOLES` consoles, the next
//! one turned away with a reason; consoles that never read are let go
//! without ever holding up the room's keys or frames.

use std::os::unix::net::UnixStream;
use std::thread::sleep;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::tests::{AudienceSide, ConsoleSide, press, socket, until};
use super::*;
use crate::remote::protocol;
use crate::remote::server::{MAX_CONSOLES, STALL};

/// Pumps the room until `done` holds, failing after a few seconds.
fn room_until(a: &mut AudienceSide, what: &str, done: impl Fn(&AudienceSide) -> bool) {
    let start = Instant::now();
    while !done(a) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting until {what}"
        );
        a.pump();
        sleep(Duration::from_millis(5));
    }
}

/// `n` connections that never read and never write.
fn idle(path: &std::path::Path, n: usize) -> Vec<UnixStream> {
    (0..n).map(|_| UnixStream::connect(path).unwrap()).collect()
}

#[test]
fn a_ninth_console_is_turned_away_with_the_reason_and_gets_in_when_one_leaves() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    a.pump();
    let mut eight = idle(&path, MAX_CONSOLES);
    room_until(&mut a, "eight consoles are attached", |a| {
        a.app.talk.remote().consoles == MAX_CONSOLES
    });

    let mut c = ConsoleSide::start(&path);
    until(&mut a, &mut c, "the ninth is turned away", |_, c| {
        c.view().link == Link::Full
    });
    let said = c.app.session.message().unwrap_or_default();
    assert!(
        said.contains("turned this console away") && said.contains("8 consoles"),
        "{said}"
    );
    assert_eq!(
        a.app.talk.remote().consoles,
        MAX_CONSOLES,
        "the room kept its eight"
    );
    assert!(
        a.app.talk.remote().log.iter().any(|l| l.contains("refused")),
        "{:?}",
        a.app.talk.remote().log
    );

    drop(eight.pop());
    until(&mut a, &mut c, "the ninth gets the free place", |_, c| {
        c.view().link == Link::Connected && c.slide() == Some(0)
    });
    assert_eq!(c.app.session.message(), Some("a place came free: attached"));
    assert_eq!(a.app.talk.remote().consoles, MAX_CONSOLES);
}

#[test]
fn consoles_that_never_read_never_delay_the_room_and_are_let_go() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    // Long data errors make every state some kilobytes: unread, they fill
    // the consoles' socket buffers within a few dozen slides.
    a.app.apply(Action::ReloadFailed(
        (0..protocol::MAX_ERRORS)
            .map(|i| format!("{i}: {}", "x".repeat(protocol::MAX_ERROR_CHARS)))
            .collect(),
    ));
    a.pump();
    let _ten = idle(&path, 10);
    room_until(&mut a, "the room is full", |a| {
        a.app.talk.remote().consoles == MAX_CONSOLES
    });

    let theme = crate::theme::Theme::built_in("default").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let let_go = |a: &AudienceSide| {
        let said = a.app.session.message().unwrap_or_default();
        said.contains("stopped reading and was let go")
    };
    let mut on_marker = false;
    let mut turns = Vec::new();
    let mut links = Vec::new();
    for turn in 0..200 {
        let key_to_frame = Instant::now();
        press(&mut a.app, if turn % 2 == 0 { "n" } else { "p" });
        let link = Instant::now();
        a.pump();
        links.push(link.elapsed());
        terminal
            .draw(|f| drop(crate::ui::draw(f, &a.app, &theme)))
            .unwrap();
        turns.push(key_to_frame.elapsed());
        on_marker |= let_go(&a);
    }
    // What consoles could hold up, the link's share of a turn, never
    // waits on them, and the whole turn (the key, the link, the frame)
    // takes well under 50 ms. A link that waited on a console would wait
    // its write timeout, per console, on every turn once buffers fill (a
    // blocking broadcast measured 8 s here); a loaded test machine only
    // pauses a thread now and then, so the bounds are on the typical
    // turn, and on the worst one at a tenth of a second.
    links.sort();
    assert!(
        links[links.len() * 99 / 100] < Duration::from_millis(50),
        "the link took {:?} or more of 1 turn in 100 with idle consoles attached",
        links[links.len() * 99 / 100]
    );
    let slowest_link = links[links.len() - 1];
    assert!(
        slowest_link < STALL / 10,
        "the link took {slowest_link:?} of a turn with idle consoles attached"
    );
    turns.sort();
    let median = turns[turns.len() / 2];
    assert!(
        median < Duration::from_millis(50),
        "a key and a frame took {median:?} (median) with idle consoles attached"
    );
    // A console that lets its queue fill, or leaves a line unread for
    // `STALL`, is let go, and the room's marker says so.
    let start = Instant::now();
    room_until(&mut a, "the consoles are let go", |a| {
        a.app.talk.remote().consoles == 0
    });
    assert!(start.elapsed() < STALL * 3);
    assert!(
        on_marker || let_go(&a),
        "the room's marker said a console was let go"
    );
    let logged = a
        .app
        .talk
        .remote()
        .log
        .iter()
        .filter(|l| l.contains("stopped reading"))
        .count();
    assert_eq!(logged, MAX_CONSOLES, "{:?}", a.app.talk.remote().log);
    assert!(!a.app.talk.console_attached(), "the room knows none is left");
}

#[test]
fn thousands_of_connections_get_no_thread_each() {
    let (_dir, path) = socket();
    let mut a = AudienceSide::start(&path);
    a.pump();
    let many: Vec<UnixStream> = (0..400).filter_map(|_| UnixStream::connect(&path).ok()).collect();
    room_until(&mut a, "the room is full", |a| {
        a.app.talk.remote().consoles == MAX_CONSOLES
    });
    // Every one past the eighth was answered and closed.
    let refused = many
        .iter()
        .skip(MAX_CONSOLES)
        .filter(|s| {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let mut reader = std::io::BufReader::new(*s);
            matches!(
                protocol::read_message(&mut reader),
                Ok(Some(Ok(protocol::Message::Refused { .. })))
            )
        })
        .count();
    assert_eq!(refused, many.len() - MAX_CONSOLES);
    assert_eq!(a.app.talk.remote().consoles, MAX_CONSOLES);
}
