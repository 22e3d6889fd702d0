//! Unit tests of the arithmetic rules on hand-built tables (one row a line, `label|v|v|…`).
use super::testing::{consistent_t3, rendered, rows, run, Builder};
use crate::{check, Settings};
use xxgk_model::{InferenceStatus, TableKey};

/// The culprit case of a real report: row （四）1 printed 117,0,0,1,0,0,125 where 商业企业 must be 7.
fn culprit_case() -> Builder {
    let mut v = consistent_t3();
    v[12][1] = 0;
    Builder::new().t3(&v)
}

/// The codes the XG2 family gives, in output order.
fn codes(r: &xxgk_model::Report) -> Vec<String> {
    let s = Settings { select: vec!["XG2".into()], ..Settings::national() };
    check(r, &s).iter().map(|d| d.code.clone()).collect()
}

const CULPRIT_HELP: &str =
    "  help: （四）1.本机关不掌握相关政府信息 / 商业企业 为 0；若为 7，则本行合计与本列合计均平衡\n";

#[test]
fn consistent_table_is_clean() {
    let r =
        Builder::new().t3(&consistent_t3()).t4(&[[1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 1, 1]]).build();
    assert_eq!(codes(&r), Vec::<String>::new());
}

#[test]
fn missing_tables_are_silent() {
    let r = Builder::new().build();
    for code in ["XG201", "XG202", "XG203", "XG204", "XG208"] {
        assert!(run(&r, code).is_empty(), "{code}");
    }
}

#[test]
fn row_total_names_the_culprit() {
    let r = culprit_case().build();
    assert_eq!(
        rendered(&r, "XG202"),
        "XG202 13:33-13:36 error 表三“（四）1.本机关不掌握相关政府信息”行合计不符：总计=125，六类申请人之和=118\n  \
         at 13:19: 六类申请人之和 118\n  at 13:23: 此格为 0，若为 7 则各项平衡\n"
            .to_string()
            + CULPRIT_HELP
    );
}

#[test]
fn outcome_sum_names_the_same_culprit() {
    let r = culprit_case().build();
    assert_eq!(
        rendered(&r, "XG203"),
        "XG203 24:11-24:12 error 表三“商业企业”列办理结果合计不符：（七）总计=7，各项办理结果之和=0\n  \
         at 13:23: 此格为 0，若为 7 则各项平衡\n"
            .to_string()
            + CULPRIT_HELP
    );
    // The column balances (7 + 0 = 7 + 0): XG201 stays silent, and nothing else fires.
    assert_eq!(codes(&r), ["XG202", "XG203"]);
}

#[test]
fn english_messages_carry_the_numbers() {
    let r = culprit_case().build();
    let d = run(&r, "XG202");
    assert_eq!(
        d[0].message.en,
        "Table 3 row （四）1.本机关不掌握相关政府信息 (III.(4)1 unable: not held) does not add up: total 125, \
         the six applicant columns sum to 118"
    );
    assert_eq!(
        d[0].help.as_ref().map(|h| h.en.as_str()),
        Some("III.(4)1 unable: not held / businesses is 0; with 7, the row total and the column total would balance")
    );
}

#[test]
fn column_balance_fires_with_the_numbers() {
    // 一 says 121 natural persons (and 129 in all), the outcomes 120 (128): two columns fail
    // and no single cell explains both.
    let mut v = consistent_t3();
    v[0][0] = 121;
    v[0][6] = 129;
    let r = Builder::new().t3(&v).build();
    let help =
        "  help: 无法确定是哪一个单元格有误（没有一个单元格的改动能使全部勾稽关系同时成立）；不成立的有：\
                “自然人”列 一+二=121，三(七)+四=120；“总计”列 一+二=129，三(七)+四=128，请逐项核对\n";
    assert_eq!(
        rendered(&r, "XG201"),
        format!(
            "XG201 24:7-24:10 error 表三“自然人”列不平衡：一+二=121，三(七)+四=120\n  at 1:18: 一 = 121\n  \
             at 2:18: 二 = 0\n  at 25:13: 四 = 0\n{help}\
             XG201 24:21-24:24 error 表三“总计”列不平衡：一+二=129，三(七)+四=128\n  at 1:32: 一 = 129\n  \
             at 2:30: 二 = 0\n  at 25:25: 四 = 0\n{help}"
        )
    );
    assert_eq!(
        run(&r, "XG201")[0].message.en,
        "Table 3 column 自然人 (natural persons) does not balance: I+II = 121, III(7)+IV = 120"
    );
}

