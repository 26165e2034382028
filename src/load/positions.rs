//! Positions: reading each `[[positions]]` entry, then resolving its
//! references (actor, topic, source, event, replies, reporter).

use std::ops::Range;

use toml::de::DeTable;

use super::fields::{Entry, Label, Ref, did_you_mean, nearest};
use super::validate::{IdTable, Ids, Resolver, entries, entry};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{Actor, Evidence, Position, Role};

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
];

/// The values of a position's `date_is`: what its `date` dates.
const DATE_IS: &[&str] = &["act", "report"];

/// A position as read, with its references still as ids.
pub(super) struct RawPosition<'a> {
    id: Option<Ref<'a>>,
    label: Label<'a>,
    actor: Option<Ref<'a>>,
    topic: Option<Ref<'a>>,
    source: Option<Ref<'a>>,
    event: Option<Ref<'a>>,
    responds_to: Vec<Ref<'a>>,
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
    reported_by: Option<Ref<'a>>,
    date_reported: Result<bool, ()>,
}

fn evidence(e: &Entry, diags: &mut Vec<Diagnostic>) -> Result<Option<Evidence>, ()> {
    let words = Evidence::ALL.map(Evidence::word);
    let kind = e.keyword("evidence", &words, diags)?.and_then(Evidence::parse);
    if kind == Some(Evidence::Quote) && e.get("quote").is_none() {
        let span = e.get("evidence").map_or(0..0, |v| v.span());
        let msg = format!(
            "{} has evidence \"quote\" but no \"quote\": add the words, or use \"paraphrase\"",
            e.label
        );
        diags.push(Diagnostic::error(span, msg));
        return Err(());
    }
    Ok(kind)
}

pub(super) fn positions<'a>(
    root: &'a DeTable,
    ids: &mut IdTable<'a>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RawPosition<'a>> {
    let list = entries(root, "positions", false, diags);
    ids.reserve(list.len());
    list.into_iter()
        .enumerate()
        .map(|(i, (table, span))| {
            let e = entry("position", i, table, span);
            e.check_keys(POSITION_KEYS, diags);
            let id = e.id(diags);
            if let Some(id) = &id {
                ids.define(id, i, diags);
            }
            RawPosition {
                actor: e.reference("actor", true, diags),
                topic: e.reference("topic", true, diags),
                date: e.date("date", true, diags),
                stance: e.required_string("stance", diags),
                source: e.reference("source", true, diags),
                quote: e.optional_string("quote", diags),
                quote_span: e.get("quote").map(|v| v.span()),
                speaker: e.optional_string("speaker", diags),
                event: e.reference("event", false, diags),
                tags: e.string_list("tags", diags),
                notes: e.optional_string("notes", diags),
                responds_to: e.reference_list("responds_to", diags),
                evidence: evidence(&e, diags),
                reported_by: e.reference("reported_by", false, diags),
                date_reported: e.keyword("date_is", DATE_IS, diags).map(|w| w == Some("report")),
                label: e.label,
                id,
            }
        })
        .collect()
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
            let hint = did_you_mean(nearest(r.id, observers.map(|a| a.id.as_str())));
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

pub(super) fn resolve_position(
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
    let responds_to = resolver.resolve_all(&ids.positions, &raw.responds_to, from, diags);
    if raw.event.is_some() && event.is_none() || responds_to.len() != raw.responds_to.len() {
        return None;
    }
    Some(Position {
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
        responds_to,
        evidence: raw.evidence.ok()?,
        reported_by: reported_by.ok()?,
        date_reported: raw.date_reported.ok()?,
    })
}
