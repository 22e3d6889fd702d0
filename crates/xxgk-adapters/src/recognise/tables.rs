//! Tables 2–4 from the text: labels found in template order, the value text between them cut
//! into tokens, and the tokens read into cells by the solver over the whole table.
use super::fold::{fold_char, Folded};
use super::labels::{self, Label};
use super::template2019;
use crate::solver::{self, RowInput, RowResult, Token};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{
    Cell, Inference, ProblemKind, ReadProblem, Report, Row, Span, Table, TableKey, T4_COLUMNS, T4_GROUPS,
};

/// A label found: its row (or group) and its span in the original text.
pub(super) struct Found {
    pub row: Option<&'static str>,
    pub span: Span,
}

fn compile(labels: &[Label]) -> Vec<Regex> {
    labels.iter().map(|l| Regex::new(l.pattern).unwrap()).collect()
}

static T3_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(labels::T3));
static T2_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(labels::T2));
static T4_ROWS_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(labels::T4_ROWS));
static TOTAL_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new("总计").unwrap());

/// Compile the table label patterns now (see [`super::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&T2_RE);
    LazyLock::force(&T3_RE);
    LazyLock::force(&T4_ROWS_RE);
    LazyLock::force(&TOTAL_RE);
}

/// Find the labels in order within `region` (original offsets).
fn find_labels(text: &str, folded: &Folded, labels: &[Label], res: &[Regex], region: Span) -> Vec<Found> {
    let start = folded.folded_at(region.start as usize);
    let end = folded.folded_at(region.end as usize);
    let hay = &folded.text[..end];
    let mut cursor = start;
    let mut out = Vec::new();
    for (label, re) in labels.iter().zip(res) {
        let Some(m) = re.find_at(hay, cursor) else { continue };
        let p = labels::prefix_len(&hay[cursor..m.start()]);
        let s = folded.orig(m.start() - p);
        let e = folded.orig_end(m.end(), text);
        out.push(Found { row: label.row, span: Span::new(s, e) });
        cursor = m.end();
    }
    out
}

fn is_value_char(c: char) -> bool {
    let f = fold_char(c);
    f.is_ascii_digit() || matches!(f, '.' | '/' | '-' | '|') || c.is_whitespace() || "—–―－无".contains(c)
}

/// Cut the value text in `span` into tokens; stops at the first char that is not part of a value.
/// Returns the tokens and whether they were separated by line breaks or pipes.
///
/// A cell left empty in a table row written on one line with ` | ` between cells (as the HTML,
/// Markdown and DOCX adapters write table rows: `（一）予以公开 | 1 | 0 |  | 0`, or a last cell
/// ` | ` at the line's end) is a blank cell in its column, not a dropped one, when counting it
/// gives exactly `columns` cells: the row is then read as printed.
fn tokens_for(text: &str, span: Span, columns: usize) -> (Vec<Token>, bool, usize) {
    let (mut toks, separated, end) = tokens(text, span);
    if toks.len() >= columns || toks.is_empty() {
        return (toks, separated, end);
    }
    let empties = empty_cells(text, span, toks[0].span.start as usize);
    if toks.len() + empties.len() != columns {
        return (toks, separated, end);
    }
    for &(before, at) in empties.iter().rev() {
        let blank = Token { text: String::new(), span: Span::empty(at), offsets: Vec::new(), blank: true };
        toks.insert(before.min(toks.len()), blank);
    }
    (toks, separated, end)
}

/// The empty cells of a one-line ` | `-separated row in `span` whose first value is at `first`:
/// for each, how many values come before it and where it is. None when the values run over
/// several lines (one cell per line, as some scraped texts pad cells with `|`).
fn empty_cells(text: &str, span: Span, first: usize) -> Vec<(usize, usize)> {
    let s = &text[span.range()];
    let line_end = s.find('\n').map_or(span.end as usize, |i| span.start as usize + i);
    if first > line_end {
        return Vec::new();
    }
    let line = &text[span.start as usize..line_end];
    // Only a row that has pipes between cells, and nothing after it on its line but values.
    if !line.contains('|') || !line.chars().all(is_value_char) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // `open`: a separator seen and no value since; `in_value`: inside a run of value chars.
    let (mut values, mut in_value, mut open) = (0usize, false, false);
    for (i, c) in line.char_indices() {
        if fold_char(c) == '|' {
            if open {
                out.push((values, span.start as usize + i));
            }
            (open, in_value) = (true, false);
        } else if c.is_whitespace() {
            in_value = false;
        } else {
            if !in_value {
                values += 1;
            }
            (open, in_value) = (false, true);
        }
    }
    // A separator with nothing after it: the last cell is empty.
    if open {
        out.push((values, line_end));
    }
    out
}

