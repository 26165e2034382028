//! The source reader: a position's source text in a layer, scrolled to
//! its quote and highlighted (for a paraphrase or characterization, the
//! passage that matches best, marked approximate). `n`/`N` step through
//! the other positions that quote the same source; Esc returns.
//!
//! The reader is also where positions are made: a cursor moves by
//! character, line, word and sentence (`motion`), `v` starts and ends a
//! selection (the mouse drags one too), and `c` captures it into a form
//! (`capture`) whose position is written through `edit`.
//!
//! Reading the file is I/O: `Effect::ReadSource` asks the event loop,
//! which answers with `Action::SourceRead`. The text is sanitised and the
//! passage found here, once per change, never per frame.

use std::sync::Arc;

pub(crate) use super::motion::inside_quotes;
pub use super::motion::{Flat, Motion, Spot, step};

use super::layers::{Component, Handled, is_raw_input};
use super::{Action, App, Context, Effect, Effects};
use demarche_core::sources::{Folded, best_passage, find_pieces, pieces};

/// A source text made safe to draw, one string per line, and the text
/// as read, which captures copy from.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceDoc {
    /// Where it was read from (display-safe).
    pub path: String,
    pub lines: Vec<String>,
    /// The lines joined with `\n`, folded for matching.
    folded: Folded,
    /// The text as read: a quote is the user's characters, not the
    /// neutralised ones drawn.
    raw: String,
    /// For each character of the joined lines, its byte offset in `raw`.
    from: Vec<usize>,
    /// The lines as one run of characters (the same ones `from` maps), for
    /// the cursor's motions and a selection's place.
    flat: Flat,
}

impl SourceDoc {
    pub fn new(path: &str, raw: &str) -> Self {
        let (text, from) = demarche_core::text::sanitize::block_mapped(raw);
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        SourceDoc {
            path: demarche_core::text::sanitize::line(path),
            flat: Flat::new(&lines),
            lines,
            folded: Folded::new(&text),
            raw: raw.to_string(),
            from,
        }
    }

    /// The raw text of the characters from `a` to `b` (inclusive, either
    /// order), as a quote: line breaks and the white space around them
    /// become one space (as `verify` reads them), the ends trimmed.
    pub fn quote(&self, a: Spot, b: Spot) -> String {
        let (a, b) = (a.min(b), a.max(b));
        let start = self
            .from
            .get(self.flat.index(a))
            .copied()
            .unwrap_or(self.raw.len());
        let last = self
            .from
            .get(self.flat.index(b))
            .copied()
            .unwrap_or(self.raw.len());
        let end = self.raw[last..]
            .chars()
            .next()
            .map_or(last, |c| last + c.len_utf8());
        let mut out = String::new();
        for piece in self.raw[start..end.max(start)].split('\n') {
            let piece = piece.trim_end_matches(char::is_whitespace);
            if !out.is_empty() {
                out.push(' ');
                out.push_str(piece.trim_start_matches(char::is_whitespace));
            } else {
                out.push_str(piece);
            }
        }
        out.trim().to_string()
    }
}

/// What the reader shows.
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderDoc {
    Loading,
    /// The text could not be read: why, and where it was looked for.
    Missing(String),
    Text(Arc<SourceDoc>),
}

/// The passage of the current position: characters to highlight, by line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Passage {
    /// (line, char indices in that line), in line order.
    pub marks: Vec<(usize, Vec<usize>)>,
    /// True when the quote was found verbatim; false: the best match.
    pub exact: bool,
}

/// A selection in the reader: from `anchor` to `end`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: Spot,
    pub end: Spot,
    /// Still growing: the end follows the cursor until `v` again.
    pub open: bool,
}

impl Selection {
    /// The first and last selected spots.
    pub fn span(&self) -> (Spot, Spot) {
        (self.anchor.min(self.end), self.anchor.max(self.end))
    }
}

pub struct Reader {
    pub source: usize,
    /// The position whose passage is shown (None: opened on the source).
    pub position: Option<usize>,
    /// The positions `n`/`N` step through: those quoting this source, and
    /// the one the reader was opened on, in date order.
    pub ring: Vec<usize>,
    pub doc: ReaderDoc,
    pub passage: Passage,
    pub cursor: Spot,
    pub selection: Option<Selection>,
    /// The line at the top of the view once the user has moved (None:
    /// the passage a third of the way down).
    pub top: Option<usize>,
}

