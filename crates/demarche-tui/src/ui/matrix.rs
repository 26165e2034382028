//! The matrix: a row per topic, a column per party, each cell the party's
//! latest stance at the "as of" date with its evidence and date, and
//! beside each row a strip of the topic's agreement status over time.
//! Drawn as a layer (with a cursor, scrolling sideways when there are
//! many parties) and as a slide (every party, no cursor).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use unicode_width::UnicodeWidthStr;

use super::text::{truncate, wrap_cut};
use super::timeline::Axis;
use super::{Areas, status};
use crate::app::{App, MatrixView, Pane};
use demarche_core::date::Date;
use demarche_core::matrix::table::NO_POSITION;
use demarche_core::matrix::{Cell, Snapshot, Status, changed_since};
use demarche_core::standing::status::UNCERTAIN_MARK;

use crate::app::Draw;
use crate::theme::Theme;

/// Shown after a cell whose shown position stands with a reservation.
const QUALIFIED: &str = "qualified";

/// What the strip's shapes and the cells' marks mean, for the help:
/// shapes and words, so it reads without colour. The matrix's own legend
/// line shows the strip's marks with the first words of their meaning.
pub(crate) fn legend_entries() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Status::ALL
        .iter()
        .rev()
        .map(|s| (s.glyph().to_string(), s.word().to_string()))
        .collect();
    out.push((
        UNCERTAIN_MARK.to_string(),
        "uncertain: a date's period or span holds the day, so it may or may not stand yet".into(),
    ));
    out.push(("▼".into(), "as of: the date the cells show".into()));
    out.push((
        format!("+{QUALIFIED}"),
        "in a cell: it stands with a reservation (a position that qualifies it)".into(),
    ));
    out
}

/// Wide enough for "one-sided?" (uncertain).
const STATUS_WIDTH: u16 = 10;
/// Lines per topic at most; more would leave fewer topics on screen.
const MAX_ROW_HEIGHT: u16 = 4;
/// Marks a cell stated after the "since" date.
const CHANGED: &str = "*";

/// What to draw and how: the cursor (layer only) and how narrow a party
/// column may get before the rest scroll out of sight.
struct Spec<'a> {
    app: &'a App,
    snapshot: &'a Snapshot,
    since: Option<Date>,
    cursor: Option<(usize, usize)>,
    min_cell: u16,
    theme: &'a Theme,
}

/// Column widths and which parties and topics are in view.
struct Layout {
    topic: Rect,
    status_x: u16,
    strip: Option<Rect>,
    cells_x: u16,
    cell_width: u16,
    /// Party columns shown: `first_party..first_party + parties_shown`.
    first_party: usize,
    parties_shown: usize,
    first_topic: usize,
    topics_shown: usize,
    row_height: u16,
}

/// The matrix layer, full screen, with the status line under it.
pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &MatrixView, theme: &Theme, areas: &mut Areas) {
    frame.render_widget(Clear, area);
    frame.buffer_mut().set_style(area, theme.text);
    areas.panes.push((Pane::Matrix, area));
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let spec = Spec {
        app,
        snapshot: &view.snapshot,
        since: view.since,
        cursor: Some((view.row, view.column)),
        min_cell: 18,
        theme,
    };
    draw(frame.buffer_mut(), body, &spec);
    let line = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: 1,
        ..area
    };
    status::render(frame, line, app, theme);
}

/// The matrix as a slide: every party, every topic that fits, no cursor.
pub fn slide(buf: &mut Buffer, area: Rect, app: &App, as_of: Option<Date>, theme: &Theme) {
    // Built with the slides, once per change, like the comparison grids.
    let Some(snapshot) = app.slide_snapshot(as_of) else {
        return;
    };
    let spec = Spec {
        app,
        snapshot,
        since: None,
        cursor: None,
        min_cell: 8,
        theme,
    };
    draw(buf, area, &spec);
}

fn draw(buf: &mut Buffer, area: Rect, spec: &Spec) {
    if area.height < 4 || area.width < 30 {
        return;
    }
    let layout = layout(area, spec);
    title(buf, area, spec, &layout);
    let axis = layout.strip.and_then(|s| Axis::new(spec.app, s.x, s.width));
    header(buf, area.y + 1, spec, &layout, axis.as_ref());
    for (i, topic) in (layout.first_topic..layout.first_topic + layout.topics_shown).enumerate() {
        let y = area.y + 2 + i as u16 * layout.row_height;
        row(buf, y, topic, spec, &layout, axis.as_ref());
    }
    legend(buf, area, spec, &layout);
}

