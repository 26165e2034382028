//! What search looks at, prepared once per load: every field's display
//! text and a case-folded copy of it, stored back to back so a scan over
//! many positions reads memory in order.

use crate::date::Date;
use crate::display::DisplayText;
use crate::model::Dataset;

use super::Field;
use super::matcher::Matcher;
use super::query::{fold_case, fold_case_into};

/// Fields each position has its own text for, in slot order.
pub(super) const OWN: [Field; 5] = [
    Field::Stance,
    Field::Quote,
    Field::Speaker,
    Field::Notes,
    Field::Tags,
];

/// Fields whose text belongs to an actor, topic, source or event that
/// many positions share: searched once per query, not once per position.
pub(super) const SHARED: [Field; 4] = [Field::Topic, Field::Actor, Field::Source, Field::Event];

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

    fn from_texts<'a>(texts: impl Iterator<Item = &'a str>) -> Self {
        let mut arena = Arena::default();
        texts.for_each(|t| arena.push(t));
        arena
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

/// What a position refers to, and when it is.
pub(super) struct Meta {
    pub actor: usize,
    pub topic: usize,
    pub source: usize,
    pub event: Option<usize>,
    pub first_day: Date,
    pub last_day: Date,
    /// Place in date order (file order breaking ties): the tie-breaker.
    pub rank: u32,
}

impl Meta {
    /// The item holding this position's text for a shared field.
    pub(super) fn item(&self, field: Field) -> Option<usize> {
        match field {
            Field::Topic => Some(self.topic),
            Field::Actor => Some(self.actor),
            Field::Source => Some(self.source),
            Field::Event => self.event,
            _ => None,
        }
    }
}

/// Everything a search needs, built once from a loaded dataset.
pub struct SearchIndex {
    /// `OWN.len()` slots per position.
    pub(super) own: Arena,
    /// One arena per `SHARED` field, one slot per item.
    pub(super) shared: [Arena; 4],
    pub(super) meta: Vec<Meta>,
    /// Case-folded id, name and short name of each actor, for `actor:`.
    pub(super) actor_keys: Vec<[String; 3]>,
    /// Case-folded id and name of each topic, for `topic:`.
    pub(super) topic_keys: Vec<[String; 2]>,
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
        own.push(p.speaker.as_deref().unwrap_or(""));
        own.push(p.notes.as_deref().unwrap_or(""));
        own.push(&p.tags.join(", "));
    }
    own
}

fn shared_arenas(text: &DisplayText) -> [Arena; 4] {
    let actors: Vec<String> = text
        .actors
        .iter()
        .map(|a| actor_text(&a.name, &a.short))
        .collect();
    [
        Arena::from_texts(text.topics.iter().map(|t| t.name.as_str())),
        Arena::from_texts(actors.iter().map(String::as_str)),
        Arena::from_texts(text.sources.iter().map(|s| s.title.as_str())),
        Arena::from_texts(text.events.iter().map(|e| e.name.as_str())),
    ]
}

fn metas(data: &Dataset) -> Vec<Meta> {
    let mut rank = vec![0u32; data.positions.len()];
    for (place, &p) in data.positions_by_date().iter().enumerate() {
        rank[p] = u32::try_from(place).expect("fewer than 2^32 positions");
    }
    data.positions
        .iter()
        .zip(rank)
        .map(|(p, rank)| Meta {
            actor: p.actor,
            topic: p.topic,
            source: p.source,
            event: p.event,
            first_day: p.date.first_day(),
            last_day: p.date.last_day(),
            rank,
        })
        .collect()
}

impl SearchIndex {
    /// Indexes `data`, whose display text is `text`.
    pub fn new(data: &Dataset, text: &DisplayText) -> Self {
        SearchIndex {
            own: own_arena(text),
            shared: shared_arenas(text),
            meta: metas(data),
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
        let item = self.meta[position].item(field)?;
        Some((&self.shared[k], item))
    }
}
