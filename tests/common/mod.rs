//! Helpers shared by the integration tests: the real binary (here), a
//! frame rendered into a test backend (`screen`), the binary in tmux
//! (`tmux`), waits on conditions (`wait`) and curation data (`curate`).

#![allow(dead_code)] // each test file uses the helpers it needs

pub mod curate;
pub mod screen;
pub mod tmux;
pub mod wait;

#[allow(unused_imports)] // each test file uses the helpers it needs
pub use screen::{
    bundled_app, bundled_at, fixture_app, help_text, press, screen, screen_in, screen_lines, screen_text,
};

use std::process::{Command, Output};

use demarche_tui::app::App;

/// The real binary with `args`, the data variable unset and a fixed width.
pub fn demarche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(args)
        .env_remove("DEMARCHE_DATA")
        .env("COLUMNS", "200")
        .output()
        .expect("binary runs")
}

/// `binary` with `args` in a home of its own: config, data and state
/// under `home`, so the user's own files are never read or written.
pub fn in_home(binary: &std::path::Path, args: &[&str], home: &std::path::Path) -> Command {
    let mut command = Command::new(binary);
    command
        .args(args)
        .env_remove("DEMARCHE_DATA")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"));
    command
}

/// Bytes a command wrote, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A command's standard output, as text.
pub fn stdout(out: &Output) -> String {
    text(&out.stdout)
}

/// A command's standard error, as text.
pub fn stderr(out: &Output) -> String {
    text(&out.stderr)
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

/// The first of `names` that is an executable file on `PATH`.
pub fn find_tool(names: &[&str]) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|file| {
                std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            })
    })
}

/// The tool (the first of `names` found on `PATH`) a test needs. Where
/// none is installed the test is skipped with a note, except under CI
/// (`CI` set), where that fails the run: `.ci/run` installs every tool a
/// test needs, so a missing one means the run proves less than it says.
pub fn tool_or_skip(names: &[&str]) -> Option<std::path::PathBuf> {
    let found = find_tool(names);
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is not installed, and CI is set: .ci/run must install it",
            names.join(" or ")
        );
        eprintln!(
            "skipped: {} is not installed (.ci/run installs it)",
            names.join(" or ")
        );
    }
    found
}

/// True when `tool` is installed (see `tool_or_skip`: under CI a missing
/// tool fails the test).
pub fn have_tool(tool: &str) -> bool {
    tool_or_skip(&[tool]).is_some()
}

/// The permission bits of `path`.
pub fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The bundled data in the explorer with the reader opened on position
/// `id`'s source, its text read from the seeds as the event loop would.
pub fn reading(id: &str) -> App {
    use demarche_tui::app::Action;
    let mut app = App::new(demarche_core::load::load_bundled().unwrap().dataset);
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
