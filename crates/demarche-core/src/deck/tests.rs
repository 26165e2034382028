use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::file::{Unreadable, parse};
use super::write::save_with;
use super::*;
use crate::atomic::Purpose;

fn pos(id: &str) -> Target {
    Target::Position(id.to_string())
}

fn event(id: &str) -> Target {
    Target::Event(id.to_string())
}

fn heading(text: &str) -> DeckItem {
    DeckItem::Heading {
        text: text.to_string(),
    }
}

fn point(target: Target, note: &str) -> DeckItem {
    DeckItem::Point {
        target,
        note: note.to_string(),
    }
}

/// Ids of the items, headings as `#text`, for compact order assertions.
fn order(deck: &Deck) -> Vec<String> {
    let label = |item: &DeckItem| match item {
        DeckItem::Heading { text } => format!("#{text}"),
        DeckItem::Point { target, .. } => target.id().to_string(),
    };
    deck.items.iter().map(label).collect()
}

fn deck_of(ids: &[&str]) -> Deck {
    let mut deck = Deck::default();
    for id in ids {
        assert!(deck.pin(pos(id)));
    }
    deck
}

#[test]
fn pin_refuses_duplicates_but_not_same_id_of_other_kind() {
    let mut deck = Deck::default();
    assert!(deck.pin(pos("a")));
    assert!(!deck.pin(pos("a")));
    assert!(deck.pin(event("a")));
    assert_eq!(deck.len(), 2);
    assert!(deck.is_pinned(&pos("a")) && deck.is_pinned(&event("a")));
    assert!(!deck.is_pinned(&pos("b")));
    deck.remove(0);
    assert!(!deck.is_pinned(&pos("a")));
    assert!(deck.pin(pos("a")), "unpinned items can be pinned again");
}

#[test]
fn remove_returns_the_item_and_ignores_bad_indices() {
    let mut deck = deck_of(&["a", "b", "c"]);
    assert_eq!(deck.remove(1), Some(point(pos("b"), "")));
    assert_eq!(deck.remove(2), None);
    assert_eq!(order(&deck), ["a", "c"]);
}

#[test]
fn moves_swap_neighbours_and_stop_at_the_ends() {
    let mut deck = deck_of(&["a", "b", "c"]);
    assert_eq!(deck.move_up(2), 1);
    assert_eq!(order(&deck), ["a", "c", "b"]);
    assert_eq!(deck.move_up(0), 0);
    assert_eq!(deck.move_down(0), 1);
    assert_eq!(order(&deck), ["c", "a", "b"]);
    assert_eq!(deck.move_down(2), 2);
    assert_eq!(deck.move_down(7), 7);
    assert_eq!(deck.move_up(7), 7);
    assert_eq!(order(&deck), ["c", "a", "b"]);
}

#[test]
fn headings_insert_and_rename_and_notes_only_go_on_points() {
    let mut deck = deck_of(&["a", "b"]);
    assert_eq!(deck.insert_heading(1, "Middle"), 1);
    assert_eq!(deck.insert_heading(99, "End"), 3);
    assert_eq!(order(&deck), ["a", "#Middle", "b", "#End"]);
    assert!(deck.rename_heading(1, "Centre"));
    assert!(!deck.rename_heading(0, "not a heading"));
    assert!(deck.set_note(2, "say it twice"));
    assert!(!deck.set_note(1, "headings have no note"));
    assert!(!deck.set_note(9, "no such item"));
    assert_eq!(deck.items[1], heading("Centre"));
    assert_eq!(deck.items[2], point(pos("b"), "say it twice"));
}

#[test]
fn points_skip_headings_and_keep_item_indices() {
    let mut deck = deck_of(&["a", "b"]);
    deck.insert_heading(0, "Top");
    deck.set_note(2, "n");
    let points: Vec<(usize, &str, &str)> = deck.points().map(|p| (p.index, p.target.id(), p.note)).collect();
    assert_eq!(points, [(1, "a", ""), (2, "b", "n")]);
}

const DATA: &str = r#"
format = 1
title = "t"
[[actors]]
id = "north"
name = "North"
[[topics]]
id = "water"
name = "Water"
[[sources]]
id = "s"
title = "S"
[[events]]
id = "summit"
name = "Summit"
date = "2015"
sources = ["s"]
[[positions]]
id = "p0"
actor = "north"
topic = "water"
date = "2015"
stance = "x"
source = "s"
[[positions]]
id = "p1"
actor = "north"
topic = "water"
date = "2016"
stance = "y"
source = "s"
"#;

