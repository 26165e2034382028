//! The reader's cursor motions over a text's lines: by character, line,
//! word (`w`/`b`), sentence (`)`/`(`) and page. Pure functions of the
//! lines and a spot, so they are tested without a screen.

/// A place in the text: a line and a character (not byte) in it. On an
/// empty line the column is 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spot {
    pub line: usize,
    pub col: usize,
}

impl Spot {
    pub fn new(line: usize, col: usize) -> Self {
        Spot { line, col }
    }
}

/// How the cursor moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    WordNext,
    WordPrev,
    SentenceNext,
    SentencePrev,
}

/// Lines a page motion moves.
const PAGE_LINES: usize = 10;

/// The text as one run of characters, lines joined by `\n`: built once
/// per text (`SourceDoc`), read by every motion.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flat {
    chars: Vec<char>,
    /// Where each line starts in `chars`.
    starts: Vec<usize>,
}

impl Flat {
    pub fn new(lines: &[String]) -> Self {
        let mut chars = Vec::new();
        let mut starts = Vec::with_capacity(lines.len());
        for (n, line) in lines.iter().enumerate() {
            if n > 0 {
                chars.push('\n');
            }
            starts.push(chars.len());
            chars.extend(line.chars());
        }
        Flat { chars, starts }
    }

    /// The place of `spot` among the characters (the end, past the text).
    pub fn index(&self, spot: Spot) -> usize {
        let line = spot.line.min(self.starts.len().saturating_sub(1));
        (self.starts.get(line).copied().unwrap_or(0) + spot.col).min(self.chars.len())
    }

    fn spot(&self, index: usize) -> Spot {
        let line = self.starts.partition_point(|&s| s <= index).saturating_sub(1);
        Spot::new(line, index - self.starts.get(line).copied().unwrap_or(0))
    }

    fn class(&self, i: usize) -> u8 {
        match self.chars.get(i) {
            None => 0,
            Some(c) if c.is_whitespace() => 0,
            Some(c) if c.is_alphanumeric() || matches!(c, '\'' | '’' | '_') => 1,
            Some(_) => 2,
        }
    }

    /// Whether a sentence starts at `i`: the first visible character of
    /// the text, of a line, or after `.`, `?` or `!` (and closing quotes
    /// or brackets) and white space.
    fn sentence_starts(&self, i: usize) -> bool {
        if self.class(i) == 0 {
            return false;
        }
        let mut j = i;
        let mut spaced = false;
        while j > 0 && self.class(j - 1) == 0 {
            if self.chars[j - 1] == '\n' {
                return true;
            }
            spaced = true;
            j -= 1;
        }
        if j == 0 {
            return true;
        }
        while j > 0 && matches!(self.chars[j - 1], '"' | '”' | '’' | '\'' | ')' | ']' | '»') {
            j -= 1;
        }
        spaced && j > 0 && matches!(self.chars[j - 1], '.' | '?' | '!') && !self.initial(j - 1)
    }

    /// Whether the stop at `k` ends an initialism or an initial ("U.S.",
    /// "John F. Kennedy") rather than a sentence.
    fn initial(&self, k: usize) -> bool {
        let letter = |i: usize| self.chars.get(i).is_some_and(|c| c.is_alphabetic());
        k >= 1
            && letter(k - 1)
            && (k >= 2 && self.chars[k - 2] == '.'
                || self.chars[k - 1].is_uppercase() && (k < 2 || self.class(k - 2) == 0))
    }
}

/// Where `motion` takes the cursor from `at` in `flat`.
pub fn step(flat: &Flat, at: Spot, motion: Motion) -> Spot {
    let len = |line: usize| {
        let start = flat.starts.get(line).copied().unwrap_or(0);
        let end = flat
            .starts
            .get(line + 1)
            .map_or(flat.chars.len(), |&next| next - 1);
        end.saturating_sub(start)
    };
    let last_line = flat.starts.len().saturating_sub(1);
    let vertical = |line: usize| Spot::new(line, at.col.min(len(line).saturating_sub(1)));
    let i = flat.index(at);
    let end = flat.chars.len();
    let found = |i: Option<usize>| flat.spot(i.unwrap_or(end).min(end.saturating_sub(1)));
    match motion {
        Motion::Up => vertical(at.line.saturating_sub(1)),
        Motion::Down => vertical((at.line + 1).min(last_line)),
        Motion::PageUp => vertical(at.line.saturating_sub(PAGE_LINES)),
        Motion::PageDown => vertical((at.line + PAGE_LINES).min(last_line)),
        Motion::Left => flat.spot(i.saturating_sub(1)),
        Motion::Right => found(Some(i + 1)),
        Motion::WordNext => {
            let class = flat.class(i);
            let mut j = i;
            while j < end && class != 0 && flat.class(j) == class {
                j += 1;
            }
            while j < end && flat.class(j) == 0 {
                j += 1;
            }
            found(Some(j))
        }
        Motion::WordPrev => {
            let mut j = i;
            while j > 0 && flat.class(j - 1) == 0 {
                j -= 1;
            }
            let class = flat.class(j.saturating_sub(1));
            while j > 0 && flat.class(j - 1) == class && class != 0 {
                j -= 1;
            }
            flat.spot(j)
        }
        Motion::SentenceNext => found((i + 1..end).find(|&j| flat.sentence_starts(j))),
        Motion::SentencePrev => flat.spot((0..i).rev().find(|&j| flat.sentence_starts(j)).unwrap_or(0)),
    }
}

