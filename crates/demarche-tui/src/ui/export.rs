//! The export choice: the document's title and whether the user's notes
//! go in, then one key per format, all taken from the keymap (the status
//! line hints the same keys). While the title is typed, it shows with its
//! cursor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::text::truncate;
use super::{centred, overlay};
use crate::app::{Action, App, Context, ExportChoice, keymap};
use crate::app::{Areas, Draw};
use crate::theme::Theme;

/// The widest the box grows (a long title is cut with `…` in it; typing
/// shows its end).
const MAX_WIDTH: usize = 76;

pub fn render(frame: &mut Frame, screen: Rect, app: &App, choice: &ExportChoice, theme: &Theme) {
    let choices = keymap::hints(Context::Export);
    // The two settings have lines of their own, above the formats.
    let settings = (key(Action::EditExportTitle), key(Action::ToggleExportNotes));
    let key_width = choices.iter().map(|c| c.keys.width()).max().unwrap_or(0);
    let room = MAX_WIDTH.min(usize::from(screen.width).saturating_sub(4));
    let text_room = room.saturating_sub(key_width + 12);
    let notes = if app.deck.export_notes {
        "my notes: INCLUDED"
    } else {
        "my notes: left out"
    };
    let title_line = match &choice.title {
        Some(editor) => {
            // The end of what is typed, and the cursor after it.
            let typed = editor.text();
            let tail: String = {
                let chars: Vec<char> = typed.chars().collect();
                let keep = text_room.saturating_sub(1).min(chars.len());
                chars[chars.len() - keep..].iter().collect()
            };
            Line::from(vec![
                Span::styled(format!(" {:>key_width$} ", ""), theme.key),
                Span::styled(" title: ", theme.heading),
                Span::styled(demarche_core::text::sanitize::span(&tail), theme.text),
                Span::styled(" ", theme.selected),
            ])
        }
        None => setting(
            &key(Action::EditExportTitle),
            key_width,
            "title: ",
            &truncate(&app.export_title(), text_room),
            theme,
        ),
    };
    let mut lines = vec![
        title_line,
        setting(&key(Action::ToggleExportNotes), key_width, "", notes, theme),
        Line::default(),
    ];
    lines.extend(
        choices
            .iter()
            .filter(|c| ![&settings.0, &settings.1].contains(&&c.keys))
            .map(|c| {
                Line::from(vec![
                    Span::styled(format!(" {:>key_width$} ", c.keys), theme.key),
                    Span::styled(format!(" {}", c.help), theme.text),
                ])
            }),
    );
    let widest = lines.iter().map(Line::width).max().unwrap_or(0).min(room);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(screen, width, height);
    let inner = overlay(frame, area, " Export the deck ", theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn key(action: Action) -> String {
    keymap::keys_for(Context::Export, &action)
}

/// One setting: its key, its name and its value.
fn setting(key: &str, key_width: usize, name: &str, value: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {key:>key_width$} "), theme.key),
        Span::styled(format!(" {name}"), theme.heading),
        Span::styled(value.to_string(), theme.text),
    ])
}

impl Draw for ExportChoice {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, _: &mut Areas) {
        render(frame, area, app, self, theme);
    }
}
