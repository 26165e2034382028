//! Pure rendering: reads the `App`, draws a frame, and returns where each
//! pane and item landed so mouse clicks can become actions.

pub(crate) mod capture;
pub(crate) mod changes;
mod columns;
pub(crate) mod console;
pub(crate) mod deck;
mod detail;
pub(crate) mod export;
pub mod help;
pub(crate) mod matrix;
pub mod notes;
pub(crate) mod present;
pub mod reader;
pub(crate) mod search;
mod slide;
mod status;
pub mod text;
mod timeline;
mod topics;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use crate::app::{App, Component, Focus};
use crate::app::{Draw, Explorer};
use crate::theme::Theme;

pub use crate::app::{Areas, DetailDrawn};
pub use help::evidence_legend;

/// Below this the app only says it needs more room.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 12;

/// Sizes at which panes give up space, in this order: the timeline
/// shrinks to one line, the detail becomes an overlay, then one column.
const FULL_WIDTH: u16 = 100;
const FULL_HEIGHT: u16 = 30;
const SINGLE_COLUMN_WIDTH: u16 = 70;

/// How the screen is divided at the current size.
struct Screen {
    topics: Option<Rect>,
    columns: Rect,
    detail: Option<Rect>,
    timeline: Rect,
    status: Rect,
    single_column: bool,
}

fn split(area: Rect, app: &App) -> Screen {
    let full_timeline = area.height >= FULL_HEIGHT && area.width >= FULL_WIDTH;
    let timeline_height = if full_timeline { 6 } else { 1 };
    let [main, timeline, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(timeline_height),
        Constraint::Length(1),
    ])
    .areas(area);
    let single_column = area.width < SINGLE_COLUMN_WIDTH;
    if single_column {
        let topics_shown = app.explorer.view.focus == Focus::Topics;
        return Screen {
            topics: topics_shown.then_some(main),
            columns: main,
            detail: None,
            timeline,
            status,
            single_column,
        };
    }
    let topics_width = (area.width / 5).clamp(18, 30);
    if area.width < FULL_WIDTH {
        let [topics, columns] =
            Layout::horizontal([Constraint::Length(topics_width), Constraint::Fill(1)]).areas(main);
        return Screen {
            topics: Some(topics),
            columns,
            detail: None,
            timeline,
            status,
            single_column,
        };
    }
    let detail_width = (area.width * 3 / 10).clamp(34, 70);
    let [topics, columns, detail] = Layout::horizontal([
        Constraint::Length(topics_width),
        Constraint::Fill(1),
        Constraint::Length(detail_width),
    ])
    .areas(main);
    Screen {
        topics: Some(topics),
        columns,
        detail: Some(detail),
        timeline,
        status,
        single_column,
    }
}

/// A bordered block whose border shows focus, titled `title` cut to the
/// width of `area` (after a whole word, with `…`: ratatui would clip it
/// silently).
pub(crate) fn pane_block<'a>(title: &str, area: Rect, focused: bool, theme: &Theme) -> Block<'a> {
    let room = usize::from(area.width.saturating_sub(2));
    let title = match title.trim() {
        "" => String::new(),
        // A space each side of the words, as the titles are written.
        words => format!(" {} ", text::truncate(words, room.saturating_sub(2))),
    };
    let border = if focused { theme.border_focus } else { theme.border };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(border)
        .title(Line::styled(title, theme.title))
        .style(theme.text)
}

