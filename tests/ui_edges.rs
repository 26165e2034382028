//! Rough edges at narrow sizes: no word cut without an ellipsis (pane
//! titles, the gutter's event labels, the topic summary, cells, the "as
//! of" header), the "not yet stated" marker without colour, the
//! observers' names, the note editor.

use std::collections::HashSet;

use demarche_core::load::BUNDLED;
use demarche_tui::app::{Action, App};
use demarche_tui::theme::Theme;
use demarche_tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::bundled_app as bundled;
use common::screen::screen_text_in as screen_with;
use common::screen_text as screen;

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Abbreviations the screen uses on purpose: month names on the axis and
/// in dates, the evidence badges' short forms.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "para", "char",
];

/// Words on screen that are the start of a longer word of the data file
/// but not a word of it themselves, and are not followed by `…`: text cut
/// mid-word, silently.
fn cut_words(screen: &str, known: &HashSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for line in screen.lines() {
        for token in line.split(|c: char| c.is_whitespace() || ('\u{2500}'..='\u{257f}').contains(&c)) {
            if token.ends_with('…') {
                continue;
            }
            let Some(last) = words(token).last() else { continue };
            if last.chars().count() < 3 || known.contains(&last) || ABBREVIATIONS.contains(&last.as_str()) {
                continue;
            }
            if known.iter().any(|w| w.starts_with(&last)) {
                found.push(format!("{token:?} in {line:?}"));
            }
        }
    }
    found
}

/// The app in the states a walkthrough visits.
fn states() -> Vec<(&'static str, App)> {
    let mut out = vec![("main", bundled())];
    let mut detail = bundled();
    detail.apply(Action::Activate);
    detail.apply(Action::Activate);
    out.push(("detail", detail));
    let mut timeline = bundled();
    timeline.apply(Action::FocusTimeline);
    for _ in 0..6 {
        timeline.apply(Action::Right);
    }
    out.push(("timeline", timeline));
    let mut observers = bundled();
    observers.apply(Action::ToggleObservers);
    observers.apply(Action::SelectTopic(1));
    out.push(("observers", observers));
    let mut as_of = bundled();
    as_of.apply(Action::SelectTopic(2));
    as_of.apply(Action::Down);
    as_of.apply(Action::Down);
    as_of.apply(Action::SetAsOfHere);
    as_of.apply(Action::ShiftAsOf(-1));
    out.push(("as of", as_of));
    for topic in 3..7 {
        let mut other = bundled();
        other.apply(Action::SelectTopic(topic));
        other.apply(Action::Down);
        other.apply(Action::Down);
        out.push(("topic", other));
    }
    out
}

/// Every word of the source tree: what the screen says of its own (key
/// hints, labels) is written there.
fn source_words(dir: &std::path::Path, into: &mut HashSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_words(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.extend(words(&std::fs::read_to_string(&path).unwrap()).collect::<Vec<_>>());
        }
    }
}

#[test]
fn no_word_is_cut_without_an_ellipsis_at_narrow_sizes() {
    let mut known: HashSet<String> = words(BUNDLED).collect();
    // The binary's sources and the crates' (the screens are in crates/).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    source_words(&root.join("src"), &mut known);
    source_words(&root.join("crates"), &mut known);
    let mut problems = Vec::new();
    for (name, app) in states() {
        for (w, h) in [(40, 12), (60, 20), (80, 24), (120, 40)] {
            for cut in cut_words(&screen(&app, w, h), &known) {
                problems.push(format!("{name} at {w}x{h}: {cut}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_finds_a_silent_cut() {
    let known: HashSet<String> = words("cybersecurity agreement").collect();
    assert_eq!(cut_words("│ the agreem│", &known).len(), 1);
    assert!(cut_words("│ the agreem…│ cybersecurity", &known).is_empty());
}

#[test]
fn pane_titles_are_cut_with_an_ellipsis() {
    let mut app = bundled();
    app.apply(Action::FocusTimeline);
    for _ in 0..6 {
        app.apply(Action::Right);
    }
    let screen = screen(&app, 60, 20);
    let top_of_columns = screen
        .lines()
        .find(|l| l.contains("Event"))
        .expect("the event title");
    assert!(top_of_columns.contains('…'), "{top_of_columns}");
}

/// Under "as of", a later position says so in words: with NO_COLOR the
/// dimming alone would not show.
#[test]
fn not_yet_stated_is_written_out_without_colour() {
    let mut app = bundled();
    app.apply(Action::SelectTopic(2));
    app.apply(Action::Down);
    app.apply(Action::Down);
    app.apply(Action::SetAsOfHere);
    app.apply(Action::ShiftAsOf(-1));
    assert!(app.dates.as_of.is_some());
    let plain = Theme::built_in("default").unwrap().without_color();
    let screen = screen_with(&app, &plain, 120, 40);
    insta::assert_snapshot!("not_yet_stated_no_color_120x40", screen);
    assert!(screen.contains("not yet stated"), "{screen}");
}

#[test]
fn the_observers_column_names_whose_commentary_it_is() {
    let mut app = bundled();
    app.apply(Action::ToggleObservers);
    let screen = screen(&app, 120, 40);
    insta::assert_snapshot!("observers_named_120x40", screen);
}

fn deck_with_a_note(note: &str) -> App {
    let mut app = bundled();
    app.apply(Action::TogglePin);
    app.apply(Action::OpenDeck);
    app.apply(Action::DeckEdit);
    app.apply(Action::Paste(note.to_string()));
    app
}

#[test]
fn the_note_editor_soft_wraps_and_names_the_item() {
    let note = "A long note that goes on well past the width of the editor box so that it has to wrap onto the next rows";
    let app = deck_with_a_note(note);
    let screen = screen(&app, 80, 24);
    insta::assert_snapshot!("editor_soft_wrap_80x24", screen);
    assert!(screen.contains("Note on"), "{screen}");
    assert!(
        screen.contains("next rows"),
        "the end of the line is on screen:\n{screen}"
    );
}

#[test]
fn a_new_heading_shows_a_placeholder() {
    let mut app = bundled();
    app.apply(Action::TogglePin);
    app.apply(Action::OpenDeck);
    app.apply(Action::DeckAddHeading);
    let screen = screen(&app, 80, 24);
    assert!(screen.contains("type the heading"), "{screen}");
    assert!(!screen.contains("New heading"), "{screen}");
}

/// Draws `app` and returns what was drawn where (for `Areas::refine`).
fn drawn(app: &App, width: u16, height: u16) -> (String, ui::Areas) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut areas = ui::Areas::default();
    let theme = Theme::built_in("default").unwrap();
    terminal.draw(|f| areas = ui::draw(f, app, &theme)).unwrap();
    (screen(app, width, height), areas)
}

#[test]
fn choosing_a_link_below_the_fold_scrolls_the_detail_to_it() {
    let mut app = bundled();
    // The joint statement of 25 Sep 2015: a long detail, its links last.
    app.apply(Action::SelectTopic(1));
    app.apply(Action::Down);
    app.apply(Action::Down);
    app.apply(Action::Activate);
    assert!(!app.links().is_empty());
    let (before, areas) = drawn(&app, 120, 40);
    assert!(
        !before.contains("Answered by"),
        "the links start below the fold:\n{before}"
    );
    let action = areas.refine(&app, Action::Right);
    assert!(matches!(action, Action::ShowLink { .. }), "{action:?}");
    app.apply(action);
    let (after, _) = drawn(&app, 120, 40);
    assert!(after.contains("Answered by"), "{after}");
    assert!(after.contains("→ "), "{after}");
}
