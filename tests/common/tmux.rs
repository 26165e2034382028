//! The real binary in tmux, for the end-to-end tests: a detached
//! session on a tmux server of its own, keys sent, the screen read with
//! waits for what should appear or for the screen to settle (never fixed
//! sleeps), and after exit a check that the terminal is back in cooked
//! mode on the main screen.

use std::process::Command;
use std::time::{Duration, Instant};

use super::wait;

/// How long a wait for the screen gives up after.
const TIMEOUT: Duration = Duration::from_secs(15);
/// A screen this long without a change after a key: the key is taken in.
const KEY_QUIET: Duration = Duration::from_millis(150);
/// A screen this long without a change: the app has settled (longer than
/// the deck's autosave pause, `app::autosave::IDLE`, of 300 ms).
const STABLE_QUIET: Duration = Duration::from_millis(500);

/// Skips a test where tmux is missing, except on CI (`CI` set), where
/// that is a failure (`common::tool_or_skip`).
#[macro_export]
macro_rules! require_tmux {
    () => {
        if !$crate::common::have_tool("tmux") {
            return;
        }
    };
}

/// The arguments that open the explorer fixture.
pub fn fixture() -> String {
    let path: std::path::PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "explorer.toml"]
        .iter()
        .collect();
    format!("--data {}", path.display())
}

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `demarche ARGS` in a detached session; when it exits, the
    /// shell prints a marker and the terminal mode so tests can check it.
    pub fn start(name: &str, args: &str, width: u16, height: u16) -> Tmux {
        Tmux::start_env(name, "", args, width, height)
    }

    /// `start` with `env` (`NAME=value ...`) set for demarche.
    pub fn start_env(name: &str, env: &str, args: &str, width: u16, height: u16) -> Tmux {
        let bin = env!("CARGO_BIN_EXE_demarche");
        // After the app exits, `sleep 30` keeps the pane (and what the
        // shell printed) readable until the test drops the server.
        let script = format!(
            "env -u DEMARCHE_DATA {env} {bin} {args}; echo EXITED=$?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; sleep 30"
        );
        Tmux::run(name, &script, width, height)
    }

    /// Runs `script` in a detached session of its own tmux server.
    pub fn run(name: &str, script: &str, width: u16, height: u16) -> Tmux {
        let socket = format!("demarche-e2e-{name}-{}", std::process::id());
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .arg(script)
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Tmux { socket }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// Sends each key, and after each waits for the screen to settle
    /// (`KEY_QUIET` without a change): the app has taken the key in
    /// before the next is sent, so an Esc and the key after it never
    /// arrive together and read as Alt-key.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", k]);
            self.settle(KEY_QUIET);
        }
    }

    /// Waits until the screen contains `text`, failing with the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to show"), |screen| screen.contains(text))
    }

    /// Waits until `text` is gone from the screen, failing with the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |screen| !screen.contains(text))
    }

    /// Waits until the screen has not changed for `STABLE_QUIET` (the app
    /// has done all it will with what it was sent), and returns it: what
    /// a negative assertion looks at.
    pub fn wait_stable(&self) -> String {
        self.settle(STABLE_QUIET)
    }

    /// `wait_for`, reading the screen as one line: after a kill -9 the
    /// shell writes where the app left the cursor, so its line may wrap.
    pub fn wait_for_unwrapped(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to show"), |screen| {
            screen.replace('\n', "").contains(text)
        })
    }

    /// The screen, once `test` holds for it; fails after `TIMEOUT` with
    /// the last screen seen.
    fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let found = wait::within(TIMEOUT, || {
            last = self.screen();
            test(&last).then(|| last.clone())
        });
        found.unwrap_or_else(|| panic!("timed out waiting for {what}; screen:\n{last}"))
    }

    /// The screen once it has gone `quiet` without a change.
    fn settle(&self, quiet: Duration) -> String {
        let mut last = self.screen();
        let mut since = Instant::now();
        let settled = wait::within(TIMEOUT, || {
            let now = self.screen();
            if now != last {
                last = now;
                since = Instant::now();
                return None;
            }
            (since.elapsed() >= quiet).then(|| last.clone())
        });
        settled.unwrap_or_else(|| panic!("the screen never settled:\n{last}"))
    }

    /// After exit: the marker shows on the main screen and `icanon` is on.
    pub fn assert_restored(&self) {
        self.assert_restored_with(0);
    }

    /// `assert_restored`, with the exit status expected.
    pub fn assert_restored_with(&self, status: i32) {
        // The shell prints the exit status, then the terminal mode.
        self.wait_for("EXITED=");
        let screen = self.wait_for("icanon");
        assert!(
            screen.contains(&format!("EXITED={status}\n")),
            "exit status: {screen}"
        );
        assert!(
            screen.lines().any(|l| l.trim() == "icanon"),
            "terminal left in raw mode:\n{screen}"
        );
        assert!(
            !screen.contains("Topics"),
            "still on the alternate screen:\n{screen}"
        );
    }

    pub fn pid_of_app(&self) -> String {
        let pane_pid = self.tmux(&["display-message", "-p", "#{pane_pid}"]);
        let out = Command::new("pgrep")
            .args(["-P", pane_pid.trim()])
            .output()
            .expect("pgrep runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
