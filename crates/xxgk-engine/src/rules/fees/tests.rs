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

/// A report with section 六 saying `six`, and table 3 with `ended` requests ended for unpaid fees.
fn with_unpaid(six: &str, ended: i64) -> xxgk_model::Report {
    let mut v = crate::rules::tables::testing::consistent_t3();
    v[21] = [ended, 0, 0, 0, 0, 0, ended]; // other_no_fee
    v[0][0] += ended;
    v[0][6] += ended;
    v[23][0] += ended;
    v[23][6] += ended;
    crate::rules::tables::testing::Builder::with(report(&[(Other, six)])).t3(&v).build()
}

#[test]
fn unpaid_fee_requests_conflict_with_nothing_charged() {
    let r = with_unpaid("本年度未收取信息处理费。", 2);
    assert_eq!(crate::rules::tables::testing::run(&r, "XG2"), vec![], "the table itself is consistent");
    assert_eq!(
        rendered(&r, "XG302"),
        "XG302 2:4-2:12 warning 第六部分称“未收取信息处理费”，但表三有 2 件申请因逾期未缴纳费用而终止处理\n  \
         at 24:29: （六）2.逾期未缴纳费用 2 件\n  \
         help: 申请人逾期未缴费，说明发出过收费通知：在第六部分写明发出收费通知的件数和金额、实际收取的金额，或改正表三\n"
    );
}

#[test]
fn notices_stated_or_none_ended_is_clean() {
    let stated = with_unpaid("本年度发出收费通知2件，申请人均未缴纳，实际未收取信息处理费。", 2);
    assert_eq!(rendered(&stated, "XG302"), "");
    let none = with_unpaid("本年度未收取信息处理费。", 0);
    assert_eq!(rendered(&none, "XG302"), "");
}

#[test]
fn misnamed_fee_measures() {
    let r = report(&[(Other, "依据《政府信息公开信息处理管理办法》规定，本年度未收取政府信息处理费。")]);
    let d = crate::rules::tables::testing::run(&r, "XG303");
    assert_eq!(
        rendered(&r, "XG303"),
        "XG303 2:3-2:19 warning 所引文件名称有误：《政府信息公开信息处理管理办法》应为《政府信息公开信息处理费管理办法》\n  \
         help: 该办法由国务院办公厅以国办函〔2020〕109号印发，名称为《政府信息公开信息处理费管理办法》\n"
    );
    // The fix replaces only the name inside the brackets.
    let fix = d[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.applicability, crate::Applicability::Safe);
    let mut fixed = r.text.clone();
    fixed.replace_range(fix.edits[0].span.range(), &fix.edits[0].replacement);
    assert_eq!(
        fixed,
        "六、其他需要报告的事项\n依据《政府信息公开信息处理费管理办法》规定，本年度未收取政府信息处理费。\n"
    );
    let right = report(&[(Other, "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。")]);
    assert_eq!(rendered(&right, "XG303"), "");
}
