//! XG209 fee-unit: table 2's 行政事业性收费 is in 元, or its magnitude is implausible for 万元.
use super::count_not_integer::table_name;
use super::sheet::num;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 表二"第二十条第（八）项"的"行政事业性收费 本年收费金额"以万元计。提示：
    /// 金额或表头写的单位是"元"而不是"万元"；金额超过 10⁶ 万元（100 亿元）；
    /// 金额的小数超过 6 位（以万元计，第 6 位小数已是 1 分）。
    /// 这是机关自身的行政事业性收费，与信息处理费（XG3）无关。表二未找到时不检查（XG002）。
    /// ## 为什么
    /// 以元填进万元栏，金额就放大了一万倍；读者和汇总统计都会被误导。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表二
    /// "第二十条第（八）项 本年收费金额（单位：万元）"；《中华人民共和国政府信息公开条例》
    /// 第二十条第（八）项。
    /// ## 示例
    /// ```text
    /// 第二十条第（八）项
    /// 信息内容 | 本年收费金额（单位：元）
    /// 行政事业性收费 | 12000
    /// ```
    /// 应为"本年收费金额（单位：万元）"，金额 1.2。
    /// ## 修复
    /// 换算为万元（元数除以 10000），表头写"单位：万元"。
    /// ## English
    /// Table 2's administrative fees (行政事业性收费) are in 10,000 yuan (万元). Warns when the
    /// amount or its header is in 元, when the amount exceeds 10⁶ 万元, or when it has more than
    /// six decimals (below one fen). Fix: convert to 万元 (divide yuan by 10,000).
    pub FEE_UNIT = { code: "XG209", name: "fee-unit", severity: Warning, since: "0.1.0" }
}

/// XG209.
pub(crate) struct FeeUnit;

/// Whether a unit text says 元 but not 万元.
fn yuan_not_wan(text: &str) -> bool {
    text.contains('元') && !text.contains("万元")
}

impl Rule for FeeUnit {
    fn meta(&self) -> &'static RuleMeta {
        &FEE_UNIT
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(table) = report.tables.proactive.as_ref() else { return };
        let Some(row) = table.row("fees") else { return };
        let Some(cell) = row.cell("amount_wan") else { return };
        let (zh, n) = table_name(table.key);
        let span = cell.span.unwrap_or_else(|| row.values_span());
        // The reader's cell stops at the digits: a unit written after them is in the text that follows.
        let cell_text = cell.span.map_or("", |s| {
            let after = report.text.get(s.end as usize..).unwrap_or("");
            let unit = after.len() - after.trim_start_matches([' ', '\u{3000}']).len();
            let unit_end = s.end as usize + unit;
            let rest = &report.text[unit_end..];
            let end = if rest.starts_with("万元") {
                unit_end + "万元".len()
            } else if rest.starts_with('元') {
                unit_end + '元'.len_utf8()
            } else {
                s.end as usize
            };
            report.text.get(s.start as usize..end).unwrap_or("")
        });
        let help = || {
            Text::new(
                "金额以万元计：元数除以 10000，表头写“单位：万元”",
                "amounts are in 万元: divide yuan by 10,000",
            )
        };
        // The header of the amount column: what follows 收费金额 on its line, before the row.
        let table_start = table.span.start as usize;
        let before_row = report.text.get(table_start..row.label.start as usize).unwrap_or("");
        let header = before_row.rfind("收费金额").map(|i| {
            let from = i + "收费金额".len();
            let unit: String = before_row[from..].chars().take_while(|c| *c != '\n').take(12).collect();
            let unit = unit.trim_end().to_string();
            let span = Span::new(table_start + from, table_start + from + unit.len());
            (unit, span)
        });
        if yuan_not_wan(cell_text) {
            cx.report(
                Diagnostic::new(
                    &FEE_UNIT,
                    span,
                    Text::new(
                        format!("{zh}“行政事业性收费”金额写作“{cell_text}”，应以万元计"),
                        format!("Table {n} administrative fees are written “{cell_text}”: the unit is 万元"),
                    ),
                )
                .with_help(help()),
            );
            return;
        }
        if let Some((unit, hspan)) = header.filter(|(u, _)| yuan_not_wan(u)) {
            cx.report(
                Diagnostic::new(
                    &FEE_UNIT,
                    hspan,
                    Text::new(
                        format!("{zh}“本年收费金额”的单位写作“{unit}”，格式要求以万元计"),
                        format!("Table {n} fee amounts are headed “{unit}”: the template's unit is 万元"),
                    ),
                )
                .with_label(span, Text::new("此金额", "this amount"))
                .with_help(help()),
            );
            return;
        }
        let Some(value) = cell.value else { return };
        let v = value.as_f64();
        let decimals = cell_text
            .split_once(['.', '．'])
            .map_or(0, |(_, d)| d.chars().filter(char::is_ascii_digit).count());
        let message = if v > 1e6 {
            Text::new(
                format!("{zh}“行政事业性收费”金额 {} 万元不合常理（超过 100 亿元），可能是按元填写", num(v)),
                format!(
                    "Table {n} administrative fees of {} 万元 are implausible (over 10 billion yuan): yuan?",
                    num(v)
                ),
            )
        } else if decimals > 6 {
            Text::new(
                format!("{zh}“行政事业性收费”金额“{cell_text}”有 {decimals} 位小数，以万元计已小于 1 分"),
                format!("Table {n} administrative fees “{cell_text}” have {decimals} decimals: below one fen in 万元"),
            )
        } else {
            return;
        };
        cx.report(Diagnostic::new(&FEE_UNIT, span, message).with_help(help()));
    }
}
