//! The ids of a file's tables and the references between them: where
//! each id is defined (duplicates reported with both places), references
//! resolved with a "did you mean" while suggestions are cheap, and the
//! entries of an array of tables with their labels. Shared by the tables'
//! readers (`validate`, `positions`, `parts`) and the warnings.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;
use std::fmt::Display;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::fields::{Entry, Label, Ref, did_you_mean, nearest, type_name};
use crate::diagnostic::Diagnostic;

/// Suggestions are computed for at most this many unknown references:
/// a file full of broken ids must not take minutes to report.
const MAX_SUGGESTIONS: usize = 200;

/// The ids of one table: where each was first defined. The ids are
/// borrowed from the file's text, which outlives validation.
#[derive(Default)]
pub(super) struct IdTable<'i> {
    kind: &'static str,
    places: HashMap<Cow<'i, str>, (usize, Range<usize>)>,
    order: Vec<Cow<'i, str>>,
}

impl<'i> IdTable<'i> {
    pub(super) fn new(kind: &'static str) -> Self {
        IdTable {
            kind,
            ..Default::default()
        }
    }

    /// Makes room for `entries` ids at once: growing a table of 100,000
    /// ids step by step rehashed it many times over.
    pub(super) fn reserve(&mut self, entries: usize) {
        self.places.reserve(entries);
        self.order.reserve(entries);
    }

    /// Records an id, reporting a duplicate with both places.
    pub(super) fn define(&mut self, id: &Ref<'i>, index: usize, diags: &mut Vec<Diagnostic>) {
        match self.places.entry(id.id.clone()) {
            Slot::Occupied(first) => {
                let msg = format!("duplicate {} id \"{}\"", self.kind, id.id);
                let note = format!("{} \"{}\" is first defined here", self.kind, id.id);
                let first = first.get().1.clone();
                diags.push(Diagnostic::error(id.span.clone(), msg).with_related(note, first));
            }
            Slot::Vacant(slot) => {
                slot.insert((index, id.span.clone()));
                self.order.push(id.id.clone());
            }
        }
    }
}

/// Resolves references, remembering how many suggestions were computed.
pub(super) struct Resolver {
    suggestions_left: usize,
}

impl Resolver {
    pub(super) fn new() -> Self {
        Resolver {
            suggestions_left: MAX_SUGGESTIONS,
        }
    }

    pub(super) fn resolve(
        &mut self,
        table: &IdTable,
        r: &Ref,
        from: &dyn Display,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        if let Some((index, _)) = table.places.get(r.id.as_ref()) {
            return Some(*index);
        }
        let hint = if self.suggestions_left > 0 {
            self.suggestions_left -= 1;
            did_you_mean(nearest(&r.id, table.order.iter().map(AsRef::as_ref)))
        } else {
            String::new()
        };
        let msg = format!("{from} refers to unknown {} id \"{}\"{hint}", table.kind, r.id);
        diags.push(Diagnostic::error(r.span.clone(), msg));
        None
    }

    pub(super) fn resolve_all(
        &mut self,
        table: &IdTable,
        refs: &[Ref],
        from: &dyn Display,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        refs.iter()
            .filter_map(|r| self.resolve(table, r, from, diags))
            .collect()
    }
}

