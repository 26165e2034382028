//! Where and how a new entry is written: after the last entry of its
//! kind (or, for the first of its kind, after the kinds that come before
//! it in the format's order), spaced like the entry before it. Nothing
//! else in the text is touched: `toml_edit` re-emits every parsed item
//! exactly as it was written.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

/// The tables of a positions file, in the format's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Actors,
    Topics,
    Sources,
    Events,
    Positions,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Actors,
        Kind::Topics,
        Kind::Sources,
        Kind::Events,
        Kind::Positions,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Actors => "actors",
            Kind::Topics => "topics",
            Kind::Sources => "sources",
            Kind::Events => "events",
            Kind::Positions => "positions",
        }
    }
}

/// One value of a new entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Text(String),
    /// A date as the user gave it; written as a TOML date when the file
    /// writes its dates that way and the date has a day, else a string.
    Date(String),
    List(Vec<String>),
    Flag(bool),
}

/// A new `[[kind]]` entry: its keys in the order they are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub fields: Vec<(String, Field)>,
}

impl Entry {
    pub fn new(kind: Kind) -> Self {
        Entry {
            kind,
            fields: Vec::new(),
        }
    }

    /// Adds `key = text` (nothing for an empty text).
    pub fn text(mut self, key: &str, text: Option<&str>) -> Self {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            self.fields.push((key.to_string(), Field::Text(text.to_string())));
        }
        self
    }

    pub fn field(mut self, key: &str, field: Field) -> Self {
        self.fields.push((key.to_string(), field));
        self
    }

    /// The value of a text key, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, f)| match f {
                Field::Text(t) | Field::Date(t) => Some(t.as_str()),
                _ => None,
            })
    }
}

/// `text` with `entries` added; an error says why they cannot be.
pub fn add_entries(text: &str, entries: &[Entry]) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    for entry in entries {
        add_entry(&mut doc, entry)?;
    }
    let out = doc.to_string();
    // toml_edit writes new lines as `\n`; a file that ends its lines with
    // `\r\n` (and only so) gets them for the new entries too.
    Ok(if only_crlf(text) {
        out.replace('\n', "\r\n").replace("\r\r\n", "\r\n")
    } else {
        out
    })
}

/// Whether every line break of `text` is `\r\n` (and there is one).
fn only_crlf(text: &str) -> bool {
    let breaks = text.matches('\n').count();
    breaks > 0 && text.matches("\r\n").count() == breaks
}

fn add_entry(doc: &mut DocumentMut, entry: &Entry) -> Result<(), String> {
    let key = entry.kind.key();
    let day_dates = writes_dates_as_toml(doc);
    let mut table = Table::new();
    for (k, field) in &entry.fields {
        table.insert(k, Item::Value(value(field, day_dates)));
    }
    match doc.get_mut(key) {
        Some(Item::ArrayOfTables(list)) => {
            let spaced = list.iter().last().is_some_and(blank_line_before);
            if spaced {
                table.decor_mut().set_prefix("\n");
            }
            list.push(table);
            Ok(())
        }
        None => {
            // The first of its kind: just after the last table of the
            // kinds before it, so the file keeps the format's order.
            table.decor_mut().set_prefix("\n");
            table.set_position(position_after(doc, entry.kind));
            let mut list = ArrayOfTables::new();
            list.push(table);
            doc.insert(key, Item::ArrayOfTables(list));
            Ok(())
        }
        Some(_) => Err(format!(
            "`{key}` is not written as [[{key}]] tables in this file, so an entry cannot be added to it"
        )),
    }
}

/// Whether an entry is set off from the one before by a blank line (or
/// a comment block, which starts with one).
fn blank_line_before(table: &Table) -> bool {
    table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .is_some_and(|p| p.starts_with('\n') || p.starts_with("\r\n"))
}

/// The document position of the last table of the kinds before `kind`
/// (None: before every table, after the top-level keys).
fn position_after(doc: &DocumentMut, kind: Kind) -> Option<isize> {
    Kind::ALL
        .iter()
        .take_while(|&&k| k != kind)
        .filter_map(|k| doc.get(k.key())?.as_array_of_tables())
        .filter_map(|list| list.iter().last()?.position())
        .max()
        .or(Some(0))
}

/// Whether the file's positions write a day as a TOML date
/// (`date = 2015-09-25`) rather than a string: the last dated position
/// decides.
fn writes_dates_as_toml(doc: &DocumentMut) -> bool {
    let Some(list) = doc.get("positions").and_then(Item::as_array_of_tables) else {
        return false;
    };
    list.iter()
        .filter_map(|t| t.get("date")?.as_value())
        .filter(|v| v.is_datetime() || v.as_str().is_some_and(|s| s.len() == 10))
        .last()
        .is_some_and(Value::is_datetime)
}

fn value(field: &Field, day_dates: bool) -> Value {
    match field {
        Field::Text(text) => Value::from(text.as_str()),
        Field::Date(date) => match date.parse::<toml_edit::Datetime>() {
            Ok(d) if day_dates && d.date.is_some() && d.time.is_none() => Value::from(d),
            _ => Value::from(date.as_str()),
        },
        Field::List(items) => Value::Array(items.iter().map(String::as_str).collect::<Array>()),
        Field::Flag(on) => Value::from(*on),
    }
}
