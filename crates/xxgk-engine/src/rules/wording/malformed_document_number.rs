//! XG606 malformed-document-number: 国办公开办函〔202130号, 〔2021〕 without 号, [2021] brackets,
//! a wrong issuer prefix for a known number.
use crate::rules::wording::outdated_law::sentence;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 发文字号的写法：年份须用六角括号括入并紧跟序号和“号”，如“国办公开办函〔2021〕30号”。报告：
    /// 缺右括号（“〔202130号”）；缺“号”（“〔2021〕30”）；缺序号（“〔2021〕号”）；年份用了其他括号
    /// （“(2021)30号”“[2021]30号”“【2021】30号”）；已知文号的发文机关代字写错（如把年度报告格式
    /// 通知写成“国办发〔2021〕30号”，它是“国办公开办函〔2021〕30号”；信息处理费办法是“国办函〔2020〕109号”）。
    /// ## 为什么
    /// 写错的文号无法检索到所引文件，也显得报告不严谨。
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》7.2.4：发文字号由发文机关代字、年份、发文顺序号组成，
    /// 年份用六角括号“〔〕”括入，序号后加“号”。
    /// ## 示例
    /// ```text
    /// 按照国办公开办函〔202130号要求  →  国办公开办函〔2021〕30号
    /// ```
    /// ## 修复
    /// 按“机关代字〔年份〕序号号”改正。
    /// ## English
    /// Notes a malformed document number: a missing 〕 (〔202130号), a missing 号 or serial, the
    /// year in other brackets ((2021)30号, [2021]30号 — GB/T 9704 wants 〔〕), or a wrong issuer
    /// prefix for a number this tool knows (国办公开办函〔2021〕30号, 国办函〔2020〕109号). Fix:
    /// write 代字〔年份〕序号号.
    pub MALFORMED_DOCUMENT_NUMBER = { code: "XG606", name: "malformed-document-number", severity: Info, since: "0.1.0" }
}

/// XG606.
pub(crate) struct MalformedDocumentNumber;

/// 〔 then the year run into the serial: 〔202130号.
static NO_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"〔((?:19|20)[0-9０-９]{2})([0-9０-９]{1,4})\s*号").expect("XG606"));
/// 〔2021〕 then the serial, then whatever follows (号 or not).
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"〔((?:19|20)[0-9０-９]{2})〕\s*([0-9０-９]{0,4})\s*(号?)").expect("XG606"));
/// A Han issuer prefix, the year in other brackets, serial, 号.
static OTHER_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Han}([〔\(（\[【［])((?:19|20)[0-9０-９]{2})([〕\)）\]】］])\s*([0-9０-９]{1,4})\s*号")
        .expect("XG606")
});
/// An issuer prefix and a well-formed number.
static WELL_FORMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Han}{2,10})〔([0-9０-９]{4})〕([0-9０-９]{1,4})号").expect("XG606"));

/// Numbers the format's readers cite, with their issuer prefix and the words that identify them.
const KNOWN: &[(&str, &str, &str, &[&str])] = &[
    ("国办公开办函", "2021", "30", &["年度报告格式", "报告格式", "年度报告的格式"]),
    ("国办函", "2020", "109", &["信息处理费"]),
];

/// Words of the prose that may run into a number's issuer prefix.
const PROSE: &[&str] =
    &["按照", "根据", "依据", "依照", "参照", "落实", "执行", "印发", "通知", "要求", "的"];

