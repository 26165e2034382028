//! Source texts: where a source's `file` is found, and where a quote (or,
//! for a paraphrase, the best-matching passage) stands in it. Shared by
//! `demarche verify` and the explorer's reader.
//!
//! Matching folds runs of white space (no-break spaces included) into one
//! space and nothing else: curly quotes, dashes and case must match.

mod find;

use std::ops::Range;

pub(crate) use find::path_problem;
pub use find::{Looked, SourceDirs, SourceError};

/// A text with white space folded, and where each folded byte came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, its byte offset in the original...
    starts: Vec<usize>,
    /// ...and the offset just after it (a folded space spans its run's
    /// first white-space character).
    ends: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        let mut ends = Vec::with_capacity(original.len());
        let mut in_space = true; // drops leading white space
        for (at, c) in original.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    starts.push(at);
                    ends.push(at + c.len_utf8());
                }
                in_space = true;
                continue;
            }
            in_space = false;
            for k in 0..c.len_utf8() {
                starts.push(at + k);
                ends.push(at + k + 1);
            }
            text.push(c);
        }
        if text.ends_with(' ') {
            text.pop();
            starts.pop();
            ends.pop();
        }
        Folded { text, starts, ends }
    }

    /// The original byte range of a folded byte range (on char boundaries).
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let (Some(&start), Some(&end)) = (
            self.starts.get(range.start),
            range.end.checked_sub(1).and_then(|last| self.ends.get(last)),
        ) else {
            return 0..0;
        };
        start..end.max(start)
    }
}

/// The pieces of a quote that must stand in the source, in order: the
/// words between ellipses (`...`, `…`) and editorial `[insertions]`, white
/// space folded, pieces of bare punctuation dropped.
pub fn pieces(quote: &str) -> Vec<String> {
    let folded = Folded::new(quote).text;
    let mut out = Vec::new();
    let mut rest = folded.as_str();
    loop {
        let cut = [rest.find("..."), rest.find('…'), rest.find('[')]
            .into_iter()
            .flatten()
            .min();
        let Some(at) = cut else {
            push_piece(&mut out, rest);
            return out;
        };
        push_piece(&mut out, &rest[..at]);
        rest = &rest[at..];
        rest = if let Some(r) = rest.strip_prefix("...") {
            r
        } else if let Some(r) = rest.strip_prefix('…') {
            r
        } else {
            match rest.find(']') {
                Some(end) => &rest[end + 1..],
                None => &rest[1..],
            }
        };
    }
}

fn push_piece(out: &mut Vec<String>, piece: &str) {
    let piece = piece.trim();
    if piece.chars().any(|c| c.is_alphanumeric()) {
        out.push(piece.to_string());
    }
}

/// Where each piece stands in `folded`, in order, or the index of the
/// first piece that does not.
pub fn find_pieces(folded: &str, pieces: &[String]) -> Result<Vec<Range<usize>>, usize> {
    let mut at = 0;
    let mut found = Vec::with_capacity(pieces.len());
    for (n, piece) in pieces.iter().enumerate() {
        let Some(i) = folded[at..].find(piece.as_str()) else {
            return Err(n);
        };
        found.push(at + i..at + i + piece.len());
        at += i + piece.len();
    }
    Ok(found)
}

/// Pieces shorter than this do not anchor a closest passage.
const MIN_ANCHOR: usize = 6;

/// The passage of `folded` closest to `piece` (which is not in it): the
/// longest prefix (or suffix) of the piece that is, extended to the
/// piece's length; else the window sharing most words with it.
pub fn closest(folded: &str, piece: &str) -> Range<usize> {
    let bounds: Vec<usize> = piece
        .char_indices()
        .map(|(i, _)| i)
        .chain([piece.len()])
        .collect();
    let longest = |test: &dyn Fn(usize) -> bool| {
        // Binary search over char boundaries for the longest passing cut.
        let (mut lo, mut hi) = (0, bounds.len() - 1);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if test(mid) { lo = mid } else { hi = mid - 1 }
        }
        lo
    };
    let prefix = longest(&|k| folded.contains(&piece[..bounds[k]]));
    let suffix = longest(&|k| folded.contains(&piece[bounds[bounds.len() - 1 - k]..]));
    if prefix.max(suffix) >= MIN_ANCHOR {
        return if prefix >= suffix {
            let start = folded.find(&piece[..bounds[prefix]]).unwrap_or(0);
            start..char_end(folded, start, piece.chars().count())
        } else {
            let tail = &piece[bounds[bounds.len() - 1 - suffix]..];
            let end = folded.find(tail).map_or(folded.len(), |i| i + tail.len());
            char_start(folded, end, piece.chars().count())..end
        };
    }
    best_window(folded, piece)
}

/// The byte offset `chars` characters after `start` (or the end).
fn char_end(text: &str, start: usize, chars: usize) -> usize {
    text[start..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| start + i)
}

/// The byte offset `chars` characters before `end` (or 0).
fn char_start(text: &str, end: usize, chars: usize) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// Lower-case words of four letters or more: what a passage is about.
fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// The run of sentences of `folded` that shares the most content words
/// with `text`: the passage a paraphrase most likely rests on. Empty when
/// nothing is shared.
pub fn best_passage(folded: &str, text: &str) -> Range<usize> {
    best_window(folded, text)
}

fn best_window(folded: &str, text: &str) -> Range<usize> {
    let wanted: std::collections::HashSet<String> = content_words(text).into_iter().collect();
    let sentences = sentences(folded);
    let mut best = (0usize, 0..0);
    for (n, s) in sentences.iter().enumerate() {
        // A sentence, or it and the next: paraphrases often span two.
        for span in [s.clone(), s.start..sentences.get(n + 1).map_or(s.end, |t| t.end)] {
            let words: std::collections::HashSet<String> =
                content_words(&folded[span.clone()]).into_iter().collect();
            let shared = words.intersection(&wanted).count();
            // Two sentences must share more to beat one.
            let score = shared * 2 - usize::from(span != *s) * shared.min(1);
            if score > best.0 {
                best = (score, span);
            }
        }
    }
    best.1
}

/// Sentence ranges of a folded text: ends at `.`, `?`, `!` (and a closing
/// quote) followed by a space, or at a paragraph's end.
fn sentences(folded: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = folded.as_bytes();
    for (i, c) in folded.char_indices() {
        let end = i + c.len_utf8();
        let closes = matches!(c, '.' | '?' | '!') && bytes.get(end) == Some(&b' ');
        if closes {
            out.push(start..end);
            start = end + 1;
        }
    }
    if start < folded.len() {
        out.push(start..folded.len());
    }
    out
}

#[cfg(test)]
mod tests;
