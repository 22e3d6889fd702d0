//! XG208 total-blank: a 总计 cell is blank while the cells it sums are non-zero.
use super::sheet::{num, Sheet};
use crate::rules::grouped;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 表三"总计"列、表三"（七）总计"行、表四各组"总计"的单元格为空（空白、"/"、"—"、"无"），
    /// 而它所合计的单元格不全为 0。只在表格找到时检查（XG002）。
    ///
    /// 这种情况下 XG201–XG204 不再就同一合计另报不平衡：原因只有一个，就是总计没填。
    /// 一张表中空白的总计超过3个（如整列总计未填）时合为一条，逐个标出。
    /// ## 为什么
    /// 空白按 0 计，读者看到的是"总计 0"与分项矛盾；多半是漏填了总计。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三、表四
    /// （总计列、（七）总计行）；《中华人民共和国政府信息公开条例》第五十条。
    /// ## 示例
    /// ```text
    /// 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | /
    /// ```
    /// `表三“一、本年新收政府信息公开申请数量”行的总计为空，而六类申请人之和为 3`。
    /// ## 修复
    /// 填写总计（各分项之和）。
    /// ## English
    /// Fires when a total cell of table 3 (the 总计 column, the III(7) row) or of table 4 is
    /// blank while the cells it sums are not all 0; XG201–XG204 then stay silent about that
    /// total; more than three in one table (a total column left empty) make one finding with a
    /// label per total. Example: row I has 3 natural-person requests and a blank total. Fill in the total.
    pub TOTAL_BLANK = { code: "XG208", name: "total-blank", severity: Error, since: "0.1.0" }
}

/// XG208.
pub(crate) struct TotalBlank;

/// Each blank total of a table, or one finding with a label per total when there are many.
fn report_found(number: u8, found: Vec<(Span, Text, String)>, cx: &mut Checker<'_>) {
    let zh = if number == 3 { "三" } else { "四" };
    let zh_of = |t: &Text| t.zh.trim_start_matches(&format!("表{zh}")).to_string();
    let en_of = |t: &Text| t.en.trim_start_matches(&format!("Table {number}: ")).to_string();
    grouped::report(
        cx,
        found,
        usize::MAX,
        |(span, message, p)| {
            Diagnostic::new(&TOTAL_BLANK, span, message)
                .with_help(Text::new(format!("填写总计 {p}"), format!("fill in the total, {p}")))
        },
        |(span, first, _), n| {
            Diagnostic::new(
                &TOTAL_BLANK,
                *span,
                Text::new(
                    format!("表{zh}有{n}个总计为空，而其分项不为 0（如{}）", zh_of(first)),
                    format!(
                        "Table {number}: {n} totals are blank while their parts are not 0 (e.g. {})",
                        en_of(first)
                    ),
                ),
            )
            .with_help(Text::new("逐一填写各总计（各分项之和）", "fill in each total, the sum of its parts"))
        },
        |(span, message, _)| (*span, Text::new(zh_of(message), en_of(message))),
    );
}

impl Rule for TotalBlank {
    fn meta(&self) -> &'static RuleMeta {
        &TOTAL_BLANK
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for (number, sheet) in [(3, Sheet::requests(report)), (4, Sheet::appeals(report))] {
            let Some(sheet) = sheet else { continue };
            let mut seen = Vec::new();
            let mut found: Vec<(Span, Text, String)> = Vec::new();
            for (_, id) in &sheet.identities {
                let [cell] = id.lhs[..] else { continue };
                let parts = id.sums(&sheet.grid).map_or(0.0, |(_, p)| p);
                let blank = sheet.cell(cell).is_some_and(|c| c.is_blank());
                if !blank || parts.abs() < 1e-6 || seen.contains(&cell) {
                    continue;
                }
                seen.push(cell);
                let (r, c) = cell;
                let (row, col) = (&sheet.rows[r], &sheet.cols[c]);
                let p = num(parts);
                let (where_zh, what_zh, where_en) = if number == 4 {
                    (format!("“{}”的总计", row.label), "四项之和", format!("group {}", row.label_en))
                } else if id.rhs.iter().all(|&(rr, _)| rr == r) {
                    (format!("“{}”行的总计", row.label), "六类申请人之和", format!("row {}", row.label_en))
                } else {
                    (
                        format!("“{}”列的（七）总计", col.label),
                        "各项办理结果之和",
                        format!("column {}", col.label_en),
                    )
                };
                let message = Text::new(
                    format!("表{}{where_zh}为空，而{what_zh}为 {p}", if number == 3 { "三" } else { "四" }),
                    format!("Table {number}: the total of {where_en} is blank but its parts sum to {p}"),
                );
                found.push((sheet.span(cell), message, p));
            }
            report_found(number, found, cx);
        }
    }
}
