//! Walks a parsed TOML document table by table, then resolves every
//! reference, collecting all problems before deciding whether the file
//! loads. Nothing is half-loaded: any error means no `Dataset`.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::fields::{Entry, Label, Ref, did_you_mean, nearest, type_name};
use super::ids::{Entries, IdTable, Ids, Resolver, entries, ids_spans};
use super::positions::{LinkRefs, RawPosition, build_position, link_up, positions, resolve_links};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{Actor, Dataset, Event, Position, Role, Source, Topic};

pub(crate) const FORMAT_VERSION: i64 = 1;

const TOP_KEYS: &[&str] = &[
    "format",
    "title",
    "description",
    "actors",
    "topics",
    "sources",
    "events",
    "positions",
];
const ACTOR_KEYS: &[&str] = &["id", "name", "short", "role", "affiliation"];
const TOPIC_KEYS: &[&str] = &["id", "name", "summary"];
const SOURCE_KEYS: &[&str] = &["id", "title", "author", "publisher", "date", "url", "file"];
const EVENT_KEYS: &[&str] = &["id", "name", "date", "end", "summary", "sources"];
fn top_level(
    root: &Spanned<DeTable>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<i64>, Option<String>, Option<String>) {
    let top = Entry {
        table: root.get_ref(),
        span: 0..0,
        label: Label::Top,
        base: 0,
    };
    top.check_keys(TOP_KEYS, diags);
    let format = match top.get("format") {
        None => {
            diags.push(Diagnostic::error(
                0..0,
                "missing required key \"format\" (write format = 1 at the top)",
            ));
            None
        }
        Some(v) => format_version(v, diags),
    };
    let title = top.required_string("title", diags);
    let description = top.optional_string("description", diags);
    (format, title, description)
}

fn format_version(value: &Spanned<DeValue>, diags: &mut Vec<Diagnostic>) -> Option<i64> {
    let DeValue::Integer(n) = value.get_ref() else {
        let msg = format!(
            "\"format\" must be an integer, found {}",
            type_name(value.get_ref())
        );
        diags.push(Diagnostic::error(value.span(), msg));
        return None;
    };
    let parsed = i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok();
    if parsed != Some(FORMAT_VERSION) {
        let msg = format!("unsupported format version {n}: this demarche reads format {FORMAT_VERSION}");
        diags.push(Diagnostic::error(value.span(), msg));
        return None;
    }
    parsed
}

fn actors<'i>(root: &DeTable<'i>, ids: &mut IdTable<'i>, diags: &mut Vec<Diagnostic>) -> Vec<Option<Actor>> {
    let list = entries(root, "actors", true, diags);
    Entries::whole("actor", ACTOR_KEYS, list).read(ids, diags, |e, _, id, diags| {
        let name = e.required_string("name", diags);
        let short = e.optional_string("short", diags);
        let role = actor_role(&e, diags);
        let affiliation = e.optional_string("affiliation", diags);
        Some(Actor {
            id: id?.id.to_string(),
            short: short.unwrap_or_else(|| name.clone().unwrap_or_default()),
            name: name?,
            role: role?,
            affiliation,
        })
    })
}

fn actor_role(e: &Entry, diags: &mut Vec<Diagnostic>) -> Option<Role> {
    let span = e.get("role").map(|v| v.span());
    match e.optional_string("role", diags).as_deref() {
        None if span.is_none() => Some(Role::Party),
        None => None,
        Some("party") => Some(Role::Party),
        Some("observer") => Some(Role::Observer),
        Some(other) => {
            let hint = did_you_mean(nearest(other, ["party", "observer"]));
            let msg = format!(
                "\"role\" in {} must be \"party\" or \"observer\", found \"{other}\"{hint}",
                e.label
            );
            diags.push(Diagnostic::error(span.unwrap_or(0..0), msg));
            None
        }
    }
}

fn topics<'i>(root: &DeTable<'i>, ids: &mut IdTable<'i>, diags: &mut Vec<Diagnostic>) -> Vec<Option<Topic>> {
    let list = entries(root, "topics", true, diags);
    Entries::whole("topic", TOPIC_KEYS, list).read(ids, diags, |e, _, id, diags| {
        let name = e.required_string("name", diags);
        let summary = e.optional_string("summary", diags);
        Some(Topic {
            id: id?.id.to_string(),
            name: name?,
            summary,
        })
    })
}

