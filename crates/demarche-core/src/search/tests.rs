use std::sync::atomic::AtomicBool;

use super::*;
use crate::load::load_str;
use crate::text::display::DisplayText;

/// Dates, in date order: p0 2015-09-25, p4 2015-09, p1 2016-09, p2 2016,
/// p3 2017-06-01.
const FIXTURE: &str = r#"
format = 1
title = "Fixture"

[[actors]]
id = "us"
name = "United States"
short = "US"

[[actors]]
id = "cn"
name = "China"
short = "PRC"

[[actors]]
id = "obs"
name = "Observer Institute"
role = "observer"

[[topics]]
id = "tariffs"
name = "Tariffs"

[[topics]]
id = "climate"
name = "Climate finance"

[[sources]]
id = "s1"
title = "Press conference transcript"

[[events]]
id = "summit"
name = "Hangzhou summit"
date = "2016-09-04"
sources = ["s1"]

[[positions]]
id = "p0"
actor = "us"
topic = "tariffs"
date = "2015-09-25"
source = "s1"
stance = "Will raise tariffs on steel"
quote = "We will act"
speaker = "Trade Representative"
tags = ["steel", "escalation"]
notes = "First line\nsecond line"

[[positions]]
id = "p1"
actor = "cn"
topic = "climate"
date = "2016-09"
source = "s1"
event = "summit"
stance = "Pledges climate finance for developing countries"
quote = "習近平 said é"
speaker = "習近平"

[[positions]]
id = "p2"
actor = "obs"
topic = "tariffs"
date = "2016"
source = "s1"
stance = "Warns that steel tariffs hurt consumers"
notes = "Cites WTO rules"

[[positions]]
id = "p3"
actor = "us"
topic = "climate"
date = "2017-06-01"
source = "s1"
stance = "Withdraws from the climate agreement"
tags = ["withdrawal"]
notes = "Consumers groups objected"

[[positions]]
id = "p4"
actor = "cn"
topic = "tariffs"
date = "2015-09"
source = "s1"
stance = "Retaliates against STEEL tariffs with soybean duties"
"#;

fn index() -> SearchIndex {
    let data = load_str("fixture.toml", FIXTURE).unwrap().dataset;
    SearchIndex::new(&data, &DisplayText::new(&data))
}

fn positions(index: &SearchIndex, query: &str) -> Vec<usize> {
    let query = Query::parse(query).unwrap();
    index
        .search(&query, 100)
        .hits
        .into_iter()
        .map(|h| h.position)
        .collect()
}

fn hit(index: &SearchIndex, query: &str, position: usize) -> Hit {
    let query = Query::parse(query).unwrap();
    let hits = index.search(&query, 100).hits;
    hits.into_iter()
        .find(|h| h.position == position)
        .expect("position found")
}

fn indices(hit: &Hit, field: Field) -> Vec<usize> {
    let found = hit.matches.iter().find(|m| m.field == field);
    found.map_or_else(Vec::new, |m| m.indices.clone())
}

#[test]
fn empty_query_lists_everything_in_date_order() {
    let index = index();
    assert!(Query::parse("").unwrap().is_empty());
    assert_eq!(positions(&index, ""), [0, 4, 1, 2, 3]);
    assert_eq!(positions(&index, " ' ! "), [0, 4, 1, 2, 3]);
    let all = index.search(&Query::parse("").unwrap(), 100).hits;
    assert!(all.iter().all(|h| h.score == 0 && h.matches.is_empty()));
}

#[test]
fn every_term_must_match() {
    let index = index();
    let mut both = positions(&index, "'steel 'tariffs");
    both.sort_unstable();
    assert_eq!(both, [0, 2, 4]);
    assert!(positions(&index, "'steel 'climate").is_empty());
}

#[test]
fn a_term_may_match_in_any_field() {
    let index = index();
    assert_eq!(positions(&index, "'hangzhou"), [1], "event");
    assert_eq!(positions(&index, "'observer"), [2], "actor name");
    assert_eq!(positions(&index, "'prc"), [4, 1], "actor short name");
    assert_eq!(positions(&index, "'escalation"), [0], "tags");
    assert_eq!(positions(&index, "'representative"), [0], "speaker");
    assert_eq!(positions(&index, "'transcript").len(), 5, "source");
}

#[test]
fn fuzzy_and_exact() {
    let index = index();
    assert!(positions(&index, "'stl").is_empty());
    let fuzzy = positions(&index, "stl");
    for p in [0, 2, 4] {
        assert!(fuzzy.contains(&p), "{fuzzy:?}");
    }
}

#[test]
fn prefix_and_suffix() {
    let index = index();
    assert_eq!(positions(&index, "^will"), [0]);
    assert_eq!(positions(&index, "^we"), [0], "quote starts with We");
    assert!(positions(&index, "^raise").is_empty());
    assert_eq!(positions(&index, "steel$"), [0]);
    assert_eq!(positions(&index, "line$"), [0], "last line of notes");
    assert_eq!(
        positions(&index, "^climate\\ finance$"),
        [1, 3],
        "whole topic name"
    );
    assert!(positions(&index, "^climate$").is_empty());
}

