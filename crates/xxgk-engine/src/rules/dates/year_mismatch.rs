//! XG403 year-mismatch: the title year, the period year and the year the text reports on must agree.
use super::calendar_year;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use xxgk_model::{Report, SectionKey, Span};

declare_rule! {
    /// ## 检查内容
    /// 三处年度是否一致：标题中的年度、统计期限所属的年度、正文记述的年度（正文中出现最多的
    /// "YYYY年"，且明显多于其他年份时才算数）。不一致时指向与其余两处不同的那一处；只有两处可比时，
    /// 以标题（无标题年度时以统计期限）为准，指向另一处。
    /// ## 为什么
    /// 年度不一致，多半是沿用往年报告时只改了标题或只改了正文；读者无法确定表中数字是哪一年的。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第四十九条、第五十条（报告上一年度的工作情况）；
    /// 国办公开办函〔2021〕30号格式。
    /// ## 示例
    /// ```text
    /// 某局2023年政府信息公开工作年度报告
    /// 本报告所列数据统计期限为2022年1月1日至2022年12月31日。
    /// ```
    /// → 统计期限是2022年，标题是2023年。
    /// ## 修复
    /// 核对报告年度，把标题、统计期限和正文改为同一年度，并核对沿用自往年报告的内容。
    /// ## English
    /// Checks that the year in the title, the year of the statistics period and the year the body
    /// reports on (its most frequent "YYYY年", when clearly dominant) agree; a disagreement usually
    /// means a previous report was copied and only partly updated. The finding points at the odd one
    /// out (with two sources, at the one that is not the title). Example: title 2023, period 2022.
    /// Fix: make all three the report year and review the copied content.
    pub YEAR_MISMATCH = { code: "XG403", name: "year-mismatch", severity: Error, since: "0.1.0" }
}

/// The rule.
pub(crate) struct YearMismatch;

/// A year as written: "2023年", "2023 年度".
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9０-９]{2}) ?年").expect("valid regex"));

/// Where a year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Title,
    Period,
    Text,
}

impl Source {
    fn zh(self) -> &'static str {
        match self {
            Source::Title => "标题年度",
            Source::Period => "统计期限年度",
            Source::Text => "正文记述的年度",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Source::Title => "the title year",
            Source::Period => "the statistics period year",
            Source::Text => "the year the text reports on",
        }
    }
}

/// Every "YYYY年" in `text` that is not part of a longer number, with its span (offsets + `base`).
fn years(text: &str, base: usize) -> impl Iterator<Item = (i32, Span)> + '_ {
    YEAR.captures_iter(text).filter_map(move |c| {
        let m = c.get(1)?;
        if text[..m.start()].chars().next_back().is_some_and(|ch| ch.is_ascii_digit()) {
            return None;
        }
        Some((m.as_str().parse().ok()?, Span::new(base + m.start(), base + m.end())))
    })
}

/// The year the body reports on: the most frequent year outside the title and the tables, when it
/// occurs at least 3 times and at least twice as often as any other year; with its first place.
fn text_year(report: &Report) -> Option<(i32, Span)> {
    let meta = &report.meta;
    let skip: Vec<Span> = [
        meta.title.as_ref().map(|t| t.span),
        meta.period.as_ref().map(|p| p.span),
        meta.published.as_ref().map(|p| p.span),
        meta.signed.as_ref().map(|p| p.span),
    ]
    .into_iter()
    .flatten()
    // Section 五 is about next year's plans.
    .chain(report.section(SectionKey::Problems).map(|s| s.body))
    .chain(
        [&report.tables.proactive, &report.tables.requests, &report.tables.appeals]
            .into_iter()
            .flatten()
            .map(|t| t.span),
    )
    .collect();
    let mut counts: BTreeMap<i32, (usize, Span)> = BTreeMap::new();
    for (y, span) in years(&report.text, 0) {
        if skip.iter().any(|s| s.contains(span)) || is_reference(&report.text, span) {
            continue;
        }
        counts.entry(y).or_insert((0, span)).0 += 1;
    }
    let mut ranked: Vec<(i32, usize, Span)> = counts.into_iter().map(|(y, (n, s))| (y, n, s)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (year, n, span) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.1);
    (n >= 3 && n >= 2 * second).then_some((year, span))
}

/// Whether a year is mentioned as a point of comparison, a starting point, a document's name or a
/// plan ("较2022年", "自2020年以来", "截至2023年底", "《2023年工作要点》", "2024年，我局将"), which
/// says nothing about the year reported on.
fn is_reference(text: &str, span: Span) -> bool {
    let before: String = text[..span.start as usize].chars().rev().take(2).collect();
    let after = &text[span.end as usize..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let after = after.strip_prefix('年').unwrap_or(after);
    let clause: String = after.chars().take_while(|c| !"。；;！!？?\n".contains(*c)).take(16).collect();
    before.chars().any(|c| "较比与同自从于至截和及《".contains(c))
        || ["以来", "起", "底", "末", "以前", "前"].iter().any(|w| after.starts_with(w))
        || ["将", "计划", "拟", "力争"].iter().any(|w| clause.contains(w))
}

/// The title's year and where it is; the recognised report year when the title has none.
fn title_year(report: &Report) -> Option<(i32, Span)> {
    if let Some(title) = &report.meta.title {
        let written = report.slice(title.span);
        if let Some((y, span)) = years(written, title.span.start as usize).next() {
            return Some((y, span));
        }
        if let Some((y, _)) = years(&title.value, 0).next() {
            return Some((y, title.span));
        }
    }
    let year = report.meta.year.as_ref()?;
    // A year read from the period itself is not a separate witness.
    let from_period = report.meta.period.as_ref().is_some_and(|p| p.span.contains(year.span));
    (!from_period).then_some((year.value, year.span))
}

/// `message` with its first letter capitalised: the sources' names start lowercase for the labels.
fn sentence(message: String) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&YEAR);
}

