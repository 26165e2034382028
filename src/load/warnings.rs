//! Loadable but odd: content that is valid yet probably a mistake.

use super::validate::DefinedAt;
use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Role};

pub fn check(data: &Dataset, at: &DefinedAt, diags: &mut Vec<Diagnostic>) {
    let mut positions_per_actor = vec![0usize; data.actors.len()];
    let mut positions_per_topic = vec![0usize; data.topics.len()];
    let mut cited = vec![false; data.sources.len()];
    for p in &data.positions {
        positions_per_actor[p.actor] += 1;
        positions_per_topic[p.topic] += 1;
        cited[p.source] = true;
    }
    for e in &data.events {
        for &s in &e.sources {
            cited[s] = true;
        }
    }
    for (i, actor) in data.actors.iter().enumerate() {
        if positions_per_actor[i] == 0 {
            let kind = if actor.role == Role::Party {
                "party"
            } else {
                "observer"
            };
            let msg = format!("{kind} \"{}\" has no positions", actor.id);
            diags.push(Diagnostic::warning(at.actors[i].clone(), msg));
        }
    }
    for (i, topic) in data.topics.iter().enumerate() {
        if positions_per_topic[i] == 0 {
            let msg = format!("topic \"{}\" has no positions", topic.id);
            diags.push(Diagnostic::warning(at.topics[i].clone(), msg));
        }
    }
    for (i, source) in data.sources.iter().enumerate() {
        if !cited[i] {
            let msg = format!("source \"{}\" is not cited by any position or event", source.id);
            diags.push(Diagnostic::warning(at.sources[i].clone(), msg));
        }
    }
    let parties = data.parties().len();
    if parties < 2 && !data.actors.is_empty() {
        let msg = format!("only {parties} actor with role \"party\": side by side needs two");
        diags.push(Diagnostic::warning(at.actors[0].clone(), msg));
    }
}
