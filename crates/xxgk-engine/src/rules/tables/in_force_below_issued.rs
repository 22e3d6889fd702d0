//! XG206 in-force-below-issued: table 2's 现行有效件数 is below 本年制发件数.
use super::count_not_integer::table_name;
use super::sheet::num;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 表二"规章"与"行政规范性文件"两行：现行有效件数小于本年制发件数时提示。
    /// 只检查照原样读出的行；数字粘连、需要推断拆分的行不检查（拆分时已把
    /// "现行有效 ≥ 本年制发"作为约束）。表二未找到时不检查（XG002）。
    /// ## 为什么
    /// 本年制发的文件，除非当年即被废止，都应计入现行有效件数。现行有效少于本年制发，
    /// 多半是两栏填反了，或现行有效只统计了往年的文件。
    /// ## 依据
    /// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表二
    /// "第二十条第（一）项"（本年制发件数、本年废止件数、现行有效件数）；
    /// 《中华人民共和国政府信息公开条例》第二十条第（一）项、第五十条。
    /// ## 示例
    /// ```text
    /// 行政规范性文件 | 12 | 0 | 8
    /// ```
    /// `表二“行政规范性文件”现行有效件数 8 少于本年制发件数 12`。
    /// ## 修复
    /// 核对两栏；若确有本年制发、当年废止的文件，可忽略本提示（`xxgk: ignore[XG206]`）。
    /// ## English
    /// Warns when, in table 2's rows 规章 and 行政规范性文件, the number in force is below the
    /// number issued this year: documents issued this year are in force unless repealed the
    /// same year, so the columns are usually swapped or incomplete. Rows read from glued digits
    /// are not checked. Fix the figures, or suppress when documents were issued and repealed
    /// in the same year.
    pub IN_FORCE_BELOW_ISSUED = { code: "XG206", name: "in-force-below-issued", severity: Warning, since: "0.1.0" }
}

/// XG206.
pub(crate) struct InForceBelowIssued;

impl Rule for InForceBelowIssued {
    fn meta(&self) -> &'static RuleMeta {
        &IN_FORCE_BELOW_ISSUED
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(table) = report.tables.proactive.as_ref() else { return };
        let (zh, n) = table_name(table.key);
        for key in ["regulations", "normative_documents"] {
            let Some(row) = table.row(key) else { continue };
            // A typed table only: the solver already used in_force ≥ issued when splitting.
            if row.inferred() {
                continue;
            }
            let (Some(issued), Some(in_force)) = (row.cell("issued"), row.cell("in_force")) else { continue };
            let (i, f, rep) = (issued.num(), in_force.num(), row.num("repealed"));
            if f >= i {
                continue;
            }
            let label = table.spec(key).map_or(key, |s| s.label);
            let label_en = table.spec(key).map_or(key, |s| s.label_en);
            let message = Text::new(
                format!("{zh}“{label}”现行有效件数 {} 少于本年制发件数 {}", num(f), num(i)),
                format!(
                    "Table {n} row {label} ({label_en}): {} in force is below {} issued this year",
                    num(f),
                    num(i)
                ),
            );
            let span = in_force.span.unwrap_or_else(|| row.values_span());
            let mut d = Diagnostic::new(&IN_FORCE_BELOW_ISSUED, span, message);
            if let Some(s) = issued.span.filter(|s| *s != span) {
                d = d.with_label(s, Text::new(format!("本年制发 {}", num(i)), format!("issued {}", num(i))));
            }
            let help = if rep > 0.0 {
                Text::new(
                    format!("本年制发的文件应计入现行有效件数；若其中有当年即废止的（本年废止 {} 件），可忽略本提示", num(rep)),
                    format!(
                        "documents issued this year count as in force; if some were repealed the same year ({} repealed), ignore this",
                        num(rep)
                    ),
                )
            } else {
                Text::new(
                    "本年制发的文件应计入现行有效件数：核对两栏是否填反或漏计",
                    "documents issued this year count as in force: check whether the columns are swapped or incomplete",
                )
            };
            cx.report(d.with_help(help));
        }
    }
}
