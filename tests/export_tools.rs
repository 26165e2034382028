//! Exports read by the tools analysts use: the real pandoc, with its
//! `markdown` and `gfm` readers and `--citeproc`. The fixture's data text
//! is full of Markdown, pandoc and HTML syntax that must stay text, and
//! the deck's notes are Markdown that must render.
//!
//! Skipped, with a note saying so, where pandoc is not installed, but
//! failed under CI; `.ci/run` installs it.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/export.toml");

const DECK: &str = r#"version = 1
title = "Brief: @nobody $1 <i>x</i>"

[[items]]
kind = "heading"
text = "Opening # [^2] --"

[[items]]
kind = "point"
position = "up-1"
note = """
Stress the *history*:
- the 1998 treaty
- the **2004** accord

# A heading of the note
[^1]: not a footnote, nor [^2]
<!-- open comment
```
open fence"""

[[items]]
kind = "point"
event = "round-1"

[[items]]
kind = "point"
position = "down-1"
note = "Ask about `[^1]` and <https://example.org/x>."

[[items]]
kind = "point"
topic = "flow"

[[items]]
kind = "point"
position = "lin-1"

[[items]]
kind = "point"
position = "gone"
note = "Check"
"#;

/// Citations in the deck: up-1, the event's two sources, down-1, the
/// comparison's three positions, lin-1.
const CITATIONS: usize = 8;
/// Distinct sources cited: treaty-text, wire, blog.
const SOURCES: usize = 3;

/// The binary over the fixture and its deck (written to `dir`), which must succeed.
fn with_deck(dir: &Path, args: &[&str]) -> Output {
    let deck = dir.join("deck.toml");
    std::fs::write(&deck, DECK).unwrap();
    let deck = deck.to_str().unwrap();
    common::succeeds(&[&["--data", DATA, "--deck", deck], args].concat())
}

/// Runs pandoc in `dir`; returns stdout, failing on any message.
fn pandoc(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("pandoc")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("pandoc runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "pandoc {args:?}: {stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

fn ast(dir: &Path, reader: &str, file: &str, extra: &[&str]) -> Value {
    let args = [&["-f", reader, "-t", "json", file], extra].concat();
    serde_json::from_str(&pandoc(dir, &args)).unwrap()
}

/// Every element of type `t`, depth first.
fn all<'a>(value: &'a Value, t: &str, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.get("t").and_then(Value::as_str) == Some(t) {
                out.push(value);
            }
            map.values().for_each(|v| all(v, t, out));
        }
        Value::Array(items) => items.iter().for_each(|v| all(v, t, out)),
        _ => {}
    }
}

fn find<'a>(value: &'a Value, t: &str) -> Vec<&'a Value> {
    let mut out = Vec::new();
    all(value, t, &mut out);
    out
}

/// The text of inlines, as pandoc's `stringify` would give it.
fn text(value: &Value) -> String {
    let mut out = String::new();
    walk_text(value, &mut out);
    out
}

fn walk_text(value: &Value, out: &mut String) {
    match value.get("t").and_then(Value::as_str) {
        Some("Str") => out.push_str(value["c"].as_str().unwrap()),
        Some("Space" | "SoftBreak" | "LineBreak") => out.push(' '),
        Some("Note") => {}
        _ => match value {
            Value::Object(map) => map.values().for_each(|v| walk_text(v, out)),
            Value::Array(items) => items.iter().for_each(|v| walk_text(v, out)),
            _ => {}
        },
    }
}

/// The items of the list after the "References" heading.
fn references(doc: &Value) -> usize {
    let blocks = doc["blocks"].as_array().unwrap();
    let at = blocks
        .iter()
        .position(|b| b["t"] == "Header" && text(&b["c"][2]) == "References")
        .expect("a References heading");
    assert_eq!(blocks[at + 1]["t"], "BulletList");
    blocks[at + 1]["c"].as_array().unwrap().len()
}

