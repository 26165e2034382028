//! Saves keep what the user wrote by hand in the deck file.

use std::fs;

use super::*;
use crate::atomic::Purpose;

const HAND_WRITTEN: &str = r#"# Briefing for the July call: keep this line
version = 1
title = "July"   # the slide title

# --- opening ---
[[items]]
kind = "heading"
text = "Opening"

# Lead with the summit.
[[items]]
kind = "point"
position = "p1"
note = """
Pause here."""

[[items]]
kind = "point"
position = "p2"   # may drop this one

# the closing matrix
[[items]]
kind = "point"
matrix = "latest"
"#;

fn point(id: &str, note: &str) -> DeckItem {
    DeckItem::Point {
        target: Target::Position(id.into()),
        note: note.into(),
    }
}

fn written(path: &std::path::Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn a_save_keeps_comments_layout_and_quoting_of_items_that_stay() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.talking-points.toml");
    fs::write(&path, HAND_WRITTEN).unwrap();
    let mut deck = read_current(&path).unwrap();
    // A pin added at the end: nothing else changes, byte for byte.
    deck.items_mut().push(point("p3", ""));
    save(&path, &deck).unwrap();
    let text = written(&path);
    assert!(text.starts_with(HAND_WRITTEN), "{text}");
    assert!(
        text.ends_with("[[items]]\nkind = \"point\"\nposition = \"p3\"\n"),
        "{text}"
    );
    assert_eq!(read_current(&path).unwrap(), deck);
}

#[test]
fn comments_go_with_their_item_when_it_moves_changes_or_goes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.talking-points.toml");
    fs::write(&path, HAND_WRITTEN).unwrap();
    let mut deck = read_current(&path).unwrap();
    // p2 unpinned, the matrix moved before p1, p1's note changed.
    deck.items
        .retain(|i| i.target() != Some(&Target::Position("p2".into())));
    let matrix = deck.items.pop().unwrap();
    deck.items.insert(1, matrix);
    deck.items[2] = point("p1", "Pause here.\nThen the numbers.");
    deck.title = Some("July call".into());
    save(&path, &deck).unwrap();
    let text = written(&path);
    assert_eq!(read_current(&path).unwrap(), deck, "{text}");
    assert!(
        text.starts_with("# Briefing for the July call: keep this line\n"),
        "{text}"
    );
    assert!(
        text.contains("title = \"July call\"   # the slide title"),
        "{text}"
    );
    assert!(!text.contains("may drop this one"), "{text}");
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle} in {text}"));
    assert!(at("# the closing matrix") < at("matrix = \"latest\""));
    assert!(at("matrix = \"latest\"") < at("# Lead with the summit."));
    assert!(at("# Lead with the summit.") < at("position = \"p1\""));
    assert!(at("# --- opening ---") < at("text = \"Opening\""));
}

#[test]
fn a_file_that_is_not_a_deck_is_written_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.talking-points.toml");
    fs::write(&path, "not = [toml").unwrap();
    let deck = Deck::new(None, vec![point("p1", "n")]);
    save(&path, &deck).unwrap();
    assert_eq!(read_current(&path).unwrap(), deck);
}

#[cfg(unix)]
#[test]
fn a_deck_at_a_chosen_path_is_never_written_through_a_link() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let home = tempfile::tempdir().unwrap();
    let bashrc = home.path().join(".bashrc");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.talking-points.toml");
    symlink(&bashrc, &path).unwrap();
    let deck = Deck::new(None, vec![point("p1", ";touch /tmp/x;")]);
    // The link's target not there yet, then a file that reads as a deck.
    for before in [None, Some("version = 1\n")] {
        if let Some(text) = before {
            fs::write(&bashrc, text).unwrap();
            fs::set_permissions(&bashrc, fs::Permissions::from_mode(0o600)).unwrap();
        }
        let mut sync = DeckSync::new(path.clone(), Deck::default(), Purpose::ChosenPrivate);
        let e = sync.save(&deck).unwrap_err().to_string();
        assert!(e.contains("a symbolic link to"), "{e}");
        assert!(e.contains(".bashrc"), "{e}");
        assert_eq!(fs::read_to_string(&bashrc).ok().as_deref(), before);
    }
    assert_eq!(fs::metadata(&bashrc).unwrap().permissions().mode() & 0o777, 0o600);
}

