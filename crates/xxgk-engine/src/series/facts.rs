//! [`Facts`]: the little of a report that the cross-year pass keeps once the report is dropped.
use super::prose::{self, SectionPrint, Sentence};
use crate::diagnostic::{Excerpt, Position, Related, Text};
use xxgk_model::{clip_chars, Date, LineIndex, Locator, Report, Span, TableKey, T3_COLUMNS};

/// Characters of a long source line kept before a place, in an [`Excerpt`].
const EXCERPT_BEFORE: usize = 30;
/// Characters kept from the start of a place on, at most.
const EXCERPT_SPAN: usize = 80;

/// A place in a report: its span in the report's text (for findings on this report) and where
/// it is in the source file (for findings on another report that point here).
#[derive(Debug, Clone, PartialEq)]
pub struct Loc {
    /// The span in the report's text.
    pub span: Span,
    /// Lines and columns in the source, when the format has lines.
    pub position: Option<Position>,
    /// The structural locator, for a format without lines (DOCX).
    pub locator: Option<Locator>,
    /// The source line around the place.
    pub excerpt: Option<Excerpt>,
}

impl Loc {
    /// The place of `span` in `report`, whose source `index` indexes.
    pub(crate) fn of(report: &Report, index: &LineIndex, span: Span) -> Loc {
        if let Some(locator) = report.locator(span) {
            let text = report.slice(span).trim();
            let excerpt = Excerpt { text: clip_chars(text, EXCERPT_SPAN).to_string(), first_column: 1 };
            return Loc { span, position: None, locator: Some(locator), excerpt: Some(excerpt) };
        }
        let source = report.source();
        let src = report.source_span(span);
        let (start, end) = (floor(source, src.start as usize), floor(source, src.end as usize));
        let (line, column) = index.line_col(source, start);
        let (end_line, end_column) = index.line_col(source, end.max(start));
        let line_start = index.line_start(line - 1);
        let line_end = source[line_start..].find('\n').map_or(source.len(), |i| line_start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let skip = (column - 1).saturating_sub(EXCERPT_BEFORE);
        // Sliced, not collected char by char: the string is kept (in every report's facts for
        // the whole run) at its exact size.
        let from = clip_chars(line_text, skip).len();
        let window = clip_chars(&line_text[from..], EXCERPT_BEFORE + EXCERPT_SPAN).to_string();
        Loc {
            span,
            position: Some(Position { line, column, end_line, end_column }),
            locator: None,
            excerpt: Some(Excerpt { text: window, first_column: skip + 1 }),
        }
    }

    /// This place as the related location of a finding on another file.
    pub fn related(&self, path: &str, message: Text) -> Related {
        Related {
            path: path.to_string(),
            position: self.position.clone(),
            locator: self.locator,
            excerpt: self.excerpt.clone(),
            message,
        }
    }

    /// `line:column` (or the locator) for messages.
    pub fn describe(&self) -> String {
        match (&self.position, &self.locator) {
            (Some(p), _) => format!("{}:{}", p.line, p.column),
            (None, Some(l)) => l.to_string(),
            (None, None) => String::new(),
        }
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A cell of table 3 as the carry-over check needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct CellFact {
    /// Column key (`natural_person` … `total`).
    pub column: &'static str,
    /// The value; a blank cell counts as 0.
    pub value: f64,
    /// Whether the reader placed the value in this column by inference (XG004).
    pub inferred: bool,
    /// Where the cell is (the row label when the cell has no text).
    pub at: Loc,
}

/// A table cell by table, row and column key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellKey {
    /// The table.
    pub table: TableKey,
    /// The row key (`normative_documents`; table 4: the group).
    pub row: &'static str,
    /// The column key (`in_force`).
    pub column: &'static str,
}

impl CellKey {
    const fn new(table: TableKey, row: &'static str, column: &'static str) -> CellKey {
        CellKey { table, row, column }
    }

    /// The cell named for messages: (`表二 行政规范性文件 现行有效件数`, `table 2 normative
    /// documents, in force`).
    pub fn describe(&self) -> (String, String) {
        let n = self.table.number();
        let row = self.table.row(self.row);
        let column = row.and_then(|r| r.column(self.column));
        let (row_zh, row_en) = row.map_or((self.row, self.row), |r| (r.label, r.label_en));
        let (col_zh, col_en) = column.map_or((self.column, self.column), |c| (c.label, c.label_en));
        let numeral = ["二", "三", "四"][usize::from(n - 2)];
        (format!("表{numeral} {row_zh} {col_zh}"), format!("table {n} {row_en}, {col_en}"))
    }
}

/// The cells kept for XG704 (table 2's documents) and XG705 (what a government's report sums
/// over its departments): every cell of table 2, the 总计 column of table 3's 一、二、（七）总计
/// and 四, and the 总计 of each group of table 4.
pub static TABLE_CELLS: &[CellKey] = &[
    CellKey::new(TableKey::Proactive, "regulations", "issued"),
    CellKey::new(TableKey::Proactive, "regulations", "repealed"),
    CellKey::new(TableKey::Proactive, "regulations", "in_force"),
    CellKey::new(TableKey::Proactive, "normative_documents", "issued"),
    CellKey::new(TableKey::Proactive, "normative_documents", "repealed"),
    CellKey::new(TableKey::Proactive, "normative_documents", "in_force"),
    CellKey::new(TableKey::Proactive, "licensing", "decisions"),
    CellKey::new(TableKey::Proactive, "penalty", "decisions"),
    CellKey::new(TableKey::Proactive, "coercion", "decisions"),
    CellKey::new(TableKey::Proactive, "fees", "amount_wan"),
    CellKey::new(TableKey::Requests, "new", "total"),
    CellKey::new(TableKey::Requests, "carried_over", "total"),
    CellKey::new(TableKey::Requests, "outcome_total", "total"),
    CellKey::new(TableKey::Requests, "carried_forward", "total"),
    CellKey::new(TableKey::Appeals, "review", "total"),
    CellKey::new(TableKey::Appeals, "litigation_direct", "total"),
    CellKey::new(TableKey::Appeals, "litigation_after_review", "total"),
];

/// A cell of [`TABLE_CELLS`] in one report.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// Which cell.
    pub key: CellKey,
    /// The value; a blank or absent cell counts as 0.
    pub value: f64,
    /// Whether the cell is blank ("", "/", "—") or absent.
    pub blank: bool,
    /// Where the cell is (the row label when the cell has no text).
    pub at: Loc,
}

/// The key figures XG703 compares, with where their cells are; named as in
/// [`xxgk_model::Figures`] (which `xxgk history` prints), and computed alike.
///
/// Each is a sum of table cells (one cell for most); `total` columns are used throughout.
pub static FIGURES: &[FigureSpec] = &[
    FigureSpec::new("requests_new", "本年新收", "new requests", TableKey::Requests, &["new"]),
    FigureSpec::new("carried_over", "上年结转", "carried over", TableKey::Requests, &["carried_over"]),
    FigureSpec::new(
        "outcome_total",
        "办理结果总计",
        "outcomes in total",
        TableKey::Requests,
        &["outcome_total"],
    ),
    FigureSpec::new(
        "carried_forward",
        "结转下年度",
        "carried forward",
        TableKey::Requests,
        &["carried_forward"],
    ),
    FigureSpec::new("reviews", "行政复议", "administrative reviews", TableKey::Appeals, &["review"]),
    FigureSpec::new(
        "lawsuits",
        "行政诉讼",
        "lawsuits",
        TableKey::Appeals,
        &["litigation_direct", "litigation_after_review"],
    ),
    FigureSpec::new(
        "fees_wan",
        "行政事业性收费（万元）",
        "administrative fees (10k yuan)",
        TableKey::Proactive,
        &["fees"],
    ),
];

/// How a key figure is read from the tables.
#[derive(Debug, PartialEq, Eq)]
pub struct FigureSpec {
    /// Key, as in CSV and JSON (`new`).
    pub key: &'static str,
    /// Chinese name.
    pub zh: &'static str,
    /// English name.
    pub en: &'static str,
    /// The table.
    pub table: TableKey,
    /// The rows summed (their `total` column; table 2's `fees` row: `amount_wan`).
    pub rows: &'static [&'static str],
}

