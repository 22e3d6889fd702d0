//! Family XG5 (文字与表格): counts stated in the text checked against tables 3 and 4 (RULES.md).
use crate::Rule;
use xxgk_model::{InferenceStatus, Report, Span, TableKey};

mod narrative_appeals;
mod narrative_percent;
mod narrative_requests;

pub(crate) use narrative_appeals::NarrativeAppeals;
pub(crate) use narrative_percent::NarrativePercent;
pub(crate) use narrative_requests::NarrativeRequests;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &NarrativeRequests, // XG501
    &NarrativeAppeals,  // XG502
    &NarrativePercent,  // XG503
];

/// Whether `c` ends a sentence.
fn sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n')
}

/// The sentences of the report's prose, as (start offset, text), leaving out the tables.
pub(crate) fn sentences(report: &Report) -> Vec<(usize, &str)> {
    let text = &report.text;
    let tables: Vec<Span> = [&report.tables.proactive, &report.tables.requests, &report.tables.appeals]
        .into_iter()
        .flatten()
        .map(|t| t.span)
        .collect();
    let mut out = Vec::new();
    let mut start = 0;
    let ends = text.char_indices().filter(|(_, c)| sentence_end(*c)).map(|(i, c)| (i, c.len_utf8()));
    for (i, len) in ends.chain([(text.len(), 0)]) {
        let span = Span::new(start, i);
        if !span.is_empty() && !tables.iter().any(|t| t.start < span.end && span.start < t.end) {
            out.push((start, &text[start..i]));
        }
        start = i + len;
    }
    out
}

/// Whether a table row's 总计 is unreliable: inferred with no unique reading of it (XG004: an
/// inconsistent row, or readings that differ in the total), or the row not read as the template
/// says (XG003, XG205). The text is then no fair witness against it. Readings that differ only
/// in how the total splits among the columns leave the total itself known.
pub(crate) fn unreliable(report: &Report, table: TableKey, row: &str) -> bool {
    let chosen = report.tables.get(table).and_then(|t| t.cell(row, "total")).and_then(|c| c.value);
    let doubtful = |i: &xxgk_model::Inference| match i.status {
        InferenceStatus::Unique => false,
        InferenceStatus::Inconsistent => true,
        InferenceStatus::Ambiguous => {
            i.alternatives.iter().any(|alt| alt.last().copied().flatten() != chosen)
        }
    };
    report.inferences.iter().any(|i| i.table == table && i.row == row && doubtful(i))
        || report.problems.iter().any(|p| p.table == table && p.row == Some(row))
}

/// A count as written, parsed; `None` when it does not fit.
pub(crate) fn count(digits: &str) -> Option<i64> {
    digits.parse().ok()
}

/// Compile the family's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    narrative_appeals::prepare();
    narrative_percent::prepare();
    narrative_requests::prepare();
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-built reports with tables 3 and 4 for the rules' unit tests.
    use xxgk_model::{Cell, Report, Row, Span, Table, TableKey, Value, T3_COLUMNS, T4_COLUMNS};

    /// A row whose `total` (the last column) is `total`, with its cell at `span`.
    fn row(key: &'static str, columns: &'static [xxgk_model::ColumnSpec], total: i64, span: Span) -> Row {
        let cells = columns
            .iter()
            .map(|c| Cell {
                column: c.key,
                value: Some(Value::Int(if c.key == "total" { total } else { 0 })),
                span: (c.key == "total").then_some(span),
                inferred: false,
            })
            .collect();
        Row { key, label: span, cells }
    }

    /// A report of `prose` followed by a table 3 (new, carried over, outcome total) and a
    /// table 4 (review, litigation direct, after review) whose totals are given.
    pub(crate) fn report(prose: &str, t3: [i64; 3], t4: [i64; 3]) -> Report {
        let mut text = format!("{prose}\n");
        let t3_start = text.len();
        let mut rows3 = Vec::new();
        for (key, n) in ["new", "carried_over", "outcome_total"].into_iter().zip(t3) {
            let at = text.len();
            text.push_str(&format!("{n}\n"));
            rows3.push(row(key, &T3_COLUMNS, n, Span::new(at, at + n.to_string().len())));
        }
        let t3_end = text.len();
        let mut rows4 = Vec::new();
        for (key, n) in ["review", "litigation_direct", "litigation_after_review"].into_iter().zip(t4) {
            let at = text.len();
            text.push_str(&format!("{n}\n"));
            rows4.push(row(key, &T4_COLUMNS, n, Span::new(at, at + n.to_string().len())));
        }
        let t4_end = text.len();
        let mut r = Report { text, ..Default::default() };
        r.tables.requests =
            Some(Table { key: TableKey::Requests, span: Span::new(t3_start, t3_end), rows: rows3 });
        r.tables.appeals =
            Some(Table { key: TableKey::Appeals, span: Span::new(t3_end, t4_end), rows: rows4 });
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        insta::glob!("fixtures/*", |p| insta::assert_snapshot!(crate::test::check_and_render(p)));
    }

    #[test]
    fn sentences_skip_tables() {
        let r = testing::report("一句。二句；三句", [1, 0, 1], [0, 0, 0]);
        let s: Vec<&str> = sentences(&r).into_iter().map(|(_, s)| s).collect();
        assert_eq!(s, ["一句", "二句", "三句"]);
    }
}
