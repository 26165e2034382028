//! The real binary over a corpus of broken files: each rule's fixture
//! must fail with exit 1 and name the line, column and key or id.

use std::process::{Command, Output};

mod common;
use common::demarche;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (fixture, expected text in stderr naming line:col and the key or id)
const BROKEN: &[(&str, &str)] = &[
    ("syntax-error", "syntax-error.toml:10:13: error: TOML syntax"),
    (
        "wrong-type",
        "wrong-type.toml:10:8: error: \"name\" in actor \"beta\" must be a string, found an integer",
    ),
    (
        "unknown-key",
        "unknown-key.toml:30:1: error: unknown key \"stanse\" in position \"p1\" (did you mean \"stance\"?)",
    ),
    (
        "missing-key",
        "missing-key.toml:12:1: error: topic \"trade\" is missing required key \"name\"",
    ),
    (
        "malformed-id",
        "malformed-id.toml:9:6: error: \"id\" in actor \"Beta Party\" is \"Beta Party\", not a valid id",
    ),
    (
        "duplicate-id",
        "duplicate-id.toml:9:6: error: duplicate actor id \"alpha\"",
    ),
    (
        "duplicate-id",
        "duplicate-id.toml:5:6: note: actor \"alpha\" is first defined here",
    ),
    (
        "unknown-reference",
        "unknown-reference.toml:27:9: error: position \"p1\" refers to unknown actor id \"alpah\" (did you mean \"alpha\"?)",
    ),
    (
        "invalid-date",
        "invalid-date.toml:29:8: error: \"date\" in position \"p1\": \"Sept 2015\" is not a date",
    ),
    (
        "impossible-date",
        "impossible-date.toml:29:8: error: \"date\" in position \"p1\": 2015-02-30 does not exist",
    ),
    (
        "event-ends-early",
        "event-ends-early.toml:24:7: error: event \"summit\" ends (2015-09-20) before it starts (2015-09-25)",
    ),
    (
        "empty-string",
        "empty-string.toml:39:10: error: \"stance\" in position \"p2\" must not be empty",
    ),
    (
        "format-version",
        "format-version.toml:1:10: error: unsupported format version 2",
    ),
    (
        "deep-nesting",
        "deep-nesting.toml:42:69: error: arrays or tables nested more than 64 deep",
    ),
    ("empty", "empty.toml:1:1: error: missing required key \"format\""),
    ("binary", "binary.toml:2:118: error: invalid UTF-8 (byte 0x80)"),
    (
        "invalid-utf8",
        "invalid-utf8.toml:39:17: error: invalid UTF-8 (byte 0xFF)",
    ),
    (
        "unknown-evidence",
        "unknown-evidence.toml:32:12: error: \"evidence\" in position \"p1\" must be one of \"quote\", \"joint\", \"paraphrase\", \"characterization\", \"action\", found \"paraphrased\" (did you mean \"paraphrase\"?)",
    ),
    (
        "quote-evidence-without-quote",
        "quote-evidence-without-quote.toml:32:12: error: position \"p1\" has evidence \"quote\" but no \"quote\"",
    ),
    (
        "reported-by-party",
        "reported-by-party.toml:33:15: error: \"reported_by\" in position \"p1\" names \"beta\", a party: it must name an observer",
    ),
    (
        "many-errors",
        "many-errors.toml:28:9: error: position \"p1\" refers to unknown topic id \"trad\" (did you mean \"trade\"?)",
    ),
];

#[test]
fn every_broken_fixture_fails_with_its_location() {
    for (name, expected) in BROKEN {
        let path = format!("tests/fixtures/{name}.toml");
        let out = demarche(&["check", &path]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{name}: expected {expected:?} in\n{}",
            stderr(&out)
        );
        assert!(
            stdout(&out).is_empty(),
            "{name}: diagnostics must not go to stdout"
        );
    }
}

#[test]
fn diagnostics_show_the_line_and_a_caret() {
    let out = demarche(&["check", "tests/fixtures/unknown-reference.toml"]);
    let err = stderr(&out);
    assert!(
        err.contains("27 | actor = \"alpah\"\n   |         ^^^^^^^"),
        "{err}"
    );
}

