//! XG108 empty-problems-section: section 五 is empty, says only 无, or names no improvement measure.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, SectionKey};

declare_rule! {
    /// ## 检查内容
    /// 第五部分“存在的主要问题及改进情况”是否为空、只写“无”“暂无”，或只列问题而没有任何改进措施
    /// （“下一步”“今后”“将”“改进”“加强”“完善”“针对”“整改”等说法都没有）。第五部分缺失时由 XG101 报告。
    /// ## 为什么
    /// 格式要求如实写出存在的问题和改进情况；写“无”或只写问题，等于没有报告。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第五十条第（五）项；国办公开办函〔2021〕30号格式第五部分。
    /// ## 示例
    /// ```text
    /// 五、存在的主要问题及改进情况
    /// 无。
    /// ```
    /// ## 修复
    /// 写出本年度工作中的主要问题，以及已采取或将采取的改进措施。
    /// ## English
    /// Fires when section 五 is empty, says only 无/暂无, or names problems without any improvement
    /// measure (none of 下一步, 今后, 将, 改进, 加强, 完善, 针对, 整改 …). Fix: state the main problems
    /// and the measures taken or planned.
    pub EMPTY_PROBLEMS_SECTION = { code: "XG108", name: "empty-problems-section", severity: Warning, since: "0.1.0" }
}

/// XG108.
pub(crate) struct EmptyProblemsSection;

/// Words that introduce an improvement measure.
const MEASURES: &[&str] = &[
    "下一步",
    "今后",
    "将",
    "改进",
    "加强",
    "完善",
    "针对",
    "整改",
    "提升",
    "推进",
    "提高",
    "强化",
    "健全",
    "优化",
    "措施",
    "加大",
];

/// What is wrong with a section 五 body, if anything: (zh, en).
fn verdict(body: &str) -> Option<(&'static str, &'static str)> {
    let bare: String =
        body.chars().filter(|c| !c.is_whitespace() && !"。.，,；;：:、！!".contains(*c)).collect();
    if bare.is_empty() {
        return Some(("内容为空", "is empty"));
    }
    if ["无", "暂无", "没有", "无问题", "暂无问题", "无相关情况", "暂无相关情况"].contains(&bare.as_str())
    {
        return Some(("只写了“无”", "says only 无 (none)"));
    }
    if !MEASURES.iter().any(|m| body.contains(m)) {
        return Some(("只写了问题，没有改进措施", "names problems but no improvement measure"));
    }
    None
}

impl Rule for EmptyProblemsSection {
    fn meta(&self) -> &'static RuleMeta {
        &EMPTY_PROBLEMS_SECTION
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(section) = report.section(SectionKey::Problems) else { return };
        let Some((zh, en)) = verdict(report.slice(section.body)) else { return };
        cx.report(
            Diagnostic::new(
                &EMPTY_PROBLEMS_SECTION,
                section.heading,
                Text::new(
                    format!("第五部分“{}”{zh}", section.title),
                    format!("Section 5 “{}” {en}", section.title),
                ),
            )
            .with_help(Text::new(
                "写出本年度的主要问题及已采取或将采取的改进措施",
                "State the main problems of the year and the measures taken or planned",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::verdict;

    #[test]
    fn verdicts() {
        assert_eq!(verdict("\n  \n").map(|v| v.0), Some("内容为空"));
        assert_eq!(verdict("\n无。\n").map(|v| v.0), Some("只写了“无”"));
        assert_eq!(verdict("暂无"), Some(("只写了“无”", "says only 无 (none)")));
        assert_eq!(verdict("信息发布不够及时。").map(|v| v.0), Some("只写了问题，没有改进措施"));
        assert_eq!(verdict("信息发布不够及时。下一步，我局将建立提醒机制。"), None);
    }
}
