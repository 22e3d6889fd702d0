//! XG205 count-not-integer: a count is negative, fractional or not a number.
use super::sheet::num;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{ProblemKind, Report, TableKey, Value};

declare_rule! {
    /// ## 检查内容
    /// 表二（除"行政事业性收费"的金额外）、表三、表四的每个数字都是件数，应为非负整数。
    /// 报告：负数、带小数的件数（"1.5"；"3.0" 这样的整数不算），以及读取时发现的非数字内容
    /// （如单元格里写着"三件"，表二的收费金额也在内）。空白、"/"、"—"、"无"按 0 计，不在此列。
    /// ## 为什么
    /// 件数不可能是负数或小数；这类数字多半是录入错误，或把金额、百分比填进了件数栏，
    /// 也会让表格的勾稽关系失去意义。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表二至表四
    /// （件数栏）；《中华人民共和国政府信息公开条例》第五十条。
    /// ## 示例
    /// ```text
    /// （一）予以公开 | 1.5 | 0 | 0 | 0 | 0 | 0 | 1.5
    /// ```
    /// `表三“三、（一）予以公开 / 自然人”应为非负整数，而此处为 1.5`。
    /// ## 修复
    /// 改为实际的件数。
    /// ## English
    /// Every count of tables 2–4 (all but table 2's fee amount) must be a non-negative whole
    /// number. Fires on negative counts, fractional counts (1.5, not 3.0) and on cells that
    /// hold text that is not a number (also in the fee row). Blank cells are 0 and fine.
    /// Fix: write the real count.
    pub COUNT_NOT_INTEGER = { code: "XG205", name: "count-not-integer", severity: Error, since: "0.1.0" }
}

/// XG205.
pub(crate) struct CountNotInteger;

/// `表三` for table 3.
pub(crate) fn table_name(key: TableKey) -> (&'static str, u8) {
    (["表二", "表三", "表四"][key.number() as usize - 2], key.number())
}

impl Rule for CountNotInteger {
    fn meta(&self) -> &'static RuleMeta {
        &COUNT_NOT_INTEGER
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for key in TableKey::ALL {
            let Some(table) = report.tables.get(key) else { continue };
            let (zh, n) = table_name(key);
            for row in &table.rows {
                let Some(spec) = table.spec(row.key) else { continue };
                for cell in &row.cells {
                    // Table 2's fee amount is a decimal (万元); XG209 looks at it.
                    if cell.column == "amount_wan" {
                        continue;
                    }
                    let Some(value) = cell.value else { continue };
                    let v = value.as_f64();
                    let bad = v < 0.0 || (matches!(value, Value::Dec(_)) && value.as_int().is_none());
                    if !bad {
                        continue;
                    }
                    let col = spec.column(cell.column);
                    let (col_zh, col_en) = col.map_or((cell.column, cell.column), |c| (c.label, c.label_en));
                    let (what_zh, what_en) =
                        if v < 0.0 { ("为负数", "negative") } else { ("带小数", "fractional") };
                    let message = Text::new(
                        format!("{zh}“{} / {col_zh}”应为非负整数，而此处为 {}（{what_zh}）", spec.label, num(v)),
                        format!(
                            "Table {n} cell {} / {col_en} must be a non-negative whole number, not {} ({what_en})",
                            spec.label_en,
                            num(v)
                        ),
                    );
                    let span = cell.span.unwrap_or_else(|| row.values_span());
                    cx.report(
                        Diagnostic::new(&COUNT_NOT_INTEGER, span, message)
                            .with_help(Text::new("改为实际的件数", "write the real count")),
                    );
                }
            }
        }
        for p in &report.problems {
            let ProblemKind::NotANumber { text } = &p.kind else { continue };
            let (zh, n) = table_name(p.table);
            let spec = p.row.and_then(|r| p.table.row(r));
            let (row_zh, row_en) = spec.map_or(("", ""), |s| (s.label, s.label_en));
            let message = Text::new(
                format!("{zh}“{row_zh}”行有非数字内容“{text}”"),
                format!("Table {n} row {row_en} holds text that is not a number: “{text}”"),
            );
            cx.report(Diagnostic::new(&COUNT_NOT_INTEGER, p.span, message).with_help(Text::new(
                "单元格只填数字（阿拉伯数字）；没有则填 0",
                "put only a number in the cell (0 when there is none)",
            )));
        }
    }
}
