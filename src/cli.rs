//! The command line: the explorer by default, and subcommands for scripts
//! and quick look-ups. Results go to stdout, messages to stderr.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::date::Date;
use crate::display::DisplayText;
use crate::load::{self, LoadError, Loaded};
use crate::output::{self, columns, output_width};

#[derive(Debug, Parser)]
#[command(
    name = "demarche",
    version,
    about = "Explore negotiation positions side by side in the terminal."
)]
#[command(
    long_about = "Explore negotiation positions side by side in the terminal.\n\n\
With no subcommand, opens the explorer on the bundled dataset (or --data FILE)."
)]
pub struct Cli {
    /// Positions file to use instead of the bundled dataset.
    #[arg(long, global = true, env = "DEMARCHE_DATA", value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Colour theme: default, light or high-contrast (or a file in the config directory).
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,

    /// Leave the mouse to the terminal, so its own text selection works.
    #[arg(long, global = true)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a positions file: a one-line summary, or every problem with its line and column.
    Check {
        /// The file to check (default: --data, or the bundled dataset).
        file: Option<PathBuf>,
    },
    /// List positions in date order.
    List {
        /// Only this actor's positions (an actor id).
        #[arg(long, value_name = "ID")]
        actor: Option<String>,
        /// Only positions on this topic (a topic id).
        #[arg(long, value_name = "ID")]
        topic: Option<String>,
        /// Only positions on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        from: Option<Date>,
        /// Only positions on or before this date.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        to: Option<Date>,
        /// Print JSON (see docs/CLI.md) instead of columns.
        #[arg(long)]
        json: bool,
    },
    /// Show events and positions together in date order.
    Timeline {
        /// Print JSON (see docs/CLI.md) instead of columns.
        #[arg(long)]
        json: bool,
    },
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|e| e.to_string())
}

/// What went wrong at the top level, reported once by `main`.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
}

impl CliError {
    /// 2 for usage errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// Loads `--data FILE` or the bundled dataset, printing warnings to stderr.
pub fn load_data(data: Option<&PathBuf>) -> Result<Loaded, LoadError> {
    let loaded = match data {
        Some(path) => load::load_path(path)?,
        None => load::load_bundled()?,
    };
    if !loaded.warnings.diagnostics.is_empty() {
        eprint!("{}", loaded.warnings.rendered);
    }
    Ok(loaded)
}

pub fn check(file: Option<&PathBuf>) -> Result<(), CliError> {
    let loaded = load_data(file)?;
    let name = file.map_or(load::BUNDLED_NAME.to_string(), |f| f.display().to_string());
    println!("{}", summary(&name, &loaded));
    Ok(())
}

/// One line: counts per table and the date range.
pub fn summary(name: &str, loaded: &Loaded) -> String {
    let d = &loaded.dataset;
    let range = d.date_range().map_or(String::from("no dates"), |(a, b)| {
        format!("{} to {}", a.iso(), b.iso())
    });
    let warnings = loaded.warnings.diagnostics.len();
    let warned = if warnings > 0 {
        format!(", {warnings} warning(s)")
    } else {
        String::new()
    };
    format!(
        "{name}: ok: {} actors ({} parties, {} observers), {} topics, {} sources, {} events, {} positions; {range}{warned}",
        d.actors.len(),
        d.parties().len(),
        d.observers().len(),
        d.topics.len(),
        d.sources.len(),
        d.events.len(),
        d.positions.len(),
    )
}

/// Filters for `list`.
pub struct ListFilter {
    pub actor: Option<String>,
    pub topic: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

fn unknown_id(kind: &str, id: &str, known: impl Iterator<Item = String>) -> CliError {
    let known: Vec<String> = known.collect();
    let list = known.join(", ");
    CliError::Usage(format!("unknown {kind} id \"{id}\"; known: {list}"))
}

/// Position indices matching the filter, in date order.
pub fn list_positions(data: &crate::model::Dataset, f: &ListFilter) -> Result<Vec<usize>, CliError> {
    let ids = data.id_index();
    let actor = match &f.actor {
        Some(a) => Some(
            *ids.actors
                .get(a)
                .ok_or_else(|| unknown_id("actor", a, data.actors.iter().map(|x| x.id.clone())))?,
        ),
        None => None,
    };
    let topic = match &f.topic {
        Some(t) => Some(
            *ids.topics
                .get(t)
                .ok_or_else(|| unknown_id("topic", t, data.topics.iter().map(|x| x.id.clone())))?,
        ),
        None => None,
    };
    Ok(data
        .positions_by_date()
        .into_iter()
        .filter(|&i| {
            let p = &data.positions[i];
            actor.is_none_or(|a| p.actor == a)
                && topic.is_none_or(|t| p.topic == t)
                && f.from.is_none_or(|d| p.date.last_day() >= d.first_day())
                && f.to.is_none_or(|d| p.date.first_day() <= d.last_day())
        })
        .collect())
}

pub fn list(data: Option<&PathBuf>, filter: &ListFilter, json: bool) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let found = list_positions(d, filter)?;
    if json {
        let items: Vec<_> = found.iter().map(|&i| output::position_json(d, i)).collect();
        println!("{}", output::json_document("positions", items));
        return Ok(());
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = found.iter().map(|&i| output::position_row(d, &text, i)).collect();
    print!("{}", columns(&rows, output_width()));
    Ok(())
}

pub fn timeline(data: Option<&PathBuf>, json: bool) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let entries = crate::timeline::entries(d);
    if json {
        let items: Vec<_> = entries
            .iter()
            .map(|&(_, item)| output::timeline_json(d, item))
            .collect();
        println!("{}", output::json_document("timeline", items));
        return Ok(());
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|&(_, item)| output::timeline_row(d, &text, item))
        .collect();
    print!("{}", columns(&rows, output_width()));
    Ok(())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let data = cli.data.as_ref();
    match cli.command {
        Some(Command::Check { file }) => check(file.as_ref().or(data)),
        Some(Command::List {
            actor,
            topic,
            from,
            to,
            json,
        }) => list(
            data,
            &ListFilter {
                actor,
                topic,
                from,
                to,
            },
            json,
        ),
        Some(Command::Timeline { json }) => timeline(data, json),
        None => Err(CliError::Failed("the explorer is not built yet".into())),
    }
}
