//! One way to say each styling, so the Markdown a note is written back
//! as reads as the same note. Emphasis inside emphasis (or strong inside
//! strong) looks the same as one run but cannot be written back: `*`
//! next to `*` merges into a different delimiter run. So a style inside
//! the same style dissolves into it, and strong text that is all
//! emphasis becomes emphasis that is all strong, as `***x***` reads.

use super::Inline;

/// A paragraph's inline content in its one written form.
pub(super) fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    tidied(inlines, Styles::default())
}

/// The styles already applied around some content.
#[derive(Clone, Copy, Default)]
struct Styles {
    emphasis: bool,
    strong: bool,
}

fn tidy_into(out: &mut Vec<Inline>, inlines: Vec<Inline>, around: Styles) {
    for inline in inlines {
        match inline {
            Inline::Emphasis(inner) if around.emphasis => tidy_into(out, inner, around),
            Inline::Strong(inner) if around.strong => tidy_into(out, inner, around),
            Inline::Emphasis(inner) => {
                let content = tidied(
                    inner,
                    Styles {
                        emphasis: true,
                        ..around
                    },
                );
                push(out, Inline::Emphasis(content));
            }
            Inline::Strong(inner) => {
                let content = tidied(
                    inner,
                    Styles {
                        strong: true,
                        ..around
                    },
                );
                push(out, strong(content));
            }
            Inline::Link { url, content } => {
                let content = tidied(content, around);
                out.push(Inline::Link { url, content });
            }
            other => push(out, other),
        }
    }
}

fn tidied(inlines: Vec<Inline>, around: Styles) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    tidy_into(&mut out, inlines, around);
    out
}

/// Strong content; all of it emphasis, it is written emphasis-first.
fn strong(mut content: Vec<Inline>) -> Inline {
    match content.as_mut_slice() {
        [Inline::Emphasis(inner)] => Inline::Emphasis(vec![Inline::Strong(std::mem::take(inner))]),
        _ => Inline::Strong(content),
    }
}

/// Appends an inline, joining text to text and a style to a run of the
/// same style just before (`*a*_b_` reads as one run: written back as
/// `*a**b*` it would not).
pub(crate) fn push(out: &mut Vec<Inline>, inline: Inline) {
    match (out.last_mut(), inline) {
        (Some(Inline::Text(last)), Inline::Text(more)) => last.push_str(&more),
        (Some(Inline::Emphasis(last)), Inline::Emphasis(more))
        | (Some(Inline::Strong(last)), Inline::Strong(more)) => {
            more.into_iter().for_each(|inline| push(last, inline))
        }
        (_, Inline::Text(t)) if t.is_empty() => {}
        (_, inline) => out.push(inline),
    }
}
