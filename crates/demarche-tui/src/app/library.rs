//! The data as the app holds it: a validated dataset and everything
//! derived from it once per load (display text, search index, id lookups,
//! timeline axis, party pairs, the matrix index, and each position's
//! history when first shown).

use std::sync::Arc;

use demarche_core::model::{Dataset, IdIndex};
use demarche_core::search::SearchIndex;
use demarche_core::text::display::DisplayText;

/// A loaded dataset and everything derived from it once. The dataset is
/// read off the UI thread (`crate::watch`); the rest is built when it
/// is swapped in (`App::reloaded`), after the old library is dropped.
#[derive(Clone)]
pub struct Library {
    pub data: Dataset,
    pub text: DisplayText,
    pub index: Arc<SearchIndex>,
    pub ids: IdIndex,
    /// Stretches of months the timeline axis shows (long gaps cut out).
    pub axis_spans: Vec<(i64, i64)>,
    pub by_topic: Vec<Vec<usize>>,
    pub by_event: Vec<Vec<usize>>,
    /// Events in date order.
    pub events: Vec<usize>,
    /// Events in the order the timeline draws their marks: longest first.
    pub events_longest_first: Vec<usize>,
    /// Events in the order the timeline places their labels: those with
    /// the most positions first (the key moments), then by date. It does
    /// not depend on the selection, so labels stay put while stepping.
    pub label_order: Vec<usize>,
    /// Every pair of parties, in file order: (0,1), (0,2), (1,2)...
    pub pairs: Vec<(usize, Option<usize>)>,
    /// Each actor's positions per topic in date order, and each topic's
    /// status changes: the matrix, the history and the "as of" standings.
    pub matrix: demarche_core::matrix::MatrixIndex,
    /// Each position's history (word diffs), worked out when first shown.
    pub histories: demarche_core::history::Histories,
}

impl Library {
    pub fn new(data: Dataset) -> Self {
        let ids = data.id_index();
        Self::with_ids(data, ids)
    }

    /// As `new`, with the id lookups already built (a reload builds them
    /// first, to learn whether the deck still needs the old data).
    pub fn with_ids(data: Dataset, ids: IdIndex) -> Self {
        let text = DisplayText::new(&data);
        let index = Arc::new(SearchIndex::new(&data, &text));
        let mut by_topic = vec![Vec::new(); data.topics.len()];
        let mut by_event = vec![Vec::new(); data.events.len()];
        for (i, p) in data.positions.iter().enumerate() {
            for t in p.topics() {
                by_topic[t].push(i);
            }
            if let Some(e) = p.event {
                by_event[e].push(i);
            }
        }
        let events = demarche_core::timeline::events_by_date(&data);
        let events_longest_first = demarche_core::timeline::events_longest_first(&data, &events);
        let mut label_order = events.clone();
        label_order.sort_by_key(|&e| std::cmp::Reverse(by_event[e].len()));
        let pairs = party_pairs(&data.parties());
        let axis_spans = demarche_core::timeline::axis_spans(&data);
        let matrix = demarche_core::matrix::MatrixIndex::new(&data);
        Library {
            histories: demarche_core::history::Histories::default(),
            matrix,
            axis_spans,
            data,
            text,
            index,
            ids,
            by_topic,
            by_event,
            events,
            events_longest_first,
            label_order,
            pairs,
        }
    }
}

impl Library {
    /// The dataset alone: what is derived from it is dropped.
    pub fn into_data(self) -> Dataset {
        self.data
    }
}

/// Compared and shown by their data only: the rest is derived from it.
impl PartialEq for Library {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("title", &self.data.title)
            .field("positions", &self.data.positions.len())
            .finish_non_exhaustive()
    }
}

fn party_pairs(parties: &[usize]) -> Vec<(usize, Option<usize>)> {
    match parties {
        [] => vec![],
        [one] => vec![(*one, None)],
        _ => (0..parties.len())
            .flat_map(|i| (i + 1..parties.len()).map(move |j| (parties[i], Some(parties[j]))))
            .collect(),
    }
}
