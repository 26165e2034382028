//! What reaches the loader as bytes and files: hostile bytes, bad
//! encodings, size caps, special files, and problems reported
//! neutralised and capped.

use super::tests::{GOOD, errors_of, with};
use super::*;

#[test]
fn hostile_bytes_never_panic() {
    assert!(load_str("f.toml", "").is_err());
    assert!(load_bytes("f.toml", &[0xff, 0xfe, 0x00, 0x41]).is_err());
    let deep = "a = ".to_string() + &"[".repeat(100_000);
    let out = errors_of(&deep);
    assert!(out.contains("nested more than 64 deep"), "{out}");
    let long = format!("format = 1\ntitle = \"{}\"\n", "x".repeat(5_000_000));
    assert!(load_str("f.toml", &long).is_err());
}

#[test]
fn invalid_utf8_is_located() {
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.splice(0..0, b"# caf\xE9\n".iter().copied());
    let Err(LoadError::Invalid(report)) = load_bytes("f.toml", &bytes) else {
        panic!()
    };
    assert!(
        report
            .rendered
            .starts_with("f.toml:1:6: error: invalid UTF-8 (byte 0xE9)"),
        "{}",
        report.rendered
    );
}

#[test]
fn bom_is_accepted() {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
    assert!(load_bytes("f.toml", &bytes).is_ok());
}

#[test]
fn oversized_input_is_refused() {
    let big = vec![b' '; (MAX_FILE_BYTES + 1) as usize];
    assert!(matches!(
        load_bytes("f.toml", &big),
        Err(LoadError::Read(crate::safe_read::ReadError::TooLarge { .. }))
    ));
}

#[test]
fn two_boms_are_not_toml() {
    let bytes = [b"\xEF\xBB\xBF\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
    assert!(matches!(load_bytes("f.toml", &bytes), Err(LoadError::Invalid(_))));
    let out = errors_of(&format!("\u{FEFF}\u{FEFF}{GOOD}"));
    assert!(
        out.starts_with("f.toml:1:1: error: a second byte order mark"),
        "{out}"
    );
}

#[test]
fn problems_are_capped_with_a_count_of_the_rest() {
    let extra: String = (0..150).map(|i| format!("bad{i} = 1\n")).collect();
    let out = errors_of(&format!("{extra}{GOOD}"));
    assert_eq!(out.matches(": error: ").count(), MAX_SHOWN);
    assert!(out.ends_with("f.toml: and 50 more problems\n"), "{out}");
}

#[test]
fn hostile_keys_ids_and_file_names_reach_the_report_neutralised() {
    let text = with(
        "id = \"p2\"",
        "id = \"p\\u001b]52;c;aGk=\\u0007\\u009b2J\"\n\"\\u001b[2J\" = 1",
    );
    let Err(LoadError::Invalid(report)) = load_str("\u{1b}[31mf.toml", &text) else {
        panic!("expected errors")
    };
    assert!(
        report.rendered.contains("\u{241b}]52;c;aGk=\u{2407}"),
        "{}",
        report.rendered
    );
    assert!(
        crate::text::gate::is_clean(&report.rendered),
        "{:?}",
        report.rendered
    );
    for line in &report.summaries {
        assert!(crate::text::gate::is_clean(line), "{line:?}");
    }
}

/// Loads `path` on a thread and waits at most a few seconds, so a loader
/// that blocks fails the test instead of hanging it.
#[cfg(unix)]
fn load_path_in_time(path: &std::path::Path) -> Result<Loaded, LoadError> {
    let (tell, answer) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tell.send(load_path(&path));
    });
    answer
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the loader answers without waiting for a writer")
}

#[cfg(unix)]
#[test]
fn a_fifo_a_directory_and_a_device_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("positions.toml");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let refused = |path: &std::path::Path, kind: &str| match load_path_in_time(path) {
        Err(e @ LoadError::Read(crate::safe_read::ReadError::NotAFile { .. })) => {
            assert!(e.to_string().contains(kind), "{e}")
        }
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("{} loaded", path.display()),
    };
    refused(&fifo, "is a FIFO (named pipe), not a regular file");
    refused(dir.path(), "is a directory");
    refused(std::path::Path::new("/dev/null"), "is a device");
}
