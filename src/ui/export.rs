//! The export's format choice: a small box of one key per format, taken
//! from the keymap (the status line hints the same keys).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{centred, overlay};
use crate::app::{Context, keymap};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, screen: Rect, theme: &Theme) {
    let choices = keymap::hints(Context::Export);
    let key_width = choices.iter().map(|c| c.keys.width()).max().unwrap_or(0);
    let lines: Vec<Line> = choices
        .iter()
        .map(|c| {
            Line::from(vec![
                Span::styled(format!(" {:>key_width$} ", c.keys), theme.key),
                Span::styled(format!(" {}", c.help), theme.text),
            ])
        })
        .collect();
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(screen, width, height);
    let inner = overlay(frame, area, " Export the deck as ", theme);
    frame.render_widget(Paragraph::new(lines), inner);
}
