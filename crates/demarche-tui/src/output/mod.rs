//! Text and JSON output for the scripting commands. Text lines up in
//! columns and is cut to the terminal width; JSON is the stable form
//! documented in docs/CLI.md.

use std::io::IsTerminal;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use demarche_core::date::{Date, Precision};
use demarche_core::model::Dataset;
use demarche_core::text::display::DisplayText;
use demarche_core::text::width::{fit, pad};
use demarche_core::timeline::Item;

mod matrix;
pub use matrix::{matrix_history_json, matrix_json};

/// Version of the JSON documents; bumped only on incompatible changes.
pub(crate) const JSON_VERSION: u32 = 2;

/// Width to fit text output to: the terminal's, `COLUMNS`, or unlimited
/// when writing to a pipe.
pub fn output_width() -> Option<usize> {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        return Some(usize::from(w));
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

/// The flexible column (the text being read: a stance) keeps at least
/// this much room, and at least half the width, when space is short.
const MIN_LAST_COLUMN: usize = 20;

fn flex_room(width: usize) -> usize {
    MIN_LAST_COLUMN.max(width / 2)
}

/// Narrows the widest columns, one cell at a time, until all of them
/// (with their two-space gaps) fit in `room`; none goes below 4.
fn shrink_to(widths: &mut [usize], room: usize) {
    while widths.iter().map(|w| w + 2).sum::<usize>() > room {
        let Some(widest) = widths.iter_mut().filter(|w| **w > 4).max_by_key(|w| **w) else {
            return;
        };
        *widest -= 1;
    }
}

/// Lays out rows as columns; the last column takes the rest of the width.
pub fn columns(rows: &[Vec<String>], width: Option<usize>) -> String {
    let last = rows.first().map_or(0, |r| r.len().saturating_sub(1));
    columns_with_flex(rows, width, last)
}

/// Lays out rows as columns; column `flex` takes the width the others
/// leave (and is cut to it), so a table can lead with its widest text.
pub fn columns_with_flex(rows: &[Vec<String>], width: Option<usize>, flex: usize) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let n = first.len();
    let mut widths: Vec<usize> = (0..n)
        .filter(|&c| c != flex)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    if let Some(w) = width {
        shrink_to(&mut widths, w.saturating_sub(flex_room(w)));
    }
    let fixed: usize = widths.iter().map(|w| w + 2).sum();
    let flex_width = width.map(|w| w.saturating_sub(fixed));
    if flex + 1 < n {
        // Not last: pad it to the widest cell that fits, so later columns line up.
        let widest = rows.iter().map(|r| r[flex].width()).max().unwrap_or(0);
        widths.insert(
            flex,
            flex_width.map_or(widest, |f| widest.min(f.saturating_sub(2))),
        );
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == n && c == flex {
                line.push_str(&flex_width.map_or(cell.clone(), |f| fit(cell, f)));
            } else {
                line.push_str(&pad(cell, widths[c]));
                line.push_str("  ");
            }
        }
        let line = match width {
            Some(w) => fit(line.trim_end(), w),
            None => line.trim_end().to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
pub struct PositionJson<'a> {
    pub id: &'a str,
    pub date: Date,
    pub precision: Precision,
    pub actor: &'a str,
    pub actor_name: &'a str,
    pub topic: &'a str,
    pub topic_name: &'a str,
    pub stance: &'a str,
    pub quote: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub event: Option<&'a str>,
    pub source: &'a str,
    pub tags: &'a [String],
    pub notes: Option<&'a str>,
    pub responds_to: Vec<&'a str>,
    /// quote, joint, paraphrase, characterization or action; null if unstated.
    pub evidence: Option<demarche_core::model::Evidence>,
    /// The id of the observer whose text carries the position.
    pub reported_by: Option<&'a str>,
    /// "act", or "report" when `date` is the date of a report.
    pub date_is: &'static str,
    /// The first and last day `date` covers (ISO days).
    pub date_start: Date,
    pub date_end: Date,
    /// One party's side of an agreement.
    pub agreed: bool,
    /// Topic ids it bears on besides `topic`.
    pub also_topics: Vec<&'a str>,
    /// Every link to another position, `responds_to` included.
    pub relations: Vec<RelationJson<'a>>,
}

#[derive(Serialize)]
pub struct RelationJson<'a> {
    /// supersedes, suspends, accepts, rejects, qualifies, conditional_on
    /// or responds_to.
    pub kind: &'static str,
    pub to: &'a str,
}

