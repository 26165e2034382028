//! Reading a positions file: bytes -> text -> TOML -> validated `Dataset`,
//! with every problem reported at once as `FILE:LINE:COL`.

mod fields;
mod ids;
mod parts;
mod positions;
mod relations;
mod validate;
mod warnings;

use std::path::Path;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::Dataset;
use crate::safe_read::{self, Kind, ReadError};

/// The id rule, for the tests of the ids `edit` makes.
#[cfg(test)]
pub(crate) use fields::is_valid_id;
pub use fields::{did_you_mean, nearest};
pub use positions::{DATE_IS, POSITION_KEYS};
pub use warnings::observer_named;

/// Files above this size are refused before they are read.
pub(crate) const MAX_FILE_BYTES: u64 = Kind::Positions.limit();

/// Arrays and inline tables nested deeper than this are refused before
/// parsing, so no input can exhaust the stack.
const MAX_NESTING: usize = 64;

pub use diagnostic::MAX_SHOWN;

/// Every problem found in one file, rendered once.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
    /// `FILE:LINE:COL: severity: message` blocks with source lines and carets.
    pub rendered: String,
    /// One line per diagnostic, `FILE:LINE:COL: message`, for banners.
    pub summaries: Vec<String>,
}

impl Report {
    fn new(file: &str, text: &str, mut diagnostics: Vec<Diagnostic>) -> Self {
        let file = &crate::text::sanitize::span(file);
        diagnostic::in_file_order(&mut diagnostics);
        let shown = &diagnostics[..diagnostics.len().min(MAX_SHOWN)];
        // Both renderings map offsets to lines, which scans the whole
        // text: skip it for a clean file, and do it once, not once per
        // summary line, for a file with problems.
        if shown.is_empty() {
            return Report {
                file: file.to_string(),
                diagnostics,
                rendered: String::new(),
                summaries: Vec::new(),
            };
        }
        let rendered = diagnostic::render_capped(file, text, &diagnostics);
        let map = diagnostic::SourceMap::new(text);
        let summaries = shown
            .iter()
            .map(|d| {
                let at = map.line_col(d.span.start);
                format!("{file}:{}:{}: {}", at.line, at.col, d.message)
            })
            .collect();
        Report {
            file: file.to_string(),
            diagnostics,
            rendered,
            summaries,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// A file that loaded, with any warnings about it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Report,
    pub places: Places,
}

/// Where things stand in the loaded text (byte ranges), for tools that
/// point back into the file, such as `verify`. A side table, so the model
/// stays free of file positions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Places {
    /// Per position (index-aligned): the span of its `quote` string.
    pub quotes: Vec<Option<std::ops::Range<usize>>>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Not read at all: missing, not a regular file, or too large.
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{}{} in {}", .0.rendered, crate::text::plural::count(.0.count(Severity::Error), "error"), .0.file)]
    Invalid(Report),
}

/// Reads and validates the file at `path`, which must be a regular file.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = read_file(path)?;
    load_bytes(&path.display().to_string(), &bytes)
}

/// The bytes of the positions file at `path`, through the guarded reader.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    Ok(safe_read::read(path, Kind::Positions)?)
}

/// Validates raw bytes: a UTF-8 BOM is accepted, invalid UTF-8 is reported
/// at the first bad byte.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = bytes.len() as u64;
        return Err(ReadError::too_large(Path::new(file), size, Kind::Positions).into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => load_text(file, text),
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let at = e.valid_up_to();
            let msg = format!(
                "invalid UTF-8 (byte 0x{:02X}): positions files must be UTF-8 text",
                bytes[at]
            );
            Err(LoadError::Invalid(Report::new(
                file,
                good,
                vec![Diagnostic::error(at..at, msg)],
            )))
        }
    }
}

/// Validates TOML text; one leading byte order mark is allowed.
pub fn load_str(file: &str, text: &str) -> Result<Loaded, LoadError> {
    load_text(file, text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

/// Validates TOML text whose byte order mark (if any) is gone: a second
/// one is not TOML and is reported as such.
pub fn load_text(file: &str, text: &str) -> Result<Loaded, LoadError> {
    // The TOML parser skips a BOM of its own, so a second one would pass.
    let diagnostics = if text.starts_with('\u{FEFF}') {
        let msg = "a second byte order mark (U+FEFF): TOML allows one at most";
        vec![Diagnostic::error(0..'\u{FEFF}'.len_utf8(), msg)]
    } else if let Some(at) = parts::too_deep(text, MAX_NESTING) {
        let msg = format!("arrays or tables nested more than {MAX_NESTING} deep");
        vec![Diagnostic::error(at..at + 1, msg)]
    } else {
        return parse_and_validate(file, text);
    };
    Err(LoadError::Invalid(Report::new(file, text, diagnostics)))
}

fn parse_and_validate(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let (dataset, diagnostics) = parts::validate(text).unwrap_or_else(|| validate_whole(text));
    let report = Report::new(file, text, diagnostics);
    match dataset {
        Some((dataset, places)) if report.count(Severity::Error) == 0 => Ok(Loaded {
            dataset,
            warnings: report,
            places,
        }),
        _ => Err(LoadError::Invalid(report)),
    }
}

/// Parses and validates the whole document at once: the way every file
/// with a syntax error is read, so its messages are the parser's.
fn validate_whole(text: &str) -> parts::Validated {
    let (root, syntax) = toml::de::DeTable::parse_recoverable(text);
    let mut diagnostics: Vec<Diagnostic> = syntax
        .iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            Diagnostic::error(span, format!("TOML syntax: {}", e.message().trim()))
        })
        .collect();
    let dataset = if diagnostics.is_empty() {
        validate::validate(&root, &mut diagnostics)
    } else {
        None
    };
    (dataset, diagnostics)
}

/// The curated dataset shipped inside the binary.
pub const BUNDLED: &str = include_str!("../../../../positions.toml");

/// The name the bundled file goes by in messages.
pub const BUNDLED_NAME: &str = "positions.toml (bundled)";

/// The bundled file where it was built from, when this binary runs from
/// inside that checkout (`cargo run`, or `target/release/demarche`): then
/// edits to the file show up live. A binary installed or copied elsewhere
/// never touches the checkout and uses the embedded copy.
pub fn source_tree_file() -> Option<std::path::PathBuf> {
    let checkout = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .canonicalize()
        .ok()?;
    let exe = std::env::current_exe().ok()?.canonicalize().ok()?;
    let path = checkout.join("positions.toml");
    (exe.starts_with(&checkout) && path.is_file()).then_some(path)
}

/// Loads the bundled dataset.
pub fn load_bundled() -> Result<Loaded, LoadError> {
    load_str(BUNDLED_NAME, BUNDLED)
}

#[cfg(test)]
mod input_tests;
#[cfg(test)]
mod parts_tests;
#[cfg(test)]
mod tests;
