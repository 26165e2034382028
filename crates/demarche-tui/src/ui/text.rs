//! Wrapped display text as ratatui lines: the breaking itself is
//! `text::wrap` (no ratatui there); this module turns its pieces into
//! styled spans, so search highlights land on the characters that matched.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use demarche_core::text::wrap::{Piece, wrap_chars, wrap_chars_cut};

/// Spans for one piece: runs of characters that share a style.
pub(crate) fn spans(piece: &Piece, style_at: &dyn Fn(usize) -> Style) -> Line<'static> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style: Option<Style> = None;
    for &(i, c) in piece {
        let style = style_at(i);
        if run_style.is_some_and(|s| s != style) && !run.is_empty() {
            out.push(Span::styled(std::mem::take(&mut run), run_style.unwrap_or(style)));
        }
        run_style = Some(style);
        run.push(c);
    }
    if let Some(style) = run_style.filter(|_| !run.is_empty()) {
        out.push(Span::styled(run, style));
    }
    Line::from(out)
}

/// Wrapped lines of `text` in `base`, with the chars at `marks` (sorted
/// char indices) patched with `mark`.
pub fn wrap(text: &str, width: usize, base: Style, marks: &[usize], mark: Style) -> Vec<Line<'static>> {
    let style_at = |i: usize| {
        if marks.binary_search(&i).is_ok() {
            base.patch(mark)
        } else {
            base
        }
    };
    wrap_chars(text, width)
        .iter()
        .map(|p| spans(p, &style_at))
        .collect()
}

/// Like `wrap`, but at most `max_lines` lines: when the text is longer,
/// the last line is cut after a whole word and ends in `…`, in `base`.
pub(crate) fn wrap_cut(
    text: &str,
    width: usize,
    max_lines: usize,
    base: Style,
    marks: &[usize],
    mark: Style,
) -> Vec<Line<'static>> {
    let pieces = wrap_chars_cut(text, width, max_lines);
    let style_at = |i: usize| {
        if marks.binary_search(&i).is_ok() {
            base.patch(mark)
        } else {
            base
        }
    };
    pieces.iter().map(|p| spans(p, &style_at)).collect()
}

/// Wrapped lines of text given as styled runs, each keeping its style.
pub(crate) fn wrap_runs(runs: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let mut text = String::new();
    let mut styles: Vec<Style> = Vec::new();
    for (run, style) in runs {
        text.push_str(run);
        styles.extend(std::iter::repeat_n(*style, run.chars().count()));
    }
    let style_at = |i: usize| styles.get(i).copied().unwrap_or_default();
    wrap_chars(&text, width)
        .iter()
        .map(|p| spans(p, &style_at))
        .collect()
}

/// Wrapped lines with no highlights.
pub(crate) fn wrap_plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width, style, &[], Style::default())
}

/// One line cut to `width` columns, ending in `…` when cut.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    demarche_core::text::width::fit(text, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_inside_long_words() {
        let lines = wrap_plain("the quick brown fox", 10, Style::default());
        assert_eq!(plain(&lines), vec!["the quick", "brown fox"]);
        let lines = wrap_plain("abcdefghij", 4, Style::default());
        assert_eq!(plain(&lines), vec!["abc-", "def-", "ghij"]);
        let lines = wrap_plain("The state-responsibility norm", 16, Style::default());
        assert_eq!(plain(&lines), vec!["The state-", "responsibility", "norm"]);
        let lines = wrap_plain("see /tmp/non-existent", 14, Style::default());
        assert_eq!(plain(&lines), vec!["see", "/tmp/non-exist", "ent"]);
        let lines = wrap_plain("ab state-responsibility", 10, Style::default());
        assert_eq!(plain(&lines), vec!["ab state-", "responsib-", "ility"]);
    }

    #[test]
    fn a_cut_wrap_ends_after_a_whole_word_with_an_ellipsis() {
        let text = "Obama-Xi summit agrees on cyber theft norms and a hotline";
        let lines = wrap_cut(text, 12, 2, Style::default(), &[], Style::default());
        assert_eq!(plain(&lines), vec!["Obama-Xi", "summit…"]);
        let lines = wrap_cut("short text", 12, 2, Style::default(), &[], Style::default());
        assert_eq!(plain(&lines), vec!["short text"]);
        for width in 2..30 {
            for line in wrap_cut(text, width, 2, Style::default(), &[], Style::default()) {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                assert!(
                    unicode_width::UnicodeWidthStr::width(text.as_str()) <= width,
                    "{width}: {text}"
                );
            }
        }
    }

    #[test]
    fn wide_characters_count_double() {
        let lines = wrap_plain("習近平習近平", 4, Style::default());
        assert_eq!(plain(&lines), vec!["習近", "平習", "近平"]);
    }

    #[test]
    fn highlights_follow_char_indices_across_lines() {
        let mark = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap("ab cd", 2, Style::default(), &[1, 3], mark);
        assert_eq!(lines[0].spans[1].content, "b");
        assert_eq!(lines[0].spans[1].style, mark);
        assert_eq!(lines[1].spans[0].content, "c");
        assert_eq!(lines[1].spans[0].style, mark);
    }
}
