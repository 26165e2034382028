//! Crash safety: a child process saves a large deck in a tight loop and
//! is killed (SIGKILL on Unix) at random moments; after every kill the
//! deck file must be one whole version, old or new, never a partial one.
//!
//! The child is this test binary itself, running only the ignored helper
//! test below, which does nothing unless the parent set `DIR_VAR`.
//!
//! Encoding takes most of a save's time, so a kill would rarely land
//! while bytes are being written. The helper therefore writes through a
//! slow writer, as on a slow disk: every other step of the save is real.

use std::fs;
use std::hash::{BuildHasher, RandomState};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::file::parse;
use super::write::save_with;
use super::*;
use crate::atomic::Purpose;

const DIR_VAR: &str = "DEMARCHE_DECK_CRASH_DIR";
const FIRST_VAR: &str = "DEMARCHE_DECK_CRASH_FIRST";
/// Printed by the helper once its first save is complete.
const SAVED_ONCE: &str = "crash-helper: saved once";
const KILLS: u64 = 8;
/// The helper stops by itself after this, should the parent die first.
const HELPER_LIFETIME: Duration = Duration::from_secs(60);

/// A deck of a few hundred kilobytes, so a kill often lands mid-write;
/// every generation differs throughout, so a mix of two is detectable.
fn big_deck(generation: u64) -> Deck {
    let mut deck = Deck::new(Some(format!("generation {generation}")), Vec::new());
    for i in 0..2000 {
        if i % 50 == 0 {
            deck.insert_heading(deck.len(), format!("Section {i}, generation {generation}"));
        }
        deck.pin(Target::Position(format!("position-{i}")));
        let note = format!("Note {i}, generation {generation}.\nSecond line: «détail» 🙂");
        deck.set_note(deck.len() - 1, note);
    }
    deck
}

fn generation_of(deck: &Deck) -> u64 {
    let title = deck.title.as_deref().unwrap_or_default();
    let number = title.strip_prefix("generation ").expect("a generation title");
    number.parse().expect("a generation number")
}

/// Writes in small pieces with pauses, widening the window in which a
/// kill finds a half-written file.
fn slow_write(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
    for chunk in bytes.chunks(8 * 1024) {
        file.write_all(chunk)?;
        std::thread::sleep(Duration::from_millis(1));
    }
    Ok(())
}

fn deck_path(dir: &Path) -> PathBuf {
    dir.join("crash.talking-points.toml")
}

#[test]
#[ignore = "run as a child process by crash_during_save_leaves_a_whole_deck"]
fn crash_helper_save_loop() {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return;
    };
    let path = deck_path(Path::new(&dir));
    let first: u64 = std::env::var(FIRST_VAR).unwrap().parse().unwrap();
    let started = Instant::now();
    for generation in first.. {
        save_with(
            &path,
            Default::default(),
            &big_deck(generation),
            Purpose::NamedDeck,
            slow_write,
        )
        .unwrap();
        if generation == first {
            println!("{SAVED_ONCE}");
        }
        if started.elapsed() > HELPER_LIFETIME {
            break;
        }
    }
}

/// Kills the child however the test ends, so no helper outlives it.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_helper(dir: &Path, first: u64) -> KillOnDrop {
    // Test names are module paths without the crate name.
    let module = module_path!().split_once("::").expect("inside a crate").1;
    let name = format!("{module}::crash_helper_save_loop");
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            name.as_str(),
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DIR_VAR, dir)
        .env(FIRST_VAR, first.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    KillOnDrop(child)
}

fn wait_for_first_save(child: &mut Child) {
    let stdout = child.stdout.take().expect("piped stdout");
    let saved = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        // libtest prints the test's name on the same line first.
        .any(|line| line.ends_with(SAVED_ONCE));
    assert!(saved, "the helper exited before saving");
}

/// 0 to 150 ms: several saves' worth, so kills land at varied points.
fn random_delay() -> Duration {
    Duration::from_micros(RandomState::new().hash_one(Instant::now()) % 150_000)
}

#[test]
fn crash_during_save_leaves_a_whole_deck() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_path(dir.path());
    save(&path, &big_deck(0)).unwrap();
    for round in 1..=KILLS {
        let first = round * 1_000_000;
        let mut child = spawn_helper(dir.path(), first);
        wait_for_first_save(&mut child.0);
        std::thread::sleep(random_delay());
        child.0.kill().unwrap();
        child.0.wait().unwrap();

        let bytes = fs::read(&path).expect("the deck file survives the kill");
        let deck = parse(&bytes).unwrap_or_else(|e| panic!("round {round}: deck unreadable: {e:?}"));
        let generation = generation_of(&deck);
        assert!(generation >= first, "round {round}: the child's saves were lost");
        assert!(
            deck == big_deck(generation),
            "round {round}: a mixed or partial deck"
        );
    }
}
