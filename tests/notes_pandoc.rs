//! Notes are inert in every export format, checked with the real pandoc:
//! random notes built from the constructs pandoc, GFM and HTML would read
//! as their own (raw attributes, `{=format}`, `^[...]`, YAML blocks, raw
//! TeX, bracketed spans, raw HTML, script links) among the ones a note
//! may use, exported as `md` and `pandoc` Markdown and rendered by pandoc
//! to HTML and LaTeX. Nothing may come out as a script, an event handler,
//! a `javascript:` or `data:` address, a change of the document's
//! metadata, raw `\input`/`\include`/`\write18`, or a footnote the
//! document did not make. The HTML export is checked the same way.
//!
//! Many notes go into one document per pandoc call (pandoc is slow to
//! start), and the case count is modest.

use std::io::Write;
use std::process::{Command, Stdio};

use demarche_core::deck::{Deck, Target};
use demarche_core::export::{self, DeckFormat, ExportOptions};
use demarche_core::model::Dataset;
use demarche_core::text::display::DisplayText;
use proptest::prelude::*;
use serde_json::Value;

mod common;

const DATA: &str = include_str!("fixtures/export.toml");

/// What a note may be built from: the issue's attacks, pandoc's and
/// GFM's extensions, HTML, and the Markdown a note is allowed.
const PIECES: &[&str] = &[
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
    "[x]{onclick=alert(1)}",
    "[x]{.c onmouseover=\"alert(1)\"}",
    "`<script>alert(1)</script>`{=html}",
    "`\\input{/etc/passwd}`{=latex}",
    "```{=html}\n<script>alert(1)</script>\n```",
    "```{=latex}\n\\input{/etc/passwd}\n```",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">a</a>",
    "![i](data:image/svg+xml,<svg onload=alert(1)>)",
    "![i](javascript:alert(1))",
    "---\ntitle: Hijacked\nheader-includes: \\input{/etc/passwd}\n---",
    "---\nauthor: Mallory\n...",
    "% Hijacked title",
    "\\input{/etc/passwd}",
    "\\include{secrets}",
    "\\immediate\\write18{touch /tmp/pwned}",
    "$\\input{/etc/passwd}$",
    "\\begin{verbatim}x\\end{verbatim}",
    "^[an inline footnote]",
    "[^1]",
    "[^n]: a footnote definition",
    "[@doe2015]",
    "::: {.x onclick=alert(1)}\ndiv\n:::",
    "# heading {onclick=alert(1)}",
    "<div onclick=alert(1)>",
    "&lt;script&gt;",
    "[ref]: javascript:alert(1)\n\n[click][ref]",
    "~~gone~~ H~2~O x^2^",
    "| a | b |\n|---|---|\n| c | d |",
    "*emphasis*",
    "**strong**",
    "`code`",
    "[a link](https://example.org/a_(b))",
    "<https://example.org>",
    "[mail](mailto:a@example.org)",
    "- item\n- item *two*",
    "1. first\n2. second",
    "```\ncode block\n```",
    "plain words",
    "",
];

/// A note: pieces joined by spaces, line breaks or blank lines.
fn note() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(PIECES);
    let join = proptest::sample::select(&[" ", "\n", "\n\n"][..]);
    proptest::collection::vec((piece, join), 1..8)
        .prop_map(|parts| parts.into_iter().map(|(p, j)| format!("{p}{j}")).collect())
}

fn data() -> (Dataset, DisplayText) {
    let data = demarche_core::load::load_str("export.toml", DATA)
        .unwrap()
        .dataset;
    let text = DisplayText::new(&data);
    (data, text)
}

/// A deck of the fixture's positions, one note on each.
fn deck(notes: &[String]) -> Deck {
    let mut deck = Deck::default();
    for (i, note) in notes.iter().enumerate() {
        let id = ["up-1", "down-1", "up-2", "lin-1"][i % 4];
        deck.pin(Target::Position(id.into()));
        // The same position twice is one pin: headings keep them apart.
        if deck.items().len() <= i {
            deck.insert_heading(deck.items().len(), format!("Part {i}"));
        }
        let last = deck.items().len() - 1;
        deck.set_note(last, note.as_str());
    }
    deck
}

