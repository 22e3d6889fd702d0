//! The dates (XG4) and narrative (XG5) rules on the five seed reports: exact codes and positions.
use crate::{check, Settings};
use std::path::Path;
use xxgk_model::LineIndex;

/// `CODE line:col` for every XG4/XG5 finding on a seed.
fn findings(seed: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus").join(seed);
    let report = crate::test::read_fixture(&path);
    let settings = Settings { select: vec!["XG4".into(), "XG5".into()], ..Settings::national() };
    let index = LineIndex::new(report.source());
    check(&report, &settings)
        .iter()
        .map(|d| {
            let (line, col) = index.line_col(report.source(), report.source_span(d.span).start as usize);
            format!("{} {line}:{col}", d.code)
        })
        .collect()
}

#[test]
fn seed_000() {
    assert_eq!(findings("000_78cb5ee3af34762b.txt"), ["XG402 5:1"]);
}

#[test]
fn seed_001() {
    assert_eq!(findings("001_9ebba746cc4f361b.txt"), ["XG402 1:1"]);
}

#[test]
fn seed_002() {
    assert_eq!(findings("002_62b86d8e083b3ce2.txt"), ["XG405 17:49"]);
}

#[test]
fn seed_003() {
    assert_eq!(findings("003_52851d4dc858525c.txt"), Vec::<String>::new());
}

#[test]
fn seed_004() {
    assert_eq!(findings("004_3b9c401a47ff0dba.txt"), ["XG402 3:1"]);
}

#[test]
fn odd_inputs_do_not_panic() {
    use xxgk_model::{Date, Field, Period, Report, Span};
    let texts = [
        "",
        "年月日",
        "9999年99月99日 0000-00-00 2023年2月 2月 月日 本年度（2022年",
        "占%同比增长%占比999999999999999999999999条1条占100%",
        "收到政府信息公开申请99999999999999999999999件。未收到",
        "没有行政复议行政诉讼𝄞下一步，2023年将",
        "\u{3000}２０２３年１３月",
    ];
    for text in texts {
        let mut report = Report { text: text.to_string(), ..Default::default() };
        let span = Span::new(0, text.len());
        report.meta.year = Some(Field { value: i32::MAX, span });
        let date = Date { year: i32::MIN, month: 13, day: 40 };
        report.meta.published = Some(Field { value: date, span });
        report.meta.period = Some(Field { value: Period { start: date, end: date }, span });
        let settings = Settings { select: vec!["XG4".into(), "XG5".into()], ..Settings::national() };
        let _ = check(&report, &settings);
    }
}