/// Malformed numbers in `text`: (span, message).
fn findings(text: &str) -> Vec<(Span, Text)> {
    let mut out = Vec::new();
    for c in NO_CLOSE.captures_iter(text) {
        let (m, y, n) = (&c[0], &c[1], &c[2]);
        let at = c.get(0).map_or(0, |g| g.start());
        out.push((
            Span::new(at, at + m.len()),
            Text::new(
                format!("文号“{m}”缺少“〕”，应为“〔{y}〕{n}号”"),
                format!("Document number “{m}” lacks “〕”: “〔{y}〕{n}号”"),
            ),
        ));
    }
    for c in BRACKETED.captures_iter(text) {
        let (y, n, hao) = (&c[1], &c[2], &c[3]);
        let g = c.get(0).map_or(Span::default(), |g| Span::new(g.start(), g.end()));
        // Text that cites a year in 〔〕 without a serial is not a number at all (〔2021〕年度): skip.
        let m = text[g.range()].trim_end();
        if n.is_empty() && !hao.is_empty() {
            out.push((
                Span::new(g.start as usize, g.start as usize + m.len()),
                Text::new(
                    format!("文号“{m}”缺少序号"),
                    format!("Document number “{m}” lacks its serial number"),
                ),
            ));
        } else if !n.is_empty() && hao.is_empty() {
            out.push((
                Span::new(g.start as usize, g.start as usize + m.len()),
                Text::new(
                    format!("文号“{m}”缺少“号”，应为“〔{y}〕{n}号”"),
                    format!("Document number “{m}” lacks “号”: “〔{y}〕{n}号”"),
                ),
            ));
        }
    }
    for c in OTHER_BRACKETS.captures_iter(text) {
        if &c[1] == "〔" && &c[3] == "〕" {
            continue;
        }
        let Some(open) = c.get(1) else { continue };
        let end = c.get(0).map_or(open.end(), |g| g.end());
        let m = &text[open.start()..end];
        let (y, n) = (&c[2], &c[4]);
        out.push((
            Span::new(open.start(), end),
            Text::new(
                format!("文号“{m}”的年份应使用六角括号，写作“〔{y}〕{n}号”"),
                format!("Document number “{m}”: the year takes 〔〕 brackets, “〔{y}〕{n}号”"),
            ),
        ));
    }
    for c in WELL_FORMED.captures_iter(text) {
        let (prefix, y, n) = (&c[1], &c[2], &c[3]);
        let Some(g) = c.get(0) else { continue };
        let Some((right, ..)) = KNOWN.iter().find(|k| k.1 == y && k.2 == n) else { continue };
        let context = KNOWN.iter().find(|k| k.0 == *right).map_or(&[][..], |k| k.3);
        let span = Span::new(g.start(), g.end());
        if prefix.ends_with(right) || !context.iter().any(|w| sentence(text, span).contains(w)) {
            continue;
        }
        // The prefix match may run over the prose before it (根据国办发): quote the number itself.
        let mut own = prefix;
        while let Some(rest) = PROSE.iter().find_map(|w| own.strip_prefix(w)) {
            own = rest;
        }
        let from = g.start() + (prefix.len() - own.len());
        let m = &text[from..g.end()];
        out.push((
            Span::new(from, g.end()),
            Text::new(
                format!("文号“{m}”的发文机关代字有误，应为“{right}〔{y}〕{n}号”"),
                format!("Document number “{m}” has the wrong issuer prefix: “{right}〔{y}〕{n}号”"),
            ),
        ));
    }
    out.sort_by_key(|(s, _)| *s);
    out
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&NO_CLOSE);
    LazyLock::force(&BRACKETED);
    LazyLock::force(&OTHER_BRACKETS);
    LazyLock::force(&WELL_FORMED);
}

impl Rule for MalformedDocumentNumber {
    fn meta(&self) -> &'static RuleMeta {
        &MALFORMED_DOCUMENT_NUMBER
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for (span, message) in findings(&report.text) {
            cx.report(Diagnostic::new(&MALFORMED_DOCUMENT_NUMBER, span, message).with_help(Text::new(
                "按“机关代字〔年份〕序号号”改正，如“国办公开办函〔2021〕30号”",
                "Write issuer prefix, 〔year〕, serial and 号, as in 国办公开办函〔2021〕30号",
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::findings;

    fn quoted(text: &str) -> Vec<String> {
        findings(text).into_iter().map(|(s, m)| format!("{}|{}", &text[s.range()], m.zh)).collect()
    }

    #[test]
    fn malformed_shapes() {
        assert_eq!(
            quoted("按照国办公开办函〔202130号要求"),
            vec!["〔202130号|文号“〔202130号”缺少“〕”，应为“〔2021〕30号”"]
        );
        assert_eq!(
            quoted("国办公开办函〔2021〕30要求"),
            vec!["〔2021〕30|文号“〔2021〕30”缺少“号”，应为“〔2021〕30号”"]
        );
        assert_eq!(quoted("国办发〔2021〕号"), vec!["〔2021〕号|文号“〔2021〕号”缺少序号"]);
        assert_eq!(
            quoted("国办公开办函(2021)30号"),
            vec!["(2021)30号|文号“(2021)30号”的年份应使用六角括号，写作“〔2021〕30号”"]
        );
        assert_eq!(
            quoted("国办函[2020]109号"),
            vec!["[2020]109号|文号“[2020]109号”的年份应使用六角括号，写作“〔2020〕109号”"]
        );
    }

    #[test]
    fn wrong_prefix_only_for_known_numbers_in_context() {
        assert_eq!(
            quoted("按照年度报告格式（国办发〔2021〕30号）编制"),
            vec!["国办发〔2021〕30号|文号“国办发〔2021〕30号”的发文机关代字有误，应为“国办公开办函〔2021〕30号”"]
        );
        assert!(
            quoted("《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）").is_empty()
        );
        assert!(quoted("根据国办发〔2021〕30号文件精神").is_empty());
    }

    #[test]
    fn well_formed_numbers_pass() {
        assert!(quoted("国办公开办函〔2021〕30号、国办函〔2020〕109号").is_empty());
        assert!(quoted("2023年（2021）").is_empty());
    }
}
