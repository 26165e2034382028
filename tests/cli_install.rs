//! Installing like a Rust CLI: completions, the manual page, `--help`
//! that leads with each command's own options, and a binary that, once
//! copied out of the checkout, uses the data embedded in it.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

mod common;
use common::stdout;

/// `binary` with `args` in `home`, at a fixed width.
fn run(binary: &Path, args: &[&str], home: &Path) -> Output {
    // A just-copied binary can be "text file busy" while another test
    // thread's fork still holds the copy's write handle: wait until the
    // copy runs.
    let ran = common::wait::within(Duration::from_secs(5), || {
        match common::in_home(binary, args, home).env("COLUMNS", "120").output() {
            Err(e) if e.raw_os_error() == Some(26) => None,
            result => Some(result.expect("binary runs")),
        }
    });
    ran.unwrap_or_else(|| panic!("{} stayed busy", binary.display()))
}

/// The binary from the build with `args`, in a fresh home.
fn fresh(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    run(Path::new(env!("CARGO_BIN_EXE_demarche")), args, home.path())
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef demarche"),
        ("fish", "complete -c demarche"),
        ("elvish", "edit:completion:arg-completer[demarche]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = fresh(&["completions", shell]);
        assert!(
            out.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell} script lacks {marker:?}");
        for command in ["check", "list", "search", "export", "present"] {
            assert!(script.contains(command), "{shell} completions lack {command}");
        }
    }
}

#[test]
fn completions_refuse_an_unknown_shell() {
    let out = fresh(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values"));
}

#[test]
fn the_manual_page_is_roff_and_names_the_commands() {
    let out = fresh(&["man"]);
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.contains(".TH demarche 1"), "no title header");
    assert!(page.contains(".SH NAME"));
    for command in [
        "check",
        "verify",
        "list",
        "search",
        "export",
        "present",
        "console",
        "completions",
    ] {
        assert!(
            page.contains(&format!(".SS \"demarche {command}\"")),
            "the page does not describe {command}"
        );
    }
    // It names no page that does not exist (demarche-check(1) and such).
    assert!(!page.contains("demarche\\-"), "names other pages:\n{page}");
    assert!(
        page.contains("\\-\\-strict"),
        "each command's own options are on the page"
    );
    // man reads the page back as a reader would (skipped without man,
    // a failure under CI, where .ci/run installs it).
    if common::have_tool("man") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("demarche.1");
        std::fs::write(&file, &out.stdout).unwrap();
        let shown = Command::new("man")
            .args(["-l", "-P", "cat"])
            .arg(&file)
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(
            text.contains("Explore negotiation positions"),
            "man -l shows: {text}"
        );
    } else {
        eprintln!("note: man is not installed; the roff was checked as text only");
    }
}

#[test]
fn each_command_lists_its_own_options_before_the_global_ones() {
    for command in ["list", "search", "export", "changes"] {
        let out = fresh(&[command, "--help"]);
        let help = stdout(&out);
        let own = help
            .find("Options:")
            .unwrap_or_else(|| panic!("{command}: {help}"));
        let global = help
            .find("Global options:")
            .unwrap_or_else(|| panic!("{command}: {help}"));
        assert!(own < global, "{command}: own options come first");
        let globals = &help[global..];
        for option in ["--data", "--theme", "--no-mouse", "--deck"] {
            assert!(
                globals.contains(option),
                "{command}: {option} under Global options"
            );
            assert!(
                !help[own..global].contains(option),
                "{command}: {option} not among its own"
            );
        }
    }
}

#[test]
fn search_rows_lead_with_date_actor_and_stance_and_keep_the_score_for_json() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/explorer.toml");
    let out = fresh(&["--data", fixture, "search", "opposes", "--limit", "1"]);
    let line = stdout(&out);
    let cells: Vec<&str> = line.trim_end().split("  ").filter(|c| !c.is_empty()).collect();
    assert_eq!(
        cells,
        [
            "Jun 2020",
            "東方",
            "東方国は関税に反対する: opposes all tariffs.",
            "Tariffs",
            "Stance"
        ],
        "date, actor, stance, topic, matched fields; no score"
    );
    let json = stdout(&fresh(&["--data", fixture, "search", "opposes", "--json"]));
    assert!(json.contains("\"score\""), "the score stays in the JSON");
}

/// A release or debug binary copied out of the checkout (as `cargo
/// install` places it) must not read or write the checkout.
#[test]
fn a_binary_outside_the_checkout_uses_the_embedded_data() {
    let home = tempfile::tempdir().unwrap();
    let installed = home.path().join("bin").join("demarche");
    std::fs::create_dir_all(installed.parent().unwrap()).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_demarche"), &installed).unwrap();
    let out = run(&installed, &["check"], home.path());
    let said = String::from_utf8_lossy(&out.stderr).into_owned() + &stdout(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("(bundled)"), "embedded data named as such: {said}");
    assert!(
        !said.contains(env!("CARGO_MANIFEST_DIR")),
        "the checkout is never read: {said}"
    );

    let inside = run(Path::new(env!("CARGO_BIN_EXE_demarche")), &["check"], home.path());
    let said = String::from_utf8_lossy(&inside.stderr).into_owned() + &stdout(&inside);
    assert!(said.contains("positions.toml"), "{said}");
    assert!(
        !said.contains("(bundled)"),
        "run from the checkout, the file on disk is read: {said}"
    );
}
