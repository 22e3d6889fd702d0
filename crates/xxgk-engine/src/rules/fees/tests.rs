//! Unit tests of the fee rules on hand-built reports.
use super::testing::report;
use crate::rules::tables::testing::rendered;
use xxgk_model::SectionKey::{Other, Overview, Problems};

#[test]
fn nothing_else_to_report_is_no_fee_statement() {
    let r = report(&[(Problems, "一是……"), (Other, "暂无其他需要报告事项。")]);
    assert_eq!(
        rendered(&r, "XG301"),
        "XG301 3:1-3:12 error 第六部分未说明信息处理费的收取情况\n  at 4:1: 只写了“暂无其他需要报告事项。”\n  \
         help: 写明本年度收取信息处理费的金额（发出收费通知的件数和金额、实际收取的金额），或写明本年度未收取信息处理费\n"
    );
}

#[test]
fn none_charged_is_clean() {
    for body in [
        "（一）2023年未收取信息处理费。\n（二）开展……",
        "本年度没有收取任何费用。",
        "依据规定，本年度收取信息处理费 0 元。",
    ] {
        let r = report(&[(Other, body)]);
        assert_eq!(rendered(&r, "XG301"), "", "{body}");
    }
}

#[test]
fn missing_section_six_is_xg101s_finding() {
    let r = report(&[(Overview, "本年度未收取信息处理费。")]);
    assert_eq!(rendered(&r, "XG301"), "");
}

#[test]
fn a_statement_elsewhere_is_pointed_at() {
    let r = report(&[(Overview, "全年未收取信息处理费。"), (Other, "无。")]);
    let out = rendered(&r, "XG301");
    assert!(out.starts_with("XG301 3:1-3:12 error 第六部分未说明信息处理费的收取情况\n  at 4:1: 只写了“无。”\n  at 2:3: 此处写有收费情况，但应在第六部分说明\n"), "{out}");
}

#[test]
fn administrative_fees_are_not_information_fees() {
    let r = report(&[(Other, "本年度行政事业性收费0万元。")]);
    assert_eq!(crate::rules::tables::testing::run(&r, "XG301").len(), 1);
}
