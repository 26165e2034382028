//! Hostile bytes and files through the command line: control characters
//! in keys, ids and values reach every output inert (JSON keeps them
//! escaped), byte order marks, huge lines, a hundred problems, FIFOs,
//! sockets and devices refused at once.

use std::process::Command;

mod common;
use common::wait::DEADLINE;
use common::{demarche, stderr, stdout};

/// Bytes a terminal may receive from any output: no control byte but the
/// newline, no ESC, no C1 control, no bidi control.
fn assert_inert(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.iter().any(|&b| b < 0x20 && b != b'\n' || b == 0x7f),
        "{what}: control byte in {:?}",
        String::from_utf8_lossy(bytes)
    );
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text
            .chars()
            .any(|c| ('\u{80}'..='\u{9f}').contains(&c) || demarche_core::text::sanitize::is_bidi_control(c)),
        "{what}: C1 or bidi control in {text:?}"
    );
}

#[test]
fn hostile_keys_ids_and_values_reach_stderr_inert() {
    for name in ["hostile", "hostile-raw"] {
        let out = demarche(&["check", &format!("tests/fixtures/{name}.toml")]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_inert(name, &out.stderr);
        assert_inert(name, &out.stdout);
    }
    let err = stderr(&demarche(&["check", "tests/fixtures/hostile.toml"]));
    assert!(
        err.contains("unknown key \"␛]52;c;aGk=␇␛[2J\u{FFFD}31m\" in actor \"alpha\""),
        "{err}"
    );
    assert!(
        err.contains("\"date\" in position \"p1\": \"␛]52;c;eA==␇\" is not a date"),
        "{err}"
    );
}

#[test]
fn hostile_values_reach_every_output_inert_and_json_keeps_them_escaped() {
    let data = "tests/fixtures/hostile-values.toml";
    for args in [
        &["check", data][..],
        &["list", "--data", data],
        &["timeline", "--data", data],
        &["search", "holds", "--data", data],
        &["changes", "--since", "2014", "--data", data],
        &["list", "--json", "--data", data],
        &["timeline", "--json", "--data", data],
        &["search", "--json", "holds", "--data", data],
        &["changes", "--json", "--since", "2014", "--data", data],
    ] {
        let out = demarche(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_inert(&format!("{args:?}"), &out.stdout);
        assert_inert(&format!("{args:?}"), &out.stderr);
    }
    let json = stdout(&demarche(&["list", "--json", "--data", data]));
    assert!(json.contains(r#""actor_name": "Al\u0085pha\u2028""#), "{json}");
    assert!(
        json.contains(r"Holds \u009b2J X \u202eevil\u202c 👨\u200d👩 \u001b]52;c;aGk=\u0007"),
        "{json}"
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = parsed["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["actor_name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Al\u{85}pha\u{2028}"), "{names:?}");
}

#[test]
fn option_values_echoed_back_are_inert() {
    let hostile = "x\u{1b}]52;c;aGk=\u{7}\u{9b}2J";
    for args in [
        &["--theme", hostile][..],
        &["list", "--from", hostile],
        &["list", "--actor", hostile],
        &["search", &format!("from:{hostile}")],
        &[hostile],
        &["check", hostile],
    ] {
        let out = demarche(args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
        assert_inert(&format!("{args:?}"), &out.stderr);
    }
    let err = stderr(&demarche(&["--theme", hostile]));
    assert!(err.contains("unknown theme \"x␛]52;c;aGk=␇\u{FFFD}2J\""), "{err}");
}

#[test]
fn two_byte_order_marks_fail() {
    let out = demarche(&["check", "tests/fixtures/double-bom.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("double-bom.toml:1:1: error: a second byte order mark"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_error_on_a_huge_line_prints_a_window_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let valid = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let long = format!("stance = \"{}\", oops", "x".repeat(5_000_000));
    std::fs::write(&path, valid.replacen("stance = \"Holds X\"", &long, 1)).unwrap();
    let out = demarche(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.len() < 4_000,
        "{} bytes of diagnostics",
        out.stderr.len()
    );
    let err = stderr(&out);
    assert!(err.contains("xxxxxxxx\", oops"), "{err}");
}

#[test]
fn problems_past_a_hundred_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.toml");
    let valid = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let extra: String = (0..250).map(|i| format!("bad{i} = 1\n")).collect();
    std::fs::write(&path, format!("{extra}{valid}")).unwrap();
    let out = demarche(&["check", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(err.matches(": error: ").count(), 100, "{err}");
    assert!(
        err.contains("many.toml: and 150 more problems\n250 errors"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_socket_or_device_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let socket = dir.path().join("socket.toml");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (path, kind) in [
        (
            fifo.to_str().unwrap(),
            "is a FIFO (named pipe), not a regular file",
        ),
        (socket.to_str().unwrap(), "is a socket, not a regular file"),
        ("/dev/zero", "is a device, not a regular file"),
    ] {
        // Run with a deadline: a loader that waits for a writer would hang.
        let mut command = Command::new(env!("CARGO_BIN_EXE_demarche"));
        command.args(["check", path]).env_remove("DEMARCHE_DATA");
        let out = common::wait::output_within(&mut command, &format!("check {path}"), DEADLINE);
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert!(stderr(&out).contains(kind), "{path}: {}", stderr(&out));
    }
}

#[test]
fn json_keeps_joined_emoji_exactly_as_in_the_file() {
    let data = "tests/fixtures/zwj.toml";
    let loaded = demarche_core::load::load_path(std::path::Path::new(data)).unwrap();
    let out = demarche(&["list", "--json", "--data", data]);
    assert_inert("list --json", &out.stdout);
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut from_json: Vec<String> = parsed["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["stance"].as_str().unwrap().to_string())
        .collect();
    let mut in_file: Vec<String> = loaded
        .dataset
        .positions
        .iter()
        .map(|p| p.stance.clone())
        .collect();
    from_json.sort();
    in_file.sort();
    assert_eq!(from_json, in_file);
    assert!(
        in_file.iter().any(|s| s.contains("\u{1F44D}\u{1F3FD}")),
        "the fixture has a skin tone"
    );
}
