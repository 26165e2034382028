use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag};

use super::document::Document;

use super::*;
use crate::deck::{Deck, Target};
use crate::text::gate::is_clean;

/// The deck in `format`, as the command line and the app export it.
fn rendered(
    format: DeckFormat,
    data: &Dataset,
    text: &DisplayText,
    deck: &Deck,
    opts: &ExportOptions,
) -> String {
    super::deck(data, text, deck, opts, format, "").main
}

const DATA: &str = r#"
format = 1
title = "Border and water talks"

[[actors]]
id = "north"
name = "Northland"

[[actors]]
id = "south"
name = "Southland"

[[actors]]
id = "monitor"
name = "Lake Monitoring Mission"
role = "observer"

[[topics]]
id = "water"
name = "Water sharing"

[[topics]]
id = "border"
name = "Border line"

[[sources]]
id = "communique"
title = "Joint communiqué of the lakeside summit"
author = "Northland Foreign Ministry"
publisher = "Northland Press Office"
date = "2015-07-14"
url = "https://example.org/communique"

[[sources]]
id = "interview"
title = "Interview with the Southland envoy"
publisher = "Daily | Pipe"
date = "2015-07"

[[events]]
id = "summit"
name = "Lakeside summit"
date = "2015-07-14"
end = "2015-07-16"
summary = "Three days of talks on the lake's water."
sources = ["communique", "interview"]

[[positions]]
id = "n1"
actor = "north"
topic = "water"
date = "2015-07-14"
stance = "Shares must follow historic use"
source = "communique"
quote = "We will not give up a *single* drop [sic]"
speaker = "Foreign Minister A. Nord"
event = "summit"
evidence = "quote"

[[positions]]
id = "s1"
actor = "south"
topic = "water"
date = "2015-07-14"
stance = "Shares must follow population | need."
source = "interview"
quote = "Water is <b>life</b>"
event = "summit"
evidence = "paraphrase"
reported_by = "monitor"
date_is = "report"

[[positions]]
id = "n3"
actor = "north"
topic = "water"
date = "2015-07-14"
stance = "Any deal needs ratification"
source = "communique"
event = "summit"

[[positions]]
id = "n2"
actor = "north"
topic = "water"
date = "2015-09"
stance = "Open to a joint commission"
source = "communique"
quote = ""

[[positions]]
id = "s3"
actor = "south"
topic = "water"
date = "2016"
stance = "Accepts a joint commission"
source = "interview"

[[positions]]
id = "s2"
actor = "south"
topic = "border"
date = "2016"
stance = "The river is the border"
source = "interview"

[[positions]]
id = "m1"
actor = "monitor"
topic = "water"
date = "2015-07-15"
stance = "Both sides should publish flow data\u001b[2J"
source = "interview"
quote = ""
speaker = "Lake Monitoring Mission"
"#;

/// A note in Markdown that tries to break out of its point: a heading,
/// a footnote definition and reference, raw HTML and an open fence, with
/// a list and emphasis that should render.
pub(super) const NOTE: &str = "Stress the *history*:\n- the 1998 treaty\n- the **2004** accord\n\n\
                    # My heading\n[^9]: not a footnote, nor [^1]\u{7}\n<!-- open comment\n```\nopen fence";

pub(super) fn fixture() -> (Dataset, DisplayText, Deck) {
    let data = crate::load::load_str("talks.toml", DATA).unwrap().dataset;
    let text = DisplayText::new(&data);
    let mut deck = Deck::default();
    let pos = |id: &str| Target::Position(id.to_string());
    deck.insert_heading(0, "Opening");
    deck.pin(pos("n1"));
    deck.set_note(1, NOTE);
    deck.pin(Target::Event("summit".to_string()));
    deck.insert_heading(3, "Their side");
    deck.pin(pos("s1"));
    deck.pin(pos("gone"));
    deck.set_note(5, "Check with the desk");
    deck.pin(pos("m1"));
    deck.pin(Target::Topic("water".to_string()));
    (data, text, deck)
}

fn export(opts: &ExportOptions) -> String {
    let (data, text, deck) = fixture();
    rendered(DeckFormat::Markdown, &data, &text, &deck, opts)
}

/// What a Markdown document parses to, for structural assertions.
#[derive(Debug, Default)]
struct Outline {
    headings: Vec<(HeadingLevel, String)>,
    quotes: Vec<String>,
    paragraphs: Vec<String>,
    /// Footnote reference labels, in order.
    refs: Vec<String>,
    /// Footnote definitions: label and text.
    definitions: Vec<(String, String)>,
    /// Table rows, the header first, as cell texts.
    rows: Vec<Vec<String>>,
    /// List items' text.
    items: Vec<String>,
    code: Vec<String>,
    /// Structure the exports never produce on purpose.
    unexpected: Vec<String>,
}

