//! The terminal gate: the one place text is made inert on its way to a
//! terminal. The command line (`stream`) writes every byte through
//! `write_clean`; JSON output escapes exactly what `is_altered` names, so
//! a JSON document passes the gate unchanged.

use std::io::{self, Write};

use super::sanitize::{block, is_emoji_modifier, is_unsafe};

/// True for every character the terminal gate (`terminal`, `block`)
/// would change or drop, but the newline: what JSON writes as `\u`
/// escapes, so a JSON document passes the gate unchanged.
pub fn is_altered(c: char) -> bool {
    c != '\n' && (is_unsafe(c) || is_emoji_modifier(c))
}

/// True when `text` would reach a terminal unchanged.
pub fn is_clean(text: &str) -> bool {
    !text.chars().any(is_altered)
}

/// Text for the terminal as `block` makes it, borrowed when already clean
/// (the usual case), so the output gate costs one scan.
pub fn terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if is_clean(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(block(text))
    }
}

/// Writes `text` to `to`, neutralised. A carriage return that ends a
/// line (CSV's CRLF) is kept: only a lone one can redraw a line.
pub fn write_clean(to: &mut impl Write, text: &str) -> io::Result<()> {
    for (n, line) in text.split("\r\n").enumerate() {
        if n > 0 {
            to.write_all(b"\r\n")?;
        }
        to.write_all(terminal(line).as_bytes())?;
    }
    to.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_borrows_clean_text_and_neutralises_the_rest() {
        assert!(matches!(terminal("ok\nfine"), std::borrow::Cow::Borrowed(_)));
        let cleaned = terminal("a\u{1b}]52;c;eA==\u{7}\u{9b}2J\n");
        assert_eq!(cleaned, "a\u{241b}]52;c;eA==\u{2407}\u{FFFD}2J\n");
    }

    #[test]
    fn escapes_never_pass_the_gate() {
        let mut sink = Vec::new();
        write_clean(&mut sink, "key \u{1b}]52;c;aGk=\u{7} \u{9b}31m \u{202E}x\n").unwrap();
        let text = String::from_utf8(sink).unwrap();
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202E}']));
        assert!(text.ends_with('\n'));
    }
}
