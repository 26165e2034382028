//! The user's notes in each export format, rendered from the one parsed
//! model (`notes::Note`). Only what the model allows becomes markup;
//! every piece of text is escaped for the format's reader, so a note can
//! add no heading, footnote, raw HTML or TeX, metadata, attribute, span,
//! div or script to the document around it.
//!
//! - Markdown (`--format md` and `pandoc`): read alike by CommonMark,
//!   GFM and pandoc's `markdown`. Text goes through `escape`, code spans
//!   and fences are longer than any run of backticks they hold (and a
//!   fence carries no info string, so no `{=html}`), and link addresses
//!   are percent-encoded.
//! - HTML: elements built here, text and addresses as entities.

use crate::notes::{Block, Inline, Note, list};

use super::escape::{guard_start, inline as escaped};
use super::html::esc;

/// The note after a bold "Note:" label: on its first line when the note
/// starts with a paragraph, else as a paragraph of its own.
pub(super) fn labelled(note: &Note) -> String {
    let body = markdown(note.blocks());
    match note.blocks().first() {
        Some(Block::Paragraph(_)) => format!("**Note:** {body}"),
        _ => format!("**Note:**\n\n{body}"),
    }
}

/// Blocks as Markdown, a blank line between them.
fn markdown(blocks: &[Block]) -> String {
    sequence(blocks, "\n\n")
}

/// Blocks with `between` them. A list right after a list of its kind
/// takes the other marker, or Markdown would read the two as one.
fn sequence(blocks: &[Block], between: &str) -> String {
    let mut previous: Option<bool> = None;
    let mut other = false;
    let parts: Vec<String> = blocks
        .iter()
        .map(|block| match block {
            Block::List { start, tight, items } => {
                let ordered = start.is_some();
                other = previous == Some(ordered) && !other;
                previous = Some(ordered);
                list(*start, *tight, items, other, sequence)
            }
            block => {
                previous = None;
                markdown_block(block)
            }
        })
        .collect();
    parts.join(between)
}

fn markdown_block(block: &Block) -> String {
    match block {
        Block::Paragraph(inlines) => paragraph(inlines),
        Block::Code(code) => {
            let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
            format!("{fence}\n{code}\n{fence}")
        }
        Block::List { .. } => sequence(std::slice::from_ref(block), ""),
    }
}

/// A paragraph: every line starts with something that opens no block
/// (no leading spaces, list marker, `---` or `:::` left unescaped).
fn paragraph(inlines: &[Inline]) -> String {
    let text = inline_markdown(inlines);
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| guard_start(line.trim_start().to_string()))
        .collect();
    lines.join("\n")
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

fn inline_markdown(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&escaped(t)),
            Inline::Code(code) => {
                let ticks = "`".repeat(longest_run(code, '`') + 1);
                // CommonMark strips one space off each end, unless all is spaces.
                let edges = code.starts_with(['`', ' ']) || code.ends_with(['`', ' ']);
                let pad = if edges && !code.bytes().all(|b| b == b' ') {
                    " "
                } else {
                    ""
                };
                out.push_str(&format!("{ticks}{pad}{code}{pad}{ticks}"));
            }
            Inline::Emphasis(inner) => out.push_str(&format!("*{}*", inline_markdown(inner))),
            Inline::Strong(inner) => out.push_str(&format!("**{}**", inline_markdown(inner))),
            Inline::Link { url, content } => {
                let text = match content.is_empty() {
                    true => escaped(url),
                    false => inline_markdown(content),
                };
                out.push_str(&format!("[{text}]({})", percent_encoded(url)));
            }
            Inline::Break => out.push_str("\\\n"),
        }
    }
    out
}

