//! The presenter console: what the room sees now (compact), the next
//! slide, the notes in full, the time, and the slide index. Everything
//! here is for the presenter's eyes only.

use demarche_core::text::plural::count;
use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::present::index_row;
use super::slide::{comparison_lines, position_lines, slide_lines, slide_topic};
use super::text::{truncate, wrap_plain};
use super::{Areas, pane_block, scrolled, status};
use crate::app::Draw;
use crate::app::{Action, App, ConsoleView, Context, Countdown, Pane, Slide, keymap};
use crate::remote::Link;
use crate::theme::Theme;

pub fn render(frame: &mut Frame, app: &App, c: &ConsoleView, theme: &Theme, areas: &mut Areas) {
    let screen = frame.area();
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(screen);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let [now, next] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(left);
    let [notes, index] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(right);
    let slides = app.slides();
    header(frame, top, app, c, theme);
    now_pane(frame, now, app, c, slides, theme);
    next_pane(frame, next, app, c, slides, theme);
    notes_pane(frame, notes, c, theme);
    let problems = problems(app, c);
    if problems.is_empty() || c.index.is_some() {
        index_pane(frame, index, app, c, slides, theme);
    } else {
        problems_pane(frame, index, &problems, c, theme);
    }
    footer(frame, bottom, app, &problems, theme);
    areas.panes.push((Pane::Present, screen));
    areas.panes.push((Pane::Detail, notes));
}

fn clock(d: Duration) -> String {
    let s = d.as_secs();
    match s / 3600 {
        0 => format!("{:02}:{:02}", s / 60, s % 60),
        h => format!("{h}:{:02}:{:02}", s / 60 % 60, s % 60),
    }
}

/// The link, the slide number, the room's state; then the time.
fn header(frame: &mut Frame, area: Rect, app: &App, c: &ConsoleView, theme: &Theme) {
    let mut left = vec![Span::styled(" Console ", theme.title)];
    let link = match (c.link, &c.state) {
        (Link::Connected, Some(state)) => {
            let mut text = format!("● connected · slide {}/{}", state.slide + 1, state.slides);
            if state.blank {
                text.push_str(" · ROOM BLANK");
            } else if state.showing.is_some() {
                text.push_str(" · ROOM: OFF THE DECK");
            }
            Span::styled(text, theme.heading)
        }
        (Link::Connected, None) => Span::styled("● connected", theme.heading),
        (Link::Waiting, _) => Span::styled("○ waiting for `demarche present` of this deck", theme.marker),
        (Link::Lost, _) => Span::styled("○ the presentation closed; waiting for it", theme.error),
        (Link::Full, _) => Span::styled(
            "○ the presentation has all the consoles it takes; asking again",
            theme.error,
        ),
    };
    left.push(link);
    // The number being typed, where the slide number is (not over the clock).
    if let Some(crate::app::GoTo { typed }) = app.layers.get() {
        left.push(Span::styled(format!(" · go to {typed}_"), theme.key));
    }
    let right = timer(c, theme);
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    let width = usize::from(area.width);
    let room = width.saturating_sub(right_width + 1);
    let text: String = left.iter().map(|s| s.content.as_ref()).collect();
    let mut spans = if text.width() > room {
        vec![Span::styled(truncate(&text, room), theme.heading)]
    } else {
        left
    };
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used + right_width))));
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Elapsed time, and the countdown with a word as well as a colour
/// (NO_COLOR): "left", "! … left" near the end, "OVER" after it.
fn timer(c: &ConsoleView, theme: &Theme) -> Vec<Span<'static>> {
    let Some(elapsed) = c.elapsed() else {
        return vec![Span::styled("--:-- ", theme.muted)];
    };
    let mut spans = vec![Span::styled(format!("elapsed {} ", clock(elapsed)), theme.text)];
    match c.countdown(elapsed) {
        Some(Countdown::Plenty(left)) => {
            spans.push(Span::styled(format!("· {} left ", clock(left)), theme.text))
        }
        Some(Countdown::Near(left)) => {
            spans.push(Span::styled(format!("· ! {} left ", clock(left)), theme.marker))
        }
        Some(Countdown::Over(by)) => spans.push(Span::styled(format!("· OVER +{} ", clock(by)), theme.error)),
        None => {}
    }
    spans
}

/// Lines in `area`'s inside, cut with a "more" line when they do not fit.
fn fitted(mut lines: Vec<Line<'static>>, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    if lines.len() > height && height > 0 {
        lines.truncate(height - 1);
        lines.push(Line::styled("…", theme.muted));
    }
    lines
}

/// The kind of evidence of a position slide: whose words these are.
fn evidence(app: &App, slide: &Slide) -> Option<&'static str> {
    match slide {
        Slide::Position { position, .. } => app.data().positions[*position].evidence.map(|e| e.word()),
        // Kept as it was: say so where the presenter looks.
        Slide::Missing { target, .. } if app.last_good(target).is_some() => Some("STALE: gone from the data"),
        _ => None,
    }
}

