//! The deck from the command line: export (Markdown parsed back, text,
//! topic tables), "as of" listings and changes since a date.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/explorer.toml");

mod common;
use common::{demarche, stdout};

const DECK: &str = r#"version = 1
title = "Seminar"

[[items]]
kind = "heading"
text = "Opening"

[[items]]
kind = "point"
position = "north-tariffs-1"
note = "Start here."

[[items]]
kind = "point"
position = "south-tariffs-1"

[[items]]
kind = "point"
position = "deleted-since"

[[items]]
kind = "point"
topic = "tariffs"
"#;

fn deck_file(dir: &Path) -> String {
    let path = dir.join("deck.toml");
    std::fs::write(&path, DECK).unwrap();
    path.display().to_string()
}

#[test]
fn markdown_export_has_headings_quotes_and_working_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let deck = deck_file(dir.path());
    let out = demarche(&["--data", FIXTURE, "--deck", &deck, "export"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = stdout(&out);
    let mut headings = Vec::new();
    let mut in_heading = false;
    let mut references = Vec::new();
    let mut definitions = Vec::new();
    let mut quote_text = String::new();
    let mut in_quote = false;
    for event in Parser::new_ext(&md, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::BlockQuote(_)) => in_quote = true,
            Event::End(TagEnd::BlockQuote(_)) => in_quote = false,
            Event::Text(t) if in_heading => headings.last_mut().unwrap().push_str(&t),
            Event::Text(t) if in_quote => quote_text.push_str(&t),
            Event::FootnoteReference(name) => references.push(name.to_string()),
            Event::Start(Tag::FootnoteDefinition(name)) => definitions.push(name.to_string()),
            _ => {}
        }
    }
    assert_eq!(headings[0], "Seminar");
    assert!(headings.contains(&"Opening".to_string()), "{headings:?}");
    assert!(
        headings
            .iter()
            .any(|h| h.contains("Steel tariffs are lawful retaliation")),
        "{headings:?}"
    );
    assert!(quote_text.contains("We will defend our industry"), "{quote_text}");
    assert!(
        quote_text.contains("missing"),
        "a missing pin is shown, not dropped"
    );
    assert!(!references.is_empty());
    for r in &references {
        assert!(definitions.contains(r), "footnote {r} has no definition");
    }
    let mut unique = references.clone();
    unique.dedup();
    assert_eq!(unique, references, "each footnote label is used once");
    assert_eq!(
        definitions, references,
        "one footnote per citation, defined in the order cited"
    );
    assert!(md.contains("Start here."));
    assert!(
        headings.iter().any(|h| h.contains("Comparison: Tariffs")),
        "{headings:?}"
    );
    assert!(
        md.lines()
            .any(|l| l.starts_with("| 10 Mar 2020 (Spring summit) | Steel tariffs")
                && l.contains("| Les tarifs violent")),
        "a topic pin is a table of the parties, date by date:\n{md}"
    );
    assert!(!md.contains(".;"), "{md}");
    let without = stdout(&demarche(&[
        "--data",
        FIXTURE,
        "--deck",
        &deck,
        "export",
        "--no-notes",
    ]));
    assert!(!without.contains("Start here."));
}

#[test]
fn text_export_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let deck = deck_file(dir.path());
    let target = dir.path().join("out.txt");
    let out = demarche(&[
        "--data",
        FIXTURE,
        "--deck",
        &deck,
        "export",
        "--format",
        "txt",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).is_empty());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("wrote") && said.contains("as text") && said.contains("out.txt"),
        "-o says what it wrote: {said}"
    );
    let text = std::fs::read_to_string(target).unwrap();
    assert!(text.contains("Steel tariffs are lawful retaliation for dumping."));
    assert!(!text.contains("[^"), "plain text has no Markdown footnotes");
}

