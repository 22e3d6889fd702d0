//! XG503 narrative-percent: a share or a year-on-year change must follow from the counts beside it.
use super::sentences;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 正文中的百分比能否由同一句里写出的件数算出：
    /// - "占……N%"：同一句中此前的某个件数，除以此前另一个同量词、不小于它的件数（任何一对算得出即可，
    ///   "分别占"也能对上）；句中离它最近的件数前面必须有同量词的件数可作分母，否则不检查；
    /// - "同比增长/下降N%"：本年件数与同一句中标明"上年""去年"的件数之比。
    ///
    /// 误差允许为 0.1 个百分点，百分比按所写位数四舍五入时放宽到半个末位（"26%"允许 ±0.5）。
    /// 同一句中找不到可作分母的件数时不检查（分母在别处或没有写出时无从核对）。
    /// ## 为什么
    /// 算不出来的百分比，要么件数写错了，要么百分比是沿用往年的；读者会据此作出错误的判断。
    /// ## 依据
    /// 国办公开办函〔2021〕30号格式要求报告数据准确；《中华人民共和国政府信息公开条例》第五十条。
    /// ## 示例
    /// ```text
    /// 全年主动公开信息500条，其中政策解读50条，占比20%。
    /// ```
    /// → 50÷500＝10%，不是20%。
    /// ## 修复
    /// 按件数重新计算百分比，或改正件数。
    /// ## English
    /// Checks that a percentage in the text can be computed from counts in the same sentence: a share
    /// (占…N%) from any earlier count over another earlier count with the same unit (checked only when
    /// the nearest count before it has such a denominator), a
    /// year-on-year change (同比增长/下降N%) from this year's count and the one marked 上年/去年. The
    /// tolerance is 0.1 point, widened to half a unit of the last written digit ("26%" allows ±0.5).
    /// Sentences without a usable denominator are skipped. Example: 50 of 500 stated as 20%. Fix:
    /// recompute the percentage or correct the counts.
    pub NARRATIVE_PERCENT = { code: "XG503", name: "narrative-percent", severity: Warning, since: "0.1.0" }
}

/// The rule.
pub(crate) struct NarrativePercent;

/// A count with its unit: "500条", "128件次".
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]+)\s*(件次|人次|件|条|个|次|人|家|篇|期|场|项|份|批|起|宗)").expect("valid regex")
});

/// A share: "占比20%", "占全部信息的29.9%".
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"占(?:比)?[^，,。；;%％0-9０-９]{0,12}?([0-9０-９]+(?:\.[0-9０-９]+)?)\s*[%％]")
        .expect("valid regex")
});

/// A year-on-year change: "同比增长25%".
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"同比(增长|增加|上升|提高|下降|减少|降低)了?\s*([0-9０-９]+(?:\.[0-9０-９]+)?)\s*[%％]")
        .expect("valid regex")
});

/// Marks a count as last year's: "上年80件", "去年同期为80件".
const LAST_YEAR: &[&str] = &["上年", "去年", "上一年"];

#[derive(Debug, Clone, Copy)]
struct Count<'a> {
    start: usize,
    end: usize,
    n: f64,
    unit: &'a str,
    last_year: bool,
}

fn counts(sentence: &str) -> Vec<Count<'_>> {
    COUNT
        .captures_iter(sentence)
        .filter_map(|c| {
            let (m, num, unit) = (c.get(0)?, c.get(1)?, c.get(2)?);
            // Part of a decimal or a longer token, or a percentage: not a count.
            let before = sentence[..m.start()].chars().next_back();
            if before.is_some_and(|b| b.is_ascii_digit() || b == '.') {
                return None;
            }
            let lead = &sentence[..m.start()];
            let lead: String = lead.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
            let last_year = LAST_YEAR.iter().any(|w| lead.contains(w));
            Some(Count {
                start: m.start(),
                end: m.end(),
                n: num.as_str().parse().ok()?,
                unit: unit.as_str(),
                last_year,
            })
        })
        .collect()
}

/// Half a unit of the last written digit, at least 0.1 point.
fn tolerance(written: &str) -> f64 {
    let decimals = written.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    (0.5 * 10f64.powi(-decimals)).max(0.1) + 1e-9
}

/// A percentage the counts beside it do not give.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unreproducible {
    /// The percentage as written.
    pub span: Span,
    /// Its value.
    pub stated: f64,
    /// What the nearest counts give.
    pub computed: f64,
    /// The numerator and the denominator used for `computed`.
    pub counts: (f64, f64),
    /// A year-on-year change (else a share).
    pub change: bool,
}

