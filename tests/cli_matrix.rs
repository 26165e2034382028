//! `demarche matrix` and the matrix in exports: the JSON shape, and the
//! Markdown and CSV tables parsed back.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const TWO: &str = "tests/fixtures/matrix2.toml";
const FOUR: &str = "tests/fixtures/matrix4.toml";

mod common;
use common::{demarche, json_of as json, stdout_of as stdout};

fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[test]
fn json_has_the_documented_shape() {
    let doc = json(&["--data", FOUR, "matrix", "--as-of", "2021-04-01", "--json"]);
    assert_eq!(keys(&doc), ["as_of", "parties", "rows", "version"]);
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["as_of"], "2021-04-01");
    assert_eq!(
        doc["parties"],
        serde_json::json!(["alpha", "beta", "gamma", "delta"])
    );
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for row in rows {
        assert_eq!(keys(row), ["cells", "certain", "status", "topic"]);
        assert_eq!(keys(&row["cells"]), ["alpha", "beta", "delta", "gamma"]);
    }
    assert_eq!(rows[1]["topic"], "trade");
    assert_eq!(rows[1]["status"], "one-sided");
    assert_eq!(rows[1]["cells"]["alpha"]["id"], "alpha-trade");
    assert!(
        rows[1]["cells"]["delta"].is_null(),
        "Delta has not spoken by 1 April"
    );
    // The position object is the one `list --json` prints, with what the
    // cell adds: certainty, how many more stand, a reservation.
    let listed = json(&[
        "--data", FOUR, "list", "--json", "--topic", "trade", "--actor", "alpha",
    ]);
    let mut cell = rows[1]["cells"]["alpha"].clone();
    assert_eq!(cell["certain"], true);
    assert_eq!(cell["others"], 0);
    assert!(cell["reservation"].is_null());
    for key in ["certain", "others", "reservation"] {
        cell.as_object_mut().unwrap().remove(key);
    }
    assert_eq!(cell, listed["positions"][0]);
    let latest = json(&["--data", FOUR, "matrix", "--json"]);
    assert!(latest["as_of"].is_null());
    assert_eq!(latest["rows"][0]["status"], "agreed");
}

#[test]
fn since_marks_changed_cells_in_json() {
    let doc = json(&["--data", TWO, "matrix", "--since", "2020-06", "--json"]);
    let water = &doc["rows"][2]["cells"];
    assert_eq!(water["north"]["changed"], true);
    assert_eq!(water["south"]["changed"], false);
    let unmarked = json(&["--data", TWO, "matrix", "--json"]);
    assert!(unmarked["rows"][2]["cells"]["north"].get("changed").is_none());
}

#[test]
fn history_json_lists_each_change_of_status() {
    let doc = json(&["--data", TWO, "matrix", "--history", "--json"]);
    assert_eq!(keys(&doc), ["history", "version"]);
    let fishing = &doc["history"][0];
    assert_eq!(keys(fishing), ["changes", "topic"]);
    assert_eq!(fishing["topic"], "fishing");
    assert_eq!(
        fishing["changes"],
        serde_json::json!([
            {"date": "2020-03-02", "status": "one-sided", "certain": true, "by": "north-fishing-1", "relation": null},
            {"date": "2020-04-01", "status": "stated", "certain": false, "by": "south-fishing-1", "relation": null},
            {"date": "2020-04-30", "status": "stated", "certain": true, "by": "south-fishing-1", "relation": null},
            {"date": "2020-09-25", "status": "agreed", "certain": true, "by": "south-fishing-2", "relation": null},
        ])
    );
    assert_eq!(
        doc["history"][3]["changes"],
        serde_json::json!([]),
        "space: never a word"
    );
}

/// Each table row's cells as plain text.
fn markdown_rows(md: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_cell = false;
    for event in Parser::new_ext(md, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                rows.last_mut().unwrap().push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) if in_cell => rows.last_mut().unwrap().last_mut().unwrap().push_str(&t),
            _ => {}
        }
    }
    rows
}

