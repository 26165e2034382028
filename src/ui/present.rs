//! Presentation mode: full screen, one slide per talking point, centred
//! at a readable width, with a counter and a thin timeline strip.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{truncate, wrap_plain};
use super::{Areas, centred, overlay, timeline};
use crate::app::{App, Grid, Pane, Presenter, Slide};
use crate::date::Date;
use crate::deck::DeckItem;
use crate::theme::Theme;

/// Wider than this, text is hard to follow on a projector.
const MAX_WIDTH: u16 = 96;

pub fn render(frame: &mut Frame, app: &App, p: &Presenter, theme: &Theme, areas: &mut Areas) {
    let screen = frame.area();
    frame.render_widget(Clear, screen);
    frame.render_widget(Paragraph::new("").style(theme.text), screen);
    areas.panes.push((Pane::Present, screen));
    if p.blank {
        return;
    }
    let slides = app.slides();
    let width = screen.width.saturating_sub(4).min(MAX_WIDTH);
    let body = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + 1,
        width,
        screen.height.saturating_sub(3),
    );
    if let (None, false, Some(Slide::Matrix { item, as_of })) = (p.detour, p.compare, slides.get(p.slide)) {
        matrix_slide(frame, screen, body, app, p, (*item, *as_of), theme);
        header(frame, screen, app, p, slides.len(), theme);
        return;
    }
    let (lines, date) = match (p.detour, slides.get(p.slide)) {
        (Some(position), _) => (
            detour_lines(app, position, p.slide, theme, width),
            Some(app.data().positions[position].date),
        ),
        (None, Some(slide)) if p.compare => match slide_topic(app, slide) {
            Some(topic) => (comparison_lines(app, topic, theme, width), None),
            None => (
                wrap_plain(
                    "Comparison needs a position or topic slide.",
                    usize::from(width),
                    theme.empty,
                ),
                None,
            ),
        },
        (None, Some(slide)) => (slide_lines(app, slide, p, theme, width), slide_date(app, slide)),
        (None, None) => (Vec::new(), None),
    };
    let top = body.y + body.height.saturating_sub(lines.len() as u16) / 3;
    let height = (body.y + body.height).saturating_sub(top);
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            y: top,
            height,
            ..body
        },
    );
    header(frame, screen, app, p, slides.len(), theme);
    if screen.height >= 4 {
        let strip = Rect::new(body.x, screen.y + screen.height - 1, body.width, 1);
        timeline::date_strip(frame.buffer_mut(), strip, app, theme, date);
    }
}

/// A pinned matrix across the whole width (a table wants it, not the
/// readable column), with the user's notes under it when shown.
fn matrix_slide(
    frame: &mut Frame,
    screen: Rect,
    body: Rect,
    app: &App,
    p: &Presenter,
    (item, as_of): (usize, Option<Date>),
    theme: &Theme,
) {
    let width = screen.width.saturating_sub(2);
    let mut notes = Vec::new();
    if let Some(DeckItem::Point { note, .. }) = app.deck.items.get(item)
        && p.notes
        && !note.trim().is_empty()
    {
        notes.push(Line::styled("My notes", theme.heading));
        let text = crate::display::reflow(&crate::sanitize::block(note));
        notes.extend(wrap_plain(&text, usize::from(width), theme.muted));
        notes.truncate(usize::from(body.height / 4).max(2));
    }
    let notes_height = notes.len() as u16;
    let table = Rect::new(
        screen.x + 1,
        body.y,
        width,
        body.height.saturating_sub(notes_height),
    );
    super::matrix::slide(frame.buffer_mut(), table, app, as_of, theme);
    let below = Rect::new(table.x, table.y + table.height, width, notes_height);
    frame.render_widget(Paragraph::new(notes), below);
}

fn header(frame: &mut Frame, screen: Rect, app: &App, p: &Presenter, count: usize, theme: &Theme) {
    let counter = match p.typed.is_empty() {
        true => format!("{}/{count}", p.slide + 1),
        false => format!("go to {}_", p.typed),
    };
    let w = counter.chars().count() as u16;
    if screen.width > w {
        frame.render_widget(
            Paragraph::new(Span::styled(counter, theme.muted)),
            Rect::new(screen.x + screen.width - w - 1, screen.y, w, 1),
        );
    }
    if p.clock {
        let secs = p.started.elapsed().as_secs();
        let clock = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
        frame.render_widget(
            Paragraph::new(Span::styled(clock, theme.muted)),
            Rect::new(screen.x + 1, screen.y, 8.min(screen.width), 1),
        );
    }
    let _ = app;
}