/// The typed relations, then each `responds_to` no relation names.
fn relations_json<'a>(data: &'a Dataset, p: &demarche_core::model::Position) -> Vec<RelationJson<'a>> {
    let typed = p.relations.iter().map(|&(kind, t)| (kind.key(), t));
    let plain = p
        .responds_to
        .iter()
        .filter(|&&t| !p.relations.iter().any(|&(_, r)| r == t))
        .map(|&t| ("responds_to", t));
    typed
        .chain(plain)
        .map(|(kind, t)| RelationJson {
            kind,
            to: &data.positions[t].id,
        })
        .collect()
}

pub fn position_json(data: &Dataset, i: usize) -> PositionJson<'_> {
    let p = &data.positions[i];
    PositionJson {
        id: &p.id,
        date: p.date,
        precision: p.date.precision(),
        actor: &data.actors[p.actor].id,
        actor_name: &data.actors[p.actor].name,
        topic: &data.topics[p.topic].id,
        topic_name: &data.topics[p.topic].name,
        stance: &p.stance,
        quote: p.quote.as_deref(),
        speaker: p.speaker.as_deref(),
        event: p.event.map(|e| data.events[e].id.as_str()),
        source: &data.sources[p.source].id,
        tags: &p.tags,
        notes: p.notes.as_deref(),
        responds_to: p
            .responds_to
            .iter()
            .map(|&r| data.positions[r].id.as_str())
            .collect(),
        evidence: p.evidence,
        reported_by: p.reported_by.map(|r| data.actors[r].id.as_str()),
        date_is: if p.date_reported { "report" } else { "act" },
        date_start: p.date.first_day(),
        date_end: p.date.last_day(),
        agreed: p.agreed,
        also_topics: p
            .also_topics
            .iter()
            .map(|&t| data.topics[t].id.as_str())
            .collect(),
        relations: relations_json(data, p),
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineJson<'a> {
    Event {
        id: &'a str,
        date: Date,
        precision: Precision,
        end: Option<Date>,
        name: &'a str,
    },
    Position(Box<PositionJson<'a>>),
}

pub fn timeline_json(data: &Dataset, item: Item) -> TimelineJson<'_> {
    match item {
        Item::Event(i) => {
            let e = &data.events[i];
            TimelineJson::Event {
                id: &e.id,
                date: e.date,
                precision: e.date.precision(),
                end: e.end,
                name: &e.name,
            }
        }
        Item::Position(i) => TimelineJson::Position(Box::new(position_json(data, i))),
    }
}

/// A text row for a position: date ("(reported)" when it dates a
/// report), actor, evidence kind and reporter, topic, stance.
pub fn position_row(data: &Dataset, text: &DisplayText, i: usize) -> Vec<String> {
    let p = &data.positions[i];
    vec![
        demarche_core::attribution::date(data, i),
        text.actors[p.actor].short.clone(),
        evidence_cell(data, text, i),
        text.topics[p.topic].name.clone(),
        text.positions[i].stance.clone(),
    ]
}

/// "paraphrase by Segal", "quote", or "unstated".
pub(crate) fn evidence_cell(data: &Dataset, text: &DisplayText, i: usize) -> String {
    let kind = data.positions[i].evidence.map_or(
        demarche_core::attribution::UNSTATED,
        demarche_core::model::Evidence::word,
    );
    match demarche_core::attribution::reporter_short(data, text, i) {
        Some(by) => format!("{kind} by {by}"),
        None => kind.to_string(),
    }
}

