//! The source reader layer: who says what and how (the evidence badge),
//! then the source text with the position's passage highlighted, scrolled
//! so the passage sits in the upper third.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{truncate, wrap, wrap_plain};
use super::{Areas, dialog_area, overlay};
use crate::app::keymap::{self, Context};
use crate::app::{Action, App, Pane, Reader, ReaderDoc};
use crate::model::Evidence;
use crate::theme::Theme;

pub fn render(frame: &mut Frame, screen: Rect, app: &App, reader: &Reader, theme: &Theme, areas: &mut Areas) {
    let area = dialog_area(screen);
    let title = format!(" Source: {} ", app.text().sources[reader.source].title);
    let inner = overlay(
        frame,
        area,
        truncate(&title, usize::from(area.width.saturating_sub(2))),
        theme,
    );
    areas.panes.push((Pane::Reader, area));
    let width = usize::from(inner.width);
    let header = header_lines(app, reader, theme, width);
    let body = super::header_and_body(frame, inner, header);
    let lines = match &reader.doc {
        ReaderDoc::Loading => wrap_plain("Reading the source text…", width, theme.muted),
        ReaderDoc::Missing(why) => missing_lines(why, theme, width),
        ReaderDoc::Text(doc) => text_lines(doc, reader, theme, width),
    };
    let first = first_line(&lines, reader, theme, body.height);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(first)
        .take(usize::from(body.height))
        .collect();
    frame.render_widget(Paragraph::new(visible).style(theme.text), body);
}

/// The badge, the actor and stance; how the passage was found; the keys.
fn header_lines(app: &App, reader: &Reader, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let data = app.data();
    let p = reader.position;
    let position = &data.positions[p];
    let badge = crate::attribution::badge(position.evidence, width, 20);
    let who = format!(
        " · {} · {}: {}",
        app.text().actors[position.actor].short,
        crate::attribution::date(data, p),
        app.text().positions[p].stance
    );
    let rest = width.saturating_sub(badge.chars().count());
    let mut out = vec![Line::from(vec![
        Span::styled(badge.to_string(), theme.key),
        Span::styled(truncate(&who, rest), theme.text),
    ])];
    out.push(Line::styled(
        truncate(&how_found(app, reader), width),
        how_style(reader, theme),
    ));
    let at = reader.ring.iter().position(|&q| q == p).map_or(0, |i| i + 1);
    let key = |action: Action| keymap::key_for(Context::Reader, &action).unwrap_or_default();
    let keys = format!(
        "{}/{} {at} of {} positions on this source · {} back · {}",
        key(Action::ReaderStep(1)),
        key(Action::ReaderStep(-1)),
        reader.ring.len(),
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

/// How the highlighted passage was found, in words.
fn how_found(app: &App, reader: &Reader) -> String {
    let position = &app.data().positions[reader.position];
    let kind = position.evidence.map_or("position", Evidence::word);
    match (&reader.doc, reader.passage.exact, reader.passage.marks.is_empty()) {
        (ReaderDoc::Text(_), true, _) if crate::attribution::quote_is_actors(position.evidence) => {
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

fn how_style(reader: &Reader, theme: &Theme) -> ratatui::style::Style {
    if reader.passage.exact {
        theme.quote
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

/// Every line of the text, wrapped, with the passage highlighted.
fn text_lines(
    doc: &crate::app::SourceDoc,
    reader: &Reader,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mark = if reader.passage.exact {
        theme.matched
    } else {
        theme.as_of
    };
    let mut out = Vec::with_capacity(doc.lines.len());
    let mut marks = reader.passage.marks.iter().peekable();
    for (n, line) in doc.lines.iter().enumerate() {
        let these = match marks.peek() {
            Some((at, chars)) if *at == n => {
                marks.next();
                chars.as_slice()
            }
            _ => &[],
        };
        out.extend(wrap(line, width, theme.text, these, mark));
    }
    out
}

/// The first line to show: the passage a third of the way down, moved
/// by the user's scrolling, kept within the text.
fn first_line(lines: &[Line], reader: &Reader, theme: &Theme, height: u16) -> usize {
    let mark = if reader.passage.exact {
        theme.matched
    } else {
        theme.as_of
    };
    let passage = lines
        .iter()
        .position(|l| {
            l.spans
                .iter()
                .any(|s| s.style == mark && !s.content.trim().is_empty())
        })
        .unwrap_or(0);
    let lead = if reader.passage.marks.is_empty() {
        0
    } else {
        usize::from(height) / 3
    };
    let last = lines.len().saturating_sub(usize::from(height));
    let wanted = (passage as isize - lead as isize).saturating_add(reader.scroll);
    wanted.clamp(0, last as isize) as usize
}
