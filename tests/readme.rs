//! README.md stays in step with the code: the keymap table is generated
//! by `keymap::markdown_table()`, and every search-syntax rule is listed.

use demarche::app::keymap;
use demarche::ui::SEARCH_SYNTAX;

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

#[test]
fn readme_lists_every_search_syntax_rule() {
    let readme = readme();
    let section = readme
        .split("## Search syntax")
        .nth(1)
        .expect("README.md has a Search syntax section");
    for (key, _) in SEARCH_SYNTAX {
        assert!(section.contains(key), "README.md's search syntax lacks {key:?}");
    }
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
