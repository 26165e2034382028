//! Each relation's effect on what stands and on the status, and the
//! uncertainty of periods and spans.

use super::status::Status;
use super::{Standing, cursor_day};
use crate::date::Date;
use crate::load::load_str;
use crate::matrix::MatrixIndex;
use crate::model::{Dataset, Relation};

/// Parties a and b, topics t and u; `positions` as (id, actor, topic,
/// date, extra lines).
fn data(positions: &[(&str, &str, &str, &str, &str)]) -> Dataset {
    let mut text = String::from(
        "format = 1\ntitle = \"T\"\n[[actors]]\nid = \"a\"\nname = \"A\"\n[[actors]]\nid = \"b\"\nname = \"B\"\n\
         [[topics]]\nid = \"t\"\nname = \"T\"\n[[topics]]\nid = \"u\"\nname = \"U\"\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n",
    );
    for (id, actor, topic, date, extra) in positions {
        let evidence = if extra.contains("evidence") {
            ""
        } else {
            "evidence = \"action\"\n"
        };
        text += &format!(
            "[[positions]]\nid = \"{id}\"\nactor = \"{actor}\"\ntopic = \"{topic}\"\ndate = \"{date}\"\nstance = \"{id}\"\nsource = \"s\"\n{evidence}{extra}\n"
        );
    }
    load_str("t.toml", &text).unwrap().dataset
}

fn at(text: &str) -> Option<Date> {
    Some(Date::parse(text).unwrap())
}

fn p(data: &Dataset, id: &str) -> usize {
    data.positions.iter().position(|q| q.id == id).unwrap()
}

/// Topic t's (status, certain) at a date.
fn status(data: &Dataset, when: &str) -> (Status, bool) {
    let snapshot = MatrixIndex::new(data).snapshot(data, at(when));
    (snapshot.status[0], snapshot.certain[0])
}

fn standing(data: &Dataset, id: &str, when: &str) -> Standing {
    let index = MatrixIndex::new(data);
    index
        .rules
        .home(p(data, id))
        .unwrap()
        .at(cursor_day(at(when)))
        .standing
}

fn ended_by(data: &Dataset, id: &str) -> Option<(String, Option<Relation>)> {
    let index = MatrixIndex::new(data);
    let e = index.rules.home(p(data, id))?.ended_by?;
    Some((data.positions[e.position].id.clone(), e.relation))
}

const AGREEMENT: [(&str, &str, &str, &str, &str); 2] = [
    ("a1", "a", "t", "2020-01-10", "agreed = true"),
    ("b1", "b", "t", "2020-01-10", "agreed = true"),
];

#[test]
fn agreed_needs_every_party_and_joint_implies_it() {
    let d = data(&AGREEMENT);
    assert_eq!(status(&d, "2020-01-10"), (Status::Agreed, true));
    assert_eq!(status(&d, "2020-01-09"), (Status::None, true));
    let joint = data(&[
        ("a1", "a", "t", "2020-01-10", "evidence = \"joint\""),
        ("b1", "b", "t", "2020-01-10", ""),
    ]);
    assert_eq!(
        status(&joint, "2020-02"),
        (Status::Stated, true),
        "only one side agreed"
    );
    assert!(joint.positions[0].agreed && !joint.positions[1].agreed);
}

#[test]
fn supersedes_ends_the_same_actors_position_on_any_topic() {
    let mut positions = AGREEMENT.to_vec();
    positions.push(("a2", "a", "u", "2020-03-01", "supersedes = [\"a1\"]"));
    let d = data(&positions);
    assert_eq!(standing(&d, "a1", "2020-02-28"), Standing::Latest);
    assert_eq!(standing(&d, "a1", "2020-03-01"), Standing::Superseded);
    assert_eq!(
        ended_by(&d, "a1"),
        Some(("a2".into(), Some(Relation::Supersedes)))
    );
    // a has nothing left on t: the agreement is gone, and not suspended.
    assert_eq!(status(&d, "2020-03"), (Status::OneSided, true));
}

#[test]
fn suspends_ends_the_actors_own_side_and_takes_its_place() {
    let mut positions = AGREEMENT.to_vec();
    positions.push(("b2", "b", "u", "2020-03-01", "suspends = [\"a1\", \"b1\"]"));
    let d = data(&positions);
    assert_eq!(ended_by(&d, "b1"), Some(("b2".into(), Some(Relation::Suspends))));
    assert_eq!(
        standing(&d, "a1", "2020-04"),
        Standing::Latest,
        "a's side stands for a"
    );
    // b2, on topic u, is b's standing position on t too.
    let index = MatrixIndex::new(&d);
    let cell = index.cell(&d, 0, 1, at("2020-04"));
    assert_eq!(cell.position, Some(p(&d, "b2")));
    assert_eq!(status(&d, "2020-04"), (Status::Suspended, true));
    let change = index.changes[0].last().unwrap();
    assert_eq!(
        (change.by, change.relation),
        (p(&d, "b2"), Some(Relation::Suspends))
    );
    // Agreed again later: the suspension is over.
    positions.push(("b3", "b", "t", "2020-06-01", "agreed = true"));
    let d = data(&positions);
    assert_eq!(status(&d, "2020-05"), (Status::Suspended, true));
    assert_eq!(status(&d, "2020-06-01"), (Status::Agreed, true));
}

