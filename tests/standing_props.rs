//! Property tests on random files with relations and imprecise and
//! bounded dates:
//! - the one order: every list (`list`, the timeline, `changes`, the
//!   columns' grids, the matrix's series) keeps cause before effect;
//! - what stands at a date is the same in the columns, `list --as-of`,
//!   the matrix and `changes`, and the swept status agrees with the cells.

use demarche_core::asof::{Standing, certainly_before};
use demarche_core::date::Date;
use demarche_core::grid::{Column, Grid};
use demarche_core::matrix::{MatrixIndex, Status};
use demarche_core::model::{Dataset, Relation};
use demarche_tui::app::App;
use proptest::prelude::*;

/// `responds_to`, then each relation's key (`supersedes` second).
fn kinds() -> Vec<&'static str> {
    std::iter::once("responds_to")
        .chain(Relation::ALL.iter().map(|r| r.key()))
        .collect()
}

#[derive(Clone, Debug)]
struct Spec {
    actor: usize,
    topic: usize,
    also: bool,
    agreed: bool,
    date: (u16, u8, u8),
    from: Option<(u16, u8)>,
    links: Vec<(usize, usize)>,
}

fn date_text((year, month, day): (u16, u8, u8)) -> String {
    match (month, day) {
        (0, _) => format!("{year}"),
        (m, 0) => format!("{year}-{m:02}"),
        (m, d) => format!("{year}-{m:02}-{d:02}"),
    }
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..4usize,
        0..3usize,
        any::<bool>(),
        prop::bool::weighted(0.3),
        (2010..2014u16, 0..13u8, 0..29u8),
        prop::option::weighted(0.2, (2009..2014u16, 0..13u8)),
        prop::collection::vec((0..7usize, any::<usize>()), 0..3),
    )
        .prop_map(|(actor, topic, also, agreed, date, from, links)| Spec {
            actor,
            topic,
            also,
            agreed,
            date: if date.1 == 0 { (date.0, 0, 0) } else { date },
            from,
            links,
        })
}

/// A valid file: links only to earlier positions not certainly later,
/// `supersedes` only of the same actor's; bounds only where they do not
/// end before they start.
fn file(specs: &[Spec]) -> String {
    let mut out = String::from(
        "format = 1\ntitle = \"P\"\n\n[[actors]]\nid = \"a0\"\nname = \"A0\"\n\n[[actors]]\nid = \"a1\"\nname = \"A1\"\n\n\
         [[actors]]\nid = \"a2\"\nname = \"A2\"\n\n[[actors]]\nid = \"a3\"\nname = \"A3\"\nrole = \"observer\"\n\n\
         [[topics]]\nid = \"t0\"\nname = \"T0\"\n\n[[topics]]\nid = \"t1\"\nname = \"T1\"\n\n[[topics]]\nid = \"t2\"\nname = \"T2\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\n",
    );
    let mut dates: Vec<Date> = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let plain = date_text(s.date);
        let mut date = Date::parse(&plain).unwrap();
        let mut written = plain.clone();
        if let Some((y, m)) = s.from {
            let start = date_text((y, m, 0));
            if let Ok(bounded) = Date::parse_bounded(&format!("{start}/{plain}")) {
                date = bounded;
                written = bounded.iso();
            }
        }
        dates.push(date);
        out += &format!(
            "\n[[positions]]\nid = \"p{i}\"\nactor = \"a{}\"\ntopic = \"t{}\"\ndate = \"{written}\"\nstance = \"S\"\nsource = \"s\"\nevidence = \"action\"\n",
            s.actor, s.topic
        );
        if s.agreed {
            out += "agreed = true\n";
        }
        if s.also {
            out += &format!("also_topics = [\"t{}\"]\n", (s.topic + 1) % 3);
        }
        let kinds = kinds();
        let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); kinds.len()];
        for &(kind, target) in &s.links {
            if i == 0 {
                break;
            }
            let t = target % i;
            let same_actor = specs[t].actor == s.actor;
            let valid = !certainly_before(date, dates[t]) && (kind != 1 || same_actor);
            if valid && !by_kind.iter().flatten().any(|&x| x == t) {
                by_kind[kind].push(t);
            }
        }
        for (kind, targets) in by_kind.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let ids: Vec<String> = targets.iter().map(|t| format!("\"p{t}\"")).collect();
            out += &format!("{} = [{}]\n", kinds[kind], ids.join(", "));
        }
    }
    out
}

