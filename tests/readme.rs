//! README.md stays in step with the code: the keymap table is generated
//! by `keymap::markdown_table()`, and the search syntax tables by
//! `search::syntax::markdown_table()`.

use demarche::app::keymap;

/// Tests run in parallel; with `UPDATE_README` two of them rewrite
/// README.md, so each reads and writes it holding this.
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

const START: &str = "<!-- keymap:start -->";
const END: &str = "<!-- keymap:end -->";

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md is readable")
}

/// `UPDATE_README=1 cargo test --test readme` writes the current table
/// between the markers, as `INSTA_UPDATE` does for snapshots.
fn update_readme(readme: &str, table: &str) -> String {
    let start = readme.find(START).expect("README.md has the start marker") + START.len();
    let end = readme.find(END).expect("README.md has the end marker");
    let updated = format!("{}\n{}\n{}", &readme[..start], table.trim(), &readme[end..]);
    std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), &updated)
        .expect("README.md is writable");
    updated
}

#[test]
fn readme_has_the_generated_keymap_table() {
    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let mut readme = readme();
    let table = keymap::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        readme = update_readme(&readme, &table);
    }
    assert!(
        readme.contains(&table),
        "README.md's keymap table is out of date: run UPDATE_README=1 cargo test --test readme, \
         or put this between {START} and {END}:\n\n{table}"
    );
    let start = readme.find(START).expect("README.md has the start marker");
    let end = readme.find(END).expect("README.md has the end marker");
    let between = &readme[start + START.len()..end];
    assert_eq!(
        between.trim(),
        table.trim(),
        "only the generated table sits between the markers"
    );
}

#[test]
fn markdown_table_covers_every_section_and_key() {
    let table = keymap::markdown_table();
    for (title, lines) in keymap::help_sections() {
        assert!(table.contains(&format!("### {title}\n")), "{title}");
        for line in lines {
            assert!(table.contains(line.help), "{}", line.help);
        }
    }
    for row in table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Keys"))
    {
        assert_eq!(
            row.replace("\\|", "").matches('|').count(),
            3,
            "a row has exactly two cells: {row}"
        );
    }
}

/// The search syntax table between `<!-- search-syntax:start -->` and
/// `<!-- search-syntax:end -->` in `file` is `search::syntax::markdown_table()`;
/// `UPDATE_README=1` writes it.
fn check_syntax_table(file: &str) {
    const START: &str = "<!-- search-syntax:start -->";
    const END: &str = "<!-- search-syntax:end -->";
    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(&path).expect("readable");
    let table = demarche::search::syntax::markdown_table();
    let start = text.find(START).unwrap_or_else(|| panic!("{file} has {START}")) + START.len();
    let end = text.find(END).unwrap_or_else(|| panic!("{file} has {END}"));
    if std::env::var_os("UPDATE_README").is_some() {
        text = format!("{}\n{}\n{}", &text[..start], table.trim(), &text[end..]);
        std::fs::write(&path, &text).expect("writable");
    }
    let start = text.find(START).expect("start marker") + START.len();
    let end = text.find(END).expect("end marker");
    assert_eq!(
        text[start..end].trim(),
        table.trim(),
        "{file}'s search syntax is out of date: run UPDATE_README=1 cargo test --test readme"
    );
}

#[test]
fn readme_has_the_generated_search_syntax() {
    check_syntax_table("README.md");
    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let section = readme();
    let section = section
        .split("## Search syntax")
        .nth(1)
        .expect("a Search syntax section");
    for (syntax, _) in demarche::search::SYNTAX {
        assert!(
            section.contains(syntax),
            "README.md's search syntax lacks {syntax:?}"
        );
    }
}

#[test]
fn cli_doc_has_the_generated_search_syntax() {
    check_syntax_table("docs/CLI.md");
}

#[test]
fn readme_has_the_evidence_legend() {
    let readme = readme();
    let section = readme
        .split("## Whose words: the evidence badge")
        .nth(1)
        .expect("README.md has the evidence legend");
    for (word, meaning) in demarche::ui::evidence_legend() {
        let row = format!("| `{word}` | {meaning} |");
        assert!(section.contains(&row), "README.md's legend lacks {row}");
    }
}
