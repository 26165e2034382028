//! DEVELOPERS.md's module tables match the tree, and no modules import
//! each other in a circle.
//!
//! The workspace has a module table per crate, each after a line naming
//! the crate's source root in backticks (`crates/demarche-core/src/`).
//! A top-level module (`X.rs` or `X/` under that root) must be in a row's
//! first column as `X` or `X/`; a file `D/F.rs` must be in the row of `D`
//! (as `F`, `F.rs` or `D/F.rs`). The crate roots (lib.rs, main.rs) are
//! described above the tables, and test modules (`tests.rs`, `*_tests.rs`,
//! `tests_*.rs`) under "Tests".

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A table's rows: (first column, whole row).
type Rows = Vec<(String, String)>;

/// The module tables, each with the source root it describes.
fn tables() -> Vec<(PathBuf, Rows)> {
    let text = std::fs::read_to_string("DEVELOPERS.md").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut root: Option<PathBuf> = None;
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        if line.starts_with("| module |") {
            let rows: Rows = lines[at + 2..]
                .iter()
                .take_while(|l| l.starts_with('|'))
                .map(|l| (l.split('|').nth(1).unwrap_or_default().to_string(), l.to_string()))
                .collect();
            at += 2 + rows.len();
            let root = root
                .clone()
                .expect("a line naming the source root before each module table");
            tables.push((root, rows));
            continue;
        }
        if let Some(named) = quoted(line).into_iter().rfind(|q| q.ends_with("src/")) {
            root = Some(PathBuf::from(named.trim_end_matches('/')));
        }
        at += 1;
    }
    tables
}

/// Names in backticks in `text`.
fn quoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn is_test_module(name: &str) -> bool {
    name == "tests.rs" || name.ends_with("_tests.rs") || name.starts_with("tests_")
}

/// Every .rs file under `dir`, relative to `root`, sorted.
fn module_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            module_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap();
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
fn every_crate_has_a_table() {
    let tables = tables();
    for root in source_roots() {
        let found = tables.iter().filter(|(r, _)| *r == root).count();
        assert_eq!(
            found,
            1,
            "DEVELOPERS.md: {} module tables for {}",
            found,
            root.display()
        );
    }
    assert!(tables.iter().all(|(_, rows)| !rows.is_empty()));
}

