//! The reader's selection and the capture form, drawn: snapshots at
//! 80x24 and 120x40, and the selected cells styled apart (also without
//! colour).

mod common;

use demarche_tui::app::{Action, App, Motion};
use ratatui::style::Modifier;

/// The reader on a position's source, read from the seeds, with four
/// whole words from the cursor (the quote's start) selected.
fn selecting(id: &str) -> App {
    let mut app = common::reading(id);
    app.apply(Action::ReaderSelect);
    for _ in 0..4 {
        app.apply(Action::ReaderMove(Motion::WordNext));
    }
    app.apply(Action::ReaderSelect);
    app
}

use common::screen_text as screen;

#[test]
fn the_selection_is_underlined_and_the_header_says_what_c_does() {
    let app = selecting("us-2015-06-kerry-code-of-conduct");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("selected: c captures it as a position, v starts another"),
        "{text}"
    );
    let theme = common::screen::default_theme();
    let terminal = common::screen::terminal(&app, 120, 40);
    let selected: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        // The theme's selected style (reversed and bold), underlined too.
        .filter(|c| {
            c.style()
                .add_modifier
                .contains(Modifier::UNDERLINED | theme.selected.add_modifier)
        })
        .map(|c| c.symbol())
        .collect();
    // The four words, up to the last letter of the fourth.
    assert_eq!(selected, "We believe very strongly", "{text}");
}

#[test]
fn capture_form_screens() {
    let mut app = selecting("us-2015-06-kerry-code-of-conduct");
    app.apply(Action::Capture);
    insta::assert_snapshot!("capture_form_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("capture_form_120x40", screen(&app, 120, 40));
    // A refusal shows in full in the form.
    app.apply(Action::Activate);
    let text = screen(&app, 120, 40);
    assert!(text.contains("fill in: stance"), "{text}");
    app.apply(Action::FormField(2));
    let text = screen(&app, 80, 24);
    assert!(text.contains("type to filter"), "the actor's pick-list: {text}");
}
