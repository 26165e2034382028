//! The topic list: number keys 1-9 pick the first nine.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Areas, pane_block, text::truncate};
use crate::app::{App, Focus, Pane};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
    let focused = app.explorer.view.focus == Focus::Topics;
    let block = pane_block(" Topics ", area, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    areas.panes.push((Pane::Topics, area));
    let topics = &app.text().topics;
    let height = usize::from(inner.height);
    let first = app
        .explorer
        .view
        .topic
        .saturating_sub(height.saturating_sub(1) / 2)
        .min(topics.len().saturating_sub(height));
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, topic) in topics.iter().enumerate().skip(first).take(height) {
        let number = if i < 9 {
            format!("{} ", i + 1)
        } else {
            "  ".to_string()
        };
        let count = app.lib.by_topic[i].len();
        let count_text = format!(" {count}");
        let name_room = width.saturating_sub(number.len() + count_text.len());
        let name = truncate(&topic.name, name_room);
        let pad = " ".repeat(name_room.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str())));
        let selected = i == app.explorer.view.topic;
        let style = if selected && focused {
            theme.selected
        } else if selected {
            theme.heading
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(number, theme.muted),
            Span::styled(format!("{name}{pad}"), style),
            Span::styled(count_text, theme.muted),
        ]));
        let row = Rect::new(inner.x, inner.y + (i - first) as u16, inner.width, 1);
        areas.topic_rows.push((row, i));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
