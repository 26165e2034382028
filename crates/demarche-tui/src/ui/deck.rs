//! The deck overlay: the talking points in order, with headings, notes and
//! missing pins flagged; and the note editor (a layer of its own) over
//! its lower half.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text::{truncate, wrap_plain};
use super::{Areas, dialog_area, overlay, pane_block};
use crate::app::{App, NoteEditor, Pane, Slide};
use crate::app::{DeckView, Draw};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, screen: Rect, app: &App, selected: usize, theme: &Theme, areas: &mut Areas) {
    let area = dialog_area(screen);
    let inner = overlay(
        frame,
        area,
        format!(" Talking points ({}) ", app.deck.current.len()),
        theme,
    );
    areas.panes.push((Pane::Deck, area));
    // The note editor, a layer of its own, draws itself below the list.
    let (list, _) = split(inner, app.layers.has::<NoteEditor>());
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
}

/// The deck's inside as the list and, while a note is edited, the
/// editor's box in the lower half.
fn split(inner: Rect, editing: bool) -> (Rect, Rect) {
    let editor_height = if editing { (inner.height / 2).max(3) } else { 0 };
    let list = Rect {
        height: inner.height.saturating_sub(editor_height),
        ..inner
    };
    let editor = Rect {
        y: list.y + list.height,
        height: editor_height,
        ..inner
    };
    (list, editor)
}

/// One line per item (two for points with a note), scrolled to keep the
/// selection in view.
fn item_lines(app: &App, theme: &Theme, selected: usize, width: usize, height: u16) -> Vec<Line<'static>> {
    if app.deck.current.is_empty() {
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
                match text.trim() {
                    "" => truncate("§ (new heading)", width),
                    _ => truncate(&format!("§ {text}"), width),
                },
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
        if let Some(note) = app.slide_note(i) {
            let first = note.source().trim_start().lines().next().unwrap_or_default();
            lines.push(Line::styled(
                truncate(&format!("      ✎ {first}"), width),
                theme.muted,
            ));
        }
    }
    let skip = selected_line.saturating_sub(usize::from(height) / 2);
    lines.into_iter().skip(skip).collect()
}

/// What the editor is editing, for its title: the heading, or the point
/// the note belongs to ("Note on US 2015-09-25 · stance").
fn editing_what(app: &App, item: usize) -> String {
    let slides = app.slides();
    match slides.get(item) {
        Some(Slide::Heading(_)) => "Heading".to_string(),
        Some(Slide::Position { position, .. }) => {
            let p = &app.data().positions[*position];
            let who = &app.text().actors[p.actor].short;
            let stance = &app.text().positions[*position].stance;
            format!("Note on {who} {} · {stance}", p.date)
        }
        Some(Slide::Comparison { topic, .. }) => {
            format!("Note on the comparison · {}", app.text().topics[*topic].name)
        }
        Some(Slide::Event { event, .. }) => format!("Note on the event · {}", app.text().events[*event].name),
        Some(Slide::Matrix { .. }) => "Note on the matrix".to_string(),
        Some(Slide::Missing { .. }) | None => "Note".to_string(),
    }
}

/// The editor's title: what is edited, cut to leave room for the key
/// that closes it.
fn editor_title(app: &App, item: usize, single_line: bool, width: usize) -> String {
    let done = crate::app::keymap::keys_for(crate::app::Context::Editor, &crate::app::Action::Back);
    let long = if single_line {
        format!("({done}: done)")
    } else {
        format!("({done}: done; saved when you pause)")
    };
    let short = format!("({done}: done)");
    let room = width.saturating_sub(4); // the corners and a space each side
    let what = editing_what(app, item);
    let hint = [long, short]
        .into_iter()
        .find(|h| h.chars().count() + 12 <= room)
        .unwrap_or_default();
    let what = truncate(&what, room.saturating_sub(hint.chars().count() + 1));
    format!(" {what} {hint} ").replace("  ", " ")
}

/// The note editor, over the lower half of the deck it edits: the text
/// soft-wrapped, with a visible cursor.
pub fn editor(
    frame: &mut Frame,
    screen: Rect,
    app: &App,
    open: &NoteEditor,
    theme: &Theme,
    areas: &mut Areas,
) {
    let inner = Block::bordered().inner(dialog_area(screen));
    let (_, area) = split(inner, true);
    let what = editor_title(app, open.item, open.editor.single_line, usize::from(area.width));
    let block = pane_block(&what, area, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let e = &open.editor;
    let width = usize::from(inner.width).max(2);
    areas.editor_width = Some(inner.width.max(2));
    if e.text().is_empty() {
        frame.render_widget(Paragraph::new(placeholder(e.single_line, theme)), inner);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    for (row, text) in e.lines.iter().enumerate() {
        let chars: Vec<char> = text.chars().collect();
        let piece = |from: usize, to: usize| -> String {
            demarche_core::text::sanitize::span(
                &chars[from.min(chars.len())..to.min(chars.len())]
                    .iter()
                    .collect::<String>(),
            )
        };
        let rows = crate::app::editor::soft_rows(text, width);
        let cursor = (row == e.row).then(|| crate::app::editor::soft_cursor(&rows, e.col).0);
        for (k, range) in rows.iter().enumerate() {
            if cursor != Some(k) {
                lines.push(Line::styled(piece(range.start, range.end), theme.text));
                continue;
            }
            cursor_line = lines.len();
            // The cursor on a character drawn as nothing (a joiner) still
            // shows, as a space.
            let at = chars
                .get(e.col)
                .filter(|_| e.col < range.end)
                .map(|c| demarche_core::text::sanitize::span(&c.to_string()))
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| " ".to_string());
            lines.push(Line::from(vec![
                Span::styled(piece(range.start, e.col), theme.text),
                Span::styled(at, theme.selected),
                Span::styled(piece(e.col + 1, range.end), theme.text),
            ]));
        }
    }
    let first = cursor_line.saturating_sub(usize::from(inner.height).saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(first).collect::<Vec<_>>()),
        inner,
    );
}

/// What an empty editor shows under the cursor, so an empty heading is
/// visibly waiting for its text.
fn placeholder(single_line: bool, theme: &Theme) -> Line<'static> {
    let hint = if single_line {
        "type the heading"
    } else {
        "type a note: paragraphs, - items, *emphasis*"
    };
    Line::from(vec![
        Span::styled(" ", theme.selected),
        Span::styled(hint, theme.muted),
    ])
}

impl Draw for DeckView {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, area, app, self.selected, theme, areas);
    }
}

impl Draw for NoteEditor {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        editor(frame, area, app, self, theme, areas);
    }
}