#[test]
fn column_balance_names_a_wrong_outcome_total() {
    // （七）总计 / 自然人 printed 119: its row, its column sum and its column balance all fail.
    let mut v = consistent_t3();
    v[23][0] = 119;
    let r = Builder::new().t3(&v).build();
    assert_eq!(
        rendered(&r, "XG201"),
        "XG201 24:7-24:10 error 表三“自然人”列不平衡：一+二=120，三(七)+四=119\n  at 1:18: 一 = 120\n  \
         at 2:18: 二 = 0\n  at 25:13: 四 = 0\n  \
         help: （七）总计 / 自然人 为 119；若为 120，则本行合计、本列一+二=三+四、本列合计均平衡\n"
    );
    // Sorted by position: XG201 and XG203 share the cell, XG202 is on the row's total.
    assert_eq!(codes(&r), ["XG201", "XG203", "XG202"]);
}

#[test]
fn unexplained_failures_list_the_sums() {
    let mut v = consistent_t3();
    v[2][6] = 3; // granted: total 3, parts 2
    v[7][0] = 2; // third party: natural 2, total 1
    let r = Builder::new().t3(&v).build();
    let d = run(&r, "XG202");
    assert_eq!(d.len(), 2);
    let help = "无法确定是哪一个单元格有误（没有一个单元格的改动能使全部勾稽关系同时成立）；不成立的有：\
                “三、（一）予以公开”行 总计=3，六类申请人之和=2；“（三）4.保护第三方合法权益”行 总计=1，六类申请人之和=2；\
                “自然人”列 （七）总计=120，办理结果之和=121；“总计”列 （七）总计=128，办理结果之和=129，请逐项核对";
    for d in &d {
        assert_eq!(d.help.as_ref().map(|h| h.zh.as_str()), Some(help));
    }
    assert_eq!(d[0].message.zh, "表三“三、（一）予以公开”行合计不符：总计=3，六类申请人之和=2");
    assert_eq!(d[1].message.zh, "表三“（三）4.保护第三方合法权益”行合计不符：总计=1，六类申请人之和=2");
}

#[test]
fn inferred_rows_are_named() {
    let r =
        culprit_case().glued(TableKey::Requests, "unable_not_held", InferenceStatus::Inconsistent).build();
    let note = "为推断读取：原文“11700100125”数字粘连，无一种拆分能满足全部勾稽关系）";
    assert_eq!(
        run(&r, "XG202")[0].message.zh,
        format!(
            "表三“（四）1.本机关不掌握相关政府信息”行合计不符：总计=125，六类申请人之和=118（本行数字{note}"
        )
    );
    assert_eq!(
        run(&r, "XG203")[0].message.zh,
        format!("表三“商业企业”列办理结果合计不符：（七）总计=7，各项办理结果之和=0（“（四）1.本机关不掌握相关政府信息”行数字{note}")
    );
    assert_eq!(
        run(&r, "XG203")[0].message.en,
        "Table 3 column 商业企业 (businesses): III(7) total is 7 but the outcome rows sum to 0 (the figures of row \
         III.(4)1 unable: not held were inferred from glued digits “11700100125”; no split satisfies every identity)"
    );
}

