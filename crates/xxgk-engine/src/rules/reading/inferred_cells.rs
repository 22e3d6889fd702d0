//! XG004 inferred-cells: a row's values had to be inferred (glued digits split, dropped cells placed).
use crate::rules::grouped;
use crate::rules::reading::table_incomplete::row_label;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Inference, InferenceKind, InferenceStatus, Report, Span, TableKey, Value};

declare_rule! {
    /// ## 检查内容
    /// 表格某行的数值是否只能靠推断读出：数字粘连在一起（如“12070100128”），或空白单元格被省略、
    /// 剩下的数值需要重新定位到各列。报告说明推断方式、原文和把握程度：唯一读法、多种读法
    /// （列出其他读法），或任何读法都无法使表格自洽。同一张表中以同样方式唯一读出的行超过3行时，
    /// 合并为一条（标出各行）；印在同一行里的几组数值（如表4的行政复议和两类行政诉讼）唯一读出时
    /// 也合为一条；多种读法和无法自洽的行逐行报告。
    /// ## 为什么
    /// 推断出的数值可能与机关本意不同；读者和审核人需要知道哪些数是推断的。
    /// 已发布的表格本身前后矛盾时，勾稽关系规则（XG201–XG204）会报告不平衡的合计。
    /// ## 依据
    /// 国办公开办函〔2021〕30号格式表3的勾稽关系：第一项加第二项之和，等于第三项加第四项之和。
    /// ## 示例
    /// ```text
    /// 一、本年新收政府信息公开申请数量12070100128
    /// ```
    /// 唯一满足勾稽关系的读法为 120/7/0/1/0/0/128。
    /// ## 修复
    /// 发布时让每个单元格单独成格（网页表格或带分隔的文字），空白单元格填 0。
    /// ## English
    /// Fires when a row's values had to be inferred: digits glued together ("12070100128"), or
    /// blank cells dropped so the remaining values had to be placed. The message says how, quotes
    /// the text, and says how sure the reading is: unique, ambiguous (listing the other readings),
    /// or inconsistent (no reading makes the published row agree with the identities). More than
    /// three unique readings of one kind in a table make one diagnostic with the rows as labels, and so
    /// do groups of values printed on one line (table 4's review and lawsuit groups). Fix:
    /// publish each cell separately and write 0 in empty cells.
    pub INFERRED_CELLS = { code: "XG004", name: "inferred-cells", severity: Warning, since: "0.1.0" }
}

/// XG004.
pub(crate) struct InferredCells;

fn reading(values: &[Option<Value>]) -> String {
    values.iter().map(|v| v.map_or_else(|| "空".to_string(), |v| v.to_string())).collect::<Vec<_>>().join("/")
}

fn reading_en(values: &[Option<Value>]) -> String {
    values
        .iter()
        .map(|v| v.map_or_else(|| "blank".to_string(), |v| v.to_string()))
        .collect::<Vec<_>>()
        .join("/")
}

/// How a row's values came to need inferring, in Chinese and in English.
fn how(kind: InferenceKind) -> (&'static str, &'static str) {
    match kind {
        InferenceKind::Glued => ("数字粘连", "digits glued together"),
        InferenceKind::Sparse => ("空白单元格被省略", "blank cells dropped"),
    }
}

/// The cells' text on one line: extraction may have put each on its own.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The reading the table carries for an inferred row.
fn chosen(report: &Report, inf: &Inference) -> Vec<Option<Value>> {
    report
        .tables
        .get(inf.table)
        .and_then(|t| t.row(inf.row))
        .map(|r| r.cells.iter().map(|c| c.value).collect())
        .unwrap_or_default()
}

