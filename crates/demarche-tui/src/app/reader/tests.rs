//! The reader driven by actions alone: the file is read by the test (as
//! the event loop would) from the seed texts beside the checkout.

use super::super::*;

fn bundled() -> App {
    App::new(demarche_core::load::load_bundled().unwrap().dataset)
}

fn index(app: &App, id: &str) -> usize {
    app.lib.ids.positions[id]
}

/// Selects position `id` in the explorer and presses `s`.
fn open_on(app: &mut App, id: &str) {
    let p = index(app, id);
    app.jump_to(p);
    assert_eq!(app.selected(), Some(p));
    app.apply(Action::OpenSource);
}

/// What the event loop does for `Effect::ReadSource`: read from the seeds.
fn answer(app: &mut App) {
    super::answer_from_seeds(app);
}

fn reader(app: &App) -> &Reader {
    app.layers
        .get::<crate::app::Reader>()
        .expect("the reader is open")
}

/// The highlighted text, line by line.
fn highlighted(app: &App) -> String {
    let r = reader(app);
    let ReaderDoc::Text(doc) = &r.doc else {
        panic!("no text")
    };
    r.passage
        .marks
        .iter()
        .map(|(line, chars)| {
            let all: Vec<char> = doc.lines[*line].chars().collect();
            chars.iter().map(|&i| all[i]).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn s_opens_the_reader_on_the_source_and_highlights_the_quote() {
    let mut app = bundled();
    open_on(&mut app, "us-2015-06-kerry-code-of-conduct");
    assert_eq!(app.context(), Context::Reader);
    assert_eq!(reader(&app).doc, ReaderDoc::Loading);
    answer(&mut app);
    assert!(reader(&app).passage.exact);
    assert_eq!(
        highlighted(&app),
        "We believe very strongly that the U.S. and China should be working together to develop and implement a shared understanding of appropriate state behavior in cyberspace."
    );
}

#[test]
fn a_quote_with_an_ellipsis_highlights_each_piece() {
    let mut app = bundled();
    open_on(&mut app, "segal-2013-first-step");
    answer(&mut app);
    let text = highlighted(&app);
    assert!(
        text.starts_with("these talks are unlikely to bring any concrete deliverables"),
        "{text}"
    );
    assert!(text.contains("it may not be misplaced"), "{text}");
    assert!(!text.contains("The number of cyber espionage attacks"), "{text}");
}

#[test]
fn a_paraphrase_marks_the_best_matching_passage_as_approximate() {
    let mut app = bundled();
    open_on(&mut app, "us-2013-economic-argument");
    answer(&mut app);
    assert!(!reader(&app).passage.exact);
    let text = highlighted(&app);
    assert!(
        text.contains("Cyberattacks could threaten foreign investment in China"),
        "{text}"
    );
}

#[test]
fn n_and_shift_n_step_through_the_positions_quoting_the_source() {
    let mut app = bundled();
    open_on(&mut app, "us-2015-06-kerry-code-of-conduct");
    answer(&mut app);
    let ring = reader(&app).ring.clone();
    let data = &app.lib.data;
    let source = data.positions[ring[0]].source;
    assert!(ring.len() > 3);
    assert!(ring.iter().all(|&q| data.positions[q].source == source));
    let start = reader(&app).position.unwrap();
    app.apply(Action::ReaderStep(1));
    let next = reader(&app).position.unwrap();
    assert_ne!(next, start);
    assert!(app.take_effects().is_empty(), "the text is read once");
    assert!(reader(&app).passage.exact);
    let quote = app.lib.data.positions[next].quote.clone().unwrap();
    assert_eq!(highlighted(&app).replace('\n', " "), quote.replace(" ... ", " "));
    app.apply(Action::ReaderStep(-1));
    assert_eq!(reader(&app).position, Some(start));
    // Stepping back from the first wraps to the last.
    for _ in 0..ring.iter().position(|&q| q == start).unwrap() + 1 {
        app.apply(Action::ReaderStep(-1));
    }
    assert_eq!(reader(&app).position, ring.last().copied());
}

#[test]
fn esc_returns_to_the_explorer_where_it_was() {
    let mut app = bundled();
    open_on(&mut app, "us-2013-hagel-shangri-la");
    let view = app.explorer.view.clone();
    answer(&mut app);
    app.apply(Action::Down);
    app.apply(Action::ReaderStep(1));
    app.apply(Action::Back);
    assert!(app.layers.get::<crate::app::Reader>().is_none());
    assert_eq!(app.explorer.view, view);
    assert_eq!(app.context(), Context::Browse);
}

/// `?` in the reader opens help with the reader's own keys first (the
/// `read` command's help promises it); closing help returns to the reader.
#[test]
fn question_mark_opens_help_on_the_readers_keys_and_returns_to_it() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = bundled();
    open_on(&mut app, "us-2013-hagel-shangri-la");
    answer(&mut app);
    let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
    let action = keymap::lookup(app.context(), &question).expect("? is bound in the reader");
    app.apply(action);
    assert_eq!(app.context(), Context::Help);
    let first = keymap::help_sections_from(Context::Reader)[0].0;
    assert_eq!(first, Context::Reader.title());
    let close = keymap::lookup(app.context(), &question).expect("? closes help");
    app.apply(close);
    assert_eq!(app.context(), Context::Reader);
    assert!(app.layers.get::<crate::app::Reader>().is_some());
}

#[test]
fn a_missing_file_says_where_it_looked() {
    let mut app = bundled();
    open_on(&mut app, "us-2013-hagel-shangri-la");
    let source = app.lib.data.positions[index(&app, "us-2013-hagel-shangri-la")].source;
    let why = demarche_core::sources::SourceDirs::new(Some(std::path::Path::new("/nowhere")), None)
        .read(Some("000_d99e0f763bed8ad8.txt"))
        .unwrap_err()
        .to_string();
    app.apply(Action::SourceRead {
        source,
        result: Err(why),
    });
    let ReaderDoc::Missing(message) = &reader(&app).doc else {
        panic!()
    };
    assert!(
        message.contains("looked in /nowhere/000_d99e0f763bed8ad8.txt"),
        "{message}"
    );
}

#[test]
fn a_stale_answer_for_another_source_is_dropped() {
    let mut app = bundled();
    open_on(&mut app, "us-2013-hagel-shangri-la");
    let other = (reader(&app).source + 1) % app.lib.data.sources.len();
    app.apply(Action::SourceRead {
        source: other,
        result: Ok(("x".into(), "text".into())),
    });
    assert_eq!(reader(&app).doc, ReaderDoc::Loading);
}

#[test]
fn source_text_is_sanitised() {
    let doc = SourceDoc::new("a\u{1b}.txt", "one\u{1b}[31m red\r\n\u{202e}two\tthree");
    assert_eq!(doc.lines, ["one␛[31m red", "two three"]);
    assert_eq!(doc.path, "a␛.txt");
}
