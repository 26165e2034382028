//! Waiting on a condition, never for a fixed time: every pause in the
//! tests is a poll of something that must become true before a deadline.

use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// How long a run that must not hang is given before it counts as hung.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// How often a condition is looked at again.
const POLL: Duration = Duration::from_millis(20);

/// Calls `probe` until it gives a value, and returns it; `None` if
/// `timeout` passes first (the caller fails, saying what it last saw).
pub fn within<T>(timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = probe() {
            return Some(value);
        }
        if start.elapsed() >= timeout {
            return None;
        }
        std::thread::sleep(POLL);
    }
}

/// Waits until `condition` holds, panicking with `what` after `timeout`.
pub fn until(what: &str, timeout: Duration, mut condition: impl FnMut() -> bool) {
    let held = within(timeout, || condition().then_some(()));
    assert!(held.is_some(), "timed out after {timeout:?}: {what}");
}

/// Waits for `child` to exit; kills it and fails if it runs past
/// `timeout` (a hang is a bug the test must report, not sit through).
pub fn exit_of(child: &mut Child, what: &str, timeout: Duration) -> ExitStatus {
    let exited = within(timeout, || child.try_wait().expect("the child can be waited on"));
    exited.unwrap_or_else(|| {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{what} hangs (still running after {timeout:?})")
    })
}

/// Runs `command` with no input and its output read on threads (so a
/// chatty child cannot block), failing if it runs past `timeout`.
pub fn output_within(command: &mut Command, what: &str, timeout: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let read = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = r.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    let status = exit_of(&mut child, what, timeout);
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}
