//! XG602 placeholder: unfinished draft text (XX年, ××, 【待补充】, 某某).
use crate::rules::wording::phrases::PhraseSet;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 正文中是否留有草稿的占位文字，如“20XX年”“××局”“【待补充】”“某某”“（待定）”“此处填写”。
    /// 姓氏后的“××”“某某”“XX”（如“张××”“王某某”）是对个人姓名的脱敏，不算占位；
    /// 英文单词或网址中的 X（如“XXXL”）也不算。紧挨着的数字一并标出（“20XX年”）。
    /// ## 为什么
    /// 占位文字说明报告是未完成的草稿就发布了，相关内容实际缺失。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第六条：行政机关公开政府信息应当准确。
    /// ## 示例
    /// ```text
    /// 20XX年，我局共主动公开政府信息××条。
    /// ```
    /// ## 修复
    /// 填入实际内容，删去占位文字。
    /// ## 配置
    /// 占位短语表来自规则包的 `placeholders`；英文字母不区分大小写。
    /// ## English
    /// Fires on unfinished draft text: 20XX年, ××, 【待补充】, 某某, （待定）, 此处填写. A surname
    /// followed by ××/某某/XX is a masked name, not a placeholder; X inside an ASCII word is not one
    /// either. Adjacent digits are included (20XX年). Fix: write the actual content. The list is
    /// the pack's `placeholders` (ASCII case-insensitive).
    pub PLACEHOLDER = { code: "XG602", name: "placeholder", severity: Error, since: "0.1.0" }
}

/// XG602.
pub(crate) struct Placeholder;

/// Common surnames: 张×× and 王某某 are masked names in case descriptions.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// The span to report for a match, or `None` when the match is not a placeholder.
fn placeholder(text: &str, span: Span) -> Option<Span> {
    let (mut start, end) = (span.start as usize, span.end as usize);
    let matched = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let masks = ["××", "某某", "XX", "xx", "ＸＸ"];
    if masks.iter().any(|m| matched.starts_with(m)) && before.is_some_and(|c| SURNAMES.contains(c)) {
        return None;
    }
    if matched.starts_with(|c: char| c.is_ascii_alphabetic())
        && before.is_some_and(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    if matched.ends_with(|c: char| c.is_ascii_alphabetic())
        && after.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    // 20XX年: the digits belong to the placeholder.
    start -= text[..start].len() - text[..start].trim_end_matches(|c: char| c.is_ascii_digit()).len();
    Some(Span::new(start, end))
}

impl Rule for Placeholder {
    fn meta(&self) -> &'static RuleMeta {
        &PLACEHOLDER
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let phrases = &cx.settings().options.placeholders;
        let Some(set) = PhraseSet::cached(phrases.iter().map(String::as_str), true) else { return };
        for (_, span) in set.find_iter(&report.text) {
            let Some(span) = placeholder(&report.text, span) else { continue };
            let phrase = report.slice(span);
            cx.report(
                Diagnostic::new(
                    &PLACEHOLDER,
                    span,
                    Text::new(
                        format!("未完成的占位文字“{phrase}”"),
                        format!("Unfinished placeholder text “{phrase}”"),
                    ),
                )
                .with_help(Text::new(
                    "填入实际内容，删去占位文字",
                    "Write the actual content in place of the placeholder",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::placeholder;
    use xxgk_model::Span;

    fn at(text: &str, phrase: &str) -> Option<String> {
        let start = text.find(phrase).unwrap();
        placeholder(text, Span::new(start, start + phrase.len())).map(|s| text[s.range()].to_string())
    }

    #[test]
    fn placeholders_and_what_is_not_one() {
        assert_eq!(at("20XX年，我局", "XX年").as_deref(), Some("20XX年"));
        assert_eq!(at("公开信息××条", "××").as_deref(), Some("××"));
        assert_eq!(at("申请人张××申请公开", "××"), None);
        assert_eq!(at("申请人王某某", "某某"), None);
        assert_eq!(at("某某局", "某某").as_deref(), Some("某某"));
        assert_eq!(at("尺码XXXL", "XXX"), None);
        assert_eq!(at("www.XXX.gov", "XXX").as_deref(), Some("XXX"));
        assert_eq!(at("待办TODO：", "TODO").as_deref(), Some("TODO"));
    }
}
