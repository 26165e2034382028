//! The command line: the explorer by default, and subcommands for scripts
//! and quick look-ups. Results go to stdout, messages to stderr.

mod matrix;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod console;
pub use matrix::{MatrixFormat, MatrixRequest};

use crate::date::Date;
use crate::display::DisplayText;
use crate::load::{self, LoadError, Loaded};
use crate::output::{self, columns, output_width};

mod export;
pub use export::export;

/// The heading global options are grouped under in every `--help`, so
/// each subcommand's own options come first.
const GLOBAL: &str = "Global options";

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
    // The value is not shown in --help, which clap prints itself.
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        env = "DEMARCHE_DATA",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub data: Option<PathBuf>,

    /// Colour theme: default, light, high-contrast or projector (or a file in the config directory).
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "NAME")]
    pub theme: Option<String>,

    /// Leave the mouse to the terminal, so its own text selection works.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_mouse: bool,

    /// Folder of the source texts (each source's `file`); also looked for beside the data file.
    #[arg(long, global = true, help_heading = GLOBAL, env = "DEMARCHE_SOURCES", value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// Talking-points deck file (default: NAME.talking-points.toml beside the data file).
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "FILE")]
    pub deck: Option<PathBuf>,

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
    /// Prove every quote against its source text: each must stand there verbatim.
    #[command(
        long_about = "Prove every quote against its source text: each quote must stand verbatim in the text of \
the source it cites (white space folded, no-break spaces included; quotes, dashes and case exact; `...` \
skips words). Source texts are each source's `file`, looked for in --sources DIR, then beside the data file.\n\n\
A mismatch prints FILE:LINE:COL of the quote, the position id, the closest passage and a character diff. \
Sources whose text is not found are listed as unverifiable. Exit status 1 on any mismatch."
    )]
    Verify,
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
        /// Each party's standing as of this date: positions stated by then,
        /// each marked latest or superseded.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Print JSON (see docs/CLI.md) instead of columns.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Print CSV (RFC 4180, a header row, one row per position) instead of columns.
        #[arg(long, value_enum)]
        format: Option<ListFormat>,
    },
    /// What changed since a date: every new or changed position after it.
    Changes {
        /// The date to compare with (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Date,
        /// Print JSON (see docs/CLI.md) instead of columns.
        #[arg(long)]
        json: bool,
    },
    /// Export the talking-points deck, or one topic as a side-by-side table.
    Export {
        /// Output format: md (footnotes), html (a printable handout),
        /// pandoc (citations for pandoc --citeproc; needs -o) or txt.
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Write to this file instead of stdout (pandoc: and the
        /// bibliography beside it, FILE's name with .references.json).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export this topic as a table (date | party A | party B) instead of the deck.
        #[arg(long, value_name = "ID")]
        topic: Option<String>,
        /// The two parties for --topic, as IDs: A,B (default: the first two parties).
        #[arg(long, value_name = "A,B", value_delimiter = ',')]
        pair: Option<Vec<String>>,
        /// Leave the user's notes out.
        #[arg(long)]
        no_notes: bool,
    },
    /// Present the deck full screen.
    Present {
        /// Show the presenter's notes on the slides.
        #[arg(long)]
        notes: bool,
    },
    /// The presenter's window: run beside `present` (same --data and --deck) to
    /// see notes, the next slide and the time, and to drive both screens.
    Console {
        /// The talk's target length (45m, 1h30m, 90s) for a countdown.
        #[arg(long, value_name = "LENGTH", value_parser = console::parse_duration)]
        duration: Option<std::time::Duration>,
    },
    /// Ranked search, with the explorer's engine and query syntax.
    #[command(long_about = crate::search::syntax::help_text())]
    Search {
        /// The query, e.g. "indict 'precondition actor:china from:2015".
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON (see docs/CLI.md) instead of columns.
        #[arg(long)]
        json: bool,
    },
    /// Every party's latest position on every topic at a date, with each
    /// topic's agreement status (agreed, stated, one-sided, none).
    Matrix {
        /// The date to show (YYYY, YYYY-MM or YYYY-MM-DD; default: the latest positions).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        /// Mark positions stated after this date as changed.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<Date>,
        /// When each topic's status changed, instead of the matrix at a date.
        #[arg(long, conflicts_with_all = ["as_of", "since"])]
        history: bool,
        /// Print JSON (see docs/CLI.md).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format: txt (default), md (a Markdown table) or csv.
        #[arg(long, value_enum)]
        format: Option<MatrixFormat>,
    },
    /// List every key binding in force (with yours from config.toml) and
    /// the names to rebind them with.
    Keys,
    /// Print a shell completion script: `demarche completions bash > ~/.local/share/bash-completion/completions/demarche`.
    Completions {
        /// The shell to write completions for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `demarche man > ~/.local/share/man/man1/demarche.1`.
    Man,
    /// Show events and positions together in date order.
    Timeline {
        /// Print JSON (see docs/CLI.md) instead of columns.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Print TimelineJS3 JSON (for a TimelineJS page) instead of columns.
        #[arg(long, value_enum)]
        format: Option<TimelineFormat>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Md,
    Html,
    Pandoc,
    Txt,
}

impl ExportFormat {
    pub fn deck_format(self) -> crate::export::DeckFormat {
        use crate::export::DeckFormat;
        match self {
            ExportFormat::Md => DeckFormat::Markdown,
            ExportFormat::Html => DeckFormat::Html,
            ExportFormat::Pandoc => DeckFormat::Pandoc,
            ExportFormat::Txt => DeckFormat::Text,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TimelineFormat {
    Timelinejs,
}

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

pub fn check(file: Option<&PathBuf>) -> Result<(), CliError> {
    let loaded = load_data(file)?;
    let name = file.map_or(load::BUNDLED_NAME.to_string(), |f| f.display().to_string());
    emit(&format!("{}\n", summary(&name, &loaded)))
}

/// One line: counts per table and the date range.
pub fn summary(name: &str, loaded: &Loaded) -> String {
    let d = &loaded.dataset;
    let range = d
        .date_range()
        .map_or(String::from("no dates"), |(a, b)| match a == b {
            true => a.iso(),
            false => format!("{} to {}", a.iso(), b.iso()),
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
    pub as_of: Option<Date>,
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
                && f.from.is_none_or(|d| crate::asof::on_or_after(p.date, d))
                && f.to.is_none_or(|d| crate::asof::stated_by(p.date, d))
                && f.as_of.is_none_or(|d| crate::asof::stated_by(p.date, d))
        })
        .collect())
}

pub fn list(
    data: Option<&PathBuf>,
    filter: &ListFilter,
    json: bool,
    format: Option<ListFormat>,
) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let found = list_positions(d, filter)?;
    if format == Some(ListFormat::Csv) {
        let text = DisplayText::new(d);
        let csv = crate::export::csv(d, &text, &found).map_err(|e| CliError::Failed(e.to_string()))?;
        return emit(&csv);
    }
    let standings = filter.as_of.map(|date| crate::asof::standings(d, date));
    let standing = |i: usize| standings.as_ref().map(|s| s[i]);
    if json {
        let items: Vec<_> = found
            .iter()
            .map(|&i| output::with_standing(output::position_json(d, i), standing(i)))
            .collect();
        return emit(&output::json_document("positions", items));
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|&i| {
            let mut row = output::position_row(d, &text, i);
            if let Some(s) = standing(i) {
                row.insert(1, output::standing_label(s).to_string());
            }
            row
        })
        .collect();
    emit(&columns(&rows, output_width()))
}

pub fn search(data: Option<&PathBuf>, query: &str, limit: usize, json: bool) -> Result<(), CliError> {
    let parsed = crate::search::Query::parse(query).map_err(|e| CliError::Usage(format!("query: {e}")))?;
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let text = DisplayText::new(d);
    let index = crate::search::SearchIndex::new(d, &text);
    index
        .check(&parsed)
        .map_err(|e| CliError::Failed(format!("query: {e}")))?;
    let found = index.search(&parsed, limit);
    if found.hits.is_empty() {
        return Err(CliError::Failed(format!("no results for \"{query}\"")));
    }
    for c in &found.corrections {
        crate::stream::err(&format!(
            "showing results for \"{}\" (no match for \"{}\")",
            c.used, c.typed
        ));
    }
    let hits = found.hits;
    if json {
        let items: Vec<_> = hits.iter().map(|h| output::hit_json(d, h)).collect();
        return emit(&output::json_document("results", items));
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| output::hit_row(d, &text, h, parsed.filter_words()))
        .collect();
    emit(&output::columns_with_flex(
        &rows,
        output_width(),
        output::HIT_STANCE_COLUMN,
    ))
}

pub fn timeline(data: Option<&PathBuf>, json: bool, format: Option<TimelineFormat>) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    if format == Some(TimelineFormat::Timelinejs) {
        return emit(&crate::export::timelinejs(d, &DisplayText::new(d)));
    }
    let entries = crate::timeline::entries(d);
    if json {
        let items: Vec<_> = entries
            .iter()
            .map(|&(_, item)| output::timeline_json(d, item))
            .collect();
        return emit(&output::json_document("timeline", items));
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|&(_, item)| output::timeline_row(d, &text, item))
        .collect();
    emit(&columns(&rows, output_width()))
}

/// Fails unless stdin and stdout are a terminal.
fn need_terminal(what: &str) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Failed(format!(
            "{what} needs a terminal; for scripts use check, verify, list, search, timeline, changes, matrix or export"
        )));
    }
    Ok(())
}

