//! Data in and out for other tools: `import` (a spreadsheet's rows into
//! a new or existing positions file) and `annotations` (quotes as W3C
//! Web Annotations).

use std::path::{Path, PathBuf};

use super::*;
use demarche_core::edit::DataFile;

/// `demarche import FILE.csv (-o NEW | --into EXISTING)`.
pub fn import(
    csv: &Path,
    output: Option<&PathBuf>,
    into: Option<&PathBuf>,
    sources: Option<&Path>,
) -> Result<(), CliError> {
    let name = csv.display().to_string();
    let bytes = std::fs::read(csv).map_err(|e| CliError::Failed(format!("{name}: cannot read: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let count = match (output, into) {
        (_, Some(existing)) => {
            let file = DataFile::open(existing)?;
            let import =
                demarche_core::import::read(&name, bytes, Some(&file.loaded.dataset)).map_err(failed)?;
            let proposal = file.propose(&import.entries, &file.source_dirs(sources))?;
            file.commit(&proposal)?;
            (import.positions, existing)
        }
        (Some(new), None) => {
            let import = demarche_core::import::read(&name, bytes, None).map_err(failed)?;
            let title = csv
                .file_stem()
                .map_or("Imported positions".into(), |s| s.to_string_lossy().into_owned());
            let text = super::curate::starter_head(&title);
            let text = demarche_core::edit::add_entries(&text, &import.entries)
                .map_err(|e| CliError::Failed(format!("{}: {e}", new.display())))?;
            demarche_core::load::load_str(&new.display().to_string(), &text)?;
            super::curate::create(new, &text)?;
            (import.positions, new)
        }
        (None, None) => return Err(CliError::Usage("give -o NEW.toml or --into EXISTING.toml".into())),
    };
    crate::stream::err(&format!(
        "{}: {} imported\n",
        count.1.display(),
        demarche_core::text::plural::count(count.0, "position")
    ));
    Ok(())
}

fn failed(e: demarche_core::import::ImportError) -> CliError {
    CliError::Failed(e.to_string())
}

/// `demarche annotations [-o FILE]`.
pub fn annotations(cli: &Cli, output: Option<&PathBuf>) -> Result<(), CliError> {
    let loaded = load_data(cli.data.as_ref())?;
    let out = demarche_core::annotations::annotations(&loaded.dataset, &source_dirs(cli));
    for line in &out.skipped {
        crate::stream::err(&format!("not anchored: {line}\n"));
    }
    let json =
        serde_json::to_string_pretty(&out.document).map_err(|e| CliError::Failed(e.to_string()))? + "\n";
    match output {
        Some(path) => {
            super::export::write_file(path, &json, "annotations", demarche_core::atomic::Purpose::Named)
        }
        None => emit(&json),
    }
}
