//! The wire format between the audience window and the console: one JSON
//! object per line, each with a version (`{"v":1,"type":"state",...}`).
//! Nothing read here is trusted: a line that is too long, does not parse,
//! or carries another version is dropped with a reason, and the app
//! bounds-checks what a well-formed message asks for.

use std::io::{self, BufRead};

use serde::{Deserialize, Serialize};

/// The protocol version this build speaks.
pub const VERSION: u32 = 1;

/// The longest line accepted; longer ones are dropped unread.
pub(crate) const MAX_LINE: usize = 64 * 1024;

/// Data-error lines carried in a state message, and their length, so a
/// state always fits well inside `MAX_LINE`.
pub(crate) const MAX_ERRORS: usize = 20;
pub(crate) const MAX_ERROR_CHARS: usize = 300;

/// What the audience window is showing: the truth the console renders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The current slide, counted from 0.
    pub slide: usize,
    /// How many slides the audience's deck has.
    pub slides: usize,
    pub blank: bool,
    /// The id of a position shown off the deck (a `/` detour), if any.
    pub showing: Option<String>,
    /// The room sees the slide's topic side by side (`v`).
    #[serde(default)]
    pub compare: bool,
    /// Time since the talk started, when this state was sent.
    pub elapsed_ms: u64,
    /// Why the data file does not reload (its diagnostics), if it does not.
    pub errors: Vec<String>,
    /// The room's last message (a reload, a refused key), which the room's
    /// screen does not show while a console is attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// A digest of the room's deck (`Deck::digest`): a console holding
    /// another deck sees so and reads the deck file again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deck: String,
    /// Deck items whose pin vanished from the data: the room keeps their
    /// last good rendering, the console says why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<String>,
}

/// A short, stable digest of a deck (FNV-1a over its file form): equal
/// on both sides exactly when they hold the same deck.
pub(crate) fn deck_digest(deck: &demarche_core::deck::Deck) -> String {
    let hash = demarche_core::deck::to_toml(deck)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}")
}

/// What the console asks the audience window to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Command {
    Next,
    Prev,
    /// Go to slide `slide` (counted from 0).
    Goto {
        slide: usize,
    },
    Blank {
        on: bool,
    },
    /// Show the position with this id to the room, off the deck.
    Show {
        id: String,
    },
    /// End a detour or a blank screen: back to the slide.
    Back,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Message {
    State(State),
    Command(Command),
    /// The room turns a console away (it has as many as it takes), and
    /// says why, before it closes the connection.
    Refused {
        reason: String,
    },
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    v: u32,
    #[serde(flatten)]
    message: Message,
}

/// Only the version, read first so another version is named as such.
#[derive(Deserialize)]
struct Versioned {
    v: u32,
}

/// Why a line was dropped.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum ProtocolError {
    #[error("message longer than {MAX_LINE} bytes")]
    TooLong,
    #[error("message is not valid JSON for this protocol: {0}")]
    Malformed(String),
    #[error("message of protocol version {0}; this demarche speaks version {VERSION}")]
    Version(u32),
}

/// One line, newline included.
pub(crate) fn encode(message: &Message) -> String {
    let envelope = Envelope {
        v: VERSION,
        message: message.clone(),
    };
    let mut line = serde_json::to_string(&envelope).expect("protocol types always serialise");
    line.push('\n');
    line
}

pub(crate) fn decode(line: &[u8]) -> Result<Message, ProtocolError> {
    if line.len() > MAX_LINE {
        return Err(ProtocolError::TooLong);
    }
    let malformed = |e: serde_json::Error| ProtocolError::Malformed(e.to_string());
    let version: Versioned = serde_json::from_slice(line).map_err(malformed)?;
    if version.v != VERSION {
        return Err(ProtocolError::Version(version.v));
    }
    let envelope: Envelope = serde_json::from_slice(line).map_err(malformed)?;
    Ok(envelope.message)
}

