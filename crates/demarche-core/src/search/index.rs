//! What search looks at, prepared once per load: every field's display
//! text and a case-folded copy of it, stored back to back so a scan over
//! many positions reads memory in order. Texts that many positions share
//! are stored once, so a query scores them once.

use std::collections::HashMap;

use crate::date::Date;
use crate::model::Dataset;
use crate::text::display::DisplayText;

use super::Field;
use super::matcher::Matcher;
use super::query::{fold_case, fold_case_into};
use super::vocab::{Builder, Vocabulary};
use crate::model::Evidence;

/// Fields each position has its own text for, in slot order.
pub(super) const OWN: [Field; 3] = [Field::Stance, Field::Quote, Field::Notes];

/// Fields whose text many positions share: an actor, a topic, a source,
/// an event, or the same speaker or set of tags. Each distinct text is
/// searched once per query, not once per position.
pub(super) const SHARED: [Field; 6] = [
    Field::Speaker,
    Field::Tags,
    Field::Topic,
    Field::Actor,
    Field::Source,
    Field::Event,
];

/// Texts of many slots stored back to back, as shown and case-folded.
/// Folding keeps character indices (see `fold_case`), not byte offsets,
/// so each copy has its own slot ends.
#[derive(Default)]
pub(super) struct Arena {
    shown: String,
    folded: String,
    shown_ends: Vec<usize>,
    folded_ends: Vec<usize>,
}

fn slot_of<'a>(text: &'a str, ends: &[usize], slot: usize) -> &'a str {
    let start = slot.checked_sub(1).map_or(0, |prev| ends[prev]);
    &text[start..ends[slot]]
}

impl Arena {
    fn push(&mut self, text: &str) {
        self.shown.push_str(text);
        self.shown_ends.push(self.shown.len());
        fold_case_into(text, &mut self.folded);
        self.folded_ends.push(self.folded.len());
    }

    pub(super) fn len(&self) -> usize {
        self.shown_ends.len()
    }

    pub(super) fn shown(&self, slot: usize) -> &str {
        slot_of(&self.shown, &self.shown_ends, slot)
    }

    /// The text a term is compared with: folded unless it is case-sensitive.
    pub(super) fn text(&self, slot: usize, case_sensitive: bool) -> &str {
        if case_sensitive {
            self.shown(slot)
        } else {
            slot_of(&self.folded, &self.folded_ends, slot)
        }
    }
}

/// Distinct texts of one shared field, each stored once.
#[derive(Default)]
struct Interner {
    arena: Arena,
    slots: HashMap<String, usize>,
}

impl Interner {
    fn slot(&mut self, text: &str) -> usize {
        if let Some(&slot) = self.slots.get(text) {
            return slot;
        }
        let slot = self.arena.len();
        self.arena.push(text);
        self.slots.insert(text.to_string(), slot);
        slot
    }
}

/// What a position refers to, and when it is.
pub(super) struct Meta {
    /// For each `SHARED` field, the slot of its text in that field's arena.
    pub shared: [Option<usize>; SHARED.len()],
    pub actor: usize,
    pub topic: usize,
    /// Topics it bears on besides `topic` (`also_topics`): `topic:` finds
    /// it there too.
    pub also_topics: Vec<usize>,
    pub first_day: Date,
    pub last_day: Date,
    /// Place in the one order (`order`): the tie-breaker.
    pub rank: u32,
    pub evidence: Option<Evidence>,
}

/// Everything a search needs, built once from a loaded dataset.
pub struct SearchIndex {
    /// `OWN.len()` slots per position.
    pub(super) own: Arena,
    /// One arena per `SHARED` field.
    pub(super) shared: [Arena; SHARED.len()],
    pub(super) meta: Vec<Meta>,
    /// Case-folded id, name and short name of each actor, for `actor:`.
    pub(super) actor_keys: Vec<[String; 3]>,
    /// Case-folded id and name of each topic, for `topic:`.
    pub(super) topic_keys: Vec<[String; 2]>,
    /// Each distinct tag, case-folded, twice (as id and name), for `tag:`.
    pub(super) tag_keys: Vec<[String; 2]>,
    /// For each tag-list slot, its tags as indices into `tag_keys`.
    pub(super) tag_lists: Vec<Vec<usize>>,
    /// Case-folded id and name of each event, for `event:`.
    pub(super) event_keys: Vec<[String; 2]>,
    /// Case-folded id and title of each source, for `source:`.
    pub(super) source_keys: Vec<[String; 2]>,
    /// Every word of the searched text, for weighing and correcting words.
    pub(super) vocabulary: Vocabulary,
    pub(super) matcher: Matcher,
    pub(super) threads: usize,
}

/// The actor field: the name, with the short name when it adds something.
fn actor_text(name: &str, short: &str) -> String {
    if short.is_empty() || short == name {
        name.to_string()
    } else {
        format!("{name} ({short})")
    }
}

fn own_arena(text: &DisplayText) -> Arena {
    let mut own = Arena::default();
    for p in &text.positions {
        own.push(&p.stance);
        own.push(p.quote.as_deref().unwrap_or(""));
        own.push(p.notes.as_deref().unwrap_or(""));
    }
    own
}

/// Arenas for the shared fields whose items are the dataset's own
/// tables: slot `i` is actor (topic, ...) `i`.
fn table_arena(field: Field, text: &DisplayText) -> Arena {
    let mut arena = Arena::default();
    match field {
        Field::Topic => text.topics.iter().for_each(|t| arena.push(&t.name)),
        Field::Actor => text
            .actors
            .iter()
            .for_each(|a| arena.push(&actor_text(&a.name, &a.short))),
        Field::Source => text.sources.iter().for_each(|s| arena.push(&s.title)),
        Field::Event => text.events.iter().for_each(|e| arena.push(&e.name)),
        _ => {}
    }
    arena
}

