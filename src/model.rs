//! The validated data model: what a positions file says, with every
//! reference resolved to an index. Text is stored exactly as written;
//! making it safe for a terminal is the display's job (`sanitize`).

use std::collections::HashMap;

use crate::date::Date;

/// Whether an actor gets a column or is shown as commentary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Party,
    Observer,
}

/// What kind of evidence a position rests on: whose words they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// The actor's own words, in quotation marks in the source.
    Quote,
    /// A text both (all) governments agreed to: a position of each.
    Joint,
    /// An author reports what the actor said, without quotation marks.
    Paraphrase,
    /// An author's description of the actor's stance or habits.
    Characterization,
    /// A deed (an indictment, a halt), not words.
    Action,
}

impl Evidence {
    pub const ALL: [Evidence; 5] = [
        Evidence::Quote,
        Evidence::Joint,
        Evidence::Paraphrase,
        Evidence::Characterization,
        Evidence::Action,
    ];

    /// The word the format and every output use.
    pub fn word(self) -> &'static str {
        match self {
            Evidence::Quote => "quote",
            Evidence::Joint => "joint",
            Evidence::Paraphrase => "paraphrase",
            Evidence::Characterization => "characterization",
            Evidence::Action => "action",
        }
    }

    /// A short form for narrow columns.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Evidence::Quote => "quote",
            Evidence::Joint => "joint",
            Evidence::Paraphrase => "para.",
            Evidence::Characterization => "char.",
            Evidence::Action => "action",
        }
    }

    pub fn parse(word: &str) -> Option<Evidence> {
        Evidence::ALL.into_iter().find(|e| e.word() == word)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub short: String,
    pub role: Role,
    /// Extension: an observer's institution, as the source states it.
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    /// Extension: the file the source text is kept in.
    pub file: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub date: Date,
    pub end: Option<Date>,
    pub summary: Option<String>,
    /// Indices into `Dataset::sources`.
    pub sources: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    pub id: String,
    /// Index into `Dataset::actors`.
    pub actor: usize,
    /// Index into `Dataset::topics`.
    pub topic: usize,
    pub date: Date,
    pub stance: String,
    /// Index into `Dataset::sources`.
    pub source: usize,
    pub quote: Option<String>,
    pub speaker: Option<String>,
    /// Index into `Dataset::events`.
    pub event: Option<usize>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    /// Indices into `Dataset::positions`.
    pub responds_to: Vec<usize>,
    /// Whose words these are; `None` when the file does not say.
    pub evidence: Option<Evidence>,
    /// Index into `Dataset::actors`: the observer whose text carries it.
    pub reported_by: Option<usize>,
    /// `date` is the date the act was reported, not when it happened.
    pub date_reported: bool,
}

/// A whole positions file, validated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub format: i64,
    pub title: String,
    pub description: Option<String>,
    pub actors: Vec<Actor>,
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
    pub positions: Vec<Position>,
}

/// Looks up items by id; built once per dataset.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    pub actors: HashMap<String, usize>,
    pub topics: HashMap<String, usize>,
    pub sources: HashMap<String, usize>,
    pub events: HashMap<String, usize>,
    pub positions: HashMap<String, usize>,
}

fn index_of<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).to_string(), i))
        .collect()
}

impl Dataset {
    pub fn id_index(&self) -> IdIndex {
        IdIndex {
            actors: index_of(&self.actors, |a| &a.id),
            topics: index_of(&self.topics, |t| &t.id),
            sources: index_of(&self.sources, |s| &s.id),
            events: index_of(&self.events, |e| &e.id),
            positions: index_of(&self.positions, |p| &p.id),
        }
    }

    /// Actors with a column, in file order.
    pub fn parties(&self) -> Vec<usize> {
        self.actors_with_role(Role::Party)
    }

    /// Actors shown as commentary, in file order.
    pub fn observers(&self) -> Vec<usize> {
        self.actors_with_role(Role::Observer)
    }

    fn actors_with_role(&self, role: Role) -> Vec<usize> {
        (0..self.actors.len())
            .filter(|&i| self.actors[i].role == role)
            .collect()
    }

    /// The keys `positions` (indices) are listed by, index-aligned with
    /// them: the date, except that a position answered by another among
    /// them sorts with that answer and just before it. "2014" (an
    /// indictment) then comes before "20 May 2014" (the halt that answers
    /// it), though a year on its own sorts at the end of the year.
    pub fn listing_keys(&self, positions: &[usize]) -> Vec<(Date, i32)> {
        let slot: HashMap<usize, usize> = positions.iter().enumerate().map(|(k, &p)| (p, k)).collect();
        let mut keys: Vec<(Date, i32)> = positions.iter().map(|&p| (self.positions[p].date, 0)).collect();
        // Answers form short chains; a few passes settle them (and end
        // any cycle a hand-written file might hold).
        for _ in 0..8 {
            let mut moved = false;
            for (k, &p) in positions.iter().enumerate() {
                for j in self.positions[p].responds_to.iter().filter_map(|q| slot.get(q)) {
                    if keys[*j] >= keys[k] {
                        keys[*j] = (keys[k].0, keys[k].1 - 1);
                        moved = true;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        keys
    }

    /// Positions in the order lists show them (see `listing_keys`).
    pub fn list_order(&self) -> Vec<usize> {
        let all: Vec<usize> = (0..self.positions.len()).collect();
        let keys = self.listing_keys(&all);
        let mut order = all;
        order.sort_by_key(|&i| keys[i]);
        order
    }

    /// Positions sorted by date (stable: file order breaks ties).
    pub fn positions_by_date(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.positions.len()).collect();
        order.sort_by_key(|&i| self.positions[i].date);
        order
    }

    /// Positions that answer position `target` (its "answered by" links).
    pub fn answered_by(&self, target: usize) -> Vec<usize> {
        (0..self.positions.len())
            .filter(|&i| self.positions[i].responds_to.contains(&target))
            .collect()
    }

    /// The earliest and latest date anywhere in the data.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let position_dates = self.positions.iter().map(|p| p.date);
        let event_dates = self
            .events
            .iter()
            .flat_map(|e| std::iter::once(e.date).chain(e.end));
        crate::date::span_of(position_dates.chain(event_dates))
    }
}