fn slide_date(app: &App, slide: &Slide) -> Option<Date> {
    match slide {
        Slide::Position { position, .. } => Some(app.data().positions[*position].date),
        Slide::Event { event, .. } => Some(app.data().events[*event].date),
        _ => None,
    }
}

fn blank() -> Line<'static> {
    Line::default()
}

fn slide_lines(app: &App, slide: &Slide, p: &Presenter, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut out = match slide {
        Slide::Heading(text) => wrap_plain(&crate::sanitize::line(text), w, theme.heading)
            .into_iter()
            .map(Line::centered)
            .collect(),
        Slide::Position { position, .. } => position_lines(app, *position, theme, w),
        Slide::Event { event, .. } => event_lines(app, *event, theme, w),
        Slide::Comparison { topic, .. } => comparison_lines(app, *topic, theme, width),
        // Drawn as a table by `render`, never as lines.
        Slide::Matrix { .. } => Vec::new(),
        Slide::Missing { target, .. } => {
            let text = format!(
                "[missing: {} \"{}\" is no longer in the data]",
                target.kind(),
                target.id()
            );
            wrap_plain(&text, w, theme.error)
        }
    };
    let item = match slide {
        Slide::Position { item, .. }
        | Slide::Event { item, .. }
        | Slide::Comparison { item, .. }
        | Slide::Matrix { item, .. }
        | Slide::Missing { item, .. } => Some(*item),
        Slide::Heading(_) => None,
    };
    if let Some(DeckItem::Point { note, .. }) = item.and_then(|i| app.deck.items.get(i))
        && p.notes
        && !note.trim().is_empty()
    {
        out.push(blank());
        out.push(Line::styled("My notes", theme.heading));
        out.extend(wrap_plain(
            &crate::display::reflow(&crate::sanitize::block(note)),
            w,
            theme.muted,
        ));
    }
    out
}

/// The stance large (bold, spaced), then the quote, who and when, and a
/// citation line.
fn position_lines(app: &App, position: usize, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let data = app.data();
    let text = app.text();
    let pos = &data.positions[position];
    let t = &text.positions[position];
    let actor_style = if data.actors[pos.actor].role == crate::model::Role::Observer {
        theme.observer
    } else {
        theme.party_a
    };
    let mut out = vec![Line::from(vec![
        Span::styled(text.actors[pos.actor].name.clone(), actor_style),
        Span::styled(format!(" · {}", text.topics[pos.topic].name), theme.muted),
    ])];
    out.push(blank());
    out.extend(wrap_plain(&t.stance, w, theme.title.patch(Style::new().bold())));
    if let Some(quote) = &t.quote {
        out.push(blank());
        out.extend(
            wrap_plain(&format!("“{quote}”"), w.saturating_sub(4), theme.quote)
                .into_iter()
                .map(|l| {
                    let mut spans = vec![Span::styled("  ▌ ", theme.quote)];
                    spans.extend(l.spans);
                    Line::from(spans)
                }),
        );
    }
    out.push(blank());
    out.extend(evidence_lines(app, position, theme, w));
    let date = crate::attribution::date(data, position);
    let who = match &t.speaker {
        Some(s) => format!("— {s}, {date}"),
        None => format!("— {date}"),
    };
    out.extend(wrap_plain(&who, w, theme.text));
    out.extend(wrap_plain(&citation(app, pos.source), w, theme.muted));
    out
}

/// The kind of evidence in full, then who reported it: "paraphrase ·
/// reported by Adam Segal". The word itself is never cut.
fn evidence_lines(app: &App, position: usize, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let kind = app.data().positions[position].evidence;
    let word = crate::attribution::badge(kind, w, 0).to_string();
    let rest = crate::attribution::reporter_name(app.data(), app.text(), position)
        .map(|name| format!(" · reported by {name}"))
        .unwrap_or_default();
    let mut lines = wrap_plain(&format!("{word}{rest}"), w, theme.muted);
    if let Some(first) = lines.first_mut() {
        let text: String = first.spans.iter().map(|s| s.content.as_ref()).collect();
        let cut = word.len().min(text.len());
        if text.starts_with(&word) {
            *first = Line::from(vec![
                Span::styled(text[..cut].to_string(), theme.key),
                Span::styled(text[cut..].to_string(), theme.muted),
            ]);
        }
    }
    lines
}

