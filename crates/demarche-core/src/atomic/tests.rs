use std::os::unix::fs::{PermissionsExt, symlink};

use super::*;

use crate::safe_read::tests::{fifo, names};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

const ALL: [Purpose; 4] = [
    Purpose::Named,
    Purpose::NamedDeck,
    Purpose::Chosen,
    Purpose::ChosenPrivate,
];

#[test]
fn replaces_the_file_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.md");
    fs::write(&path, "old").unwrap();
    write(&path, b"new").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(names(dir.path()), ["out.md"]);
}

#[test]
fn an_existing_file_keeps_its_mode_whatever_the_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    for purpose in ALL {
        for kept in [0o600, 0o640, 0o604, 0o755] {
            fs::write(&path, "old").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(kept)).unwrap();
            write_as(&path, b"new", purpose).unwrap();
            assert_eq!(mode(&path), kept, "{purpose:?}");
            assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        }
    }
}

/// The process's umask, read without changing it for long.
fn umask() -> u32 {
    let old = unsafe { libc::umask(0o022) };
    unsafe { libc::umask(old) };
    old as u32
}

#[test]
fn a_new_deck_or_rescue_copy_is_private_and_a_new_export_takes_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    for (purpose, want) in [
        (Purpose::NamedDeck, 0o600),
        (Purpose::ChosenPrivate, 0o600),
        (Purpose::Named, 0o666 & !umask()),
        (Purpose::Chosen, 0o666 & !umask()),
    ] {
        let path = dir.path().join(format!("{purpose:?}.toml"));
        write_as(&path, b"new", purpose).unwrap();
        assert_eq!(mode(&path), want, "{purpose:?}");
    }
}

#[test]
fn a_symlink_at_a_chosen_path_is_refused_naming_the_link_and_its_target() {
    let home = tempfile::tempdir().unwrap();
    let bashrc = home.path().join(".bashrc");
    fs::write(&bashrc, "alias ll='ls -l'\n").unwrap();
    fs::set_permissions(&bashrc, fs::Permissions::from_mode(0o600)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("positions.talking-points.md");
    symlink(&bashrc, &link).unwrap();
    for purpose in [Purpose::Chosen, Purpose::ChosenPrivate] {
        let e = write_as(&link, b";touch /tmp/pwned;", purpose).unwrap_err();
        let message = e.to_string();
        assert!(
            matches!(&e, WriteError::Symlink { link: named, .. } if *named == link),
            "{message}"
        );
        assert!(
            message.starts_with(&format!("a symbolic link to {}", bashrc.display())),
            "{message}"
        );
    }
    assert_eq!(fs::read_to_string(&bashrc).unwrap(), "alias ll='ls -l'\n");
    assert_eq!(mode(&bashrc), 0o600);
    assert!(is_symlink(&link));
    assert_eq!(names(dir.path()), ["positions.talking-points.md"]);
}

#[test]
fn a_named_symlink_is_resolved_once_and_its_target_replaced_with_its_mode() {
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("deck.toml");
    fs::write(&real, "old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Two links deep, the second relative.
    symlink(&real, elsewhere.path().join("hop.toml")).unwrap();
    let link = dir.path().join("mine.toml");
    symlink(elsewhere.path().join("hop.toml"), &link).unwrap();
    for purpose in [Purpose::Named, Purpose::NamedDeck] {
        write_as(&link, b"new", purpose).unwrap();
        assert!(is_symlink(&link), "the link stays a link");
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(mode(&real), 0o600);
    }
    assert_eq!(names(elsewhere.path()), ["deck.toml", "hop.toml"]);
    // A dangling named link: the file is made where it points.
    let dangling = dir.path().join("out.md");
    symlink("made.md", &dangling).unwrap();
    write(&dangling, b"x").unwrap();
    assert_eq!(fs::read_to_string(dir.path().join("made.md")).unwrap(), "x");
    // A loop is an error, not a hang.
    symlink("loop-b", dir.path().join("loop-a")).unwrap();
    symlink("loop-a", dir.path().join("loop-b")).unwrap();
    let e = write(&dir.path().join("loop-a"), b"x").unwrap_err();
    assert!(e.to_string().contains("more than 40 symbolic links"), "{e}");
}

#[test]
fn a_fifo_at_the_target_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = fifo(dir.path(), "out.md");
    let e = write(&path, b"x").unwrap_err();
    assert!(
        e.to_string()
            .contains("is a FIFO (named pipe), not a regular file"),
        "{e}"
    );
    assert_eq!(names(dir.path()), ["out.md"]);
}
