//! No input makes the loader panic: arbitrary bytes, and random mutations
//! of the bundled file (byte flips, deletions, insertions of TOML syntax).

use demarche_core::load::{BUNDLED, load_bytes};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, &'static str),
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match *m {
        Mutation::Flip(at, b) => {
            let at = at % len;
            if let Some(x) = bytes.get_mut(at) {
                *x = b;
            }
        }
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Insert(at, s) => {
            let at = (at % len).min(bytes.len());
            bytes.splice(at..at, s.bytes());
        }
    }
}

const SNIPPETS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "\"",
    "'''",
    "\"\"\"",
    "=",
    "\n",
    "#",
    "\\",
    ",",
    "id = \"x\"",
    "date = 2015-02-30",
    "\u{0}",
    "\u{1b}[2J",
    "é",
    "習",
    "\r\n",
    "[[positions]]\n",
    "actor = \"nope\"",
    "9999999999999999999999",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), 0usize..200).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), proptest::sample::select(SNIPPETS)).prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = load_bytes("fuzz.toml", &bytes);
    }

    #[test]
    fn mutated_bundled_file_never_panics(mutations in proptest::collection::vec(mutation(), 1..8)) {
        let mut bytes = BUNDLED.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        match load_bytes("fuzz.toml", &bytes) {
            Ok(loaded) => prop_assert!(!loaded.dataset.actors.is_empty()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
