//! XG402 period-missing: the report does not state its statistics period.
use super::report_year;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 报告是否写明了数据的统计期限（统计时限）。六个部分一个也没有的文字不是年度报告，由 XG101
    /// 报告，本规则不再报告。
    /// ## 为什么
    /// 统计期限告诉读者表中数字覆盖哪段时间；不写，读者只能猜测数字是否为整个年度的。
    /// 多数报告在开头写"本报告所列数据统计期限为Y年1月1日至Y年12月31日"。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号格式的通行写法。
    /// ## 示例
    /// 报告开头只有"根据《条例》规定编制本报告。"而未写统计期限。
    /// ## 修复
    /// 在报告开头加一句"本报告所列数据统计期限为Y年1月1日至Y年12月31日"。
    /// ## English
    /// Notes a report that does not state its statistics period (统计期限), which tells the reader
    /// which time the figures cover. Example: an introduction with no period at all. Fix: add
    /// "本报告所列数据统计期限为Y年1月1日至Y年12月31日" to the introduction. Silent on a text with
    /// none of the six sections: XG101 reports that it is not a report.
    pub PERIOD_MISSING = { code: "XG402", name: "period-missing", severity: Info, since: "0.1.0" }
}

/// The rule.
pub(crate) struct PeriodMissing;

/// A period stated in words the metadata reader may not have parsed: "统计…Y年1月1日" or
/// "Y年1月1日(起)至(Y年)12月31日".
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:统计|数据)[^。\n]{0,16}?(?:19|20)[0-9０-９]{2} ?年 ?0?1 ?月 ?0?1 ?日|(?:19|20)[0-9０-９]{2} ?年 ?0?1 ?月 ?0?1 ?日[^。\n]{0,4}?(?:至|到|—|－|-|~|～)[^。\n]{0,4}?(?:(?:19|20)[0-9０-９]{2} ?年 ?)?12 ?月 ?31 ?日",
    )
    .expect("valid regex")
});

/// Whether the text states a statistics period in a form [`STATED`] knows.
pub(crate) fn states_period(text: &str) -> bool {
    STATED.is_match(text)
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&STATED);
}

impl Rule for PeriodMissing {
    fn meta(&self) -> &'static RuleMeta {
        &PERIOD_MISSING
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // A period the metadata reader could not parse is still stated: this rule is about absence.
        if report.meta.period.is_some() || states_period(&report.text) {
            return;
        }
        // A text with none of the six sections is not a report: XG101's finding, one diagnostic.
        if report.sections.is_empty() {
            return;
        }
        // Point at the title when there is one, else at the start of the report.
        let span = report.meta.title.as_ref().map_or(Span::empty(0), |t| t.span);
        let year = report_year(report).map_or_else(|| "Y".to_string(), |(y, _)| y.to_string());
        cx.report(
            Diagnostic::new(
                &PERIOD_MISSING,
                span,
                Text::new("报告未写明统计期限", "The report does not state its statistics period"),
            )
            .with_help(Text::new(
                format!("在报告开头写明\"本报告所列数据统计期限为{year}年1月1日至{year}年12月31日\""),
                format!(
                    "state \"本报告所列数据统计期限为{year}年1月1日至{year}年12月31日\" in the introduction"
                ),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{date, field, run};
    use xxgk_model::{Period, Report, Span};

    #[test]
    fn fires_at_the_title_when_no_period() {
        let text = "某局2023年政府信息公开工作年度报告\n一、总体情况";
        let mut r = Report { text: text.to_string(), ..Default::default() };
        r.meta.title = Some(field(
            text,
            "某局2023年政府信息公开工作年度报告",
            "某局2023年政府信息公开工作年度报告".into(),
        ));
        r.meta.year = Some(field(text, "2023", 2023));
        add_overview(&mut r);
        let d = run(&r, "XG402");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, r.meta.title.as_ref().unwrap().span);
        assert_eq!(d[0].message.zh, "报告未写明统计期限");
        assert_eq!(
            d[0].help.as_ref().map(|h| h.zh.as_str()),
            Some("在报告开头写明\"本报告所列数据统计期限为2023年1月1日至2023年12月31日\"")
        );
    }

    /// Give `r` the section 一 its text ends with, so that it reads as a report.
    fn add_overview(r: &mut Report) {
        let start = r.text.find("一、总体情况").expect("section 一 in the text");
        r.sections.push(xxgk_model::Section {
            key: xxgk_model::SectionKey::Overview,
            number: "一".into(),
            title: "总体情况".into(),
            heading: Span::new(start, r.text.len()),
            body: Span::empty(r.text.len()),
        });
    }

    /// `CODE line:col` for XG101 and XG402 on `text` read as a `.txt` report.
    fn with_xg101(name: &str, text: &str) -> Vec<String> {
        let report = xxgk_adapters::read(name, text.as_bytes(), &Default::default()).expect("readable");
        let settings =
            crate::Settings { select: vec!["XG101".into(), "XG402".into()], ..crate::Settings::national() };
        let index = xxgk_model::LineIndex::new(report.source());
        crate::check(&report, &settings)
            .iter()
            .map(|d| {
                let (l, c) = index.line_col(report.source(), report.source_span(d.span).start as usize);
                format!("{} {l}:{c}", d.code)
            })
            .collect()
    }

    #[test]
    fn silent_on_a_text_that_is_not_a_report() {
        assert_eq!(with_xg101("note.txt", "会议通知\n请各单位于周五前报送材料。\n"), ["XG101 1:1"]);
    }

    #[test]
    fn fires_on_a_report_lacking_only_the_period() {
        let text = include_str!("fixtures/XG402_missing.txt");
        assert_eq!(with_xg101("XG402_missing.txt", text), ["XG402 1:1"]);
    }

    #[test]
    fn fires_at_the_start_without_a_title() {
        let text = "一、总体情况";
        let mut r = Report { text: text.into(), ..Default::default() };
        add_overview(&mut r);
        let d = run(&r, "XG402");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, Span::empty(0));
        assert!(d[0].help.as_ref().unwrap().zh.contains("Y年1月1日"));
    }

    #[test]
    fn periods_stated_in_words() {
        for text in [
            "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
            "报告数据统计期限为2023年1月1日至2023年12月31日。",
            "本报告中所列数据统计时限为2022年1月1日至2022年12月31日。",
            "数据统计时间：2023年01月01日—2023年12月31日",
        ] {
            assert!(super::states_period(text), "{text}");
        }
        for text in ["根据《条例》规定编制本报告。", "2023年1月1日起施行", "统计局2023年工作"]
        {
            assert!(!super::states_period(text), "{text}");
        }
    }

    #[test]
    fn silent_when_a_period_is_stated() {
        let text = "统计期限为2023年1月1日至2023年12月31日";
        let mut r = Report { text: text.to_string(), ..Default::default() };
        let p = Period { start: date(2023, 1, 1), end: date(2023, 12, 31) };
        r.meta.period = Some(field(text, "2023年1月1日至2023年12月31日", p));
        assert!(run(&r, "XG402").is_empty());
    }
}