fn outline(md: &str) -> Outline {
    let mut out = Outline::default();
    let mut open: Vec<(Tag, String)> = Vec::new();
    let mut row = Vec::new();
    for event in Parser::new_ext(md, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES) {
        let piece = match event {
            Event::Start(tag) => {
                let made_by_data = match &tag {
                    Tag::HtmlBlock | Tag::Image { .. } => true,
                    // The exports' own links are autolinks to sources.
                    Tag::Link { link_type, .. } => *link_type != LinkType::Autolink,
                    _ => false,
                };
                if made_by_data {
                    out.unexpected.push(format!("{tag:?}"));
                }
                open.push((tag, String::new()));
                continue;
            }
            Event::End(_) => {
                let (tag, text) = open.pop().expect("balanced events");
                match tag {
                    Tag::Heading { level, .. } => out.headings.push((level, text.clone())),
                    Tag::BlockQuote(_) => out.quotes.push(text.clone()),
                    Tag::Paragraph => out.paragraphs.push(text.clone()),
                    Tag::FootnoteDefinition(label) => out.definitions.push((label.to_string(), text.clone())),
                    Tag::TableCell => row.push(text.clone()),
                    Tag::TableHead | Tag::TableRow => out.rows.push(std::mem::take(&mut row)),
                    Tag::Item => out.items.push(text.clone()),
                    Tag::CodeBlock(_) => out.code.push(text.clone()),
                    _ => {}
                }
                text
            }
            Event::Text(t) => t.to_string(),
            Event::FootnoteReference(label) => {
                out.refs.push(label.to_string());
                format!("[^{label}]")
            }
            Event::HardBreak | Event::SoftBreak => "\n".to_string(),
            other => {
                out.unexpected.push(format!("{other:?}"));
                continue;
            }
        };
        if let Some((_, text)) = open.last_mut() {
            text.push_str(&piece);
        }
    }
    out
}

fn level_and_text(outline: &Outline) -> Vec<(usize, &str)> {
    outline
        .headings
        .iter()
        .map(|(level, text)| (*level as usize, text.as_str()))
        .collect()
}

/// The fixture deck's headings, level and text, as its Markdown outlines them.
const FIXTURE_OUTLINE: [(usize, &str); 9] = [
    (1, "Talking points: Border and water talks"),
    (2, "Opening"),
    (3, "1. Shares must follow historic use"),
    (3, "2. Event: Lakeside summit"),
    (2, "Their side"),
    (3, "3. Shares must follow population | need."),
    (3, "4. Both sides should publish flow data\u{241B}[2J"),
    (3, "5. Comparison: Water sharing"),
    (2, "References"),
];

#[test]
fn markdown_has_the_deck_structure() {
    let md = export(&ExportOptions::default());
    let doc = outline(&md);
    assert_eq!(level_and_text(&doc), FIXTURE_OUTLINE);
    assert_eq!(doc.unexpected, Vec::<String>::new(), "{md}");
    assert!(is_clean(&md), "no control characters: {md:?}");
}

#[test]
fn quotes_and_bylines_say_whose_words_they_are() {
    let doc = outline(&export(&ExportOptions::default()));
    assert_eq!(
        doc.quotes,
        [
            "We will not give up a *single* drop [sic]",
            "Water is <b>life</b>",
            "[missing: position \"gone\" no longer in the data]",
        ]
    );
    let has = |p: &str| doc.paragraphs.iter().any(|q| q == p);
    assert!(has(
        "— Northland — Foreign Minister A. Nord, 14 Jul 2015 · quote [^1]"
    ));
    assert!(
        has("— Southland, reported 14 Jul 2015 · paraphrase · reported by Lake Monitoring Mission [^4]"),
        "no speaker; evidence, reporter and a date of report: {doc:#?}"
    );
    assert!(
        has("— Lake Monitoring Mission, 15 Jul 2015 [^5]"),
        "a speaker who is the actor is not named twice"
    );
    assert!(has("14 Jul 2015 – 16 Jul 2015 [^2] [^3]"));
    assert!(has("Three days of talks on the lake's water."));
    assert!(has("Note: Check with the desk"), "a missing pin keeps its note");
}

