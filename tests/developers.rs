//! DEVELOPERS.md's module table matches the tree: every module file under
//! src/ is named in it, and every module or file it names exists.
//!
//! A top-level module (`src/X.rs` or `src/X/`) must be in a row's first
//! column as `X` or `X/`; a file `src/D/F.rs` must be in the row of `D`
//! (as `F`, `F.rs` or `D/F.rs`). The crate roots (lib.rs, main.rs) are
//! described above the table, and test modules (`tests.rs`, `*_tests.rs`,
//! `tests_*.rs`) under "Tests".

use std::path::Path;

/// The table's rows: (first column, whole row).
fn rows() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("DEVELOPERS.md").unwrap();
    text.lines()
        .skip_while(|l| !l.starts_with("| module |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let first = l.split('|').nth(1).unwrap_or_default().to_string();
            (first, l.to_string())
        })
        .collect()
}

/// Names in backticks in `text`.
fn quoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn is_test_module(name: &str) -> bool {
    name == "tests.rs" || name.ends_with("_tests.rs") || name.starts_with("tests_")
}

/// Every .rs file under `dir`, relative to src/, sorted.
fn module_files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            module_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix("src").unwrap();
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
}

/// The row naming top-level module `top` in its first column.
fn row_of<'a>(rows: &'a [(String, String)], top: &str) -> Option<&'a str> {
    let dir = format!("{top}/");
    rows.iter()
        .find(|(first, _)| quoted(first).iter().any(|&q| q == top || q == dir))
        .map(|(_, row)| row.as_str())
}

#[test]
fn every_module_file_is_in_the_table() {
    let rows = rows();
    assert!(rows.len() > 10, "the module table was not found");
    let mut files = Vec::new();
    module_files(Path::new("src"), &mut files);
    let mut missing = Vec::new();
    for file in &files {
        let parts: Vec<&str> = file.split('/').collect();
        let name = *parts.last().unwrap();
        if matches!(file.as_str(), "lib.rs" | "main.rs") || is_test_module(name) {
            continue;
        }
        let top = parts[0].trim_end_matches(".rs");
        let Some(row) = row_of(&rows, top) else {
            missing.push(file.clone());
            continue;
        };
        if let [dir, rest @ ..] = parts.as_slice()
            && !rest.is_empty()
            && name != "mod.rs"
        {
            let stem = name.trim_end_matches(".rs");
            let nested = rest.join("/");
            let named = quoted(row)
                .iter()
                .any(|&q| q == stem || q == name || q == nested || q == format!("{dir}/{nested}"));
            if !named {
                missing.push(file.clone());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "DEVELOPERS.md's module table does not name: {missing:?}"
    );
}

#[test]
fn everything_the_table_names_exists() {
    let src = Path::new("src");
    let mut gone = Vec::new();
    for (first, row) in rows() {
        let tops: Vec<&str> = quoted(&first).iter().map(|q| q.trim_end_matches('/')).collect();
        for top in &tops {
            if !src.join(format!("{top}.rs")).exists() && !src.join(top).is_dir() {
                gone.push(top.to_string());
            }
        }
        // Files named with .rs in the row's text: beside the module, or a
        // path from src/.
        for file in quoted(&row).into_iter().filter(|q| q.ends_with(".rs")) {
            let found = src.join(file).exists() || tops.iter().any(|top| src.join(top).join(file).exists());
            if !found {
                gone.push(file.to_string());
            }
        }
    }
    assert!(
        gone.is_empty(),
        "DEVELOPERS.md's module table names what is not in src/: {gone:?}"
    );
}
