//! What a slide says: a position (stance, quote, who and when, source),
//! an event, a heading, a topic side by side, or a missing pin. Lines
//! only; `present` lays them out.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use tui_big_text::{BigText, PixelSize};

use super::text::{truncate, wrap_plain};
use crate::app::{App, Grid, Library, Slide};
use crate::theme::Theme;
use demarche_core::date::Date;
use demarche_core::deck::Resolved;

pub(super) fn slide_date(app: &App, slide: &Slide) -> Option<Date> {
    match slide {
        Slide::Position { position, .. } => Some(app.data().positions[*position].date),
        Slide::Event { event, .. } => Some(app.data().events[*event].date),
        _ => None,
    }
}

fn blank() -> Line<'static> {
    Line::default()
}

/// The slide's lines at `width`. `most` is as many as the caller can
/// use: a comparison (a row per date, every position on its topic) stops
/// laying out rows once it has more, so a frame's work does not grow with
/// the data; the caller cuts there and says there is more.
pub(super) fn slide_lines(
    app: &App,
    slide: &Slide,
    theme: &Theme,
    width: u16,
    most: usize,
) -> Vec<Line<'static>> {
    let w = usize::from(width);
    match slide {
        Slide::Heading(text) => wrap_plain(text, w, theme.heading)
            .into_iter()
            .map(Line::centered)
            .collect(),
        Slide::Position { position, .. } => position_lines(&app.lib, *position, theme, w),
        Slide::Event { event, .. } => event_lines(&app.lib, *event, theme, w),
        Slide::Comparison { topic, .. } => comparison_lines(app, *topic, None, theme, width, most),
        // Drawn as a table by `present::render`, never as lines.
        Slide::Matrix { .. } => Vec::new(),
        Slide::Missing { target, .. } => match app.last_good(target) {
            // Gone from the data mid-talk: the room keeps what it saw.
            Some((lib, Resolved::Position(position))) => position_lines(lib, position, theme, w),
            Some((lib, Resolved::Event(event))) => event_lines(lib, event, theme, w),
            Some((_, Resolved::Topic(topic))) => match app.last_good_comparison(target) {
                Some((lib, kept)) => {
                    compared_lines(lib, topic, (kept.parties, &kept.grid), None, theme, (width, most))
                }
                None => wrap_plain("Comparison needs two parties.", w, theme.empty),
            },
            _ => missing_lines(target, theme, w),
        },
    }
}

fn missing_lines(target: &demarche_core::deck::Target, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let text = format!(
        "[missing: {} \"{}\" is no longer in the data]",
        target.kind(),
        target.id()
    );
    wrap_plain(&text, w, theme.error)
}