fn slide_pane_title(label: &str, app: &App, slide: Option<(usize, &Slide)>, count: usize) -> String {
    match slide {
        Some((i, s)) => match evidence(app, s) {
            Some(kind) => format!(" {label} · {}/{count} · {kind} ", i + 1),
            None => format!(" {label} · {}/{count} ", i + 1),
        },
        None => format!(" {label} "),
    }
}

fn now_pane(frame: &mut Frame, area: Rect, app: &App, c: &ConsoleView, slides: &[Slide], theme: &Theme) {
    let current = c.slide().and_then(|i| slides.get(i).map(|s| (i, s)));
    let (title, lines) = match (c.state.as_ref(), app.console_showing()) {
        (None, _) => (
            " Now ".to_string(),
            vec![Line::styled("No presentation yet.", theme.empty)],
        ),
        (Some(state), Some(position)) => {
            let title = format!(" Room sees: off the deck (Esc: back to {}) ", state.slide + 1);
            (
                title,
                position_lines(&app.lib, position, theme, inner_width(area)),
            )
        }
        (Some(state), None) => match current {
            Some((i, slide)) if state.compare && slide_topic(app, slide).is_some() => {
                let topic = slide_topic(app, slide).unwrap_or_default();
                let current = match slide {
                    Slide::Position { position, .. } => Some(*position),
                    _ => None,
                };
                (
                    format!(" Room sees: slide {}, side by side (v) ", i + 1),
                    comparison_lines(
                        app,
                        topic,
                        current,
                        theme,
                        area.width.saturating_sub(2),
                        rows(area),
                    ),
                )
            }
            Some(slide) => {
                let mut lines = slide_lines(app, slide.1, theme, area.width.saturating_sub(2), rows(area));
                // The presenter sees how the stance changed; the room does not.
                if let Slide::Position { position, .. } = slide.1 {
                    let mut history = vec![Line::default()];
                    super::detail::history_lines(&mut history, app, *position, inner_width(area), theme);
                    if history.len() > 1 {
                        lines.extend(history);
                    }
                }
                (slide_pane_title("Now", app, Some(slide), slides.len()), lines)
            }
            None => (
                " Now ".to_string(),
                wrap_plain(
                    &format!(
                        "Slide {} is not in this console's deck: is it the same deck?",
                        state.slide + 1
                    ),
                    inner_width(area),
                    theme.error,
                ),
            ),
        },
    };
    let block = pane_block(&title, area, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let style = if c.state.as_ref().is_some_and(|s| s.blank) {
        theme.dimmed
    } else {
        theme.text
    };
    if let (None, Some((_, Slide::Matrix { as_of, .. }))) = (app.console_showing(), current)
        && c.state.as_ref().is_some_and(|s| !s.compare)
    {
        // A table, as the room sees it, not lines.
        super::matrix::slide(frame.buffer_mut(), inner, app, *as_of, theme);
        return;
    }
    let lines = fitted(lines, usize::from(inner.height), theme);
    frame.render_widget(Paragraph::new(lines).style(style), inner);
}

fn inner_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(2))
}

/// The lines a bordered pane's inside holds.
fn rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

