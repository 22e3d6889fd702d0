//! XG204 t4-group-total: in every group of table 4, 总计 = 维持 + 纠正 + 其他 + 尚未审结.
use super::sheet::{num, with_note, Kind, Sheet, T4_TOTAL};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 表四（政府信息公开行政复议、行政诉讼情况）三组——行政复议、行政诉讼·未经复议直接
    /// 起诉、行政诉讼·复议后起诉——每组的"总计"应等于"结果维持 + 结果纠正 + 其他结果 +
    /// 尚未审结"。空白单元格按 0 计；表四未找到时不检查（XG002）。
    /// ## 为什么
    /// 总计是本组案件数；对不上，说明某一格填错、漏填，或数字被挪到了相邻一组。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表四；
    /// 《中华人民共和国政府信息公开条例》第五十条（年度报告应包括因政府信息公开工作被申请
    /// 行政复议、提起行政诉讼的情况）。
    /// ## 示例
    /// ```text
    /// 行政复议：结果维持 1 | 结果纠正 0 | 其他结果 0 | 尚未审结 1 | 总计 3
    /// ```
    /// `表四“行政复议”总计不符：总计=3，维持+纠正+其他+尚未审结=2`。
    /// ## 修复
    /// 改正填错的单元格，使总计等于四项之和。
    /// ## English
    /// Checks that each group of table 4 (administrative review; litigation without review;
    /// litigation after review) has total = upheld + corrected + other + pending (blank = 0).
    /// The groups share no identity, so the help never guesses which cell is wrong: it lists
    /// the failing sums. Example: 1 + 0 + 0 + 1 = 2 but the total says 3. Fix the wrong cell.
    pub T4_GROUP_TOTAL = { code: "XG204", name: "t4-group-total", severity: Error, since: "0.1.0" }
}

/// XG204.
pub(crate) struct T4GroupTotal;

impl Rule for T4GroupTotal {
    fn meta(&self) -> &'static RuleMeta {
        &T4_GROUP_TOTAL
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(sheet) = Sheet::appeals(report) else { return };
        let defer_blank = cx.is_enabled(&super::total_blank::TOTAL_BLANK);
        for (kind, id) in sheet.failures() {
            let Kind::GroupTotal(g) = *kind else { continue };
            if defer_blank && sheet.has_blank_total(id) {
                continue;
            }
            let (total, parts) = id.sums(&sheet.grid).unwrap_or_default();
            let group = &sheet.rows[g];
            let message = Text::new(
                format!("表四“{}”总计不符：总计={}，维持+纠正+其他+尚未审结={}", group.label, num(total), num(parts)),
                format!(
                    "Table 4 group {} ({}) does not add up: total {}, upheld + corrected + other + pending = {}",
                    group.label,
                    group.label_en,
                    num(total),
                    num(parts)
                ),
            );
            let primary = sheet.span((g, T4_TOTAL));
            let mut d = Diagnostic::new(
                &T4_GROUP_TOTAL,
                primary,
                with_note(message, sheet.inferred_note(report, id, Some(g))),
            );
            let parts_span = (0..T4_TOTAL)
                .filter_map(|c| sheet.cell((g, c)).and_then(|cell| cell.span))
                .reduce(Span::cover);
            if let Some(s) = parts_span.filter(|s| *s != primary) {
                let p = num(parts);
                d = d.with_label(s, Text::new(format!("四项之和 {p}"), format!("the four parts sum to {p}")));
            }
            d = super::culprit_label(&sheet, d, primary);
            if let Some(help) = sheet.help() {
                d = d.with_help(help);
            }
            cx.report(d);
        }
    }
}
