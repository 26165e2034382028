//! `demarche annotations`: every quoted position as a W3C Web Annotation
//! (JSON-LD, <http://www.w3.org/ns/anno.jsonld>), so annotation tools
//! that know `TextQuoteSelector` and `TextPositionSelector` (Hypothesis
//! among them) can highlight the quotes on the source's page.
//!
//! The quote is found in the source's text by `verify`'s rule; the
//! selectors then name the text's own characters: `exact` is the text
//! from `start` to `end`, counted in Unicode code points (not bytes, not
//! UTF-16 units), and `prefix`/`suffix` the characters around it.

use serde_json::{Value, json};

use crate::model::Dataset;
use crate::sources::{Folded, SourceDirs, find_pieces, pieces};

/// Characters of context kept before and after a quote.
const CONTEXT: usize = 32;

/// The collection, and what could not be anchored (one line each).
pub struct Annotations {
    pub document: Value,
    pub skipped: Vec<String>,
}

/// Where a quote stands in a text: code-point offsets and the characters.
#[derive(Debug, PartialEq)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// Anchors `quote` in `text` by `verify`'s rule: from its first piece's
/// first character to its last piece's last one.
pub fn anchor(text: &str, quote: &str) -> Option<Anchor> {
    let folded = Folded::new(text);
    let found = find_pieces(&folded.text, &pieces(quote)).ok()?;
    let first = folded.original(found.first()?.clone());
    let last = folded.original(found.last()?.clone());
    let (from, to) = (first.start, last.end);
    let start = text[..from].chars().count();
    let exact = &text[from..to];
    let before: Vec<char> = text[..from].chars().rev().take(CONTEXT).collect();
    Some(Anchor {
        start,
        end: start + exact.chars().count(),
        exact: exact.to_string(),
        prefix: before.into_iter().rev().collect(),
        suffix: text[to..].chars().take(CONTEXT).collect(),
    })
}

/// Every quoted position of `data` whose source text is found, as an
/// `AnnotationCollection` with its one page of items.
pub fn annotations(data: &Dataset, dirs: &SourceDirs) -> Annotations {
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut texts: Vec<Option<Result<String, String>>> = vec![None; data.sources.len()];
    for i in data.list_order() {
        let position = &data.positions[i];
        let Some(quote) = position.quote.as_deref() else {
            continue;
        };
        let source = &data.sources[position.source];
        let text = texts[position.source].get_or_insert_with(|| {
            dirs.read(source.file.as_deref())
                .map(|(_, text)| text)
                .map_err(|e| e.to_string())
        });
        let anchor = match text {
            Ok(text) => anchor(text, quote),
            Err(why) => {
                skipped.push(format!("{}: source \"{}\": {why}", position.id, source.id));
                continue;
            }
        };
        let Some(anchor) = anchor else {
            skipped.push(format!(
                "{}: the quote is not in the source's text (see demarche verify)",
                position.id
            ));
            continue;
        };
        items.push(annotation(data, i, &anchor));
    }
    let document = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": data.title,
        "total": items.len(),
        "first": { "type": "AnnotationPage", "startIndex": 0, "items": items },
    });
    Annotations { document, skipped }
}

fn annotation(data: &Dataset, i: usize, anchor: &Anchor) -> Value {
    let position = &data.positions[i];
    let source = &data.sources[position.source];
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "describing",
        "format": "text/plain",
        "value": position.stance,
    })];
    if let Some(evidence) = position.evidence {
        body.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": evidence.word() }));
    }
    json!({
        "id": format!("urn:x-demarche:position:{}", position.id),
        "type": "Annotation",
        "motivation": "describing",
        "body": body,
        "target": {
            "source": source.url.as_deref().or(source.file.as_deref()).unwrap_or(&source.id),
            "selector": [
                { "type": "TextQuoteSelector", "exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix },
                { "type": "TextPositionSelector", "start": anchor.start, "end": anchor.end },
            ],
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points_and_exact_is_the_text_between_them() {
        let text = "Préambule — «\u{1F600} nous\n  refusons» tout.";
        let a = anchor(text, "nous refusons").unwrap();
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[a.start..a.end].iter().collect::<String>(), a.exact);
        assert_eq!(a.exact, "nous\n  refusons");
        assert_eq!(a.prefix, "Préambule — «\u{1F600} ");
        assert_eq!(a.suffix, "» tout.");
        assert_eq!(anchor(text, "nous acceptons"), None);
    }

    /// Every annotation of the bundled data, against the seed texts.
    #[test]
    fn every_bundled_annotation_matches_its_text() {
        let data = crate::load::load_bundled().unwrap().dataset;
        let dirs = SourceDirs::new(
            Some(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/seeds"
            ))),
            None,
        );
        let out = annotations(&data, &dirs);
        let items = out.document["first"]["items"].as_array().unwrap();
        assert!(items.len() > 20, "{}", items.len());
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        for item in items {
            let id = item["id"].as_str().unwrap().rsplit(':').next().unwrap();
            let p = data.positions.iter().find(|p| p.id == id).unwrap();
            let (_, text) = dirs.read(data.sources[p.source].file.as_deref()).unwrap();
            let selectors = &item["target"]["selector"];
            let exact = selectors[0]["exact"].as_str().unwrap();
            let start = selectors[1]["start"].as_u64().unwrap() as usize;
            let end = selectors[1]["end"].as_u64().unwrap() as usize;
            let between: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(between, exact, "{id}");
            assert_eq!(item["body"][0]["value"], p.stance.as_str());
        }
    }
}
