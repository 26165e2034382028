//! Keys the user can change, and messages that only ever name keys the
//! keymap binds.

use std::process::Command;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use demarche_core::load::{BUNDLED, load_str};
use demarche_tui::app::{Action, App, Context, keymap};

mod common;

use common::screen_text as screen;

#[test]
fn the_search_bar_names_only_keys_bound_in_the_search_bar() {
    let mut app = App::new(load_str("positions.toml", BUNDLED).unwrap().dataset);
    app.apply(Action::OpenSearch);
    let shown = screen(&app, 120, 40);
    let syntax = keymap::key_for(Context::Search, &Action::ToggleHelp).expect("a key for the syntax");
    assert!(shown.contains(&format!("{syntax} syntax")), "{shown}");
    assert!(
        !shown.contains("? syntax"),
        "? types a literal ? in the search bar"
    );
    // The key it names opens the help, with the search syntax first.
    let code = match syntax.as_str() {
        "F1" => KeyCode::F(1),
        other => KeyCode::Char(other.chars().next().unwrap()),
    };
    let action = keymap::lookup(app.context(), &KeyEvent::new(code, KeyModifiers::NONE));
    assert_eq!(action, Some(Action::ToggleHelp));
    app.apply(Action::ToggleHelp);
    let help = screen(&app, 120, 40);
    let first_section = help.lines().nth(2).unwrap_or_default().to_string();
    assert!(first_section.contains("Search syntax"), "{help}");
    // And '?' there is text, not a command.
    let question = keymap::lookup(
        Context::Search,
        &KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE),
    );
    assert_eq!(question, Some(Action::SearchInput('?')));
}

#[test]
fn every_hint_names_a_key_that_does_what_it_says() {
    for context in [
        Context::Browse,
        Context::Search,
        Context::Deck,
        Context::Present,
        Context::Index,
    ] {
        for hint in keymap::hints(context) {
            let labels: Vec<String> = keymap::bindings()
                .iter()
                .filter(|b| {
                    b.hint && b.help == hint.help && (b.context == context || b.context == Context::Global)
                })
                .map(|b| b.key.label())
                .collect();
            assert!(!labels.is_empty(), "{context:?}: {}", hint.help);
            assert!(
                labels.iter().all(|l| hint.keys.contains(l.as_str())),
                "{context:?}: {} names {} of {labels:?}",
                hint.help,
                hint.keys
            );
        }
    }
}

fn demarche_with_config(config: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("demarche")).unwrap();
    std::fs::write(home.path().join("demarche/config.toml"), config).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.path())
        .env("COLUMNS", "160")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn keys_lists_the_users_bindings_and_reports_a_bad_one() {
    let config =
        "theme = \"default\"\n\n[keys.global]\nopen_search = \"s\"\n\n[keys.browse]\nfrist = \"f\"\n";
    let (out, err, code) = demarche_with_config(config, &["keys"]);
    assert_eq!(code, Some(0), "{err}");
    let search = out
        .lines()
        .find(|l| l.contains("open_search"))
        .expect("open_search listed");
    assert!(search.starts_with("global     s "), "{search}");
    assert!(
        err.contains(
            "config.toml:7:1: error: unknown action \"frist\" in [keys.browse] (did you mean \"first\"?)"
        ),
        "{err}"
    );
    assert!(err.contains("default keys are kept"), "{err}");
    // `s` was the source reader's: said, with what it keeps.
    assert!(
        err.contains(
            "config.toml: [keys.global] open_search = \"s\" takes s from open_source (read the source"
        ),
        "{err}"
    );
    assert!(err.contains("it has no key left"), "{err}");
    let first = out
        .lines()
        .find(|l| l.starts_with("browse") && l.contains(" first "))
        .unwrap();
    assert!(first.contains("g Home"), "defaults kept: {first}");
}
