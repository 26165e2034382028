//! Capture driven by actions alone: selection motions in the reader, the
//! form's defaults, Esc keeping a draft, and saving through an effect.

use super::super::*;
use crate::app::editor::Edit;
use crate::app::reader::Motion;

fn bundled() -> App {
    App::new(demarche_core::load::load_bundled().unwrap().dataset)
}

/// Opens the reader on `id`'s source and reads the seed text, as the
/// event loop would.
fn reader_on(id: &str) -> App {
    let mut app = bundled();
    let p = app.lib.ids.positions[id];
    app.jump_to(p);
    app.apply(Action::OpenSource);
    answer(&mut app);
    app
}

fn answer(app: &mut App) {
    crate::app::reader::answer_from_seeds(app);
}

fn reader(app: &App) -> &Reader {
    app.layers
        .get::<crate::app::Reader>()
        .expect("the reader is open")
}

fn form(app: &App) -> &CaptureForm {
    app.layers
        .get::<crate::app::CaptureForm>()
        .expect("the form is open")
}

fn value(app: &App, key: &str) -> String {
    form(app).field(key).unwrap().value()
}

fn line_of(app: &App, line: usize) -> String {
    let ReaderDoc::Text(doc) = &reader(app).doc else {
        panic!()
    };
    doc.lines[line].clone()
}

/// Puts the cursor at the first occurrence of `words` in the text.
fn cursor_at(app: &mut App, words: &str) {
    let ReaderDoc::Text(doc) = &reader(app).doc else {
        panic!()
    };
    let (line, text) = doc
        .lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains(words))
        .expect("in the text");
    let col = text[..text.find(words).unwrap()].chars().count();
    app.layers.get_mut::<crate::app::Reader>().unwrap().cursor = Spot::new(line, col);
}

#[test]
fn w_and_v_select_words_and_c_captures_exactly_them_as_a_quote() {
    let mut app = reader_on("segal-2013-state-responsibility-tension");
    // "good cop, bad cop" stands in quotation marks in Segal's text.
    cursor_at(&mut app, "Good cop, bad cop\" is still");
    app.apply(Action::ReaderSelect);
    // Each `w` takes a whole word (the comma is one): five reach "cop".
    for _ in 0..5 {
        app.apply(Action::ReaderMove(Motion::WordNext));
    }
    app.apply(Action::ReaderSelect);
    let selection = reader(&app).selection.unwrap();
    assert!(!selection.open);
    app.apply(Action::Capture);
    assert_eq!(app.context(), Context::Capture);
    assert_eq!(value(&app, "quote"), "Good cop, bad cop");
    assert_eq!(form(&app).focus, 0, "the stance comes first");
    assert_eq!(form(&app).fields[0].key, "stance");
    assert_eq!(value(&app, "stance"), "");
    assert_eq!(value(&app, "actor"), "segal");
    assert_eq!(
        value(&app, "topic"),
        app.lib.data.topics
            [app.lib.data.positions[app.lib.ids.positions["segal-2013-state-responsibility-tension"]].topic]
            .id
    );
    assert_eq!(value(&app, "date"), "2013", "the source's date");
    assert_eq!(value(&app, "evidence"), "quote");
    assert_eq!(
        value(&app, "reported_by"),
        "",
        "Segal does not report his own words"
    );
}

#[test]
fn outside_quotation_marks_a_capture_is_a_characterization_reported_by_the_author() {
    let mut app = reader_on("us-2013-state-responsibility-norm");
    cursor_at(&mut app, "An approach that directly");
    app.apply(Action::ReaderSelect);
    // `)` takes the sentence to its stop, and not a letter more.
    app.apply(Action::ReaderMove(Motion::SentenceNext));
    app.apply(Action::Capture);
    assert_eq!(
        value(&app, "quote"),
        "An approach that directly calls out the seriousness of the attacks but indirectly hints at the possible sanctions seems the most likely."
    );
    assert_eq!(value(&app, "evidence"), "characterization");
    assert_eq!(value(&app, "actor"), "us");
    assert_eq!(value(&app, "reported_by"), "segal");
}

#[test]
fn a_selection_across_lines_is_one_line_of_quote() {
    let mut app = reader_on("us-2013-state-responsibility-norm");
    cursor_at(&mut app, "The two leaders have");
    let line = reader(&app).cursor.line;
    app.apply(Action::ReaderSelect);
    app.apply(Action::ReaderMove(Motion::Down));
    app.apply(Action::ReaderMove(Motion::Down));
    app.apply(Action::Capture);
    let quote = value(&app, "quote");
    assert!(!quote.contains('\n'), "{quote}");
    assert!(quote.starts_with(&line_of(&app, line)), "{quote}");
}

