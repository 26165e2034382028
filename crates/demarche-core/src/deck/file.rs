//! The deck file: TOML kept beside the data file as
//! `NAME.talking-points.toml`.
//!
//! ```toml
//! version = 1
//! title = "Briefing for the July call"   # optional
//!
//! [[items]]
//! kind = "heading"
//! text = "Opening"
//!
//! [[items]]
//! kind = "point"
//! position = "north-2015-07-sanctions"   # a position id, or:
//! # event = "vienna-talks"               # an event id, or
//! # topic = "sanctions"                  # a topic, shown as a comparison, or
//! # matrix = "2015-10"                   # the matrix as of a date ("latest":
//!                                        # no date) (exactly one of the four)
//! note = """
//! Lead with this.
//! Then pause."""                          # optional; may span lines
//! ```
//!
//! Items appear in deck order. Unknown keys are refused rather than
//! ignored, since the next save would silently drop them.
//!
//! Saving is atomic: the new deck is written and synced to a temporary
//! file in the same directory, renamed over the old one, and the directory
//! is synced, so a crash leaves either the old deck or the new one.
//! Loading never destroys a deck: a file that cannot be read as a deck is
//! renamed aside (`NAME.talking-points.toml.broken-<unix-seconds>`) and
//! the app starts from an empty deck.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Deck, DeckItem, Target};
use crate::atomic::WriteError;
use crate::safe_read::{self, ReadError};

/// The deck format this build reads and writes.
pub(crate) const FILE_VERSION: i64 = 1;

/// Attempts at finding an unused broken-file name.
const NAME_ATTEMPTS: u32 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    #[error("cannot read the talking points: {0}")]
    Read(#[from] ReadError),
    #[error("{}: cannot save the talking points: {source}", .path.display())]
    Write { path: PathBuf, source: WriteError },
    #[error("{}: cannot encode the talking points: {source}", .path.display())]
    Encode { path: PathBuf, source: toml::ser::Error },
    #[error("{}: unreadable talking points could not be moved aside to {}: {source}",
        .path.display(), .to.display())]
    MoveAside {
        path: PathBuf,
        to: PathBuf,
        source: io::Error,
    },
    #[error("{}: talking points format {version} is from a newer demarche; this one reads format {}",
        .path.display(), FILE_VERSION)]
    NewerVersion { path: PathBuf, version: i64 },
    /// The deck on disk does not read (a hand edit in progress, say): it
    /// is left as it is and not saved over until it reads again.
    #[error("{}:{line}:{col}: the talking points do not read, so they are not saved over: {problem}",
        .path.display())]
    Broken {
        path: PathBuf,
        line: usize,
        col: usize,
        problem: String,
    },
}

/// The result of `load`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadedDeck {
    pub deck: Deck,
    /// Where an unreadable deck file was moved; the deck is then empty.
    pub moved_aside: Option<PathBuf>,
    /// Why it was moved aside; set together with `moved_aside`.
    pub problem: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeckFile {
    version: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    items: Vec<ItemFile>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Heading,
    Point,
}

/// One `[[items]]` table. Flat rather than a tagged enum so that a
/// malformed item gets a message naming the item and the rule it breaks.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    topic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    matrix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// Read before the full parse, so a newer file is recognised even when it
/// has keys this build does not know.
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<toml::Value>,
}

/// Why bytes are not a deck.
#[derive(Debug)]
pub(super) enum Unreadable {
    /// Written by a newer build: left alone, not moved aside.
    Newer(i64),
    /// The problem, and the byte offset it was found at.
    Broken(String, usize),
}

impl ItemFile {
    fn from_item(item: &DeckItem) -> Self {
        let blank = |kind| ItemFile {
            kind,
            text: None,
            position: None,
            event: None,
            topic: None,
            matrix: None,
            note: None,
        };
        match item {
            DeckItem::Heading { text } => ItemFile {
                text: Some(text.clone()),
                ..blank(Kind::Heading)
            },
            DeckItem::Point { target, note } => {
                let note = (!note.is_empty()).then(|| note.clone());
                let mut item = ItemFile {
                    note,
                    ..blank(Kind::Point)
                };
                let id = Some(target.id().to_string());
                match target {
                    Target::Position(_) => item.position = id,
                    Target::Event(_) => item.event = id,
                    Target::Topic(_) => item.topic = id,
                    Target::Matrix(_) => item.matrix = id,
                }
                item
            }
        }
    }

