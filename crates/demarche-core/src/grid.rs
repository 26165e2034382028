//! The side-by-side grid: one column per party (plus an optional
//! observers column), one row per moment. Statements with the same date
//! and event share a row, so the reader sees who spoke first and what
//! answers what. The explorer's columns, the comparison slide and the
//! exported tables all lay positions out with it.

use std::collections::HashMap;

use crate::date::Date;
use crate::model::Dataset;

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Actors whose positions fill this column.
    pub actors: Vec<usize>,
    /// True for the observers' commentary column.
    pub observers: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub date: Date,
    pub event: Option<usize>,
    pub topic: usize,
    /// One cell per column: a position index or silence.
    pub cells: Vec<Option<usize>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Grid {
    /// One topic laid out for two parties, as the exports and the
    /// comparison slide show it.
    pub fn for_pair(data: &Dataset, topic: usize, parties: [usize; 2]) -> Grid {
        let positions: Vec<usize> = (0..data.positions.len())
            .filter(|&p| data.positions[p].on_topic(topic))
            .collect();
        let columns = parties
            .map(|a| Column {
                actors: vec![a],
                observers: false,
            })
            .to_vec();
        Grid::build(data, &positions, columns)
    }

    /// Lays out `positions` (any order) into rows keyed by date, event and
    /// topic. Several positions of one column at the same moment take
    /// several rows.
    pub fn build(data: &Dataset, positions: &[usize], columns: Vec<Column>) -> Grid {
        let column_of = |actor: usize| columns.iter().position(|c| c.actors.contains(&actor));
        // Each placed position with its listing key (computed among these
        // positions only: a grid never pays for the whole file).
        let order = data.listing_keys(positions);
        let mut placed: Vec<(usize, usize, usize)> = positions
            .iter()
            .zip(order)
            .filter_map(|(&p, rank)| column_of(data.positions[p].actor).map(|c| (p, c, rank)))
            .collect();
        let key = |p: usize| {
            let pos = &data.positions[p];
            (pos.date, pos.event, pos.topic)
        };
        placed.sort_by_key(|&(p, c, rank)| (rank, key(p), c, p));
        let mut rows: Vec<Row> = Vec::new();
        let mut row_of: HashMap<usize, usize> = HashMap::new();
        let mut group_start = 0;
        for (p, c, _) in placed {
            let (date, event, topic) = key(p);
            let same_moment = rows
                .last()
                .is_some_and(|r| (r.date, r.event, r.topic) == (date, event, topic));
            if !same_moment {
                group_start = rows.len();
            }
            // Side by side at one moment, but never above a position it
            // answers: cause before effect, read down.
            let after_causes = data.positions[p]
                .responds_to
                .iter()
                .filter_map(|t| row_of.get(t))
                .copied()
                .fold(group_start, usize::max);
            let free = (after_causes..rows.len()).find(|&r| rows[r].cells[c].is_none());
            row_of.insert(p, free.unwrap_or(rows.len()));
            match free {
                Some(r) => rows[r].cells[c] = Some(p),
                None => {
                    let mut cells = vec![None; columns.len()];
                    cells[c] = Some(p);
                    rows.push(Row {
                        date,
                        event,
                        topic,
                        cells,
                    });
                }
            }
        }
        Grid { columns, rows }
    }

    /// Where position `p` sits, as (row, column).
    pub fn find(&self, p: usize) -> Option<(usize, usize)> {
        self.rows
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.cells.iter().position(|&c| c == Some(p)).map(|c| (r, c)))
    }

    pub fn cell(&self, row: usize, column: usize) -> Option<usize> {
        self.rows
            .get(row)
            .and_then(|r| r.cells.get(column).copied().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const DATA: &str = r#"format = 1
title = "T"
[[actors]]
id = "a"
name = "A"
[[actors]]
id = "b"
name = "B"
[[topics]]
id = "t"
name = "T"
[[sources]]
id = "s"
title = "S"
[[events]]
id = "e"
name = "E"
date = 2015-09-25
[[positions]]
id = "a1"
actor = "a"
topic = "t"
date = 2015-09-25
stance = "x"
source = "s"
event = "e"
[[positions]]
id = "b1"
actor = "b"
topic = "t"
date = 2015-09-25
stance = "y"
source = "s"
event = "e"
[[positions]]
id = "b0"
actor = "b"
topic = "t"
date = "2014"
stance = "z"
source = "s"
[[positions]]
id = "a2"
actor = "a"
topic = "t"
date = 2015-09-25
stance = "w"
source = "s"
event = "e"
"#;

    #[test]
    fn same_moment_shares_a_row_and_order_is_by_date() {
        let data = load_str("t.toml", DATA).unwrap().dataset;
        let cols = vec![
            Column {
                actors: vec![0],
                observers: false,
            },
            Column {
                actors: vec![1],
                observers: false,
            },
        ];
        let grid = Grid::build(&data, &[0, 1, 2, 3], cols);
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.rows[0].cells, vec![None, Some(2)]);
        assert_eq!(grid.rows[1].cells, vec![Some(0), Some(1)]);
        assert_eq!(grid.rows[2].cells, vec![Some(3), None]);
        assert_eq!(grid.find(3), Some((2, 0)));
    }

    #[test]
    fn an_answer_never_comes_before_what_it_answers() {
        // The halt of 20 May 2014 answers the indictment, known only as
        // "in 2014, by 20 May": the indictment row comes first.
        let data = load_str("b.toml", crate::load::BUNDLED).unwrap().dataset;
        let ids = data.id_index();
        let topic = data.positions[ids.positions["china-2014-halts-cooperation"]].topic;
        let parties = data.parties();
        let grid = Grid::for_pair(&data, topic, [parties[0], parties[1]]);
        let rows: Vec<String> = grid.rows.iter().map(|r| r.date.to_string()).collect();
        let indictment = rows
            .iter()
            .position(|d| d == "2014 – 20 May 2014")
            .expect("the indictment row");
        let halt = rows
            .iter()
            .position(|d| d == "20 May 2014")
            .expect("the halt row");
        assert!(indictment < halt, "{rows:?}");
        let order = data.list_order();
        let at = |id: &str| order.iter().position(|&i| i == ids.positions[id]).unwrap();
        assert!(at("us-2014-pla-indictment") < at("china-2014-halts-cooperation"));
    }

    #[test]
    fn a_cycle_of_answers_still_sorts() {
        // A hand-written file can make two positions answer each other.
        let mut data = load_str("b.toml", crate::load::BUNDLED).unwrap().dataset;
        data.positions[0].responds_to = vec![1];
        data.positions[1].responds_to = vec![0];
        data.reorder();
        let mut order = data.list_order();
        order.sort_unstable();
        assert_eq!(order, (0..data.positions.len()).collect::<Vec<_>>());
    }
}
