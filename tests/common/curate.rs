//! A small negotiation made from nothing with the real binary, as a new
//! user would: a source text, `demarche new` for two parties, an observer
//! and two topics, and `add source` with the text.

use std::path::{Path, PathBuf};

use super::succeeds;

/// The source text: a quoted sentence and a described one.
pub const MINUTES: &str = "Minutes of the fisheries round, 3 March 2020.\n\n\
The Northland delegate said: \"We will never accept a cap on catches.\" \
Southland replied that quotas must follow the science.\n";

/// `talks.toml` in `dir`, with the source `minutes` (by Anna Analyst, an
/// observer) whose text is `texts/minutes.txt`.
pub fn fisheries(dir: &Path) -> PathBuf {
    let file = dir.join("talks.toml");
    let f = file.to_str().unwrap();
    succeeds(&[
        "new",
        f,
        "--title",
        "Fisheries round",
        "--party",
        "north:Northland",
        "--party",
        "south:Southland",
        "--observer",
        "anna:Anna Analyst",
        "--topic",
        "quota:Quotas",
        "--topic",
        "access:Port access",
    ]);
    std::fs::create_dir(dir.join("texts")).unwrap();
    let text = dir.join("texts/minutes.txt");
    std::fs::write(&text, MINUTES).unwrap();
    let out = succeeds(&[
        "--data",
        f,
        "add",
        "source",
        "--id",
        "minutes",
        "--title",
        "Minutes",
        "--file",
        text.to_str().unwrap(),
        "--date",
        "2020-03-03",
        "--author",
        "Anna Analyst",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "minutes\n");
    file
}