fn layout(area: Rect, spec: &Spec) -> Layout {
    let parties = spec.app.lib.matrix.parties.len();
    let topics = spec.app.lib.data.topics.len();
    let width = area.width;
    let topic_width = (width / 5).clamp(12, 28);
    let strip_width = if width >= 100 {
        (width / 6).clamp(12, 40)
    } else {
        10
    };
    let fixed = topic_width + STATUS_WIDTH + strip_width + 3;
    let room = width.saturating_sub(fixed);
    let fits = usize::from(room / (spec.min_cell + 1)).max(1);
    let parties_shown = fits.min(parties.max(1));
    let cell_width = (room / parties_shown as u16).saturating_sub(1).max(1);
    let (row, column) = spec.cursor.unwrap_or((0, 0));
    let first_party = (column + 1).saturating_sub(parties_shown);
    // Title, party names and legend take three lines.
    let rows_room = area.height.saturating_sub(3);
    let per_topic = rows_room / (topics.max(1) as u16);
    // With a cursor to scroll by, two lines (a stance, not a word of it)
    // beat seeing every topic, as long as eight or so stay in view.
    let two_lines_fit = usize::from(rows_room / 2) >= topics.min(8);
    let row_height = match per_topic {
        0 | 1 if spec.cursor.is_some() && two_lines_fit => 2,
        0 => 1,
        n => n.min(MAX_ROW_HEIGHT),
    };
    let topics_shown = usize::from(rows_room / row_height).min(topics);
    let first_topic = (row + 1).saturating_sub(topics_shown);
    Layout {
        topic: Rect::new(area.x, area.y, topic_width, area.height),
        status_x: area.x + topic_width + 1,
        strip: Some(Rect::new(
            area.x + topic_width + STATUS_WIDTH + 2,
            area.y,
            strip_width,
            1,
        )),
        cells_x: area.x + fixed,
        cell_width,
        first_party,
        parties_shown: parties_shown.min(parties),
        first_topic,
        topics_shown,
        row_height,
    }
}

fn when(as_of: Option<Date>) -> String {
    as_of.map_or_else(|| "latest positions".to_string(), |d| format!("as of {d}"))
}

/// "State of play as of 30 Sep 2015", and what is out of sight.
fn title(buf: &mut Buffer, area: Rect, spec: &Spec, layout: &Layout) {
    let parties = spec.app.lib.matrix.parties.len();
    let topics = spec.app.lib.data.topics.len();
    let mut out_of_sight = Vec::new();
    if layout.first_party > 0 {
        out_of_sight.push(format!("◀ {} more", layout.first_party));
    }
    let right_of = parties.saturating_sub(layout.first_party + layout.parties_shown);
    if right_of > 0 {
        out_of_sight.push(format!("{right_of} more ▶"));
    }
    let below = topics.saturating_sub(layout.first_topic + layout.topics_shown);
    if layout.first_topic > 0 || below > 0 {
        out_of_sight.push(format!(
            "topics {}–{} of {topics}",
            layout.first_topic + 1,
            layout.first_topic + layout.topics_shown
        ));
    }
    let text = format!("State of play, {}", when(spec.snapshot.as_of));
    let right = out_of_sight.join(" · ");
    let width = usize::from(area.width);
    let left = truncate(&text, width.saturating_sub(right.width() + 2));
    buf.set_string(area.x, area.y, &left, spec.theme.title);
    if !right.is_empty() && right.width() < width {
        let x = area.x + area.width - right.width() as u16;
        buf.set_string(x, area.y, &right, spec.theme.muted);
    }
}

/// Column names; the strips' span of years, and `▼` above the strips
/// where the "as of" date is (on the strips it would hide a status).
fn header(buf: &mut Buffer, y: u16, spec: &Spec, layout: &Layout, axis: Option<&Axis>) {
    let theme = spec.theme;
    let bold = theme.heading;
    buf.set_string(
        layout.topic.x,
        y,
        truncate("Topic", usize::from(layout.topic.width)),
        bold,
    );
    buf.set_string(layout.status_x, y, "Status", bold);
    let marker = axis.zip(spec.snapshot.as_of).map(|(a, d)| a.column(d));
    if let (Some(strip), Some(span)) = (layout.strip, years(spec.app)) {
        strip_label(buf, Rect { y, ..strip }, &span, marker, theme);
    }
    if let Some(x) = marker {
        buf.set_string(x, y, "▼", theme.as_of);
    }
    let parties = &spec.app.lib.matrix.parties;
    for (slot, column) in (layout.first_party..layout.first_party + layout.parties_shown).enumerate() {
        let x = layout.cells_x + slot as u16 * (layout.cell_width + 1);
        // The short name when the full one would be cut.
        let actor = &spec.app.text().actors[parties[column]];
        let name = if actor.name.width() > usize::from(layout.cell_width) {
            &actor.short
        } else {
            &actor.name
        };
        let style = match spec.cursor {
            Some((_, c)) if c == column => theme.selected,
            _ => bold,
        };
        buf.set_string(x, y, truncate(name, usize::from(layout.cell_width)), style);
    }
}

