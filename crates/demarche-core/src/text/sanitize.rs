//! Makes text from a data file safe to draw: nothing in it may reach the
//! terminal as a control character, an escape sequence or a bidi override.
//! Called once when the display model is built, never per frame, and by
//! the terminal gate (`text::gate`) on everything the command line writes.
//!
//! Invisible joiners and selectors are dropped too: terminals disagree
//! with each other (and with the width tables the layout uses) on how wide
//! a joined emoji or a variation-selected symbol is, and one disagreement
//! shifts every cell after it, breaking borders and leaving stale cells.
//! Without them each character keeps the width every terminal agrees on:
//! a family emoji shows as its members side by side.

const TAB_STOP: usize = 4;

/// Bidi embedding, override and isolate controls: they can reorder what
/// the reader sees, so they are dropped.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters drawn as nothing whose width terminals disagree on: zero
/// width joiners and spaces, word joiners, variation selectors, tags,
/// soft hyphens, Hangul fillers and the like. Dropped for display; written
/// as `\u` escapes in JSON.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Skin-tone modifiers: drawn joined to the emoji before them by some
/// terminals (two columns) and beside it by others (four), so dropped.
pub(crate) fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// Line and paragraph separators: line breaks to some programs, not to
/// the terminal.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// True for every character a terminal must not receive as it is: C0
/// and C1 controls, DEL, bidi controls, invisible characters and line
/// separators. `\n` is included; callers that keep line breaks test it
/// first.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c) || is_line_separator(c)
}

/// A visible stand-in for a control character: the Unicode "control
/// pictures" for C0 and DEL (ESC shows as `␛`), U+FFFD for C1.
fn replacement(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

fn push_clean(out: &mut String, c: char, column: &mut usize) {
    match c {
        '\t' => {
            let pad = TAB_STOP - (*column % TAB_STOP);
            out.extend(std::iter::repeat_n(' ', pad));
            *column += pad;
        }
        '\r' => {}
        c if is_bidi_control(c) || is_invisible(c) || is_emoji_modifier(c) => {}
        c if is_line_separator(c) => {
            out.push(' ');
            *column += 1;
        }
        c if c.is_control() => {
            out.push(replacement(c));
            *column += 1;
        }
        c => {
            out.push(c);
            *column += 1;
        }
    }
}

/// Text that may span lines (notes): newlines are kept, everything else
/// is neutralised and tabs are expanded.
pub fn block(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    for c in text.chars() {
        if c == '\n' {
            out.push('\n');
            column = 0;
        } else {
            push_clean(&mut out, c, &mut column);
        }
    }
    out
}

/// `block`, with the byte offset in `text` of the character each output
/// character stands for: the reader draws the clean text and captures
/// the user's own characters from the offsets.
pub fn block_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    let mut column = 0;
    for (at, c) in text.char_indices() {
        let before = out.len();
        if c == '\n' {
            out.push('\n');
            column = 0;
        } else {
            push_clean(&mut out, c, &mut column);
        }
        from.extend(out[before..].chars().map(|_| at));
    }
    (out, from)
}

/// Text shown on one line (names, stances): line breaks become spaces
/// and the ends are trimmed.
pub fn line(text: &str) -> String {
    span(text.trim())
}

/// Like `line`, but keeps leading and trailing spaces (pieces of a line
/// being edited).
pub fn span(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    for c in text.chars() {
        if c == '\n' {
            out.push(' ');
            column += 1;
        } else {
            push_clean(&mut out, c, &mut column);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::gate::is_clean;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let out = line("a\u{1b}[2Jb\u{7}c\u{9b}d");
        assert_eq!(out, "a\u{241b}[2Jb\u{2407}c\u{FFFD}d");
        assert!(is_clean(&out));
    }

    #[test]
    fn bidi_overrides_are_removed_and_tabs_expanded() {
        assert_eq!(line("ab\u{202E}cd"), "abcd");
        assert_eq!(line("a\tb"), "a   b");
        assert_eq!(block("x\n\ty"), "x\n    y");
    }

    #[test]
    fn wide_and_combining_text_is_untouched() {
        assert_eq!(line("習近平 e\u{301}"), "習近平 e\u{301}");
    }

    #[test]
    fn joiners_and_selectors_are_dropped_so_widths_agree() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(line(family), "\u{1F468}\u{1F469}\u{1F467}");
        assert_eq!(line("\u{2764}\u{FE0F} x\u{200B}y\u{00AD}z"), "\u{2764} xyz");
        assert_eq!(line("\u{1F44D}\u{1F3FD}"), "\u{1F44D}");
        assert_eq!(line("a\u{E0041}\u{FEFF}b"), "ab");
        assert_eq!(block("a\u{2028}b"), "a b");
        assert!(is_clean(&line(family)));
        assert!(!is_clean(family));
    }

    #[test]
    fn line_joins_breaks() {
        assert_eq!(line("a\r\nb"), "a b");
    }
}