fn message(report: &Report, inf: &Inference) -> Text {
    let n = inf.table.number();
    let (zh, en) = row_label(inf.table, inf.row);
    let chosen = chosen(report, inf);
    let (how, how_en) = how(inf.kind);
    let text = one_line(&inf.text);
    let text = text.as_str();
    let (r, r_en) = (reading(&chosen), reading_en(&chosen));
    match inf.status {
        InferenceStatus::Unique => Text::new(
            format!("表{n}“{zh}”行{how}（“{text}”），按勾稽关系唯一读作 {r}"),
            format!("Table {n} row “{en}”: {how_en} (“{text}”), read as {r_en}, the only reading that fits the identities"),
        ),
        InferenceStatus::Ambiguous => {
            let alts: Vec<String> = inf.alternatives.iter().map(|a| reading(a)).collect();
            let alts_en: Vec<String> = inf.alternatives.iter().map(|a| reading_en(a)).collect();
            Text::new(
                format!("表{n}“{zh}”行{how}（“{text}”），有多种读法符合勾稽关系：采用 {r}，另有 {}", alts.join("；")),
                format!(
                    "Table {n} row “{en}”: {how_en} (“{text}”), several readings fit the identities: read as {r_en}; also {}",
                    alts_en.join("; ")
                ),
            )
        }
        InferenceStatus::Inconsistent => Text::new(
            format!("表{n}“{zh}”行{how}（“{text}”），任何读法都不能使已发布的表格自洽，暂按原数字读作 {r}"),
            format!("Table {n} row “{en}”: {how_en} (“{text}”); the published row cannot be read consistently, read as printed: {r_en}"),
        ),
    }
}

/// Labels shown on a grouped diagnostic.
const MAX_LABELS: usize = 8;

fn help() -> Text {
    Text::new(
        "发布时每个单元格单独成格，空白单元格填 0",
        "Publish each cell separately and write 0 in empty cells",
    )
}

/// The inferences in order, those read uniquely of one printed line (same table and kind,
/// nothing but spaces between them) run together.
fn same_line_runs(report: &Report) -> Vec<Vec<&Inference>> {
    let mut runs: Vec<Vec<&Inference>> = Vec::new();
    for inf in &report.inferences {
        if let Some(last) = runs.last_mut().and_then(|run| run.last().copied().map(|l| (l, run))) {
            let (prev, run) = last;
            let between = report.text.get(prev.span.end as usize..inf.span.start as usize);
            let joined = inf.status == InferenceStatus::Unique
                && prev.status == InferenceStatus::Unique
                && (prev.table, prev.kind) == (inf.table, inf.kind)
                && between.is_some_and(|b| b.chars().all(|c| c == ' ' || c == '\t' || c == '|'));
            if joined {
                run.push(inf);
                continue;
            }
        }
        runs.push(vec![inf]);
    }
    runs
}

/// One finding for the rows read out of one printed line.
fn one_line_finding(report: &Report, run: &[&Inference]) -> Diagnostic {
    let (first, last) = (run[0], run[run.len() - 1]);
    let n = first.table.number();
    let span = Span::new(first.span.start as usize, last.span.end as usize);
    let text = one_line(report.slice(span));
    let (how, how_en) = how(first.kind);
    let parts: Vec<(String, String)> = run
        .iter()
        .map(|inf| {
            let (zh, en) = row_label(inf.table, inf.row);
            let c = chosen(report, inf);
            (format!("“{zh}” {}", reading(&c)), format!("“{en}” {}", reading_en(&c)))
        })
        .collect();
    let zh: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    let en: Vec<&str> = parts.iter().map(|p| p.1.as_str()).collect();
    let mut d = Diagnostic::new(
        &INFERRED_CELLS,
        span,
        Text::new(
            format!("表{n}一行中{}组数值{how}（“{text}”），按勾稽关系唯一读作 {}", run.len(), zh.join("；")),
            format!(
                "Table {n}: {} groups of values on one line, {how_en} (“{text}”), read as {}, the only reading that fits the identities",
                run.len(),
                en.join("; ")
            ),
        ),
    )
    .with_help(help());
    for (inf, (zh, en)) in run.iter().zip(&parts) {
        d = d.with_label(inf.span, Text::new(zh.clone(), en.clone()));
    }
    d
}

