//! Breaking display text into lines by display width, so wide (CJK) and
//! combining characters line up. Pure: the screen turns the pieces into
//! styled lines (`ui::text`), keeping each character's index in the source
//! so highlights and cursors land where they belong.

use unicode_width::UnicodeWidthChar;

/// Characters of one display line, with their char index in the source.
pub type Piece = Vec<(usize, char)>;

/// Marks a word broken across lines because it is wider than the line.
const BREAK_MARK: char = '-';

/// Splits `text` into lines of at most `width` columns, breaking at spaces
/// (or after a hyphen) where it can and inside words where it must, with
/// a hyphen so the cut shows. Newlines are kept.
pub fn wrap_chars(text: &str, width: usize) -> Vec<Piece> {
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
pub fn room_for_cursor(pieces: &mut [Piece], len: usize) {
    if let Some(last) = pieces.last_mut() {
        last.push((len, ' '));
    }
}

/// Letters and digits of one column: scripts of wide characters (CJK)
/// break between any two characters without a hyphen.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && c.width() == Some(1)
}

/// `wrap_chars`, at most `max_lines` lines: when the text is longer, the
/// last line is cut after a whole word and ends in `…` (index
/// `usize::MAX`, like a break mark).
pub fn wrap_chars_cut(text: &str, width: usize, max_lines: usize) -> Vec<Piece> {
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
        let cut = super::width::fit_words(&rest, width.max(1));
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
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| p.iter().map(|&(_, c)| c).collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_inside_long_words() {
        assert_eq!(
            plain(&wrap_chars("the quick brown fox", 10)),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(plain(&wrap_chars("abcdefghij", 4)), vec!["abc-", "def-", "ghij"]);
        assert_eq!(
            plain(&wrap_chars("習近平習近平", 4)),
            vec!["習近", "平習", "近平"]
        );
    }

    #[test]
    fn a_cut_keeps_source_indices_and_marks_what_it_added() {
        let pieces = wrap_chars_cut("Obama-Xi summit agrees on cyber theft norms", 12, 2);
        assert_eq!(plain(&pieces), vec!["Obama-Xi", "summit…"]);
        assert_eq!(pieces[1][0], (9, 's'));
        assert_eq!(pieces[1].last(), Some(&(usize::MAX, '…')));
        assert!(wrap_chars_cut("anything", 5, 0).is_empty());
    }
}
