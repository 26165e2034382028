//! Reading a file in parts must be reading it whole: the same dataset,
//! places and diagnostics (in the order the report shows them) for every
//! file the parts path accepts, broken or not. The parts path builds each
//! batch of positions as it reads it, so it finds problems in another
//! order than the whole path; the report puts them in file order.

use super::parts::{self, Validated};
use super::validate_whole;

/// Both readings of `text`; `None` when the parts path hands it to the
/// whole one (then they cannot differ).
fn both(text: &str) -> Option<(Validated, Validated)> {
    Some((parts::validate(text)?, validate_whole(text)))
}

fn assert_same(text: &str, what: &str) -> bool {
    let Some((mut in_parts, mut whole)) = both(text) else {
        return false;
    };
    crate::diagnostic::in_file_order(&mut in_parts.1);
    crate::diagnostic::in_file_order(&mut whole.1);
    assert_eq!(in_parts.1, whole.1, "diagnostics differ: {what}");
    assert_eq!(in_parts.0, whole.0, "dataset or places differ: {what}");
    true
}

/// A small deterministic generator (xorshift), so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// One line-level change to a file, of the kinds a hand edit makes:
/// each can break a key, a value, an id, a reference or the structure.
fn mutate(lines: &mut Vec<String>, rng: &mut Rng) -> String {
    let at = rng.below(lines.len());
    let line = lines[at].clone();
    let other = lines[rng.below(lines.len())].clone();
    match rng.below(9) {
        0 => {
            lines.remove(at);
            format!("removed line {}", at + 1)
        }
        1 => {
            lines.insert(at, line);
            format!("repeated line {}", at + 1)
        }
        2 => {
            lines[at] = other;
            format!("line {} replaced by another line", at + 1)
        }
        3 => {
            lines.insert(at, "[[actors]]\nid = \"zz\"\nname = \"Z\"".into());
            format!("an actor inserted before line {}", at + 1)
        }
        4 => {
            lines.insert(at, "[positions.extra]\nx = 1".into());
            format!("a sub-table of positions before line {}", at + 1)
        }
        5 => {
            lines[at] = line.replacen('-', "_", 1).replacen('e', "", 1);
            format!("line {} misspelt", at + 1)
        }
        6 => {
            lines[at] = line.replacen('"', "", 1);
            format!("a quote mark dropped on line {}", at + 1)
        }
        7 => {
            lines.insert(at, "[[positions]] # a comment\nid = \"p-new\"".into());
            format!("a position without most keys before line {}", at + 1)
        }
        _ => {
            lines.insert(at, "note = \"\"\"\n[[positions]]\n\"\"\"".into());
            format!("a header inside a string before line {}", at + 1)
        }
    }
}

fn variants(base: &str, seeds: u64, per_file: usize) -> (usize, usize) {
    let mut checked = 0;
    let mut in_parts = 0;
    for seed in 1..=seeds {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
        let mut what = Vec::new();
        for _ in 0..1 + rng.below(per_file) {
            what.push(mutate(&mut lines, &mut rng));
        }
        let text = lines.join("\n") + "\n";
        checked += 1;
        if assert_same(&text, &format!("seed {seed}: {}", what.join(", "))) {
            in_parts += 1;
        }
    }
    (checked, in_parts)
}

#[test]
fn the_bundled_and_a_synthetic_file_read_the_same_in_parts() {
    assert!(assert_same(super::BUNDLED, "the bundled file"));
    let crlf = super::BUNDLED.replace('\n', "\r\n");
    assert!(assert_same(&crlf, "the bundled file with CRLF line ends"));
    let synthetic = crate::synthetic::generate(2_000, 3);
    assert!(assert_same(&synthetic, "2,000 synthetic positions"));
    let loaded = super::load_str("s.toml", &synthetic).unwrap();
    assert_eq!(loaded.dataset.positions.len(), 2_000);
}

#[test]
fn broken_variants_read_the_same_in_parts() {
    let (checked, in_parts) = variants(super::BUNDLED, 400, 3);
    // Many variants stay readable in parts (the others have syntax
    // errors and are read whole): the comparison is not empty.
    assert!(in_parts * 3 > checked, "{in_parts} of {checked} read in parts");
    let synthetic = crate::synthetic::generate(300, 5);
    let (checked, in_parts) = variants(&synthetic, 200, 4);
    assert!(in_parts * 3 > checked, "{in_parts} of {checked} read in parts");
}

#[test]
fn tables_after_the_positions_are_read_in_place() {
    let text = format!("{}\n[[actors]]\nid = \"late\"\nname = \"Late\"\n", super::BUNDLED);
    assert!(assert_same(&text, "an actor after every position"));
    let (dataset, _) = parts::validate(&text).unwrap();
    assert!(dataset.unwrap().0.actors.iter().any(|a| a.id == "late"));
}

#[test]
fn a_header_inside_a_string_or_a_syntax_error_is_read_whole() {
    let broken = format!("{}\n[[positions]]\nid = \"p\n", super::BUNDLED);
    assert!(parts::validate(&broken).is_none());
    let nothing = "format = 1\ntitle = \"t\"\n";
    assert!(parts::validate(nothing).is_none());
}