#[test]
fn esc_keeps_the_form_and_c_reopens_it_with_what_was_typed() {
    let mut app = reader_on("us-2013-state-responsibility-norm");
    app.apply(Action::ReaderSelect);
    app.apply(Action::ReaderMove(Motion::WordNext));
    app.apply(Action::Capture);
    for c in "Wants rules".chars() {
        app.apply(Action::Edit(Edit::Insert(c)));
    }
    app.apply(Action::FormField(1));
    // Help over the form, and back to it.
    app.apply(Action::ToggleHelp);
    assert_eq!(app.context(), Context::Help);
    app.apply(Action::ToggleHelp);
    assert_eq!(app.context(), Context::Capture);
    app.apply(Action::Back);
    assert_eq!(app.context(), Context::Reader);
    assert!(
        app.session.message.as_deref().unwrap().contains("c reopens"),
        "{:?}",
        app.session.message
    );
    app.apply(Action::Capture);
    assert_eq!(value(&app, "stance"), "Wants rules");
    assert_eq!(form(&app).focus, 1);
}

#[test]
fn pick_lists_take_typing_and_enter_saves_through_an_effect() {
    let mut app = reader_on("us-2013-state-responsibility-norm");
    app.apply(Action::ReaderSelect);
    app.apply(Action::ReaderMove(Motion::WordNext));
    app.apply(Action::Capture);
    app.apply(Action::Activate);
    assert_eq!(form(&app).error.as_deref(), Some("fill in: stance"));
    assert!(app.take_effects().is_empty());
    for c in "Rules first".chars() {
        app.apply(Action::Edit(Edit::Insert(c)));
    }
    app.apply(Action::FormField(2)); // actor
    for c in "chna".chars() {
        app.apply(Action::Edit(Edit::Insert(c)));
    }
    assert_eq!(value(&app, "actor"), "china");
    app.apply(Action::Activate);
    let effects = app.take_effects();
    let [Effect::AddPosition(entry)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(entry.get("actor"), Some("china"));
    assert_eq!(entry.get("stance"), Some("Rules first"));
    assert_eq!(entry.get("source"), Some("segal-2013-sunnylands"));
    assert!(entry.get("id").unwrap().starts_with("china-2013-rules-first"));
    // A refusal shows in the form, which stays open.
    app.apply(Action::Captured(Err(
        "talks.toml:3:1: error: bad\nsecond line".into()
    )));
    assert_eq!(
        form(&app).error.as_deref(),
        Some("talks.toml:3:1: error: bad\nsecond line")
    );
    assert!(!form(&app).saving);
    // Written: the form and the reader close; the reload selects it.
    app.apply(Action::Activate);
    app.take_effects();
    app.apply(Action::Captured(Ok("china-2013-rules-first".into())));
    assert_eq!(app.context(), Context::Browse);
    assert!(app.session.capture_drafts.is_empty());
    assert!(app.take_effects().is_empty(), "the file watch reloads");
    // The reload brings the position: it is shown and selected.
    let text =
        demarche_core::edit::add_entries(demarche_core::load::BUNDLED, std::slice::from_ref(entry)).unwrap();
    let data = demarche_core::load::load_str("p.toml", &text).unwrap().dataset;
    app.apply(Action::Reloaded(Box::new(data)));
    let p = app.selected().expect("selected");
    assert_eq!(app.lib.data.positions[p].id, "china-2013-rules-first");
    assert_eq!(
        app.session.message.as_deref(),
        Some("added position china-2013-rules-first")
    );
}

#[test]
fn an_unsaved_capture_is_handed_back_as_a_command() {
    let mut app = reader_on("us-2013-state-responsibility-norm");
    app.apply(Action::ReaderSelect);
    app.apply(Action::ReaderMove(Motion::WordNext));
    app.apply(Action::ReaderMove(Motion::WordNext));
    app.apply(Action::Capture);
    for c in "Won't say".chars() {
        app.apply(Action::Edit(Edit::Insert(c)));
    }
    let forms: Vec<&CaptureForm> = app.unsaved_captures().collect();
    assert_eq!(forms.len(), 1);
    let line = forms[0].command_line("my data.toml");
    let quote = value(&app, "quote");
    assert_eq!(
        line,
        format!(
            "demarche --data 'my data.toml' add position --source segal-2013-sunnylands \
             --stance 'Won'\\''t say' --quote '{quote}' --actor us --topic state-responsibility \
             --date 2013 --evidence characterization --reported-by segal"
        )
    );
    app.apply(Action::Back);
    assert_eq!(app.unsaved_captures().count(), 1, "the draft");
}

#[test]
fn read_opens_the_reader_on_a_source_without_a_position() {
    let mut app = bundled();
    app.apply(Action::ReadSourceText(2));
    assert_eq!(app.context(), Context::Reader);
    answer(&mut app);
    assert_eq!(reader(&app).position, None);
    assert_eq!(reader(&app).cursor, Spot::new(0, 0));
    app.apply(Action::Capture);
    assert!(
        app.session
            .message
            .as_deref()
            .unwrap()
            .starts_with("select the words first: v"),
        "{:?}",
        app.session.message
    );
    app.apply(Action::ReaderPoint {
        spot: Spot::new(0, 0),
        drag: false,
    });
    app.apply(Action::ReaderPoint {
        spot: Spot::new(0, 4),
        drag: true,
    });
    app.apply(Action::ReaderRelease);
    app.apply(Action::Capture);
    assert_eq!(value(&app, "quote").chars().count(), 5);
    assert_eq!(value(&app, "actor"), "", "no position to take the actor from");
    assert_eq!(value(&app, "date"), "2015-09-25");
}
