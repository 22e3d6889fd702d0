//! The cross-year pass over the hand-made series in `crates/xxgk-cli/tests/fixtures/series/`.
use super::*;
use crate::Settings;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../xxgk-cli/tests/fixtures/series")
}

fn facts(names: &[&str]) -> Vec<Facts> {
    names
        .iter()
        .map(|n| {
            let mut report = crate::test::read_fixture(&dir().join(n));
            report.path = (*n).to_string();
            Facts::of(&report)
        })
        .collect()
}

/// `path CODE line:col message`, then `  = other:line:col message` per related place.
fn render(facts: &[Facts], findings: &[Vec<Diagnostic>]) -> Vec<String> {
    let mut out = Vec::new();
    for (f, diagnostics) in facts.iter().zip(findings) {
        let text = std::fs::read_to_string(dir().join(&f.path)).unwrap();
        let index = xxgk_model::LineIndex::new(&text);
        for d in diagnostics {
            let (l, c) = index.line_col(&text, d.span.start as usize);
            out.push(format!("{} {} {l}:{c} {}", f.path, d.code, d.message.zh));
            for r in &d.related {
                let p = r.position.as_ref().unwrap();
                out.push(format!("  = {}:{}:{} {}", r.path, p.line, p.column, r.message.zh));
            }
        }
    }
    out
}

#[test]
fn facts_of_a_report() {
    let f = &facts(&["2022.txt"])[0];
    assert_eq!((f.issuer.as_deref(), f.year), (Some("某县交通运输局"), Some(2022)));
    let values: Vec<f64> = f.carried_over.iter().map(|c| c.value).collect();
    assert_eq!(values, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
    let forward: Vec<f64> = f.carried_forward.iter().map(|c| c.value).collect();
    assert_eq!(forward, [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 2.0]);
    let fig = |k: &str| f.figure(k).and_then(|x| x.value);
    assert_eq!(
        (fig("requests_new"), fig("outcome_total"), fig("reviews"), fig("lawsuits"), fig("fees_wan")),
        (Some(12.0), Some(11.0), Some(1.0), Some(0.0), Some(0.0))
    );
    assert_eq!(f.summary.requests_new, Some(12.0));
    assert_eq!(f.summary.disclosure_rate.and_then(|r| r.value()), Some(9.0 / 11.0));
    let total = f.carried_over.last().unwrap();
    assert_eq!(total.at.position, Some(crate::Position { line: 63, column: 1, end_line: 63, end_column: 2 }));
    assert_eq!(total.at.excerpt.as_ref().map(|e| e.text.as_str()), Some("1"));
    let keys: Vec<&str> = f.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["overview", "proactive", "requests", "appeals", "problems", "other"]);
    // Only the prose sections have enough text of their own to compare.
    let long: Vec<&str> =
        f.sections.iter().filter(|s| s.shingles >= MIN_SHINGLES).map(|s| s.key.as_str()).collect();
    assert_eq!(long, ["overview", "problems"]);
    assert_eq!(f.sentences.len(), 5);
}

#[test]
fn a_series_over_three_years() {
    let facts = facts(&["2021.txt", "2022.txt", "2023.txt"]);
    let pairing = pair(&facts);
    assert_eq!(pairing.previous, [None, Some(0), Some(1)]);
    assert!(pairing.problems.is_empty());
    let findings = check(&facts, &Settings::national());
    assert_eq!(
        render(&facts, &findings),
        [
            "2022.txt XG701 58:1 上年结转（商业企业）为0，上年报告 2021.txt 的结转下年度为1",
            "  = 2021.txt:247:1 2021年度报告的结转下年度（商业企业）为1",
            "2022.txt XG701 63:1 上年结转（总计）为1，上年报告 2021.txt 的结转下年度为2",
            "  = 2021.txt:252:1 2021年度报告的结转下年度（总计）为2",
            "2023.txt XG702 4:1 第一部分\"总体情况\"与上年报告 2022.txt 的同一部分相似度为100%",
            "  = 2022.txt:4:1 2022年度报告的第一部分",
            "2023.txt XG702 288:1 第五部分\"存在的主要问题及改进情况\"与上年报告 2022.txt 的同一部分相似度为100%",
            "  = 2022.txt:288:1 2022年度报告的第五部分",
            "2023.txt XG702 289:51 此句与上年报告 2022.txt 中的一句相同，仍写着2022年",
            "  = 2022.txt:289:51 2022年度报告中的同一句",
        ]
    );
}

