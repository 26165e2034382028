//! One test per validation rule: each asserts the message, the line and
//! the key or id named.

use super::*;

pub(super) const GOOD: &str = r#"format = 1
title = "T"

[[actors]]
id = "a"
name = "Alpha"

[[actors]]
id = "b"
name = "Beta"
role = "party"

[[topics]]
id = "t"
name = "Topic"

[[sources]]
id = "s"
title = "Source"

[[events]]
id = "e"
name = "Event"
date = 2015-09-25

[[positions]]
id = "p1"
actor = "a"
topic = "t"
date = "2015-09"
stance = "Holds X"
source = "s"
event = "e"
evidence = "action"

[[positions]]
id = "p2"
actor = "b"
topic = "t"
date = 2015-09-25
stance = "Holds Y"
source = "s"
responds_to = ["p1"]
evidence = "paraphrase"
"#;

/// The rendered report of a file that must fail.
pub(super) fn errors_of(text: &str) -> String {
    match load_str("f.toml", text) {
        Err(LoadError::Invalid(report)) => report.rendered,
        Err(other) => panic!("unexpected error kind: {other}"),
        Ok(_) => panic!("expected errors, file loaded"),
    }
}

pub(super) fn with(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "fixture lacks {from:?}");
    GOOD.replacen(from, to, 1)
}

#[test]
fn good_file_loads_without_warnings() {
    let loaded = load_str("f.toml", GOOD).unwrap();
    assert!(
        loaded.warnings.diagnostics.is_empty(),
        "{}",
        loaded.warnings.rendered
    );
    let data = loaded.dataset;
    assert_eq!(data.positions[1].responds_to, vec![0]);
    assert_eq!(data.actors[0].short, "Alpha");
    assert_eq!(data.positions[0].event, Some(0));
}

#[test]
fn toml_syntax_error_names_line() {
    let out = errors_of(&with("name = \"Beta\"", "name = \"Beta"));
    assert!(out.contains("f.toml:10:"), "{out}");
    assert!(out.contains("TOML syntax"), "{out}");
}

#[test]
fn wrong_type_names_key_and_type() {
    let out = errors_of(&with("name = \"Beta\"", "name = 3"));
    assert!(
        out.contains("f.toml:10:8: error: \"name\" in actor \"b\" must be a string, found an integer"),
        "{out}"
    );
}

#[test]
fn unknown_key_suggests_nearest() {
    let out = errors_of(&with("stance = \"Holds X\"", "stanse = \"Holds X\""));
    assert!(
        out.contains(
            "f.toml:31:1: error: unknown key \"stanse\" in position \"p1\" (did you mean \"stance\"?)"
        ),
        "{out}"
    );
    assert!(out.contains("missing required key \"stance\""), "{out}");
}

#[test]
fn unknown_top_level_key() {
    let out = errors_of(&format!("titel = \"x\"\n{GOOD}"));
    assert!(
        out.contains("f.toml:1:1: error: unknown key \"titel\" in the top level (did you mean \"title\"?)"),
        "{out}"
    );
}

#[test]
fn missing_required_key_names_table_entry() {
    let out = errors_of(&with("name = \"Topic\"\n", ""));
    assert!(
        out.contains("topic \"t\" is missing required key \"name\""),
        "{out}"
    );
    assert!(out.contains("f.toml:13:1:"), "{out}");
}

#[test]
fn malformed_id() {
    let out = errors_of(&with("id = \"b\"", "id = \"Beta Party\""));
    assert!(
        out.contains("f.toml:9:6: error: \"id\" in actor \"Beta Party\" is \"Beta Party\", not a valid id"),
        "{out}"
    );
    let long = "x".repeat(65);
    assert!(errors_of(&with("id = \"b\"", &format!("id = \"{long}\""))).contains("not a valid id"));
    assert!(errors_of(&with("id = \"b\"", "id = \"\"")).contains("not a valid id"));
}

#[test]
fn duplicate_id_names_both_places() {
    let out = errors_of(&with("id = \"b\"", "id = \"a\""));
    assert!(
        out.contains("f.toml:9:6: error: duplicate actor id \"a\""),
        "{out}"
    );
    assert!(
        out.contains("f.toml:5:6: note: actor \"a\" is first defined here"),
        "{out}"
    );
}

