//! The scripting commands: each loads the data, does one thing, and
//! writes its result to stdout (messages to stderr, through `stream`).

use std::path::PathBuf;

use demarche_core::date::Date;
use demarche_core::load::{self, Loaded};
use demarche_core::text::display::DisplayText;
use demarche_core::text::plural::count;
use demarche_tui::output::{self, columns, output_width};

use super::*;

pub fn check(file: Option<&PathBuf>) -> Result<(), CliError> {
    let loaded = load_data(file)?;
    let name = file.map_or(load::BUNDLED_NAME.to_string(), |f| f.display().to_string());
    emit(&format!("{}\n", summary(&name, &loaded)))
}

/// One line: counts per table and the date range.
pub fn summary(name: &str, loaded: &Loaded) -> String {
    let d = &loaded.dataset;
    let range = d
        .date_range()
        .map_or(String::from("no dates"), |(a, b)| match a == b {
            true => a.iso(),
            false => format!("{} to {}", a.iso(), b.iso()),
        });
    let warnings = loaded.warnings.diagnostics.len();
    let warned = if warnings > 0 {
        format!(", {}", count(warnings, "warning"))
    } else {
        String::new()
    };
    format!(
        "{name}: ok: {} ({}, {}), {}, {}, {}, {}; {range}{warned}",
        count(d.actors.len(), "actor"),
        count(d.parties().len(), "party"),
        count(d.observers().len(), "observer"),
        count(d.topics.len(), "topic"),
        count(d.sources.len(), "source"),
        count(d.events.len(), "event"),
        count(d.positions.len(), "position"),
    )
}

/// Filters for `list`.
pub struct ListFilter {
    pub actor: Option<String>,
    pub topic: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub as_of: Option<Date>,
}

/// A usage error for an id the data does not have, with the nearest
/// one and every one it has.
pub(super) fn unknown_id(kind: &str, id: &str, known: impl Iterator<Item = String>) -> CliError {
    let known: Vec<String> = known.collect();
    let hint = load::did_you_mean(load::nearest(id, known.iter().map(String::as_str)));
    let list = known.join(", ");
    CliError::Usage(format!("unknown {kind} id \"{id}\"{hint}; known: {list}"))
}

/// The index of the topic `id` (a `--topic` value), or a usage error.
pub(super) fn topic_index(data: &demarche_core::model::Dataset, id: &str) -> Result<usize, CliError> {
    let known = || data.topics.iter().map(|t| t.id.clone());
    data.topics
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| unknown_id("topic", id, known()))
}

/// Position indices matching the filter, in date order.
pub fn list_positions(data: &demarche_core::model::Dataset, f: &ListFilter) -> Result<Vec<usize>, CliError> {
    let ids = data.id_index();
    let actor = match &f.actor {
        Some(a) => Some(
            *ids.actors
                .get(a)
                .ok_or_else(|| unknown_id("actor", a, data.actors.iter().map(|x| x.id.clone())))?,
        ),
        None => None,
    };
    let topic = f.topic.as_deref().map(|t| topic_index(data, t)).transpose()?;
    Ok(data
        .list_order()
        .into_iter()
        .filter(|&i| {
            let p = &data.positions[i];
            actor.is_none_or(|a| p.actor == a)
                && topic.is_none_or(|t| p.on_topic(t))
                && f.from.is_none_or(|d| demarche_core::asof::on_or_after(p.date, d))
                && f.to.is_none_or(|d| demarche_core::asof::stated_by(p.date, d))
                && f.as_of.is_none_or(|d| demarche_core::asof::stated_by(p.date, d))
        })
        .collect())
}

pub fn list(
    data: Option<&PathBuf>,
    filter: &ListFilter,
    json: bool,
    format: Option<ListFormat>,
) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let found = list_positions(d, filter)?;
    let empty = || Err(nothing_found(d, "positions match these filters"));
    if format == Some(ListFormat::Csv) {
        let text = DisplayText::new(d);
        let csv =
            demarche_core::export::csv(d, &text, &found).map_err(|e| CliError::Failed(e.to_string()))?;
        emit(&csv)?;
        return if found.is_empty() { empty() } else { Ok(()) };
    }
    let standings = filter
        .as_of
        .map(|date| demarche_core::standing::Rules::new(d).standings(Some(date)));
    let standing = |i: usize| standings.as_ref().map(|s| s[i]);
    if json {
        let items: Vec<_> = found
            .iter()
            .map(|&i| output::with_standing(output::position_json(d, i), standing(i)))
            .collect();
        emit(&output::json_document("positions", items))?;
        return if found.is_empty() { empty() } else { Ok(()) };
    }
    if found.is_empty() {
        return empty();
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|&i| {
            let mut row = output::position_row(d, &text, i);
            if let Some(s) = standing(i) {
                row.insert(1, output::standing_label(s));
            }
            row
        })
        .collect();
    emit(&columns(&rows, output_width()))
}

