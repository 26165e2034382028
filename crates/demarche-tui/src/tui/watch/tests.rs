use super::*;

const MS: Duration = Duration::from_millis(1);

fn stamp_of(len: u64) -> Option<Stamp> {
    let kind = std::fs::metadata(".").unwrap().file_type();
    Some(Stamp {
        modified: None,
        len,
        kind,
        inode: 1,
    })
}

#[test]
fn a_change_is_loaded_once_the_file_has_been_quiet() {
    let t0 = Instant::now();
    let mut d = Debounce::new(stamp_of(10), 400 * MS);
    assert!(!d.observe(stamp_of(10), t0), "no change, nothing to do");
    // An editor writes half the file, then the rest 200 ms later.
    assert!(!d.observe(stamp_of(4), t0 + 100 * MS));
    assert!(d.settling());
    assert!(!d.observe(stamp_of(4), t0 + 300 * MS));
    assert!(
        !d.observe(stamp_of(12), t0 + 300 * MS),
        "the second write restarts the wait"
    );
    assert!(!d.observe(stamp_of(12), t0 + 600 * MS));
    assert!(d.observe(stamp_of(12), t0 + 700 * MS), "quiet for 400 ms: load");
    assert!(!d.settling());
    assert!(!d.observe(stamp_of(12), t0 + 2_000 * MS), "loaded once only");
}

#[test]
fn a_missing_file_waits_until_it_is_back() {
    let t0 = Instant::now();
    let mut d = Debounce::new(stamp_of(10), 400 * MS);
    assert!(!d.observe(None, t0));
    assert!(
        !d.observe(None, t0 + 5_000 * MS),
        "gone (mid-save): nothing to load"
    );
    assert!(!d.observe(stamp_of(11), t0 + 5_100 * MS));
    assert!(d.observe(stamp_of(11), t0 + 5_500 * MS));
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Polls `feed` (with a clock running far ahead, so any wait is over)
/// until it hands back a load's outcome, or gives up after a generous
/// while. The load must have been announced first (`Reloading`), once.
fn next_action(feed: &mut DataFeed, from: Instant) -> Action {
    let mut announced = 0;
    for i in 0..2_000u64 {
        match feed.poll(from + Duration::from_secs(i + 1)) {
            Some(Action::Reloading) => announced += 1,
            Some(action) => {
                assert_eq!(announced, 1, "announced once before its outcome: {action:?}");
                return action;
            }
            None => thread::sleep(10 * MS),
        }
    }
    panic!("no answer from the loader");
}

const GOOD: &str = include_str!("../../../../../tests/fixtures/valid.toml");

#[test]
fn a_half_written_file_never_shows_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    write(&path, GOOD);
    let mut feed = DataFeed::with_quiet(Some(path.clone()), 400 * MS);
    let t0 = Instant::now();
    assert!(feed.poll(t0).is_none());
    write(&path, &GOOD[..GOOD.len() / 2]);
    assert!(feed.poll(t0 + 200 * MS).is_none(), "seen, but not quiet yet");
    write(&path, &GOOD.replace("format = 1", "format = 1\n# edited"));
    assert!(feed.poll(t0 + 400 * MS).is_none(), "changed again: wait again");
    let action = next_action(&mut feed, t0 + 400 * MS);
    assert!(matches!(action, Action::Reloaded(_)), "{action:?}");
}

#[cfg(unix)]
#[test]
fn a_fifo_swapped_in_is_reported_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    write(&path, GOOD);
    let mut feed = DataFeed::with_quiet(Some(path.clone()), 400 * MS);
    let t0 = Instant::now();
    std::fs::remove_file(&path).unwrap();
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    assert!(feed.poll(t0).is_none());
    match next_action(&mut feed, t0) {
        Action::ReloadFailed(lines) => {
            assert!(
                lines[0].contains("is a FIFO (named pipe), not a regular file"),
                "{lines:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    // Asked by hand (r), the answer is the same and comes back too.
    assert!(feed.reload().is_none());
    assert!(matches!(next_action(&mut feed, t0), Action::ReloadFailed(_)));
}

#[test]
fn a_reload_of_the_bundled_data_says_why_not() {
    let mut feed = DataFeed::new(None);
    assert!(matches!(feed.reload(), Some(Action::Notify(_))));
    assert!(feed.poll(Instant::now()).is_none());
}

#[test]
fn a_failed_load_of_a_file_changed_meanwhile_is_superseded_not_shown() {
    let failed = || Action::ReloadFailed(vec!["p.toml:1:1: broken".into()]);
    assert!(matches!(outcome(failed(), true), Action::ReloadSuperseded));
    assert!(matches!(outcome(failed(), false), Action::ReloadFailed(_)));
    let loaded = || Action::Reloaded(Box::default());
    assert!(
        matches!(outcome(loaded(), true), Action::Reloaded(_)),
        "good data is good"
    );
}

#[test]
fn a_load_that_panics_is_a_failed_load_and_the_loader_goes_on() {
    fn boom(_: &Path) -> Action {
        panic!("boom")
    }
    let mut loader = Loader::spawn_with(boom);
    for _ in 0..2 {
        loader.request(Path::new("p.toml"));
        let mut answer = None;
        for _ in 0..2_000 {
            answer = loader.answer();
            if answer.is_some() {
                break;
            }
            thread::sleep(10 * MS);
        }
        match answer {
            Some(Action::ReloadFailed(lines)) => {
                assert!(
                    lines[0].contains("p.toml: loading stopped unexpectedly"),
                    "{lines:?}"
                );
                assert!(lines[0].contains("boom"), "{lines:?}");
            }
            other => panic!("{other:?}"),
        }
    }
}
