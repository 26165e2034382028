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

use crate::app::{Action, App, Component, Focus, Pane};
use crate::theme::Theme;

pub use help::evidence_legend;

/// Below this the app only says it needs more room.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Sizes at which panes give up space, in this order: the timeline
/// shrinks to one line, the detail becomes an overlay, then one column.
const FULL_WIDTH: u16 = 100;
const FULL_HEIGHT: u16 = 30;
const SINGLE_COLUMN_WIDTH: u16 = 70;

/// Where things were drawn, for mouse hits. Later entries are on top.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Areas {
    pub panes: Vec<(Pane, Rect)>,
    pub topic_rows: Vec<(Rect, usize)>,
    pub cells: Vec<(Rect, usize, usize)>,
    pub results: Vec<(Rect, usize)>,
    /// The note editor's text width, when it is open: Up and Down move
    /// by the rows drawn at that width.
    pub editor_width: Option<u16>,
    /// The detail pane as drawn: what choosing a link scrolls by.
    pub detail: Option<DetailDrawn>,
    /// The reader's text as drawn: mouse selection, the view following
    /// the cursor.
    pub reader: Option<reader::ReaderDrawn>,
}

/// The detail pane as drawn: its scroll (clamped to its content), its
/// height, and the line where each link starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DetailDrawn {
    pub scroll: usize,
    pub height: usize,
    pub links: Vec<usize>,
}

impl DetailDrawn {
    /// The scroll that shows the line `line` (and the one after it),
    /// moving as little as it can.
    fn scroll_to(&self, line: usize) -> usize {
        if line < self.scroll {
            line
        } else if line + 2 > self.scroll + self.height {
            (line + 2).saturating_sub(self.height)
        } else {
            self.scroll
        }
    }
}

fn contains(r: &Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x.saturating_add(r.width) && y >= r.y && y < r.y.saturating_add(r.height)
}

impl Areas {
    /// An action made to fit what was drawn: the editor's Up and Down
    /// become moves by soft-wrapped row; choosing a link in the detail
    /// pane scrolls it into view.
    pub fn refine(&self, app: &App, action: Action) -> Action {
        use crate::app::editor::Edit;
        match (action, self.editor_width) {
            (Action::Edit(Edit::Up), Some(w)) => Action::Edit(Edit::RowUp(usize::from(w))),
            (Action::Edit(Edit::Down), Some(w)) => Action::Edit(Edit::RowDown(usize::from(w))),
            (action @ (Action::Left | Action::Right), _) if app.context() == crate::app::Context::Detail => {
                self.choose_link(app.explorer.view.link, action)
            }
            (Action::ReaderMove(motion), _) => match self.reader.as_ref().and_then(|r| r.shown.clone()) {
                Some(shown) => Action::ReaderMoveShown(motion, shown),
                None => Action::ReaderMove(motion),
            },
            (action, _) => action,
        }
    }

    /// The mouse over the reader's text: press and drag select, letting
    /// go ends the selection, the wheel scrolls. None: not the reader's.
    pub fn reader_mouse(
        &self,
        app: &App,
        kind: crossterm::event::MouseEventKind,
        x: u16,
        y: u16,
    ) -> Option<Action> {
        use crossterm::event::{MouseButton, MouseEventKind as M};
        let drawn = self
            .reader
            .as_ref()
            .filter(|_| app.context() == crate::app::Context::Reader)?;
        let inside = contains(&drawn.body, x, y);
        let top = drawn.shown.as_ref().map_or(0, |s| *s.start());
        match kind {
            M::Down(MouseButton::Left) if inside => drawn
                .spot_at(x, y)
                .map(|spot| Action::ReaderPoint { spot, drag: false }),
            M::Drag(MouseButton::Left) => drawn
                .spot_at(x, y.clamp(drawn.body.y, drawn.body.bottom().saturating_sub(1)))
                .map(|spot| Action::ReaderPoint { spot, drag: true }),
            M::Up(MouseButton::Left) => Some(Action::ReaderRelease),
            M::ScrollDown if inside => Some(Action::ReaderTop(top + 3)),
            M::ScrollUp if inside => Some(Action::ReaderTop(top.saturating_sub(3))),
            _ => None,
        }
    }

    fn choose_link(&self, current: usize, action: Action) -> Action {
        let Some(detail) = self.detail.as_ref().filter(|d| !d.links.is_empty()) else {
            return action;
        };
        let last = detail.links.len() - 1;
        let link = match action {
            Action::Left => current.saturating_sub(1),
            _ => (current + 1).min(last),
        }
        .min(last);
        Action::ShowLink {
            link,
            scroll: detail.scroll_to(detail.links[link]),
        }
    }

    /// The topmost pane under a point.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        self.panes
            .iter()
            .rev()
            .find(|(_, r)| contains(r, x, y))
            .map(|(p, _)| *p)
    }

    /// What a left click at a point means.
    pub fn click(&self, x: u16, y: u16) -> Option<Action> {
        match self.pane_at(x, y)? {
            Pane::SearchResults => self
                .results
                .iter()
                .find(|(r, _)| contains(r, x, y))
                .map(|&(_, i)| Action::ClickItem(Pane::SearchResults, i)),
            Pane::Topics => self
                .topic_rows
                .iter()
                .find(|(r, _)| contains(r, x, y))
                .map(|&(_, i)| Action::ClickItem(Pane::Topics, i)),
            Pane::Columns => self
                .cells
                .iter()
                .find(|(r, _, _)| contains(r, x, y))
                .map(|&(_, row, column)| Action::ClickCell { row, column }),
            _ => None,
        }
    }
}

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
    if let Some(file) = &app.loading {
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
    if !app.reload_errors.is_empty() && app.presenter().is_none() && app.console().is_none() {
        banner(frame, area, app, theme);
    }
    if let Some(problem) = &app.deck_problem {
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
    for line in app.reload_errors.iter().take(shown) {
        lines.push(Line::styled(text::truncate(line, width), theme.error));
    }
    if app.reload_errors.len() > shown {
        lines.push(Line::styled(
            format!("… and {} more", app.reload_errors.len() - shown),
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