/// The theme named by `--theme`, or the default; NO_COLOR respected.
fn theme_for(cli: &Cli) -> Result<crate::theme::Theme, CliError> {
    let config = crate::theme::config_dir();
    crate::theme::choose(
        cli.theme.as_deref(),
        config.as_deref(),
        crate::theme::no_color_requested(),
    )
    .map_err(|e| CliError::Usage(e.to_string()))
}

/// The places source texts are looked for.
pub fn source_dirs(cli: &Cli) -> crate::sources::SourceDirs {
    crate::sources::SourceDirs::new(cli.sources.as_deref(), cli.data.as_deref())
}

/// `verify`: every quote against its source text; exit 1 on a mismatch.
pub fn verify(cli: &Cli) -> Result<(), CliError> {
    let (name, text) = match &cli.data {
        Some(path) => {
            // Refuses a FIFO or device instead of waiting on it.
            let bytes = load::read_file(path)?;
            let bytes = bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .map(<[u8]>::to_vec)
                .unwrap_or(bytes);
            match String::from_utf8(bytes) {
                Ok(text) => (path.display().to_string(), text),
                // The loader says where the bad byte is.
                Err(e) => {
                    return Err(load::load_bytes(&path.display().to_string(), e.as_bytes())
                        .err()
                        .map_or_else(|| CliError::Failed("not UTF-8".into()), CliError::from));
                }
            }
        }
        None => (load::BUNDLED_NAME.to_string(), load::BUNDLED.to_string()),
    };
    // One BOM is gone already: a second is an error, as in `check`.
    let loaded = load::load_text(&name, &text)?;
    if !loaded.warnings.diagnostics.is_empty() {
        crate::stream::err(&loaded.warnings.rendered);
    }
    let found = crate::verify::verify(&name, &text, &loaded, &source_dirs(cli));
    emit(&found.report)?;
    if found.mismatches > 0 {
        return Err(CliError::Failed(format!(
            "{} quote(s) do not match their source text",
            found.mismatches
        )));
    }
    Ok(())
}

