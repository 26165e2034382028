use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::keymap::{self, help_sections_in};

fn parse(text: &str) -> (Vec<UserBinding>, Vec<Diagnostic>) {
    let root = DeTable::parse(text).expect("valid TOML");
    let mut diags = Vec::new();
    let user = read(root.get_ref(), &keymap::defaults(), &mut diags);
    (user, diags)
}

fn applied(text: &str) -> Vec<Binding> {
    let (user, diags) = parse(text);
    assert!(diags.is_empty(), "{diags:?}");
    apply(keymap::defaults(), &user)
}

fn action_of(bindings: &[Binding], context: Context, c: char) -> Option<Action> {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let key = Key::plain(event.code);
    bindings
        .iter()
        .find(|b| b.context == context && b.key == key)
        .map(|b| b.action.clone())
}

#[test]
fn names_come_from_the_table() {
    assert_eq!(action_name(&Action::OpenSearch), Some("open_search"));
    assert_eq!(action_name(&Action::SelectTopic(0)), Some("select_topic_0"));
    assert_eq!(action_name(&Action::DeckMove(-1)), Some("deck_move_-1"));
    assert_eq!(action_name(&Action::Notify(String::new())), None);
    assert_eq!(context_name(Context::Browse), "browse");
    assert_eq!(context_name(Context::GoTo), "goto");
    let mut seen = std::collections::HashSet::new();
    for b in keymap::defaults() {
        seen.insert((context_name(b.context), action_name(&b.action), b.help));
    }
    let names: std::collections::HashSet<_> = seen.iter().map(|(c, a, _)| (c, a)).collect();
    assert_eq!(names.len(), seen.len(), "one name per action and context");
}

/// The names as config files have used them since `[keys]` existed
/// (until this table they were derived from the variants' Rust names).
/// A name may be added, never renamed or dropped: a user's config would
/// stop working.
const PROMISED_ACTIONS: &[&str] = &[
    "activate",
    "back",
    "capture",
    "clear_as_of",
    "copy_selection",
    "cycle_pair",
    "deck_add_heading",
    "deck_edit",
    "deck_move_-1",
    "deck_move_1",
    "deck_remove",
    "delete_digit",
    "digit_0",
    "digit_1",
    "digit_2",
    "digit_3",
    "digit_4",
    "digit_5",
    "digit_6",
    "digit_7",
    "digit_8",
    "digit_9",
    "down",
    "edit_backspace",
    "edit_delete",
    "edit_down",
    "edit_end",
    "edit_export_title",
    "edit_home",
    "edit_left",
    "edit_newline",
    "edit_right",
    "edit_up",
    "export_as_html",
    "export_as_markdown",
    "export_as_pandoc",
    "export_deck",
    "first",
    "focus_timeline",
    "form_field_-1",
    "form_field_1",
    "last",
    "left",
    "link_back",
    "next_pane",
    "next_slide",
    "open_deck",
    "open_go_to",
    "open_matrix",
    "open_search",
    "open_source",
    "page_down",
    "page_up",
    "present",
    "prev_pane",
    "prev_slide",
    "quit",
    "reader_move_down",
    "reader_move_left",
    "reader_move_page_down",
    "reader_move_page_up",
    "reader_move_right",
    "reader_move_sentence_next",
    "reader_move_sentence_prev",
    "reader_move_up",
    "reader_move_word_next",
    "reader_move_word_prev",
    "reader_select",
    "reader_step_-1",
    "reader_step_1",
    "reload",
    "right",
    "scroll_notes_-1",
    "scroll_notes_1",
    "search_backspace",
    "search_clear_line",
    "search_focus_list",
    "search_focus_query",
    "search_mark",
    "search_mark_all",
    "search_pin",
    "select_topic_0",
    "select_topic_1",
    "select_topic_2",
    "select_topic_3",
    "select_topic_4",
    "select_topic_5",
    "select_topic_6",
    "select_topic_7",
    "select_topic_8",
    "set_as_of_here",
    "shift_as_of_-1",
    "shift_as_of_1",
    "show_changes",
    "suspend",
    "toggle_backstage",
    "toggle_blank",
    "toggle_clock",
    "toggle_compare",
    "toggle_export_notes",
    "toggle_help",
    "toggle_index",
    "toggle_notes",
    "toggle_observers",
    "toggle_pin",
    "undo",
    "up",
];
const PROMISED_CONTEXTS: &[&str] = &[
    "always",
    "backstage",
    "blank",
    "browse",
    "capture",
    "changes",
    "console",
    "deck",
    "detail",
    "editor",
    "export",
    "global",
    "goto",
    "help",
    "index",
    "matrix",
    "present",
    "reader",
    "results",
    "search",
    "timeline",
];

