//! The one way demarche reads a file: the data file, the deck,
//! `config.toml`, themes and source texts all come through `read`.
//!
//! A path may name something that is not a file: a FIFO (opening it
//! waits for a writer, forever), a device such as `/dev/zero` (endless),
//! a socket or a directory. Any of these, planted in a cloned repository
//! or a config directory, must give a clear message at once, never a hang
//! or a read that fills memory. So the type is checked before opening
//! (for the message), the file is opened non-blocking and checked again
//! on the handle (one swapped in between cannot block either), and at
//! most the kind's size limit plus one byte is read (a file that grew
//! after the check is still caught).

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

const MIB: u64 = 1024 * 1024;

/// What a file is read as; each kind has its size limit and its name in
/// messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A positions file (the data).
    Positions,
    /// A source text, read by `verify` and the reader: the same limit as
    /// the data file, whose quotes it holds.
    Source,
    /// A talking-points file.
    Deck,
    /// `config.toml`.
    Config,
    /// A theme file.
    Theme,
}

impl Kind {
    /// The largest file of this kind that is read.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::Positions | Kind::Source => 64 * MIB,
            Kind::Deck => 16 * MIB,
            Kind::Config | Kind::Theme => MIB,
        }
    }

    /// The kind in the plural, as messages name it.
    pub const fn plural(self) -> &'static str {
        match self {
            Kind::Positions => "positions files",
            Kind::Source => "source texts",
            Kind::Deck => "talking-points files",
            Kind::Config => "config files",
            Kind::Theme => "theme files",
        }
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: cannot read: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: is {what}, not a regular file; {} must be regular files", .path.display(), .kind.plural())]
    NotAFile {
        path: PathBuf,
        what: &'static str,
        kind: Kind,
    },
    #[error("{}: file is {size} bytes; {} are limited to {} MiB", .path.display(), .kind.plural(), .kind.limit() / MIB)]
    TooLarge { path: PathBuf, size: u64, kind: Kind },
}

impl ReadError {
    /// Whether the file simply is not there (a deck not yet saved, no
    /// `config.toml`): for callers to whom that is not a problem.
    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }

    /// A file of `size` bytes that is too large for `kind`.
    pub(crate) fn too_large(path: &Path, size: u64, kind: Kind) -> Self {
        ReadError::TooLarge {
            path: path.to_path_buf(),
            size,
            kind,
        }
    }
}

/// The bytes of the regular file at `path`, refused without blocking if
/// it is anything else or larger than `kind`'s limit.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let handle = open_regular(path, kind)?;
    let size = handle.metadata().map_err(io)?.len();
    let limit = kind.limit();
    if size > limit {
        return Err(ReadError::too_large(path, size, kind));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // One byte past the limit, in case the file grew after the check.
    handle.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::too_large(path, bytes.len() as u64, kind));
    }
    Ok(bytes)
}

/// `read`, with a missing file as `None`.
pub(crate) fn read_if_exists(path: &Path, kind: Kind) -> Result<Option<Vec<u8>>, ReadError> {
    match read(path, kind) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// `read_if_exists` as UTF-8 text, a byte order mark dropped. Text that
/// is not UTF-8 is an `InvalidData` error naming the first bad byte.
pub fn read_text_if_exists(path: &Path, kind: Kind) -> Result<Option<String>, ReadError> {
    let Some(bytes) = read_if_exists(path, kind)? else {
        return Ok(None);
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Some(text.to_string())),
        Err(e) => Err(ReadError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not UTF-8 text (bad byte at offset {})", e.valid_up_to()),
            ),
        }),
    }
}

/// What a file that is not a regular file is, for the message.
pub(crate) fn what_is(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a plain file")
}

/// Opens `path` for reading without waiting: checked by type before and
/// after a non-blocking open.
fn open_regular(path: &Path, kind: Kind) -> Result<File, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_a_file = |what| ReadError::NotAFile {
        path: path.to_path_buf(),
        what,
        kind,
    };
    if let Some(what) = what_is(&std::fs::metadata(path).map_err(io)?) {
        return Err(not_a_file(what));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let handle = options.open(path).map_err(io)?;
    match what_is(&handle.metadata().map_err(io)?) {
        None => Ok(handle),
        Some(what) => Err(not_a_file(what)),
    }
}

/// Also holds the file-system helpers other modules' tests share.
#[cfg(test)]
pub(crate) mod tests;
