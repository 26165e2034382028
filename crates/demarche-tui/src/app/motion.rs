//! The source reader's cursor motions over a text's lines: by character, line,
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
    /// The last character of the word after the cursor (`w` while
    /// selecting: a selection takes whole words).
    WordEnd,
    /// The last character of the word before the cursor's word.
    WordEndPrev,
    /// The last character of the sentence (its closing stop and quotation
    /// mark included) ending after the cursor.
    SentenceEnd,
    /// The last character of the sentence ending before the cursor.
    SentenceEndPrev,
}

impl Motion {
    /// The motion a key makes while a selection grows from `anchor` to
    /// `end`: by word and sentence the moving end lands on the last
    /// character of one when at or after the anchor, on the first when
    /// before it, so the selection holds whole words or sentences. The
    /// other motions (characters, lines) are unchanged.
    pub fn selecting(self, flat: &Flat, anchor: Spot, end: Spot) -> Spot {
        let (to_start, to_end) = match self {
            Motion::WordNext => (Motion::WordNext, Motion::WordEnd),
            Motion::WordPrev => (Motion::WordPrev, Motion::WordEndPrev),
            Motion::SentenceNext => (Motion::SentenceNext, Motion::SentenceEnd),
            Motion::SentencePrev => (Motion::SentencePrev, Motion::SentenceEndPrev),
            _ => return step(flat, end, self),
        };
        if matches!(self, Motion::WordNext | Motion::SentenceNext) {
            // Shrinking a backward selection: to the next start, unless
            // there is none up to the anchor.
            let start = (end < anchor).then(|| step(flat, end, to_start));
            start
                .filter(|&s| s != end && s <= anchor)
                .unwrap_or_else(|| step(flat, end, to_end))
        } else {
            // Shrinking a forward selection: to the previous end, unless
            // there is none down to the anchor (then to the start of the
            // word or sentence, as without a selection).
            let last = (end > anchor).then(|| step(flat, end, to_end));
            last.filter(|&e| e != end && e >= anchor)
                .unwrap_or_else(|| step(flat, end, to_start))
        }
    }
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

    /// Whether a word ends at `i`: a visible character whose next is of
    /// another kind.
    fn word_ends(&self, i: usize) -> bool {
        self.class(i) != 0 && self.class(i + 1) != self.class(i)
    }

    /// Whether a sentence ends at `i`: a visible character followed, after
    /// white space, by a sentence's start or the end of the text.
    fn sentence_ends(&self, i: usize) -> bool {
        if self.class(i) == 0 {
            return false;
        }
        let next = (i + 1..self.chars.len()).find(|&k| self.class(k) != 0);
        next.is_none_or(|k| k > i + 1 && self.sentence_starts(k))
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
        Motion::WordEnd => found((i + 1..end).find(|&j| flat.word_ends(j))),
        Motion::SentenceEnd => found((i + 1..end).find(|&j| flat.sentence_ends(j))),
        Motion::WordEndPrev => flat.spot((0..i).rev().find(|&j| flat.word_ends(j)).unwrap_or(i)),
        Motion::SentenceEndPrev => flat.spot((0..i).rev().find(|&j| flat.sentence_ends(j)).unwrap_or(i)),
    }
}

/// Whether the characters from `from` to `to` (inclusive) stand inside
/// quotation marks in their text: curly or guillemet marks open before
/// and close after, or an odd number of straight quotes before on the
/// first line, or the selection itself starts and ends with marks.
pub(crate) fn inside_quotes(lines: &[String], from: Spot, to: Spot) -> bool {
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

    /// The text between the anchor and the end a selection reaches after
    /// pressing `keys` from `anchor` (as `v` then the keys).
    fn selected(text: &str, anchor: Spot, keys: &[Motion]) -> String {
        let flat = Flat::new(&lines(text));
        let end = keys.iter().fold(anchor, |end, m| m.selecting(&flat, anchor, end));
        let (a, b) = (flat.index(anchor.min(end)), flat.index(anchor.max(end)));
        flat.chars[a..=b].iter().collect()
    }

    #[test]
    fn selecting_by_word_takes_whole_words() {
        use Motion::*;
        let text = "We will, never\n  accept a cap now.";
        let at = Spot::new(0, 0);
        assert_eq!(selected(text, at, &[WordNext]), "We");
        assert_eq!(selected(text, at, &[WordNext, WordNext]), "We will");
        assert_eq!(selected(text, at, &[WordNext; 3]), "We will,");
        assert_eq!(selected(text, at, &[WordNext; 4]), "We will, never");
        // Across the line break, a one-letter word, and back again.
        assert_eq!(selected(text, at, &[WordNext; 6]), "We will, never\n  accept a");
        assert_eq!(
            selected(text, at, &[WordNext, WordNext, WordNext, WordPrev]),
            "We will"
        );
        assert_eq!(
            selected(text, at, &[WordNext, WordPrev]),
            "W",
            "back to the anchor"
        );
        // From a word's end, backward: whole words before it, then forward
        // again shrinks to the next word's start.
        let cap = Spot::new(1, 13);
        assert_eq!(selected(text, cap, &[WordPrev]), "cap");
        assert_eq!(selected(text, cap, &[WordPrev, WordPrev]), "a cap");
        assert_eq!(selected(text, cap, &[WordPrev, WordPrev, WordNext]), "cap");
        // Characters move as without a selection.
        assert_eq!(selected(text, at, &[WordNext, Right]), "We ");
        assert_eq!(selected(text, at, &[WordNext, Left]), "W");
    }

    #[test]
    fn selecting_by_sentence_takes_whole_sentences() {
        use Motion::*;
        let text = "One. “Two?” Three!\nFour";
        let at = Spot::new(0, 0);
        assert_eq!(selected(text, at, &[SentenceNext]), "One.");
        assert_eq!(selected(text, at, &[SentenceNext; 2]), "One. “Two?”");
        assert_eq!(selected(text, at, &[SentenceNext; 3]), "One. “Two?” Three!");
        assert_eq!(selected(text, at, &[SentenceNext; 4]), "One. “Two?” Three!\nFour");
        assert_eq!(
            selected(text, at, &[SentenceNext, SentenceNext, SentencePrev]),
            "One."
        );
        // Mid-sentence: to that sentence's end; "U.S." ends none.
        assert_eq!(
            selected("The U.S. said so. Then", Spot::new(0, 4), &[SentenceNext]),
            "U.S. said so."
        );
        // Backward from a sentence's end: whole sentences before it.
        let three = Spot::new(0, 17);
        assert_eq!(selected(text, three, &[SentencePrev]), "Three!");
        assert_eq!(selected(text, three, &[SentencePrev; 2]), "“Two?” Three!");
        assert_eq!(
            selected(text, three, &[SentencePrev, SentencePrev, SentenceNext]),
            "Three!"
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
