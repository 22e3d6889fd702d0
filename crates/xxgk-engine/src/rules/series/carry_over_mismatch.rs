//! XG701 carry-over-mismatch: this year's 二、上年结转 must equal last year's 四、结转下年度, per column.
use super::year_zh;
use crate::series::{number, Facts};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, T3_COLUMNS};

declare_rule! {
    /// ## 检查内容
    /// 表三"二、上年结转政府信息公开申请数量"的每一列，是否等于同一机关上一年度报告表三
    /// "四、结转下年度继续办理"的同一列。两份报告都在一次检查之中时自动配对（同一发布机关、
    /// 相邻年度），也可以用 `--previous 上年报告` 或配置中的 `series` 指定上年报告。
    /// 诊断指向本年的单元格，并给出上年报告中对应单元格的位置和数值。
    /// 哪一份报告的单元格是推断出来的（空白被省略、数字粘连的版式，见 XG004），这一列就不比较：
    /// 推断的列位置是猜测，不是报告写明的。
    /// ## 为什么
    /// 上年结转的申请就是上年报告里结转到本年的申请，两数必须相同；不同，说明其中一份报告
    /// 的数字有误，或本年报告漏算、重算了跨年度的申请。这类错误只有对照上年报告才看得出来。
    /// ## 依据
    /// 国办公开办函〔2021〕30号格式表三：二、上年结转政府信息公开申请数量；四、结转下年度继续办理。
    /// ## 示例
    /// ```text
    /// 2022年度报告：四、结转下年度继续办理 …… 总计 3
    /// 2023年度报告：二、上年结转政府信息公开申请数量 …… 总计 1
    /// ```
    /// ## 修复
    /// 核对两年的办理台账，改正本年的"上年结转"（或上年报告的"结转下年度"）。
    /// ## English
    /// Each column of table 3's "II. carried over from last year" must equal the same column of
    /// "IV. carried forward" in last year's report of the same issuer (paired automatically in a
    /// directory run, or with `--previous LAST_YEAR_FILE` or a config `series` entry). The finding
    /// points at this year's cell and names last year's file, cell and value. A column is not
    /// compared when either report's cell was inferred (a layout that drops blank cells or glues
    /// digits, XG004): its place is a guess, not what the report prints. Fix: check both
    /// years' records and correct the figure that is wrong.
    pub CARRY_OVER_MISMATCH = { code: "XG701", name: "carry-over-mismatch", severity: Warning, since: "0.2.0" }
}

/// The rule.
pub(crate) struct CarryOverMismatch;

impl Rule for CarryOverMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &CARRY_OVER_MISMATCH
    }
    // Cross-file: `crate::series::check` calls [`check`] with last year's facts.
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {}
}

/// Compare `current`'s carry-over with `previous`'s carry-forward, column by column.
pub(crate) fn check(current: &Facts, previous: &Facts, out: &mut Vec<Diagnostic>) {
    for this in &current.carried_over {
        let Some(last) = previous.carried_forward.iter().find(|c| c.column == this.column) else { continue };
        if this.value == last.value || this.inferred || last.inferred {
            continue;
        }
        let (zh, en) = T3_COLUMNS
            .iter()
            .find(|c| c.key == this.column)
            .map_or((this.column, this.column), |c| (c.label, c.label_en));
        let (a, b) = (number(this.value), number(last.value));
        let path = &previous.path;
        let year = year_zh(previous.year);
        out.push(
            Diagnostic::new(
                &CARRY_OVER_MISMATCH,
                this.at.span,
                Text::new(
                    format!("上年结转（{zh}）为{a}，上年报告 {path} 的结转下年度为{b}"),
                    format!("Carried over ({en}) is {a}, but last year's report {path} carried forward {b}"),
                ),
            )
            .with_help(Text::new(
                "上年结转应等于上年报告的\"四、结转下年度继续办理\"；核对两年的数字",
                "Carried over must equal last year's \"IV. carried forward\"; check both years' figures",
            ))
            .with_related(last.at.related(
                path,
                Text::new(
                    format!("{year}报告的结转下年度（{zh}）为{b}"),
                    format!("last year's carried forward ({en}): {b}"),
                ),
            )),
        );
    }
}
