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
/// before the positions stated at it. Positions keep the one order
/// (`order`: cause before effect), each at the date it sorts at.
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
        .map(|(i, p)| (data.order.key(i).unwrap_or(p.date), Item::Position(i)));
    let mut all: Vec<(Date, Item)> = events.chain(positions).collect();
    all.sort_by_key(|&(date, item)| match item {
        Item::Event(e) => (date, 0, e),
        Item::Position(p) => (date, 1, data.order.rank(p)),
    });
    all
}

/// Event indices in date order.
pub fn events_by_date(data: &Dataset) -> Vec<usize> {
    let mut order: Vec<usize> = (0..data.events.len()).collect();
    order.sort_by_key(|&i| data.events[i].date);
    order
}

/// Gaps in the data longer than this many months are cut out of the
/// axis, so one early incident does not squeeze everything else.
pub const AXIS_GAP_MONTHS: i64 = 24;

/// The stretches of months the axis shows, as (first month index, number
/// of months), in order. Stretches are separated by gaps longer than
/// `AXIS_GAP_MONTHS` where nothing happened.
pub fn axis_spans(data: &Dataset) -> Vec<(i64, i64)> {
    // A month or year is drawn over its whole period, so the axis must
    // hold all of it; an event with an end needs its whole run.
    let months_of =
        |from: Date, until: Date| (from.first_day().month_index(), until.last_day().month_index());
    let mut months: Vec<(i64, i64)> = data
        .positions
        .iter()
        .map(|p| months_of(p.date, p.date))
        .chain(
            data.events
                .iter()
                .map(|e| months_of(e.date, e.end.unwrap_or(e.date))),
        )
        .collect();
    months.sort_unstable();
    let mut spans: Vec<(i64, i64)> = Vec::new();
    for (start, end) in months {
        match spans.last_mut() {
            Some((_, last_end)) if start - *last_end <= AXIS_GAP_MONTHS => *last_end = (*last_end).max(end),
            _ => spans.push((start, end)),
        }
    }
    spans
        .into_iter()
        .map(|(start, end)| (start, end - start + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::BUNDLED;

    #[test]
    fn long_empty_gaps_are_cut_from_the_axis() {
        let data = crate::load::load_str("b.toml", BUNDLED).unwrap().dataset;
        let spans = axis_spans(&data);
        assert_eq!(spans.len(), 2, "2001 alone, then 2013-2015: {spans:?}");
        let (first, months) = spans[0];
        assert_eq!(
            (first, months),
            (Date::year(2001).month_index(), 12),
            "2001, a year: all of it"
        );
    }
}
