use super::*;

#[test]
fn folding_joins_white_space_and_no_break_spaces_only() {
    let original = "  A\u{a0}quote’s\n\n  text — here ";
    let f = Folded::new(original);
    assert_eq!(f.text, "A quote’s text — here");
    let at = f.text.find("quote’s").unwrap();
    let back = f.original(at..at + "quote’s".len());
    assert_eq!(&original[back], "quote’s");
    let whole = f.original(0..f.text.len());
    assert_eq!(&original[whole], "A\u{a0}quote’s\n\n  text — here");
}

#[test]
fn pieces_split_at_ellipses_and_editorial_brackets() {
    assert_eq!(
        pieces("One two ... three [sic] four… five."),
        ["One two", "three", "four", "five."]
    );
    assert_eq!(pieces("a ... ."), ["a"]);
}

#[test]
fn pieces_are_found_in_order_only() {
    let text = "one two three four";
    assert_eq!(
        find_pieces(text, &["two".into(), "four".into()]),
        Ok(vec![4..7, 14..18])
    );
    assert_eq!(find_pieces(text, &["four".into(), "two".into()]), Err(1));
}

#[test]
fn closest_passage_of_a_changed_quote() {
    let text = "Before. The quick brown fox jumps over the lazy dog. After.";
    assert_eq!(
        &text[closest(text, "The quick brown fax jumps over the lazy dog.")],
        "The quick brown fox jumps over the lazy dog."
    );
    assert_eq!(
        &text[closest(text, "Xhe quick brown fox jumps over the lazy dog.")],
        "The quick brown fox jumps over the lazy dog."
    );
}

#[test]
fn best_passage_shares_the_most_words() {
    let text =
        "Officials met on Monday. They said cyber theft threatens investment in China. The weather was fine.";
    let r = best_passage(text, "Cyber theft could threaten foreign investment");
    assert_eq!(&text[r], "They said cyber theft threatens investment in China.");
    assert_eq!(best_passage(text, "zzz qqq"), 0..0);
}

#[test]
fn files_are_found_in_sources_then_beside_the_data() {
    let sources = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("a.txt"), "beside").unwrap();
    std::fs::write(data.path().join("b.txt"), "b beside").unwrap();
    std::fs::write(sources.path().join("b.txt"), "\u{FEFF}b in sources").unwrap();
    let dirs = SourceDirs::new(Some(sources.path()), Some(&data.path().join("positions.toml")));
    assert_eq!(dirs.read(Some("a.txt")).unwrap().1, "beside");
    assert_eq!(dirs.read(Some("b.txt")).unwrap().1, "b in sources");
    let missing = dirs.read(Some("c.txt")).unwrap_err();
    let message = missing.to_string();
    assert!(message.starts_with("c.txt: not found (looked in "), "{message}");
    assert!(
        message.contains(&sources.path().join("c.txt").display().to_string()),
        "{message}"
    );
    assert!(
        message.contains(&data.path().join("c.txt").display().to_string()),
        "{message}"
    );
    assert_eq!(dirs.read(None), Err(SourceError::NoFile));
    let nowhere = SourceDirs::new(None, None).read(Some("c.txt")).unwrap_err();
    assert!(nowhere.to_string().contains("give --sources DIR"), "{nowhere}");
}

#[test]
fn a_path_that_leaves_the_folders_is_refused_before_anything_is_opened() {
    let data = tempfile::tempdir().unwrap();
    let dirs = SourceDirs::new(None, Some(&data.path().join("positions.toml")));
    for file in ["/etc/passwd", "../../../../../../etc/passwd", "a/../../b.txt"] {
        let e = dirs.read(Some(file)).unwrap_err();
        assert!(matches!(e, SourceError::BadPath { .. }), "{file}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("file = \"{file}\" is refused: ")),
            "{e}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_its_folder_counts_as_not_found_with_the_reason() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "TOKEN=hunter2").unwrap();
    let sources = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, sources.path().join("a.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), data.path().join("texts")).unwrap();
    std::fs::write(outside.path().join("b.txt"), "also outside").unwrap();
    let dirs = SourceDirs::new(Some(sources.path()), Some(&data.path().join("positions.toml")));
    for file in ["a.txt", "texts/b.txt"] {
        let e = dirs.read(Some(file)).unwrap_err();
        let message = e.to_string();
        assert!(matches!(e, SourceError::NotFound { .. }), "{message}");
        assert!(message.contains(", outside "), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
    // A link that stays inside its folder is followed.
    std::fs::write(sources.path().join("real.txt"), "inside").unwrap();
    std::os::unix::fs::symlink("real.txt", sources.path().join("alias.txt")).unwrap();
    assert_eq!(dirs.read(Some("alias.txt")).unwrap().1, "inside");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_a_source_is_refused_at_once() {
    let sources = tempfile::tempdir().unwrap();
    crate::safe_read::tests::fifo(sources.path(), "pipe.txt");
    let dirs = SourceDirs::new(Some(sources.path()), None);
    let e = dirs.read(Some("pipe.txt")).unwrap_err();
    assert!(
        e.to_string()
            .contains("is a FIFO (named pipe), not a regular file"),
        "{e}"
    );
    // /dev/zero through a link inside the folder: still a device.
    std::os::unix::fs::symlink("/dev/zero", sources.path().join("zero.txt")).unwrap();
    let e = dirs.read(Some("zero.txt")).unwrap_err();
    assert!(e.to_string().contains("outside"), "{e}");
}
