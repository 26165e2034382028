//! The command line's only way to stdout and stderr. Everything it writes
//! (results, diagnostics, warnings, errors, clap's messages) passes
//! the terminal gate (`text::gate`) here, so a key, id, value or file name holding an
//! escape sequence reaches the terminal as inert, visible text. The crate
//! denies `print!`-style macros (see `lib.rs`), so a new message cannot
//! go around this gate.

use std::io;

use demarche_core::text::gate::write_clean;

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

/// Reports a failed run once, through the gate, and exits with `code`.
/// Takes the message rather than the command line's error type, so the
/// gate depends on nothing above it.
pub fn fail(message: &str, code: i32) -> ! {
    // A run ended by a signal has already said all it has to say.
    if !message.trim().is_empty() {
        err(message);
    }
    std::process::exit(code)
}