#[test]
fn every_promised_name_still_means_an_action() {
    for name in PROMISED_ACTIONS {
        assert!(names::action(name).is_some(), "{name} no longer names an action");
    }
    let contexts: Vec<&str> = keymap::defaults()
        .iter()
        .map(|b| context_name(b.context))
        .collect();
    for name in PROMISED_CONTEXTS {
        assert!(contexts.contains(name), "{name} no longer names a context");
    }
}

#[test]
fn every_action_name_round_trips_and_is_unique() {
    let mut seen = std::collections::HashSet::new();
    for (name, action) in names::ACTIONS.iter() {
        assert!(seen.insert(*name), "{name} names two actions");
        assert_eq!(names::action(name), Some(action), "{name}");
        assert_eq!(action_name(action), Some(*name), "{action:?} has two names");
    }
    // Every action a key is bound to has a name, and each (context,
    // name) pair read from a config file binds that very action.
    for b in keymap::defaults() {
        let name = action_name(&b.action).unwrap_or_else(|| panic!("{:?} has no config name", b.action));
        let context = context_name(b.context);
        let (user, diags) = parse(&format!("[keys.{context}]\n\"{name}\" = \"F12\"\n"));
        assert!(diags.is_empty(), "[keys.{context}] {name}: {diags:?}");
        assert_eq!(user[0].context, b.context, "[keys.{context}]");
        assert_eq!(user[0].action, b.action, "[keys.{context}] {name}");
    }
}

#[test]
fn every_named_action_has_a_default_key() {
    // A name with no default binding could not be rebound (the reader
    // looks names up among a context's defaults): the table holds none.
    for (name, action) in names::ACTIONS.iter() {
        assert!(
            keymap::defaults().iter().any(|b| b.action == *action),
            "{name} is in the table but bound nowhere"
        );
    }
}

#[test]
fn keys_parse_as_the_help_writes_them() {
    assert_eq!(parse_key("j"), Some(Key::plain(KeyCode::Char('j'))));
    assert_eq!(parse_key("?"), Some(Key::plain(KeyCode::Char('?'))));
    assert_eq!(parse_key("Space"), Some(Key::plain(KeyCode::Char(' '))));
    assert_eq!(parse_key("PgDn"), Some(Key::plain(KeyCode::PageDown)));
    assert_eq!(parse_key("F5"), Some(Key::plain(KeyCode::F(5))));
    assert_eq!(parse_key("Ctrl-n"), Some(Key::ctrl('n')));
    for bad in ["", "jj", "F99", "Ctrl-", "Hyper-x", "\u{1b}"] {
        assert_eq!(parse_key(bad), None, "{bad:?}");
    }
    // Every label the help shows reads back as the same key.
    for b in keymap::defaults() {
        assert_eq!(parse_key(&b.key.label()), Some(b.key), "{}", b.key.label());
    }
}

#[test]
fn a_user_binding_replaces_the_defaults_of_its_action() {
    let bindings = applied("[keys.browse]\nfirst = \"f\"\n");
    assert_eq!(action_of(&bindings, Context::Browse, 'f'), Some(Action::First));
    assert_eq!(
        action_of(&bindings, Context::Browse, 'g'),
        None,
        "g no longer means first"
    );
    assert_eq!(
        action_of(&bindings, Context::Timeline, 'g'),
        Some(Action::First),
        "other contexts keep theirs"
    );
}

#[test]
fn a_user_binding_takes_its_keys_from_other_actions() {
    let bindings = applied("[keys.browse]\nfirst = [\"j\", \"Home\"]\n");
    assert_eq!(action_of(&bindings, Context::Browse, 'j'), Some(Action::First));
    let down: Vec<String> = bindings
        .iter()
        .filter(|b| b.context == Context::Browse && b.action == Action::Down)
        .map(|b| b.key.label())
        .collect();
    assert_eq!(down, ["↓"], "j went to first; ↓ stays");
}

#[test]
fn help_and_hints_show_the_users_keys() {
    let bindings = applied("[keys.global]\nopen_search = \"s\"\n");
    let sections = help_sections_in(&bindings, Context::Browse);
    let anywhere = &sections.iter().find(|(t, _)| *t == "Anywhere").unwrap().1;
    let search = anywhere.iter().find(|l| l.help == "search").unwrap();
    assert_eq!(search.keys, "s");
    let table = keymap::markdown_table_of(&bindings);
    assert!(table.contains("| `s` | search |"), "{table}");
}

