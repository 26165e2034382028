//! A note's Markdown read by pulldown-cmark (CommonMark, no extensions)
//! into the block model. What the model does not allow is kept as the
//! source text it came from, so nothing the user wrote is lost and
//! nothing but the model reaches a renderer.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, OffsetIter, Options, Parser, Tag};

use super::{Block, Inline, allowed_url};

/// Containers deeper than this (lists in lists, emphasis in emphasis)
/// are kept as text: renderers recurse, and a note of ten thousand `- `
/// must not exhaust the stack.
const MAX_DEPTH: usize = 12;

pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut reader = Reader {
        text,
        events: Parser::new_ext(text, Options::empty())
            .into_offset_iter()
            .peekable(),
        depth: 0,
    };
    reader.top_level()
}

struct Reader<'a> {
    text: &'a str,
    events: Peekable<OffsetIter<'a>>,
    depth: usize,
}

/// Tags that open inline content rather than a block.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

/// Appends text, joining it to a text run just before.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text(last)) => last.push_str(text),
        _ => out.push(Inline::Text(text.to_string())),
    }
}

/// A paragraph of inline content, each style written one way.
fn paragraph(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(super::tidy::tidy(inlines))
}

/// Source text kept in a line of inline content.
fn one_line(source: &str) -> String {
    source.trim().lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

/// Source text kept as blocks: paragraphs split at blank lines, each line
/// kept on its own line.
fn literal_blocks(source: &str, out: &mut Vec<Block>) {
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    for group in lines.split(|l| l.is_empty()).filter(|g| !g.is_empty()) {
        let mut inlines = Vec::new();
        for (i, line) in group.iter().enumerate() {
            if i > 0 {
                inlines.push(Inline::Break);
            }
            push_text(&mut inlines, line);
        }
        out.push(Block::Paragraph(inlines));
    }
}

impl<'a> Reader<'a> {
    /// The note's blocks. Text no event covers (link reference
    /// definitions, which CommonMark reads silently) is kept as text too.
    fn top_level(&mut self) -> Vec<Block> {
        let mut out = Vec::new();
        let mut covered = 0;
        while let Some((event, range)) = self.events.next() {
            if range.start > covered {
                literal_blocks(&self.text[covered..range.start], &mut out);
            }
            covered = covered.max(range.end);
            self.block(event, range, &mut out);
        }
        literal_blocks(&self.text[covered..], &mut out);
        out
    }

    /// One block-level event (its start, for a container).
    fn block(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Block>) {
        let deep = self.depth >= MAX_DEPTH;
        match event {
            Event::Start(Tag::Paragraph) => {
                let inlines = self.inlines();
                if !inlines.is_empty() {
                    out.push(paragraph(inlines));
                }
            }
            Event::Start(Tag::List(start)) if !deep => {
                self.depth += 1;
                let (items, tight) = self.items();
                self.depth -= 1;
                out.push(Block::List { start, tight, items });
            }
            Event::Start(Tag::CodeBlock(_)) => out.push(Block::Code(self.code())),
            Event::Start(_) => {
                self.skip();
                literal_blocks(&self.text[range], out);
            }
            // An end with no start cannot come; anything else at block
            // level (a thematic break, raw HTML) is kept as text.
            Event::End(_) => {}
            _ => literal_blocks(&self.text[range], out),
        }
    }

    /// A list's items, up to the list's end, and whether it is tight.
    fn items(&mut self) -> (Vec<Vec<Block>>, bool) {
        let mut items = Vec::new();
        let mut tight = true;
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => {
                    // Only a loose list wraps its items' text in paragraphs.
                    tight &= !matches!(self.events.peek(), Some((Event::Start(Tag::Paragraph), _)));
                    items.push(self.item());
                }
                Event::End(_) => break,
                _ => {}
            }
        }
        (items, tight)
    }

    /// One item's blocks. A tight item holds inline content directly: it
    /// becomes a paragraph.
    fn item(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut loose = Vec::new();
        while let Some((event, range)) = self.events.next() {
            let starts_block = match &event {
                Event::End(_) => break,
                Event::Start(tag) => !is_inline(tag),
                Event::Rule | Event::Html(_) => true,
                _ => false,
            };
            if starts_block {
                if !loose.is_empty() {
                    blocks.push(paragraph(std::mem::take(&mut loose)));
                }
                self.block(event, range, &mut blocks);
            } else {
                self.inline(event, range, &mut loose);
            }
        }
        if !loose.is_empty() {
            blocks.push(paragraph(loose));
        }
        blocks
    }

    /// A code block's text, up to its end.
    fn code(&mut self) -> String {
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(_) => break,
                _ => {}
            }
        }
        text.truncate(text.trim_end().len());
        text
    }

    /// Inline content up to the end of the element it is in.
    fn inlines(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some((event, range)) = self.events.next() {
            if matches!(event, Event::End(_)) {
                break;
            }
            self.inline(event, range, &mut out);
        }
        out
    }

    /// Nested inline content, or its source text past `MAX_DEPTH`.
    fn nested(
        &mut self,
        range: Range<usize>,
        make: impl FnOnce(Vec<Inline>) -> Inline,
        out: &mut Vec<Inline>,
    ) {
        if self.depth >= MAX_DEPTH {
            self.skip();
            return push_text(out, &one_line(&self.text[range]));
        }
        self.depth += 1;
        let content = self.inlines();
        self.depth -= 1;
        super::tidy::push(out, make(content));
    }

    fn inline(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Inline>) {
        match event {
            Event::Text(t) => push_text(out, &t),
            Event::Code(c) if !c.is_empty() => out.push(Inline::Code(c.into_string())),
            Event::SoftBreak => push_text(out, " "),
            Event::HardBreak => out.push(Inline::Break),
            Event::Start(Tag::Emphasis) => self.nested(range, Inline::Emphasis, out),
            Event::Start(Tag::Strong) => self.nested(range, Inline::Strong, out),
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) if allowed_url(&address(link_type, &dest_url)) => {
                let url = address(link_type, &dest_url);
                self.nested(range, |content| Inline::Link { url, content }, out);
            }
            // Other links, images and any other element: as written.
            Event::Start(_) => {
                self.skip();
                push_text(out, &one_line(&self.text[range]));
            }
            Event::End(_) => {}
            // Raw HTML and anything else: as written.
            _ => push_text(out, &one_line(&self.text[range])),
        }
    }

    /// Passes over the rest of an element whose start was just read.
    fn skip(&mut self) {
        let mut depth = 1;
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 1 => return,
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
    }
}

/// A link's address: an e-mail autolink (`<a@b.org>`) as `mailto:`.
fn address(link_type: LinkType, dest: &str) -> String {
    match link_type {
        LinkType::Email => format!("mailto:{dest}"),
        _ => dest.to_string(),
    }
}