#[test]
fn an_inferred_cell_is_not_compared_with_last_year() {
    let mut facts = facts(&["2021.txt", "2022.txt"]);
    let xg701 =
        |facts: &[Facts]| check(facts, &Settings::national())[1].iter().filter(|d| d.code == "XG701").count();
    assert_eq!(xg701(&facts), 2);
    // The reader placed this year's 商业企业 by inference (a layout that drops blank cells).
    facts[1].carried_over.iter_mut().filter(|c| c.column == "commercial").for_each(|c| c.inferred = true);
    assert_eq!(xg701(&facts), 1);
    // Last year's 总计 by inference: nothing is left to compare.
    facts[0].carried_forward.iter_mut().filter(|c| c.column == "total").for_each(|c| c.inferred = true);
    assert_eq!(xg701(&facts), 0);
}

#[test]
fn genuine_years_are_not_similar() {
    let facts = facts(&["2021.txt", "2022.txt"]);
    for key in [xxgk_model::SectionKey::Overview, xxgk_model::SectionKey::Problems] {
        let a = facts[0].sections.iter().find(|s| s.key == key).unwrap();
        let b = facts[1].sections.iter().find(|s| s.key == key).unwrap();
        assert!(similarity(a, b) < 0.3, "{key:?}: {}", similarity(a, b));
    }
}

#[test]
fn pairing_problems_are_xg706() {
    let names = [
        "pairing/town-2020.txt",
        "pairing/town-2022.txt",
        "pairing/unknown.txt",
        "pairing/water-2022.txt",
        "pairing/water-a.txt",
        "pairing/water-b.txt",
    ];
    let facts = facts(&names);
    let findings = check(&facts, &Settings::national());
    assert_eq!(
        render(&facts, &findings),
        [
            "pairing/town-2022.txt XG706 1:1 缺少某镇人民政府2021年度的报告：上一份是2020年度的 pairing/town-2020.txt",
            "  = pairing/town-2020.txt:1:1 2020年度报告",
            "pairing/unknown.txt XG706 1:1 无法确定本报告的发布机关，不能与其他年度的报告配对",
            "pairing/water-a.txt XG706 1:1 某县水利局2023年度有2份报告：本文件与 pairing/water-b.txt",
            "  = pairing/water-b.txt:1:1 同一机关同一年度的另一份报告",
            "pairing/water-b.txt XG706 1:1 某县水利局2023年度有2份报告：本文件与 pairing/water-a.txt",
            "  = pairing/water-a.txt:1:1 同一机关同一年度的另一份报告",
        ]
    );
    assert!(findings.iter().flatten().all(|d| d.severity == crate::Severity::Info));
    // A folder of unrelated reports holds no series: an unknown issuer is then no problem, and
    // nor are two versions of one report with no other year to pair them with.
    let alone = super::tests::facts(&["pairing/unknown.txt", "pairing/water-a.txt", "pairing/water-b.txt"]);
    assert_eq!(check(&alone, &Settings::national()), [Vec::new(), Vec::new(), Vec::new()]);
}

#[test]
fn explicit_and_configured_pairing() {
    // `--previous`: the draft is compared with the named file whatever the issuers say.
    let mut facts = facts(&["pairing/unknown.txt", "2023.txt"]);
    facts[0].previous = Some("2023.txt".into());
    let findings = check(&facts, &Settings::national());
    let codes: Vec<&str> = findings[0].iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["XG701", "XG701"]);
    assert!(findings[1].is_empty());
    // A config entry names a previous report that is not in the run.
    let entries = [SeriesEntry {
        path: "unknown.txt".into(),
        issuer: None,
        year: None,
        previous: Some("2019.txt".into()),
    }];
    apply(&mut facts[0], &entries);
    assert_eq!(
        render(&facts, &check(&facts, &Settings::national())),
        ["pairing/unknown.txt XG706 1:1 指定的上年报告 2019.txt 不在本次检查的文件中"]
    );
    // A config entry gives the issuer, and the report joins the series.
    let entries = [SeriesEntry {
        path: "unknown.txt".into(),
        issuer: Some("某县交通运输局".into()),
        year: None,
        previous: None,
    }];
    let mut facts = super::tests::facts(&["pairing/unknown.txt", "2022.txt"]);
    apply(&mut facts[0], &entries);
    assert_eq!(facts[0].issuer.as_deref(), Some("某县交通运输局"));
    assert_eq!(pair(&facts).previous, [Some(1), None]);
}