#[test]
fn notes_render_as_markdown_and_stay_inside_their_point() {
    let md = export(&ExportOptions::default());
    let doc = outline(&md);
    assert!(
        doc.paragraphs.iter().any(|p| p == "Note: Stress the history:"),
        "{doc:#?}"
    );
    assert_eq!(doc.items[..2], ["the 1998 treaty", "the 2004 accord"]);
    // A heading, a footnote and an HTML comment (which runs on to the
    // end of the note, fence and all) are the text the user wrote.
    let shown = [
        "# My heading",
        "[^9]: not a footnote, nor [^1]\u{2407}",
        "<!-- open comment\n```\nopen fence",
    ];
    for text in shown {
        assert!(doc.paragraphs.iter().any(|p| p == text), "{text}: {doc:#?}");
    }
    assert!(doc.code.is_empty(), "{doc:#?}");
    assert!(
        doc.definitions
            .iter()
            .all(|(_, text)| !text.contains("not a footnote"))
    );
    assert_eq!(
        doc.refs.iter().filter(|r| *r == "1").count(),
        1,
        "the note cites nothing"
    );

    let without = export(&ExportOptions {
        include_notes: false,
        ..ExportOptions::default()
    });
    assert!(!without.contains("Stress the") && !without.contains("Check with the desk"));
    assert!(
        without.contains("\\[missing: position \"gone\""),
        "the pin itself stays"
    );
}

#[test]
fn every_citation_is_one_footnote_full_first_then_short() {
    let doc = outline(&export(&ExportOptions::default()));
    let expected: Vec<String> = (1..=10).map(|n| n.to_string()).collect();
    assert_eq!(doc.refs, expected, "each label used once, in reading order");
    let labels: Vec<&str> = doc.definitions.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, expected, "one definition per citation");
    let full_communique = "Northland Foreign Ministry, Joint communiqué of the lakeside summit, Northland Press Office, \
                           14 Jul 2015, https://example.org/communique.";
    let definition = |n: usize| doc.definitions[n - 1].1.as_str();
    assert_eq!(definition(1), full_communique);
    assert_eq!(definition(2), "Northland Foreign Ministry, 14 Jul 2015.");
    assert_eq!(
        definition(3),
        "Interview with the Southland envoy, Daily | Pipe, Jul 2015."
    );
    assert_eq!(definition(4), "Interview with the Southland envoy, Jul 2015.");
    assert_eq!(
        doc.items,
        [
            "the 1998 treaty",
            "the 2004 accord",
            &full_communique[..full_communique.len() - 1],
            "Interview with the Southland envoy, Daily | Pipe, Jul 2015",
        ],
        "References: each source once"
    );
}

#[test]
fn a_comparison_is_a_table_without_doubled_names_or_stray_punctuation() {
    let md = export(&ExportOptions::default());
    let doc = outline(&md);
    assert_eq!(doc.rows[0], ["Date", "Northland", "Southland"]);
    assert_eq!(
        doc.rows[1],
        [
            "14 Jul 2015 (Lakeside summit)",
            "Shares must follow historic use “We will not give up a *single* drop [sic]” [^6]",
            "Shares must follow population | need. “Water is <b>life</b>” [^7]",
        ]
    );
    assert_eq!(doc.rows.len(), 5);
    assert!(!md.contains(".;") && !md.contains("Northland: Northland"), "{md}");
}

#[test]
fn a_short_title_is_the_first_words_of_a_long_one() {
    let (data, text, _) = fixture();
    let mut r = document::Reference::new(&data, &text, 1);
    assert_eq!(
        r.short_name(),
        ("Interview with the Southland envoy".to_string(), true)
    );
    r.title = "A very long title of a report on the water".to_string();
    assert_eq!(r.short_name(), ("A very long title…".to_string(), true));
    r.author = Some("Lin".to_string());
    assert_eq!(r.short_name(), ("Lin".to_string(), false));
}

#[test]
fn title_comes_from_options_then_deck_then_data() {
    let (data, text, mut deck) = fixture();
    let first_heading = |deck: &Deck, opts: &ExportOptions| {
        outline(&rendered(DeckFormat::Markdown, &data, &text, deck, opts)).headings[0]
            .1
            .clone()
    };
    deck.set_title(Some("# Briefing".to_string()));
    assert_eq!(first_heading(&deck, &ExportOptions::default()), "# Briefing");
    let opts = ExportOptions {
        title: Some("For the minister".to_string()),
        ..ExportOptions::default()
    };
    assert_eq!(first_heading(&deck, &opts), "For the minister");
    deck.set_title(Some("  ".to_string()));
    let blank = ExportOptions {
        title: Some(String::new()),
        ..ExportOptions::default()
    };
    assert_eq!(
        first_heading(&deck, &blank),
        "Talking points: Border and water talks"
    );
}

#[test]
fn an_empty_deck_is_just_a_title() {
    let (data, text, _) = fixture();
    let md = rendered(
        DeckFormat::Markdown,
        &data,
        &text,
        &Deck::default(),
        &ExportOptions::default(),
    );
    assert_eq!(md, "# Talking points: Border and water talks\n");
    let doc = Document::build(&data, &text, &Deck::default(), &ExportOptions::default());
    assert!(doc.notes.is_empty() && doc.references.is_empty());
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(export(&ExportOptions::default()));
}

