//! Arbitrary strings as keys, ids and values (and as raw lines) never
//! reach a diagnostic or a JSON document as terminal controls: no byte
//! below 0x20 but the newline, no DEL, no ESC, no C1 control.

use demarche_core::load::{LoadError, load_str};
use proptest::prelude::*;

const VALID: &str = include_str!("fixtures/valid.toml");

/// `text` as a TOML basic string: C0 controls and DEL escaped (TOML
/// forbids them raw), everything else (C1, bidi, joiners) left raw.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the arbitrary string goes in an otherwise valid file.
#[derive(Clone, Copy, Debug)]
enum Place {
    Key,
    Id,
    Date,
    Stance,
    Name,
    RawLine,
}

fn file_with(place: Place, text: &str) -> String {
    let quoted = toml_string(text);
    let (from, to) = match place {
        Place::Key => ("name = \"Alpha\"", format!("name = \"Alpha\"\n{quoted} = 1")),
        Place::Id => ("id = \"beta\"", format!("id = {quoted}")),
        Place::Date => ("date = \"2015-09\"", format!("date = {quoted}")),
        Place::Stance => ("stance = \"Holds X\"", format!("stance = {quoted}")),
        Place::Name => ("name = \"Trade\"", format!("name = {quoted}")),
        Place::RawLine => ("[[topics]]", format!("{text}\n[[topics]]")),
    };
    VALID.replacen(from, &to, 1)
}

fn assert_inert(what: &str, text: &str) -> Result<(), TestCaseError> {
    for c in text.chars() {
        let bad = (c < ' ' && c != '\n') || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c);
        prop_assert!(!bad, "{} holds {:?}: {:?}", what, c, text);
    }
    Ok(())
}

fn place() -> impl Strategy<Value = Place> {
    prop_oneof![
        Just(Place::Key),
        Just(Place::Id),
        Just(Place::Date),
        Just(Place::Stance),
        Just(Place::Name),
        Just(Place::RawLine),
    ]
}

/// Mostly hostile characters, so most cases hold several of them.
fn hostile_text() -> impl Strategy<Value = String> {
    let hostile = prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('x')),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap_or('x')),
        proptest::sample::select(vec![
            '\u{202E}', '\u{2066}', '\u{200D}', '\u{FEFF}', '\u{2028}', '"', '\\'
        ]),
        any::<char>(),
    ];
    proptest::collection::vec(hostile, 0..40).prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn diagnostics_and_json_never_carry_controls(place in place(), text in hostile_text()) {
        let file = file_with(place, &text);
        match load_str("fuzz.toml", &file) {
            Ok(loaded) => {
                assert_inert("warnings", &loaded.warnings.rendered)?;
                let data = &loaded.dataset;
                let items: Vec<_> = (0..data.positions.len())
                    .map(|i| demarche_tui::output::position_json(data, i))
                    .collect();
                assert_inert("JSON", &demarche_tui::output::json_document("positions", items))?;
            }
            Err(LoadError::Invalid(report)) => {
                assert_inert("report", &report.rendered)?;
                for line in &report.summaries {
                    assert_inert("summary", line)?;
                }
            }
            Err(other) => assert_inert("error", &other.to_string())?,
        }
    }
}
