//! The command line's only way to stdout and stderr. Everything it writes
//! (results, diagnostics, warnings, errors, clap's messages) passes
//! `sanitize::terminal` here, so a key, id, value or file name holding an
//! escape sequence reaches the terminal as inert, visible text. The crate
//! denies `print!`-style macros (see `lib.rs`), so a new message cannot
//! go around this gate.

use std::io::{self, Write};

use crate::sanitize;

/// Writes `text` to `to`, neutralised. A carriage return that ends a
/// line (CSV's CRLF) is kept: only a lone one can redraw a line.
pub fn write_clean(to: &mut impl Write, text: &str) -> io::Result<()> {
    for (n, line) in text.split("\r\n").enumerate() {
        if n > 0 {
            to.write_all(b"\r\n")?;
        }
        to.write_all(sanitize::terminal(line).as_bytes())?;
    }
    to.flush()
}

/// Results, on stdout.
pub fn out(text: &str) -> io::Result<()> {
    write_clean(&mut io::stdout().lock(), text)
}

/// Messages, on stderr, one per call, ending in a newline. A failed write
/// to stderr has nowhere left to be reported, so it is ignored.
pub fn err(text: &str) {
    let mut line = text.trim_end().to_string();
    line.push('\n');
    let _ = write_clean(&mut io::stderr().lock(), &line);
}

/// Ends the process for a command line clap refused (or `--help`,
/// `--version`). Its errors echo what was typed, so they pass the gate;
/// help and version hold only our own text (the `DEMARCHE_DATA` value is
/// hidden) and keep clap's styling.
pub fn refused(e: clap::Error) -> ! {
    if e.use_stderr() {
        err(&e.to_string());
        std::process::exit(e.exit_code());
    }
    e.exit()
}

/// Reports a failed run once, through the gate, and exits.
pub fn fail(e: &crate::cli::CliError) -> ! {
    // A run ended by a signal has already said all it has to say.
    let message = e.to_string();
    if !message.trim().is_empty() {
        err(&message);
    }
    std::process::exit(e.exit_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_pass_the_gate() {
        let mut sink = Vec::new();
        write_clean(&mut sink, "key \u{1b}]52;c;aGk=\u{7} \u{9b}31m \u{202E}x\n").unwrap();
        let text = String::from_utf8(sink).unwrap();
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202E}']));
        assert!(text.ends_with('\n'));
    }
}