    /// `number` is 1-based, as a person counts `[[items]]`.
    fn into_item(self, number: usize) -> Result<DeckItem, String> {
        let ItemFile {
            kind,
            text,
            position,
            event,
            topic,
            matrix,
            note,
        } = self;
        let targets = [
            position.map(Target::Position),
            event.map(Target::Event),
            topic.map(Target::Topic),
            matrix.map(Target::Matrix),
        ];
        let mut targets = targets.into_iter().flatten();
        match (kind, text, targets.next(), targets.next(), note) {
            (Kind::Heading, Some(text), None, None, None) => Ok(DeckItem::Heading { text }),
            (Kind::Heading, ..) => Err(format!(
                "item {number}: a heading has \"text\" and no \"position\", \"event\", \"topic\", \"matrix\" or \"note\""
            )),
            (Kind::Point, None, Some(target), None, note) => Ok(point(target, note)),
            (Kind::Point, ..) => Err(format!(
                "item {number}: a point has exactly one of \"position\", \"event\", \"topic\" or \"matrix\", and no \"text\""
            )),
        }
    }
}

fn point(target: Target, note: Option<String>) -> DeckItem {
    DeckItem::Point {
        target,
        note: note.unwrap_or_default(),
    }
}

pub(super) fn parse(bytes: &[u8]) -> Result<Deck, Unreadable> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let text = std::str::from_utf8(&bytes[bom..]).map_err(|e| {
        let at = e.valid_up_to() + bom;
        Unreadable::Broken(format!("not UTF-8 text (bad byte at offset {at})"), at)
    })?;
    let broken = |e: toml::de::Error| {
        let at = e.span().map_or(0, |s| s.start) + bom;
        Unreadable::Broken(e.message().trim_end().to_string(), at)
    };
    let probe: VersionOnly = toml::from_str(text).map_err(broken)?;
    if let Some(toml::Value::Integer(version)) = probe.version
        && version > FILE_VERSION
    {
        return Err(Unreadable::Newer(version));
    }
    let file: DeckFile = toml::from_str(text).map_err(broken)?;
    if file.version != FILE_VERSION {
        let msg = format!(
            "unsupported version {}: expected version = {FILE_VERSION}",
            file.version
        );
        let at = text.find("version").unwrap_or(0) + bom;
        return Err(Unreadable::Broken(msg, at));
    }
    let items = file
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            item.into_item(i + 1)
                .map_err(|msg| Unreadable::Broken(msg, nth_item(text, i) + bom))
        })
        .collect::<Result<_, _>>()?;
    Ok(Deck::new(file.title, items))
}

/// Where the `n`-th (0-based) `[[items]]` table starts, to point at it.
fn nth_item(text: &str, n: usize) -> usize {
    text.match_indices("[[items]]").nth(n).map_or(0, |(at, _)| at)
}

pub(super) fn encode(deck: &Deck) -> Result<String, toml::ser::Error> {
    let file = DeckFile {
        version: FILE_VERSION,
        title: deck.title.clone(),
        items: deck.items.iter().map(ItemFile::from_item).collect(),
    };
    toml::to_string(&file)
}

/// The deck as the TOML a deck file holds, for when no file can be
/// written (printed so it is not lost).
pub fn to_toml(deck: &Deck) -> String {
    encode(deck).unwrap_or_else(|e| format!("# cannot encode: {e}\n{deck:#?}"))
}

/// `NAME.talking-points.toml` beside the data file `NAME.toml`.
pub fn default_path(data_file: &Path) -> PathBuf {
    let mut name = data_file
        .file_stem()
        .map_or_else(|| "demarche".into(), |stem| stem.to_os_string());
    name.push(".talking-points.toml");
    data_file.with_file_name(name)
}

/// The bytes of the deck file; `None` if there is none yet. Read as
/// `Kind::Deck`: a FIFO or device there (a link to `/dev/zero` shipped in
/// a cloned repository) is refused at once, and 16 MiB is the most read.
fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, DeckError> {
    Ok(safe_read::read_if_exists(path, safe_read::Kind::Deck)?)
}

