//! The app driven by actions alone, with no terminal.

use super::editor::Edit;
use super::*;
use demarche_core::load::load_str;

const FIXTURE: &str = include_str!("../../../../tests/fixtures/explorer.toml");

fn app() -> App {
    App::new(load_str("explorer.toml", FIXTURE).unwrap().dataset)
}

fn id(app: &App, p: Option<usize>) -> Option<&str> {
    p.map(|p| app.data().positions[p].id.as_str())
}

fn type_query(app: &mut App, text: &str) {
    for c in text.chars() {
        app.apply(Action::SearchInput(c));
    }
}

#[test]
fn starts_on_the_first_topic_with_the_first_pair() {
    let app = app();
    assert_eq!(app.explorer.view.topic, 0);
    assert_eq!(app.pair(), Some((0, Some(1))));
    assert_eq!(app.explorer.grid.columns.len(), 2);
    // North and Sud spoke at the summit in the same row; North again in June.
    assert_eq!(app.explorer.grid.rows.len(), 2);
    assert_eq!(id(&app, app.explorer.grid.cell(0, 1)), Some("south-tariffs-1"));
    assert_eq!(id(&app, app.selected()), Some("north-tariffs-1"));
}

#[test]
fn moving_stays_inside_the_grid() {
    let mut app = app();
    app.apply(Action::Down);
    app.apply(Action::Down);
    assert_eq!(app.explorer.view.row, 1);
    assert_eq!(id(&app, app.selected()), Some("north-tariffs-2"));
    app.apply(Action::Right);
    app.apply(Action::Right);
    assert_eq!(app.explorer.view.column, 1);
    assert_eq!(app.selected(), None, "Sud said nothing in June: an empty cell");
    app.apply(Action::First);
    assert_eq!(app.explorer.view.row, 0);
    app.apply(Action::Left);
    app.apply(Action::Left);
    assert_eq!(app.explorer.view.focus, Focus::Topics);
}

#[test]
fn number_keys_pick_topics_and_ignore_missing_ones() {
    let mut app = app();
    app.apply(Action::SelectTopic(1));
    assert_eq!(app.explorer.view.topic, 1);
    assert_eq!(id(&app, app.explorer.grid.cell(0, 1)), Some("south-talks"));
    app.apply(Action::SelectTopic(8));
    assert_eq!(app.explorer.view.topic, 1);
}

#[test]
fn the_pair_cycles_through_every_pair_of_parties() {
    let mut app = app();
    let mut seen = vec![app.pair()];
    for _ in 0..3 {
        app.apply(Action::CyclePair);
        seen.push(app.pair());
    }
    assert_eq!(
        seen,
        vec![
            Some((0, Some(1))),
            Some((0, Some(2))),
            Some((1, Some(2))),
            Some((0, Some(1)))
        ]
    );
}

#[test]
fn observers_column_toggles_and_keeps_the_selection() {
    let mut app = app();
    app.apply(Action::ToggleObservers);
    assert_eq!(app.explorer.grid.columns.len(), 3);
    assert!(app.explorer.grid.columns[2].observers);
    assert_eq!(id(&app, app.selected()), Some("north-tariffs-1"));
    // "2020" sorts at the end of 2020, after the dated statements.
    let last = app.explorer.grid.rows.len() - 1;
    assert_eq!(id(&app, app.explorer.grid.cell(last, 2)), Some("analyst-tariffs"));
}

#[test]
fn search_jumps_to_the_result_and_esc_restores() {
    let mut app = app();
    app.apply(Action::SelectTopic(1));
    let before = app.explorer.view.clone();
    app.apply(Action::OpenSearch);
    type_query(&mut app, "opposes");
    let state = app.search().unwrap();
    assert_eq!(state.hits.len(), 1);
    app.apply(Action::Activate);
    assert!(app.search().is_none());
    assert_eq!(id(&app, app.selected()), Some("east-tariffs-1"));
    assert_eq!(app.explorer.view.topic, 0);
    assert_eq!(
        app.pair(),
        Some((0, Some(2))),
        "switched to a pair that shows East"
    );
    assert!(app.explorer.highlights.contains_key(&2));

    app.apply(Action::OpenSearch);
    type_query(&mut app, "dialogue");
    app.apply(Action::Back);
    assert_ne!(app.explorer.view, before);
    assert!(app.search().is_none());
    assert!(app.explorer.highlights.is_empty());
}

