//! The matrix layer and slide rendered into ratatui's TestBackend, for two
//! and four parties at 80x24, 120x40 and 200x50.

use demarche_core::date::Date;
use demarche_core::load::load_str;
use demarche_tui::app::{Action, App};

mod common;

fn app(file: &str) -> App {
    App::new(load_str("m.toml", file).unwrap().dataset)
}

fn two() -> App {
    app(include_str!("fixtures/matrix2.toml"))
}

fn four() -> App {
    app(include_str!("fixtures/matrix4.toml"))
}

use common::screen;

fn at(app: &mut App, date: &str) {
    // `<`/`>` move by months from the date in view; set it directly here.
    app.apply(Action::OpenMatrix);
    let target = Date::parse(date).unwrap();
    app.apply(Action::ShiftAsOf(0));
    let from = app.dates.as_of.unwrap();
    let months = target.month_index() - from.month_index();
    app.apply(Action::ShiftAsOf(months as i32));
    assert_eq!(app.dates.as_of.map(|d| d.iso()), Some(target.last_day().iso()));
}

fn snapshot_sizes(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn two_parties_with_changes_marked() {
    let mut app = two();
    at(&mut app, "2020-06");
    app.apply(Action::ShowChanges);
    app.apply(Action::ShiftAsOf(4));
    let text = screen(&app, 120, 40);
    assert!(text.contains("State of play, as of 31 Oct 2020"), "{text}");
    assert!(text.contains("* stated after 30 Jun 2020"), "{text}");
    assert!(
        text.contains("no stated position"),
        "silence is spelled out: {text}"
    );
    snapshot_sizes("matrix_two", &app);
}

#[test]
fn four_parties_scroll_sideways() {
    let mut app = four();
    at(&mut app, "2021-04");
    snapshot_sizes("matrix_four", &app);
    let narrow = screen(&app, 80, 24);
    assert!(narrow.contains("2 more ▶"), "{narrow}");
    for _ in 0..3 {
        app.apply(Action::Right);
    }
    let narrow = screen(&app, 80, 24);
    assert!(
        narrow.contains("Delta Union") && narrow.contains("◀ 2 more"),
        "{narrow}"
    );
}

#[test]
fn a_pinned_matrix_is_a_slide() {
    for (name, mut app) in [("two", two()), ("four", four())] {
        at(&mut app, "2021-05");
        app.apply(Action::TogglePin);
        app.apply(Action::Back);
        app.apply(Action::Present);
        insta::assert_snapshot!(format!("present_matrix_{name}_80x24"), screen(&app, 80, 24));
        insta::assert_snapshot!(format!("present_matrix_{name}_200x50"), screen(&app, 200, 50));
    }
}

#[test]
fn enter_shows_the_position_with_its_history() {
    let mut app = two();
    app.apply(Action::OpenMatrix);
    app.apply(Action::Activate);
    let text = screen(&app, 120, 40);
    assert!(text.contains("History (North, 2 positions)"), "{text}");
    assert!(text.contains("[-only after the southern"), "{text}");
    assert!(text.contains("{+now, with"), "{text}");
    app.apply(Action::Back);
    assert!(screen(&app, 120, 40).contains("State of play"));
}

#[test]
fn notes_show_under_a_matrix_slide() {
    let mut app = two();
    app.apply(Action::OpenMatrix);
    app.apply(Action::TogglePin);
    app.deck.current.set_note(0, "Ask the room who moved first.");
    app.apply(Action::Back);
    app.apply(Action::Present);
    assert!(!screen(&app, 80, 24).contains("Ask the room"));
    app.apply(Action::ToggleNotes);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("My notes") && text.contains("Ask the room who moved first."),
        "{text}"
    );
    assert!(
        text.contains("Fishing rights"),
        "the table is still there: {text}"
    );
}