impl App {
    /// Opens the reader on the selected position's source.
    pub(super) fn open_reader(&mut self) -> Effects {
        let Some(p) = self.selected() else {
            self.session.message = Some("select a position to read its source".into());
            return Effects::none();
        };
        self.open_reader_at(self.lib.data.positions[p].source, Some(p))
    }

    /// Opens the reader on `source`, showing `position`'s passage if
    /// any, and asks the event loop for the text.
    pub(super) fn open_reader_at(&mut self, source: usize, position: Option<usize>) -> Effects {
        let data = &self.lib.data;
        if source >= data.sources.len() {
            return Effects::none();
        }
        let ring: Vec<usize> = data
            .list_order()
            .into_iter()
            .filter(|&q| {
                data.positions[q].source == source
                    && (Some(q) == position || data.positions[q].quote.is_some())
            })
            .collect();
        self.layers.push(Reader {
            source,
            position,
            ring,
            doc: ReaderDoc::Loading,
            passage: Passage::default(),
            cursor: Spot::default(),
            selection: None,
            top: None,
        });
        Effects::one(Effect::ReadSource(source))
    }

    /// The event loop read (or failed to read) a source's text.
    pub(super) fn source_read(&mut self, source: usize, result: Result<(String, String), String>) {
        let Some(reader) = (self.layers.get_mut::<Reader>()).filter(|r| r.source == source) else {
            return;
        };
        reader.doc = match result {
            Ok((path, text)) => ReaderDoc::Text(Arc::new(SourceDoc::new(&path, &text))),
            Err(why) => ReaderDoc::Missing(demarche_core::text::sanitize::line(&why)),
        };
        self.find_passage();
    }

    fn reader_action(&mut self, action: Action) -> Handled {
        let Some(reader) = self.layers.get_mut::<Reader>() else {
            return Handled::Ignored(action);
        };
        let motion = |m| (m, None);
        let (moved, shown) = match action {
            Action::ReaderMove(m) => motion(m),
            Action::ReaderMoveShown(m, shown) => (m, Some(shown)),
            Action::Up => motion(Motion::Up),
            Action::Down => motion(Motion::Down),
            Action::PageUp => motion(Motion::PageUp),
            Action::PageDown => motion(Motion::PageDown),
            Action::ReaderTop(line) => {
                reader.top = Some(line);
                return Handled::Consumed(Effects::none());
            }
            Action::ReaderSelect => {
                reader.selection = match reader.selection {
                    Some(s) if s.open => Some(Selection { open: false, ..s }),
                    _ => Some(Selection {
                        anchor: reader.cursor,
                        end: reader.cursor,
                        open: true,
                    }),
                };
                return Handled::Consumed(Effects::none());
            }
            Action::ReaderPoint { spot, drag } => {
                reader.cursor = spot;
                let anchor = match reader.selection {
                    Some(s) if drag && s.open => s.anchor,
                    _ => spot,
                };
                reader.selection = Some(Selection {
                    anchor,
                    end: spot,
                    open: true,
                });
                return Handled::Consumed(Effects::none());
            }
            Action::ReaderRelease => {
                // A click without a drag selects nothing.
                reader.selection = reader
                    .selection
                    .filter(|s| s.anchor != s.end)
                    .map(|s| Selection { open: false, ..s });
                return Handled::Consumed(Effects::none());
            }
            Action::Capture => {
                self.capture();
                return Handled::Consumed(Effects::none());
            }
            Action::ReaderStep(by) => {
                let at = reader
                    .ring
                    .iter()
                    .position(|&q| Some(q) == reader.position)
                    .unwrap_or(0) as isize;
                let n = reader.ring.len().max(1) as isize;
                if let Some(&next) = reader.ring.get((at + by).rem_euclid(n) as usize) {
                    reader.position = Some(next);
                    reader.top = None;
                }
                self.find_passage();
                return Handled::Consumed(Effects::none());
            }
            Action::Back => {
                self.layers.close::<Reader>();
                return Handled::Consumed(Effects::none());
            }
            other if is_raw_input(&other) => return Handled::Consumed(Effects::none()),
            other => return Handled::Ignored(other),
        };
        reader.move_cursor(moved, shown);
        Handled::Consumed(Effects::none())
    }

