//! The "as of" view: each party's latest stated position on each topic at
//! a date, which earlier ones it supersedes, and what changed since a date.

use std::collections::HashMap;

use crate::date::Date;
use crate::model::Dataset;

/// How a position stands at the "as of" date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// The actor's latest position on the topic by that date.
    Latest,
    /// Stated by that date, but a later one on the same topic replaced it.
    Superseded,
    /// Stated after the date.
    Later,
}

/// True if `date` falls on or before the cursor: a month or year counts
/// from its first day, so `2015-09` is "by" 2015-09-01.
pub fn stated_by(date: Date, cursor: Date) -> bool {
    date.first_day() <= cursor.last_day()
}

/// The standing of every position at `cursor`, index-aligned with the data.
pub fn standings(data: &Dataset, cursor: Date) -> Vec<Standing> {
    let mut latest: HashMap<(usize, usize), usize> = HashMap::new();
    for i in data.positions_by_date() {
        let p = &data.positions[i];
        if stated_by(p.date, cursor) {
            latest.insert((p.actor, p.topic), i);
        }
    }
    data.positions
        .iter()
        .enumerate()
        .map(|(i, p)| match latest.get(&(p.actor, p.topic)) {
            _ if !stated_by(p.date, cursor) => Standing::Later,
            Some(&l) if l == i => Standing::Latest,
            _ => Standing::Superseded,
        })
        .collect()
}

/// A position stated after a date: new, or a change from an earlier one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub position: usize,
    /// The actor's position on the topic just before this one, if any.
    pub previous: Option<usize>,
}

/// Every position stated after `since`, in date order, with what it
/// replaced.
pub fn changes_since(data: &Dataset, since: Date) -> Vec<Change> {
    let mut last: HashMap<(usize, usize), usize> = HashMap::new();
    let mut out = Vec::new();
    for i in data.positions_by_date() {
        let p = &data.positions[i];
        let key = (p.actor, p.topic);
        if p.date.first_day() > since.last_day() {
            out.push(Change {
                position: i,
                previous: last.get(&key).copied(),
            });
        }
        last.insert(key, i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    fn data() -> Dataset {
        load_str("f.toml", include_str!("../tests/fixtures/explorer.toml"))
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
}