#[test]
fn negation() {
    let index = index();
    assert_eq!(positions(&index, "!steel"), [1, 3]);
    assert_eq!(positions(&index, "!^will"), [4, 1, 2, 3]);
    assert_eq!(positions(&index, "!act$"), [4, 1, 2, 3]);
    assert_eq!(positions(&index, "!hangzhou"), [0, 4, 2, 3], "shared field");
    assert_eq!(positions(&index, "!steel climate"), [1, 3]);
}

#[test]
fn smart_case() {
    let index = index();
    assert_eq!(positions(&index, "'STEEL"), [4]);
    let mut any_case = positions(&index, "'steel");
    any_case.sort_unstable();
    assert_eq!(any_case, [0, 2, 4]);
    assert_eq!(positions(&index, "!STEEL"), [0, 1, 2, 3]);
}

#[test]
fn actor_and_topic_filters() {
    let index = index();
    assert_eq!(positions(&index, "actor:us"), [0, 3], "id");
    assert_eq!(positions(&index, "actor:PRC"), [4, 1], "short name, any case");
    assert_eq!(positions(&index, "actor:chi"), [4, 1], "part of the name");
    assert_eq!(positions(&index, "actor:ob"), [2]);
    assert_eq!(positions(&index, "actor:us actor:obs"), [0, 2, 3], "alternatives");
    assert!(positions(&index, "actor:nobody").is_empty());
    assert_eq!(positions(&index, "topic:climate"), [1, 3]);
    assert_eq!(positions(&index, "topic:tar"), [0, 4, 2]);
    assert_eq!(positions(&index, "topic:tariffs actor:us"), [0]);
    assert_eq!(positions(&index, "actor:us 'climate"), [3]);
}

#[test]
fn date_filters_keep_overlapping_positions() {
    let index = index();
    assert_eq!(positions(&index, "year:2016"), [1, 2]);
    assert_eq!(positions(&index, "year:2015 year:2017"), [0, 4, 3]);
    assert_eq!(
        positions(&index, "from:2016-09-10"),
        [1, 2, 3],
        "2016 and 2016-09 overlap"
    );
    assert_eq!(positions(&index, "to:2015-09-10"), [4], "2015-09 starts before");
    assert_eq!(positions(&index, "from:2015-09-25 to:2016"), [0, 4, 1, 2]);
    assert_eq!(positions(&index, "from:2016-09 to:2016-09"), [1, 2]);
}

#[test]
fn unknown_filters_are_search_words() {
    let index = index();
    assert!(positions(&index, "colour:red").is_empty());
    assert_eq!(positions(&index, "'cites\\ wto"), [2]);
}

#[test]
fn highlights_land_on_the_matched_chars() {
    let index = index();
    let text = index.field_text(1, Field::Quote);
    assert_eq!(text, "習近平 said é");
    let found = hit(&index, "sd é", 1);
    assert_eq!(indices(&found, Field::Quote), [4, 7, 9]);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!([chars[4], chars[7], chars[9]], ['s', 'd', 'é']);

    let found = hit(&index, "習近", 1);
    assert_eq!(indices(&found, Field::Speaker), [0, 1]);
    assert_eq!(indices(&found, Field::Quote), [0, 1]);
    assert_eq!(found.matches[0].field, Field::Quote, "fields in Field::ALL order");
}

#[test]
fn highlights_cover_every_field_and_term() {
    let index = index();
    let found = hit(&index, "'prc 'steel", 4);
    assert_eq!(index.field_text(4, Field::Actor), "China (PRC)");
    assert_eq!(indices(&found, Field::Actor), [7, 8, 9]);
    let stance = index.field_text(4, Field::Stance);
    let start = stance.find("STEEL").unwrap();
    assert_eq!(
        indices(&found, Field::Stance),
        (start..start + 5).collect::<Vec<_>>()
    );

    let found = hit(&index, "'steel 'tee", 0);
    assert_eq!(index.field_text(0, Field::Tags), "steel, escalation");
    assert_eq!(
        indices(&found, Field::Tags),
        [0, 1, 2, 3, 4],
        "merged and deduplicated"
    );
    // Hard-wrapped notes are reflowed into one paragraph for display.
    assert_eq!(index.field_text(0, Field::Notes), "First line second line");
}

#[test]
fn missing_fields_are_empty() {
    let index = index();
    assert_eq!(index.field_text(2, Field::Quote), "");
    assert_eq!(index.field_text(2, Field::Event), "");
    assert_eq!(index.field_text(1, Field::Event), "Hangzhou summit");
}

#[test]
fn stance_outweighs_notes() {
    let index = index();
    assert_eq!(positions(&index, "'consumers"), [2, 3]);
}

#[test]
fn ranking_is_stable_and_ties_go_by_date() {
    let index = index();
    let query = Query::parse("'steel").unwrap();
    let first = index.search(&query, 100).hits;
    for _ in 0..5 {
        assert_eq!(index.search(&query, 100).hits, first);
    }
    assert!(first.windows(2).all(|w| w[0].score >= w[1].score));
    // Every position matches the topic name equally.
    assert_eq!(positions(&index, "'tariffs topic:climate"), Vec::<usize>::new());
    assert_eq!(positions(&index, "'press"), [0, 4, 1, 2, 3]);
}

