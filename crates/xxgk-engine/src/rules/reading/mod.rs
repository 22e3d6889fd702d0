//! Family XG0 (读取): whether the document could be read as a report — input, tables, inferred
//! and blank cells, duplicated text. See RULES.md.
use crate::Rule;

mod blank_cell;
mod duplicated_content;
pub(crate) mod duplicates;
mod inferred_cells;
mod table_incomplete;
mod table_missing;
mod unreadable_input;
mod unused_suppression;

pub(crate) use blank_cell::BlankCell;
pub(crate) use duplicated_content::{DuplicatedContent, DUPLICATED_CONTENT};
pub(crate) use inferred_cells::InferredCells;
pub(crate) use table_incomplete::TableIncomplete;
pub(crate) use table_missing::TableMissing;
pub(crate) use unreadable_input::UnreadableInput;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &UnreadableInput,
    &TableMissing,
    &TableIncomplete,
    &InferredCells,
    &DuplicatedContent,
    &BlankCell,
    &unused_suppression::UnusedSuppression, // XG007
];

#[cfg(test)]
mod tests {
    use crate::rules::structure::testing::{report, six};
    use crate::{check, Settings};
    use xxgk_model::{Cell, ProblemKind, ReadProblem, Report, Row, Span, Table, TableKey, Value, T2_ROWS};

    #[test]
    fn fixtures() {
        insta::glob!("fixtures/XG00[1-6]_*", |p| insta::assert_snapshot!(crate::test::check_and_render(p)));
    }

    /// `code line:col message` for the findings of `select` on `report`.
    fn run(report: &Report, select: &str) -> Vec<String> {
        let settings = Settings { select: vec![select.into()], ..Settings::national() };
        let index = xxgk_model::LineIndex::new(&report.text);
        check(report, &settings)
            .into_iter()
            .map(|d| {
                let (l, c) = index.line_col(&report.text, d.span.start as usize);
                format!("{} {l}:{c} {}", d.code, d.message.zh)
            })
            .collect()
    }

    /// Table 2 with every cell `value`, spans on the row labels.
    fn table2(report: &Report, value: Option<Value>) -> Table {
        let rows = T2_ROWS
            .iter()
            .map(|spec| {
                let at = report.text.find(spec.label).unwrap_or(0);
                let label = Span::new(at, at + spec.label.len());
                let cells = spec
                    .columns
                    .iter()
                    .map(|c| Cell {
                        column: c.key,
                        value,
                        span: Some(Span::empty(label.end as usize)),
                        inferred: false,
                    })
                    .collect();
                Row { key: spec.key, label, cells }
            })
            .collect();
        Table { key: TableKey::Proactive, span: Span::new(0, 1), rows }
    }

    const T2_TEXT: &str = "规章\n行政规范性文件\n行政许可\n行政处罚\n行政强制\n行政事业性收费";

    #[test]
    fn missing_tables_reported_at_their_sections() {
        let r = report(&six(["甲", "乙", "丙", "丁", "戊", "己"]));
        assert_eq!(
            run(&r, "XG002"),
            vec![
                "XG002 3:1 第二部分中未找到表2（主动公开政府信息情况）",
                "XG002 5:1 第三部分中未找到表3（收到和处理政府信息公开申请情况）",
                "XG002 7:1 第四部分中未找到表4（行政复议、行政诉讼情况）",
            ]
        );
        // No section, no table to look for: XG101's.
        assert!(run(&report("一、总体情况\n甲\n"), "XG002").is_empty());
    }

    #[test]
    fn incomplete_tables_from_problems_and_absent_rows() {
        let mut r = report(&six(["甲", T2_TEXT, "丙", "丁", "戊", "己"]));
        let mut t = table2(&r, Some(Value::Int(0)));
        t.rows.retain(|row| row.key != "coercion");
        let label = t.rows[2].label;
        r.tables.proactive = Some(t);
        r.problems.push(ReadProblem {
            table: TableKey::Proactive,
            row: Some("licensing"),
            span: label,
            kind: ProblemKind::ExtraCells { found: 3, expected: 1 },
        });
        assert_eq!(
            run(&r, "XG003"),
            vec![
                "XG003 6:1 表2“行政许可”行有3个单元格，多于格式的1个，多出的已忽略",
                "XG003 9:1 表2“行政强制”行缺失"
            ]
        );
    }

    #[test]
    fn blank_cells_one_per_row_or_one_per_table() {
        let mut r = report(&six(["甲", T2_TEXT, "丙", "丁", "戊", "己"]));
        let mut t = table2(&r, Some(Value::Int(1)));
        t.rows[1].cells[0].value = None;
        t.rows[1].cells[2].value = None;
        r.tables.proactive = Some(t);
        assert_eq!(
            run(&r, "XG006"),
            vec!["XG006 5:8 表2“行政规范性文件”行2个单元格空白（本年制发件数、现行有效件数），按 0 计"]
        );
        r.tables.proactive = Some(table2(&r, None));
        assert_eq!(run(&r, "XG006"), vec!["XG006 1:1 表2全部单元格为空白，按 0 计"]);
    }

    /// What the family finds on the five seed reports, by file, code and line:column.
    #[test]
    fn seeds() {
        let got: Vec<String> = crate::rules::structure::testing::seed_findings(&[
            "XG001", "XG002", "XG003", "XG004", "XG005", "XG006",
        ])
        .into_iter()
        .map(|l| l.splitn(4, ' ').take(3).collect::<Vec<_>>().join(" "))
        .collect();
        // 002 and 004 drop blank cells, 003 glues digits (its （四）1 row cannot be read consistently) and
        // holds the whole report twice.
        assert_eq!(
            got,
            vec![
                "002 XG004 125:1",
                "003 XG004 32:3",
                "003 XG004 33:8",
                "003 XG004 50:17",
                "003 XG004 62:22",
                "003 XG004 81:1",
                "003 XG005 102:1",
                "004 XG004 130:1",
            ]
        );
    }
}