fn ranks(data: &Dataset) -> Vec<u32> {
    let mut rank = vec![0u32; data.positions.len()];
    for (place, &p) in data.list_order().iter().enumerate() {
        rank[p] = u32::try_from(place).expect("fewer than 2^32 positions");
    }
    rank
}

/// Each position's references and dates, with its speaker and tag list
/// interned.
/// `distinct` is `distinct_tags(data)`; each new tag-list slot gets its
/// tags' indices in it, pushed onto `tag_lists`.
fn metas(
    data: &Dataset,
    text: &DisplayText,
    distinct: &[String],
    tag_lists: &mut Vec<Vec<usize>>,
) -> (Vec<Meta>, Interner, Interner) {
    let (mut speakers, mut tags) = (Interner::default(), Interner::default());
    let mut tag_slot = |p: &crate::model::Position, shown: &[String]| {
        let slot = tags.slot(&shown.join(", "));
        if slot == tag_lists.len() {
            let index = |t: &String| distinct.binary_search(&fold_case(t)).unwrap_or(0);
            tag_lists.push(p.tags.iter().map(index).collect());
        }
        slot
    };
    let meta = (data.positions.iter().zip(&text.positions).zip(ranks(data)))
        .map(|((p, shown), rank)| Meta {
            shared: SHARED.map(|field| match field {
                Field::Speaker => Some(speakers.slot(shown.speaker.as_deref().unwrap_or(""))),
                Field::Tags => Some(tag_slot(p, &shown.tags)),
                Field::Topic => Some(p.topic),
                Field::Actor => Some(p.actor),
                Field::Source => Some(p.source),
                Field::Event => p.event,
                _ => None,
            }),
            actor: p.actor,
            topic: p.topic,
            also_topics: p.also_topics.clone(),
            first_day: p.date.first_day(),
            last_day: p.date.last_day(),
            rank,
            evidence: p.evidence,
        })
        .collect();
    (meta, speakers, tags)
}

/// The distinct tags of the data, case-folded and sorted.
fn distinct_tags(data: &Dataset) -> Vec<String> {
    let mut tags: Vec<String> = (data.positions.iter())
        .flat_map(|p| p.tags.iter().map(|t| fold_case(t)))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// Every word of every position's fields, counted once per load.
fn vocabulary(own: &Arena, shared: &[Arena; SHARED.len()], meta: &[Meta]) -> Vocabulary {
    let mut words = Builder::default();
    for slot in 0..own.len() {
        words.add(own.text(slot, false), 1);
    }
    for (k, arena) in shared.iter().enumerate() {
        let mut refs = vec![0u32; arena.len()];
        for slot in meta.iter().filter_map(|m| m.shared[k]) {
            refs[slot] += 1;
        }
        for (slot, &n) in refs.iter().enumerate() {
            words.add(arena.text(slot, false), n);
        }
    }
    words.finish(meta.len())
}

impl SearchIndex {
    /// Indexes `data`, whose display text is `text`.
    pub fn new(data: &Dataset, text: &DisplayText) -> Self {
        let tag_keys = distinct_tags(data);
        let mut tag_lists = Vec::new();
        let (meta, mut speakers, mut tags) = metas(data, text, &tag_keys, &mut tag_lists);
        let shared = SHARED.map(|field| match field {
            Field::Speaker => std::mem::take(&mut speakers.arena),
            Field::Tags => std::mem::take(&mut tags.arena),
            _ => table_arena(field, text),
        });
        let own = own_arena(text);
        let vocabulary = vocabulary(&own, &shared, &meta);

        SearchIndex {
            own,
            shared,
            meta,
            vocabulary,
            tag_keys: tag_keys.into_iter().map(|t| [t.clone(), t]).collect(),
            tag_lists,
            event_keys: (data.events.iter().zip(&text.events))
                .map(|(e, shown)| [fold_case(&e.id), fold_case(&shown.name)])
                .collect(),
            source_keys: (data.sources.iter().zip(&text.sources))
                .map(|(s, shown)| [fold_case(&s.id), fold_case(&shown.title)])
                .collect(),
            actor_keys: (data.actors.iter().zip(&text.actors))
                .map(|(a, shown)| [fold_case(&a.id), fold_case(&shown.name), fold_case(&shown.short)])
                .collect(),
            topic_keys: (data.topics.iter().zip(&text.topics))
                .map(|(t, shown)| [fold_case(&t.id), fold_case(&shown.name)])
                .collect(),
            matcher: Matcher::default(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    /// Number of positions indexed.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// The text of one field of one position, exactly as highlight
    /// indices refer to it; empty when the position has no such field.
    pub fn field_text(&self, position: usize, field: Field) -> &str {
        self.place(position, field)
            .map_or("", |(arena, slot)| arena.shown(slot))
    }

    /// The arena and slot holding a field of a position.
    pub(super) fn place(&self, position: usize, field: Field) -> Option<(&Arena, usize)> {
        if let Some(k) = OWN.iter().position(|&f| f == field) {
            return Some((&self.own, position * OWN.len() + k));
        }
        let k = SHARED.iter().position(|&f| f == field)?;
        Some((&self.shared[k], self.meta[position].shared[k]?))
    }
}