fn next_pane(frame: &mut Frame, area: Rect, app: &App, c: &ConsoleView, slides: &[Slide], theme: &Theme) {
    let at = c.slide().map_or(0, |i| i + 1);
    let next = slides.get(at).map(|s| (at, s));
    let block = pane_block(
        &slide_pane_title("Next", app, next, slides.len()),
        area,
        false,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some((_, Slide::Matrix { as_of, .. })) = next {
        // Compact, as the room will see it: the table, not a blank pane.
        super::matrix::slide(frame.buffer_mut(), inner, app, *as_of, theme);
        return;
    }
    let lines = match next {
        Some((_, slide)) => slide_lines(app, slide, theme, inner.width, usize::from(inner.height)),
        None => vec![Line::styled("(the end of the deck)", theme.empty)],
    };
    let lines = fitted(lines, usize::from(inner.height), theme);
    frame.render_widget(Paragraph::new(lines).style(theme.muted), inner);
}

fn notes_pane(frame: &mut Frame, area: Rect, c: &ConsoleView, theme: &Theme) {
    let width = inner_width(area);
    let lines: Vec<Line<'static>> = if c.notes.is_empty() {
        vec![Line::styled("(no notes for this slide)", theme.empty)]
    } else {
        super::notes::lines(&c.notes, width, theme.text)
    };
    let height = usize::from(area.height.saturating_sub(2));
    let max = lines.len().saturating_sub(height);
    let scroll = c.notes_scroll.min(max);
    let mut block = pane_block(" Notes ", area, c.index.is_none(), theme);
    if scroll < max {
        block = block.title_bottom(Line::styled(
            format!(" ↓ {} more (j) ", max - scroll),
            theme.marker,
        ));
    } else if scroll > 0 {
        block = block.title_bottom(Line::styled(" ↑ (k) ", theme.muted));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    scrolled(frame, inner, lines, scroll, theme.text);
}

fn index_pane(frame: &mut Frame, area: Rect, app: &App, c: &ConsoleView, slides: &[Slide], theme: &Theme) {
    let title = match c.index {
        Some(_) => " Slides: ↑/↓ then Enter ",
        None => " Slides (i: choose one) ",
    };
    let block = pane_block(title, area, c.index.is_some(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let current = c.slide();
    let w = usize::from(inner.width);
    let height = usize::from(inner.height);
    // Only the rows shown are laid out, however long the deck.
    let focus = c.index.or(current).unwrap_or(0);
    let skip = focus
        .saturating_sub(height / 2)
        .min(slides.len().saturating_sub(height));
    let lines: Vec<Line> = slides
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(i, slide)| {
            let mark = if Some(i) == current { "▶" } else { " " };
            let style = match (c.index, current) {
                (Some(chosen), _) if chosen == i => theme.selected,
                (_, Some(now)) if now == i => theme.heading,
                _ => theme.text,
            };
            let text = format!("{mark}{:>3}. {}", i + 1, index_row(app, slide).0);
            Line::styled(truncate(&text, w), style)
        })
        .collect();
    scrolled(frame, inner, lines, 0, theme.text);
}

/// What the presenter must know and the room is not told: the room's
/// data errors in full, this console's own, slides drawn from data that
/// is no longer current, and a deck that is not the room's.
fn problems(app: &App, c: &ConsoleView) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let state = c.state.as_ref();
    let room_errors = state.map_or(&[][..], |s| s.errors.as_slice());
    if !room_errors.is_empty() {
        let head = format!(
            "The data file does not reload ({}); the room still sees the last good data:",
            count(room_errors.len(), "problem")
        );
        out.push((head, room_errors.to_vec()));
    } else if !app.session.reload_errors().is_empty() {
        out.push((
            "This console's data file does not reload:".into(),
            app.session.reload_errors().to_vec(),
        ));
    }
    if let Some(stale) = state.map(|s| &s.stale).filter(|s| !s.is_empty()) {
        out.push(("Stale slides:".into(), stale.clone()));
    }
    if app.console_deck_differs() {
        let again = keymap::key_for(Context::Console, &Action::Reload).unwrap_or_default();
        let counts = match state {
            Some(s) if s.slides != app.deck.current.len() => {
                format!(
                    " (the room has {} slides, this console {})",
                    s.slides,
                    app.deck.current.len()
                )
            }
            _ => String::new(),
        };
        let why = format!(
            "the room's deck is not this console's{counts}: the deck file was read again; if they \
             still differ, the room has changes it has not saved yet ({again} reads it again)"
        );
        out.push(("Another deck:".into(), vec![why]));
    }
    out
}

/// The problems, wrapped in full and scrollable (`e` gives it the keys).
fn problems_pane(
    frame: &mut Frame,
    area: Rect,
    problems: &[(String, Vec<String>)],
    c: &ConsoleView,
    theme: &Theme,
) {
    let width = inner_width(area);
    let mut lines = Vec::new();
    for (head, items) in problems {
        lines.extend(wrap_plain(head, width, theme.heading));
        for item in items {
            lines.extend(wrap_plain(item, width, theme.error));
        }
    }
    let height = usize::from(area.height.saturating_sub(2));
    let max = lines.len().saturating_sub(height);
    let scroll = c.errors.unwrap_or(0).min(max);
    let keys = |action: Action| keymap::key_for(Context::Console, &action).unwrap_or_default();
    let title = match c.errors {
        Some(_) => format!(
            " Problems: {}/{} scroll, Esc ",
            keys(Action::Down),
            keys(Action::Up)
        ),
        None => format!(" Problems ({}: scroll) ", keys(Action::ToggleBackstage)),
    };
    let mut block = pane_block(&title, area, c.errors.is_some(), theme);
    if scroll < max {
        block = block.title_bottom(Line::styled(format!(" ↓ {} more ", max - scroll), theme.marker));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    scrolled(frame, inner, lines, scroll, theme.text);
}

/// A message (the room's too) first; else a one-line summary of the
/// problems; else the key hints.
fn footer(frame: &mut Frame, area: Rect, app: &App, problems: &[(String, Vec<String>)], theme: &Theme) {
    let width = usize::from(area.width);
    let summary = match problems.first() {
        Some((head, items)) if app.session.message().is_none() => {
            let open = keymap::key_for(Context::Console, &Action::ToggleBackstage).unwrap_or_default();
            let first = items.first().map(String::as_str).unwrap_or_default();
            Some(format!(
                "{} {first} ({open}: all of it)",
                head.trim_end_matches(':')
            ))
        }
        _ => None,
    };
    match summary {
        Some(text) => frame.render_widget(
            Paragraph::new(Line::styled(truncate(&text, width), theme.error)).block(Block::default()),
            area,
        ),
        None => status::render(frame, area, app, theme),
    }
}

impl Draw for ConsoleView {
    fn render(&self, frame: &mut Frame, _: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, app, self, theme, areas);
    }
}