/// The stance large (bold, spaced), then the quote, who and when, and a
/// citation line.
pub(super) fn position_lines(lib: &Library, position: usize, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let data = &lib.data;
    let text = &lib.text;
    let pos = &data.positions[position];
    let t = &text.positions[position];
    let actor_style = if data.actors[pos.actor].role == demarche_core::model::Role::Observer {
        theme.observer
    } else {
        theme.party_a
    };
    let name = truncate(&text.actors[pos.actor].name, w);
    let rest = w.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
    let topic = format!(" · {}", text.topics[pos.topic].name);
    let mut out = vec![Line::from(vec![
        Span::styled(name, actor_style),
        Span::styled(
            if rest > 4 {
                truncate(&topic, rest)
            } else {
                String::new()
            },
            theme.muted,
        ),
    ])];
    out.push(blank());
    out.extend(wrap_plain(&t.stance, w, theme.title.patch(Style::new().bold())));
    if let Some(quote) = &t.quote {
        out.push(blank());
        // On a projector a quote under the actor's name reads as the
        // actor's words: an author's sentence says whose it is first.
        if !demarche_core::attribution::quote_is_actors(pos.evidence) {
            let label = demarche_core::attribution::quote_label(pos.evidence);
            out.extend(wrap_plain(&format!("  {label}"), w, theme.muted));
        }
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
    out.extend(evidence_lines(lib, position, theme, w));
    let date = demarche_core::attribution::date(data, position);
    let who = match &t.speaker {
        Some(s) => format!("— {s}, {date}"),
        None => format!("— {date}"),
    };
    out.extend(wrap_plain(&who, w, theme.text));
    out.extend(wrap_plain(&citation(lib, pos.source), w, theme.muted));
    out
}

/// The kind of evidence in full, then who reported it: "paraphrase ·
/// reported by Adam Segal". The word itself is never cut.
fn evidence_lines(lib: &Library, position: usize, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let kind = lib.data.positions[position].evidence;
    let word = demarche_core::attribution::badge(kind, w, 0).to_string();
    let rest = demarche_core::attribution::reporter_name(&lib.data, &lib.text, position)
        .map(|name| format!(" · reported by {name}"))
        .unwrap_or_default();
    let mut lines = wrap_plain(&format!("{word}{rest}"), w, theme.muted);
    if let Some(first) = lines.first_mut() {
        let text: String = first.spans.iter().map(|s| s.content.as_ref()).collect();
        let cut = word.len().min(text.len());
        if text.starts_with(&word) {
            *first = Line::from(vec![
                Span::styled(text[..cut].to_string(), theme.heading),
                Span::styled(text[cut..].to_string(), theme.muted),
            ]);
        }
    }
    lines
}

/// "paraphrase · by Segal" for a comparison cell, the kind never cut.
fn comparison_badge(lib: &Library, p: usize, cell: usize) -> String {
    let data = &lib.data;
    let by = demarche_core::attribution::reporter_short(data, &lib.text, p).map(|r| format!(" · by {r}"));
    let room = by.as_ref().map_or(0, |b| b.chars().count());
    let word = demarche_core::attribution::badge(data.positions[p].evidence, cell, room);
    let rest = truncate(&by.unwrap_or_default(), cell.saturating_sub(word.chars().count()));
    format!("{word}{rest}")
}

fn citation(lib: &Library, source: usize) -> String {
    let s = &lib.text.sources[source];
    let date = lib.data.sources[source].date;
    let line = demarche_core::attribution::citation(
        s.author.as_deref(),
        &s.title,
        s.publisher.as_deref(),
        date,
        s.url.as_deref(),
    );
    format!("Source: {line}")
}

fn event_lines(lib: &Library, event: usize, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let e = &lib.data.events[event];
    let t = &lib.text.events[event];
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
        out.extend(wrap_plain(&citation(lib, s), w, theme.muted));
    }
    out
}

pub(super) fn detour_lines(
    app: &App,
    position: usize,
    slide: usize,
    theme: &Theme,
    width: u16,
) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let back = crate::app::keymap::keys_for(crate::app::Context::Present, &crate::app::Action::Back);
    let note = format!("Off the deck · {back} returns to slide {}", slide + 1);
    let mut out = vec![Line::styled(truncate(&note, w), theme.as_of), blank()];
    out.extend(position_lines(&app.lib, position, theme, w));
    out
}

/// The topic of a slide, for `v`: a position's topic, or a pinned topic.
pub(super) fn slide_topic(app: &App, slide: &Slide) -> Option<usize> {
    match slide {
        Slide::Position { position, .. } => Some(app.data().positions[*position].topic),
        Slide::Comparison { topic, .. } => Some(*topic),
        _ => None,
    }
}

/// The topic as party A against party B, one row per date; `current`
/// (the slide's own position) stands out.
pub(super) fn comparison_lines(
    app: &App,
    topic: usize,
    current: Option<usize>,
    theme: &Theme,
    width: u16,
    most: usize,
) -> Vec<Line<'static>> {
    // Built with the slides, for every topic on one, when there are two parties.
    let (Some((a, Some(b))), Some(grid)) = (app.pair(), app.comparison_grid(topic)) else {
        return wrap_plain("Comparison needs two parties.", usize::from(width), theme.empty);
    };
    compared_lines(&app.lib, topic, ([a, b], grid), current, theme, (width, most))
}