/// Opens the explorer, or the presentation when `present` is set.
/// The explorer (or, with `present`, the presentation). `notice` goes on
/// the status line at start, e.g. a bad key binding in config.toml.
pub fn explore(cli: &Cli, present: Option<bool>, notice: Option<String>) -> Result<(), CliError> {
    // A bad option is reported as such, with or without a terminal.
    let theme = theme_for(cli)?;
    need_terminal("the explorer")?;
    let mut deck_file = deck_path(cli.deck.as_ref(), cli.data.as_ref());
    if let Some(path) = &deck_file {
        // Left by saves that were killed part way; nobody else wants them.
        crate::deck::remove_stale_temps(path);
    }
    // A deck that cannot be used (say, from a newer demarche) is left
    // untouched: the session starts with an empty deck that is not saved.
    let (deck, note) = load_deck(deck_file.as_ref()).unwrap_or_else(|e| {
        deck_file = None;
        (
            crate::deck::Deck::default(),
            Some(format!("{e}; this session's deck will not be saved")),
        )
    });
    if present.is_some() && deck.is_empty() {
        return Err(CliError::Failed(format!(
            "the deck is empty: pin positions in the explorer ({}) first",
            crate::app::keymap::keys_for(crate::app::Context::Global, &crate::app::Action::TogglePin)
        )));
    }
    // A data file loads off the UI thread, so a large one does not freeze
    // the terminal; the small bundled data loads here.
    let app = match cli.data.as_ref() {
        Some(path) => crate::app::App::loading(&path.display().to_string()),
        None => crate::app::App::new(load_data(None)?.dataset),
    };
    let mut app = app.with_search_worker().with_deck(deck);
    if let Some(message) = note.or(notice) {
        app.apply(crate::app::Action::Notify(message));
    }
    if let Some(notes) = present {
        app.show_notes = notes;
        app.after_load(crate::app::Action::Present);
    }
    // A console finds this presentation by the deck's path; without a
    // private place for the socket, the talk runs on one screen.
    let socket = match deck_file.as_deref().map(console::socket_for) {
        Some(Ok(socket)) if present.is_some() && crate::remote::live(&socket) => {
            return Err(CliError::Failed(
                "another window is already presenting this deck: run `demarche console` to drive it, \
                 or present another --deck"
                    .into(),
            ));
        }
        Some(Ok(socket)) => Some(socket),
        Some(Err(e)) => {
            app.apply(crate::app::Action::Notify(format!("no presenter console: {e}")));
            None
        }
        None => None,
    };
    let options = crate::tui::Options {
        theme,
        mouse: !cli.no_mouse,
        data_file: cli.data.clone(),
        deck_file,
        sources: source_dirs(cli),
        socket,
        console_deck: None,
    };
    let ended = crate::tui::run(&mut app, options).map_err(|e| CliError::Failed(format!("terminal: {e}")))?;
    if app.load_failed {
        // Loaded again for the full report (source lines and carets),
        // printed now that the terminal is back.
        load_data(cli.data.as_ref())?;
        return Err(CliError::Failed(
            "the data file changed while loading: try again".into(),
        ));
    }
    ended_status(ended)
}

