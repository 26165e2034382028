//! The user's notes as styled, wrapped lines: paragraphs, list items with
//! a hanging indent, emphasis in italics and strong in bold. Shared by the
//! slide and the presenter console, so notes read the same in both.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text::wrap_runs;
use crate::notes::{Block, Mark, marker};

/// `note` (sanitised) wrapped to `width`, in `base`.
pub fn lines(note: &str, width: usize, base: Style) -> Vec<Line<'static>> {
    let blocks = crate::notes::parse(note);
    let mut out = Vec::new();
    for (n, block) in blocks.iter().enumerate() {
        let tight = matches!(block, Block::Item(..)) && n > 0 && matches!(blocks[n - 1], Block::Item(..));
        if n > 0 && !tight {
            out.push(Line::default());
        }
        let runs: Vec<(String, Style)> = block
            .runs()
            .iter()
            .map(|r| (r.text.clone(), style(base, r.mark)))
            .collect();
        match block {
            Block::Paragraph(_) => out.extend(wrap_runs(&runs, width)),
            Block::Item(bullet, _) => {
                let lead = format!("  {}", marker(*bullet));
                let indent = lead.width();
                for (i, line) in wrap_runs(&runs, width.saturating_sub(indent).max(1))
                    .into_iter()
                    .enumerate()
                {
                    let first = if i == 0 { lead.clone() } else { " ".repeat(indent) };
                    let mut spans = vec![Span::styled(first, base)];
                    spans.extend(line.spans);
                    out.push(Line::from(spans));
                }
            }
        }
    }
    out
}

fn style(base: Style, mark: Mark) -> Style {
    match mark {
        Mark::Plain => base,
        Mark::Emphasis => base.add_modifier(Modifier::ITALIC),
        Mark::Strong => base.add_modifier(Modifier::BOLD),
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
            "One two\nthree.\n\n- a long item here\n- **b**",
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
}