#[test]
fn an_entry_without_an_id_is_named_by_number_in_the_report_and_summary() {
    let report = match load_str("f.toml", &with("id = \"p2\"\n", "")) {
        Err(LoadError::Invalid(report)) => report,
        Err(other) => panic!("unexpected error kind: {other}"),
        Ok(_) => panic!("expected errors, file loaded"),
    };
    let first = report.rendered.lines().next().unwrap_or_default();
    assert_eq!(
        first, "f.toml:36:1: error: position #2 is missing required key \"id\"",
        "{}",
        report.rendered
    );
    // A summary is the report's first line for that problem, without
    // the severity.
    assert_eq!(
        report.summaries,
        ["f.toml:36:1: position #2 is missing required key \"id\""]
    );
}

#[test]
fn unknown_reference_suggests_nearest_id() {
    let out = errors_of(&with("actor = \"a\"", "actor = \"aa\""));
    assert!(
        out.contains(
            "f.toml:28:9: error: position \"p1\" refers to unknown actor id \"aa\" (did you mean \"a\"?)"
        ),
        "{out}"
    );
    let out = errors_of(&with("responds_to = [\"p1\"]", "responds_to = [\"p3\"]"));
    assert!(
        out.contains("unknown position id \"p3\" (did you mean \"p1\"?)"),
        "{out}"
    );
    let out = errors_of(&with("event = \"e\"", "event = \"ev\""));
    assert!(out.contains("unknown event id \"ev\""), "{out}");
}

#[test]
fn event_source_reference_checked() {
    let out = errors_of(&with(
        "date = 2015-09-25\n\n[[positions]]",
        "date = 2015-09-25\nsources = [\"z\"]\n\n[[positions]]",
    ));
    assert!(
        out.contains("event \"e\" refers to unknown source id \"z\""),
        "{out}"
    );
}

#[test]
fn invalid_and_impossible_dates() {
    let out = errors_of(&with("date = \"2015-09\"", "date = \"2015-02-30\""));
    assert!(
        out.contains(
            "f.toml:30:8: error: \"date\" in position \"p1\": 2015-02-30 does not exist: February has 28 days"
        ),
        "{out}"
    );
    let out = errors_of(&with("date = \"2015-09\"", "date = \"Sept 2015\""));
    assert!(out.contains("is not a date"), "{out}");
    let out = errors_of(&with("date = \"2015-09\"", "date = 2015-09-01T10:00:00"));
    assert!(out.contains("is not a plain date"), "{out}");
    let out = errors_of(&with("date = \"2015-09\"", "date = 2015"));
    assert!(out.contains("must be a date"), "{out}");
}

#[test]
fn event_ending_before_it_starts() {
    let out = errors_of(&with(
        "date = 2015-09-25\n",
        "date = 2015-09-25\nend = \"2015-08\"\n",
    ));
    assert!(
        out.contains("event \"e\" ends (2015-08) before it starts (2015-09-25)"),
        "{out}"
    );
    // An end in the same month as a day start is fine.
    assert!(
        load_str(
            "f.toml",
            &with("date = 2015-09-25\n", "date = 2015-09-25\nend = \"2015-09\"\n")
        )
        .is_ok()
    );
}

#[test]
fn empty_required_string() {
    let out = errors_of(&with("stance = \"Holds Y\"", "stance = \"  \""));
    assert!(
        out.contains("\"stance\" in position \"p2\" must not be empty"),
        "{out}"
    );
}

#[test]
fn unsupported_format_version() {
    let out = errors_of(&with("format = 1", "format = 2"));
    assert!(
        out.contains("f.toml:1:10: error: unsupported format version 2"),
        "{out}"
    );
    assert!(errors_of(&with("format = 1", "format = \"1\"")).contains("\"format\" must be an integer"));
    assert!(errors_of(&with("format = 1\n", "")).contains("missing required key \"format\""));
}

#[test]
fn bad_role_suggests() {
    let out = errors_of(&with("role = \"party\"", "role = \"partie\""));
    assert!(
        out.contains("must be \"party\" or \"observer\", found \"partie\" (did you mean \"party\"?)"),
        "{out}"
    );
}

#[test]
fn tables_must_be_arrays_of_tables_and_present() {
    let out = errors_of("format = 1\ntitle = \"T\"\nactors = 3\n");
    assert!(
        out.contains("\"actors\" must be an array of tables ([[actors]]), found an integer"),
        "{out}"
    );
    assert!(out.contains("missing required table [[topics]]"), "{out}");
    let out = errors_of("format = 1\ntitle = \"T\"\nactors = []\ntopics = [1]\n");
    assert!(out.contains("[[actors]] needs at least one entry"), "{out}");
    assert!(out.contains("each entry of \"topics\" must be a table"), "{out}");
}

