//! The deck and the presentation rendered into ratatui's TestBackend:
//! the deck overlay, slides at 80x24 and 200x50, notes, the index, blank,
//! headings in large type, the projector theme, what the room sees with a
//! console attached or broken data, and slides kept when data changes
//! mid-talk.

mod common;

use common::screen::{FIXTURE, default_theme as theme, terminal as render};
use common::{bundled_app as bundled, bundled_at, fixture_app as fixture, screen};
use demarche_core::load::load_str;
use demarche_tui::app::{Action, App};
use demarche_tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A deck of a heading, two positions (one with a note) and an event.
fn presenting() -> App {
    let mut app = fixture();
    app.apply(Action::TogglePin);
    app.apply(Action::Right);
    app.apply(Action::TogglePin);
    app.apply(Action::FocusTimeline);
    app.apply(Action::TogglePin);
    app.apply(Action::Back);
    app.apply(Action::OpenDeck);
    app.apply(Action::DeckEdit);
    app.apply(Action::Paste("Open with the minister's line.".into()));
    app.apply(Action::Back);
    app.apply(Action::Back);
    app.apply(Action::Present);
    app
}

#[test]
fn deck_overlay_screen() {
    let mut app = presenting();
    app.apply(Action::Back);
    app.apply(Action::OpenDeck);
    snapshot_both!("deck", &app);
}

