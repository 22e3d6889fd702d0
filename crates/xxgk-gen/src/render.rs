//! Rendering a generated document in one of the seven layouts, remembering the line of every
//! value cell so the answer key can say where a finding belongs.
use crate::tables::{t2_grid, t3_grid, t4_grid, Grid, Punct, Truth, TOTAL};
use std::collections::HashMap;
use xxgk_model::TableKey;

/// How the report is laid out: the five text layouts of the seeds, HTML and Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// Every table cell on its own line (a page copied from a browser).
    Lines,
    /// Every cell on its own line followed by ` |`, with `||` fillers (a table export).
    Pipes,
    /// One cell a line, blank applicant cells of table 3 dropped.
    Sparse,
    /// A table row on one line with its digits glued together.
    Glued,
    /// Table 3 with only its 总计 column printed.
    TotalsOnly,
    /// An HTML page with real `<table>`s.
    Html,
    /// Markdown with pipe tables.
    Markdown,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 7] = [
        Layout::Lines,
        Layout::Pipes,
        Layout::Sparse,
        Layout::Glued,
        Layout::TotalsOnly,
        Layout::Html,
        Layout::Markdown,
    ];

    /// The short name used in reports and file names.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Lines => "lines",
            Layout::Pipes => "pipes",
            Layout::Sparse => "sparse",
            Layout::Glued => "glued",
            Layout::TotalsOnly => "totals-only",
            Layout::Html => "html",
            Layout::Markdown => "markdown",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Layout::Html => "html",
            Layout::Markdown => "md",
            _ => "txt",
        }
    }

    /// Whether every cell is printed on its own (so a changed or blank cell stays where it is).
    pub fn explicit_cells(self) -> bool {
        matches!(self, Layout::Lines | Layout::Pipes | Layout::Html | Layout::Markdown)
    }
}

/// A block of a document: a paragraph (one line), or one of the three tables.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A line of text.
    Para(String),
    /// Table 2, 3 or 4, printed from the truth.
    Table(TableKey),
}

/// A rendered report: its source text and the line of each value cell (first copy).
#[derive(Debug, Default)]
pub struct Rendered {
    /// The file's text.
    pub text: String,
    /// 1-based line of each value cell.
    pub cell_lines: HashMap<(TableKey, usize, usize), u32>,
    /// Whether a reader has to infer cell positions (dropped or glued cells).
    pub inferred: bool,
}

struct Out {
    lines: Vec<String>,
    cells: HashMap<(TableKey, usize, usize), u32>,
    inferred: bool,
}

impl Out {
    fn push(&mut self, s: String) {
        self.lines.push(s);
    }
    fn mark(&mut self, at: (TableKey, usize, usize)) {
        let line = self.lines.len() as u32;
        self.cells.entry(at).or_insert(line);
    }
}

