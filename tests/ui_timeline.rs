//! The timeline pane as a reader meets it: periods drawn as spans, labels
//! that stay put while stepping through events, the key event labelled,
//! and a legend in the help.

use demarche_core::load::load_str;
use demarche_tui::app::{Action, App};

fn imprecise() -> App {
    let text = include_str!("fixtures/imprecise.toml");
    App::new(load_str("imprecise.toml", text).unwrap().dataset)
}

mod common;

use common::{bundled_app as bundled, press, screen_lines as screen};

/// The axis row: the year scale is the line under it.
fn axis_row(lines: &[String]) -> usize {
    let scale = lines
        .iter()
        .rposition(|l| l.contains("2015"))
        .expect("a year scale");
    scale - 1
}

/// The two label rows above the axis.
fn label_rows(lines: &[String]) -> Vec<String> {
    let axis = axis_row(lines);
    lines[axis - 2..axis].to_vec()
}

#[test]
fn timeline_with_spans_snapshots() {
    let mut app = imprecise();
    press(&mut app, "t");
    insta::assert_snapshot!("timeline_spans_120x40", screen(&app, 120, 40).join("\n"));
    insta::assert_snapshot!("timeline_spans_80x24", screen(&app, 80, 24).join("\n"));
}

#[test]
fn a_year_is_drawn_over_its_whole_period_and_a_day_as_a_point() {
    let mut app = imprecise();
    press(&mut app, "t");
    let lines = screen(&app, 120, 40);
    let axis = &lines[axis_row(&lines)];
    assert!(axis.contains('◆'), "the summit, a known day: {axis}");
    let span = axis.find('├').zip(axis.find('┤'));
    let (from, until) = span.unwrap_or_else(|| panic!("\"2015\" as a span: {axis}"));
    assert!(until > from + 20, "the span covers most of the axis: {axis}");
}

#[test]
fn labels_stay_put_while_stepping_through_events() {
    for width in [120u16, 200] {
        let mut app = bundled();
        press(&mut app, "t");
        let first = label_rows(&screen(&app, width, 40));
        for _ in 0..6 {
            press(&mut app, "l");
            let now = label_rows(&screen(&app, width, 40));
            // A label either stays where it was or is covered by the current
            // event's; nothing moves to another row or column.
            for (row, (a, b)) in first.iter().zip(&now).enumerate() {
                let kept = a.chars().zip(b.chars()).filter(|(x, y)| x == y).count();
                assert!(
                    kept * 10 >= a.chars().count() * 7,
                    "row {row} at {width} moved:\n{a}\n{b}"
                );
            }
        }
    }
}

#[test]
fn the_summit_of_25_september_2015_is_labelled_at_120_and_200_columns() {
    for width in [120u16, 200] {
        let app = bundled();
        let labels = label_rows(&screen(&app, width, 40)).join("\n");
        assert!(labels.contains("Obama-Xi"), "{width}:\n{labels}");
        let summit = app
            .data()
            .events
            .iter()
            .position(|e| e.date.iso() == "2015-09-25")
            .expect("the summit event");
        let name = &app.data().events[summit].name;
        let lead: String = name.chars().take(8).collect();
        assert!(labels.matches(&lead).count() >= 1, "{width}: {lead} in\n{labels}");
    }
}

#[test]
fn the_help_has_a_legend_for_every_timeline_symbol() {
    let mut app = imprecise();
    app.apply(Action::ToggleHelp);
    let text = common::help_text(&app);
    assert!(text.contains("Timeline legend"), "{text}");
    for symbol in ["◆", "├┄┤", "▲", "┃", "≈", "┼"] {
        assert!(text.contains(symbol), "legend lacks {symbol}");
    }
}
