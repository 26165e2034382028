//! The user's notes on talking points, read as a small Markdown subset so
//! a line break means the same on the slide, in the presenter console and
//! in the export: paragraphs (blank lines between them; a single line
//! break is a space), list items (`- `, `* `, `1. `) and `*emphasis*` and
//! `**strong**`. Everything else is literal text. The caller sanitises
//! first (`sanitize::block`).

/// How a run of text is styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Plain,
    Emphasis,
    Strong,
}

/// A run of text with one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub mark: Mark,
    pub text: String,
}

/// A list item's marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bullet {
    Dash,
    Number(u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Run>),
    Item(Bullet, Vec<Run>),
}

impl Block {
    pub fn runs(&self) -> &[Run] {
        match self {
            Block::Paragraph(runs) | Block::Item(_, runs) => runs,
        }
    }
}

/// A list marker at the start of a line, and the rest of the line.
fn list_item(line: &str) -> Option<(Bullet, &str)> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((Bullet::Dash, rest));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = t[digits..].strip_prefix(". ")?;
        return Some((Bullet::Number(t[..digits].parse().ok()?), rest));
    }
    None
}

/// The blocks of `text`: a list item runs until a blank line or the next
/// item; a paragraph until a blank line or an item. Lines within a block
/// are joined with a space.
pub fn parse(text: &str) -> Vec<Block> {
    let mut raw: Vec<(Option<Bullet>, String)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
        } else if let Some((bullet, rest)) = list_item(line) {
            raw.push((Some(bullet), rest.trim().to_string()));
            open = true;
        } else if open && let Some((_, body)) = raw.last_mut() {
            body.push(' ');
            body.push_str(trimmed);
        } else {
            raw.push((None, trimmed.to_string()));
            open = true;
        }
    }
    raw.into_iter()
        .map(|(bullet, body)| match bullet {
            Some(b) => Block::Item(b, runs(&body)),
            None => Block::Paragraph(runs(&body)),
        })
        .collect()
}

/// Where a `delim` run that opens at `from` closes: the next `delim`
/// with no space just inside either end and something between.
fn closing(chars: &[char], from: usize, delim: usize) -> Option<usize> {
    let inner = from + delim;
    if chars.get(inner).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    (inner + 1..=chars.len().saturating_sub(delim)).find(|&end| {
        chars[end..end + delim].iter().all(|&c| c == '*')
            && !chars[end - 1].is_whitespace()
            && chars.get(end + delim) != Some(&'*')
            && chars[end - 1] != '*'
    })
}

/// Splits one block's text into plain, emphasised and strong runs. An
/// asterisk that opens nothing stays as it is.
fn runs(text: &str) -> Vec<Run> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Run> = Vec::new();
    let mut push = |mark: Mark, text: String| match out.last_mut() {
        Some(last) if last.mark == mark => last.text.push_str(&text),
        _ if text.is_empty() => {}
        _ => out.push(Run { mark, text }),
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '*' {
            let delim = if chars.get(i + 1) == Some(&'*') { 2 } else { 1 };
            if let Some(end) = closing(&chars, i, delim) {
                let mark = if delim == 2 { Mark::Strong } else { Mark::Emphasis };
                push(mark, chars[i + delim..end].iter().collect());
                i = end + delim;
                continue;
            }
        }
        push(Mark::Plain, chars[i].to_string());
        i += 1;
    }
    out
}

/// The blocks as plain text: paragraphs and items one line each, a blank
/// line between paragraphs, list markers kept and emphasis dropped.
pub fn plain(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (n, block) in blocks.iter().enumerate() {
        if n > 0 {
            let both_items = matches!(block, Block::Item(..)) && matches!(blocks[n - 1], Block::Item(..));
            out.push_str(if both_items { "\n" } else { "\n\n" });
        }
        if let Block::Item(bullet, _) = block {
            out.push_str(&marker(*bullet));
        }
        out.extend(block.runs().iter().map(|r| r.text.as_str()));
    }
    out
}

/// `- ` or `3. `: how an item starts, on screen and in the export.
pub fn marker(bullet: Bullet) -> String {
    match bullet {
        Bullet::Dash => "- ".to_string(),
        Bullet::Number(n) => format!("{n}. "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mark: Mark, text: &str) -> Run {
        Run {
            mark,
            text: text.into(),
        }
    }

    #[test]
    fn single_breaks_join_blank_lines_split_and_items_stand_alone() {
        let blocks = parse("Stress the\nhistory.\n\nThen:\n- one\n  more\n* two\n12. three");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![run(Mark::Plain, "Stress the history.")]),
                Block::Paragraph(vec![run(Mark::Plain, "Then:")]),
                Block::Item(Bullet::Dash, vec![run(Mark::Plain, "one more")]),
                Block::Item(Bullet::Dash, vec![run(Mark::Plain, "two")]),
                Block::Item(Bullet::Number(12), vec![run(Mark::Plain, "three")]),
            ]
        );
        assert_eq!(
            plain(&blocks),
            "Stress the history.\n\nThen:\n\n- one more\n- two\n12. three"
        );
    }

    #[test]
    fn emphasis_and_strong_and_stray_asterisks() {
        assert_eq!(
            runs("a *b* **c d** 2 * 3 *e"),
            vec![
                run(Mark::Plain, "a "),
                run(Mark::Emphasis, "b"),
                run(Mark::Plain, " "),
                run(Mark::Strong, "c d"),
                run(Mark::Plain, " 2 * 3 *e"),
            ]
        );
        assert_eq!(runs("** x**"), vec![run(Mark::Plain, "** x**")]);
    }

    #[test]
    fn headings_and_other_markdown_stay_text() {
        let blocks = parse("# not a heading\n[^9]: nor a footnote");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![run(
                Mark::Plain,
                "# not a heading [^9]: nor a footnote"
            )])]
        );
    }
}