/// A timeline row: date, who (or "event"), and what.
pub fn timeline_row(data: &Dataset, text: &DisplayText, item: Item) -> Vec<String> {
    match item {
        Item::Event(i) => {
            let e = &data.events[i];
            let until = e.end.map_or(String::new(), |end| format!(" (to {end})"));
            vec![
                e.date.to_string(),
                "event".to_string(),
                format!("{}{until}", text.events[i].name),
            ]
        }
        Item::Position(i) => {
            let p = &data.positions[i];
            let what = format!("[{}] {}", text.topics[p.topic].name, text.positions[i].stance);
            vec![p.date.to_string(), text.actors[p.actor].short.clone(), what]
        }
    }
}

/// serde_json's pretty layout, with every character a terminal must not
/// receive raw written as a `\u` escape. serde_json escapes only C0
/// controls; this adds DEL, C1 controls, bidi controls, invisible joiners
/// and selectors, skin-tone modifiers and line separators (whatever the
/// terminal gate would alter: `sanitize::is_altered`), so the document
/// passes the gate unchanged and any JSON reader gets the data back.
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut plain = 0;
        for (at, c) in fragment.char_indices() {
            if demarche_core::text::gate::is_altered(c) {
                writer.write_all(&fragment.as_bytes()[plain..at])?;
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                plain = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[plain..])
    }

    // The layout is PrettyFormatter's.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Serialises `value` as pretty JSON with terminal-unsafe characters
/// escaped.
pub(crate) fn to_safe_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut bytes = Vec::new();
    let formatter = SafeFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    // Our types serialise to strings, numbers and lists only, and a Vec
    // does not fail to grow, so this cannot fail.
    let _ = value.serialize(&mut serializer);
    // Only whole UTF-8 strings and ASCII were written.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Serialises a JSON document with the version envelope.
pub fn json_document<T: Serialize>(key: &str, items: T) -> String {
    let mut map = serde_json::Map::new();
    map.insert("version".into(), JSON_VERSION.into());
    map.insert(key.into(), serde_json::to_value(items).unwrap_or_default());
    let mut text = to_safe_json(&serde_json::Value::Object(map));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_controls_c1_bidi_and_invisibles_and_round_trips() {
        let value = "a\u{1b}]52;c;x\u{7}\u{7f}\u{9b}\u{202E}\u{200D}\u{2028}\u{E0041}é習\\\"";
        let json = to_safe_json(&vec![value]);
        assert!(!json.chars().any(demarche_core::text::gate::is_altered));
        assert_eq!(
            demarche_core::text::gate::terminal(&json),
            json,
            "JSON passes the gate unchanged"
        );
        assert!(json.contains("\\u001b]52;c;x\\u0007\\u007f\\u009b\\u202e\\u200d\\u2028\\udb40\\udc41é習"));
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![value.to_string()]);
        assert_eq!(
            to_safe_json(&vec![1, 2]),
            serde_json::to_string_pretty(&vec![1, 2]).unwrap()
        );
    }

    #[test]
    fn columns_align() {
        let rows = vec![vec!["a".into(), "xx".into()], vec!["bbb".into(), "y".into()]];
        assert_eq!(columns(&rows, None), "a    xx\nbbb  y\n");
        assert_eq!(columns(&rows, Some(6)), "a    …\nbbb  y\n");
    }
}

/// A position's JSON with its standing at an "as of" date, when asked.
#[derive(Serialize)]
pub struct StandingJson<'a> {
    #[serde(flatten)]
    pub position: PositionJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<demarche_core::asof::Standing>,
    /// Whether the dates settle the standing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certain: Option<bool>,
}

pub fn with_standing(
    position: PositionJson<'_>,
    at: Option<demarche_core::standing::At>,
) -> StandingJson<'_> {
    StandingJson {
        position,
        standing: at.map(|a| a.standing),
        certain: at.map(|a| a.certain),
    }
}