#[test]
fn every_module_file_is_in_the_table() {
    let mut missing = Vec::new();
    for (root, rows) in tables() {
        let mut files = Vec::new();
        module_files(&root, &root, &mut files);
        for file in &files {
            let parts: Vec<&str> = file.split('/').collect();
            let name = *parts.last().unwrap();
            if matches!(file.as_str(), "lib.rs" | "main.rs") || is_test_module(name) {
                continue;
            }
            let top = parts[0].trim_end_matches(".rs");
            let Some(row) = row_of(&rows, top) else {
                missing.push(format!("{}/{file}", root.display()));
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
                    missing.push(format!("{}/{file}", root.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "DEVELOPERS.md's module tables do not name: {missing:?}"
    );
}

#[test]
fn everything_the_table_names_exists() {
    let mut gone = Vec::new();
    for (src, rows) in tables() {
        for (first, row) in rows {
            let tops: Vec<&str> = quoted(&first).iter().map(|q| q.trim_end_matches('/')).collect();
            for top in &tops {
                if !src.join(format!("{top}.rs")).exists() && !src.join(top).is_dir() {
                    gone.push(format!("{}/{top}", src.display()));
                }
            }
            // Files named with .rs in the row's text: beside the module, or a
            // path from the crate's src/.
            for file in quoted(&row).into_iter().filter(|q| q.ends_with(".rs")) {
                let found =
                    src.join(file).exists() || tops.iter().any(|top| src.join(top).join(file).exists());
                if !found {
                    gone.push(format!("{}: {file}", src.display()));
                }
            }
        }
    }
    assert!(
        gone.is_empty(),
        "DEVELOPERS.md's module tables name what is not in the crates: {gone:?}"
    );
}

// ---------------------------------------------------------------------
// No import circles: the modules of each crate, and the submodules of
// each module directory, depend on each other one way only.
// ---------------------------------------------------------------------

/// The source roots of the crates in this repository: the root package's
/// and each member's under crates/.
fn source_roots() -> Vec<PathBuf> {
    let mut roots = vec![PathBuf::from("src")];
    if let Ok(crates) = std::fs::read_dir("crates") {
        let mut members: Vec<_> = crates.map(|e| e.unwrap().path().join("src")).collect();
        members.sort();
        roots.extend(members.into_iter().filter(|src| src.is_dir()));
    }
    roots
}

/// `text` with comments gone and string and character literals emptied
/// (`""`, `' '`), so braces and paths inside them are not read as code.
fn without_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"...", r#"..."#.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !chars[i..].iter().take(close.len()).copied().eq(close.chars()) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('{', '\''), not a lifetime ('a).
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `text` as code (see `without_literals`) without `#[cfg(test)]` items:
/// tests may reach anywhere in their crate, production code may not.
fn production_code(text: &str) -> String {
    let code = without_literals(text);
    let mut out = String::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = &rest[at + "#[cfg(test)]".len()..];
        // The item ends at its first `;` outside braces, or where its
        // first brace closes.
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 1 => {
                    end = i + 1;
                    break;
                }
                '}' => depth = depth.saturating_sub(1),
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out + rest
}

/// The first name of each path that follows `prefix` in `code`, grouped
/// imports included: `crate::{a::B, c}` gives `a` and `c`.
fn names_after(code: &str, prefix: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let after = &code[at + prefix.len()..];
        let Some(group) = after.strip_prefix('{') else {
            names.push(ident(after));
            continue;
        };
        let mut depth = 0usize;
        let mut start = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => start = true,
                c if start && !c.is_whitespace() => {
                    names.push(ident(&group[i..]));
                    start = false;
                }
                _ => {}
            }
        }
    }
    names
}

fn is_test_file(relative: &str) -> bool {
    relative.split('/').any(|part| part == "tests")
        || is_test_module(relative.rsplit('/').next().unwrap_or(relative))
}

/// Module files under `root`, relative, with their production code.
fn sources(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if !is_test_file(&relative) {
                    let code = production_code(&std::fs::read_to_string(&path).unwrap());
                    files.push((relative, code));
                }
            }
        }
    }
    files.sort();
    files
}

