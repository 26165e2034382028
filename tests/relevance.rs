//! The relevance suite: queries a seminar leader types, each with the
//! positions that must come first and a bound on how many results are
//! shown. It prints every query's rank and the mean reciprocal rank (MRR),
//! and fails if any query is wrong.
//!
//! Half the queries run on the bundled data, half on
//! `tests/fixtures/relevance.toml`, a fisheries dispute with its own
//! evidence kinds, so that no rule is tuned to one file.
//!
//! Run with `cargo test --test relevance`; the table is printed whether or
//! not the suite passes.

use demarche_core::model::Dataset;
use demarche_core::search::{Query, SearchIndex};
use demarche_core::text::display::DisplayText;

#[derive(Clone, Copy, PartialEq)]
enum Data {
    Bundled,
    Fixture,
}

struct Case {
    data: Data,
    query: &'static str,
    /// Ids that must fill the first places, in any order. Empty: the
    /// query must find nothing.
    first: &'static [&'static str],
    /// The most results the query may return.
    at_most: usize,
    /// For a typo: the word the search must say it used instead.
    corrected: Option<&'static str>,
}

const fn case(data: Data, query: &'static str, first: &'static [&'static str], at_most: usize) -> Case {
    Case {
        data,
        query,
        first,
        at_most,
        corrected: None,
    }
}

const fn typo(
    data: Data,
    query: &'static str,
    used: &'static str,
    first: &'static [&'static str],
    at_most: usize,
) -> Case {
    Case {
        data,
        query,
        first,
        at_most,
        corrected: Some(used),
    }
}

use Data::{Bundled, Fixture};

const CASES: &[Case] = &[
    // Words that used to match almost everything through scattered letters.
    case(
        Bundled,
        "hotline",
        &["us-2015-09-hotline", "china-2015-09-hotline", "lin-2015-hotline"],
        15,
    ),
    case(Bundled, "rubicon", &["hayden-2013-06-crossed-the-rubicon"], 3),
    case(Bundled, "opm", &["us-2015-06-opm-not-ascribed"], 6),
    // Rare words.
    case(Bundled, "hainan", &["lin-2015-hotline"], 2),
    case(
        Bundled,
        "stuxnet",
        &[
            "hayden-2013-06-crossed-the-rubicon",
            "webster-2013-us-escalations",
        ],
        4,
    ),
    case(Bundled, "extradition", &["blog-2015-no-accountability"], 2),
    case(Bundled, "glimmer", &["netpolitics-2015-glimmer"], 2),
    // Typos: a transposed, dropped or doubled letter.
    typo(
        Bundled,
        "indcitment",
        "indictment",
        // "indictment" as a whole word in a stance and in a speaker.
        &["netpolitics-2015-indictments-hurdle", "us-2014-pla-indictment"],
        12,
    ),
    typo(
        Bundled,
        "santcions",
        "sanctions",
        &["segal-2013-sanctions-forecast"],
        12,
    ),
    typo(
        Bundled,
        "workign group",
        "working",
        // Every position with "working group" in its stance.
        &[
            "us-2013-working-group",
            "china-2013-working-group",
            "blog-2015-working-group-replay",
            "webster-2013-dialogue-progress",
            "china-2015-06-indictments-precondition",
        ],
        20,
    ),
    typo(
        Bundled,
        "extradtion",
        "extradition",
        &["blog-2015-no-accountability"],
        2,
    ),
    // Phrases.
    case(Bundled, "tool kit", &["us-2015-09-tool-kit"], 8),
    case(
        Bundled,
        "finger pointing",
        &[
            "us-2015-06-kerry-sanctioned-or-not",
            "webster-2013-infrastructure-first",
        ],
        2,
    ),
    case(
        Bundled,
        "double edged sword",
        &["healey-2013-double-edged-sword"],
        2,
    ),
    case(Bundled, "knowingly tolerate", &["lin-2015-knowingly-tolerate"], 3),
    // Names.
    case(
        Bundled,
        "kerry",
        &[
            "us-2015-06-kerry-sanctioned-or-not",
            "us-2015-06-kerry-code-of-conduct",
        ],
        3,
    ),
    case(Bundled, "hagel", &["us-2013-hagel-shangri-la"], 3),
    case(Bundled, "yang jiechi", &["china-2015-06-yang-code-of-conduct"], 2),
    case(
        Bundled,
        "biden",
        &[
            "us-2015-06-biden-economic-interest",
            "us-2015-06-biden-foundation",
        ],
        3,
    ),
    // Fuzzy abbreviations: letters in order, close together.
    case(
        Bundled,
        "cybsec",
        &[
            "webster-2013-not-reduced",
            "webster-2013-dialogue-progress",
            "lin-2015-doors-open",
            "china-2014-halts-cooperation",
        ],
        60,
    ),
    case(Bundled, "ipthft", &["lin-2015-ip-acknowledgement"], 20),
    // Filters with words.
    // Lin's other dialogue position is filed under "... and hotline".
    case(Bundled, "actor:lin hotline", &["lin-2015-hotline"], 2),
    case(
        Bundled,
        "year:2013 working group",
        &["us-2013-working-group", "china-2013-working-group"],
        6,
    ),
    case(
        Bundled,
        "cybercrime definition",
        &["lin-2015-cybercrime-definition"],
        3,
    ),
    // The fixture: names, phrases, typos, rare words and every filter.
    case(Fixture, "aspaker", &["no-share"], 1),
    case(
        Fixture,
        "landing ban",
        &["eu-landing-ban", "fo-wto", "hansen-ban-backfires"],
        4,
    ),
    case(Fixture, "three party deal", &["eu-three-party", "is-rejects"], 2),
    typo(Fixture, "mackrel quota", "mackerel", &["no-share"], 6),
    typo(Fixture, "scientsits", "scientists", &["hansen-survey"], 1),
    case(Fixture, "scntists", &["hansen-survey"], 1),
    case(Fixture, "hotline", &[], 0),
    case(Fixture, "zonal", &["no-share"], 1),
    case(Fixture, "kind:action", &["eu-landing-ban"], 1),
    case(
        Fixture,
        "kind:joint mackerel",
        &["no-arrangement", "eu-arrangement"],
        2,
    ),
    case(Fixture, "kind:quote fish", &["no-share", "is-rejects"], 2),
    case(Fixture, "tag:herring", &["eu-landing-ban"], 1),
    case(Fixture, "event:london deal", &["eu-three-party"], 1),
    case(Fixture, "source:ices", &["no-ices-advice", "is-ices-doubt"], 2),
    case(Fixture, "before:2014 ban", &["eu-landing-ban", "fo-wto"], 2),
    case(
        Fixture,
        "after:2014-06 advice",
        &["no-ices-advice", "is-ices-doubt"],
        3,
    ),
    case(Fixture, "actor:hansen ban", &["hansen-ban-backfires"], 1),
    case(Fixture, "russia", &["hansen-ban-backfires"], 1),
];

