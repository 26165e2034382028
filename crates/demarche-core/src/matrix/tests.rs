use super::*;
use crate::load::load_str;

fn two() -> Dataset {
    load_str("m2.toml", include_str!("../../../../tests/fixtures/matrix2.toml"))
        .unwrap()
        .dataset
}

fn four() -> Dataset {
    load_str("m4.toml", include_str!("../../../../tests/fixtures/matrix4.toml"))
        .unwrap()
        .dataset
}

fn day(text: &str) -> Option<Date> {
    Some(Date::parse(text).unwrap())
}

fn statuses(data: &Dataset, cursor: Option<Date>) -> Vec<&'static str> {
    let index = MatrixIndex::new(data);
    let snapshot = index.snapshot(data, cursor);
    // The swept changes must tell the same story as the cells scanned.
    for (t, &s) in snapshot.status.iter().enumerate() {
        assert_scan_agrees(s, snapshot.row(t), t, cursor);
    }
    snapshot.status.iter().map(|s| s.word()).collect()
}

/// The status the sweep gives against the one the cells give (which
/// cannot tell a suspension from a disagreement).
fn assert_scan_agrees(swept: Status, row: &[Cell], t: usize, cursor: Option<Date>) {
    let scanned = Status::of(row);
    match swept {
        Status::Suspended => assert!(
            matches!(scanned, Status::Stated | Status::OneSided | Status::None),
            "topic {t} at {cursor:?}: suspended, but the cells say {scanned:?}"
        ),
        s => assert_eq!(scanned, s, "topic {t} at {cursor:?}"),
    }
}

fn id(data: &Dataset, p: Option<usize>) -> Option<&str> {
    p.map(|p| data.positions[p].id.as_str())
}

#[test]
fn each_status() {
    let d = two();
    // fishing, border, water, space
    assert_eq!(
        statuses(&d, day("2020-09-24")),
        ["stated", "one-sided", "stated", "none"]
    );
    assert_eq!(
        statuses(&d, day("2020-09-25")),
        ["agreed", "one-sided", "stated", "none"]
    );
    assert_eq!(statuses(&d, None), ["agreed", "one-sided", "stated", "none"]);
    assert_eq!(statuses(&d, day("2019-12-31")), ["none"; 4]);
}

#[test]
fn agreed_needs_every_party_joint() {
    let d = four();
    // climate, trade, ports
    assert_eq!(statuses(&d, day("2021-04-01")), ["stated", "one-sided", "none"]);
    assert_eq!(statuses(&d, day("2021-04-02")), ["stated", "stated", "none"]);
    assert_eq!(statuses(&d, None), ["agreed", "stated", "one-sided"]);
}

#[test]
fn same_day_positions_both_stand() {
    let d = two();
    let index = MatrixIndex::new(&d);
    let border = 1;
    let cell = index.cell(&d, border, 0, day("2020-06-10"));
    assert_eq!(
        id(&d, cell.position),
        Some("north-border-2"),
        "shown: the later in the file"
    );
    assert_eq!(
        cell.others, 1,
        "north-border-1 stands too: neither came certainly first"
    );
    assert_eq!(index.cell(&d, border, 0, day("2020-06-09")), Cell::default());
}

#[test]
fn a_year_stands_beside_a_day_inside_it() {
    // South's "2020" on water is not certainly before a day in 2020, so
    // both stand; the year sorts at the end of its period, so it is shown.
    let text = include_str!("../../../../tests/fixtures/matrix2.toml").to_string()
        + "\n[[positions]]\nid = \"south-water-2\"\nactor = \"south\"\ntopic = \"water\"\n\
           date = 2020-07-15\nstance = \"Proposes a river commission\"\nevidence = \"quote\"\nquote = \"A commission.\"\nsource = \"gazette\"\n";
    let d = load_str("m2.toml", &text).unwrap().dataset;
    let index = MatrixIndex::new(&d);
    let (water, south) = (2, 1);
    let cell = index.cell(&d, water, south, day("2020-12-31"));
    assert_eq!(id(&d, cell.position), Some("south-water-1"));
    assert_eq!(cell.others, 1);
    let july = index.cell(&d, water, south, day("2020-07-15"));
    assert_eq!((id(&d, july.position), july.others), (Some("south-water-1"), 1));
    let june = index.cell(&d, water, south, day("2020-06-30"));
    assert_eq!((id(&d, june.position), june.others), (Some("south-water-1"), 0));
}

#[test]
fn a_joint_text_is_shown_and_counts_beside_a_same_day_statement() {
    let text = include_str!("../../../../tests/fixtures/matrix2.toml").to_string()
        + "\n[[positions]]\nid = \"north-fishing-remarks\"\nactor = \"north\"\ntopic = \"fishing\"\n\
           date = 2020-09-25\nstance = \"We will watch the inspections closely\"\nevidence = \"paraphrase\"\nsource = \"gazette\"\n";
    let d = load_str("m2.toml", &text).unwrap().dataset;
    let index = MatrixIndex::new(&d);
    let cell = index.cell(&d, 0, 0, None);
    assert_eq!(
        id(&d, cell.position),
        Some("north-fishing-2"),
        "the joint text, not the remark"
    );
    assert!(cell.agreed);
    assert_eq!(cell.others, 1);
    assert_eq!(index.snapshot(&d, None).status[0], Status::Agreed);
    // A statement certainly after the joint text ends the agreement.
    let later = text
        + "\n[[positions]]\nid = \"north-fishing-3\"\nactor = \"north\"\ntopic = \"fishing\"\n\
        date = 2020-10-01\nstance = \"Suspends the inspections\"\nevidence = \"action\"\nsource = \"gazette\"\n";
    let d = load_str("m2.toml", &later).unwrap().dataset;
    assert_eq!(MatrixIndex::new(&d).snapshot(&d, None).status[0], Status::Stated);
}

