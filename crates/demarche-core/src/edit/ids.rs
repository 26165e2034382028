//! Ids made for the user: readable, valid (`load::is_valid_id`) and
//! unique in their table, in the bundled file's style
//! (`us-2015-06-kerry-code-of-conduct`).

use std::collections::HashSet;

/// Words of the stance that make an id: the first few, short filler dropped.
const ID_WORDS: usize = 4;

/// Filler words that say nothing in an id.
const SKIP: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "in", "on", "for", "is", "be", "that", "it",
];

/// Ids are at most this long (the format's limit).
const MAX_ID: usize = 64;

/// An id for a position: the actor, the date as given (`2015-06`), and
/// the stance's first words, made unique among `taken`.
pub fn position_id(actor: &str, date: &str, stance: &str, taken: &HashSet<&str>) -> String {
    let words: Vec<String> = stance
        .split(|c: char| !c.is_alphanumeric())
        .map(slug)
        .filter(|w| !w.is_empty() && !SKIP.contains(&w.as_str()))
        .take(ID_WORDS)
        .collect();
    let date = slug(date.split('/').next_back().unwrap_or(date));
    let mut parts: Vec<String> = vec![slug(actor), date];
    parts.extend(words);
    let base = join_within(&parts, MAX_ID - 3);
    unique_id(if base.is_empty() { "position" } else { &base }, taken)
}

/// `base`, or `base-2`, `base-3`... : the first one not in `taken`.
pub(crate) fn unique_id(base: &str, taken: &HashSet<&str>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_default()
}

/// Lower-case ASCII letters and digits of a word, dashes kept between;
/// accents dropped with their letters' base where it is plain ASCII.
fn slug(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if (c == '-' || c.is_whitespace()) && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The parts joined with `-`, as many whole parts as fit in `max`.
fn join_within(parts: &[String], max: usize) -> String {
    let mut out = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        let more = usize::from(!out.is_empty()) + part.len();
        if out.len() + more > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_from_actor_date_and_stance_words() {
        let taken = HashSet::new();
        let id = position_id("us", "2015-06", "The U.S. wants a code of conduct", &taken);
        assert_eq!(id, "us-2015-06-u-s-wants-code");
        assert!(crate::load::is_valid_id(&id));
    }

    #[test]
    fn a_taken_id_gets_a_number_and_odd_stances_still_give_valid_ids() {
        let taken: HashSet<&str> = ["eu-2020-fish", "eu-2020-fish-2"].into();
        assert_eq!(position_id("eu", "2020", "Fish!", &taken), "eu-2020-fish-3");
        let long = "word ".repeat(40);
        for stance in ["", "——", "日本語 only", &long] {
            let id = position_id("a-very-long-actor-id", "2013/2013-06-07", stance, &taken);
            assert!(crate::load::is_valid_id(&id), "{id}");
        }
    }
}
