//! The explorer rendered into ratatui's TestBackend: snapshots of each
//! screen at 80x24 and 120x40 (search, detail, timeline, help, reader,
//! what changed), styles where they carry meaning, and a property test of
//! random keys at random sizes. The deck and the presentation are in
//! tests/ui_present.rs.

mod common;

use common::screen::{FIXTURE, default_theme as theme, terminal as render};
use common::{bundled_app as bundled, bundled_at, fixture_app as fixture, press, screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use demarche_core::load::load_str;
use demarche_tui::app::{Action, App, keymap};
use demarche_tui::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn main_screen() {
    snapshot_both!("main_fixture", &fixture());
    snapshot_both!("main_bundled", &bundled());
}

#[test]
fn search_screen_with_results() {
    let mut app = fixture();
    app.apply(Action::OpenSearch);
    for c in "tariffs".chars() {
        app.apply(Action::SearchInput(c));
    }
    snapshot_both!("search", &app);
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
    snapshot_both!("search_preview", &app);
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
    snapshot_both!("detail", &app);
}

#[test]
fn timeline_focus_screen() {
    let mut app = bundled();
    press(&mut app, "tl");
    snapshot_both!("timeline", &app);
}

#[test]
fn help_screen() {
    let mut app = fixture();
    app.apply(Action::ToggleHelp);
    snapshot_both!("help", &app);
}

#[test]
fn too_small_screen() {
    insta::assert_snapshot!("too_small_30x8", screen(&fixture(), 30, 8));
}

#[test]
fn observers_and_cjk_columns() {
    let mut app = fixture();
    press(&mut app, "po");
    snapshot_both!("observers_cjk", &app);
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
    let terminal = common::screen::terminal_in(&app, &plain, 120, 40);
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
    assert_eq!(action, Action::ClickItem(demarche_tui::app::Pane::Topics, topic));
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
fn what_changed_screen() {
    let mut app = fixture();
    app.apply(Action::SetAsOfHere);
    app.apply(Action::ShowChanges);
    snapshot_both!("changes", &app);
}

#[test]
fn evidence_badges_lead_the_attribution_line() {
    // Two party columns: full words, the reporter before the speaker.
    let app = bundled_at("us-2013-hagel-shangri-la");
    snapshot_both!("evidence_badges", &app);
    let wide = screen(&app, 120, 40);
    assert!(wide.contains("char. · by Segal"), "{wide}");
    assert!(wide.contains("U.S. Secretary of"), "{wide}");
    // Three columns at 80x24 are narrow: the badge is abbreviated, not cut.
    let mut narrow = bundled_at("us-2015-06-will-not-drop-indictments");
    narrow.apply(Action::ToggleObservers);
    snapshot_both!("evidence_badges_observers", &narrow);
    let small = screen(&narrow, 80, 24);
    assert!(small.contains("char."), "{small}");
    assert!(!small.contains("charact…"), "{small}");
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

#[test]
fn reader_screen_highlights_the_quote() {
    let app = common::reading("us-2015-06-kerry-code-of-conduct");
    snapshot_both!("reader_quote", &app);
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
    let app = common::reading("us-2013-economic-argument");
    snapshot_both!("reader_paraphrase", &app);
    assert!(screen(&app, 80, 24).contains("approximate"));
}