    /// Finds the current position's passage in the text: its quote
    /// verbatim, or else the passage sharing most words with its stance.
    fn find_passage(&mut self) {
        let data = &self.lib.data;
        let Some(reader) = self.layers.get_mut::<Reader>() else {
            return;
        };
        let ReaderDoc::Text(doc) = &reader.doc else {
            reader.passage = Passage::default();
            return;
        };
        let Some(position) = reader.position.map(|p| &data.positions[p]) else {
            reader.passage = Passage::default();
            return;
        };
        let folded = &doc.folded;
        let exact = position.quote.as_deref().and_then(|q| {
            let ranges = find_pieces(&folded.text, &pieces(q)).ok()?;
            (!ranges.is_empty()).then_some(ranges)
        });
        let (ranges, is_exact) = match exact {
            Some(ranges) => (ranges, true),
            None => {
                let mut best = best_passage(&folded.text, &position.stance);
                if best.is_empty() {
                    best = best_passage(&folded.text, position.notes.as_deref().unwrap_or_default());
                }
                (vec![best].into_iter().filter(|r| !r.is_empty()).collect(), false)
            }
        };
        let spans: Vec<_> = ranges.into_iter().map(|r| folded.original(r)).collect();
        reader.passage = Passage {
            marks: marks_by_line(&doc.lines, &spans),
            exact: is_exact,
        };
        // The cursor starts where the passage does.
        if let Some((line, chars)) = reader.passage.marks.first() {
            reader.cursor = Spot::new(*line, chars.first().copied().unwrap_or(0));
        }
    }
}

impl Component for Reader {
    fn context(&self) -> Context {
        Context::Reader
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        app.reader_action(action)
    }
}

impl Reader {
    /// Moves the cursor (and an open selection's end with it); when the
    /// lines on screen are known, the view follows the cursor.
    fn move_cursor(&mut self, motion: Motion, shown: Option<std::ops::RangeInclusive<usize>>) {
        let ReaderDoc::Text(doc) = &self.doc else {
            return;
        };
        // The cursor is the selection's moving end, so both move together.
        match self.selection.as_mut().filter(|s| s.open) {
            Some(selection) => {
                self.cursor = motion.selecting(&doc.flat, selection.anchor, self.cursor);
                selection.end = self.cursor;
            }
            None => self.cursor = step(&doc.flat, self.cursor, motion),
        }
        if let Some(shown) = shown {
            let line = self.cursor.line;
            let top = self.top.unwrap_or(*shown.start());
            self.top = Some(if line < *shown.start() {
                line
            } else if line > *shown.end() {
                top + (line - shown.end())
            } else {
                *shown.start()
            });
        }
    }

    /// The selected characters, if any.
    pub fn selected(&self) -> Option<(Spot, Spot)> {
        self.selection.map(|s| s.span())
    }
}

/// Byte ranges of the joined text as char indices per line.
fn marks_by_line(lines: &[String], spans: &[std::ops::Range<usize>]) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (n, line) in lines.iter().enumerate() {
        let end = start + line.len();
        let marks: Vec<usize> = line
            .char_indices()
            .enumerate()
            .filter(|&(_, (b, _))| spans.iter().any(|s| s.contains(&(start + b))))
            .map(|(i, _)| i)
            .collect();
        if !marks.is_empty() {
            out.push((n, marks));
        }
        start = end + 1;
    }
    out
}

/// What the event loop does for `Effect::ReadSource`, from the seed
/// texts beside the checkout: for tests of the reader and of capture.
#[cfg(test)]
pub(super) fn answer_from_seeds(app: &mut App) {
    let effects = app.take_effects();
    let Some(Effect::ReadSource(source)) = effects.last().cloned() else {
        panic!("no ReadSource effect in {effects:?}");
    };
    let dirs = demarche_core::sources::SourceDirs::new(
        Some(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/seeds"
        ))),
        None,
    );
    let file = app.lib.data.sources[source].file.clone();
    let result = dirs
        .read(file.as_deref())
        .map(|(path, text)| (path.display().to_string(), text))
        .map_err(|e| e.to_string());
    app.apply(Action::SourceRead { source, result });
}

#[cfg(test)]
mod tests;
