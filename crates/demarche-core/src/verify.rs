//! `demarche verify`: every `quote` must stand verbatim in its cited
//! source's text (white space folded, nothing else). A mismatch names the
//! quote's place in the data file, the position, the closest passage in
//! the source and a character-level diff.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::SourceMap;
use crate::load::Loaded;
use crate::sources::{Folded, SourceDirs, closest, find_pieces, pieces};
use crate::text::plural::count;
use crate::text::sanitize::line;

/// What `verify` found, already rendered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verified {
    /// Quotes found verbatim.
    pub verified: usize,
    /// Sources those quotes were found in.
    pub sources: usize,
    pub mismatches: usize,
    /// Quotes whose source text was not found.
    pub unverifiable: usize,
    /// Every finding, then the one-line summary; safe for a terminal.
    pub report: String,
}

/// Equal stretches of a diff longer than this are shortened to their ends.
const DIFF_CONTEXT: usize = 30;

/// Checks every quote of `loaded` (read from `text`, named `file`).
pub fn verify(file: &str, text: &str, loaded: &Loaded, dirs: &SourceDirs) -> Verified {
    let data = &loaded.dataset;
    let map = SourceMap::new(text);
    let mut quoting: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in data.positions.iter().enumerate() {
        if p.quote.is_some() {
            quoting.entry(p.source).or_default().push(i);
        }
    }
    let mut out = Verified::default();
    let mut unverifiable = String::new();
    for (&s, positions) in &quoting {
        let source = &data.sources[s];
        let body = match dirs.read(source.file.as_deref()) {
            Ok((_, body)) => body,
            Err(e) => {
                out.unverifiable += positions.len();
                let _ = writeln!(
                    unverifiable,
                    "unverifiable: source \"{}\" ({}): {}",
                    line(&source.id),
                    count(positions.len(), "quote"),
                    line(&e.to_string())
                );
                continue;
            }
        };
        let folded = Folded::new(&body);
        let before = out.verified;
        for &p in positions {
            let quote = data.positions[p].quote.as_deref().unwrap_or_default();
            match quote_stands(&folded.text, quote) {
                Ok(()) => out.verified += 1,
                Err(missing) => {
                    out.mismatches += 1;
                    let at = loaded
                        .places
                        .quotes
                        .get(p)
                        .cloned()
                        .flatten()
                        .map_or(0, |r| r.start);
                    let at = map.line_col(at);
                    let place = format!("{}:{}:{}", line(file), at.line, at.col);
                    mismatch(
                        &mut out.report,
                        &place,
                        &data.positions[p].id,
                        &source.id,
                        &folded.text,
                        &missing,
                    );
                }
            }
        }
        out.sources += usize::from(out.verified > before);
    }
    out.report.push_str(&unverifiable);
    let _ = write!(
        out.report,
        "{} verified in {}",
        count(out.verified, "quote"),
        count(out.sources, "source")
    );
    if out.mismatches > 0 {
        let _ = write!(out.report, "; {}", count(out.mismatches, "mismatch"));
    }
    if out.unverifiable > 0 {
        let _ = write!(
            out.report,
            "; {} unverifiable (source text not found)",
            out.unverifiable
        );
    }
    out.report.push('\n');
    out
}

/// The rule every quote is held to, by `verify` and by edits: each of
/// its pieces (`pieces`) stands, in order, in the folded source text.
/// `Err` holds the first piece that does not (empty: the quote has no
/// words to look for).
pub(crate) fn quote_stands(folded: &str, quote: &str) -> Result<(), String> {
    let parts = pieces(quote);
    match find_pieces(folded, &parts) {
        Ok(_) if !parts.is_empty() => Ok(()),
        Ok(_) => Err(String::new()),
        Err(n) => Err(parts[n].clone()),
    }
}

/// A quote that does not stand in its source, as `verify` reports it:
/// the place, the closest passage and a character diff.
pub(crate) fn mismatch(out: &mut String, place: &str, id: &str, source: &str, folded: &str, piece: &str) {
    let _ = writeln!(
        out,
        "{place}: position \"{}\": quote not found verbatim in source \"{}\"",
        line(id),
        line(source)
    );
    if piece.is_empty() {
        let _ = writeln!(out, "  the quote has no words to look for");
        return;
    }
    let passage = &folded[closest(folded, piece)];
    let _ = writeln!(out, "  quote:   {}", line(piece));
    let _ = writeln!(out, "  closest: {}", line(passage));
    let _ = writeln!(out, "  diff:    {}", line(&char_diff(passage, piece)));
    let _ = writeln!(out, "           ([-source-] {{+quote+}})");
}

/// The source passage with the quote's differences marked, character by
/// character: `[-removed-]` is in the source only, `{+added+}` in the quote
/// only. Long equal stretches keep only their ends.
pub(crate) fn char_diff(source: &str, quote: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_chars(source, quote);
    let mut out = String::new();
    let mut run: Option<(ChangeTag, String)> = None;
    let flush = |out: &mut String, run: Option<(ChangeTag, String)>| match run {
        Some((ChangeTag::Equal, text)) => out.push_str(&shorten(&text)),
        Some((ChangeTag::Delete, text)) => {
            let _ = write!(out, "[-{text}-]");
        }
        Some((ChangeTag::Insert, text)) => {
            let _ = write!(out, "{{+{text}+}}");
        }
        None => {}
    };
    for change in diff.iter_all_changes() {
        match &mut run {
            Some((tag, text)) if *tag == change.tag() => text.push_str(change.value()),
            _ => {
                flush(&mut out, run.take());
                run = Some((change.tag(), change.value().to_string()));
            }
        }
    }
    flush(&mut out, run);
    out
}

fn shorten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= DIFF_CONTEXT * 2 + 1 {
        return text.to_string();
    }
    let head: String = chars[..DIFF_CONTEXT].iter().collect();
    let tail: String = chars[chars.len() - DIFF_CONTEXT..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_diff_marks_one_changed_character() {
        assert_eq!(char_diff("it’s here", "it's here"), "it[-’-]{+'+}s here");
        let long = "a".repeat(100);
        let diff = char_diff(&format!("{long}x"), &format!("{long}y"));
        assert!(diff.starts_with(&"a".repeat(30)), "{diff}");
        assert!(
            diff.ends_with("…aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa[-x-]{+y+}"),
            "{diff}"
        );
    }
}
