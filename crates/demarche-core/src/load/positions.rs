//! Positions: reading each `[[positions]]` entry, then resolving its
//! references (actor, topic, source, event, replies, reporter).

use std::ops::Range;

use toml::de::DeTable;

use super::fields::{Entry, Label, Ref, did_you_mean, nearest};
use super::ids::{Entries, IdTable, Ids, Resolver};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{Actor, Evidence, Position, Relation, Role};

pub const POSITION_KEYS: &[&str] = &[
    "id",
    "actor",
    "topic",
    "date",
    "stance",
    "source",
    "quote",
    "speaker",
    "event",
    "tags",
    "notes",
    "responds_to",
    "evidence",
    "reported_by",
    "date_is",
    "agreed",
    "also_topics",
    "supersedes",
    "suspends",
    "accepts",
    "rejects",
    "qualifies",
    "conditional_on",
];

/// Where one reference to another position stands in the file, for the
/// checks that need every position resolved (`relations`).
#[derive(Clone, Debug)]
pub(super) struct Link {
    /// `None`: a plain `responds_to`.
    pub kind: Option<Relation>,
    pub target: usize,
    pub span: Range<usize>,
}

/// The values of a position's `date_is`: what its `date` dates.
pub const DATE_IS: &[&str] = &["act", "report"];

/// A position's references to other positions (`responds_to` and each
/// relation) as written. They are resolved once every position has been
/// read, since one may name a later position; the rest of a position is
/// built as soon as it is read.
pub(super) struct LinkRefs<'i> {
    /// The position's place in the file's list.
    pub index: usize,
    label: Label<'i>,
    responds_to: Vec<Ref<'i>>,
    relations: Vec<(Relation, Vec<Ref<'i>>)>,
}

impl LinkRefs<'_> {
    pub(super) fn is_empty(&self) -> bool {
        self.responds_to.is_empty() && self.relations.is_empty()
    }
}

/// A position as read, with its references still as ids.
pub(super) struct RawPosition<'i> {
    id: Option<Ref<'i>>,
    label: Label<'i>,
    actor: Option<Ref<'i>>,
    topic: Option<Ref<'i>>,
    source: Option<Ref<'i>>,
    event: Option<Ref<'i>>,
    also_topics: Vec<Ref<'i>>,
    agreed: Result<bool, ()>,
    date: Option<Date>,
    stance: Option<String>,
    quote: Option<String>,
    /// Where the quote's string is in the file (for `verify`).
    pub quote_span: Option<Range<usize>>,
    speaker: Option<String>,
    tags: Vec<String>,
    notes: Option<String>,
    /// `Err` when the key held an unknown kind (already reported).
    evidence: Result<Option<Evidence>, ()>,
    reported_by: Option<Ref<'i>>,
    date_reported: Result<bool, ()>,
}

fn evidence(e: &Entry, diags: &mut Vec<Diagnostic>) -> Result<Option<Evidence>, ()> {
    let words = Evidence::WORDS;
    let kind = e.keyword("evidence", &words, diags)?.and_then(Evidence::parse);
    if kind == Some(Evidence::Quote) && e.get("quote").is_none() {
        let span = e.get("evidence").map_or(0..0, |v| e.at(v));
        let msg = format!(
            "{} has evidence \"quote\" but no \"quote\": add the words, or use \"paraphrase\"",
            e.label
        );
        diags.push(Diagnostic::error(span, msg));
        return Err(());
    }
    Ok(kind)
}

/// Reads `[[positions]]` entries: `list` (each with its span in the
/// file) holds entries `first..` of the file, parsed from text that
/// starts at `base` in the file.
pub(super) fn positions<'i>(
    list: Vec<(&DeTable<'i>, Range<usize>)>,
    first: usize,
    base: usize,
    ids: &mut IdTable<'i>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(RawPosition<'i>, LinkRefs<'i>)> {
    let entries = Entries {
        kind: "position",
        keys: POSITION_KEYS,
        list,
        first,
        base,
    };
    entries.read(ids, diags, |e, i, id, diags| {
        let links = LinkRefs {
            index: i,
            label: e.label.clone(),
            responds_to: e.reference_list("responds_to", diags),
            relations: Relation::ALL
                .iter()
                .map(|&kind| (kind, e.reference_list(kind.key(), diags)))
                .filter(|(_, refs)| !refs.is_empty())
                .collect(),
        };
        let raw = RawPosition {
            actor: e.reference("actor", true, diags),
            topic: e.reference("topic", true, diags),
            date: e.bounded_date("date", true, diags),
            stance: e.required_string("stance", diags),
            source: e.reference("source", true, diags),
            quote: e.optional_string("quote", diags),
            quote_span: e.get("quote").map(|v| e.at(v)),
            speaker: e.optional_string("speaker", diags),
            event: e.reference("event", false, diags),
            tags: e.string_list("tags", diags),
            notes: e.optional_string("notes", diags),
            also_topics: e.reference_list("also_topics", diags),
            agreed: e.flag("agreed", diags),
            evidence: evidence(&e, diags),
            reported_by: e.reference("reported_by", false, diags),
            date_reported: e.keyword("date_is", DATE_IS, diags).map(|w| w == Some("report")),
            label: e.label,
            id,
        };
        (raw, links)
    })
}