#[test]
fn same_date_changes_are_one_step() {
    // Both joint texts of 25 Sep land together: stated, then agreed, with
    // no one-sided moment in between.
    let d = two();
    let index = MatrixIndex::new(&d);
    let fishing: Vec<(String, String)> = index.changes[0]
        .iter()
        .map(|c| {
            (
                c.day.iso(),
                crate::standing::status::with_certainty(c.status, c.certain),
            )
        })
        .collect();
    assert_eq!(
        fishing,
        [
            ("2020-03-02".to_string(), "one-sided".to_string()),
            ("2020-04-01".to_string(), "stated (uncertain)".to_string()),
            ("2020-04-30".to_string(), "stated".to_string()),
            ("2020-09-25".to_string(), "agreed".to_string()),
        ]
    );
}

#[test]
fn imprecise_dates_count_from_their_first_day() {
    let d = two();
    let index = MatrixIndex::new(&d);
    let (fishing, water, south) = (0, 2, 1);
    // "2020-04" is stated by 1 April, not by 31 March.
    assert_eq!(index.cell(&d, fishing, south, day("2020-03-31")).position, None);
    assert_eq!(
        id(&d, index.cell(&d, fishing, south, day("2020-04-01")).position),
        Some("south-fishing-1")
    );
    // "2020" is stated from 1 January 2020.
    assert_eq!(
        id(&d, index.cell(&d, water, south, day("2020-01-01")).position),
        Some("south-water-1")
    );
    assert_eq!(index.changes[water][0].day.iso(), "2020-01-01");
    assert!(!index.changes[water][0].certain, "until the end of 2020");
    // A month-precision cursor covers the whole month.
    assert_eq!(statuses(&d, day("2020-04"))[0], "stated");
}

#[test]
fn four_parties_in_file_order() {
    let d = four();
    let index = MatrixIndex::new(&d);
    assert_eq!(index.parties, [0, 1, 2, 3]);
    let climate: Vec<String> = index.changes[0]
        .iter()
        .map(|c| crate::standing::status::with_certainty(c.status, c.certain))
        .collect();
    assert_eq!(
        climate,
        [
            "one-sided (uncertain)",
            "one-sided",
            "stated (uncertain)",
            "stated",
            "agreed"
        ],
        "a month's position is uncertain until the month is over"
    );
    let snapshot = index.snapshot(&d, day("2021-03-15"));
    assert_eq!(id(&d, snapshot.cell(0, 3)), Some("delta-climate-1"));
    assert_eq!(snapshot.cell(0, 4), None, "no fifth column");
    assert!(snapshot.row(2).iter().all(|c| c.position.is_none()));
}

#[test]
fn observers_have_no_column_and_do_not_count() {
    let d = two();
    let index = MatrixIndex::new(&d);
    assert_eq!(index.parties.len(), 2);
    assert_eq!(
        index.series(2, 2).len(),
        1,
        "the analyst's history is still indexed"
    );
}

#[test]
fn changed_since_marks_later_statements() {
    let d = two();
    let table = table::MatrixTable::build(
        &MatrixIndex::new(&d),
        &d,
        &crate::text::display::DisplayText::new(&d),
        day("2020-09-30"),
        day("2020-06"),
    );
    let fishing = &table.rows[0];
    assert!(fishing.cells.iter().flatten().all(|c| c.changed));
    let water = &table.rows[2];
    let marks: Vec<bool> = water.cells.iter().map(|c| c.as_ref().unwrap().changed).collect();
    assert_eq!(marks, [true, false], "north spoke in July, south in 2020");
}

#[test]
fn the_swept_changes_agree_with_a_snapshot_at_every_month() {
    use crate::synthetic::{Shape, generate_shaped};
    let shape = Shape {
        positions: 3_000,
        parties: 4,
        topics: 12,
        seed: 5,
    };
    let d = load_str("s.toml", &generate_shaped(&shape)).unwrap().dataset;
    let index = MatrixIndex::new(&d);
    let mut seen = std::collections::HashSet::new();
    for year in 2011..=2020 {
        for month in 1..=12 {
            let cursor = Date::month(year, month).map(|m| m.last_day());
            let snapshot = index.snapshot(&d, cursor);
            for (t, &s) in snapshot.status.iter().enumerate() {
                assert_scan_agrees(s, snapshot.row(t), t, cursor);
                seen.insert(s);
            }
        }
    }
    assert_eq!(seen.len(), 4, "every status occurs: {seen:?}");
}
