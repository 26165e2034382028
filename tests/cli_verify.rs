//! `demarche verify`: every quote proved against its source text, one
//! changed character caught, white space folded, missing texts listed as
//! unverifiable, and its output sanitised.

use std::process::Command;

mod common;
use common::wait::DEADLINE;
use common::{demarche, stderr, stdout};

/// The five seed texts, beside the checkout (never in the repository).
const SEEDS: &str = "../shared/seeds";

#[test]
fn verify_proves_every_bundled_quote_against_the_seeds() {
    let out = demarche(&["verify", "--sources", SEEDS]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.ends_with(" quotes verified in 5 sources\n"), "{text}");
    let n: usize = text.split(' ').next().unwrap().parse().unwrap();
    assert!(n >= 50, "{text}");
}

/// The bundled file with `from` replaced by `to` once, in a temporary folder.
fn altered_bundled(from: &str, to: &str) -> (tempfile::TempDir, String) {
    let bundled = std::fs::read_to_string("positions.toml").unwrap();
    assert!(bundled.contains(from), "{from}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("positions.toml");
    std::fs::write(&path, bundled.replacen(from, to, 1)).unwrap();
    (dir, path.display().to_string())
}

#[test]
fn verify_catches_a_one_character_change() {
    let (_dir, path) = altered_bundled(
        "quote = \"Clearly a good thing. Implementation",
        "quote = \"Clearly a good thing. Implementasion",
    );
    let out = demarche(&["--data", &path, "verify", "--sources", SEEDS]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let line = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .position(|l| l.contains("Implementasion"))
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!(
            "{path}:{line}:9: position \"lin-2015-dialogue-mechanism\": quote not found verbatim in source \"lin-2015-lawfare-reaction\""
        )),
        "{text}"
    );
    assert!(
        text.contains("closest: Clearly a good thing. Implementation matters here too."),
        "{text}"
    );
    assert!(text.contains("Implementa[-t-]{+s+}ion"), "{text}");
    assert!(text.contains("; 1 mismatch\n"), "{text}");
    assert!(
        stderr(&out).contains("1 quote not found verbatim in the source text"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn verify_catches_a_straight_apostrophe_for_a_curly_one() {
    let (_dir, path) = altered_bundled("with China’s cooperation", "with China's cooperation");
    let out = demarche(&["--data", &path, "verify", "--sources", SEEDS]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("position \"blog-2015-identify-perpetrators\""),
        "{text}"
    );
    assert!(text.contains("China[-’-]{+'+}s cooperation"), "{text}");
}

#[test]
fn verify_folds_white_space_and_lists_a_missing_file_as_unverifiable() {
    let out = demarche(&["--data", "tests/fixtures/verify/data.toml", "verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("unverifiable: source \"gone\" (1 quote): missing.txt: not found (looked in tests/fixtures/verify/missing.txt)"),
        "{text}"
    );
    assert!(
        text.ends_with("2 quotes verified in 1 source; 1 unverifiable (source text not found)\n"),
        "{text}"
    );
    // --sources is looked in first.
    let out = demarche(&[
        "--data",
        "tests/fixtures/verify/data.toml",
        "verify",
        "--sources",
        SEEDS,
    ]);
    assert!(
        stdout(&out).contains(&format!(
            "looked in {SEEDS}/missing.txt, tests/fixtures/verify/missing.txt"
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn verify_with_no_source_text_at_all_proves_nothing_and_exits_1() {
    // The bundled data without its texts: 0 verified, every quote unverifiable.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("positions.toml");
    std::fs::copy("positions.toml", &data).unwrap();
    let out = demarche(&["--data", &data.display().to_string(), "verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 quotes verified in 0 sources;"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("no source text was found") && stderr(&out).contains("--sources DIR"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn verify_strict_fails_on_any_unverifiable_quote() {
    let args = ["--data", "tests/fixtures/verify/data.toml", "verify"];
    assert_eq!(demarche(&args).status.code(), Some(0), "some proved: not strict");
    let out = demarche(&[&args[..], &["--strict"]].concat());
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("--strict: 1 quote unverifiable (source text not found)"),
        "{}",
        stderr(&out)
    );
    let all = demarche(&["verify", "--strict", "--sources", SEEDS]);
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
}

#[test]
fn verify_output_is_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::fs::read_to_string("tests/fixtures/verify/data.toml")
        .unwrap()
        .replace("quote = \"We will not", "quote = \"We will\\u001b[31m not");
    std::fs::write(dir.path().join("data.toml"), data).unwrap();
    std::fs::copy("tests/fixtures/verify/source.txt", dir.path().join("source.txt")).unwrap();
    let path = dir.path().join("data.toml").display().to_string();
    let out = demarche(&["--data", &path, "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("quote:   We will␛"), "{text}");
}

#[cfg(unix)]
#[test]
fn verify_refuses_a_fifo_and_two_byte_order_marks_too() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // Run with a deadline: a blocking open of the FIFO would hang.
    let mut command = Command::new(env!("CARGO_BIN_EXE_demarche"));
    command
        .args(["verify", "--data", fifo.to_str().unwrap()])
        .env_remove("DEMARCHE_DATA");
    let out = common::wait::output_within(&mut command, "verify on a FIFO", DEADLINE);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a FIFO (named pipe)"),
        "{}",
        stderr(&out)
    );
    let out = demarche(&["verify", "--data", "tests/fixtures/double-bom.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("a second byte order mark"),
        "{}",
        stderr(&out)
    );
}
