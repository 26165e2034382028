//! The query syntax as the reader sees it, written once: the help
//! overlay, `demarche search --help`, docs/KEYS.md and docs/CLI.md are all
//! generated from this table (tests/readme.rs checks the documents).

/// Each form a query word can take, with what it does.
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "word",
        "every space-separated word must match, in any field; whole words rank first, then word starts, then the letters in order close together",
    ),
    (
        "two words",
        "words side by side in a field (tool kit, tool-kit) rank above words apart",
    ),
    (
        "wrod",
        "a word of 5 or more letters found nowhere is read as the closest word in the data (1 typo up to 8 letters, 2 beyond)",
    ),
    ("'word", "exact substring"),
    ("^word", "a field starts with it"),
    ("word$", "a field ends with it"),
    ("!word", "no field contains it (also !^word, !word$)"),
    ("new\\ york", "a backslash keeps the space in the word"),
    ("actor:ID", "only this actor: its id, or else part of a name"),
    ("topic:ID", "only this topic: its id, or else part of its name"),
    ("tag:TAG", "only positions with this tag (or part of one)"),
    (
        "event:ID",
        "only positions at this event: its id, or else part of its name",
    ),
    (
        "source:ID",
        "only positions from this source: its id, or else part of its title",
    ),
    (
        "kind:KIND",
        "only this kind of evidence: quote, joint, paraphrase, characterization or action",
    ),
    ("year:2015", "only positions in that year"),
    (
        "from:DATE to:DATE",
        "only positions in the range, ends included (YYYY, YYYY-MM, YYYY-MM-DD)",
    ),
    (
        "before:DATE after:DATE",
        "only positions before or after the date, the date itself left out",
    ),
    ("Case", "case-insensitive unless the word has a capital"),
];

/// The rules as a Markdown table, for docs/KEYS.md and docs/CLI.md.
pub fn markdown_table() -> String {
    let mut out = String::from("| Query | Meaning |\n|---|---|\n");
    for (syntax, meaning) in SYNTAX {
        out.push_str(&format!("| `{syntax}` | {meaning} |\n"));
    }
    out
}

/// Width `help_text` wraps to, so that clap, which wraps at the
/// terminal's width, leaves the hanging indents alone on 80 columns.
const HELP_WIDTH: usize = 78;

/// `text` in lines of at most `width` characters (longer words alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// The rules as plain text for `demarche search --help`.
pub fn help_text() -> String {
    let width = SYNTAX.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
    let mut out = wrap(
        "Ranked search over stances, quotes, speakers, notes, tags, topic and actor names, source titles and \
         event names, with the explorer's engine. An unknown actor, topic, tag, event or source in a filter, \
         or a search with no results, exits with status 1.",
        HELP_WIDTH,
    )
    .join("\n");
    out.push_str("\n\nQuery syntax:\n");
    let indent = " ".repeat(width + 4);
    for (syntax, meaning) in SYNTAX {
        for (n, line) in wrap(meaning, HELP_WIDTH - indent.len()).iter().enumerate() {
            match n {
                0 => out.push_str(&format!("  {syntax:<width$}  {line}\n")),
                _ => out.push_str(&format!("{indent}{line}\n")),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every filter the parser knows is documented.
    #[test]
    fn every_filter_is_in_the_table() {
        for filter in [
            "actor:", "topic:", "tag:", "event:", "source:", "kind:", "year:", "from:", "to:", "before:",
            "after:",
        ] {
            assert!(SYNTAX.iter().any(|(s, _)| s.contains(filter)), "{filter}");
        }
        assert!(markdown_table().contains("| `tag:TAG` |"));
        assert!(help_text().contains("  kind:KIND"));
        assert!(help_text().lines().all(|l| l.chars().count() <= HELP_WIDTH));
    }
}
