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

use crate::notes::{Block, Inline, Note, list, push_inline};

use super::escape::{guard_start, html_text as esc, inline as escaped};

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
///
/// Styling that touches a word on both sides can be unsayable in
/// Markdown (`***b**u**b***` leaves a stray `**`), so a paragraph that
/// would not read back as the same words is written without its
/// emphasis: a lost italic is better than a stray asterisk on a handout.
fn paragraph(inlines: &[Inline]) -> String {
    let styled = guarded_lines(&inline_markdown(inlines));
    if reads_back_as(&styled, inlines) {
        return styled;
    }
    guarded_lines(&inline_markdown(&unstyled(inlines)))
}

fn guarded_lines(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| guard_start(line.trim_start().to_string()))
        .collect();
    lines.join("\n")
}

/// Whether `md` reads as one paragraph of the same words, links and
/// code as `inlines`.
fn reads_back_as(md: &str, inlines: &[Inline]) -> bool {
    match Note::parse(md).blocks() {
        [Block::Paragraph(again)] => unstyled(again) == unstyled(&encoded(inlines)),
        _ => false,
    }
}

/// Inlines with emphasis and strong dissolved into their text.
fn unstyled(items: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Inline::Emphasis(c) | Inline::Strong(c) => {
                unstyled(c).into_iter().for_each(|i| push_inline(&mut out, i))
            }
            Inline::Link { url, content } => out.push(Inline::Link {
                url: url.clone(),
                content: unstyled(content),
            }),
            other => push_inline(&mut out, other.clone()),
        }
    }
    out
}

/// Inlines with links' addresses as the Markdown writes them.
fn encoded(items: &[Inline]) -> Vec<Inline> {
    items
        .iter()
        .map(|i| match i {
            Inline::Link { url, content } => Inline::Link {
                url: percent_encoded(url),
                content: encoded(content),
            },
            Inline::Emphasis(c) => Inline::Emphasis(encoded(c)),
            Inline::Strong(c) => Inline::Strong(encoded(c)),
            other => other.clone(),
        })
        .collect()
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

    /// Found by the property below on CI: styling run together inside a
    /// word once came back with stray asterisks.
    #[test]
    fn styling_inside_a_word_never_leaves_a_stray_asterisk() {
        for note in ["***word*em* ", "***_u_ *em**em* ", "***b***_u_***b*** "] {
            let written = md(note);
            let words = |text: &str| crate::notes::plain(Note::parse(text).blocks());
            assert_eq!(words(&written), words(note), "{note:?} -> {written:?}");
        }
        assert_eq!(md("***word*em*"), "\\**wordem*");
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
        "__s__",
        "***b***",
        "|",
        ":::",
        "~~s~~",
        "@cite",
    ];

    /// Pieces with `joins` between them.
    fn joined(joins: &'static [&'static str]) -> impl Strategy<Value = String> {
        let piece = proptest::sample::select(PIECES);
        let join = proptest::sample::select(joins);
        proptest::collection::vec((piece, join), 0..10)
            .prop_map(|parts| parts.into_iter().map(|(p, j)| format!("{p}{j}")).collect())
    }

    /// Any note made of the pieces, some of them run together.
    fn note() -> impl Strategy<Value = String> {
        joined(&[" ", "\n", "\n\n", ""])
    }

    /// A note whose pieces are set apart, so no styling starts or ends
    /// inside a word.
    fn spaced_note() -> impl Strategy<Value = String> {
        joined(&[" ", "\n", "\n\n"])
    }

    /// Blocks with each paragraph's inlines mapped by `f`.
    fn mapped(blocks: &[Block], f: fn(&[Inline]) -> Vec<Inline>) -> Vec<Block> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(i) => Block::Paragraph(f(i)),
                Block::List { start, tight, items } => Block::List {
                    start: *start,
                    tight: *tight,
                    items: items.iter().map(|item| mapped(item, f)).collect(),
                },
                other => other.clone(),
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The Markdown a note is written as reads back as the same model:
        /// every construct survives, and text stays text.
        #[test]
        fn markdown_reads_back_as_the_same_note(text in spaced_note()) {
            let note = Note::parse(&text);
            let md = markdown(note.blocks());
            let again = Note::parse(&md);
            let expected = mapped(note.blocks(), encoded);
            prop_assert_eq!(again.blocks(), expected.as_slice(), "{:?}\n---\n{}", text, md);
        }

        /// Run together, the pieces may lose a styling that Markdown
        /// cannot say inside a word, but never a character, a block, a
        /// link or a code span, and text stays text.
        #[test]
        fn markdown_keeps_every_word_and_construct(text in note()) {
            let note = Note::parse(&text);
            let md = markdown(note.blocks());
            let again = Note::parse(&md);
            let expected = mapped(&mapped(note.blocks(), encoded), unstyled);
            let got = mapped(again.blocks(), unstyled);
            prop_assert_eq!(got, expected, "{:?}\n---\n{}", text, md);
        }
    }
}
