//! Saving a deck so that what the user wrote in the file by hand stays:
//! comments, blank lines, key order and quoting of every item that is
//! still there. The new deck is encoded as usual (`file::encode`, the one
//! description of the format), then laid over the file as it is on disk
//! with `toml_edit`: each item that was there keeps its table, with its
//! comments, and only the values that changed are replaced; new items
//! take their freshly encoded tables; items that went take their comments
//! with them. A file that does not read as TOML is not edited (and
//! `sync` never saves over one): the fresh encoding is written.
//!
//! Every save goes through `atomic`, with the `Purpose` its path has.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use std::collections::HashMap;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::file::{OnDisk, encode, read_on_disk};
use super::merge::{Key, keyed};
use super::{Deck, DeckError, DeckItem};
use crate::atomic::{self, Purpose};

/// The key of the items array in the file.
const ITEMS: &str = "items";

/// Saves `deck` to `path` (a deck the user named, or a test's) keeping
/// the comments of the file there now.
pub fn save(path: &Path, deck: &Deck) -> Result<(), DeckError> {
    save_as(path, deck, Purpose::NamedDeck)
}

/// Saves `deck` to `path` as `purpose` says, keeping the comments of the
/// file there now (read again here; `save_over` spares the read).
pub(crate) fn save_as(path: &Path, deck: &Deck, purpose: Purpose) -> Result<(), DeckError> {
    // A file that does not read as a deck has no items to keep comments
    // of; the caller has decided to write over it.
    let on_disk = read_on_disk(path).unwrap_or_default();
    save_over(path, on_disk, deck, purpose).map(drop)
}

/// Saves `deck` over the file as it was just read (`on_disk`); returns
/// the file as now written, for the next save over it.
pub(crate) fn save_over(
    path: &Path,
    on_disk: OnDisk,
    deck: &Deck,
    purpose: Purpose,
) -> Result<OnDisk, DeckError> {
    save_with(path, on_disk, deck, purpose, |file, bytes| file.write_all(bytes))
}

