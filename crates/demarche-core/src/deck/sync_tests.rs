//! Several writers on one deck: the merge rules, two `DeckSync`s on one
//! file, hand edits, leftovers of killed saves and rescue copies.

use std::fs;

use super::merge::{CONFLICT_MARKER, merge_text};
use super::*;
use crate::atomic::Purpose;

fn pos(id: &str) -> Target {
    Target::Position(id.to_string())
}

fn deck_of(ids: &[&str]) -> Deck {
    let mut deck = Deck::default();
    for id in ids {
        deck.pin(pos(id));
    }
    deck
}

fn order(deck: &Deck) -> Vec<String> {
    let label = |item: &DeckItem| match item {
        DeckItem::Heading { text } => format!("#{text}"),
        DeckItem::Point { target, .. } => target.id().to_string(),
    };
    deck.items.iter().map(label).collect()
}

fn note_of(deck: &Deck, id: &str) -> String {
    deck.points()
        .find(|p| p.target.id() == id)
        .map(|p| p.note.to_string())
        .unwrap_or_else(|| panic!("{id} not in {:?}", order(deck)))
}

#[test]
fn both_sides_additions_are_kept_in_place() {
    let base = deck_of(&["a", "b"]);
    let ours = deck_of(&["a", "b", "ours"]);
    let mut theirs = deck_of(&["a", "theirs", "b"]);
    theirs.insert_heading(0, "Opening");
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(order(&merged), ["#Opening", "a", "theirs", "b", "ours"]);
}

#[test]
fn new_items_at_the_start_and_in_runs_keep_their_place() {
    let base = deck_of(&["a", "b"]);
    let ours = deck_of(&["x", "y", "a", "b", "p", "q", "r"]);
    let theirs = deck_of(&["a", "t", "b"]);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(order(&merged), ["x", "y", "a", "t", "b", "p", "q", "r"]);
}

#[test]
fn a_pin_merged_into_a_deck_of_twenty_thousand_items_loses_nothing() {
    let ids: Vec<String> = (0..20_000).map(|n| format!("p{n}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let base = deck_of(&ids);
    let mut ours = base.clone();
    ours.items.push(DeckItem::Point {
        target: pos("new"),
        note: String::new(),
    });
    let mut theirs = base.clone();
    theirs.items.remove(10);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.items.len(), 20_000);
    assert_eq!(order(&merged).last().map(String::as_str), Some("new"));
    assert!(!order(&merged).contains(&"p10".to_string()));
}

#[test]
fn a_removal_on_one_side_wins_unless_the_other_changed_the_note() {
    let base = deck_of(&["a", "b", "c"]);
    let ours = deck_of(&["a", "c"]); // we removed b
    let mut theirs = deck_of(&["a", "b"]); // they removed c...
    theirs.set_note(1, "their note on b"); // ...and wrote on b
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(order(&merged), ["a", "b"], "b kept for its new note, c gone");
    assert_eq!(note_of(&merged, "b"), "their note on b");
}

#[test]
fn a_note_changed_on_one_side_takes_that_side() {
    let mut base = deck_of(&["a", "b"]);
    base.set_note(0, "old");
    let mut ours = base.clone();
    ours.set_note(0, "ours");
    let mut theirs = base.clone();
    theirs.set_note(1, "theirs");
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(note_of(&merged, "a"), "ours");
    assert_eq!(note_of(&merged, "b"), "theirs");
}

#[test]
fn a_note_changed_on_both_sides_keeps_both_texts_visibly() {
    let mut base = deck_of(&["a"]);
    base.set_note(0, "draft");
    let mut ours = base.clone();
    ours.set_note(0, "Ask the room first.");
    let mut theirs = base.clone();
    theirs.set_note(0, "Show the US answer.");
    let note = note_of(&merge(&base, &ours, &theirs), "a");
    assert!(note.contains("Ask the room first."), "{note}");
    assert!(note.contains("Show the US answer."), "{note}");
    assert!(note.contains(CONFLICT_MARKER), "{note}");
    // One text that holds the other needs no marker.
    assert_eq!(merge_text("", "abc", "abc def"), "abc def");
}

#[test]
fn our_reordering_wins_over_their_order() {
    let base = deck_of(&["a", "b", "c"]);
    let ours = deck_of(&["c", "b", "a"]);
    let theirs = deck_of(&["a", "b", "c", "d"]);
    // d goes after c, which it followed on their side.
    assert_eq!(order(&merge(&base, &ours, &theirs)), ["c", "d", "b", "a"]);
    // Not reordered by us: theirs.
    let theirs = deck_of(&["b", "a", "c"]);
    assert_eq!(order(&merge(&base, &base, &theirs)), ["b", "a", "c"]);
}

fn scratch() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.talking-points.toml");
    (dir, path)
}

