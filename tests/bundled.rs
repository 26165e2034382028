//! The bundled dataset must load with no errors and no warnings.

#[test]
fn bundled_file_loads_cleanly() {
    let loaded = demarche_core::load::load_path(std::path::Path::new("positions.toml"))
        .unwrap_or_else(|e| panic!("bundled file does not load:\n{e}"));
    assert!(
        loaded.warnings.diagnostics.is_empty(),
        "{}",
        loaded.warnings.rendered
    );
    let data = loaded.dataset;
    assert!(data.parties().len() >= 2);
    assert!(!data.observers().is_empty());
    // The five seed texts and three texts they cite (the White House fact
    // sheet, the Bloomberg report of the halt, the joint press conference).
    assert_eq!(data.sources.len(), 8);
    let with_file = data.sources.iter().filter(|s| s.file.is_some()).count();
    assert_eq!(with_file, 5);
}

/// Who reported a position is data (`reported_by`), not a tail on the
/// speaker that a narrow column cuts first.
#[test]
fn bundled_speakers_carry_no_reporting_tails() {
    let data = demarche_core::load::load_bundled().unwrap().dataset;
    for p in &data.positions {
        let speaker = p.speaker.as_deref().unwrap_or_default();
        assert!(
            !speaker.contains("as reported by") && !speaker.contains("as characterized by"),
            "{}: {speaker}",
            p.id
        );
        if data.actors[p.actor].role == demarche_core::model::Role::Party {
            assert!(p.evidence.is_some(), "{} has no evidence kind", p.id);
        }
    }
    let halt = data
        .positions
        .iter()
        .find(|p| p.id == "china-2014-halts-cooperation")
        .unwrap();
    assert!(halt.date_reported);
}
