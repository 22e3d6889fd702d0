//! XG002 table-missing: table 2, 3 or 4 cannot be found in its section.
use crate::rules::structure::template::outdated_template;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, TableKey};

declare_rule! {
    /// ## 检查内容
    /// 第二、三、四部分各自的统计表（表2 主动公开、表3 依申请公开、表4 行政复议和行政诉讼）能否找到。
    /// 所在部分本身缺失时由 XG101 报告；使用 2019 年旧格式时由 XG104 报告，本规则不再重复。
    /// ## 为什么
    /// 三张表是年度报告格式规定的必备内容，找不到表格，数据既无法公开也无法核对。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》第二至第四部分。
    /// ## 示例
    /// ```text
    /// 三、收到和处理政府信息公开申请情况
    /// 本年度共收到申请3件，均已按时办结。        ← 只有文字，没有表3
    /// ```
    /// ## 修复
    /// 按格式插入完整的统计表；表格是图片时，改为文字表格或另附文字版。
    /// ## English
    /// Fires when table 2, 3 or 4 cannot be found in its section (the section itself missing is
    /// XG101's; a 2019-template report is XG104's). The format requires all three tables; without
    /// them the figures are neither published nor checkable. Fix: insert the table as the format
    /// gives it, as text rather than an image.
    pub TABLE_MISSING = { code: "XG002", name: "table-missing", severity: Error, since: "0.1.0" }
}

/// XG002.
pub(crate) struct TableMissing;

/// The table's subject, for messages.
pub(crate) fn table_name(key: TableKey) -> (&'static str, &'static str) {
    match key {
        TableKey::Proactive => ("主动公开政府信息情况", "proactive disclosure"),
        TableKey::Requests => ("收到和处理政府信息公开申请情况", "requests received and handled"),
        TableKey::Appeals => ("行政复议、行政诉讼情况", "administrative reviews and lawsuits"),
    }
}

impl Rule for TableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &TABLE_MISSING
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // A 2019-template report has other tables: XG104's finding, one cause, one diagnostic.
        if !outdated_template(report).is_empty() {
            return;
        }
        for key in TableKey::ALL {
            if report.tables.get(key).is_some() {
                continue;
            }
            // Without its section there is nowhere to look: XG101 reports the section.
            let Some(section) = report.section(key.section()) else { continue };
            let n = key.number();
            let (zh, en) = table_name(key);
            cx.report(
                Diagnostic::new(
                    &TABLE_MISSING,
                    section.heading,
                    Text::new(
                        format!("第{}部分中未找到表{n}（{zh}）", section.number),
                        format!("Table {n} ({en}) not found in section {}", key.section().index() + 1),
                    ),
                )
                .with_help(Text::new(
                    format!("按年度报告格式在本部分插入表{n}，以文字表格而非图片发布"),
                    format!("Insert table {n} of the format in this section, as a text table rather than an image"),
                )),
            );
        }
    }
}
