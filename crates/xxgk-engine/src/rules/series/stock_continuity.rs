//! XG704 stock-continuity: 现行有效 (Y) must equal 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y),
//! for 规章 and 行政规范性文件.
use super::year_zh;
use crate::series::{number, Facts};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, TableKey};

declare_rule! {
    /// ## 检查内容
    /// 表二"规章"和"行政规范性文件"两行的现行有效件数，是否等于同一机关上一年度报告的
    /// 现行有效件数，加本年制发件数，减本年废止件数：
    /// 现行有效（本年）= 现行有效（上年）+ 本年制发 − 本年废止。
    /// 任一年的现行有效件数空白，或任一份报告仍用2019年旧格式（表二统计的是别的数量）时，不比较。
    /// 两份报告都在一次检查之中时自动配对（同一发布机关、相邻年度），也可以用
    /// `--previous 上年报告` 或配置中的 `series` 指定上年报告。诊断指向本年的现行有效件数，
    /// 并给出上年报告中现行有效件数的位置和数值。
    /// ## 为什么
    /// 现行有效的文件，就是上年末仍然有效的文件，加上本年新制发的，减去本年废止的；
    /// 对不上，说明某一年的数字有误，或本年报告照抄了上年的表二，或失效、清理的文件没有计入
    /// 本年废止。这类错误只有对照上年报告才看得出来。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第二十条第（一）项；国办公开办函〔2021〕30号格式表二
    /// "第二十条第（一）项"：本年制发件数、本年废止件数、现行有效件数。
    /// ## 示例
    /// ```text
    /// 2022年度报告：行政规范性文件 本年制发 2 本年废止 1 现行有效 15
    /// 2023年度报告：行政规范性文件 本年制发 2 本年废止 1 现行有效 15（应为 15 + 2 − 1 = 16）
    /// ```
    /// ## 修复
    /// 核对两年的文件清单，改正本年的现行有效件数（或本年制发、本年废止件数，或上年报告的
    /// 现行有效件数）；因有效期届满等原因失效的文件，计入本年废止件数或在报告中说明。
    /// ## English
    /// For table 2's rows "regulations" (规章) and "normative documents" (行政规范性文件): this
    /// year's "in force" must equal last year's "in force" plus this year's "issued" minus this
    /// year's "repealed", against last year's report of the same issuer (paired automatically in
    /// a directory run, or with `--previous LAST_YEAR_FILE` or a config `series` entry). The
    /// finding points at this year's "in force" cell and shows last year's. Not compared when
    /// either year's "in force" is blank or either report uses the 2019 template. Fix: check both
    /// years' lists of documents and correct the figure that is wrong; count documents that
    /// expired as repealed, or explain them in the report.
    pub STOCK_CONTINUITY = { code: "XG704", name: "stock-continuity", severity: Info, since: "0.2.0" }
}

/// The rule.
pub(crate) struct StockContinuity;

impl Rule for StockContinuity {
    fn meta(&self) -> &'static RuleMeta {
        &STOCK_CONTINUITY
    }
    // Cross-file: `crate::series::check` calls [`check`] with last year's facts.
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {}
}

/// The rows checked, with their names in messages.
const ROWS: [(&str, &str, &str); 2] = [
    ("regulations", "规章", "Regulations"),
    ("normative_documents", "行政规范性文件", "Normative documents"),
];

/// Compare `current`'s documents in force with `previous`'s and this year's changes.
///
/// Not when either report shows the 2019 template (its table 2 counts other things), nor when
/// either year's 现行有效 is blank (the stock is not stated).
pub(crate) fn check(current: &Facts, previous: &Facts, out: &mut Vec<Diagnostic>) {
    if current.outdated_template || previous.outdated_template {
        return;
    }
    for (row, zh, en) in ROWS {
        let this = |column: &str| current.cell(TableKey::Proactive, row, column);
        let (Some(now), Some(issued), Some(repealed)) = (this("in_force"), this("issued"), this("repealed"))
        else {
            continue;
        };
        let Some(last) = previous.cell(TableKey::Proactive, row, "in_force") else { continue };
        if now.blank || last.blank {
            continue;
        }
        let expected = last.value + issued.value - repealed.value;
        if (now.value - expected).abs() < 1e-9 {
            continue;
        }
        let (a, b, c, d, e) = (
            number(now.value),
            number(last.value),
            number(issued.value),
            number(repealed.value),
            number(expected),
        );
        let path = &previous.path;
        let year = year_zh(previous.year);
        let en_lower = en.to_lowercase();
        out.push(
            Diagnostic::new(
                &STOCK_CONTINUITY,
                now.at.span,
                Text::new(
                    format!("{zh}现行有效件数为{a}，上年报告 {path} 的现行有效{b}件，加本年制发{c}件、减本年废止{d}件应为{e}"),
                    format!("{en} in force: {a}, but last year's report {path} had {b} in force: {b} + {c} issued − {d} repealed = {e}"),
                ),
            )
            .with_help(Text::new(
                "现行有效件数应等于上年的现行有效件数加本年制发、减本年废止；核对两年的数字，失效的文件计入本年废止",
                "In force must equal last year's in force plus issued minus repealed this year; check both years' figures, and count expired documents as repealed",
            ))
            .with_related(last.at.related(
                path,
                Text::new(
                    format!("{year}报告的{zh}现行有效件数为{b}"),
                    format!("last year's {en_lower} in force: {b}"),
                ),
            )),
        );
    }
}