/// The bundled data in October 2015, changes since June marked: the
/// topics the joint statement of 25 September turned to `agreed`.
#[test]
fn bundled_data_after_the_summit() {
    let mut app = app(demarche_core::load::BUNDLED);
    at(&mut app, "2015-06");
    app.apply(Action::ShowChanges);
    app.apply(Action::ShiftAsOf(4));
    let text = screen(&app, 120, 40);
    assert!(text.contains("State of play, as of 31 Oct 2015"), "{text}");
    insta::assert_snapshot!("matrix_bundled_2015_10_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("matrix_bundled_2015_10_120x40", text);
}

/// The presenter console's "Now" pane: a matrix slide as its table, and a
/// position slide with the party's history on the topic.
#[test]
fn the_console_shows_the_matrix_and_how_a_stance_changed() {
    use demarche_core::deck::{Deck, Target};
    use demarche_tui::remote::{Event, Link, State};
    let mut deck = Deck::default();
    deck.pin(Target::matrix(None));
    deck.pin(Target::Position("north-fishing-2".into()));
    let data = load_str("m.toml", include_str!("fixtures/matrix2.toml"))
        .unwrap()
        .dataset;
    let mut app = App::new(data).with_deck(deck).into_console(None);
    app.apply(Action::Remote(Event::Link(Link::Connected)));
    let show = |app: &mut App, slide| {
        app.apply(Action::Remote(Event::State(State {
            slide,
            slides: 2,
            ..State::default()
        })));
    };
    show(&mut app, 0);
    let text = screen(&app, 120, 40);
    assert!(text.contains("State of play, latest positions"), "{text}");
    assert!(
        text.contains("Fishing rights") && text.contains("agreed"),
        "{text}"
    );
    show(&mut app, 1);
    let text = screen(&app, 120, 40);
    assert!(text.contains("History (North, 2 positions)"), "{text}");
    assert!(text.contains("[-only after"), "{text}");
}

/// The bundled data with `id` selected and the detail focused.
fn bundled_detail(id: &str) -> App {
    let mut app = App::new(demarche_core::load::load_bundled().unwrap().dataset);
    let p = app.lib.ids.positions[id];
    app.jump_to(p);
    app.apply(Action::Activate);
    app
}

#[test]
fn the_detail_lists_relations_both_ways_and_why_a_position_no_longer_stands() {
    let halt = screen(&bundled_detail("china-2014-halts-cooperation"), 200, 60);
    assert!(halt.contains("Suspends"), "{halt}");
    assert!(
        halt.contains("→ China, 2013 – 7 Jun 2013: Agrees with the US"),
        "{halt}"
    );
    assert!(halt.contains("Responds to"), "{halt}");
    let group = bundled_detail("china-2013-working-group");
    let text = screen(&group, 200, 60);
    assert!(text.contains("Suspended by"), "{text}");
    assert!(
        text.contains("suspended 20 May 2014 by China: Halts cybersecurity"),
        "{text}"
    );
    assert!(
        text.contains("2013 – 7 Jun 2013 (somewhere between the two)"),
        "{text}"
    );
    insta::assert_snapshot!("detail_relations_200x60", text);
    // Left/Right walk the links in the order they are listed ("Suspended
    // by" first, then "Answered by"); Enter follows.
    let mut group = group;
    group.apply(Action::Right);
    group.apply(Action::Activate);
    let id = |app: &App| app.selected().map(|p| app.lib.data.positions[p].id.clone());
    assert_eq!(id(&group).as_deref(), Some("webster-2013-dialogue-progress"));
    let mut group = bundled_detail("china-2013-working-group");
    group.apply(Action::Activate);
    assert_eq!(id(&group).as_deref(), Some("china-2014-halts-cooperation"));
}

#[test]
fn the_help_has_the_matrix_legend_with_suspended_and_uncertain() {
    let mut app = two();
    app.apply(Action::OpenMatrix);
    app.apply(Action::ToggleHelp);
    let text = common::help_text(&app);
    assert!(text.contains("Matrix legend"), "{text}");
    for entry in [
        "█",
        "agreed",
        "▚",
        "suspended",
        "▒",
        "░",
        "?",
        "uncertain",
        "+qualified",
    ] {
        assert!(text.contains(entry), "legend lacks {entry}");
    }
}

/// A one-line cell's text without the marks after its stance: " ?"
/// (uncertain), " +qualified", " +N" (more standing).
fn without_marks(mut cell: &str) -> &str {
    loop {
        let trimmed = cell
            .strip_suffix(" ?")
            .or_else(|| cell.strip_suffix(" +qualified"))
            .or_else(|| {
                let (rest, n) = cell.rsplit_once(" +")?;
                n.chars().all(|c| c.is_ascii_digit()).then_some(rest)
            });
        match trimmed {
            Some(rest) => cell = rest,
            None => return cell,
        }
    }
}

/// A matrix slide cut to fit (the room at 80x24, the console's Next
/// pane) never cuts a topic's name or a stance bare: what is cut ends in
/// "…" ("Code of conduct and" read as a whole name, "Commits, with Chin"
/// as a whole stance).
#[test]
fn a_cut_matrix_slide_marks_every_cut_with_an_ellipsis() {
    use demarche_core::deck::{Deck, Target};
    let data = load_str("m.toml", demarche_core::load::BUNDLED).unwrap().dataset;
    let topics: Vec<String> = data.topics.iter().map(|t| t.name.clone()).collect();
    let stances: Vec<String> = data.positions.iter().map(|p| p.stance.clone()).collect();
    let mut deck = Deck::default();
    deck.pin(Target::matrix(None));
    let mut app = App::new(data).with_deck(deck);
    app.apply(Action::Present);
    for (w, h) in [(80, 24)] {
        let text = screen(&app, w, h);
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| ["one-sided", "agreed", "stated"].iter().any(|s| l.contains(s)))
            .filter(|l| !l.contains("suspended"))
            .collect();
        assert!(rows.len() >= 10, "{text}");
        for row in rows {
            let row = row.trim_matches(|c| c == '"' || c == '│').trim();
            let status = [" one-sided", " agreed", " stated"]
                .iter()
                .filter_map(|s| row.find(s))
                .min()
                .unwrap();
            let name = row[..status].trim();
            let whole = topics.iter().any(|t| t == name);
            let cut = name
                .strip_suffix('…')
                .is_some_and(|p| topics.iter().any(|t| t.starts_with(p)));
            assert!(whole || cut, "topic name cut bare: {name:?} in\n{text}");
            for badge in ["joint · ", "quote · ", "char. · ", "para. · "] {
                for (at, _) in row.match_indices(badge) {
                    let rest = &row[at + badge.len()..];
                    let stance = rest.split("  ").next().unwrap().trim_end();
                    let stance = stance.strip_suffix(" no stated position").unwrap_or(stance);
                    let stance = without_marks(stance);
                    let whole = stances.iter().any(|s| s == stance);
                    assert!(
                        whole || stance.ends_with('…'),
                        "stance cut bare: {stance:?} in\n{text}"
                    );
                }
            }
        }
    }
}

/// A matrix slide at 80x24 has one line per topic: a cell there keeps its
/// marks ("?" when the dates do not settle it) and cuts only the stance,
/// with an ellipsis, never a word in half at the screen's edge.
#[test]
fn one_line_slide_cells_keep_their_marks_and_cut_the_stance_visibly() {
    let mut app = app(demarche_core::load::BUNDLED);
    at(&mut app, "2013-03");
    app.apply(Action::TogglePin);
    app.apply(Action::Back);
    app.apply(Action::Present);
    let text = screen(&app, 80, 24);
    let dialogue = text
        .lines()
        .find(|l| l.contains("Dialogue"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(dialogue.contains("agreed?"), "{dialogue}");
    assert_eq!(dialogue.matches(" ?").count(), 2, "each party's cell: {dialogue}");
    for line in text
        .lines()
        .filter(|l| l.contains("char. ·") || l.contains("joint ·"))
    {
        let end = line.trim_end_matches([' ', '"']);
        assert!(
            end.ends_with('…') || end.ends_with('?') || end.ends_with('.') || end.ends_with("position"),
            "a cut stance ends with …: {line}"
        );
    }
    insta::assert_snapshot!("present_matrix_bundled_2013_03_80x24", text);
}
