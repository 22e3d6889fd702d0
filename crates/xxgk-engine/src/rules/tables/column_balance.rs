//! XG201 t3-column-balance: in every column of table 3, 一 + 二 = 三(七)总计 + 四.
use super::sheet::{num, with_note, Kind, Sheet, CARRIED_FORWARD, CARRIED_OVER, NEW, OUTCOME_TOTAL};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 表三（收到和处理政府信息公开申请情况）每一列：
    /// "一、本年新收" + "二、上年结转" 应等于 "三、本年度办理结果（七）总计" + "四、结转下年度继续办理"。
    /// 空白单元格按 0 计。表三未找到时不检查（那是 XG002 的结论）。
    ///
    /// 不平衡时，会在整张表三中寻找能使全部勾稽关系同时成立的唯一一个单元格：找到时，
    /// 提示写出该单元格及使之平衡的数值；找不到时，只列出不成立的各项合计，不作猜测。
    /// 读取时经推断拆分的数字（数字粘连），消息中会注明。
    /// ## 为什么
    /// 这是模板写在表头上的勾稽关系：收到的申请（新收 + 结转）要么在本年办结，要么结转下年。
    /// 不平衡说明有申请被漏记、重记或填错了列。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三表头：
    /// "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"；
    /// 《中华人民共和国政府信息公开条例》（国务院令第711号）第五十条。
    /// ## 示例
    /// ```text
    /// 一、本年新收政府信息公开申请数量 | 120 | 7 | 0 | 1 | 0 | 0 | 128
    /// 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    /// （七）总计                       | 119 | 7 | 0 | 1 | 0 | 0 | 127
    /// 四、结转下年度继续办理           | 0 | 0 | 0 | 0 | 0 | 0 | 0
    /// ```
    /// "自然人"列：一+二=120，三(七)+四=119，不平衡。
    /// ## 修复
    /// 核对该列各项申请的去向，改正填错的数字，使一+二=三(七)+四。
    /// ## English
    /// Checks, for every column of table 3, that I (new requests) + II (carried over) equals
    /// III(7) (requests handled, total) + IV (carried forward); blank cells count as 0. This is
    /// the identity printed in the template's header (国办公开办函〔2021〕30号). When it fails,
    /// the rule looks for the one cell of table 3 whose change would make every identity hold
    /// and names it with the balancing value; otherwise it lists the failing sums. Example: in
    /// the column above, I+II = 120 but III(7)+IV = 119. Fix the wrong figure.
    pub T3_COLUMN_BALANCE = { code: "XG201", name: "t3-column-balance", severity: Error, since: "0.1.0" }
}

/// XG201.
pub(crate) struct T3ColumnBalance;

impl Rule for T3ColumnBalance {
    fn meta(&self) -> &'static RuleMeta {
        &T3_COLUMN_BALANCE
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // A missing table 3 is XG002's finding.
        let Some(sheet) = Sheet::requests(report) else { return };
        let defer_blank = cx.is_enabled(&super::total_blank::TOTAL_BLANK);
        for (kind, id) in sheet.failures() {
            let Kind::ColumnBalance(c) = *kind else { continue };
            if defer_blank && sheet.has_blank_total(id) {
                continue;
            }
            let (lhs, rhs) = id.sums(&sheet.grid).unwrap_or_default();
            let col = &sheet.cols[c];
            let message = Text::new(
                format!("表三“{}”列不平衡：一+二={}，三(七)+四={}", col.label, num(lhs), num(rhs)),
                format!(
                    "Table 3 column {} ({}) does not balance: I+II = {}, III(7)+IV = {}",
                    col.label,
                    col.label_en,
                    num(lhs),
                    num(rhs)
                ),
            );
            let primary = sheet.span((OUTCOME_TOTAL, c));
            let mut d = Diagnostic::new(
                &T3_COLUMN_BALANCE,
                primary,
                with_note(message, sheet.inferred_note(report, id, None)),
            );
            for (r, zh, en) in [(NEW, "一", "I"), (CARRIED_OVER, "二", "II"), (CARRIED_FORWARD, "四", "IV")]
            {
                let v = num(sheet.value((r, c)));
                d = d.with_label(sheet.span((r, c)), Text::new(format!("{zh} = {v}"), format!("{en} = {v}")));
            }
            d = super::culprit_label(&sheet, d, primary);
            if let Some(help) = sheet.help() {
                d = d.with_help(help);
            }
            cx.report(d);
        }
    }
}