#[test]
fn bad_bindings_are_reported_with_line_and_column_and_the_rest_apply() {
    let text =
        "[keys.brwse]\nfirst = \"f\"\n\n[keys.browse]\nfrist = \"f\"\nlast = \"Hyper-x\"\nfirst = \"F\"\n";
    let (user, diags) = parse(text);
    let rendered = demarche_core::diagnostic::render("config.toml", text, &diags);
    assert!(
        rendered.contains("config.toml:1:7: error: unknown key context \"brwse\" (did you mean \"browse\"?)"),
        "{rendered}"
    );
    assert!(
        rendered.contains(
            "config.toml:5:1: error: unknown action \"frist\" in [keys.browse] (did you mean \"first\"?)"
        ),
        "{rendered}"
    );
    assert!(
        rendered.contains("config.toml:6:8: error: \"Hyper-x\" is not a key"),
        "{rendered}"
    );
    assert_eq!(user.len(), 1, "only the sound binding: {user:?}");
    let bindings = apply(keymap::defaults(), &user);
    assert_eq!(action_of(&bindings, Context::Browse, 'F'), Some(Action::First));
    assert_eq!(
        action_of(&bindings, Context::Browse, 'G'),
        Some(Action::Last),
        "last keeps its default"
    );
}

#[test]
fn a_broken_config_file_is_reported_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys.browse]\nfirst = \"\u{1b}]52;c;x\u{7}\"\nlast = [\n").unwrap();
    let (user, report) = from_file(dir.path());
    assert!(user.is_empty());
    let report = report.expect("a report");
    assert!(report.contains("config.toml:"), "{report}");
    assert!(
        !report.contains('\u{1b}') && !report.contains('\u{7}'),
        "sanitised: {report:?}"
    );
    assert!(report.contains("default keys are kept"), "{report}");
}

#[test]
fn a_key_taken_from_another_action_is_named_with_what_it_keeps() {
    let text = "[keys.present]\ntoggle_clock = \"b\"\n[keys.browse]\ndown = \"j\"\n";
    let (user, diags) = parse(text);
    assert!(diags.is_empty(), "{diags:?}");
    let bindings = apply(keymap::defaults(), &user);
    let said = takeovers(&keymap::defaults(), &user, &bindings);
    assert_eq!(
        said,
        [
            "[keys.present] toggle_clock = \"b\" takes b from toggle_blank (blank the screen (any key brings \
             the slide back)); it keeps . w"
        ],
        "moving a key an action already had is no takeover"
    );
    let (user, _) = parse("[keys.present]\ntoggle_clock = [\"b\", \".\", \"w\"]\n");
    let bindings = apply(keymap::defaults(), &user);
    let said = takeovers(&keymap::defaults(), &user, &bindings);
    assert_eq!(said.len(), 3);
    assert!(said[2].ends_with("it has no key left"), "{said:?}");
}

#[test]
fn a_hundred_thousand_bad_bindings_print_a_page_not_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..100_000).map(|n| format!("a{n}=1\n")).collect();
    std::fs::write(dir.path().join("config.toml"), format!("[keys.browse]\n{lines}")).unwrap();
    let (_, report) = from_file(dir.path());
    let report = report.expect("a report");
    assert_eq!(
        report.matches(": error: ").count(),
        demarche_core::diagnostic::MAX_SHOWN,
        "{report}"
    );
    assert!(
        report.contains("config.toml: and 99900 more problems"),
        "{report}"
    );
    assert!(report.len() < 64 * 1024, "{} bytes", report.len());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_an_oversized_config_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // A FIFO where config.toml should be: reading it would block forever.
    let path = dir.path().join("config.toml");
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let (tell, answer) = std::sync::mpsc::channel();
    let config = dir.path().to_path_buf();
    std::thread::spawn(move || tell.send(from_file(&config)));
    let (user, report) = answer
        .recv_timeout(std::time::Duration::from_secs(1))
        .expect("answered within a second");
    assert!(user.is_empty());
    let report = report.expect("a report");
    assert!(
        report.contains("is a FIFO (named pipe), not a regular file"),
        "{report}"
    );
    std::fs::remove_file(&path).unwrap();
    std::fs::File::create(&path)
        .unwrap()
        .set_len(2 * 1024 * 1024)
        .unwrap();
    let report = from_file(dir.path()).1.expect("a report");
    assert!(report.contains("config files are limited to 1 MiB"), "{report}");
}

#[test]
fn an_unknown_setting_is_named_with_its_place_and_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let text = "them = \"light\"\n[key.browse]\ndown = \"Ctrl-n\"\n[keys.browse]\nup = \"Ctrl-p\"\n";
    std::fs::write(dir.path().join("config.toml"), text).unwrap();
    let (user, report) = from_file(dir.path());
    let report = report.expect("a report");
    assert!(
        report.contains("config.toml:1:1: error: unknown setting \"them\", ignored (did you mean \"theme\"?); known: theme, keys"),
        "{report}"
    );
    assert!(
        report.contains(":2:2: error: unknown setting \"key\""),
        "{report}"
    );
    // The sound binding beside them is still taken.
    assert_eq!(user.len(), 1);
    assert_eq!(user[0].action, Action::Up);
    std::fs::write(dir.path().join("config.toml"), "theme = \"light\"\n").unwrap();
    assert_eq!(from_file(dir.path()).1, None, "theme is a setting");
}