fn pandoc(input: &str, args: &[&str]) -> String {
    let mut child = Command::new("pandoc")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pandoc runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "pandoc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// How many elements of type `t` the pandoc AST holds.
fn count(value: &Value, t: &str) -> usize {
    match value {
        Value::Object(map) => {
            usize::from(map.get("t").and_then(Value::as_str) == Some(t))
                + map.values().map(|v| count(v, t)).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(|v| count(v, t)).sum(),
        _ => 0,
    }
}

/// Every tag of an HTML document (text is escaped, so every `<` opens
/// one), lowercased.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or("").to_ascii_lowercase())
        .collect()
}

/// Nothing live in HTML: no script element, no `on...=` attribute, no
/// `javascript:` or `data:` address.
fn assert_inert_html(html: &str, what: &str) {
    for tag in tags(html) {
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(!name.starts_with("script"), "{what}: <{tag}>");
        let handler = tag
            .split_whitespace()
            .skip(1)
            .any(|attr| attr.starts_with("on") && attr.contains('='));
        assert!(!handler, "{what}: an event handler in <{tag}>");
        for scheme in ["javascript:", "data:"] {
            let address = ["=\"", "='", "="]
                .iter()
                .any(|q| tag.contains(&format!("{q}{scheme}")));
            assert!(!address, "{what}: a {scheme} address in <{tag}>");
        }
    }
}

/// LaTeX outside `verbatim` environments (code blocks: pandoc never
/// lets their text end the environment, it switches to highlighting).
fn outside_verbatim(latex: &str) -> String {
    let mut out = String::new();
    let mut rest = latex;
    while let Some(at) = rest.find("\\begin{verbatim}") {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .split_once("\\end{verbatim}")
            .map_or("", |(_, after)| after);
    }
    out + rest
}

/// No raw TeX that reads or writes files or runs commands.
fn assert_inert_latex(latex: &str, what: &str) {
    let latex = outside_verbatim(latex);
    for command in ["\\input", "\\include", "\\write18", "\\immediate"] {
        assert!(!latex.contains(command), "{what}: raw {command} in\n{latex}");
    }
}

/// The readers that read each Markdown format.
const READERS: &[(DeckFormat, &[&str])] = &[
    (DeckFormat::Markdown, &["markdown", "gfm"]),
    (DeckFormat::Pandoc, &["markdown"]),
];

/// Exports `notes` in every format and checks each through pandoc.
fn check(notes: &[String]) {
    let (data, text) = data();
    let deck = deck(notes);
    let export = |format, include_notes| {
        let opts = ExportOptions {
            include_notes,
            ..ExportOptions::default()
        };
        export::deck(&data, &text, &deck, &opts, format, "refs.json").main
    };
    for &(format, readers) in READERS {
        let (with, without) = (export(format, true), export(format, false));
        for reader in readers {
            let what = format!("{} read as {reader}", format.name());
            let ast = |doc: &str| -> Value {
                serde_json::from_str(&pandoc(doc, &["-f", reader, "-t", "json"])).unwrap()
            };
            let (ast_with, ast_without) = (ast(&with), ast(&without));
            assert_eq!(
                ast_with["meta"], ast_without["meta"],
                "{what}: the metadata changed\n{with}"
            );
            assert_eq!(
                count(&ast_with, "Note"),
                count(&ast_without, "Note"),
                "{what}: a footnote of the notes' own\n{with}"
            );
            for raw in ["RawInline", "RawBlock"] {
                assert_eq!(count(&ast_with, raw), 0, "{what}: {raw}\n{with}");
            }
            assert_inert_html(&pandoc(&with, &["-f", reader, "-t", "html"]), &what);
            assert_inert_latex(&pandoc(&with, &["-f", reader, "-t", "latex"]), &what);
        }
    }
    assert_inert_html(&export(DeckFormat::Html, true), "the HTML export");
}

#[test]
fn the_issues_examples_are_inert() {
    if !common::have_tool("pandoc") {
        return;
    }
    let examples: Vec<String> = [
        "[x](javascript:alert(1)) [x]{onclick=alert(1)} `<script>alert(1)</script>`{=html}",
        "---\ntitle: Hijacked\nheader-includes: \\input{/etc/passwd}\n---",
        "\\input{/etc/passwd} \\write18{touch /tmp/pwned}",
        "A claim^[with a footnote of its own].",
    ]
    .map(String::from)
    .to_vec();
    check(&examples);
}

#[test]
fn allowed_markdown_still_renders() {
    if !common::have_tool("pandoc") {
        return;
    }
    let (data, text) = data();
    let deck = deck(&["*a* **b** `c` [d](https://example.org)\n\n- e\n- f\n\n```\ng\n```".to_string()]);
    let md = export::deck(
        &data,
        &text,
        &deck,
        &ExportOptions::default(),
        DeckFormat::Markdown,
        "",
    )
    .main;
    for reader in ["markdown", "gfm"] {
        let html = pandoc(&md, &["-f", reader, "-t", "html"]);
        for element in [
            "<em>a</em>",
            "<strong>b</strong>",
            "<code>c</code>",
            "<a href=\"https://example.org\">d</a>",
            "<li>e</li>",
            "<pre><code>g</code></pre>",
        ] {
            assert!(html.contains(element), "{reader}: {element} in\n{html}");
        }
    }
}

proptest! {
    // Each case runs pandoc nine times; eight notes share each document.
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn random_notes_are_inert_through_pandoc(notes in proptest::collection::vec(note(), 8)) {
        if common::have_tool("pandoc") {
            check(&notes);
        }
    }
}