#[test]
fn presentation_slides_at_80x24_and_200x50() {
    let mut app = presenting();
    insta::assert_snapshot!("present_slide1_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("present_slide1_200x50", screen(&app, 200, 50));
    app.apply(Action::ToggleNotes);
    insta::assert_snapshot!("present_notes_80x24", screen(&app, 80, 24));
    app.apply(Action::ToggleNotes);
    app.apply(Action::NextSlide);
    insta::assert_snapshot!("present_slide2_cjk_80x24", screen(&app, 80, 24));
    app.apply(Action::ToggleCompare);
    insta::assert_snapshot!("present_compare_200x50", screen(&app, 200, 50));
    app.apply(Action::ToggleCompare);
    app.apply(Action::NextSlide);
    insta::assert_snapshot!("present_event_80x24", screen(&app, 80, 24));
    app.apply(Action::ToggleIndex);
    insta::assert_snapshot!("present_index_80x24", screen(&app, 80, 24));
}

#[test]
fn presentation_blank_shows_nothing() {
    let mut app = presenting();
    app.apply(Action::ToggleBlank);
    let text = screen(&app, 80, 24);
    assert!(
        text.lines()
            .all(|l| l.trim_matches(|c| c == '"' || c == ' ').is_empty()),
        "{text}"
    );
}

#[test]
fn notes_stay_hidden_unless_asked_for() {
    let app = presenting();
    assert!(!screen(&app, 120, 40).contains("minister's line"));
}

#[test]
fn a_deck_that_cannot_be_saved_shows_the_whole_reason() {
    let mut app = fixture();
    let why = "talking points not saved (trying again): /home/seminar/week-3/briefing/positions.talking-points.toml: cannot save the talking points: Read-only file system (os error 30)";
    app.apply(Action::DeckProblem(why.into()));
    let text = screen(&app, 80, 24);
    // Wrapped over rows above the status line, not cut short.
    let joined: String = text
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("- ", "-"); // a line may break after a hyphen
    assert!(joined.contains("Read-only file system (os error 30)"), "{text}");
    insta::assert_snapshot!("deck_problem_80x24", text);
}

#[test]
fn export_format_choice_screen() {
    let mut app = fixture();
    app.apply(Action::ExportDeck);
    insta::assert_snapshot!("export_choice_80x24", screen(&app, 80, 24));
}

#[test]
fn a_pinned_topic_presents_as_a_comparison() {
    let mut app = fixture();
    app.apply(Action::Left);
    app.apply(Action::TogglePin);
    app.apply(Action::Present);
    insta::assert_snapshot!("present_topic_comparison_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("present_topic_comparison_200x50", screen(&app, 200, 50));
}

/// The cells drawn in `style`'s colours, as text.
fn cells_in(terminal: &Terminal<TestBackend>, style: ratatui::style::Style) -> String {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| {
            style.fg.is_none_or(|fg| c.fg == fg)
                && style.bg.is_none_or(|bg| c.bg == bg)
                && c.modifier.contains(style.add_modifier)
        })
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn long_notes_scroll_behind_a_more_marker() {
    let mut app = presenting();
    let long: String = (1..=30).map(|n| format!("Point {n} of my notes.\n\n")).collect();
    app.deck.current.set_note(0, long);
    app.apply(Action::ToggleNotes);
    let first = screen(&app, 80, 24);
    assert!(first.contains("Point 1 of my notes."), "{first}");
    assert!(first.contains("▼ more: lines 1–"), "{first}");
    insta::assert_snapshot!("present_long_notes_80x24", first);
    for _ in 0..200 {
        app.apply(Action::ScrollNotes(1));
    }
    let end = screen(&app, 80, 24);
    assert!(
        end.contains("Point 30 of my notes."),
        "the end can be reached: {end}"
    );
    assert!(end.contains("▲ lines"), "{end}");
    let wide = screen(&app, 200, 50);
    assert!(wide.contains("Point 30 of my notes."), "{wide}");
}

#[test]
fn the_comparison_highlights_the_slides_position() {
    let mut app = presenting();
    app.apply(Action::NextSlide);
    app.apply(Action::ToggleCompare);
    let terminal = render(&app, 200, 50);
    let highlighted = cells_in(&terminal, theme().selected);
    assert!(highlighted.contains("Les tarifs violent"), "{highlighted:?}");
    assert!(!highlighted.contains("Steel tariffs"), "{highlighted:?}");
}

#[test]
fn the_index_says_who_spoke() {
    let mut app = presenting();
    app.apply(Action::ToggleIndex);
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("— Northland, Trade Minister Ada North, 10 Mar 2020"),
        "{text}"
    );
}

/// On a slide, an author's sentence under the actor's name is labelled as
/// the author's, never left to read as the actor's words; the actor's own
/// quote is not labelled.
#[test]
fn a_slide_says_whose_words_the_quote_is() {
    let slide = |id: &str| {
        let mut app = bundled_at(id);
        app.apply(Action::TogglePin);
        app.apply(Action::Present);
        screen(&app, 120, 40)
    };
    let authors = slide("china-2013-working-group");
    let label = authors
        .lines()
        .position(|l| l.contains("The author's words (verbatim)"))
        .unwrap_or_else(|| panic!("{authors}"));
    let quote = authors
        .lines()
        .position(|l| l.contains("an agreement to form a high-level working group"))
        .unwrap();
    assert!(label < quote, "the label comes first: {authors}");
    let own = slide("us-2015-06-kerry-code-of-conduct");
    assert!(own.contains("We believe very strongly"), "{own}");
    assert!(!own.contains("author's words"), "{own}");
}

const BROKEN: &str = "explorer.toml:12:9: \"name\" in actor \"north\" must be a string";

#[test]
fn a_broken_data_file_never_covers_the_audience_slide() {
    let mut app = presenting();
    app.apply(Action::ReloadFailed(vec![BROKEN.into()]));
    for (w, h) in [(80, 24), (200, 50)] {
        let text = screen(&app, w, h);
        assert!(!text.contains("explorer.toml:12:9"), "{text}");
        assert!(!text.contains("showing the last good data"), "{text}");
        assert!(
            text.contains("Steel tariffs are lawful"),
            "the slide is whole: {text}"
        );
        assert!(
            text.contains("data file has errors (e)"),
            "a discreet marker: {text}"
        );
        insta::assert_snapshot!(format!("present_broken_data_{w}x{h}"), text);
    }
    // The presenter opens the marker to read the errors.
    app.apply(Action::ToggleBackstage);
    assert!(screen(&app, 80, 24).contains("explorer.toml:12:9"));
}

#[test]
fn with_a_console_attached_the_audience_sees_only_the_slide() {
    let mut app = presenting();
    app.apply(Action::ToggleNotes);
    app.apply(Action::ToggleClock);
    app.apply(Action::ReloadFailed(vec![BROKEN.into()]));
    app.apply(Action::ConsoleAttached(true));
    for (w, h) in [(80, 24), (200, 50)] {
        let text = screen(&app, w, h);
        for private in [
            "minister's line",
            "My notes",
            "00:00",
            "data file has errors",
            "explorer.toml",
        ] {
            assert!(
                !text.contains(private),
                "{private:?} on the audience screen: {text}"
            );
        }
        insta::assert_snapshot!(format!("present_audience_{w}x{h}"), text);
    }
    let attached = screen(&app, 80, 24);
    app.apply(Action::ConsoleAttached(false));
    assert_eq!(
        screen(&app, 80, 24),
        attached,
        "a console leaving changes nothing the room shows"
    );
    // Asked for again on the room's own keyboard, alone: shown.
    app.apply(Action::ToggleNotes);
    let alone = screen(&app, 80, 24);
    assert!(
        alone.contains("My notes") && alone.contains("data file has errors"),
        "{alone}"
    );
}

/// A deck whose first item is a heading.
fn presenting_a_section() -> App {
    let mut app = presenting();
    app.deck.current.insert_heading(0, "Trade and tariffs");
    app.apply(Action::First);
    app
}

#[test]
fn headings_are_section_slides_in_large_type_when_there_is_room() {
    let app = presenting_a_section();
    let big = screen(&app, 200, 50);
    assert!(
        !big.contains("Trade and tariffs"),
        "drawn in large type, not as text: {big}"
    );
    assert!(
        big.contains('█') || big.contains('▀') || big.contains('▄'),
        "{big}"
    );
    insta::assert_snapshot!("present_section_200x50", big);
    let small = screen(&app, 80, 24);
    assert!(
        small.contains("Trade and tariffs"),
        "too small for large type: {small}"
    );
    insta::assert_snapshot!("present_section_80x24", small);
}

#[test]
fn projector_theme_slides() {
    let mut app = presenting();
    app.apply(Action::NextSlide);
    let theme = Theme::built_in("projector").unwrap();
    for (w, h) in [(80, 24), (200, 50)] {
        let terminal = common::screen::terminal_in(&app, &theme, w, h);
        let buffer = terminal.backend().buffer();
        let black = ratatui::style::Color::Rgb(0, 0, 0);
        assert!(buffer.content().iter().all(|c| c.bg == black), "one black page");
        insta::assert_snapshot!(
            format!("present_projector_{w}x{h}"),
            terminal.backend().to_string()
        );
    }
}

#[test]
fn notes_on_a_long_slide_at_80x24_get_room_and_scroll() {
    // The bundled position with the longest quote: a slide that fills 80x24.
    let mut app = bundled();
    let longest = app
        .data()
        .positions
        .iter()
        .max_by_key(|p| p.quote.as_deref().map_or(0, str::len) + p.stance.len())
        .unwrap()
        .id
        .clone();
    app.deck
        .current
        .pin(demarche_core::deck::Target::Position(longest));
    let long: String = (1..=20).map(|n| format!("Point {n} of my notes.\n\n")).collect();
    app.deck.current.set_note(0, long);
    app.apply(Action::Present);
    app.apply(Action::ToggleNotes);
    let first = screen(&app, 80, 24);
    assert!(
        first.contains("My notes") && first.contains("Point 1 of my notes."),
        "{first}"
    );
    assert!(
        first.contains("under my notes"),
        "the slide says it gave way: {first}"
    );
    assert!(!first.contains("do not fit"), "{first}");
    for _ in 0..4 {
        app.apply(Action::ScrollNotes(1));
    }
    let scrolled = screen(&app, 80, 24);
    assert!(scrolled.contains("lines 5–"), "{scrolled}");
    assert!(!scrolled.contains("Point 1 of my notes."), "{scrolled}");
}

#[test]
fn headings_of_any_length_get_large_type_on_a_big_screen() {
    for heading in [
        "Norms and state responsibility",
        "Indictments, the working group and what each side asked for",
        "Cybersecurityandinformationsharingarrangements",
        "Beijing’s reply – “no” to the list",
    ] {
        let mut app = presenting();
        app.deck.current.insert_heading(0, heading);
        app.apply(Action::First);
        for (w, h) in [(200, 55), (120, 40)] {
            let big = screen(&app, w, h);
            assert!(
                !big.contains(heading.split(' ').next().unwrap()),
                "{heading:?} at {w}x{h} drawn as text, not in large type: {big}"
            );
        }
    }
}

#[test]
fn the_slide_index_names_a_party_speaking_for_itself_once() {
    let mut app = bundled();
    app.deck.current.pin(demarche_core::deck::Target::Position(
        "china-2014-halts-cooperation".into(),
    ));
    app.apply(Action::Present);
    app.apply(Action::ToggleIndex);
    let text = screen(&app, 120, 40);
    assert!(text.contains("— China, 20 May 2014"), "{text}");
    assert!(!text.contains("China, China"), "{text}");
}

#[test]
fn a_position_renamed_mid_talk_keeps_its_slide_on_the_room() {
    let mut app = presenting();
    let before = screen(&app, 120, 40);
    assert!(before.contains("Steel tariffs are lawful"), "{before}");
    let renamed = FIXTURE.replace("\"north-tariffs-1\"", "\"north-tariffs-one\"");
    let lib = load_str("explorer.toml", &renamed).unwrap().dataset;
    app.apply(Action::Reloaded(Box::new(lib)));
    let after = screen(&app, 120, 40);
    assert!(!after.contains("[missing"), "{after}");
    assert!(
        after.contains("Steel tariffs are lawful"),
        "the last good slide: {after}"
    );
    app.apply(Action::ToggleIndex);
    let index = screen(&app, 120, 40);
    assert!(
        index.contains("Steel tariffs are lawful retaliation for dumping. [stale]"),
        "{index}"
    );
}

#[test]
fn a_topic_renamed_mid_talk_keeps_its_comparison_on_the_room() {
    let mut app = fixture();
    app.apply(Action::Left);
    app.apply(Action::TogglePin);
    app.apply(Action::Present);
    let before = screen(&app, 120, 40);
    let renamed = FIXTURE.replace("\"tariffs\"", "\"duties\"");
    let lib = load_str("explorer.toml", &renamed).unwrap().dataset;
    let t0 = std::time::Instant::now();
    app.apply(Action::Tick(t0));
    app.apply(Action::Reloaded(Box::new(lib)));
    assert!(screen(&app, 120, 40).contains("missing from the data"));
    // The reload's own marker fades; the slide itself is what the room saw.
    app.apply(Action::Tick(t0 + std::time::Duration::from_millis(2100)));
    let after = screen(&app, 120, 40);
    assert!(!after.contains("[missing"), "{after}");
    assert_eq!(slide_body(&after), slide_body(&before), "{after}");
    insta::assert_snapshot!("present_stale_topic_120x40", after);
    app.apply(Action::ToggleIndex);
    let index = screen(&app, 120, 40);
    assert!(index.contains("[stale]"), "{index}");
}

/// A room frame without its top line (the counter and any marker).
fn slide_body(frame: &str) -> String {
    frame.lines().skip(1).collect::<Vec<_>>().join("\n")
}
