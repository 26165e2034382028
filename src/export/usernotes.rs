//! The user's notes are Markdown and pass through as written (lists,
//! emphasis, links, code). Control characters are already neutralised;
//! what is guarded here is the document's structure, so a note stays
//! inside its point:
//!
//! - its headings move below the document's own levels (`#` becomes
//!   `####`), so a note's heading cannot swallow the points after it;
//! - a setext underline (`===`, or `---` under text) cannot turn the
//!   line above into a top-level heading;
//! - `[^` is escaped: a note cannot define or use footnotes, whose
//!   numbers belong to the citations;
//! - raw HTML is escaped (an open `<!--` or `<pre>` would run on to the
//!   end of the document), autolinks `<https://...>` stay;
//! - a code fence left open is closed, and a `:::` pandoc div marker is
//!   escaped.
//!
//! Code spans and fenced code are left exactly as written.

/// The document's own heading levels: title, user headings, points.
const DOCUMENT_LEVELS: usize = 3;

/// An open code fence: its character, length and indentation.
#[derive(Clone, Copy)]
struct Fence {
    marker: u8,
    len: usize,
    indent: usize,
}

/// A fence line: ``` or ~~~ (three or more), after any indentation.
fn fence(line: &str) -> Option<Fence> {
    let rest = line.trim_start();
    let marker = *rest.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == marker).count();
    let info = &rest[len..];
    // A backtick fence's info string cannot hold a backtick.
    let valid = len >= 3 && !(marker == b'`' && info.contains('`'));
    let indent = line.len() - rest.len();
    valid.then_some(Fence { marker, len, indent })
}

fn closes(open: Fence, line: &str) -> bool {
    fence(line).is_some_and(|f| f.marker == open.marker && f.len >= open.len)
        && line
            .trim_start()
            .trim_start_matches(open.marker as char)
            .trim()
            .is_empty()
}

/// Up to three spaces of indentation, then the rest.
fn unindent(line: &str) -> Option<(&str, &str)> {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    (spaces <= 3).then(|| line.split_at(spaces))
}

/// An ATX heading moved below the document's levels.
fn demote_heading(line: &str) -> Option<String> {
    let (indent, rest) = unindent(line)?;
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let after = &rest[hashes..];
    let is_heading = (1..=6).contains(&hashes) && (after.is_empty() || after.starts_with([' ', '\t']));
    is_heading.then(|| {
        let level = (hashes + DOCUMENT_LEVELS).min(6);
        format!("{indent}{}{after}", "#".repeat(level))
    })
}

/// A line of only `=` or only `-` (a setext underline candidate).
fn underline(line: &str) -> Option<u8> {
    let (_, rest) = unindent(line)?;
    let rest = rest.trim_end();
    let c = *rest.as_bytes().first()?;
    ((c == b'=' || c == b'-') && rest.bytes().all(|b| b == c)).then_some(c)
}

/// `<` that opens raw HTML rather than an autolink.
fn opens_html(rest: &str) -> bool {
    let next = rest[1..].chars().next();
    if !next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
        return false;
    }
    let inside = rest[1..].split('>').next().unwrap_or("");
    let autolink = rest[1..].contains('>')
        && !inside.contains(|c: char| c.is_whitespace() || c == '<')
        && (inside.contains(':') || inside.contains('@'));
    !autolink
}

/// Escapes `[^` and raw HTML outside code spans on one line.
fn guard_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if rest.starts_with('`') {
            let run = rest.bytes().take_while(|&b| b == b'`').count();
            let ticks = &rest[..run];
            // A code span runs to the next run of exactly as many backticks.
            let end = rest[run..]
                .match_indices(ticks)
                .find(|(at, _)| {
                    let after = run + at + run;
                    !rest[after..].starts_with('`') && !rest[..run + at].ends_with('`')
                })
                .map(|(at, _)| run + at + run);
            let take = end.unwrap_or(run);
            out.push_str(&rest[..take]);
            i += take;
            continue;
        }
        if rest.starts_with('\\') {
            // An escape pair is copied whole, so `\[^` stays as written.
            let pair = rest.chars().take(2).map(char::len_utf8).sum::<usize>();
            out.push_str(&rest[..pair]);
            i += pair;
            continue;
        }
        if rest.starts_with("[^") || (rest.starts_with('<') && opens_html(rest)) {
            out.push('\\');
        }
        let c = rest.chars().next().expect("not at the end");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// A list item, heading, quote or fence: a line that starts a block.
