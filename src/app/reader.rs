//! The source reader: a position's source text in a layer, scrolled to
//! its quote and highlighted (for a paraphrase or characterization, the
//! passage that matches best, marked approximate). `n`/`N` step through
//! the other positions that quote the same source; Esc returns.
//!
//! Reading the file is I/O: `Effect::ReadSource` asks the event loop,
//! which answers with `Action::SourceRead`. The text is sanitised and the
//! passage found here, once per change, never per frame.

use std::sync::Arc;

use super::{Action, App, Effect, Layer, PAGE};
use crate::sources::{Folded, best_passage, find_pieces, pieces};

/// A source text made safe to draw, one string per line.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceDoc {
    /// Where it was read from (display-safe).
    pub path: String,
    pub lines: Vec<String>,
    /// The lines joined with `\n`, folded for matching.
    folded: Folded,
}

impl SourceDoc {
    pub fn new(path: &str, raw: &str) -> Self {
        let text = crate::sanitize::block(raw);
        SourceDoc {
            path: crate::sanitize::line(path),
            lines: text.split('\n').map(str::to_string).collect(),
            folded: Folded::new(&text),
        }
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

pub struct Reader {
    pub source: usize,
    /// The position whose passage is shown.
    pub position: usize,
    /// The positions `n`/`N` step through: those quoting this source, and
    /// the one the reader was opened on, in date order.
    pub ring: Vec<usize>,
    pub doc: ReaderDoc,
    pub passage: Passage,
    /// Lines scrolled away from the passage (negative: towards the top).
    pub scroll: isize,
}

impl App {
    /// Opens the reader on the selected position's source.
    pub(super) fn open_reader(&mut self) {
        let Some(p) = self.selected() else {
            self.message = Some("select a position to read its source".into());
            return;
        };
        let data = &self.lib.data;
        let source = data.positions[p].source;
        let ring: Vec<usize> = data
            .list_order()
            .into_iter()
            .filter(|&q| data.positions[q].source == source && (q == p || data.positions[q].quote.is_some()))
            .collect();
        self.layers.push(Layer::Reader(Reader {
            source,
            position: p,
            ring,
            doc: ReaderDoc::Loading,
            passage: Passage::default(),
            scroll: 0,
        }));
        self.effects.push(Effect::ReadSource(source));
    }

    /// The event loop read (or failed to read) a source's text.
    pub(super) fn source_read(&mut self, source: usize, result: Result<(String, String), String>) {
        let Some(reader) = self.layers.reader_mut().filter(|r| r.source == source) else {
            return;
        };
        reader.doc = match result {
            Ok((path, text)) => ReaderDoc::Text(Arc::new(SourceDoc::new(&path, &text))),
            Err(why) => ReaderDoc::Missing(crate::sanitize::line(&why)),
        };
        self.find_passage();
    }

    pub(super) fn reader_action(&mut self, action: Action) {
        let Some(reader) = self.layers.reader_mut() else {
            return;
        };
        match action {
            Action::Up | Action::ScrollUp(_) => reader.scroll -= 1,
            Action::Down | Action::ScrollDown(_) => reader.scroll += 1,
            Action::PageUp => reader.scroll -= PAGE as isize * 2,
            Action::PageDown => reader.scroll += PAGE as isize * 2,
            Action::ReaderStep(by) => {
                let at = reader
                    .ring
                    .iter()
                    .position(|&q| q == reader.position)
                    .unwrap_or(0) as isize;
                let n = reader.ring.len().max(1) as isize;
                if let Some(&next) = reader.ring.get((at + by).rem_euclid(n) as usize) {
                    reader.position = next;
                    reader.scroll = 0;
                }
                self.find_passage();
            }
            Action::Back => {
                self.layers.pop();
            }
            _ => {}
        }
    }

    /// Finds the current position's passage in the text: its quote
    /// verbatim, or else the passage sharing most words with its stance.
    fn find_passage(&mut self) {
        let data = &self.lib.data;
        let Some(reader) = self.layers.reader_mut() else {
            return;
        };
        let ReaderDoc::Text(doc) = &reader.doc else {
            reader.passage = Passage::default();
            return;
        };
        let position = &data.positions[reader.position];
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

#[cfg(test)]
mod tests;