/// Reads the next line of at most `MAX_LINE` bytes and decodes it.
/// `Ok(None)` at the end of the stream (a partial last line is dropped);
/// a longer line is skipped to its end without being kept in memory.
pub(crate) fn read_message(reader: &mut impl BufRead) -> io::Result<Option<Result<Message, ProtocolError>>> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(at) => (&buf[..at], Some(at + 1)),
            None => (buf, None),
        };
        if !too_long && line.len() + chunk.len() <= MAX_LINE {
            line.extend_from_slice(chunk);
        } else {
            too_long = true;
            line.clear();
        }
        let used = done.unwrap_or(buf.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(Some(if too_long {
        Err(ProtocolError::TooLong)
    } else {
        decode(&line)
    }))
}

/// A dropped message's reason, safe to show: one line, no control
/// characters, and short.
pub(crate) fn log_line(error: &ProtocolError) -> String {
    let text = demarche_core::text::sanitize::line(&format!("dropped a message: {error}"));
    text.chars().take(160).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_versioned_json_lines() {
        let state = Message::State(State {
            slide: 2,
            slides: 9,
            blank: true,
            showing: Some("north-1".into()),
            compare: false,
            elapsed_ms: 61_000,
            errors: vec!["x.toml:1:1: error: bad".into()],
            notice: Some("reloaded".into()),
            deck: "0123abcd".into(),
            stale: vec!["slide 3: position \"x\" is no longer in the data".into()],
        });
        let line = encode(&state);
        assert!(line.starts_with("{\"v\":1,\"type\":\"state\""), "{line}");
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        assert_eq!(decode(line.trim_end().as_bytes()), Ok(state));
        let goto = Message::Command(Command::Goto { slide: 4 });
        let line = encode(&goto);
        assert_eq!(
            line,
            "{\"v\":1,\"type\":\"command\",\"cmd\":\"goto\",\"slide\":4}\n"
        );
        assert_eq!(decode(line.as_bytes()), Ok(goto));
    }

    #[test]
    fn the_examples_in_the_docs_are_valid_messages() {
        let docs = include_str!("../../../../docs/CLI.md");
        let examples: Vec<&str> = docs.lines().filter(|l| l.starts_with("{\"v\":1")).collect();
        assert!(examples.len() >= 4);
        for line in examples {
            let message = decode(line.as_bytes()).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(encode(&message).trim_end(), line, "written as documented");
        }
    }

    #[test]
    fn other_versions_and_garbage_are_refused() {
        assert_eq!(
            decode(br#"{"v":2,"type":"command","cmd":"next"}"#),
            Err(ProtocolError::Version(2))
        );
        for bad in [
            &b"not json"[..],
            br#"{"type":"command","cmd":"next"}"#,
            br#"{"v":1,"type":"command","cmd":"explode"}"#,
            br#"{"v":1,"type":"command","cmd":"goto","slide":-1}"#,
            br#"{"v":1,"type":"state","slide":"x"}"#,
        ] {
            assert!(
                matches!(decode(bad), Err(ProtocolError::Malformed(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn an_oversized_line_is_skipped_and_the_next_one_read() {
        let mut input = vec![b'x'; MAX_LINE * 3];
        input.push(b'\n');
        input.extend_from_slice(encode(&Message::Command(Command::Next)).as_bytes());
        input.extend_from_slice(b"{\"v\":1,\"type\":\"command\""); // cut off
        let mut reader = io::BufReader::with_capacity(1024, &input[..]);
        assert_eq!(
            read_message(&mut reader).unwrap(),
            Some(Err(ProtocolError::TooLong))
        );
        assert_eq!(
            read_message(&mut reader).unwrap(),
            Some(Ok(Message::Command(Command::Next)))
        );
        assert_eq!(read_message(&mut reader).unwrap(), None);
    }

    #[test]
    fn a_logged_reason_cannot_carry_escapes() {
        let error = decode(b"{\"v\":1,\"type\":\"command\",\"cmd\":\"\x1b[2J\"}").unwrap_err();
        let line = log_line(&error);
        assert!(!line.contains('\x1b') && line.chars().count() <= 160, "{line:?}");
    }
}