#[test]
fn topic_table_export_is_a_markdown_table() {
    let out = demarche(&[
        "--data",
        FIXTURE,
        "export",
        "--topic",
        "tariffs",
        "--pair",
        "north,east",
    ]);
    let md = stdout(&out);
    let mut cells_in_head = 0;
    let mut rows = 0;
    let mut in_head = false;
    for event in Parser::new_ext(&md, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) if in_head => cells_in_head += 1,
            Event::Start(Tag::TableRow) => rows += 1,
            _ => {}
        }
    }
    assert_eq!(cells_in_head, 3, "date | Northland | 東方国:\n{md}");
    assert!(md.contains("東方国"));
    assert_eq!(
        rows, 2,
        "10 Mar (North) and Jun 2020 (North and East share the round):\n{md}"
    );
    assert_eq!(
        demarche(&["--data", FIXTURE, "export", "--topic", "nope"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn list_as_of_marks_latest_and_superseded() {
    let out = demarche(&[
        "--data", FIXTURE, "list", "--actor", "north", "--as-of", "2020-06", "--json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let standings: Vec<(&str, &str)> = json["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["standing"].as_str().unwrap()))
        .collect();
    assert_eq!(
        standings,
        vec![("north-tariffs-1", "superseded"), ("north-tariffs-2", "latest")]
    );
    let text = stdout(&demarche(&["--data", FIXTURE, "list", "--as-of", "2020-03"]));
    assert!(text.contains("latest"), "{text}");
    assert!(
        !text.contains("Offers to suspend"),
        "June positions are after the date: {text}"
    );
}

/// On the bundled data China's halt, filed under the indictments, ends
/// the 2013 working-group agreement: its `changes` line and JSON name the
/// dialogue topic, where that agreement stood, not the indictments.
#[test]
fn a_change_names_the_topic_of_what_it_replaced() {
    let out = demarche(&["changes", "--since", "2014-01", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = json["changes"].as_array().unwrap();
    for change in changes {
        assert!(change["topic"].is_string(), "{change}");
    }
    let halt = changes
        .iter()
        .find(|c| c["position"]["id"] == "china-2014-halts-cooperation")
        .unwrap();
    assert_eq!(halt["previous"], "china-2013-working-group");
    assert_eq!(halt["topic"], "dialogue-mechanism");
    let text = stdout(&demarche(&["changes", "--since", "2014-01"]));
    let line = text.lines().find(|l| l.contains("Halts cybersecurity")).unwrap();
    assert!(line.contains("Dialogue mechanism"), "{line}");
    assert!(!line.contains("PLA indictments"), "{line}");
}

#[test]
fn changes_since_lists_new_and_changed_positions() {
    let out = demarche(&["--data", FIXTURE, "changes", "--since", "2020-03-31", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = json["changes"].as_array().unwrap();
    let north = changes
        .iter()
        .find(|c| c["position"]["id"] == "north-tariffs-2")
        .unwrap();
    assert_eq!(north["change"], "changed");
    assert_eq!(north["previous"], "north-tariffs-1");
    let east = changes
        .iter()
        .find(|c| c["position"]["id"] == "east-tariffs-1")
        .unwrap();
    assert_eq!(east["change"], "new");
    let text = stdout(&demarche(&[
        "--data",
        FIXTURE,
        "changes",
        "--since",
        "2020-03-31",
    ]));
    assert!(
        text.contains("(was: Steel tariffs are lawful retaliation for dumping.)"),
        "{text}"
    );
}

#[test]
fn an_unreadable_deck_fails_the_export_with_the_reason_and_stays_put() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.toml");
    std::fs::write(&deck, "this is [ not a deck").unwrap();
    let target = dir.path().join("out.md");
    let out = demarche(&[
        "--data",
        FIXTURE,
        "--deck",
        deck.to_str().unwrap(),
        "export",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("deck.toml:1:6: the talking points do not read"),
        "{said}"
    );
    assert!(!target.exists(), "no empty export");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["deck.toml"], "an export moves nothing aside");
    assert_eq!(std::fs::read_to_string(&deck).unwrap(), "this is [ not a deck");
}

#[test]
fn list_as_csv_and_timeline_as_timelinejs() {
    let out = demarche(&["--data", FIXTURE, "list", "--format", "csv", "--actor", "north"]);
    assert_eq!(out.status.code(), Some(0));
    let csv = stdout(&out);
    assert!(
        csv.starts_with(
            "id,date,precision,actor,topic,stance,quote,speaker,evidence,reported_by,source,event,tags,\
             notes,responds_to,date_is,agreed,also_topics,supersedes,suspends,accepts,rejects,qualifies,\
             conditional_on,actor_name,actor_role,topic_name\r\n"
        ),
        "{csv}"
    );
    // Read as CSV: a note may span lines inside its quotes.
    let records: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert!(
        !records.is_empty() && records.iter().all(|r| &r[3] == "north"),
        "{csv}"
    );

    let out = demarche(&["--data", FIXTURE, "timeline", "--format", "timelinejs"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(doc["events"].as_array().is_some_and(|e| !e.is_empty()));
    assert_eq!(
        demarche(&["--data", FIXTURE, "list", "--json", "--format", "csv"])
            .status
            .code(),
        Some(2),
        "--json and --format are one or the other"
    );
}

#[test]
fn the_pandoc_format_needs_a_file_to_put_its_bibliography_beside() {
    let out = demarche(&["--data", FIXTURE, "export", "--format", "pandoc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FILE"));
}