/// The years, on the side of the strip the marker leaves free; nothing
/// if they do not fit there.
fn strip_label(buf: &mut Buffer, strip: Rect, span: &str, marker: Option<u16>, theme: &Theme) {
    let width = span.width() as u16;
    let end = strip.x + strip.width;
    let x = match marker {
        None if width <= strip.width => strip.x,
        Some(m) if m > strip.x + width => strip.x,
        Some(m) if m + 2 + width <= end => end - width,
        _ => return,
    };
    buf.set_string(x, strip.y, span, theme.muted);
}

fn row(buf: &mut Buffer, y: u16, topic: usize, spec: &Spec, layout: &Layout, axis: Option<&Axis>) {
    let theme = spec.theme;
    let selected_row = spec.cursor.is_some_and(|(r, _)| r == topic);
    let name = &spec.app.text().topics[topic].name;
    let name_style = if selected_row { theme.selected } else { theme.text };
    // A name longer than its rows ends in "…": a cut name must not read
    // as a whole one ("Code of conduct and").
    let rows = usize::from(layout.row_height);
    let lines = wrap_cut(
        name,
        usize::from(layout.topic.width),
        rows,
        name_style,
        &[],
        name_style,
    );
    for (i, line) in lines.iter().enumerate() {
        buf.set_line(layout.topic.x, y + i as u16, line, layout.topic.width);
    }
    let status = spec.snapshot.status[topic];
    let status_style = if status == Status::Agreed {
        theme.heading
    } else {
        theme.text
    };
    let certain = spec.snapshot.certain.get(topic).copied().unwrap_or(true);
    let word = if certain {
        status.word().to_string()
    } else {
        format!("{}{UNCERTAIN_MARK}", status.word())
    };
    buf.set_string(layout.status_x, y, word, status_style);
    if let (Some(strip), Some(axis)) = (layout.strip, axis) {
        draw_strip(buf, Rect { y, ..strip }, topic, spec, axis);
    }
    for (slot, column) in (layout.first_party..layout.first_party + layout.parties_shown).enumerate() {
        let x = layout.cells_x + slot as u16 * (layout.cell_width + 1);
        let area = Rect::new(x, y, layout.cell_width, layout.row_height);
        let selected = spec.cursor == Some((topic, column));
        cell(buf, area, spec.snapshot.full(topic, column), selected, spec);
    }
}

/// The topic's status from the first change on.
fn draw_strip(buf: &mut Buffer, strip: Rect, topic: usize, spec: &Spec, axis: &Axis) {
    let end = strip.x + strip.width;
    let theme = spec.theme;
    let mut put = |x: u16, glyph: char, style| {
        if let Some(cell) = buf.cell_mut((x, strip.y)) {
            cell.set_char(glyph).set_style(style);
        }
    };
    for x in strip.x..end {
        put(x, Status::None.glyph(), theme.muted);
    }
    // Each step from its column to the next step's; a step that starts in
    // the same column as the next is covered by it. A topic can have
    // hundreds of steps (every period's start and end), so each column is
    // written once per step at most and nothing is allocated.
    let changes = &spec.app.lib.matrix.changes[topic];
    let columns: Vec<u16> = changes.iter().map(|c| axis.column(c.day)).collect();
    // An uncertain step starts with the mark, the shape after it; the mark
    // stays when a later step in the same column covers the shape.
    let mut uncertain_at: Option<u16> = None;
    for (i, change) in changes.iter().enumerate() {
        let from = columns[i];
        let to = columns.get(i + 1).copied().unwrap_or(end);
        if !change.certain {
            uncertain_at = Some(from);
        }
        if to <= from && i + 1 < changes.len() {
            continue;
        }
        for x in from..to.max(from + 1).min(end) {
            put(x, change.status.glyph(), theme.text);
        }
        if let Some(x) = uncertain_at.take().filter(|&x| x < end) {
            put(x, UNCERTAIN_MARK, theme.text);
        }
    }
}

