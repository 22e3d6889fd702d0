//! The XG2 and XG3 findings on the real reports of tests/corpus, code and line:column exact.
use crate::{check, Diagnostic, Settings};
use std::path::Path;
use xxgk_model::Report;

/// Read a corpus file by its name's start (`003`, `real/pingtan-2022`) and run XG2 and XG3.
fn run(name: &str) -> (Report, Vec<Diagnostic>) {
    let (sub, prefix) = name.rsplit_once('/').unwrap_or(("", name));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus").join(sub);
    let path = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .unwrap_or_else(|| panic!("corpus file {name}"));
    let report = crate::test::read_fixture(&path);
    let settings = Settings { select: vec!["XG2".into(), "XG3".into()], ..Settings::national() };
    let diagnostics = check(&report, &settings);
    (report, diagnostics)
}

/// `CODE line:col` of every finding, in output order.
fn located(name: &str) -> Vec<String> {
    let (report, diagnostics) = run(name);
    let index = xxgk_model::LineIndex::new(report.source());
    diagnostics
        .iter()
        .map(|d| {
            let (l, c) = index.line_col(report.source(), report.source_span(d.span).start as usize);
            format!("{} {l}:{c}", d.code)
        })
        .collect()
}

#[test]
fn findings_on_the_seeds() {
    // 000 cites 《政府信息公开信息处理管理办法》; its tables balance.
    assert_eq!(located("000"), ["XG303 604:3"]);
    assert_eq!(located("001"), Vec::<String>::new());
    // 002 and 004: section 六 only says there is nothing else to report.
    assert_eq!(located("002"), ["XG301 413:1"]);
    assert_eq!(located("004"), ["XG301 467:1"]);
    // 003: row （四）1 is 117,0,0,1,0,0,125 and column 商业企业 has (七) = 7 over outcomes of 0.
    assert_eq!(located("003"), ["XG202 62:30", "XG203 73:9"]);
    assert_eq!(located("real/pingtan-2022"), Vec::<String>::new());
    assert_eq!(located("real/pingtan-finance-2022"), Vec::<String>::new());
}

#[test]
fn the_glued_seed_names_its_culprit_and_its_reading() {
    let (_, d) = run("003");
    let help = "（四）1.本机关不掌握相关政府信息 / 商业企业 为 0；若为 7，则本行合计与本列合计均平衡";
    let note = "为推断读取：原文“11700100125”数字粘连，无一种拆分能满足全部勾稽关系）";
    assert_eq!(
        d[0].message.zh,
        format!(
            "表三“（四）1.本机关不掌握相关政府信息”行合计不符：总计=125，六类申请人之和=118（本行数字{note}"
        )
    );
    assert_eq!(
        d[1].message.zh,
        format!(
            "表三“商业企业”列办理结果合计不符：（七）总计=7，各项办理结果之和=0（“（四）1.本机关不掌握相关政府信息”行数字{note}"
        )
    );
    for d in &d {
        assert_eq!(d.help.as_ref().map(|h| h.zh.as_str()), Some(help));
    }
}
