//! XG006 blank-cell: cells the template expects a number in are blank or "/" (counted as 0).
use crate::rules::reading::table_incomplete::row_label;
use crate::rules::tables::{sheet::Sheet, total_blank::TOTAL_BLANK};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span, TableKey, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};

declare_rule! {
    /// ## 检查内容
    /// 表2、表3、表4中应填数字的单元格是否空白或填了“/”“—”“无”。每行报告一次，列出空白的列；
    /// 整张表都空白时只报告一次。空白按 0 参与勾稽核对。
    /// 已由 XG004 报告为推断读取的行、由 XG003 报告为单元格不全的行不再重复报告；分项不为 0 而空白的
    /// 总计由 XG208 报告（XG208 关闭时仍在此列出）。
    /// ## 为什么
    /// 空白与 0 含义不同：空白让读者分不清“没有发生”与“漏填”。
    /// ## 依据
    /// 国办公开办函〔2021〕30号年度报告格式：表格各项均应填写数字，没有的填 0。
    /// ## 示例
    /// ```text
    /// 行政许可  /
    /// ```
    /// ## 修复
    /// 在空白单元格填 0（或实际数字）。
    /// ## English
    /// Notes table cells that should hold a number but are blank or "/", "—", "无": one diagnostic
    /// per row naming the blank columns, one per table when the whole table is blank. Blank counts
    /// as 0 in the arithmetic. Rows XG004 (inferred) or XG003 (incomplete) reports are left to
    /// them, and so are blank totals with non-zero parts to XG208 (while it is enabled). Fix: write 0 (or the actual figure).
    pub BLANK_CELL = { code: "XG006", name: "blank-cell", severity: Info, since: "0.1.0" }
}

/// XG006.
pub(crate) struct BlankCell;

impl Rule for BlankCell {
    fn meta(&self) -> &'static RuleMeta {
        &BLANK_CELL
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // Blank totals whose parts are not 0 are XG208's: one cause, one finding.
        let xg208 = cx.is_enabled(&TOTAL_BLANK);
        let requests = xg208.then(|| Sheet::requests(report)).flatten();
        let appeals = xg208.then(|| Sheet::appeals(report)).flatten();
        let blank_total = |key: TableKey, row: &str, col: &str| -> bool {
            let (sheet, rows, cols) = match key {
                TableKey::Requests => (requests.as_ref(), &T3_ROWS[..], &T3_COLUMNS[..]),
                TableKey::Appeals => (appeals.as_ref(), &T4_GROUPS[..], &T4_COLUMNS[..]),
                TableKey::Proactive => return false,
            };
            let r = rows.iter().position(|s| s.key == row);
            let c = cols.iter().position(|s| s.key == col);
            matches!((sheet, r, c), (Some(sheet), Some(r), Some(c)) if sheet.is_blank_total((r, c)))
        };
        for key in TableKey::ALL {
            let Some(table) = report.tables.get(key) else { continue };
            let n = key.number();
            let help =
                Text::new("在空白单元格填 0 或实际数字", "Write 0 or the actual figure in the blank cells");
            if !table.rows.is_empty() && table.rows.iter().all(|r| r.cells.iter().all(|c| c.is_blank())) {
                cx.report(
                    Diagnostic::new(
                        &BLANK_CELL,
                        table.span,
                        Text::new(
                            format!("表{n}全部单元格为空白，按 0 计"),
                            format!("Every cell of table {n} is blank, counted as 0"),
                        ),
                    )
                    .with_help(help),
                );
                continue;
            }
            for row in &table.rows {
                // An inferred row is XG004's: its blanks are part of that reading.
                if report.inferences.iter().any(|i| i.table == key && i.row == row.key) {
                    continue;
                }
                // Cells the reader could not place are unread, not blank: XG003's.
                if report.problems.iter().any(|p| p.table == key && p.row.is_none_or(|r| r == row.key)) {
                    continue;
                }
                let blank: Vec<_> = row
                    .cells
                    .iter()
                    .filter(|c| c.is_blank() && !blank_total(key, row.key, c.column))
                    .collect();
                if blank.is_empty() {
                    continue;
                }
                let spec = key.row(row.key);
                let label_of = |col: &'static str| {
                    spec.and_then(|s| s.column(col)).map_or((col, col), |c| (c.label, c.label_en))
                };
                let cols: Vec<&str> = blank.iter().map(|c| label_of(c.column).0).collect();
                let cols_en: Vec<&str> = blank.iter().map(|c| label_of(c.column).1).collect();
                let span = blank.iter().filter_map(|c| c.span).reduce(Span::cover).unwrap_or(row.label);
                let (zh, en) = row_label(key, row.key);
                cx.report(
                    Diagnostic::new(
                        &BLANK_CELL,
                        span,
                        Text::new(
                            format!(
                                "表{n}“{zh}”行{}个单元格空白（{}），按 0 计",
                                blank.len(),
                                cols.join("、")
                            ),
                            format!(
                                "Table {n} row “{en}”: {} blank {} ({}), counted as 0",
                                blank.len(),
                                if blank.len() == 1 { "cell" } else { "cells" },
                                cols_en.join(", ")
                            ),
                        ),
                    )
                    .with_help(help.clone()),
                );
            }
        }
    }
}
