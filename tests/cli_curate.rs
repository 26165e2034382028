//! The real binary making and growing a positions file: `new`, `add
//! source`, `add position`, `import` (with the round trip of the bundled
//! data) and `annotations`. Exit 1 with FILE:LINE:COL on a refused edit,
//! 2 on a usage error, and a refused edit writes nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::curate::{MINUTES, fisheries};
use common::{demarche, text};

fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// A temp dir with a new file for two parties, an observer and two
/// topics, and the source added.
fn started() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = fisheries(dir.path());
    (dir, file)
}

/// `add position` with the usual flags, `extra` ones replacing them
/// (flag, value) or added (a flag with no usual value; a switch with "").
fn add_position(file: &Path, extra: &[&str]) -> Output {
    let mut flags: Vec<(&str, &str)> = vec![
        ("--actor", "north"),
        ("--topic", "quota"),
        ("--date", "2020-03-03"),
        ("--source", "minutes"),
        ("--stance", "Refuses any cap on catches"),
    ];
    for pair in extra.chunks(2) {
        match flags.iter_mut().take(5).find(|(f, _)| *f == pair[0]) {
            Some(slot) => slot.1 = pair[1],
            None => flags.push((pair[0], pair[1])),
        }
    }
    let mut args = vec!["--data", file.to_str().unwrap(), "add", "position"];
    for (flag, value) in flags {
        // A switch (`--agreed`) is given with an empty value.
        args.push(flag);
        args.extend(Some(value).filter(|v| !v.is_empty()));
    }
    demarche(&args)
}