impl Rule for InferredCells {
    fn meta(&self) -> &'static RuleMeta {
        &INFERRED_CELLS
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let mut groups: Vec<((TableKey, InferenceKind), Vec<&Inference>)> = Vec::new();
        for run in same_line_runs(report) {
            let inf = run[0];
            // Ambiguous and inconsistent readings each need a look; unique ones may be many.
            if inf.status != InferenceStatus::Unique {
                cx.report(Diagnostic::new(&INFERRED_CELLS, inf.span, message(report, inf)).with_help(help()));
                continue;
            }
            // Several rows read out of one printed line (table 4's groups): one finding.
            if run.len() > 1 {
                cx.report(one_line_finding(report, &run));
                continue;
            }
            let key = (inf.table, inf.kind);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(inf),
                None => groups.push((key, vec![inf])),
            }
        }
        for ((table, kind), list) in groups {
            grouped::report(
                cx,
                list,
                MAX_LABELS,
                |inf| Diagnostic::new(&INFERRED_CELLS, inf.span, message(report, inf)).with_help(help()),
                |first, k| {
                    let n = table.number();
                    let (zh, en) = row_label(table, first.row);
                    let ((how, how_en), text, c) = (how(kind), one_line(&first.text), chosen(report, first));
                    let (r, r_en) = (reading(&c), reading_en(&c));
                    Diagnostic::new(
                        &INFERRED_CELLS,
                        first.span,
                        Text::new(
                            format!("表{n}有{k}行{how}，均按勾稽关系唯一读出（如“{zh}”行“{text}”读作 {r}）"),
                            format!("{k} rows of table {n}: {how_en}, each read the only way the identities allow (e.g. row “{en}”: “{text}” read as {r_en})"),
                        ),
                    )
                    .with_help(help())
                },
                |inf| {
                    let (zh, en) = row_label(table, inf.row);
                    let c = chosen(report, inf);
                    let t = one_line(&inf.text);
                    let label = Text::new(
                        format!("“{zh}”行“{t}”读作 {}", reading(&c)),
                        format!("row “{en}”: “{t}” read as {}", reading_en(&c)),
                    );
                    (inf.span, label)
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Cell, Row, Table, T3_COLUMNS};

    fn report_with(status: InferenceStatus, alternatives: Vec<Vec<Option<Value>>>) -> Report {
        let text = "一、本年新收政府信息公开申请数量1207010128\n".to_string();
        let values = [120, 7, 0, 1, 0, 0, 128];
        let cells = T3_COLUMNS
            .iter()
            .zip(values)
            .map(|(c, v)| Cell { column: c.key, value: Some(Value::Int(v)), span: None, inferred: true })
            .collect();
        let span = Span::new(48, 58);
        let row = Row { key: "new", label: Span::new(0, 48), cells };
        let mut report = Report { text, ..Report::default() };
        report.tables.requests =
            Some(Table { key: TableKey::Requests, span: Span::new(0, 58), rows: vec![row] });
        report.inferences.push(Inference {
            table: TableKey::Requests,
            row: "new",
            span,
            text: "1207010128".into(),
            status,
            kind: InferenceKind::Glued,
            alternatives,
        });
        report
    }

    #[test]
    fn unique_reading_is_quoted() {
        let r = report_with(InferenceStatus::Unique, vec![]);
        let m = message(&r, &r.inferences[0]);
        assert_eq!(m.zh, "表3“一、本年新收政府信息公开申请数量”行数字粘连（“1207010128”），按勾稽关系唯一读作 120/7/0/1/0/0/128");
        assert_eq!(
            m.en,
            "Table 3 row “I. new requests this year”: digits glued together (“1207010128”), read as 120/7/0/1/0/0/128, the only reading that fits the identities"
        );
    }

    #[test]
    fn ambiguous_lists_alternatives() {
        let alt = vec![Some(Value::Int(12)), Some(Value::Int(70)), None];
        let r = report_with(InferenceStatus::Ambiguous, vec![alt]);
        let m = message(&r, &r.inferences[0]);
        assert!(m.zh.ends_with("采用 120/7/0/1/0/0/128，另有 12/70/空"), "{}", m.zh);
        assert!(m.en.ends_with("read as 120/7/0/1/0/0/128; also 12/70/blank"), "{}", m.en);
    }

    #[test]
    fn inconsistent_says_so() {
        let r = report_with(InferenceStatus::Inconsistent, vec![]);
        let m = message(&r, &r.inferences[0]);
        assert!(m.zh.contains("任何读法都不能使已发布的表格自洽"), "{}", m.zh);
        assert!(m.en.contains("the published row cannot be read consistently"), "{}", m.en);
    }
}