#[test]
fn uncertain_rows_are_named_before_certain_ones() {
    // Two glued rows in the failing column; no culprit; only the ambiguous one is named.
    let mut v = consistent_t3();
    v[2][0] = 3;
    v[2][6] = 3;
    let r = Builder::new()
        .t3(&v)
        .glued(TableKey::Requests, "new", InferenceStatus::Unique)
        .glued(TableKey::Requests, "granted", InferenceStatus::Ambiguous)
        .build();
    let d = run(&r, "XG201");
    assert_eq!(d.len(), 0, "the outcomes do not enter the column balance");
    let d = run(&r, "XG203");
    assert_eq!(d.len(), 2);
    assert!(
        d[0].message
            .zh
            .ends_with("（“三、（一）予以公开”行数字为推断读取：原文“3000003”数字粘连，另有 0 种拆分）"),
        "{}",
        d[0].message.zh
    );
}

#[test]
fn t4_group_total_never_guesses() {
    let r = Builder::new().t4(&[[1, 0, 0, 1, 3], [0, 0, 0, 0, 0], [0, 0, 0, 1, 1]]).build();
    assert_eq!(
        rendered(&r, "XG204"),
        "XG204 1:14-1:15 error 表四“行政复议”总计不符：总计=3，维持+纠正+其他+尚未审结=2\n  at 1:6: 四项之和 2\n  \
         help: 无法确定是哪一个单元格有误（有 5 个单元格改动后都能使之成立）；不成立的有：“行政复议” 总计=3，分项之和=2，请逐项核对\n"
    );
}

#[test]
fn blank_total_is_one_finding() {
    let r = Builder::new().t3_with(&consistent_t3(), &[("new", "total", "/")]).build();
    assert_eq!(
        rendered(&r, "XG208"),
        "XG208 1:32-1:33 error 表三“一、本年新收政府信息公开申请数量”行的总计为空，而六类申请人之和为 128\n  help: 填写总计 128\n"
    );
    // XG201 and XG202 defer to XG208 for that total …
    assert_eq!(codes(&r), ["XG208"]);
    // … unless XG208 is off.
    let s = Settings { select: vec!["XG2".into()], ignore: vec!["XG208".into()], ..Settings::national() };
    let c: Vec<_> = check(&r, &s).iter().map(|d| d.code.clone()).collect();
    assert_eq!(c, ["XG202", "XG201"]);
}

#[test]
fn a_blank_total_is_xg208s_not_xg006s() {
    let r = Builder::new().t3_with(&consistent_t3(), &[("new", "total", "/")]).build();
    let with = Settings { select: vec!["XG006".into(), "XG208".into()], ..Settings::national() };
    let c: Vec<_> = check(&r, &with).iter().map(|d| d.code.clone()).collect();
    assert_eq!(c, ["XG208"]);
    // With XG208 off, XG006 still says the cell is blank.
    assert_eq!(
        run(&r, "XG006")[0].message.zh,
        "表3“一、本年新收政府信息公开申请数量”行1个单元格空白（总计），按 0 计"
    );
}

#[test]
fn a_blank_total_column_is_one_finding() {
    let printed: Vec<(&str, &str, &str)> =
        ["new", "granted", "denied_third_party", "outcome_total"].iter().map(|r| (*r, "total", "")).collect();
    let r = Builder::new().t3_with(&consistent_t3(), &printed).build();
    let d = run(&r, "XG208");
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message.zh,
        "表三有4个总计为空，而其分项不为 0（如“一、本年新收政府信息公开申请数量”行的总计为空，而六类申请人之和为 128）"
    );
    assert_eq!(d[0].labels.len(), 3);
    assert_eq!(codes(&r), ["XG208"]);
}

#[test]
fn blank_outcome_total_is_named_as_a_column() {
    let r = Builder::new().t3_with(&consistent_t3(), &[("outcome_total", "commercial", "—")]).build();
    assert_eq!(run(&r, "XG208")[0].message.zh, "表三“商业企业”列的（七）总计为空，而各项办理结果之和为 7");
}

