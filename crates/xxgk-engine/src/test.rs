//! Test helpers: read a fixture with the real adapter, run the rules its name selects, render.
// Used by the rule families' fixture tests as they land.
#![allow(dead_code)]
use crate::{check, Diagnostic, Settings};
use std::path::Path;
use xxgk_model::{LineIndex, Report};

/// Read `path` with the real adapter.
pub(crate) fn read_fixture(path: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    xxgk_adapters::read(&name, &bytes, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The code a fixture is for, from its name (`XG301_none_charged.txt` → `XG301`).
pub(crate) fn fixture_code(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.split('_').next().unwrap_or_default().to_string()
}

/// Run only the fixture's rule on it.
pub(crate) fn check_fixture(path: &Path) -> (Report, Vec<Diagnostic>) {
    let report = read_fixture(path);
    let settings = Settings { select: vec![fixture_code(path)], ..Settings::national() };
    let diagnostics = check(&report, &settings);
    (report, diagnostics)
}

/// One line per finding: `CODE line:col-line:col severity message`, then `  help: …`.
pub(crate) fn render(report: &Report, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(report.source());
    let mut out = String::new();
    for d in diagnostics {
        let span = report.source_span(d.span);
        let (l1, c1) = index.line_col(report.source(), span.start as usize);
        let (l2, c2) = index.line_col(report.source(), span.end as usize);
        out.push_str(&format!("{} {l1}:{c1}-{l2}:{c2} {} {}\n", d.code, d.severity.as_str(), d.message.zh));
        for label in &d.labels {
            let s = report.source_span(label.span);
            let (l, c) = index.line_col(report.source(), s.start as usize);
            out.push_str(&format!("  at {l}:{c}: {}\n", label.message.zh));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("  help: {}\n", help.zh));
        }
    }
    out
}

/// Check a fixture with its rule and render the findings.
pub(crate) fn check_and_render(path: &Path) -> String {
    let (report, diagnostics) = check_fixture(path);
    render(&report, &diagnostics)
}