/// Every percentage in the report's prose that its sentence's counts cannot reproduce.
pub(crate) fn scan(report: &Report) -> Vec<Unreproducible> {
    let mut out = Vec::new();
    for (base, sentence) in sentences(report) {
        let all = counts(sentence);
        for c in SHARE.captures_iter(sentence) {
            let (Some(m), Some(p)) = (c.get(0), c.get(1)) else { continue };
            let Ok(stated) = p.as_str().parse::<f64>() else { continue };
            // The numerator: the nearest count before "占"; the denominators: earlier counts, same unit.
            let Some(num) = all.iter().rev().find(|k| k.end <= m.start()) else { continue };
            let dens: Vec<&Count> = all
                .iter()
                .filter(|k| k.end <= num.start && k.unit == num.unit && k.n >= num.n && k.n > 0.0)
                .collect();
            if dens.is_empty() || stated > 100.0 {
                continue;
            }
            // Any earlier pair that gives the percentage will do: "A 401条、B 79条，分别占29.9%、5.9%"
            // takes its numerator from further back than the nearest count.
            let tol = tolerance(p.as_str());
            let before: Vec<&Count> = all.iter().filter(|k| k.end <= m.start()).collect();
            let reproduced = before.iter().any(|a| {
                before.iter().any(|d| {
                    d.start != a.start
                        && d.unit == a.unit
                        && d.n >= a.n
                        && d.n > 0.0
                        && (a.n / d.n * 100.0 - stated).abs() <= tol
                })
            });
            if reproduced {
                continue;
            }
            // Report against the nearest denominator, the one a reader would use.
            let den = dens[dens.len() - 1];
            let span = Span::new(base + p.start(), base + m.end());
            out.push(Unreproducible {
                span,
                stated,
                computed: num.n / den.n * 100.0,
                counts: (num.n, den.n),
                change: false,
            });
        }
        for c in CHANGE.captures_iter(sentence) {
            let (Some(m), Some(dir), Some(p)) = (c.get(0), c.get(1), c.get(2)) else { continue };
            let Ok(stated) = p.as_str().parse::<f64>() else { continue };
            let Some(last) = all.iter().find(|k| k.last_year && k.n > 0.0) else { continue };
            let Some(this) = all.iter().rfind(|k| !k.last_year && k.unit == last.unit && k.end <= m.start())
            else {
                continue;
            };
            let change = (this.n - last.n) / last.n * 100.0;
            let signed =
                if matches!(dir.as_str(), "下降" | "减少" | "降低") { -stated } else { stated };
            if (change - signed).abs() <= tolerance(p.as_str()) {
                continue;
            }
            let span = Span::new(base + m.start(), base + m.end());
            out.push(Unreproducible {
                span,
                stated: signed,
                computed: change,
                counts: (this.n, last.n),
                change: true,
            });
        }
    }
    out
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&COUNT);
    LazyLock::force(&SHARE);
    LazyLock::force(&CHANGE);
}

impl Rule for NarrativePercent {
    fn meta(&self) -> &'static RuleMeta {
        &NARRATIVE_PERCENT
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for u in scan(report) {
            let written = report.slice(u.span);
            let (a, b) = u.counts;
            let message = if u.change {
                Text::new(
                    format!("{written}与同句件数不符：{a}比上年{b}变化{:+.1}%", u.computed),
                    format!(
                        "{written} does not follow from the counts: {a} against last year's {b} is {:+.1}%",
                        u.computed
                    ),
                )
            } else {
                Text::new(
                    format!("占比{written}与同句件数不符：{a}÷{b}＝{:.1}%", u.computed),
                    format!(
                        "The share of {written} does not follow from the counts: {a} of {b} is {:.1}%",
                        u.computed
                    ),
                )
            };
            cx.report(Diagnostic::new(&NARRATIVE_PERCENT, u.span, message).with_help(Text::new(
                "按件数重新计算百分比，或改正件数",
                "recompute the percentage or correct the counts",
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::report;
    use crate::rules::dates::testing::{at, run};

    fn stated(prose: &str) -> Vec<(f64, String)> {
        let r = report(prose, [0, 0, 0], [0, 0, 0]);
        super::scan(&r).into_iter().map(|u| (u.stated, format!("{:.1}", u.computed))).collect()
    }

    #[test]
    fn shares() {
        assert_eq!(
            stated("全年主动公开信息500条，其中政策解读50条，占比20%。"),
            [(20.0, "10.0".to_string())]
        );
        assert!(stated("全年主动公开信息500条，其中政策解读50条，占比10%。").is_empty());
        assert!(stated("发布信息1342条，其中政务要闻401条，占全部信息的29.9%。").is_empty());
        // Rounded to a whole percent: 123/473 = 26.0%, 401/1342 = 29.88% ≈ 30%.
        assert!(stated("总数473条，其中主动公开123条，占26%。").is_empty());
        assert!(stated("发布信息1342条，其中政务要闻401条，占30%。").is_empty());
        assert!(stated("发布信息1342条，其中政务要闻401条、通知公告79条，分别占29.9%、5.9%。").is_empty());
    }

    #[test]
    fn changes() {
        assert_eq!(stated("收到申请100件，上年80件，同比增长20%。"), [(20.0, "25.0".to_string())]);
        assert!(stated("收到申请100件，上年80件，同比增长25%。").is_empty());
        assert!(stated("收到申请60件，上年80件，同比下降25%。").is_empty());
    }

    #[test]
    fn no_denominator_no_check() {
        for prose in [
            "发布信息200条，培训50人次，占全市的10%。",
            "新媒体推送信息500篇，占比达80%。",
            "答复率100%。",
            "发布信息1342条，同比增长20%。",
            "现场解答企业群众诉求99件,满意率100%;",
        ] {
            assert!(stated(prose).is_empty(), "{prose}");
        }
    }

    #[test]
    fn fires_at_the_percentage() {
        let r = report("全年主动公开信息500条，其中政策解读50条，占比20%。", [0, 0, 0], [0, 0, 0]);
        let d = run(&r, "XG503");
        assert_eq!(at(&r, &d), ["20%"]);
        assert_eq!(d[0].message.zh, "占比20%与同句件数不符：50÷500＝10.0%");
        assert_eq!(d[0].message.en, "The share of 20% does not follow from the counts: 50 of 500 is 10.0%");
    }
}
