//! Filtering by a date, and what changed since a date. What stands at a
//! date is worked out by the one rule in `standing`.

use crate::date::Date;
use crate::model::Dataset;

pub use crate::standing::Standing;

/// True if `date` falls on or before the cursor: a month or year counts
/// from its first day, so `2015-09` is "by" 2015-09-01. This is the one
/// rule for filtering by a date (see `on_or_after` and `after`).
pub fn stated_by(date: Date, cursor: Date) -> bool {
    date.first_day() <= cursor.last_day()
}

/// `list --from`: the position's first day is on or after `from`'s.
pub fn on_or_after(date: Date, from: Date) -> bool {
    date.first_day() >= from.first_day()
}

/// `changes --since`: not stated by `since` (its first day comes after
/// the whole of `since`).
pub fn after(date: Date, since: Date) -> bool {
    !stated_by(date, since)
}

/// True when `earlier` certainly came before `later`: its whole period
/// ends before the other's begins. Two points made the same day, or a
/// "2015" and a "Sep 2015", are not ordered, so neither replaces the other.
pub fn certainly_before(earlier: Date, later: Date) -> bool {
    earlier.last_day() < later.first_day()
}

/// The standing of every position at `cursor` in its own topic,
/// index-aligned with the data (the one rule, `standing`).
pub fn standings(data: &Dataset, cursor: Date) -> Vec<Standing> {
    crate::standing::Rules::new(data)
        .standings(Some(cursor))
        .into_iter()
        .map(|at| at.standing)
        .collect()
}

/// A position stated after a date: new, or a change from an earlier one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub position: usize,
    /// The position of the same actor on the same subject it replaced:
    /// one it supersedes or suspends, else the last of that actor's
    /// positions in its topic that certainly came before it.
    pub previous: Option<usize>,
    /// The topic the change is on: where `previous` stood, when it is
    /// not the position's own topic (a halt filed under one topic that
    /// suspends an agreement on another changes the other), else the
    /// position's topic. Views name this topic, so a line never pairs
    /// two subjects.
    pub topic: usize,
}

/// The topic on which `position` replaced `previous`: the first of the
/// position's topics that `previous` bears on, else `previous`'s own.
fn topic_of_change(data: &Dataset, position: usize, previous: Option<usize>) -> usize {
    let p = &data.positions[position];
    let Some(old) = previous.map(|i| &data.positions[i]) else {
        return p.topic;
    };
    p.topics().find(|&t| old.on_topic(t)).unwrap_or(old.topic)
}

/// What `position` replaced (see `Change::previous`): the last of its
/// actor's positions it supersedes or suspends, else the last of its
/// actor's positions in its slot that certainly came before it. With
/// `on`, only on that topic: a related position that bears on it, and the
/// slot of that topic (a position with `also_topics` is in several).
fn replaced(
    data: &Dataset,
    rules: &crate::standing::Rules,
    position: usize,
    on: Option<usize>,
) -> Option<usize> {
    let p = &data.positions[position];
    let there = |t: usize| on.is_none_or(|topic| data.positions[t].on_topic(topic));
    let by_relation = p
        .relations
        .iter()
        .rev()
        .find(|&&(kind, t)| kind.ends() && data.positions[t].actor == p.actor && there(t))
        .map(|&(_, t)| t);
    let before = || {
        rules
            .slot(on.unwrap_or(p.topic), p.actor)
            .iter()
            .filter(|m| certainly_before(data.positions[m.position].date, p.date))
            .max_by_key(|m| m.rank)
            .map(|m| m.position)
    };
    by_relation.or_else(before)
}

/// True when `position` changes something on `topic`: it bears on it
/// (its topic or `also_topics`), or it ends (supersedes, suspends) a
/// position that does.
fn changes_topic(data: &Dataset, position: usize, topic: usize) -> bool {
    let p = &data.positions[position];
    p.on_topic(topic)
        || p.relations
            .iter()
            .any(|&(kind, t)| kind.ends() && data.positions[t].on_topic(topic))
}

/// Every position stated after `since`, in the one order, with the one
/// it replaced.
pub fn changes_since(data: &Dataset, since: Date) -> Vec<Change> {
    let rules = crate::standing::Rules::new(data);
    stated_after(data, since)
        .map(|i| {
            let previous = replaced(data, &rules, i, None);
            Change {
                position: i,
                previous,
                topic: topic_of_change(data, i, previous),
            }
        })
        .collect()
}

