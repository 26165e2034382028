//! The source reader layer: who says what and how (the evidence badge),
//! then the source text with the position's passage highlighted, scrolled
//! so the passage sits in the upper third; the cursor and the selection
//! that `c` captures. What was drawn (`ReaderDrawn`) lets the mouse
//! select and the view follow the cursor.

use demarche_core::text::plural::count;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

use super::text::{spans, truncate, wrap_plain};
use super::{Areas, dialog_area, overlay};
use crate::app::Draw;
use crate::app::keymap::{self, Context};
use crate::app::{Action, App, Pane, Reader, ReaderDoc, Spot};
use crate::theme::Theme;
use demarche_core::model::Evidence;
use demarche_core::text::wrap::{Piece, room_for_cursor, wrap_chars};

pub use crate::app::ReaderDrawn;

pub fn render(frame: &mut Frame, screen: Rect, app: &App, reader: &Reader, theme: &Theme, areas: &mut Areas) {
    let area = dialog_area(screen);
    let title = format!(" Source: {} ", app.text().sources[reader.source].title);
    // The block fits the title to the box.
    let inner = overlay(frame, area, title, theme);
    areas.panes.push((Pane::Reader, area));
    let width = usize::from(inner.width);
    let header = header_lines(app, reader, theme, width);
    let body = super::header_and_body(frame, inner, header);
    let (lines, rows) = match &reader.doc {
        ReaderDoc::Loading => (
            wrap_plain("Reading the source text…", width, theme.muted),
            Vec::new(),
        ),
        ReaderDoc::Missing(why) => (missing_lines(why, theme, width), Vec::new()),
        ReaderDoc::Text(doc) => text_lines(doc, reader, theme, width),
    };
    let first = first_row(&lines, &rows, reader, body.height);
    let height = usize::from(body.height);
    let visible: Vec<Line> = lines.into_iter().skip(first).take(height).collect();
    frame.render_widget(Paragraph::new(visible).style(theme.text), body);
    let rows: Vec<(usize, Vec<usize>)> = rows.into_iter().skip(first).take(height).collect();
    areas.reader = Some(ReaderDrawn {
        body,
        shown: rows.first().zip(rows.last()).map(|(a, b)| a.0..=b.0),
        rows,
    });
}

/// The badge, the actor and stance; how the passage was found; the keys.
fn header_lines(app: &App, reader: &Reader, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let data = app.data();
    let mut out = Vec::new();
    if let Some(p) = reader.position {
        let position = &data.positions[p];
        let badge = demarche_core::attribution::badge(position.evidence, width, 20);
        let who = format!(
            " · {} · {}: {}",
            app.text().actors[position.actor].short,
            demarche_core::attribution::date(data, p),
            app.text().positions[p].stance
        );
        let rest = width.saturating_sub(badge.chars().count());
        out.push(Line::from(vec![
            Span::styled(badge.to_string(), theme.key),
            Span::styled(truncate(&who, rest), theme.text),
        ]));
        out.push(Line::styled(
            truncate(&how_found(app, reader, p), width),
            how_style(reader, theme),
        ));
    }
    out.push(Line::styled(
        truncate(&selection_line(reader), width),
        theme.quote,
    ));
    let key = |action: Action| keymap::key_for(Context::Reader, &action).unwrap_or_default();
    let steps = format!("{}/{}", key(Action::ReaderStep(1)), key(Action::ReaderStep(-1)));
    let ring = match reader.ring.iter().position(|&q| Some(q) == reader.position) {
        Some(at) => format!(
            "{steps} {} of {} positions on this source",
            at + 1,
            reader.ring.len()
        ),
        None if reader.ring.is_empty() => "no position quotes this source yet".to_string(),
        None => format!(
            "{steps} the {} quoting this source",
            count(reader.ring.len(), "position")
        ),
    };
    let keys = format!(
        "{ring} · {} back · {}",
        key(Action::Back),
        match &reader.doc {
            ReaderDoc::Text(doc) => doc.path.clone(),
            _ => String::new(),
        }
    );
    out.push(Line::styled(truncate(&keys, width), theme.muted));
    out.push(Line::styled("─".repeat(width), theme.border));
    out
}

/// What `v` and `c` would do now, with their keys from the keymap.
fn selection_line(reader: &Reader) -> String {
    let key = |action: Action| keymap::key_for(Context::Reader, &action).unwrap_or_default();
    match reader.selection {
        Some(s) if s.open => format!(
            "selecting: move to extend, {} ends the selection, {} captures it",
            key(Action::ReaderSelect),
            key(Action::Capture)
        ),
        Some(_) => format!(
            "selected: {} captures it as a position, {} starts another",
            key(Action::Capture),
            key(Action::ReaderSelect)
        ),
        None => format!(
            "{} starts a selection at the cursor (or drag with the mouse), {} captures it",
            key(Action::ReaderSelect),
            key(Action::Capture)
        ),
    }
}

