//! A note as plain text, for the text export and for anything that
//! measures a note: a line per paragraph line, list items with their
//! markers (nested ones indented), code indented by four spaces, a link
//! as its text and then its address in angle brackets.

use super::{Block, Inline};

/// `- ` or `3. `: how an item starts, on screen and in the text export.
pub fn marker(start: Option<u64>, index: usize) -> String {
    match start {
        None => "- ".to_string(),
        Some(n) => format!("{}. ", n.saturating_add(index as u64)),
    }
}

/// The blocks as plain text, a blank line between blocks (none inside a
/// tight list).
pub fn plain(blocks: &[Block]) -> String {
    joined(blocks, "\n\n")
}

fn joined(blocks: &[Block], between: &str) -> String {
    blocks.iter().map(block).collect::<Vec<_>>().join(between)
}

/// A list as text lines, each item's blocks rendered by `render` (given
/// what goes between them): the markers, the hanging indent and the
/// spacing of plain text and Markdown alike. `other` uses the other
/// marker (`* `, `1) `), which Markdown needs to keep a list apart from
/// one just before it.
pub fn list(
    start: Option<u64>,
    tight: bool,
    items: &[Vec<Block>],
    other: bool,
    render: fn(&[Block], &str) -> String,
) -> String {
    let between = spacing(tight);
    let items: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let lead = match (other, start) {
                (false, _) => marker(start, i),
                (true, None) => "* ".to_string(),
                (true, Some(n)) => format!("{}) ", n.saturating_add(i as u64)),
            };
            hang(&lead, &render(item, between))
        })
        .collect();
    items.join(between)
}

/// What goes between blocks and items: nothing in a tight list.
fn spacing(tight: bool) -> &'static str {
    if tight { "\n" } else { "\n\n" }
}

fn block(b: &Block) -> String {
    match b {
        Block::Paragraph(inlines) => inline_text(inlines),
        Block::Code(code) => code
            .lines()
            .map(|l| format!("    {l}").trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        Block::List { start, tight, items } => list(*start, *tight, items, false, joined),
    }
}

/// `text` after `lead` (a list marker), its later lines aligned under
/// its first and blank lines left blank: an item in plain text and in
/// Markdown alike.
fn hang(lead: &str, text: &str) -> String {
    if text.is_empty() {
        // An empty item still shows its marker.
        return lead.trim_end().to_string();
    }
    let pad = " ".repeat(lead.chars().count());
    text.lines()
        .enumerate()
        .map(|(i, line)| match (i, line.is_empty()) {
            (0, _) => format!("{lead}{line}"),
            (_, true) => String::new(),
            _ => format!("{pad}{line}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inline content as text: styles dropped, breaks as newlines.
pub(super) fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(inner) | Inline::Strong(inner) => out.push_str(&inline_text(inner)),
            Inline::Link { url, content } => {
                let text = inline_text(content);
                let bare = url.strip_prefix("mailto:").unwrap_or(url);
                if text == *url || text == bare {
                    out.push_str(&format!("<{text}>"));
                } else {
                    out.push_str(&format!("{text} <{bare}>"));
                }
            }
            Inline::Break => out.push('\n'),
        }
    }
    out
}
