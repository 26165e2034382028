//! Issue 17's hostile cases against the real binary: a data file that
//! names files outside its folders, links planted at the paths demarche
//! writes, FIFOs and `/dev/zero` at every path it reads, an oversized
//! config. Each must be refused or harmless, with a clear message, at
//! once: every run here has a deadline.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

mod common;
use common::{mode, text};

/// A value only the environment holds: it must never be printed.
const SECRET: &str = "s3cr3t-token-in-the-environment";

/// The binary with `args` in a home of its own (config, data, state
/// under `home`), killed and failed if it runs past a few seconds.
fn run(home: &Path, args: &[&str]) -> Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_demarche"));
    let mut command = common::in_home(binary, args, home);
    command.env("DEMARCHE_TEST_SECRET", SECRET).env("COLUMNS", "200");
    let what = format!("demarche {args:?}");
    common::wait::output_within(&mut command, &what, Duration::from_secs(10))
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// The verify fixture in a folder of its own, with its first source's
/// `file` set to `file`.
fn data_naming(dir: &Path, file: &str) -> PathBuf {
    let data = fs::read_to_string("tests/fixtures/verify/data.toml").unwrap();
    let data = data.replacen("file = \"source.txt\"", &format!("file = \"{file}\""), 1);
    fs::copy("tests/fixtures/verify/source.txt", dir.join("source.txt")).unwrap();
    let path = dir.join("data.toml");
    fs::write(&path, data).unwrap();
    path
}

/// The line of `needle` in the file at `path`, 1-based.
fn line_of(path: &Path, needle: &str) -> usize {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn a_source_file_outside_the_folders_is_a_load_error_at_its_place() {
    let home = tempfile::tempdir().unwrap();
    for file in ["/proc/self/environ", "../../../../../../etc/passwd"] {
        let dir = tempfile::tempdir().unwrap();
        let data = data_naming(dir.path(), file);
        let line = line_of(&data, file);
        let shown = data.display().to_string();
        for command in ["verify", "check"] {
            let out = run(home.path(), &["--data", &shown, command]);
            let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
            assert_eq!(out.status.code(), Some(1), "{command} {file}: {stdout}{stderr}");
            assert!(
                stderr.contains(&format!(
                    "{shown}:{line}:8: error: \"file\" in source \"src\" is \"{file}\""
                )),
                "{command} {file}: {stderr}"
            );
            assert!(!stdout.contains(SECRET) && !stderr.contains(SECRET));
            assert!(
                !stdout.contains("root:") && !stderr.contains("root:x:"),
                "{stdout}{stderr}"
            );
        }
    }
}

#[test]
fn a_symlink_out_of_the_folder_counts_as_not_found_and_is_never_shown() {
    let home = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(
        &secret,
        format!("TOKEN={SECRET}\nWill not negotiate under pressure.\n"),
    )
    .unwrap();
    fs::copy(&secret, outside.path().join("source.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = data_naming(dir.path(), "texts/source.txt");
    // A folder link and a file link, both leading out.
    symlink(outside.path(), dir.path().join("texts")).unwrap();
    let sources = tempfile::tempdir().unwrap();
    fs::create_dir(sources.path().join("texts")).unwrap();
    symlink(&secret, sources.path().join("texts/source.txt")).unwrap();
    let out = run(
        home.path(),
        &[
            "--data",
            data.to_str().unwrap(),
            "verify",
            "--sources",
            sources.path().to_str().unwrap(),
        ],
    );
    let all = text(&out.stdout) + &text(&out.stderr);
    // Unverifiable, as a missing text is; with no text found at all,
    // verify proved nothing and exits 1.
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(!all.contains(SECRET), "{all}");
    assert!(all.contains("texts/source.txt: not found (looked in "), "{all}");
    assert_eq!(all.matches(": not read)").count(), 2, "both links named: {all}");
    assert!(all.contains("0 quotes verified in 0 sources"), "{all}");
}

#[test]
fn a_fifo_as_a_source_text_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = data_naming(dir.path(), "pipe.txt");
    mkfifo(&dir.path().join("pipe.txt"));
    let out = run(home.path(), &["--data", data.to_str().unwrap(), "verify"]);
    let all = text(&out.stdout) + &text(&out.stderr);
    // Unverifiable, not a mismatch; no text found at all, so exit 1.
    assert_eq!(out.status.code(), Some(1), "nothing proved: {all}");
    assert!(all.contains("no source text was found"), "{all}");
    assert!(
        all.contains("is a FIFO (named pipe), not a regular file; source texts must be regular files"),
        "{all}"
    );
}

#[test]
fn export_o_keeps_a_private_file_private_and_replaces_a_named_links_target() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("notes.md");
    fs::write(&out_file, "old private notes").unwrap();
    fs::set_permissions(&out_file, fs::Permissions::from_mode(0o600)).unwrap();
    let args = |o: &Path| {
        vec![
            "--data".to_string(),
            "tests/fixtures/valid.toml".to_string(),
            "export".to_string(),
            "-o".to_string(),
            o.display().to_string(),
        ]
    };
    let argv = args(&out_file);
    let out = run(home.path(), &argv.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(mode(&out_file), 0o600);
    assert_ne!(fs::read_to_string(&out_file).unwrap(), "old private notes");
    // -o naming a link: the user's choice, so its target is replaced.
    let link = dir.path().join("link.md");
    symlink(&out_file, &link).unwrap();
    fs::write(&out_file, "again").unwrap();
    let argv = args(&link);
    let out = run(home.path(), &argv.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_ne!(fs::read_to_string(&out_file).unwrap(), "again");
    assert_eq!(mode(&out_file), 0o600);
}

#[test]
fn a_link_planted_at_the_bibliography_beside_an_export_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let victim = home.path().join(".bashrc");
    fs::write(&victim, "alias ll='ls -l'\n").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o600)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("talk.md");
    let bibliography = dir.path().join("talk.references.json");
    symlink(&victim, &bibliography).unwrap();
    let out = run(
        home.path(),
        &[
            "--data",
            "tests/fixtures/valid.toml",
            "export",
            "--format",
            "pandoc",
            "-o",
            export.to_str().unwrap(),
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: cannot write: a symbolic link to {}",
            bibliography.display(),
            victim.display()
        )),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "alias ll='ls -l'\n");
    assert_eq!(mode(&victim), 0o600);
}

