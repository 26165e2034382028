//! Typed readers for the keys of one TOML table. Each reader records a
//! diagnostic and returns `None` when the value is missing or wrong, so
//! the walker can go on and report every problem in one pass.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::date::Date;
use crate::diagnostic::Diagnostic;

/// An id, kept with its place for error messages. Borrowed from the
/// file's text (not from the parsed tree, which is dropped a part at a
/// time), so most ids are never copied: most are references that only
/// ever become an index. Owned only when written with escapes.
#[derive(Clone, Debug)]
pub struct Ref<'i> {
    pub id: Cow<'i, str>,
    pub span: Range<usize>,
}

/// What to call a table in messages: `actor "us"`, `position #3`, `the
/// top level`. Kept as parts and written out only when a message needs
/// it, so a large file does not build a string per entry for nothing.
#[derive(Clone, Debug)]
pub enum Label<'i> {
    Top,
    /// The kind and the entry's `id` as written (even if not a valid id).
    Id(&'static str, Cow<'i, str>),
    /// The kind and the entry's 1-based number, when it has no string id.
    Number(&'static str, usize),
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Top => f.write_str("the top level"),
            Label::Id(kind, id) => write!(f, "{kind} \"{id}\""),
            Label::Number(kind, n) => write!(f, "{kind} #{n}"),
        }
    }
}

/// One table being read: its entries, where it starts, and what to call
/// it in messages.
pub struct Entry<'a, 'i> {
    pub table: &'a DeTable<'i>,
    pub span: Range<usize>,
    pub label: Label<'i>,
    /// Where the parsed text starts in the file: spans in `table` count
    /// from there (a file is parsed a part at a time, `super::parts`).
    pub base: usize,
}

pub(crate) fn type_name(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The closest candidate by edit distance, if it is close enough to be a
/// plausible typo.
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(d, c)| d <= (word.len().max(c.len()) / 2).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// ` (did you mean "x"?)` for a suggestion, or nothing.
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean \"{s}\"?)"))
}

