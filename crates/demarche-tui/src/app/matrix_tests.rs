//! The matrix layer driven by actions: scrubbing, marks, Enter and Esc,
//! pinning.

use super::*;
use demarche_core::asof::Standing;
use demarche_core::date::Date;
use demarche_core::deck::Target;
use demarche_core::load::load_str;
use demarche_core::matrix::Status;

fn app() -> App {
    App::new(
        load_str("m2.toml", include_str!("../../../../tests/fixtures/matrix2.toml"))
            .unwrap()
            .dataset,
    )
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn view(app: &App) -> &MatrixView {
    app.layers
        .get::<crate::app::MatrixView>()
        .expect("the matrix is open")
}

fn fishing(app: &App) -> Status {
    view(app).snapshot.status[0]
}

#[test]
fn m_opens_it_and_scrubbing_moves_the_one_as_of_date() {
    let mut app = app();
    app.apply(Action::OpenMatrix);
    assert_eq!(app.context(), Context::Matrix);
    app.set_as_of(Some(day("2020-08-31")));
    assert_eq!(fishing(&app), Status::Stated);
    app.apply(Action::ShiftAsOf(1));
    assert_eq!(app.dates.as_of, Some(day("2020-09-30")));
    assert_eq!(fishing(&app), Status::Agreed, "the joint texts of 25 Sep");
    assert_eq!(view(&app).snapshot.as_of, app.dates.as_of);
    app.apply(Action::ShiftAsOf(-6));
    assert_eq!(fishing(&app), Status::OneSided, "only North by March");
    app.apply(Action::ClearAsOf);
    assert_eq!(fishing(&app), Status::Agreed, "no date: the latest");
    // The explorer's standings follow the same date.
    app.set_as_of(Some(day("2020-06-30")));
    assert_eq!(app.standing(0), Some(Standing::Latest));
    assert_eq!(app.standing(2), Some(Standing::Later));
}

#[test]
fn w_marks_changes_after_the_date_in_view() {
    let mut app = app();
    app.apply(Action::OpenMatrix);
    app.set_as_of(Some(day("2020-06-30")));
    app.apply(Action::ShowChanges);
    assert_eq!(view(&app).since, Some(day("2020-06-30")));
    app.apply(Action::ShowChanges);
    assert_eq!(view(&app).since, None, "w again clears the marks");
}

#[test]
fn enter_opens_the_cell_and_esc_comes_back() {
    let mut app = app();
    app.apply(Action::OpenMatrix);
    app.apply(Action::Down);
    app.apply(Action::Right);
    app.apply(Action::Activate);
    assert!(
        app.layers.get::<crate::app::MatrixView>().is_some(),
        "an empty cell has nothing to open"
    );
    assert!(
        app.session
            .message
            .as_deref()
            .unwrap()
            .contains("no stated position"),
        "South is silent on borders"
    );
    app.apply(Action::Up);
    app.apply(Action::Activate);
    assert!(
        app.layers.get::<crate::app::MatrixView>().is_none(),
        "the explorer is showing"
    );
    assert_eq!(app.explorer.view.focus, Focus::Detail);
    let shown = app.selected().map(|p| app.data().positions[p].id.clone());
    assert_eq!(shown.as_deref(), Some("south-fishing-2"));
    app.apply(Action::Back);
    let back = view(&app);
    assert_eq!((back.row, back.column), (0, 1), "the cursor where it was");
    app.apply(Action::Back);
    assert!(app.layers.is_empty());
}

#[test]
fn m_pins_the_matrix_at_its_date() {
    let mut app = app();
    app.apply(Action::OpenMatrix);
    app.set_as_of(Some(day("2020-10-31")));
    app.apply(Action::TogglePin);
    assert!(app.deck.current.is_pinned(&Target::Matrix("2020-10-31".into())));
    assert!(app.take_effects().contains(&Effect::SaveDeck));
    app.apply(Action::TogglePin);
    assert!(app.deck.current.is_empty(), "m again unpins it");
    app.apply(Action::ClearAsOf);
    app.apply(Action::TogglePin);
    assert!(app.deck.current.is_pinned(&Target::Matrix("latest".into())));
    assert!(matches!(app.slides()[0], Slide::Matrix { as_of: None, .. }));
}

#[test]
fn a_reload_rebuilds_the_open_matrix() {
    let mut app = app();
    app.apply(Action::OpenMatrix);
    let mut data = app.data().clone();
    for p in &mut data.positions {
        p.evidence = None;
        p.agreed = false;
    }
    app.apply(Action::Reloaded(Box::new(data)));
    assert_eq!(fishing(&app), Status::Stated, "no agreed positions any more");
}