fn tokens(text: &str, span: Span) -> (Vec<Token>, bool, usize) {
    let s = &text[span.range()];
    let mut out: Vec<Token> = Vec::new();
    let mut separated = false;
    let mut cur: Option<Token> = None;
    let mut gap_has_break = false;
    let mut end = span.start as usize;
    let flush = |cur: &mut Option<Token>, out: &mut Vec<Token>| {
        if let Some(t) = cur.take() {
            out.push(t);
        }
    };
    for (i, c) in s.char_indices() {
        if !is_value_char(c) {
            break;
        }
        let at = span.start as usize + i;
        let f = fold_char(c);
        if c.is_whitespace() || f == '|' {
            flush(&mut cur, &mut out);
            if c == '\n' || f == '|' {
                gap_has_break = true;
            }
            continue;
        }
        let blank = !(f.is_ascii_digit() || f == '.');
        // A blank marker and a digit never share a token.
        if let Some(t) = &cur {
            if t.blank != blank || (blank && f != '-' && f != '—') {
                flush(&mut cur, &mut out);
            }
        }
        if cur.is_none() && !out.is_empty() && gap_has_break {
            separated = true;
        }
        if cur.is_none() {
            gap_has_break = false;
        }
        let t = cur.get_or_insert_with(|| Token {
            text: String::new(),
            span: Span::empty(at),
            offsets: Vec::new(),
            blank,
        });
        t.text.push(if blank { c } else { f });
        t.offsets.push(at as u32);
        t.span.end = (at + c.len_utf8()) as u32;
        end = t.span.end as usize;
    }
    flush(&mut cur, &mut out);
    // A trailing "." belongs to the next label's numbering ("0000000" + "2.").
    for t in &mut out {
        if !t.blank && t.text.ends_with('.') {
            t.text.pop();
            t.offsets.pop();
            t.span.end -= 1;
        }
    }
    out.retain(|t| !t.text.is_empty());
    (out, separated, end)
}

/// The value text of each found row: from its label to the next label (or the region's end).
fn row_inputs(text: &str, found: &[Found], region_end: usize, table: TableKey) -> Vec<(RowInput, Span)> {
    let mut out = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let Some(key) = f.row else { continue };
        let next = found.get(i + 1).map_or(region_end, |n| n.span.start as usize);
        let value_span = Span::new(f.span.end as usize, next.max(f.span.end as usize));
        let columns = table.row(key).map_or(0, |r| r.columns.len());
        let (toks, separated, _) = tokens_for(text, value_span, columns);
        out.push((RowInput { key, columns, tokens: toks, separated }, f.span));
    }
    out
}

fn build_rows(
    report: &mut Report,
    table: TableKey,
    inputs: &[(RowInput, Span)],
    results: &[RowResult],
) -> Vec<Row> {
    let mut rows = Vec::new();
    for ((input, label), result) in inputs.iter().zip(results) {
        let Some(spec) = table.row(input.key) else { continue };
        rows.push(row_from(spec.key, spec.columns.iter().map(|c| c.key), *label, result));
        note(report, table, input, result);
    }
    rows
}

fn row_from(
    key: &'static str,
    columns: impl Iterator<Item = &'static str>,
    label: Span,
    r: &RowResult,
) -> Row {
    let cells = columns
        .enumerate()
        .map(|(i, column)| Cell {
            column,
            value: r.reading.values.get(i).copied().flatten(),
            span: r.reading.spans.get(i).copied().flatten(),
            inferred: r.reading.inferred.is_some(),
        })
        .collect();
    Row { key, label, cells }
}

