//! The HTML handout parsed back with an HTML parser, the pandoc format's
//! front matter and CSL-JSON, CSV read back with the csv crate and the
//! TimelineJS JSON. (The real pandoc runs in tests/export_tools.rs.)

use scraper::{Html, Selector};
use serde_json::Value;

use super::tests::fixture;
use super::*;

fn exported(format: DeckFormat) -> Exported {
    let (data, text, deck) = fixture();
    deck_export(&data, &text, &deck, format)
}

fn deck_export(data: &Dataset, text: &DisplayText, d: &Deck, format: DeckFormat) -> Exported {
    deck(
        data,
        text,
        d,
        &ExportOptions::default(),
        format,
        "brief.references.json",
    )
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).expect("valid selector"))
        .collect()
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn html_is_one_file_that_fetches_nothing() {
    let html = Html::parse_document(&exported(DeckFormat::Html).main);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    for css in [
        "script", "img", "link", "iframe", "object", "embed", "video", "audio", "source", "base",
    ] {
        assert!(select(&html, css).is_empty(), "no <{css}>");
    }
    for element in select(&html, "*") {
        for (name, value) in element.value().attrs() {
            let fetches = matches!(
                name,
                "src" | "srcset" | "poster" | "data" | "style" | "background"
            );
            assert!(!fetches, "<{}> {name}={value:?}", element.value().name());
        }
    }
    let style: String = texts(&html, "style").concat();
    assert!(!style.contains("url(") && !style.contains("@import"), "{style}");
    assert!(style.contains("@media print"));
}

#[test]
fn html_has_every_point_and_keeps_data_text_as_text() {
    let (data, text, mut deck) = fixture();
    deck.set_title(Some("Brief <script>alert(1)</script>".to_string()));
    let html = Html::parse_document(&deck_export(&data, &text, &deck, DeckFormat::Html).main);
    assert_eq!(texts(&html, "h1"), ["Brief <script>alert(1)</script>"]);
    assert_eq!(
        texts(&html, "article.point h3"),
        [
            "1. Shares must follow historic use",
            "2. Event: Lakeside summit",
            "3. Shares must follow population | need.",
            "4. Both sides should publish flow data\u{241B}[2J",
            "5. Comparison: Water sharing",
        ]
    );
    assert_eq!(
        texts(&html, "h2"),
        ["Opening", "Their side", "Notes", "References"]
    );
    assert_eq!(
        texts(&html, "blockquote"),
        [
            "We will not give up a *single* drop [sic]",
            "Water is <b>life</b>"
        ]
    );
    assert!(select(&html, "b").is_empty(), "data text made no elements");
    assert_eq!(
        texts(&html, "#point-3 .byline"),
        ["— Southland, reported 14 Jul 2015 paraphrase · reported by Lake Monitoring Mission4"]
    );
    assert_eq!(texts(&html, "#point-1 .evidence"), ["quote"]);
    assert_eq!(
        texts(&html, ".missing"),
        ["[missing: position “gone” no longer in the data]"]
    );
}

#[test]
fn html_notes_render_their_markdown_and_stay_inside_their_point() {
    let html = Html::parse_document(&exported(DeckFormat::Html).main);
    assert_eq!(
        texts(&html, "#point-1 .note li"),
        ["the 1998 treaty", "the 2004 accord"]
    );
    assert_eq!(texts(&html, "#point-1 .note em"), ["history"]);
    assert!(select(&html, "#point-1 .note h4").is_empty(), "a heading is text");
    let note = texts(&html, "#point-1 .note").concat();
    assert!(
        note.contains("# My heading") && note.contains("<!-- open comment"),
        "a heading and raw HTML shown as text: {note}"
    );
    assert_eq!(
        select(&html, "article.point").len(),
        5,
        "the open comment swallowed nothing"
    );
}

#[test]
fn html_numbers_every_citation_and_links_it_both_ways() {
    let html = Html::parse_document(&exported(DeckFormat::Html).main);
    let marks = texts(&html, "sup.cite a");
    let expected: Vec<String> = (1..=10).map(|n| n.to_string()).collect();
    assert_eq!(marks, expected);
    let notes = select(&html, ".notes li");
    assert_eq!(notes.len(), 10);
    for (n, note) in (1..).zip(&notes) {
        assert_eq!(note.value().attr("id"), Some(format!("note-{n}").as_str()));
        let cite = select(&html, &format!("#cite-{n}"));
        assert_eq!(cite[0].value().attr("href"), Some(format!("#note-{n}").as_str()));
    }
    assert_eq!(texts(&html, ".references li").len(), 2);
    let table = texts(&html, "table.comparison tbody tr");
    assert_eq!(table.len(), 4);
}

