//! Markdown rendering, and the escaping that keeps other people's text
//! from turning into Markdown structure.

use super::{Block, Document, Point, Reference};

/// Escaped wherever they appear. Each can open inline markup (emphasis,
/// code, links, footnote references, raw HTML, entities, strikethrough),
/// end a table cell, close a heading, or start a heading or quote.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&'];

/// `text` with every special character backslash-escaped, for use inside
/// a line (a heading, a table cell, after other text).
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a marker that only counts at the start of a line in already
/// escaped text: a list item (`-`, `+`, `1.`, `1)`) or a setext
/// underline (`=`).
fn guard_start(mut escaped: String) -> String {
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    let at = match escaped.as_bytes().get(digits) {
        Some(b'-' | b'+' | b'=') if digits == 0 => Some(0),
        Some(b'.' | b')') if digits > 0 => Some(digits),
        _ => None,
    };
    if let Some(at) = at {
        escaped.insert(at, '\\');
    }
    escaped
}

/// One line of text that starts a line of output. Leading spaces are
/// dropped: four of them would make a code block.
pub(super) fn line(text: &str) -> String {
    guard_start(inline(text.trim()))
}

/// Text that may span lines: blank lines separate paragraphs and every
/// other line break is kept as a hard break (`\` at the end of a line).
pub(super) fn paragraphs(text: &str) -> String {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut in_group = false;
    for raw in text.lines() {
        if raw.trim().is_empty() {
            in_group = false;
            continue;
        }
        if !in_group {
            groups.push(Vec::new());
            in_group = true;
        }
        groups.last_mut().expect("pushed above").push(line(raw));
    }
    let joined: Vec<String> = groups.iter().map(|lines| lines.join("\\\n")).collect();
    joined.join("\n\n")
}

/// `[^1] [^2]`, spaced so no two can read as a reference link.
pub(super) fn footnote_refs(refs: &[usize]) -> String {
    let refs: Vec<String> = refs.iter().map(|n| format!("[^{n}]")).collect();
    refs.join(" ")
}

/// An http(s) address as an autolink; anything else, which may not be
/// safe to make clickable or may not fit in `<...>`, as escaped text.
fn url(address: &str) -> String {
    let web = address.starts_with("https://") || address.starts_with("http://");
    let fits = !address.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    if web && fits {
        format!("<{address}>")
    } else {
        inline(address)
    }
}