#[test]
fn markdown_table_parses_back() {
    let md = stdout(&[
        "--data",
        FOUR,
        "matrix",
        "--as-of",
        "2021-04-02",
        "--format",
        "md",
    ]);
    let rows = markdown_rows(&md);
    assert_eq!(
        rows[0],
        [
            "Topic",
            "Status",
            "Alpha Republic",
            "Kingdom of Beta",
            "Gamma Federation",
            "Delta Union"
        ]
    );
    assert_eq!(rows.len(), 4, "a head and three topics:\n{md}");
    assert_eq!(rows[2][0], "Tariff truce");
    assert_eq!(rows[2][1], "stated");
    assert!(
        rows[2][2].starts_with("Tariffs frozen for a year (joint, 1 Apr 2021)"),
        "{md}"
    );
    assert_eq!(rows[3][2], "— no stated position");
    assert!(md.contains("[^1]: *Newswire*, 2021"), "{md}");
}

/// RFC 4180 fields: quoted fields may hold commas and doubled quotes.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let mut fields = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    fields.last_mut().unwrap().push('"');
                }
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(String::new()),
                c => fields.last_mut().unwrap().push(c),
            }
        }
        rows.push(fields);
    }
    rows
}

#[test]
fn csv_parses_back() {
    let text = stdout(&["--data", FOUR, "matrix", "--format", "csv", "--since", "2021-04"]);
    let rows = csv_rows(&text);
    let head = &rows[0];
    assert_eq!(head.len(), 3 + 4 * 5);
    assert_eq!(
        &head[..8],
        [
            "topic",
            "topic name",
            "status",
            "alpha position",
            "alpha date",
            "alpha evidence",
            "alpha stance",
            "alpha changed"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == head.len()), "{text}");
    let climate = &rows[1];
    assert_eq!(climate[2], "agreed");
    assert_eq!(
        climate[6], "A fund of ten billion a year, audited yearly",
        "a quoted comma"
    );
    assert_eq!(climate[7], "true");
    let ports = &rows[3];
    assert_eq!(ports[3], "", "Alpha has no position on ports");
    assert_eq!(ports[13], "gamma-ports");
}

#[test]
fn history_takes_no_table_format() {
    let out = demarche(&["--data", TWO, "matrix", "--history", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    let out = demarche(&["--data", TWO, "matrix", "--json", "--format", "md"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_pinned_matrix_exports_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.toml");
    std::fs::write(
        &deck,
        "version = 1\n\n[[items]]\nkind = \"point\"\nmatrix = \"2020-06\"\nnote = \"Before the summit.\"\n\n\
         [[items]]\nkind = \"point\"\nmatrix = \"latest\"\n",
    )
    .unwrap();
    let deck = deck.to_str().unwrap();
    let md = stdout(&["--data", TWO, "--deck", deck, "export"]);
    assert!(md.contains("### 1. State of play, as of Jun 2020"), "{md}");
    assert!(md.contains("### 2. State of play, latest positions"), "{md}");
    let rows = markdown_rows(&md);
    assert_eq!(rows.len(), 10, "two tables of a head and four topics:\n{md}");
    assert_eq!(rows[1][..2], ["Fishing rights".to_string(), "stated".to_string()]);
    assert_eq!(rows[6][..2], ["Fishing rights".to_string(), "agreed".to_string()]);
    assert!(md.contains("**Note:** Before the summit."), "{md}");
    let text = stdout(&["--data", TWO, "--deck", deck, "export", "--format", "txt"]);
    assert!(text.contains("1. State of play, as of Jun 2020"), "{text}");
    assert!(text.contains("   Fishing rights — agreed"), "{text}");
    assert!(text.contains("      Southland: no stated position"), "{text}");
}

#[test]
fn html_table_has_a_row_per_topic_and_escapes_the_data() {
    let html = stdout(&[
        "--data",
        FOUR,
        "matrix",
        "--as-of",
        "2021-04-02",
        "--format",
        "html",
    ]);
    let start = html
        .find("<table class=\"comparison matrix\">")
        .expect("the matrix table");
    let table = &html[start..html[start..].find("</table>").unwrap() + start];
    assert_eq!(
        table.matches("<tr>").count(),
        4,
        "a head and three topics:\n{table}"
    );
    assert!(
        table.contains("<th scope=\"col\">Gamma Federation</th>"),
        "{table}"
    );
    assert!(table.contains("<td class=\"status\">stated</td>"), "{table}");
    assert!(
        table.contains("<td class=\"silent\">no stated position</td>"),
        "{table}"
    );
    let latest = stdout(&["--data", FOUR, "matrix", "--format", "html"]);
    assert!(
        latest.contains("Closes two ports to Beta&#39;s ships"),
        "the data's text is escaped"
    );
    assert!(!latest.contains("Beta's"), "no raw apostrophe from the data");
}