#[test]
fn limit_keeps_the_best() {
    let index = index();
    let query = Query::parse("'steel").unwrap();
    let all = index.search(&query, 100);
    let one = index.search(&query, 1);
    assert_eq!(one.hits, all.hits[..1]);
    assert_eq!(one.total, all.total, "the total is before the limit");
    assert!(index.search(&query, 0).hits.is_empty());
}

#[test]
fn cancelled_search_returns_none() {
    let index = index();
    let query = Query::parse("steel").unwrap();
    assert_eq!(index.search_cancellable(&query, 10, &AtomicBool::new(true)), None);
    assert!(
        index
            .search_cancellable(&query, 10, &AtomicBool::new(false))
            .is_some()
    );
}

#[test]
fn threads_agree_with_one_thread() {
    let text = crate::synthetic::generate(6_000, 3);
    let data = load_str("synthetic.toml", &text).unwrap().dataset;
    let mut index = SearchIndex::new(&data, &DisplayText::new(&data));
    index.threads = 2;
    for query in [
        "tariff",
        "stl 'origin",
        "^calls !steel",
        "actor:eu year:2014",
        "Qu",
        "",
    ] {
        let query = Query::parse(query).unwrap();
        let parallel = index.search(&query, 50);
        index.threads = 1;
        assert_eq!(index.search(&query, 50), parallel, "{query:?}");
        index.threads = 2;
    }
}

#[test]
fn new_filters_keep_what_they_name() {
    let index = index();
    assert_eq!(positions(&index, "tag:steel"), [0]);
    assert_eq!(positions(&index, "tag:with"), [3], "part of a tag");
    assert_eq!(positions(&index, "event:summit"), [1]);
    assert_eq!(positions(&index, "event:hangzhou"), [1], "part of the name");
    assert_eq!(positions(&index, "source:s1").len(), 5);
    assert_eq!(positions(&index, "source:press").len(), 5, "part of the title");
    assert!(
        positions(&index, "kind:quote").is_empty(),
        "no kinds in this file"
    );
    assert_eq!(positions(&index, "before:2016"), [0, 4], "2016 itself left out");
    assert_eq!(positions(&index, "after:2016-09"), [2, 3], "2016 has days after");
    assert_eq!(positions(&index, "after:2016-08 before:2017"), [1, 2]);
}

#[test]
fn unknown_filter_values_name_themselves_and_what_exists() {
    let index = index();
    let check = |q: &str| index.check(&Query::parse(q).unwrap());
    assert_eq!(
        check("actor:us tag:steel event:summit source:s1 topic:clim"),
        Ok(())
    );
    let err = check("actor:usa").unwrap_err();
    assert_eq!(err.filter, "actor");
    assert_eq!(
        err.to_string(),
        "actor:usa matches no actor (did you mean \"us\"?); actors: us, cn, obs"
    );
    let err = check("tag:stele").unwrap_err();
    assert_eq!(
        err.to_string(),
        "tag:stele matches no tag (did you mean \"steel\"?); tags: escalation, steel, withdrawal"
    );
    assert_eq!(check("event:moon").unwrap_err().filter, "event");
    assert_eq!(check("source:nyt").unwrap_err().filter, "source");
    assert_eq!(check("topic:weather").unwrap_err().filter, "topic");
}

#[test]
fn whole_words_outrank_scattered_letters_and_notes() {
    let index = index();
    // "line" is a whole word only in p0's notes; "tl" in "steel" is no
    // word at all.
    assert_eq!(positions(&index, "line"), [0]);
    // Stance beats notes: p2 says "consumers", p3's notes mention them.
    assert_eq!(positions(&index, "consumers"), [2, 3]);
    // Letters spread over several words are no match.
    assert!(positions(&index, "wrsf").is_empty());
}

#[test]
fn a_misspelt_word_is_searched_as_the_closest_word() {
    let index = index();
    let results = index.search(&Query::parse("withdarws").unwrap(), 10);
    assert_eq!(
        results.corrections,
        [Correction {
            typed: "withdarws".into(),
            used: "withdraws".into()
        }]
    );
    assert_eq!(results.hits.iter().map(|h| h.position).collect::<Vec<_>>(), [3]);
    let exact = index.search(&Query::parse("withdraws").unwrap(), 10);
    assert!(exact.corrections.is_empty());
}

#[test]
fn rare_words_and_phrases_rank_first() {
    let index = index();
    // p0, p2 and p4 have "steel" and "tariffs" in the stance; p2 and p4
    // side by side, as a phrase, p0 apart ("tariffs on steel").
    assert_eq!(positions(&index, "steel tariffs"), [4, 2, 0]);
    // "soybean" occurs once, "tariffs" in three positions: the rare word's
    // position comes first.
    assert_eq!(positions(&index, "soybean")[0], 4);
}
