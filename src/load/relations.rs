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
