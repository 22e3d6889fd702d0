//! XG601 web-chrome: page furniture left in the text (打印本页, 关闭窗口, 浏览次数, 当前位置).
use crate::rules::wording::phrases::PhraseSet;
use crate::{declare_rule, Applicability, Checker, Diagnostic, Edit, Fix, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 正文中是否残留网页的页面元素，如“打印本页”“关闭窗口”“浏览次数：”“当前位置：首页 > …”
    /// “字号：【大 中 小】”“扫一扫在手机打开当前页”。全角、半角标点都认。
    /// 短语后紧跟的冒号、计数（“浏览次数: 123”）、括号里的选项（“【大 中 小】”）和面包屑导航一并算作残留。
    /// ## 为什么
    /// 这些文字不属于报告，是从网页复制时带入的，说明报告文本未经整理。
    /// ## 依据
    /// 报告正文应只包含报告内容；国办公开办函〔2021〕30号年度报告格式。
    /// ## 示例
    /// ```text
    /// 信息来源：市国资委 发布时间：2024-01-15 浏览次数：      → 删除“浏览次数：”
    /// ```
    /// ## 修复
    /// 删除这些文字。`--fix` 会自动删除（安全修复）。
    /// ## 配置
    /// 短语表来自规则包的 `web-chrome`（国家包已内置常见短语），省级包可用 `extend-web-chrome` 增加。
    /// ## English
    /// Notes page furniture left in the text when it was copied from a web page (打印本页,
    /// 关闭窗口, 浏览次数, 当前位置 …), with what trails it (a colon, a count, 【大 中 小】, the
    /// breadcrumb). Fix (safe, applied by `--fix`): delete it. The list is the pack's `web-chrome`.
    pub WEB_CHROME = { code: "XG601", name: "web-chrome", severity: Info, since: "0.1.0", fixable: true }
}

/// XG601.
pub(crate) struct WebChrome;

/// How far past the phrase the furniture runs: a colon, then a count, a short bracketed choice
/// (【大 中 小】, or a lone 【 at the end of the line), or a breadcrumb (首页 > …) to the end of the line.
fn extend(text: &str, end: usize) -> usize {
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = &text[end..line_end];
    let skip_ws =
        |i: usize| i + (rest[i..].len() - rest[i..].trim_start_matches([' ', '\t', '\u{3000}']).len());
    // A phrase of the list that ends in a colon (字号：) announces a choice: 【大 中 小】.
    let announces = text[..end].ends_with([':', '：']);
    let colon = rest.starts_with([':', '：']);
    let at = if colon { rest.chars().next().map_or(0, char::len_utf8) } else { 0 };
    let after = skip_ws(at);
    let tail = &rest[after..];
    if tail.starts_with("首页") || ((colon || announces) && tail.contains('>')) {
        return end + rest.trim_end().len();
    }
    let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        return end + after + digits;
    }
    if announces {
        for (open, close) in [('【', '】'), ('[', ']')] {
            if let Some(inner) = tail.strip_prefix(open) {
                if let Some(i) = inner.find(close) {
                    if inner[..i].chars().count() <= 12 {
                        return end + after + open.len_utf8() + i + close.len_utf8();
                    }
                } else if inner.trim().is_empty() {
                    return end + after + open.len_utf8();
                }
            }
        }
    }
    end + at
}

/// Every piece of page furniture in the report, with what trails it.
pub(crate) fn chrome_spans(report: &Report, phrases: &[String]) -> Vec<Span> {
    let Some(set) = PhraseSet::cached(phrases.iter().map(String::as_str), false) else { return Vec::new() };
    let text = &report.text;
    let mut out: Vec<Span> = Vec::new();
    for (_, span) in set.find_iter(text) {
        if out.last().is_some_and(|l| span.start < l.end) {
            continue;
        }
        let (mut start, mut end) = (span.start as usize, extend(text, span.end as usize));
        // 打印本页 inside 【打印本页】: the brackets go with it.
        for (open, close) in [('【', '】'), ('[', ']')] {
            if text[..start].ends_with(open) && text[end..].starts_with(close) {
                start -= open.len_utf8();
                end += close.len_utf8();
            }
        }
        out.push(Span::new(start, end));
    }
    out
}

impl Rule for WebChrome {
    fn meta(&self) -> &'static RuleMeta {
        &WEB_CHROME
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for full in chrome_spans(report, &cx.settings().options.web_chrome) {
            let phrase = report.slice(full).trim_end();
            cx.report(
                Diagnostic::new(
                    &WEB_CHROME,
                    full,
                    Text::new(
                        format!("网页残留文字“{phrase}”"),
                        format!("Page furniture left in the text: “{phrase}”"),
                    ),
                )
                .with_help(Text::new("删除这些网页元素文字", "Delete the page furniture"))
                .with_fix(Fix {
                    edits: vec![Edit { span: full, replacement: String::new() }],
                    applicability: Applicability::Safe,
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::extend;

    fn ext<'a>(text: &'a str, phrase: &str) -> &'a str {
        let start = text.find(phrase).unwrap();
        &text[start..extend(text, start + phrase.len())]
    }

    #[test]
    fn extends_over_what_trails_the_phrase() {
        assert_eq!(ext("发布时间: 2024 浏览次数: 123\n", "浏览次数"), "浏览次数: 123");
        assert_eq!(ext("浏览次数:\n下一行", "浏览次数"), "浏览次数:");
        assert_eq!(ext("字号:【\n", "字号:"), "字号:【");
        assert_eq!(ext("字号：【大 中 小】 打印", "字号："), "字号：【大 中 小】");
        assert_eq!(ext("字体:[]\n", "字体:"), "字体:[]");
        // 浏览次数 announces no choice: the 【打印内容】 after it is its own phrase.
        assert_eq!(ext("浏览次数: 【打印内容】", "浏览次数"), "浏览次数:");
        assert_eq!(ext("当前位置:首页 > 政务公开  \n正文", "当前位置"), "当前位置:首页 > 政务公开");
    }
}