/// A comparison drawn from `lib`: the current data, or the data a
/// vanished topic was last shown in; rows are laid out until there are
/// more than `most` lines.
fn compared_lines(
    lib: &Library,
    topic: usize,
    ([a, b], grid): ([usize; 2], &Grid),
    current: Option<usize>,
    theme: &Theme,
    (width, most): (u16, usize),
) -> Vec<Line<'static>> {
    let gutter = 12usize;
    let cell = (usize::from(width).saturating_sub(gutter + 2)) / 2;
    let mut out = wrap_plain(&lib.text.topics[topic].name, usize::from(width), theme.heading);
    out.push(blank());
    out.push(Line::from(vec![
        Span::raw(" ".repeat(gutter)),
        Span::styled(
            demarche_core::text::width::pad(&lib.text.actors[a].name, cell + 2),
            theme.party_a,
        ),
        Span::styled(truncate(&lib.text.actors[b].name, cell), theme.party_b),
    ]));
    for row in &grid.rows {
        if out.len() > most {
            break;
        }
        let cells: Vec<Vec<Line>> = row
            .cells
            .iter()
            .map(|c| match c {
                Some(p) => {
                    let style = if Some(*p) == current {
                        theme.selected
                    } else {
                        theme.text
                    };
                    let mut lines = wrap_plain(&lib.text.positions[*p].stance, cell, style);
                    lines.push(Line::styled(comparison_badge(lib, *p, cell), theme.heading));
                    lines
                }
                None => vec![Line::styled("—", theme.empty)],
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let date = if i == 0 {
                demarche_core::text::width::pad(&row.date.to_string(), gutter)
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
                if k == 0 {
                    spans.push(Span::styled(demarche_core::text::width::pad(&text, cell), style));
                    spans.push(Span::raw("  "));
                } else {
                    spans.push(Span::styled(text, style));
                }
            }
            out.push(Line::from(spans));
        }
        out.push(blank());
    }
    out
}

/// Below this the terminal is too small for a section slide in large type.
const BIG_TEXT_MIN: (u16, u16) = (100, 30);

/// A heading as a section slide in large type, when the screen is big
/// enough, every character is in the built-in 8x8 font (Latin), and the
/// words fit: the widget and the rows it takes. `text` is the slide's
/// heading, sanitised when the slides were built.
pub(super) fn section_title(
    text: &str,
    screen: Rect,
    body: Rect,
    theme: &Theme,
) -> Option<(BigText<'static>, u16)> {
    if screen.width < BIG_TEXT_MIN.0 || screen.height < BIG_TEXT_MIN.1 {
        return None;
    }
    // Typographic punctuation the 8x8 font lacks is drawn as its plain
    // form, so a curly apostrophe or a dash does not forbid large type.
    let text: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '′' => '\'',
            '“' | '”' | '″' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '−' => '-',
            other => other,
        })
        .collect();
    let text = text.replace('…', "...");
    let latin = |c: char| matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}');
    if !text.chars().all(latin) {
        return None;
    }
    for (size, glyph_width, glyph_height) in [(PixelSize::HalfHeight, 8, 4), (PixelSize::Quadrant, 4, 4)] {
        let per_line = usize::from(body.width / glyph_width);
        let longest = text.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
        // Words are kept whole in the larger size; the smaller one breaks
        // a word too long for any line (with a hyphen), so a heading of
        // any length gets large type.
        if size == PixelSize::HalfHeight && longest > per_line {
            continue;
        }
        let lines = wrap_plain(&text, per_line, theme.heading);
        let height = lines.len() as u16 * glyph_height;
        if height <= body.height * 2 / 3 {
            let big = BigText::builder()
                .pixel_size(size)
                .style(theme.heading)
                .lines(lines)
                .centered()
                .build();
            return Some((big, height));
        }
    }
    None
}
