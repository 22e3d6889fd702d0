//! XG202 t3-row-total: in every row of table 3, 总计 = the six applicant columns.
use super::sheet::{num, with_note, Kind, Sheet, T3_TOTAL};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 表三每一行的"总计"应等于六类申请人（自然人、商业企业、科研机构、社会公益组织、
    /// 法律服务机构、其他）之和。空白单元格按 0 计；表三未找到时不检查（XG002）。
    ///
    /// 不成立时，在整张表三中寻找能使全部勾稽关系同时成立的唯一一个单元格（一行合计与一列
    /// 合计差额相同、且交于该格）：找到时，提示写出该格及使之平衡的数值；找不到时只列出
    /// 不成立的合计。该行数字若是推断读取的（数字粘连），消息中会注明。
    /// ## 为什么
    /// 总计是各类申请人的合计；对不上，说明某一格填错、漏填或错列。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三
    /// （"申请人情况"下六类申请人与"总计"列）；《中华人民共和国政府信息公开条例》第五十条。
    /// ## 示例
    /// ```text
    /// （四）无法提供 1.本机关不掌握相关政府信息 | 117 | 0 | 0 | 1 | 0 | 0 | 125
    /// ```
    /// 六类申请人之和为 118，总计为 125。若"（七）总计"行的"商业企业"为 7 而各办理结果行
    /// 的"商业企业"之和为 0，则提示：`（四）1.本机关不掌握相关政府信息 / 商业企业 为 0；若为 7，
    /// 则本行合计与本列合计均平衡`。
    /// ## 修复
    /// 改正填错的单元格，使总计等于六类申请人之和。
    /// ## English
    /// Checks that every row of table 3 has total = the sum of the six applicant columns
    /// (blank = 0). When a row total and a column sum miss by the same amount and cross in one
    /// cell, the help names that cell and the value that balances both; otherwise it lists the
    /// failing sums. Rows read from glued digits say so. Example: 117 + 0 + 0 + 1 + 0 + 0 = 118
    /// but the total says 125. Fix the wrong cell.
    pub T3_ROW_TOTAL = { code: "XG202", name: "t3-row-total", severity: Error, since: "0.1.0" }
}

/// XG202.
pub(crate) struct T3RowTotal;

impl Rule for T3RowTotal {
    fn meta(&self) -> &'static RuleMeta {
        &T3_ROW_TOTAL
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(sheet) = Sheet::requests(report) else { return };
        let defer_blank = cx.is_enabled(&super::total_blank::TOTAL_BLANK);
        for (kind, id) in sheet.failures() {
            let Kind::RowTotal(r) = *kind else { continue };
            if defer_blank && sheet.has_blank_total(id) {
                continue;
            }
            let (total, parts) = id.sums(&sheet.grid).unwrap_or_default();
            let row = &sheet.rows[r];
            let message = Text::new(
                format!("表三“{}”行合计不符：总计={}，六类申请人之和={}", row.label, num(total), num(parts)),
                format!(
                    "Table 3 row {} ({}) does not add up: total {}, the six applicant columns sum to {}",
                    row.label,
                    row.label_en,
                    num(total),
                    num(parts)
                ),
            );
            let primary = sheet.span((r, T3_TOTAL));
            let mut d = Diagnostic::new(
                &T3_ROW_TOTAL,
                primary,
                with_note(message, sheet.inferred_note(report, id, Some(r))),
            );
            let parts_span = (0..T3_TOTAL)
                .filter_map(|c| sheet.cell((r, c)).and_then(|cell| cell.span))
                .reduce(Span::cover);
            if let Some(s) = parts_span.filter(|s| *s != primary) {
                let p = num(parts);
                d = d.with_label(
                    s,
                    Text::new(format!("六类申请人之和 {p}"), format!("the applicant columns sum to {p}")),
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
