//! Edits: the file keeps every byte it had (the diff holds only the
//! addition), a refusal writes nothing, and quotes are held to `verify`'s
//! rule.

use super::*;
use proptest::prelude::*;

const SMALL: &str = r#"# A hand-kept file: comments and layout must survive.
format = 1
title = 'Fisheries talks'   # literal string kept

[[actors]]
id = "north"
name = "Northland"

[[actors]]
id = "south"
name = "Southland"
role = "party"

# Topics -----------------------------------------------------------

[[topics]]
id = "quota"
name = "Quotas"

[[sources]]
id = "minutes"
title = "Minutes"
file = "minutes.txt"


[[positions]]
id = "north-1"
actor = "north"
topic = "quota"
date = 2020-03-01
stance = "Wants a cap."
source = "minutes"

# Trailing note about the file.
"#;

const MINUTES: &str =
    "The delegate said: \"We will never accept a cap on catches.\"\nLater, talks resumed.\n";

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.toml");
    std::fs::write(&path, SMALL).unwrap();
    std::fs::write(dir.path().join("minutes.txt"), MINUTES).unwrap();
    (dir, path)
}

fn position(id: &str, quote: Option<&str>) -> Entry {
    Entry::new(Kind::Positions)
        .text("id", Some(id))
        .text("actor", Some("south"))
        .text("topic", Some("quota"))
        .field("date", Field::Date("2020-03-02".into()))
        .text("stance", Some("Rejects any cap."))
        .text("source", Some("minutes"))
        .text("quote", quote)
}

/// The lines of `after` that are not in `before`, if `before` is `after`
/// with one block of lines inserted; panics otherwise.
fn inserted(before: &str, after: &str) -> String {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    assert_eq!(head + tail, a.len(), "lines of the original changed:\n{after}");
    b[head..b.len() - tail].concat()
}

#[test]
fn an_added_position_is_the_only_change_and_sits_after_the_positions() {
    let (_dir, path) = fixture();
    add(
        &path,
        &[position("south-1", Some("We will never accept a cap"))],
        None,
    )
    .unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    // The byte diff: the original, with one block inserted after the
    // last position and before the trailing comment.
    let at = SMALL.find("\n\n# Trailing").unwrap() + 1;
    assert_eq!(
        inserted(SMALL, &after).trim_matches('\n'),
        after[at..after.len() - (SMALL.len() - at)].trim_matches('\n')
    );
    assert_eq!(
        &after[at..after.len() - (SMALL.len() - at)],
        "\n[[positions]]\nid = \"south-1\"\nactor = \"south\"\ntopic = \"quota\"\ndate = 2020-03-02\n\
         stance = \"Rejects any cap.\"\nsource = \"minutes\"\nquote = \"We will never accept a cap\"\n"
    );
    // Before the trailing comment, after the last position.
    assert!(after.find("south-1").unwrap() < after.find("# Trailing").unwrap());
}

#[test]
fn the_first_source_of_a_file_goes_after_the_topics() {
    let text = SMALL.replace(
        "[[sources]]\nid = \"minutes\"\ntitle = \"Minutes\"\nfile = \"minutes.txt\"\n",
        "",
    );
    let text = text.replace(
        "[[positions]]\nid = \"north-1\"\nactor = \"north\"\ntopic = \"quota\"\ndate = 2020-03-01\nstance = \"Wants a cap.\"\nsource = \"minutes\"\n",
        "",
    );
    let source = Entry::new(Kind::Sources)
        .text("id", Some("memo"))
        .text("title", Some("Memo"));
    let after = place::add_entries(&text, &[source]).unwrap();
    let added = inserted(&text, &after);
    assert_eq!(
        added.trim_matches('\n'),
        "\n[[sources]]\nid = \"memo\"\ntitle = \"Memo\"".trim_matches('\n')
    );
    assert!(after.find("[[sources]]").unwrap() > after.find("id = \"quota\"").unwrap());
    crate::load::load_str("t", &after).unwrap();
}

