//! Checks on the links between positions (`responds_to` and every
//! relation), once every position is resolved: `supersedes` names only
//! the same actor's positions, no link names a position that certainly
//! came later, and the links form no cycle.

use super::fields::{did_you_mean, nearest};
use super::positions::Link;
use crate::asof::certainly_before;
use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Relation};

/// The key a link was written under.
fn key(link: &Link) -> &'static str {
    link.kind.map_or("responds_to", Relation::key)
}

pub(super) fn check(data: &Dataset, links: &[Vec<Link>], diags: &mut Vec<Diagnostic>) {
    for (from, list) in links.iter().enumerate() {
        for link in list {
            other_actor(data, from, link, diags);
            later(data, from, link, diags);
        }
    }
    cycles(data, links, diags);
}

/// `supersedes` naming another actor's position.
fn other_actor(data: &Dataset, from: usize, link: &Link, diags: &mut Vec<Diagnostic>) {
    let (p, target) = (&data.positions[from], &data.positions[link.target]);
    if link.kind != Some(Relation::Supersedes) || target.actor == p.actor {
        return;
    }
    let own = data
        .positions
        .iter()
        .enumerate()
        .filter(|&(i, q)| q.actor == p.actor && i != from)
        .map(|(_, q)| q.id.as_str());
    let msg = format!(
        "\"supersedes\" in position \"{}\" names \"{}\", a position of {}: a position supersedes only its own actor's ({}){}",
        p.id,
        target.id,
        data.actors[target.actor].id,
        data.actors[p.actor].id,
        did_you_mean(nearest(&target.id, own)),
    );
    diags.push(Diagnostic::error(link.span.clone(), msg));
}

/// A link to a position that certainly came after this one.
fn later(data: &Dataset, from: usize, link: &Link, diags: &mut Vec<Diagnostic>) {
    let (p, target) = (&data.positions[from], &data.positions[link.target]);
    if !certainly_before(p.date, target.date) {
        return;
    }
    let msg = format!(
        "\"{}\" in position \"{}\" ({}) names \"{}\", which certainly came later ({}): a position can only bear on earlier ones",
        key(link),
        p.id,
        p.date.iso(),
        target.id,
        target.date.iso(),
    );
    diags.push(Diagnostic::error(link.span.clone(), msg));
}