pub fn search(data: Option<&PathBuf>, query: &str, limit: usize, json: bool) -> Result<(), CliError> {
    let parsed =
        demarche_core::search::Query::parse(query).map_err(|e| CliError::Usage(format!("query: {e}")))?;
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let text = DisplayText::new(d);
    let index = demarche_core::search::SearchIndex::new(d, &text);
    index
        .check(&parsed)
        .map_err(|e| CliError::Failed(format!("query: {e}")))?;
    let found = index.search(&parsed, limit);
    if found.hits.is_empty() {
        return Err(CliError::Failed(format!("no results for \"{query}\"")));
    }
    for c in &found.corrections {
        crate::stream::err(&format!(
            "showing results for \"{}\" (no match for \"{}\")",
            c.used, c.typed
        ));
    }
    let hits = found.hits;
    if json {
        let items: Vec<_> = hits.iter().map(|h| output::hit_json(d, h)).collect();
        return emit(&output::json_document("results", items));
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| output::hit_row(d, &text, h, parsed.filter_words()))
        .collect();
    emit(&output::columns_with_flex(
        &rows,
        output_width(),
        output::HIT_STANCE_COLUMN,
    ))
}

pub fn timeline(data: Option<&PathBuf>, json: bool, format: Option<TimelineFormat>) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    if format == Some(TimelineFormat::Timelinejs) {
        return emit(&demarche_core::export::timelinejs(d, &DisplayText::new(d)));
    }
    let entries = demarche_core::timeline::entries(d);
    if json {
        let items: Vec<_> = entries
            .iter()
            .map(|&(_, item)| output::timeline_json(d, item))
            .collect();
        return emit(&output::json_document("timeline", items));
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|&(_, item)| output::timeline_row(d, &text, item))
        .collect();
    emit(&columns(&rows, output_width()))
}

/// `verify`: every quote against its source text; exit 1 on a mismatch,
/// when no source text was found at all (nothing proved), and with
/// `strict` on any quote that could not be checked.
pub fn verify(cli: &Cli, strict: bool) -> Result<(), CliError> {
    let (name, text) = match &cli.data {
        Some(path) => {
            // Refuses a FIFO or device instead of waiting on it.
            let bytes = load::read_file(path)?;
            let bytes = bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .map(<[u8]>::to_vec)
                .unwrap_or(bytes);
            match String::from_utf8(bytes) {
                Ok(text) => (path.display().to_string(), text),
                // The loader says where the bad byte is.
                Err(e) => {
                    return Err(load::load_bytes(&path.display().to_string(), e.as_bytes())
                        .err()
                        .map_or_else(|| CliError::Failed("not UTF-8".into()), CliError::from));
                }
            }
        }
        None => (load::BUNDLED_NAME.to_string(), load::BUNDLED.to_string()),
    };
    // One BOM is gone already: a second is an error, as in `check`.
    let loaded = load::load_text(&name, &text)?;
    if !loaded.warnings.diagnostics.is_empty() {
        crate::stream::err(&loaded.warnings.rendered);
    }
    let found = demarche_core::verify::verify(&name, &text, &loaded, &source_dirs(cli));
    emit(&found.report)?;
    if found.mismatches > 0 {
        return Err(CliError::Failed(format!(
            "{} not found verbatim in the source text",
            count(found.mismatches, "quote")
        )));
    }
    if found.unverifiable > 0 && found.verified == 0 {
        return Err(CliError::Failed(format!(
            "no source text was found, so no quote was checked ({} unverifiable): give the texts' \
             folder with --sources DIR",
            count(found.unverifiable, "quote")
        )));
    }
    if strict && found.unverifiable > 0 {
        return Err(CliError::Failed(format!(
            "--strict: {} unverifiable (source text not found)",
            count(found.unverifiable, "quote")
        )));
    }
    Ok(())
}