/// Render `blocks` in `layout`; `spaced` puts a blank line between text lines.
pub fn render(blocks: &[Block], truth: &Truth, layout: Layout, p: Punct, spaced: bool) -> Rendered {
    let grids: HashMap<TableKey, Grid> = [
        (TableKey::Proactive, t2_grid(truth, p)),
        (TableKey::Requests, t3_grid(truth, p)),
        (TableKey::Appeals, t4_grid(truth)),
    ]
    .into_iter()
    .collect();
    let mut out = Out { lines: Vec::new(), cells: HashMap::new(), inferred: false };
    if layout == Layout::Html {
        out.push("<!DOCTYPE html>".into());
        out.push("<html><head><meta charset=\"utf-8\"><title>政府信息公开工作年度报告</title><style>td{border:1px solid #000}</style></head>".into());
        out.push("<body><div class=\"article\">".into());
    }
    for block in blocks {
        match block {
            Block::Para(s) => match layout {
                Layout::Html => out.push(format!("<p style=\"text-indent:2em\">{}</p>", esc(s))),
                Layout::Markdown => {
                    out.push(s.clone());
                    out.push(String::new());
                }
                _ => {
                    out.push(s.clone());
                    if spaced || layout == Layout::Lines {
                        out.push(String::new());
                    }
                }
            },
            Block::Table(key) => {
                let grid = &grids[key];
                match layout {
                    Layout::Html => html_table(grid, &mut out),
                    Layout::Markdown => md_table(grid, &mut out),
                    _ => text_table(grid, *key, layout, &mut out),
                }
            }
        }
    }
    if layout == Layout::Html {
        out.push("</div></body></html>".into());
    }
    let mut text = out.lines.join("\n");
    text.push('\n');
    // Lines are counted from 1; `mark` stored the 0-based index of the line about to be pushed.
    let cell_lines = out.cells.into_iter().map(|(k, v)| (k, v + 1)).collect();
    Rendered { text, cell_lines, inferred: out.inferred }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn html_table(g: &Grid, out: &mut Out) {
    out.push("<table border=\"1\" cellspacing=\"0\"><tbody>".into());
    for row in g {
        let mut s = String::from("<tr>");
        for cell in row {
            if let Some(at) = cell.value {
                out.mark(at);
            }
            s.push_str("<td");
            if cell.rowspan > 1 {
                s.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
            }
            if cell.colspan > 1 {
                s.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            s.push('>');
            s.push_str(&cell.text.as_deref().map_or("&nbsp;".to_string(), esc));
            s.push_str("</td>");
        }
        s.push_str("</tr>");
        out.push(s);
    }
    out.push("</tbody></table>".into());
}

fn md_table(g: &Grid, out: &mut Out) {
    out.push(String::new());
    for (i, row) in g.iter().enumerate() {
        for cell in row {
            if let Some(at) = cell.value {
                out.mark(at);
            }
        }
        let cells: Vec<&str> = row.iter().map(|c| c.text.as_deref().unwrap_or("")).collect();
        out.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            out.push(format!("|{}", "---|".repeat(row.len())));
        }
    }
    out.push(String::new());
}

fn text_table(g: &Grid, key: TableKey, layout: Layout, out: &mut Out) {
    let width: u32 = g.first().map_or(0, |r| r.iter().map(|c| c.colspan).sum());
    for row in g {
        let values: Vec<_> = row.iter().filter(|c| c.value.is_some()).collect();
        if layout == Layout::Glued {
            if values.len() > 1 {
                out.inferred = true;
            }
            for cell in &values {
                out.mark(cell.value.unwrap_or((key, 0, 0)));
            }
            let s: String = row.iter().filter_map(|c| c.text.as_deref()).collect();
            out.push(s);
            continue;
        }
        // Which value cells this layout prints.
        let keep = |c: &crate::tables::GridCell| -> bool {
            let Some((TableKey::Requests, r, col)) = c.value else { return true };
            match layout {
                Layout::TotalsOnly => col == TOTAL,
                Layout::Sparse => {
                    let zero = |c: &crate::tables::GridCell| c.text.as_deref().is_none_or(|t| t == "0");
                    let row_vals: Vec<_> =
                        values.iter().filter(|v| v.value.is_some_and(|(_, rr, _)| rr == r)).collect();
                    let all_zero = row_vals.iter().take(TOTAL).all(|v| zero(v));
                    col == TOTAL || (all_zero && col == 0) || !zero(c)
                }
                _ => true,
            }
        };
        let mut printed = 0u32;
        for cell in row {
            if cell.value.is_some() && !keep(cell) {
                out.inferred = true;
                continue;
            }
            if let Some(at) = cell.value {
                out.mark(at);
            }
            let text = cell.text.clone().unwrap_or_else(|| "/".to_string());
            printed += cell.colspan;
            match layout {
                Layout::Pipes => out.push(format!("{text} |")),
                _ => {
                    out.push(text);
                    if layout == Layout::Lines {
                        out.push(String::new());
                    }
                }
            }
        }
        if layout == Layout::Pipes && printed < width {
            out.push("|".repeat((width - printed) as usize));
        }
    }
    if layout == Layout::Lines {
        out.push(String::new());
    }
}