/// True for ids of 1 to 64 lowercase ASCII letters, digits and `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl<'a, 'i> Entry<'a, 'i> {
    pub fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    /// Where `value` is in the file.
    pub fn at<T>(&self, value: &Spanned<T>) -> Range<usize> {
        let span = value.span();
        span.start + self.base..span.end + self.base
    }

    /// Reports every key not in `allowed`, with the nearest allowed key.
    pub(crate) fn check_keys(&self, allowed: &[&str], diags: &mut Vec<Diagnostic>) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let hint = did_you_mean(nearest(name, allowed.iter().copied()));
                let msg = format!("unknown key \"{name}\" in {}{hint}", self.label);
                diags.push(Diagnostic::error(self.at(key), msg));
            }
        }
    }

    fn missing(&self, key: &str, diags: &mut Vec<Diagnostic>) {
        let msg = format!("{} is missing required key \"{key}\"", self.label);
        diags.push(Diagnostic::error(self.span.clone(), msg));
    }

    fn wrong_type(&self, key: &str, want: &str, value: &Spanned<DeValue>, diags: &mut Vec<Diagnostic>) {
        let found = type_name(value.get_ref());
        let msg = format!("\"{key}\" in {} must be {want}, found {found}", self.label);
        diags.push(Diagnostic::error(self.at(value), msg));
    }

    /// The value at `key`, reported when missing. Readers of required
    /// keys look the key up once through this: the lookups add up over
    /// every key of every entry of a large file.
    fn present(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<&'a Spanned<DeValue<'i>>> {
        let value = self.get(key);
        if value.is_none() {
            self.missing(key, diags);
        }
        value
    }

    /// `value`, found at `key`, as a string borrowed from the document
    /// with its place in the file; an empty one is reported when `required`.
    fn string_value(
        &self,
        key: &str,
        value: &'a Spanned<DeValue<'i>>,
        required: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Spanned<&'a Cow<'i, str>>> {
        match value.get_ref() {
            DeValue::String(s) if required && s.trim().is_empty() => {
                let msg = format!("\"{key}\" in {} must not be empty", self.label);
                diags.push(Diagnostic::error(self.at(value), msg));
                None
            }
            DeValue::String(s) => Some(Spanned::new(self.at(value), s)),
            _ => {
                self.wrong_type(key, "a string", value, diags);
                None
            }
        }
    }

    pub(crate) fn required_string(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let value = self.present(key, diags)?;
        self.string_value(key, value, true, diags)
            .map(|s| s.into_inner().to_string())
    }

    /// An optional boolean: `Ok(false)` when absent, `Err` (reported)
    /// when it is not a boolean.
    pub fn flag(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Result<bool, ()> {
        match self.get(key) {
            None => Ok(false),
            Some(value) => match value.get_ref() {
                DeValue::Boolean(b) => Ok(*b),
                _ => {
                    self.wrong_type(key, "true or false", value, diags);
                    Err(())
                }
            },
        }
    }

    pub(crate) fn optional_string(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        self.string_value(key, self.get(key)?, false, diags)
            .map(|s| s.into_inner().to_string())
    }

    /// A source text's file name: a relative path that stays inside the
    /// folders searched for sources (`sources::path_problem`).
    pub(crate) fn source_file(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let value = self.string_value(key, self.get(key)?, false, diags)?;
        if let Some(why) = crate::sources::path_problem(value.get_ref()) {
            let msg = format!("\"{key}\" in {} is \"{}\": {why}", self.label, value.get_ref());
            diags.push(Diagnostic::error(value.span(), msg));
            return None;
        }
        Some(value.into_inner().to_string())
    }

    /// One of a fixed set of words. `Err` when the key holds anything
    /// else (reported, with the nearest allowed word); `Ok(None)` when absent.
    pub(crate) fn keyword(
        &self,
        key: &str,
        allowed: &[&'static str],
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Option<&'static str>, ()> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let word = self.string_value(key, value, false, diags).ok_or(())?;
        let word: &str = word.get_ref();
        if let Some(found) = allowed.iter().find(|a| **a == word) {
            return Ok(Some(found));
        }
        let hint = did_you_mean(nearest(word, allowed.iter().copied()));
        let list = allowed
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let msg = format!(
            "\"{key}\" in {} must be one of {list}, found \"{word}\"{hint}",
            self.label,
        );
        diags.push(Diagnostic::error(self.at(value), msg));
        Err(())
    }

    /// The entry's own id, checked for form.
    pub fn id(&self, diags: &mut Vec<Diagnostic>) -> Option<Ref<'i>> {
        let value = self.present("id", diags)?;
        let id = self.string_value("id", value, false, diags)?;
        self.checked_ref("id", id, diags)
    }

    fn checked_ref(
        &self,
        key: &str,
        id: Spanned<&'a Cow<'i, str>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Ref<'i>> {
        if is_valid_id(id.get_ref()) {
            return Some(Ref {
                span: id.span(),
                id: id.into_inner().clone(),
            });
        }
        let msg = format!(
            "\"{key}\" in {} is \"{}\", not a valid id: use 1 to 64 lowercase letters, digits and '-'",
            self.label,
            id.get_ref()
        );
        diags.push(Diagnostic::error(id.span(), msg));
        None
    }

    /// A single reference to another table's id.
    pub fn reference(&self, key: &str, required: bool, diags: &mut Vec<Diagnostic>) -> Option<Ref<'i>> {
        let value = if required {
            self.present(key, diags)?
        } else {
            self.get(key)?
        };
        let id = self.string_value(key, value, false, diags)?;
        self.checked_ref(key, id, diags)
    }

    /// A list of strings, each kept with its span.
    fn spanned_strings(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<Spanned<&'a Cow<'i, str>>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, "an array of strings", value, diags);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(self.at(item), s)),
                _ => self.wrong_type(key, "an array of strings", item, diags),
            }
        }
        out
    }

    pub(crate) fn string_list(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<String> {
        self.spanned_strings(key, diags)
            .into_iter()
            .map(|s| s.into_inner().to_string())
            .collect()
    }

    pub fn reference_list(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<Ref<'i>> {
        self.spanned_strings(key, diags)
            .into_iter()
            .filter_map(|s| self.checked_ref(key, s, diags))
            .collect()
    }

    /// A date: a TOML local date, or a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` string.
    pub fn date(&self, key: &str, required: bool, diags: &mut Vec<Diagnostic>) -> Option<Date> {
        self.date_with(key, required, Date::parse, diags)
    }

    /// A date that may also be bounded: `"START/END"`, each a date string.
    pub(crate) fn bounded_date(
        &self,
        key: &str,
        required: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Date> {
        self.date_with(key, required, Date::parse_bounded, diags)
    }

    fn date_with(
        &self,
        key: &str,
        required: bool,
        parse: fn(&str) -> Result<Date, crate::date::DateError>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Date> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, diags);
            }
            return None;
        };
        let result = match value.get_ref() {
            DeValue::String(s) => parse(s).map_err(|e| e.to_string()),
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    Date::day(d.year, d.month, d.day).ok_or_else(|| format!("{dt} does not exist"))
                }
                _ => Err(format!("{dt} is not a plain date: give only YYYY-MM-DD")),
            },
            _ => {
                self.wrong_type(
                    key,
                    "a date (YYYY-MM-DD or a \"YYYY\", \"YYYY-MM\" string)",
                    value,
                    diags,
                );
                return None;
            }
        };
        result
            .map_err(|why| {
                let msg = format!("\"{key}\" in {}: {why}", self.label);
                diags.push(Diagnostic::error(self.at(value), msg));
            })
            .ok()
    }
}
