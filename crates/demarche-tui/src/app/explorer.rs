//! The explorer, the base view under the layers: what it shows (the
//! topic, the party pair, the cell, the focus: [`View`]), the grid built
//! from that, and its actions (moving around is in `navigate`).

use std::collections::HashMap;

use super::layers::{Component, Handled};
use super::{Action, App, Column, Context, DeckView, Effect, Effects, Grid, MatrixView};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Topics,
    Columns,
    Detail,
    Timeline,
}

impl Focus {
    const ORDER: [Focus; 4] = [Focus::Topics, Focus::Columns, Focus::Detail, Focus::Timeline];

    pub(super) fn step(self, by: isize) -> Focus {
        let at = Focus::ORDER.iter().position(|&f| f == self).unwrap_or(0) as isize;
        Focus::ORDER[(at + by).rem_euclid(Focus::ORDER.len() as isize) as usize]
    }
}

/// What is on screen: everything Esc from a search restores.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub topic: usize,
    /// Index into `App::pairs`.
    pub pair: usize,
    pub row: usize,
    pub column: usize,
    pub focus: Focus,
    pub observers: bool,
    /// In timeline focus: the current event (index into the dataset).
    pub event: Option<usize>,
    pub detail_scroll: usize,
    /// The selected link in the detail pane.
    pub link: usize,
    /// Where links were followed from, the latest last: where
    /// `LinkBack` returns to.
    pub trail: Vec<Crumb>,
}

/// A followed link's way back: the position it was followed from, which
/// link, and how far the detail pane was scrolled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub position: usize,
    pub link: usize,
    pub scroll: usize,
}

impl Default for View {
    /// The first topic, the first pair, the columns focused.
    fn default() -> View {
        View {
            topic: 0,
            pair: 0,
            row: 0,
            column: 0,
            focus: Focus::Columns,
            observers: false,
            event: None,
            detail_scroll: 0,
            link: 0,
            trail: Vec::new(),
        }
    }
}

/// The explorer, the base view under the layers, and its own state.
#[derive(Default)]
pub struct Explorer {
    pub view: View,
    /// Derived from `view`; rebuilt whenever the view changes.
    pub grid: Grid,
    /// Matched characters of each position's stance, from the last search.
    pub highlights: HashMap<usize, Vec<usize>>,
    /// The matrix, while the explorer shows a cell opened from it (Esc
    /// brings it back).
    pub matrix_behind: Option<MatrixView>,
}

impl Component for Explorer {
    /// Its focus decides: the detail pane and the timeline have keys of
    /// their own.
    fn context(&self) -> Context {
        match self.view.focus {
            Focus::Timeline => Context::Timeline,
            Focus::Detail => Context::Detail,
            _ => Context::Browse,
        }
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        app.explorer_action(action)
    }
}

impl App {
    /// The position under the cursor, if the cell is not empty.
    pub fn selected(&self) -> Option<usize> {
        self.explorer
            .grid
            .cell(self.explorer.view.row, self.explorer.view.column)
    }

    /// The current party pair as actor indices.
    pub fn pair(&self) -> Option<(usize, Option<usize>)> {
        self.lib.pairs.get(self.explorer.view.pair).copied()
    }

    /// Links from the selected position, in the detail pane's order
    /// (`Dataset::link_groups`).
    pub fn links(&self) -> Vec<usize> {
        let Some(p) = self.selected() else {
            return Vec::new();
        };
        self.lib
            .data
            .link_groups(p)
            .into_iter()
            .flat_map(|(_, targets)| targets)
            .collect()
    }

    /// The explorer's actions: those not about moving around here, the
    /// rest in `navigate`.
    fn explorer_action(&mut self, action: Action) -> Handled {
        let mut effects = Effects::none();
        match action {
            Action::OpenSearch => effects = self.open_search(),
            Action::TogglePin => effects = self.toggle_pin(),
            Action::OpenDeck => self.layers.push(DeckView::default()),
            Action::OpenSource => effects = self.open_reader(),
            Action::Present => self.start_presenting(None),
            Action::CopySelection => effects = self.copy_selection(),
            Action::ExportDeck => self.open_export(),
            Action::Reload => effects = Effects::one(Effect::Reload),
            Action::ShowChanges => self.show_changes(),
            Action::OpenMatrix => self.open_matrix(),
            Action::Back if self.explorer.matrix_behind.is_some() => self.return_to_matrix(),
            Action::ToggleHelp => self.open_help(),
            other => return self.browse_action(other),
        }
        Handled::Consumed(effects)
    }

    /// Stance, quote and citation of the selection, for the clipboard.
    fn copy_selection(&mut self) -> Effects {
        let Some(p) = self.selected() else {
            self.session.message = Some("nothing selected to copy".into());
            return Effects::none();
        };
        let citation = demarche_core::export::citation_text(&self.lib.data, &self.lib.text, p);
        self.session.message = Some("copied to the clipboard".into());
        Effects::one(Effect::Copy(citation))
    }

    /// Rebuilds the grid from the view and keeps the cursor inside it.
    pub(crate) fn refresh(&mut self) {
        let columns = self.columns();
        let positions: &[usize] = match self.explorer.view.event {
            Some(e) if self.explorer.view.focus == Focus::Timeline => &self.lib.by_event[e],
            _ => self
                .lib
                .by_topic
                .get(self.explorer.view.topic)
                .map_or(&[], Vec::as_slice),
        };
        self.explorer.grid = Grid::build(&self.lib.data, positions, columns);
        self.explorer.view.row = self
            .explorer
            .view
            .row
            .min(self.explorer.grid.rows.len().saturating_sub(1));
        self.explorer.view.column = self
            .explorer
            .view
            .column
            .min(self.explorer.grid.columns.len().saturating_sub(1));
        self.explorer.view.link = self.explorer.view.link.min(self.links().len().saturating_sub(1));
    }

    fn columns(&self) -> Vec<Column> {
        let mut columns = Vec::new();
        if let Some((a, b)) = self.pair() {
            columns.push(Column {
                actors: vec![a],
                observers: false,
            });
            if let Some(b) = b {
                columns.push(Column {
                    actors: vec![b],
                    observers: false,
                });
            }
        }
        if self.explorer.view.observers {
            columns.push(Column {
                actors: self.lib.data.observers(),
                observers: true,
            });
        }
        columns
    }
}
