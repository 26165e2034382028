//! End-to-end capture: in tmux, `demarche read` on a source, words
//! selected with the keys, captured, a stance typed, saved; then the
//! position is in the file, in `list --json`, and `verify` proves its
//! quote. Skipped where tmux is missing, except on CI.

mod common;

use common::curate::fisheries;
use common::succeeds;
use common::tmux::Tmux;

#[test]
fn select_capture_type_save_and_find_the_position() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    let file = fisheries(dir.path());
    let f = file.to_str().unwrap();
    let run = succeeds;

    let t = Tmux::start("capture", &format!("--data {f} read minutes"), 120, 40);
    t.wait_for("Minutes of the fisheries round, 3 March 2020.");
    // Down to the delegate's line, then word by word to "We".
    t.keys(&["j", "j", "w", "w", "w", "w", "w", "w", "v"]);
    t.wait_for("selecting: move to extend");
    // Six whole words, "We" to "cap", and end the selection.
    t.keys(&["w", "w", "w", "w", "w", "w", "v", "c"]);
    let form = t.wait_for("New position from Minutes");
    assert!(form.contains("We will never accept a cap"), "{form}");
    assert!(form.contains("quote"), "inside quotation marks: {form}");
    t.keys(&[
        "N", "e", "v", "e", "r", " ", "a", " ", "c", "a", "p", "Tab", "Tab", "n", "o", "r", "Tab", "q", "u",
        "o", "Enter",
    ]);
    // The explorer reloads the file and shows the new position, selected.
    let screen = t.wait_for("Never a cap");
    assert!(
        screen.contains("added position north-2020-03-03-never-cap"),
        "{screen}"
    );
    t.keys(&["q"]);
    t.assert_restored();

    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("quote = \"We will never accept a cap\""),
        "{written}"
    );
    assert!(written.contains("evidence = \"quote\""), "{written}");
    let list = run(&["--data", f, "list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let p = &json["positions"][0];
    assert_eq!(p["stance"], "Never a cap");
    assert_eq!(p["actor"], "north");
    assert_eq!(p["topic"], "quota");
    assert_eq!(p["quote"], "We will never accept a cap");
    run(&["--data", f, "verify"]);
}
