//! The user's notes on talking points, parsed once into one small block
//! model that the slide, the presenter console and every export render
//! from, so a note reads the same everywhere and no reader downstream
//! (CommonMark, GFM, pandoc, a browser) sees anything but what the model
//! allows.
//!
//! The model is the allow-list: paragraphs, bullet and numbered lists,
//! emphasis, strong, inline code, code blocks, line breaks, and links
//! whose scheme is `http`, `https` or `mailto`. Anything else a note
//! holds (headings, quotes, raw HTML, images, other links, thematic
//! breaks, link definitions, and whatever pandoc would read as its own
//! syntax) is kept as the text the user wrote, which each renderer
//! escapes for its reader. `parse.rs` builds the model with
//! pulldown-cmark; `plain.rs` renders it as plain text.

mod parse;
mod plain;
mod tidy;

#[cfg(test)]
mod tests;

pub use plain::{list, marker, plain};
pub(crate) use tidy::push as push_inline;

/// A run of inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Literal text: every renderer escapes it for its reader.
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    /// A link to a web or mail address (see [`allowed_url`]).
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A hard line break.
    Break,
}

/// A block of a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// Bullet items (`start` is `None`) or numbered ones from `start`;
    /// a tight list has no blank lines between or inside its items.
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    /// Code shown as written, line by line (the language is dropped).
    Code(String),
}

/// A note parsed once: the text it came from (sanitised) and its blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    source: String,
    blocks: Vec<Block>,
}

impl Note {
    /// Parses `text` after neutralising it for the terminal
    /// (`sanitize::block`), so the model holds no control character.
    pub fn parse(text: &str) -> Note {
        let source = crate::text::sanitize::block(text);
        let blocks = parse::blocks(&source);
        Note { source, blocks }
    }

    /// The note as the user wrote it, sanitised.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// True when the note has nothing to show.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// The address a link may keep: `http:`, `https:` or `mailto:` (any
/// case), with no space or control character in it. Anything else
/// (`javascript:`, `data:`, `file:`, a relative path, a `#place`) is not
/// a link in any output.
pub(crate) fn allowed_url(url: &str) -> bool {
    let lower: String = url.chars().take(8).collect::<String>().to_ascii_lowercase();
    let scheme = ["http://", "https://", "mailto:"]
        .into_iter()
        .find(|s| lower.starts_with(s));
    // The scheme is ASCII, so its length is a char boundary in `url`.
    scheme.is_some_and(|s| url.len() > s.len()) && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}