#[test]
fn markdown_renders_the_same_through_pandocs_markdown_and_gfm_readers() {
    if !common::have_tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief.md");
    with_deck(dir.path(), &["export", "-o", target.to_str().unwrap()]);
    let mut notes_by_reader = Vec::new();
    for reader in ["markdown", "gfm"] {
        let doc = ast(dir.path(), reader, "brief.md", &[]);
        let notes: Vec<String> = find(&doc, "Note").into_iter().map(|n| text(&n["c"])).collect();
        assert_eq!(
            notes.len(),
            CITATIONS,
            "{reader}: one note per citation: {notes:#?}"
        );
        assert_eq!(references(&doc), SOURCES, "{reader}: each source once");
        let headers: Vec<(u64, String)> = find(&doc, "Header")
            .into_iter()
            .map(|h| (h["c"][0].as_u64().unwrap(), text(&h["c"][2])))
            .collect();
        let levels: Vec<u64> = headers.iter().map(|(l, _)| *l).collect();
        assert_eq!(
            levels,
            [1, 2, 3, 3, 3, 3, 3, 2],
            "{reader}: a note makes no heading: {headers:#?}"
        );
        assert_eq!(headers[0].1, "Brief: @nobody $1 <i>x</i>");
        assert_eq!(headers[1].1, "Opening # [^2] --");
        assert_eq!(
            headers[2].1,
            "1. A. Flow stays at 40% — @nobody agrees; costs $5 and $6"
        );
        assert_eq!(headers[4].1, "3. (1) Flow must double. ::: warning");

        // The note's Markdown renders; the data text made no structure.
        let list = find(&doc, "BulletList")[0];
        let items: Vec<String> = list["c"].as_array().unwrap().iter().map(text).collect();
        assert_eq!(items, ["the 1998 treaty", "the 2004 accord"], "{reader}");
        let titles = [
            "Treaty text: $5 and $6 <script>alert(1)</script>",
            "Wire report",
            "Notes on the ~river~ [^1] @nobody",
        ];
        let emphasis: Vec<String> = find(&doc, "Emph")
            .into_iter()
            .map(text)
            .filter(|t| !titles.contains(&t.as_str()))
            .collect();
        assert_eq!(
            emphasis,
            ["history"],
            "{reader}: the note's emphasis, and else only titles"
        );
        assert_eq!(
            find(&doc, "Strong").into_iter().map(text).collect::<Vec<_>>(),
            ["Note:", "2004", "Note:", "Note:"]
        );
        assert_eq!(
            find(&doc, "CodeBlock").len(),
            0,
            "{reader}: the open comment runs to the note's end, fence and all, as text"
        );
        let paragraphs: Vec<String> = find(&doc, "Para").into_iter().map(text).collect();
        assert!(
            paragraphs.iter().any(|p| p == "# A heading of the note"),
            "{reader}: the note's heading is its text: {paragraphs:#?}"
        );
        for made_by_data in [
            "Cite",
            "Math",
            "Superscript",
            "Subscript",
            "Strikeout",
            "RawInline",
            "RawBlock",
            "Span",
            "Div",
            "DefinitionList",
            "OrderedList",
            "Image",
        ] {
            assert!(find(&doc, made_by_data).is_empty(), "{reader}: no {made_by_data}");
        }
        let quotes: Vec<String> = find(&doc, "BlockQuote").into_iter().map(text).collect();
        assert_eq!(
            quotes[0], "We keep [^1] the *river* <b>ours</b> {#id}",
            "{reader}"
        );
        let tables = find(&doc, "Table");
        assert_eq!(tables.len(), 1, "{reader}: the comparison is a table");
        notes_by_reader.push(notes);
    }
    assert_eq!(
        notes_by_reader[0], notes_by_reader[1],
        "the same notes with the same numbers"
    );
    assert!(notes_by_reader[0][0].starts_with("Upstream Ministry, Treaty text: $5 and $6 <script>"));
    assert_eq!(
        notes_by_reader[0][1], "Upstream Ministry, 2 May 2019.",
        "short after the first"
    );
}

#[test]
fn the_topic_table_renders_through_both_readers() {
    if !common::have_tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = with_deck(dir.path(), &["export", "--topic", "flow"]);
    std::fs::write(dir.path().join("table.md"), &out.stdout).unwrap();
    for reader in ["markdown", "gfm"] {
        let doc = ast(dir.path(), reader, "table.md", &[]);
        assert_eq!(find(&doc, "Table").len(), 1, "{reader}");
        assert_eq!(find(&doc, "Note").len(), 3, "{reader}: a note per position");
    }
}

#[test]
fn pandoc_format_renders_with_citeproc_and_no_warnings() {
    if !common::have_tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief.md");
    let out = with_deck(
        dir.path(),
        &["export", "--format", "pandoc", "-o", target.to_str().unwrap()],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("brief.references.json"), "{said}");
    assert!(dir.path().join("brief.references.json").exists());

    let doc = ast(dir.path(), "markdown", "brief.md", &["--citeproc"]);
    let cited: usize = find(&doc, "Cite")
        .iter()
        .map(|c| c["c"][0].as_array().unwrap().len())
        .sum();
    assert_eq!(cited, CITATIONS);
    let refs = find(&doc, "Div")
        .into_iter()
        .find(|d| d["c"][0][0] == "refs")
        .expect("citeproc filled the refs div");
    assert_eq!(refs["c"][1].as_array().unwrap().len(), SOURCES);
    assert_eq!(
        doc["meta"]["title"]["c"]
            .as_array()
            .map(|_| text(&doc["meta"]["title"]))
            .unwrap(),
        "Brief: @nobody $1 <i>x</i>"
    );

    let plain = pandoc(dir.path(), &["--citeproc", "brief.md", "-t", "plain"]);
    assert!(
        plain.contains("Wire Report") && plain.contains("Upstream Ministry"),
        "{plain}"
    );
}
