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

use std::collections::HashMap;

use super::{Deck, DeckItem, Target};

/// Put between two texts of one note edited in two places at once.
pub const CONFLICT_MARKER: &str = "[also edited elsewhere at the same time; both texts kept]";

/// What makes an item the same item on each side.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Point(Target),
    /// A heading's text and which occurrence of that text it is.
    Heading(String, usize),
}

fn keyed(deck: &Deck) -> Vec<(Key, &DeckItem)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    deck.items
        .iter()
        .map(|item| {
            let key = match item {
                DeckItem::Point { target, .. } => Key::Point(target.clone()),
                DeckItem::Heading { text } => {
                    let n = seen.entry(text.as_str()).or_default();
                    *n += 1;
                    Key::Heading(text.clone(), *n - 1)
                }
            };
            (key, item)
        })
        .collect()
}

/// The merged deck; see the module comment for the rules.
pub fn merge(base: &Deck, ours: &Deck, theirs: &Deck) -> Deck {
    let (b, o, t) = (keyed(base), keyed(ours), keyed(theirs));
    let find = |side: &[(Key, &'_ DeckItem)], key: &Key| {
        side.iter()
            .find(|(k, _)| k == key)
            .map(|(_, item)| (*item).clone())
    };
    let kept = |key: &Key| keep(find(&b, key), find(&o, key), find(&t, key));
    let (primary, secondary) = if reordered(&b, &o) { (&o, &t) } else { (&t, &o) };
    let mut result: Vec<(Key, DeckItem)> = primary
        .iter()
        .filter_map(|(key, _)| kept(key).map(|item| (key.clone(), item)))
        .collect();
    for (i, (key, _)) in secondary.iter().enumerate() {
        if result.iter().any(|(k, _)| k == key) {
            continue;
        }
        let Some(item) = kept(key) else { continue };
        // After the nearest earlier item of its own side that survived.
        let at = secondary[..i]
            .iter()
            .rev()
            .find_map(|(before, _)| result.iter().position(|(k, _)| k == before))
            .map_or(0, |p| p + 1);
        result.insert(at, (key.clone(), item));
    }
    Deck {
        title: merge_title(&base.title, &ours.title, &theirs.title),
        items: result.into_iter().map(|(_, item)| item).collect(),
    }
}

/// Whether `ours` moved items that `base` had relative to each other.
fn reordered(base: &[(Key, &DeckItem)], ours: &[(Key, &DeckItem)]) -> bool {
    let in_base: Vec<&Key> = base
        .iter()
        .map(|(k, _)| k)
        .filter(|k| ours.iter().any(|(o, _)| o == *k))
        .collect();
    let in_ours: Vec<&Key> = ours
        .iter()
        .map(|(k, _)| k)
        .filter(|k| base.iter().any(|(b, _)| b == *k))
        .collect();
    in_base != in_ours
}

/// One item's fate given its three versions (`None`: absent there).
fn keep(base: Option<DeckItem>, ours: Option<DeckItem>, theirs: Option<DeckItem>) -> Option<DeckItem> {
    match (base, ours, theirs) {
        (base, Some(ours), Some(theirs)) => Some(merge_item(base.as_ref(), ours, &theirs)),
        // Removed on one side: gone unless the other side changed it.
        (Some(base), Some(side), None) | (Some(base), None, Some(side)) => (side != base).then_some(side),
        (None, Some(added), None) | (None, None, Some(added)) => Some(added),
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
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> String {
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
