//! The validated data model: what a positions file says, with every
//! reference resolved to an index. Text is stored exactly as written;
//! making it safe for a terminal is the display's job (`sanitize`).

use std::collections::HashMap;

pub mod order;

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

    /// The words of `ALL`, in its order: the values `evidence` takes.
    pub const WORDS: [&'static str; 5] = {
        let mut words = [""; 5];
        let mut i = 0;
        while i < words.len() {
            words[i] = Evidence::ALL[i].word();
            i += 1;
        }
        words
    };

    /// The word the format and every output use.
    pub const fn word(self) -> &'static str {
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

/// How a position bears on another one (beyond answering it: every
/// relation also counts as `responds_to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same actor's earlier positions stop standing.
    Supersedes,
    /// An agreement, mechanism or commitment stops standing for this
    /// position's actor, and this position takes its place there.
    Suspends,
    Accepts,
    Rejects,
    /// Accepts with a reservation: the qualified position keeps standing.
    Qualifies,
    /// This move depends on the listed positions changing.
    ConditionalOn,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Relation::Supersedes,
        Relation::Suspends,
        Relation::Accepts,
        Relation::Rejects,
        Relation::Qualifies,
        Relation::ConditionalOn,
    ];

    /// The key in the format and the word in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Relation::Supersedes => "supersedes",
            Relation::Suspends => "suspends",
            Relation::Accepts => "accepts",
            Relation::Rejects => "rejects",
            Relation::Qualifies => "qualifies",
            Relation::ConditionalOn => "conditional_on",
        }
    }

    /// The relation read from its source: "suspends", "conditional on".
    pub fn words(self) -> &'static str {
        match self {
            Relation::ConditionalOn => "conditional on",
            other => other.key(),
        }
    }

    /// The relation read from its target: "suspended by".
    pub(crate) fn inverse_words(self) -> &'static str {
        match self {
            Relation::Supersedes => "superseded by",
            Relation::Suspends => "suspended by",
            Relation::Accepts => "accepted by",
            Relation::Rejects => "rejected by",
            Relation::Qualifies => "qualified by",
            Relation::ConditionalOn => "a condition of",
        }
    }

    /// Ends the target's standing (for the same actor).
    pub fn ends(self) -> bool {
        matches!(self, Relation::Supersedes | Relation::Suspends)
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
    /// Indices into `Dataset::positions`: every position this one
    /// answers, named in `responds_to` or in a relation.
    pub responds_to: Vec<usize>,
    /// The typed relations, in the file's order: (kind, position index).
    pub relations: Vec<(Relation, usize)>,
    /// Indices into `Dataset::topics`: topics it bears on besides `topic`.
    pub also_topics: Vec<usize>,
    /// One party's side of an agreement (`agreed = true`, or `joint` evidence).
    pub agreed: bool,
    /// Whose words these are; `None` when the file does not say.
    pub evidence: Option<Evidence>,
    /// Index into `Dataset::actors`: the observer whose text carries it.
    pub reported_by: Option<usize>,
    /// `date` is the date the act was reported, not when it happened.
    pub date_reported: bool,
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

impl Position {
    /// Its topic, then the topics it also bears on.
    pub fn topics(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.topic).chain(self.also_topics.iter().copied())
    }

    /// True if it bears on `topic` (as its topic or one of `also_topics`).
    pub fn on_topic(&self, topic: usize) -> bool {
        self.topic == topic || self.also_topics.contains(&topic)
    }
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
    /// The one order of positions, worked out once per load.
    pub order: order::Order,
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

    /// The place of each of `positions` (indices) in the one order
    /// (`order`: cause before effect, then date), index-aligned with them.
    pub(crate) fn listing_keys(&self, positions: &[usize]) -> Vec<usize> {
        positions.iter().map(|&p| self.order.rank(p)).collect()
    }

    /// Every position in the one order (`order`).
    pub fn list_order(&self) -> Vec<usize> {
        self.order.all()
    }

    /// Works the order out again after positions or their links change
    /// (the loader does it once).
    pub fn reorder(&mut self) {
        self.order = order::Order::new(self);
    }

    /// Positions that bear on `target` through a typed relation, with it.
    pub(crate) fn related_to(&self, target: usize) -> Vec<(Relation, usize)> {
        self.order
            .answered_by(target)
            .iter()
            .flat_map(|&i| {
                self.positions[i]
                    .relations
                    .iter()
                    .filter(move |&&(_, t)| t == target)
                    .map(move |&(kind, _)| (kind, i))
            })
            .collect()
    }

    /// Every link of position `p`, grouped and titled, in the order the
    /// detail pane lists them and Left/Right walk them: what it relates
    /// to (by kind, then plain answers), then what relates to it.
    pub fn link_groups(&self, p: usize) -> Vec<(String, Vec<usize>)> {
        let position = &self.positions[p];
        let typed = |kind: Relation| -> Vec<usize> {
            position
                .relations
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|&(_, t)| t)
                .collect()
        };
        let incoming = self.related_to(p);
        let by = |kind: Relation| -> Vec<usize> {
            incoming
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|&(_, q)| q)
                .collect()
        };
        let plain_out: Vec<usize> = position
            .responds_to
            .iter()
            .copied()
            .filter(|&t| !position.relations.iter().any(|&(_, r)| r == t))
            .collect();
        let plain_in: Vec<usize> = self
            .answered_by(p)
            .into_iter()
            .filter(|&q| !incoming.iter().any(|&(_, r)| r == q))
            .collect();
        let out = Relation::ALL.iter().map(|&k| (capitalised(k.words()), typed(k)));
        let back = Relation::ALL
            .iter()
            .map(|&k| (capitalised(k.inverse_words()), by(k)));
        out.chain([("Responds to".to_string(), plain_out)])
            .chain(back)
            .chain([("Answered by".to_string(), plain_in)])
            .filter(|(_, targets)| !targets.is_empty())
            .collect()
    }

    /// Positions that answer position `target` (its "answered by" links).
    pub(crate) fn answered_by(&self, target: usize) -> Vec<usize> {
        self.order.answered_by(target).to_vec()
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