/// A link address that no reader can end early or read anything into:
/// everything but letters, digits and `-._~:/?#@!$&'*+,;=%` is
/// percent-encoded (UTF-8 bytes, as a browser would).
fn percent_encoded(url: &str) -> String {
    const KEPT: &str = "-._~:/?#@!$&'*+,;=%";
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_alphanumeric() || KEPT.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The note as HTML: paragraphs, lists, emphasis, code and web or mail
/// links; everything else escaped text.
pub(super) fn html(note: &Note) -> String {
    note.blocks().iter().map(html_block).collect()
}

fn html_block(block: &Block) -> String {
    match block {
        Block::Paragraph(inlines) => format!("<p>{}</p>\n", inline_html(inlines)),
        Block::Code(code) => format!("<pre><code>{}</code></pre>\n", esc(code)),
        Block::List { start, tight, items } => {
            let items: String = items
                .iter()
                .map(|item| {
                    // A tight item's text is not a <p>, as Markdown renders it.
                    let blocks: String = item
                        .iter()
                        .map(|block| match block {
                            Block::Paragraph(inlines) if *tight => format!("{}\n", inline_html(inlines)),
                            block => html_block(block),
                        })
                        .collect();
                    format!("<li>{}</li>\n", blocks.trim_end())
                })
                .collect();
            match start {
                None => format!("<ul>\n{items}</ul>\n"),
                Some(1) => format!("<ol>\n{items}</ol>\n"),
                Some(n) => format!("<ol start=\"{n}\">\n{items}</ol>\n"),
            }
        }
    }
}

fn inline_html(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Code(code) => out.push_str(&format!("<code>{}</code>", esc(code))),
            Inline::Emphasis(inner) => out.push_str(&format!("<em>{}</em>", inline_html(inner))),
            Inline::Strong(inner) => out.push_str(&format!("<strong>{}</strong>", inline_html(inner))),
            Inline::Link { url, content } => {
                let text = match content.is_empty() {
                    true => esc(url),
                    false => inline_html(content),
                };
                out.push_str(&format!("<a href=\"{}\">{text}</a>", esc(&percent_encoded(url))));
            }
            Inline::Break => out.push_str("<br>\n"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(note: &str) -> String {
        markdown(Note::parse(note).blocks())
    }

    #[test]
    fn allowed_markdown_passes_through() {
        let note = "- *one*\n- **two** [site](https://example.org/a_(b))\n\n`[^1] <b>` and <https://x.org>";
        assert_eq!(
            md(note),
            "- *one*\n- **two** [site](https://example.org/a_%28b%29)\n\n`[^1] <b>` and [https://x.org](https://x.org)"
        );
        assert_eq!(md("1. a\n2. b\n\n   more"), "1. a\n\n2. b\n\n   more");
        assert_eq!(md("3. a\n   - b"), "3. a\n   - b");
    }

    #[test]
    fn everything_else_is_escaped_text() {
        assert_eq!(md("# Big"), "\\# Big");
        assert_eq!(md("[^9]: not a footnote"), "\\[\\^9\\]: not a footnote");
        assert_eq!(md("see ^[inline] <!-- x"), "see \\^\\[inline\\] \\<!-\\- x");
        assert_eq!(md("Title\n==="), "Title\\\n\\===");
        assert_eq!(md("---\ntitle: x\n---"), "\\-\\-\\-\n\ntitle: x\\\n\\-\\-\\-");
        assert_eq!(md("::: warning"), "\\::: warning");
        assert_eq!(md("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(md("[x]{onclick=y}"), "\\[x\\]\\{onclick=y\\}");
        assert_eq!(md("`<b>`{=html}"), "`<b>`\\{=html\\}");
        assert_eq!(
            md("\\input{/etc/passwd} $x$"),
            "\\\\input\\{/etc/passwd\\} \\$x\\$"
        );
    }

    #[test]
    fn code_keeps_its_backticks_and_loses_its_attributes() {
        assert_eq!(md("```{=html}\n<script>\n```"), "```\n<script>\n```");
        assert_eq!(md("````\n```\n````"), "````\n```\n````");
        assert_eq!(md("``a`b``"), "``a`b``");
        assert_eq!(md("` `` `"), "``` `` ```");
        assert_eq!(md("```\nopen fence"), "```\nopen fence\n```");
    }

    #[test]
    fn the_label_joins_a_first_paragraph() {
        assert_eq!(labelled(&Note::parse("Say it")), "**Note:** Say it");
        assert_eq!(labelled(&Note::parse("- a")), "**Note:**\n\n- a");
    }

    #[test]
    fn html_lists_keep_their_tightness() {
        assert_eq!(
            html(&Note::parse("1. a\n   - b\n2. c")),
            "<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n<li>c</li>\n</ol>\n"
        );
        assert_eq!(
            html(&Note::parse("- a\n\n- b")),
            "<ul>\n<li><p>a</p></li>\n<li><p>b</p></li>\n</ul>\n"
        );
    }

    #[test]
    fn html_builds_only_allowed_elements() {
        let note =
            Note::parse("*a* <script>x</script> [j](javascript:x) [w](https://e.org/\"x)\n\n```\n<b>\n```");
        assert_eq!(
            html(&note),
            "<p><em>a</em> &lt;script&gt;x&lt;/script&gt; [j](javascript:x) \
             <a href=\"https://e.org/%22x\">w</a></p>\n<pre><code>&lt;b&gt;</code></pre>\n"
        );
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of notes: what the model allows, and what it keeps as text.
    const PIECES: &[&str] = &[
        "word",
        "two words",
        "*em*",
        "**strong**",
        "`code`",
        "``a`b``",
        "[link](https://x.org/a_(b))",
        "<https://x.org>",
        "<a@x.org>",
        "[bad](javascript:x)",
        "- item",
        "* item",
        "1. one",
        "3) three",
        "  - nested",
        "   2. nested",
        "```\ncode\n```",
        "    indented",
        "# heading",
        "> quote",
        "<b>",
        "<!-- c -->",
        "---",
        "***",
        "[^1]",
        "^[x]",
        "{=html}",
        "$x$",
        "\\input{x}",
        "a\\",
        "&amp;",
        "\\*",
        "_u_",
        "|",
        ":::",
        "~~s~~",
        "@cite",
    ];

    fn note() -> impl Strategy<Value = String> {
        let piece = proptest::sample::select(PIECES);
        let join = proptest::sample::select(&[" ", "\n", "\n\n", ""][..]);
        proptest::collection::vec((piece, join), 0..10)
            .prop_map(|parts| parts.into_iter().map(|(p, j)| format!("{p}{j}")).collect())
    }

    /// Links' addresses as the Markdown writes them.
    fn encoded(blocks: &[Block]) -> Vec<Block> {
        fn inlines(items: &[Inline]) -> Vec<Inline> {
            items
                .iter()
                .map(|i| match i {
                    Inline::Link { url, content } => Inline::Link {
                        url: percent_encoded(url),
                        content: inlines(content),
                    },
                    Inline::Emphasis(c) => Inline::Emphasis(inlines(c)),
                    Inline::Strong(c) => Inline::Strong(inlines(c)),
                    other => other.clone(),
                })
                .collect()
        }
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(i) => Block::Paragraph(inlines(i)),
                Block::List { start, tight, items } => Block::List {
                    start: *start,
                    tight: *tight,
                    items: items.iter().map(|item| encoded(item)).collect(),
                },
                other => other.clone(),
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// The Markdown a note is written as reads back as the same model:
        /// every construct survives, and text stays text.
        #[test]
        fn markdown_reads_back_as_the_same_note(text in note()) {
            let note = Note::parse(&text);
            let md = markdown(note.blocks());
            let again = Note::parse(&md);
            let expected = encoded(note.blocks());
            prop_assert_eq!(again.blocks(), expected.as_slice(), "{:?}\n---\n{}", text, md);
        }
    }
}
