//! The deck overlay: the talking points in order, with headings, notes and
//! missing pins flagged; and the note editor when it is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{truncate, wrap_plain};
use super::{Areas, dialog_area, overlay, pane_block};
use crate::app::{App, Pane, Slide};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, screen: Rect, app: &App, selected: usize, theme: &Theme, areas: &mut Areas) {
    let area = dialog_area(screen);
    let inner = overlay(
        frame,
        area,
        format!(" Talking points ({}) ", app.deck.len()),
        theme,
    );
    areas.panes.push((Pane::Deck, area));
    let editor_height = if app.layers.editor().is_some() {
        (inner.height / 2).max(3)
    } else {
        0
    };
    let list = Rect {
        height: inner.height.saturating_sub(editor_height),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(item_lines(
            app,
            theme,
            selected,
            usize::from(list.width),
            list.height,
        )),
        list,
    );
    if editor_height > 0 {
        let box_area = Rect {
            y: list.y + list.height,
            height: editor_height,
            ..inner
        };
        editor(frame, box_area, app, theme);
    }
}

/// One line per item (two for points with a note), scrolled to keep the
/// selection in view.
fn item_lines(app: &App, theme: &Theme, selected: usize, width: usize, height: u16) -> Vec<Line<'static>> {
    if app.deck.is_empty() {
        return wrap_plain(
            &format!(
                "The deck is empty. Pin positions with {} in the explorer (events in timeline focus).",
                crate::app::keymap::keys_for(crate::app::Context::Global, &crate::app::Action::TogglePin)
            ),
            width,
            theme.empty,
        );
    }
    let slides = app.slides();
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut number = 0;
    for (i, slide) in slides.iter().enumerate() {
        let style = if i == selected { theme.selected } else { theme.text };
        if i == selected {
            selected_line = lines.len();
        }
        let label = match slide {
            Slide::Heading(text) => Line::styled(
                truncate(&format!("§ {text}"), width),
                if i == selected {
                    theme.selected
                } else {
                    theme.heading
                },
            ),
            Slide::Position { position, .. } => {
                number += 1;
                let p = &app.data().positions[*position];
                let who = format!("{number:>2}. {} {} · ", app.text().actors[p.actor].short, p.date);
                let text = format!("{who}{}", app.text().positions[*position].stance);
                Line::styled(truncate(&text, width), style)
            }
            Slide::Matrix { as_of, .. } => {
                number += 1;
                let when = as_of.map_or_else(|| "latest".to_string(), |d| format!("as of {d}"));
                let text = format!("{number:>2}. Matrix · every party on every topic, {when}");
                Line::styled(truncate(&text, width), style)
            }
            Slide::Comparison { topic, .. } => {
                number += 1;
                let text = format!("{number:>2}. Comparison · {}", app.text().topics[*topic].name);
                Line::styled(truncate(&text, width), style)
            }
            Slide::Event { event, .. } => {
                number += 1;
                let e = &app.data().events[*event];
                Line::styled(
                    truncate(
                        &format!(
                            "{number:>2}. Event {} · {}",
                            e.date,
                            app.text().events[*event].name
                        ),
                        width,
                    ),
                    style,
                )
            }
            Slide::Missing { target, .. } => Line::from(vec![Span::styled(
                truncate(
                    &format!(
                        "  [missing: {} \"{}\" is no longer in the data]",
                        target.kind(),
                        target.id()
                    ),
                    width,
                ),
                if i == selected {
                    theme.selected
                } else {
                    theme.error
                },
            )]),
        };
        lines.push(label);
        if let Some(note) = app.slide_note(i).filter(|n| !n.trim().is_empty()) {
            let first = note.lines().next().unwrap_or_default();
            lines.push(Line::styled(
                truncate(&format!("      ✎ {first}"), width),
                theme.muted,
            ));
        }
    }
    let skip = selected_line.saturating_sub(usize::from(height) / 2);
    lines.into_iter().skip(skip).collect()
}

/// The editor box: the text with a visible cursor.
fn editor(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(open) = app.layers.editor() else { return };
    let done = crate::app::keymap::keys_for(crate::app::Context::Editor, &crate::app::Action::Back);
    let what = if open.editor.single_line {
        format!(" Heading ({done}: done) ")
    } else {
        format!(" Note ({done}: done; saved when you pause) ")
    };
    let block = pane_block(Line::styled(what, theme.title), true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let e = &open.editor;
    let first = e.row.saturating_sub(usize::from(inner.height).saturating_sub(1));
    let width = usize::from(inner.width).max(2);
    let lines: Vec<Line> = e
        .lines
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(inner.height))
        .map(|(row, text)| {
            let chars: Vec<char> = text.chars().collect();
            // Long lines scroll sideways so the cursor stays in view.
            let start = if row == e.row {
                e.col.saturating_sub(width - 2)
            } else {
                0
            };
            let piece = |from: usize, to: usize| -> String {
                crate::sanitize::span(
                    &chars[from.min(chars.len())..to.min(chars.len())]
                        .iter()
                        .collect::<String>(),
                )
            };
            if row != e.row {
                return Line::styled(piece(0, chars.len()), theme.text);
            }
            // The cursor on a character drawn as nothing (a joiner) still
            // shows, as a space.
            let at = chars
                .get(e.col)
                .map(|c| crate::sanitize::span(&c.to_string()))
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| " ".to_string());
            Line::from(vec![
                Span::styled(piece(start, e.col), theme.text),
                Span::styled(at, theme.selected),
                Span::styled(piece(e.col + 1, chars.len()), theme.text),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
