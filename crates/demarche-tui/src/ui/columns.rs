//! The side-by-side columns: a header with the topic's summary, span and
//! counts, then one row per moment with each party's position (or its
//! silence) next to the others'.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{truncate, wrap_cut};
use super::{Areas, pane_block};
use crate::app::{App, Focus, Pane, Row};
use crate::theme::Theme;

/// Lines of stance shown per cell before it is cut.
const MAX_STANCE_LINES: usize = 4;
const GUTTER: u16 = 12;
/// Lines of event (or topic) name under the date in the gutter.
const GUTTER_LABEL_LINES: usize = 2;
/// Lines of topic summary in the header; the detail has room for more.
const MAX_SUMMARY_LINES: usize = 3;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, single: bool, areas: &mut Areas) {
    let focused = matches!(app.explorer.view.focus, Focus::Columns | Focus::Timeline);
    let block = pane_block(&title(app), area, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    areas.panes.push((Pane::Columns, area));
    let header = header_lines(app, theme, usize::from(inner.width));
    let body = super::header_and_body(frame, inner, header);
    let shown: Vec<usize> = if single {
        vec![
            app.explorer
                .view
                .column
                .min(app.explorer.grid.columns.len().saturating_sub(1)),
        ]
    } else {
        (0..app.explorer.grid.columns.len()).collect()
    };
    if body.height == 0 || shown.is_empty() || app.explorer.grid.columns.is_empty() {
        return;
    }
    let heads = column_heads(app, theme, &shown, body.width);
    frame.render_widget(Paragraph::new(heads), Rect { height: 1, ..body });
    let rows_area = Rect {
        y: body.y + 1,
        height: body.height - 1,
        ..body
    };
    draw_rows(frame, rows_area, app, theme, &shown, areas);
}

fn title(app: &App) -> String {
    let data = app.data();
    match (app.explorer.view.focus, app.explorer.view.event) {
        (Focus::Timeline, Some(e)) => {
            format!(" Event {}: {} ", data.events[e].date, app.text().events[e].name)
        }
        _ => {
            let name = app
                .text()
                .topics
                .get(app.explorer.view.topic)
                .map_or("", |t| t.name.as_str());
            format!(" {}/{} {} ", app.explorer.view.topic + 1, data.topics.len(), name)
        }
    }
}

/// Summary, date span and counts for the topic (or the event in focus).
fn header_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let data = app.data();
    let (summary, positions): (Option<&str>, &[usize]) =
        match (app.explorer.view.focus, app.explorer.view.event) {
            (Focus::Timeline, Some(e)) => (app.text().events[e].summary.as_deref(), &app.lib.by_event[e]),
            _ => (
                app.text()
                    .topics
                    .get(app.explorer.view.topic)
                    .and_then(|t| t.summary.as_deref()),
                app.lib
                    .by_topic
                    .get(app.explorer.view.topic)
                    .map_or(&[], Vec::as_slice),
            ),
        };
    let mut lines: Vec<Line<'static>> = summary.map_or(Vec::new(), |s| {
        wrap_cut(s, width, MAX_SUMMARY_LINES, theme.muted, &[], theme.muted)
    });
    let mut facts = Vec::new();
    // First, so a narrow pane never cuts it: it changes what every cell means.
    if let Some(as_of) = app.dates.as_of {
        facts.push(format!("as of {as_of}"));
    }
    let dates = positions.iter().map(|&p| data.positions[p].date);
    if let Some((lo, hi)) = demarche_core::date::span_of(dates) {
        facts.push(if lo == hi {
            lo.to_string()
        } else {
            format!("{lo} – {hi}")
        });
    }
    for column in &app.explorer.grid.columns {
        let n = positions
            .iter()
            .filter(|&&p| column.actors.contains(&data.positions[p].actor))
            .count();
        facts.push(format!(
            "{} {n}",
            column_name(app, column.observers, &column.actors)
        ));
    }
    if !app.explorer.view.observers {
        let observers = positions
            .iter()
            .filter(|&&p| data.actors[data.positions[p].actor].role == demarche_core::model::Role::Observer)
            .count();
        if observers > 0 {
            let key = crate::app::keymap::keys_for(
                crate::app::Context::Global,
                &crate::app::Action::ToggleObservers,
            );
            facts.push(format!("observers {observers} ({key})"));
        }
    }
    lines.push(Line::styled(truncate(&facts.join(" · "), width), theme.muted));
    lines
}

fn column_name(app: &App, observers: bool, actors: &[usize]) -> String {
    if observers {
        return "Observers".to_string();
    }
    actors
        .first()
        .map_or(String::new(), |&a| app.text().actors[a].short.clone())
}

fn column_style(theme: &Theme, index: usize, observers: bool) -> Style {
    match (observers, index) {
        (true, _) => theme.observer,
        (false, 0) => theme.party_a,
        _ => theme.party_b,
    }
}