#[test]
fn pandoc_format_cites_source_ids_and_names_its_bibliography() {
    let out = exported(DeckFormat::Pandoc);
    let md = &out.main;
    assert!(
        md.starts_with(
            "---\ntitle: \"Talking points: Border and water talks\"\nbibliography: \"brief.references.json\"\n"
        ),
        "{md}"
    );
    assert!(md.contains("— Northland — Foreign Minister A. Nord, 14 Jul 2015 · quote [@communique]"));
    assert!(md.contains("14 Jul 2015 – 16 Jul 2015 [@communique; @interview]"));
    assert!(md.contains("::: {#refs}\n:::"));
    assert!(
        !md.contains("\n[^") && !md.contains(" [^1]"),
        "no footnotes of its own"
    );
}

#[test]
fn csl_json_items_carry_what_zotero_and_citeproc_need() {
    let out = exported(DeckFormat::Pandoc);
    let items: Value = serde_json::from_str(out.bibliography.as_deref().unwrap()).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 2);
    let communique = &items[0];
    assert_eq!(communique["id"], "communique");
    assert_eq!(communique["type"], "webpage");
    assert_eq!(communique["title"], "Joint communiqué of the lakeside summit");
    assert_eq!(communique["author"][0]["literal"], "Northland Foreign Ministry");
    assert_eq!(communique["container-title"], "Northland Press Office");
    assert_eq!(
        communique["issued"]["date-parts"],
        serde_json::json!([[2015, 7, 14]])
    );
    assert_eq!(communique["URL"], "https://example.org/communique");
    let interview = &items[1];
    assert_eq!(interview["type"], "document");
    assert_eq!(interview["publisher"], "Daily | Pipe");
    assert_eq!(
        interview["issued"]["date-parts"],
        serde_json::json!([[2015, 7]]),
        "month precision"
    );
    assert!(interview.get("author").is_none() && interview.get("URL").is_none());
}

#[test]
fn only_the_pandoc_format_has_a_bibliography() {
    for format in [DeckFormat::Markdown, DeckFormat::Html, DeckFormat::Text] {
        assert_eq!(exported(format).bibliography, None);
    }
    let path = bibliography_path(std::path::Path::new("out/brief.md"));
    assert_eq!(path, std::path::Path::new("out/brief.references.json"));
}

#[test]
fn csv_reads_back_one_row_per_position() {
    let (data, text, _) = fixture();
    let order = data.list_order();
    let out = csv(&data, &text, &order).unwrap();
    let mut reader = ::csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, data::CSV_COLUMNS);
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), data.positions.len());
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
    let s1 = row("s1");
    assert_eq!(
        s1.iter().collect::<Vec<_>>(),
        [
            "s1",
            "2015-07-14",
            "day",
            "south",
            "water",
            "Shares must follow population | need.",
            "Water is <b>life</b>",
            "",
            "paraphrase",
            "monitor",
            "interview",
            "summit",
            "",
            "",
            "",
            "report",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Southland",
            "party",
            "Water sharing"
        ]
    );
    assert_eq!(&row("s3")[2], "year");
    assert_eq!(
        &row("m1")[5],
        "Both sides should publish flow data\u{241B}[2J",
        "sanitised"
    );
    assert!(out.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn timelinejs_has_dates_at_their_precision_text_and_groups() {
    let (data, text, _) = fixture();
    let doc: Value = serde_json::from_str(&timelinejs(&data, &text)).unwrap();
    assert_eq!(doc["title"]["text"]["headline"], "Border and water talks");
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), data.events.len() + data.positions.len());
    let find = |id: &str| events.iter().find(|e| e["unique_id"] == id).unwrap();
    let summit = find("event-summit");
    assert_eq!(
        summit["start_date"],
        serde_json::json!({"year": 2015, "month": 7, "day": 14})
    );
    assert_eq!(
        summit["end_date"],
        serde_json::json!({"year": 2015, "month": 7, "day": 16})
    );
    assert!(summit.get("group").is_none());
    let s1 = find("position-s1");
    assert_eq!(s1["group"], "Southland");
    assert_eq!(s1["text"]["headline"], "Shares must follow population | need.");
    let body = s1["text"]["text"].as_str().unwrap();
    assert!(body.contains("Water is &lt;b&gt;life&lt;/b&gt;"), "{body}");
    assert!(
        body.contains("paraphrase · reported by Lake Monitoring Mission"),
        "{body}"
    );
    assert_eq!(
        find("position-s3")["start_date"],
        serde_json::json!({"year": 2016})
    );
    assert_eq!(
        find("position-n2")["start_date"],
        serde_json::json!({"year": 2015, "month": 9})
    );
    for e in events {
        assert!(e["text"]["headline"].is_string() && e["start_date"]["year"].is_u64());
    }
}

/// Every key a position can have is a CSV column, so `import` can read back
/// whatever `list --format csv` wrote, and a new key of the format cannot
/// be forgotten here.
#[test]
fn every_position_key_is_a_csv_column() {
    for key in crate::load::POSITION_KEYS {
        assert!(data::CSV_COLUMNS.contains(key), "{key} is not a CSV column");
    }
}
