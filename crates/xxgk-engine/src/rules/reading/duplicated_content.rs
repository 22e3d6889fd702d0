//! XG005 duplicated-content: the report text, or one section, appears twice.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 报告全文是否重复出现（整篇粘贴了两遍），或某一部分连同标题和正文重复出现。
    /// 比较时忽略空白和全角、半角标点的差别，并容许个别行（如网页残留文字）不同。
    /// 全文重复只报告一次，位置在第二份的开头，并标出第一份的开头。
    /// ## 为什么
    /// 重复粘贴是发布时的操作失误：读者看到两份报告，无从判断哪份是正式文本；表格数字也被计算两次。
    /// 因重复而出现的部分顺序问题不再由 XG102 另行报告。
    /// ## 依据
    /// 国办公开办函〔2021〕30号：报告由六个部分组成，每部分一次。
    /// ## 示例
    /// ```text
    /// 鞍山市……2023年政府信息公开工作年度报告
    /// 一、总体情况 …… 六、其他需要报告的事项 ……
    /// 鞍山市……2023年政府信息公开工作年度报告     ← 第二份从这里开始
    /// 一、总体情况 ……
    /// ```
    /// ## 修复
    /// 删除重复的一份，保留一份完整的报告。
    /// ## English
    /// Fires when the whole report text appears twice (pasted twice), or a section repeats with
    /// its heading and body. Comparison ignores whitespace and full-/half-width punctuation and
    /// tolerates a stray differing line (page furniture). A whole copy is one diagnostic at the
    /// start of the second copy, with a label at the first. Fix: delete the repeated copy.
    pub DUPLICATED_CONTENT = { code: "XG005", name: "duplicated-content", severity: Warning, since: "0.1.0" }
}

/// XG005.
pub(crate) struct DuplicatedContent;

impl Rule for DuplicatedContent {
    fn meta(&self) -> &'static RuleMeta {
        &DUPLICATED_CONTENT
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let dup = cx.duplication();
        if let Some(w) = dup.whole {
            let n = w.lines;
            cx.report(
                Diagnostic::new(
                    &DUPLICATED_CONTENT,
                    w.second,
                    Text::new(
                        format!("报告全文重复出现，第二份从这里开始（前一份共{n}行）"),
                        format!("The whole report appears twice: a second copy starts here (the first has {n} lines)"),
                    ),
                )
                .with_label(w.first, Text::new("第一份从这里开始", "the first copy starts here"))
                .with_help(Text::new("删除重复的一份，只保留一份完整的报告", "Delete the repeated copy and keep one complete report")),
            );
        }
        for s in &dup.sections {
            let (first, second) = (&report.headings[s.first], &report.headings[s.second]);
            cx.report(
                Diagnostic::new(
                    &DUPLICATED_CONTENT,
                    second.span,
                    Text::new(
                        format!("第{}部分“{}”连同正文重复出现", second.number, second.title),
                        format!(
                            "Section {} “{}” appears twice with the same text",
                            second.key.index() + 1,
                            second.title
                        ),
                    ),
                )
                .with_label(first.span, Text::new("第一次出现", "first occurrence"))
                .with_help(Text::new("删除重复的这一部分", "Delete the repeated section")),
            );
        }
    }
}
