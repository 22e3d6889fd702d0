//! The public configuration API as the command line uses it: discover a config, check, baseline.
use std::path::{Path, PathBuf};
use xxgk_engine::baseline::Baseline;
use xxgk_engine::config::{ConfigError, Overrides, Resolver};

fn tree(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("xxgk-api-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("reports/drafts")).expect("temp dir");
    root
}

fn check(resolver: &Resolver, path: &Path, text: &str) -> (xxgk_model::Report, Vec<xxgk_engine::Diagnostic>) {
    let report =
        xxgk_adapters::read(&path.to_string_lossy(), text.as_bytes(), &Default::default()).expect("reads");
    let settings = resolver.resolve(path).expect("valid config");
    let diagnostics = xxgk_engine::check(&report, &settings);
    (report, diagnostics)
}

#[test]
fn discover_check_and_baseline() {
    let root = tree("flow");
    std::fs::write(
        root.join("xxgk.toml"),
        "select = [\"XG007\"]\n[severity]\nunused-suppression = \"error\"\n[per-file-ignores]\n\"reports/drafts/*\" = [\"XG0\"]\n",
    )
    .expect("write");
    let resolver = Resolver::new(None, Overrides::default()).expect("valid");
    let text = "某局2023年政府信息公开工作年度报告\nxxgk: ignore[XG999]\n";

    let report_path = root.join("reports/a.txt");
    let (report, diagnostics) = check(&resolver, &report_path, text);
    let codes: Vec<(&str, &str)> =
        diagnostics.iter().map(|d| (d.code.as_str(), d.severity.as_str())).collect();
    assert_eq!(codes, [("XG007", "error")]);
    let (_, drafts) = check(&resolver, &root.join("reports/drafts/b.txt"), text);
    assert!(drafts.is_empty(), "{drafts:?}");

    let baseline_path = root.join("baseline.json");
    Baseline::from_diagnostics([(&report, diagnostics.as_slice())]).write(&baseline_path).expect("writes");
    let baseline = Baseline::load(&baseline_path).expect("loads");
    // The same finding two lines further down is accepted.
    let (report, diagnostics) = check(&resolver, &report_path, &format!("\n\n{text}"));
    let settings = resolver.resolve(&report_path).expect("valid");
    let (kept, matched) = baseline.filter(&report, &settings, diagnostics);
    assert_eq!((kept.len(), matched), (0, 1));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_bad_config_is_a_located_error() {
    let root = tree("bad");
    std::fs::write(root.join(".xxgk.toml"), "[severity]\nXG007 = \"loud\"\n").expect("write");
    let resolver = Resolver::new(None, Overrides::default()).expect("valid");
    let err = resolver.resolve(&root.join("reports/a.txt")).expect_err("invalid");
    let ConfigError::Invalid(invalid) = &err else { panic!("{err:?}") };
    assert_eq!(invalid.span.map(|s| (s.offset(), s.len())), Some((19, 6)));
    assert!(err.to_string().ends_with(".xxgk.toml: unknown severity `loud`"), "{err}");
    let _ = std::fs::remove_dir_all(&root);
}