#[test]
fn two_writers_pinning_alternately_lose_nothing() {
    let (_dir, path) = scratch();
    let mut one = DeckSync::new(path.clone(), Deck::default(), Purpose::NamedDeck);
    let mut two = DeckSync::new(path.clone(), Deck::default(), Purpose::NamedDeck);
    let (mut deck1, mut deck2) = (Deck::default(), Deck::default());
    for i in 0..5 {
        // Neither looks at the disk between saves: the save must merge.
        deck1.pin(pos(&format!("one-{i}")));
        deck1 = one.save(&deck1).unwrap();
        deck2.pin(pos(&format!("two-{i}")));
        deck2 = two.save(&deck2).unwrap();
    }
    let on_disk = load(&path).unwrap().deck;
    assert_eq!(on_disk.len(), 10, "{:?}", order(&on_disk));
    assert_eq!(on_disk, deck2);
    // The first writer picks the second's last pins up from the disk.
    match one.check(&deck1) {
        Some(DiskChange::Merged { deck, unsaved }) => {
            assert_eq!(deck, on_disk);
            assert!(!unsaved);
        }
        other => panic!("{other:?}"),
    }
    assert!(one.check(&on_disk).is_none(), "nothing new after that");
}

#[test]
fn an_unpin_in_one_window_is_not_undone_by_the_other() {
    let (_dir, path) = scratch();
    let start = deck_of(&["a", "b"]);
    save(&path, &start).unwrap();
    let mut one = DeckSync::new(path.clone(), start.clone(), Purpose::NamedDeck);
    let mut two = DeckSync::new(path.clone(), start.clone(), Purpose::NamedDeck);
    one.save(&deck_of(&["a"])).unwrap();
    let merged = two.save(&deck_of(&["a", "b", "c"])).unwrap();
    assert_eq!(order(&merged), ["a", "c"]);
}

#[test]
fn a_hand_edit_is_picked_up_and_a_broken_one_is_never_written_over() {
    let (_dir, path) = scratch();
    let mut sync = DeckSync::new(path.clone(), Deck::default(), Purpose::NamedDeck);
    let ours = sync.save(&deck_of(&["a"])).unwrap();
    let by_hand = "version = 1\n\n[[items]]\nkind = \"heading\"\ntext = \"By hand\"\n\n[[items]]\nkind = \"point\"\nposition = \"a\"\n";
    fs::write(&path, by_hand).unwrap();
    let Some(DiskChange::Merged { deck, unsaved: false }) = sync.check(&ours) else {
        panic!("hand edit not seen");
    };
    assert_eq!(order(&deck), ["#By hand", "a"]);

    let broken = "version = 1\n\n[[items]]\nkind = \"point\"\nposition = \"a\n";
    fs::write(&path, broken).unwrap();
    let Some(DiskChange::Unreadable(e)) = sync.check(&deck) else {
        panic!("broken edit not reported");
    };
    let shown = e.to_string();
    assert!(shown.contains("p.talking-points.toml:5:"), "{shown}");
    let mut more = deck.clone();
    more.pin(pos("b"));
    let refused = sync.save(&more).unwrap_err();
    assert!(matches!(refused, DeckError::Broken { line: 5, .. }), "{refused}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        broken,
        "left as the user wrote it"
    );

    // Fixed by hand: the next save merges the app's pin into it.
    fs::write(&path, by_hand.replace("By hand", "Fixed")).unwrap();
    let saved = sync.save(&more).unwrap();
    assert_eq!(order(&saved), ["#Fixed", "a", "b"]);
}

#[test]
fn a_failing_save_reports_the_whole_reason_and_leaves_the_file() {
    let (dir, path) = scratch();
    let mut sync = DeckSync::new(path.clone(), Deck::default(), Purpose::NamedDeck);
    sync.save(&deck_of(&["a"])).unwrap();
    let blocked = dir.path().join("gone").join("deck.toml");
    fs::write(dir.path().join("gone"), "a file, not a directory").unwrap();
    let mut elsewhere = DeckSync::new(blocked, Deck::default(), Purpose::NamedDeck);
    let e = elsewhere.save(&deck_of(&["a"])).unwrap_err();
    assert!(e.to_string().contains("gone"), "{e}");
}

#[test]
fn stale_temporary_files_of_dead_processes_are_removed() {
    let (dir, path) = scratch();
    let d = dir.path();
    // No pid goes that high (Linux caps them at 2^22).
    let dead = d.join(".p.talking-points.toml.999999999-3.tmp");
    let live = d.join(format!(".p.talking-points.toml.{}-0.tmp", std::process::id()));
    let other_deck = d.join(".q.talking-points.toml.999999999-3.tmp");
    let not_ours = d.join(".p.talking-points.toml.notes.tmp");
    for f in [&dead, &live, &other_deck, &not_ours] {
        fs::write(f, "x").unwrap();
    }
    let removed = remove_stale_temps(&path, Purpose::ChosenPrivate);
    assert_eq!(removed, vec![dead.clone()]);
    assert!(!dead.exists() && live.exists() && other_deck.exists() && not_ours.exists());
}

#[test]
fn a_rescue_copy_holds_the_deck() {
    let (dir, path) = scratch();
    let mut deck = deck_of(&["a"]);
    deck.set_note(0, "the only copy");
    let rescue = write_rescue(&dir.path().join("state"), &path, &deck).unwrap();
    assert!(rescue.starts_with(dir.path().join("state")));
    assert!(
        rescue
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("p.talking-points.rescue-")
    );
    assert_eq!(load(&rescue).unwrap().deck, deck);
}
