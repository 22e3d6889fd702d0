//! Hand-built reports for the family's unit tests: tables laid out one row a line, `label|v|v|…`.
use crate::{check, Diagnostic, Settings};
use xxgk_model::{
    Cell, Field, Inference, InferenceKind, InferenceStatus, ProblemKind, ReadProblem, Report, Row, Span,
    Table, TableKey, Value,
};

/// Builds a report's text and tables line by line.
#[derive(Default)]
pub(crate) struct Builder {
    report: Report,
}

/// Parse a cell as a reader would: blank markers are `None`; a non-number is `None` + a problem.
fn parse(text: &str) -> (Option<Value>, bool) {
    match text.trim() {
        "" | "/" | "—" | "-" | "无" => (None, true),
        t => match t.parse::<i64>() {
            Ok(i) => (Some(Value::Int(i)), true),
            Err(_) => match t.parse::<f64>() {
                Ok(d) => (Some(Value::Dec(d)), true),
                Err(_) => (None, false),
            },
        },
    }
}

impl Builder {
    /// An empty report.
    pub fn new() -> Builder {
        Builder::default()
    }
    /// Go on from a report (its text is kept; lines are appended).
    pub fn with(report: Report) -> Builder {
        Builder { report }
    }
    /// A line of plain text; returns its span.
    pub fn line(&mut self, text: &str) -> Span {
        let start = self.report.text.len();
        self.report.text.push_str(text);
        let span = Span::new(start, self.report.text.len());
        self.report.text.push('\n');
        span
    }
    /// Set the issuer, stated on a line `发布机构：name`.
    pub fn issuer(mut self, name: &str) -> Builder {
        let line = self.line(&format!("发布机构：{name}"));
        let span = Span::new(line.end as usize - name.len(), line.end as usize);
        self.report.meta.issuer = Some(Field { value: name.to_string(), span });
        self
    }
    /// Add a table: one line per row, `label|cell|cell…`; `""` is a cell absent from the text.
    /// A row keyed `#` is a plain line of text inside the table (a header), its cells joined.
    pub fn table(mut self, key: TableKey, rows: &[(&'static str, Vec<String>)]) -> Builder {
        let start = self.report.text.len();
        let mut out = Vec::new();
        for (row_key, cells) in rows {
            if *row_key == "#" {
                self.line(&cells.join("|"));
                continue;
            }
            let spec = key.row(row_key).unwrap_or_else(|| panic!("row {row_key}"));
            let line_start = self.report.text.len();
            self.report.text.push_str(spec.label);
            let label = Span::new(line_start, self.report.text.len());
            let mut row = Row { key: spec.key, label, cells: Vec::new() };
            for (i, col) in spec.columns.iter().enumerate() {
                let text = cells.get(i).map_or("", String::as_str);
                let (value, ok) = parse(text);
                self.report.text.push('|');
                let s = self.report.text.len();
                self.report.text.push_str(text);
                let span = (!text.is_empty()).then(|| Span::new(s, self.report.text.len()));
                if !ok {
                    self.report.problems.push(ReadProblem {
                        table: key,
                        row: Some(spec.key),
                        span: span.unwrap_or(label),
                        kind: ProblemKind::NotANumber { text: text.to_string() },
                    });
                }
                row.cells.push(Cell { column: col.key, value, span, inferred: false });
            }
            self.report.text.push('\n');
            out.push(row);
        }
        let span = Span::new(start, self.report.text.len());
        *self.report.tables.get_mut(key) = Some(Table { key, span, rows: out });
        self
    }
    /// Table 3 from a 25×7 array in template order.
    pub fn t3(self, values: &[[i64; 7]; 25]) -> Builder {
        let rows: Vec<_> = xxgk_model::T3_ROWS
            .iter()
            .zip(values)
            .map(|(spec, v)| (spec.key, v.iter().map(|n| n.to_string()).collect()))
            .collect();
        self.table(TableKey::Requests, &rows)
    }
    /// Table 4 from a 3×5 array.
    pub fn t4(self, values: &[[i64; 5]; 3]) -> Builder {
        let rows: Vec<_> = xxgk_model::T4_GROUPS
            .iter()
            .zip(values)
            .map(|(spec, v)| (spec.key, v.iter().map(|n| n.to_string()).collect()))
            .collect();
        self.table(TableKey::Appeals, &rows)
    }
    /// Table 3 from a 25×7 array, with some cells printed otherwise: `(row, column, text)`.
    pub fn t3_with(self, values: &[[i64; 7]; 25], printed: &[(&str, &str, &str)]) -> Builder {
        let rows: Vec<_> = xxgk_model::T3_ROWS
            .iter()
            .zip(values)
            .map(|(spec, v)| {
                let cells = spec
                    .columns
                    .iter()
                    .zip(v)
                    .map(|(col, n)| {
                        printed
                            .iter()
                            .find(|(r, c, _)| *r == spec.key && *c == col.key)
                            .map_or_else(|| n.to_string(), |(_, _, t)| t.to_string())
                    })
                    .collect();
                (spec.key, cells)
            })
            .collect();
        self.table(TableKey::Requests, &rows)
    }
    /// Mark a row as read from glued digits, with a status.
    pub fn glued(mut self, key: TableKey, row: &'static str, status: InferenceStatus) -> Builder {
        let table = self.report.tables.get_mut(key).as_mut().expect("table");
        let r = table.rows.iter_mut().find(|r| r.key == row).expect("row");
        for c in &mut r.cells {
            c.inferred = true;
        }
        let span = r.values_span();
        let text: String = self.report.slice(span).chars().filter(|c| *c != '|').collect();
        self.report.inferences.push(Inference {
            table: key,
            row,
            span,
            text,
            status,
            kind: InferenceKind::Glued,
            alternatives: Vec::new(),
        });
        self
    }
    /// Record a reading problem of a row, as the reader would.
    pub fn problem(mut self, key: TableKey, row: &'static str, kind: ProblemKind) -> Builder {
        let span =
            self.report.tables.get(key).and_then(|t| t.row(row)).map_or_else(Span::default, |r| r.label);
        self.report.problems.push(ReadProblem { table: key, row: Some(row), span, kind });
        self
    }
    /// The report.
    pub fn build(self) -> Report {
        self.report
    }
}

/// Table 2 rows from `(key, cells)` pairs.
pub(crate) fn rows(items: &[(&'static str, &[&str])]) -> Vec<(&'static str, Vec<String>)> {
    items.iter().map(|(k, cells)| (*k, cells.iter().map(|c| c.to_string()).collect())).collect()
}

/// A consistent table 3 like a city office's: 128 requests, all handled.
pub(crate) fn consistent_t3() -> [[i64; 7]; 25] {
    let mut v = [[0i64; 7]; 25];
    v[0] = [120, 7, 0, 1, 0, 0, 128]; // new
    v[2] = [2, 0, 0, 0, 0, 0, 2]; // granted
    v[7] = [1, 0, 0, 0, 0, 0, 1]; // denied_third_party
    v[12] = [117, 7, 0, 1, 0, 0, 125]; // unable_not_held
    v[23] = [120, 7, 0, 1, 0, 0, 128]; // outcome_total
    v
}

/// Run only the rule `code` on `report`.
pub(crate) fn run(report: &Report, code: &str) -> Vec<Diagnostic> {
    check(report, &Settings { select: vec![code.to_string()], ..Settings::national() })
}

/// Run `code` and render as the fixture snapshots do.
pub(crate) fn rendered(report: &Report, code: &str) -> String {
    crate::test::render(report, &run(report, code))
}