#[test]
fn resolve_maps_ids_to_indices_and_missing_keeps_gone_pins() {
    let data = crate::load::load_str("t.toml", DATA).unwrap().dataset;
    let mut deck = Deck::default();
    deck.insert_heading(0, "H");
    for target in [pos("p1"), pos("gone"), event("summit"), event("p0")] {
        deck.pin(target);
    }
    assert_eq!(deck.resolve(0, &data), None, "a heading resolves to nothing");
    assert_eq!(deck.resolve(1, &data), Some(Resolved::Position(1)));
    assert_eq!(deck.resolve(2, &data), None);
    assert_eq!(deck.resolve(3, &data), Some(Resolved::Event(0)));
    assert_eq!(deck.resolve(4, &data), None, "a position id is not an event id");
    assert_eq!(deck.resolve(9, &data), None);
    assert_eq!(deck.missing(&data), [2, 4]);
    assert_eq!(deck.len(), 5, "missing pins are kept");
}

// ---- the file ----

fn sample() -> Deck {
    Deck::new(
        Some("Briefing — «July»".to_string()),
        vec![
            heading("Opening \"lines\""),
            point(
                pos("p1"),
                "First line\nSecond: 習近平 e\u{301} 🙂\n\n\ttabbed \"\"\" quote\r\nends with \\",
            ),
            point(event("summit"), ""),
            heading(""),
            point(pos("p0"), "# not a comment\n[[items]]"),
        ],
    )
}

fn deck_path(dir: &Path) -> PathBuf {
    dir.join("positions.talking-points.toml")
}

use crate::safe_read::tests::names;

#[test]
fn default_path_sits_beside_the_data_file() {
    let cases = [
        ("positions.toml", "positions.talking-points.toml"),
        ("/d/talks.v2.toml", "/d/talks.v2.talking-points.toml"),
        ("dir/data", "dir/data.talking-points.toml"),
    ];
    for (data, deck) in cases {
        assert_eq!(default_path(Path::new(data)), PathBuf::from(deck));
    }
}

#[test]
fn save_then_load_round_trips_notes_and_unicode() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_path(dir.path());
    save(&path, &sample()).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.deck, sample());
    assert_eq!(loaded.moved_aside, None);
    assert_eq!(
        names(dir.path()),
        ["positions.talking-points.toml"],
        "no temporary left"
    );
    // Saving again replaces, and an emptied deck round trips too.
    save(&path, &Deck::default()).unwrap();
    assert_eq!(load(&path).unwrap().deck, Deck::default());
}

#[test]
fn documented_format_parses() {
    let text = r#"
version = 1
title = "Briefing"

[[items]]
kind = "heading"
text = "Opening"

[[items]]
kind = "point"
position = "north-2015-07-sanctions"
note = """
Lead with this.
Then pause."""

[[items]]
kind = "point"
event = "vienna-talks"
"#;
    let deck = parse(text.as_bytes()).unwrap();
    assert_eq!(deck.title.as_deref(), Some("Briefing"));
    assert_eq!(
        deck.items,
        [
            heading("Opening"),
            point(pos("north-2015-07-sanctions"), "Lead with this.\nThen pause."),
            point(event("vienna-talks"), ""),
        ]
    );
}

#[test]
fn missing_file_is_an_empty_deck() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(&deck_path(dir.path())).unwrap();
    assert_eq!(loaded, LoadedDeck::default());
    assert!(names(dir.path()).is_empty(), "loading creates nothing");
}

const BROKEN: &[(&str, &[u8])] = &[
    ("bad TOML", b"version = 1\n[[items]\nkind = \"point\""),
    ("invalid UTF-8", b"version = 1\ntitle = \"\xff\xfe\"\n"),
    ("no version", b"title = \"t\"\n"),
    ("old version", b"version = 0\n"),
    ("wrong type", b"version = 1\ntitle = 3\n"),
    (
        "unknown kind",
        b"version = 1\n[[items]]\nkind = \"slide\"\ntext = \"x\"\n",
    ),
    (
        "unknown key",
        b"version = 1\n[[items]]\nkind = \"point\"\nposition = \"a\"\ncolour = 1\n",
    ),
    (
        "two targets",
        b"version = 1\n[[items]]\nkind = \"point\"\nposition = \"a\"\nevent = \"b\"\n",
    ),
    (
        "no target",
        b"version = 1\n[[items]]\nkind = \"point\"\nnote = \"n\"\n",
    ),
    (
        "heading without text",
        b"version = 1\n[[items]]\nkind = \"heading\"\n",
    ),
    (
        "heading with note",
        b"version = 1\n[[items]]\nkind = \"heading\"\ntext = \"h\"\nnote = \"n\"\n",
    ),
];

