//! Text measured in terminal cells: cutting to a width with an ellipsis
//! (at a word boundary when one is near) and padding to a width. Used by
//! the screen, the scripting output and the exports alike.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A cut backs off to the last space when that keeps at least this share
/// of the room: "Obama-Xi…" reads better than "Obama-Xi sum…", but a
/// long first word is still cut rather than dropped.
const WORD_BACKOFF_SHARE: usize = 2; // keep at least half the room

/// Cuts `text` to `width` display columns, ending in `…` when cut. The
/// cut falls after a whole word unless that would waste over half the room.
pub fn fit(text: &str, width: usize) -> String {
    cut(text, width, WORD_BACKOFF_SHARE)
}

/// Like `fit`, but backs off to the last whole word however much room
/// that wastes: for the last of several wrapped lines, where the words
/// above already fill the space.
pub(crate) fn fit_words(text: &str, width: usize) -> String {
    cut(text, width, usize::MAX)
}

/// The cut of `fit`: backs off to a space when what stays before it,
/// times `share`, is at least the room (`usize::MAX`: always).
fn cut(text: &str, width: usize, share: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1; // the ellipsis takes one cell
    let mut end = 0; // byte offset of the hard cut
    let mut used = 0;
    let mut last_space: Option<(usize, usize)> = None; // (byte offset, width used before it)
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        if c.is_whitespace() {
            last_space = Some((at, used));
        }
        used += w;
        end = at + c.len_utf8();
    }
    let cut = match last_space {
        Some((at, before)) if before.saturating_mul(share) >= room && !starts_word(text, end) => at,
        _ => end,
    };
    let kept = text[..cut].trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    format!("{kept}…")
}

/// True when the text at byte `at` begins a new word (so a cut there is
/// already at a boundary).
fn starts_word(text: &str, at: usize) -> bool {
    text[at..].starts_with(char::is_whitespace)
}

/// Pads `text` with spaces to `width` display columns, cutting it first.
pub fn pad(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let gap = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(gap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched() {
        assert_eq!(fit("summit", 6), "summit");
        assert_eq!(fit("習近平", 6), "習近平");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn cuts_after_a_whole_word_with_an_ellipsis() {
        assert_eq!(fit("Obama-Xi summit in Washington", 14), "Obama-Xi…");
        assert_eq!(fit("one two three", 9), "one two…");
    }

    #[test]
    fn a_cut_exactly_at_a_space_keeps_the_word() {
        assert_eq!(fit("one two three", 8), "one two…");
    }

    #[test]
    fn a_long_first_word_is_cut_rather_than_lost() {
        assert_eq!(fit("Cybersecurity working group", 8), "Cyberse…");
        assert_eq!(fit("a verylongwordindeed", 10), "a verylon…");
    }

    #[test]
    fn fit_words_keeps_only_whole_words() {
        assert_eq!(fit_words("and counter-accusations", 11), "and…");
        assert_eq!(fit_words("Cybersecurity working group", 8), "Cyberse…");
    }

    #[test]
    fn wide_characters_count_twice_and_never_split() {
        assert_eq!(fit("習近平主席", 5), "習近…");
        assert!(fit("習近平主席", 4).width() <= 4);
    }

    #[test]
    fn every_cut_fits_and_ends_in_an_ellipsis() {
        let text = "The United States will not concede, officials said; talks resumed";
        for width in 1..text.len() {
            let cut = fit(text, width);
            assert!(cut.width() <= width, "{width}: {cut}");
            assert!(cut.ends_with('…'), "{width}: {cut}");
        }
        assert_eq!(fit(text, 0), "");
    }
}
