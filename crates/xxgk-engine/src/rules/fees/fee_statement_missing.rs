//! XG301 fee-statement-missing: section 六 must say whether 信息处理费 was charged.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, SectionKey, Span};

declare_rule! {
    /// ## 检查内容
    /// 第六部分"其他需要报告的事项"是否说明了信息处理费：写明收取的金额，或明确写明未收取
    /// （"未收取/没有收取/不收取/未产生信息处理费"、"收取信息处理费 0 元"等都算）。
    /// 只写"无其他需要报告的事项"不算。第六部分缺失时不检查（那是 XG101 的结论）。
    /// 表二的"行政事业性收费"是机关自身的行政事业性收费，不是信息处理费，不作为说明。
    /// 收费情况若写在了报告其他部分，仍会报告，并标出那一处。
    /// ## 为什么
    /// 格式要求第六部分报告信息处理费的收取情况；读者只能在这里看到机关是否收费。不写，
    /// 就分不清"没有收"和"漏报了"。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》第六部分
    /// "其他需要报告的事项"（报告发出收费通知的件数和总金额以及实际收取的总金额）；
    /// 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；
    /// 《中华人民共和国政府信息公开条例》（国务院令第711号）第四十二条、第五十条。
    /// ## 示例
    /// ```text
    /// 六、其他需要报告的事项
    /// 暂无其他需要报告事项。
    /// ```
    /// 改为："本年度未收取信息处理费。"（或写明发出收费通知的件数、金额和实际收取的金额）
    /// ## 修复
    /// 在第六部分写明本年度信息处理费的收取情况。
    /// ## English
    /// Checks that section 6 (其他需要报告的事项) states the 信息处理费 (information processing
    /// fee) position: the amount charged, or that none was charged. A section 6 that only says
    /// there is nothing else to report fails; table 2's 行政事业性收费 is a different fee and
    /// does not count. The report format (国办公开办函〔2021〕30号) asks for it there, under the
    /// fee measures of 国办函〔2020〕109号. A missing section 6 is XG101's finding. Fix: write
    /// e.g. "本年度未收取信息处理费。"
    pub FEE_STATEMENT_MISSING = { code: "XG301", name: "fee-statement-missing", severity: Error, since: "0.1.0" }
}

/// XG301.
pub(crate) struct FeeStatementMissing;

/// A statement of the fee position: a 处理费 mention, a negated charge, or an amount.
static FEE_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"处理费",
        r"|(?:未|没有|不|无|暂未|均未|并未|从未)(?:向[^。；;，,\n]{0,6}?)?(?:收取|收|产生|发生)[^。；;\n]{0,15}费",
        r"|收取[^。；;\n]{0,20}[0-9０-９]+(?:\.[0-9]+)?\s*万?元",
        r"|收费(?:情况|金额)?\s*[：:为是]?\s*(?:0|０|零|无)(?:[^0-9.．]|$)",
    ))
    .expect("valid regex")
});

/// Where the text states the fee position, if it does.
pub(crate) fn fee_statement(text: &str) -> Option<std::ops::Range<usize>> {
    // Table 2's 行政事业性收费 is the body's own administrative fees, never 信息处理费 (RULES.md).
    FEE_STATEMENT.find_iter(text).map(|m| m.range()).find(|m| !text[..m.start].ends_with("事业性"))
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&FEE_STATEMENT);
}

impl Rule for FeeStatementMissing {
    fn meta(&self) -> &'static RuleMeta {
        &FEE_STATEMENT_MISSING
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // A missing section 六 is XG101's finding: one cause, one diagnostic.
        let Some(other) = report.section(SectionKey::Other) else { return };
        let body = report.slice(other.body);
        if fee_statement(body).is_some() {
            return;
        }
        let mut d = Diagnostic::new(
            &FEE_STATEMENT_MISSING,
            other.heading,
            Text::new(
                "第六部分未说明信息处理费的收取情况",
                "Section 6 does not say whether information processing fees were charged",
            ),
        )
        .with_help(Text::new(
            "写明本年度收取信息处理费的金额（发出收费通知的件数和金额、实际收取的金额），或写明本年度未收取信息处理费",
            "state the information processing fees charged this year (notices issued, amounts, amount collected), \
             or that none was charged",
        ));
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            let start = other.body.start as usize + (body.len() - body.trim_start().len());
            let first_line = trimmed.lines().next().unwrap_or_default();
            let span = Span::new(start, start + first_line.len());
            let quoted: String = first_line.chars().take(30).collect();
            d = d.with_label(span, Text::new(format!("只写了“{quoted}”"), format!("says only “{quoted}”")));
        }
        // A statement elsewhere in the report is pointed at, but does not replace section 六.
        let outside = [(0, other.body.start as usize), (other.body.end as usize, report.text.len())];
        for (from, to) in outside {
            let Some(part) = report.text.get(from..to) else { continue };
            if let Some(m) = fee_statement(part) {
                d = d.with_label(
                    Span::new(from + m.start, from + m.end),
                    Text::new(
                        "此处写有收费情况，但应在第六部分说明",
                        "the fees are mentioned here, not in section 6",
                    ),
                );
                break;
            }
        }
        cx.report(d);
    }
}

#[cfg(test)]
mod tests {
    use super::fee_statement;

    #[test]
    fn fee_statements() {
        for yes in [
            "本年度未收取信息处理费。",
            "本年度未收取政府信息处理费。",
            "本机关没有收取任何费用。",
            "不收取费用",
            "2023年共收取信息处理费0元",
            "全年收取复印费等 12.5 元",
            "收费情况：无。",
            "未产生信息公开处理费",
            "本年度收费0元。",
            "本机关未向申请人收取任何费用。",
            "没有向申请人收费",
        ] {
            assert!(fee_statement(yes).is_some(), "{yes}");
        }
        for no in [
            "暂无其他需要报告事项。",
            "2023年我局无其它需要报告事项。",
            "无。",
            "依法不予处理的申请2件。",
            "行政事业性收费 12 万元见表二",
            "收费标准按规定执行",
            "行政事业性收费0万元",
            "行政事业性收费10万元",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ] {
            assert!(fee_statement(no).is_none(), "{no}");
        }
    }
}
