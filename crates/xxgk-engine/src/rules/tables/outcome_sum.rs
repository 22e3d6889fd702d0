//! XG203 t3-outcome-sum: in every column of table 3, (七)总计 = the 21 outcome rows.
use super::sheet::{num, with_note, Kind, Sheet, OUTCOMES, OUTCOME_TOTAL};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 表三每一列的"三、本年度办理结果（七）总计"应等于（一）至（六）各项办理结果
    /// （共 21 行：予以公开、部分公开、不予公开 8 项、无法提供 3 项、不予处理 5 项、
    /// 其他处理 3 项）之和。空白单元格按 0 计；表三未找到时不检查（XG002）。
    ///
    /// 不成立时，与 XG202 一样在整张表三中寻找唯一能使全部勾稽关系成立的单元格，
    /// 找到时写出该格与使之平衡的数值，找不到时只列出不成立的合计。
    /// ## 为什么
    /// （七）总计是本年办结的申请数；它与各项结果之和不符，说明有结果被漏记或记错了行、列。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三
    /// "三、本年度办理结果"（一）至（七）；《中华人民共和国政府信息公开条例》第五十条。
    /// ## 示例
    /// "商业企业"列（七）总计为 7，但各项办理结果中"商业企业"均为 0：
    /// `表三“商业企业”列办理结果合计不符：（七）总计=7，各项办理结果之和=0`。
    /// ## 修复
    /// 把该列办结的申请记入对应的结果行，或改正（七）总计。
    /// ## English
    /// Checks that, in every column of table 3, III(7) total equals the sum of the 21 outcome
    /// rows (granted … other). Blank cells count as 0. The help names the one cell that would
    /// make all of table 3 consistent, or lists the failing sums when no single cell does.
    /// Example: column 商业企业 has III(7) = 7 but every outcome row says 0. Record the
    /// outcomes in their rows or correct the total.
    pub T3_OUTCOME_SUM = { code: "XG203", name: "t3-outcome-sum", severity: Error, since: "0.1.0" }
}

/// XG203.
pub(crate) struct T3OutcomeSum;

impl Rule for T3OutcomeSum {
    fn meta(&self) -> &'static RuleMeta {
        &T3_OUTCOME_SUM
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(sheet) = Sheet::requests(report) else { return };
        let defer_blank = cx.is_enabled(&super::total_blank::TOTAL_BLANK);
        for (kind, id) in sheet.failures() {
            let Kind::OutcomeSum(c) = *kind else { continue };
            if defer_blank && sheet.has_blank_total(id) {
                continue;
            }
            let (total, parts) = id.sums(&sheet.grid).unwrap_or_default();
            let col = &sheet.cols[c];
            let message = Text::new(
                format!(
                    "表三“{}”列办理结果合计不符：（七）总计={}，各项办理结果之和={}",
                    col.label,
                    num(total),
                    num(parts)
                ),
                format!(
                    "Table 3 column {} ({}): III(7) total is {} but the outcome rows sum to {}",
                    col.label,
                    col.label_en,
                    num(total),
                    num(parts)
                ),
            );
            let primary = sheet.span((OUTCOME_TOTAL, c));
            let mut d = Diagnostic::new(
                &T3_OUTCOME_SUM,
                primary,
                with_note(message, sheet.inferred_note(report, id, None)),
            );
            // Label the non-zero outcome cells (the ones that make up the sum), at most a few.
            let culprit = sheet.culprit_cell();
            for r in OUTCOMES.filter(|&r| sheet.value((r, c)) != 0.0 && culprit != Some((r, c))).take(5) {
                let v = num(sheet.value((r, c)));
                d = d.with_label(
                    sheet.span((r, c)),
                    Text::new(
                        format!("{} {v}", sheet.rows[r].label),
                        format!("{} {v}", sheet.rows[r].label_en),
                    ),
                );
            }
            d = super::culprit_label(&sheet, d, primary);
            if let Some(help) = sheet.help() {
                d = d.with_help(help);
            }
            cx.report(d);
        }
    }
}
