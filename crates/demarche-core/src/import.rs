//! `demarche import`: positions from a spreadsheet, in the columns
//! `list --format csv` writes (`export::data::CSV_COLUMNS`), by header
//! name and in any order. Every bad cell is reported as
//! `FILE:ROW:COLUMN: column: message` and nothing is written if any is.
//!
//! Rows become `[[positions]]` entries (`edit::Entry`); for a new file
//! the actors, topics, sources and events they name are made too, and
//! for an existing one the actors and topics the CSV names
//! (`actor_name`, `topic_name`) that it lacks. The
//! entries then go through `edit` like any other addition, so the whole
//! result is validated by the loader before it is written.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::date::Date;
use crate::edit::{Entry, Field, Kind};
use crate::export::data::{CSV_COLUMNS, CSV_LIST_SEPARATOR, precision_word};
use crate::load::{did_you_mean, nearest};
use crate::model::{Dataset, Evidence, Relation};

/// Columns a row cannot do without.
const REQUIRED: &[&str] = &["actor", "topic", "date", "stance", "source"];

/// Every bad row and column, rendered one per line.
#[derive(Debug, thiserror::Error)]
#[error("{report}{file}: nothing written: {}", crate::text::plural::count(*.count, "problem"))]
pub struct ImportError {
    pub file: String,
    pub report: String,
    pub count: usize,
}

/// One data row: its row number in the file and its cells by column.
struct Row {
    number: usize,
    cells: HashMap<String, (usize, String)>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", |(_, v)| v.as_str())
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.get(column)
            .split(CSV_LIST_SEPARATOR.trim())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Collects problems as `FILE:ROW:COLUMN: column: message`.
struct Problems {
    file: String,
    lines: Vec<String>,
}

impl Problems {
    fn at(&mut self, row: usize, column: usize, name: &str, message: String) {
        let file = crate::text::sanitize::line(&self.file);
        let message = crate::diagnostic::tidy(&message);
        self.lines
            .push(format!("{file}:{row}:{column}: {name}: {message}"));
    }

    fn cell(&mut self, row: &Row, name: &str, message: String) {
        let column = row.cells.get(name).map_or(0, |(c, _)| *c);
        self.at(row.number, column, name, message);
    }

    fn finish(self) -> Result<(), ImportError> {
        if self.lines.is_empty() {
            return Ok(());
        }
        Err(ImportError {
            count: self.lines.len(),
            report: self.lines.iter().map(|l| format!("{l}\n")).collect(),
            file: self.file,
        })
    }
}

/// The apostrophe `list --format csv` puts before a cell a spreadsheet
/// would compute (`export::data::spreadsheet_safe`), taken off again.
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// What the CSV adds: the new entries, in the file's order of kinds.
#[derive(Debug)]
pub struct Import {
    pub entries: Vec<Entry>,
    pub positions: usize,
}

/// Reads `bytes` (named `file`) into entries for `into` (an existing
/// file's data), or for a new file when `into` is None.
pub fn read(file: &str, bytes: &[u8], into: Option<&Dataset>) -> Result<Import, ImportError> {
    let mut problems = Problems {
        file: file.to_string(),
        lines: Vec::new(),
    };
    let rows = parse(bytes, &mut problems);
    let rows = match (rows, problems.lines.is_empty()) {
        (Some(rows), true) => rows,
        _ => return Err(problems.finish().expect_err("problems were found")),
    };
    let known = Known::new(into, &rows);
    let mut positions = Vec::new();
    for row in &rows {
        if let Some(entry) = position(row, &known, &mut problems) {
            positions.push(entry);
        }
    }
    problems.finish()?;
    let mut entries = known.new_entries(&rows);
    let count = positions.len();
    entries.extend(positions);
    Ok(Import {
        entries,
        positions: count,
    })
}

/// The header checked (no unknown column, the required ones present),
/// then every row.
fn parse(bytes: &[u8], problems: &mut Problems) -> Option<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim_start_matches('\u{FEFF}').trim().to_string())
            .collect(),
        Err(e) => {
            problems.at(1, 1, "header", format!("not CSV: {e}"));
            return None;
        }
    };
    for (n, name) in header.iter().enumerate() {
        if !CSV_COLUMNS.contains(&name.as_str()) {
            let hint = did_you_mean(nearest(name, CSV_COLUMNS));
            problems.at(
                1,
                n + 1,
                name,
                format!("unknown column{hint}; known: {}", CSV_COLUMNS.join(", ")),
            );
        }
    }
    for required in REQUIRED {
        if !header.iter().any(|h| h == required) {
            problems.at(1, 1, required, "missing column: every row needs it".into());
        }
    }
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let number = n + 2;
        match record {
            Ok(record) => rows.push(Row {
                number,
                cells: header
                    .iter()
                    .enumerate()
                    .map(|(c, h)| (h.clone(), (c + 1, unguard(record.get(c).unwrap_or_default()))))
                    .collect(),
            }),
            Err(e) => problems.at(number, 1, "row", format!("not a CSV row: {e}")),
        }
    }
    Some(rows)
}

