//! The one way anything changes a user's positions file: `add source`,
//! `add position`, `import --into` and the reader's capture form all come
//! here.
//!
//! An edit parses the file with `toml_edit`, which keeps every comment,
//! blank line, key order and quoting style; the new entry goes after the
//! last entry of its kind, in the file's own layout (`place`). The whole
//! edited text is then loaded with the loader, and a quote is held to
//! `verify`'s rule against its source's text, BEFORE anything is
//! written; a refusal leaves the file byte-identical. The write is
//! atomic (`atomic`), so a running explorer reloads the whole new file.

mod ids;
mod place;

use std::path::{Path, PathBuf};

pub use ids::position_id;
pub use place::{Entry, Field, Kind, add_entries};

use crate::load::{self, LoadError, Loaded};
use crate::sources::{Folded, SourceDirs};

/// Why an edit was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The file as it stands does not read or load: fix it first.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The edited file would not load: every problem, as
    /// `FILE:LINE:COL` in the file as it would read with the addition.
    #[error(
        "{rendered}{file}: nothing written: the edit was refused (lines above are those of the file as it would read with the new entry)"
    )]
    Refused { file: String, rendered: String },
    /// The quote does not stand verbatim in its source's text.
    #[error("{report}{file}: nothing written: the quote must stand verbatim in the source's text")]
    Quote { file: String, report: String },
    /// The source's text, needed to check the quote, cannot be read.
    #[error("{file}: nothing written: source \"{source_id}\" names a text, but {why}")]
    NoText {
        file: String,
        source_id: String,
        why: String,
    },
    /// The file changed on disk while the edit was being prepared.
    #[error("{0}: nothing written: the file changed while the edit was prepared; try again")]
    Changed(String),
    #[error("{file}: cannot write: {source}")]
    Write { file: String, source: std::io::Error },
    /// Something the caller asked for is impossible (an entry that is
    /// not a table in this file, an id that cannot be made).
    #[error("{file}: nothing written: {message}")]
    Impossible { file: String, message: String },
}

/// A positions file on disk, read and loaded, ready to take entries.
pub struct DataFile {
    pub path: PathBuf,
    /// The name messages use for it.
    pub name: String,
    pub text: String,
    pub loaded: Loaded,
}

impl DataFile {
    /// Reads and loads `path`; a file that does not load takes no edits.
    pub fn open(path: &Path) -> Result<Self, EditError> {
        let name = path.display().to_string();
        let bytes = load::read_file(path)?;
        let loaded = load::load_bytes(&name, &bytes)?;
        // load_bytes accepted it, so it is UTF-8.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Ok(DataFile {
            path: path.to_path_buf(),
            name,
            text,
            loaded,
        })
    }

    /// The text with `entries` added, validated: loads without error, and
    /// every new quote stands in its source's text. Pure apart from
    /// reading source texts.
    pub fn propose(&self, entries: &[Entry], dirs: &SourceDirs) -> Result<Proposal, EditError> {
        let text = place::add_entries(&self.text, entries).map_err(|message| EditError::Impossible {
            file: self.name.clone(),
            message,
        })?;
        let loaded = load::load_str(&self.name, &text).map_err(|e| match e {
            LoadError::Invalid(report) => EditError::Refused {
                file: report.file.clone(),
                rendered: report.rendered,
            },
            other => EditError::Load(other),
        })?;
        let before = self.loaded.dataset.positions.len();
        check_new_quotes(&self.name, &text, &loaded, before, dirs)?;
        Ok(Proposal { text, loaded })
    }

    /// Writes a proposal atomically, unless the file changed on disk since
    /// it was read (another window, another edit): then nothing is written.
    pub fn commit(&self, proposal: &Proposal) -> Result<(), EditError> {
        let now = load::read_file(&self.path)?;
        if now != self.text.as_bytes() {
            return Err(EditError::Changed(self.name.clone()));
        }
        crate::atomic::write(&self.path, proposal.text.as_bytes()).map_err(|source| EditError::Write {
            file: self.name.clone(),
            source,
        })
    }

    /// Where source texts of this file are looked for.
    pub fn source_dirs(&self, sources: Option<&Path>) -> SourceDirs {
        SourceDirs::new(sources, Some(&self.path))
    }
}

/// An edited text that loads and whose quotes stand.
#[derive(Debug)]
pub struct Proposal {
    pub text: String,
    pub loaded: Loaded,
}

/// Adds `entries` to the file at `path`: read, propose, commit.
pub fn add(path: &Path, entries: &[Entry], sources: Option<&Path>) -> Result<Proposal, EditError> {
    let file = DataFile::open(path)?;
    let proposal = file.propose(entries, &file.source_dirs(sources))?;
    file.commit(&proposal)?;
    Ok(proposal)
}

/// Holds each position from index `first` on (the new ones) to
/// `verify`'s rule, when its source names a text.
fn check_new_quotes(
    file: &str,
    text: &str,
    loaded: &Loaded,
    first: usize,
    dirs: &SourceDirs,
) -> Result<(), EditError> {
    let data = &loaded.dataset;
    let map = crate::diagnostic::SourceMap::new(text);
    let mut report = String::new();
    for (p, position) in data.positions.iter().enumerate().skip(first) {
        let (Some(quote), source) = (position.quote.as_deref(), &data.sources[position.source]) else {
            continue;
        };
        if source.file.is_none() {
            continue;
        }
        let body = dirs.read(source.file.as_deref()).map_err(|e| EditError::NoText {
            file: file.to_string(),
            source_id: source.id.clone(),
            why: e.to_string(),
        })?;
        let folded = Folded::new(&body.1);
        if let Err(missing) = crate::verify::quote_stands(&folded.text, quote) {
            let at = loaded.places.quotes[p].as_ref().map_or(0, |r| r.start);
            let at = map.line_col(at);
            let place = format!("{}:{}:{}", crate::text::sanitize::line(file), at.line, at.col);
            crate::verify::mismatch(
                &mut report,
                &place,
                &position.id,
                &source.id,
                &folded.text,
                &missing,
            );
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(EditError::Quote {
            file: file.to_string(),
            report,
        })
    }
}

#[cfg(test)]
mod tests;
