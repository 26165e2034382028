//! The bundled dataset must load with no errors and no warnings.

#[test]
fn bundled_file_loads_cleanly() {
    let loaded = demarche::load::load_path(std::path::Path::new("positions.toml"))
        .unwrap_or_else(|e| panic!("bundled file does not load:\n{e}"));
    assert!(
        loaded.warnings.diagnostics.is_empty(),
        "{}",
        loaded.warnings.rendered
    );
    let data = loaded.dataset;
    assert!(data.parties().len() >= 2);
    assert!(!data.observers().is_empty());
    assert_eq!(data.sources.len(), 5);
}
