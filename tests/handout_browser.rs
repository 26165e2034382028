//! The HTML handout in a real browser: headless Chromium lays out the
//! handout of a deck with a matrix, a comparison and long notes, at the
//! printable width of A4 and of US Letter with the print style sheet in
//! force, and a script in the page measures every table cell and block.
//! Nothing may run over its box: no cell wider inside than its column
//! (`scrollWidth > clientWidth`), nothing past the page's right edge.
//!
//! Skipped, with a note, where Chromium is not installed; under CI (`CI`
//! set) a missing Chromium is a failure, and `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

const DECK_BUNDLED: &str = r#"version = 1
title = "US-China cyber: seminar 3"

[[items]]
kind = "heading"
text = "Norms and state responsibility"

[[items]]
kind = "point"
position = "us-2013-state-responsibility-norm"
note = "Don't reveal Part 3 yet.\n\n- ask who is responsible\n- then show the GGE"

[[items]]
kind = "point"
topic = "norms-code-of-conduct"
note = "Compare the two columns: the joint statement of 25 Sep 2015 is where both sides converged; ask the room to find the exact words in each column."

[[items]]
kind = "point"
matrix = "latest"
note = "The state of play."

[[items]]
kind = "point"
matrix = "2014-06"
"#;

const DECK_FOUR: &str = r#"version = 1

[[items]]
kind = "point"
matrix = "latest"
note = "Four parties: the narrowest columns."

[[items]]
kind = "point"
topic = "climate"
"#;

/// The script the page runs once laid out: every cell and block that
/// runs over, as lines in `<pre id="overflow">`.
const MEASURE: &str = r#"<script>
(function () {
  const out = [];
  const main = document.querySelector('main') || document.body;
  const right = main.getBoundingClientRect().right;
  const boxes = document.querySelectorAll('td, th, p, li, blockquote, .note, .point, h1, h2, h3, table, pre');
  for (const el of boxes) {
    const what = el.tagName.toLowerCase() + ': ' + el.textContent.replace(/\s+/g, ' ').trim().slice(0, 70);
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      out.push('runs over its box by ' + (el.scrollWidth - el.clientWidth) + 'px: ' + what);
    }
    if (el.getBoundingClientRect().right > right + 1) {
      out.push('past the page edge: ' + what);
    }
  }
  const count = document.querySelectorAll('td').length;
  const pre = document.createElement('pre');
  pre.id = 'overflow';
  pre.textContent = 'cells=' + count + '\n' + out.join('\n');
  document.body.appendChild(pre);
})();
</script>"#;

/// The browser, or `None` with a note where none is installed; under CI
/// (`.ci/run` installs it) a missing one fails the test instead.
fn chromium_or_skip() -> Option<PathBuf> {
    common::tool_or_skip(&["chromium", "chromium-browser", "google-chrome"])
}

/// The handout of `deck` over `data` (with the notes), from the binary.
fn handout(dir: &Path, data: &str, deck: &str) -> String {
    let deck_file = dir.join("deck.talking-points.toml");
    std::fs::write(&deck_file, deck).unwrap();
    let out = dir.join("handout.html");
    let status = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["--data", data, "--deck"])
        .arg(&deck_file)
        .args(["export", "--format", "html", "-o"])
        .arg(&out)
        .env_remove("DEMARCHE_DATA")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

/// The page as a printer lays it out: the print rules for all media, the
/// page's printable width, and the measuring script.
fn as_printed(html: &str) -> String {
    let html = html.replace("@media print", "@media all");
    html.replace("</body>", &format!("{MEASURE}\n</body>"))
}

/// What the script found, laid out `width` CSS pixels wide.
fn overflows(browser: &Path, dir: &Path, page: &str, width: u32) -> (usize, Vec<String>) {
    let file = dir.join(format!("printed-{width}.html"));
    std::fs::write(&file, page).unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            &format!("--window-size={width},1200"),
            "--dump-dom",
        ])
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom.find("<pre id=\"overflow\">").unwrap_or_else(|| {
        panic!(
            "the measuring script did not run:\n{}\n{}",
            dom,
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let report = &dom[start + "<pre id=\"overflow\">".len()..];
    let report = &report[..report.find("</pre>").unwrap()];
    let mut lines = report.lines();
    let cells = lines
        .next()
        .and_then(|l| l.strip_prefix("cells="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (cells, lines.map(str::to_string).collect())
}

/// The printable width in CSS pixels (96 per inch) of a page `mm` wide
/// with the handout's 16 mm side margins.
fn printable(mm: f64) -> u32 {
    ((mm - 32.0) / 25.4 * 96.0) as u32
}

#[test]
fn no_cell_or_block_of_the_handout_runs_over_at_a4_or_letter() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let cases = [
        (format!("{root}/positions.toml"), DECK_BUNDLED),
        (format!("{root}/tests/fixtures/matrix4.toml"), DECK_FOUR),
    ];
    let mut pages: Vec<(String, String)> = cases
        .iter()
        .map(|(data, deck)| (data.clone(), handout(dir.path(), data, deck)))
        .collect();
    // `matrix --format html` shares the handout's style sheet.
    let out = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["--data", &cases[0].0, "matrix", "--format", "html"])
        .env_remove("DEMARCHE_DATA")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    pages.push((
        "matrix --format html".into(),
        String::from_utf8(out.stdout).unwrap(),
    ));
    for (data, html) in &pages {
        assert!(
            html.contains("class=\"comparison matrix\""),
            "a matrix in the handout"
        );
        let page = as_printed(html);
        for (paper, mm) in [("A4", 210.0), ("Letter", 215.9)] {
            let (cells, over) = overflows(&browser, dir.path(), &page, printable(mm));
            assert!(cells > 8, "{data} at {paper}: only {cells} cells measured");
            assert!(over.is_empty(), "{data} at {paper}:\n{}", over.join("\n"));
        }
    }
}

#[test]
fn the_check_sees_a_cell_that_runs_over() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    // The handout before its cells wrapped: the date line kept whole.
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let html = handout(dir.path(), &format!("{root}/positions.toml"), DECK_BUNDLED).replace(
        "</style>",
        "table.comparison td .date { white-space: nowrap; }\n</style>",
    );
    let (_, over) = overflows(&browser, dir.path(), &as_printed(&html), printable(210.0));
    assert!(
        over.iter()
            .any(|l| l.starts_with("runs over its box") && l.contains("td: Agrees to a hotline")),
        "the old handout's overflow went unseen: {over:?}"
    );
}