/// Whether the characters from `from` to `to` (inclusive) stand inside
/// quotation marks in their text: curly or guillemet marks open before
/// and close after, or an odd number of straight quotes before on the
/// first line, or the selection itself starts and ends with marks.
pub fn inside_quotes(lines: &[String], from: Spot, to: Spot) -> bool {
    let chars = |line: usize| -> Vec<char> { lines.get(line).map_or(Vec::new(), |l| l.chars().collect()) };
    let first = chars(from.line);
    let last = chars(to.line);
    let is_mark = |c: Option<&char>| matches!(c, Some('"' | '“' | '”' | '«' | '»'));
    // A mark at either end of the selection counts as standing around it.
    let open = from.col + usize::from(is_mark(first.get(from.col)));
    let close = to
        .col
        .saturating_sub(usize::from(is_mark(last.get(to.col)) && to.col > 0));
    let before: &[char] = &first[..open.min(first.len())];
    let after: &[char] = last.get(close + 1..).unwrap_or_default();
    let last_mark =
        |marks: &[char], opening: char| before.iter().rev().find(|c| marks.contains(c)) == Some(&opening);
    let next_mark =
        |marks: &[char], closing: char| after.iter().find(|c| marks.contains(c)) == Some(&closing);
    let curly = last_mark(&['“', '”'], '“') && next_mark(&['“', '”'], '”');
    let guillemets = last_mark(&['«', '»'], '«') && next_mark(&['«', '»'], '»');
    let straight = before.iter().filter(|&&c| c == '"').count() % 2 == 1 && after.contains(&'"');
    curly || guillemets || straight
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    fn walk(text: &str, from: Spot, motion: Motion, times: usize) -> Spot {
        let flat = Flat::new(&lines(text));
        (0..times).fold(from, |at, _| step(&flat, at, motion))
    }

    #[test]
    fn words_forward_and_back_across_lines() {
        let text = "We will, never\n  accept it.";
        let at = |n| walk(text, Spot::new(0, 0), Motion::WordNext, n);
        assert_eq!(at(1), Spot::new(0, 3)); // will
        assert_eq!(at(2), Spot::new(0, 7)); // ,
        assert_eq!(at(3), Spot::new(0, 9)); // never
        assert_eq!(at(4), Spot::new(1, 2)); // accept
        assert_eq!(walk(text, Spot::new(1, 2), Motion::WordPrev, 1), Spot::new(0, 9));
        assert_eq!(walk(text, Spot::new(0, 11), Motion::WordPrev, 1), Spot::new(0, 9));
        // At the end, w stays on the last character.
        assert_eq!(walk(text, Spot::new(1, 9), Motion::WordNext, 3), Spot::new(1, 11));
    }

    #[test]
    fn sentences_end_at_stops_and_lines() {
        let text = "One. “Two?” Three!\nFour";
        let at = |n| walk(text, Spot::new(0, 0), Motion::SentenceNext, n);
        assert_eq!(at(1), Spot::new(0, 5)); // “Two
        assert_eq!(at(2), Spot::new(0, 12)); // Three
        assert_eq!(at(3), Spot::new(1, 0)); // Four
        assert_eq!(
            walk(text, Spot::new(0, 14), Motion::SentencePrev, 1),
            Spot::new(0, 12)
        );
        assert_eq!(
            walk(text, Spot::new(0, 12), Motion::SentencePrev, 1),
            Spot::new(0, 5)
        );
        // "U.S. officials" does not end a sentence at "U."
        assert_eq!(
            walk("The U.S. said so.", Spot::new(0, 0), Motion::SentenceNext, 1),
            Spot::new(0, 16)
        );
    }

    #[test]
    fn characters_and_lines() {
        let text = "ab\n\nlonger";
        assert_eq!(walk(text, Spot::new(0, 1), Motion::Right, 1), Spot::new(0, 2));
        assert_eq!(walk(text, Spot::new(0, 1), Motion::Right, 2), Spot::new(1, 0));
        assert_eq!(walk(text, Spot::new(2, 0), Motion::Left, 1), Spot::new(1, 0));
        // Through an empty line the column is lost, as the line has none.
        assert_eq!(walk(text, Spot::new(2, 5), Motion::Up, 2), Spot::new(0, 0));
        assert_eq!(walk(text, Spot::new(2, 5), Motion::Up, 1), Spot::new(1, 0));
        assert_eq!(walk(text, Spot::new(0, 0), Motion::Down, 9), Spot::new(2, 0));
        assert_eq!(walk(text, Spot::new(0, 0), Motion::PageDown, 1), Spot::new(2, 0));
    }

    #[test]
    fn inside_quotation_marks() {
        let l = lines("He said “we will never accept” and left. She \"agreed\" too.");
        assert!(inside_quotes(&l, Spot::new(0, 9), Spot::new(0, 15)));
        assert!(!inside_quotes(&l, Spot::new(0, 31), Spot::new(0, 38)));
        assert!(inside_quotes(&l, Spot::new(0, 46), Spot::new(0, 51)));
        assert!(inside_quotes(&l, Spot::new(0, 8), Spot::new(0, 29)));
        assert!(!inside_quotes(&l, Spot::new(0, 0), Spot::new(0, 6)));
        // The opening mark selected with the words.
        assert!(inside_quotes(&l, Spot::new(0, 8), Spot::new(0, 15)));
        assert!(inside_quotes(&l, Spot::new(0, 45), Spot::new(0, 48)));
    }
}