/// The ids rows may name: those of the existing file, or for a new file
/// those the rows themselves bring.
struct Known<'a> {
    into: Option<&'a Dataset>,
    /// Position ids in the CSV, with the first row of each.
    rows: HashMap<String, usize>,
    /// Actor and topic ids the CSV names (`actor_name`, `topic_name`):
    /// those it can add to an existing file.
    named: HashSet<(&'static str, String)>,
}

impl<'a> Known<'a> {
    fn new(into: Option<&'a Dataset>, rows: &[Row]) -> Self {
        let mut ids = HashMap::new();
        let mut named = HashSet::new();
        for row in rows {
            ids.entry(row.get("id").to_string()).or_insert(row.number);
            for (column, name) in [("actor", "actor_name"), ("topic", "topic_name")] {
                if !row.get(name).is_empty() {
                    named.insert((column, row.get(column).to_string()));
                }
            }
        }
        Known {
            into,
            rows: ids,
            named,
        }
    }

    /// Checks a reference to `kind`; in a new file everything but
    /// positions and observers is made.
    fn check(&self, row: &Row, column: &str, id: &str, problems: &mut Problems) {
        let Some(data) = self.into else {
            return;
        };
        // An `also_topics` cell names topics, as `topic` does.
        let kind = if column == "also_topics" { "topic" } else { column };
        let ids: Vec<&str> = match kind {
            "actor" => data.actors.iter().map(|a| a.id.as_str()).collect(),
            "reported_by" => data
                .observers()
                .iter()
                .map(|&a| data.actors[a].id.as_str())
                .collect(),
            "topic" => data.topics.iter().map(|t| t.id.as_str()).collect(),
            "source" => data.sources.iter().map(|s| s.id.as_str()).collect(),
            "event" => data.events.iter().map(|e| e.id.as_str()).collect(),
            _ => return,
        };
        if !ids.contains(&id) && !self.named.contains(&(kind, id.to_string())) {
            let hint = did_you_mean(nearest(id, ids.iter().copied()));
            problems.cell(row, column, format!("\"{id}\" is not in the file{hint}"));
        }
    }

    /// Entries a new file needs: actors (named and given a role by the
    /// rows' `actor_name` and `actor_role`; one only named as
    /// `reported_by` is an observer), topics, sources and events, in
    /// first-use order.
    fn new_entries(&self, rows: &[Row]) -> Vec<Entry> {
        let mut names: HashMap<&str, (&str, &str)> = HashMap::new();
        for row in rows {
            let known = names.entry(row.get("actor")).or_insert(("", ""));
            for (slot, column) in [(&mut known.0, "actor_name"), (&mut known.1, "actor_role")] {
                if slot.is_empty() {
                    *slot = row.get(column);
                }
            }
        }
        let topic_names: HashMap<&str, &str> = rows
            .iter()
            .filter(|row| !row.get("topic_name").is_empty())
            .map(|row| (row.get("topic"), row.get("topic_name")))
            .collect();
        let mut actors: BTreeMap<usize, Entry> = BTreeMap::new();
        let mut seen = HashSet::new();
        let mut topics = Vec::new();
        let mut sources = Vec::new();
        let mut events: Vec<(String, Date)> = Vec::new();
        for (n, row) in rows.iter().enumerate() {
            for column in ["actor", "reported_by"] {
                let id = row.get(column);
                if !id.is_empty() && seen.insert(("actor", id.to_string())) {
                    let (name, role) = names.get(id).copied().unwrap_or_default();
                    let name = if name.is_empty() { id } else { name };
                    let role = match (role, names.contains_key(id)) {
                        ("observer" | "party", _) => role,
                        (_, true) => "party",
                        (_, false) => "observer",
                    };
                    let entry = Entry::new(Kind::Actors)
                        .text("id", Some(id))
                        .text("name", Some(name));
                    actors.insert(
                        n * 2 + usize::from(column != "actor"),
                        entry.text("role", Some(role)),
                    );
                }
            }
            // A topic named only under `also_topics` is made too, named
            // by whichever row has it as its `topic`.
            let topic = row.get("topic").to_string();
            for topic in std::iter::once(topic).chain(row.list("also_topics")) {
                if seen.insert(("topic", topic.clone())) {
                    let name = topic_names.get(topic.as_str()).copied().unwrap_or(&topic);
                    topics.push(
                        Entry::new(Kind::Topics)
                            .text("id", Some(&topic))
                            .text("name", Some(name)),
                    );
                }
            }
            let source = row.get("source");
            if seen.insert(("source", source.to_string())) {
                sources.push(
                    Entry::new(Kind::Sources)
                        .text("id", Some(source))
                        .text("title", Some(source)),
                );
            }
            let (event, date) = (row.get("event"), Date::parse_bounded(row.get("date")));
            if let (false, Ok(date)) = (event.is_empty(), date) {
                match events.iter_mut().find(|(id, _)| id == event) {
                    Some((_, first)) => *first = (*first).min(date),
                    None => events.push((event.to_string(), date)),
                }
            }
        }
        let events = events.into_iter().map(|(id, date)| {
            Entry::new(Kind::Events)
                .text("id", Some(&id))
                .text("name", Some(&id))
                .field("date", Field::Date(date.iso()))
        });
        let all = actors.into_values().chain(topics).chain(sources).chain(events);
        all.filter(|e| !self.in_file(e)).collect()
    }

