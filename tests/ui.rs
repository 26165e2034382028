//! Rendering into ratatui's TestBackend: snapshots of each screen at
//! 80x24 and 120x40, styles where they carry meaning, and a property test
//! of random keys at random sizes.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use demarche::app::{Action, App, keymap};
use demarche::load::{BUNDLED, load_str};
use demarche::theme::Theme;
use demarche::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURE: &str = include_str!("fixtures/explorer.toml");

fn fixture() -> App {
    App::new(load_str("explorer.toml", FIXTURE).unwrap().dataset)
}

fn bundled() -> App {
    App::new(load_str("positions.toml", BUNDLED).unwrap().dataset)
}

fn theme() -> Theme {
    Theme::built_in("default").unwrap()
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            ui::draw(f, app, &theme());
        })
        .unwrap();
    terminal
}

fn screen(app: &App, width: u16, height: u16) -> String {
    render(app, width, height).backend().to_string()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = keymap::lookup(app.context(), &key) {
            app.apply(action);
        }
    }
}

/// Each screen at both sizes, for one app state.
fn snapshot_both(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

#[test]
fn main_screen() {
    snapshot_both("main_fixture", &fixture());
    snapshot_both("main_bundled", &bundled());
}

#[test]
fn search_screen_with_results() {
    let mut app = fixture();
    app.apply(Action::OpenSearch);
    for c in "tariffs".chars() {
        app.apply(Action::SearchInput(c));
    }
    snapshot_both("search", &app);
}

/// A result row keeps the speaker's name whole: the actor column is as
/// wide as the longest short name ("2015 blog", "Huntsman & Blair"), not
/// 8 columns that cut it to "2015…".
#[test]
fn search_rows_keep_the_speakers_name_whole() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    for c in "cyber theft".chars() {
        app.apply(Action::SearchInput(c));
    }
    let text = screen(&app, 80, 24);
    assert!(text.contains(" 2015 blog "), "{text}");
    assert!(!text.contains("2015…"), "{text}");
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    for c in "huntsman".chars() {
        app.apply(Action::SearchInput(c));
    }
    let text = screen(&app, 80, 24);
    assert!(text.contains(" Huntsman & Blair "), "{text}");
}

/// The preview beside the results (120x40) and none at 80x24, with a
/// corrected word and a marked result.
#[test]
fn search_preview_marks_and_corrections() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    for c in "indcitment".chars() {
        app.apply(Action::SearchInput(c));
    }
    app.apply(Action::SearchMark);
    app.apply(Action::Up);
    snapshot_both("search_preview", &app);
    let text = screen(&app, 120, 40);
    assert!(text.contains("showing results for indictment"), "{text}");
    assert!(
        !screen(&app, 99, 40).contains("U.S. government (indictment)"),
        "no preview below 100 columns"
    );
    assert!(
        screen(&app, 100, 40).contains("U.S. government (indictment)"),
        "a preview from 100 columns"
    );
    // The preview highlights the match in the speaker, not only the stance.
    let terminal = render(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let matched = theme().matched;
    let row = (0..40)
        .find(|&y| {
            (0..120)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("U.S. government (indictment)")
        })
        .expect("the speaker is in the preview");
    let styled: String = (0..120)
        .map(|x| &buffer[(x, row)])
        .filter(|cell| cell.fg == matched.fg.unwrap())
        .map(|cell| cell.symbol())
        .collect();
    assert_eq!(styled, "indictment");
}

/// A match deep in the notes is scrolled into the preview.
#[test]
fn the_preview_scrolls_to_a_match_below_its_fold() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    for c in "hainan".chars() {
        app.apply(Action::SearchInput(c));
    }
    for height in [20, 40] {
        let text = screen(&app, 120, height);
        assert!(text.contains("Hainan"), "{text}");
    }
    let tall = screen(&app, 200, 60);
    assert!(
        tall.contains("Herb Lin") && tall.contains("Hainan"),
        "from the top when it fits: {tall}"
    );
}

#[test]
fn search_filter_errors_and_filter_only_results_are_named() {
    let mut app = bundled();
    app.apply(Action::OpenSearch);
    for c in "actor:russia".chars() {
        app.apply(Action::SearchInput(c));
    }
    let text = screen(&app, 80, 24);
    assert!(text.contains("actor:russia matches no actor"), "{text}");
    assert!(text.contains("china"), "lists the actors: {text}");
    app.apply(Action::SearchClearLine);
    for c in "tag:pla".chars() {
        app.apply(Action::SearchInput(c));
    }
    assert!(screen(&app, 120, 40).contains("matched filter tag:pla"));
}

#[test]
fn detail_screen() {
    let mut app = fixture();
    app.apply(Action::Right);
    app.apply(Action::Activate);
    snapshot_both("detail", &app);
}

#[test]
fn timeline_focus_screen() {
    let mut app = bundled();
    press(&mut app, "tl");
    snapshot_both("timeline", &app);
}

#[test]
fn help_screen() {
    let mut app = fixture();
    app.apply(Action::ToggleHelp);
    snapshot_both("help", &app);
}