/// Clears `area`, draws a focused box titled `title` there, and returns
/// its inside: the frame of every overlay (help, search, deck, ...).
pub(crate) fn overlay<'a>(
    frame: &mut Frame,
    area: Rect,
    title: impl Into<std::borrow::Cow<'a, str>>,
    theme: &Theme,
) -> Rect {
    frame.render_widget(Clear, area);
    let title: std::borrow::Cow<str> = title.into();
    let block = pane_block(&title, area, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The area of the large dialogs (search, deck, what changed): the
/// screen less a small margin.
pub(crate) fn dialog_area(screen: Rect) -> Rect {
    centred(
        screen,
        screen.width.saturating_sub(6).max(20),
        screen.height.saturating_sub(4).max(6),
    )
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub(crate) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A message alone in the middle of the screen.
fn centred_message(frame: &mut Frame, message: &str, theme: &Theme) {
    let area = frame.area();
    let lines = text::wrap_plain(message, usize::from(area.width), theme.text);
    let height = (lines.len() as u16).min(area.height);
    let spot = Rect::new(area.x, area.y + (area.height - height) / 2, area.width, height);
    frame.render_widget(Paragraph::new(lines).centered(), spot);
}

/// The first load is running in the background.
fn loading(frame: &mut Frame, file: &str, theme: &Theme) {
    use crate::app::{Action, Context, keymap::keys_for};
    let quit = [Context::Always, Context::Global]
        .map(|c| keys_for(c, &Action::Quit))
        .join(" or ");
    centred_message(frame, &format!("Loading {file}…\n\n{quit}: quit"), theme);
}

fn too_small(frame: &mut Frame, theme: &Theme) {
    centred_message(
        frame,
        &format!("terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT})"),
        theme,
    );
}

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Areas {
    let area = frame.area();
    frame.render_widget(Block::default().style(theme.text), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, theme);
        return Areas::default();
    }
    if let Some(file) = app.session.loading() {
        loading(frame, file, theme);
        return Areas::default();
    }
    let mut areas = Areas::default();
    let layers: Vec<&dyn Component> = app.layers.iter().collect();
    // What a full-screen layer covers is not drawn at all.
    let first = layers.iter().rposition(|l| l.covers_screen());
    match first {
        Some(i) => layers[i].render(frame, area, app, theme, &mut areas),
        None => app.base_view().render(frame, area, app, theme, &mut areas),
    }
    // A broken data file never covers a slide: while presenting, the
    // presenter's marker (or console) says so instead; the console shows
    // it in its own footer.
    if !app.session.reload_errors().is_empty() && app.presenter().is_none() && app.console().is_none() {
        banner(frame, area, app, theme);
    }
    if let Some(problem) = app.deck.problem() {
        status::problem(frame, area, problem, theme);
    }
    // Each layer draws itself, over everything drawn before it.
    for layer in &layers[first.map_or(0, |i| i + 1)..] {
        layer.render(frame, area, app, theme, &mut areas);
    }
    areas
}

/// The explorer's panes (the detail pane as an overlay when narrow).
pub(crate) fn explorer(frame: &mut Frame, app: &App, theme: &Theme, areas: &mut Areas) {
    let area = frame.area();
    let screen = split(area, app);
    match screen.topics {
        Some(topics_area) if screen.single_column => topics::render(frame, topics_area, app, theme, areas),
        topics_area => {
            if let Some(t) = topics_area {
                topics::render(frame, t, app, theme, areas);
            }
            columns::render(frame, screen.columns, app, theme, screen.single_column, areas);
        }
    }
    if let Some(d) = screen.detail {
        detail::render(frame, d, app, theme, areas);
    } else if app.explorer.view.focus == Focus::Detail {
        let overlay = centred(area, area.width.saturating_sub(4), area.height.saturating_sub(4));
        frame.render_widget(Clear, overlay);
        detail::render(frame, overlay, app, theme, areas);
    }
    timeline::render(frame, screen.timeline, app, theme, areas);
    status::render(frame, screen.status, app, theme);
}

/// The data file failed to reload: its diagnostics over the top rows,
/// until the file is fixed. The last good data stays underneath.
fn banner(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = usize::from(area.width);
    let mut lines = vec![Line::styled(
        text::truncate(
            "The data file has errors; showing the last good data. Fix the file to reload:",
            width,
        ),
        theme.error,
    )];
    let shown = usize::from(area.height / 3).max(1);
    for line in app.session.reload_errors().iter().take(shown) {
        lines.push(Line::styled(text::truncate(line, width), theme.error));
    }
    if app.session.reload_errors().len() > shown {
        lines.push(Line::styled(
            format!("… and {} more", app.session.reload_errors().len() - shown),
            theme.error,
        ));
    }
    let rect = Rect {
        height: (lines.len() as u16).min(area.height),
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).style(theme.error), rect);
}

/// Draws `header` at the top of `area` and returns the room below it.
pub(crate) fn header_and_body(frame: &mut Frame, area: Rect, header: Vec<Line<'static>>) -> Rect {
    let height = (header.len() as u16).min(area.height);
    frame.render_widget(Paragraph::new(header), Rect { height, ..area });
    Rect {
        y: area.y + height,
        height: area.height - height,
        ..area
    }
}

/// Renders `lines` into `area`, skipping the first `scroll` lines.
pub(crate) fn scrolled(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: usize,
    style: Style,
) {
    let max = lines.len().saturating_sub(usize::from(area.height));
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(scroll.min(max))
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(visible).style(style), area);
}

impl Draw for Explorer {
    fn render(&self, frame: &mut Frame, _: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
        explorer(frame, app, theme, areas);
    }
}
