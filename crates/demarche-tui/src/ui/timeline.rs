//! The timeline pane: a date axis across the data's span, years first and
//! months where there is room, events as markers with labels that never
//! overlap, the selected position's date and the "as of" cursor.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::text::truncate;
use super::{Areas, pane_block};
use crate::app::{App, Focus, Pane};
use crate::theme::Theme;
use demarche_core::date::Date;

/// Rows of event labels above the axis in the full pane.
const LABEL_ROWS: u16 = 2;
const MAX_LABEL: usize = 24;
/// A label is only worth drawing with at least this many cells.
const MIN_LABEL: u16 = 5;

/// The symbols the timeline draws, named once: the help legend lists them.
pub(crate) const EVENT_MARK: &str = "◆";
pub(crate) const SPAN_MARK: &str = "┄";
pub(crate) const POSITION_MARK: &str = "▲";
pub(crate) const POSITION_SPAN: &str = "━";
pub(crate) const AS_OF_MARK: &str = "┃";
pub(crate) const GAP_MARK: &str = "≈";
pub(crate) const YEAR_MARK: &str = "┼";

/// What each symbol and colour on the timeline means, for the help.
pub fn legend() -> Vec<(String, &'static str)> {
    vec![
        (EVENT_MARK.to_string(), "an event on a known day"),
        (
            format!("├{SPAN_MARK}┤"),
            "an event known only to the month or year, or lasting several days: drawn over its whole period",
        ),
        (
            POSITION_MARK.to_string(),
            "the selected position's date; a known month or year is drawn as ━▲━ over the period",
        ),
        (
            AS_OF_MARK.to_string(),
            "the \"as of\" date: later positions are dimmed and marked \"not yet stated\"",
        ),
        (
            format!(" {GAP_MARK} "),
            "a long stretch with nothing in it, cut out of the axis",
        ),
        (YEAR_MARK.to_string(), "the start of a year"),
        ("reversed".to_string(), "the current event in timeline focus"),
        ("dim".to_string(), "positions stated after the \"as of\" date"),
    ]
}

/// One stretch of the axis: `months` months from `first`, drawn in
/// `width` cells from `x`.
struct Segment {
    first: i64,
    months: i64,
    x: u16,
    width: u16,
}

impl Segment {
    fn contains(&self, month: i64) -> bool {
        month >= self.first && month < self.first + self.months
    }

    fn cells_per_month(&self) -> f64 {
        f64::from(self.width) / self.months as f64
    }
}

/// Cells drawn for a cut-out gap (` ≈ `).
const BREAK: u16 = 3;

/// Maps dates to columns across `width` cells, leaving out long empty
/// gaps (see `timeline::axis_spans`).
pub(super) struct Axis {
    x: u16,
    width: u16,
    segments: Vec<Segment>,
}

impl Axis {
    pub(super) fn new(app: &App, x: u16, width: u16) -> Option<Axis> {
        let mut spans = app.lib.axis_spans.clone();
        if spans.is_empty() || width == 0 {
            return None;
        }
        let breaks = (spans.len() as u16 - 1) * BREAK;
        if width < breaks + spans.len() as u16 * 6 {
            // Too narrow for breaks: one continuous axis.
            let first = spans[0].0;
            let last = spans.last().map_or(first, |&(f, m)| f + m);
            spans = vec![(first, last - first)];
        }
        let breaks = (spans.len() as u16 - 1) * BREAK;
        let room = width.saturating_sub(breaks).max(spans.len() as u16);
        let total: i64 = spans.iter().map(|&(_, m)| m).sum();
        let mut segments = Vec::with_capacity(spans.len());
        let mut at = x;
        for (i, &(first, months)) in spans.iter().enumerate() {
            let share = if i + 1 == spans.len() {
                (x + width).saturating_sub(at)
            } else {
                // Wide enough for a year label even when the stretch is short.
                ((i64::from(room) * months / total.max(1)) as u16).max(5)
            };
            segments.push(Segment {
                first,
                months,
                x: at,
                width: share.max(1),
            });
            at = at.saturating_add(share + BREAK);
        }
        Some(Axis { x, width, segments })
    }