/// Exit statuses by convention: 128 + the signal that ended the explorer
/// (130 SIGINT, 129 SIGHUP, 143 SIGTERM); 1 if talking points could not
/// be saved (a rescue copy was written: the message says where).
fn ended_status(ended: crate::tui::Ended) -> Result<(), CliError> {
    // Parts of these come from the deck file (a key in a toml message).
    let message = crate::sanitize::block(&ended.problems.join("\n"));
    let code = match (ended.signal, message.is_empty()) {
        (Some(signal), _) => 128 + signal,
        (None, false) => 1,
        (None, true) => return Ok(()),
    };
    Err(CliError::Ended { code, message })
}

pub fn changes(data: Option<&PathBuf>, since: Date, json: bool) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let found = crate::asof::changes_since(d, since);
    if json {
        let items: Vec<_> = found.iter().map(|c| output::change_json(d, c)).collect();
        return emit(&output::json_document("changes", items));
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = found.iter().map(|c| output::change_row(d, &text, c)).collect();
    emit(&columns(&rows, output_width()))
}

/// Reads `[keys]` from `config.toml` and puts the bindings in force.
/// Problems are reported on stderr (file:line:col) and returned for the
/// explorer's status line; the defaults stay for those bindings.
fn install_user_keys() -> Option<String> {
    let path = crate::theme::config_dir()?.join("config.toml");
    let (user, report) = crate::app::keyconfig::from_file(&path);
    crate::app::keymap::install(&user);
    if let Some(report) = &report {
        crate::stream::err(report);
    }
    report.map(|r| r.lines().next().unwrap_or_default().to_string())
}

