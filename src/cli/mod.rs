//! The command line: the explorer by default, and subcommands for scripts
//! and quick look-ups. Results go to stdout, messages to stderr.
//! `args` defines the arguments; `commands` (scripting), `session` (the
//! explorer and presentation), `console`, `export` and `matrix` run them.

mod args;
mod commands;
mod console;
mod curate;
mod export;
mod interop;
mod matrix;
pub mod position_flags;
mod session;

use std::path::PathBuf;

pub use args::*;
pub use commands::*;
pub use export::export;
pub use matrix::{MatrixFormat, MatrixRequest};
pub use session::*;

use demarche_core::load::{self, LoadError, Loaded};

/// Writes results to stdout. A closed pipe (`demarche list | head`) is
/// not an error worth a message: the reader has what it wanted.
fn emit(text: &str) -> Result<(), CliError> {
    match crate::stream::out(text) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Failed(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// What went wrong at the top level, reported once by `main`.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    /// An edit of a positions file was refused; nothing was written.
    #[error(transparent)]
    Edit(#[from] demarche_core::edit::EditError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
    /// The explorer ended by a signal or with something to say: exits
    /// with `code` after saying `message` (if not empty).
    #[error("{message}")]
    Ended { code: i32, message: String },
}

impl CliError {
    /// 2 for usage errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Ended { code, .. } => *code,
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
        crate::stream::err(&loaded.warnings.rendered);
    }
    Ok(loaded)
}

/// Runs a parsed command line.
pub fn run(mut cli: Cli) -> Result<(), CliError> {
    // Edits change only a file the user named, never the bundled one.
    let named = cli.data.clone();
    if cli.data.is_none() {
        cli.data = load::source_tree_file();
    }
    let key_problems = install_user_keys();
    let data = cli.data.as_ref();
    match &cli.command {
        Some(Command::Keys) => keys(),

        Some(Command::Check { file }) => check(file.as_ref().or(data)),
        Some(Command::Verify { strict }) => verify(&cli, *strict),
        Some(Command::List {
            actor,
            topic,
            from,
            to,
            as_of,
            json,
            format,
        }) => {
            let filter = ListFilter {
                actor: actor.clone(),
                topic: topic.clone(),
                from: *from,
                to: *to,
                as_of: *as_of,
            };
            list(data, &filter, *json, *format)
        }
        Some(Command::Changes { since, topic, json }) => changes(data, *since, topic.as_deref(), *json),
        Some(Command::Timeline { json, format }) => timeline(data, *json, *format),
        Some(Command::Matrix {
            as_of,
            since,
            history,
            json,
            format,
        }) => {
            let request = MatrixRequest {
                as_of: *as_of,
                since: *since,
                history: *history,
                json: *json,
                format: *format,
            };
            matrix::run(data, &request)
        }
        Some(Command::Search { query, limit, json }) => search(data, query, *limit, *json),
        Some(Command::Export {
            format,
            output,
            topic,
            pair,
            no_notes,
        }) => export(
            &cli,
            *format,
            output.as_ref(),
            topic.as_deref(),
            pair.as_deref(),
            !no_notes,
        ),
        Some(Command::Present { notes }) => explore(&cli, Some(*notes), key_problems),
        Some(Command::Console { duration }) => console::run(&cli, *duration, key_problems),
        Some(Command::Completions { shell }) => completions(*shell),
        Some(Command::Man) => manual(),
        Some(Command::New {
            file,
            title,
            parties,
            observers,
            topics,
        }) => curate::new_file(file, title, parties, observers, topics),
        Some(Command::Add { what }) => {
            let data = curate::edited_file(named.as_ref())?;
            match what {
                AddCommand::Position(args) => curate::add_position(data, cli.sources.as_deref(), args),
                source => curate::add_source(data, cli.sources.as_deref(), source),
            }
        }
        Some(Command::Read { source }) => read(&cli, source, key_problems),
        Some(Command::Import { csv, output, into }) => {
            interop::import(csv, output.as_ref(), into.as_ref(), cli.sources.as_deref())
        }
        Some(Command::Annotations { output }) => interop::annotations(&cli, output.as_ref()),
        None => explore(&cli, None, key_problems),
    }
}
