//! End-to-end, presenting: pinning and presenting, the console in a second
//! window driving the room's screen, two instances sharing one deck file,
//! hand edits kept and broken ones never written over. The real binary in
//! tmux; each test reads the screen, and
//! checks after exit that the terminal is back in cooked mode on the
//! main screen. Skipped (with a note) where tmux is not installed, and
//! failed under CI (`CI` set), where `.ci/run` installs it.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::scratch_copy;
use common::tmux::Tmux;

#[test]
fn pin_present_next_and_quit() {
    require_tmux!();
    let (dir, data) = scratch_copy();
    let t = Tmux::start("present", &format!("--data {}", data.display()), 100, 30);
    t.wait_for("1/2 Tariffs");
    t.keys(&["m", "l", "m"]);
    t.wait_for("pinned position \"south-tariffs-1\"");
    let deck = std::fs::read_to_string(dir.path().join("positions.talking-points.toml")).unwrap();
    assert!(
        deck.contains("north-tariffs-1") && deck.contains("south-tariffs-1"),
        "{deck}"
    );
    t.keys(&["P"]);
    let screen = t.wait_for("1/2");
    assert!(
        screen.contains("Steel tariffs are lawful retaliation"),
        "{screen}"
    );
    t.keys(&["Space"]);
    let screen = t.wait_for("2/2");
    assert!(screen.contains("Les tarifs violent les règles"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("Topics");
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn a_half_saved_data_file_never_covers_a_slide_and_p_resumes() {
    require_tmux!();
    let (_dir, data) = scratch_copy();
    let t = Tmux::start("present-reload", &format!("--data {}", data.display()), 100, 30);
    t.wait_for("1/2 Tariffs");
    t.keys(&["m", "l", "m", "P", "Space"]);
    t.wait_for("2/2");
    let good = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, &good[..good.len() / 2]).unwrap();
    let screen = t.wait_for("data file has errors (e)");
    assert!(screen.contains("Les tarifs violent les règles"), "{screen}");
    assert!(!screen.contains("showing the last good data"), "{screen}");
    assert!(!screen.contains("positions.toml:"), "{screen}");
    t.keys(&["e"]);
    t.wait_for("positions.toml:");
    t.keys(&["Escape"]);
    std::fs::write(&data, &good).unwrap();
    t.wait_for("reloaded");
    t.keys(&["q"]);
    t.wait_for("Topics");
    t.keys(&["P"]);
    let screen = t.wait_for("2/2");
    assert!(
        screen.contains("Les tarifs violent les règles"),
        "P resumes: {screen}"
    );
    t.keys(&["q"]);
    t.wait_for("Topics");
    t.keys(&["q"]);
    t.assert_restored();
}

/// A deck of three slides beside `data`; the second has a note that must
/// never reach the room.
fn write_deck(data: &std::path::Path) {
    let deck = "version = 1\n\n\
        [[items]]\nkind = \"point\"\nposition = \"north-tariffs-1\"\n\n\
        [[items]]\nkind = \"point\"\nposition = \"south-tariffs-1\"\nnote = \"SECRET-NOTE: ask the room first\"\n\n\
        [[items]]\nkind = \"point\"\nposition = \"south-talks\"\n";
    std::fs::write(data.with_file_name("positions.talking-points.toml"), deck).unwrap();
}

/// A scratch copy of the fixture with a deck, and a runtime dir of its
/// own (so no other run's socket is found): the directory, the data
/// file, the environment and the arguments for `present` and `console`.
fn two_screens() -> (tempfile::TempDir, PathBuf, String, String) {
    let (dir, data) = scratch_copy();
    write_deck(&data);
    let runtime = dir.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let env = format!("XDG_RUNTIME_DIR={}", runtime.display());
    let args = format!("--data {}", data.display());
    (dir, data, env, args)
}

#[test]
fn console_in_a_second_window_drives_the_presentation() {
    require_tmux!();
    let (_dir, data, env, args) = two_screens();
    let room = Tmux::start_env("room", &env, &format!("{args} present"), 100, 30);
    room.wait_for("1/3");
    let console = Tmux::start_env(
        "console",
        &env,
        &format!("{args} console --duration 45m"),
        100,
        30,
    );
    console.wait_for("connected · slide 1/3");

    console.keys(&["Space"]);
    let screen = room.wait_for("2/3");
    assert!(screen.contains("Les tarifs violent"), "{screen}");
    assert!(
        !screen.contains("SECRET-NOTE"),
        "notes on the room's screen:\n{screen}"
    );
    console.wait_for("SECRET-NOTE");

    // A half-saved data file: the console says so, the room sees the slide.
    let good = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, good.replace("name = \"Northland\"", "name = 42")).unwrap();
    console.wait_for("the room still sees the last good data");
    let screen = room.screen();
    assert!(
        screen.contains("Les tarifs violent") && !screen.contains("positions.toml:"),
        "{screen}"
    );
    std::fs::write(&data, good).unwrap();
    // The room takes the fixed file back; its notice must not land later,
    // over what the console is told below.
    console.wait_for("room: reloaded");

    let second = Tmux::start_env("room2", &env, &format!("{args} present"), 100, 30);
    second.wait_for("already presenting this deck");
    second.wait_for("EXITED=1");

    let pid = console.pid_of_app();
    assert!(!pid.is_empty(), "console process not found");
    Command::new("kill").args(["-9", &pid]).status().unwrap();
    console.wait_for_unwrapped("EXITED=137");
    room.keys(&["Space"]);
    let screen = room.wait_for("3/3");
    assert!(!screen.contains("SECRET-NOTE"), "{screen}");

    let again = Tmux::start_env("console2", &env, &format!("{args} console"), 100, 30);
    again.wait_for("connected · slide 3/3");
    again.keys(&["p"]);
    room.wait_for("2/3");
    assert!(!room.screen().contains("SECRET-NOTE"));

    // Leaving the presentation (to the explorer) with a console attached
    // takes a second press; the console is told. Then it is noticed.
    room.keys(&["q"]);
    again.wait_for("again within 2 s leaves");
    assert!(room.screen().contains("2/3"), "one q does not leave");
    room.keys(&["q"]);
    room.wait_for("Topics");
    again.wait_for("the presentation closed");
    room.keys(&["q"]);
    room.assert_restored();
    again.keys(&["q"]);
    again.assert_restored();
}

#[test]
fn a_runtime_dir_too_long_for_a_socket_falls_back_and_no_socket_is_said() {
    require_tmux!();
    let (dir, data) = scratch_copy();
    write_deck(&data);
    let private = |path: &std::path::Path| {
        std::fs::create_dir_all(path).unwrap();
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    };
    // A runtime dir whose socket path would not fit in sun_path: both
    // windows fall back to the (short) temp dir and still meet.
    let long = dir.path().join("r".repeat(110));
    let tmp = dir.path().join("t");
    private(&long);
    private(&tmp);
    let env = format!("XDG_RUNTIME_DIR={} TMPDIR={}", long.display(), tmp.display());
    let args = format!("--data {}", data.display());
    let room = Tmux::start_env("longroom", &env, &format!("{args} present"), 100, 30);
    room.wait_for("1/3");
    let console = Tmux::start_env("longconsole", &env, &format!("{args} console"), 100, 30);
    console.wait_for("connected · slide 1/3");
    console.keys(&["Space"]);
    room.wait_for("2/3");
    // With a console attached, leaving the presentation takes a second q.
    room.keys(&["q"]);
    console.wait_for("again within 2 s leaves");
    room.keys(&["q"]);
    room.wait_for("Topics");
    room.keys(&["q"]);
    room.assert_restored();
    console.keys(&["q"]);
    console.assert_restored();

    // Something else where the socket goes: the talk runs on one screen
    // and the room's marker says why.
    let run = dir.path().join("run");
    private(&run);
    let env = format!("XDG_RUNTIME_DIR={}", run.display());
    let first = Tmux::start_env("first", &env, &format!("{args} present"), 100, 30);
    first.wait_for("1/3");
    let socket = std::fs::read_dir(&run).unwrap().next().unwrap().unwrap().path();
    first.keys(&["q"]);
    first.wait_for("Topics");
    first.keys(&["q"]);
    first.assert_restored();
    std::fs::write(&socket, "not a socket").unwrap();
    let taken = Tmux::start_env("taken", &env, &format!("{args} present"), 160, 30);
    taken.wait_for("no presenter console: something other than a socket is at");
    taken.keys(&["q"]);
    taken.wait_for("Topics");
    taken.keys(&["q"]);
    taken.assert_restored();
    assert_eq!(
        std::fs::read_to_string(&socket).unwrap(),
        "not a socket",
        "left alone"
    );
}

#[test]
fn killing_the_console_leaves_the_room_showing_only_the_slide() {
    require_tmux!();
    let (_dir, _data, env, args) = two_screens();
    // The room starts with its notes on (`--notes`): alone, it shows them.
    let room = Tmux::start_env("killed-room", &env, &format!("{args} present --notes"), 100, 30);
    room.wait_for("1/3");
    room.keys(&["Space"]);
    room.wait_for("SECRET-NOTE");
    let console = Tmux::start_env("killed-console", &env, &format!("{args} console"), 100, 30);
    console.wait_for("connected · slide 2/3");
    let screen = room.wait_stable();
    assert!(
        !screen.contains("SECRET-NOTE"),
        "notes with a console attached:\n{screen}"
    );
    // N and c on the room's keyboard: refused, and said on the console.
    room.keys(&["N"]);
    console.wait_for("on the console while it is attached");
    room.keys(&["c"]);
    let with_console = room.wait_stable();
    assert!(
        !with_console.contains("SECRET-NOTE") && !with_console.contains("00:00:"),
        "{with_console}"
    );
    let pid = console.pid_of_app();
    assert!(!pid.is_empty(), "console process not found");
    Command::new("kill").args(["-9", &pid]).status().unwrap();
    console.wait_for_unwrapped("EXITED=137");
    // The room notices the console gone, and shows only the slide.
    let alone = room.wait_stable();
    assert_eq!(alone, with_console, "the room changed when the console went");
    assert!(
        alone.contains("Les tarifs violent") && !alone.contains("SECRET-NOTE") && !alone.contains("My notes"),
        "{alone}"
    );
    room.keys(&["q"]);
    room.wait_for("Topics");
    room.keys(&["q"]);
    room.assert_restored();
}

/// The `[[items]]` of a deck file that name `id`.
fn deck_has(deck: &str, id: &str) -> bool {
    deck.contains(&format!("\"{id}\""))
}

#[test]
fn two_instances_pinning_alternately_lose_no_pin() {
    require_tmux!();
    let (dir, data) = scratch_copy();
    let deck = dir.path().join("positions.talking-points.toml");
    let args = format!("--data {}", data.display());
    // Wide enough for the message and the deck's count side by side.
    let a = Tmux::start("two-a", &args, 200, 40);
    let b = Tmux::start("two-b", &args, 200, 40);
    a.wait_for("1/2 Tariffs");
    b.wait_for("1/2 Tariffs");
    // Each pins a different position, one after the other; neither
    // window is told of the other's pins except through the file.
    let steps: [(&Tmux, &[&str], &str); 4] = [
        (&a, &["m"], "north-tariffs-1"),
        (&b, &["l", "m"], "south-tariffs-1"),
        (&a, &["j", "m"], "north-tariffs-2"),
        (&b, &["2", "m"], "pinned position"),
    ];
    for (window, keys, pinned) in steps {
        window.keys(keys);
        window.wait_for(pinned);
    }
    // Each window shows the other's pins, picked up from the file.
    a.wait_for("· deck 4");
    b.wait_for("· deck 4");
    a.keys(&["q"]);
    a.assert_restored();
    b.keys(&["q"]);
    b.assert_restored();
    let saved = std::fs::read_to_string(&deck).unwrap();
    assert_eq!(saved.matches("[[items]]").count(), 4, "{saved}");
    for id in ["north-tariffs-1", "south-tariffs-1", "north-tariffs-2"] {
        assert!(deck_has(&saved, id), "{id} lost:\n{saved}");
    }
}

#[test]
fn a_hand_edit_is_kept_and_a_broken_one_is_not_written_over() {
    require_tmux!();
    let (dir, data) = scratch_copy();
    let deck = dir.path().join("positions.talking-points.toml");
    let state = dir.path().join("state");
    let env = format!("XDG_STATE_HOME={}", state.display());
    let t = Tmux::start_env("hand", &env, &format!("--data {}", data.display()), 200, 40);
    t.wait_for("1/2 Tariffs");
    t.keys(&["m"]);
    t.wait_for("· deck 1");
    // Edited by hand while the app runs: a heading and a note.
    let by_hand = std::fs::read_to_string(&deck).unwrap().replace(
        "version = 1\n",
        "version = 1\n\n[[items]]\nkind = \"heading\"\ntext = \"Written by hand\"\n",
    ) + "note = \"typed in vim\"\n";
    std::fs::write(&deck, &by_hand).unwrap();
    t.wait_for("· deck 2");
    t.keys(&["l", "m"]);
    t.wait_for("(3 in the deck)");
    let saved = std::fs::read_to_string(&deck).unwrap();
    assert!(
        saved.contains("Written by hand") && saved.contains("typed in vim"),
        "{saved}"
    );
    assert!(deck_has(&saved, "south-tariffs-1"), "{saved}");

    // A broken hand edit is reported with where, and left alone.
    let broken = saved.replace("kind = \"heading\"", "kind = heading");
    std::fs::write(&deck, &broken).unwrap();
    let screen = t.wait_for("do not read");
    assert!(screen.contains("positions.talking-points.toml:"), "{screen}");
    t.keys(&["h", "j", "m"]);
    t.wait_for("pinned position \"north-tariffs-2\" (4 in the deck)");
    // The pin's save is refused: once the app has settled, the file is
    // still the broken one.
    t.wait_stable();
    assert_eq!(std::fs::read_to_string(&deck).unwrap(), broken, "written over");
    // Quitting with the pin unsaved: a rescue copy, said where, status 1.
    t.keys(&["q"]);
    t.wait_for("EXITED=");
    let screen = t.wait_for("icanon");
    assert!(screen.contains("EXITED=1\n"), "{screen}");
    assert!(screen.contains("written to"), "{screen}");
    let rescued: Vec<_> = std::fs::read_dir(state.join("demarche"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(rescued.len(), 1);
    assert!(deck_has(&rescued[0], "north-tariffs-2"), "{}", rescued[0]);
}