#[test]
fn too_small_screen() {
    insta::assert_snapshot!("too_small_30x8", screen(&fixture(), 30, 8));
}

#[test]
fn observers_and_cjk_columns() {
    let mut app = fixture();
    press(&mut app, "po");
    snapshot_both("observers_cjk", &app);
}

#[test]
fn search_highlights_are_styled_in_the_columns() {
    let mut app = fixture();
    app.apply(Action::OpenSearch);
    for c in "dumping".chars() {
        app.apply(Action::SearchInput(c));
    }
    app.apply(Action::Activate);
    let terminal = render(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let matched = theme().matched;
    let styled: String = buffer
        .content()
        .iter()
        .filter(|cell| {
            cell.modifier.contains(ratatui::style::Modifier::UNDERLINED) && cell.fg == matched.fg.unwrap()
        })
        .map(|cell| cell.symbol())
        .collect();
    assert!(styled.contains("dumping"), "highlighted cells: {styled:?}");
}

#[test]
fn no_color_keeps_the_selection_visible() {
    let app = fixture();
    let plain = theme().without_color();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| {
            ui::draw(f, &app, &plain);
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    assert!(
        buffer
            .content()
            .iter()
            .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
    );
}

#[test]
fn hostile_text_never_reaches_the_buffer_raw() {
    let hostile = FIXTURE.replace(
        "Steel tariffs are lawful",
        r"Steel \u001b[2J\u0007\u202etariffs are lawful",
    );
    let app = App::new(load_str("x.toml", &hostile).unwrap().dataset);
    let terminal = render(&app, 120, 40);
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{:?}",
            cell.symbol()
        );
    }
    assert!(terminal.backend().to_string().contains("Steel ␛[2J␇tariffs"));
}

/// Joined emoji, variation selectors, skin tones, zero-width spaces and
/// joiners between letters: every cell must be as wide to a terminal that
/// adds up code points as to one that joins them (and to the layout), or
/// borders shift and stale cells are left behind.
#[test]
fn joined_emoji_and_invisible_characters_keep_every_cell_width_agreed() {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let app = App::new(
        load_str("zwj.toml", include_str!("fixtures/zwj.toml"))
            .unwrap()
            .dataset,
    );
    for (width, height) in [(80, 24), (120, 40)] {
        let terminal = render(&app, width, height);
        for cell in terminal.backend().buffer().content() {
            let symbol = cell.symbol();
            let by_char: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(symbol.width(), by_char, "{symbol:?} at {width}x{height}");
            assert!(
                !symbol.contains(['\u{200D}', '\u{FE0F}', '\u{200B}', '\u{AD}']),
                "{symbol:?}"
            );
        }
        let text = terminal.backend().to_string();
        for shown in ["Steel 👨👩👧", "lawful ❤", "retaliation 👍", "dumping 🏳🌈."] {
            assert!(text.contains(shown), "{shown:?} in {text}");
        }
        assert!(text.contains("Tariffs 🧑💻"), "{text}");
    }
    let mut app = app;
    app.apply(Action::Right);
    app.apply(Action::Left);
    app.apply(Action::Activate);
    let text = screen(&app, 120, 40);
    assert!(text.contains("We will defend our industry"), "{text}");
}

#[test]
fn clicks_select_what_was_drawn() {
    let mut app = fixture();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut areas = ui::Areas::default();
    terminal.draw(|f| areas = ui::draw(f, &app, &theme())).unwrap();
    let (rect, topic) = areas.topic_rows[1];
    let action = areas.click(rect.x + 1, rect.y).unwrap();
    assert_eq!(action, Action::ClickItem(demarche::app::Pane::Topics, topic));
    app.apply(action);
    assert_eq!(app.explorer.view.topic, 1);
}

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let codes = vec![
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Char('/'),
        KeyCode::Char('?'),
        KeyCode::Char('t'),
        KeyCode::Char('p'),
        KeyCode::Char('o'),
        KeyCode::Char('a'),
        KeyCode::Char('<'),
        KeyCode::Char('>'),
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Char('1'),
        KeyCode::Char('5'),
        KeyCode::Char('9'),
        KeyCode::Char('x'),
        KeyCode::Char('é'),
        KeyCode::Char('習'),
        KeyCode::Char(':'),
        KeyCode::Char('!'),
        KeyCode::Char('\''),
        KeyCode::Char('^'),
        KeyCode::Char('m'),
        KeyCode::Char('d'),
        KeyCode::Char('P'),
        KeyCode::Char('w'),
        KeyCode::Char('J'),
        KeyCode::Char('K'),
        KeyCode::Char('H'),
        KeyCode::Char('n'),
        KeyCode::Char('v'),
        KeyCode::Char('i'),
        KeyCode::Char('b'),
        KeyCode::Char('.'),
        KeyCode::Char('e'),
        KeyCode::Char('c'),
        KeyCode::Char('N'),
        KeyCode::Char('D'),
        KeyCode::Char(' '),
        KeyCode::Char('l'),
        KeyCode::Char('j'),
        KeyCode::Char('A'),
        KeyCode::Char('M'),
        KeyCode::Delete,
        KeyCode::F(5),
    ];
    proptest::sample::select(codes).prop_map(|c| KeyEvent::new(c, KeyModifiers::NONE))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        keys in proptest::collection::vec(key_strategy(), 0..60),
        width in 1u16..=500,
        height in 1u16..=200,
        use_fixture in any::<bool>(),
    ) {
        let mut app = if use_fixture { fixture() } else { bundled() };
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for key in keys {
            if let Some(action) = keymap::lookup(app.context(), &key) {
                app.apply(action);
            }
            terminal.draw(|f| { ui::draw(f, &app, &theme()); }).unwrap();
        }
        terminal.draw(|f| { ui::draw(f, &app, &theme()); }).unwrap();
    }
}

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
    snapshot_both("deck", &app);
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
fn loading_screen_names_the_file_and_the_quit_keys() {
    let app = App::loading("big.toml");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Loading big.toml…"), "{text}");
    assert!(text.contains("Ctrl-c or q: quit"), "{text}");
}