/// The entries of an array of tables such as `[[actors]]`.
pub(super) fn entries<'a, 'i>(
    root: &'a DeTable<'i>,
    key: &str,
    required: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
    let Some(value) = root.get(key) else {
        if required {
            diags.push(Diagnostic::error(
                0..0,
                format!("missing required table [[{key}]] (at least one entry)"),
            ));
        }
        return Vec::new();
    };
    let DeValue::Array(items) = value.get_ref() else {
        let found = type_name(value.get_ref());
        let msg = format!("\"{key}\" must be an array of tables ([[{key}]]), found {found}");
        diags.push(Diagnostic::error(value.span(), msg));
        return Vec::new();
    };
    if required && items.is_empty() {
        diags.push(Diagnostic::error(
            value.span(),
            format!("[[{key}]] needs at least one entry"),
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter() {
        match item.get_ref() {
            DeValue::Table(t) => out.push((t, item.span())),
            other => {
                let msg = format!(
                    "each entry of \"{key}\" must be a table, found {}",
                    type_name(other)
                );
                diags.push(Diagnostic::error(item.span(), msg));
            }
        }
    }
    out
}

/// The entries of one table to read: what they are called, the keys
/// they may have, and where they stand (`list` holds entries `first..`
/// of the file, parsed from text that starts at `base`).
pub(super) struct Entries<'a, 'i> {
    pub kind: &'static str,
    pub keys: &'static [&'static str],
    pub list: Vec<(&'a DeTable<'i>, Range<usize>)>,
    pub first: usize,
    pub base: usize,
}

impl<'a, 'i> Entries<'a, 'i> {
    /// Entries of a table read from the whole document.
    pub(super) fn whole(
        kind: &'static str,
        keys: &'static [&'static str],
        list: Vec<(&'a DeTable<'i>, Range<usize>)>,
    ) -> Self {
        Entries {
            kind,
            keys,
            list,
            first: 0,
            base: 0,
        }
    }

    /// Reads each entry the way every table's entries are read: its keys
    /// checked, its id defined in `ids`; then `read` builds it from the
    /// entry, its number in the file and its id.
    pub(super) fn read<T>(
        self,
        ids: &mut IdTable<'i>,
        diags: &mut Vec<Diagnostic>,
        mut read: impl FnMut(Entry<'a, 'i>, usize, Option<Ref<'i>>, &mut Vec<Diagnostic>) -> T,
    ) -> Vec<T> {
        let Entries {
            kind,
            keys,
            list,
            first,
            base,
        } = self;
        list.into_iter()
            .enumerate()
            .map(|(i, (table, span))| {
                let index = first + i;
                let e = entry(kind, index, table, span, base);
                e.check_keys(keys, diags);
                let id = e.id(diags);
                if let Some(id) = &id {
                    ids.define(id, index, diags);
                }
                read(e, index, id, diags)
            })
            .collect()
    }
}

/// Entry number `index` (0-based) of a `kind`, at `span` in the file,
/// parsed from text that starts at `base` in the file.
pub(super) fn entry<'a, 'i>(
    kind: &'static str,
    index: usize,
    table: &'a DeTable<'i>,
    span: Range<usize>,
    base: usize,
) -> Entry<'a, 'i> {
    let label = match table.get("id").map(|v| v.get_ref()) {
        Some(DeValue::String(id)) => Label::Id(kind, id.clone()),
        _ => Label::Number(kind, index + 1),
    };
    Entry {
        table,
        span,
        label,
        base,
    }
}

/// All id tables of a file, filled in as its tables are read.
pub(super) struct Ids<'i> {
    pub actors: IdTable<'i>,
    pub topics: IdTable<'i>,
    pub sources: IdTable<'i>,
    pub events: IdTable<'i>,
    pub positions: IdTable<'i>,
}

/// Where each id of the actors and sources tables is defined, for warnings.
pub(crate) struct DefinedAt {
    pub actors: Vec<Range<usize>>,
    pub positions: Vec<Range<usize>>,
    pub sources: Vec<Range<usize>>,
    pub topics: Vec<Range<usize>>,
}

fn spans_in_order(table: &IdTable) -> Vec<Range<usize>> {
    table.order.iter().map(|id| table.places[id].1.clone()).collect()
}

pub(super) fn ids_spans(ids: &Ids) -> DefinedAt {
    DefinedAt {
        actors: spans_in_order(&ids.actors),
        positions: spans_in_order(&ids.positions),
        sources: spans_in_order(&ids.sources),
        topics: spans_in_order(&ids.topics),
    }
}