/// An empty result says so on stderr and exits 1, as `search` does: a
/// script or a person then knows the filter matched nothing. `what`
/// names what was asked for; the data's date range helps fix a date.
fn nothing_found(d: &demarche_core::model::Dataset, what: &str) -> CliError {
    let range = d
        .date_range()
        .map_or_else(String::new, |(a, b)| format!(" (the data runs from {a} to {b})"));
    CliError::Failed(format!("no {what}{range}"))
}

/// `changes --since DATE [--topic ID]`.
pub fn changes(data: Option<&PathBuf>, since: Date, topic: Option<&str>, json: bool) -> Result<(), CliError> {
    let loaded = load_data(data)?;
    let d = &loaded.dataset;
    let topic = topic.map(|t| topic_index(d, t)).transpose()?;
    let found = match topic {
        Some(t) => demarche_core::asof::changes_on(d, since, t),
        None => demarche_core::asof::changes_since(d, since),
    };
    let on = topic.map_or_else(String::new, |t| format!(" on topic \"{}\"", d.topics[t].id));
    let empty = || {
        Err(nothing_found(
            d,
            &format!("position was stated or changed{on} after {since}"),
        ))
    };
    if json {
        let items: Vec<_> = found.iter().map(|c| output::change_json(d, c)).collect();
        emit(&output::json_document("changes", items))?;
        return if found.is_empty() { empty() } else { Ok(()) };
    }
    if found.is_empty() {
        return empty();
    }
    let text = DisplayText::new(d);
    let rows: Vec<Vec<String>> = found.iter().map(|c| output::change_row(d, &text, c)).collect();
    emit(&columns(&rows, output_width()))
}

/// `demarche keys`: each context's keys, their config names and meaning.
pub(super) fn keys() -> Result<(), CliError> {
    use demarche_tui::app::keyconfig::{action_name, context_name};
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut last: Option<(String, String)> = None;
    for b in demarche_tui::app::keymap::bindings() {
        let context = context_name(b.context).to_string();
        let action = action_name(&b.action).unwrap_or("-").to_string();
        match (&last, rows.last_mut()) {
            (Some((c, a)), Some(row)) if *c == context && *a == action => {
                row[1] = format!("{} {}", row[1], b.key.label());
            }
            _ => rows.push(vec![
                context.clone(),
                b.key.label(),
                action.clone(),
                b.help.to_string(),
            ]),
        }
        last = Some((context, action));
    }
    let header = ["context", "keys", "name in [keys.CONTEXT]", "what it does"]
        .map(String::from)
        .to_vec();
    rows.insert(0, header);
    emit(&columns(&rows, output_width()))?;
    for line in super::session::key_takeovers(&super::session::user_keys()) {
        crate::stream::err(&format!("config.toml: {line}"));
    }
    Ok(())
}

/// Writes the completion script for `shell` to stdout.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "demarche", &mut script);
    emit(&String::from_utf8_lossy(&script))
}

/// Writes the manual page, in roff, to stdout: one page that describes
/// every command with its options, so it names no other page (clap's
/// default lists `demarche-check(1)` and the like, which do not exist).
pub(super) fn manual() -> Result<(), CliError> {
    let failed = |e: std::io::Error| CliError::Failed(format!("cannot render the manual page: {e}"));
    let mut command = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page).map_err(failed)?;
    man.render_name_section(&mut page).map_err(failed)?;
    man.render_synopsis_section(&mut page).map_err(failed)?;
    man.render_description_section(&mut page).map_err(failed)?;
    man.render_options_section(&mut page).map_err(failed)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        page.extend_from_slice(format!(".SS \"demarche {}\"\n", sub.get_name()).as_bytes());
        // Its own options only: the global ones are listed once above.
        let own = sub.clone().mut_args(|a| {
            let shared = a.is_global_set() || a.get_id() == "help";
            a.hide(shared)
        });
        let man = clap_mangen::Man::new(own);
        let mut part = Vec::new();
        man.render_description_section(&mut part).map_err(failed)?;
        man.render_options_section(&mut part).map_err(failed)?;
        // The command's own section headings would end the COMMANDS section.
        for line in String::from_utf8_lossy(&part).lines() {
            if !line.starts_with(".SH") {
                page.extend_from_slice(line.as_bytes());
                page.push(b'\n');
            }
        }
    }
    if let Some(version) = command.get_version() {
        page.extend_from_slice(format!(".SH VERSION\nv{version}\n").as_bytes());
    }
    emit(&String::from_utf8_lossy(&page))
}
