//! A small multi-line text editor for notes and headings: cursor
//! movement, line breaks, and paste. Positions are in characters.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editor {
    pub lines: Vec<String>,
    pub row: usize,
    /// Cursor column, in characters.
    pub col: usize,
    /// Single-line editors (headings) treat Enter as "done".
    pub single_line: bool,
}

/// Editing commands, carried by `Action::Edit`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Paste(String),
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    /// Up or down one screen row of the text soft-wrapped to this many
    /// columns: what Up and Down become once the editor has been drawn
    /// (`ui::Areas::refine`), so the cursor moves the way the text looks.
    RowUp(usize),
    RowDown(usize),
    Home,
    End,
}

fn byte_at(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

fn char_len(line: &str) -> usize {
    line.chars().count()
}

impl Editor {
    pub fn new(text: &str, single_line: bool) -> Self {
        let lines: Vec<String> = if single_line {
            vec![text.replace('\n', " ")]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let row = lines.len() - 1;
        let col = char_len(&lines[row]);
        Editor {
            lines,
            row,
            col,
            single_line,
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    fn line(&mut self) -> &mut String {
        &mut self.lines[self.row]
    }

    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Insert(c) => self.insert(c),
            Edit::Paste(text) => {
                for c in text.replace("\r\n", "\n").replace('\r', "\n").chars() {
                    self.insert(c);
                }
            }
            Edit::Newline => self.insert('\n'),
            Edit::Backspace => self.backspace(),
            Edit::Delete => self.delete(),
            Edit::Left => self.left(),
            Edit::Right => self.right(),
            Edit::Up => self.vertical(-1),
            Edit::Down => self.vertical(1),
            Edit::RowUp(width) => self.row_step(-1, width),
            Edit::RowDown(width) => self.row_step(1, width),
            Edit::Home => self.col = 0,
            Edit::End => self.col = char_len(&self.lines[self.row]),
        }
    }

    fn insert(&mut self, c: char) {
        if c == '\n' {
            if self.single_line {
                return;
            }
            let at = byte_at(&self.lines[self.row], self.col);
            let rest = self.line().split_off(at);
            self.lines.insert(self.row + 1, rest);
            self.row += 1;
            self.col = 0;
            return;
        }
        if c.is_control() && c != '\t' {
            return;
        }
        let at = byte_at(&self.lines[self.row], self.col);
        self.line().insert(at, c);
        self.col += 1;
    }

    fn backspace(&mut self) {
        if self.col > 0 {
            self.col -= 1;
            let at = byte_at(&self.lines[self.row], self.col);
            self.line().remove(at);
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = char_len(&self.lines[self.row]);
            self.line().push_str(&line);
        }
    }

    fn delete(&mut self) {
        if self.col < char_len(&self.lines[self.row]) {
            let at = byte_at(&self.lines[self.row], self.col);
            self.line().remove(at);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.line().push_str(&next);
        }
    }

    fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = char_len(&self.lines[self.row]);
        }
    }

    fn right(&mut self) {
        if self.col < char_len(&self.lines[self.row]) {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    /// One soft-wrapped row up or down, keeping the column within the
    /// row where it can; across a line break to the nearest row of the
    /// line above or below.
    fn row_step(&mut self, by: isize, width: usize) {
        let rows = soft_rows(&self.lines[self.row], width);
        let (at, within) = soft_cursor(&rows, self.col);
        let target = at as isize + by;
        let (line, rows, target) = if target < 0 {
            if self.row == 0 {
                return;
            }
            let rows = soft_rows(&self.lines[self.row - 1], width);
            let last = rows.len() - 1;
            (self.row - 1, rows, last)
        } else if target as usize >= rows.len() {
            if self.row + 1 >= self.lines.len() {
                return;
            }
            (self.row + 1, soft_rows(&self.lines[self.row + 1], width), 0)
        } else {
            (self.row, rows, target as usize)
        };
        let range = &rows[target];
        // A column at a row's end belongs to the next row, except on the last.
        let most = if target + 1 < rows.len() {
            range.end.saturating_sub(1).max(range.start)
        } else {
            range.end
        };
        self.row = line;
        self.col = (range.start + within).min(most);
    }

    fn vertical(&mut self, by: isize) {
        let row = self.row.saturating_add_signed(by).min(self.lines.len() - 1);
        self.row = row;
        self.col = self.col.min(char_len(&self.lines[row]));
    }
}

/// The character ranges of `line` drawn on each screen row when it is
/// soft-wrapped to `width` columns: after a space where there is one,
/// else where the row is full. Every character is on exactly one row, so
/// the cursor (a character index) always has a row; a cursor at the end
/// of a full row gets an empty row of its own.
pub(crate) fn soft_rows(line: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(2);
    let chars: Vec<char> = line.chars().collect();
    let mut rows = Vec::new();
    let (mut start, mut used, mut after_space) = (0, 0, None);
    for (i, &c) in chars.iter().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > width && i > start {
            // Back to after the last space (so a row never starts with the
            // space it broke at), unless that leaves only spaces.
            let worth = |&at: &usize| chars[start..at].iter().any(|&c| c != ' ');
            let end = after_space.filter(worth).unwrap_or(i);
            rows.push(start..end);
            start = end;
            used = chars[start..i].iter().map(|c| c.width().unwrap_or(0)).sum();
            after_space = None;
        }
        used += w;
        if c == ' ' {
            after_space = Some(i + 1);
        }
    }
    // The cursor past the last character needs a cell on the last row.
    if used >= width {
        rows.push(start..chars.len());
        start = chars.len();
    }
    rows.push(start..chars.len());
    rows
}

/// The row (among `soft_rows`) and the column within it of char `col`.
pub(crate) fn soft_cursor(rows: &[std::ops::Range<usize>], col: usize) -> (usize, usize) {
    let row = rows
        .iter()
        .position(|r| col < r.end || (col == r.end && r.is_empty()))
        .unwrap_or(rows.len().saturating_sub(1));
    (row, col.saturating_sub(rows.get(row).map_or(0, |r| r.start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(editor: &mut Editor, text: &str) {
        for c in text.chars() {
            editor.apply(if c == '\n' { Edit::Newline } else { Edit::Insert(c) });
        }
    }

    #[test]
    fn types_moves_and_breaks_lines() {
        let mut e = Editor::new("", false);
        typed(&mut e, "héllo\nwörld");
        assert_eq!(e.text(), "héllo\nwörld");
        e.apply(Edit::Up);
        e.apply(Edit::Home);
        e.apply(Edit::Right);
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "hllo\nwörld");
        e.apply(Edit::End);
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "hllowörld", "delete at the end joins lines");
        e.apply(Edit::Backspace);
        assert_eq!(e.text(), "hllwörld");
    }

    #[test]
    fn backspace_at_line_start_joins_with_the_line_above() {
        let mut e = Editor::new("ab\ncd", false);
        e.apply(Edit::Home);
        e.apply(Edit::Backspace);
        assert_eq!(e.text(), "abcd");
        assert_eq!((e.row, e.col), (0, 2));
    }

    #[test]
    fn paste_keeps_lines_and_single_line_refuses_breaks() {
        let mut e = Editor::new("", false);
        e.apply(Edit::Paste("one\r\ntwo 習".into()));
        assert_eq!(e.lines, vec!["one", "two 習"]);
        let mut h = Editor::new("Head", true);
        h.apply(Edit::Paste("a\nb".into()));
        assert_eq!(h.text(), "Headab");
    }

    #[test]
    fn soft_rows_break_after_spaces_and_keep_every_character() {
        let rows = soft_rows("the quick brown fox", 10);
        assert_eq!(rows, vec![0..10, 10..19]);
        let line: Vec<char> = "the quick brown fox".chars().collect();
        let texts: Vec<String> = rows.iter().map(|r| line[r.clone()].iter().collect()).collect();
        assert_eq!(texts, vec!["the quick ", "brown fox"]);
        assert_eq!(soft_rows("abcdefghij", 4), vec![0..4, 4..8, 8..10]);
        assert_eq!(soft_rows("", 4), vec![0..0]);
        assert_eq!(soft_rows("abcd efgh", 4), vec![0..4, 4..8, 8..9]);
        // A space that does not fit: the word before it goes down too.
        assert_eq!(soft_rows("ab cd efg", 5), vec![0..3, 3..6, 6..9]);
    }

    #[test]
    fn row_steps_follow_the_wrapped_rows() {
        let mut e = Editor::new("the quick brown fox\nab", false);
        e.row = 0;
        e.col = 12; // "brown": the second row at width 10
        e.apply(Edit::RowUp(10));
        assert_eq!((e.row, e.col), (0, 2), "the same column one row up");
        e.apply(Edit::RowUp(10));
        assert_eq!((e.row, e.col), (0, 2), "the top stays");
        e.apply(Edit::RowDown(10));
        e.apply(Edit::RowDown(10));
        assert_eq!((e.row, e.col), (1, 2), "into the next line, clamped to its end");
        e.apply(Edit::RowUp(10));
        assert_eq!((e.row, e.col), (0, 12), "back to the last row of the line above");
    }

    #[test]
    fn the_cursor_lands_on_the_row_that_holds_its_character() {
        let rows = soft_rows("the quick brown fox", 10);
        assert_eq!(soft_cursor(&rows, 0), (0, 0));
        assert_eq!(soft_cursor(&rows, 9), (0, 9));
        assert_eq!(soft_cursor(&rows, 10), (1, 0));
        assert_eq!(soft_cursor(&rows, 19), (1, 9));
        // A full last row: the cursor after it goes to a row of its own.
        let rows = soft_rows("abcd", 4);
        assert_eq!(rows, vec![0..4, 4..4]);
        assert_eq!(soft_cursor(&rows, 4), (1, 0));
        assert_eq!(soft_cursor(&rows, 3), (0, 3));
    }
}
