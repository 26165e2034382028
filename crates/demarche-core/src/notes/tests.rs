use super::*;

fn text(t: &str) -> Inline {
    Inline::Text(t.into())
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

#[test]
fn single_breaks_join_blank_lines_split_and_lists_hold_items() {
    let note = Note::parse("Stress the\nhistory.\n\nThen:\n\n- one\n  more\n* two\n\n12. three");
    assert_eq!(
        note.blocks(),
        [
            para(vec![text("Stress the history.")]),
            para(vec![text("Then:")]),
            Block::List {
                start: None,
                tight: true,
                items: vec![vec![para(vec![text("one more")])]]
            },
            Block::List {
                start: None,
                tight: true,
                items: vec![vec![para(vec![text("two")])]]
            },
            Block::List {
                start: Some(12),
                tight: true,
                items: vec![vec![para(vec![text("three")])]]
            },
        ]
    );
    assert_eq!(
        plain(note.blocks()),
        "Stress the history.\n\nThen:\n\n- one more\n\n- two\n\n12. three"
    );
}

#[test]
fn emphasis_strong_code_and_web_links_are_kept() {
    let note = Note::parse("a *b* **c d** `e` [f](https://x.org) <mailto:m@x.org> <n@x.org> 2 * 3");
    assert_eq!(
        note.blocks(),
        [para(vec![
            text("a "),
            Inline::Emphasis(vec![text("b")]),
            text(" "),
            Inline::Strong(vec![text("c d")]),
            text(" "),
            Inline::Code("e".into()),
            text(" "),
            Inline::Link {
                url: "https://x.org".into(),
                content: vec![text("f")]
            },
            text(" "),
            Inline::Link {
                url: "mailto:m@x.org".into(),
                content: vec![text("mailto:m@x.org")]
            },
            text(" "),
            Inline::Link {
                url: "mailto:n@x.org".into(),
                content: vec![text("n@x.org")]
            },
            text(" 2 * 3"),
        ])]
    );
}

#[test]
fn everything_else_stays_the_text_the_user_wrote() {
    let cases = [
        ("# not a heading", "# not a heading"),
        ("> quoted", "> quoted"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("a <b onclick=x>b</b>", "a <b onclick=x>b</b>"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("[x](JaVaScRiPt:alert(1))", "[x](JaVaScRiPt:alert(1))"),
        ("![i](data:image/png;base64,AA)", "![i](data:image/png;base64,AA)"),
        ("[r](./local)", "[r](./local)"),
        ("[^1]: not a footnote", "[^1]: not a footnote"),
        ("---", "---"),
        ("[d]: https://x.org\n\nuse [d]", "[d]: https://x.org"),
    ];
    for (note, shown) in cases {
        let note = Note::parse(note);
        let first = note.blocks().first().map(|b| plain(std::slice::from_ref(b)));
        assert_eq!(first.as_deref(), Some(shown), "{note:?}");
    }
}

#[test]
fn a_heading_over_lines_keeps_its_lines() {
    let note = Note::parse("---\ntitle: x\n---");
    assert_eq!(plain(note.blocks()), "---\n\ntitle: x\n---");
}

#[test]
fn control_characters_are_neutralised_before_parsing() {
    let note = Note::parse("a\u{1b}[31m *b*");
    assert!(crate::text::gate::is_clean(note.source()));
    assert!(crate::text::gate::is_clean(&plain(note.blocks())));
}

#[test]
fn deep_nesting_is_text_not_recursion() {
    let note = Note::parse(&"- ".repeat(20_000));
    assert!(!plain(note.blocks()).is_empty());
    let note = Note::parse(&format!("{}x{}", "*a ".repeat(5_000), " b*".repeat(5_000)));
    assert!(plain(note.blocks()).contains('x'));
}

#[test]
fn only_web_and_mail_addresses_are_allowed() {
    for ok in ["https://x.org", "HTTP://x.org/a", "mailto:a@b.org"] {
        assert!(allowed_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "https://",
        "mailto:",
        "https://x.org/a b",
        "#place",
        "/etc/passwd",
        "vbscript:x",
        " https://x.org",
    ] {
        assert!(!allowed_url(bad), "{bad}");
    }
}

proptest::proptest! {
    /// Whatever the bytes, a note parses, and its plain text holds no
    /// control character and loses no visible letter the user wrote.
    #[test]
    fn any_text_parses_into_clean_blocks(text in "(?s)[a-z*_`\\[\\]()<>!#>~|:{}=^$\\\\ \n0-9.-]{0,80}|\\PC{0,40}") {
        let note = Note::parse(&text);
        let shown = plain(note.blocks());
        proptest::prop_assert!(crate::text::gate::is_clean(&shown), "{:?}", shown);
        // Letters the sanitiser keeps (it drops invisible ones such as the
        // Hangul filler, which `is_alphanumeric` counts as a letter).
        for c in crate::text::sanitize::block(&text).chars().filter(|c| c.is_alphanumeric()) {
            proptest::prop_assert!(shown.contains(c), "{:?} lost {:?}: {:?}", text, c, shown);
        }
    }
}
