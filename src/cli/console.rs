//! `demarche console`: the presenter's window of a two-screen talk.

use std::path::PathBuf;
use std::time::Duration;

use super::{Cli, CliError, deck_path, ended_status, load_data, need_terminal, source_dirs, theme_for};

/// A talk length: `45m`, `1h30m`, `90s`, `1h`, or plain minutes (`45`).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let bad = || format!("\"{text}\" is not a length like 45m, 1h30m or 90s");
    let text = text.trim();
    if let Ok(minutes) = text.parse::<u64>() {
        return Ok(Duration::from_secs(minutes.saturating_mul(60)));
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        let n: u64 = number.parse().map_err(|_| bad())?;
        total = total.saturating_add(n.saturating_mul(unit));
        number.clear();
    }
    if !number.is_empty() || total == 0 {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

/// The socket of the deck at `deck_file`, in a private directory.
pub fn socket_for(deck_file: &std::path::Path) -> Result<PathBuf, CliError> {
    demarche_tui::remote::socket::socket_for(deck_file)
        .map_err(|e| CliError::Failed(format!("no place for the console link's socket: {e}")))
}

/// Opens the console on the presentation of this deck, waiting for one
/// if none is running. `notice` goes on the status line at start.
pub fn run(cli: &Cli, duration: Option<Duration>, notice: Option<String>) -> Result<(), CliError> {
    let theme = theme_for(cli)?;
    need_terminal("the console")?;
    let loaded = load_data(cli.data.as_ref())?;
    let deck_file = deck_path(cli.deck.as_ref(), cli.data.as_ref())
        .ok_or_else(|| CliError::Usage("no deck file: name one with --deck FILE".into()))?;
    // The console only looks: a broken deck is reported, not moved aside.
    let deck = demarche_core::deck::read_current(&deck_file).map_err(|e| CliError::Failed(e.to_string()))?;
    let socket = socket_for(&deck_file)?;
    let mut app = demarche_tui::app::App::new(loaded.dataset)
        .with_search_worker()
        .with_deck(deck)
        .into_console(duration);
    if let Some(notice) = notice {
        app.apply(demarche_tui::app::Action::Notify(notice));
    }
    let options = demarche_tui::tui::Options {
        theme,
        mouse: !cli.no_mouse,
        data_file: cli.data.clone(),
        deck_file: None,
        deck_purpose: demarche_core::atomic::Purpose::NamedDeck,
        sources: source_dirs(cli),
        socket: Ok(socket),
        console_deck: Some(deck_file),
    };
    let ended =
        demarche_tui::tui::run(&mut app, options).map_err(|e| CliError::Failed(format!("terminal: {e}")))?;
    ended_status(ended)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn talk_lengths_parse() {
        assert_eq!(parse_duration("45m"), Ok(Duration::from_secs(45 * 60)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45 * 60)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(90 * 60)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        for bad in ["", "m", "45x", "1h30", "-5m", "0m"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
