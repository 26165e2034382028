//! The app drawn into ratatui's test backend, as the tests read it: the
//! backend's own text (what the snapshots hold), plain lines, or one
//! string; and keys pressed through the keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use demarche_core::load::{BUNDLED, load_str};
use demarche_tui::app::{App, keymap};
use demarche_tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The explorer fixture (two parties, observers, a comparison), as text.
pub const FIXTURE: &str = include_str!("../fixtures/explorer.toml");

/// The explorer fixture in the explorer.
pub fn fixture_app() -> App {
    App::new(load_str("explorer.toml", FIXTURE).unwrap().dataset)
}

/// The bundled data in the explorer.
pub fn bundled_app() -> App {
    App::new(load_str("positions.toml", BUNDLED).unwrap().dataset)
}

/// The bundled data with the selection on position `id`.
pub fn bundled_at(id: &str) -> App {
    let mut app = bundled_app();
    let p = app.lib.ids.positions[id];
    app.jump_to(p);
    app
}

/// Snapshots of `app`'s screen at 80x24 and 120x40, named `NAME_80x24`
/// and `NAME_120x40`. A macro, so insta names the files after the
/// calling test binary.
#[macro_export]
macro_rules! snapshot_both {
    ($name:expr, $app:expr) => {{
        let (name, app) = ($name, $app);
        insta::assert_snapshot!(format!("{name}_80x24"), $crate::common::screen(app, 80, 24));
        insta::assert_snapshot!(format!("{name}_120x40"), $crate::common::screen(app, 120, 40));
    }};
}

/// Presses each character of `keys` as the keymap reads it in the app's
/// context at that moment.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = keymap::lookup(app.context(), &key) {
            app.apply(action);
        }
    }
}

/// The default theme.
pub fn default_theme() -> Theme {
    Theme::built_in("default").unwrap()
}

/// One frame of `app` in `theme`.
pub fn terminal_in(app: &App, theme: &Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            demarche_tui::ui::draw(f, app, theme);
        })
        .unwrap();
    terminal
}

/// One frame of `app` in the default theme.
pub fn terminal(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    terminal_in(app, &default_theme(), width, height)
}

/// One frame as the test backend writes it (each line quoted): the
/// form the insta snapshots hold.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    terminal(app, width, height).backend().to_string()
}

/// `screen` in `theme`.
pub fn screen_in(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    terminal_in(app, theme, width, height).backend().to_string()
}

/// One frame of `app` in the default theme, as lines of cell symbols.
pub fn screen_lines(app: &App, width: u16, height: u16) -> Vec<String> {
    lines_of(&terminal(app, width, height), width, height)
}

/// One frame of `app` in `theme`, as text: each line of cell symbols
/// followed by a newline.
pub fn screen_text_in(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    let terminal = terminal_in(app, theme, width, height);
    lines_of(&terminal, width, height)
        .into_iter()
        .map(|line| line + "\n")
        .collect()
}

/// `screen_text_in` the default theme.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    screen_text_in(app, &default_theme(), width, height)
}

fn lines_of(terminal: &Terminal<TestBackend>, width: u16, height: u16) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol().to_string()).collect())
        .collect()
}

/// The help overlay's text as `app`'s context shows it, at 100 columns.
pub fn help_text(app: &App) -> String {
    let theme = default_theme();
    demarche_tui::ui::help::lines(&theme, 100, app.context())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.to_string()).collect::<String>() + "\n")
        .collect()
}
