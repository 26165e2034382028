//! The argument definitions: what `demarche --help` and each
//! subcommand's `--help` list. The commands themselves are in `commands`
//! and `session`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::MatrixFormat;
use demarche_core::date::Date;

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

    /// Colour theme: default, light, high-contrast or projector, NAME.toml in the config's themes folder, or a path with a /.
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
Sources whose text is not found are listed as unverifiable. Exit status 1 on any mismatch, or when no \
source text was found at all (nothing was proved); with --strict, also on any unverifiable quote."
    )]
    Verify {
        /// Fail (exit 1) on any quote whose source text was not found.
        #[arg(long)]
        strict: bool,
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
        /// Only changes on this topic (a topic id); a position with
        /// also_topics counts on each topic it bears on.
        #[arg(long, value_name = "ID")]
        topic: Option<String>,
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
        #[arg(long, value_name = "LENGTH", value_parser = super::console::parse_duration)]
        duration: Option<std::time::Duration>,
    },
    /// Ranked search, with the explorer's engine and query syntax.
    #[command(long_about = demarche_core::search::syntax::help_text())]
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
    /// Start a new positions file: a valid, commented starter with the
    /// parties, observers and topics given. Never overwrites a file.
    New {
        /// The file to create.
        file: PathBuf,
        /// The collection's title, e.g. "Fisheries talks 2020".
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// A party (gets a column), as ID:NAME, e.g. eu:"European Union" (repeat for more).
        #[arg(long = "party", value_name = "ID:NAME", value_parser = parse_named)]
        parties: Vec<Named>,
        /// An observer (analysts, third parties), as ID:NAME (repeat for more).
        #[arg(long = "observer", value_name = "ID:NAME", value_parser = parse_named)]
        observers: Vec<Named>,
        /// A topic, as ID:NAME (repeat for more).
        #[arg(long = "topic", value_name = "ID:NAME", value_parser = parse_named)]
        topics: Vec<Named>,
    },
    /// Add a source or a position to the --data file: comments and layout
    /// are kept, the whole file is checked (and a quote against its
    /// source's text) before anything is written.
    Add {
        #[command(subcommand)]
        what: AddCommand,
    },
    /// Open the reader on a source's text, to select passages and capture
    /// them as positions (its keys are in the status line and `?`).
    Read {
        /// The source's id (it must name a text with `file`).
        source: String,
    },
    /// Import positions from CSV (the columns `list --format csv` writes, by
    /// header, in any order) into a new file or an existing one.
    Import {
        /// The CSV file.
        csv: PathBuf,
        /// Create this new positions file (with the actors, topics, sources
        /// and events the rows name).
        #[arg(
            short,
            long,
            value_name = "NEW",
            conflicts_with = "into",
            required_unless_present = "into"
        )]
        output: Option<PathBuf>,
        /// Add the rows to this existing file (what they name must exist).
        #[arg(long, value_name = "EXISTING")]
        into: Option<PathBuf>,
    },
    /// Every quoted position as a W3C Web Annotation (JSON-LD) that
    /// annotation tools can anchor on the source's page.
    Annotations {
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
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
    pub fn deck_format(self) -> demarche_core::export::DeckFormat {
        use demarche_core::export::DeckFormat;
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

/// What to add with `demarche add`.
#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// A source: a text positions cite.
    Source {
        #[arg(long, value_name = "ID")]
        id: String,
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// The source's text (UTF-8), inside the data file's folder; stored relative to it.
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
        #[arg(long, value_name = "TEXT")]
        author: Option<String>,
        #[arg(long, value_name = "TEXT")]
        publisher: Option<String>,
        /// YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = |text: &str| super::position_flags::date_as_written(text, Date::parse))]
        date: Option<String>,
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// A position; prints its id.
    Position(super::position_flags::PositionArgs),
}

/// An id and a name, given as ID:NAME.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

fn parse_named(text: &str) -> Result<Named, String> {
    match text.split_once(':') {
        Some((id, name)) if !id.trim().is_empty() && !name.trim().is_empty() => Ok(Named {
            id: id.trim().to_string(),
            name: name.trim().to_string(),
        }),
        _ => Err(format!(
            "expected ID:NAME, e.g. eu:European Union, not \"{text}\""
        )),
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|e| e.to_string())
}
