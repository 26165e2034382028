//! The search overlay: the query line, a count (with any corrected words
//! and marks), the ranked results with matched characters highlighted,
//! and from `PREVIEW_MIN_WIDTH` columns up a preview of the selected
//! result as the detail pane shows it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{truncate, wrap_cut, wrap_plain};
use super::{Areas, detail, dialog_area, overlay};
use crate::app::Draw;
use crate::app::{Action, App, Context, Pane, SearchState, keymap};
use crate::theme::Theme;
use demarche_core::search::{Field, Hit};
use demarche_core::text::width::pad;

/// Screens at least this wide show the preview beside the results.
pub(crate) const PREVIEW_MIN_WIDTH: u16 = 100;

/// The results' share of the width when the preview is shown, in percent.
const LIST_SHARE: u16 = 48;

pub fn render(
    frame: &mut Frame,
    screen: Rect,
    app: &App,
    state: &SearchState,
    theme: &Theme,
    areas: &mut Areas,
) {
    let area = dialog_area(screen);
    let inner = overlay(frame, area, " Search ", theme);
    areas.panes.push((Pane::SearchResults, area));
    if inner.height < 2 {
        return;
    }
    let width = usize::from(inner.width);
    let cursor = if state.in_list { theme.muted } else { theme.cursor };
    let prompt = Line::from(vec![
        Span::styled("/ ", theme.key),
        Span::styled(state.query.clone(), theme.text),
        Span::styled("▏", cursor),
    ]);
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let body = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if let Some(e) = &state.error {
        // An unknown filter value lists what exists: give it the room.
        frame.render_widget(Paragraph::new(wrap_plain(e, width, theme.error)), body);
        return;
    }
    frame.render_widget(
        Paragraph::new(count_line(state, width, theme)),
        Rect { height: 1, ..body },
    );
    let rest = Rect {
        y: body.y + 1,
        height: body.height - 1,
        ..body
    };
    if screen.width < PREVIEW_MIN_WIDTH || rest.width < 40 {
        results(frame, rest, app, state, theme, areas);
        return;
    }
    let list_width = rest.width * LIST_SHARE / 100;
    let list = Rect {
        width: list_width,
        ..rest
    };
    let preview_area = Rect {
        x: rest.x + list_width + 1,
        width: rest.width - list_width - 1,
        ..rest
    };
    results(frame, list, app, state, theme, areas);
    let rule = vec![Line::styled("│", theme.muted); usize::from(rest.height)];
    frame.render_widget(
        Paragraph::new(rule),
        Rect {
            x: rest.x + list_width,
            width: 1,
            ..rest
        },
    );
    preview(frame, preview_area, app, state, theme);
}

/// "12 results", how many are marked, any words searched as corrected,
/// then the keys that jump, restore and explain the syntax.
fn count_line(state: &SearchState, width: usize, theme: &Theme) -> Line<'static> {
    if state.pending {
        return Line::styled("searching…", theme.muted);
    }
    let n = state.hits.len();
    let mut parts: Vec<(String, Style)> = vec![(
        match state.total > n {
            true => format!("best {n} of {} results", state.total),
            false => format!("{n} result{}", if n == 1 { "" } else { "s" }),
        },
        theme.muted,
    )];
    if !state.marked.is_empty() {
        parts.push((format!(" · {} marked", state.marked.len()), theme.muted));
    }
    for (k, c) in state.corrections.iter().enumerate() {
        let lead = if k == 0 { " · showing results for " } else { ", " };
        parts.push((lead.to_string(), theme.muted));
        parts.push((c.used.clone(), theme.matched));
    }
    // Each key named here is looked up in the search bar's own keymap,
    // so the bar never promises a key that types text.
    for (action, what) in [
        (Action::Activate, "jumps"),
        (Action::Back, "restores"),
        (Action::ToggleHelp, "syntax"),
    ] {
        if let Some(key) = keymap::key_for(Context::Search, &action) {
            parts.push((format!(" · {key} {what}"), theme.muted));
        }
    }
    fit_spans(parts, width)
}

/// Spans cut to `width` columns, the last one shown ending in `…`.
fn fit_spans(parts: Vec<(String, Style)>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut spans = Vec::new();
    for (text, style) in parts {
        if left == 0 {
            break;
        }
        let shown = truncate(&text, left);
        left = left.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
        let cut = shown != text;
        spans.push(Span::styled(shown, style));
        if cut {
            break;
        }
    }
    Line::from(spans)
}

