//! The user's notes as styled, wrapped lines, drawn from their parsed
//! model (`notes::Note`, built when the deck changes, never per frame):
//! paragraphs, list items with a hanging indent (nested ones further in),
//! emphasis in italics, strong in bold, links underlined, code blocks
//! indented. Shared by the slide and the presenter console, so notes read
//! the same in both, and as in the exports.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text::wrap_runs;
use demarche_core::notes::{Block, Inline, Note, marker};

/// `note` wrapped to `width`, in `base`.
pub fn lines(note: &Note, width: usize, base: Style) -> Vec<Line<'static>> {
    blocks(note.blocks(), false, width.max(1), base)
}

/// Blocks with a blank line between them, but in a tight list.
fn blocks(blocks: &[Block], tight: bool, width: usize, base: Style) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (n, block) in blocks.iter().enumerate() {
        if n > 0 && !tight {
            out.push(Line::default());
        }
        match block {
            Block::Paragraph(inlines) => out.extend(paragraph(inlines, width, base)),
            Block::Code(code) => {
                for line in code.lines() {
                    out.extend(hanging(
                        "    ",
                        &wrap_runs(&[(line.to_string(), base)], width.saturating_sub(4).max(1)),
                        base,
                    ));
                }
            }
            Block::List { start, tight, items } => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 && !tight {
                        out.push(Line::default());
                    }
                    let lead = format!("  {}", marker(*start, i));
                    let inner = width.saturating_sub(lead.width()).max(1);
                    let body = self::blocks(item, *tight, inner, base);
                    out.extend(hanging(&lead, &body, base));
                }
            }
        }
    }
    out
}

/// `body` after `lead`, later lines indented to match.
fn hanging(lead: &str, body: &[Line<'static>], base: Style) -> Vec<Line<'static>> {
    if body.is_empty() {
        // An empty item still shows its marker.
        return vec![Line::styled(lead.trim_end().to_string(), base)];
    }
    let pad = " ".repeat(lead.width());
    body.iter()
        .enumerate()
        .map(|(i, line)| {
            if i > 0 && line.spans.is_empty() {
                return Line::default();
            }
            let first = if i == 0 { lead.to_string() } else { pad.clone() };
            let mut spans = vec![Span::styled(first, base)];
            spans.extend(line.spans.iter().cloned());
            Line::from(spans)
        })
        .collect()
}

/// A paragraph wrapped, a hard break starting a new line.
fn paragraph(inlines: &[Inline], width: usize, base: Style) -> Vec<Line<'static>> {
    let mut runs = Vec::new();
    flatten(inlines, base, &mut runs);
    runs.split(|(text, _)| text == "\n")
        .flat_map(|line| wrap_runs(line, width))
        .collect()
}

/// Inline content as styled runs; a hard break as a run of `"\n"`.
fn flatten(inlines: &[Inline], style: Style, out: &mut Vec<(String, Style)>) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push((t.clone(), style)),
            Inline::Emphasis(inner) => flatten(inner, style.add_modifier(Modifier::ITALIC), out),
            Inline::Strong(inner) => flatten(inner, style.add_modifier(Modifier::BOLD), out),
            Inline::Link { url, content } if content.is_empty() => {
                out.push((url.clone(), style.add_modifier(Modifier::UNDERLINED)));
            }
            Inline::Link { content, .. } => flatten(content, style.add_modifier(Modifier::UNDERLINED), out),
            Inline::Break => out.push(("\n".to_string(), style)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn paragraphs_wrap_and_items_hang() {
        let lines = lines(
            &Note::parse("One two\nthree.\n\n- a long item here\n- **b**"),
            12,
            Style::default(),
        );
        assert_eq!(
            text(&lines),
            [
                "One two",
                "three.",
                "",
                "  - a long",
                "    item",
                "    here",
                "  - b"
            ]
        );
        let bold = lines.last().unwrap().spans.last().unwrap();
        assert!(bold.style.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn nested_lists_code_and_breaks() {
        let note = Note::parse("1. a\n   - b\n2. c\n\nline\\\nnext\n\n```\nx = 1\n```\n# kept");
        assert_eq!(
            text(&lines(&note, 30, Style::default())),
            [
                "  1. a",
                "       - b",
                "  2. c",
                "",
                "line",
                "next",
                "",
                "    x = 1",
                "",
                "# kept"
            ]
        );
    }
}
