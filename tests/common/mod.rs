//! Helpers shared by the integration tests: the real binary, and a frame
//! rendered into a test backend.

#![allow(dead_code)] // each test file uses the helpers it needs

pub mod tmux;

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

/// The explorer fixture copied as `positions.toml` into a temporary
/// folder of its own (where its deck and exports are written).
pub fn scratch_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("positions.toml");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/explorer.toml"),
        &path,
    )
    .unwrap();
    (dir, path)
}
