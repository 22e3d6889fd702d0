//! Reading a table's cells when the text does not delimit them: glued digits ("12070100128")
//! and dropped blank cells, solved over the whole table with the template's identities
//! (MODEL.md §2–3) as constraints.
//!
//! The recogniser hands one [`RowInput`] per row found (its value tokens as printed);
//! [`solve_table`] returns one [`RowResult`] per input, in the same order.
use xxgk_model::{InferenceKind, InferenceStatus, ProblemKind, Span, TableKey, Value};

/// One value token as printed: a run of digits (maybe with a decimal point) or a blank marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token folded to ASCII (full-width digits → ASCII); a blank marker is kept as written.
    pub text: String,
    /// Where the token is in the report text.
    pub span: Span,
    /// For each char of `text`, its byte offset in the report text (for the spans of split cells).
    pub offsets: Vec<u32>,
    /// Whether it is a blank marker ("/", "—", "-", "无").
    pub blank: bool,
}

/// A row's printed values.
#[derive(Debug, Clone, PartialEq)]
pub struct RowInput {
    /// Row key (`new`; for table 4, the group key).
    pub key: &'static str,
    /// Cells the template has in this row.
    pub columns: usize,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// Whether the tokens were separated by line breaks, pipes or table cells (so a token is a
    /// cell and blank cells were dropped), rather than printed in one run where digits of
    /// neighbouring cells may have run together.
    pub separated: bool,
}

/// One reading of a row: a value and a span per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Values, one per column.
    pub values: Vec<Option<Value>>,
    /// Spans, one per column (`None` for a cell not in the text).
    pub spans: Vec<Option<Span>>,
    /// `None` when read as printed (one token per column), else how it was inferred.
    pub inferred: Option<InferenceKind>,
}

/// The solver's answer for one row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowResult {
    /// The reading the table carries.
    pub reading: Reading,
    /// For an inferred reading, how sure it is.
    pub status: Option<InferenceStatus>,
    /// Other readings that fit as well.
    pub alternatives: Vec<Vec<Option<Value>>>,
    /// What could not be read (too many or too few cells, a non-number).
    pub problem: Option<ProblemKind>,
}

/// Parse a token's text as a value (`None` for a blank marker or a non-number).
pub fn parse_value(text: &str) -> Option<Value> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(Value::Int(i));
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite()).map(Value::Dec)
}

/// Read every row of one table.
pub fn solve_table(_table: TableKey, rows: &[RowInput]) -> Vec<RowResult> {
    rows.iter().map(read_as_printed).collect()
}

fn read_as_printed(row: &RowInput) -> RowResult {
    let mut values = vec![None; row.columns];
    let mut spans = vec![None; row.columns];
    for (i, t) in row.tokens.iter().take(row.columns).enumerate() {
        values[i] = if t.blank { None } else { parse_value(&t.text) };
        spans[i] = Some(t.span);
    }
    let problem = match row.tokens.len() {
        n if n < row.columns => Some(ProblemKind::MissingCells { found: n, expected: row.columns }),
        n if n > row.columns => Some(ProblemKind::ExtraCells { found: n, expected: row.columns }),
        _ => None,
    };
    RowResult {
        reading: Reading { values, spans, inferred: None },
        status: None,
        alternatives: Vec::new(),
        problem,
    }
}