/// `[^n]: Author, *Title*, Publisher, Date, <url>`, absent parts left out.
fn footnote(number: usize, r: &Reference) -> String {
    let parts: Vec<String> = [
        r.author.as_deref().map(inline),
        Some(format!("*{}*", inline(&r.title))),
        r.publisher.as_deref().map(inline),
        r.date.as_deref().map(inline),
        r.url.as_deref().map(url),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!("[^{number}]: {}", guard_start(parts.join(", ")))
}

/// The footnote definitions, numbered from 1. Blank lines between them
/// keep renderers from reading one as the continuation of another.
pub(super) fn footnotes(references: &[Reference]) -> String {
    let lines: Vec<String> = (1..).zip(references).map(|(n, r)| footnote(n, r)).collect();
    lines.join("\n\n")
}

fn note(text: &str) -> String {
    format!("**Note:** {}", paragraphs(text))
}

fn point(p: &Point) -> Vec<String> {
    let mut parts = vec![format!("### {}. {}", p.number, inline(&p.title))];
    if let Some(quote) = &p.quote {
        parts.push(format!("> {}", line(quote)));
    }
    let byline = line(&p.byline);
    parts.push(if p.refs.is_empty() {
        byline
    } else {
        format!("{byline} {}", footnote_refs(&p.refs))
    });
    parts.extend(p.summary.as_deref().map(paragraphs));
    parts.extend(p.note.as_deref().map(note));
    parts
}

fn block(b: &Block) -> Vec<String> {
    match b {
        Block::Heading(text) => vec![format!("## {}", inline(text))],
        Block::Point(p) => point(p),
        Block::Matrix {
            number,
            table,
            footnotes,
            note: n,
        } => {
            let heading = format!("### {number}. State of play, {}", table.when());
            let rows = super::matrix::markdown_rows(table, footnotes).join("\n");
            [heading, rows]
                .into_iter()
                .chain(n.as_deref().map(note))
                .collect()
        }
        Block::Missing { kind, id, note: n } => {
            // The brackets stay bare so the marker reads as written: with
            // no link definitions in the document they cannot form a link.
            let marker = format!("> [missing: {kind} \"{}\" no longer in the data]", inline(id));
            std::iter::once(marker).chain(n.as_deref().map(note)).collect()
        }
    }
}

pub(super) fn render(doc: &Document) -> String {
    let mut parts = vec![format!("# {}", inline(&doc.title))];
    parts.extend(doc.blocks.iter().flat_map(block));
    if !doc.references.is_empty() {
        parts.push("## References".to_string());
        parts.push(footnotes(&doc.references));
    }
    parts.join("\n\n") + "\n"
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;

    /// The text a snippet renders as: paragraphs split by blank lines,
    /// hard breaks as newlines; `None` if anything but text, hard breaks
    /// and the `wrapper` block appears.
    fn rendered_text(md: &str, wrapper: fn(&Tag) -> bool) -> Option<String> {
        let mut out = String::new();
        let mut blocks = 0;
        for event in Parser::new_ext(md, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES) {
            match event {
                Event::Start(tag) if wrapper(&tag) => {
                    if blocks > 0 {
                        out.push_str("\n\n");
                    }
                    blocks += 1;
                }
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {}
                Event::Text(t) => out.push_str(&t),
                Event::HardBreak => out.push('\n'),
                _ => return None,
            }
        }
        Some(out)
    }

    /// What `paragraphs` promises to show: trimmed lines, runs of blank
    /// lines as one paragraph break.
    fn shown(text: &str) -> String {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let groups: Vec<String> = lines
            .split(|l| l.is_empty())
            .filter(|g| !g.is_empty())
            .map(|g| g.join("\n"))
            .collect();
        groups.join("\n\n")
    }

    #[test]
    fn escapes_leave_plain_text_readable() {
        assert_eq!(inline("a_b [^1] <i> | c"), "a\\_b \\[^1\\] \\<i\\> \\| c");
        assert_eq!(line("  - item"), "\\- item");
        assert_eq!(line("12) twelve"), "12\\) twelve");
        assert_eq!(line("1998 was a year"), "1998 was a year");
        assert_eq!(paragraphs("a\n b \n\n\n===\n"), "a\\\nb\n\n\\===");
    }

    #[test]
    fn a_trailing_hash_stays_in_a_heading() {
        let md = format!("### 1. {}", inline("Ranked # 1 #"));
        let is_heading = |t: &Tag| matches!(t, Tag::Heading { .. });
        assert_eq!(rendered_text(&md, is_heading).as_deref(), Some("1. Ranked # 1 #"));
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(url("https://example.org/a?b=c"), "<https://example.org/a?b=c>");
        assert_eq!(url("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(url("https://example.org/a b"), "https://example.org/a b");
    }

    proptest! {
        #[test]
        fn any_ascii_text_renders_as_itself(text in "[ -~\n]{0,60}") {
            let md = paragraphs(&text);
            let is_paragraph = |t: &Tag| matches!(t, Tag::Paragraph);
            prop_assert_eq!(rendered_text(&md, is_paragraph), Some(shown(&text)), "{}", md);
        }

        #[test]
        fn any_line_renders_as_itself_in_a_heading(text in "[ -~]{0,60}") {
            let md = format!("### 1. {}", inline(text.trim()));
            let is_heading = |t: &Tag| matches!(t, Tag::Heading { .. });
            let expected = format!("1. {}", text.trim());
            prop_assert_eq!(rendered_text(&md, is_heading), Some(expected.trim_end().to_string()), "{}", md);
        }

        #[test]
        fn any_line_stays_in_its_table_cell(text in "[ -~]{0,60}") {
            let md = format!("| a | b |\n| - | - |\n| x | {} |\n", inline(text.trim()));
            let cells: Vec<String> = Parser::new_ext(&md, Options::ENABLE_TABLES)
                .filter_map(|e| match e {
                    Event::Text(t) => Some(t.to_string()),
                    Event::End(TagEnd::TableCell) => Some("\u{0}".to_string()),
                    _ => None,
                })
                .collect::<String>()
                .split('\u{0}')
                .map(str::to_string)
                .collect();
            prop_assert_eq!(cells, ["a", "b", "x", text.trim(), ""], "{}", md);
        }
    }
}
