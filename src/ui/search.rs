//! The search overlay: the query line, a count, and the ranked results
//! with matched characters highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{truncate, wrap};
use super::{Areas, dialog_area, overlay};
use crate::app::{Action, App, Context, Pane, SearchState, keymap};
use crate::search::Field;
use crate::theme::Theme;
use crate::width::pad;

pub fn render(
    frame: &mut Frame,
    screen: Rect,
    app: &App,
    state: &SearchState,
    theme: &Theme,
    areas: &mut Areas,
) {
    let area = dialog_area(screen);
    let inner = overlay(frame, area, " Search ", theme);
    areas.panes.push((Pane::SearchResults, area));
    if inner.height < 2 {
        return;
    }
    let width = usize::from(inner.width);
    let prompt = Line::from(vec![
        Span::styled("/ ", theme.key),
        Span::styled(state.query.clone(), theme.text),
        Span::styled("▏", theme.cursor),
    ]);
    let count = match (&state.error, state.pending) {
        (Some(e), _) => Line::styled(truncate(e, width), theme.error),
        (None, true) => Line::styled("searching…", theme.muted),
        (None, false) => {
            let n = state.hits.len();
            let mut note = format!("{n} result{}", if n == 1 { "" } else { "s" });
            // Each key named here is looked up in the search bar's own
            // keymap, so the bar never promises a key that types text.
            for (action, what) in [
                (Action::Activate, "jumps"),
                (Action::Back, "restores"),
                (Action::ToggleHelp, "syntax"),
            ] {
                if let Some(key) = keymap::key_for(Context::Search, &action) {
                    note.push_str(&format!(" · {key} {what}"));
                }
            }
            Line::styled(truncate(&note, width), theme.muted)
        }
    };
    frame.render_widget(Paragraph::new(vec![prompt, count]), Rect { height: 2, ..inner });
    let list = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    results(frame, list, app, state, theme, areas);
}

/// Two lines per hit: date, actor, topic and highlighted stance; then the
/// fields that matched.
fn results(frame: &mut Frame, area: Rect, app: &App, state: &SearchState, theme: &Theme, areas: &mut Areas) {
    let per_page = usize::from(area.height / 2).max(1);
    let first = state.selected.saturating_sub(per_page.saturating_sub(1));
    let width = usize::from(area.width);
    let data = app.data();
    let text = app.text();
    for (k, (i, hit)) in state
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(per_page)
        .enumerate()
    {
        let p = &data.positions[hit.position];
        let selected = i == state.selected;
        let base = if selected { theme.selected } else { theme.text };
        let prefix = format!(
            "{} {} ",
            pad(&p.date.to_string(), 11),
            pad(&text.actors[p.actor].short, 8)
        );
        let marks = hit
            .matches
            .iter()
            .find(|m| m.field == Field::Stance)
            .map_or(&[][..], |m| m.indices.as_slice());
        let stance_width = width.saturating_sub(unicode_width::UnicodeWidthStr::width(prefix.as_str()));
        let mut stance = wrap(
            &text.positions[hit.position].stance,
            stance_width.max(1),
            base,
            marks,
            theme.matched,
        );
        let mut spans = vec![Span::styled(
            prefix,
            if selected { theme.selected } else { theme.heading },
        )];
        if !stance.is_empty() {
            spans.extend(stance.swap_remove(0).spans);
        }
        let fields: Vec<&str> = hit.matches.iter().map(|m| m.field.label()).collect();
        let topic = &text.topics[p.topic].name;
        let second = format!("            {topic} · matched: {}", fields.join(", "));
        let y = area.y + (k * 2) as u16;
        let lines = vec![
            Line::from(spans),
            Line::styled(truncate(&second, width), theme.muted),
        ];
        let row = Rect::new(area.x, y, area.width, 2.min(area.y + area.height - y));
        frame.render_widget(Paragraph::new(lines), row);
        areas.results.push((row, i));
    }
}