    pub(super) fn column(&self, date: Date) -> u16 {
        let month = date.month_index();
        let segment = self
            .segments
            .iter()
            .find(|s| s.contains(month))
            .or_else(|| self.segments.iter().rev().find(|s| s.first <= month))
            .unwrap_or(&self.segments[0]);
        let at = ((month - segment.first) as f64 + date.day_fraction()).clamp(0.0, segment.months as f64);
        let span = f64::from(segment.width.saturating_sub(1));
        let x = segment.x + ((at / segment.months as f64) * span).round() as u16;
        x.min(self.x + self.width.saturating_sub(1))
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
    areas.panes.push((Pane::Timeline, area));
    if area.height < 3 {
        return strip(frame.buffer_mut(), area, app, theme);
    }
    let focused = app.explorer.view.focus == Focus::Timeline;
    let title = match (focused, app.explorer.view.event) {
        (true, Some(e)) => format!(
            " Timeline {}: {} ",
            app.data().events[e].date,
            app.text().events[e].name
        ),
        _ => format!(
            " Timeline ({}) ",
            crate::app::keymap::keys_for(crate::app::Context::Global, &crate::app::Action::FocusTimeline)
        ),
    };
    let block = pane_block(&title, area, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(axis) = Axis::new(app, inner.x, inner.width) else {
        return;
    };
    let buf = frame.buffer_mut();
    let axis_y = inner.y + LABEL_ROWS.min(inner.height.saturating_sub(1));
    draw_axis(buf, &axis, axis_y, theme);
    if axis_y + 1 < inner.y + inner.height {
        draw_scale(buf, &axis, axis_y + 1, theme);
    }
    draw_events(buf, &axis, app, theme, axis_y);
    draw_labels(buf, &axis, app, theme, inner.y, axis_y - inner.y);
    let marker = app.selected().map(|p| app.data().positions[p].date);
    draw_cursors(buf, &axis, app, theme, axis_y, marker);
}

/// One-line form: markers and cursors on a bare axis.
fn strip(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let marker = app.selected().map(|p| app.data().positions[p].date);
    date_strip(buf, area, app, theme, marker);
}

/// A one-line axis with the events and a marker at `marker` (the
/// presentation's "where this point sits in time").
pub(super) fn date_strip(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, marker: Option<Date>) {
    let Some(axis) = Axis::new(app, area.x, area.width) else {
        return;
    };
    draw_axis(buf, &axis, area.y, theme);
    draw_events(buf, &axis, app, theme, area.y);
    draw_cursors(buf, &axis, app, theme, area.y, marker);
}

fn draw_axis(buf: &mut Buffer, axis: &Axis, y: u16, theme: &Theme) {
    let end = axis.x + axis.width;
    for (i, s) in axis.segments.iter().enumerate() {
        for x in s.x..(s.x + s.width).min(end) {
            buf.set_string(x, y, "─", theme.border);
        }
        if i + 1 < axis.segments.len() && s.x + s.width + BREAK <= end {
            buf.set_string(s.x + s.width, y, format!(" {GAP_MARK} "), theme.muted);
        }
        for month in (s.first..s.first + s.months).filter(|m| m.rem_euclid(12) == 0 && *m > s.first) {
            let Some(date) = month_date(month) else { continue };
            buf.set_string(axis.column(date), y, YEAR_MARK, theme.border);
        }
    }
}

/// The first day of month number `index` (months since year 0).
fn month_date(index: i64) -> Option<Date> {
    Date::month(
        u16::try_from(index.div_euclid(12)).ok()?,
        (index.rem_euclid(12) + 1) as u8,
    )
}

/// Year labels (each stretch starts with its year), then month initials
/// where a month has room.
fn draw_scale(buf: &mut Buffer, axis: &Axis, y: u16, theme: &Theme) {
    let end = axis.x + axis.width;
    let mut taken_until = axis.x;
    for s in &axis.segments {
        let years = (s.first..s.first + s.months).filter(|m| *m == s.first || m.rem_euclid(12) == 0);
        for month in years {
            let Some(date) = month_date(month) else { continue };
            let x = axis.column(date).max(taken_until);
            let label = date.year_number().to_string();
            if x + label.len() as u16 <= end && x <= axis.column(date) + 1 {
                buf.set_string(x, y, &label, theme.heading);
                taken_until = x + label.len() as u16 + 1;
            }
        }
    }
    for s in axis.segments.iter().filter(|s| s.cells_per_month() >= 4.0) {
        let wide = s.cells_per_month() >= 5.0;
        for month in s.first..s.first + s.months {
            let Some(date) = month_date(month) else { continue };
            let x = axis.column(date);
            let label = &date.month_abbrev().unwrap_or("")[..if wide { 3 } else { 1 }];
            if month.rem_euclid(12) != 0
                && x + label.len() as u16 <= end
                && !occupied(buf, x, y, label.len() as u16 + 1)
            {
                buf.set_string(x, y, label, theme.muted);
            }
        }
    }
}

fn occupied(buf: &Buffer, x: u16, y: u16, len: u16) -> bool {
    (x..x + len).any(|cx| buf.cell((cx, y)).is_some_and(|c| c.symbol() != " "))
}

fn current_event(app: &App) -> Option<usize> {
    (app.explorer.view.focus == Focus::Timeline)
        .then_some(app.explorer.view.event)
        .flatten()
}

/// The cells an event covers: one for a known day, its whole period for
/// a month or year, or its run when it has an end date.
fn event_cells(axis: &Axis, app: &App, e: usize) -> (u16, u16) {
    let event = &app.data().events[e];
    let from = axis.column(event.date.first_day());
    let until = axis.column(event.end.unwrap_or(event.date).last_day());
    (from, until.max(from))
}

/// In the order worked out with the data (`Library::events_longest_first`):
/// periods first, longest first, then the events on a known day, so a
/// year-long span never hides a point inside it.
fn draw_events(buf: &mut Buffer, axis: &Axis, app: &App, theme: &Theme, y: u16) {
    let order = app
        .lib
        .events_longest_first
        .iter()
        .map(|&e| (e, event_cells(axis, app, e)));
    for (e, (x, until)) in order {
        let style = if current_event(app) == Some(e) {
            theme.selected
        } else {
            theme.marker
        };
        let mark = match until - x {
            0 => EVENT_MARK.to_string(),
            1 => "├┤".to_string(),
            n => format!("├{}┤", SPAN_MARK.repeat(usize::from(n - 1))),
        };
        buf.set_string(x, y, mark, style);
    }
}

/// Where labels go: for each label row, the spans of cells already taken.
struct LabelRows {
    taken: Vec<Vec<(u16, u16)>>,
    end: u16,
}

impl LabelRows {
    /// The first row where a label anchored at `x` fits, and its width:
    /// up to the next label on that row, at most `MAX_LABEL` cells.
    fn place(&self, x: u16, want: u16) -> Option<(usize, u16)> {
        self.taken.iter().enumerate().find_map(|(row, spans)| {
            if spans.iter().any(|&(a, b)| x >= a && x < b) {
                return None;
            }
            let next = spans.iter().filter(|&&(a, _)| a > x).map(|&(a, _)| a - 1).min();
            let room = next.unwrap_or(self.end).min(self.end).saturating_sub(x).min(want);
            (room >= MIN_LABEL.min(want)).then_some((row, room))
        })
    }
}

/// Event labels, each anchored at its event, placed in a fixed order
/// (`Library::label_order`) on the first label row with room. The current event
/// is highlighted; when it found no room it is drawn over its neighbours.
fn draw_labels(buf: &mut Buffer, axis: &Axis, app: &App, theme: &Theme, top: u16, rows: u16) {
    if rows == 0 {
        return;
    }
    let mut layout = LabelRows {
        taken: vec![Vec::new(); usize::from(rows)],
        end: axis.x + axis.width,
    };
    let mut placed_current = false;
    for &e in &app.lib.label_order {
        let x = event_cells(axis, app, e).0;
        let name = &app.text().events[e].name;
        let want = (name.width().min(MAX_LABEL)) as u16;
        let Some((row, room)) = layout.place(x, want) else {
            continue;
        };
        let current = current_event(app) == Some(e);
        placed_current |= current;
        let style: Style = if current { theme.selected } else { theme.muted };
        let label = truncate(name, usize::from(room));
        buf.set_string(x, top + row as u16, &label, style);
        layout.taken[row].push((x, x + label.width() as u16 + 1));
    }
    if let Some(e) = current_event(app).filter(|_| !placed_current) {
        draw_over(buf, axis, app, theme, top, e, &layout.taken[0]);
    }
}

/// Draws the current event's label on the first row, first clearing the
/// whole of every label it overlaps, so no fragment of a neighbour is left.
fn draw_over(buf: &mut Buffer, axis: &Axis, app: &App, theme: &Theme, y: u16, e: usize, row: &[(u16, u16)]) {
    let end = axis.x + axis.width;
    let name = &app.text().events[e].name;
    let x = event_cells(axis, app, e).0.min(end.saturating_sub(MIN_LABEL));
    let label = truncate(name, usize::from(end - x).min(MAX_LABEL));
    let until = x + label.width() as u16 + 1;
    for &(a, b) in row.iter().filter(|&&(a, b)| a < until && b > x) {
        for cx in a..b.min(end) {
            buf.set_string(cx, y, " ", theme.muted);
        }
    }
    buf.set_string(x, y, &label, theme.selected);
}

fn draw_cursors(buf: &mut Buffer, axis: &Axis, app: &App, theme: &Theme, y: u16, marker: Option<Date>) {
    if let Some(as_of) = app.dates.as_of {
        buf.set_string(axis.column(as_of.last_day()), y, AS_OF_MARK, theme.as_of);
    }
    if let Some(date) = marker {
        // A month or year is a period: draw it whole, the mark in its middle.
        let (from, until) = (axis.column(date.first_day()), axis.column(date.last_day()));
        for x in from..=until.max(from) {
            buf.set_string(x, y, POSITION_SPAN, theme.cursor);
        }
        buf.set_string(
            from + (until.saturating_sub(from)) / 2,
            y,
            POSITION_MARK,
            theme.cursor,
        );
    }
}