/// `demarche keys`: each context's keys, their config names and meaning.
fn keys() -> Result<(), CliError> {
    use crate::app::keyconfig::{action_name, context_name};
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut last: Option<(String, String)> = None;
    for b in crate::app::keymap::bindings() {
        let (context, action) = (context_name(b.context), action_name(&b.action));
        match (&last, rows.last_mut()) {
            (Some((c, a)), Some(row)) if *c == context && *a == action => {
                row[1] = format!("{} {}", row[1], b.key.label());
            }
            _ => rows.push(vec![
                context.clone(),
                b.key.label(),
                action.clone(),
                b.help.to_string(),
            ]),
        }
        last = Some((context, action));
    }
    let header = ["context", "keys", "name in [keys.CONTEXT]", "what it does"]
        .map(String::from)
        .to_vec();
    rows.insert(0, header);
    emit(&columns(&rows, output_width()))
}

/// Writes the completion script for `shell` to stdout.
fn completions(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "demarche", &mut script);
    emit(&String::from_utf8_lossy(&script))
}

/// Writes the manual page, in roff, to stdout.
fn manual() -> Result<(), CliError> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| CliError::Failed(format!("cannot render the manual page: {e}")))?;
    emit(&String::from_utf8_lossy(&page))
}

/// The deck file for a data file: `--deck`, else beside the data file,
/// else (bundled data) in the user's data directory.
pub fn deck_path(deck: Option<&PathBuf>, data: Option<&PathBuf>) -> Option<PathBuf> {
    if let Some(deck) = deck {
        return Some(deck.clone());
    }
    if let Some(data) = data {
        return Some(crate::deck::default_path(data));
    }
    let base = crate::dirs::xdg("XDG_DATA_HOME", ".local/share")?;
    Some(base.join("demarche").join("positions.talking-points.toml"))
}

/// Loads the deck, telling the user if a broken one was moved aside.
fn load_deck(path: Option<&PathBuf>) -> Result<(crate::deck::Deck, Option<String>), CliError> {
    let Some(path) = path else {
        return Ok((crate::deck::Deck::default(), None));
    };
    let loaded = crate::deck::load(path).map_err(|e| CliError::Failed(e.to_string()))?;
    let note = loaded.moved_aside.map(|aside| {
        format!(
            "{}: could not be read, so it was moved to {} and a new deck started",
            path.display(),
            aside.display()
        )
    });
    if let Some(note) = &note {
        crate::stream::err(note);
    }
    Ok((loaded.deck, note))
}

/// Runs a parsed command line.
pub fn run(mut cli: Cli) -> Result<(), CliError> {
    if cli.data.is_none() {
        cli.data = load::source_tree_file();
    }
    let key_problems = install_user_keys();
    let data = cli.data.as_ref();
    match &cli.command {
        Some(Command::Keys) => keys(),

        Some(Command::Check { file }) => check(file.as_ref().or(data)),
        Some(Command::Verify) => verify(&cli),
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
        Some(Command::Changes { since, json }) => changes(data, *since, *json),
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
        None => explore(&cli, None, key_problems),
    }
}
