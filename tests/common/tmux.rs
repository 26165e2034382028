//! The real binary in tmux, for the end-to-end tests: a detached session
//! on a tmux server of its own, its screen read back, and after exit a
//! check that the terminal was restored.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
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

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", k]);
            sleep(Duration::from_millis(60));
        }
    }

    /// Waits until the screen contains `text`, failing with the screen.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// `wait_for`, reading the screen as one line: after a kill -9 the
    /// shell writes where the app left the cursor, so its line may wrap.
    pub fn wait_for_unwrapped(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.replace('\n', "").contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
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

/// Returns from the test, with a note, where tmux is not installed; under
/// CI (`CI` set, where `.ci/run` installs it) a missing tmux fails instead.
#[macro_export]
macro_rules! require_tmux {
    () => {
        if !$crate::common::tmux::have_tmux() {
            assert!(std::env::var_os("CI").is_none(), "tmux is missing under CI");
            eprintln!("tmux not installed: end-to-end test skipped");
            return;
        }
    };
}
