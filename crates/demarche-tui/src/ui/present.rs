//! Presentation mode: full screen, one slide per talking point, centred
//! at a readable width, with a counter and a thin timeline strip; and the
//! presentation's layers (index, go-to prompt, blank, backstage).
//!
//! The audience screen shows the slide. What is for the presenter alone
//! (notes, the clock, messages, data errors) goes to the presenter
//! console when one is attached; without one, notes and the clock show
//! only when asked for (`N`, `c`, `--notes`), and the rest waits behind a
//! one-line marker that `e` opens.

use demarche_core::text::plural::count;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::slide::{comparison_lines, detour_lines, section_title, slide_date, slide_lines, slide_topic};
use super::text::{truncate, wrap_plain};
use super::{Areas, centred, overlay, scrolled, timeline};
use crate::app::{App, Context, Pane, Presenter, Slide, keymap};
use crate::app::{Backstage, Blank, Draw, GoTo, SlideIndex};
use crate::theme::Theme;
use demarche_core::date::Date;

/// Wider than this, text is hard to follow on a projector.
const MAX_WIDTH: u16 = 96;

/// A side-by-side comparison is two columns of text, each of which
/// should stay near a comfortable line length.
const MAX_COMPARISON_WIDTH: u16 = 160;

/// True if `slide` is drawn as a comparison: a pinned topic, current or
/// kept as the room last saw it.
fn compares(app: &App, slide: &Slide) -> bool {
    match slide {
        Slide::Comparison { .. } => true,
        Slide::Missing { target, .. } => app.last_good_comparison(target).is_some(),
        _ => false,
    }
}

/// The slide's text area: the screen less a margin, up to a comfortable
/// line length (wider for a comparison's two columns).
fn body_area(screen: Rect, comparison: bool) -> Rect {
    let most = if comparison {
        MAX_COMPARISON_WIDTH
    } else {
        MAX_WIDTH
    };
    let width = screen.width.saturating_sub(4).min(most);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + 1,
        width,
        screen.height.saturating_sub(3),
    )
}

/// Large type is not read line by line: a section title may use the
/// whole width.
fn wide_body(screen: Rect) -> Rect {
    let body = body_area(screen, false);
    Rect {
        x: screen.x + 2,
        width: screen.width.saturating_sub(4),
        ..body
    }
}