/// Each cycle of links, reported once, where the link that closes it is
/// written. Depth first without recursion: a long chain cannot overflow.
fn cycles(data: &Dataset, links: &[Vec<Link>], diags: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; links.len()];
    for root in 0..links.len() {
        if mark[root] != Mark::New {
            continue;
        }
        // (position, next link to follow), the path from the root.
        let mut stack = vec![(root, 0usize)];
        mark[root] = Mark::Open;
        while let Some(&mut (at, ref mut next)) = stack.last_mut() {
            let Some(link) = links[at].get(*next) else {
                mark[at] = Mark::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            match mark[link.target] {
                Mark::New => {
                    mark[link.target] = Mark::Open;
                    stack.push((link.target, 0));
                }
                Mark::Open => {
                    let start = stack.iter().position(|&(p, _)| p == link.target).unwrap_or(0);
                    let path: Vec<&str> = stack[start..]
                        .iter()
                        .map(|&(p, _)| data.positions[p].id.as_str())
                        .chain([data.positions[link.target].id.as_str()])
                        .collect();
                    let msg = format!(
                        "\"{}\" in position \"{}\" closes a cycle of relations ({}): a position cannot bear on itself, even through others",
                        key(link),
                        data.positions[at].id,
                        path.join(" -> "),
                    );
                    diags.push(Diagnostic::error(link.span.clone(), msg));
                }
                Mark::Done => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{LoadError, load_str};

    /// Two parties and an observer, two topics; `positions` appended.
    fn file(positions: &str) -> String {
        format!(
            r#"format = 1
title = "T"

[[actors]]
id = "a"
name = "Alpha"

[[actors]]
id = "b"
name = "Beta"

[[topics]]
id = "t"
name = "Topic"

[[topics]]
id = "u"
name = "Other"

[[sources]]
id = "s"
title = "Source"
{positions}"#
        )
    }

    fn position(id: &str, actor: &str, date: &str, extra: &str) -> String {
        format!(
            "\n[[positions]]\nid = \"{id}\"\nactor = \"{actor}\"\ntopic = \"t\"\ndate = \"{date}\"\nstance = \"S\"\nsource = \"s\"\nevidence = \"action\"\n{extra}\n"
        )
    }

    /// Every error line (`FILE:LINE:COL: error: ...`) of a file that must fail.
    fn errors_in(text: &str) -> Vec<String> {
        match load_str("f.toml", text) {
            Err(LoadError::Invalid(report)) => report
                .rendered
                .lines()
                .filter(|l| l.starts_with("f.toml:"))
                .map(str::to_string)
                .collect(),
            Err(other) => panic!("unexpected error kind: {other}"),
            Ok(_) => panic!("expected errors, file loaded"),
        }
    }

    /// The 1-based line of the first occurrence of `needle` after `after`.
    fn line_of(text: &str, after: &str, needle: &str) -> usize {
        let start = text.find(after).unwrap();
        text[..start + text[start..].find(needle).unwrap()]
            .matches('\n')
            .count()
            + 1
    }

    #[test]
    fn each_relation_loads_and_counts_as_responds_to() {
        let text = file(
            &[
                position("a1", "a", "2013", "agreed = true"),
                position("b1", "b", "2013", "agreed = true"),
                position("a2", "a", "2014", "supersedes = [\"a1\"]\nalso_topics = [\"u\"]"),
                position("b2", "b", "2014-05-20", "suspends = [\"a1\", \"b1\"]"),
                position("a3", "a", "2015", "rejects = [\"b2\"]\naccepts = [\"b1\"]"),
                position(
                    "b3",
                    "b",
                    "2015/2015-06-22",
                    "qualifies = [\"b1\"]\nconditional_on = [\"a2\"]",
                ),
            ]
            .concat(),
        );
        let data = load_str("f.toml", &text).unwrap().dataset;
        let p = |id: &str| data.positions.iter().position(|p| p.id == id).unwrap();
        assert!(data.positions[p("a1")].agreed && !data.positions[p("a2")].agreed);
        assert_eq!(data.positions[p("a2")].also_topics, [1]);
        assert_eq!(data.positions[p("b2")].responds_to, [p("a1"), p("b1")]);
        assert_eq!(data.positions[p("a3")].responds_to, [p("b1"), p("b2")]);
        assert_eq!(data.positions[p("b3")].date.to_string(), "2015 – 22 Jun 2015");
    }

    #[test]
    fn supersedes_names_only_the_actors_own_positions() {
        let text = file(
            &[
                position("deal-a", "a", "2013", ""),
                position("deal-b", "b", "2013", ""),
                position("b1", "b", "2014", "supersedes = [\"deal-a\"]"),
            ]
            .concat(),
        );
        let errors = errors_in(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let line = line_of(&text, "id = \"b1\"", "supersedes");
        assert!(errors[0].starts_with(&format!("f.toml:{line}:")), "{errors:?}");
        assert!(errors[0].contains("\"supersedes\" in position \"b1\" names \"deal-a\", a position of a"));
        assert!(
            errors[0].contains("\"deal-b\""),
            "the nearest of the actor's own ids: {errors:?}"
        );
    }

    #[test]
    fn a_link_to_a_certainly_later_position_is_an_error() {
        let text = file(
            &[
                position("a1", "a", "2013-05", "rejects = [\"b1\"]"),
                position("b1", "b", "2013-06-01", ""),
                // Not certainly later: the same year.
                position("a2", "a", "2013", "responds_to = [\"b1\"]"),
            ]
            .concat(),
        );
        let errors = errors_in(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let line = line_of(&text, "id = \"a1\"", "rejects");
        assert!(errors[0].starts_with(&format!("f.toml:{line}:")), "{errors:?}");
        assert!(errors[0].contains(
            "\"rejects\" in position \"a1\" (2013-05) names \"b1\", which certainly came later (2013-06-01)"
        ));
    }

    #[test]
    fn a_cycle_is_reported_once_where_it_closes() {
        let text = file(
            &[
                position("a1", "a", "2013", "responds_to = [\"b1\"]"),
                position("b1", "b", "2013", "qualifies = [\"a1\"]"),
            ]
            .concat(),
        );
        let errors = errors_in(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("closes a cycle of relations (a1 -> b1 -> a1)"),
            "{errors:?}"
        );
        let self_link = file(&position("a1", "a", "2013", "accepts = [\"a1\"]"));
        assert!(errors_in(&self_link)[0].contains("(a1 -> a1)"));
    }

    #[test]
    fn unknown_ids_in_relations_and_also_topics_suggest_the_nearest() {
        let text = file(
            &[
                position("a1", "a", "2013", ""),
                position("b1", "b", "2014", "suspends = [\"a2\"]\nalso_topics = [\"uu\"]"),
            ]
            .concat(),
        );
        let errors = errors_in(&text);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("unknown position id \"a2\"") && e.contains("\"a1\""))
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("unknown topic id \"uu\"") && e.contains("\"u\""))
        );
    }

    #[test]
    fn also_topics_must_not_repeat_the_topic() {
        let text = file(&position(
            "a1",
            "a",
            "2013",
            "also_topics = [\"u\", \"t\", \"u\"]",
        ));
        let errors = errors_in(&text);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("repeats \"t\", already its \"topic\""),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("repeats \"u\", already an earlier entry"),
            "{errors:?}"
        );
        let line = line_of(&text, "id = \"a1\"", "also_topics");
        assert!(errors[0].starts_with(&format!("f.toml:{line}:")));
    }

    #[test]
    fn an_interval_that_ends_before_it_starts_and_a_bad_agreed() {
        let text = file(&position("a1", "a", "2014/2013-06", "agreed = \"yes\""));
        let errors = errors_in(&text);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("\"2014/2013-06\" ends before it starts"))
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("\"agreed\" in position \"a1\" must be true or false"))
        );
    }
}
