//! The timeline: events and positions merged in date order, and the
//! layout of a horizontal date axis for the timeline pane.

use crate::date::Date;
use crate::model::Dataset;

/// One dated thing on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Event(usize),
    Position(usize),
}

/// Events and positions in date order; on the same date an event comes
/// before the positions stated at it, and file order breaks other ties.
pub fn entries(data: &Dataset) -> Vec<(Date, Item)> {
    let events = data
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date, Item::Event(i)));
    let positions = data
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| (p.date, Item::Position(i)));
    let mut all: Vec<(Date, Item)> = events.chain(positions).collect();
    all.sort_by_key(|&(date, item)| (date, matches!(item, Item::Position(_))));
    all
}

/// Event indices in date order.
pub fn events_by_date(data: &Dataset) -> Vec<usize> {
    let mut order: Vec<usize> = (0..data.events.len()).collect();
    order.sort_by_key(|&i| data.events[i].date);
    order
}