fn sources<'i>(
    root: &DeTable<'i>,
    ids: &mut IdTable<'i>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<Source>> {
    let list = entries(root, "sources", false, diags);
    Entries::whole("source", SOURCE_KEYS, list).read(ids, diags, |e, _, id, diags| {
        let title = e.required_string("title", diags);
        let author = e.optional_string("author", diags);
        let publisher = e.optional_string("publisher", diags);
        let date = e.date("date", false, diags);
        let url = e.optional_string("url", diags);
        let file = e.source_file("file", diags);
        Some(Source {
            id: id?.id.to_string(),
            title: title?,
            author,
            publisher,
            date,
            url,
            file,
        })
    })
}

/// An event as read, before its source references are resolved.
struct RawEvent<'a> {
    event: Option<Event>,
    sources: Vec<Ref<'a>>,
}

fn events<'i>(root: &DeTable<'i>, ids: &mut IdTable<'i>, diags: &mut Vec<Diagnostic>) -> Vec<RawEvent<'i>> {
    let list = entries(root, "events", false, diags);
    Entries::whole("event", EVENT_KEYS, list).read(ids, diags, |e, _, id, diags| {
        let name = e.required_string("name", diags);
        let date = e.bounded_date("date", true, diags);
        let end = e.date("end", false, diags);
        check_end(&e, date, end, diags);
        let summary = e.optional_string("summary", diags);
        let sources = e.reference_list("sources", diags);
        let event = (|| {
            Some(Event {
                id: id?.id.to_string(),
                name: name?,
                date: date?,
                end,
                summary,
                sources: Vec::new(),
            })
        })();
        RawEvent { event, sources }
    })
}

fn check_end(e: &Entry, start: Option<Date>, end: Option<Date>, diags: &mut Vec<Diagnostic>) {
    if let (Some(start), Some(end)) = (start, end)
        && end.last_day() < start.first_day()
    {
        let span = e.get("end").map_or(e.span.clone(), |v| v.span());
        let msg = format!(
            "{} ends ({}) before it starts ({})",
            e.label,
            end.iso(),
            start.iso()
        );
        diags.push(Diagnostic::error(span, msg));
    }
}

/// Each event with its sources resolved; `None` where one is unknown
/// (reported).
fn resolve_events(
    raw_events: Vec<RawEvent>,
    ids: &Ids,
    resolver: &mut Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<Event>> {
    raw_events
        .into_iter()
        .map(|raw| {
            let label = raw
                .event
                .as_ref()
                .map_or("an event".to_string(), |e| format!("event \"{}\"", e.id));
            let sources = resolver.resolve_all(&ids.sources, &raw.sources, &label, diags);
            let complete = sources.len() == raw.sources.len();
            raw.event.filter(|_| complete).map(|e| Event { sources, ..e })
        })
        .collect()
}

/// Validates a parsed document into a dataset and where its quotes are;
/// `None` when there are errors (all of them in `diags`).
/// Warnings are appended to `diags` either way.
pub fn validate(root: &Spanned<DeTable>, diags: &mut Vec<Diagnostic>) -> Option<(Dataset, super::Places)> {
    let mut head = Head::read(root, diags);
    let list = entries(root.get_ref(), "positions", false, diags);
    head.reserve(list.len());
    let raw_positions = positions(list, 0, 0, &mut head.ids.positions, diags);
    head.add_positions(raw_positions, diags);
    head.finish(diags)
}

/// Everything of a file but its positions, read; the ids of all its
/// tables as they are read. Positions come after it, read from the same
/// document or a part at a time (`super::parts`).
pub(super) struct Head<'i> {
    pub ids: Ids<'i>,
    format: Option<i64>,
    title: Option<String>,
    description: Option<String>,
    actors: Vec<Option<Actor>>,
    topics: Vec<Option<Topic>>,
    sources: Vec<Option<Source>>,
    events: Vec<Option<Event>>,
    resolver: Resolver,
    /// The positions built so far (while none has failed).
    positions: Vec<Position>,
    /// Where each position's quote is, for every position read.
    quotes: Vec<Option<std::ops::Range<usize>>>,
    /// References to other positions, of the positions that have any.
    link_refs: Vec<LinkRefs<'i>>,
    /// False once a position could not be built (reported).
    complete: bool,
}

