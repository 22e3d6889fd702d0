//! Tables 2–4 as read: rows of cells, each with its value, its source span and whether it was inferred.
use crate::schema::{RowSpec, TableKey};
use crate::span::Span;
use serde::{Serialize, Serializer};

/// A cell value: a count, or a decimal (table 2's `amount_wan`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// An integer as written. Counts must be non-negative (XG205 checks).
    Int(i64),
    /// A decimal as written (`0.35`), or a count written with a fraction.
    Dec(f64),
}

impl Value {
    /// The value for arithmetic.
    pub fn as_f64(self) -> f64 {
        match self {
            Value::Int(i) => i as f64,
            Value::Dec(d) => d,
        }
    }
    /// The value as an integer, when it is one.
    pub fn as_int(self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(i),
            Value::Dec(d) if d.fract() == 0.0 && d.abs() < 9e15 => Some(d as i64),
            Value::Dec(_) => None,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Dec(d) => write!(f, "{d}"),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Int(i) => s.serialize_i64(i),
            // A whole decimal prints as an integer (`0`, not `0.0`), as MODEL.md's example does.
            Value::Dec(d) if d.fract() == 0.0 && d.abs() < 9e15 => s.serialize_i64(d as i64),
            Value::Dec(d) => s.serialize_f64(d),
        }
    }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Column key (`natural_person`).
    pub column: &'static str,
    /// The value, `None` for a blank cell ("", "/", "—", "-", "无"); arithmetic counts it as 0.
    pub value: Option<Value>,
    /// Where the cell's text is; `None` when the cell is absent from the text (a dropped blank).
    pub span: Option<Span>,
    /// Whether the value was inferred (glued digits split, or a dropped cell placed).
    pub inferred: bool,
}

impl Cell {
    /// The value for arithmetic: blank is 0.
    pub fn num(&self) -> f64 {
        self.value.map_or(0.0, Value::as_f64)
    }
    /// Whether the cell is blank.
    pub fn is_blank(&self) -> bool {
        self.value.is_none()
    }
}

/// A table row (for table 4, a group).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row key (`new`).
    pub key: &'static str,
    /// Where the row's label is.
    pub label: Span,
    /// The cells, in the spec's column order; always one per column of the spec.
    pub cells: Vec<Cell>,
}

impl Row {
    /// A cell by column key.
    pub fn cell(&self, column: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.column == column)
    }
    /// A cell's arithmetic value (blank or absent = 0).
    pub fn num(&self, column: &str) -> f64 {
        self.cell(column).map_or(0.0, Cell::num)
    }
    /// The span of the row's cells (or its label when no cell has text).
    pub fn values_span(&self) -> Span {
        self.cells.iter().filter_map(|c| c.span).reduce(Span::cover).unwrap_or(self.label)
    }
    /// Whether any cell was inferred.
    pub fn inferred(&self) -> bool {
        self.cells.iter().any(|c| c.inferred)
    }
}

/// One of tables 2–4 as found.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Which table.
    pub key: TableKey,
    /// From the first label to the last cell.
    pub span: Span,
    /// The rows found, in template order. A row missing from the text is missing here (XG003).
    pub rows: Vec<Row>,
}

impl Table {
    /// A row by key.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
    /// A cell by row and column key.
    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        self.row(row)?.cell(column)
    }
    /// A cell's arithmetic value (blank or absent = 0).
    pub fn num(&self, row: &str, column: &str) -> f64 {
        self.cell(row, column).map_or(0.0, Cell::num)
    }
    /// The spec of a row of this table.
    pub fn spec(&self, row: &str) -> Option<&'static RowSpec> {
        self.key.row(row)
    }
}

/// The three tables; a table not found is `None` (XG002).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    /// Table 2.
    pub proactive: Option<Table>,
    /// Table 3.
    pub requests: Option<Table>,
    /// Table 4.
    pub appeals: Option<Table>,
}

impl Tables {
    /// A table by key.
    pub fn get(&self, key: TableKey) -> Option<&Table> {
        match key {
            TableKey::Proactive => self.proactive.as_ref(),
            TableKey::Requests => self.requests.as_ref(),
            TableKey::Appeals => self.appeals.as_ref(),
        }
    }
    /// A table by key, mutably.
    pub fn get_mut(&mut self, key: TableKey) -> &mut Option<Table> {
        match key {
            TableKey::Proactive => &mut self.proactive,
            TableKey::Requests => &mut self.requests,
            TableKey::Appeals => &mut self.appeals,
        }
    }
}

/// How sure a reading of inferred cells is (MODEL.md §2, "Cell values").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InferenceStatus {
    /// Exactly one reading satisfies every identity.
    Unique,
    /// Several readings satisfy the identities; the table carries the preferred one.
    Ambiguous,
    /// No reading satisfies the identities: the published table itself is inconsistent.
    Inconsistent,
}

/// Why cells had to be inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InferenceKind {
    /// Digits of several cells were glued together ("12070100128").
    Glued,
    /// Blank cells were dropped and the remaining values had to be placed in columns.
    Sparse,
}

/// A row whose cells were inferred, with how and how surely.
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    /// Which table.
    pub table: TableKey,
    /// Row key.
    pub row: &'static str,
    /// The text the cells were read from.
    pub span: Span,
    /// That text, as written.
    pub text: String,
    /// How sure the reading is.
    pub status: InferenceStatus,
    /// Glued digits or dropped cells.
    pub kind: InferenceKind,
    /// Other readings that fit as well, one value per column of the row.
    pub alternatives: Vec<Vec<Option<Value>>>,
}
