//! The generated corpus: deterministic, clean where no defect is injected, each defect found
//! by exactly its rule, and the quality figures of a small corpus.
use std::collections::BTreeSet;
use xxgk_engine::{Settings, Severity};
use xxgk_gen::quality::{check, quality, table_exact};
use xxgk_gen::{answers_jsonl, generate, Defect, Layout};
use xxgk_model::TableKey;

#[test]
fn same_seed_gives_the_same_corpus() {
    for i in 0..40 {
        let (a, b) = (generate(7, i), generate(7, i));
        assert_eq!(a.text, b.text, "report {i}");
        assert_eq!(a.answers, b.answers, "report {i}");
        assert_eq!(a.path, b.path);
    }
    let one: Vec<_> = (0..40).map(|i| generate(7, i)).collect();
    let two: Vec<_> = (0..40).map(|i| generate(7, i)).collect();
    assert_eq!(answers_jsonl(&one), answers_jsonl(&two));
    assert_ne!(generate(7, 3).text, generate(8, 3).text);
}

#[test]
fn the_binary_writes_byte_identical_corpora() {
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    for d in &dirs {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk-gen"))
            .args(["corpus", "--n", "15", "--seed", "3", "--out"])
            .arg(d.path())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0));
    }
    let g = generate(3, 14);
    assert_eq!(g.path, "000/00014.txt");
    for i in 0..15 {
        let g = generate(3, i);
        let a = std::fs::read(dirs[0].path().join(&g.path)).unwrap();
        let b = std::fs::read(dirs[1].path().join(&g.path)).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, g.text.as_bytes());
    }
    let a = std::fs::read_to_string(dirs[0].path().join("answers.jsonl")).unwrap();
    let b = std::fs::read_to_string(dirs[1].path().join("answers.jsonl")).unwrap();
    assert_eq!(a, b);
    let all: Vec<_> = (0..15).map(|i| generate(3, i)).collect();
    assert_eq!(a, answers_jsonl(&all));
}

#[test]
fn clean_reports_have_only_the_findings_their_layout_implies() {
    let settings = Settings::national();
    let mut clean = 0;
    for i in 0..70 {
        let g = generate(1, i);
        if g.defect.is_some() {
            continue;
        }
        clean += 1;
        let (report, diagnostics) = check(&g, &settings);
        assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{}", g.path);
        let codes: BTreeSet<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        let inferred = matches!(g.layout, Layout::Sparse | Layout::Glued | Layout::TotalsOnly);
        let want: BTreeSet<&str> = if inferred { ["XG004"].into() } else { BTreeSet::new() };
        assert_eq!(codes, want, "{}", g.path);
        for key in TableKey::ALL {
            // A sparse row with one non-zero cell can sit in any applicant column.
            if g.layout != Layout::Sparse {
                assert!(table_exact(&g, &report, key), "{} {key:?}", g.path);
            }
        }
    }
    assert_eq!(clean, 21);
}

/// The codes each defect must produce in a report whose cells are all printed (a changed
/// 总计 of rows 一 or （七） also breaks the 总计 column's balance; the key computes that).
fn codes_of(d: Defect) -> &'static [&'static str] {
    match d {
        Defect::OutcomeCell => &["XG202", "XG203"],
        Defect::NewCell => &["XG201", "XG202"],
        // Rows 一 and 四 also break the 总计 column's balance, outcome rows its outcome sum, and
        // （七） both: the key computes which; the row's own XG202 is always there.
        Defect::RowTotal => &["XG202"],
        Defect::GroupTotal => &["XG204"],
        Defect::TotalBlank => &["XG208"],
        Defect::InForceBelowIssued => &["XG206"],
        Defect::FeeMissing => &["XG301"],
        Defect::PeriodNotYear => &["XG401"],
        Defect::PeriodWrongYear => &["XG403"],
        Defect::PublishedLate => &["XG404"],
        Defect::MalformedDate => &["XG405"],
        Defect::SectionMissing => &["XG101"],
        Defect::SectionOrder => &["XG102"],
        Defect::Placeholder => &["XG602"],
        Defect::Wording => &["XG603"],
        Defect::Duplicated => &["XG005"],
        Defect::WebChrome => &["XG601"],
        Defect::RegulationName => &["XG303"],
        Defect::OutdatedLaw => &["XG605"],
        Defect::NarrativeRequests => &["XG501"],
        Defect::UnbalancedBracket => &["XG604"],
        Defect::PeriodMissing => &["XG402"],
        Defect::ProblemsEmpty => &["XG108"],
        Defect::NarrativeAppeals => &["XG502"],
        Defect::StaleYear => &["XG406"],
        Defect::DocumentNumber => &["XG606"],
        Defect::PartsClaim => &["XG105"],
        Defect::OverviewTopic => &["XG106"],
        Defect::Accountability => &["XG107"],
        Defect::FeeUnit => &["XG209"],
    }
}

