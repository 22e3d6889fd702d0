//! XG003 table-incomplete: a table is found but rows or cells the template requires are missing.
use crate::rules::structure::template::outdated_template;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{ProblemKind, ReadProblem, Report, Span, TableKey};

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

/// More rows than this with the same problem in one table make one diagnostic, not a flood.
const GROUP: usize = 3;
/// Labels shown on a grouped diagnostic.
const MAX_LABELS: usize = 8;

/// The message and help of one problem.
fn describe(table: TableKey, row: Option<&str>, kind: &ProblemKind) -> Option<(Text, Text)> {
    let n = table.number();
    let (zh, en) = match row {
        Some(r) => {
            let (zh, en) = row_label(table, r);
            (format!("表{n}“{zh}”行"), format!("Table {n} row “{en}”"))
        }
        None => (format!("表{n}"), format!("Table {n}")),
    };
    Some(match kind {
        ProblemKind::MissingRow => (
            Text::new(format!("{zh}缺失"), format!("{en} is missing")),
            Text::new("按格式补上这一行，没有数据的填 0", "Add the row as the format has it, with 0 where there is nothing"),
        ),
        ProblemKind::MissingCells { found, expected } => (
            Text::new(format!("{zh}只有{found}个单元格，应有{expected}个"), format!("{en} has {found} cells, {expected} expected")),
            Text::new("补齐这一行的单元格，没有数据的填 0", "Fill in the row's missing cells, with 0 where there is nothing"),
        ),
        ProblemKind::ExtraCells { found, expected } => (
            Text::new(
                format!("{zh}有{found}个单元格，多于格式的{expected}个，多出的已忽略"),
                format!("{en} has {found} cells, more than the {expected} of the format; the extra ones were ignored"),
            ),
            Text::new("删去格式之外的单元格，或检查是否把两行合成了一行", "Remove the cells the format does not have, or check whether two rows were merged"),
        ),
        // Non-numeric cells are XG205's.
        ProblemKind::NotANumber { .. } => return None,
    })
}

/// Where a missing row belongs: at the label of the next row present, else the table's end.
fn row_position(report: &Report, key: TableKey, row: &str, fallback: Span) -> Span {
    let Some(table) = report.tables.get(key) else { return fallback };
    let index = key.rows().iter().position(|r| r.key == row).unwrap_or(0);
    key.rows()[index..]
        .iter()
        .find_map(|r| table.row(r.key))
        .map_or(Span::empty(table.span.end as usize), |r| Span::empty(r.label.start as usize))
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
        for key in TableKey::ALL {
            let mut kinds: Vec<(std::mem::Discriminant<ProblemKind>, Vec<&ReadProblem>)> = Vec::new();
            let located: Vec<ReadProblem> = report
                .problems
                .iter()
                .filter(|p| p.table == key)
                .map(|p| match (&p.kind, p.row) {
                    (ProblemKind::MissingRow, Some(row)) => {
                        ReadProblem { span: row_position(report, key, row, p.span), ..p.clone() }
                    }
                    _ => p.clone(),
                })
                .collect();
            for p in &located {
                if matches!(p.kind, ProblemKind::NotANumber { .. }) {
                    continue;
                }
                if p.kind == ProblemKind::MissingRow {
                    missing_rows.push((p.table, p.row));
                }
                let d = std::mem::discriminant(&p.kind);
                match kinds.iter_mut().find(|(k, _)| *k == d) {
                    Some((_, list)) => list.push(p),
                    None => kinds.push((d, vec![p])),
                }
            }
            for (_, list) in kinds {
                let Some((message, help)) = describe(key, list[0].row, &list[0].kind) else { continue };
                if list.len() <= GROUP {
                    for p in &list {
                        if let Some((message, help)) = describe(p.table, p.row, &p.kind) {
                            cx.report(Diagnostic::new(&TABLE_INCOMPLETE, p.span, message).with_help(help));
                        }
                    }
                    continue;
                }
                // One table read badly row after row: one finding, the rows as labels.
                let n = list.len();
                let t = key.number();
                let mut d = Diagnostic::new(
                    &TABLE_INCOMPLETE,
                    list[0].span,
                    Text::new(
                        format!("表{t}有{n}行同样的问题：{}等", message.zh),
                        format!("{n} rows of table {t} have the same problem: {} and others", message.en),
                    ),
                )
                .with_help(help);
                for p in list.iter().skip(1).take(MAX_LABELS) {
                    if let Some((m, _)) = describe(p.table, p.row, &p.kind) {
                        d = d.with_label(p.span, m);
                    }
                }
                cx.report(d);
            }
        }
        // Rows absent from a table found, in case the reader did not list them as problems.
        for key in TableKey::ALL {
            let Some(table) = report.tables.get(key) else { continue };
            for spec in key.rows() {
                if table.row(spec.key).is_some() || missing_rows.contains(&(key, Some(spec.key))) {
                    continue;
                }
                let Some((message, help)) = describe(key, Some(spec.key), &ProblemKind::MissingRow) else {
                    continue;
                };
                let at = row_position(report, key, spec.key, table.span);
                cx.report(Diagnostic::new(&TABLE_INCOMPLETE, at, message).with_help(help));
            }
        }
    }
}