/// Table 4's fifteen values are read as one run: record an inference per group.
fn note_appeals(report: &mut Report, input: &RowInput, r: &RowResult, rows: &[Row]) {
    let text_span = input.tokens.iter().map(|t| t.span).reduce(Span::cover).unwrap_or_default();
    if let (Some(kind), Some(status)) = (r.reading.inferred, r.status) {
        for (g, row) in rows.iter().enumerate() {
            let span = row.cells.iter().filter_map(|c| c.span).reduce(Span::cover).unwrap_or(text_span);
            report.inferences.push(Inference {
                table: TableKey::Appeals,
                row: row.key,
                span,
                text: report.text[span.range()].to_string(),
                status,
                kind,
                alternatives: r
                    .alternatives
                    .iter()
                    .filter_map(|a| a.get(g * 5..g * 5 + 5).map(<[_]>::to_vec))
                    .filter(|a| {
                        a.as_slice() != &r.reading.values[g * 5..(g * 5 + 5).min(r.reading.values.len())]
                    })
                    .collect(),
            });
        }
    }
    if let Some(kind) = &r.problem {
        report.problems.push(ReadProblem {
            table: TableKey::Appeals,
            row: None,
            span: text_span,
            kind: kind.clone(),
        });
    }
}

/// Record the inference and the reading problem of a row, if any.
fn note(report: &mut Report, table: TableKey, input: &RowInput, r: &RowResult) {
    let text_span = input.tokens.iter().map(|t| t.span).reduce(Span::cover);
    if let (Some(kind), Some(status), Some(span)) = (r.reading.inferred, r.status, text_span) {
        report.inferences.push(Inference {
            table,
            row: input.key,
            span,
            text: report.text[span.range()].to_string(),
            status,
            kind,
            alternatives: r.alternatives.clone(),
        });
    }
    if let Some(kind) = &r.problem {
        let span = text_span.unwrap_or_default();
        report.problems.push(ReadProblem { table, row: Some(input.key), span, kind: kind.clone() });
    }
}

fn missing_rows(report: &mut Report, table: &Table) {
    for spec in table.key.rows() {
        if table.row(spec.key).is_none() {
            report.problems.push(ReadProblem {
                table: table.key,
                row: Some(spec.key),
                span: table.span,
                kind: ProblemKind::MissingRow,
            });
        }
    }
}

fn table_span(found: &[Found], rows: &[Row]) -> Span {
    let first = found.first().map_or(Span::default(), |f| f.span);
    rows.iter().map(Row::values_span).fold(first, Span::cover)
}

/// Tables 2 and 3: labelled rows.
pub fn labelled_table(report: &mut Report, folded: &Folded, table: TableKey, region: Span) -> Option<Table> {
    let (labels, res): (&[Label], &[Regex]) = match table {
        TableKey::Proactive => (labels::T2, &T2_RE),
        TableKey::Requests => (labels::T3, &T3_RE),
        TableKey::Appeals => (labels::T4_ROWS, &T4_ROWS_RE),
    };
    let text = std::mem::take(&mut report.text);
    let mut found = find_labels(&text, folded, labels, res, region);
    if table == TableKey::Requests {
        report.outdated_template.extend(template2019::one_row_other(&text, &mut found));
    }
    // Table 4 by rows only under its column header, with every group found: never from prose.
    if table == TableKey::Appeals {
        let header =
            text.get(region.range()).and_then(|r| r.find("结果维持")).map(|i| region.start as usize + i);
        let rows = found.iter().filter(|f| f.row.is_some()).count();
        let first = found.iter().find(|f| f.row.is_some()).map(|f| f.span.start as usize);
        if rows != 3 || !matches!((header, first), (Some(h), Some(f)) if h < f) {
            report.text = text;
            return None;
        }
    }
    let mut inputs = row_inputs(&text, &found, region.end as usize, table);
    let layouts = match table {
        TableKey::Proactive => template2019::proactive(&text, &found, &mut inputs),
        _ => Vec::new(),
    };
    report.text = text;
    if inputs.is_empty() {
        return None;
    }
    let plain: Vec<RowInput> = inputs.iter().map(|(i, _)| i.clone()).collect();
    let mut results = solver::solve_table(table, &plain);
    super::narrative::prefer_stated(&report.text, &plain, &mut results);
    let mut rows = build_rows(report, table, &inputs, &results);
    // A 2019 column with no counterpart in the model is left out, not blank.
    for (row, layout) in rows.iter_mut().zip(&layouts) {
        if let Some(layout) = layout {
            row.cells.retain(|c| layout.mapped().contains(&c.column));
        }
    }
    let t = Table { key: table, span: table_span(&found, &rows), rows };
    missing_rows(report, &t);
    Some(t)
}

