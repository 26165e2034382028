//! The help overlay: every key, generated from the keymap table, and the
//! search syntax.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::wrap_plain;
use super::{Areas, centred, overlay, scrolled};
use crate::app::{Pane, keymap};
use crate::theme::Theme;

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
    let syntax = crate::search::SYNTAX
        .iter()
        .map(|(k, h)| (k.to_string(), h.to_string()))
        .collect();
    section("Search syntax", syntax, &mut out);
    out
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