#[test]
fn plain_text_reads_without_markup() {
    let (data, text, deck) = fixture();
    let txt = rendered(DeckFormat::Text, &data, &text, &deck, &ExportOptions::default());
    assert!(is_clean(&txt));
    for expected in [
        "Talking points: Border and water talks\n======================================\n",
        "1. Shares must follow historic use\n   “We will not give up a *single* drop [sic]”\n",
        "   Note: Stress the history:\n\n         - the 1998 treaty\n",
        "[missing: position \"gone\" no longer in the data]\n   Note: Check with the desk\n",
        "   14 Jul 2015 (Lakeside summit)\n     Northland: Shares must follow historic use",
        "\nNotes\n-----\n[1] Northland Foreign Ministry, Joint communiqué",
        "[2] Northland Foreign Ministry, 14 Jul 2015\n",
        "\nReferences\n----------\nNorthland Foreign Ministry, Joint communiqué",
        "Interview with the Southland envoy, Daily | Pipe, Jul 2015\n",
    ] {
        assert!(txt.contains(expected), "{expected:?} in\n{txt}");
    }
    insta::assert_snapshot!(txt);
}

#[test]
fn topic_table_aligns_the_parties_by_date() {
    let (data, text, _) = fixture();
    let md = topic_table(&data, &text, 0, 0, 1);
    let doc = outline(&md);
    assert_eq!(doc.unexpected, Vec::<String>::new(), "{md}");
    assert!(is_clean(&md));
    let n1 = "Shares must follow historic use “We will not give up a *single* drop [sic]” [^1]";
    let s1 = "Shares must follow population | need. “Water is <b>life</b>” [^2]";
    let rows: Vec<Vec<&str>> = doc
        .rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["Date", "Northland", "Southland"],
            vec!["14 Jul 2015 (Lakeside summit)", n1, s1],
            vec![
                "14 Jul 2015 (Lakeside summit)",
                "Any deal needs ratification [^3]",
                "—"
            ],
            vec!["Sep 2015", "Open to a joint commission [^4]", "—"],
            vec!["2016", "—", "Accepts a joint commission [^5]"],
        ]
    );
    let labels: Vec<&str> = doc.definitions.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5"]);
    assert_eq!(doc.refs, labels);
}

#[test]
fn topic_table_of_a_topic_without_their_positions_is_a_header() {
    let (data, text, _) = fixture();
    // Only Southland speaks on the border; Northland's column is empty.
    let md = topic_table(&data, &text, 1, 0, 2);
    assert_eq!(
        md,
        "| Date | Northland | Lake Monitoring Mission |\n| --- | --- | --- |\n"
    );
}

/// Pieces of Markdown that could break a document: headings, underlines,
/// footnotes, fences, HTML blocks, lists, quotes, tables, pandoc divs.
const NOTE_PIECES: &[&str] = &[
    "# h",
    "## h",
    "###### h",
    "===",
    "---",
    "[^1]",
    "[^9]: x",
    "```",
    "~~~",
    "````",
    "<!--",
    "-->",
    "<pre>",
    "<div>",
    "- a",
    "1. a",
    "> q",
    "| a | b |",
    ":::",
    "    code",
    "*a*",
    "`c`",
    "\\",
    "text",
    "[link](https://x.org)",
    "<https://x.org>",
    "  ```",
    "  - b",
    "   ~~~",
    "<script>",
    "",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn no_note_breaks_the_documents_structure(
        pieces in proptest::collection::vec(proptest::sample::select(NOTE_PIECES), 0..12),
        joins in proptest::collection::vec(proptest::sample::select(&["\n", " ", "\n\n"][..]), 12),
    ) {
        let note: String = pieces.iter().zip(&joins).map(|(p, j)| format!("{p}{j}")).collect();
        let (data, text, mut deck) = fixture();
        deck.set_note(1, note.as_str());
        deck.set_note(5, note.as_str());
        let md = rendered(DeckFormat::Markdown, &data, &text, &deck, &ExportOptions::default());
        let doc = outline(&md);
        let top: Vec<(usize, &str)> = level_and_text(&doc).into_iter().filter(|(l, _)| *l <= 3).collect();
        proptest::prop_assert_eq!(
            top,
            FIXTURE_OUTLINE.to_vec(),
            "{}", md
        );
        let expected: Vec<String> = (1..=10).map(|n| n.to_string()).collect();
        proptest::prop_assert_eq!(&doc.refs, &expected, "{}", md);
        let labels: Vec<String> = doc.definitions.iter().map(|(l, _)| l.clone()).collect();
        proptest::prop_assert_eq!(labels, expected, "{}", md);
        proptest::prop_assert_eq!(doc.rows.len(), 5, "the comparison table is whole: {}", md);
    }
}
