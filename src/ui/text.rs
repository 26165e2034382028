//! Wrapping and highlighting display text by display width, so wide
//! (CJK) and combining characters line up, and search highlights land on
//! the characters that matched.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Characters of one display line, with their char index in the source.
pub(crate) type Piece = Vec<(usize, char)>;

/// Marks a word broken across lines because it is wider than the line.
const BREAK_MARK: char = '-';

/// Splits `text` into lines of at most `width` columns, breaking at spaces
/// (or after a hyphen) where it can and inside words where it must, with
/// a hyphen so the cut shows. Newlines are kept.
pub(crate) fn wrap_chars(text: &str, width: usize) -> Vec<Piece> {
    let width = width.max(1);
    let mut lines: Vec<Piece> = Vec::new();
    let mut line: Piece = Vec::new();
    let mut used = 0;
    // Where the line may break: after a space or a hyphen (index into `line`).
    let mut last_space: Option<usize> = None;
    let mut plain_word = true;
    for (i, c) in text.chars().enumerate() {
        if c == '\n' {
            lines.push(std::mem::take(&mut line));
            used = 0;
            last_space = None;
            continue;
        }
        // After the hyphen of a hyphenated word ("counter-accusations"),
        // not of "week-3", a lone dash, or a path or address ("/a-b/").
        plain_word = c == ' ' || (plain_word && (c.is_alphabetic() || c == '-' || c == '\''));
        let n = line.len();
        if plain_word && c.is_alphabetic() && n >= 2 && line[n - 1].1 == '-' && line[n - 2].1.is_alphabetic()
        {
            last_space = Some(n - 1);
        }
        let w = c.width().unwrap_or(0);
        if used + w > width && !line.is_empty() {
            let carry = match last_space {
                Some(at) if c != ' ' => line.split_off(at + 1),
                // Inside a word too long for the line: its last character
                // goes on with the rest, and a hyphen says it goes on (not
                // in a path or an address, where it would read as part of it).
                None if plain_word
                    && line.len() >= 2
                    && line.last().is_some_and(|&(_, p)| is_word(p))
                    && is_word(c) =>
                {
                    let moved = line.split_off(line.len() - 1);
                    line.push((usize::MAX, BREAK_MARK));
                    moved
                }
                _ => Vec::new(),
            };
            let mut done = std::mem::replace(&mut line, carry);
            while done.last().is_some_and(|&(_, c)| c == ' ') {
                done.pop();
            }
            lines.push(done);
            used = line.iter().map(|&(_, c)| c.width().unwrap_or(0)).sum();
            last_space = None;
            if c == ' ' {
                continue;
            }
        }
        if c == ' ' {
            last_space = Some(line.len());
        }
        line.push((i, c));
        used += w;
    }
    lines.push(line);
    lines
}

/// A cursor at the end of a text (or on an empty line) needs a cell to
/// stand on: a space after the last character, at index `len`.
pub(crate) fn room_for_cursor(pieces: &mut [Piece], len: usize) {
    if let Some(last) = pieces.last_mut() {
        last.push((len, ' '));
    }
}

/// Letters and digits of one column: scripts of wide characters (CJK)
/// break between any two characters without a hyphen.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && c.width() == Some(1)
}

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
pub fn wrap_cut(
    text: &str,
    width: usize,
    max_lines: usize,
    base: Style,
    marks: &[usize],
    mark: Style,
) -> Vec<Line<'static>> {
    let mut pieces = wrap_chars(text, width);
    if max_lines == 0 {
        return Vec::new();
    }
    if pieces.len() > max_lines {
        pieces.truncate(max_lines);
        let start = pieces[max_lines - 1].first().map_or(0, |&(i, _)| i);
        // The rest of the text from the last line on, cut by `fit` (line
        // breaks read as spaces there).
        let rest: String = text
            .chars()
            .skip(start)
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect();
        let cut = crate::width::fit_words(&rest, width.max(1));
        let kept = cut.chars().count().saturating_sub(1);
        let mut last: Piece = rest
            .chars()
            .take(kept)
            .enumerate()
            .map(|(k, c)| (start + k, c))
            .collect();
        last.push((usize::MAX, '…'));
        pieces[max_lines - 1] = last;
    }
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
pub fn wrap_runs(runs: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
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
pub fn wrap_plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width, style, &[], Style::default())
}

/// One line cut to `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    crate::width::fit(text, width)
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