#[test]
fn search_escape_restores_the_previous_view_exactly() {
    let mut app = app();
    app.apply(Action::Down);
    let before = app.explorer.view.clone();
    app.apply(Action::OpenSearch);
    type_query(&mut app, "tariffs");
    app.apply(Action::Down);
    app.apply(Action::Back);
    assert_eq!(app.explorer.view, before);
}

#[test]
fn typing_q_in_search_is_text_not_quit() {
    let mut app = app();
    app.apply(Action::OpenSearch);
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('q'));
    let action = keymap::lookup(app.context(), &key).unwrap();
    app.apply(action);
    assert!(!app.session.quit);
    assert_eq!(app.search().unwrap().query, "q");
}

#[test]
fn a_bad_query_shows_an_error_and_no_results() {
    let mut app = app();
    app.apply(Action::OpenSearch);
    type_query(&mut app, "from:2020-13");
    let state = app.search().unwrap();
    assert!(state.error.is_some());
    assert!(state.hits.is_empty());
}

#[test]
fn worker_mode_leaves_queries_for_the_worker_and_drops_stale_results() {
    let mut app = app().with_search_worker();
    app.apply(Action::OpenSearch);
    let search = |effects: Vec<Effect>| match effects.as_slice() {
        [Effect::Search(generation, query)] => (*generation, query.clone()),
        other => panic!("expected one search, got {other:?}"),
    };
    let (first, _) = search(app.take_effects());
    app.apply(Action::SearchInput('s'));
    let (second, query) = search(app.take_effects());
    assert_eq!(query, "s");
    app.apply(Action::SearchResults {
        generation: first,
        results: Default::default(),
    });
    assert!(app.search().unwrap().pending, "a stale answer is ignored");
    let results = app
        .lib
        .index
        .search(&demarche_core::search::Query::parse("s").unwrap(), 10);
    app.apply(Action::SearchResults {
        generation: second,
        results,
    });
    assert!(!app.search().unwrap().pending);
}

#[test]
fn detail_links_jump_to_what_a_position_answers() {
    let mut app = app();
    app.apply(Action::Right);
    assert_eq!(id(&app, app.selected()), Some("south-tariffs-1"));
    app.apply(Action::Activate);
    assert_eq!(app.explorer.view.focus, Focus::Detail);
    assert_eq!(app.links(), vec![0]);
    app.apply(Action::Activate);
    assert_eq!(id(&app, app.selected()), Some("north-tariffs-1"));
    assert_eq!(app.links(), vec![1], "answered by Sud");
}

#[test]
fn timeline_focus_moves_between_events_and_shows_their_positions() {
    let mut app = app();
    app.apply(Action::FocusTimeline);
    assert_eq!(app.explorer.view.focus, Focus::Timeline);
    assert_eq!(app.explorer.view.event, Some(0));
    app.apply(Action::Right);
    assert_eq!(app.explorer.view.event, Some(1));
    // The June round: North and Sud (on two topics) in the first pair.
    let shown: Vec<&str> = app
        .explorer
        .grid
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .map(|&p| app.data().positions[p].id.as_str())
        .collect();
    assert_eq!(shown, vec!["north-tariffs-2", "south-talks"]);
    app.apply(Action::Right);
    assert_eq!(app.explorer.view.event, Some(1), "stays on the last event");
    app.apply(Action::Back);
    assert_eq!(app.explorer.view.focus, Focus::Columns);
    assert_eq!(app.explorer.grid.rows.len(), 2, "back to the topic's rows");
}