    /// Whether an entry's id is already in the existing file.
    fn in_file(&self, entry: &Entry) -> bool {
        let (Some(data), Some(id)) = (self.into, entry.get("id")) else {
            return false;
        };
        match entry.kind {
            Kind::Actors => data.actors.iter().any(|a| a.id == id),
            Kind::Topics => data.topics.iter().any(|t| t.id == id),
            Kind::Sources => data.sources.iter().any(|s| s.id == id),
            Kind::Events => data.events.iter().any(|e| e.id == id),
            Kind::Positions => data.positions.iter().any(|p| p.id == id),
        }
    }
}

/// The columns that name other positions: `responds_to` and each
/// relation, by the model's own names for them.
fn position_links() -> impl Iterator<Item = &'static str> {
    std::iter::once("responds_to").chain(Relation::ALL.map(Relation::key))
}

/// One row as a `[[positions]]` entry, or its problems.
fn position(row: &Row, known: &Known, problems: &mut Problems) -> Option<Entry> {
    let before = problems.lines.len();
    for column in REQUIRED {
        if row.get(column).is_empty() {
            problems.cell(row, column, "empty: every position needs one".into());
        }
    }
    let id = row.get("id");
    if id.is_empty() {
        problems.cell(row, "id", "empty: every position needs an id".into());
    } else if known.rows.get(id).is_some_and(|&first| first != row.number) {
        problems.cell(
            row,
            "id",
            format!("\"{id}\" is already the id of row {}", known.rows[id]),
        );
    } else if known.into.is_some_and(|d| d.positions.iter().any(|p| p.id == id)) {
        problems.cell(row, "id", format!("\"{id}\" is already a position in the file"));
    }
    let date = row.get("date");
    match Date::parse_bounded(date) {
        Ok(d) if !row.get("precision").is_empty() && row.get("precision") != precision_word(d) => {
            problems.cell(
                row,
                "precision",
                format!(
                    "\"{}\" but the date is a {}",
                    row.get("precision"),
                    precision_word(d)
                ),
            );
        }
        Err(e) if !date.is_empty() => problems.cell(row, "date", e.to_string()),
        _ => {}
    }
    let evidence = row.get("evidence");
    if !evidence.is_empty() && Evidence::parse(evidence).is_none() {
        let words = Evidence::WORDS;
        problems.cell(
            row,
            "evidence",
            format!(
                "unknown kind \"{evidence}\"{}",
                did_you_mean(nearest(evidence, words))
            ),
        );
    }
    if !["", "party", "observer"].contains(&row.get("actor_role")) {
        problems.cell(row, "actor_role", "must be party or observer".into());
    }
    if !["", "act", "report"].contains(&row.get("date_is")) {
        problems.cell(row, "date_is", "must be act or report".into());
    }
    for column in ["actor", "topic", "source", "event", "reported_by"] {
        let id = row.get(column);
        if !id.is_empty() {
            known.check(row, column, id, problems);
        }
    }
    if !["", "true", "false"].contains(&row.get("agreed")) {
        problems.cell(row, "agreed", "must be true, false or empty".into());
    }
    for topic in row.list("also_topics") {
        known.check(row, "also_topics", &topic, problems);
    }
    for column in position_links() {
        for target in row.list(column) {
            let in_file = known
                .into
                .is_some_and(|d| d.positions.iter().any(|p| p.id == target));
            if !in_file && !known.rows.contains_key(&target) {
                problems.cell(
                    row,
                    column,
                    format!("\"{target}\" is neither a row of this file nor a position"),
                );
            }
        }
    }
    if problems.lines.len() > before {
        return None;
    }
    Some(entry(row))
}

/// The entry of a checked row, keys in the format's order.
fn entry(row: &Row) -> Entry {
    let text = |key: &str| Some(row.get(key)).filter(|s| !s.is_empty());
    let list = |key: &str| Some(row.list(key)).filter(|l| !l.is_empty()).map(Field::List);
    let mut entry = Entry::new(Kind::Positions);
    for key in crate::load::POSITION_KEYS {
        entry = match *key {
            "date" => entry.field("date", Field::Date(row.get("date").to_string())),
            "tags" | "also_topics" => match list(key) {
                Some(l) => entry.field(key, l),
                None => entry,
            },
            key if position_links().any(|link| link == key) => match list(key) {
                Some(l) => entry.field(key, l),
                None => entry,
            },
            "date_is" if row.get("date_is") != "report" => entry,
            "agreed" if row.get("agreed") != "true" => entry,
            "agreed" => entry.field("agreed", Field::Flag(true)),
            key => entry.text(key, text(key)),
        };
    }
    entry
}

#[cfg(test)]
mod tests;
