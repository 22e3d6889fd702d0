//! XG105 parts-claim: the introduction says the report has N parts, but it has another number.
use crate::rules::structure::SECTION_MISSING;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 引言（第一个部分标题之前的文字）中“本报告包括……等六个部分”“分为五个部分”“由……N部分组成”
    /// 之类的说法，是否与报告实际的部分数一致。引言说六个部分而实际缺了某部分时，由 XG101 报告缺少的部分。
    /// ## 为什么
    /// 引言与正文不符，说明报告是从别处改来的，或删改后漏了某部分。
    /// ## 依据
    /// 国办公开办函〔2021〕30号：年度报告由六个部分组成。
    /// ## 示例
    /// ```text
    /// 本报告包括总体情况、主动公开政府信息情况……等五个部分。   ← 实际有六个部分
    /// ```
    /// ## 修复
    /// 改正引言中的部分数，或补齐缺少的部分。
    /// ## English
    /// Fires when the introduction (the text before the first section heading) says the report
    /// has N parts (包括……等六个部分, 分为N个部分) and the report has another number of sections.
    /// A claim of six with a section missing is XG101's. Fix: correct the number, or add the
    /// missing section.
    pub PARTS_CLAIM = { code: "XG105", name: "parts-claim", severity: Warning, since: "0.1.0" }
}

/// XG105.
pub(crate) struct PartsClaim;

/// The word that opens a claim (包括 / 分为 / 共 …).
static CLAIM_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"包括|包含|分为|分成|共有|共分|共|由").expect("XG105 pattern"));
/// The count that ends it: 六个部分, 6 个方面内容.
static CLAIM_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([一二两三四五六七八九十]|[0-9０-９]{1,2})\s*个?(?:部分|方面内容)").expect("XG105 pattern")
});
/// Characters allowed between the opening word and the count, within one clause.
const CLAIM_GAP: usize = 300;

/// A Chinese numeral or digits up to 99, as a number.
fn numeral(s: &str) -> Option<usize> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).or((c == '两').then_some(2));
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        [d] => digit(*d),
        _ => None,
    }
}

/// A count as Chinese numerals (up to 99), as the introduction writes it.
fn hanzi(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n % 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The claimed number of parts in the introduction, and where the number is.
pub(crate) fn claim(report: &Report) -> Option<(usize, Span)> {
    let intro_end = report.headings.first().map_or(report.text.len().min(3000), |h| h.span.start as usize);
    let mut end = intro_end.min(report.text.len());
    while !report.text.is_char_boundary(end) {
        end -= 1;
    }
    let intro = &report.text[..end];
    // Every claim ends in one of these: most introductions have neither, and the pattern (a
    // long bounded gap) is costly to compile, so it is left alone then.
    if !intro.contains("部分") && !intro.contains("方面内容") {
        return None;
    }
    // The first opening word followed, within the same clause and CLAIM_GAP characters, by a
    // count (the count nearest to it): as `(?:包括|…)[^。；;\n]{0,300}?(count)` would match,
    // without compiling three hundred copies of the gap.
    for start in CLAIM_START.find_iter(intro) {
        let rest = &intro[start.end()..];
        let mut limit = rest.len();
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if n == CLAIM_GAP || matches!(c, '。' | '；' | ';' | '\n') {
                limit = i;
                break;
            }
        }
        let caps = CLAIM_COUNT.captures_at(intro, start.end())?;
        let whole = caps.get(0)?;
        if whole.start() - start.end() > limit {
            continue;
        }
        let m = caps.get(1)?;
        return Some((numeral(m.as_str())?, Span::new(m.start(), whole.end())));
    }
    None
}

impl Rule for PartsClaim {
    fn meta(&self) -> &'static RuleMeta {
        &PARTS_CLAIM
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        if report.sections.is_empty() {
            return;
        }
        let Some((claimed, span)) = claim(report) else { return };
        let found = report.sections.len();
        // A correct claim of the format's six with a section missing: XG101 names the section.
        if claimed == found || (claimed == 6 && cx.is_enabled(&SECTION_MISSING)) {
            return;
        }
        cx.report(
            Diagnostic::new(
                &PARTS_CLAIM,
                span,
                Text::new(
                    format!("引言称本报告共{}个部分，实际有{}个部分", hanzi(claimed), hanzi(found)),
                    format!("The introduction says the report has {claimed} parts; it has {found}"),
                ),
            )
            .with_help(Text::new(
                format!("把引言中的部分数改为{}，或补齐格式规定的六个部分", hanzi(found)),
                format!("Change the number in the introduction to {found}, or complete the six sections of the format"),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claim in an introduction (no headings: the whole text is the introduction).
    fn claimed(intro: &str) -> Option<(usize, String)> {
        let report = crate::rules::structure::testing::report(intro);
        claim(&report).map(|(n, span)| (n, intro[span.range()].to_string()))
    }

    #[test]
    fn a_claim_is_the_first_count_after_its_word_within_one_clause() {
        assert_eq!(claimed("本报告包括总体情况等六个部分。"), Some((6, "六个部分".to_string())));
        assert_eq!(claimed("本报告共 6 个方面内容。"), Some((6, "6 个方面内容".to_string())));
        // The clause ends before the count: the word opens no claim, a later one does.
        assert_eq!(claimed("本报告包括总体情况。全文分为五个部分。"), Some((5, "五个部分".to_string())));
        assert_eq!(claimed("本报告包括总体情况。五个部分。"), None);
    }

    #[test]
    fn a_claim_has_at_most_three_hundred_characters_between_its_word_and_its_count() {
        let gap = |n: usize| format!("本报告包括{}六个部分。", "字".repeat(n));
        assert_eq!(claimed(&gap(CLAIM_GAP)).map(|c| c.0), Some(6));
        assert_eq!(claimed(&gap(CLAIM_GAP + 1)), None);
        // A nearer word after a far one still opens the claim.
        let far = format!("本报告包括{}，由六个部分组成。", "字".repeat(CLAIM_GAP));
        assert_eq!(claimed(&far).map(|c| c.0), Some(6));
    }

    #[test]
    fn numerals() {
        let cases = [("六", 6), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("6", 6), ("12", 12)];
        for (s, n) in cases {
            assert_eq!(numeral(s), Some(n), "{s}");
        }
        assert_eq!(numeral("百"), None);
        for n in [0, 5, 6, 10, 12, 20, 35, 120] {
            assert_eq!(numeral(&hanzi(n)), Some(n), "{n}");
        }
    }
}
