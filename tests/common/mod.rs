//! Helpers shared by the integration tests: the real binary, and a frame
//! rendered into a test backend.

#![allow(dead_code)] // each test file uses the helpers it needs

pub mod curate;
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

/// The binary with `args`, which must succeed (else its stderr fails the test).
pub fn succeeds(args: &[&str]) -> Output {
    let out = demarche(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
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

/// True when `tool` runs (`tool --version`). Where it is missing the test
/// that needs it is skipped with a note, except under CI (`CI` set),
/// where a missing tool fails the run: `.ci/run` installs it.
pub fn have_tool(tool: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is not installed, and CI is set: .ci/run must install it"
        );
        eprintln!("skipped: {tool} is not installed (.ci/run installs it)");
    }
    found
}

/// The bundled data in the explorer with the reader opened on position
/// `id`'s source, its text read from the seeds as the event loop would.
pub fn reading(id: &str) -> App {
    use demarche::app::Action;
    let mut app = App::new(demarche::load::load_bundled().unwrap().dataset);
    app.jump_to(app.lib.ids.positions[id]);
    app.apply(Action::OpenSource);
    let source = app.lib.data.positions[app.lib.ids.positions[id]].source;
    let file = app.lib.data.sources[source].file.clone().unwrap();
    let text = std::fs::read_to_string(format!("../shared/seeds/{file}")).unwrap();
    app.apply(Action::SourceRead {
        source,
        result: Ok((format!("seeds/{file}"), text)),
    });
    app
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
