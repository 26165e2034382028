//! The real binary from the command line: a corpus of broken files (each
//! rule's fixture must fail with exit 1 and name the line, column and key
//! or id), check, list, timeline, search, help and usage errors. Quotes
//! proved against their sources are in tests/cli_verify.rs; hostile bytes
//! and files in tests/cli_inert.rs.

use std::process::Command;

mod common;
use common::{demarche, stderr, stdout};

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
    assert!(
        err.contains("3 errors in tests/fixtures/many-errors.toml"),
        "{err}"
    );
}

#[test]
fn valid_files_pass_with_a_summary() {
    for name in ["valid", "bom"] {
        let out = demarche(&["check", &format!("tests/fixtures/{name}.toml")]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains(
                "ok: 2 actors (2 parties, 0 observers), 1 topic, 1 source, 1 event, 2 positions; 2015-09\n"
            ),
            "{text}"
        );
    }
}

/// Every count agrees with its noun: one observer, one event, one
/// warning are singular, and the summary never says "(s)".
#[test]
fn check_counts_agree_with_their_nouns() {
    let out = demarche(&["check", "tests/fixtures/matrix2.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "tests/fixtures/matrix2.toml: ok: 3 actors (2 parties, 1 observer), 4 topics, 2 sources, 1 event, \
         9 positions; 2020, 1 warning\n"
    );
    let out = demarche(&["check", "tests/fixtures/missing-key.toml"]);
    assert!(
        stderr(&out).ends_with("\n1 error in tests/fixtures/missing-key.toml\n"),
        "{}",
        stderr(&out)
    );
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

/// An observer named in a position's `reported_by` is used: `check`
/// warns only about the observer nobody names.
#[test]
fn check_does_not_warn_about_an_observer_who_reports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reported.toml");
    let text = std::fs::read_to_string("tests/fixtures/valid.toml")
        .unwrap()
        .replacen(
            "name = \"Beta\"\n",
            "name = \"Beta\"\n\n[[actors]]\nid = \"rita\"\nname = \"Rita Reporter\"\nrole = \"observer\"\n\n\
             [[actors]]\nid = \"ida\"\nname = \"Ida Idle\"\nrole = \"observer\"\n",
            1,
        )
        .replacen(
            "event = \"summit\"\n",
            "event = \"summit\"\nreported_by = \"rita\"\n",
            1,
        );
    std::fs::write(&file, text).unwrap();
    let out = demarche(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("\"rita\""), "{err}");
    assert!(
        err.contains("warning: observer \"ida\" has no positions and reports none"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("(2 parties, 2 observers)"),
        "{}",
        stdout(&out)
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
    let data = demarche_core::load::load_str("b.toml", demarche_core::load::BUNDLED)
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

/// `changes --topic ID` keeps the changes on that topic, a position with
/// `also_topics` on each of its topics; an unknown id is a usage error
/// with the nearest id, as for `list --topic`.
#[test]
fn changes_on_one_topic() {
    let on = |topic: &str| {
        let json = common::json_of(&["changes", "--since", "2014", "--topic", topic, "--json"]);
        let changes = json["changes"].as_array().unwrap().clone();
        assert!(changes.iter().all(|c| c["topic"] == topic), "{changes:?}");
        let ids: Vec<String> = changes
            .iter()
            .map(|c| c["position"]["id"].as_str().unwrap().to_string())
            .collect();
        ids
    };
    // Filed under the indictments, it bears on the dialogue too.
    let both = "china-2015-06-indictments-precondition";
    assert!(on("indictments-precondition").contains(&both.to_string()));
    let dialogue = on("dialogue-mechanism");
    assert!(dialogue.contains(&both.to_string()), "{dialogue:?}");
    let all = common::json_of(&["changes", "--since", "2014", "--json"]);
    let everywhere = all["changes"].as_array().unwrap().len();
    assert!(dialogue.len() < everywhere, "the filter keeps fewer");
    let text = common::stdout_of(&["changes", "--since", "2014", "--topic", "dialogue-mechanism"]);
    assert_eq!(text.lines().count(), dialogue.len());
    assert!(text.lines().all(|l| l.contains("Dialogue mechanism")), "{text}");
    for args in [
        &["changes", "--since", "2014", "--topic", "dialog-mechanism"][..],
        &["list", "--topic", "dialog-mechanism"][..],
    ] {
        let out = demarche(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out)
                .contains("unknown topic id \"dialog-mechanism\" (did you mean \"dialogue-mechanism\"?)"),
            "{}",
            stderr(&out)
        );
    }
    let out = demarche(&["changes", "--since", "2015-12", "--topic", "dialogue-mechanism"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("no position was stated or changed on topic \"dialogue-mechanism\" after Dec 2015"),
        "{}",
        stderr(&out)
    );
}