#[test]
fn jumps_only_when_selected() {
    let facts = facts(&["2021.txt", "2022.txt", "2023.txt"]);
    let settings = Settings {
        select: vec!["XG703".into()],
        options: crate::Options { jump_factor: 1.2, ..crate::Options::national() },
        ..Settings::national()
    };
    assert_eq!(
        render(&facts, &check(&facts, &settings)),
        [
            "2022.txt XG703 55:1 本年新收由上年的10变为12，变化达1.2倍以上（上年报告 2021.txt）",
            "  = 2021.txt:55:1 上年本年新收为10",
            "2022.txt XG703 244:1 办理结果总计由上年的8变为11，变化达1.2倍以上（上年报告 2021.txt）",
            "  = 2021.txt:244:1 上年办理结果总计为8",
            "2023.txt XG703 55:1 本年新收由上年的12变为15，变化达1.2倍以上（上年报告 2022.txt）",
            "  = 2022.txt:55:1 上年本年新收为12",
            "2023.txt XG703 244:1 办理结果总计由上年的11变为16，变化达1.2倍以上（上年报告 2022.txt）",
            "  = 2022.txt:244:1 上年办理结果总计为11",
        ]
    );
    assert!(check(&facts, &Settings::national()).iter().flatten().all(|d| d.code != "XG703"));
}

#[test]
fn the_seed_corpus_has_no_cross_year_findings() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut facts = Vec::new();
    for dir in [corpus.clone(), corpus.join("real")] {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().is_file() {
                facts.push(Facts::of(&crate::test::read_fixture(&entry.path())));
            }
        }
    }
    assert_eq!(facts.len(), 7);
    let settings = Settings { select: vec!["XG7".into()], ..Settings::national() };
    assert!(check(&facts, &settings).iter().all(Vec::is_empty));
}

#[test]
fn documents_in_force_follow_from_last_year() {
    // 15 in force in 2021, 2 issued and 1 repealed in 2022, but still 15 in force.
    let facts = facts(&["stock/2021.txt", "stock/2022.txt"]);
    let cell = facts[1].cell(xxgk_model::TableKey::Proactive, "normative_documents", "in_force").unwrap();
    assert_eq!(cell.value, 15.0);
    assert_eq!(cell.at.position, Some(crate::Position { line: 19, column: 1, end_line: 19, end_column: 3 }));
    assert_eq!(facts[1].cells.len(), TABLE_CELLS.len());
    assert_eq!(
        render(&facts, &check(&facts, &Settings::national())),
        [
            "stock/2022.txt XG704 19:1 行政规范性文件现行有效件数为15，上年报告 stock/2021.txt 的现行有效15件，加本年制发2件、减本年废止1件应为16",
            "  = stock/2021.txt:19:1 2021年度报告的行政规范性文件现行有效件数为15",
        ]
    );
    let d = &check(&facts, &Settings::national())[1][0];
    assert_eq!(
        d.message.en,
        "Normative documents in force: 15, but last year's report stock/2021.txt had 15 in force: 15 + 2 issued − 1 repealed = 16"
    );
    assert_eq!(d.severity, crate::Severity::Info);
    // Not when a year's stock is blank, nor against a report of the 2019 template.
    let mut blank = facts.clone();
    for c in blank[0].cells.iter_mut().filter(|c| c.key.column == "in_force") {
        (c.value, c.blank) = (0.0, true);
    }
    assert!(check(&blank, &Settings::national()).iter().all(Vec::is_empty));
    let mut old = facts.clone();
    old[0].outdated_template = true;
    assert!(check(&old, &Settings::national()).iter().all(Vec::is_empty));
    // The series of 2021–2023 keeps its stock: 15, 15 + 2 − 1 = 16, 16 + 2 − 1 = 17.
    let series = super::tests::facts(&["2021.txt", "2022.txt", "2023.txt"]);
    assert!(check(&series, &Settings::national()).iter().flatten().all(|d| d.code != "XG704"));
}

fn rollup_settings() -> Settings {
    let entry = RollupEntry {
        government: "某县人民政府".into(),
        departments: vec!["某县财政局".into(), "某县 教育局".into()],
    };
    Settings {
        options: crate::Options { rollup: vec![entry], ..crate::Options::national() },
        ..Settings::national()
    }
}

