//! Loadable but odd: content that is valid yet probably a mistake.

use super::ids::DefinedAt;
use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Evidence, Role};

pub fn check(data: &Dataset, at: &DefinedAt, diags: &mut Vec<Diagnostic>) {
    // An actor is used by holding a position or, for an observer, by
    // reporting one (`reported_by`): only an actor nobody names is odd.
    let mut used = vec![false; data.actors.len()];
    let mut positions_per_topic = vec![0usize; data.topics.len()];
    let mut cited = vec![false; data.sources.len()];
    for p in &data.positions {
        used[p.actor] = true;
        if let Some(reporter) = p.reported_by {
            used[reporter] = true;
        }
        for t in p.topics() {
            positions_per_topic[t] += 1;
        }
        cited[p.source] = true;
    }
    for e in &data.events {
        for &s in &e.sources {
            cited[s] = true;
        }
    }
    for (i, actor) in data.actors.iter().enumerate() {
        if !used[i] {
            let msg = match actor.role {
                Role::Party => format!("party \"{}\" has no positions", actor.id),
                Role::Observer => format!("observer \"{}\" has no positions and reports none", actor.id),
            };
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
    evidence(data, at, diags);
}

/// A party position should say whose words it rests on, and a second-hand
/// one who carried it when the file knows the author.
fn evidence(data: &Dataset, at: &DefinedAt, diags: &mut Vec<Diagnostic>) {
    let authors: Vec<Option<usize>> = data
        .sources
        .iter()
        .map(|s| s.author.as_deref().and_then(|a| observer_named(data, a)))
        .collect();
    for (i, p) in data.positions.iter().enumerate() {
        let Some(span) = at.positions.get(i) else { continue };
        let party = data.actors[p.actor].role == Role::Party;
        match p.evidence {
            None if party => {
                let words = Evidence::WORDS;
                let msg = format!(
                    "party position \"{}\" has no \"evidence\": say whose words these are ({})",
                    p.id,
                    words.join(", ")
                );
                diags.push(Diagnostic::warning(span.clone(), msg));
            }
            Some(kind @ (Evidence::Paraphrase | Evidence::Characterization)) if p.reported_by.is_none() => {
                let Some(author) = authors[p.source].filter(|&a| a != p.actor) else {
                    continue;
                };
                let msg = format!(
                    "position \"{}\" is a {} of a text by observer \"{}\" but has no \"reported_by\" (add reported_by = \"{}\")",
                    p.id,
                    kind.word(),
                    data.actors[author].id,
                    data.actors[author].id
                );
                diags.push(Diagnostic::warning(span.clone(), msg));
            }
            _ => {}
        }
    }
}

/// Lower-case words, punctuation dropped: "Dr. Herb Lin" -> [dr, herb, lin].
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The observer a source's `author` names: the observer's full name
/// appears in the author line as whole words ("Dr. Herb Lin" names "Herb
/// Lin"), or a multi-word author line appears in the observer's name.
pub fn observer_named(data: &Dataset, author: &str) -> Option<usize> {
    let author = words(author);
    data.observers().into_iter().find(|&o| {
        let name = words(&data.actors[o].name);
        contains_run(&author, &name) || (author.len() > 1 && contains_run(&name, &author))
    })
}
