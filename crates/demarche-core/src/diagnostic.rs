//! Problems found in a positions file, located by byte span and rendered
//! as `FILE:LINE:COL: error: message` with the source line and a caret.
//!
//! Everything here may end up on a terminal and comes from a stranger's
//! file: messages are neutralised and their quoted values shortened when
//! a diagnostic is made, and a long source line is shown as a window
//! around the column, so an error on a 5 MB line prints a few lines.

use std::fmt::Write as _;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with an optional second place (e.g. the first definition
/// of a duplicated id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Range<usize>,
    pub related: Option<(String, Range<usize>)>,
}

/// A quoted value longer than this many characters is shortened.
const MAX_QUOTED: usize = 60;

/// Characters kept from each end of a shortened value.
const QUOTED_HEAD: usize = 40;
const QUOTED_TAIL: usize = 12;

/// A message longer than this (after shortening values) is cut.
const MAX_MESSAGE: usize = 400;

/// Source characters shown before the column on a long line, and at most
/// in all; a shorter line is shown whole.
const WINDOW_BEFORE: usize = 40;
const WINDOW: usize = 100;

/// Keeps the first `head` and last `tail` characters of a long `text`.
fn elide(text: &str, head: usize, tail: usize) -> String {
    let count = text.chars().count();
    if count <= head + tail + 1 {
        return text.to_string();
    }
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

/// A message fit for any terminal: neutralised, each `"quoted"` value
/// longer than `MAX_QUOTED` shortened in its middle, and the whole cut to
/// `MAX_MESSAGE` characters.
pub(crate) fn tidy(message: &str) -> String {
    let clean = crate::text::sanitize::span(message);
    let pieces: Vec<String> = clean
        .split('"')
        .enumerate()
        .map(|(i, piece)| {
            let quoted = i % 2 == 1;
            if quoted && piece.chars().count() > MAX_QUOTED {
                elide(piece, QUOTED_HEAD, QUOTED_TAIL)
            } else {
                piece.to_string()
            }
        })
        .collect();
    elide(&pieces.join("\""), MAX_MESSAGE, 0)
}

impl Diagnostic {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: tidy(&message.into()),
            span,
            related: None,
        }
    }

    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    pub(crate) fn with_related(mut self, note: impl Into<String>, span: Range<usize>) -> Self {
        self.related = Some((tidy(&note.into()), span));
        self
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Maps byte offsets to lines; built once per report.
pub(crate) struct SourceMap<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let newlines = text.match_indices('\n').map(|(i, _)| i + 1);
        SourceMap {
            text,
            line_starts: std::iter::once(0).chain(newlines).collect(),
        }
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut at = offset.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    pub(crate) fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        LineCol {
            line: line + 1,
            col: self.text[start..offset].chars().count() + 1,
        }
    }

    /// The text of the line holding `offset`, without its line ending.
    pub fn line_text(&self, offset: usize) -> &'a str {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// A piece of a source line, safe to echo: tabs become one space (so the
/// caret stays under its column), everything else as `sanitize::span`.
fn printable(piece: &str) -> String {
    crate::text::sanitize::span(&piece.replace('\t', " "))
}

