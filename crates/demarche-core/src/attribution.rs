//! Whose words a position is: its evidence kind, who reported it, the
//! speaker, and whether its date is the date of a report. One place, so
//! the columns, the detail, the slides and the command line say it alike.

use crate::model::{Dataset, Evidence};
use crate::text::display::DisplayText;

/// What each kind means, for the help legend, the README and the detail.
/// A source as one line: "Author, Title, Publisher, Date, url", leaving
/// out what the file does not give. Slides and the text export share it.
pub fn citation(
    author: Option<&str>,
    title: &str,
    publisher: Option<&str>,
    date: Option<crate::date::Date>,
    url: Option<&str>,
) -> String {
    let date = date.map(|d| d.to_string());
    [author, Some(title), publisher, date.as_deref(), url]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn meaning(kind: Evidence) -> &'static str {
    match kind {
        Evidence::Quote => "the actor's own words, in quotation marks in the source (an analyst's own text)",
        Evidence::Joint => "a text both governments agreed to: a position of each",
        Evidence::Paraphrase => "an author reports what the actor said, without quotation marks",
        Evidence::Characterization => "an author's description of the actor's stance or habits",
        Evidence::Action => "a deed, such as an indictment or a halt, not words",
    }
}

/// Shown where a position does not say what it rests on.
pub const UNSTATED: &str = "unstated";

/// Marks a position stated after the "as of" date, in words, so the
/// marker survives NO_COLOR (the dimming alone does not).
pub const NOT_YET_STATED: &str = "not yet stated";

/// The badge for `kind` in `room` columns: the word, or its abbreviation
/// when the word would leave less than `min_rest` columns for the rest.
pub fn badge(kind: Option<Evidence>, room: usize, min_rest: usize) -> &'static str {
    let Some(kind) = kind else { return UNSTATED };
    let word = kind.word();
    if word.chars().count() + min_rest <= room {
        word
    } else {
        kind.abbreviation()
    }
}

/// The reporter's short name (display-safe), if the position has one.
pub fn reporter_short(data: &Dataset, text: &DisplayText, p: usize) -> Option<String> {
    data.positions[p]
        .reported_by
        .map(|r| text.actors[r].short.clone())
}

/// The reporter's full name (display-safe), if the position has one.
pub fn reporter_name(data: &Dataset, text: &DisplayText, p: usize) -> Option<String> {
    data.positions[p].reported_by.map(|r| text.actors[r].name.clone())
}

/// What follows the badge: "by Segal · senior officials". The reporter
/// comes before the speaker, so a narrow cell cuts the speaker first.
pub(crate) fn after_badge(data: &Dataset, text: &DisplayText, p: usize) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(by) = reporter_short(data, text, p) {
        parts.push(format!("by {by}"));
    }
    if let Some(speaker) = &text.positions[p].speaker {
        parts.push(speaker.clone());
    }
    parts
}

/// One line for text outputs: "paraphrase · by Segal · senior officials".
pub fn line(data: &Dataset, text: &DisplayText, p: usize) -> String {
    let kind = data.positions[p].evidence;
    let mut parts = vec![kind.map_or(UNSTATED, Evidence::word).to_string()];
    parts.extend(after_badge(data, text, p));
    parts.join(" · ")
}

/// The date as shown: "20 May 2014", or "20 May 2014 (reported)" when the
/// date is that of a report rather than of the act.
pub fn date(data: &Dataset, p: usize) -> String {
    let position = &data.positions[p];
    if position.date_reported {
        format!("{} (reported)", position.date)
    } else {
        position.date.to_string()
    }
}

/// The label over a quote: the actor's words, or an author's words that
/// carry a paraphrase or characterization.
pub fn quote_label(kind: Option<Evidence>) -> &'static str {
    match kind {
        Some(Evidence::Paraphrase | Evidence::Characterization) => "The author's words (verbatim)",
        Some(Evidence::Joint) => "Agreed text (verbatim)",
        _ => "Quote (verbatim)",
    }
}

/// True when the quote is the actor's (or both governments') own words.
pub fn quote_is_actors(kind: Option<Evidence>) -> bool {
    !matches!(kind, Some(Evidence::Paraphrase | Evidence::Characterization))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_abbreviates_only_when_narrow() {
        assert_eq!(
            badge(Some(Evidence::Characterization), 40, 10),
            "characterization"
        );
        assert_eq!(badge(Some(Evidence::Characterization), 20, 10), "char.");
        assert_eq!(badge(Some(Evidence::Quote), 6, 10), "quote");
        assert_eq!(badge(None, 40, 10), UNSTATED);
    }

    #[test]
    fn line_puts_the_reporter_before_the_speaker() {
        let data = crate::load::load_bundled().unwrap().dataset;
        let text = DisplayText::new(&data);
        let p = data
            .positions
            .iter()
            .position(|p| p.id == "us-2013-hagel-shangri-la")
            .unwrap();
        assert!(
            line(&data, &text, p)
                .starts_with("characterization · by Segal · U.S. Secretary of Defense Chuck Hagel"),
            "{}",
            line(&data, &text, p)
        );
        let halt = data
            .positions
            .iter()
            .position(|p| p.id == "china-2014-halts-cooperation")
            .unwrap();
        assert_eq!(date(&data, halt), "20 May 2014 (reported)");
    }
}
