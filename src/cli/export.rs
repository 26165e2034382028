//! `demarche export`: the deck in a format, or one topic as a table.

use std::path::PathBuf;

use super::{Cli, CliError, ExportFormat, deck_path, emit, load_data, unknown_id};
use demarche_core::atomic::Purpose;
use demarche_core::text::display::DisplayText;

/// The deck for an export: read, never moved aside (an export saves
/// nothing over it), so an unreadable deck is an error with its reason.
fn export_deck(cli: &Cli) -> Result<demarche_core::deck::Deck, CliError> {
    let Some(path) = deck_path(cli.deck.as_ref(), cli.data.as_ref()) else {
        return Ok(demarche_core::deck::Deck::default());
    };
    match demarche_core::deck::read(&path) {
        Ok(Some(deck)) => Ok(deck),
        Ok(None) => {
            crate::stream::err(&format!(
                "{}: no talking points yet (pin positions in the explorer with {}); the export has only a title",
                path.display(),
                demarche_tui::app::keymap::keys_for(
                    demarche_tui::app::Context::Global,
                    &demarche_tui::app::Action::TogglePin
                )
            ));
            Ok(demarche_core::deck::Deck::default())
        }
        Err(e) => Err(CliError::Failed(e.to_string())),
    }
}

/// Writes `text` to `path` atomically and says so on stderr. `-o` is
/// `Purpose::Named`; the bibliography beside it, whose name demarche
/// made, is `Purpose::Chosen`.
pub(super) fn write_file(
    path: &std::path::Path,
    text: &str,
    what: &str,
    purpose: Purpose,
) -> Result<(), CliError> {
    demarche_core::atomic::write_as(path, text.as_bytes(), purpose)
        .map_err(|e| CliError::Failed(format!("{}: cannot write: {e}", path.display())))?;
    crate::stream::err(&format!("wrote {what} to {}", path.display()));
    Ok(())
}

pub fn export(
    cli: &Cli,
    format: ExportFormat,
    output_file: Option<&PathBuf>,
    topic: Option<&str>,
    pair: Option<&[String]>,
    notes: bool,
) -> Result<(), CliError> {
    if format == ExportFormat::Pandoc && topic.is_none() && output_file.is_none() {
        return Err(CliError::Usage(
            "--format pandoc writes a bibliography beside the export: name the export with -o FILE".into(),
        ));
    }
    let loaded = load_data(cli.data.as_ref())?;
    let d = &loaded.dataset;
    let text = DisplayText::new(d);
    let (exported, what) = match topic {
        Some(topic) => {
            if format != ExportFormat::Md {
                return Err(CliError::Usage(
                    "--topic exports a Markdown table: leave out --format".into(),
                ));
            }
            let ids = d.id_index();
            let topic = super::topic_index(d, topic)?;
            let (a, b) = export_pair(d, &ids, pair)?;
            let table = demarche_core::export::topic_table(d, &text, topic, a, b);
            let exported = demarche_core::export::Exported {
                main: table,
                bibliography: None,
            };
            (exported, "the topic table as Markdown".to_string())
        }
        None => {
            let deck = export_deck(cli)?;
            let options = demarche_core::export::ExportOptions {
                title: None,
                include_notes: notes,
            };
            let bibliography = output_file.map_or_else(String::new, |p| {
                let bib = demarche_core::export::bibliography_path(p);
                bib.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            });
            let format = format.deck_format();
            let exported = demarche_core::export::deck(d, &text, &deck, &options, format, &bibliography);
            let pins = demarche_core::text::plural::count(deck.points().count(), "pin");
            (exported, format!("the deck ({pins}) as {}", format.name()))
        }
    };
    let Some(path) = output_file else {
        return emit(&exported.main);
    };
    write_file(path, &exported.main, &what, Purpose::Named)?;
    if let Some(bibliography) = &exported.bibliography {
        let bib_path = demarche_core::export::bibliography_path(path);
        write_file(
            &bib_path,
            bibliography,
            "the bibliography (CSL-JSON)",
            Purpose::Chosen,
        )?;
    }
    Ok(())
}

fn export_pair(
    d: &demarche_core::model::Dataset,
    ids: &demarche_core::model::IdIndex,
    pair: Option<&[String]>,
) -> Result<(usize, usize), CliError> {
    let known = || d.actors.iter().map(|a| a.id.clone());
    match pair {
        Some([a, b]) => {
            let a = *ids.actors.get(a).ok_or_else(|| unknown_id("actor", a, known()))?;
            let b = *ids.actors.get(b).ok_or_else(|| unknown_id("actor", b, known()))?;
            Ok((a, b))
        }
        Some(other) => Err(CliError::Usage(format!(
            "--pair takes two actor ids, A,B; got {}",
            other.join(",")
        ))),
        None => match d.parties().as_slice() {
            [a, b, ..] => Ok((*a, *b)),
            _ => Err(CliError::Usage(
                "the file has fewer than two parties: name them with --pair A,B".into(),
            )),
        },
    }
}