/// The byte offset `n` characters before `at` in `line` (or its start).
fn back_chars(line: &str, at: usize, n: usize) -> usize {
    line[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` in `line` (or its end).
fn forward_chars(line: &str, at: usize, n: usize) -> usize {
    line[at..]
        .char_indices()
        .nth(n)
        .map_or(line.len(), |(i, _)| at + i)
}

/// The source line as shown under a diagnostic, and the columns of the
/// caret: the whole line when short, else `WINDOW` characters around
/// `start` (byte offsets into `line`), with `…` where it was cut.
fn excerpt(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let short = line.len() <= WINDOW || line.chars().nth(WINDOW).is_none();
    let (from, to) = if short {
        (0, line.len())
    } else {
        let from = back_chars(line, start, WINDOW_BEFORE);
        let taken = line[from..start].chars().count();
        (from, forward_chars(line, start, WINDOW - taken))
    };
    let end = end.clamp(start, to);
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < line.len() { "…" } else { "" };
    let before = format!("{lead}{}", printable(&line[from..start]));
    let marked = printable(&line[start..end]);
    let after = printable(&line[end..to]);
    let shown = format!("{before}{marked}{after}{tail}");
    (shown, before.width(), marked.width().max(1))
}

fn render_one(
    out: &mut String,
    file: &str,
    map: &SourceMap,
    severity: &str,
    message: &str,
    span: &Range<usize>,
) {
    let at = map.line_col(span.start);
    let _ = writeln!(out, "{file}:{}:{}: {severity}: {message}", at.line, at.col);
    let start = map.clamp(span.start);
    let line_start = map.line_starts[at.line - 1];
    let line = map.line_text(start);
    let start = (start - line_start).min(line.len());
    // A span running onto later lines is marked by one caret at its start.
    let end = map.clamp(span.end.max(span.start));
    let end = if map.line_index(end) == at.line - 1 {
        (end - line_start).min(line.len())
    } else {
        start
    };
    let (shown, indent, carets) = excerpt(line, start, end);
    let gutter = " ".repeat(at.line.to_string().len());
    let _ = writeln!(out, "{} | {shown}", at.line);
    let _ = writeln!(out, "{gutter} | {}{}", " ".repeat(indent), "^".repeat(carets));
}

/// Puts problems in the order a report shows them: by where they are in
/// the file, errors before warnings at the same place, and otherwise as
/// found (the sort is stable).
pub(crate) fn in_file_order(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.start, d.severity));
}

/// Renders every diagnostic in order, each with its source line and caret.
pub fn render(file: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let map = SourceMap::new(text);
    let file = crate::text::sanitize::span(file);
    let file = file.as_str();
    let mut out = String::new();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        render_one(&mut out, file, &map, severity, &d.message, &d.span);
        if let Some((note, span)) = &d.related {
            render_one(&mut out, file, &map, "note", note, span);
        }
    }
    out
}

/// Problems shown in full in one report; past this they are counted, so
/// a file of 100,000 bad lines prints a page, not megabytes.
pub const MAX_SHOWN: usize = 100;

/// `render` for the first `MAX_SHOWN` diagnostics, then one line
/// `FILE: and N more problems`. Every report of a file's problems goes
/// through this (the data file, `config.toml`).
pub fn render_capped(file: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let shown = &diagnostics[..diagnostics.len().min(MAX_SHOWN)];
    let mut out = render(file, text, shown);
    if diagnostics.len() > MAX_SHOWN {
        let more = crate::text::plural::count(diagnostics.len() - MAX_SHOWN, "more problem");
        out.push_str(&format!("{}: and {more}\n", crate::text::sanitize::span(file)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let map = SourceMap::new("ab\nçd = 1\n");
        assert_eq!(map.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(map.line_col(3), LineCol { line: 2, col: 1 });
        assert_eq!(map.line_col(5), LineCol { line: 2, col: 2 });
        assert_eq!(map.line_text(5), "çd = 1");
    }

    #[test]
    fn renders_caret_under_span() {
        let text = "a = 1\nkey = \"x\"\n";
        let d = Diagnostic::error(12..15, "bad value");
        let out = render("f.toml", text, &[d]);
        assert_eq!(
            out,
            "f.toml:2:7: error: bad value\n2 | key = \"x\"\n  |       ^^^\n"
        );
    }

    #[test]
    fn one_problem_past_the_cap_is_counted_in_the_singular() {
        let problems = vec![Diagnostic::error(0..1, "bad"); MAX_SHOWN + 1];
        let out = render_capped("f.toml", "a = 1\n", &problems);
        assert!(out.ends_with("f.toml: and 1 more problem\n"), "{out}");
    }

    #[test]
    fn control_characters_in_echoed_lines_are_neutralised() {
        let text = "title = \"\u{1b}[2J\"\n";
        let out = render("f.toml", text, &[Diagnostic::error(0..5, "m")]);
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn messages_and_file_names_are_neutralised() {
        let d = Diagnostic::error(0..1, "unknown key \"\u{1b}]52;c;eA==\u{7}\u{9b}2J\"")
            .with_related("first \"\u{202E}x\" here", 0..1);
        let out = render("\u{1b}[2Jf.toml", "a = 1\n", &[d]);
        assert!(crate::text::gate::is_clean(&out), "{out:?}");
        assert!(out.contains("unknown key \"\u{241b}]52;c;eA==\u{2407}\u{FFFD}2J\""));
    }

    #[test]
    fn long_quoted_values_are_shortened_in_the_middle() {
        let id = format!("start{}end", "x".repeat(5_000));
        let d = Diagnostic::error(0..1, format!("unknown actor id \"{id}\" here"));
        assert!(d.message.starts_with("unknown actor id \"startxxx"));
        assert!(d.message.ends_with("xxxend\" here"));
        assert!(d.message.chars().count() < 80, "{}", d.message);
    }

    #[test]
    fn a_long_line_shows_a_window_around_the_column() {
        let line = format!(
            "key = \"{}\" oops {}",
            "a".repeat(3_000_000),
            "b".repeat(2_000_000)
        );
        let at = line.find("oops").unwrap();
        let out = render("f.toml", &line, &[Diagnostic::error(at..at + 4, "bad")]);
        assert!(out.len() < 1_000, "{} bytes", out.len());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], format!("f.toml:1:{}: error: bad", at + 1));
        let shown = lines[1].strip_prefix("1 | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        let caret = lines[2].strip_prefix("  | ").unwrap();
        let column = caret.find('^').unwrap();
        assert_eq!(caret.trim_start(), "^^^^");
        let under: String = shown.chars().skip(column).take(4).collect();
        assert_eq!(under, "oops");
    }
}
