//! Family XG1 (结构): the six sections of the format — present, in order, titled, up to date,
//! and with the content the format asks of sections 一 and 五. See RULES.md.
use crate::Rule;

mod empty_problems_section;
mod government_accountability;
mod outdated_template;
mod overview_subtopics;
mod parts_claim;
mod section_missing;
mod section_order;
mod section_title;
pub(crate) mod template;
/// Compile the family's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    template::prepare();
}

#[cfg(test)]
pub(crate) mod testing;

pub(crate) use empty_problems_section::EmptyProblemsSection;
pub(crate) use government_accountability::GovernmentAccountability;
pub(crate) use outdated_template::OutdatedTemplate;
pub(crate) use overview_subtopics::OverviewSubtopics;
pub(crate) use parts_claim::PartsClaim;
pub(crate) use section_missing::{SectionMissing, SECTION_MISSING};
pub(crate) use section_order::SectionOrder;
pub(crate) use section_title::SectionTitle;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &SectionMissing,
    &SectionOrder,
    &SectionTitle,
    &OutdatedTemplate,
    &PartsClaim,
    &OverviewSubtopics,
    &GovernmentAccountability,
    &EmptyProblemsSection,
];

#[cfg(test)]
mod tests {
    use super::testing::{field, report, six};
    use crate::{check, Settings};
    use xxgk_model::Report;

    #[test]
    fn fixtures() {
        insta::glob!("fixtures/*", |p| insta::assert_snapshot!(crate::test::check_and_render(p)));
    }

    /// `code line:col message` for the findings of `select` on `report`.
    pub(super) fn run(report: &Report, select: &[&str]) -> Vec<String> {
        let settings =
            Settings { select: select.iter().map(|s| s.to_string()).collect(), ..Settings::national() };
        let index = xxgk_model::LineIndex::new(&report.text);
        check(report, &settings)
            .into_iter()
            .map(|d| {
                let (l, c) = index.line_col(&report.text, d.span.start as usize);
                format!("{} {l}:{c} {}", d.code, d.message.zh)
            })
            .collect()
    }

    #[test]
    fn missing_sections_located_where_they_belong() {
        let text = six(["甲", "乙", "丙", "丁", "戊", "己"])
            .replace("五、存在的主要问题及改进情况\n戊\n", "")
            .replace("一、总体情况\n甲\n", "");
        assert_eq!(
            run(&report(&text), &["XG101"]),
            vec!["XG101 1:1 缺少第一部分“总体情况”", "XG101 7:1 缺少第五部分“存在的主要问题及改进情况”"]
        );
        let text = six(["甲", "乙", "丙", "丁", "戊", "己"]).replace("六、其他需要报告的事项\n己\n", "");
        assert_eq!(run(&report(&text), &["XG101"]), vec!["XG101 10:2 缺少第六部分“其他需要报告的事项”"]);
        assert_eq!(run(&report("没有标题的文字\n"), &["XG101"]).len(), 1);
        assert!(run(&report(&six(["甲", "乙", "丙", "丁", "戊", "己"])), &["XG101"]).is_empty());
    }

    #[test]
    fn order_and_repeats() {
        let text = "一、总体情况\n甲\n二、主动公开政府信息情况\n乙\n四、政府信息公开行政复议、行政诉讼情况\n丁\n\
                    三、收到和处理政府信息公开申请情况\n丙\n五、存在的主要问题及改进情况\n戊\n六、其他需要报告的事项\n己\n\
                    二、主动公开政府信息情况\n另写的一段\n";
        assert_eq!(
            run(&report(text), &["XG102"]),
            vec![
                "XG102 7:1 第三部分“收到和处理政府信息公开申请情况”顺序不对，应在第二部分之后、第四部分之前",
                "XG102 13:1 第二部分“主动公开政府信息情况”重复出现",
            ]
        );
    }

    #[test]
    fn repeats_of_a_duplicated_report_are_left_to_xg005() {
        let one = six(["甲一段话", "乙一段话", "丙一段话", "丁一段话", "戊一段话", "己一段话"]);
        let text =
            format!("某局2023年政府信息公开工作年度报告\n{one}某局2023年政府信息公开工作年度报告\n{one}");
        // Alone, XG102 reports the six repeats; with XG005 on, they are XG005's single finding.
        assert_eq!(run(&report(&text), &["XG102"]).len(), 6);
        let lines = run(&report(&text), &["XG102", "XG005"]);
        assert_eq!(lines, vec!["XG005 14:1 报告全文重复出现，第二份从这里开始（前一份共13行）"]);
    }

    #[test]
    fn variant_titles_noted() {
        let text = six(["甲", "乙", "丙", "丁", "戊", "己"])
            .replace("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议和行政诉讼情况");
        assert_eq!(
            run(&report(&text), &["XG103"]),
            vec!["XG103 7:1 第四部分标题“政府信息公开行政复议和行政诉讼情况”与格式的“政府信息公开行政复议、行政诉讼情况”不同"]
        );
    }

    #[test]
    fn misspelt_title_is_left_to_xg603() {
        let mut r = report(&six(["甲", "乙", "丙", "丁", "戊", "己"]));
        let h = r.headings.iter_mut().find(|h| h.key == xxgk_model::SectionKey::Appeals).expect("四");
        h.title = "政府信息公开行政法复议、行政诉讼情况".into();
        h.canonical = false;
        assert!(run(&r, &["XG103", "XG603"]).is_empty());
        assert_eq!(run(&r, &["XG103"]).len(), 1);
    }

    #[test]
    fn outdated_template_once_per_report_when_year_known() {
        let text = six([
            "甲",
            "第二十条第（一）项 本年新制作数量 本年新公开数量 对外公开总数量",
            "丙",
            "丁",
            "戊",
            "己",
        ]);
        let mut r = report(&text);
        assert!(run(&r, &["XG104"]).is_empty(), "year unknown");
        r.meta.year = field(&r, 2022, "");
        assert_eq!(
            run(&r, &["XG104"]),
            vec!["XG104 4:11 2022年度报告仍使用2019年旧格式（“本年新制作数量”等3处）"]
        );
        r.meta.year = field(&r, 2020, "");
        assert!(run(&r, &["XG104"]).is_empty(), "2020 reports use the 2019 template");
        // XG002 defers to XG104.
        assert!(run(&r, &["XG002"]).is_empty());
    }

    /// What the family finds on the five seed reports, by file, code and line:column.
    #[test]
    fn seeds() {
        let full = super::testing::seed_findings(&["XG1"]);
        let got: Vec<String> =
            full.iter().map(|l| l.splitn(4, ' ').take(3).collect::<Vec<_>>().join(" ")).collect();
        // 000 lacks 监督保障 in section 一, 001 lacks 依申请公开; the other seeds cover all five.
        assert_eq!(got, vec!["000 XG106 10:1", "001 XG106 1:1"]);
    }
}