impl FigureSpec {
    const fn new(
        key: &'static str,
        zh: &'static str,
        en: &'static str,
        table: TableKey,
        rows: &'static [&'static str],
    ) -> FigureSpec {
        FigureSpec { key, zh, en, table, rows }
    }
    fn column(&self) -> &'static str {
        if self.table == TableKey::Proactive {
            "amount_wan"
        } else {
            "total"
        }
    }
}

/// A key figure of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Which figure.
    pub spec: &'static FigureSpec,
    /// The value (blank cells count as 0); `None` when the table was not found.
    pub value: Option<f64>,
    /// Where the figure's cells are.
    pub at: Option<Loc>,
}

/// What the cross-year pass keeps of one report: small, `Send`, built by [`Facts::of`].
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// The path, as the run names it.
    pub path: String,
    /// The body the report is for ([`crate::issuer::subject`]: the title's, else the
    /// metadata's issuer), whitespace removed; `None` when it cannot be told.
    pub issuer: Option<String>,
    /// The report year Y (metadata, else a calendar-year statistics period).
    pub year: Option<i32>,
    /// The title (else the year, else the start of the report): where pairing findings go.
    pub anchor: Loc,
    /// Last year's report named explicitly (`--previous`, a config `series` entry).
    pub previous: Option<String>,
    /// The key figures with their places, in [`FIGURES`] order.
    pub figures: Vec<Figure>,
    /// The key figures and ratios as `xxgk history` prints them.
    pub summary: xxgk_model::Figures,
    /// Table 3's 二、上年结转 per column (empty without table 3).
    pub carried_over: Vec<CellFact>,
    /// Table 3's 四、结转下年度 per column.
    pub carried_forward: Vec<CellFact>,
    /// A fingerprint of each section's prose.
    pub sections: Vec<SectionPrint>,
    /// Sentences that name the report year or the year before.
    pub sentences: Vec<Sentence>,
    /// The cells of [`TABLE_CELLS`] whose row was found (XG704, XG705), in that order.
    pub cells: Vec<TableCell>,
    /// The `[settings] rollup` entry of the report's own config that names it the government
    /// (see [`super::apply_rollup`]); XG705 also uses the entries of the run's config.
    pub rollup: Option<super::RollupEntry>,
    /// Whether the report shows the 2019 template's wording (XG104), whose table 2 counts
    /// other things than 本年制发、本年废止、现行有效.
    pub outdated_template: bool,
}

