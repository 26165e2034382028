//! Filters resolved against one index: which actors, topics, tag lists,
//! events and sources a query keeps, and a clear error for a value that
//! names nothing in the data.

use crate::date::Date;

use super::SearchIndex;
use super::index::{Meta, SHARED};
use super::query::Filters;
use crate::search::Field;

/// A filter value that matches nothing in the data: names itself and
/// lists what exists.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{filter}:{value} matches no {what}{hint}; {what}s: {known}")]
pub struct UnknownValue {
    /// The filter's name: `actor`, `topic`, `tag`, `event` or `source`.
    pub filter: &'static str,
    pub value: String,
    what: &'static str,
    /// ` (did you mean "x"?)`, or empty.
    hint: String,
    /// What exists, comma-separated.
    known: String,
}

/// Which items a filter keeps: the first key is an id, compared whole;
/// the rest are names, which the value need only be part of. A value that
/// is some item's id means that item only (`actor:china` is China, not an
/// analyst whose name mentions China).
pub(super) fn allowed<const N: usize>(values: &[String], keys: &[[String; N]]) -> Option<Vec<bool>> {
    if values.is_empty() {
        return None;
    }
    let is_id = |v: &String| keys.iter().any(|key| key[0] == *v);
    let keep = |key: &[String; N]| {
        values.iter().any(|v| match is_id(v) {
            true => key[0] == *v,
            false => key[1..].iter().any(|name| name.contains(v.as_str())),
        })
    };
    Some(keys.iter().map(keep).collect())
}

/// Whether a date range meets the date filters: a position dated to a
/// month or a year is kept if any day of it qualifies.
fn keeps_dates(filters: &Filters, meta: &Meta) -> bool {
    let overlaps = |d: &Date| meta.last_day >= d.first_day() && meta.first_day <= d.last_day();
    filters.from.is_none_or(|d| meta.last_day >= d.first_day())
        && filters.to.is_none_or(|d| meta.first_day <= d.last_day())
        && filters.before.is_none_or(|d| meta.first_day < d.first_day())
        && filters.after.is_none_or(|d| meta.last_day > d.last_day())
        && (filters.years.is_empty() || filters.years.iter().any(overlaps))
}

/// A query's filters as lookups: `None` where a filter is not used.
pub(super) struct Resolved<'q> {
    filters: &'q Filters,
    actors: Option<Vec<bool>>,
    topics: Option<Vec<bool>>,
    /// By tag-list slot: some tag in the list is allowed.
    tag_lists: Option<Vec<bool>>,
    events: Option<Vec<bool>>,
    sources: Option<Vec<bool>>,
}

fn slot(meta: &Meta, field: Field) -> Option<usize> {
    let k = SHARED.iter().position(|&f| f == field)?;
    meta.shared[k]
}

impl Resolved<'_> {
    pub(super) fn keeps(&self, meta: &Meta) -> bool {
        let item = |allowed: &Option<Vec<bool>>, slot: Option<usize>| {
            allowed.as_ref().is_none_or(|ok| slot.is_some_and(|s| ok[s]))
        };
        let on_topic = item(&self.topics, Some(meta.topic))
            || meta.also_topics.iter().any(|&t| item(&self.topics, Some(t)));
        item(&self.actors, Some(meta.actor))
            && on_topic
            && item(&self.tag_lists, slot(meta, Field::Tags))
            && item(&self.events, slot(meta, Field::Event))
            && item(&self.sources, slot(meta, Field::Source))
            && (self.filters.kinds.is_empty()
                || meta.evidence.is_some_and(|e| self.filters.kinds.contains(&e)))
            && keeps_dates(self.filters, meta)
    }
}

/// What one filter name looks in: its values, its keys and its words.
struct Lookup<'a, const N: usize> {
    filter: &'static str,
    what: &'static str,
    values: &'a [String],
    keys: &'a [[String; N]],
}

impl<const N: usize> Lookup<'_, N> {
    fn unknown(&self) -> Option<UnknownValue> {
        let value = self
            .values
            .iter()
            .find(|v| allowed(std::slice::from_ref(*v), self.keys).is_some_and(|ok| !ok.contains(&true)))?;
        let ids = self.keys.iter().map(|k| k[0].as_str());
        let names = self.keys.iter().flat_map(|k| k[1..].iter().map(String::as_str));
        let hint = crate::load::did_you_mean(crate::load::nearest(value, ids.clone().chain(names)));
        Some(UnknownValue {
            filter: self.filter,
            value: value.clone(),
            what: self.what,
            hint,
            known: ids.collect::<Vec<_>>().join(", "),
        })
    }
}

impl SearchIndex {
    pub(super) fn resolve<'q>(&self, filters: &'q Filters) -> Resolved<'q> {
        let tags = allowed(&filters.tags, &self.tag_keys);
        Resolved {
            actors: allowed(&filters.actors, &self.actor_keys),
            topics: allowed(&filters.topics, &self.topic_keys),
            tag_lists: tags.map(|ok| {
                let list = |tags: &Vec<usize>| tags.iter().any(|&t| ok[t]);
                self.tag_lists.iter().map(list).collect()
            }),
            events: allowed(&filters.events, &self.event_keys),
            sources: allowed(&filters.sources, &self.source_keys),
            filters,
        }
    }

    /// The first filter value that names no actor, topic, tag, event or
    /// source of the data, as an error that lists what exists.
    pub fn check(&self, query: &super::Query) -> Result<(), UnknownValue> {
        let f = &query.filters;
        let found = [
            Lookup {
                filter: "actor",
                what: "actor",
                values: &f.actors,
                keys: &self.actor_keys,
            }
            .unknown(),
            Lookup {
                filter: "topic",
                what: "topic",
                values: &f.topics,
                keys: &self.topic_keys,
            }
            .unknown(),
            Lookup {
                filter: "tag",
                what: "tag",
                values: &f.tags,
                keys: &self.tag_keys,
            }
            .unknown(),
            Lookup {
                filter: "event",
                what: "event",
                values: &f.events,
                keys: &self.event_keys,
            }
            .unknown(),
            Lookup {
                filter: "source",
                what: "source",
                values: &f.sources,
                keys: &self.source_keys,
            }
            .unknown(),
        ];
        match found.into_iter().flatten().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;

    fn keys(rows: &[[&str; 2]]) -> Vec<[String; 2]> {
        rows.iter().map(|r| r.map(str::to_string)).collect()
    }

    #[test]
    fn an_id_means_that_item_only_and_other_values_match_names() {
        let keys = keys(&[["china", "china"], ["segal", "adam segal on us-china talks"]]);
        assert_eq!(allowed(&["china".into()], &keys), Some(vec![true, false]));
        assert_eq!(allowed(&["chin".into()], &keys), Some(vec![true, true]));
        assert_eq!(allowed(&[], &keys), None);
    }
}
