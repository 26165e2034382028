//! The help overlay: every key, generated from the keymap table, and the
//! search syntax.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::wrap_plain;
use super::{Areas, centred, overlay, scrolled};
use crate::app::{Action, Context, HelpView, Pane, keymap};
use crate::app::{App, Draw};
use crate::theme::Theme;

/// Every key, the sections for `from` (where help was opened) first.
pub fn lines(theme: &Theme, width: usize, from: Context) -> Vec<Line<'static>> {
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
    let syntax = || {
        demarche_core::search::SYNTAX
            .iter()
            .map(|(k, h)| (k.to_string(), h.to_string()))
            .collect()
    };
    // Opened from the search bar, the syntax is what was asked for.
    let searching = matches!(from, Context::Search | Context::Results);
    if searching {
        section("Search syntax", syntax(), &mut out);
    }
    for (title, helps) in keymap::help_sections_from(from) {
        let rows = helps.into_iter().map(|h| (h.keys, h.help.to_string())).collect();
        section(title, rows, &mut out);
    }
    if !searching {
        section("Search syntax", syntax(), &mut out);
    }
    let legend = super::timeline::legend()
        .into_iter()
        .map(|(symbol, meaning)| (symbol, meaning.to_string()))
        .collect();
    section("Timeline legend", legend, &mut out);
    section("Matrix legend", super::matrix::legend_entries(), &mut out);
    section(
        "Evidence: the badge before the speaker",
        evidence_legend(),
        &mut out,
    );
    out
}

/// Each evidence kind (with its narrow-column abbreviation) and what it
/// means, from the model, so the legend cannot drift from the data.
pub fn evidence_legend() -> Vec<(String, String)> {
    use demarche_core::model::Evidence;
    let mut rows: Vec<(String, String)> = Evidence::ALL
        .iter()
        .map(|&kind| {
            let meaning = demarche_core::attribution::meaning(kind);
            let meaning = match kind.abbreviation() {
                short if short != kind.word() => format!("{meaning} (narrow columns: {short})"),
                _ => meaning.to_string(),
            };
            (kind.word().to_string(), meaning)
        })
        .collect();
    rows.push((
        "by NAME".into(),
        "the analyst whose text carries the position (reported_by)".into(),
    ));
    rows.push((
        demarche_core::attribution::UNSTATED.into(),
        "the data file does not say whose words these are".into(),
    ));
    rows
}

pub fn render(frame: &mut Frame, screen: Rect, view: HelpView, theme: &Theme, areas: &mut Areas) {
    let area = centred(screen, 84, screen.height.saturating_sub(2));
    let title = format!(
        " Keys ({} closes, {}/{} scroll) ",
        keymap::keys_for(Context::Help, &Action::ToggleHelp),
        keymap::key_for(Context::Help, &Action::Up).unwrap_or_default(),
        keymap::key_for(Context::Help, &Action::Down).unwrap_or_default(),
    );
    let inner = overlay(frame, area, title, theme);
    areas.panes.push((Pane::Help, area));
    scrolled(
        frame,
        inner,
        lines(theme, usize::from(inner.width), view.from),
        view.scroll,
        theme.text,
    );
}

impl Draw for HelpView {
    fn render(&self, frame: &mut Frame, area: Rect, _: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, area, *self, theme, areas);
    }
}