/// `save_over` with the step that writes the bytes supplied, so tests can
/// make it fail part way.
pub(super) fn save_with(
    path: &Path,
    on_disk: OnDisk,
    deck: &Deck,
    purpose: Purpose,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<OnDisk, DeckError> {
    let encoding = |source| DeckError::Encode {
        path: path.to_path_buf(),
        source,
    };
    let old_doc = match (on_disk.doc, &on_disk.text) {
        (Some(doc), _) => Some(doc),
        (None, Some(text)) => text.parse().ok(),
        (None, None) => None,
    };
    let edited = old_doc
        .and_then(|doc| edit(doc, &on_disk.deck, deck))
        .transpose()
        .map_err(encoding)?;
    let (text, doc) = match edited {
        Some(doc) => (doc.to_string(), Some(doc)),
        // Nothing to keep: the fresh encoding, written as it is (and kept
        // parsed for the next save, which it always is).
        None => {
            let text = encode(deck).map_err(encoding)?;
            let doc = text.parse().ok();
            (text, doc)
        }
    };
    atomic::write_with(path, text.as_bytes(), purpose, write).map_err(|source| DeckError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(OnDisk {
        deck: deck.clone(),
        text: doc.is_none().then_some(text),
        doc,
    })
}

/// `doc` (which reads as `old`) changed to say what `new` says, keeping
/// its layout. Only what changed is encoded (`file::encode`, the one
/// description of the format): a pin on a deck of 20,000 items encodes
/// one item. `None` when the document does not match `old` (the caller
/// then writes a fresh encoding).
fn edit(mut doc: DocumentMut, old: &Deck, new: &Deck) -> Option<Result<DocumentMut, toml::ser::Error>> {
    let old_tables = take_items(doc.as_table_mut())?;
    if old_tables.len() != old.items.len() {
        return None;
    }
    let mut old_tables = OldTables::new(old, old_tables);
    let mut slots = Vec::with_capacity(new.items.len());
    // The title, and the items that are new or changed, to be encoded.
    let mut changed = Deck::new(new.title.clone(), Vec::new());
    for (key, item) in keyed(new) {
        let slot = match old_tables.take(&key) {
            Some((table, was)) if was == item => Slot::Same(table),
            found => {
                changed.items.push(item.clone());
                found.map_or(Slot::New, |(table, _)| Slot::Changed(table))
            }
        };
        slots.push(slot);
    }
    let mut fresh: DocumentMut = match encode(&changed) {
        Ok(text) => text.parse().ok()?,
        Err(e) => return Some(Err(e)),
    };
    let mut fresh_tables = take_items(fresh.as_table_mut())?.into_iter();
    let mut items = ArrayOfTables::new();
    for slot in slots {
        let table = match slot {
            Slot::Same(table) => table,
            Slot::Changed(mut table) => {
                update(&mut table, &fresh_tables.next()?);
                table
            }
            Slot::New => fresh_tables.next()?,
        };
        items.push(table);
    }
    for table in items.iter_mut() {
        // Drawn in array order: a moved item's old place must not count.
        table.set_position(None);
    }
    update(doc.as_table_mut(), fresh.as_table());
    if !items.is_empty() {
        doc.as_table_mut().insert(ITEMS, Item::ArrayOfTables(items));
    }
    Some(Ok(doc))
}

/// The old file's tables, found by item (the merge's own identity of an
/// item), each taken once. The new deck mostly keeps the old order (a pin
/// adds one item, an unpin drops one), so the next item in the old order,
/// or the one after it, is tried first; a map by key is built only when
/// the order really changed.
struct OldTables<'d> {
    keys: Vec<(Key<'d>, &'d DeckItem)>,
    tables: Vec<Option<Table>>,
    /// Where the next item is expected in the old order.
    next: usize,
    by_key: Option<HashMap<Key<'d>, usize>>,
}

impl<'d> OldTables<'d> {
    fn new(old: &'d Deck, tables: Vec<Table>) -> Self {
        OldTables {
            keys: keyed(old),
            tables: tables.into_iter().map(Some).collect(),
            next: 0,
            by_key: None,
        }
    }

    /// The table of the item `key` and the item as it was, if the old
    /// file had it.
    fn take(&mut self, key: &Key<'d>) -> Option<(Table, &'d DeckItem)> {
        let near = (self.next..self.keys.len().min(self.next + 2)).find(|&i| self.keys[i].0 == *key);
        let at = match near {
            Some(at) => at,
            None => {
                let keys = &self.keys;
                let by_key = self
                    .by_key
                    .get_or_insert_with(|| keys.iter().enumerate().map(|(i, (k, _))| (*k, i)).collect());
                *by_key.get(key)?
            }
        };
        self.next = at + 1;
        Some((self.tables[at].take()?, self.keys[at].1))
    }
}

/// What becomes of an item's table in an edit.
enum Slot {
    /// The item is as it was: its table is kept untouched.
    Same(Table),
    /// The item changed (its note): its table, to be updated.
    Changed(Table),
    /// A new item: its table comes from the fresh encoding.
    New,
}

/// The `[[items]]` tables of a document, taken out of it; `None` if
/// `items` is something else.
fn take_items(root: &mut Table) -> Option<Vec<Table>> {
    match root.remove(ITEMS) {
        None => Some(Vec::new()),
        Some(Item::ArrayOfTables(items)) => Some(items.into_iter().collect()),
        Some(_) => None,
    }
}

/// Makes the values of `table` those of `fresh`: a value that is the same
/// keeps its text and comments, a changed one keeps its key's comments,
/// a key `fresh` lacks goes, a new key comes last.
fn update(table: &mut Table, fresh: &Table) {
    table.retain(|key, _| fresh.contains_key(key));
    for (key, item) in fresh.iter() {
        let Some(value) = item.as_value() else {
            continue;
        };
        match table.get_mut(key) {
            Some(Item::Value(old)) if same(old, value) => {}
            Some(Item::Value(old)) => {
                let decor = old.decor().clone();
                *old = value.clone();
                *old.decor_mut() = decor;
            }
            _ => {
                table.insert(key, Item::Value(value.clone()));
            }
        }
    }
}

/// Whether two values say the same, however they are written
/// (`"a"`, `'a'` and `"""a"""` are the same string).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        _ => a.to_string().trim() == b.to_string().trim(),
    }
}
