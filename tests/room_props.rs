//! The room's screen rule as a property: random sequences of keys on the
//! room's keyboard, console commands, and consoles attaching, detaching
//! and being killed. The notes' text and the clock never appear in the
//! room's frame while a console is attached, and a console leaving never
//! changes what the room shows.

mod common;

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use demarche_core::deck::{Deck, Target};
use demarche_core::load::load_str;
use demarche_tui::app::{Action, App, keymap};
use demarche_tui::remote::{Command, Event};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/explorer.toml");

/// Words that appear only in the notes.
const NOTE_WORDS: [&str; 3] = ["ZEBRA-NOTE", "QUOKKA-NOTE", "OKAPI-NOTE"];

fn presenting() -> App {
    let mut deck = Deck::default();
    deck.insert_heading(0, "Opening");
    deck.pin(Target::Position("north-tariffs-1".into()));
    deck.pin(Target::Position("south-tariffs-1".into()));
    deck.pin(Target::Topic("tariffs".into()));
    deck.pin(Target::Event("summit".into()));
    deck.pin(Target::Matrix(demarche_core::deck::LATEST.into()));
    for (i, word) in NOTE_WORDS.iter().enumerate() {
        deck.set_note(i + 1, format!("{word} do not show the room."));
    }
    deck.set_note(4, "OKAPI-NOTE on the matrix.");
    let data = load_str("explorer.toml", FIXTURE).unwrap().dataset;
    let mut app = App::new(data).with_deck(deck);
    app.apply(Action::Present);
    app
}

/// What can happen during a talk.
#[derive(Clone, Debug)]
enum Step {
    /// A key on the room's own keyboard.
    RoomKey(KeyCode),
    /// A command from an attached console.
    Console(Command),
    Attach,
    /// A console quits (one fewer).
    Detach,
    /// Every console killed at once (the link notices them all gone).
    Kill,
    /// Time passes (milliseconds).
    Wait(u64),
}

fn room_key() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        prop::sample::select(vec![
            'N', 'c', 'e', '?', 'i', 'b', 'v', 'J', 'K', 'q', 'P', '/', ':', 'g', 'G', 'n', 'p', '1', '2',
            '3', '9', 'x', 'd', 'a',
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Esc,
            KeyCode::Enter,
            KeyCode::Backspace,
            KeyCode::Right,
            KeyCode::Left,
            KeyCode::Down,
            KeyCode::Up,
            KeyCode::Tab,
        ]),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::Next),
        Just(Command::Prev),
        Just(Command::Back),
        (0usize..8).prop_map(|slide| Command::Goto { slide }),
        any::<bool>().prop_map(|on| Command::Blank { on }),
        Just(Command::Show {
            id: "analyst-tariffs".into()
        }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => room_key().prop_map(Step::RoomKey),
        3 => command().prop_map(Step::Console),
        2 => Just(Step::Attach),
        1 => Just(Step::Detach),
        1 => Just(Step::Kill),
        1 => (0u64..3000).prop_map(Step::Wait),
    ]
}

/// The room's frame, as one string.
fn frame(app: &App, (w, h): (u16, u16)) -> String {
    common::screen_lines(app, w, h).join("\n")
}

/// Something only the presenter may see: a note's words or a clock.
fn private_on(screen: &str) -> Option<String> {
    if let Some(word) = NOTE_WORDS.iter().find(|w| screen.contains(*w)) {
        return Some((*word).to_string());
    }
    if screen.contains("My notes") {
        return Some("My notes".into());
    }
    let clock = regex_lite_clock(screen);
    clock.map(|c| format!("a clock {c}"))
}

/// `hh:mm:ss` anywhere on the screen.
fn regex_lite_clock(screen: &str) -> Option<String> {
    let chars: Vec<char> = screen.chars().collect();
    chars.windows(8).find_map(|w| {
        let digit = |i: usize| w[i].is_ascii_digit();
        (digit(0) && digit(1) && w[2] == ':' && digit(3) && digit(4) && w[5] == ':' && digit(6) && digit(7))
            .then(|| w.iter().collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn notes_and_the_clock_stay_off_the_room_while_a_console_is_attached_or_after_it_left(
        steps in prop::collection::vec(step(), 1..40),
        size in prop::sample::select(vec![(80u16, 24u16), (120, 40), (200, 50)]),
    ) {
        let mut app = presenting();
        let mut consoles = 0usize;
        let mut now = Instant::now();
        app.apply(Action::Tick(now));
        for step in &steps {
            let before = frame(&app, size);
            let presenting = app.presenter().is_some();
            match step {
                Step::RoomKey(code) => {
                    let key = KeyEvent::new(*code, KeyModifiers::NONE);
                    if let Some(action) = keymap::lookup(app.context(), &key) {
                        app.apply(Action::Tick(now));
                        app.apply(action);
                    }
                }
                Step::Console(command) => {
                    if consoles > 0 {
                        app.apply(Action::Remote(Event::Command(command.clone())));
                    }
                }
                // A console can attach only while the room presents: the
                // link is served only then.
                Step::Attach if presenting => {
                    consoles += 1;
                    app.apply(Action::Remote(Event::Consoles(consoles)));
                }
                Step::Attach => {}
                Step::Detach | Step::Kill => {
                    let left = if matches!(step, Step::Kill) { 0 } else { consoles.saturating_sub(1) };
                    let was = consoles;
                    consoles = left;
                    app.apply(Action::Remote(Event::Consoles(left)));
                    if was > 0 && presenting {
                        let after = frame(&app, size);
                        prop_assert_eq!(&before, &after, "a console leaving changed the room ({:?})", step);
                    }
                }
                Step::Wait(ms) => {
                    now += Duration::from_millis(*ms);
                    app.apply(Action::Tick(now));
                }
            }
            // The link stops when the room stops presenting.
            if app.presenter().is_none() && consoles > 0 {
                consoles = 0;
                app.apply(Action::Remote(Event::Consoles(0)));
            }
            if consoles > 0 {
                let screen = frame(&app, size);
                prop_assert!(
                    private_on(&screen).is_none(),
                    "{:?} on the room with a console attached after {:?}:\n{}",
                    private_on(&screen),
                    step,
                    screen
                );
            }
        }
    }
}

#[test]
fn the_property_s_detector_sees_notes_and_a_clock() {
    // The property would pass by never looking: it sees them when shown.
    let mut app = presenting();
    app.apply(Action::NextSlide);
    app.apply(Action::ToggleNotes);
    app.apply(Action::ToggleClock);
    let screen = frame(&app, (120, 40));
    assert_eq!(private_on(&screen).as_deref(), Some("ZEBRA-NOTE"), "{screen}");
    app.apply(Action::ToggleNotes);
    let screen = frame(&app, (120, 40));
    assert_eq!(
        private_on(&screen).as_deref(),
        Some("a clock 00:00:00"),
        "{screen}"
    );
}