fn load(text: &str) -> Dataset {
    demarche_core::load::load_str("p.toml", text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .dataset
}

/// Every position in `order` comes after each one it relates to that is
/// in `order` too.
fn keeps_cause_before_effect(data: &Dataset, order: &[usize], what: &str) -> Result<(), TestCaseError> {
    let mut place = vec![usize::MAX; data.positions.len()];
    for (k, &p) in order.iter().enumerate() {
        place[p] = k;
    }
    for &p in order {
        for &t in &data.positions[p].responds_to {
            if place[t] != usize::MAX {
                prop_assert!(
                    place[t] < place[p],
                    "{what}: {} before {}",
                    data.positions[p].id,
                    data.positions[t].id
                );
            }
        }
    }
    Ok(())
}

fn cursor() -> impl Strategy<Value = Date> {
    (2009..2015u16, 1..13u8, 0..29u8).prop_map(|(y, m, d)| {
        if d == 0 {
            Date::month(y, m).unwrap()
        } else {
            Date::day(y, m, d).unwrap()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_list_keeps_cause_before_effect(specs in prop::collection::vec(spec(), 1..40), since in cursor()) {
        let data = load(&file(&specs));
        keeps_cause_before_effect(&data, &data.list_order(), "list")?;
        let timeline: Vec<usize> = demarche_core::timeline::entries(&data)
            .into_iter()
            .filter_map(|(_, item)| match item {
                demarche_core::timeline::Item::Position(p) => Some(p),
                demarche_core::timeline::Item::Event(_) => None,
            })
            .collect();
        keeps_cause_before_effect(&data, &timeline, "timeline")?;
        let changes: Vec<usize> = demarche_core::asof::changes_since(&data, since).into_iter().map(|c| c.position).collect();
        keeps_cause_before_effect(&data, &changes, "changes")?;
        let index = MatrixIndex::new(&data);
        let columns: Vec<Column> = data.parties().into_iter().map(|a| Column { actors: vec![a], observers: false }).collect();
        for topic in 0..data.topics.len() {
            let on: Vec<usize> = (0..data.positions.len()).filter(|&p| data.positions[p].on_topic(topic)).collect();
            let grid = Grid::build(&data, &on, columns.clone());
            // Read down: an answer is never in a row above what it
            // answers (beside it, at the same moment, is fine).
            for (r, row) in grid.rows.iter().enumerate() {
                for &p in row.cells.iter().flatten() {
                    for &t in &data.positions[p].responds_to {
                        if let Some((rt, _)) = grid.find(t) {
                            prop_assert!(rt <= r, "grid: {} above {}", &data.positions[p].id, &data.positions[t].id);
                        }
                    }
                }
            }
            for a in 0..data.actors.len() {
                keeps_cause_before_effect(&data, &index.series(topic, a), "series")?;
            }
        }
    }

    #[test]
    fn what_stands_is_the_same_in_every_view(specs in prop::collection::vec(spec(), 1..40), at in cursor()) {
        let data = load(&file(&specs));
        // `list --as-of`
        let listed = demarche_core::standing::Rules::new(&data).standings(Some(at));
        // The columns (the explorer's "as of")
        let mut app = App::new(data.clone());
        app.dates.as_of = Some(at);
        for (p, at) in listed.iter().enumerate() {
            prop_assert_eq!(app.standing(p), Some(at.standing), "columns vs list: {}", &data.positions[p].id);
        }
        // `changes --since`: exactly what is not yet stated.
        let changed: Vec<usize> = demarche_core::asof::changes_since(&data, at).into_iter().map(|c| c.position).collect();
        let later: Vec<usize> = data.list_order().into_iter().filter(|&p| listed[p].standing == Standing::Later).collect();
        prop_assert_eq!(changed, later);
        // The matrix: a cell shows a position that stands in its own
        // topic when that is the cell's topic, and the swept status
        // agrees with the cells.
        let index = &app.lib.matrix;
        let snapshot = index.snapshot(&data, Some(at));
        for topic in 0..data.topics.len() {
            for (column, &actor) in index.parties.iter().enumerate() {
                let cell = snapshot.full(topic, column);
                let home: Vec<usize> = (0..data.positions.len())
                    .filter(|&p| data.positions[p].actor == actor && data.positions[p].topic == topic)
                    .filter(|&p| listed[p].standing == Standing::Latest)
                    .collect();
                if let Some(p) = cell.position {
                    if data.positions[p].topic == topic {
                        prop_assert_eq!(listed[p].standing, Standing::Latest);
                    }
                } else {
                    prop_assert!(home.is_empty(), "an empty cell, yet {:?} stand", home);
                }
            }
            let scanned = Status::of(snapshot.row(topic));
            match snapshot.status[topic] {
                Status::Suspended => prop_assert!(scanned != Status::Agreed),
                swept => prop_assert_eq!(swept, scanned, "topic {} at {}", topic, at),
            }
        }
        // A suspension needs a `suspends`.
        if snapshot.status.contains(&Status::Suspended) {
            prop_assert!(data.positions.iter().any(|p| p.relations.iter().any(|(k, _)| *k == Relation::Suspends)));
        }
    }
}
