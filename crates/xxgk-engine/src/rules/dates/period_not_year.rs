//! XG401 period-not-year: the stated statistics period must be 1月1日 to 12月31日 of the report year.
use super::{calendar_year, report_year, zh_date};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Date, Report};

declare_rule! {
    /// ## 检查内容
    /// 报告写明的统计期限（统计时限）是否恰为报告年度的1月1日至12月31日。
    /// ## 为什么
    /// 年度报告统计的是一个完整的自然年度；统计期限少了几个月或跨了年度，表中数字就不能与
    /// 其他年度、其他机关的报告相比，也不能与上年的"结转下年度继续办理"相衔接。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第四十九条、第五十条（报告上一年度的工作情况）；
    /// 国办公开办函〔2021〕30号格式。
    /// ## 示例
    /// ```text
    /// 本报告所列数据统计期限为2023年1月1日至2023年11月30日。
    /// ```
    /// → 改为 "……统计期限为2023年1月1日至2023年12月31日。"
    /// ## 修复
    /// 按整个报告年度统计并写明统计期限；确需说明的特殊情况在正文另行说明。
    /// 统计期限是另一个完整年度（整年写错）时，由 XG403 报告。
    /// ## English
    /// Checks that the stated statistics period (统计期限) is exactly 1 January to 31 December of
    /// the report year: an annual report covers one calendar year, or its figures cannot be compared
    /// or carried over. Example: "统计期限为2023年1月1日至2023年11月30日" fires. Fix: state the whole
    /// year. A whole calendar year of another year is XG403's finding.
    pub PERIOD_NOT_YEAR = { code: "XG401", name: "period-not-year", severity: Error, since: "0.1.0" }
}

/// The rule.
pub(crate) struct PeriodNotYear;

impl Rule for PeriodNotYear {
    fn meta(&self) -> &'static RuleMeta {
        &PERIOD_NOT_YEAR
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // No period is XG402's finding.
        let Some(period) = &report.meta.period else { return };
        // A whole calendar year, even of the wrong year, is XG403's finding: one cause, one diagnostic.
        if calendar_year(&period.value).is_some() {
            return;
        }
        let year = report_year(report).map_or(period.value.start.year, |(y, _)| y);
        let (Some(start), Some(end)) = (Date::new(year, 1, 1), Date::new(year, 12, 31)) else { return };
        let (s, e) = (period.value.start, period.value.end);
        let mut diagnostic = Diagnostic::new(
            &PERIOD_NOT_YEAR,
            period.span,
            Text::new(
                format!("统计期限{}至{}不是{year}年全年", zh_date(s), zh_date(e)),
                format!("The statistics period {s} to {e} is not the whole year {year}"),
            ),
        )
        .with_help(Text::new(
            format!("统计期限应为{}至{}", zh_date(start), zh_date(end)),
            format!("the period should be {start} to {end}"),
        ));
        if let Some(y) = &report.meta.year {
            if !period.span.contains(y.span) {
                diagnostic = diagnostic.with_label(
                    y.span,
                    Text::new(format!("报告年度为{year}年"), format!("report year {year}")),
                );
            }
        }
        cx.report(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, date, field, run};
    use xxgk_model::{Period, Report};

    fn report(text: &str, year: Option<i32>, period: Option<(&str, Period)>) -> Report {
        let mut r = Report { text: text.to_string(), ..Default::default() };
        r.meta.year = year.map(|y| field(text, &y.to_string(), y));
        r.meta.period = period.map(|(needle, p)| field(text, needle, p));
        r
    }

    const TEXT: &str = "某局2023年政府信息公开工作年度报告\n本报告统计期限为2023年1月1日至2023年11月30日。";

    #[test]
    fn fires_on_a_short_period() {
        let p = Period { start: date(2023, 1, 1), end: date(2023, 11, 30) };
        let r = report(TEXT, Some(2023), Some(("2023年1月1日至2023年11月30日", p)));
        let d = run(&r, "XG401");
        assert_eq!(at(&r, &d), ["2023年1月1日至2023年11月30日"]);
        assert_eq!(d[0].message.zh, "统计期限2023年1月1日至2023年11月30日不是2023年全年");
        assert_eq!(
            d[0].message.en,
            "The statistics period 2023-01-01 to 2023-11-30 is not the whole year 2023"
        );
        assert_eq!(
            d[0].help.as_ref().map(|h| h.zh.as_str()),
            Some("统计期限应为2023年1月1日至2023年12月31日")
        );
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(r.slice(d[0].labels[0].span), "2023");
    }

    #[test]
    fn fires_across_years_without_a_report_year() {
        let p = Period { start: date(2022, 7, 1), end: date(2023, 6, 30) };
        let r = report(TEXT, None, Some(("2023年1月1日至2023年11月30日", p)));
        let d = run(&r, "XG401");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message.zh, "统计期限2022年7月1日至2023年6月30日不是2022年全年");
        assert!(d[0].labels.is_empty());
    }

    #[test]
    fn silent_on_a_calendar_year_or_no_period() {
        let whole = Period { start: date(2023, 1, 1), end: date(2023, 12, 31) };
        assert!(run(&report(TEXT, Some(2023), Some(("2023年1月1日", whole))), "XG401").is_empty());
        // Another whole year is XG403's.
        let other = Period { start: date(2022, 1, 1), end: date(2022, 12, 31) };
        assert!(run(&report(TEXT, Some(2023), Some(("2023年1月1日", other))), "XG401").is_empty());
        assert!(run(&report(TEXT, Some(2023), None), "XG401").is_empty());
    }
}
