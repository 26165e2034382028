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
/// (`order`: cause before effect), each at the date it sorts at. An event
/// goes with the positions stated at it: no later than the first of them,
/// and among events of one date in their order, so the indictment event
/// lists before the halt that answers it, as their positions do.
pub fn entries(data: &Dataset) -> Vec<(Date, Item)> {
    let key = |p: usize| data.order.key(p).unwrap_or(data.positions[p].date);
    let mut first: Vec<Option<usize>> = vec![None; data.events.len()];
    for (p, position) in data.positions.iter().enumerate() {
        if let Some(slot) = position.event.and_then(|e| first.get_mut(e))
            && slot.is_none_or(|f| data.order.rank(p) < data.order.rank(f))
        {
            *slot = Some(p);
        }
    }
    let events = data
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date, Item::Event(i)));
    let positions = (0..data.positions.len()).map(|p| (key(p), Item::Position(p)));
    let mut all: Vec<(Date, Item)> = events.chain(positions).collect();
    all.sort_by_key(|&(date, item)| match item {
        Item::Event(e) => match first[e] {
            Some(p) => (date.min(key(p)), 0, data.order.rank(p), e),
            None => (date, 0, usize::MAX, e),
        },
        Item::Position(p) => (date, 1, data.order.rank(p), p),
    });
    all
}

/// Event indices in date order.
pub fn events_by_date(data: &Dataset) -> Vec<usize> {
    let mut order: Vec<usize> = (0..data.events.len()).collect();
    order.sort_by_key(|&i| data.events[i].date);
    order
}

/// Event indices as the timeline draws their marks: periods first,
/// longest first, then the events of one day, each length in date order
/// (`by_date`), so a year-long span never hides a point inside it.
/// Worked out once per load, not per frame.
pub fn events_longest_first(data: &Dataset, by_date: &[usize]) -> Vec<usize> {
    let months = |d: Date| d.month_index() as f64 + d.day_fraction();
    let length = |e: usize| {
        let event = &data.events[e];
        months(event.end.unwrap_or(event.date).last_day()) - months(event.date.first_day())
    };
    let mut order = by_date.to_vec();
    order.sort_by(|&a, &b| length(b).total_cmp(&length(a)));
    order
}

/// Gaps in the data longer than this many months are cut out of the
/// axis, so one early incident does not squeeze everything else.
pub(crate) const AXIS_GAP_MONTHS: i64 = 24;

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

    /// Marks are drawn longest period first, one-day events last, and
    /// events of one length in date order.
    #[test]
    fn event_marks_longest_first_then_by_date() {
        let data = crate::load::load_str("b.toml", BUNDLED).unwrap().dataset;
        let by_date = events_by_date(&data);
        let order = events_longest_first(&data, &by_date);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            (0..data.events.len()).collect::<Vec<_>>(),
            "every event once"
        );
        let span = |e: usize| {
            let event = &data.events[e];
            let (from, to) = (event.date.first_day(), event.end.unwrap_or(event.date).last_day());
            (
                to.month_index() - from.month_index(),
                event.end.is_some() || from != to,
            )
        };
        for pair in order.windows(2) {
            let (a, b) = (span(pair[0]), span(pair[1]));
            assert!(
                a.0 >= b.0,
                "{:?} before {:?}",
                data.events[pair[0]].id,
                data.events[pair[1]].id
            );
            if !a.1 && !b.1 {
                assert!(data.events[pair[0]].date <= data.events[pair[1]].date);
            }
        }
        assert!(span(order[0]).1, "a period comes first");
    }

    /// The timeline reads cause before effect for events as for
    /// positions: the indictment event before China's halt event, and
    /// every event no later than the first position stated at it.
    #[test]
    fn events_follow_their_positions_cause_before_effect() {
        let data = crate::load::load_str("b.toml", BUNDLED).unwrap().dataset;
        let all = entries(&data);
        let ids = data.id_index();
        let place = |item: Item| all.iter().position(|&(_, i)| i == item).unwrap();
        let event = |id: &str| place(Item::Event(ids.events[id]));
        let position = |id: &str| place(Item::Position(ids.positions[id]));
        assert!(event("pla-indictment-2014") < event("china-halts-cooperation-2014"));
        assert!(position("us-2014-pla-indictment") < position("china-2014-halts-cooperation"));
        for (p, position) in data.positions.iter().enumerate() {
            if let Some(e) = position.event {
                assert!(
                    place(Item::Event(e)) < place(Item::Position(p)),
                    "{}",
                    position.id
                );
            }
        }
        let mut positions: Vec<usize> = all
            .iter()
            .filter_map(|&(_, i)| match i {
                Item::Position(p) => Some(p),
                Item::Event(_) => None,
            })
            .collect();
        let listed = positions.clone();
        data.order.sort(&mut positions);
        assert_eq!(listed, positions, "positions keep the one order");
    }

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