/// `* joint · 25 Sep 2015`, then the stance; or "— no stated position".
fn cell(buf: &mut Buffer, area: Rect, shown: Cell, selected: bool, spec: &Spec) {
    let theme = spec.theme;
    let width = usize::from(area.width);
    let others = shown.others;
    let Some(p) = shown.position else {
        // In the column of the "changed" mark, as a stated cell's text is,
        // so it never runs on from the cell to its left ("24 Jun 2015 —
        // no stated position" read as one).
        let style = if selected { theme.selected } else { theme.empty };
        let room = width.saturating_sub(1);
        let dashed = format!("— {NO_POSITION}");
        let text = if dashed.width() <= room {
            dashed
        } else {
            truncate(NO_POSITION, room)
        };
        buf.set_string(area.x, area.y, format!(" {text}"), style);
        return;
    };
    let data = &spec.app.lib.data;
    let pos = &data.positions[p];
    let changed = spec.since.is_some_and(|s| changed_since(data, p, s));
    let mark = if changed { CHANGED } else { " " };
    let style = |base: Style| if selected { theme.selected } else { base };
    let stance = &spec.app.text().positions[p].stance;
    let badge = pos.evidence.map(|e| e.abbreviation());
    // "+1": another position of the party stands with this one; "?":
    // the dates do not settle it.
    let uncertain = if shown.certain {
        String::new()
    } else {
        format!(" {UNCERTAIN_MARK}")
    };
    let more = match (others, shown.reservation) {
        (_, Some(_)) => format!(" +{QUALIFIED}{uncertain}"),
        (0, None) => uncertain,
        (n, None) => format!(" +{n}{uncertain}"),
    };
    if area.height == 1 {
        // One line: the stance gives way, never the marks (an uncertain
        // cell keeps its "?", a qualified one its "+qualified").
        // The badge shortens ("joint · ", "joint ", nothing) before a
        // mark would be cut: "+qualified" must never read "+qualifi".
        let badges = badge.map_or(vec![String::new()], |b| {
            vec![format!("{b} · "), format!("{b} "), String::new()]
        });
        let fits = |b: &String| 1 + b.width() + more.width() <= width;
        let badge = badges
            .iter()
            .find(|b| fits(b))
            .unwrap_or(&badges[badges.len() - 1])
            .clone();
        let room = width.saturating_sub(1 + badge.width() + more.width());
        let line = Line::from(vec![
            Span::styled(mark, style(theme.as_of)),
            Span::styled(badge, style(theme.muted)),
            Span::styled(truncate(stance, room), style(theme.text)),
            Span::styled(more, style(theme.heading)),
        ]);
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    }
    let room = width.saturating_sub(1 + more.width());
    let facts = badge_and_date(badge, pos.date, room);
    let first = Line::from(vec![
        Span::styled(mark, style(theme.as_of)),
        Span::styled(facts, style(theme.muted.add_modifier(Modifier::BOLD))),
        Span::styled(more, style(theme.heading)),
    ]);
    buf.set_line(area.x, area.y, &first, area.width);
    let room = usize::from(area.height - 1);
    let lines = wrap_cut(stance, width.saturating_sub(1), room, theme.text, &[], theme.text);
    for (i, line) in lines.iter().enumerate() {
        buf.set_line(
            area.x + 1,
            area.y + 1 + i as u16,
            line,
            area.width.saturating_sub(1),
        );
    }
}

/// "joint · 25 Sep 2015" where it fits, else with a bounded date's
/// shorter "by 24 Jun 2015" or "by Jun 2015", else the badge alone (whose
/// words matter more than the day), else as much of it as fits.
fn badge_and_date(badge: Option<&str>, date: Date, width: usize) -> String {
    let dates = date.shorter_forms();
    let Some(b) = badge else {
        let fits = dates.iter().find(|d| d.width() <= width);
        return truncate(fits.unwrap_or(&dates[0]), width);
    };
    for d in &dates {
        if b.width() + 3 + d.width() <= width {
            return format!("{b} · {d}");
        }
        if b.width() + 1 + d.width() <= width {
            return format!("{b} {d}");
        }
    }
    truncate(b, width)
}

/// "2015", or "2013–2015": the years the strips span.
fn years(app: &App) -> Option<String> {
    let (first, last) = app.lib.data.date_range()?;
    let (a, b) = (first.year_number(), last.year_number());
    Some(if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    })
}

/// What the glyphs and marks mean: shapes, so it reads without colour.
fn legend(buf: &mut Buffer, area: Rect, spec: &Spec, layout: &Layout) {
    let y = area.y + 2 + layout.topics_shown as u16 * layout.row_height;
    if y >= area.y + area.height {
        return;
    }
    // The shapes and marks of the strip; "+qualified" explains itself.
    let mut parts: Vec<String> = legend_entries()
        .into_iter()
        .filter(|(mark, _)| !mark.starts_with('+'))
        .map(|(mark, meaning)| format!("{mark} {}", meaning.split(':').next().unwrap_or_default()))
        .collect();
    if let Some(since) = spec.since {
        parts.push(format!("{CHANGED} stated after {since}"));
    }
    let text = truncate(&parts.join("  "), usize::from(area.width));
    buf.set_string(area.x, y, text, spec.theme.muted);
}

impl Draw for MatrixView {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, area, app, self, theme, areas);
    }
}
