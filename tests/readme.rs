//! The docs stay in step with the code: the key tables in docs/KEYS.md
//! are `keymap::markdown_table()`, the search syntax tables (docs/KEYS.md,
//! docs/CLI.md) are `search::syntax::markdown_table()`, the config names
//! in docs/CONFIG.md come from the keymap and the names table, the
//! README's evidence legend is the app's, and the README stays short with
//! every link it makes leading somewhere.

use std::path::Path;

use demarche_tui::app::keyconfig::{action_name, context_name};
use demarche_tui::app::keymap::{self, Context};

/// Tests run in parallel; with `UPDATE_README` several of them rewrite
/// docs, so each reads and writes holding this.
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn read(file: &str) -> String {
    let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// `generated` must be exactly what sits between `<!-- NAME:start -->`
/// and `<!-- NAME:end -->` in `file`. `UPDATE_README=1 cargo test --test
/// readme` writes it there, as `INSTA_UPDATE` does for snapshots.
fn check_generated(file: &str, name: &str, generated: &str) {
    let (start, end) = (format!("<!-- {name}:start -->"), format!("<!-- {name}:end -->"));
    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let mut text = read(file);
    let at = |text: &str| {
        let from = text.find(&start).unwrap_or_else(|| panic!("{file} has {start}")) + start.len();
        let to = text.find(&end).unwrap_or_else(|| panic!("{file} has {end}"));
        (from, to)
    };
    if std::env::var_os("UPDATE_README").is_some() {
        let (from, to) = at(&text);
        text = format!("{}\n{}\n{}", &text[..from], generated.trim(), &text[to..]);
        std::fs::write(format!("{}/{file}", env!("CARGO_MANIFEST_DIR")), &text).expect("writable");
    }
    let (from, to) = at(&text);
    assert_eq!(
        text[from..to].trim(),
        generated.trim(),
        "{file}'s {name} is out of date: run UPDATE_README=1 cargo test --test readme"
    );
}

#[test]
fn keys_doc_has_the_generated_keymap_table() {
    check_generated("docs/KEYS.md", "keymap", &keymap::markdown_table());
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
fn keys_doc_has_the_generated_search_syntax() {
    check_generated(
        "docs/KEYS.md",
        "search-syntax",
        &demarche_core::search::syntax::markdown_table(),
    );
    let keys = read("docs/KEYS.md");
    let section = keys
        .split("## Search syntax")
        .nth(1)
        .expect("a Search syntax section");
    for (syntax, _) in demarche_core::search::SYNTAX {
        assert!(
            section.contains(syntax),
            "docs/KEYS.md's search syntax lacks {syntax:?}"
        );
    }
}

#[test]
fn cli_doc_has_the_generated_search_syntax() {
    check_generated(
        "docs/CLI.md",
        "search-syntax",
        &demarche_core::search::syntax::markdown_table(),
    );
}

/// Every context and every action name `[keys.CONTEXT]` takes, with the
/// default keys and what the action does: one table per context, in the
/// keymap's order.
fn config_names_table() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let defaults = keymap::defaults();
    let mut contexts: Vec<Context> = Vec::new();
    for b in &defaults {
        if !contexts.contains(&b.context) {
            contexts.push(b.context);
        }
    }
    let mut out = String::new();
    for context in contexts {
        let name = context_name(context);
        out.push_str(&format!(
            "\n### `[keys.{name}]`: {}\n\n| Name | Default keys | What it does |\n|---|---|---|\n",
            context.title()
        ));
        let mut rows: Vec<(&str, Vec<String>, &str)> = Vec::new();
        for b in defaults.iter().filter(|b| b.context == context) {
            let action = action_name(&b.action).expect("every bound action has a name");
            let key = format!("`{}`", cell(&b.key.label()));
            match rows.iter_mut().find(|(a, _, _)| *a == action) {
                Some((_, keys, _)) => keys.push(key),
                None => rows.push((action, vec![key], b.help)),
            }
        }
        for (action, keys, help) in rows {
            out.push_str(&format!("| `{action}` | {} | {} |\n", keys.join(" "), cell(help)));
        }
    }
    out
}

#[test]
fn config_doc_names_every_context_and_action() {
    let table = config_names_table();
    check_generated("docs/CONFIG.md", "config-names", &table);
    for b in keymap::defaults() {
        let (context, action) = (context_name(b.context), action_name(&b.action).unwrap());
        assert!(table.contains(&format!("[keys.{context}]")), "{context}");
        assert!(table.contains(&format!("| `{action}` |")), "{action}");
    }
}

#[test]
fn readme_has_the_evidence_legend() {
    let readme = read("README.md");
    let section = readme
        .split("## Whose words: the evidence badge")
        .nth(1)
        .expect("README.md has the evidence legend");
    for (word, meaning) in demarche_tui::ui::evidence_legend() {
        let row = format!("| `{word}` | {meaning} |");
        assert!(section.contains(&row), "README.md's legend lacks {row}");
    }
}

#[test]
fn readme_is_short_and_names_the_rust_version_cargo_needs() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(
        lines <= 200,
        "README.md has {lines} lines; keep it to 200 and move reference to docs/"
    );
    let cargo = read("Cargo.toml");
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("Cargo.toml has rust-version")
        .trim_matches('"');
    assert!(
        readme.contains(&format!("Rust toolchain ({version} or later)")),
        "README.md must name rust-version {version}"
    );
}

/// Every relative link in the Markdown files a newcomer reads leads to a
/// file that exists (anchors are not checked).
#[test]
fn every_relative_link_in_the_docs_leads_to_a_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md"), root.join("DEVELOPERS.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for target in text.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
            let target = target.split('#').next().unwrap();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let resolved = file.parent().unwrap().join(target);
            assert!(
                resolved.exists(),
                "{}: link to {target} leads nowhere",
                file.display()
            );
        }
    }
}