/// "latest", "superseded" or "later", with "?" when the dates do not
/// settle it.
pub fn standing_label(at: demarche_core::standing::At) -> String {
    let word = match at.standing {
        demarche_core::asof::Standing::Latest => "latest",
        demarche_core::asof::Standing::Superseded => "superseded",
        demarche_core::asof::Standing::Later => "later",
    };
    if at.certain {
        word.to_string()
    } else {
        format!("{word} (uncertain)")
    }
}

#[derive(Serialize)]
pub struct ChangeJson<'a> {
    /// "new" (first position of the actor on the topic) or "changed".
    pub change: &'static str,
    pub position: PositionJson<'a>,
    /// The id of the position it replaces, if any.
    pub previous: Option<&'a str>,
    /// The topic it changed on: the position's own, or the one where the
    /// position it replaces stood (a halt that suspends an agreement).
    pub topic: &'a str,
}

fn change_kind(c: &demarche_core::asof::Change) -> &'static str {
    if c.previous.is_some() { "changed" } else { "new" }
}

pub fn change_json<'a>(data: &'a Dataset, c: &demarche_core::asof::Change) -> ChangeJson<'a> {
    ChangeJson {
        change: change_kind(c),
        position: position_json(data, c.position),
        previous: c.previous.map(|p| data.positions[p].id.as_str()),
        topic: data.topics[c.topic].id.as_str(),
    }
}

/// date, new/changed, actor, topic, stance (and what it replaced).
pub fn change_row(data: &Dataset, text: &DisplayText, c: &demarche_core::asof::Change) -> Vec<String> {
    let mut row = position_row(data, text, c.position);
    row[3] = text.topics[c.topic].name.clone();
    row.insert(1, change_kind(c).to_string());
    if let Some(previous) = c.previous {
        let last = row.len() - 1;
        row[last] = format!("{} (was: {})", row[last], text.positions[previous].stance);
    }
    row
}

#[derive(Serialize)]
pub struct MatchJson {
    pub field: demarche_core::search::Field,
    /// Character indices into the field's text.
    pub indices: Vec<usize>,
}

#[derive(Serialize)]
pub struct HitJson<'a> {
    pub score: i64,
    pub position: PositionJson<'a>,
    pub matches: Vec<MatchJson>,
}

pub fn hit_json<'a>(data: &'a Dataset, hit: &demarche_core::search::Hit) -> HitJson<'a> {
    HitJson {
        score: hit.score,
        position: position_json(data, hit.position),
        matches: hit
            .matches
            .iter()
            .map(|m| MatchJson {
                field: m.field,
                indices: m.indices.clone(),
            })
            .collect(),
    }
}

/// What a hit matched: the fields its words matched in, or, for a query
/// of filters only, the filters (`filters` as typed).
pub fn matched(hit: &demarche_core::search::Hit, filters: &[String]) -> String {
    let fields: Vec<&str> = hit.matches.iter().map(|m| m.field.label()).collect();
    match (fields.is_empty(), filters.is_empty()) {
        (false, _) => fields.join(","),
        (true, false) => format!("filter {}", filters.join(" ")),
        (true, true) => "-".to_string(),
    }
}

/// The column of `hit_row` that takes the room the others leave.
pub const HIT_STANCE_COLUMN: usize = 2;

/// date, actor, stance, topic, matched fields (or, for a query of filters
/// only, the filters). The score, an internal number, is only in the JSON.
pub fn hit_row(
    data: &Dataset,
    text: &DisplayText,
    hit: &demarche_core::search::Hit,
    filters: &[String],
) -> Vec<String> {
    let p = &data.positions[hit.position];
    vec![
        p.date.to_string(),
        text.actors[p.actor].short.clone(),
        text.positions[hit.position].stance.clone(),
        text.topics[p.topic].name.clone(),
        matched(hit, filters),
    ]
}