#[test]
fn a_plain_later_position_ends_an_agreement_without_suspending_it() {
    let mut positions = AGREEMENT.to_vec();
    positions.push(("b2", "b", "t", "2020-03-01", ""));
    let d = data(&positions);
    assert_eq!(ended_by(&d, "b1"), Some(("b2".into(), None)));
    assert_eq!(status(&d, "2020-03"), (Status::Stated, true));
}

#[test]
fn qualifies_keeps_the_qualified_position_standing_beside_it() {
    let mut positions = AGREEMENT.to_vec();
    positions.push(("b2", "b", "t", "2020-03-01", "qualifies = [\"b1\"]"));
    let d = data(&positions);
    assert_eq!(standing(&d, "b1", "2020-04"), Standing::Latest);
    assert_eq!(ended_by(&d, "b1"), None);
    let index = MatrixIndex::new(&d);
    let cell = index.cell(&d, 0, 1, at("2020-04"));
    assert_eq!(cell.position, Some(p(&d, "b1")), "the agreed one is shown");
    assert_eq!(cell.reservation, Some(p(&d, "b2")));
    assert_eq!(cell.others, 1);
    assert_eq!(status(&d, "2020-04"), (Status::Agreed, true));
}

#[test]
fn accepts_rejects_and_conditional_on_change_nothing_that_stands() {
    for kind in ["accepts", "rejects", "conditional_on"] {
        let mut positions = AGREEMENT.to_vec();
        let link = format!("{kind} = [\"a1\"]");
        positions.push(("b0", "b", "u", "2020-02-01", ""));
        positions.push(("b2", "b", "u", "2020-03-01", link.as_str()));
        let d = data(&positions);
        assert_eq!(standing(&d, "a1", "2020-04"), Standing::Latest, "{kind}");
        assert_eq!(
            standing(&d, "b1", "2020-04"),
            Standing::Latest,
            "{kind}: another topic"
        );
        assert_eq!(status(&d, "2020-04"), (Status::Agreed, true), "{kind}");
        assert!(d.positions[p(&d, "b2")].responds_to.contains(&p(&d, "a1")));
    }
}

#[test]
fn also_topics_count_on_the_second_topic() {
    let d = data(&[
        (
            "a1",
            "a",
            "u",
            "2020-01-10",
            "also_topics = [\"t\"]\nagreed = true",
        ),
        ("b1", "b", "t", "2020-01-10", "agreed = true"),
    ]);
    assert_eq!(status(&d, "2020-02"), (Status::Agreed, true));
    let index = MatrixIndex::new(&d);
    assert_eq!(index.series(0, 0), [0], "a1 is in a's series on t");
    assert_eq!(
        index.snapshot(&d, None).status[1],
        Status::OneSided,
        "and on its own topic"
    );
}

#[test]
fn a_bounded_agreement_is_uncertain_until_its_bound() {
    let d = data(&[
        ("a1", "a", "t", "2013/2013-06-07", "agreed = true"),
        ("b1", "b", "t", "2013/2013-06-07", "agreed = true"),
    ]);
    assert_eq!(status(&d, "2012-12-31"), (Status::None, true));
    assert_eq!(
        status(&d, "2013-03"),
        (Status::Agreed, false),
        "neither agreed nor not"
    );
    assert_eq!(status(&d, "2013-06-06"), (Status::Agreed, false));
    assert_eq!(status(&d, "2013-06-07"), (Status::Agreed, true));
    let index = MatrixIndex::new(&d);
    assert!(!index.cell(&d, 0, 0, at("2013-03")).certain);
    assert!(index.cell(&d, 0, 0, at("2013-07")).certain);
    let at_march = index.rules.home(0).unwrap().at(cursor_day(at("2013-03")));
    assert_eq!((at_march.standing, at_march.certain), (Standing::Latest, false));
}

#[test]
fn an_uncertain_position_that_changes_nothing_leaves_the_status_certain() {
    // b's "2020" stands or not in June; b1 stands either way.
    let d = data(&[
        ("a1", "a", "t", "2019-05-01", ""),
        ("b1", "b", "t", "2019-05-01", ""),
        ("b2", "b", "t", "2020", ""),
    ]);
    assert_eq!(status(&d, "2020-06"), (Status::Stated, true));
    let index = MatrixIndex::new(&d);
    assert!(index.cell(&d, 0, 1, at("2020-06")).certain);
}