#[test]
fn many_errors_are_all_reported() {
    let out = demarche(&["check", "tests/fixtures/many-errors.toml"]);
    let err = stderr(&out);
    assert!(
        err.contains("many-errors.toml:1:10: error: unsupported format version 3"),
        "{err}"
    );
    assert!(
        err.contains("many-errors.toml:10:8: error: \"name\" in actor \"beta\""),
        "{err}"
    );
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn valid_files_pass_with_a_summary() {
    for name in ["valid", "bom"] {
        let out = demarche(&["check", &format!("tests/fixtures/{name}.toml")]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains(
                "ok: 2 actors (2 parties, 0 observers), 1 topics, 1 sources, 1 events, 2 positions; 2015-09\n"
            ),
            "{text}"
        );
    }
}

#[test]
fn warnings_go_to_stderr_and_still_pass() {
    let out = demarche(&["check", "tests/fixtures/warnings.toml"]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("warnings.toml:44:6: warning: party \"gamma\" has no positions"),
        "{err}"
    );
    assert!(
        err.contains("warnings.toml:48:6: warning: source \"unused\" is not cited"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(demarche(&["list", "--from", "2015-13"]).status.code(), Some(2));
    assert_eq!(demarche(&["list", "--actor", "nobody"]).status.code(), Some(2));
    assert_eq!(demarche(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn missing_file_is_reported() {
    let out = demarche(&["check", "tests/fixtures/does-not-exist.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does-not-exist.toml: cannot read"));
}

#[test]
fn bundled_data_checks_clean() {
    let out = demarche(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "bundled data has warnings: {}",
        stderr(&out)
    );
}

#[test]
fn data_flag_and_env_choose_the_file() {
    let out = demarche(&["--data", "tests/fixtures/valid.toml", "list"]);
    assert!(stdout(&out).contains("Holds X"));
    let out = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["list"])
        .env("DEMARCHE_DATA", "tests/fixtures/valid.toml")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Holds Y"));
}

#[test]
fn list_filters_and_orders_by_date() {
    let out = demarche(&["--data", "tests/fixtures/valid.toml", "list", "--actor", "beta"]);
    let text = stdout(&out);
    assert!(text.contains("Holds Y") && !text.contains("Holds X"), "{text}");
    let out = demarche(&[
        "--data",
        "tests/fixtures/valid.toml",
        "list",
        "--to",
        "2015-09-24",
    ]);
    assert!(
        stdout(&out).contains("Holds X"),
        "a month position overlaps a day inside it"
    );
    assert!(!stdout(&out).contains("Holds Y"));
    let out = demarche(&["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = json["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    // Date order (an imprecise date at the end of its period), an answer
    // never before what it answers: the library's list order.
    let data = demarche::load::load_str("b.toml", demarche::load::BUNDLED)
        .unwrap()
        .dataset;
    let expected: Vec<&str> = data
        .list_order()
        .into_iter()
        .map(|i| data.positions[i].id.as_str())
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(json["version"], 2);
}

#[test]
fn timeline_keeps_precision() {
    let out = demarche(&["--data", "tests/fixtures/valid.toml", "timeline", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let items = json["timeline"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    // A month sorts at its end, but cause comes before effect: Beta's
    // answer of 25 Sep 2015 pulls Alpha's "Sep 2015" just before it.
    assert_eq!(items[0]["kind"], "event");
    assert_eq!(items[1]["precision"], "month");
    assert_eq!(items[2]["precision"], "day");
    let text = stdout(&demarche(&["--data", "tests/fixtures/valid.toml", "timeline"]));
    assert!(text.starts_with("25 Sep 2015  event"), "{text}");
    assert!(
        text.trim_end().lines().last().unwrap().starts_with("25 Sep 2015"),
        "{text}"
    );
}

#[test]
fn text_output_fits_the_width() {
    let out = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["list"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    for line in stdout(&out).lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{line}");
    }
}

#[test]
fn help_and_version() {
    let out = demarche(&["--version"]);
    assert!(stdout(&out).starts_with("demarche "));
    for cmd in ["check", "list", "timeline"] {
        let out = demarche(&[cmd, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(!stdout(&out).is_empty());
    }
}

#[test]
fn search_ranks_and_names_matched_fields() {
    let out = demarche(&[
        "--data",
        "tests/fixtures/explorer.toml",
        "search",
        "tariffs",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let results = json["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let scores: Vec<i64> = results.iter().map(|r| r["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked: {scores:?}");
    let first = &results[0];
    let fields: Vec<&str> = first["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"stance"), "{fields:?}");
    let text = stdout(&demarche(&[
        "--data",
        "tests/fixtures/explorer.toml",
        "search",
        "opposes",
        "--limit",
        "1",
    ]));
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("東方") && text.contains("Stance"), "{text}");
}

#[test]
fn search_filters_and_bad_queries() {
    let text = stdout(&demarche(&[
        "--data",
        "tests/fixtures/explorer.toml",
        "search",
        "actor:sud",
    ]));
    assert!(text.lines().all(|l| l.contains("Sud")), "{text}");
    let out = demarche(&["search", "from:2015-13"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("query"));
}

#[test]
fn search_names_unknown_filter_values_and_says_when_nothing_matches() {
    let out = demarche(&["search", "actor:russia"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("actor:russia matches no actor"), "{err}");
    assert!(err.contains("us, china"), "lists the actors: {err}");
    let out = demarche(&["search", "tag:plaa"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did you mean \"pla\""), "{}", stderr(&out));
    for (query, what) in [
        ("topic:weather", "topic"),
        ("event:moon", "event"),
        ("source:nyt", "source"),
    ] {
        let out = demarche(&["search", query]);
        assert_eq!(out.status.code(), Some(1), "{query}");
        assert!(
            stderr(&out).contains(&format!("matches no {what}")),
            "{query}: {}",
            stderr(&out)
        );
    }
    let out = demarche(&["search", "zzzzqq"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("no results"), "{}", stderr(&out));
}

#[test]
fn search_corrects_typos_and_names_the_filters_a_filter_only_search_matched() {
    let out = demarche(&["search", "indcitment", "--limit", "1"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("showing results for \"indictment\""),
        "{}",
        stderr(&out)
    );
    let text = stdout(&demarche(&["search", "tag:pla year:2013"]));
    assert!(!text.is_empty());
    assert!(
        text.lines().all(|l| l.contains("filter tag:pla year:2013")),
        "{text}"
    );
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["timeline", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn the_explorer_without_a_terminal_says_what_to_use_instead() {
    let out = demarche(&["--data", "tests/fixtures/valid.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("needs a terminal"), "{}", stderr(&out));
}

#[test]
fn the_console_needs_a_terminal_and_a_talk_length_it_can_read() {
    let out = demarche(&["--data", "tests/fixtures/valid.toml", "console"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the console needs a terminal"),
        "{}",
        stderr(&out)
    );
    let out = demarche(&["console", "--duration", "45 minutes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a length like 45m"), "{}", stderr(&out));
}

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
    assert!(text.contains("; 1 do not match"), "{text}");
    assert!(
        stderr(&out).contains("1 quote(s) do not match"),
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
        text.contains("unverifiable: source \"gone\" (1 quote(s)): missing.txt: not found (looked in tests/fixtures/verify/missing.txt)"),
        "{text}"
    );
    assert!(
        text.ends_with("2 quotes verified in 1 sources; 1 unverifiable (source text not found)\n"),
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
        stderr(&out).contains("--strict: 1 quote(s) could not be checked"),
        "{}",
        stderr(&out)
    );
    let all = demarche(&["verify", "--strict", "--sources", SEEDS]);
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
}

#[test]
fn list_and_changes_with_nothing_to_show_say_so_and_exit_1() {
    for args in [
        &["list", "--from", "2019"][..],
        &["list", "--actor", "us", "--to", "2000"],
        &["changes", "--since", "2016"],
    ] {
        let out = demarche(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(
            stderr(&out).contains("(the data runs from 2001 to 2015)"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // JSON still gets its (empty) document, and the exit status says empty.
    let out = demarche(&["list", "--from", "2019", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["positions"], serde_json::json!([]));
    let out = demarche(&["changes", "--since", "2016", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("\"changes\": []"), "{}", stdout(&out));
    // Something found: 0 as before.
    assert_eq!(demarche(&["changes", "--since", "2014"]).status.code(), Some(0));
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

#[test]
fn list_shows_the_evidence_kind_reporter_and_a_reported_date() {
    let out = demarche(&["list", "--topic", "indictments-precondition"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let halt = text.lines().find(|l| l.contains("Halts cybersecurity")).unwrap();
    assert!(halt.starts_with("20 May 2014 (reported)"), "{halt}");
    assert!(halt.contains("action by 2015 blog"), "{halt}");
    let out = demarche(&["list", "--topic", "indictments-precondition", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 2);
    let halt = json["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "china-2014-halts-cooperation")
        .unwrap();
    assert_eq!(halt["evidence"], "action");
    assert_eq!(halt["reported_by"], "obama-xi-blog-authors");
    assert_eq!(halt["date_is"], "report");
}

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
            .any(|c| ('\u{80}'..='\u{9f}').contains(&c) || demarche::text::sanitize::is_bidi_control(c)),
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
        err.contains("many.toml: and 150 more problems\n250 error(s)"),
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
        let mut child = Command::new(env!("CARGO_BIN_EXE_demarche"))
            .args(["check", path])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                panic!("check {path} hangs");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert!(stderr(&out).contains(kind), "{path}: {}", stderr(&out));
    }
}

#[test]
fn json_keeps_joined_emoji_exactly_as_in_the_file() {
    let data = "tests/fixtures/zwj.toml";
    let loaded = demarche::load::load_path(std::path::Path::new(data)).unwrap();
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

#[cfg(unix)]
#[test]
fn verify_refuses_a_fifo_and_two_byte_order_marks_too() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // The writer end keeps a blocking open from hanging this test forever.
    let fifo_for_writer = fifo.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(20));
        let _ = std::fs::write(fifo_for_writer, "");
    });
    let out = demarche(&["verify", "--data", fifo.to_str().unwrap()]);
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
