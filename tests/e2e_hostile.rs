//! End-to-end, issue 17's hostile cases in the explorer: a private deck
//! pinned to, links planted at the paths the explorer writes (the deck
//! beside the data, the export beside the deck), a FIFO at the deck.
//! Each is refused or harmless, says so on screen, and loses nothing.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

mod common;
use common::tmux::Tmux;
use common::{mode, scratch_copy};

/// A file standing for the user's `~/.bashrc`: private, with contents.
fn victim(dir: &Path) -> (PathBuf, &'static str) {
    let path = dir.join(".bashrc");
    let text = "version = 1\n# alias ll='ls -l'\n";
    fs::write(&path, text).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    (path, text)
}

#[test]
fn a_private_deck_stays_private_and_an_export_never_follows_a_planted_link() {
    require_tmux!();
    let (dir, data) = scratch_copy();
    let deck = dir.path().join("positions.talking-points.toml");
    fs::write(&deck, "# my talk\nversion = 1\n").unwrap();
    fs::set_permissions(&deck, fs::Permissions::from_mode(0o600)).unwrap();
    let home = tempfile::tempdir().unwrap();
    let (bashrc, before) = victim(home.path());
    symlink(&bashrc, dir.path().join("positions.talking-points.md")).unwrap();
    let t = Tmux::start("i17-private", &format!("--data {}", data.display()), 120, 40);
    t.wait_for("1/2 Tariffs");
    t.keys(&["m"]);
    t.wait_for("pinned position \"north-tariffs-1\"");
    t.keys(&["l", "m"]);
    t.wait_for("(2 in the deck)");
    let saved = fs::read_to_string(&deck).unwrap();
    assert!(
        saved.starts_with("# my talk\nversion = 1\n"),
        "comments kept: {saved}"
    );
    assert!(saved.contains("south-tariffs-1"), "{saved}");
    assert_eq!(mode(&deck), 0o600, "a pin keeps the deck private");
    // x m: Markdown beside the deck, where a link was planted.
    t.keys(&["x", "m"]);
    t.wait_for("export refused, a link is planted");
    assert_eq!(fs::read_to_string(&bashrc).unwrap(), before);
    assert_eq!(mode(&bashrc), 0o600);
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn a_deck_beside_the_data_that_links_elsewhere_is_not_written_and_nothing_is_lost() {
    require_tmux!();
    let (dir, data) = scratch_copy();
    let home = tempfile::tempdir().unwrap();
    let (bashrc, before) = victim(home.path());
    symlink(&bashrc, dir.path().join("positions.talking-points.toml")).unwrap();
    let state = dir.path().join("state");
    let env = format!("XDG_STATE_HOME={}", state.display());
    let t = Tmux::start_env("i17-link", &env, &format!("--data {}", data.display()), 200, 40);
    t.wait_for("1/2 Tariffs");
    t.keys(&["m"]);
    let screen = t.wait_for("not saved");
    assert!(screen.contains("a symbolic link to"), "{screen}");
    assert_eq!(fs::read_to_string(&bashrc).unwrap(), before);
    // Quitting: the pin goes to a private rescue copy, said where; exit 1.
    t.keys(&["q"]);
    t.wait_for("EXITED=");
    let screen = t.wait_for("icanon");
    assert!(screen.contains("EXITED=1\n"), "{screen}");
    assert!(screen.contains("written to"), "{screen}");
    let rescued: Vec<PathBuf> = fs::read_dir(state.join("demarche"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(rescued.len(), 1);
    assert!(
        fs::read_to_string(&rescued[0])
            .unwrap()
            .contains("north-tariffs-1")
    );
    assert_eq!(mode(&rescued[0]), 0o600);
    assert_eq!(fs::read_to_string(&bashrc).unwrap(), before);
    assert_eq!(mode(&bashrc), 0o600);
}

/// A scratch copy of the data whose deck is a FIFO (`"fifo"`) or a link
/// to `/dev/zero` (anything else).
fn planted_deck(plant: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, data) = scratch_copy();
    let deck = dir.path().join("positions.talking-points.toml");
    match plant {
        "fifo" => assert!(
            std::process::Command::new("mkfifo")
                .arg(&deck)
                .status()
                .unwrap()
                .success()
        ),
        _ => symlink("/dev/zero", &deck).unwrap(),
    }
    (dir, data)
}

#[test]
fn a_fifo_or_dev_zero_at_the_deck_is_reported_and_the_explorer_still_works() {
    require_tmux!();
    for (n, plant) in ["fifo", "zero"].into_iter().enumerate() {
        let (_dir, data) = planted_deck(plant);
        let t = Tmux::start(
            &format!("i17-deck-{n}"),
            &format!("--data {}", data.display()),
            200,
            40,
        );
        t.wait_for(match plant {
            "fifo" => "is a FIFO (named",
            _ => "is a device",
        });
        // Keys still work (help opens and closes), and q quits.
        t.keys(&["?"]);
        t.wait_for("every key");
        t.keys(&["Escape", "q"]);
        t.assert_restored();
    }
}

#[test]
fn present_on_a_fifo_or_dev_zero_deck_says_why_it_has_nothing_to_show() {
    require_tmux!();
    for (n, plant) in ["fifo", "zero"].into_iter().enumerate() {
        let (_dir, data) = planted_deck(plant);
        let t = Tmux::start(
            &format!("acc2-present-deck-{n}"),
            &format!("present --data {}", data.display()),
            200,
            20,
        );
        // Not "the deck is empty: pin positions first": the deck may
        // hold a whole talk that this file type keeps from being read.
        let screen = t.wait_for(match plant {
            "fifo" => "is a FIFO (named",
            _ => "is a device",
        });
        assert!(screen.contains("nothing to present"), "{screen}");
        assert!(!screen.contains("is empty"), "{screen}");
        t.assert_restored_with(1);
    }
}