#[test]
fn unreadable_files_are_moved_aside_with_their_bytes() {
    for (what, bytes) in BROKEN {
        let dir = tempfile::tempdir().unwrap();
        let path = deck_path(dir.path());
        fs::write(&path, bytes).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.deck, Deck::default(), "{what}");
        assert!(loaded.problem.is_some(), "{what}");
        let aside = loaded.moved_aside.expect(what);
        let aside_name = aside.file_name().unwrap().to_string_lossy().into_owned();
        let stamp = aside_name.strip_prefix("positions.talking-points.toml.broken-");
        assert!(
            stamp.is_some_and(|s| s.parse::<u64>().is_ok()),
            "{what}: {aside_name}"
        );
        assert_eq!(aside.parent(), Some(dir.path()), "{what}");
        assert_eq!(fs::read(&aside).unwrap(), *bytes, "{what}");
        assert!(!path.exists(), "{what}: the broken file no longer blocks saving");
    }
}

#[test]
fn a_second_broken_file_does_not_replace_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_path(dir.path());
    fs::write(&path, "first = ").unwrap();
    let first = load(&path).unwrap().moved_aside.unwrap();
    fs::write(&path, "second = ").unwrap();
    let second = load(&path).unwrap().moved_aside.unwrap();
    assert_ne!(first, second);
    assert_eq!(fs::read_to_string(first).unwrap(), "first = ");
    assert_eq!(fs::read_to_string(second).unwrap(), "second = ");
}

#[test]
fn a_newer_format_is_refused_and_left_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_path(dir.path());
    let text = "version = 2\nslides = []\n";
    fs::write(&path, text).unwrap();
    assert!(matches!(parse(text.as_bytes()), Err(Unreadable::Newer(2))));
    let err = load(&path).unwrap_err();
    assert!(matches!(err, DeckError::NewerVersion { version: 2, .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(names(dir.path()).len(), 1);
}

#[test]
fn a_failed_write_leaves_the_old_deck_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_path(dir.path());
    save(&path, &sample()).unwrap();
    let before = fs::read(&path).unwrap();
    let half_then_fail = |file: &mut fs::File, bytes: &[u8]| {
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(io::Error::other("disk full"))
    };
    let err = save_with(
        &path,
        Default::default(),
        &Deck::default(),
        Purpose::NamedDeck,
        half_then_fail,
    )
    .unwrap_err();
    assert!(matches!(err, DeckError::Write { .. }), "{err}");
    assert!(err.to_string().contains("disk full"));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(names(dir.path()), ["positions.talking-points.toml"]);
}

#[test]
fn a_failed_rename_removes_the_temporary() {
    let dir = tempfile::tempdir().unwrap();
    // A non-empty directory where the deck should be: the rename fails.
    let path = deck_path(dir.path());
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep"), "x").unwrap();
    assert!(matches!(save(&path, &sample()), Err(DeckError::Write { .. })));
    assert_eq!(names(dir.path()), ["positions.talking-points.toml"]);
    assert_eq!(fs::read_to_string(path.join("keep")).unwrap(), "x");
}

#[test]
fn saving_into_a_missing_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent").join("deck.toml");
    assert!(matches!(save(&path, &sample()), Err(DeckError::Write { .. })));
    assert!(names(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    let link = deck_path(dir.path());
    save(&real, &Deck::default()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    save(&link, &sample()).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(load(&real).unwrap().deck, sample());
}

#[test]
fn topic_pins_round_trip_and_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_path(dir.path());
    let mut deck = Deck::default();
    assert!(deck.pin(Target::Topic("tariffs".into())));
    assert!(
        deck.pin(pos("tariffs")),
        "a position with the same id is another pin"
    );
    save(&path, &deck).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("topic = \"tariffs\""), "{text}");
    assert_eq!(load(&path).unwrap().deck, deck);
    let two = "version = 1\n[[items]]\nkind = \"point\"\ntopic = \"a\"\nevent = \"b\"\n";
    std::fs::write(&path, two).unwrap();
    let loaded = load(&path).unwrap();
    assert!(
        loaded.moved_aside.is_some(),
        "a point with two targets is refused"
    );
}

#[test]
fn matrix_pins_round_trip_and_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_path(dir.path());
    let mut deck = Deck::default();
    let june = crate::date::Date::parse("2015-06").unwrap();
    assert!(deck.pin(Target::matrix(Some(june))));
    assert!(deck.pin(Target::matrix(None)));
    assert!(!deck.pin(Target::matrix(Some(june))), "one pin per date");
    save(&path, &deck).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("matrix = \"2015-06\"") && text.contains("matrix = \"latest\""),
        "{text}"
    );
    assert_eq!(load(&path).unwrap().deck, deck);
    let data = crate::model::Dataset::default();
    assert_eq!(deck.resolve(0, &data), Some(Resolved::Matrix(Some(june))));
    assert_eq!(deck.resolve(1, &data), Some(Resolved::Matrix(None)));
    // A date that is not one is kept, and shown as missing.
    let mut odd = Deck::default();
    odd.pin(Target::Matrix("2015-13".into()));
    assert_eq!(odd.missing(&data), [0]);
}