#[test]
fn all_problems_reported_at_once() {
    let text = with("name = \"Beta\"", "name = 3")
        .replace("actor = \"a\"", "actor = \"zz\"")
        .replace("format = 1", "format = 9");
    let Err(LoadError::Invalid(report)) = load_str("f.toml", &text) else {
        panic!()
    };
    assert_eq!(report.count(Severity::Error), 3, "{}", report.rendered);
}

#[test]
fn warnings_for_odd_but_loadable_content() {
    let text = format!(
        "{GOOD}\n[[actors]]\nid = \"c\"\nname = \"Gamma\"\n\n[[sources]]\nid = \"s2\"\ntitle = \"Unused\"\n"
    );
    let loaded = load_str("f.toml", &text).unwrap();
    let w = &loaded.warnings.rendered;
    assert!(w.contains("warning: party \"c\" has no positions"), "{w}");
    assert!(w.contains("warning: source \"s2\" is not cited"), "{w}");
}

#[test]
fn an_observer_who_reports_a_position_is_used() {
    let observers = "name = \"Beta\"\nrole = \"party\"\n\n\
        [[actors]]\nid = \"r\"\nname = \"Rita\"\nrole = \"observer\"\n\n\
        [[actors]]\nid = \"idle\"\nname = \"Ida\"\nrole = \"observer\"\n";
    let text = with("name = \"Beta\"\nrole = \"party\"\n", observers).replacen(
        "evidence = \"paraphrase\"",
        "evidence = \"paraphrase\"\nreported_by = \"r\"",
        1,
    );
    let loaded = load_str("f.toml", &text).unwrap();
    assert_eq!(loaded.dataset.positions[1].reported_by, Some(2));
    let w = &loaded.warnings.rendered;
    assert!(!w.contains("\"r\""), "{w}");
    assert!(
        w.contains("warning: observer \"idle\" has no positions and reports none"),
        "{w}"
    );
}

#[test]
fn text_is_stored_as_written() {
    let loaded = load_str(
        "f.toml",
        &with("stance = \"Holds X\"", "stance = \"Holds\\u001b[31m X\""),
    )
    .unwrap();
    assert_eq!(loaded.dataset.positions[0].stance, "Holds\u{1b}[31m X");
}

/// GOOD plus an observer `o` who wrote source `s`.
fn with_observer_author() -> String {
    with(
        "title = \"Source\"",
        "title = \"Source\"\nauthor = \"Dr. Olga Observer\"",
    ) + "\n[[actors]]\nid = \"o\"\nname = \"Olga Observer\"\nrole = \"observer\"\n\n[[positions]]\nid = \"p3\"\nactor = \"o\"\ntopic = \"t\"\ndate = \"2015\"\nstance = \"Thinks Z\"\nsource = \"s\"\nquote = \"Z.\"\nevidence = \"quote\"\n"
}

#[test]
fn evidence_reported_by_and_date_is_are_read() {
    let text = with_observer_author().replace(
        "evidence = \"paraphrase\"",
        "evidence = \"paraphrase\"\nreported_by = \"o\"\ndate_is = \"report\"",
    );
    let data = load_str("f.toml", &text).unwrap().dataset;
    assert_eq!(data.positions[0].evidence, Some(crate::model::Evidence::Action));
    assert!(!data.positions[0].date_reported);
    let p2 = &data.positions[1];
    assert_eq!(p2.evidence, Some(crate::model::Evidence::Paraphrase));
    assert_eq!(p2.reported_by, Some(2));
    assert!(p2.date_reported);
}

#[test]
fn unknown_evidence_kind_suggests_nearest() {
    let out = errors_of(&with("evidence = \"action\"", "evidence = \"qoute\""));
    assert!(
        out.contains(
            "f.toml:34:12: error: \"evidence\" in position \"p1\" must be one of \"quote\", \"joint\", \"paraphrase\", \"characterization\", \"action\", found \"qoute\" (did you mean \"quote\"?)"
        ),
        "{out}"
    );
}

#[test]
fn quote_evidence_needs_a_quote() {
    let out = errors_of(&with("evidence = \"action\"", "evidence = \"quote\""));
    assert!(
        out.contains(
            "f.toml:34:12: error: position \"p1\" has evidence \"quote\" but no \"quote\": add the words, or use \"paraphrase\""
        ),
        "{out}"
    );
    let fixed = with("evidence = \"action\"", "evidence = \"quote\"\nquote = \"X\"");
    assert!(load_str("f.toml", &fixed).is_ok());
}

