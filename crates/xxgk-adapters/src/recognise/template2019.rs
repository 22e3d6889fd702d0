//! The 2019 template (国办公开办函〔2019〕60号), read into the model as far as it maps.
//!
//! Reports for 2019 and 2020, and out-of-date reports later (XG104), print table 2 with other
//! columns and table 3 with a one-row （六）其他处理:
//!
//! | 2019 header | row | read as |
//! |---|---|---|
//! | 本年新制作数量 / 本年新公开数量 / 对外公开总数量 | 规章, 规范性文件 | `issued` = 本年新制作数量, `in_force` = 对外公开总数量 |
//! | 上一年项目数量 / 本年增/减 / 处理决定数量 | 行政许可, 行政处罚, 行政强制 | `decisions` = 处理决定数量 |
//! | 上一年项目数量 / 本年增/减 | 行政事业性收费 | nothing (no amount) |
//! | — | 表3 （六）其他处理 (one row) | `other_other` |
//!
//! A column with no counterpart (本年废止件数, 本年收费金额) is left out of the row rather than
//! read as blank: the report did not leave it empty, its template did not ask for it.
use super::tables::Found;
use crate::solver::{RowInput, Token};
use xxgk_model::Span;

/// How a table 2 row's values map under a 2019 header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 本年新制作数量 / 本年新公开数量 / 对外公开总数量.
    Documents,
    /// 上一年项目数量 / 本年增/减 / 处理决定数量.
    Decisions,
    /// 上一年项目数量 / 本年增/减 (fees: no amount).
    Items,
}

impl Layout {
    fn of(header: &str) -> Option<Layout> {
        let h: String = header.chars().filter(|c| !c.is_whitespace() && *c != '|').collect();
        if h.contains("本年新制作数量") || h.contains("对外公开总数量") {
            Some(Layout::Documents)
        } else if h.contains("上一年项目数量") && h.contains("处理决定数量") {
            Some(Layout::Decisions)
        } else if h.contains("上一年项目数量") {
            Some(Layout::Items)
        } else {
            None
        }
    }

    /// The columns of the model's row this layout gives values for.
    pub fn mapped(self) -> &'static [&'static str] {
        match self {
            Layout::Documents => &["issued", "in_force"],
            Layout::Decisions => &["decisions"],
            Layout::Items => &[],
        }
    }
}

fn blank_at(at: u32) -> Token {
    Token { text: String::new(), span: Span::empty(at as usize), offsets: Vec::new(), blank: true }
}

/// Table 2 under 2019 headers: reshape each row's tokens to the model's columns (a blank where
/// a column has no counterpart, dropped afterwards by the caller). Returns the layout of each
/// input (None: a 2021 header, or a row whose values do not count out).
pub fn proactive(text: &str, found: &[Found], inputs: &mut [(RowInput, Span)]) -> Vec<Option<Layout>> {
    let mut out = Vec::with_capacity(inputs.len());
    let mut header = None;
    let mut rows = inputs.iter_mut();
    for (i, f) in found.iter().enumerate() {
        if f.row.is_none() {
            let next = found.get(i + 1).map_or(f.span.end, |n| n.span.start.max(f.span.end));
            header = text.get(f.span.end as usize..next as usize).and_then(Layout::of);
            continue;
        }
        let Some((input, _)) = rows.next() else { break };
        let layout = header.filter(|l| reshape(input, *l));
        out.push(layout);
    }
    out
}

/// Whether the row's tokens count out for the layout; if so, put them in the model's columns.
fn reshape(input: &mut RowInput, layout: Layout) -> bool {
    // 本年增/减 may be negative: a "-" right before a number is its sign, not a blank cell.
    let mut t: Vec<Token> = Vec::with_capacity(input.tokens.len());
    for (i, tok) in input.tokens.iter().enumerate() {
        let sign = tok.blank
            && matches!(tok.text.as_str(), "-" | "－")
            && input.tokens.get(i + 1).is_some_and(|n| !n.blank && n.span.start == tok.span.end);
        if !sign {
            t.push(tok.clone());
        }
    }
    let tokens = match (layout, input.key, t.len()) {
        (Layout::Documents, "regulations" | "normative_documents", 3) => {
            vec![t[0].clone(), blank_at(t[1].span.start), t[2].clone()]
        }
        (Layout::Decisions, "licensing" | "penalty" | "coercion", 3) => vec![t[2].clone()],
        (Layout::Items, "fees", 2) => vec![blank_at(t[0].span.start)],
        _ => return false,
    };
    input.tokens = tokens;
    input.separated = true;
    true
}

/// Table 3's one-row （六）其他处理 (no 1./2./3. rows after it, its values on its own row): read
/// as `other_other`. Returns the label's span, a place where the 2019 template shows.
pub fn one_row_other(text: &str, found: &mut [Found]) -> Option<Span> {
    let i = found.iter().position(|f| f.row.is_none() && text[f.span.range()].contains("其他处理"))?;
    if found.get(i + 1).and_then(|n| n.row) != Some("outcome_total") {
        return None;
    }
    found[i].row = Some("other_other");
    Some(found[i].span)
}