fn starts_block(line: &str) -> bool {
    let Some((_, rest)) = unindent(line) else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after_marker = |at: usize| rest[at..].is_empty() || rest[at..].starts_with([' ', '\t']);
    let bullet = rest.starts_with(['-', '+', '*']) && after_marker(1);
    // Only a list starting at 1 interrupts a paragraph in CommonMark.
    let ordered =
        rest.starts_with("1") && digits == 1 && rest[1..].starts_with(['.', ')']) && after_marker(2);
    bullet || ordered || rest.starts_with('>') || demote_heading(line).is_some() || fence(line).is_some()
}

/// Text of a paragraph: not blank, not indented, not a block's start.
fn is_paragraph_text(line: &str) -> bool {
    !line.trim().is_empty() && !line.starts_with([' ', '\t']) && !starts_block(line)
}

/// One line outside fenced code, guarded.
fn guard_line(line: &str, previous_blank: bool) -> String {
    if let Some(heading) = demote_heading(line) {
        return guard_inline(&heading);
    }
    match underline(line) {
        Some(b'=') => return format!("\\{}", line.trim_start()),
        // Under text, `---` would make it a heading; as a paragraph of
        // its own it is a thematic break.
        Some(_) if !previous_blank => return format!("\n{line}"),
        _ => {}
    }
    if line.trim_start().starts_with(":::") {
        return format!("\\{}", guard_inline(line.trim_start()));
    }
    guard_inline(line)
}

/// The note as Markdown that keeps to its point (see the module docs).
/// The line-by-line guards cannot see every container (a fence inside a
/// list item ends with the item), so the result is parsed as CommonMark
/// before it is used; a note that would still break out is shown as
/// escaped text instead, line by line.
pub(super) fn guarded(note: &str) -> String {
    let markdown = guard_lines(note);
    if keeps_to_itself(&markdown) {
        markdown
    } else {
        super::escape::paragraphs(note)
    }
}

/// True when `markdown`, followed by a heading of the document's, leaves
/// that heading intact and adds no footnote, HTML block or heading above
/// the notes' levels.
fn keeps_to_itself(markdown: &str) -> bool {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    const SENTINEL: &str = "sentinel-heading";
    // A footnote reference only parses when its label is defined, as the
    // citations' labels are in the document: define every label in sight.
    let mut labels: Vec<&str> = markdown
        .match_indices("[^")
        .filter_map(|(at, _)| markdown[at + 2..].split(']').next())
        .filter(|l| !l.is_empty() && l.len() < 100 && !l.contains(char::is_whitespace))
        .collect();
    labels.sort_unstable();
    labels.dedup();
    let definitions: String = labels
        .iter()
        .map(|l| format!("\n\n[^{l}]: sentinel-note"))
        .collect();
    let doc = format!("{markdown}\n\n### {SENTINEL}{definitions}\n");
    let mut defined = 0;
    // Headings above the notes' levels: (nesting depth, text).
    let mut high: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    let mut in_high = false;
    for event in Parser::new_ext(&doc, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::FootnoteReference(_) => return false,
            Event::Start(tag) => {
                defined += usize::from(matches!(tag, Tag::FootnoteDefinition(_)));
                if let Tag::Heading { level, .. } = tag
                    && level < HeadingLevel::H4
                {
                    high.push((depth, String::new()));
                    in_high = true;
                }
                depth += 1;
            }
            Event::End(end) => {
                in_high &= !matches!(end, TagEnd::Heading(_));
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if in_high => high.last_mut().expect("pushed at its start").1.push_str(&t),
            _ => {}
        }
    }
    high == [(0, SENTINEL.to_string())] && defined == labels.len()
}