/// Column widths after the date gutter, with one space between columns.
fn widths(total: u16, n: usize) -> (u16, Vec<u16>) {
    let gutter = if total >= 50 { GUTTER } else { 0 };
    let room = total.saturating_sub(gutter);
    let n16 = n.max(1) as u16;
    let each = room.saturating_sub(n16 - 1) / n16;
    let mut out = vec![each; n];
    if let Some(last) = out.last_mut() {
        *last = room.saturating_sub((each + 1) * (n16 - 1));
    }
    (gutter, out)
}

fn column_heads(app: &App, theme: &Theme, shown: &[usize], width: u16) -> Line<'static> {
    let (gutter, ws) = widths(width, shown.len());
    let mut spans = vec![Span::styled(
        format!("{:<w$}", "", w = usize::from(gutter)),
        theme.muted,
    )];
    for (k, (&c, &w)) in shown.iter().zip(&ws).enumerate() {
        let column = &app.explorer.grid.columns[c];
        let name = match column.observers {
            true => "Observers".to_string(),
            false => column
                .actors
                .first()
                .map_or(String::new(), |&a| app.text().actors[a].name.clone()),
        };
        let label = truncate(&name, usize::from(w));
        let pad = usize::from(w).saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        spans.push(Span::styled(label, column_style(theme, c, column.observers)));
        spans.push(Span::raw(" ".repeat(pad + usize::from(k + 1 < shown.len()))));
    }
    Line::from(spans)
}

/// The lines of one cell: stance (highlighted, cut), speaker, reply link.
fn cell_lines(
    app: &App,
    theme: &Theme,
    cell: Option<usize>,
    selected: bool,
    width: u16,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let Some(p) = cell else {
        let style = if selected { theme.selected } else { theme.empty };
        return vec![Line::styled(truncate("no stated position", width), style)];
    };
    let data = app.data();
    let text = &app.text().positions[p];
    let dim = app.is_after_as_of(p);
    let superseded = app.standing(p) == Some(demarche_core::asof::Standing::Superseded);
    let base = match (selected, dim, superseded) {
        (true, _, _) => theme.selected,
        (false, true, _) => theme.dimmed,
        (false, false, true) => theme.muted,
        (false, false, false) => theme.text,
    };
    let marks = app.explorer.highlights.get(&p).map_or(&[][..], Vec::as_slice);
    let mut lines = wrap_cut(&text.stance, width, MAX_STANCE_LINES, base, marks, theme.matched);
    let muted = if dim { theme.dimmed } else { theme.muted };
    let attribution = attribution_lines(app, theme, p, superseded, muted, width);
    let marked = attribution
        .iter()
        .any(|l| line_text(l).contains(demarche_core::attribution::NOT_YET_STATED));
    lines.extend(attribution);
    if dim && !marked {
        // Too narrow for the marker beside the badge: a line of its own.
        lines.push(Line::styled(
            truncate(demarche_core::attribution::NOT_YET_STATED, width),
            muted,
        ));
    }
    let position = &data.positions[p];
    if position.topic != app.explorer.view.topic && position.on_topic(app.explorer.view.topic) {
        // Shown here through `also_topics`: say so.
        let label = format!(
            "◇ also on this topic (its topic: {})",
            app.text().topics[position.topic].name
        );
        lines.push(Line::styled(truncate(&label, width), muted));
    }
    for &r in &position.responds_to {
        let target = &data.positions[r];
        let how = position
            .relations
            .iter()
            .find(|&&(_, t)| t == r)
            .map_or("answers", |&(kind, _)| kind.words());
        let label = format!(
            "↳ {how} {}, {}",
            app.text().actors[target.actor].short,
            target.date
        );
        lines.push(Line::styled(truncate(&label, width), muted));
    }
    lines
}

/// Columns the attribution keeps after a full badge word when nobody
/// reported the position; narrower cells get the abbreviation.
const MIN_AFTER_BADGE: usize = 5;

