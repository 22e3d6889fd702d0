//! XG104 outdated-template: a report for 2021 or later uses the 2019 template.
use crate::rules::structure::template::outdated_template;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 2021年度及以后的报告是否仍在使用2019年的旧格式：出现“本年新制作数量”“本年新公开数量”
    /// “对外公开总数量”“上一年项目数量”“本年增/减”“第二十条第（九）项”、表2中的“政府集中采购”，
    /// 或表3的“（六）其他处理”只有一行。整篇报告只报告一次，位置在第一处旧格式用语，其余位置作为标注。
    /// 报告年度未知时不检查。
    /// ## 为什么
    /// 自2021年度报告起须使用新格式；旧格式的表2、表3栏目不同，数据无法与其他机关比较和汇总。
    /// 使用旧格式时，表格缺行等问题（XG002、XG003）不再另行报告。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》（自2021年度报告起施行），
    /// 取代国办公开办函〔2019〕60号。
    /// ## 示例
    /// ```text
    /// 2023年政府信息公开工作年度报告
    /// 第二十条第（一）项  信息内容  本年新制作数量  本年新公开数量  对外公开总数量
    /// ```
    /// ## 修复
    /// 按国办公开办函〔2021〕30号的格式重新编制表2、表3、表4。
    /// ## English
    /// Fires once when a report for 2021 or later still uses the 2019 template (本年新制作数量,
    /// 上一年项目数量, 第二十条第（九）项, 政府集中采购 in table 2, a one-row （六）其他处理 …),
    /// at the first such place with labels at the others; silent when the year is unknown. The
    /// 2021 format is mandatory from the 2021 reports on. Fix: redo tables 2–4 in the 2021 format.
    pub OUTDATED_TEMPLATE = { code: "XG104", name: "outdated-template", severity: Error, since: "0.1.0" }
}

/// XG104.
pub(crate) struct OutdatedTemplate;

/// Labels beyond this many are left out: the first few show the point.
const MAX_LABELS: usize = 5;

impl Rule for OutdatedTemplate {
    fn meta(&self) -> &'static RuleMeta {
        &OUTDATED_TEMPLATE
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(year) = report.meta.year.as_ref().map(|y| y.value) else { return };
        if year < 2021 {
            return;
        }
        let spans = outdated_template(report);
        let Some(&first) = spans.first() else { return };
        let phrase = report.slice(first);
        let mut d = Diagnostic::new(
            &OUTDATED_TEMPLATE,
            first,
            Text::new(
                format!("{year}年度报告仍使用2019年旧格式（“{phrase}”等{}处）", spans.len()),
                format!("The {year} report uses the 2019 template (“{phrase}” and {} more)", spans.len() - 1),
            ),
        )
        .with_help(Text::new(
            "按国办公开办函〔2021〕30号的格式重新编制表2、表3、表4",
            "Redo tables 2–4 in the format of 国办公开办函〔2021〕30号",
        ));
        for &s in spans.iter().skip(1).take(MAX_LABELS) {
            d = d.with_label(
                s,
                Text::new(
                    format!("旧格式用语“{}”", report.slice(s)),
                    format!("2019 template wording “{}”", report.slice(s)),
                ),
            );
        }
        cx.report(d);
    }
}
