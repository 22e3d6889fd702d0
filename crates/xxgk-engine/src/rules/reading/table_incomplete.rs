//! XG003 table-incomplete: a table is found but rows or cells the template requires are missing.
use crate::rules::structure::template::outdated_template;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{ProblemKind, Report, TableKey};

declare_rule! {
    /// ## 检查内容
    /// 找到的表2、表3、表4是否包含格式规定的全部行与单元格：缺行、某行单元格少于模板且无法定位、
    /// 某行单元格多于模板（多出的被忽略）。使用 2019 年旧格式时由 XG104 报告，本规则不再重复。
    /// ## 为什么
    /// 缺少的行或单元格无法参与勾稽核对，也无法判断是否漏报。
    /// ## 依据
    /// 国办公开办函〔2021〕30号年度报告格式的表格样式。
    /// ## 示例
    /// ```text
    /// （四）无法提供  1.本机关不掌握相关政府信息  0 0 0      ← 只有3个数，应有7个
    /// ```
    /// ## 修复
    /// 补齐缺少的行和单元格（没有数据的填 0），删去模板之外的单元格。
    /// ## English
    /// Fires when a table found lacks a row of the format, or a row has fewer cells than the
    /// format and they could not be placed, or more (the extra ones are ignored). A 2019-template
    /// report is XG104's. Missing cells cannot be checked against the identities. Fix: complete
    /// the rows and cells (0 where there is nothing), drop cells the format does not have.
    pub TABLE_INCOMPLETE = { code: "XG003", name: "table-incomplete", severity: Error, since: "0.1.0" }
}

/// XG003.
pub(crate) struct TableIncomplete;

/// A row's labels, zh and en (the key itself when the spec does not know it).
pub(crate) fn row_label(table: TableKey, row: &str) -> (String, String) {
    table
        .row(row)
        .map_or_else(|| (row.to_string(), row.to_string()), |s| (s.label.to_string(), s.label_en.to_string()))
}

impl Rule for TableIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &TABLE_INCOMPLETE
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // A 2019-template table has other rows: XG104's finding.
        if !outdated_template(report).is_empty() {
            return;
        }
        let mut missing_rows = Vec::new();
        for p in &report.problems {
            let n = p.table.number();
            let (zh, en) = p.row.map(|r| row_label(p.table, r)).unwrap_or_default();
            let (message, help) = match &p.kind {
                ProblemKind::MissingRow => {
                    missing_rows.push((p.table, p.row));
                    (
                        Text::new(format!("表{n}缺少“{zh}”行"), format!("Table {n} lacks the row “{en}”")),
                        Text::new("按格式补上这一行，没有数据的填 0", "Add the row as the format has it, with 0 where there is nothing"),
                    )
                }
                ProblemKind::MissingCells { found, expected } => (
                    Text::new(
                        format!("表{n}“{zh}”行只有{found}个单元格，应有{expected}个"),
                        format!("Table {n} row “{en}” has {found} cells, {expected} expected"),
                    ),
                    Text::new("补齐这一行的单元格，没有数据的填 0", "Fill in the row's missing cells, with 0 where there is nothing"),
                ),
                ProblemKind::ExtraCells { found, expected } => (
                    Text::new(
                        format!("表{n}“{zh}”行有{found}个单元格，多于格式的{expected}个，多出的已忽略"),
                        format!("Table {n} row “{en}” has {found} cells, more than the {expected} of the format; the extra ones were ignored"),
                    ),
                    Text::new("删去格式之外的单元格，或检查是否把两行合成了一行", "Remove the cells the format does not have, or check whether two rows were merged"),
                ),
                // Non-numeric cells are XG205's.
                ProblemKind::NotANumber { .. } => continue,
            };
            cx.report(Diagnostic::new(&TABLE_INCOMPLETE, p.span, message).with_help(help));
        }
        // Rows absent from a table found, in case the reader did not list them as problems.
        for key in TableKey::ALL {
            let Some(table) = report.tables.get(key) else { continue };
            for spec in key.rows() {
                if table.row(spec.key).is_some() || missing_rows.contains(&(key, Some(spec.key))) {
                    continue;
                }
                let n = key.number();
                cx.report(
                    Diagnostic::new(
                        &TABLE_INCOMPLETE,
                        table.span,
                        Text::new(
                            format!("表{n}缺少“{}”行", spec.label),
                            format!("Table {n} lacks the row “{}”", spec.label_en),
                        ),
                    )
                    .with_help(Text::new(
                        "按格式补上这一行，没有数据的填 0",
                        "Add the row as the format has it, with 0 where there is nothing",
                    )),
                );
            }
        }
    }
}
