//! What stands and the status of a topic, end to end: the three-party
//! fixture from another field (tests/fixtures/tripartite.toml), the
//! bundled data's "done when" (the dialogue topic agreed, suspended,
//! agreed again; cause before effect in every list; `changes` pairs only a
//! subject with itself), and the JSON of `list`, `matrix` and `--history`.

use demarche_core::date::Date;
use demarche_core::matrix::{MatrixIndex, Status};
use demarche_core::model::Dataset;

mod common;
use common::{json_of as json, stdout_of as text};

const TRIPARTITE: &str = "tests/fixtures/tripartite.toml";

fn load(path: &str) -> Dataset {
    demarche_core::load::load_path(std::path::Path::new(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .dataset
}

fn id_of(data: &Dataset, id: &str) -> usize {
    data.positions.iter().position(|p| p.id == id).unwrap()
}

fn day(text: &str) -> Option<Date> {
    Some(Date::parse(text).unwrap())
}

/// (status, certain) of topic 0 at each date.
fn wage_floor(index: &MatrixIndex, data: &Dataset, at: &str) -> (Status, bool) {
    let snapshot = index.snapshot(data, day(at));
    (snapshot.status[0], snapshot.certain[0])
}

#[test]
fn tripartite_history_agreed_then_suspended_by_one_party() {
    let data = load(TRIPARTITE);
    let index = MatrixIndex::new(&data);
    let history: Vec<(String, &str, bool, &str, Option<&str>)> = index.changes[0]
        .iter()
        .map(|c| {
            (
                c.day.iso(),
                c.status.word(),
                c.certain,
                data.positions[c.by].id.as_str(),
                c.relation.map(|r| r.key()),
            )
        })
        .collect();
    let step = |d: &str, s, c, by, r| (d.to_string(), s, c, by, r);
    assert_eq!(
        history,
        [
            step("2021-03-01", "one-sided", true, "union-demand", None),
            step("2021-05-03", "stated", true, "government-proposal", None),
            step("2021-06-15", "agreed", true, "employers-accord", None),
            step(
                "2022-01-10",
                "suspended",
                true,
                "employers-withdraw",
                Some("suspends")
            ),
        ]
    );
}

#[test]
fn tripartite_as_of_statuses_reservation_and_who_stays() {
    let data = load(TRIPARTITE);
    let index = MatrixIndex::new(&data);
    assert_eq!(wage_floor(&index, &data, "2021-02-28"), (Status::None, true));
    assert_eq!(wage_floor(&index, &data, "2021-06-14"), (Status::Stated, true));
    assert_eq!(wage_floor(&index, &data, "2021-06-15"), (Status::Agreed, true));
    // The reservation (dated "2021-06-16/2021-07-10") does not end the
    // employers' side: still agreed, and the cell shows it.
    let (union, employers, government) = (0, 1, 2);
    for at in ["2021-06-30", "2021-12-31"] {
        assert_eq!(wage_floor(&index, &data, at), (Status::Agreed, true), "{at}");
        let cell = index.snapshot(&data, day(at)).full(0, employers);
        assert_eq!(cell.position, Some(id_of(&data, "employers-accord")), "{at}");
        assert_eq!(
            cell.reservation,
            Some(id_of(&data, "employers-small-firms")),
            "{at}"
        );
    }
    // Before its span starts the reservation is not there; inside it, it
    // may be: the cell says so.
    let june = index.snapshot(&data, day("2021-06-15")).full(0, employers);
    assert_eq!((june.reservation, june.certain), (None, true));
    let july = index.snapshot(&data, day("2021-07-01")).full(0, employers);
    assert!(
        july.reservation.is_some() && july.certain,
        "the status does not hang on it"
    );
    // The employers withdraw; the union and the government stay.
    let snapshot = index.snapshot(&data, day("2022-03"));
    assert_eq!(snapshot.status[0], Status::Suspended);
    assert_eq!(
        snapshot.full(0, employers).position,
        Some(id_of(&data, "employers-withdraw"))
    );
    assert!(!snapshot.full(0, employers).agreed);
    assert_eq!(
        snapshot.full(0, union).position,
        Some(id_of(&data, "union-stays"))
    );
    assert!(snapshot.full(0, union).agreed);
    assert_eq!(
        snapshot.full(0, government).position,
        Some(id_of(&data, "government-accord"))
    );
    assert!(snapshot.full(0, government).agreed);
    // The union's "2022-01" is uncertain inside January: it may come
    // before or after the withdrawal of the 10th, and either way the
    // topic is suspended.
    assert_eq!(wage_floor(&index, &data, "2022-01-05"), (Status::Agreed, true));
    assert_eq!(wage_floor(&index, &data, "2022-01-20"), (Status::Suspended, true));
}

#[test]
fn tripartite_a_secondary_topic_counts_and_the_detail_says_why() {
    let data = load(TRIPARTITE);
    let index = MatrixIndex::new(&data);
    let hours = 1;
    let snapshot = index.snapshot(&data, None);
    assert_eq!(snapshot.status[hours], Status::OneSided);
    assert_eq!(snapshot.cell(hours, 0), Some(id_of(&data, "union-demand")));
    let listed = json(&["--data", TRIPARTITE, "list", "--json", "--topic", "hours"]);
    assert_eq!(listed["positions"][0]["id"], "union-demand");
    let text = demarche_core::text::display::DisplayText::new(&data);
    let why = demarche_core::history::no_longer_stands(
        &index,
        &data,
        &text,
        id_of(&data, "employers-accord"),
        None,
    );
    assert_eq!(
        why.as_deref(),
        Some("suspended 10 Jan 2022 by Employers: Withdraws from the accord, citing energy costs.")
    );
    let why =
        demarche_core::history::no_longer_stands(&index, &data, &text, id_of(&data, "union-accord"), None);
    assert!(
        why.unwrap().starts_with("replaced Jan 2022 by Unions"),
        "the union's own later stance"
    );
    let stands = demarche_core::history::no_longer_stands(
        &index,
        &data,
        &text,
        id_of(&data, "government-accord"),
        None,
    );
    assert_eq!(stands, None, "the government stays");
}

#[test]
fn tripartite_json_relations_dates_and_history() {
    let listed = json(&["--data", TRIPARTITE, "list", "--json"]);
    assert_eq!(listed["version"], 2);
    let positions = listed["positions"].as_array().unwrap();
    let find = |id: &str| positions.iter().find(|p| p["id"] == id).unwrap();
    let withdraw = find("employers-withdraw");
    assert_eq!(
        withdraw["relations"],
        serde_json::json!([
            {"kind": "suspends", "to": "employers-accord"},
            {"kind": "suspends", "to": "union-accord"},
            {"kind": "suspends", "to": "government-accord"},
            {"kind": "conditional_on", "to": "government-accord"},
        ])
    );
    let reservation = find("employers-small-firms");
    assert_eq!(reservation["date"], "2021-06-16/2021-07-10");
    assert_eq!(reservation["date_start"], "2021-06-16");
    assert_eq!(reservation["date_end"], "2021-07-10");
    assert_eq!(find("union-stays")["agreed"], true);
    assert_eq!(
        find("union-stays")["relations"],
        serde_json::json!([{"kind": "responds_to", "to": "employers-withdraw"}])
    );
    assert_eq!(find("union-demand")["also_topics"], serde_json::json!(["hours"]));
    let matrix = json(&["--data", TRIPARTITE, "matrix", "--as-of", "2022-03", "--json"]);
    assert_eq!(matrix["rows"][0]["status"], "suspended");
    assert_eq!(matrix["rows"][0]["certain"], true);
    let early = json(&["--data", TRIPARTITE, "matrix", "--as-of", "2021-04-15", "--json"]);
    assert_eq!(early["rows"][0]["status"], "one-sided");
    let history = json(&["--data", TRIPARTITE, "matrix", "--history", "--json"]);
    let last = &history["history"][0]["changes"][3];
    assert_eq!(last["status"], "suspended");
    assert_eq!(last["by"], "employers-withdraw");
    assert_eq!(last["relation"], "suspends");
    let standing = json(&["--data", TRIPARTITE, "list", "--json", "--as-of", "2022-01-05"]);
    let union_stays = standing["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "union-stays")
        .unwrap();
    assert_eq!(union_stays["standing"], "latest");
    assert_eq!(union_stays["certain"], false, "\"2022-01\" holds the 5th");
}

#[test]
fn bundled_dialogue_topic_agreed_suspended_agreed() {
    let out = text(&["matrix", "--history"]);
    let dialogue: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Dialogue mechanism"))
        .collect();
    assert_eq!(dialogue.len(), 3, "{out}");
    assert!(
        dialogue[0].contains("agreed (uncertain before 7 Jun 2013): 2013 – 7 Jun 2013"),
        "{}",
        dialogue[0]
    );
    assert!(
        dialogue[1].contains("suspended: 20 May 2014, China:"),
        "{}",
        dialogue[1]
    );
    // The line is cut to the output's width; the JSON has the rest.
    assert!(dialogue[1].contains("(suspends"), "{}", dialogue[1]);
    let history = json(&["matrix", "--history", "--json"]);
    let dialogue_json = history["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == "dialogue-mechanism")
        .unwrap();
    let steps: Vec<(&str, &str, bool, &str)> = dialogue_json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["date"].as_str().unwrap(),
                c["status"].as_str().unwrap(),
                c["certain"].as_bool().unwrap(),
                c["relation"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("2013-01-01", "agreed", false, "-"),
            ("2013-06-07", "agreed", true, "-"),
            ("2014-05-20", "suspended", true, "suspends"),
            ("2015-09-25", "agreed", true, "-"),
        ]
    );
    assert!(dialogue[2].contains("agreed: 25 Sep 2015"), "{}", dialogue[2]);
    let data = demarche_core::load::load_bundled().unwrap().dataset;
    let index = MatrixIndex::new(&data);
    let dialogue = data
        .topics
        .iter()
        .position(|t| t.id == "dialogue-mechanism")
        .unwrap();
    let at = |d: &str| {
        let s = index.snapshot(&data, day(d));
        (s.status[dialogue], s.certain[dialogue])
    };
    assert_eq!(
        at("2013-03"),
        (Status::Agreed, false),
        "neither agreed nor not: by June 2013"
    );
    assert_eq!(at("2013-06-07"), (Status::Agreed, true));
    assert_eq!(at("2014-06"), (Status::Suspended, true));
    assert_eq!(
        at("2015-07"),
        (Status::Suspended, true),
        "the June precondition keeps it suspended"
    );
    assert_eq!(at("2015-10"), (Status::Agreed, true));
}

/// Position ids in the order a command prints them (`--json`).
fn order_of(args: &[&str], list: &str, id: impl Fn(&serde_json::Value) -> Option<String>) -> Vec<String> {
    json(args)[list]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(id)
        .collect()
}

#[test]
fn bundled_cause_comes_before_effect_in_timeline_list_and_changes() {
    let by_id = |p: &serde_json::Value| p["id"].as_str().map(str::to_string);
    let listed = order_of(&["list", "--json"], "positions", by_id);
    let timeline = order_of(&["timeline", "--json"], "timeline", |i| {
        (i["kind"] == "position").then(|| i["id"].as_str().unwrap().to_string())
    });
    let changes = order_of(&["changes", "--since", "2012", "--json"], "changes", |c| {
        c["position"]["id"].as_str().map(str::to_string)
    });
    for order in [&listed, &timeline, &changes] {
        let at = |id: &str| order.iter().position(|x| x == id).unwrap();
        assert!(at("us-2014-pla-indictment") < at("china-2014-halts-cooperation"));
        for remark in [
            "us-2015-06-kerry-code-of-conduct",
            "china-2015-06-yang-code-of-conduct",
        ] {
            assert!(at(remark) < at("netpolitics-2015-niceties"), "{remark}");
            assert!(at(remark) < at("netpolitics-2015-glimmer"), "{remark}");
        }
    }
    assert_eq!(listed, timeline);
    assert_eq!(listed, changes);
}

#[test]
fn bundled_changes_pair_only_a_subject_with_itself() {
    let data = demarche_core::load::load_bundled().unwrap().dataset;
    for change in demarche_core::asof::changes_since(&data, Date::parse("2012").unwrap()) {
        let Some(previous) = change.previous else { continue };
        let (now, was) = (&data.positions[change.position], &data.positions[previous]);
        assert_eq!(now.actor, was.actor, "{} / {}", now.id, was.id);
        assert!(
            was.on_topic(now.topic) || now.relations.iter().any(|&(_, t)| t == previous),
            "{} pairs with {} on another topic",
            now.id,
            was.id
        );
    }
    // The OPM position is off the commercial-theft topic, which claims
    // only what was agreed on 25 Sep 2015.
    let opm = &data.positions[id_of(&data, "us-2015-06-opm-not-ascribed")];
    assert_eq!(data.topics[opm.topic].id, "accusations");
    let commercial = data
        .topics
        .iter()
        .position(|t| t.id == "espionage-ip-theft")
        .unwrap();
    let parties: Vec<&str> = data
        .positions
        .iter()
        .filter(|p| p.on_topic(commercial) && data.actors[p.actor].role == demarche_core::model::Role::Party)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        parties,
        [
            "us-2015-09-no-ip-theft",
            "china-2015-09-no-ip-theft",
            "china-2015-09-distinguishes-military-commercial"
        ]
    );
}
