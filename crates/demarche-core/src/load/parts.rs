//! Parsing a file a part at a time. The `toml` parser holds a token
//! vector, an event vector and the tree of what it parses at once, about
//! ten times the text (450 MB for 100,000 positions). So a file is parsed
//! as its head (everything but its `[[positions]]` sections), then its
//! positions in batches, each batch's tree dropped as soon as its entries
//! are read. A file the parts might not read exactly as the whole document
//! (a syntax error anywhere, a `positions` key outside those sections) is
//! read whole instead, so every message stays the whole document's.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::Places;
use super::positions::positions;
use super::validate::Head;
use crate::diagnostic::Diagnostic;
use crate::model::Dataset;

/// Text parsed at once for a batch of positions: large enough that the
/// parser's own cost per call does not show, small enough that its
/// vectors and tree stay a few megabytes.
const BATCH_BYTES: usize = 256 * 1024;

/// The header that starts one position's section.
const POSITIONS_HEADER: &str = "[[positions]]";

/// What a whole load finds: the dataset and its places when it loads,
/// and every problem either way.
pub(super) type Validated = (Option<(Dataset, Places)>, Vec<Diagnostic>);

/// Reads `text` in parts; `None` when it must be read whole, because it
/// has no `[[positions]]` sections or the parts would not read as the
/// whole does.
pub(super) fn validate(text: &str) -> Option<Validated> {
    let plan = Plan::new(text)?;
    let head_text = plan.head(text);
    let (root, syntax) = DeTable::parse_recoverable(&head_text);
    if !syntax.is_empty() || root.get_ref().contains_key("positions") {
        return None;
    }
    let mut diags = Vec::new();
    let mut head = Head::read(&root, &mut diags);
    head.reserve(plan.count);
    let mut read = 0;
    for batch in &plan.batches {
        let (part, syntax) = DeTable::parse_recoverable(&text[batch.clone()]);
        if !syntax.is_empty() {
            return None;
        }
        let list = position_tables(part.get_ref(), batch.start)?;
        let raw = positions(list, read, batch.start, &mut head.ids.positions, &mut diags);
        read += raw.len();
        head.add_positions(raw, &mut diags);
    }
    let dataset = head.finish(&mut diags);
    Some((dataset, diags))
}

/// The entries of a batch, each with its span in the file; `None` if
/// the batch holds anything but `[[positions]]` tables.
fn position_tables<'a, 'i>(
    part: &'a DeTable<'i>,
    base: usize,
) -> Option<Vec<(&'a DeTable<'i>, Range<usize>)>> {
    let (key, value) = part.iter().next().filter(|_| part.len() == 1)?;
    let DeValue::Array(items) = value.get_ref() else {
        return None;
    };
    if key.get_ref() != "positions" {
        return None;
    }
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::Table(table) => {
                let span = item.span();
                Some((table, span.start + base..span.end + base))
            }
            _ => None,
        })
        .collect()
}

/// How a file splits: its `[[positions]]` sections, gathered into
/// batches of neighbouring sections, and whether anything else comes
/// after the first of them.
struct Plan {
    batches: Vec<Range<usize>>,
    /// How many sections the batches hold.
    count: usize,
    /// Another table's section follows a position's.
    interleaved: bool,
}

impl Plan {
    fn new(text: &str) -> Option<Plan> {
        let mut headers = Vec::new();
        walk(text, |at, depth, line_start| {
            if depth == 1 && line_start {
                headers.push(at);
            }
            false
        });
        let ends = headers.iter().skip(1).copied().chain([text.len()]);
        let mut plan = Plan {
            batches: Vec::new(),
            count: 0,
            interleaved: false,
        };
        for (start, end) in headers.iter().copied().zip(ends) {
            if !is_positions_header(&text[start..]) {
                plan.interleaved |= plan.count > 0;
                continue;
            }
            plan.count += 1;
            match plan.batches.last_mut() {
                Some(batch) if batch.end == start && batch.len() < BATCH_BYTES => batch.end = end,
                _ => plan.batches.push(start..end),
            }
        }
        (plan.count > 0).then_some(plan)
    }

    /// The file without its position sections, at the same offsets: the
    /// text before the first one, or (when other tables follow) the whole
    /// text with those sections blanked out.
    fn head<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !self.interleaved {
            return Cow::Borrowed(&text[..self.batches[0].start]);
        }
        let mut head = String::with_capacity(text.len());
        let mut from = 0;
        for batch in &self.batches {
            head.push_str(&text[from..batch.start]);
            head.extend(std::iter::repeat_n(' ', batch.len()));
            from = batch.end;
        }
        head.push_str(&text[from..]);
        Cow::Owned(head)
    }
}

/// True when `rest` starts with a plain `[[positions]]` header line
/// (a comment may follow it).
fn is_positions_header(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix(POSITIONS_HEADER) else {
        return false;
    };
    let line = after.split('\n').next().unwrap_or_default();
    let line = line.trim_start_matches([' ', '\t']);
    line.is_empty() || line == "\r" || line.starts_with('#')
}

/// Offset of the first bracket that opens deeper than `limit`, skipping
/// strings and comments. A cheap scan that keeps a recursive parser (and
/// the recursive drop of its tree) off deep input.
pub(super) fn too_deep(text: &str, limit: usize) -> Option<usize> {
    walk(text, |_, depth, _| depth > limit)
}

/// Calls `visit(offset, depth, line_start)` at every `[` or `{` outside
/// strings and comments, with the depth it opens and whether only
/// whitespace precedes it on its line (so at depth 1, a table header);
/// stops at the first offset where `visit` returns true.
fn walk(text: &str, mut visit: impl FnMut(usize, usize, bool) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // Up to the newline, which starts the next line below.
            b'#' => {
                i = skip_until(bytes, i, b"\n");
                continue;
            }
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => i = skip_until(bytes, i + 3, b"\"\"\"") + 2,
            b'\'' if bytes[i..].starts_with(b"'''") => i = skip_until(bytes, i + 3, b"'''") + 2,
            b'"' => i = skip_basic_string(bytes, i + 1),
            b'\'' => i = skip_until(bytes, i + 1, b"'"),
            b'[' | b'{' => {
                depth += 1;
                if visit(i, depth, line_start && bytes[i] == b'[') {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    None
}

fn skip_until(bytes: &[u8], from: usize, end: &[u8]) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    rest.windows(end.len())
        .position(|w| w == end)
        .map_or(bytes.len(), |p| from + p)
}

fn skip_basic_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    i
}
