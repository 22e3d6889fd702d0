//! XG603 wording: a substitution of the pack's list matches (建全→健全, 不子公开→不予公开 …).
use crate::rules::wording::phrases::PhraseSet;
use crate::{declare_rule, Applicability, Checker, Diagnostic, Edit, Fix, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 正文中是否出现规则包替换表里的错误写法。国家包内置本类报告的常见错别字：建全→健全、
    /// 不子公开→不予公开、行政法复议→行政复议、政府信息公开条列→政府信息公开条例等。
    /// 最长匹配优先；全角、半角标点都认。“建全”在“创建全市”“福建全省”“构建全方位”这类
    /// 由前后字组成别的词的位置不算错（见下方例外表）。
    /// ## 为什么
    /// 错别字降低报告的严肃性，出现在法规名称或统计项目中还会造成误解。
    /// ## 依据
    /// 《党政机关公文处理工作条例》对公文文字准确的要求；《中华人民共和国政府信息公开条例》第六条。
    /// ## 示例
    /// ```text
    /// 二是建全工作机制。  →  二是健全工作机制。
    /// ```
    /// ## 修复
    /// 改为正确写法。`--fix` 会自动替换（安全修复）。
    /// ## 配置
    /// 替换表来自规则包的 `wording`（`wrong`、`right`），省级包可用 `extend-wording` 增加。
    /// ## English
    /// Fires when a wrong wording of the pack's substitution list occurs (the national pack ships
    /// common misspellings of this genre: 建全→健全, 不子公开→不予公开, 行政法复议→行政复议 …),
    /// leftmost-longest. Known legitimate contexts (创建全市, 福建全省 for 建全) are skipped. Fix
    /// (safe, applied by `--fix`): replace by the right wording. The list is the pack's `wording`.
    pub WORDING = { code: "XG603", name: "wording", severity: Warning, since: "0.1.0", fixable: true }
}

/// XG603.
pub(crate) struct Wording;

/// Texts in which a wrong wording of the starter list is in fact right: the characters around it
/// make another word (创建 + 全市). A match inside one of these is skipped.
const EXCEPTIONS: &[(&str, &[&str])] = &[(
    "建全",
    &[
        "创建全",
        "构建全",
        "组建全",
        "筹建全",
        "新建全",
        "修建全",
        "重建全",
        "兴建全",
        "搭建全",
        "扩建全",
        "援建全",
        "共建全",
        "福建全",
        "承建全",
        "在建全",
        "改建全",
        "建全市",
        "建全省",
        "建全国",
        "建全区",
        "建全县",
        "建全镇",
        "建全面",
        "建全方位",
        "建全域",
        "建全覆盖",
        "建全链条",
        "建全过程",
        "建全民",
        "建全员",
        "建全新",
        "建全长",
        "建全程",
        "建全球",
        "建全社会",
    ],
)];

/// Whether the match of `wrong` at `span` lies inside one of its exception texts.
fn excepted(text: &str, wrong: &str, span: Span) -> bool {
    let Some((_, contexts)) = EXCEPTIONS.iter().find(|(w, _)| *w == wrong) else { return false };
    contexts.iter().any(|ctx| {
        let Some(offset) = ctx.find(wrong) else { return false };
        let Some(start) = (span.start as usize).checked_sub(offset) else { return false };
        text.get(start..start + ctx.len()) == Some(*ctx)
    })
}

impl Rule for Wording {
    fn meta(&self) -> &'static RuleMeta {
        &WORDING
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let list = &cx.settings().options.wording;
        let Some(set) = PhraseSet::cached(list.iter().map(|s| s.wrong.as_str()), false) else { return };
        for (i, span) in set.find_iter(&report.text) {
            let sub = &list[i];
            if excepted(&report.text, &sub.wrong, span) {
                continue;
            }
            let (found, right) = (report.slice(span), sub.right.as_str());
            cx.report(
                Diagnostic::new(
                    &WORDING,
                    span,
                    Text::new(format!("“{found}”应为“{right}”"), format!("“{found}” should read “{right}”")),
                )
                .with_help(Text::new(format!("改为“{right}”"), format!("Replace by “{right}”")))
                .with_fix(Fix {
                    edits: vec![Edit { span, replacement: right.to_string() }],
                    applicability: Applicability::Safe,
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::excepted;
    use xxgk_model::Span;

    fn at(text: &str) -> bool {
        let start = text.find("建全").unwrap();
        excepted(text, "建全", Span::new(start, start + "建全".len()))
    }

    #[test]
    fn exceptions_only_in_their_context() {
        assert!(!at("二是建全工作机制"));
        assert!(at("创建全国文明城市"));
        assert!(at("福建全省"));
        assert!(at("构建全方位格局"));
        assert!(!at("建全"));
    }
}