/// The children of module directory `dir` (relative to `root`; "" for the
/// crate root): `dir/x.rs` and `dir/x/` give `x`.
fn children(root: &Path, dir: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(root.join(dir)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir()
            || (path.extension().is_some_and(|e| e == "rs")
                && !matches!(name.as_str(), "mod" | "lib" | "main"))
        {
            out.insert(name);
        }
    }
    out
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Which children of `dir` use which others, from the production code of
/// the files inside each child: `crate::dir::x` anywhere, and `super::x`
/// (`super::super::x` one level down) relative to the child.
fn graph_of(root: &Path, dir: &str, files: &[(String, String)]) -> Graph {
    let siblings = children(root, dir);
    let mut graph = Graph::new();
    let inside = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    for (file, code) in files {
        let Some(rest) = file.strip_prefix(&inside) else {
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let from = parts[0].trim_end_matches(".rs");
        if !siblings.contains(from) {
            continue;
        }
        let crate_path = if dir.is_empty() {
            "crate::".to_string()
        } else {
            format!("crate::{}::", dir.replace('/', "::"))
        };
        let mut used = names_after(code, &crate_path);
        // The number of `super::` that climbs from this file to `dir`.
        let depth = parts.len() - usize::from(parts.last() == Some(&"mod.rs"));
        if !dir.is_empty() && depth >= 1 {
            used.extend(names_after(code, &"super::".repeat(depth)));
        }
        for name in used {
            if name != from && siblings.contains(&name) {
                graph.entry(from.to_string()).or_default().insert(name);
            }
        }
    }
    graph
}

/// One cycle of `graph`, as the path around it, if there is any.
fn a_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_in_a_circle() {
    let mut circles = Vec::new();
    let mut edges = 0;
    for root in source_roots() {
        let files = sources(&root);
        let mut dirs: BTreeSet<String> = BTreeSet::from([String::new()]);
        for (file, _) in &files {
            let mut parts: Vec<&str> = file.split('/').collect();
            parts.pop();
            for n in 1..=parts.len() {
                dirs.insert(parts[..n].join("/"));
            }
        }
        for dir in dirs {
            let graph = graph_of(&root, &dir, &files);
            edges += graph.values().map(BTreeSet::len).sum::<usize>();
            if let Some(cycle) = a_cycle(&graph) {
                circles.push(format!("{}/{dir}: {}", root.display(), cycle.join(" -> ")));
            }
        }
    }
    assert!(
        edges > 100,
        "too few imports found ({edges}): the parser lost its way"
    );
    assert!(
        circles.is_empty(),
        "modules import each other in a circle:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_circle_check_sees_plain_grouped_and_super_imports() {
    let code = production_code(concat!(
        "use crate::{model::Dataset, load};\nuse super::{ids::Ids};\n// crate::gone\n",
        "#[cfg(test)]\nmod tests { fn t() { let _ = (\"{\", '{', r#\"}\"#); crate::ui::x(); } }\n",
        "fn f<'a>(_: &'a str) { let _ = \"crate::cli\"; /* crate::tui */ crate::text::sanitize::line(\"\"); }",
    ));
    let mut found = names_after(&code, "crate::");
    found.sort();
    assert_eq!(found, ["load", "model", "text"]);
    assert_eq!(names_after(&code, "super::"), ["ids"]);
    let graph: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")].into_iter().fold(
        Graph::new(),
        |mut g, (from, to)| {
            g.entry(from.into()).or_default().insert(to.into());
            g
        },
    );
    assert_eq!(a_cycle(&graph).map(|c| c.len()), Some(4));
    let acyclic: Graph = graph.into_iter().filter(|(from, _)| from != "c").collect();
    assert_eq!(a_cycle(&acyclic), None);
}

// ---------------------------------------------------------------------
// The core crate needs no terminal: nothing in its dependency closure
// (Cargo.lock, which lists normal, dev and build dependencies alike) is
// ratatui or crossterm.
// ---------------------------------------------------------------------

/// Each package of Cargo.lock with the names of its dependencies.
fn locked_packages(lock: &str) -> BTreeMap<String, Vec<String>> {
    let mut packages = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let mut name = String::new();
        let mut deps = Vec::new();
        let mut in_deps = false;
        for line in block.lines().map(str::trim) {
            if let Some(value) = line.strip_prefix("name = ") {
                name = value.trim_matches('"').to_string();
            } else if line.starts_with("dependencies = [") {
                in_deps = !line.ends_with(']');
            } else if in_deps && line == "]" {
                in_deps = false;
            } else if in_deps {
                // "name" or "name version" (when several versions are locked).
                let dep = line.trim_end_matches(',').trim_matches('"');
                deps.push(dep.split(' ').next().unwrap_or(dep).to_string());
            }
        }
        packages.entry(name).or_insert_with(Vec::new).extend(deps);
    }
    packages
}

/// Every package `from` depends on, directly or not.
fn closure(packages: &BTreeMap<String, Vec<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(name) = todo.pop() {
        for dep in packages.get(&name).into_iter().flatten() {
            if seen.insert(dep.clone()) {
                todo.push(dep.clone());
            }
        }
    }
    seen
}

#[test]
fn the_core_crate_needs_no_terminal() {
    let lock = std::fs::read_to_string("Cargo.lock").unwrap();
    let packages = locked_packages(&lock);
    let core = closure(&packages, "demarche-core");
    assert!(
        core.contains("toml") && core.contains("pulldown-cmark"),
        "{core:?}"
    );
    let terminal: Vec<&String> = core
        .iter()
        .filter(|p| p.starts_with("ratatui") || p.starts_with("crossterm"))
        .collect();
    assert!(terminal.is_empty(), "demarche-core depends on {terminal:?}");
    // The check sees them where they are.
    let tui = closure(&packages, "demarche-tui");
    assert!(tui.contains("ratatui") && tui.contains("crossterm"), "{tui:?}");
}