#[test]
fn a_government_against_the_sum_of_its_departments() {
    let facts = facts(&["rollup/county-2023.txt", "rollup/education-2023.txt", "rollup/finance-2023.txt"]);
    let settings = rollup_settings();
    assert_eq!(
        rollups(&facts, &settings.options.rollup),
        [Rollup { government: 0, departments: vec![2, 1] }]
    );
    let findings = check(&facts, &settings);
    assert_eq!(
        render(&facts, &findings),
        [
            "rollup/county-2023.txt XG705 19:1 表二 行政规范性文件 现行有效件数为33，所属2个部门的报告之和为34",
            "  = rollup/finance-2023.txt:19:1 某县财政局2023年度报告：17",
            "  = rollup/education-2023.txt:19:1 某县教育局2023年度报告：17",
            "rollup/county-2023.txt XG705 24:1 表二 行政许可 本年处理决定数量为250，所属2个部门的报告之和为240",
            "  = rollup/finance-2023.txt:24:1 某县财政局2023年度报告：120",
            "  = rollup/education-2023.txt:24:1 某县教育局2023年度报告：120",
        ]
    );
    assert_eq!(
        findings[0][1].message.en,
        "table 2 licensing, decisions this year is 250, but the reports of its 2 departments sum to 240"
    );
    assert_eq!(findings[0][1].related[0].message.en, "某县财政局's 2023 report: 120");
    // Without the config, or without every department in the run: nothing.
    assert!(check(&facts, &Settings::national()).iter().all(Vec::is_empty));
    // The entry kept with the government's facts (its own config's) is enough.
    let mut own = facts.clone();
    for f in &mut own {
        apply_rollup(f, &settings.options.rollup);
    }
    assert_eq!((own[0].rollup.is_some(), own[1].rollup.is_some()), (true, false));
    assert_eq!(check(&own, &Settings::national())[0].len(), 2);
    let two = super::tests::facts(&["rollup/county-2023.txt", "rollup/finance-2023.txt"]);
    assert!(rollups(&two, &settings.options.rollup).is_empty());
    assert!(check(&two, &settings).iter().all(Vec::is_empty));
    // A department of another year does not count.
    let mut other = facts.clone();
    other[1].year = Some(2022);
    assert!(check(&other, &settings).iter().all(Vec::is_empty));
    // Table 2 is not summed across the 2019 and the 2021 templates.
    let mut old = facts.clone();
    old[1].outdated_template = true;
    assert!(check(&old, &settings).iter().all(Vec::is_empty));
    // Sums that agree: nothing.
    let mut fixed = facts.clone();
    for c in &mut fixed[0].cells {
        match (c.key.row, c.key.column) {
            ("normative_documents", "in_force") => c.value = 34.0,
            ("licensing", _) => c.value = 240.0,
            _ => {}
        }
    }
    assert!(check(&fixed, &settings).iter().all(Vec::is_empty));
}

#[test]
fn rollup_entries_are_checked_when_the_config_is_compiled() {
    use crate::config::{Config, ConfigError, Overrides};
    let compile = |text: &str| {
        Config::from_text(Path::new("xxgk.toml"), &format!("[settings]\n{text}\n"))
            .and_then(|c| c.compile(&Overrides::default()))
    };
    let good = "rollup = [{ government = \"某县人民政府\", departments = [\"某县财政局\"] }]";
    let settings = compile(good).unwrap();
    assert_eq!(settings.options.rollup[0].departments, ["某县财政局"]);
    let extended = compile(&format!(
        "{good}\nextend-rollup = [{{ government = \"某市人民政府\", departments = [\"某市财政局\"] }}]"
    ));
    assert_eq!(extended.unwrap().options.rollup.len(), 2);
    for (text, message, at) in [
        ("rollup = [{ government = \"某县人民政府\", departments = [] }]", "the `departments` of 某县人民政府 are empty", "[]"),
        ("rollup = [{ government = \" \", departments = [\"某县财政局\"] }]", "`government` is empty", "\" \""),
        (
            "rollup = [{ government = \"某县人民政府\", departments = [\"某县 人民政府\"] }]",
            "某县人民政府 is listed among its own departments",
            "\"某县 人民政府\"",
        ),
        (
            "extend-rollup = [{ government = \"某县人民政府\", departments = [\"某县财政局\", \"某县财政局 \"] }]",
            "某县财政局 is listed twice among the departments of 某县人民政府",
            "\"某县财政局 \"",
        ),
        ("rollup = [{ government = \"某县人民政府\", depts = [] }]", "unknown field `depts`", "depts"),
    ] {
        let err = compile(text).unwrap_err();
        let ConfigError::Invalid(invalid) = &err else { panic!("{err:?}") };
        assert!(invalid.message.contains(message), "{text}: {}", invalid.message);
        let span = invalid.span.expect("located");
        let start = "[settings]\n".len() + text.find(at).unwrap();
        assert_eq!((span.offset(), span.len()), (start, at.len()), "{text}");
    }
}
