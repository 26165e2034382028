//! Helpers shared by the integration tests: the real binary, and a frame
//! rendered into a test backend.

#![allow(dead_code)] // each test file uses the helpers it needs

use std::process::{Command, Output};

use demarche::app::App;
use demarche::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The real binary with `args`, the data variable unset and a fixed width.
pub fn demarche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(args)
        .env_remove("DEMARCHE_DATA")
        .env("COLUMNS", "200")
        .output()
        .expect("binary runs")
}

/// One frame of `app` in the default theme, as lines of cell symbols.
/// The help overlay's text as `app`'s context shows it, at 100 columns.
pub fn help_text(app: &App) -> String {
    let theme = Theme::built_in("default").unwrap();
    demarche::ui::help::lines(&theme, 100, app.context())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.to_string()).collect::<String>() + "\n")
        .collect()
}

/// The binary's stdout for `args`, which must succeed (stderr in the
/// message if not).
pub fn stdout_of(args: &[&str]) -> String {
    let out = demarche(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The binary's stdout for `args`, parsed as JSON.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

pub fn screen_lines(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::built_in("default").unwrap();
    terminal
        .draw(|f| {
            demarche::ui::draw(f, app, &theme);
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol().to_string()).collect())
        .collect()
}
