//! The timeline pane: a date axis across the data's span, years first and
//! months where there is room, events as markers with labels that never
//! overlap, the selected position's date and the "as of" cursor.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use super::text::truncate;
use super::{Areas, pane_block};
use crate::app::{App, Focus, Pane};
use crate::date::Date;
use crate::theme::Theme;

/// Rows of event labels above the axis in the full pane.
const LABEL_ROWS: u16 = 2;
const MAX_LABEL: usize = 24;

/// Maps dates to columns across `width` cells.
struct Axis {
    x: u16,
    width: u16,
    first_month: i64,
    months: i64,
}

impl Axis {
    fn new(app: &App, x: u16, width: u16) -> Option<Axis> {
        let (lo, hi) = app.data().date_range()?;
        let first_month = lo.month_index();
        let months = hi.last_day().month_index() - first_month + 1;
        Some(Axis {
            x,
            width,
            first_month,
            months,
        })
    }

    fn column(&self, date: Date) -> u16 {
        let at = (date.month_index() - self.first_month) as f64 + date.day_fraction();
        let span = (self.width.saturating_sub(1)) as f64;
        self.x + ((at / self.months as f64) * span).round().clamp(0.0, span) as u16
    }

    fn cells_per_month(&self) -> f64 {
        f64::from(self.width) / self.months as f64
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
    areas.panes.push((Pane::Timeline, area));
    if area.height < 3 {
        return strip(frame.buffer_mut(), area, app, theme);
    }
    let focused = app.view.focus == Focus::Timeline;
    let title = match (focused, app.view.event) {
        (true, Some(e)) => format!(
            " Timeline: {} ({}) ",
            app.text().events[e].name,
            app.data().events[e].date
        ),
        _ => " Timeline (t) ".to_string(),
    };
    let block = pane_block(Line::styled(title, theme.title), focused, theme);
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
    for x in axis.x..axis.x + axis.width {
        buf.set_string(x, y, "─", theme.border);
    }
    let first_year = (axis.first_month / 12) as u16;
    let last_year = ((axis.first_month + axis.months - 1) / 12) as u16;
    for year in first_year..=last_year {
        let x = axis.column(Date::year(year));
        if year > first_year || axis.first_month % 12 == 0 {
            buf.set_string(x, y, "┼", theme.border);
        }
    }
}

/// Year labels, then month initials where each month has room.
fn draw_scale(buf: &mut Buffer, axis: &Axis, y: u16, theme: &Theme) {
    let mut taken_until = axis.x;
    let first_year = (axis.first_month / 12) as u16;
    let last_year = ((axis.first_month + axis.months - 1) / 12) as u16;
    let end = axis.x + axis.width;
    for year in first_year..=last_year {
        let x = axis.column(Date::year(year)).max(axis.x);
        let label = year.to_string();
        if x >= taken_until && x + label.len() as u16 <= end {
            buf.set_string(x, y, &label, theme.heading);
            taken_until = x + label.len() as u16 + 1;
        }
    }
    if axis.cells_per_month() < 4.0 {
        return;
    }
    for m in 0..axis.months {
        let index = axis.first_month + m;
        let (year, month) = ((index / 12) as u16, (index % 12 + 1) as u8);
        let Some(date) = Date::month(year, month) else {
            continue;
        };
        let x = axis.column(date);
        let label = &date.month_abbrev().unwrap_or("")[..if axis.cells_per_month() >= 5.0 { 3 } else { 1 }];
        if month != 1
            && x >= taken_until
            && x + label.len() as u16 <= end
            && !occupied(buf, x, y, label.len() as u16)
        {
            buf.set_string(x, y, label, theme.muted);
        }
    }
}

fn occupied(buf: &Buffer, x: u16, y: u16, len: u16) -> bool {
    (x..x + len).any(|cx| buf.cell((cx, y)).is_some_and(|c| c.symbol() != " "))
}

fn current_event(app: &App) -> Option<usize> {
    (app.view.focus == Focus::Timeline)
        .then_some(app.view.event)
        .flatten()
}

fn draw_events(buf: &mut Buffer, axis: &Axis, app: &App, theme: &Theme, y: u16) {
    for &e in &app.lib.events {
        let x = axis.column(app.data().events[e].date);
        let style = if current_event(app) == Some(e) {
            theme.selected
        } else {
            theme.marker
        };
        buf.set_string(x, y, "◆", style);
    }
}

/// Event labels, each on the first label row with room for it; the
/// current event is placed first so it always gets a label.
fn draw_labels(buf: &mut Buffer, axis: &Axis, app: &App, theme: &Theme, top: u16, rows: u16) {
    if rows == 0 {
        return;
    }
    let end = axis.x + axis.width;
    let mut free_from = vec![axis.x; usize::from(rows)];
    let mut order: Vec<usize> = app.lib.events.clone();
    if let Some(current) = current_event(app) {
        order.retain(|&e| e != current);
        order.insert(0, current);
    }
    for e in order {
        let x = axis.column(app.data().events[e].date);
        let name = &app.text().events[e].name;
        let style: Style = if current_event(app) == Some(e) {
            theme.selected
        } else {
            theme.muted
        };
        for (row, free) in free_from.iter_mut().enumerate() {
            let start = x.max(*free);
            if start > x + 1 || start + 3 > end {
                continue;
            }
            let room = usize::from(end - start).min(MAX_LABEL);
            let label = truncate(name, room);
            buf.set_string(start, top + row as u16, &label, style);
            *free = start + label.width() as u16 + 1;
            break;
        }
    }
}

fn draw_cursors(buf: &mut Buffer, axis: &Axis, app: &App, theme: &Theme, y: u16, marker: Option<Date>) {
    if let Some(as_of) = app.as_of {
        buf.set_string(axis.column(as_of), y, "┃", theme.as_of);
    }
    if let Some(date) = marker {
        buf.set_string(axis.column(date), y, "▲", theme.cursor);
    }
}