#[test]
fn a_file_with_crlf_line_ends_keeps_them_for_the_addition() {
    let crlf = SMALL.replace('\n', "\r\n");
    let after = place::add_entries(&crlf, &[position("south-1", None)]).unwrap();
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "{after:?}"
    );
    assert!(
        after.starts_with(&crlf[..crlf.find("# Trailing").unwrap()]),
        "{after:?}"
    );
    crate::load::load_str("t", &after).unwrap();
}

#[test]
fn a_quote_must_stand_verbatim_in_the_source_text() {
    let (_dir, path) = fixture();
    let err = add(
        &path,
        &[position("south-1", Some("We shall never accept a cap"))],
        None,
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, EditError::Quote { .. }), "{text}");
    assert!(text.contains("talks.toml:"), "{text}");
    assert!(text.contains("closest: \"We will never accept a cap"), "{text}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SMALL);
    // Folded white space and `...` pass, as in verify.
    let ok = "We  will never ... on catches.\"";
    add(&path, &[position("south-2", Some(ok))], None).unwrap();
}

#[test]
fn a_missing_source_text_refuses_a_quote_but_not_a_position_without_one() {
    let (dir, path) = fixture();
    std::fs::remove_file(dir.path().join("minutes.txt")).unwrap();
    let err = add(&path, &[position("south-1", Some("We will"))], None).unwrap_err();
    assert!(matches!(err, EditError::NoText { .. }), "{err}");
    add(&path, &[position("south-1", None)], None).unwrap();
}

#[test]
fn a_refusal_names_the_place_and_the_nearest_id() {
    let (_dir, path) = fixture();
    let entry = position("south-1", None);
    let mut entry = entry;
    entry.fields[1].1 = Field::Text("sout".into());
    let err = add(&path, &[entry], None).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("talks.toml:"), "{text}");
    assert!(text.contains("did you mean \"south\""), "{text}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SMALL);
}

#[test]
fn a_file_changed_meanwhile_is_not_overwritten() {
    let (_dir, path) = fixture();
    let file = DataFile::open(&path).unwrap();
    let proposal = file
        .propose(&[position("south-1", None)], &file.source_dirs(None))
        .unwrap();
    std::fs::write(&path, format!("{SMALL}# edited elsewhere\n")).unwrap();
    assert!(matches!(file.commit(&proposal), Err(EditError::Changed(_))));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("# edited elsewhere\n")
    );
}

/// Values that make an addition invalid: unknown references, bad ids,
/// impossible dates, empty stances, unknown keys, unknown kinds.
fn invalid_change() -> impl Strategy<Value = (usize, Field)> {
    prop_oneof![
        (Just(0usize), "[A-Z _]{1,8}|north-1|".prop_map(Field::Text)),
        (
            Just(1usize),
            "[a-z]{1,6}"
                .prop_filter("not a party", |s| s != "north" && s != "south")
                .prop_map(Field::Text)
        ),
        (
            Just(2usize),
            "[a-z]{1,6}"
                .prop_filter("not the topic", |s| s != "quota")
                .prop_map(Field::Text)
        ),
        (
            Just(3usize),
            "2020-(00|1[3-9])-[0-9]{2}|[a-z]{1,5}|2020-02-3[0-9]".prop_map(Field::Date)
        ),
        (Just(4usize), Just(Field::Text(String::new()))),
        (Just(4usize), Just(Field::List(vec!["x".into()]))),
        (
            Just(5usize),
            "[a-z]{1,6}"
                .prop_filter("not the source", |s| s != "minutes")
                .prop_map(Field::Text)
        ),
        (
            Just(6usize),
            "[A-Za-z ]{1,20}".prop_map(|q| Field::Text(format!("{q} zzq")))
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_refusal_leaves_the_file_byte_identical((at, bad) in invalid_change(), extra in "[a-z_]{0,8}") {
        let (_dir, path) = fixture();
        let mut entry = position("south-1", Some("We will never"));
        entry.fields[at].1 = bad;
        if !extra.is_empty() {
            entry = entry.text(&format!("x{extra}"), Some("unknown key"));
        }
        let result = add(&path, &[entry], None);
        prop_assert!(result.is_err(), "accepted");
        prop_assert_eq!(std::fs::read(&path).unwrap(), SMALL.as_bytes());
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        prop_assert_eq!(names.len(), 2, "a temporary file was left: {:?}", names);
    }
}
