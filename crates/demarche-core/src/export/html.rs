//! `--format html`: a handout in one file. The CSS is inline, nothing is
//! fetched (no scripts, images, fonts or style sheets from elsewhere),
//! and a print style sheet lays it out for A4 or Letter paper.
//!
//! Data text is HTML-escaped. The user's notes are rendered from their
//! parsed model (`usernotes::html`): only paragraphs, lists, emphasis,
//! code and web or mail links become elements.

use super::document::{Block, Byline, Cell, Comparison, Document, Point, Reference, SILENT};
use super::escape::html_text as esc;
use crate::notes::Note;

const STYLE: &str = include_str!("handout.css");

/// A web address, which may become a link.
fn is_web(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// The citation marks for notes `numbers`: linked superscript numbers.
fn refs(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| format!("<sup class=\"cite\"><a href=\"#note-{n}\" id=\"cite-{n}\">{n}</a></sup>"))
        .collect()
}

/// `Author, <cite>Title</cite>, Publisher, Date, <a>url</a>`.
fn citation(r: &Reference) -> String {
    let url = r.url.as_deref().map(|u| {
        if is_web(u) {
            format!("<a href=\"{0}\">{0}</a>", esc(u))
        } else {
            esc(u)
        }
    });
    let parts: Vec<String> = [
        r.author.as_deref().map(esc),
        Some(format!("<cite>{}</cite>", esc(&r.title))),
        r.publisher.as_deref().map(esc),
        r.date.map(|d| d.to_string()),
        url,
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(", ")
}

fn short_citation(r: &Reference) -> String {
    let (name, is_title) = r.short_name();
    let name = if is_title {
        format!("<cite>{}</cite>", esc(&name))
    } else {
        esc(&name)
    };
    std::iter::once(name)
        .chain(r.date.map(|d| d.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn byline(b: &Byline, notes: &[usize]) -> String {
    let dash = if b.said { "— " } else { "" };
    let evidence = b.evidence.as_deref().map_or_else(String::new, |e| {
        format!(" <span class=\"evidence\">{}</span>", esc(e))
    });
    format!(
        "<p class=\"byline\">{dash}{}{evidence}{}</p>",
        esc(&b.text),
        refs(notes)
    )
}

fn cell(c: Option<&Cell>) -> String {
    let Some(c) = c else {
        return format!("<td class=\"silent\">{SILENT}</td>");
    };
    let quote = c
        .quote
        .as_deref()
        .map_or_else(String::new, |q| format!(" <q>{}</q>", esc(q)));
    format!("<td>{}{quote}{}</td>", esc(&c.stance), refs(&[c.note]))
}

fn comparison(c: &Comparison) -> String {
    let [a, b] = &c.parties;
    if c.rows.is_empty() {
        return format!(
            "<p class=\"summary\">Neither {} nor {} has stated a position on this.</p>",
            esc(a),
            esc(b)
        );
    }
    let mut out = format!(
        "<table class=\"comparison\">\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        esc(a),
        esc(b)
    );
    for row in &c.rows {
        let when = match &row.event {
            Some(event) => format!(
                "<span class=\"date\">{}</span><br><span class=\"event\">{}</span>",
                row.date,
                esc(event)
            ),
            None => format!("<span class=\"date\">{}</span>", row.date),
        };
        let [x, y] = row.cells.each_ref().map(|c| cell(c.as_ref()));
        out.push_str(&format!("<tr><th scope=\"row\">{when}</th>{x}{y}</tr>\n"));
    }
    out + "</tbody>\n</table>"
}

fn user_note(note: &Note) -> String {
    format!(
        "<div class=\"note\"><p class=\"label\">Note</p>\n{}</div>",
        super::usernotes::html(note)
    )
}

fn point(p: &Point) -> String {
    // A comparison may run over pages; other points are kept whole.
    let class = if p.comparison.is_some() || p.matrix.is_some() {
        "point compare"
    } else {
        "point"
    };
    let mut parts = vec![format!(
        "<article class=\"{class}\" id=\"point-{0}\">\n<h3><span class=\"number\">{0}.</span> {1}</h3>",
        p.number,
        esc(&p.title)
    )];
    parts.extend(
        p.quote
            .as_deref()
            .map(|q| format!("<blockquote>{}</blockquote>", esc(q))),
    );
    parts.extend(p.byline.as_ref().map(|b| byline(b, &p.notes)));
    parts.extend(
        p.summary
            .as_deref()
            .map(|s| format!("<p class=\"summary\">{}</p>", esc(s))),
    );
    parts.extend(p.comparison.as_ref().map(comparison));
    parts.extend(
        p.matrix
            .as_ref()
            .map(|m| super::matrix::html(m, &|t| esc(t), &|n| refs(&[n]))),
    );
    parts.extend(p.note.as_ref().map(user_note));
    parts.push("</article>".to_string());
    parts.join("\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading(text) => format!("<h2>{}</h2>", esc(text)),
        Block::Point(p) => point(p),
        Block::Missing { kind, id, note } => {
            let marker = format!(
                "<p class=\"missing\">[missing: {kind} “{}” no longer in the data]</p>",
                esc(id)
            );
            match note {
                Some(n) => format!("<div class=\"point gone\">\n{marker}\n{}\n</div>", user_note(n)),
                None => marker,
            }
        }
    }
}

/// The numbered notes, full the first time a source is cited, each
/// linking back to its mark.
fn notes(doc: &Document) -> String {
    let items: Vec<String> = (1..)
        .zip(&doc.notes)
        .map(|(n, note)| {
            let r = &doc.references[note.reference];
            let text = if note.first { citation(r) } else { short_citation(r) };
            format!("<li id=\"note-{n}\">{text}. <a class=\"back\" href=\"#cite-{n}\" aria-label=\"back to the text\">↩</a></li>")
        })
        .collect();
    format!(
        "<section class=\"notes\">\n<h2>Notes</h2>\n<ol>\n{}\n</ol>\n</section>",
        items.join("\n")
    )
}

fn references(doc: &Document) -> String {
    let items: Vec<String> = doc
        .references
        .iter()
        .map(|r| format!("<li>{}</li>", citation(r)))
        .collect();
    format!(
        "<section class=\"references\">\n<h2>References</h2>\n<ul>\n{}\n</ul>\n</section>",
        items.join("\n")
    )
}

pub(super) fn render(doc: &Document) -> String {
    let title = esc(&doc.title);
    let mut parts = vec![
        "<!DOCTYPE html>".to_string(),
        "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">".to_string(),
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">".to_string(),
        format!("<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>"),
        format!("<h1>{title}</h1>"),
    ];
    parts.extend(doc.blocks.iter().map(block));
    if !doc.references.is_empty() {
        parts.push(notes(doc));
        parts.push(references(doc));
    }
    parts.push("</main>\n</body>\n</html>\n".to_string());
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_text_is_escaped() {
        assert_eq!(
            esc("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }
}