#[test]
fn new_writes_a_commented_file_that_checks_and_never_overwrites() {
    let (dir, file) = started();
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("# Fisheries round: a demarche positions file"),
        "{written}"
    );
    assert!(written.contains("role = \"observer\""), "{written}");
    // The text is stored relative to the data file, as verify looks it up.
    assert!(written.contains("file = \"texts/minutes.txt\""), "{written}");
    let check = demarche(&["check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let again = demarche(&[
        "new",
        file.to_str().unwrap(),
        "--title",
        "x",
        "--party",
        "a:A",
        "--topic",
        "t:T",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
    let usage = demarche(&[
        "new",
        dir.path().join("b.toml").to_str().unwrap(),
        "--title",
        "x",
        "--party",
        "a",
    ]);
    assert_eq!(usage.status.code(), Some(2), "{}", text(&usage.stderr));
    assert!(text(&usage.stderr).contains("ID:NAME"));
}

#[test]
fn add_position_prints_a_made_id_and_takes_every_key() {
    let (_dir, file) = started();
    let id = ok(&add_position(
        &file,
        &["--quote", "We will never accept a cap", "--evidence", "quote"],
    ));
    assert_eq!(id, "north-2020-03-03-refuses-any-cap-catches\n");
    let second = ok(&add_position(
        &file,
        &[
            "--id",
            "south-reply",
            "--actor",
            "south",
            "--speaker",
            "The delegate",
            "--tag",
            "science",
            "--tag",
            "quotas",
            "--notes",
            "Said at once.",
            "--responds-to",
            id.trim(),
            "--evidence",
            "characterization",
            "--reported-by",
            "anna",
            "--date-is",
            "report",
        ],
    ));
    assert_eq!(second, "south-reply\n");
    let list = ok(&demarche(&["--data", file.to_str().unwrap(), "list", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&list).unwrap();
    let reply = json["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "south-reply")
        .unwrap();
    assert_eq!(reply["actor"], "south");
    assert_eq!(reply["tags"], serde_json::json!(["science", "quotas"]));
    assert_eq!(reply["responds_to"][0], id.trim());
    assert_eq!(reply["reported_by"], "anna");
    assert_eq!(reply["date_is"], "report");
    assert_eq!(reply["speaker"], "The delegate");
    let verify = demarche(&["--data", file.to_str().unwrap(), "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", text(&verify.stdout));
}

#[test]
fn a_refused_addition_exits_1_with_the_place_and_writes_nothing() {
    let (_dir, file) = started();
    let before = std::fs::read(&file).unwrap();
    let out = add_position(&file, &["--topic", "qouta"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("talks.toml:") && err.contains("did you mean \"quota\""),
        "{err}"
    );
    let out = add_position(&file, &["--quote", "We shall never accept a cap"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("quote not found verbatim") && err.contains("closest:"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Usage: a missing flag, or no --data at all.
    assert_eq!(
        demarche(&[
            "--data",
            file.to_str().unwrap(),
            "add",
            "position",
            "--actor",
            "north"
        ])
        .status
        .code(),
        Some(2)
    );
    let no_data = demarche(&[
        "add", "position", "--actor", "north", "--topic", "quota", "--date", "2020", "--source", "minutes",
        "--stance", "x",
    ]);
    assert_eq!(no_data.status.code(), Some(2));
    assert!(text(&no_data.stderr).contains("--data FILE"));
}

#[test]
fn the_bundled_data_survives_the_csv_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("all.csv");
    let new = dir.path().join("round.toml");
    std::fs::write(&csv, ok(&demarche(&["list", "--format", "csv"]))).unwrap();
    let out = demarche(&["import", csv.to_str().unwrap(), "-o", new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json = |args: &[&str]| -> serde_json::Value { serde_json::from_str(&ok(&demarche(args))).unwrap() };
    let before = json(&["list", "--json"]);
    let after = json(&["--data", new.to_str().unwrap(), "list", "--json"]);
    let before = before["positions"].as_array().unwrap();
    let after = after["positions"].as_array().unwrap();
    assert_eq!(before.len(), after.len());
    for (a, b) in before.iter().zip(after) {
        for (field, value) in a.as_object().unwrap() {
            assert_eq!(value, &b[field], "{} {field}", a["id"]);
        }
    }
    // Into the same file again: every id is taken, so nothing is written.
    let into = demarche(&["import", csv.to_str().unwrap(), "--into", new.to_str().unwrap()]);
    assert_eq!(into.status.code(), Some(1));
    assert!(
        text(&into.stderr).contains("all.csv:2:1: id:"),
        "{}",
        text(&into.stderr)
    );
}

#[test]
fn import_into_adds_rows_and_bad_rows_stop_it() {
    let (dir, file) = started();
    let csv = dir.path().join("rows.csv");
    std::fs::write(
        &csv,
        "stance,actor,topic,date,source,quote,evidence\r\n\
         '-10% catch for all,south,quota,2020-03-03,minutes,quotas must follow the science,characterization\r\n",
    )
    .unwrap();
    let out = demarche(&["import", csv.to_str().unwrap(), "--into", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "an id is needed");
    std::fs::write(
        &csv,
        "id,stance,actor,topic,date,source,quote,evidence\r\n\
         s-1,'-10% catch for all,south,quota,2020-03-03,minutes,quotas must follow the science,characterization\r\n",
    )
    .unwrap();
    ok(&demarche(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        file.to_str().unwrap(),
    ]));
    let list = ok(&demarche(&["--data", file.to_str().unwrap(), "list", "--json"]));
    assert!(list.contains("\"stance\": \"-10% catch for all\""), "{list}");
}

#[test]
fn annotations_anchor_every_quote_by_code_points() {
    let (_dir, file) = started();
    ok(&add_position(
        &file,
        &["--quote", "We will never accept a cap", "--evidence", "quote"],
    ));
    let out = ok(&demarche(&["--data", file.to_str().unwrap(), "annotations"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    let item = &doc["first"]["items"][0];
    assert_eq!(item["target"]["source"], "texts/minutes.txt");
    let selectors = &item["target"]["selector"];
    assert_eq!(selectors[0]["type"], "TextQuoteSelector");
    let (start, end) = (
        selectors[1]["start"].as_u64().unwrap() as usize,
        selectors[1]["end"].as_u64().unwrap() as usize,
    );
    let between: String = MINUTES.chars().skip(start).take(end - start).collect();
    assert_eq!(selectors[0]["exact"], between.as_str());
    assert_eq!(item["body"][1]["value"], "quote");
}

/// The negotiation model's keys (an agreement, its suspension on two
/// topics at a bounded date, answers to it) go in by flag, load, and make
/// the state of play: the topic is agreed, then suspended.
#[test]
fn add_position_takes_agreements_relations_and_bounded_dates() {
    let (_dir, file) = started();
    let f = file.to_str().unwrap();
    for (id, actor) in [("north-review", "north"), ("south-review", "south")] {
        ok(&add_position(
            &file,
            &[
                "--id",
                id,
                "--actor",
                actor,
                "--stance",
                "Agrees to a joint review of the cap",
                "--agreed",
                "",
            ],
        ));
    }
    ok(&add_position(
        &file,
        &[
            "--id",
            "north-withdraws",
            "--date",
            "2020-04/2020-05-10",
            "--stance",
            "Withdraws from the review",
            "--suspends",
            "north-review",
            "--suspends",
            "south-review",
            "--also-topic",
            "access",
        ],
    ));
    ok(&add_position(
        &file,
        &[
            "--id",
            "south-answer",
            "--actor",
            "south",
            "--date",
            "2020-06",
            "--stance",
            "Rejects the withdrawal, and will talk only if the review resumes",
            "--rejects",
            "north-withdraws",
            "--conditional-on",
            "north-withdraws",
        ],
    ));
    let list = ok(&demarche(&["--data", f, "list", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&list).unwrap();
    let by_id = |id: &str| {
        json["positions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("north-review")["agreed"], true);
    let withdraws = by_id("north-withdraws");
    assert_eq!(withdraws["also_topics"], serde_json::json!(["access"]));
    assert_eq!(withdraws["date_start"], "2020-04-01");
    assert_eq!(withdraws["date_end"], "2020-05-10");
    let relations = withdraws["relations"].to_string();
    assert!(
        relations.contains(r#""kind":"suspends","to":"south-review""#),
        "{relations}"
    );
    let answer = by_id("south-answer")["relations"].to_string();
    assert!(
        answer.contains(r#""kind":"rejects""#) && answer.contains(r#""kind":"conditional_on""#),
        "{answer}"
    );
    let history = ok(&demarche(&["--data", f, "matrix", "--history"]));
    let agreed = history.find("agreed").expect(&history);
    let suspended = history.find("suspended").expect(&history);
    assert!(agreed < suspended, "{history}");
    // The CSV carries every one of these keys back in.
    let dir = file.parent().unwrap();
    let csv = ok(&demarche(&["--data", f, "list", "--format", "csv"]));
    std::fs::write(dir.join("all.csv"), csv).unwrap();
    let copy = dir.join("copy.toml");
    ok(&demarche(&[
        "import",
        dir.join("all.csv").to_str().unwrap(),
        "-o",
        copy.to_str().unwrap(),
    ]));
    let again = ok(&demarche(&["--data", copy.to_str().unwrap(), "list", "--json"]));
    let again: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again["positions"], json["positions"]);
}

/// A bad value of an `add` flag with fixed values, or a date that does
/// not parse, is a usage error as `list --from` makes it: exit 2, the
/// flag, the value and the values allowed named, nothing written.
#[test]
fn bad_flag_values_of_add_are_usage_errors() {
    let (_dir, file) = started();
    let before = std::fs::read(&file).unwrap();
    let refused = |extra: &[&str]| {
        let out = add_position(&file, extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", text(&out.stderr));
        text(&out.stderr)
    };
    let err = refused(&["--evidence", "bogus"]);
    assert!(
        err.contains("invalid value 'bogus' for '--evidence <KIND>'")
            && err.contains("[possible values: quote, joint, paraphrase, characterization, action]"),
        "{err}"
    );
    let err = refused(&["--date-is", "acted"]);
    assert!(
        err.contains("'acted' for '--date-is") && err.contains("act, report"),
        "{err}"
    );
    let err = refused(&["--date", "2020-02-30"]);
    assert!(
        err.contains("invalid value '2020-02-30' for '--date <DATE>': 2020-02-30 does not exist"),
        "{err}"
    );
    let out = add_source(&file, "later", &["--date", "March 2020"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("'March 2020' for '--date <DATE>'"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
}

/// `add source` to `file` with the id `id` and `extra` flags.
fn add_source(file: &Path, id: &str, extra: &[&str]) -> Output {
    let source = [
        "--data",
        file.to_str().unwrap(),
        "add",
        "source",
        "--id",
        id,
        "--title",
        "T",
    ];
    demarche(&[&source[..], extra].concat())
}

/// `add source --file /abs/path`: the file holds the path relative to the
/// data file's folder (as `verify` and the reader look it up), the
/// message names it so, and a text outside the folder is refused.
#[test]
fn add_source_stores_the_text_relative_to_the_data_file() {
    let (dir, file) = started();
    let reply = dir.path().join("texts/reply.txt");
    std::fs::write(&reply, "Southland: \"Quotas must follow the science.\"\n").unwrap();
    let out = add_source(&file, "reply", &["--file", reply.to_str().unwrap()]);
    assert_eq!(ok(&out), "reply\n");
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}: source \"reply\" added with file = \"texts/reply.txt\" (relative to the data file's folder)\n",
            file.display()
        )
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("file = \"texts/reply.txt\"\n"), "{written}");
    assert!(!written.contains(dir.path().to_str().unwrap()), "{written}");
    // verify finds the text where the file says it is.
    let quote = "Quotas must follow the science.";
    ok(&add_position(
        &file,
        &[
            "--actor",
            "south",
            "--source",
            "reply",
            "--quote",
            quote,
            "--evidence",
            "quote",
        ],
    ));
    let out = demarche(&["--data", file.to_str().unwrap(), "verify"]);
    assert!(
        ok(&out).ends_with("1 quote verified in 1 source\n"),
        "{}",
        text(&out.stdout)
    );

    let before = std::fs::read(&file).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("outside.txt");
    std::fs::write(&outside, "x").unwrap();
    let out = add_source(&file, "outside", &["--file", outside.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("outside.txt: outside the data file's folder") && err.contains("with no `..`"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
}
