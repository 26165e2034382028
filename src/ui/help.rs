//! The help overlay: every key, generated from the keymap table, and the
//! search syntax.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::wrap_plain;
use super::{Areas, centred, overlay, scrolled};
use crate::app::{Pane, keymap};
use crate::theme::Theme;

/// The query syntax, shown under the keys.
pub const SEARCH_SYNTAX: &[(&str, &str)] = &[
    (
        "word",
        "fuzzy match in any field; every space-separated term must match",
    ),
    ("'word", "exact substring"),
    ("^word", "a field starts with it"),
    ("word$", "a field ends with it"),
    ("!word", "no field contains it (also !^word, !word$)"),
    ("actor:ID", "only this actor: its id, or else part of a name"),
    ("topic:ID", "only this topic: its id, or else part of a name"),
    ("year:2015", "only positions in that year"),
    (
        "from:DATE to:DATE",
        "only positions in the range (YYYY, YYYY-MM, YYYY-MM-DD)",
    ),
    ("Case", "case-insensitive unless the term has a capital"),
];

pub fn lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let key_width = 18;
    let section = |title: &str, rows: Vec<(String, String)>, out: &mut Vec<Line<'static>>| {
        out.push(Line::styled(title.to_string(), theme.heading));
        for (keys, help) in rows {
            let keys = format!("{keys:<key_width$} ");
            let rest = width.saturating_sub(key_width + 1).max(10);
            for (n, line) in wrap_plain(&help, rest, theme.text).into_iter().enumerate() {
                let lead = if n == 0 {
                    keys.clone()
                } else {
                    " ".repeat(key_width + 1)
                };
                let mut spans = vec![Span::styled(lead, theme.key)];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        }
        out.push(Line::default());
    };
    for (title, helps) in keymap::help_sections() {
        let rows = helps.into_iter().map(|h| (h.keys, h.help.to_string())).collect();
        section(title, rows, &mut out);
    }
    let syntax = SEARCH_SYNTAX
        .iter()
        .map(|(k, h)| (k.to_string(), h.to_string()))
        .collect();
    section("Search syntax", syntax, &mut out);
    section(
        "Evidence: the badge before the speaker",
        evidence_legend(),
        &mut out,
    );
    let legend = super::timeline::legend()
        .into_iter()
        .map(|(symbol, meaning)| (symbol, meaning.to_string()))
        .collect();
    section("Timeline legend", legend, &mut out);
    out
}

/// Each evidence kind (with its narrow-column abbreviation) and what it
/// means, from the model, so the legend cannot drift from the data.
pub fn evidence_legend() -> Vec<(String, String)> {
    use crate::model::Evidence;
    let mut rows: Vec<(String, String)> = Evidence::ALL
        .iter()
        .map(|&kind| {
            let word = match kind.abbreviation() {
                short if short != kind.word() => format!("{} ({short})", kind.word()),
                _ => kind.word().to_string(),
            };
            (word, crate::attribution::meaning(kind).to_string())
        })
        .collect();
    rows.push((
        "by NAME".into(),
        "the analyst whose text carries the position (reported_by)".into(),
    ));
    rows.push((
        crate::attribution::UNSTATED.into(),
        "the data file does not say whose words these are".into(),
    ));
    rows
}

pub fn render(frame: &mut Frame, screen: Rect, scroll: usize, theme: &Theme, areas: &mut Areas) {
    let area = centred(screen, 84, screen.height.saturating_sub(2));
    let inner = overlay(frame, area, " Keys (Esc closes, ↑/↓ scroll) ", theme);
    areas.panes.push((Pane::Help, area));
    scrolled(
        frame,
        inner,
        lines(theme, usize::from(inner.width)),
        scroll,
        theme.text,
    );
}
