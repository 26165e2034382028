//! The status line: key hints for the current context (from the keymap),
//! then any message and the "as of" date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::text::{truncate, wrap_plain};
use crate::app::{App, keymap};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = usize::from(area.width);
    if let Some(message) = app.session.message().filter(|m| m.width() + 3 > width / 2) {
        return long_message(frame, area, message, theme);
    }
    let mut right = Vec::new();
    if let Some(message) = app.session.message() {
        right.push(message.to_string());
    }
    if let Some(as_of) = app.dates.as_of {
        right.push(format!("as of {as_of}"));
    }
    if !app.deck.current.is_empty() {
        right.push(format!("deck {}", app.deck.current.len()));
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

/// A message too long to share the line with the key hints (a path
/// written to, a refusal that says why): the whole line, and the rows
/// above it when it needs them (up to a third of the screen), so a path
/// is never cut.
fn long_message(frame: &mut Frame, area: Rect, message: &str, theme: &Theme) {
    let width = usize::from(area.width);
    let above = (area.y / 3).min(area.y);
    let lines = super::text::wrap_cut(
        message,
        width,
        usize::from(above) + 1,
        theme.status,
        &[],
        theme.status,
    );
    let extra = (lines.len() as u16).saturating_sub(1).min(above);
    let rect = Rect {
        y: area.y - extra,
        height: extra + 1,
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Paragraph::new(lines).style(theme.status), rect);
}

/// Why the deck is not saved (or does not read), in full: wrapped over
/// as many rows above the status line as it needs (up to half the
/// screen), since a cut-off reason ("cannot save …") does not say what
/// to fix.
pub fn problem(frame: &mut Frame, area: Rect, problem: &str, theme: &Theme) {
    let width = usize::from(area.width);
    let lines = wrap_plain(problem, width, theme.error);
    let height = (lines.len() as u16).min(area.height / 2).max(1);
    let rect = Rect {
        y: area.bottom().saturating_sub(height + 1),
        height,
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Paragraph::new(lines).style(theme.error), rect);
}