#[test]
fn a_fifo_or_dev_zero_at_the_deck_is_refused_by_export_at_once() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("talk.toml");
    fs::copy("tests/fixtures/valid.toml", &data).unwrap();
    let deck = dir.path().join("talk.talking-points.toml");
    for (plant, what) in [
        (None, "is a FIFO (named pipe), not a regular file"),
        (Some("/dev/zero"), "is a device, not a regular file"),
    ] {
        let _ = fs::remove_file(&deck);
        match plant {
            None => mkfifo(&deck),
            Some(target) => symlink(target, &deck).unwrap(),
        }
        let out = run(home.path(), &["--data", data.to_str().unwrap(), "export"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(what), "{stderr}");
        assert!(
            stderr.contains("talking-points files must be regular files"),
            "{stderr}"
        );
    }
}

/// Makes something at a path.
type Plant<'a> = &'a dyn Fn(&Path);

/// `config.toml` in `home`'s config folder (the folder made).
fn config_path(home: &Path) -> PathBuf {
    let dir = home.join("config/demarche");
    fs::create_dir_all(&dir).unwrap();
    dir.join("config.toml")
}

#[test]
fn a_fifo_dev_zero_or_oversized_config_is_reported_and_every_command_still_runs() {
    let home = tempfile::tempdir().unwrap();
    let config = config_path(home.path());
    let cases: [(Plant, &str); 3] = [
        (
            &|p| mkfifo(p),
            "is a FIFO (named pipe), not a regular file; config files must be regular files",
        ),
        (
            &|p| symlink("/dev/zero", p).unwrap(),
            "is a device, not a regular file",
        ),
        (
            &|p| fs::File::create(p).unwrap().set_len(3 * 1024 * 1024).unwrap(),
            "file is 3145728 bytes; config files are limited to 1 MiB",
        ),
    ];
    for (plant, want) in cases {
        let _ = fs::remove_file(&config);
        plant(&config);
        let out = run(home.path(), &["check", "tests/fixtures/valid.toml"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains(want), "{stderr}");
        assert!(stderr.contains("the default keys are kept"), "{stderr}");
    }
}

#[test]
fn a_hundred_thousand_bad_bindings_print_a_hundred_problems_then_a_count() {
    let home = tempfile::tempdir().unwrap();
    let lines: String = (0..100_000).map(|n| format!("a{n}=1\n")).collect();
    fs::write(config_path(home.path()), format!("[keys.browse]\n{lines}")).unwrap();
    let out = run(home.path(), &["check", "tests/fixtures/valid.toml"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches(": error: ").count(), 100);
    assert!(
        stderr.contains("config.toml: and 99900 more problems"),
        "{stderr}"
    );
    assert!(stderr.len() < 64 * 1024, "{} bytes of diagnostics", stderr.len());
}

#[test]
fn theme_takes_a_name_inside_the_themes_folder_or_a_path_with_a_slash() {
    let home = tempfile::tempdir().unwrap();
    let config = config_path(home.path());
    let themes = config.parent().unwrap().join("themes");
    fs::create_dir_all(&themes).unwrap();
    symlink("/dev/zero", themes.join("zero.toml")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let fifo = elsewhere.path().join("x.toml");
    mkfifo(&fifo);
    // The explorer checks its theme before it needs a terminal.
    for (theme, want) in [
        (
            "zero",
            "is a device, not a regular file; theme files must be regular files",
        ),
        (
            fifo.to_str().unwrap(),
            "is a FIFO (named pipe), not a regular file; theme files",
        ),
        ("../../x", "no such theme file"),
        ("x", "unknown theme \"x\""),
    ] {
        let out = run(
            home.path(),
            &["--theme", theme, "--data", "tests/fixtures/valid.toml"],
        );
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{theme}: {stderr}");
        assert!(stderr.contains(want), "{theme}: {stderr}");
    }
}
