//! XG101 section-missing: one of the six sections of the format is absent.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, SectionKey, Span};

declare_rule! {
    /// ## 检查内容
    /// 报告是否包含格式规定的六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息
    /// 公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；
    /// 六、其他需要报告的事项。每缺一个部分报告一次，位置在它应在的地方（下一个已有部分的标题处，
    /// 或全文末尾）。一个部分也找不到时只报告一次。
    /// ## 为什么
    /// 六个部分是格式的强制要求；缺少某部分，公众就看不到该项内容。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号年度报告格式。
    /// ## 示例
    /// ```text
    /// 四、政府信息公开行政复议、行政诉讼情况 ……
    /// 六、其他需要报告的事项 ……         ← 缺少“五、存在的主要问题及改进情况”
    /// ```
    /// ## 修复
    /// 按格式补上缺少的部分；没有内容时写明“无”及原因（第五部分不宜只写“无”，见 XG108）。
    /// ## English
    /// Fires once per section of the six the format requires that is absent, located where it
    /// should be: at the heading of the next section present, or at the end. A text with none of
    /// the six is one diagnostic. Fix: add the section with its canonical heading.
    pub SECTION_MISSING = { code: "XG101", name: "section-missing", severity: Error, since: "0.1.0" }
}

/// XG101.
pub(crate) struct SectionMissing;

impl Rule for SectionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &SECTION_MISSING
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let end = Span::empty(report.text.trim_end().len());
        if report.sections.is_empty() {
            cx.report(
                Diagnostic::new(
                    &SECTION_MISSING,
                    Span::empty(0),
                    Text::new(
                        "未找到年度报告格式的六个部分（一、总体情况 至 六、其他需要报告的事项）",
                        "None of the six sections of the format found (1. 总体情况 to 6. 其他需要报告的事项)",
                    ),
                )
                .with_help(Text::new(
                    "按格式用“一、总体情况”等六个标题组织报告",
                    "Organise the report under the six headings of the format, starting with 一、总体情况",
                )),
            );
            return;
        }
        for key in SectionKey::ALL {
            if report.section(key).is_some() {
                continue;
            }
            // Where it belongs: before the first present section that comes after it in the format.
            let at = report
                .sections
                .iter()
                .filter(|s| s.key.index() > key.index())
                .min_by_key(|s| s.key.index())
                .map_or(end, |s| Span::empty(s.heading.start as usize));
            let (n, title) = (key.number(), key.canonical_title());
            cx.report(
                Diagnostic::new(
                    &SECTION_MISSING,
                    at,
                    Text::new(
                        format!("缺少第{n}部分“{title}”"),
                        format!("Section {} “{title}” is missing", key.index() + 1),
                    ),
                )
                .with_help(Text::new(
                    format!("在此处补上“{n}、{title}”及其内容"),
                    format!("Add “{n}、{title}” and its content here"),
                )),
            );
        }
    }
}
