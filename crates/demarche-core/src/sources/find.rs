//! Where a source's `file` is found, and the rule that keeps it inside
//! the folders meant for source texts.
//!
//! A data file comes from anyone (a colleague, a contributed pull request
//! that CI runs `verify` on), and `verify` and the reader show passages of
//! the file a source names. So `file` must be a plain relative path (no
//! `..`, no absolute or drive prefix: the loader refuses anything else),
//! it is looked up only under `--sources DIR` and the data file's folder,
//! and after symlinks are resolved it must still lie inside the folder it
//! was found in. Only regular files are read, through `safe_read`.

use std::path::{Component, Path, PathBuf};

use crate::safe_read::{self, Kind};

/// Where source files are looked for: `--sources DIR` first, then the
/// folder of the data file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceDirs {
    pub sources: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
}

/// A place tried for a source file, and why it was passed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Looked {
    pub path: PathBuf,
    /// `None`: nothing there.
    pub refused: Option<String>,
}

/// A source file that could not be read, and every place tried.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("the source names no file (add `file = \"NAME.txt\"` to it)")]
    NoFile,
    #[error("file = \"{file}\" is refused: {why}")]
    BadPath { file: String, why: &'static str },
    #[error("{file}: not found (looked in {})", looked_in(.looked))]
    NotFound { file: String, looked: Vec<Looked> },
    #[error("{}: {message}", .path.display())]
    Unreadable { path: PathBuf, message: String },
    /// Not a regular file, too large, or not readable.
    #[error("{0}")]
    Read(String),
}

fn looked_in(looked: &[Looked]) -> String {
    if looked.is_empty() {
        return "no folder: give --sources DIR, or use a data file beside its sources".to_string();
    }
    looked
        .iter()
        .map(|l| match &l.refused {
            None => l.path.display().to_string(),
            Some(why) => format!("{} ({why})", l.path.display()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why `file` (a source's `file` key) may not name a source text, if it
/// may not: it must be a relative path with no `..` component and no
/// absolute or drive prefix, in either slash.
pub(crate) fn path_problem(file: &str) -> Option<&'static str> {
    if file.trim().is_empty() {
        return Some("it names no file");
    }
    if file.starts_with(['/', '\\']) || Path::new(file).is_absolute() {
        return Some("an absolute path; name the file relative to --sources DIR or the data file's folder");
    }
    let bytes = file.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Some("a drive prefix; name the file relative to --sources DIR or the data file's folder");
    }
    if file.split(['/', '\\']).any(|part| part == "..") {
        return Some("a `..` component; source texts stay inside --sources DIR or the data file's folder");
    }
    if file.contains('\0') {
        return Some("it contains a NUL byte");
    }
    None
}

impl SourceDirs {
    /// For a data file (None: the bundled data) and an optional `--sources`.
    pub fn new(sources: Option<&Path>, data_file: Option<&Path>) -> Self {
        let data_dir = data_file.map(|f| match f.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        });
        SourceDirs {
            sources: sources.map(Path::to_path_buf),
            data_dir,
        }
    }

    fn dirs(&self) -> impl Iterator<Item = &PathBuf> {
        [&self.sources, &self.data_dir].into_iter().flatten()
    }

    /// Reads `file` (a source's `file` key) from the first folder that
    /// holds it inside itself.
    pub fn read(&self, file: Option<&str>) -> Result<(PathBuf, String), SourceError> {
        let file = file.ok_or(SourceError::NoFile)?;
        // The loader refuses these; checked again so that no caller can
        // hand in a path that leaves the folders.
        if let Some(why) = path_problem(file) {
            return Err(SourceError::BadPath {
                file: file.to_string(),
                why,
            });
        }
        let mut looked = Vec::new();
        for dir in self.dirs() {
            let path = dir.join(file);
            match confined(dir, &path) {
                Ok(true) => return read_text(&path).map(|text| (path, text)),
                Ok(false) => looked.push(Looked { path, refused: None }),
                Err(why) => looked.push(Looked {
                    path,
                    refused: Some(why),
                }),
            }
        }
        Err(SourceError::NotFound {
            file: file.to_string(),
            looked,
        })
    }
}

/// Whether `path` exists (`Ok(false)`: it does not) and, with its
/// symlinks resolved, lies inside `dir`; `Err` says where it leads.
fn confined(dir: &Path, path: &Path) -> Result<bool, String> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(false);
    }
    let resolved = std::fs::canonicalize(path).map_err(|e| format!("cannot be resolved: {e}"))?;
    let root = std::fs::canonicalize(dir).map_err(|e| format!("its folder cannot be resolved: {e}"))?;
    // `canonicalize` leaves no `..` behind, so a prefix test is exact.
    let inside = resolved.starts_with(&root) && resolved.components().count() > root.components().count();
    if inside && !resolved.components().any(|c| c == Component::ParentDir) {
        Ok(true)
    } else {
        Err(format!(
            "leads to {}, outside {}: not read",
            resolved.display(),
            root.display()
        ))
    }
}

fn read_text(path: &Path) -> Result<String, SourceError> {
    let unreadable = |message: String| SourceError::Unreadable {
        path: path.to_path_buf(),
        message,
    };
    // Kept as its message: `SourceError` is compared in tests and cloned.
    let bytes = safe_read::read(path, Kind::Source).map_err(|e| SourceError::Read(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| unreadable(format!("not UTF-8 text ({e})")))?;
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string())
}