#[test]
fn as_of_dims_later_positions() {
    let mut app = app();
    app.apply(Action::SetAsOfHere);
    assert_eq!(app.dates.as_of.map(|d| d.iso()), Some("2020-03-10".to_string()));
    assert!(app.is_after_as_of(3), "June positions come after");
    assert!(!app.is_after_as_of(0));
    app.apply(Action::ShiftAsOf(3));
    assert_eq!(app.dates.as_of.map(|d| d.iso()), Some("2020-06-30".to_string()));
    assert!(!app.is_after_as_of(3));
    app.apply(Action::ClearAsOf);
    assert_eq!(app.dates.as_of, None);
}

#[test]
fn help_opens_scrolls_and_closes_without_moving_the_view() {
    let mut app = app();
    let before = app.explorer.view.clone();
    app.apply(Action::ToggleHelp);
    app.apply(Action::Down);
    assert_eq!(
        app.layers.get::<crate::app::HelpView>().map(|h| h.scroll),
        Some(1)
    );
    assert_eq!(app.explorer.view, before);
    app.apply(Action::Back);
    assert_eq!(app.layers.get::<crate::app::HelpView>(), None);
}

#[test]
fn help_lists_every_binding() {
    let sections = keymap::help_sections();
    let all: Vec<&str> = sections
        .iter()
        .flat_map(|(_, lines)| lines.iter().map(|l| l.help))
        .collect();
    for binding in keymap::bindings() {
        assert!(all.contains(&binding.help), "{} missing from help", binding.help);
    }
    let digits = sections
        .iter()
        .flat_map(|(_, l)| l.iter())
        .find(|l| l.help == "pick a topic by number")
        .unwrap();
    assert_eq!(digits.keys, "1-9");
}

#[test]
fn a_file_with_one_party_still_works() {
    let text = FIXTURE
        .replace(
            "id = \"south\"\nname",
            "id = \"south\"\nrole = \"observer\"\nname",
        )
        .replace("id = \"east\"\nname", "id = \"east\"\nrole = \"observer\"\nname");
    let mut app = App::new(load_str("one.toml", &text).unwrap().dataset);
    assert_eq!(app.explorer.grid.columns.len(), 1);
    app.apply(Action::CyclePair);
    assert!(app.session.message.is_some());
}

fn pin_two(app: &mut App) {
    app.apply(Action::TogglePin);
    app.apply(Action::Down);
    app.apply(Action::TogglePin);
}

#[test]
fn pinning_marks_saves_and_unpins() {
    let mut app = app();
    app.apply(Action::TogglePin);
    assert_eq!(app.deck.current.len(), 1);
    assert!(app.is_pinned(0));
    assert_eq!(app.take_effects(), vec![Effect::SaveDeck]);
    app.apply(Action::TogglePin);
    assert!(app.deck.current.is_empty(), "a second m unpins");
    app.apply(Action::FocusTimeline);
    app.apply(Action::TogglePin);
    assert_eq!(
        app.deck.current.items()[0].target(),
        Some(&demarche_core::deck::Target::Event("summit".into()))
    );
}

#[test]
fn deck_reorders_removes_and_groups_under_headings() {
    let mut app = app();
    pin_two(&mut app);
    app.apply(Action::OpenDeck);
    assert_eq!(app.context(), Context::Deck);
    app.apply(Action::Down);
    app.apply(Action::DeckMove(-1));
    assert_eq!(
        app.layers.get::<crate::app::DeckView>().map(|d| d.selected),
        Some(0)
    );
    let first = app.deck.current.items()[0].target().unwrap().id().to_string();
    assert_eq!(first, "north-tariffs-2");
    app.apply(Action::DeckAddHeading);
    assert_eq!(app.context(), Context::Editor, "a new heading opens for naming");
    app.apply(Action::Edit(Edit::Home));
    for _ in 0.."New heading".len() {
        app.apply(Action::Edit(Edit::Delete));
    }
    for c in "Opening".chars() {
        app.apply(Action::Edit(Edit::Insert(c)));
    }
    app.apply(Action::Edit(Edit::Newline));
    assert_eq!(
        app.deck.current.items()[0],
        demarche_core::deck::DeckItem::Heading {
            text: "Opening".into()
        }
    );
    app.apply(Action::Down);
    app.apply(Action::DeckRemove);
    assert_eq!(app.deck.current.len(), 2);
    assert!(
        app.take_effects()
            .iter()
            .filter(|e| **e == Effect::SaveDeck)
            .count()
            >= 3
    );
}