/// `changes_since` on one topic (`changes --topic`): a position counts
/// on each topic it changes (`changes_topic`), so one with
/// `also_topics` is listed on each, paired with what it replaced there.
pub fn changes_on(data: &Dataset, since: Date, topic: usize) -> Vec<Change> {
    let rules = crate::standing::Rules::new(data);
    stated_after(data, since)
        .filter(|&i| changes_topic(data, i, topic))
        .map(|i| Change {
            position: i,
            previous: replaced(data, &rules, i, Some(topic)),
            topic,
        })
        .collect()
}

/// The positions stated after `since`, in the one order.
fn stated_after(data: &Dataset, since: Date) -> impl Iterator<Item = usize> + '_ {
    data.list_order()
        .into_iter()
        .filter(move |&i| after(data.positions[i].date, since))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    fn data() -> Dataset {
        load_str("f.toml", include_str!("../../../tests/fixtures/explorer.toml"))
            .unwrap()
            .dataset
    }

    #[test]
    fn latest_superseded_and_later() {
        let d = data();
        let s = standings(&d, Date::parse("2020-03").unwrap());
        assert_eq!(s[0], Standing::Latest, "North's March stance");
        assert_eq!(s[3], Standing::Later, "North's June offer");
        let s = standings(&d, Date::parse("2020-06").unwrap());
        assert_eq!(s[0], Standing::Superseded);
        assert_eq!(s[3], Standing::Latest);
    }

    #[test]
    fn changes_name_what_they_replace() {
        let d = data();
        let changes = changes_since(&d, Date::parse("2020-03-31").unwrap());
        let north = changes.iter().find(|c| c.position == 3).unwrap();
        assert_eq!(north.previous, Some(0));
        let east = changes.iter().find(|c| c.position == 2).unwrap();
        assert_eq!(east.previous, None, "East's first stance is new");
        assert!(
            changes
                .iter()
                .all(|c| d.positions[c.position].date.first_day() > Date::parse("2020-03-31").unwrap())
        );
    }

    /// A changes line names one subject: the topic it shows is one the
    /// replaced position stood on, and one the new position bears on
    /// (or ended there by a relation). China's halt, filed under the
    /// indictments, changes the dialogue topic, where the 2013 agreement
    /// it suspends stood.
    #[test]
    fn a_change_is_on_the_topic_where_the_replaced_position_stood() {
        let d = crate::load::load_bundled().unwrap().dataset;
        let changes = changes_since(&d, Date::parse("2000").unwrap());
        for c in changes.iter() {
            let p = &d.positions[c.position];
            let Some(old) = c.previous else {
                assert_eq!(c.topic, p.topic, "{}: a new position is on its own topic", p.id);
                continue;
            };
            let ended = p.relations.iter().any(|&(kind, to)| kind.ends() && to == old);
            assert!(d.positions[old].on_topic(c.topic), "{}", p.id);
            assert!(p.on_topic(c.topic) || ended, "{}", p.id);
        }
        let halt = changes
            .iter()
            .find(|c| d.positions[c.position].id == "china-2014-halts-cooperation")
            .unwrap();
        assert_eq!(d.positions[halt.previous.unwrap()].id, "china-2013-working-group");
        assert_eq!(d.topics[halt.topic].id, "dialogue-mechanism");
    }

    /// North speaks on fish in January, then in March on ports with
    /// `also_topics = ["fish"]`: on fish that replaces January.
    const ALSO: &str = r#"format = 1