#[test]
fn reported_by_must_name_an_observer() {
    let text = with_observer_author().replace(
        "evidence = \"paraphrase\"",
        "evidence = \"paraphrase\"\nreported_by = \"a\"",
    );
    let out = errors_of(&text);
    assert!(
        out.contains(
            "error: \"reported_by\" in position \"p2\" names \"a\", a party: it must name an observer (did you mean \"o\"?)"
        ),
        "{out}"
    );
    let text = with_observer_author().replace(
        "evidence = \"paraphrase\"",
        "evidence = \"paraphrase\"\nreported_by = \"oo\"",
    );
    let out = errors_of(&text);
    assert!(
        out.contains("position \"p2\" refers to unknown actor id \"oo\" (did you mean \"o\"?)"),
        "{out}"
    );
}

#[test]
fn unknown_date_is_suggests_nearest() {
    let out = errors_of(&with(
        "evidence = \"action\"",
        "evidence = \"action\"\ndate_is = \"reported\"",
    ));
    assert!(
        out.contains("\"date_is\" in position \"p1\" must be one of \"act\", \"report\", found \"reported\" (did you mean \"report\"?)"),
        "{out}"
    );
}

#[test]
fn warns_about_a_party_position_without_evidence() {
    let loaded = load_str("f.toml", &with("evidence = \"action\"\n", "")).unwrap();
    let w = &loaded.warnings.rendered;
    assert!(
        w.contains("f.toml:27:6: warning: party position \"p1\" has no \"evidence\": say whose words these are (quote, joint, paraphrase, characterization, action)"),
        "{w}"
    );
    assert_eq!(loaded.warnings.diagnostics.len(), 1, "{w}");
}

#[test]
fn warns_about_a_paraphrase_of_an_observers_text_without_reported_by() {
    let loaded = load_str("f.toml", &with_observer_author()).unwrap();
    let w = &loaded.warnings.rendered;
    assert!(
        w.contains("warning: position \"p2\" is a paraphrase of a text by observer \"o\" but has no \"reported_by\" (add reported_by = \"o\")"),
        "{w}"
    );
    assert_eq!(loaded.warnings.diagnostics.len(), 1, "{w}");
    // Reported: no warning. An author who is not an observer: no warning.
    let reported = with_observer_author().replace(
        "evidence = \"paraphrase\"",
        "evidence = \"paraphrase\"\nreported_by = \"o\"",
    );
    assert!(
        load_str("f.toml", &reported)
            .unwrap()
            .warnings
            .diagnostics
            .is_empty()
    );
    let stranger = with_observer_author().replace("Dr. Olga Observer", "Someone Else");
    assert!(
        load_str("f.toml", &stranger)
            .unwrap()
            .warnings
            .diagnostics
            .is_empty()
    );
}

#[test]
fn quote_places_point_at_the_quote_string() {
    let text = with_observer_author();
    let loaded = load_str("f.toml", &text).unwrap();
    assert_eq!(loaded.places.quotes[..2], [None, None]);
    let span = loaded.places.quotes[2].clone().unwrap();
    assert_eq!(&text[span], "\"Z.\"");
}

#[test]
fn a_source_file_outside_the_source_folders_is_refused_where_it_stands() {
    for (file, why) in [
        ("/proc/self/environ", "an absolute path"),
        ("../../../../../../etc/passwd", "a `..` component"),
        ("texts/../../secret.txt", "a `..` component"),
        ("..\\\\outside.txt", "a `..` component"),
        ("C:/Windows/win.ini", "a drive prefix"),
        ("\\\\\\\\server\\\\share.txt", "an absolute path"),
        ("", "it names no file"),
    ] {
        let out = errors_of(&with(
            "title = \"Source\"",
            &format!("title = \"Source\"\nfile = \"{file}\""),
        ));
        let shown = file.replace("\\\\", "\\");
        let want = format!("f.toml:20:8: error: \"file\" in source \"s\" is \"{shown}\": {why}");
        assert!(out.contains(&want), "{want}\n{out}");
    }
    let fine = with(
        "title = \"Source\"",
        "title = \"Source\"\nfile = \"texts/one.txt\"",
    );
    assert!(load_str("f.toml", &fine).is_ok());
}