#[test]
fn notes_are_written_to_the_deck_as_they_are_typed_and_take_paste() {
    let mut app = app();
    app.apply(Action::TogglePin);
    app.apply(Action::OpenDeck);
    app.apply(Action::DeckEdit);
    for c in "Lead".chars() {
        app.apply(Action::Edit(Edit::Insert(c)));
    }
    app.apply(Action::Edit(Edit::Newline));
    app.apply(Action::Paste("with this\nquote".into()));
    let note = match &app.deck.current.items()[0] {
        demarche_core::deck::DeckItem::Point { note, .. } => note.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(note, "Lead\nwith this\nquote");
    app.apply(Action::Back);
    assert_eq!(app.context(), Context::Deck);
}

#[test]
fn presentation_navigates_like_a_clicker() {
    let mut app = app();
    app.apply(Action::Present);
    assert!(app.presenter().is_none(), "an empty deck cannot be presented");
    pin_two(&mut app);
    app.apply(Action::SelectTopic(1));
    app.apply(Action::Right);
    app.apply(Action::TogglePin);
    assert_eq!(app.deck.current.len(), 3);
    app.apply(Action::Present);
    assert_eq!(app.context(), Context::Present);
    let slide = |app: &App| app.presenter().unwrap().slide;
    app.apply(Action::NextSlide);
    app.apply(Action::NextSlide);
    app.apply(Action::NextSlide);
    assert_eq!(slide(&app), 2, "stops at the last slide");
    app.apply(Action::PrevSlide);
    assert_eq!(slide(&app), 1);
    app.apply(Action::Digit(3));
    app.apply(Action::Activate);
    assert_eq!(slide(&app), 2, "3 then Enter goes to slide 3");
    app.apply(Action::First);
    assert_eq!(slide(&app), 0);
    app.apply(Action::ToggleBlank);
    assert!(app.blanked());
    app.apply(Action::Back);
    assert!(!app.blanked());
    app.apply(Action::Back);
    assert!(app.presenter().is_none(), "Esc leaves the presentation");
}

#[test]
fn presentation_search_detours_and_esc_returns_to_the_slide() {
    let mut app = app();
    app.apply(Action::TogglePin);
    app.apply(Action::Present);
    app.apply(Action::OpenSearch);
    type_query(&mut app, "standing dialogue");
    app.apply(Action::Activate);
    let p = app.presenter().unwrap();
    assert_eq!(
        id(&app, p.detour),
        Some("south-talks"),
        "a position outside the deck"
    );
    app.apply(Action::Back);
    assert_eq!(app.presenter().unwrap().detour, None);
    assert!(app.presenter().is_some());
}

#[test]
fn missing_pins_are_kept_and_shown_as_missing() {
    let mut app = app();
    app.deck
        .current
        .pin(demarche_core::deck::Target::Position("gone".into()));
    app.apply(Action::TogglePin);
    let slides = app.slides();
    assert!(matches!(&slides[0], Slide::Missing { .. }));
    assert!(matches!(&slides[1], Slide::Position { position: 0, .. }));
}

#[test]
fn copy_puts_stance_quote_and_citation_on_the_clipboard() {
    let mut app = app();
    app.apply(Action::CopySelection);
    let effects = app.take_effects();
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(text.contains("Steel tariffs are lawful retaliation for dumping."));
    assert!(text.contains("“We will defend our industry”"));
    assert!(text.contains("Trade Minister Ada North, 10 Mar 2020"));
    assert!(text.contains("Source: A. Writer, The Gazette: trade round-up, Gazette Press, Mar 2020"));
}

#[test]
fn what_changed_lists_positions_after_the_as_of_date() {
    let mut app = app();
    app.apply(Action::ShowChanges);
    assert!(
        app.layers.get::<crate::app::ChangesView>().is_none(),
        "needs an as-of date"
    );
    assert!(app.session.message.is_some());
    app.apply(Action::SetAsOfHere);
    app.apply(Action::ShowChanges);
    assert_eq!(app.context(), Context::Changes);
    let view = app.layers.get::<crate::app::ChangesView>().unwrap();
    let ids: Vec<&str> = view
        .list
        .iter()
        .map(|c| app.data().positions[c.position].id.as_str())
        .collect();
    assert!(
        ids.contains(&"north-tariffs-2") && ids.contains(&"east-tariffs-1"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"north-tariffs-1"));
    let at = ids.iter().position(|&id| id == "east-tariffs-1").unwrap();
    for _ in 0..at {
        app.apply(Action::Down);
    }
    app.apply(Action::Activate);
    assert!(app.layers.get::<crate::app::ChangesView>().is_none());
    assert_eq!(id(&app, app.selected()), Some("east-tariffs-1"));
}

#[test]
fn pinning_a_topic_makes_a_comparison_slide() {
    let mut app = app();
    app.apply(Action::Left);
    assert_eq!(app.explorer.view.focus, Focus::Topics);
    app.apply(Action::TogglePin);
    assert_eq!(
        app.deck.current.items()[0].target(),
        Some(&demarche_core::deck::Target::Topic("tariffs".into()))
    );
    assert!(matches!(app.slides()[0], Slide::Comparison { topic: 0, .. }));
    app.apply(Action::Present);
    assert!(app.presenter().is_some());
}

#[test]
fn the_top_layer_gets_the_keys_and_esc_peels_one_layer_at_a_time() {
    let mut app = app();
    app.apply(Action::TogglePin);
    app.apply(Action::Present);
    app.apply(Action::ToggleIndex);
    app.apply(Action::Digit(1));
    app.apply(Action::ToggleHelp);
    let kinds = |app: &App| app.layers.iter().map(|l| l.context()).collect::<Vec<_>>();
    assert_eq!(kinds(&app), [Context::Index, Context::GoTo, Context::Help]);
    assert_eq!(app.context(), Context::Help);
    app.apply(Action::ToggleHelp);
    assert_eq!(app.context(), Context::GoTo);
    app.apply(Action::Back);
    assert_eq!(app.context(), Context::Index);
    app.apply(Action::Back);
    assert!(app.layers.is_empty());
    assert_eq!(app.context(), Context::Present, "the base view is left");
}

#[test]
fn export_offers_the_formats_then_asks_for_the_chosen_one() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use demarche_core::export::DeckFormat;
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut app = app();
    for (c, format) in [
        ('m', DeckFormat::Markdown),
        ('h', DeckFormat::Html),
        ('p', DeckFormat::Pandoc),
    ] {
        app.apply(keymap::lookup(app.context(), &key('x')).unwrap());
        assert_eq!(app.context(), Context::Export, "x opens the choice");
        assert!(app.take_effects().is_empty(), "nothing written before a choice");
        app.apply(keymap::lookup(app.context(), &key(c)).unwrap());
        assert_eq!(app.take_effects(), vec![Effect::Export(format)]);
        assert!(app.layers.is_empty(), "the choice closes");
    }
    app.apply(Action::OpenDeck);
    app.apply(Action::ExportDeck);
    app.apply(Action::Back);
    assert!(app.take_effects().is_empty(), "Esc cancels");
    assert_eq!(app.context(), Context::Deck, "back in the deck");
    let hints: Vec<_> = keymap::hints(Context::Export)
        .into_iter()
        .map(|h| h.keys)
        .collect();
    assert_eq!(hints, ["m", "h", "p", "n", "t", "Esc/q"]);
}
