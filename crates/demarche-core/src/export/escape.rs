//! Escaping for text from the data file. Markdown: whatever it holds, it
//! renders as the same text through CommonMark (pulldown-cmark, GitHub)
//! and pandoc's `markdown` and `gfm` readers, and adds no structure. HTML:
//! `html_text`, the one entity escaper of every HTML export.

/// Escaped wherever they appear. Each can open inline markup (emphasis,
/// code, links, footnote references, raw HTML, entities, strikethrough,
/// pandoc's citations `@`, math `$`, superscripts `^` and attributes
/// `{`), end a table cell, close a heading, or start a heading or quote.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '@', '$', '^', '{', '}',
];

/// `text` with every special character backslash-escaped, for use inside
/// a line (a heading, a table cell, after other text).
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        // pandoc's smart typography reads `--` as a dash.
        if SPECIAL.contains(&c) || (c == '-' && previous == Some('-')) {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Where a list marker ends, if `escaped` starts with one that needs a
/// backslash: `-`, `+`, `=` (a setext underline), `:` (a pandoc
/// definition), `(` (pandoc's `(1)` and `(a)` lists), or digits, one
/// letter or a Roman numeral followed by `.` or `)` (pandoc's fancy lists).
fn marker_at(escaped: &str) -> Option<usize> {
    let bytes = escaped.as_bytes();
    match bytes.first() {
        Some(b'-' | b'+' | b'=' | b':' | b'(') => return Some(0),
        None => return None,
        _ => {}
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let roman = bytes.iter().take_while(|b| b"ivxlcdmIVXLCDM".contains(b)).count();
    let letter = usize::from(bytes[0].is_ascii_alphabetic());
    [digits, roman, letter]
        .into_iter()
        .filter(|&n| n > 0)
        .find(|&n| matches!(bytes.get(n), Some(b'.' | b')')))
}

/// Escapes a marker that only counts at the start of a line in already
/// escaped text (see `marker_at`).
pub(super) fn guard_start(mut escaped: String) -> String {
    if let Some(at) = marker_at(&escaped) {
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

/// An http(s) address as an autolink; anything else, which may not be
/// safe to make clickable or may not fit in `<...>`, as escaped text.
pub(super) fn url(address: &str) -> String {
    let web = address.starts_with("https://") || address.starts_with("http://");
    let fits = !address.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    if web && fits {
        format!("<{address}>")
    } else {
        inline(address)
    }
}

/// `text` with `& < > " '` as entities: safe in HTML elements and
/// attributes (the handout, users' notes in it, and TimelineJS, which puts
/// every text field into its page as HTML).
pub(super) fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
        assert_eq!(inline("a_b [^1] <i> | c"), "a\\_b \\[\\^1\\] \\<i\\> \\| c");
        assert_eq!(inline("$5 @you {.x}"), "\\$5 \\@you \\{.x\\}");
        assert_eq!(line("A. Nord"), "A\\. Nord");
        assert_eq!(inline("a -- b---"), "a -\\- b-\\-\\-");
        assert_eq!(line("(1) one"), "\\(1) one");
        assert_eq!(line(": def"), "\\: def");
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