#[test]
fn blank_parts_are_zero() {
    // Only the 总计 column filled in, as some reports print a table with no requests.
    let rows: Vec<_> = xxgk_model::T3_ROWS
        .iter()
        .map(|s| (s.key, vec![String::new(); 6].into_iter().chain(["0".to_string()]).collect()))
        .collect();
    let r = Builder::new().table(TableKey::Requests, &rows).build();
    assert_eq!(codes(&r), Vec::<String>::new());
}

/// Table 2 with the given 规章, 行政规范性文件 and fee cells.
fn t2(regulations: &[&str], normative: &[&str], fee_header: &str, fee: &str) -> Builder {
    t2_for(Builder::new(), regulations, normative, fee_header, fee)
}

fn t2_for(b: Builder, regulations: &[&str], normative: &[&str], fee_header: &str, fee: &str) -> Builder {
    let header = format!("信息内容|本年收费金额{fee_header}");
    b.table(
        TableKey::Proactive,
        &rows(&[
            ("regulations", regulations),
            ("normative_documents", normative),
            ("licensing", &["0"]),
            ("penalty", &["0"]),
            ("coercion", &["0"]),
            ("#", &[header.as_str()]),
            ("fees", &[fee]),
        ]),
    )
}

#[test]
fn counts_must_be_whole_and_non_negative() {
    let r = Builder::new()
        .t3_with(
            &consistent_t3(),
            &[("granted", "natural_person", "1.5"), ("denied_third_party", "total", "-1")],
        )
        .build();
    assert_eq!(
        rendered(&r, "XG205"),
        "XG205 3:11-3:14 error 表三“三、（一）予以公开 / 自然人”应为非负整数，而此处为 1.5（带小数）\n  help: 改为实际的件数\n\
         XG205 8:28-8:30 error 表三“（三）4.保护第三方合法权益 / 总计”应为非负整数，而此处为 -1（为负数）\n  help: 改为实际的件数\n"
    );
}

#[test]
fn not_a_number_is_reported_once() {
    let r = Builder::new().t3_with(&consistent_t3(), &[("granted", "natural_person", "两件")]).build();
    assert_eq!(
        rendered(&r, "XG205"),
        "XG205 3:11-3:13 error 表三“三、（一）予以公开”行有非数字内容“两件”\n  \
         help: 单元格只填数字（阿拉伯数字）；没有则填 0\n"
    );
    // The row cannot be read, so its identities are not checked: no XG202/XG203 beside it.
    assert_eq!(codes(&r), ["XG205"]);
}

#[test]
fn whole_decimals_and_fee_amounts_are_counts_enough() {
    let r = t2(&["0", "0", "0"], &["3.0", "0", "3"], "（单位：万元）", "0.35").t3(&consistent_t3()).build();
    assert_eq!(rendered(&r, "XG205"), "");
}

#[test]
fn in_force_below_issued_on_a_typed_table() {
    let r = t2(&["0", "0", "0"], &["12", "0", "8"], "（单位：万元）", "0").build();
    assert_eq!(
        rendered(&r, "XG206"),
        "XG206 2:14-2:15 warning 表二“行政规范性文件”现行有效件数 8 少于本年制发件数 12\n  at 2:9: 本年制发 12\n  \
         help: 本年制发的文件应计入现行有效件数：核对两栏是否填反或漏计\n"
    );
    let clean = t2(&["0", "0", "0"], &["12", "0", "12"], "（单位：万元）", "0").build();
    assert_eq!(rendered(&clean, "XG206"), "");
    let glued = t2(&["0", "0", "0"], &["12", "0", "8"], "", "0")
        .glued(TableKey::Proactive, "normative_documents", InferenceStatus::Ambiguous)
        .build();
    assert_eq!(rendered(&glued, "XG206"), "", "an inferred row is not checked");
}

