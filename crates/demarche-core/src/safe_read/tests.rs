use std::path::{Path, PathBuf};
use std::time::Duration;

use super::*;

const KINDS: [Kind; 5] = [
    Kind::Positions,
    Kind::Source,
    Kind::Deck,
    Kind::Config,
    Kind::Theme,
];

/// `read` on another thread, which must answer within a second.
fn read_in_time(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let (tell, answer) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tell.send(read(&path, kind));
    });
    answer
        .recv_timeout(Duration::from_secs(1))
        .expect("the reader answers within a second")
}

/// Makes a FIFO `name` in `dir` (for tests of every reader and writer).
#[cfg(unix)]
pub(crate) fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    path
}

/// The names in `dir`, sorted.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn refused_as(result: Result<Vec<u8>, ReadError>, want: &str) {
    match result {
        Err(e) => assert!(e.to_string().contains(want), "{e}"),
        Ok(bytes) => panic!("read {} bytes", bytes.len()),
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_for_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = fifo(dir.path(), "config.toml");
    for kind in KINDS {
        refused_as(
            read_in_time(&path, kind),
            &format!(
                "is a FIFO (named pipe), not a regular file; {} must be regular files",
                kind.plural()
            ),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_a_device_not_gigabytes() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("NAME.talking-points.toml");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for kind in KINDS {
        refused_as(read_in_time(&link, kind), "is a device, not a regular file");
    }
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    refused_as(read_in_time(dir.path(), Kind::Theme), "is a directory");
}

#[test]
fn each_kind_has_its_size_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    // Sparse: a file of any size costs nothing to make.
    let file = std::fs::File::create(&path).unwrap();
    for (kind, cap) in [
        (Kind::Config, "1 MiB"),
        (Kind::Theme, "1 MiB"),
        (Kind::Deck, "16 MiB"),
    ] {
        file.set_len(kind.limit() + 1).unwrap();
        refused_as(
            read(&path, kind),
            &format!("{} are limited to {cap}", kind.plural()),
        );
        file.set_len(kind.limit()).unwrap();
        assert_eq!(read(&path, kind).unwrap().len() as u64, kind.limit());
    }
    file.set_len(Kind::Positions.limit() + 1).unwrap();
    refused_as(
        read(&path, Kind::Positions),
        "positions files are limited to 64 MiB",
    );
    refused_as(read(&path, Kind::Source), "source texts are limited to 64 MiB");
}

#[test]
fn a_missing_file_is_none_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.toml");
    assert!(read(&path, Kind::Deck).unwrap_err().is_not_found());
    assert!(read_if_exists(&path, Kind::Deck).unwrap().is_none());
}

#[test]
fn text_loses_its_bom_and_bad_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, b"\xEF\xBB\xBFtheme = 1").unwrap();
    assert_eq!(
        read_text_if_exists(&path, Kind::Config).unwrap().unwrap(),
        "theme = 1"
    );
    std::fs::write(&path, b"ab\xFF").unwrap();
    let e = read_text_if_exists(&path, Kind::Config).unwrap_err();
    assert!(
        e.to_string().contains("not UTF-8 text (bad byte at offset 2)"),
        "{e}"
    );
}