/// How the highlighted passage was found, in words.
fn how_found(app: &App, reader: &Reader, p: usize) -> String {
    let position = &app.data().positions[p];
    let kind = position.evidence.map_or("position", Evidence::word);
    match (&reader.doc, reader.passage.exact, reader.passage.marks.is_empty()) {
        (ReaderDoc::Text(_), true, _) if demarche_core::attribution::quote_is_actors(position.evidence) => {
            "the quote, verbatim, highlighted".to_string()
        }
        (ReaderDoc::Text(_), true, _) => format!("the author's words this {kind} rests on, verbatim"),
        (ReaderDoc::Text(_), false, true) => format!("no passage of the text matches this {kind}"),
        (ReaderDoc::Text(_), false, false) if position.quote.is_some() => {
            "approximate: the quote is not in this text verbatim (see demarche verify)".to_string()
        }
        (ReaderDoc::Text(_), false, false) => {
            format!("approximate: the passage that best matches this {kind}")
        }
        _ => String::new(),
    }
}

fn how_style(reader: &Reader, theme: &Theme) -> Style {
    if reader.passage.exact {
        theme.quote
    } else {
        theme.as_of
    }
}

fn passage_style(reader: &Reader, theme: &Theme) -> Style {
    if reader.passage.exact {
        theme.matched
    } else {
        theme.as_of
    }
}

fn missing_lines(why: &str, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = wrap_plain(&format!("Source text not found. {why}"), width, theme.error);
    out.push(Line::default());
    out.extend(wrap_plain(
        "The texts are not shipped with demarche: give the folder that holds them with --sources DIR, \
         or keep them beside the data file (each source's `file` key names its text).",
        width,
        theme.muted,
    ));
    out
}

type Rows = Vec<(usize, Vec<usize>)>;

/// Every line of the text, wrapped, with the passage, the selection and
/// the cursor marked; and per row, the character at each column.
fn text_lines(
    doc: &crate::app::SourceDoc,
    reader: &Reader,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Rows) {
    let mark = passage_style(reader, theme);
    let selected = reader.selected();
    // The cursor stands out even without colour (NO_COLOR).
    let cursor = Style::default().add_modifier(Modifier::REVERSED);
    let selection = theme.selected.add_modifier(Modifier::UNDERLINED);
    let mut out = Vec::with_capacity(doc.lines.len());
    let mut rows = Vec::with_capacity(doc.lines.len());
    let mut marks = reader.passage.marks.iter().peekable();
    for (n, line) in doc.lines.iter().enumerate() {
        let these: &[usize] = match marks.peek() {
            Some((at, chars)) if *at == n => {
                marks.next();
                chars
            }
            _ => &[],
        };
        let style_at = |i: usize| {
            let spot = Spot::new(n, i);
            let mut style = theme.text;
            if these.binary_search(&i).is_ok() {
                style = style.patch(mark);
            }
            if selected.is_some_and(|(a, b)| a <= spot && spot <= b) {
                style = style.patch(selection);
            }
            if spot == reader.cursor {
                style = style.patch(cursor);
            }
            style
        };
        let mut pieces = wrap_chars(line, width);
        // The cursor on an empty line (or past its end) still shows.
        let len = line.chars().count();
        if reader.cursor.line == n && reader.cursor.col >= len {
            room_for_cursor(&mut pieces, len);
        }
        for piece in &pieces {
            out.push(spans(piece, &style_at));
            rows.push((n, cells(piece, len)));
        }
    }
    (out, rows)
}

/// The character index under each column of a row.
fn cells(piece: &Piece, len: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for &(i, c) in piece {
        let i = if i == usize::MAX {
            out.last().copied().unwrap_or(0)
        } else {
            i.min(len)
        };
        out.extend(std::iter::repeat_n(i, c.width().unwrap_or(0).max(1)));
    }
    out
}

/// The first row to show: the line the user scrolled to, or the passage
/// a third of the way down; always with the cursor on screen.
fn first_row(lines: &[Line], rows: &Rows, reader: &Reader, height: u16) -> usize {
    let height = usize::from(height).max(1);
    let row_of = |spot: Spot| {
        rows.iter()
            .rposition(|(line, cells)| *line == spot.line && cells.first().is_some_and(|&c| c <= spot.col))
            .or_else(|| rows.iter().position(|(line, _)| *line == spot.line))
    };
    let wanted = match (reader.top, reader.passage.marks.first()) {
        (Some(top), _) => rows.iter().position(|(line, _)| *line >= top).unwrap_or(0),
        (None, Some((line, chars))) => {
            let passage = row_of(Spot::new(*line, chars.first().copied().unwrap_or(0))).unwrap_or(0);
            passage.saturating_sub(height / 3)
        }
        (None, None) => 0,
    };
    let last = lines.len().saturating_sub(height);
    let mut first = wanted.min(last);
    if let Some(row) = row_of(reader.cursor) {
        first = first.clamp(row.saturating_sub(height - 1), row);
    }
    first
}

impl Draw for Reader {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, area, app, self, theme, areas);
    }
}
