//! Three-way merge of decks, so two windows (or a hand edit) on one deck
//! never lose each other's work.
//!
//! `base` is the deck as this writer last read or wrote it, `ours` is its
//! deck now, `theirs` is what is on disk now. An item is the same item on
//! every side when it pins the same target; a heading is matched by its
//! text (the first "Opening" with the first "Opening"). The rules:
//!
//! - an item on both sides stays; a note changed on one side takes that
//!   side's text, a note changed on both sides keeps both texts, one after
//!   the other under a marker, so the presenter sees and resolves it;
//! - an item added on either side stays;
//! - an item removed on one side goes, unless the other side changed its
//!   note meanwhile: then the note wins, as it is someone's work;
//! - order: if we reordered, our order, else theirs; the other side's new
//!   items go after the item they followed there.

use std::collections::{HashMap, HashSet};

use super::{Deck, DeckItem, Target};

/// Put between two texts of one note edited in two places at once.
pub(crate) const CONFLICT_MARKER: &str = "[also edited elsewhere at the same time; both texts kept]";

/// What makes an item the same item on each side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Key<'d> {
    Point(&'d Target),
    /// A heading's text and which occurrence of that text it is.
    Heading(&'d str, usize),
}

pub(super) fn keyed(deck: &Deck) -> Vec<(Key<'_>, &DeckItem)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    deck.items
        .iter()
        .map(|item| {
            let key = match item {
                DeckItem::Point { target, .. } => Key::Point(target),
                DeckItem::Heading { text } => {
                    let n = seen.entry(text.as_str()).or_default();
                    *n += 1;
                    Key::Heading(text, *n - 1)
                }
            };
            (key, item)
        })
        .collect()
}

/// The merged deck; see the module comment for the rules. Linear in the
/// size of the decks: every lookup goes through a map by key, since a
/// save runs on every pin and decks of 20,000 items exist.
pub fn merge(base: &Deck, ours: &Deck, theirs: &Deck) -> Deck {
    // Changed on one side only (a pin, with nobody else writing): by the
    // rules below that side as it is, without building any map.
    if theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    let (b, o, t) = (keyed(base), keyed(ours), keyed(theirs));
    let (bi, oi, ti) = (index(&b), index(&o), index(&t));
    let kept = |key: &Key| keep(bi.get(key).copied(), oi.get(key).copied(), ti.get(key).copied());
    let (primary, secondary) = if reordered(&b, &o) { (&o, &t) } else { (&t, &o) };
    let mut items: HashMap<&Key, DeckItem> = HashMap::new();
    let mut order: Vec<&Key> = Vec::new();
    for (key, _) in primary.iter() {
        if let Some(item) = kept(key) {
            items.insert(key, item);
            order.push(key);
        }
    }
    // The other side's new items, each after the nearest earlier item of
    // its own side that survived (`None`: at the start).
    let mut after: HashMap<Option<&Key>, Vec<&Key>> = HashMap::new();
    let mut anchor: Option<&Key> = None;
    for (key, _) in secondary.iter() {
        if items.contains_key(key) {
            anchor = Some(key);
            continue;
        }
        let Some(item) = kept(key) else { continue };
        items.insert(key, item);
        after.entry(anchor).or_default().push(key);
        anchor = Some(key);
    }
    let mut result = Vec::with_capacity(items.len());
    // Depth first, without recursion: a chain of new items may be long.
    let mut stack: Vec<&Key> = order.into_iter().rev().collect();
    stack.extend(after.remove(&None).unwrap_or_default());
    while let Some(key) = stack.pop() {
        if let Some(item) = items.remove(key) {
            result.push(item);
        }
        if let Some(next) = after.remove(&Some(key)) {
            // Later attachments went in right after the anchor, so they
            // come first.
            stack.extend(next);
        }
    }
    Deck::new(merge_title(&base.title, &ours.title, &theirs.title), result)
}

/// A side's items by key.
fn index<'d>(side: &[(Key<'d>, &'d DeckItem)]) -> HashMap<Key<'d>, &'d DeckItem> {
    side.iter().map(|(k, item)| (*k, *item)).collect()
}

/// Whether `ours` moved items that `base` had relative to each other.
fn reordered(base: &[(Key, &DeckItem)], ours: &[(Key, &DeckItem)]) -> bool {
    let base_keys: HashSet<&Key> = base.iter().map(|(k, _)| k).collect();
    let our_keys: HashSet<&Key> = ours.iter().map(|(k, _)| k).collect();
    let in_base = base.iter().map(|(k, _)| k).filter(|k| our_keys.contains(k));
    let in_ours = ours.iter().map(|(k, _)| k).filter(|k| base_keys.contains(k));
    !in_base.eq(in_ours)
}

/// One item's fate given its three versions (`None`: absent there).
fn keep(base: Option<&DeckItem>, ours: Option<&DeckItem>, theirs: Option<&DeckItem>) -> Option<DeckItem> {
    match (base, ours, theirs) {
        (base, Some(ours), Some(theirs)) => Some(merge_item(base, ours.clone(), theirs)),
        // Removed on one side: gone unless the other side changed it.
        (Some(base), Some(side), None) | (Some(base), None, Some(side)) => {
            (side != base).then(|| side.clone())
        }
        (None, Some(added), None) | (None, None, Some(added)) => Some(added.clone()),
        (_, None, None) => None,
    }
}

fn merge_item(base: Option<&DeckItem>, ours: DeckItem, theirs: &DeckItem) -> DeckItem {
    match (ours, theirs) {
        (DeckItem::Point { target, note }, DeckItem::Point { note: their_note, .. }) => {
            let base_note = match base {
                Some(DeckItem::Point { note, .. }) => note.as_str(),
                _ => "",
            };
            DeckItem::Point {
                note: merge_text(base_note, &note, their_note),
                target,
            }
        }
        // Headings match by text, so both sides hold the same one.
        (ours, _) => ours,
    }
}

/// Three-way merge of one text: a one-sided change wins; a change on both
/// sides keeps both texts.
pub(crate) fn merge_text(base: &str, ours: &str, theirs: &str) -> String {
    if ours == theirs || theirs == base {
        return ours.to_string();
    }
    if ours == base {
        return theirs.to_string();
    }
    // Changed on both sides. When one text holds the other, nothing of
    // the shorter one is lost by taking the longer.
    if ours.contains(theirs) {
        ours.to_string()
    } else if theirs.contains(ours) {
        theirs.to_string()
    } else {
        format!("{ours}\n\n{CONFLICT_MARKER}\n{theirs}")
    }
}

fn merge_title(base: &Option<String>, ours: &Option<String>, theirs: &Option<String>) -> Option<String> {
    if ours == base {
        theirs.clone()
    } else {
        ours.clone()
    }
}
