//! What the benches share: a wall clock and the calling thread's CPU
//! clock, since the machine the figures come from is shared and the
//! second is what the work costs whatever else runs.

#![allow(dead_code)] // each bench uses the clocks it needs

use std::time::{Duration, Instant};

/// A clock reading, as time since some fixed start.
pub type Clock = fn() -> Duration;

pub fn wall() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// CPU time used by the calling thread.
pub fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill in.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    assert!(ok, "the thread's CPU clock can be read");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}