fn guard_lines(note: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut open: Option<Fence> = None;
    let mut previous_blank = true;
    let mut previous_text = false;
    for line in note.lines() {
        // pandoc's reader needs a blank line before a list, heading,
        // quote or fence that follows text; CommonMark does not mind it.
        if open.is_none() && previous_text && starts_block(line) {
            out.push(String::new());
        }
        match open {
            Some(f) => {
                if closes(f, line) {
                    open = None;
                }
                out.push(line.to_string());
            }
            None => {
                if let Some(f) = fence(line) {
                    open = Some(f);
                    out.push(line.to_string());
                } else {
                    out.push(guard_line(line, previous_blank));
                }
            }
        }
        previous_text = open.is_none() && is_paragraph_text(line);
        previous_blank = line.trim().is_empty();
    }
    if let Some(f) = open {
        // Indented like its opening, so it closes it inside a list item too.
        let fence = (f.marker as char).to_string().repeat(f.len);
        out.push(format!("{}{fence}", " ".repeat(f.indent)));
    }
    out.join("\n")
}

/// The note after a bold "Note:" label: on its first line when the note
/// starts with plain text, else as a paragraph of its own.
pub(super) fn labelled(note: &str) -> String {
    let body = guarded(note);
    let starts_with_text = note.chars().next().is_some_and(char::is_alphabetic)
        && note.lines().nth(1).is_none_or(|l| underline(l).is_none());
    if starts_with_text {
        format!("**Note:** {body}")
    } else {
        format!("**Note:**\n\n{body}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_emphasis_links_and_code_pass_through() {
        let note = "- *one*\n- **two** [site](https://example.org)\n\n`[^1] <b>` and <https://x.org>";
        assert_eq!(guarded(note), note);
    }

    #[test]
    fn headings_move_below_the_documents_levels() {
        assert_eq!(
            guarded("# Big\n### Small\n####### seven"),
            "#### Big\n###### Small\n####### seven"
        );
        assert_eq!(guarded("#hashtag"), "#hashtag");
    }

    #[test]
    fn footnotes_html_and_underlines_are_escaped() {
        assert_eq!(guarded("[^9]: not a footnote"), "\\[^9]: not a footnote");
        assert_eq!(guarded("see [^2] <!-- x"), "see \\[^2] \\<!-- x");
        assert_eq!(guarded("Title\n==="), "Title\n\\===");
        assert_eq!(guarded("Title\n---"), "Title\n\n---");
        assert_eq!(guarded("::: warning [^1]"), "\\::: warning \\[^1]");
        assert_eq!(guarded("already \\[^1]"), "already \\[^1]");
    }

    #[test]
    fn an_open_fence_is_closed_and_its_content_left_alone() {
        assert_eq!(guarded("````\n# x\n[^1]:"), "````\n# x\n[^1]:\n````");
        assert_eq!(guarded("~~~\n<b>\n~~~\n<b>"), "~~~\n<b>\n~~~\n\\<b>");
    }

    #[test]
    fn blocks_after_text_get_the_blank_line_pandoc_needs() {
        assert_eq!(
            guarded("Text:\n- a\n- b\n  more\n- c"),
            "Text:\n\n- a\n- b\n  more\n- c"
        );
        assert_eq!(guarded("Text\n# H\n> q\n> r"), "Text\n\n#### H\n> q\n> r");
        assert_eq!(
            guarded("Text\n2015. A year\n1. one"),
            "Text\n2015. A year\n\n1. one"
        );
        assert_eq!(guarded("Text\n#tag"), "Text\n#tag");
    }

    #[test]
    fn a_note_the_guards_cannot_contain_is_shown_as_text() {
        // The fence is inside the list item, which "b" ends: "# h" would
        // be a top-level heading after it.
        let note = "- a\n  ```\nb\n# h";
        assert!(!keeps_to_itself(&guard_lines(note)));
        assert_eq!(guarded(note), "\\- a\\\n\\`\\`\\`\\\nb\\\n\\# h");
        assert!(keeps_to_itself(&guard_lines("- a\n  ```\n  code")));
    }

    #[test]
    fn the_label_joins_a_first_line_of_text() {
        assert_eq!(labelled("Say it"), "**Note:** Say it");
        assert_eq!(labelled("- a"), "**Note:**\n\n- a");
        assert_eq!(labelled("Big\n==="), "**Note:**\n\nBig\n\\===");
    }
}
