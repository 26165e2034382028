//! The CSL-JSON bibliography written beside a pandoc export, so that
//! `pandoc --citeproc` can format the citations in any CSL style and the
//! same file imports into Zotero.

use serde_json::{Value, json};

use super::document::{Document, Reference};
use crate::date::Date;

/// `{"date-parts": [[2015, 7, 14]]}`, as precise as the date is.
fn issued(date: Date) -> Value {
    let parts: Vec<u16> = std::iter::once(date.year_number())
        .chain(date.month_number().map(u16::from))
        .chain(date.day_number().map(u16::from))
        .collect();
    json!({ "date-parts": [parts] })
}

/// One item. A source with an address is cited as a web page of its
/// publisher's site; one without, as a document from its publisher.
/// Authors are kept whole (`literal`): they are often institutions, and
/// splitting a person's name into family and given parts would be a guess.
fn item(r: &Reference) -> Value {
    let mut item = json!({
        "id": r.id,
        "type": if r.url.is_some() { "webpage" } else { "document" },
        "title": r.title,
    });
    let fields = item.as_object_mut().expect("built as an object");
    if let Some(author) = &r.author {
        fields.insert("author".into(), json!([{ "literal": author }]));
    }
    if let Some(publisher) = &r.publisher {
        let key = if r.url.is_some() {
            "container-title"
        } else {
            "publisher"
        };
        fields.insert(key.into(), json!(publisher));
    }
    if let Some(date) = r.date {
        fields.insert("issued".into(), issued(date));
    }
    if let Some(url) = &r.url {
        fields.insert("URL".into(), json!(url));
    }
    item
}

/// Every cited source, in order of first citation.
pub(super) fn render(doc: &Document) -> String {
    let items: Vec<Value> = doc.references.iter().map(item).collect();
    serde_json::to_string_pretty(&items).expect("JSON values serialise") + "\n"
}
