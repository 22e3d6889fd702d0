//! XG406 stale-year: last year's dates called 本年/今年, or next year's plans dated to the report year.
use super::report_year;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 两种沿用往年报告留下的年份：
    /// 1. "本年""今年""本年度"紧挨着上一年（Y−1）的年份，如"本年度（2022年）"出现在2023年度报告中；
    /// 2. 下一年的工作打算写成了报告年度：同一句中先有"下一步""明年""今后""新的一年"等，
    ///    随后是"Y年……将/计划/拟/力争"，如2023年度报告中的"下一步，2023年我局将……"。
    ///
    /// 只认这两种紧凑的写法，以免误报（"较2022年""2022年以来"之类的比较不算）。
    /// ## 为什么
    /// 这类年份几乎总是改写往年报告时漏改的；读者会把上一年的情况当作本年的。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第五十条（报告上一年度的工作情况）；国办公开办函〔2021〕30号格式。
    /// ## 示例
    /// ```text
    /// 下一步，2023年我局将进一步加强政务公开工作。（2023年度报告）
    /// ```
    /// → 改为 "下一步，2024年我局将……"。
    /// ## 修复
    /// 把年份改为正确的年度；逐段核对沿用的文字。
    /// ## English
    /// Flags two traces of a copied report: 本年/今年/本年度 right next to the previous year's date
    /// ("本年度（2022年）" in a 2023 report), and plans for next year dated to the report year
    /// ("下一步，2023年我局将……" in a 2023 report). Only these tight patterns count, so comparisons
    /// ("较2022年") never fire. Fix: correct the year and review the copied text.
    pub STALE_YEAR = { code: "XG406", name: "stale-year", severity: Warning, since: "0.1.0" }
}

/// The rule.
pub(crate) struct StaleYear;

/// "本年度（2022年）": this-year words, a short gap without a clause break, then a year.
static THIS_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(本年度|本年|今年)([^，,。；;！!？?\n0-9０-９]{0,4}?)((?:19|20)[0-9０-９]{2}) ?年")
        .expect("valid regex")
});

/// A forward-looking marker that opens a sentence about next year's plans.
static FORWARD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"下一步|明年|下一年度?|新的一年|今后").expect("valid regex"));

/// A year followed, in the same clause, by a verb of intent.
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9０-９]{2}) ?年度?[^，,。；;！!？?\n]{0,12}?(?:将|计划|拟|力争)")
        .expect("valid regex")
});

/// Words that make a year a point of comparison, not the year meant ("与2022年", "比2022年").
const COMPARE: &[char] = &['较', '比', '与', '同', '和', '及', '自', '从', '至', '截', '相'];

/// The stale years in `text` for report year `year`: (span of the year, kind).
pub(crate) fn scan(text: &str, year: i32) -> Vec<(Span, Stale)> {
    let mut found = Vec::new();
    for c in THIS_YEAR.captures_iter(text) {
        let (Some(gap), Some(y)) = (c.get(2), c.get(3)) else { continue };
        if y.as_str().parse::<i32>().ok() != Some(year - 1) || gap.as_str().contains(COMPARE) {
            continue;
        }
        found.push((Span::new(y.start(), y.end() + "年".len()), Stale::ThisYear));
    }
    // Sentences, each from its start to its 。；!? (inclusive).
    let mut start = 0;
    for (i, ch) in text
        .char_indices()
        .filter(|(_, ch)| matches!(ch, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n'))
        .chain([(text.len(), '\n')])
    {
        let sentence = &text[start..i];
        if let Some(marker) = FORWARD.find(sentence) {
            for c in PLAN.captures_iter(&sentence[marker.end()..]) {
                let Some(y) = c.get(1) else { continue };
                let at = start + marker.end() + y.start();
                let preceded = text[..at].chars().next_back();
                if y.as_str().parse::<i32>().ok() != Some(year)
                    || preceded.is_some_and(|p| p.is_ascii_digit() || p == '《' || COMPARE.contains(&p))
                {
                    continue;
                }
                found.push((Span::new(at, at + y.len() + "年".len()), Stale::Plan));
            }
        }
        start = i + ch.len_utf8().min(text.len() - i);
    }
    found.sort_by_key(|f| f.0.start);
    found
}

/// Which trace of a copied report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stale {
    /// 本年/今年 next to Y−1.
    ThisYear,
    /// Next year's plan dated Y.
    Plan,
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&THIS_YEAR);
    LazyLock::force(&FORWARD);
    LazyLock::force(&PLAN);
}

impl Rule for StaleYear {
    fn meta(&self) -> &'static RuleMeta {
        &STALE_YEAR
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some((year, year_span)) = report_year(report) else { return };
        for (span, kind) in scan(&report.text, year) {
            let (message, help) = match kind {
                Stale::ThisYear => (
                    Text::new(
                        format!("\"本年\"指{year}年，此处却写{}年", year - 1),
                        format!("\"this year\" is {year} in this report, but the text says {}", year - 1),
                    ),
                    Text::new(
                        format!("核对此处是否沿用了{}年度报告的文字，改为{year}年的情况", year - 1),
                        format!(
                            "check whether this is copied from the {} report and state {year}'s facts",
                            year - 1
                        ),
                    ),
                ),
                Stale::Plan => (
                    Text::new(
                        format!("下一步工作打算写成了报告年度{year}年"),
                        format!("Next year's plans are dated {year}, the report year"),
                    ),
                    Text::new(
                        format!("工作打算应为{}年；核对此段是否沿用了往年报告", year + 1),
                        format!(
                            "plans are for {}; check whether this passage is copied from an earlier report",
                            year + 1
                        ),
                    ),
                ),
            };
            let mut d = Diagnostic::new(&STALE_YEAR, span, message).with_help(help);
            if let Some(ys) = year_span {
                d = d.with_label(ys, Text::new(format!("报告年度为{year}年"), format!("report year {year}")));
            }
            cx.report(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Stale)> {
        scan(text, 2023).into_iter().map(|(s, k)| (&text[s.range()], k)).collect()
    }

    #[test]
    fn this_year_next_to_last_year() {
        assert_eq!(found("本年度（2022年）共收到申请5件。"), [("2022年", Stale::ThisYear)]);
        assert_eq!(found("今年2022年3月，我局……"), [("2022年", Stale::ThisYear)]);
    }

    #[test]
    fn plans_dated_to_the_report_year() {
        assert_eq!(found("下一步，2023年我局将进一步加强政务公开工作。"), [("2023年", Stale::Plan)]);
        assert_eq!(found("今后，我局2023年度计划开展培训。"), [("2023年", Stale::Plan)]);
    }

    #[test]
    fn leaves_comparisons_and_right_years_alone() {
        for text in [
            "本年度与2022年相比，申请数量增加。",
            "今年以来，2022年结转的申请已办结。",
            "下一步，2024年我局将进一步加强政务公开工作。",
            "下一步，我局将在2023年工作的基础上继续努力。",
            "下一步，我局将总结较2023年的经验。",
            "2023年，我局将政务公开纳入考核。",
            "本年制发件数\n2022年",
            "今后,我局将严格按照《中华人民共和国政府信息公开条例》的规定",
            "下一步,省机关事务局将紧盯新形势新任务新要求",
            "下一步，我局将认真落实《2023年政务公开工作要点》计划。",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