struct Outcome {
    ids: Vec<String>,
    corrected: Vec<String>,
}

fn run(data: &Dataset, index: &SearchIndex, text: &str) -> Outcome {
    let query = Query::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let results = index.search(&query, 1000);
    Outcome {
        ids: results
            .hits
            .iter()
            .map(|h| data.positions[h.position].id.clone())
            .collect(),
        corrected: results.corrections.iter().map(|c| c.used.clone()).collect(),
    }
}

/// 1 / the rank of the first expected id; for a query that must find
/// nothing, 1 if it does.
fn reciprocal_rank(case: &Case, ids: &[String]) -> f64 {
    if case.first.is_empty() {
        return if ids.is_empty() { 1.0 } else { 0.0 };
    }
    ids.iter()
        .position(|id| case.first.contains(&id.as_str()))
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64)
}

/// Why a query is wrong, if it is.
fn verdict(case: &Case, outcome: &Outcome) -> Option<String> {
    let top = &outcome.ids[..case.first.len().min(outcome.ids.len())];
    if let Some(missing) = case.first.iter().find(|id| !top.iter().any(|t| t == *id)) {
        return Some(format!("{missing} not in the first {}", case.first.len()));
    }
    if outcome.ids.len() > case.at_most {
        return Some(format!("{} results, at most {}", outcome.ids.len(), case.at_most));
    }
    if let Some(used) = case.corrected
        && !outcome.corrected.iter().any(|c| c == used)
    {
        return Some(format!("not corrected to {used}: {:?}", outcome.corrected));
    }
    None
}

fn load(data: Data) -> Dataset {
    match data {
        Bundled => {
            demarche_core::load::load_bundled()
                .expect("bundled data loads")
                .dataset
        }
        Fixture => {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/relevance.toml");
            let text = std::fs::read_to_string(path).expect("fixture readable");
            demarche_core::load::load_str("relevance.toml", &text)
                .expect("fixture loads")
                .dataset
        }
    }
}

fn main() {
    let mut total = 0.0;
    let mut wrong = 0;
    let mut shown = 0;
    for data in [Bundled, Fixture] {
        let dataset = load(data);
        let index = SearchIndex::new(&dataset, &DisplayText::new(&dataset));
        for case in CASES.iter().filter(|c| c.data == data) {
            let outcome = run(&dataset, &index, case.query);
            shown += outcome.ids.len();
            let rr = reciprocal_rank(case, &outcome.ids);
            total += rr;
            let verdict = verdict(case, &outcome);
            wrong += usize::from(verdict.is_some());
            let shown: Vec<&str> = outcome.ids.iter().take(3).map(String::as_str).collect();
            println!(
                "{:<4} RR {rr:.2} {:>3} results  {:<28} {}",
                if verdict.is_some() { "FAIL" } else { "ok" },
                outcome.ids.len(),
                case.query,
                verdict.unwrap_or_else(|| shown.join(", ")),
            );
        }
    }
    let mrr = total / CASES.len() as f64;
    println!(
        "\n{} queries, {wrong} wrong, MRR {mrr:.3}, {shown} results in all",
        CASES.len()
    );
    assert!(CASES.len() >= 25);
    if wrong > 0 || mrr < 0.95 {
        eprintln!("relevance suite failed: {wrong} wrong, MRR {mrr:.3} (goal: none wrong, MRR >= 0.95)");
        std::process::exit(1);
    }
}
