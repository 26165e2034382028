//! Makes text from a data file safe to draw: nothing in it may reach the
//! terminal as a control character, an escape sequence or a bidi override.
//! Called once when the display model is built, never per frame.

const TAB_STOP: usize = 4;

/// Bidi embedding, override and isolate controls: they can reorder what
/// the reader sees, so they are dropped.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
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
        c if is_bidi_control(c) => {}
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

/// True when `text` would reach a terminal unchanged.
pub fn is_clean(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn line_joins_breaks() {
        assert_eq!(line("a\r\nb"), "a b");
    }
}