#[cfg(unix)]
#[test]
fn a_private_deck_stays_private_after_a_pin_and_a_new_one_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let fresh = dir.path().join("new.talking-points.toml");
    let mut sync = DeckSync::new(fresh.clone(), Deck::default(), Purpose::ChosenPrivate);
    sync.save(&Deck::new(None, vec![point("p1", "")])).unwrap();
    assert_eq!(mode(&fresh), 0o600);
    let shared = dir.path().join("shared.talking-points.toml");
    fs::write(&shared, HAND_WRITTEN).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o640)).unwrap();
    let mut deck = read_current(&shared).unwrap();
    let mut sync = DeckSync::new(shared.clone(), deck.clone(), Purpose::ChosenPrivate);
    deck.items_mut().push(point("p9", ""));
    sync.save(&deck).unwrap();
    assert_eq!(mode(&shared), 0o640);
}

#[cfg(unix)]
#[test]
fn a_rescue_copy_is_private_and_not_written_through_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let deck = Deck::new(None, vec![point("p1", "")]);
    let copy = write_rescue(dir.path(), std::path::Path::new("d.talking-points.toml"), &deck).unwrap();
    assert_eq!(fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn saves_in_a_row_keep_comments_and_see_a_hand_edit_in_between() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.talking-points.toml");
    fs::write(&path, HAND_WRITTEN).unwrap();
    let mut deck = read_current(&path).unwrap();
    let mut sync = DeckSync::new(path.clone(), deck.clone(), Purpose::ChosenPrivate);
    deck.items_mut().push(point("p3", ""));
    sync.save(&deck).unwrap();
    deck.items_mut().push(point("p4", ""));
    deck = sync.save(&deck).unwrap();
    // By hand, meanwhile: a comment and a pin (a new file: a new inode).
    let edited = written(&path).replace("[[items]]\nkind = \"point\"\nposition = \"p4\"", "# mine\n[[items]]\nkind = \"point\"\nposition = \"p4\"\n\n[[items]]\nkind = \"point\"\nposition = \"p5\"");
    let aside = dir.path().join("edit.tmp");
    fs::write(&aside, &edited).unwrap();
    fs::rename(&aside, &path).unwrap();
    deck.items_mut().push(point("p6", ""));
    let merged = sync.save(&deck).unwrap();
    let text = written(&path);
    assert!(text.starts_with(HAND_WRITTEN), "{text}");
    assert!(
        text.contains("# mine\n[[items]]\nkind = \"point\"\nposition = \"p4\""),
        "{text}"
    );
    let ids: Vec<&str> = merged.points().map(|p| p.target.id()).collect();
    // Ours goes right after the item it followed (the merge's rule).
    assert_eq!(ids, ["p1", "p2", "latest", "p3", "p4", "p6", "p5"]);
    assert_eq!(read_current(&path).unwrap(), merged);
}

/// A deck drawn from a small pool of items, so that random decks share
/// items with each other (kept, moved, dropped, notes changed).
fn arbitrary_deck() -> impl proptest::strategy::Strategy<Value = Deck> {
    use proptest::prelude::*;
    let item = (0..6usize, 0..3usize).prop_map(|(n, note)| match n {
        0 | 1 => DeckItem::Heading {
            text: format!("Part {n}"),
        },
        n => point(
            &format!("p{n}"),
            ["", "one line", "two\nlines \"quoted\" ''' # not a comment"][note],
        ),
    });
    (
        proptest::collection::vec(item, 0..8),
        proptest::option::of("[a-z #\"]{0,8}"),
    )
        .prop_map(|(items, title)| {
            // A point appears once in a deck.
            let mut seen = std::collections::HashSet::new();
            let items = items
                .into_iter()
                .filter(|i| i.target().is_none_or(|t| seen.insert(t.clone())))
                .collect();
            Deck::new(title, items)
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the decks, each save reads back as the deck saved, and the
    /// comments of the hand-written file's first line stay.
    #[test]
    fn every_save_reads_back_as_the_deck_saved(decks in proptest::collection::vec(arbitrary_deck(), 1..5)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.talking-points.toml");
        fs::write(&path, HAND_WRITTEN).unwrap();
        let mut sync = DeckSync::new(path.clone(), read_current(&path).unwrap(), Purpose::ChosenPrivate);
        for deck in decks {
            // Alone on the file, so the merge gives back this deck.
            let saved = sync.save(&deck).unwrap();
            proptest::prop_assert_eq!(&saved, &deck);
            proptest::prop_assert_eq!(read_current(&path).unwrap(), deck);
            let text = written(&path);
            proptest::prop_assert!(text.starts_with("# Briefing for the July call: keep this line\n"), "{}", text);
        }
    }
}