/// The fields a hit matched in, or for a search of filters only, the
/// filters it passed.
fn matched(hit: &Hit, state: &SearchState) -> String {
    crate::output::matched(hit, &state.filters).replace(',', ", ")
}

/// The actor column: as wide as the longest short name, so a speaker's
/// name is never cut ("2015…" for "2015 blog"), up to a quarter of the
/// list (then the longest names end in "…"), at least 8 columns.
fn actor_column(app: &App, width: usize) -> usize {
    let longest = app
        .text()
        .actors
        .iter()
        .map(|a| unicode_width::UnicodeWidthStr::width(a.short.as_str()))
        .max()
        .unwrap_or(0);
    longest.min((width / 4).max(8))
}

/// Two lines per hit: a mark, date, actor and highlighted stance; then
/// the topic and what matched.
fn results(frame: &mut Frame, area: Rect, app: &App, state: &SearchState, theme: &Theme, areas: &mut Areas) {
    let per_page = usize::from(area.height / 2).max(1);
    let first = state.selected.saturating_sub(per_page.saturating_sub(1));
    let width = usize::from(area.width);
    let data = app.data();
    let text = app.text();
    let actor_width = actor_column(app, width);
    for (k, (i, hit)) in state
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(per_page)
        .enumerate()
    {
        let p = &data.positions[hit.position];
        let selected = i == state.selected;
        let base = if selected { theme.selected } else { theme.text };
        let mark = if state.marked.contains(&hit.position) {
            "● "
        } else {
            "  "
        };
        let prefix = format!(
            "{mark}{} {} ",
            pad(&p.date.to_string(), 11),
            pad(&text.actors[p.actor].short, actor_width)
        );
        let marks = hit
            .matches
            .iter()
            .find(|m| m.field == Field::Stance)
            .map_or(&[][..], |m| m.indices.as_slice());
        let stance_width = width.saturating_sub(unicode_width::UnicodeWidthStr::width(prefix.as_str()));
        // One line of the stance, ending in `…` when there is more.
        let mut stance = wrap_cut(
            &text.positions[hit.position].stance,
            stance_width.max(1),
            1,
            base,
            marks,
            theme.matched,
        );
        let mut spans = vec![Span::styled(
            prefix,
            if selected { theme.selected } else { theme.heading },
        )];
        if !stance.is_empty() {
            spans.extend(stance.swap_remove(0).spans);
        }
        let topic = &text.topics[p.topic].name;
        // What matched comes first, so a narrow list still names it.
        let second = format!("  matched {} · {topic}", matched(hit, state));
        let y = area.y + (k * 2) as u16;
        let lines = vec![
            Line::from(spans),
            Line::styled(truncate(&second, width), theme.muted),
        ];
        let row = Rect::new(area.x, y, area.width, 2.min(area.y + area.height - y));
        frame.render_widget(Paragraph::new(lines), row);
        areas.results.push((row, i));
    }
}

/// The selected result as the detail pane shows it, with every matched
/// field highlighted.
fn preview(frame: &mut Frame, area: Rect, app: &App, state: &SearchState, theme: &Theme) {
    let Some(hit) = state.hits.get(state.selected) else {
        return;
    };
    let width = usize::from(area.width);
    let lines = detail::position_lines(app, hit.position, &hit.matches, theme, width);
    let scroll = preview_scroll(&lines, usize::from(area.height), theme);
    frame.render_widget(Paragraph::new(lines).style(theme.text).scroll((scroll, 0)), area);
}

/// How far to scroll the preview so that its first highlighted line (a
/// match deep in the notes, say) is in view with a little below it, while
/// keeping as much of the top as fits; 0 when it is already in view.
fn preview_scroll(lines: &[Line], height: usize, theme: &Theme) -> u16 {
    // A highlighted span is its base style patched with `matched`:
    // patching it again changes nothing.
    let marked = |line: &Line| {
        (line.spans.iter())
            .any(|span| !span.content.trim().is_empty() && span.style.patch(theme.matched) == span.style)
    };
    let below = 3;
    match lines.iter().position(marked) {
        Some(first) if first + below > height => {
            let scroll = (first + below - height).min(lines.len().saturating_sub(height));
            u16::try_from(scroll).unwrap_or(u16::MAX)
        }
        _ => 0,
    }
}

impl Draw for SearchState {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, area, app, self, theme, areas);
    }
}