#[test]
fn reload_banner_names_file_line_and_column() {
    let mut app = fixture();
    app.apply(Action::ReloadFailed(vec![
        "explorer.toml:12:9: \"name\" in actor \"north\" must be a string".into(),
    ]));
    let text = screen(&app, 120, 40);
    assert!(text.contains("showing the last good data"), "{text}");
    assert!(text.contains("explorer.toml:12:9:"), "{text}");
    assert!(text.contains("Northland"), "the old data is still drawn: {text}");
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
fn what_changed_screen() {
    let mut app = fixture();
    app.apply(Action::SetAsOfHere);
    app.apply(Action::ShowChanges);
    snapshot_both("changes", &app);
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
    app.deck.set_note(0, long);
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

/// The bundled data on topic `n` (1-based key), the selection on `id`.
fn bundled_at(id: &str) -> App {
    let mut app = bundled();
    let p = app.lib.ids.positions[id];
    app.jump_to(p);
    app
}

#[test]
fn evidence_badges_lead_the_attribution_line() {
    // Two party columns: full words, the reporter before the speaker.
    let app = bundled_at("us-2013-hagel-shangri-la");
    snapshot_both("evidence_badges", &app);
    let wide = screen(&app, 120, 40);
    assert!(wide.contains("char. · by Segal"), "{wide}");
    assert!(wide.contains("U.S. Secretary of"), "{wide}");
    // Three columns at 80x24 are narrow: the badge is abbreviated, not cut.
    let mut narrow = bundled_at("us-2015-06-will-not-drop-indictments");
    narrow.apply(Action::ToggleObservers);
    snapshot_both("evidence_badges_observers", &narrow);
    let small = screen(&narrow, 80, 24);
    assert!(small.contains("char."), "{small}");
    assert!(!small.contains("charact…"), "{small}");
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

#[test]
fn detail_names_the_reporter_and_a_reported_date() {
    let mut app = bundled_at("china-2014-halts-cooperation");
    app.apply(Action::Activate);
    let text = screen(&app, 120, 40);
    assert!(text.contains("action: a deed"), "{text}");
    assert!(text.contains("Reported by"), "{text}");
    assert!(text.contains("20 May 2014, reported"), "{text}");
}

/// The reader opened on `id`, its text read from the seeds.
fn reading(id: &str) -> App {
    common::reading(id)
}

#[test]
fn reader_screen_highlights_the_quote() {
    let app = reading("us-2015-06-kerry-code-of-conduct");
    snapshot_both("reader_quote", &app);
    let terminal = render(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let matched = theme().matched;
    let highlighted: String = buffer
        .content()
        .iter()
        .filter(|c| {
            c.style().fg == matched.fg
                && c.style()
                    .add_modifier
                    .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .map(|c| c.symbol())
        .collect();
    let highlighted: String = highlighted.split_whitespace().collect();
    assert!(highlighted.starts_with("Webelieveverystrongly"), "{highlighted}");
}

#[test]
fn reader_screen_marks_a_paraphrase_approximate() {
    let app = reading("us-2013-economic-argument");
    snapshot_both("reader_paraphrase", &app);
    assert!(screen(&app, 80, 24).contains("approximate"));
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
    app.deck.insert_heading(0, "Trade and tariffs");
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
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| {
                ui::draw(f, &app, &theme);
            })
            .unwrap();
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
    app.deck.pin(demarche::deck::Target::Position(longest));
    let long: String = (1..=20).map(|n| format!("Point {n} of my notes.\n\n")).collect();
    app.deck.set_note(0, long);
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
        app.deck.insert_heading(0, heading);
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
    app.deck.pin(demarche::deck::Target::Position(
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
    let lib = demarche::app::Library::new(load_str("explorer.toml", &renamed).unwrap().dataset);
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
    let lib = demarche::app::Library::new(load_str("explorer.toml", &renamed).unwrap().dataset);
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
