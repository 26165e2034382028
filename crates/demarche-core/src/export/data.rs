//! The data for other tools: positions as CSV (RFC 4180, for
//! spreadsheets) and the timeline as TimelineJS3 JSON. Text comes from
//! `DisplayText`, so no control character reaches a file or a terminal.

use serde_json::{Value, json};

use super::escape::html_text as esc;
use crate::date::Date;
use crate::model::{Dataset, Position, Relation};
use crate::text::display::DisplayText;
use crate::timeline::Item;

/// The CSV header: one row per position follows.
/// Every key of a position is a column (and the actor's and topic's
/// names), so `demarche import` reads back what `list --format csv` wrote.
pub(crate) const CSV_COLUMNS: [&str; 27] = [
    "id",
    "date",
    "precision",
    "actor",
    "topic",
    "stance",
    "quote",
    "speaker",
    "evidence",
    "reported_by",
    "source",
    "event",
    "tags",
    "notes",
    "responds_to",
    "date_is",
    "agreed",
    "also_topics",
    "supersedes",
    "suspends",
    "accepts",
    "rejects",
    "qualifies",
    "conditional_on",
    "actor_name",
    "actor_role",
    "topic_name",
];

/// How lists (tags, responds_to, also_topics, relations) are joined in one cell.
pub(crate) const CSV_LIST_SEPARATOR: &str = "; ";

/// Writing CSV failed (it cannot, into memory; the type keeps it honest).
#[derive(Debug, thiserror::Error)]
#[error("cannot write CSV: {0}")]
pub struct CsvError(String);

pub(crate) fn precision_word(date: Date) -> &'static str {
    match date.precision() {
        crate::date::Precision::Year => "year",
        crate::date::Precision::Month => "month",
        crate::date::Precision::Day => "day",
    }
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return before one) gets a leading apostrophe, as OWASP
/// advises: a data file from a stranger must not compute in Excel. The
/// apostrophe shows; nothing else about the text changes.
pub(crate) fn spreadsheet_safe(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

fn csv_row(data: &Dataset, text: &DisplayText, i: usize) -> [String; 27] {
    let p = &data.positions[i];
    let shown = &text.positions[i];
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        p.id.clone(),
        p.date.iso(),
        precision_word(p.date).to_string(),
        data.actors[p.actor].id.clone(),
        data.topics[p.topic].id.clone(),
        shown.stance.clone(),
        opt(&shown.quote),
        opt(&shown.speaker),
        p.evidence.map(|e| e.word().to_string()).unwrap_or_default(),
        p.reported_by
            .map(|r| data.actors[r].id.clone())
            .unwrap_or_default(),
        data.sources[p.source].id.clone(),
        p.event.map(|e| data.events[e].id.clone()).unwrap_or_default(),
        shown.tags.join(CSV_LIST_SEPARATOR),
        p.notes
            .as_deref()
            .map(crate::text::sanitize::block)
            .unwrap_or_default(),
        position_ids(
            data,
            p.responds_to
                .iter()
                .copied()
                .filter(|&r| !p.relations.iter().any(|&(_, to)| to == r)),
        ),
        if p.date_reported { "report" } else { "act" }.to_string(),
        if p.agreed { "true" } else { "" }.to_string(),
        p.also_topics
            .iter()
            .map(|&t| data.topics[t].id.as_str())
            .collect::<Vec<_>>()
            .join(CSV_LIST_SEPARATOR),
        related(data, p, Relation::Supersedes),
        related(data, p, Relation::Suspends),
        related(data, p, Relation::Accepts),
        related(data, p, Relation::Rejects),
        related(data, p, Relation::Qualifies),
        related(data, p, Relation::ConditionalOn),
        text.actors[p.actor].name.clone(),
        match data.actors[p.actor].role {
            crate::model::Role::Party => "party",
            crate::model::Role::Observer => "observer",
        }
        .to_string(),
        text.topics[p.topic].name.clone(),
    ]
}

/// Position ids joined for one cell.
fn position_ids(data: &Dataset, positions: impl Iterator<Item = usize>) -> String {
    positions
        .map(|r| data.positions[r].id.as_str())
        .collect::<Vec<_>>()
        .join(CSV_LIST_SEPARATOR)
}

/// The positions `p` names under one relation. `responds_to` holds these
/// too (a relation is also an answer); its column keeps only the others,
/// so an import writes each link once, under its own key.
fn related(data: &Dataset, p: &Position, relation: Relation) -> String {
    let targets = p
        .relations
        .iter()
        .filter(|&&(r, _)| r == relation)
        .map(|&(_, to)| to);
    position_ids(data, targets)
}