/// Table 4: the header, then fifteen values (three groups of five) in one run.
pub fn appeals_table(report: &mut Report, folded: &Folded, region: Span) -> Option<Table> {
    let start = folded.folded_at(region.start as usize);
    let end = folded.folded_at(region.end as usize);
    let text = &report.text;
    let mut header_start = None;
    for m in TOTAL_RE.find_iter(&folded.text[start..end]) {
        let total_end = folded.orig_end(start + m.end(), text);
        // The header's 行政复议 comes before its 总计 (#8: one after it made the span inside out).
        let first =
            folded.text[start..start + m.start()].find("行政复议").map_or(start + m.start(), |i| start + i);
        header_start.get_or_insert(folded.orig(first));
        let (toks, separated, _) = tokens_for(text, Span::new(total_end, region.end as usize), 15);
        if toks.is_empty() {
            continue;
        }
        let header = Span::new(header_start.unwrap_or(total_end), total_end);
        let input = RowInput { key: "appeals_all", columns: 15, tokens: toks, separated };
        let result = solver::solve_table(TableKey::Appeals, std::slice::from_ref(&input)).pop()?;
        let mut rows = Vec::new();
        for (g, spec) in T4_GROUPS.iter().enumerate() {
            let r = RowResult {
                reading: solver::Reading {
                    values: group_part(&result.reading.values, g),
                    spans: group_part(&result.reading.spans, g),
                    inferred: result.reading.inferred,
                },
                status: result.status,
                alternatives: Vec::new(),
                problem: None,
            };
            rows.push(row_from(spec.key, T4_COLUMNS.iter().map(|c| c.key), header, &r));
        }
        note_appeals(report, &input, &result, &rows);
        let span = rows.iter().map(Row::values_span).fold(header, Span::cover);
        return Some(Table { key: TableKey::Appeals, span, rows });
    }
    None
}

fn group_part<T: Clone>(v: &[T], g: usize) -> Vec<T> {
    v.get(g * 5..g * 5 + 5).map(<[T]>::to_vec).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str, columns: usize) -> Vec<String> {
        let (toks, _, _) = tokens_for(line, Span::new(0, line.len()), columns);
        toks.iter()
            .map(|t| if t.blank && t.text.is_empty() { "·".to_string() } else { t.text.clone() })
            .collect()
    }

    #[test]
    fn an_empty_cell_between_separators_is_blank_in_its_column() {
        assert_eq!(cells(" | 1 | 0 | 0 | 0 | 0 | 0 | \n", 7), ["1", "0", "0", "0", "0", "0", "·"]);
        assert_eq!(cells(" |  | 2 | 0 | 0 | 0 | 0 | 2\n", 7), ["·", "2", "0", "0", "0", "0", "2"]);
        assert_eq!(cells(" | 1 | | | 0 | 0 | 0 | 1", 7), ["1", "·", "·", "0", "0", "0", "1"]);
    }

    #[test]
    fn pipes_that_do_not_make_the_count_are_left_to_the_solver() {
        // Dropped cells (no separator for them): the solver places the values.
        assert_eq!(cells(" | 2 | 2\n", 7), ["2", "2"]);
        // One cell per line, each padded with `|` (a scraped layout): not one row on one line.
        assert_eq!(cells(" |\n0 |\n||\n", 1), ["0"]);
        assert_eq!(cells("0 |\n||\n", 1), ["0"]);
    }

    #[test]
    fn a_markdown_row_with_an_empty_total_reads_the_total_as_blank() {
        let md = "# 某局2023年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n\
                  | 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n\
                  |---|---|---|---|---|---|---|---|\n\
                  | 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 |  |\n";
        let r = crate::read("a.md", md.as_bytes(), &Default::default()).unwrap();
        let row = r.tables.requests.as_ref().and_then(|t| t.row("new")).expect("row read");
        let values: Vec<String> =
            row.cells.iter().map(|c| c.value.map_or("-".to_string(), |v| v.to_string())).collect();
        assert_eq!(values, ["1", "0", "0", "0", "0", "0", "-"]);
        assert!(r.inferences.iter().all(|i| i.row != "new"), "{:?}", r.inferences);
    }
}