#[test]
fn each_defect_is_found_by_exactly_its_rule_on_the_expected_line() {
    let settings = Settings::national();
    // The first report of seed 5 with each defect, in a layout that prints every cell.
    let mut first = std::collections::BTreeMap::new();
    for i in 0..20_000 {
        let g = generate(5, i);
        if let Some(d) = g.defect.filter(|_| g.layout.explicit_cells()) {
            first.entry(d).or_insert(g);
        }
        if first.len() == Defect::ALL.len() {
            break;
        }
    }
    for d in Defect::ALL {
        let g = first.get(&d).unwrap_or_else(|| panic!("no report with {d:?}"));
        let (_, diagnostics) = check(g, &settings);
        let codes: BTreeSet<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        let keyed: BTreeSet<&str> = g.answers.iter().map(|a| a.code).collect();
        assert_eq!(codes, keyed, "{d:?} in {}", g.path);
        let want: BTreeSet<&str> = codes_of(d).iter().copied().collect();
        if d == Defect::RowTotal {
            assert!(keyed.is_superset(&want) && keyed.len() > 1, "{d:?}: the key of {}", g.path);
        } else {
            assert_eq!(keyed, want, "{d:?}: the key of {}", g.path);
        }
        let report = xxgk_adapters::read(&g.path, g.text.as_bytes(), &Default::default()).unwrap();
        let index = xxgk_model::LineIndex::new(report.source());
        for a in g.answers.iter().filter(|a| a.line.is_some()) {
            let found = diagnostics.iter().any(|x| {
                x.code == a.code
                    && index.line_col(report.source(), report.source_span(x.span).start as usize).0 as u32
                        == a.line.unwrap()
            });
            assert!(found, "{d:?}: {} expected at line {:?} in {}", a.code, a.line, g.path);
        }
    }
}

#[test]
fn quality_of_sixty_reports() {
    let q = quality(1, 60);
    assert_eq!(q.reports, 60);
    assert_eq!((q.tables_exact, q.tables), (174, 180));
    // How many XG004 findings a table makes is the rule's presentation (rows grouped or not);
    // what the key asserts is that every one is accounted for.
    let inferred = q.rules["XG004"];
    assert_eq!(inferred.found, inferred.accounted);
    let rows: Vec<(String, usize, usize, usize, usize)> = q
        .rules
        .iter()
        .map(|(c, s)| {
            let found = if c == "XG004" { 0 } else { s.found };
            let accounted = if c == "XG004" { 0 } else { s.accounted };
            (c.clone(), s.expected, found, s.true_positives, accounted)
        })
        .collect();
    let want: Vec<(String, usize, usize, usize, usize)> = [
        ("XG004", 27, 0, 27, 0),
        ("XG102", 4, 4, 4, 4),
        ("XG105", 1, 1, 1, 1),
        ("XG106", 2, 2, 2, 2),
        ("XG107", 1, 1, 1, 1),
        ("XG108", 2, 2, 2, 2),
        ("XG208", 1, 1, 1, 1),
        ("XG209", 3, 3, 3, 3),
        ("XG301", 2, 2, 2, 2),
        ("XG303", 1, 1, 1, 1),
        ("XG401", 2, 2, 2, 2),
        ("XG402", 3, 3, 3, 3),
        ("XG403", 1, 1, 1, 1),
        ("XG404", 2, 2, 2, 2),
        ("XG405", 1, 1, 1, 1),
        ("XG406", 2, 2, 2, 2),
        ("XG501", 2, 2, 2, 2),
        ("XG502", 2, 2, 2, 2),
        ("XG601", 2, 2, 2, 2),
        ("XG602", 1, 1, 1, 1),
        ("XG604", 5, 5, 5, 5),
        ("XG605", 1, 1, 1, 1),
        ("XG606", 2, 2, 2, 2),
    ]
    .iter()
    .map(|(c, a, b, d, e)| (c.to_string(), *a, *b, *d, *e))
    .collect();
    assert_eq!(rows, want);
    assert_eq!(q.misses, vec![]);
}

#[test]
fn reports_come_in_series_of_one_body_whose_tables_follow_on() {
    use xxgk_gen::{series_of, SERIES};
    for body in 0..40 {
        let first = body * SERIES;
        let (name, year) = series_of(first);
        let series: Vec<_> = (0..SERIES).map(|k| generate(2, first + k)).collect();
        for k in 1..SERIES as usize {
            let (this, last) = (&series[k].truth, &series[k - 1].truth);
            assert_eq!(series_of(first + k as u64), (name.clone(), year + k as i32));
            assert_eq!(series[k].layout, series[0].layout);
            // A table defect changes a year's cells after the series is drawn.
            if series[k].defect.is_some() || series[k - 1].defect.is_some() {
                continue;
            }
            assert_eq!(this.t3[1], last.t3[24], "carry-over of {}", series[k].path);
            for (row, was) in this.docs.iter().zip(last.docs) {
                assert_eq!(row[2], was[2] + row[0] - row[1], "in force in {}", series[k].path);
            }
        }
    }
    // Every body of a 10,000-report corpus has its own name.
    let names: BTreeSet<String> = (0..10_000 / SERIES).map(|b| series_of(b * SERIES).0.issuer).collect();
    assert_eq!(names.len() as u64, 10_000 / SERIES);
}

#[test]
fn series_without_defects_have_no_cross_year_findings() {
    use xxgk_engine::series::Facts;
    let settings = Settings::national();
    let mut clean_series = 0;
    for body in 0..200 {
        let series: Vec<_> = (0..3).map(|k| generate(1, body * 3 + k)).collect();
        if series.iter().any(|g| g.defect.is_some()) {
            continue;
        }
        clean_series += 1;
        let facts: Vec<Facts> = series
            .iter()
            .map(|g| {
                Facts::of(&xxgk_adapters::read(&g.path, g.text.as_bytes(), &Default::default()).unwrap())
            })
            .collect();
        let found = xxgk_engine::series::check(&facts, &settings);
        assert!(found.iter().all(Vec::is_empty), "{}: {found:?}", series[0].path);
    }
    assert_eq!(clean_series, 14);
}
