//! Problems found in a positions file, located by byte span and rendered
//! as `FILE:LINE:COL: error: message` with the source line and a caret.

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

impl Diagnostic {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
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

    pub fn with_related(mut self, note: impl Into<String>, span: Range<usize>) -> Self {
        self.related = Some((note.into(), span));
        self
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Maps byte offsets to lines; built once per report.
pub struct SourceMap<'a> {
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

    pub fn line_col(&self, offset: usize) -> LineCol {
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

/// Makes a source line safe to echo to a terminal: control characters
/// become `?` so a hostile file cannot drive the terminal through an error.
fn printable(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() || crate::sanitize::is_bidi_control(c) => '?',
            c => c,
        })
        .collect()
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
    let line = printable(map.line_text(span.start));
    let prefix: String = line.chars().take(at.col - 1).collect();
    let end = map.clamp(span.end.max(span.start));
    let same_line = map.line_col(end).line == at.line;
    let marked_chars = if same_line {
        map.line_col(end).col - at.col
    } else {
        0
    };
    let marked: String = line.chars().skip(at.col - 1).take(marked_chars).collect();
    let gutter = " ".repeat(at.line.to_string().len());
    let _ = writeln!(out, "{} | {line}", at.line);
    let carets = "^".repeat(marked.width().max(1));
    let _ = writeln!(out, "{gutter} | {}{carets}", " ".repeat(prefix.width()));
}

/// Renders every diagnostic in order, each with its source line and caret.
pub fn render(file: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let map = SourceMap::new(text);
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

/// The location of a diagnostic as `FILE:LINE:COL`, for one-line banners.
pub fn location(file: &str, text: &str, d: &Diagnostic) -> String {
    let at = SourceMap::new(text).line_col(d.span.start);
    format!("{file}:{}:{}", at.line, at.col)
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
    fn control_characters_in_echoed_lines_are_neutralised() {
        let text = "title = \"\u{1b}[2J\"\n";
        let out = render("f.toml", text, &[Diagnostic::error(0..5, "m")]);
        assert!(!out.contains('\u{1b}'));
    }
}
