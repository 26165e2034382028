//! End-to-end: the real binary in tmux. Each test reads the screen, and
//! checks after exit that the terminal is back in cooked mode on the
//! main screen. Skipped (with a note) where tmux is not installed, and
//! failed under CI (`CI` set), where `.ci/run` installs it.
//! The deck and presenting (two screens, two instances, saves) are in
//! tests/e2e_present.rs.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::scratch_copy;
use common::tmux::{Tmux, fixture};
use common::wait;

#[test]
fn starts_on_bundled_data_and_quits_cleanly() {
    require_tmux!();
    let t = Tmux::start("start", "", 120, 40);
    let screen = t.wait_for("State responsibility");
    assert!(
        screen.contains("United States") && screen.contains("China"),
        "{screen}"
    );
    assert!(screen.contains("? help"), "{screen}");
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn search_then_jump_then_escape() {
    require_tmux!();
    let t = Tmux::start("search", &fixture(), 120, 40);
    t.wait_for("1/2 Tariffs");
    t.keys(&["2", "/", "o", "p", "p", "o", "s", "e", "s"]);
    let screen = t.wait_for("1 result");
    assert!(screen.contains("opposes all tariffs"), "{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_for("1/2 Tariffs");
    assert!(
        screen.contains("東方国"),
        "jumped to the pair that shows East:\n{screen}"
    );
    t.keys(&["/", "x", "Escape"]);
    t.wait_for("1/2 Tariffs");
    t.keys(&["C-c"]);
    t.assert_restored();
}

#[test]
fn resizing_redraws_down_to_too_small() {
    require_tmux!();
    let t = Tmux::start("resize", &fixture(), 120, 40);
    t.wait_for("Detail");
    t.tmux(&["resize-window", "-x", "60", "-y", "20"]);
    let screen = t.wait_for("Northland");
    assert!(
        !screen.contains("Detail"),
        "detail gives way at 60 columns:\n{screen}"
    );
    t.tmux(&["resize-window", "-x", "30", "-y", "8"]);
    t.wait_for("terminal too small");
    t.tmux(&["resize-window", "-x", "100", "-y", "30"]);
    t.wait_for("Topics");
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    require_tmux!();
    let t = Tmux::start("sigterm", &fixture(), 100, 30);
    t.wait_for("Topics");
    let pid = t.pid_of_app();
    assert!(!pid.is_empty(), "app process not found");
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    t.assert_restored_with(143);
}

#[test]
fn sighup_exits_129_and_sigint_130() {
    require_tmux!();
    for (signal, status) in [("-HUP", 129), ("-INT", 130)] {
        // A server of its own per signal: one just killed may still be
        // going away.
        let t = Tmux::start(&format!("sig{signal}"), &fixture(), 100, 30);
        t.wait_for("Topics");
        let pid = t.pid_of_app();
        Command::new("kill").args([signal, &pid]).status().unwrap();
        t.assert_restored_with(status);
    }
}

#[test]
fn hot_reload_shows_errors_then_the_fixed_file() {
    require_tmux!();
    let (_dir, data) = scratch_copy();
    let t = Tmux::start("reload", &format!("--data {}", data.display()), 200, 40);
    t.wait_for("Northland");
    let good = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, good.replace("name = \"Northland\"", "name = 42")).unwrap();
    let screen = t.wait_for("showing the last good data");
    assert!(
        screen.contains("positions.toml:7:8:"),
        "diagnostic names file:line:col:\n{screen}"
    );
    assert!(
        screen.contains("Northland"),
        "the last good data stays:\n{screen}"
    );
    std::fs::write(&data, good.replace("name = \"Northland\"", "name = \"Nordland\"")).unwrap();
    let screen = t.wait_for("Nordland");
    assert!(!screen.contains("showing the last good data"), "{screen}");
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn a_vanished_terminal_leaves_no_process_behind() {
    require_tmux!();
    let t = Tmux::start("vanish", &fixture(), 100, 30);
    t.wait_for("Topics");
    let pid = t.pid_of_app();
    assert!(!pid.is_empty(), "app process not found");
    t.tmux(&["kill-server"]);
    let gone = || {
        // Exited: no process, or a zombie only waiting to be reaped.
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        matches!(state.split_whitespace().nth(2), None | Some("Z"))
    };
    let what = format!("demarche {pid} to exit after its terminal closed");
    wait::until(&what, Duration::from_secs(8), gone);
}

#[test]
fn ctrl_z_then_fg_from_an_interactive_shell() {
    require_tmux!();
    let t = Tmux::run(
        "suspend",
        "env -u DEMARCHE_DATA HISTFILE=/dev/null PS1='READY$ ' bash --norc --noprofile -i",
        100,
        30,
    );
    t.wait_for("READY$");
    let bin = env!("CARGO_BIN_EXE_demarche");
    let fixture = fixture();
    t.tmux(&["send-keys", &format!("{bin} {fixture}"), "Enter"]);
    t.wait_for("1/2 Tariffs");
    t.keys(&["C-z"]);
    let screen = t.wait_for("Stopped");
    assert!(
        !screen.contains("Tariffs"),
        "left the alternate screen:\n{screen}"
    );
    // The shell has a cooked terminal: line editing and echo are on.
    t.tmux(&[
        "send-keys",
        "stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon\\|-\\?echo' | tr '\\n' ,",
        "Enter",
    ]);
    t.wait_for("icanon,echo,");
    t.tmux(&["send-keys", "clear; fg", "Enter"]);
    t.wait_for("1/2 Tariffs");
    t.keys(&["2"]);
    t.wait_for("2/2 Talks");
    t.keys(&["q"]);
    t.tmux(&["send-keys", "echo STATUS=$?", "Enter"]);
    t.wait_for("STATUS=0");
}

#[test]
fn a_long_paste_without_bracketed_paste_arrives_whole() {
    require_tmux!();
    let (dir, data) = scratch_copy();
    let deck = dir.path().join("positions.talking-points.toml");
    let t = Tmux::start("paste", &format!("--data {}", data.display()), 120, 40);
    t.wait_for("1/2 Tariffs");
    t.keys(&["m", "d", "e"]);
    t.wait_for("(Esc: done");
    // send-keys -l types the text: key events, not a bracketed paste. It
    // is far longer than one 1,024-byte read of the terminal, and no key
    // follows it to wake the reader up.
    let text: String = (0..5000).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
    t.tmux(&["send-keys", "-l", &format!("{text}END-OF-PASTE")]);
    let arrived = || {
        std::fs::read_to_string(&deck)
            .unwrap_or_default()
            .contains("END-OF-PASTE")
    };
    wait::until(
        "the pasted note to reach the deck",
        Duration::from_secs(15),
        arrived,
    );
    let saved = std::fs::read_to_string(&deck).unwrap();
    assert!(saved.contains(&text), "the paste arrived incomplete");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn s_opens_the_source_text_and_esc_returns() {
    require_tmux!();
    let seeds: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "shared", "seeds"]
        .iter()
        .collect();
    let t = Tmux::start("reader", &format!("--sources {}", seeds.display()), 120, 40);
    t.wait_for("State responsibility");
    // The second row of the first topic: Kerry, quoted by Net Politics.
    t.keys(&["j", "s"]);
    let screen = t.wait_for("the quote, verbatim, highlighted");
    assert!(screen.contains("honest discussion"), "{screen}");
    assert!(screen.contains("004_68a7428225f7b6fc.txt"), "{screen}");
    // n: the next position quoting the same post, Kerry's code of conduct.
    t.keys(&["n"]);
    t.wait_for("agreed to work on a code of conduct");
    t.keys(&["Escape"]);
    t.wait_for("? help");
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn the_reader_names_where_it_looked_for_a_missing_text() {
    require_tmux!();
    let t = Tmux::start("reader-missing", "--sources /nonexistent-seeds", 120, 40);
    t.wait_for("State responsibility");
    t.keys(&["s"]);
    let screen = t.wait_for("Source text not found");
    assert!(
        screen.contains("/nonexistent-seeds/000_d99e0f763bed8ad8.txt"),
        "{screen}"
    );
    t.keys(&["Escape", "q"]);
    t.assert_restored();
}

#[test]
fn joined_emoji_leave_borders_in_place() {
    use unicode_width::UnicodeWidthStr;
    require_tmux!();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/zwj.toml");
    let t = Tmux::start("zwj", &format!("--data {path}"), 120, 40);
    t.wait_for("Steel");
    // Open the detail pane too, so the quote with its flag is drawn.
    t.keys(&["l", "h", "Enter"]);
    let screen = t.wait_for("defend our industry");
    // Each line of the panes ends in a border, exactly at the right edge:
    // a cell the terminal drew wider or narrower would push it.
    let bordered: Vec<&str> = screen
        .lines()
        .filter(|l| l.ends_with(['│', '┃', '╮', '╯', '┓', '┛']))
        .collect();
    assert!(bordered.len() > 30, "{screen}");
    for line in bordered {
        assert_eq!(line.width(), 120, "{line:?} in\n{screen}");
    }
    t.keys(&["Escape", "q"]);
    t.assert_restored();
}

#[test]
fn a_large_file_loads_in_the_background_and_quit_works_meanwhile() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, demarche_core::synthetic::generate(50_000, 7)).unwrap();
    let t = Tmux::start("loading", &format!("--data {}", path.display()), 100, 30);
    t.wait_for("Loading");
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn a_broken_file_at_start_exits_1_with_its_report() {
    require_tmux!();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/unknown-reference.toml"
    );
    let t = Tmux::start("broken", &format!("--data {path}"), 120, 30);
    let screen = t.wait_for("EXITED=");
    assert!(screen.contains("EXITED=1"), "{screen}");
    assert!(screen.contains("unknown-reference.toml:27:9: error:"), "{screen}");
    assert!(screen.contains("^^^^^^^"), "the report has its carets: {screen}");
}

#[test]
fn a_fifo_swapped_in_while_running_is_reported_and_keys_still_work() {
    require_tmux!();
    let (_dir, data) = scratch_copy();
    let t = Tmux::start("fifo", &format!("--data {}", data.display()), 120, 40);
    t.wait_for("Northland");
    std::fs::remove_file(&data).unwrap();
    assert!(Command::new("mkfifo").arg(&data).status().unwrap().success());
    t.wait_for("is a FIFO (named pipe), not a regular file");
    t.keys(&["?"]);
    t.wait_for("Keys (");
    t.keys(&["Escape"]);
    t.wait_gone("Keys (");
    t.keys(&["q"]);
    t.assert_restored();
}
