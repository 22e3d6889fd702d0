//! XG103 section-title: a section title is a known variant of the canonical wording.
use crate::rules::wording::WORDING;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 各部分标题是否与格式的规范标题一致。已知的变体（如“政府信息公开行政复议和行政诉讼情况”、
    /// “存在问题及改进情况”）照常识别，只作提示。重复出现的标题由 XG102 处理，这里只看第一次出现；
    /// 标题因错别字而不同（如“行政法复议”）时由 XG603 报告并修正，这里不再重复。
    /// ## 为什么
    /// 统一的标题便于公众查找和上级汇总；变体虽不影响理解，但说明报告未按最新格式编写。
    /// ## 依据
    /// 国办公开办函〔2021〕30号年度报告格式的六个标题。
    /// ## 示例
    /// ```text
    /// 四、政府信息公开行政复议和行政诉讼情况  → 四、政府信息公开行政复议、行政诉讼情况
    /// ```
    /// ## 修复
    /// 改用规范标题。
    /// ## English
    /// Notes a section title that is a known variant of the format's canonical title (accepted,
    /// only noted); a title that differs by a misspelling of XG603's list is left to XG603. Uniform
    /// titles help readers and aggregators. Fix: use the canonical title.
    pub SECTION_TITLE = { code: "XG103", name: "section-title", severity: Info, since: "0.1.0" }
}

/// XG103.
pub(crate) struct SectionTitle;

impl Rule for SectionTitle {
    fn meta(&self) -> &'static RuleMeta {
        &SECTION_TITLE
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for s in &report.sections {
            let Some(h) = report.headings.iter().find(|h| h.span == s.heading) else { continue };
            if h.canonical {
                continue;
            }
            // A title that differs by a known misspelling (行政法复议) is XG603's, which fixes it.
            if cx.is_enabled(&WORDING)
                && cx
                    .settings()
                    .options
                    .wording
                    .iter()
                    .any(|w| !w.wrong.is_empty() && h.title.contains(&w.wrong))
            {
                continue;
            }
            let canonical = s.key.canonical_title();
            cx.report(
                Diagnostic::new(
                    &SECTION_TITLE,
                    h.span,
                    Text::new(
                        format!("第{}部分标题“{}”与格式的“{canonical}”不同", s.key.number(), h.title),
                        format!(
                            "Section {} title “{}” differs from the format's “{canonical}”",
                            s.key.index() + 1,
                            h.title
                        ),
                    ),
                )
                .with_help(Text::new(
                    format!("改为“{}、{canonical}”", s.key.number()),
                    format!("Use “{}、{canonical}”", s.key.number()),
                )),
            );
        }
    }
}