pub fn render(frame: &mut Frame, app: &App, p: &Presenter, theme: &Theme, areas: &mut Areas) {
    let screen = frame.area();
    frame.render_widget(Clear, screen);
    frame.render_widget(Paragraph::new("").style(theme.text), screen);
    areas.panes.push((Pane::Present, screen));
    if app.blanked() {
        return;
    }
    let slides = app.slides();
    let comparison =
        p.detour.is_none() && (p.compare || slides.get(p.slide).is_some_and(|s| compares(app, s)));
    let body = body_area(screen, comparison);
    let width = body.width;
    // Lines past the screen are only counted when notes share it (`fit`
    // says how many lines of the slide they hide).
    let most = match notes_shown(app, p) {
        Some(_) => usize::MAX,
        None => usize::from(body.height),
    };
    let (content, date) = match (p.detour, slides.get(p.slide)) {
        (Some(position), _) => (
            detour_lines(app, position, p.slide, theme, width),
            Some(app.data().positions[position].date),
        ),
        (None, Some(slide)) if p.compare => match slide_topic(app, slide) {
            Some(topic) => (
                comparison_lines(app, topic, current(slide), theme, width, most),
                None,
            ),
            None => (Vec::new(), None),
        },
        (None, Some(slide)) => (
            slide_lines(app, slide, theme, width, most),
            slide_date(app, slide),
        ),
        (None, None) => (Vec::new(), None),
    };
    if let (None, false, Some(Slide::Heading(heading))) = (p.detour, p.compare, slides.get(p.slide))
        && let Some((big, rows)) = section_title(heading, screen, wide_body(screen), theme)
    {
        let top = body.y + body.height.saturating_sub(rows) / 3;
        frame.render_widget(
            big,
            Rect {
                y: top,
                height: rows,
                ..wide_body(screen)
            },
        );
        header(frame, screen, app, p, slides.len(), theme);
        return;
    }
    if let (None, false, Some(Slide::Matrix { as_of, .. })) = (p.detour, p.compare, slides.get(p.slide)) {
        matrix_slide(frame, screen, body, app, p, *as_of, theme);
        header(frame, screen, app, p, slides.len(), theme);
        return;
    }
    let notes = match notes_shown(app, p) {
        Some(note) => super::notes::lines(note, usize::from(width), theme.muted),
        None => Vec::new(),
    };
    let lines = fit(content, notes, usize::from(body.height), p.notes_scroll, theme);
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
/// readable column), with the notes under it when shown: at most a third
/// of the screen, scrolled as on other slides.
fn matrix_slide(
    frame: &mut Frame,
    screen: Rect,
    body: Rect,
    app: &App,
    p: &Presenter,
    as_of: Option<Date>,
    theme: &Theme,
) {
    let wide = Rect {
        y: body.y,
        height: body.height,
        ..wide_body(screen)
    };
    let notes = match notes_shown(app, p) {
        Some(note) => super::notes::lines(note, usize::from(wide.width), theme.muted),
        None => Vec::new(),
    };
    let room = if notes.is_empty() {
        0
    } else {
        // A blank line and "My notes" above them; `fit` wants two lines
        // of notes at least, or it says they do not fit.
        (notes.len() + 3).max(4).min(usize::from(wide.height / 3).max(4))
    };
    let notes = fit(Vec::new(), notes, room, p.notes_scroll, theme);
    let notes_height = (notes.len() as u16).min(wide.height);
    let table = Rect {
        height: wide.height - notes_height,
        ..wide
    };
    super::matrix::slide(frame.buffer_mut(), table, app, as_of, theme);
    let below = Rect {
        y: table.y + table.height,
        height: notes_height,
        ..wide
    };
    frame.render_widget(Paragraph::new(notes), below);
}

/// The slide's own position, which a comparison highlights.
fn current(slide: &Slide) -> Option<usize> {
    match slide {
        Slide::Position { position, .. } => Some(*position),
        _ => None,
    }
}

/// The notes the audience screen shows: only when asked for, with no
/// console to take them, and on the slide itself (not a detour).
fn notes_shown<'a>(app: &'a App, p: &Presenter) -> Option<&'a demarche_core::notes::Note> {
    if !p.notes || !app.room_may_show_private() || p.detour.is_some() || p.compare {
        return None;
    }
    app.slide_note(p.slide)
}

/// The slide, then the notes under "My notes". When they do not fit, the
/// notes scroll (from `scroll`) and the last line says there is more;
/// a slide too long for the screen ends in a marker too. Nothing is cut
/// silently.
fn fit(
    mut content: Vec<Line<'static>>,
    notes: Vec<Line<'static>>,
    height: usize,
    scroll: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // Notes asked for (on the room's own keyboard, alone) get at least a
    // few lines to be read and scrolled in: a long slide gives way, marked.
    let for_notes = if notes.is_empty() {
        0
    } else {
        (height / 3).max(5).min(notes.len() + 2)
    };
    let most = height.saturating_sub(for_notes);
    if content.len() > most && most >= 2 {
        let hidden = content.len() - (most - 1);
        content.truncate(most - 1);
        let why = if notes.is_empty() {
            "… (more than the screen holds)".to_string()
        } else {
            format!("… ({} of the slide, under my notes)", count(hidden, "more line"))
        };
        content.push(Line::styled(why, theme.as_of));
    }
    if notes.is_empty() {
        return content;
    }
    let room = height.saturating_sub(content.len() + 2);
    let key = |delta: isize| keymap::key_for(Context::Present, &crate::app::Action::ScrollNotes(delta));
    let keys = format!("{}/{}", key(1).unwrap_or_default(), key(-1).unwrap_or_default());
    if room < 2 {
        // No room for the notes at all: say so rather than drop them.
        if content.len() < height {
            let note = format!("▼ my notes do not fit here ({} lines)", notes.len());
            content.push(Line::styled(note, theme.as_of));
        }
        return content;
    }
    content.push(Line::default());
    content.push(Line::styled("My notes", theme.heading));
    if notes.len() <= room {
        content.extend(notes);
        return content;
    }
    let shown = room - 1;
    let first = scroll.min(notes.len() - shown);
    let last = first + shown;
    let total = notes.len();
    content.extend(notes.into_iter().skip(first).take(shown));
    let marker = if last < total {
        format!("▼ more: lines {}–{last} of {total} · {keys} scroll", first + 1)
    } else {
        format!("▲ lines {}–{last} of {total} · {keys} scroll", first + 1)
    };
    content.push(Line::styled(marker, theme.as_of));
    content
}

