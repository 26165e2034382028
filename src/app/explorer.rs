//! The explorer, the base view under the layers: what it shows (the
//! topic, the party pair, the cell, the focus: [`View`]), the grid built
//! from that, and its actions (moving around is in `navigate`).

use super::layers::Handled;
use super::{Action, App, Column, DeckView, Effect, Grid};

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

impl App {
    /// The position under the cursor, if the cell is not empty.
    pub fn selected(&self) -> Option<usize> {
        self.grid.cell(self.view.row, self.view.column)
    }

    /// The current party pair as actor indices.
    pub fn pair(&self) -> Option<(usize, Option<usize>)> {
        self.lib.pairs.get(self.view.pair).copied()
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
    pub(super) fn explorer_action(&mut self, action: Action) -> Handled {
        match action {
            Action::OpenSearch => self.open_search(),
            Action::TogglePin => self.toggle_pin(),
            Action::OpenDeck => self.layers.push(DeckView::default()),
            Action::OpenSource => self.open_reader(),
            Action::Present => self.start_presenting(None),
            Action::CopySelection => self.copy_selection(),
            Action::ExportDeck => self.open_export(),
            Action::Reload => self.effects.push(Effect::Reload),
            Action::ShowChanges => self.show_changes(),
            Action::OpenMatrix => self.open_matrix(),
            Action::Back if self.matrix_behind.is_some() => self.return_to_matrix(),
            Action::ToggleHelp => self.open_help(),
            other => return self.browse_action(other),
        }
        Handled::Consumed
    }

    /// Stance, quote and citation of the selection, for the clipboard.
    fn copy_selection(&mut self) {
        let Some(p) = self.selected() else {
            self.message = Some("nothing selected to copy".into());
            return;
        };
        self.effects.push(Effect::Copy(crate::export::citation_text(
            &self.lib.data,
            &self.lib.text,
            p,
        )));
        self.message = Some("copied to the clipboard".into());
    }

    /// Rebuilds the grid from the view and keeps the cursor inside it.
    pub(crate) fn refresh(&mut self) {
        let columns = self.columns();
        let positions: &[usize] = match self.view.event {
            Some(e) if self.view.focus == Focus::Timeline => &self.lib.by_event[e],
            _ => self.lib.by_topic.get(self.view.topic).map_or(&[], Vec::as_slice),
        };
        self.grid = Grid::build(&self.lib.data, positions, columns);
        self.view.row = self.view.row.min(self.grid.rows.len().saturating_sub(1));
        self.view.column = self.view.column.min(self.grid.columns.len().saturating_sub(1));
        self.view.link = self.view.link.min(self.links().len().saturating_sub(1));
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
        if self.view.observers {
            columns.push(Column {
                actors: self.lib.data.observers(),
                observers: true,
            });
        }
        columns
    }
}