impl Rule for YearMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &YEAR_MISMATCH
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let mut sources: Vec<(Source, i32, Span)> = Vec::new();
        if let Some((y, span)) = title_year(report) {
            sources.push((Source::Title, y, span));
        }
        if let Some(p) = &report.meta.period {
            // A period that is not one calendar year is XG401's finding.
            if let Some(y) = calendar_year(&p.value) {
                sources.push((Source::Period, y, p.span));
            }
        }
        if let Some((y, span)) = text_year(report) {
            sources.push((Source::Text, y, span));
        }
        if sources.len() < 2 || sources.iter().all(|s| s.1 == sources[0].1) {
            return;
        }
        // The culprit: with three sources, the one the other two outvote (the period when all differ);
        // with two, the one that is not the reference (the title, else the period: the first).
        let culprit = if sources.len() == 3 {
            (0..3)
                .find(|&i| {
                    let (a, b) = ((i + 1) % 3, (i + 2) % 3);
                    sources[a].1 == sources[b].1 && sources[i].1 != sources[a].1
                })
                .map_or(sources[1], |i| sources[i])
        } else {
            sources[1]
        };
        let witness = *sources.iter().find(|s| s.1 != culprit.1).unwrap_or(&sources[0]);
        let mut d = Diagnostic::new(
            &YEAR_MISMATCH,
            culprit.2,
            Text::new(
                format!("{}为{}年，与{}{}年不一致", culprit.0.zh(), culprit.1, witness.0.zh(), witness.1),
                sentence(format!("{} is {}, but {} is {}", culprit.0.en(), culprit.1, witness.0.en(), witness.1)),
            ),
        )
        .with_help(Text::new(
            "核对报告年度，使标题、统计期限和正文为同一年度；检查是否沿用了往年报告的内容",
            "check the report year so that the title, the period and the text agree; look for content copied from an earlier report",
        ));
        for other in sources.iter().filter(|s| s.0 != culprit.0) {
            d = d.with_label(
                other.2,
                Text::new(
                    format!("{}为{}年", other.0.zh(), other.1),
                    format!("{} is {}", other.0.en(), other.1),
                ),
            );
        }
        cx.report(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, date, field, run};
    use xxgk_model::{Period, Report};

    fn report(text: &str, title: &str, period: Option<i32>) -> Report {
        let mut r = Report { text: text.to_string(), ..Default::default() };
        r.meta.title = Some(field(text, title, title.to_string()));
        r.meta.period = period.map(|y| {
            let needle = format!("{y}年1月1日至{y}年12月31日");
            field(text, &needle, Period { start: date(y, 1, 1), end: date(y, 12, 31) })
        });
        r
    }

    #[test]
    fn period_outvoted_by_title_and_text() {
        let text = "某局2023年政府信息公开工作年度报告\n统计期限为2022年1月1日至2022年12月31日。\n2023年，我局……2023年……2023年……";
        let r = report(text, "某局2023年政府信息公开工作年度报告", Some(2022));
        let d = run(&r, "XG403");
        assert_eq!(at(&r, &d), ["2022年1月1日至2022年12月31日"]);
        assert_eq!(d[0].message.zh, "统计期限年度为2022年，与标题年度2023年不一致");
        assert_eq!(d[0].message.en, "The statistics period year is 2022, but the title year is 2023");
        assert_eq!(d[0].labels.len(), 2);
        assert_eq!(r.slice(d[0].labels[0].span), "2023");
    }

    #[test]
    fn text_outvoted_by_title_and_period() {
        let text = "某局2023年政府信息公开工作年度报告\n统计期限为2023年1月1日至2023年12月31日。\n2022年，我局……2022年……2022年……2022年";
        let r = report(text, "某局2023年政府信息公开工作年度报告", Some(2023));
        let d = run(&r, "XG403");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message.zh, "正文记述的年度为2022年，与标题年度2023年不一致");
        let before = &r.text[..d[0].span.start as usize];
        assert_eq!(
            (before.matches('\n').count(), r.slice(d[0].span)),
            (2, "2022"),
            "the body's first 2022年"
        );
    }

    #[test]
    fn two_sources_point_away_from_the_title() {
        let text = "某局2023年政府信息公开工作年度报告\n统计期限为2022年1月1日至2022年12月31日。";
        let r = report(text, "某局2023年政府信息公开工作年度报告", Some(2022));
        assert_eq!(at(&r, &run(&r, "XG403")), ["2022年1月1日至2022年12月31日"]);
    }

    #[test]
    fn plans_and_references_are_no_witness() {
        let text = "某局2023年报告\n2024年，我局将……2024年计划……2024年力争……《2024年工作要点》……较2024年";
        let r = report(text, "某局2023年报告", None);
        assert_eq!(super::text_year(&r), None);
    }

    #[test]
    fn silent_when_they_agree_or_the_text_is_mixed() {
        let text = "某局2023年政府信息公开工作年度报告\n统计期限为2023年1月1日至2023年12月31日。\n2023年……2023年……2023年……较2022年增长。2024年，我局将……2024年计划……2024年力争……《2024年工作要点》";
        assert!(run(&report(text, "某局2023年政府信息公开工作年度报告", Some(2023)), "XG403").is_empty());
        // A body with no dominant year is no witness.
        let text = "某局2023年政府信息公开工作年度报告\n2022年……2022年……2022年……2023年……2023年";
        assert!(run(&report(text, "某局2023年政府信息公开工作年度报告", None), "XG403").is_empty());
    }
}
