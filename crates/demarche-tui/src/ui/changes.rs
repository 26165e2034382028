//! "What changed since": every position stated after the "as of" date,
//! new or replacing an earlier one, with what it replaced.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::truncate;
use super::{Areas, dialog_area, overlay};
use crate::app::Draw;
use crate::app::{App, ChangesView, Pane};
use crate::theme::Theme;
use demarche_core::text::width::pad;

pub fn render(
    frame: &mut Frame,
    screen: Rect,
    app: &App,
    view: &ChangesView,
    theme: &Theme,
    areas: &mut Areas,
) {
    let area = dialog_area(screen);
    let inner = overlay(
        frame,
        area,
        format!(" What changed since {} ({}) ", view.since, view.list.len()),
        theme,
    );
    areas.panes.push((Pane::Changes, area));
    let width = usize::from(inner.width);
    if view.list.is_empty() {
        let none = super::text::wrap_plain("Nothing was stated after this date.", width, theme.empty);
        frame.render_widget(Paragraph::new(none), inner);
        return;
    }
    let data = app.data();
    let text = app.text();
    let per_page = usize::from(inner.height / 2).max(1);
    let first = view.selected.saturating_sub(per_page.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, change) in view.list.iter().enumerate().skip(first).take(per_page) {
        let p = &data.positions[change.position];
        let style = if i == view.selected {
            theme.selected
        } else {
            theme.text
        };
        let kind = if change.previous.is_some() {
            "changed"
        } else {
            "new"
        };
        let lead = format!(
            "{} {} {} ",
            pad(&p.date.to_string(), 11),
            pad(&text.actors[p.actor].short, 8),
            pad(kind, 7)
        );
        let rest = width.saturating_sub(unicode_width::UnicodeWidthStr::width(lead.as_str()));
        lines.push(Line::from(vec![
            Span::styled(
                lead,
                if i == view.selected {
                    theme.selected
                } else {
                    theme.heading
                },
            ),
            Span::styled(truncate(&text.positions[change.position].stance, rest), style),
        ]));
        let second = match change.previous {
            Some(old) => format!(
                "{} · was: {}",
                text.topics[change.topic].name, text.positions[old].stance
            ),
            None => format!(
                "{} · first stated position on this topic",
                text.topics[change.topic].name
            ),
        };
        lines.push(Line::styled(
            truncate(&format!("{}{second}", " ".repeat(29)), width),
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

impl Draw for ChangesView {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, area, app, self, theme, areas);
    }
}
