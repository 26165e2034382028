//! The capture form over the reader: one row (or a few, wrapped) per
//! field, the focused one marked and showing its cursor; a pick-list
//! shows its matches under it; the last refusal in full at the bottom.
//! The keys are in the status line, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{spans, truncate, wrap_plain};
use super::{Areas, centred, overlay};
use crate::app::Draw;
use crate::app::editor::Editor;
use crate::app::{App, CaptureForm, Input, Pane, Pick};
use crate::theme::Theme;
use demarche_core::text::wrap::{room_for_cursor, wrap_chars};

/// Columns the labels take.
const LABEL: usize = 13;

/// Matches of a pick-list shown under it while it has the focus.
const SHOWN_MATCHES: usize = 5;

fn label(key: &str) -> &'static str {
    match key {
        "stance" => "Stance",
        "quote" => "Quote",
        "actor" => "Actor",
        "topic" => "Topic",
        "date" => "Date",
        "evidence" => "Evidence",
        "reported_by" => "Reported by",
        "speaker" => "Speaker",
        _ => "",
    }
}

pub fn render(
    frame: &mut Frame,
    screen: Rect,
    app: &App,
    form: &CaptureForm,
    theme: &Theme,
    areas: &mut Areas,
) {
    // Inside the reader's box (which leaves 3 columns and 2 rows a side).
    let area = centred(
        screen,
        screen.width.saturating_sub(10).min(110),
        screen.height.saturating_sub(6),
    );
    let source = &app.text().sources[form.source].title;
    let title = format!(" New position from {source} ");
    // The block fits the title to the box.
    let inner = overlay(frame, area, title, theme);
    areas.panes.push((Pane::Reader, area));
    let width = usize::from(inner.width).saturating_sub(LABEL + 2).max(1);
    let mut lines = Vec::new();
    for (n, field) in form.fields.iter().enumerate() {
        let focused = n == form.focus;
        let rows = match &field.input {
            Input::Text(editor) => text_rows(editor, focused, width, theme),
            Input::Pick(pick) => pick_rows(pick, focused, width, theme),
        };
        for (r, row) in rows.into_iter().enumerate() {
            let head = match (r, focused) {
                (0, true) => format!("› {:<w$}", label(field.key), w = LABEL),
                (0, false) => format!("  {:<w$}", label(field.key), w = LABEL),
                _ => " ".repeat(LABEL + 2),
            };
            let style = if focused { theme.key } else { theme.muted };
            let mut spans = vec![Span::styled(head, style)];
            spans.extend(row.spans);
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::default());
    let full = usize::from(inner.width);
    if form.saving {
        lines.push(Line::styled("saving…", theme.muted));
    }
    if let Some(error) = &form.error {
        for line in error.lines() {
            lines.extend(wrap_plain(line, full, theme.error));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A text field wrapped to the width, the cursor shown when focused.
fn text_rows(editor: &Editor, focused: bool, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let text = demarche_core::text::sanitize::span(&editor.text());
    let cursor = Style::default().add_modifier(Modifier::REVERSED);
    let at = editor.col;
    let mut pieces = wrap_chars(&text, width);
    let len = text.chars().count();
    if focused && at >= len {
        room_for_cursor(&mut pieces, len);
    }
    let style_at = |i: usize| {
        if focused && i == at {
            theme.text.patch(cursor)
        } else {
            theme.text
        }
    };
    pieces.iter().map(|p| spans(p, &style_at)).collect()
}

/// The choice; when focused, what is typed and the best matches.
fn pick_rows(pick: &Pick, focused: bool, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let choice = match (pick.chosen_label(), pick.chosen_id()) {
        (Some(label), Some(id)) if !id.is_empty() && id != label => format!("{label} ({id})"),
        (Some(label), _) => label.to_string(),
        (None, _) => "(none chosen)".to_string(),
    };
    let mut out = vec![Line::styled(
        truncate(&demarche_core::text::sanitize::line(&choice), width),
        theme.text,
    )];
    if !focused {
        return out;
    }
    let typed = pick.query.text();
    out.push(Line::styled(
        truncate(
            &format!("type to filter: {}▏", demarche_core::text::sanitize::span(&typed)),
            width,
        ),
        theme.muted,
    ));
    for &m in pick.matches.iter().take(SHOWN_MATCHES) {
        let (id, name) = &pick.options[m];
        let style = if Some(m) == pick.chosen {
            theme.selected
        } else {
            theme.muted
        };
        let text = if id.is_empty() || id == name {
            name.clone()
        } else {
            format!("{name} ({id})")
        };
        out.push(Line::styled(
            truncate(
                &format!("  {}", demarche_core::text::sanitize::line(&text)),
                width,
            ),
            style,
        ));
    }
    if pick.matches.is_empty() {
        out.push(Line::styled("  no match", theme.error));
    }
    out
}

impl Draw for CaptureForm {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, area, app, self, theme, areas);
    }
}
