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

    fn vertical(&mut self, by: isize) {
        let row = self.row.saturating_add_signed(by).min(self.lines.len() - 1);
        self.row = row;
        self.col = self.col.min(char_len(&self.lines[row]));
    }
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
}
