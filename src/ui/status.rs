//! The status line: key hints for the current context (from the keymap),
//! then any message and the "as of" date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::text::truncate;
use crate::app::{App, keymap};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = usize::from(area.width);
    let mut right = Vec::new();
    if let Some(message) = &app.message {
        right.push(message.clone());
    }
    if let Some(as_of) = app.as_of {
        right.push(format!("as of {as_of}"));
    }
    if !app.deck.is_empty() {
        right.push(format!("deck {}", app.deck.len()));
    }
    let right = truncate(&right.join(" · "), width / 2);
    let room = width.saturating_sub(right.width() + 1);
    let mut spans = Vec::new();
    let mut used = 0;
    for hint in keymap::hints(app.context()) {
        let piece = hint.keys.width() + hint.help.width() + 3;
        if used + piece > room {
            break;
        }
        spans.push(Span::styled(
            format!(" {}", hint.keys),
            theme.key.patch(theme.status),
        ));
        spans.push(Span::styled(format!(" {} ", hint.help), theme.status));
        used += piece;
    }
    let gap = width.saturating_sub(used + right.width());
    spans.push(Span::styled(" ".repeat(gap), theme.status));
    spans.push(Span::styled(right, theme.status));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}
