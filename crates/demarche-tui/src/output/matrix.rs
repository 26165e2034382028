//! The JSON documents of `matrix --json` and `matrix --history --json`
//! (docs/CLI.md).

use serde::Serialize;

use super::{JSON_VERSION, PositionJson, position_json};
use demarche_core::date::Date;
use demarche_core::model::Dataset;

/// A matrix cell: the position as `list --json` has it, and with a
/// `--since` date whether it was stated after it.
#[derive(Serialize)]
pub(crate) struct CellJson<'a> {
    #[serde(flatten)]
    pub position: PositionJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<bool>,
    /// The dates settle that this position stands at the date.
    pub certain: bool,
    /// Other positions of the party that stand with it.
    pub others: usize,
    /// A standing position of the party that qualifies this one.
    pub reservation: Option<&'a str>,
}

#[derive(Serialize)]
struct MatrixRowJson<'a> {
    topic: &'a str,
    status: demarche_core::matrix::Status,
    /// The dates settle the status.
    certain: bool,
    /// Party id to its latest position, or null.
    cells: std::collections::BTreeMap<&'a str, Option<CellJson<'a>>>,
}

#[derive(Serialize)]
struct MatrixJson<'a> {
    version: u32,
    as_of: Option<Date>,
    parties: Vec<&'a str>,
    rows: Vec<MatrixRowJson<'a>>,
}

/// `matrix --json`: `{"version", "as_of", "parties", "rows"}` (docs/CLI.md).
pub fn matrix_json(
    data: &Dataset,
    index: &demarche_core::matrix::MatrixIndex,
    as_of: Option<Date>,
    since: Option<Date>,
) -> String {
    let snapshot = index.snapshot(data, as_of);
    let parties: Vec<&str> = index
        .parties
        .iter()
        .map(|&a| data.actors[a].id.as_str())
        .collect();
    let rows = (0..data.topics.len())
        .map(|t| MatrixRowJson {
            topic: &data.topics[t].id,
            status: snapshot.status[t],
            certain: snapshot.certain[t],
            cells: parties
                .iter()
                .zip(snapshot.row(t))
                .map(|(&id, cell)| {
                    let cell = cell.position.map(|p| CellJson {
                        position: position_json(data, p),
                        changed: since.map(|s| demarche_core::matrix::changed_since(data, p, s)),
                        certain: cell.certain,
                        others: cell.others,
                        reservation: cell.reservation.map(|r| data.positions[r].id.as_str()),
                    });
                    (id, cell)
                })
                .collect(),
        })
        .collect();
    let doc = MatrixJson {
        version: JSON_VERSION,
        as_of,
        parties,
        rows,
    };
    pretty(&doc)
}

#[derive(Serialize)]
struct StatusChangeJson<'a> {
    /// The day the status holds from.
    date: Date,
    status: demarche_core::matrix::Status,
    certain: bool,
    /// The position that caused it.
    by: &'a str,
    relation: Option<demarche_core::model::Relation>,
}

#[derive(Serialize)]
struct TopicHistoryJson<'a> {
    topic: &'a str,
    changes: Vec<StatusChangeJson<'a>>,
}

/// `matrix --history --json`: each topic's status changes in date order.
pub fn matrix_history_json(data: &Dataset, index: &demarche_core::matrix::MatrixIndex) -> String {
    let items: Vec<TopicHistoryJson> = index
        .changes
        .iter()
        .enumerate()
        .map(|(t, changes)| TopicHistoryJson {
            topic: &data.topics[t].id,
            changes: changes
                .iter()
                .map(|c| StatusChangeJson {
                    date: c.day,
                    status: c.status,
                    certain: c.certain,
                    by: &data.positions[c.by].id,
                    relation: c.relation,
                })
                .collect(),
        })
        .collect();
    #[derive(Serialize)]
    struct HistoryJson<'a> {
        version: u32,
        history: Vec<TopicHistoryJson<'a>>,
    }
    pretty(&HistoryJson {
        version: JSON_VERSION,
        history: items,
    })
}

fn pretty<T: Serialize>(doc: &T) -> String {
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
    text.push('\n');
    text
}