impl<'i> Head<'i> {
    /// Reads the top level and every table but `positions` from `root`.
    pub(super) fn read(root: &Spanned<DeTable<'i>>, diags: &mut Vec<Diagnostic>) -> Self {
        let mut ids = Ids {
            actors: IdTable::new("actor"),
            topics: IdTable::new("topic"),
            sources: IdTable::new("source"),
            events: IdTable::new("event"),
            positions: IdTable::new("position"),
        };
        let (format, title, description) = top_level(root, diags);
        let table = root.get_ref();
        let actors = actors(table, &mut ids.actors, diags);
        let topics = topics(table, &mut ids.topics, diags);
        let sources = sources(table, &mut ids.sources, diags);
        let raw_events = events(table, &mut ids.events, diags);
        let mut resolver = Resolver::new();
        let events = resolve_events(raw_events, &ids, &mut resolver, diags);
        Head {
            format,
            title,
            description,
            actors,
            topics,
            sources,
            events,
            resolver,
            positions: Vec::new(),
            quotes: Vec::new(),
            link_refs: Vec::new(),
            complete: true,
            ids,
        }
    }

    /// Room for `count` positions, when the count is known ahead.
    pub(super) fn reserve(&mut self, count: usize) {
        self.ids.positions.reserve(count);
        self.positions.reserve_exact(count);
        self.quotes.reserve_exact(count);
    }

    /// Builds positions as they are read, in file order, so that only a
    /// batch of them is ever held as read (a read entry is about twice
    /// the size of a position); their links wait for `finish`.
    pub(super) fn add_positions(
        &mut self,
        batch: Vec<(RawPosition<'i>, LinkRefs<'i>)>,
        diags: &mut Vec<Diagnostic>,
    ) {
        for (raw, links) in batch {
            self.quotes.push(raw.quote_span.clone());
            match build_position(raw, &self.ids, &self.actors, &mut self.resolver, diags) {
                Some(p) if self.complete => self.positions.push(p),
                Some(_) => {}
                None => {
                    self.complete = false;
                    self.positions = Vec::new();
                }
            }
            if !links.is_empty() {
                self.link_refs.push(links);
            }
        }
    }

    /// Resolves the links between positions and checks the whole: the
    /// dataset, or `None` when there are errors (all of them in `diags`).
    pub(super) fn finish(self, diags: &mut Vec<Diagnostic>) -> Option<(Dataset, super::Places)> {
        let Head {
            ids,
            format,
            title,
            description,
            actors,
            topics,
            sources,
            events,
            mut resolver,
            mut positions,
            quotes,
            link_refs,
            mut complete,
        } = self;
        let mut links = vec![Vec::new(); quotes.len()];
        for refs in &link_refs {
            match resolve_links(refs, &ids, &mut resolver, diags) {
                Some(resolved) => links[refs.index] = resolved,
                None => complete = false,
            }
        }
        drop(link_refs);
        if complete {
            for (p, l) in positions.iter_mut().zip(&links) {
                link_up(p, l);
            }
        }
        let places = super::Places { quotes };
        let mut dataset = Dataset {
            format: format?,
            title: title?,
            description,
            actors: actors.into_iter().collect::<Option<_>>()?,
            topics: topics.into_iter().collect::<Option<_>>()?,
            sources: sources.into_iter().collect::<Option<_>>()?,
            events: events.into_iter().collect::<Option<_>>()?,
            positions: complete.then_some(positions)?,
            order: Default::default(),
        };
        dataset.reorder();
        super::relations::check(&dataset, &links, diags);
        if diags
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            return None;
        }
        super::warnings::check(&dataset, &ids_spans(&ids), diags);
        Some((dataset, places))
    }
}