#[test]
fn read_only_reports_a_broken_deck_and_leaves_it_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.talking-points.toml");
    assert_eq!(
        crate::deck::read_current(&path).unwrap(),
        Deck::default(),
        "missing: empty"
    );
    std::fs::write(&path, "version = 1\n[[items]]\nkind = 42\n").unwrap();
    let err = crate::deck::read_current(&path).unwrap_err();
    assert!(matches!(err, crate::deck::DeckError::Broken { .. }), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing moved aside"
    );
    assert!(path.exists());
}

#[test]
fn every_change_gives_the_deck_a_new_generation_and_nothing_else_does() {
    let mut deck = sample();
    let mut seen = vec![deck.generation()];
    let mut changed = |deck: &Deck, what: &str| {
        assert!(!seen.contains(&deck.generation()), "{what} kept a generation");
        seen.push(deck.generation());
    };
    assert!(deck.pin(pos("p9")));
    changed(&deck, "pin");
    assert!(deck.set_note(1, "New note"));
    changed(&deck, "set_note");
    assert!(deck.rename_heading(0, "Renamed"));
    changed(&deck, "rename_heading");
    deck.insert_heading(0, "Top");
    changed(&deck, "insert_heading");
    deck.move_down(0);
    changed(&deck, "move_down");
    deck.move_up(1);
    changed(&deck, "move_up");
    deck.remove(0);
    changed(&deck, "remove");
    deck.set_title(None);
    changed(&deck, "set_title");
    deck.items_mut().clear();
    changed(&deck, "items_mut");
    // No change, no new generation; a copy holds the same items and keeps it.
    deck.pin(pos("p9"));
    let before = deck.generation();
    assert!(!deck.pin(pos("p9")), "already pinned");
    assert!(!deck.set_note(5, "no such item"));
    assert_eq!(deck.move_up(0), 0);
    assert_eq!(deck.generation(), before);
    assert_eq!(deck.clone().generation(), deck.generation());
    // Decks read or made afresh never share a generation, even when equal.
    assert_eq!(sample(), sample());
    assert_ne!(sample().generation(), sample().generation());
}

#[test]
fn notes_are_parsed_once_per_change_and_shared_by_copies() {
    let mut deck = sample();
    let notes = deck.notes();
    assert_eq!(notes.len(), deck.len());
    assert!(notes[0].is_none(), "a heading has no note");
    assert!(notes[2].is_none(), "an empty note is none");
    assert!(
        notes[1]
            .as_ref()
            .is_some_and(|n| n.source().starts_with("First line"))
    );
    assert!(std::sync::Arc::ptr_eq(&notes, &deck.notes()), "parsed once");
    assert!(
        std::sync::Arc::ptr_eq(&notes, &deck.clone().notes()),
        "a copy shares it"
    );
    deck.set_note(1, "*Changed*");
    let changed = deck.notes();
    assert!(!std::sync::Arc::ptr_eq(&notes, &changed));
    assert_eq!(changed[1].as_ref().map(|n| n.source()), Some("*Changed*"));
}