fn citation(app: &App, source: usize) -> String {
    let s = &app.text().sources[source];
    let date = app.data().sources[source].date.map(|d| d.to_string());
    let parts: Vec<&str> = [
        s.author.as_deref(),
        Some(s.title.as_str()),
        s.publisher.as_deref(),
        date.as_deref(),
        s.url.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!("Source: {}", parts.join(", "))
}

fn event_lines(app: &App, event: usize, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let e = &app.data().events[event];
    let t = &app.text().events[event];
    let when = match e.end {
        Some(end) => format!("{} – {end}", e.date),
        None => e.date.to_string(),
    };
    let mut out = vec![Line::styled("Event", theme.muted), blank()];
    out.extend(wrap_plain(&t.name, w, theme.title.patch(Style::new().bold())));
    out.push(Line::styled(when, theme.heading));
    if let Some(summary) = &t.summary {
        out.push(blank());
        out.extend(wrap_plain(summary, w, theme.text));
    }
    for &s in &e.sources {
        out.extend(wrap_plain(&citation(app, s), w, theme.muted));
    }
    out
}

fn detour_lines(app: &App, position: usize, slide: usize, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let note = format!("Off the deck · Esc returns to slide {}", slide + 1);
    let mut out = vec![Line::styled(truncate(&note, w), theme.as_of), blank()];
    out.extend(position_lines(app, position, theme, w));
    out
}

/// The slide's topic as party A against party B, one row per date.
/// The topic of a slide, for `v`: a position's topic, or a pinned topic.
fn slide_topic(app: &App, slide: &Slide) -> Option<usize> {
    match slide {
        Slide::Position { position, .. } => Some(app.data().positions[*position].topic),
        Slide::Comparison { topic, .. } => Some(*topic),
        _ => None,
    }
}

fn comparison_lines(app: &App, topic: usize, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let data = app.data();
    let Some((a, Some(b))) = app.pair() else {
        return wrap_plain("Comparison needs two parties.", usize::from(width), theme.empty);
    };
    let grid = Grid::for_pair(data, topic, [a, b]);
    let gutter = 12usize;
    let cell = (usize::from(width).saturating_sub(gutter + 2)) / 2;
    let mut out = vec![
        Line::styled(app.text().topics[topic].name.clone(), theme.heading),
        blank(),
    ];
    out.push(Line::from(vec![
        Span::raw(" ".repeat(gutter)),
        Span::styled(
            crate::width::pad(&app.text().actors[a].name, cell + 2),
            theme.party_a,
        ),
        Span::styled(truncate(&app.text().actors[b].name, cell), theme.party_b),
    ]));
    for row in &grid.rows {
        let cells: Vec<Vec<Line>> = row
            .cells
            .iter()
            .map(|c| match c {
                Some(p) => wrap_plain(&app.text().positions[*p].stance, cell, theme.text),
                None => vec![Line::styled("—", theme.empty)],
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let date = if i == 0 {
                crate::width::pad(&row.date.to_string(), gutter)
            } else {
                " ".repeat(gutter)
            };
            let mut spans = vec![Span::styled(date, theme.heading)];
            for (k, lines) in cells.iter().enumerate() {
                let text: String = lines
                    .get(i)
                    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                    .unwrap_or_default();
                let style = lines
                    .get(i)
                    .and_then(|l| l.spans.first())
                    .map_or(theme.text, |s| s.style);
                let padded = if k == 0 {
                    crate::width::pad(&text, cell + 2)
                } else {
                    text
                };
                spans.push(Span::styled(padded, style));
            }
            out.push(Line::from(spans));
        }
        out.push(blank());
    }
    out
}

/// The slide index, a layer over the slide.
pub fn index(frame: &mut Frame, screen: Rect, app: &App, p: &Presenter, theme: &Theme) {
    let slides = app.slides();
    let area = centred(
        screen,
        MAX_WIDTH.min(screen.width.saturating_sub(4)),
        screen.height.saturating_sub(4),
    );
    let inner = overlay(frame, area, " Slides (number + Enter jumps, i closes) ", theme);
    let w = usize::from(inner.width);
    let lines: Vec<Line> = slides
        .iter()
        .enumerate()
        .map(|(i, slide)| {
            let title = match slide {
                Slide::Heading(text) => format!("§ {}", crate::sanitize::line(text)),
                Slide::Position { position, .. } => app.text().positions[*position].stance.clone(),
                Slide::Event { event, .. } => format!("Event: {}", app.text().events[*event].name),
                Slide::Comparison { topic, .. } => format!("Comparison: {}", app.text().topics[*topic].name),
                Slide::Matrix { as_of, .. } => match as_of {
                    Some(d) => format!("Matrix as of {d}"),
                    None => "Matrix: latest positions".to_string(),
                },
                Slide::Missing { target, .. } => format!("[missing {}]", target.id()),
            };
            let style = if i == p.slide { theme.selected } else { theme.text };
            Line::styled(truncate(&format!("{:>3}. {title}", i + 1), w), style)
        })
        .collect();
    let skip = p.slide.saturating_sub(usize::from(inner.height) / 2);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}
