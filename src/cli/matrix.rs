//! `demarche matrix`: every party's latest position on every topic at a
//! date, with each topic's agreement status; or, with `--history`, when
//! each topic's status changed.

use std::path::PathBuf;

use super::{CliError, emit, load_data};
use demarche_core::date::Date;
use demarche_core::export::DeckFormat;
use demarche_core::matrix::MatrixIndex;
use demarche_core::matrix::table::MatrixTable;
use demarche_core::text::display::DisplayText;
use demarche_tui::output::{self, columns, output_width};

/// How `matrix` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixFormat {
    /// A paragraph per topic, a line per party.
    Txt,
    /// A Markdown table with footnoted sources.
    Md,
    /// A self-contained HTML page with the table.
    Html,
    /// A row per topic, columns per party.
    Csv,
}

/// What `matrix` was asked for.
pub struct MatrixRequest {
    pub as_of: Option<Date>,
    pub since: Option<Date>,
    pub history: bool,
    pub json: bool,
    pub format: Option<MatrixFormat>,
}

pub fn run(data: Option<&PathBuf>, req: &MatrixRequest) -> Result<(), CliError> {
    if req.history && req.format.is_some_and(|f| f != MatrixFormat::Txt) {
        return Err(CliError::Usage(
            "--history prints text or --json, not --format md or csv".into(),
        ));
    }
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let index = MatrixIndex::new(d);
    if req.history {
        return history(d, &index, req.json);
    }
    if req.json {
        return emit(&output::matrix_json(d, &index, req.as_of, req.since));
    }
    let text = DisplayText::new(d);
    let table = MatrixTable::build(&index, d, &text, req.as_of, req.since);
    let document = |format| demarche_core::export::matrix(d, &text, table.clone(), format, "").main;
    emit(&match req.format.unwrap_or(MatrixFormat::Txt) {
        MatrixFormat::Txt => document(DeckFormat::Text),
        MatrixFormat::Md => document(DeckFormat::Markdown),
        MatrixFormat::Html => document(DeckFormat::Html),
        MatrixFormat::Csv => demarche_core::export::matrix_csv(&table),
    })
}

fn history(d: &demarche_core::model::Dataset, index: &MatrixIndex, json: bool) -> Result<(), CliError> {
    if json {
        return emit(&output::matrix_history_json(d, index));
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = index
        .changes
        .iter()
        .enumerate()
        .flat_map(|(t, changes)| {
            let name = text.topics[t].name.clone();
            demarche_core::matrix::describe_history(d, &text, changes)
                .into_iter()
                .map(move |line| vec![name.clone(), line])
        })
        .collect();
    emit(&columns(&rows, output_width()))
}
