//! What the last frame drew, for input: where each pane and item
//! landed, so clicks and wheel turns become actions, and what a key
//! means once the layout is known (`Areas::refine`). The screen fills it
//! in (`ui::draw`, each layer's `Draw::render`); the event loop reads it.

use ratatui::layout::Rect;

use super::{Action, App, Pane, Spot};

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
    pub reader: Option<ReaderDrawn>,
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

/// The reader's text as drawn: where it is, the lines it shows, and the
/// character under each cell of each row, for the mouse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReaderDrawn {
    pub body: Rect,
    /// The first and last text lines with a row on screen.
    pub shown: Option<std::ops::RangeInclusive<usize>>,
    /// Per screen row: its text line and the character at each column.
    pub rows: Vec<(usize, Vec<usize>)>,
}

impl ReaderDrawn {
    /// The character at a screen cell (the last of its row past its end).
    pub fn spot_at(&self, x: u16, y: u16) -> Option<Spot> {
        let row = usize::from(y.checked_sub(self.body.y)?);
        let (line, cells) = self.rows.get(row.min(self.rows.len().checked_sub(1)?))?;
        let col = usize::from(x.saturating_sub(self.body.x));
        let char = cells.get(col).or(cells.last()).copied().unwrap_or(0);
        Some(Spot::new(*line, char))
    }
}