/// The kind of evidence as a badge, first and never cut, then the pins,
/// who reported it and the speaker: "paraphrase · by Segal · officials".
/// Where that does not fit, the speaker gets a line of its own.
fn attribution_lines(
    app: &App,
    theme: &Theme,
    p: usize,
    superseded: bool,
    muted: Style,
    width: usize,
) -> Vec<Line<'static>> {
    let data = app.data();
    let kind = data.positions[p].evidence;
    let reporter = demarche_core::attribution::reporter_short(data, app.text(), p);
    // The full word where it fits with " · by Reporter", else the
    // abbreviation: the kind and who reported it are never cut.
    let by = reporter
        .as_deref()
        .map_or(MIN_AFTER_BADGE, |r| unicode_width::UnicodeWidthStr::width(r) + 6);
    let badge = truncate(demarche_core::attribution::badge(kind, width, by), width);
    let badge_style = if kind.is_some() { theme.key } else { muted };
    let mut rest = Vec::new();
    // The observers column mixes several actors: whose commentary it is
    // comes before anything else, the speaker is cut first.
    let actor = data.positions[p].actor;
    if data.actors[actor].role == demarche_core::model::Role::Observer {
        rest.push(app.text().actors[actor].short.clone());
    }
    let badge_width = unicode_width::UnicodeWidthStr::width(badge.as_str());
    let marker = demarche_core::attribution::NOT_YET_STATED;
    // Beside the badge only when it fits whole (and the `…` of whatever
    // follows); else `cell_lines` gives it a line of its own.
    let need = badge_width + unicode_width::UnicodeWidthStr::width(" · ") + marker.len();
    if app.is_after_as_of(p) && need < width {
        rest.push(marker.to_string());
    }
    if app.is_pinned(p) {
        rest.push("pinned".to_string());
    }
    if superseded {
        rest.push("superseded".to_string());
    }
    rest.extend(reporter.map(|r| format!("by {r}")));
    rest.extend(app.text().positions[p].speaker.clone());
    // Whole names, packed: what does not fit beside the badge goes to the
    // next line, and a name wider than the cell wraps; a name is never cut.
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut lines = vec![Line::from(vec![Span::styled(badge.clone(), badge_style)])];
    let mut used = w(&badge);
    for part in rest {
        let piece = format!(" · {part}");
        let last = lines.len() - 1;
        if used + w(&piece) <= width {
            lines[last].spans.push(Span::styled(piece.clone(), muted));
            used += w(&piece);
        } else {
            let wrapped = super::text::wrap_plain(&part, width.max(1), muted);
            // After a name that wrapped, the next part starts a line of
            // its own, so it does not read as the name's end.
            used = match wrapped.len() {
                1 => wrapped[0].width(),
                _ => width,
            };
            lines.extend(wrapped);
        }
    }
    lines
}

fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn gutter_lines(app: &App, theme: &Theme, row: &Row, width: u16) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let w = usize::from(width - 1);
    let mut lines = vec![Line::styled(truncate(&row.date.to_string(), w), theme.heading)];
    let label = match (app.explorer.view.focus, row.event) {
        (Focus::Timeline, _) => app.text().topics.get(row.topic).map(|t| t.name.clone()),
        (_, Some(e)) => Some(app.text().events[e].name.clone()),
        _ => None,
    };
    if let Some(label) = label {
        lines.extend(wrap_cut(
            &label,
            w,
            GUTTER_LABEL_LINES,
            theme.muted,
            &[],
            theme.muted,
        ));
    }
    lines
}

struct RowLayout {
    gutter: Vec<Line<'static>>,
    cells: Vec<Vec<Line<'static>>>,
    height: u16,
}

fn layout_row(app: &App, theme: &Theme, r: usize, shown: &[usize], gutter: u16, ws: &[u16]) -> RowLayout {
    let row = &app.explorer.grid.rows[r];
    let gutter_text = gutter_lines(app, theme, row, gutter);
    let cells: Vec<Vec<Line>> = shown
        .iter()
        .zip(ws)
        .map(|(&c, &w)| {
            let selected = r == app.explorer.view.row && c == app.explorer.view.column;
            cell_lines(app, theme, row.cells[c], selected, w)
        })
        .collect();
    let tallest = cells
        .iter()
        .map(Vec::len)
        .chain([gutter_text.len()])
        .max()
        .unwrap_or(1);
    RowLayout {
        gutter: gutter_text,
        cells,
        height: tallest as u16 + 1,
    }
}

/// The first row to draw so that the selected row sits mid-pane.
fn first_row(app: &App, theme: &Theme, shown: &[usize], gutter: u16, ws: &[u16], height: u16) -> usize {
    let mut used = 0u16;
    let mut first = app.explorer.view.row;
    while first > 0 {
        let h = layout_row(app, theme, first - 1, shown, gutter, ws).height;
        if used + h > height / 2 {
            break;
        }
        used += h;
        first -= 1;
    }
    first
}

fn draw_rows(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, shown: &[usize], areas: &mut Areas) {
    if app.explorer.grid.rows.is_empty() {
        let note = "no positions on this topic for these parties";
        frame.render_widget(
            Paragraph::new(Line::styled(truncate(note, usize::from(area.width)), theme.empty)),
            area,
        );
        return;
    }
    let (gutter, ws) = widths(area.width, shown.len());
    let mut y = area.y;
    let bottom = area.y + area.height;
    let first = first_row(app, theme, shown, gutter, &ws, area.height);
    for r in first..app.explorer.grid.rows.len() {
        if y >= bottom {
            break;
        }
        let row = layout_row(app, theme, r, shown, gutter, &ws);
        let height = row.height.min(bottom - y);
        frame.render_widget(Paragraph::new(row.gutter), Rect::new(area.x, y, gutter, height));
        let mut x = area.x + gutter;
        for ((lines, &w), &c) in row.cells.into_iter().zip(&ws).zip(shown) {
            let cell = Rect::new(x, y, w, height);
            frame.render_widget(Paragraph::new(lines), cell);
            areas.cells.push((cell, r, c));
            x += w + 1;
        }
        y += height;
    }
}
