//! A report as read: its text, metadata, sections, tables and what the reader noticed.
use crate::date::{Date, Period};
use crate::schema::{SectionKey, TableKey};
use crate::span::Span;
use crate::table::{Inference, Tables};
use serde::Serialize;

/// The format a report was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// Markdown.
    Markdown,
    /// Word (DOCX).
    Docx,
    /// PDF with a text layer.
    Pdf,
}

impl Format {
    /// The name as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A metadata value and where the report states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// Where it is stated.
    pub span: Span,
}

/// Report metadata (MODEL.md §1). Unknown is `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The report's title.
    pub title: Option<Field<String>>,
    /// The issuing body (发布机构 / 信息来源).
    pub issuer: Option<Field<String>>,
    /// The year reported on (Y).
    pub year: Option<Field<i32>>,
    /// 发布时间, else 成文日期, else the date under the signature.
    pub published: Option<Field<Date>>,
    /// 成文日期 or the date under the signature.
    pub signed: Option<Field<Date>>,
    /// 统计期限.
    pub period: Option<Field<Period>>,
}

/// A structural location for formats without lines (MODEL.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Locator {
    /// A DOCX paragraph, 1-based.
    Paragraph {
        /// Paragraph number.
        paragraph: u32,
    },
    /// A DOCX table cell, all 1-based.
    TableCell {
        /// Table number in the document.
        table: u32,
        /// Row.
        row: u32,
        /// Column.
        column: u32,
    },
    /// A PDF page and line within the page, 1-based.
    Page {
        /// Page number.
        page: u32,
        /// Line within the page.
        line: u32,
    },
}

impl std::fmt::Display for Locator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Locator::Paragraph { paragraph } => write!(f, "第{paragraph}段"),
            Locator::TableCell { table, row, column } => {
                write!(f, "表{table} 第{row}行 第{column}列")
            }
            Locator::Page { page, line } => write!(f, "第{page}页 第{line}行"),
        }
    }
}

/// A piece of [`Report::text`] that came from one place of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Where the piece is in the text.
    pub text: Span,
    /// Where it came from in the source (equal length: byte for byte; else start and end only).
    pub source: Span,
    /// A structural location, for DOCX and PDF.
    pub locator: Option<Locator>,
}

/// Maps spans of the plain text back into the source. Empty: the text is the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    /// Segments sorted by `text.start`, not overlapping.
    pub segments: Vec<Segment>,
}

impl OffsetMap {
    fn segment(&self, offset: u32) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.text.end <= offset);
        self.segments.get(i).or_else(|| self.segments.last())
    }
    /// The source offset of a text offset.
    pub fn to_source(&self, offset: u32) -> u32 {
        match self.segment(offset) {
            None => offset,
            Some(s) if offset < s.text.start => s.source.start,
            Some(s) if s.text.len() == s.source.len() => {
                s.source.start + (offset.min(s.text.end) - s.text.start)
            }
            Some(s) if offset >= s.text.end => s.source.end,
            Some(s) => s.source.start,
        }
    }
    /// The locator of a text offset, if the format has one.
    pub fn locator(&self, offset: u32) -> Option<Locator> {
        self.segment(offset).and_then(|s| s.locator)
    }
}

/// A section heading wherever it occurs (also repeated ones, for XG102 and XG005).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Which section.
    pub key: SectionKey,
    /// The number as written (一).
    pub number: String,
    /// The title as written.
    pub title: String,
    /// The whole heading.
    pub span: Span,
    /// Whether the title is the canonical one (else a known variant, XG103).
    pub canonical: bool,
}

/// A section of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Which section.
    pub key: SectionKey,
    /// The number as written.
    pub number: String,
    /// The title as written.
    pub title: String,
    /// The heading.
    pub heading: Span,
    /// From after the heading to the next section (or the end of the report).
    pub body: Span,
}

/// Something the reader could not read as the template says (XG003, XG205).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadProblem {
    /// The table.
    pub table: TableKey,
    /// The row, when the problem is in one.
    pub row: Option<&'static str>,
    /// Where (the row's label, the cells, or the table when a row is missing).
    pub span: Span,
    /// What.
    pub kind: ProblemKind,
}

/// What kind of reading problem.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// A row of the template is not in the table.
    MissingRow,
    /// A row has fewer cells than the template and they could not be placed.
    MissingCells {
        /// Cells found.
        found: usize,
        /// Cells the template has.
        expected: usize,
    },
    /// A row has more cells than the template; the extra ones were dropped.
    ExtraCells {
        /// Cells found.
        found: usize,
        /// Cells the template has.
        expected: usize,
    },
    /// A cell holds text that is not a number (XG205).
    NotANumber {
        /// The text.
        text: String,
    },
}

/// A report as read by an adapter.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The path as given (or `-` for standard input).
    pub path: String,
    /// The format it was read as.
    pub format: Option<Format>,
    /// The plain text the rules read. For plain text it is the file as decoded.
    pub text: String,
    /// The decoded file when it differs from `text` (HTML, Markdown with markup, DOCX XML).
    pub source: Option<String>,
    /// Maps `text` spans to `source` spans; empty when `source` is `None`.
    pub map: OffsetMap,
    /// Metadata.
    pub meta: Meta,
    /// Every section heading found, in order, repeats included.
    pub headings: Vec<Heading>,
    /// The sections, first occurrence of each, in document order.
    pub sections: Vec<Section>,
    /// The tables.
    pub tables: Tables,
    /// Rows whose cells were inferred.
    pub inferences: Vec<Inference>,
    /// What the reader could not read as the template says.
    pub problems: Vec<ReadProblem>,
    /// Places where the 2019 template's wording shows (本年新制作数量, 上一年项目数量 …), for XG104.
    pub outdated_template: Vec<Span>,
}

impl Report {
    /// The decoded source file (the text itself for plain text).
    pub fn source(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }
    /// A text span as a source span.
    pub fn source_span(&self, span: Span) -> Span {
        if self.source.is_none() {
            return span;
        }
        let start = self.map.to_source(span.start);
        let end = self.map.to_source(span.end).max(start);
        Span { start, end }
    }
    /// The structural locator of a span (DOCX, PDF).
    pub fn locator(&self, span: Span) -> Option<Locator> {
        self.map.locator(span.start)
    }
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
    /// A section by key.
    pub fn section(&self, key: SectionKey) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }
    /// A section's body text (empty when the section is missing).
    pub fn section_text(&self, key: SectionKey) -> &str {
        self.section(key).map_or("", |s| self.slice(s.body))
    }
    /// The span of the whole report text.
    pub fn full_span(&self) -> Span {
        Span::new(0, self.text.len())
    }
}