/// A year that a date can hold without overflowing date arithmetic.
fn plausible(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

fn calendar_year(start: Date, end: Date) -> Option<i32> {
    let y = start.year;
    (Date::new(y, 1, 1) == Some(start) && Date::new(y, 12, 31) == Some(end)).then_some(y)
}

/// An issuer name for pairing: whitespace dropped, full-width letters and digits folded.
pub fn normalise_issuer(name: &str) -> Option<String> {
    let s: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    (!s.is_empty()).then_some(s)
}

impl Facts {
    /// The facts of `report`.
    pub fn of(report: &Report) -> Facts {
        let index = LineIndex::new(report.source());
        let loc = |span: Span| Loc::of(report, &index, span);
        let meta = &report.meta;
        let issuer = crate::issuer::subject(report).and_then(|s| normalise_issuer(&s.name));
        let (year, year_span) = match (&meta.year, &meta.period) {
            (Some(y), _) => (Some(y.value).filter(|y| plausible(*y)), Some(y.span)),
            (None, Some(p)) => {
                (calendar_year(p.value.start, p.value.end).filter(|y| plausible(*y)), Some(p.span))
            }
            (None, None) => (None, None),
        };
        let anchor_span = meta.title.as_ref().map(|t| t.span).or(year_span).unwrap_or_else(|| {
            let end = report.text.find('\n').unwrap_or(report.text.len());
            Span::new(0, end)
        });
        let figures = FIGURES
            .iter()
            .map(|spec| {
                let Some(table) = report.tables.get(spec.table) else {
                    return Figure { spec, value: None, at: None };
                };
                let cells: Vec<_> = spec.rows.iter().filter_map(|r| table.cell(r, spec.column())).collect();
                let value = spec.rows.iter().map(|r| table.num(r, spec.column())).sum();
                let span = cells.iter().filter_map(|c| c.span).reduce(Span::cover).or_else(|| {
                    spec.rows.iter().filter_map(|r| table.row(r)).map(|r| r.label).reduce(Span::cover)
                });
                Figure { spec, value: Some(value), at: span.map(loc) }
            })
            .collect();
        let row = |key: &str| -> Vec<CellFact> {
            let Some(row) = report.tables.requests.as_ref().and_then(|t| t.row(key)) else {
                return Vec::new();
            };
            T3_COLUMNS
                .iter()
                .map(|c| {
                    let cell = row.cell(c.key);
                    let span = cell.and_then(|c| c.span).unwrap_or(row.label);
                    let (value, inferred) = cell.map_or((0.0, false), |c| (c.num(), c.inferred));
                    CellFact { column: c.key, value, inferred, at: loc(span) }
                })
                .collect()
        };
        Facts {
            path: report.path.clone(),
            issuer,
            year,
            anchor: loc(anchor_span),
            previous: None,
            figures,
            summary: xxgk_model::Figures::of(report),
            carried_over: row("carried_over"),
            carried_forward: row("carried_forward"),
            sections: prose::sections(report, &loc),
            sentences: year.map_or_else(Vec::new, |y| {
                // Kept for the whole run: at its exact size.
                let mut found = prose::sentences(&report.text, y, &loc);
                found.shrink_to_fit();
                found
            }),
            cells: TABLE_CELLS
                .iter()
                .filter_map(|key| {
                    let row = report.tables.get(key.table)?.row(key.row)?;
                    let cell = row.cell(key.column);
                    let span = cell.and_then(|c| c.span).unwrap_or(row.label);
                    let (value, blank) = cell.map_or((0.0, true), |c| (c.num(), c.is_blank()));
                    Some(TableCell { key: *key, value, blank, at: loc(span) })
                })
                .collect(),
            rollup: None,
            outdated_template: !report.outdated_template.is_empty(),
        }
    }

    /// A cell of [`TABLE_CELLS`] by table, row and column key; `None` when its row was not found.
    pub fn cell(&self, table: TableKey, row: &str, column: &str) -> Option<&TableCell> {
        self.cells.iter().find(|c| c.key.table == table && c.key.row == row && c.key.column == column)
    }

    /// A key figure by key (`new`).
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.spec.key == key)
    }

    /// The issuer, or `?` for messages.
    pub(crate) fn issuer_name(&self) -> &str {
        self.issuer.as_deref().unwrap_or("?")
    }
}

/// A value as reports write it: `12`, `0.35`.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