#[test]
fn regulations_of_a_district_body() {
    let r =
        t2_for(Builder::new().issuer("鼎城区工信局"), &["1", "0", "1"], &["0", "0", "0"], "", "0").build();
    assert_eq!(
        rendered(&r, "XG207"),
        "XG207 2:4-2:9 warning 表二“规章”有数字（本年制发 1，本年废止 0，现行有效 1），但“鼎城区工信局”是县级或以下机关，无权制定规章\n  \
         at 1:8: 名称中的“区”表明是县级或以下\n  \
         help: 规章只能由国务院部门和省、自治区、直辖市、设区的市、自治州人民政府制定；本机关制发的文件计入“行政规范性文件”，“规章”填 0\n"
    );
    let zero =
        t2_for(Builder::new().issuer("鼎城区工信局"), &["0", "0", "0"], &["0", "0", "0"], "", "0").build();
    assert_eq!(rendered(&zero, "XG207"), "");
    let region =
        t2_for(Builder::new().issuer("广西壮族自治区人民政府"), &["1", "0", "1"], &["0", "0", "0"], "", "0")
            .build();
    assert_eq!(rendered(&region, "XG207"), "", "自治区 is provincial");
}

#[test]
fn fee_unit_in_yuan() {
    let header = t2(&["0", "0", "0"], &["0", "0", "0"], "（单位：元）", "1200").build();
    assert_eq!(
        rendered(&header, "XG209"),
        "XG209 6:12-6:18 warning 表二“本年收费金额”的单位写作“（单位：元）”，格式要求以万元计\n  at 7:9: 此金额\n  \
         help: 金额以万元计：元数除以 10000，表头写“单位：万元”\n"
    );
    let cell = t2(&["0", "0", "0"], &["0", "0", "0"], "（万元）", "1200元").build();
    assert_eq!(run(&cell, "XG209")[0].message.zh, "表二“行政事业性收费”金额写作“1200元”，应以万元计");
    let huge = t2(&["0", "0", "0"], &["0", "0", "0"], "（万元）", "12000000").build();
    assert_eq!(
        run(&huge, "XG209")[0].message.zh,
        "表二“行政事业性收费”金额 12000000 万元不合常理（超过 100 亿元），可能是按元填写"
    );
    let fine = t2(&["0", "0", "0"], &["0", "0", "0"], "（单位：万元）", "0.123456").build();
    assert_eq!(rendered(&fine, "XG209"), "");
    let tiny = t2(&["0", "0", "0"], &["0", "0", "0"], "（单位：万元）", "0.1234567").build();
    assert_eq!(
        run(&tiny, "XG209")[0].message.zh,
        "表二“行政事业性收费”金额“0.1234567”有 7 位小数，以万元计已小于 1 分"
    );
}

#[test]
fn rows_the_reader_could_not_place_are_not_checked() {
    // Row （四）1 had too many cells (XG003's finding): neither its row total nor the column
    // sums through it are checked, so nothing here repeats XG003.
    let mut v = consistent_t3();
    v[12][1] = 0;
    let r = Builder::new()
        .t3(&v)
        .problem(
            TableKey::Requests,
            "unable_not_held",
            xxgk_model::ProblemKind::ExtraCells { found: 8, expected: 7 },
        )
        .build();
    assert_eq!(codes(&r), Vec::<String>::new());
}

#[test]
fn regulations_issuer_falls_back_to_the_title() {
    let mut b = Builder::new().issuer("办公室");
    let title = b.line("鼎城区工信局2023年政府信息公开工作年度报告");
    let mut r = t2_for(b, &["1", "0", "1"], &["0", "0", "0"], "", "0").build();
    r.meta.title = Some(xxgk_model::Field { value: r.slice(title).to_string(), span: title });
    assert_eq!(run(&r, "XG207").len(), 1);
    // An issuer that says its level wins over the title.
    r.meta.issuer.as_mut().expect("issuer").value = "某市人民政府".into();
    assert_eq!(run(&r, "XG207").len(), 0);
}