/// The observer `reported_by` names; a party there is an error.
fn reporter(
    raw: &RawPosition,
    ids: &Ids,
    actors: &[Option<Actor>],
    resolver: &mut Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<usize>, ()> {
    let Some(r) = &raw.reported_by else {
        return Ok(None);
    };
    let at = resolver.resolve(&ids.actors, r, &raw.label, diags).ok_or(())?;
    match actors.get(at).and_then(Option::as_ref) {
        Some(actor) if actor.role == Role::Party => {
            let observers = actors.iter().flatten().filter(|a| a.role == Role::Observer);
            let hint = did_you_mean(nearest(&r.id, observers.map(|a| a.id.as_str())));
            let msg = format!(
                "\"reported_by\" in {} names \"{}\", a party: it must name an observer{hint}",
                raw.label, r.id
            );
            diags.push(Diagnostic::error(r.span.clone(), msg));
            Err(())
        }
        _ => Ok(Some(at)),
    }
}

/// Every reference to another position (`responds_to` and each
/// relation), resolved; `None` if one is unknown (reported).
pub(super) fn resolve_links(
    raw: &LinkRefs,
    ids: &Ids,
    resolver: &mut Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Link>> {
    let plain = raw.responds_to.iter().map(|r| (None, r));
    let typed = raw
        .relations
        .iter()
        .flat_map(|(kind, refs)| refs.iter().map(move |r| (Some(*kind), r)));
    let mut complete = true;
    let mut out = Vec::new();
    for (kind, r) in plain.chain(typed) {
        match resolver.resolve(&ids.positions, r, &raw.label, diags) {
            Some(target) => out.push(Link {
                kind,
                target,
                span: r.span.clone(),
            }),
            None => complete = false,
        }
    }
    complete.then_some(out)
}

/// Every target once, in the order first named.
fn answered(links: &[Link]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(links.len());
    for l in links {
        if !out.contains(&l.target) {
            out.push(l.target);
        }
    }
    out
}

/// Gives a position built without its links the links resolved for it.
pub(super) fn link_up(position: &mut Position, links: &[Link]) {
    position.responds_to = answered(links);
    position.relations = links.iter().filter_map(|l| Some((l.kind?, l.target))).collect();
}

/// A position with every reference but those to other positions resolved
/// (`link_up` adds those); `None` when something is wrong (reported).
pub(super) fn build_position(
    raw: RawPosition,
    ids: &Ids,
    actors: &[Option<Actor>],
    resolver: &mut Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Option<Position> {
    let reported_by = reporter(&raw, ids, actors, resolver, diags);
    let from = &raw.label;
    let mut one =
        |table: &IdTable, r: &Option<Ref>| r.as_ref().and_then(|r| resolver.resolve(table, r, from, diags));
    let actor = one(&ids.actors, &raw.actor);
    let topic = one(&ids.topics, &raw.topic);
    let source = one(&ids.sources, &raw.source);
    let event = one(&ids.events, &raw.event);
    let also_topics = resolver.resolve_all(&ids.topics, &raw.also_topics, from, diags);
    check_also_topics(&raw, diags);
    if raw.event.is_some() && event.is_none() || also_topics.len() != raw.also_topics.len() {
        return None;
    }
    let evidence = raw.evidence.ok()?;
    let position = Position {
        id: raw.id?.id.to_string(),
        actor: actor?,
        topic: topic?,
        date: raw.date?,
        stance: raw.stance?,
        source: source?,
        quote: raw.quote,
        speaker: raw.speaker,
        event,
        tags: raw.tags,
        notes: raw.notes,
        responds_to: Vec::new(),
        relations: Vec::new(),
        also_topics,
        agreed: raw.agreed.ok()? || evidence == Some(Evidence::Joint),
        evidence,
        reported_by: reported_by.ok()?,
        date_reported: raw.date_reported.ok()?,
    };
    Some(position)
}

/// `also_topics` must not repeat `topic`, nor name a topic twice.
fn check_also_topics(raw: &RawPosition, diags: &mut Vec<Diagnostic>) {
    let main = raw.topic.as_ref().map(|r| &r.id);
    for (k, r) in raw.also_topics.iter().enumerate() {
        let repeated = if Some(&r.id) == main {
            "its \"topic\""
        } else if raw.also_topics[..k].iter().any(|o| o.id == r.id) {
            "an earlier entry of \"also_topics\""
        } else {
            continue;
        };
        let msg = format!(
            "\"also_topics\" in {} repeats \"{}\", already {repeated}: remove it",
            raw.label, r.id
        );
        diags.push(Diagnostic::error(r.span.clone(), msg));
    }
}