/// The top line: the clock (left), the discreet marker, the counter (right).
fn header(frame: &mut Frame, screen: Rect, app: &App, p: &Presenter, count: usize, theme: &Theme) {
    let counter = format!("{}/{count}", p.slide + 1);
    let w = counter.chars().count() as u16;
    if screen.width > w {
        frame.render_widget(
            Paragraph::new(Span::styled(counter, theme.muted)),
            Rect::new(screen.x + screen.width - w - 1, screen.y, w, 1),
        );
    }
    if !app.room_may_show_private() {
        return;
    }
    let mut left = 1;
    if p.clock {
        frame.render_widget(
            Paragraph::new(Span::styled(clock(p), theme.muted)),
            Rect::new(screen.x + 1, screen.y, 8.min(screen.width), 1),
        );
        left += 10;
    }
    if let Some(text) = marker(app) {
        let room = screen.width.saturating_sub(left + w + 3);
        frame.render_widget(
            Paragraph::new(Span::styled(truncate(&text, usize::from(room)), theme.muted)),
            Rect::new(screen.x + left, screen.y, room, 1),
        );
    }
}

/// Elapsed time since the presentation started, as `hh:mm:ss`.
pub fn clock(p: &Presenter) -> String {
    let secs = p.started.elapsed().as_secs();
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The one line that stands in for what the room is not shown: the last
/// message, or that the data file has errors (never the errors).
fn marker(app: &App) -> Option<String> {
    let open = keymap::key_for(Context::Present, &crate::app::Action::ToggleBackstage).unwrap_or_default();
    match (app.session.message(), app.session.reload_errors().is_empty()) {
        (Some(message), true) => Some(message.to_string()),
        (Some(message), false) => Some(format!("{message} · data file has errors ({open})")),
        (None, false) => Some(format!("data file has errors ({open})")),
        (None, true) => None,
    }
}

/// The slide index, a layer over the slide: each row its title and, for
/// a position, who spoke and when under it; the current slide marked,
/// the selected one highlighted.
pub fn index(frame: &mut Frame, screen: Rect, app: &App, p: &Presenter, selected: usize, theme: &Theme) {
    let slides = app.slides();
    let area = centred(
        screen,
        MAX_WIDTH.min(screen.width.saturating_sub(4)),
        screen.height.saturating_sub(4),
    );
    let inner = overlay(frame, area, index_title(), theme);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    for (i, slide) in slides.iter().enumerate() {
        let mark = if i == p.slide { "▶" } else { " " };
        let (title, who) = index_row(app, slide);
        let style = if i == selected { theme.selected } else { theme.text };
        if i == selected {
            selected_line = lines.len();
        }
        lines.push(Line::styled(
            truncate(&format!("{mark}{:>3}. {title}", i + 1), w),
            style,
        ));
        if let Some(who) = who {
            let muted = if i == selected {
                theme.selected
            } else {
                theme.muted
            };
            lines.push(Line::styled(truncate(&format!("      {who}"), w), muted));
        }
    }
    let skip = selected_line.saturating_sub(usize::from(inner.height) / 2);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}

/// One index row's title and, for a position, who spoke and when.
pub(super) fn index_row(app: &App, slide: &Slide) -> (String, Option<String>) {
    let text = app.text();
    match slide {
        Slide::Heading(heading) => (format!("§ {heading}"), None),
        Slide::Position { position, .. } => {
            let pos = &app.data().positions[*position];
            let t = &text.positions[*position];
            let actor = &text.actors[pos.actor].name;
            // A speaker who is the party itself ("China, China") is named once.
            let who = match &t.speaker {
                Some(speaker) if !same_name(speaker, actor) => format!("— {actor}, {speaker}, {}", pos.date),
                _ => format!("— {actor}, {}", pos.date),
            };
            (t.stance.clone(), Some(who))
        }
        Slide::Event { event, .. } => (format!("Event: {}", text.events[*event].name), None),
        Slide::Comparison { topic, .. } => (format!("Comparison: {}", text.topics[*topic].name), None),
        Slide::Matrix { as_of, .. } => (
            match as_of {
                Some(d) => format!("Matrix as of {d}"),
                None => "Matrix: latest positions".to_string(),
            },
            None,
        ),
        Slide::Missing { target, .. } => match app.last_good(target) {
            // Shown as it was: its title then, marked for the presenter.
            Some((lib, demarche_core::deck::Resolved::Position(p))) => {
                (format!("{} [stale]", lib.text.positions[p].stance), None)
            }
            Some((lib, demarche_core::deck::Resolved::Event(e))) => {
                (format!("Event: {} [stale]", lib.text.events[e].name), None)
            }
            Some((lib, demarche_core::deck::Resolved::Topic(t))) => {
                (format!("Comparison: {} [stale]", lib.text.topics[t].name), None)
            }
            _ => (format!("[missing {}]", target.id()), None),
        },
    }
}

/// True if two names are one (case and surrounding space aside).
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The slide number being typed, where the counter is.
pub(crate) fn go_to(frame: &mut Frame, screen: Rect, typed: &str, theme: &Theme) {
    let prompt = format!("go to {typed}_");
    let w = (prompt.chars().count() as u16).min(screen.width);
    let spot = Rect::new(screen.x + screen.width.saturating_sub(w + 1), screen.y, w, 1);
    frame.render_widget(Clear, spot);
    frame.render_widget(Paragraph::new(Span::styled(prompt, theme.key)), spot);
}

/// Nothing: the room sees an empty screen.
pub fn blank(frame: &mut Frame, screen: Rect, theme: &Theme) {
    frame.render_widget(Clear, screen);
    frame.render_widget(Paragraph::new("").style(theme.text), screen);
}

/// Backstage: what the room does not see, for the presenter alone —
/// the last message, the data file's errors, the slide's notes.
pub(crate) fn backstage(frame: &mut Frame, screen: Rect, app: &App, scroll: usize, theme: &Theme) {
    let area = super::dialog_area(screen);
    let close = keymap::keys_for(Context::Backstage, &crate::app::Action::Back);
    let inner = overlay(
        frame,
        area,
        format!(" Backstage: not for the room ({close} closes) "),
        theme,
    );
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if let Some(message) = app.session.message() {
        lines.extend(wrap_plain(message, width, theme.text));
        lines.push(Line::default());
    }
    if !app.session.reload_errors().is_empty() {
        lines.push(Line::styled(
            "The data file has errors; the slides show the last good data:",
            theme.error,
        ));
        for error in app.session.reload_errors() {
            lines.extend(wrap_plain(error, width, theme.error));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled("My notes", theme.heading));
    match app.presenter().and_then(|p| app.slide_note(p.slide)) {
        Some(note) => lines.extend(super::notes::lines(note, width, theme.text)),
        None => lines.push(Line::styled("(no notes on this slide)", theme.empty)),
    }
    scrolled(frame, inner, lines, scroll, theme.text);
}

/// The index's title, its keys from the keymap.
fn index_title() -> String {
    use crate::app::Action;
    let key = |action: Action| keymap::key_for(Context::Index, &action).unwrap_or_default();
    format!(
        " Slides ({}/{} and {}, or a number and {}; {} closes) ",
        key(Action::Up),
        key(Action::Down),
        key(Action::Activate),
        key(Action::Activate),
        key(Action::Back)
    )
}

impl Draw for Blank {
    fn render(&self, frame: &mut Frame, area: Rect, _: &App, theme: &Theme, _: &mut Areas) {
        blank(frame, area, theme);
    }
}

impl Draw for Backstage {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, _: &mut Areas) {
        backstage(frame, area, app, self.scroll, theme);
    }
}

impl Draw for SlideIndex {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, _: &mut Areas) {
        if let Some(p) = app.presenter() {
            index(frame, area, app, p, self.selected, theme);
        }
    }
}

impl Draw for GoTo {
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, _: &mut Areas) {
        // The console shows it in its header.
        if app.console().is_none() {
            go_to(frame, area, &self.typed, theme);
        }
    }
}

impl Draw for Presenter {
    fn render(&self, frame: &mut Frame, _: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        render(frame, app, self, theme, areas);
    }
}