title = "T"
[[actors]]
id = "north"
name = "North"
[[actors]]
id = "south"
name = "South"
[[topics]]
id = "fish"
name = "Fish"
[[topics]]
id = "ports"
name = "Ports"
[[sources]]
id = "s"
title = "S"
[[positions]]
id = "n-jan"
actor = "north"
topic = "fish"
date = "2020-01"
stance = "A"
source = "s"
[[positions]]
id = "n-mar"
actor = "north"
topic = "ports"
also_topics = ["fish"]
date = "2020-03"
stance = "B"
source = "s"
"#;

    #[test]
    fn on_one_topic_a_position_counts_on_each_topic_it_bears_on() {
        let d = load_str("f.toml", ALSO).unwrap().dataset;
        let since = Date::parse("2020-02").unwrap();
        let (fish, ports) = (0, 1);
        let on_fish = changes_on(&d, since, fish);
        assert_eq!(
            on_fish,
            [Change {
                position: 1,
                previous: Some(0),
                topic: fish
            }],
            "on fish, March replaces January"
        );
        let on_ports = changes_on(&d, since, ports);
        assert_eq!(
            on_ports,
            [Change {
                position: 1,
                previous: None,
                topic: ports
            }]
        );
        let before_all = changes_on(&d, Date::parse("2019").unwrap(), fish);
        assert_eq!(ids(&d, before_all.iter().map(|c| c.position)), ["n-jan", "n-mar"]);
    }

    /// On the bundled data, every topic: what `changes` lists on a topic,
    /// and every position on it, is listed by `changes_on` there, paired
    /// with a position of the same actor that is on the topic too.
    #[test]
    fn changes_on_a_topic_cover_the_changes_listed_there() {
        let d = crate::load::load_bundled().unwrap().dataset;
        let since = Date::parse("2000").unwrap();
        let all = changes_since(&d, since);
        for topic in 0..d.topics.len() {
            let on = changes_on(&d, since, topic);
            let listed: Vec<usize> = on.iter().map(|c| c.position).collect();
            for c in all.iter().filter(|c| c.topic == topic) {
                assert!(listed.contains(&c.position), "{}", d.positions[c.position].id);
            }
            for (i, p) in d.positions.iter().enumerate().filter(|(_, p)| p.on_topic(topic)) {
                assert!(listed.contains(&i), "{} is on the topic", p.id);
            }
            for c in &on {
                assert_eq!(c.topic, topic);
                let p = &d.positions[c.position];
                if let Some(old) = c.previous {
                    assert!(changes_topic(&d, old, topic), "{}", p.id);
                    assert_eq!(d.positions[old].actor, p.actor, "{}", p.id);
                }
            }
        }
    }

    fn imprecise() -> Dataset {
        load_str("f.toml", include_str!("../../../tests/fixtures/imprecise.toml"))
            .unwrap()
            .dataset
    }

    fn ids(d: &Dataset, found: impl IntoIterator<Item = usize>) -> Vec<String> {
        found.into_iter().map(|i| d.positions[i].id.clone()).collect()
    }

    #[test]
    fn two_points_made_the_same_day_both_stand() {
        let d = imprecise();
        let s = standings(&d, Date::parse("2015-10").unwrap());
        let latest: Vec<String> = ids(&d, (0..s.len()).filter(|&i| s[i] == Standing::Latest));
        // "2015" is not certainly before 25 Sep 2015, so it stands too.
        assert_eq!(latest, ["n-year", "n-summit-a", "n-summit-b", "s-summit"]);
        assert_eq!(s[1], Standing::Superseded, "June is certainly before the summit");
        assert_eq!(s[4], Standing::Superseded, "South's 2014 refusal");
    }

    #[test]
    fn a_change_pairs_only_with_a_certainly_earlier_statement_of_the_same_actor_and_topic() {
        let d = imprecise();
        let changes = changes_since(&d, Date::parse("2015-09-24").unwrap());
        let pairs: Vec<(String, Option<String>)> = changes
            .iter()
            .map(|c| {
                (
                    d.positions[c.position].id.clone(),
                    c.previous.map(|p| d.positions[p].id.clone()),
                )
            })
            .collect();
        let pair = |a: &str, b: Option<&str>| (a.to_string(), b.map(str::to_string));
        assert_eq!(
            pairs,
            [
                pair("n-summit-a", Some("n-june")),
                pair("n-summit-b", Some("n-june")),
                pair("s-summit", Some("s-2014")),
            ],
            "same-day points both answer June, neither the other; South pairs with South"
        );
    }

    #[test]
    fn imprecise_dates_sort_at_the_end_of_their_period() {
        let d = imprecise();
        let order = ids(&d, d.list_order());
        assert_eq!(
            order,
            [
                "s-2014",
                "n-june",
                "n-summit-a",
                "n-summit-b",
                "s-summit",
                "n-year"
            ]
        );
        let events: Vec<&str> = crate::timeline::events_by_date(&d)
            .into_iter()
            .map(|e| d.events[e].id.as_str())
            .collect();
        assert_eq!(events, ["summit", "planned"], "'the end of 2015' after September");
    }

    #[test]
    fn changes_since_and_list_from_agree_on_imprecise_dates() {
        let d = imprecise();
        // changes --since D lists exactly what list --from (the day after D) lists.
        for (since, from) in [
            ("2014", "2015-01-01"),
            ("2015-05", "2015-06-01"),
            ("2015-06", "2015-07-01"),
            ("2015-09-24", "2015-09-25"),
            ("2015-09-25", "2015-09-26"),
            ("2015", "2016-01-01"),
        ] {
            let changed: Vec<usize> = changes_since(&d, Date::parse(since).unwrap())
                .into_iter()
                .map(|c| c.position)
                .collect();
            let from = Date::parse(from).unwrap();
            let listed: Vec<usize> = d
                .list_order()
                .into_iter()
                .filter(|&i| on_or_after(d.positions[i].date, from))
                .collect();
            assert_eq!(ids(&d, changed), ids(&d, listed), "since {since}");
        }
    }
}
