//! The report model of xxgk: what a 政府信息公开工作年度报告 is, as the rules see it.
//!
//! Adapters (`xxgk-adapters`) turn bytes into a [`Report`]; the rule engine reads it. This crate
//! does no I/O. Every heading, cell and metadata field keeps a [`Span`] into [`Report::text`], the
//! plain text the rules read; [`Report::source_span`] maps it back into the file as decoded
//! (for HTML, the HTML itself), and [`LineIndex`] turns source offsets into 1-based lines and
//! character columns for output (MODEL.md §4).
#![warn(missing_docs)]

mod date;
pub mod figures;
mod json;
mod line_index;
mod report;
mod schema;
mod span;
mod table;

pub use date::{Date, Period};
pub use figures::Figures;
pub use json::extract_json;
pub use line_index::LineIndex;
pub use report::{
    Field, Format, Heading, Locator, Meta, OffsetMap, ProblemKind, ReadProblem, Report, Section, Segment,
};
pub use schema::{
    t3_outcome_rows, ColumnSpec, RowSpec, SectionKey, TableKey, T2_ROWS, T3_COLUMNS, T3_OUTCOME_ROWS,
    T3_ROWS, T4_COLUMNS, T4_GROUPS,
};
pub use span::{clip_chars, Span};
pub use table::{Cell, Inference, InferenceKind, InferenceStatus, Row, Table, Tables, Value};
