//! The dataset's text made safe to draw, built once per load: every
//! string from the file passes through `sanitize` here and nowhere else.
//! Search runs on these strings too, so highlight offsets match what is
//! on screen.

use super::sanitize::{block, line};
use crate::model::Dataset;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActorText {
    pub name: String,
    pub short: String,
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TopicText {
    pub name: String,
    pub summary: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceText {
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventText {
    pub name: String,
    pub summary: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PositionText {
    pub stance: String,
    pub quote: Option<String>,
    pub speaker: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
}

/// Display-safe text for every item, index-aligned with the `Dataset`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DisplayText {
    pub title: String,
    pub description: Option<String>,
    pub actors: Vec<ActorText>,
    pub topics: Vec<TopicText>,
    pub sources: Vec<SourceText>,
    pub events: Vec<EventText>,
    pub positions: Vec<PositionText>,
}

fn opt_line(text: &Option<String>) -> Option<String> {
    text.as_deref().map(line)
}

fn opt_block(text: &Option<String>) -> Option<String> {
    text.as_deref().map(|t| reflow(&block(t)))
}

fn starts_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ")
}

/// Joins hard-wrapped lines into paragraphs, so the display can wrap them
/// to its own width. Blank lines separate paragraphs and list items keep
/// their own lines.
pub(crate) fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous_blank = true;
    for line in text.trim().lines() {
        let blank = line.trim().is_empty();
        if blank {
            if !previous_blank {
                out.push_str("\n\n");
            }
        } else if previous_blank {
            out.push_str(line.trim());
        } else if starts_list_item(line) {
            out.push('\n');
            out.push_str(line.trim());
        } else {
            out.push(' ');
            out.push_str(line.trim());
        }
        previous_blank = blank;
    }
    out.trim_end().to_string()
}

impl DisplayText {
    pub fn new(data: &Dataset) -> Self {
        DisplayText {
            title: line(&data.title),
            description: opt_block(&data.description),
            actors: data
                .actors
                .iter()
                .map(|a| ActorText {
                    name: line(&a.name),
                    short: line(&a.short),
                    affiliation: opt_line(&a.affiliation),
                })
                .collect(),
            topics: data
                .topics
                .iter()
                .map(|t| TopicText {
                    name: line(&t.name),
                    summary: opt_line(&t.summary),
                })
                .collect(),
            sources: data
                .sources
                .iter()
                .map(|s| SourceText {
                    title: line(&s.title),
                    author: opt_line(&s.author),
                    publisher: opt_line(&s.publisher),
                    url: opt_line(&s.url),
                })
                .collect(),
            events: data
                .events
                .iter()
                .map(|e| EventText {
                    name: line(&e.name),
                    summary: opt_line(&e.summary),
                })
                .collect(),
            positions: data
                .positions
                .iter()
                .map(|p| PositionText {
                    stance: line(&p.stance),
                    quote: opt_line(&p.quote),
                    speaker: opt_line(&p.speaker),
                    notes: opt_block(&p.notes),
                    tags: p.tags.iter().map(|t| line(t)).collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reflow;

    #[test]
    fn reflow_joins_wrapped_lines_and_keeps_paragraphs_and_lists() {
        assert_eq!(
            reflow("one\ntwo\n\nthree\n- a\n- b"),
            "one two\n\nthree\n- a\n- b"
        );
    }
}