/// Reads the deck at `path`. A missing file is an empty deck; an
/// unreadable one is moved aside and reported in `LoadedDeck`.
pub fn load(path: &Path) -> Result<LoadedDeck, DeckError> {
    let Some(bytes) = read_bytes(path)? else {
        return Ok(LoadedDeck::default());
    };
    match parse(&bytes) {
        Ok(deck) => Ok(LoadedDeck {
            deck,
            ..LoadedDeck::default()
        }),
        Err(Unreadable::Newer(version)) => Err(DeckError::NewerVersion {
            path: path.to_path_buf(),
            version,
        }),
        Err(Unreadable::Broken(problem, _)) => Ok(LoadedDeck {
            deck: Deck::default(),
            moved_aside: Some(move_aside(path)?),
            problem: Some(problem),
        }),
    }
}

/// Reads the deck at `path` for a reader that will not save it (an
/// export): a missing file is `None`, and an unreadable one is an error
/// that says why and where, left where it is.
pub fn read(path: &Path) -> Result<Option<Deck>, DeckError> {
    if read_bytes(path)?.is_none() {
        return Ok(None);
    }
    read_current(path).map(Some)
}

/// Reads the deck at `path` as it is now, touching nothing: a missing file
/// is an empty deck, one that does not read is an error saying where.
/// For a running session, whose user may be editing the file by hand.
pub fn read_current(path: &Path) -> Result<Deck, DeckError> {
    read_on_disk(path).map(|on_disk| on_disk.deck)
}

/// A deck as its file holds it now, with the file's text, so that a save
/// over it can keep what the user wrote by hand (`write::save_over`).
#[derive(Clone, Debug, Default)]
pub(crate) struct OnDisk {
    pub deck: Deck,
    /// The file's text as parsed for editing; `None`: there is no file.
    /// A writer keeps the one it wrote, so the next save needs no parse.
    pub(super) doc: Option<toml_edit::DocumentMut>,
    /// The file's text, parsed into `doc` when first needed.
    pub(super) text: Option<String>,
}

/// `read_current`, keeping the text.
pub(crate) fn read_on_disk(path: &Path) -> Result<OnDisk, DeckError> {
    let Some(bytes) = read_bytes(path)? else {
        return Ok(OnDisk::default());
    };
    match parse(&bytes) {
        Ok(deck) => Ok(OnDisk {
            deck,
            doc: None,
            // `parse` has checked it is UTF-8 (after a BOM, which goes).
            text: Some(
                String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).into_owned(),
            ),
        }),
        Err(Unreadable::Newer(version)) => Err(DeckError::NewerVersion {
            path: path.to_path_buf(),
            version,
        }),
        Err(Unreadable::Broken(problem, at)) => {
            let text = String::from_utf8_lossy(&bytes);
            let place = crate::diagnostic::SourceMap::new(&text).line_col(at);
            Err(DeckError::Broken {
                path: path.to_path_buf(),
                line: place.line,
                col: place.col,
                problem,
            })
        }
    }
}

/// Renames an unreadable deck to a `.broken-<unix-seconds>` name that is
/// not yet taken: an earlier broken copy may be the only one of its deck.
fn move_aside(path: &Path) -> Result<PathBuf, DeckError> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let candidate = |attempt: u32| {
        let mut name = path.as_os_str().to_os_string();
        name.push(format!(".broken-{secs}"));
        if attempt > 0 {
            name.push(format!("-{attempt}"));
        }
        PathBuf::from(name)
    };
    let fail = |to: PathBuf, source| DeckError::MoveAside {
        path: path.to_path_buf(),
        to,
        source,
    };
    let to = (0..NAME_ATTEMPTS)
        .map(candidate)
        .find(|p| fs::symlink_metadata(p).is_err())
        .ok_or_else(|| fail(candidate(NAME_ATTEMPTS), io::ErrorKind::AlreadyExists.into()))?;
    fs::rename(path, &to).map_err(|e| fail(to.clone(), e))?;
    Ok(to)
}