/// `positions` (indices into `data`) as CSV with a header row; ids for
/// actors, topics, sources and events, tags joined with "; ".
pub fn csv(data: &Dataset, text: &DisplayText, positions: &[usize]) -> Result<String, CsvError> {
    let fail = |e: &dyn std::fmt::Display| CsvError(e.to_string());
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS).map_err(|e| fail(&e))?;
    for &i in positions {
        writer
            .write_record(csv_row(data, text, i).map(spreadsheet_safe))
            .map_err(|e| fail(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

/// A TimelineJS date object, as precise as the date.
fn date_object(date: Date) -> Value {
    let mut object = json!({ "year": date.year_number() });
    let fields = object.as_object_mut().expect("built as an object");
    if let Some(month) = date.month_number() {
        fields.insert("month".into(), json!(month));
    }
    if let Some(day) = date.day_number() {
        fields.insert("day".into(), json!(day));
    }
    object
}

fn source_line(data: &Dataset, text: &DisplayText, source: usize) -> String {
    let shown = &text.sources[source];
    let parts: Vec<String> = [
        shown.author.clone(),
        Some(shown.title.clone()),
        shown.publisher.clone(),
        data.sources[source].date.map(|d| d.to_string()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    format!("<p class=\"source\">Source: {}</p>", esc(&parts.join(", ")))
}

fn position_event(data: &Dataset, text: &DisplayText, i: usize) -> Value {
    let p = &data.positions[i];
    let shown = &text.positions[i];
    let byline = super::document::byline(data, text, i);
    let mut body = String::new();
    if let Some(quote) = shown.quote.as_deref().filter(|q| !q.is_empty()) {
        body.push_str(&format!("<blockquote>{}</blockquote>", esc(quote)));
    }
    body.push_str(&format!("<p>— {}</p>", esc(&byline.line())));
    body.push_str(&source_line(data, text, p.source));
    json!({
        "unique_id": format!("position-{}", p.id),
        "start_date": date_object(p.date),
        "text": { "headline": esc(&shown.stance), "text": body },
        "group": esc(&text.actors[p.actor].name),
    })
}

fn event_event(data: &Dataset, text: &DisplayText, i: usize) -> Value {
    let e = &data.events[i];
    let shown = &text.events[i];
    let mut body = shown
        .summary
        .as_deref()
        .map_or_else(String::new, |s| format!("<p>{}</p>", esc(s)));
    for &s in &e.sources {
        body.push_str(&source_line(data, text, s));
    }
    let mut event = json!({
        "unique_id": format!("event-{}", e.id),
        "start_date": date_object(e.date),
        "text": { "headline": esc(&shown.name), "text": body },
    });
    if let Some(end) = e.end {
        event["end_date"] = date_object(end);
    }
    event
}

/// The timeline as TimelineJS3 JSON: the dataset's title as the title
/// slide, then every event (ungrouped) and position (grouped by actor
/// name) in date order.
pub fn timelinejs(data: &Dataset, text: &DisplayText) -> String {
    let events: Vec<Value> = crate::timeline::entries(data)
        .into_iter()
        .map(|(_, item)| match item {
            Item::Event(i) => event_event(data, text, i),
            Item::Position(i) => position_event(data, text, i),
        })
        .collect();
    let mut title = json!({ "text": { "headline": esc(&text.title) } });
    if let Some(description) = &text.description {
        title["text"]["text"] = json!(format!("<p>{}</p>", esc(description)));
    }
    let doc = json!({ "title": title, "events": events });
    serde_json::to_string_pretty(&doc).expect("JSON values serialise") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_compute_is_kept_as_text() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1"] {
            assert_eq!(spreadsheet_safe(formula.to_string()), format!("'{formula}"));
        }
        assert_eq!(
            spreadsheet_safe("Agrees to a hotline".into()),
            "Agrees to a hotline"
        );
        assert_eq!(spreadsheet_safe(String::new()), "");
    }

    /// Every string in a JSON document, with the key it is under.
    fn strings<'v>(value: &'v Value, key: &'v str, out: &mut Vec<(&'v str, &'v str)>) {
        match value {
            Value::String(s) => out.push((key, s)),
            Value::Array(items) => items.iter().for_each(|v| strings(v, key, out)),
            Value::Object(map) => map.iter().for_each(|(k, v)| strings(v, k, out)),
            _ => {}
        }
    }

    #[test]
    fn timelinejs_text_fields_carry_no_markup_from_the_data() {
        let hostile = "<img src=x onerror=alert(1)> 'q' \\\"d\\\" &amp;";
        let mut text = crate::load::BUNDLED.to_string();
        for key in [
            "name = \"",
            "stance = \"",
            "quote = \"",
            "summary = \"",
            "title = \"",
        ] {
            text = text.replace(key, &format!("{key}{hostile}"));
        }
        let data = crate::load::load_str("b.toml", &text).unwrap().dataset;
        let doc: Value = serde_json::from_str(&timelinejs(&data, &DisplayText::new(&data))).unwrap();
        let mut found = Vec::new();
        strings(&doc, "", &mut found);
        let ours = [
            "<p>",
            "</p>",
            "<p class=\"source\">",
            "<blockquote>",
            "</blockquote>",
        ];
        let groups = found.iter().filter(|(k, _)| *k == "group").count();
        assert_eq!(groups, data.positions.len());
        let escaped = found
            .iter()
            .filter(|(_, v)| v.contains("&lt;img src=x onerror=alert(1)&gt; &#39;q&#39;"));
        // Titles, names, stances, quotes and summaries: the hostile text is there, inert.
        assert!(escaped.count() > data.positions.len(), "{found:?}");
        for (key, value) in found {
            let rest = ours.iter().fold(value.to_string(), |v, tag| v.replace(tag, ""));
            assert!(!rest.contains(['<', '>', '"', '\'']), "{key}: {value}");
        }
    }

    #[test]
    fn the_list_csv_neutralises_formulas_from_the_data() {
        let text = crate::load::BUNDLED.replacen(
            "stance = \"Halts cybersecurity cooperation",
            "stance = \"=cmd|' /C calc'!A0 Halts cybersecurity cooperation",
            1,
        );
        let data = crate::load::load_str("b.toml", &text).unwrap().dataset;
        let shown = DisplayText::new(&data);
        let all: Vec<usize> = (0..data.positions.len()).collect();
        let out = csv(&data, &shown, &all).unwrap();
        let mut reader = ::csv::Reader::from_reader(out.as_bytes());
        let stances: Vec<String> = reader.records().map(|r| r.unwrap()[5].to_string()).collect();
        assert!(stances.iter().any(|s| s.starts_with("'=cmd|")), "{stances:?}");
        assert!(stances.iter().all(|s| !s.starts_with('=')));
    }
}
