//! XG605 outdated-law: cites the 2007 条例 (国务院令第492号) or its article numbers as the current basis.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 是否把2007年版《中华人民共和国政府信息公开条例》当作现行依据引用：“国务院令第492号”、
    /// “2007年颁布的《条例》”，或在谈年度报告时引用2007年版的条款号（第三十一条、第三十二条；
    /// 现行条例为第四十九条、第五十条）。同一句里写明了2019年修订或国务院令第711号的（如
    /// “国务院令第492号公布，国务院令第711号修订”），是完整的沿革说明，不报告。
    /// ## 为什么
    /// 条例已于2019年修订，自2019年5月15日起施行修订后的条例；引用旧版说明报告沿用了旧模板。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》（2007年4月5日国务院令第492号公布，2019年4月3日国务院令第711号修订）。
    /// ## 示例
    /// ```text
    /// 根据《中华人民共和国政府信息公开条例》（国务院令第492号）要求，编制本报告。
    /// ```
    /// ## 修复
    /// 改为“《中华人民共和国政府信息公开条例》（国务院令第711号）”，条款号按现行条例改正。
    /// ## English
    /// Fires when the 2007 regulation is cited as the current basis: 国务院令第492号, "the 条例
    /// of 2007", or its article numbers for annual reports (第三十一条/第三十二条, now 第四十九条/
    /// 第五十条). A sentence that also names the 2019 revision (国务院令第711号, 修订) is a full
    /// history and passes. Fix: cite 国务院令第711号 and the current articles.
    pub OUTDATED_LAW = { code: "XG605", name: "outdated-law", severity: Warning, since: "0.1.0" }
}

/// XG605.
pub(crate) struct OutdatedLaw;

static DECREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"国务院令\s*(?:第\s*)?492\s*号|第\s*492\s*号国务院令").expect("XG605 decree")
});
static YEAR_2007: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"2007\s*年[^。；;\n]{0,20}?(?:《中华人民共和国政府信息公开条例》|《政府信息公开条例》|《条例》|政府信息公开条例)")
        .expect("XG605 year")
});
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"条例》?\s*(?:规定的|的)?\s*(第三十一条|第三十二条)").expect("XG605 article")
});

/// The sentence around `span`: from the previous 。/；/line break to the next.
pub(crate) fn sentence(text: &str, span: Span) -> &str {
    let stops = ['。', '；', ';', '\n'];
    let start = text[..span.start as usize]
        .rfind(stops)
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[span.end as usize..].find(stops).map_or(text.len(), |i| span.end as usize + i);
    &text[start..end]
}

/// Whether a sentence names the 2019 revision, making a 2007 citation a history.
fn names_revision(s: &str) -> bool {
    s.contains("711") || s.contains("修订") || s.contains("2019年")
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&DECREE);
    LazyLock::force(&YEAR_2007);
    LazyLock::force(&ARTICLE);
}

impl Rule for OutdatedLaw {
    fn meta(&self) -> &'static RuleMeta {
        &OUTDATED_LAW
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let text = &report.text;
        let mut found: Vec<(Span, Text)> = Vec::new();
        for m in DECREE.find_iter(text).chain(YEAR_2007.find_iter(text)) {
            let span = Span::new(m.start(), m.end());
            if names_revision(sentence(text, span))
                || found.iter().any(|(s, _)| s.start < span.end && span.start < s.end)
            {
                continue;
            }
            let quoted = m.as_str();
            found.push((
                span,
                Text::new(
                    format!("“{quoted}”引用的是2007年版《条例》，已于2019年修订"),
                    format!("“{quoted}” cites the 2007 regulation, revised in 2019"),
                ),
            ));
        }
        for caps in ARTICLE.captures_iter(text) {
            let Some(m) = caps.get(1) else { continue };
            let span = Span::new(m.start(), m.end());
            let s = sentence(text, span);
            if !(s.contains("年度报告") || s.contains("年报")) {
                continue;
            }
            let article = m.as_str();
            found.push((
                span,
                Text::new(
                    format!("年度报告的依据“{article}”是2007年版《条例》的条款，现行条例为第四十九条、第五十条"),
                    format!("“{article}” is the 2007 regulation's article on annual reports; the current ones are 第四十九条 and 第五十条"),
                ),
            ));
        }
        found.sort_by_key(|(s, _)| *s);
        for (span, message) in found {
            cx.report(Diagnostic::new(&OUTDATED_LAW, span, message).with_help(Text::new(
                "改为现行《中华人民共和国政府信息公开条例》（国务院令第711号），条款号按现行条例改正",
                "Cite the current regulation (国务院令第711号) and its article numbers",
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::report;

    fn run(text: &str) -> Vec<String> {
        let r = report(text);
        let settings = crate::Settings { select: vec!["XG605".into()], ..crate::Settings::national() };
        crate::check(&r, &settings).into_iter().map(|d| r.slice(d.span).to_string()).collect()
    }

    #[test]
    fn old_citations_found_histories_pass() {
        assert_eq!(
            run("根据《中华人民共和国政府信息公开条例》（国务院令第492号）要求编制。"),
            vec!["国务院令第492号"]
        );
        assert_eq!(run("按照2007年颁布的《条例》规定。"), vec!["2007年颁布的《条例》"]);
        assert_eq!(run("依据《条例》第三十一条规定，公布年度报告。"), vec!["第三十一条"]);
        assert!(
            run("《条例》（2007年4月5日国务院令第492号公布，2019年4月3日国务院令第711号修订）").is_empty()
        );
        assert!(run("依据《条例》第三十一条，不予公开。").is_empty());
        assert!(run("根据《条例》（国务院令第711号）").is_empty());
    }

    #[test]
    fn sentence_bounds() {
        let t = "甲。乙丙；丁";
        assert_eq!(sentence(t, Span::new(6, 9)), "乙丙");
    }
}
