//! Tables 3 and 4 as grids with their identities (MODEL.md §3), the culprit, and the shared wording.
//!
//! Every arithmetic rule of XG2 builds the same [`Sheet`], so each sees the same failing
//! identities and the same culprit, and their helps agree.
use super::culprit::{self, CellRef, Culprit, Grid, Identity};
use crate::Text;
use xxgk_model::{
    ColumnSpec, InferenceKind, InferenceStatus, ProblemKind, Report, RowSpec, Span, Table, T3_COLUMNS,
    T3_ROWS, T4_COLUMNS, T4_GROUPS,
};

/// What an identity says, by template position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Table 3, row `r`: 总计 = the six applicant columns.
    RowTotal(usize),
    /// Table 3, column `c`: 一 + 二 = 三(七) + 四.
    ColumnBalance(usize),
    /// Table 3, column `c`: (七)总计 = the 21 outcome rows.
    OutcomeSum(usize),
    /// Table 4, group `r`: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    GroupTotal(usize),
}

/// Row indices of table 3 (T3_ROWS order).
pub(crate) const NEW: usize = 0;
pub(crate) const CARRIED_OVER: usize = 1;
pub(crate) const OUTCOMES: std::ops::Range<usize> = 2..23;
pub(crate) const OUTCOME_TOTAL: usize = 23;
pub(crate) const CARRIED_FORWARD: usize = 24;
/// Column index of 总计 in table 3 (and of table 4's groups: 4).
pub(crate) const T3_TOTAL: usize = 6;
pub(crate) const T4_TOTAL: usize = 4;

/// A table as a grid, its identities, which fail, and what explains them.
pub(crate) struct Sheet<'a> {
    /// The table as read.
    pub table: &'a Table,
    /// Template rows.
    pub rows: &'static [RowSpec],
    /// Template columns.
    pub cols: &'static [ColumnSpec],
    /// Values (blank = 0; unknown = `None`).
    pub grid: Grid,
    /// The identities, each with what it says.
    pub identities: Vec<(Kind, Identity)>,
    /// Indices into `identities` of those that fail.
    pub failing: Vec<usize>,
    /// The culprit over the whole table.
    pub culprit: Culprit,
}

impl<'a> Sheet<'a> {
    /// Table 3 of the report, if found.
    pub fn requests(report: &'a Report) -> Option<Sheet<'a>> {
        let table = report.tables.requests.as_ref()?;
        let mut ids = Vec::new();
        for r in 0..T3_ROWS.len() {
            ids.push((
                Kind::RowTotal(r),
                Identity { lhs: vec![(r, T3_TOTAL)], rhs: (0..T3_TOTAL).map(|c| (r, c)).collect() },
            ));
        }
        for c in 0..T3_COLUMNS.len() {
            ids.push((
                Kind::ColumnBalance(c),
                Identity {
                    lhs: vec![(NEW, c), (CARRIED_OVER, c)],
                    rhs: vec![(OUTCOME_TOTAL, c), (CARRIED_FORWARD, c)],
                },
            ));
        }
        for c in 0..T3_COLUMNS.len() {
            ids.push((
                Kind::OutcomeSum(c),
                Identity { lhs: vec![(OUTCOME_TOTAL, c)], rhs: OUTCOMES.map(|r| (r, c)).collect() },
            ));
        }
        Some(Sheet::build(report, table, &T3_ROWS, &T3_COLUMNS, ids))
    }

    /// Table 4 of the report, if found.
    pub fn appeals(report: &'a Report) -> Option<Sheet<'a>> {
        let table = report.tables.appeals.as_ref()?;
        let ids = (0..T4_GROUPS.len())
            .map(|r| {
                (
                    Kind::GroupTotal(r),
                    Identity { lhs: vec![(r, T4_TOTAL)], rhs: (0..T4_TOTAL).map(|c| (r, c)).collect() },
                )
            })
            .collect();
        Some(Sheet::build(report, table, &T4_GROUPS, &T4_COLUMNS, ids))
    }

    fn build(
        report: &Report,
        table: &'a Table,
        rows: &'static [RowSpec],
        cols: &'static [ColumnSpec],
        identities: Vec<(Kind, Identity)>,
    ) -> Sheet<'a> {
        // A row the reader could not place (too few or too many cells: XG003) or that holds a
        // non-number (XG205) is unknown: its identities are not checked, so one cause gives one
        // diagnostic. Table 4 is read as one run, so a problem there (row `None`) covers it all.
        let unreadable = |key: &str| {
            report.problems.iter().any(|p| {
                p.table == table.key
                    && (p.row == Some(key) || p.row.is_none())
                    && matches!(
                        p.kind,
                        ProblemKind::MissingCells { .. }
                            | ProblemKind::ExtraCells { .. }
                            | ProblemKind::NotANumber { .. }
                    )
            })
        };
        let values = rows
            .iter()
            .map(|spec| match table.row(spec.key) {
                Some(row) if !unreadable(spec.key) => cols.iter().map(|c| Some(row.num(c.key))).collect(),
                _ => vec![None; cols.len()],
            })
            .collect();
        let grid = Grid { values };
        let plain: Vec<Identity> = identities.iter().map(|(_, i)| i.clone()).collect();
        let failing = culprit::failing(&grid, &plain);
        let culprit = culprit::locate(&grid, &plain);
        Sheet { table, rows, cols, grid, identities, failing, culprit }
    }

    /// The failing identities, with what they say.
    pub fn failures(&self) -> impl Iterator<Item = &(Kind, Identity)> {
        self.failing.iter().map(|&i| &self.identities[i])
    }

    /// The cell as read (`None` when its row is missing).
    pub fn cell(&self, (r, c): CellRef) -> Option<&'a xxgk_model::Cell> {
        self.table.row(self.rows.get(r)?.key)?.cell(self.cols.get(c)?.key)
    }

    /// Where a cell is: its own span, else its row's values, else the table.
    pub fn span(&self, (r, c): CellRef) -> Span {
        if let Some(s) = self.cell((r, c)).and_then(|cell| cell.span) {
            return s;
        }
        self.rows
            .get(r)
            .and_then(|spec| self.table.row(spec.key))
            .map_or(self.table.span, |row| row.values_span())
    }

    /// A value for messages (blank = 0).
    pub fn value(&self, cell: CellRef) -> f64 {
        self.grid.get(cell).unwrap_or(0.0)
    }

    /// Whether the cell is blank while it is a total whose parts are non-zero (XG208's finding).
    pub fn is_blank_total(&self, cell: CellRef) -> bool {
        self.cell(cell).is_some_and(|c| c.is_blank())
            && self.identities.iter().any(|(_, id)| {
                id.lhs == [cell] && id.sums(&self.grid).is_some_and(|(_, parts)| parts.abs() > 1e-6)
            })
    }

    /// Whether an identity includes a blank total with non-zero parts.
    pub fn has_blank_total(&self, id: &Identity) -> bool {
        id.lhs.iter().chain(&id.rhs).any(|&c| self.is_blank_total(c))
    }

    /// `“（四）1.本机关不掌握相关政府信息 / 商业企业”`-style name of a cell.
    pub fn cell_name(&self, (r, c): CellRef) -> Text {
        let (row, col) = (&self.rows[r], &self.cols[c]);
        Text::new(format!("{} / {}", row.label, col.label), format!("{} / {}", row.label_en, col.label_en))
    }

    /// A short statement of a failing identity, for lists of failing sums.
    pub fn describe(&self, kind: Kind, id: &Identity) -> Text {
        let (l, r) = id.sums(&self.grid).unwrap_or_default();
        let (l, r) = (num(l), num(r));
        match kind {
            Kind::RowTotal(row) => Text::new(
                format!("“{}”行 总计={l}，六类申请人之和={r}", self.rows[row].label),
                format!("row {}: total {l}, applicants {r}", self.rows[row].label_en),
            ),
            Kind::ColumnBalance(c) => Text::new(
                format!("“{}”列 一+二={l}，三(七)+四={r}", self.cols[c].label),
                format!("column {}: I+II = {l}, III(7)+IV = {r}", self.cols[c].label_en),
            ),
            Kind::OutcomeSum(c) => Text::new(
                format!("“{}”列 （七）总计={l}，办理结果之和={r}", self.cols[c].label),
                format!("column {}: III(7) total {l}, outcomes {r}", self.cols[c].label_en),
            ),
            Kind::GroupTotal(g) => Text::new(
                format!("“{}” 总计={l}，分项之和={r}", self.rows[g].label),
                format!("{}: total {l}, parts {r}", self.rows[g].label_en),
            ),
        }
    }

    /// The help of every arithmetic diagnostic: the culprit and the value that balances it, or
    /// that no single cell explains the failures, with the failing sums.
    pub fn help(&self) -> Option<Text> {
        match self.culprit {
            Culprit::Consistent => None,
            Culprit::Cell { at, value, balancing } => {
                let name = self.cell_name(at);
                let mut zh: Vec<&str> = Vec::new();
                let mut en: Vec<&str> = Vec::new();
                for (kind, _) in self.failures() {
                    let (z, e) = match kind {
                        Kind::RowTotal(_) => ("本行合计", "the row total"),
                        Kind::OutcomeSum(_) => ("本列合计", "the column total"),
                        Kind::ColumnBalance(_) => ("本列一+二=三+四", "the column's I+II = III+IV"),
                        Kind::GroupTotal(_) => ("本组合计", "the group total"),
                    };
                    if !zh.contains(&z) {
                        zh.push(z);
                        en.push(e);
                    }
                }
                let (value, balancing) = (num(value), num(balancing));
                let all = if zh.len() > 1 { "均" } else { "" };
                let joined = if zh.len() > 2 { zh.join("、") } else { zh.join("与") };
                Some(Text::new(
                    format!("{} 为 {value}；若为 {balancing}，则{joined}{all}平衡", name.zh),
                    format!("{} is {value}; with {balancing}, {} would balance", name.en, en.join(" and ")),
                ))
            }
            Culprit::Unexplained { candidates } => {
                const SHOWN: usize = 4;
                let listed: Vec<Text> =
                    self.failures().take(SHOWN).map(|(k, id)| self.describe(*k, id)).collect();
                let more = self.failing.len().saturating_sub(SHOWN);
                let (more_zh, more_en) = if more > 0 {
                    (format!("等 {} 处", self.failing.len()), format!(" and {more} more"))
                } else {
                    (String::new(), String::new())
                };
                let zh: Vec<&str> = listed.iter().map(|t| t.zh.as_str()).collect();
                let en: Vec<&str> = listed.iter().map(|t| t.en.as_str()).collect();
                let (why_zh, why_en) = if candidates == 0 {
                    (
                        "没有一个单元格的改动能使全部勾稽关系同时成立".to_string(),
                        "no single cell explains every failure".to_string(),
                    )
                } else {
                    (
                        format!("有 {candidates} 个单元格改动后都能使之成立"),
                        format!("any of {candidates} cells could be the wrong one"),
                    )
                };
                Some(Text::new(
                    format!("无法确定是哪一个单元格有误（{why_zh}）；不成立的有：{}{more_zh}，请逐项核对", zh.join("；")),
                    format!("cannot tell which cell is wrong ({why_en}); the failing sums are {}{more_en}: check each", en.join("; ")),
                ))
            }
        }
    }

    /// The culprit cell, when there is one.
    pub fn culprit_cell(&self) -> Option<CellRef> {
        match self.culprit {
            Culprit::Cell { at, .. } => Some(at),
            _ => None,
        }
    }

    /// The note appended to a message whose identity rests on inferred cells, naming the rows
    /// and how sure their reading is: `（本行数字为推断读取：…）`. `this_row` is the row the
    /// diagnostic is about, when it is a row identity.
    pub fn inferred_note(&self, report: &Report, id: &Identity, this_row: Option<usize>) -> Option<Text> {
        let mut rows: Vec<usize> = id
            .lhs
            .iter()
            .chain(&id.rhs)
            .filter(|&&c| self.cell(c).is_some_and(|cell| cell.inferred))
            .map(|&(r, _)| r)
            .collect();
        rows.sort_unstable();
        rows.dedup();
        if rows.is_empty() {
            return None;
        }
        let inference = |r: usize| {
            report.inferences.iter().find(|i| i.table == self.table.key && i.row == self.rows[r].key)
        };
        // Name the culprit's row when it is inferred; else the rows whose reading is not
        // certain; else every inferred row.
        let culprit_row = self.culprit_cell().map(|(r, _)| r).filter(|r| rows.contains(r));
        let unsure: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| inference(r).is_some_and(|i| i.status != InferenceStatus::Unique))
            .collect();
        let named = match culprit_row {
            Some(r) => vec![r],
            None if !unsure.is_empty() => unsure,
            None => rows,
        };
        let how = |r: usize| -> (String, String) {
            let Some(inf) = inference(r) else {
                return ("为推断读取".into(), "were inferred".into());
            };
            let (kind_zh, kind_en) = match inf.kind {
                InferenceKind::Glued => ("数字粘连", "glued digits"),
                InferenceKind::Sparse => ("空白单元格被省略", "dropped blank cells"),
            };
            let (st_zh, st_en) = match inf.status {
                InferenceStatus::Unique => (String::new(), String::new()),
                InferenceStatus::Ambiguous => (
                    format!("，另有 {} 种拆分", inf.alternatives.len()),
                    format!("; {} other splits fit", inf.alternatives.len()),
                ),
                InferenceStatus::Inconsistent => {
                    ("，无一种拆分能满足全部勾稽关系".into(), "; no split satisfies every identity".into())
                }
            };
            (
                format!("为推断读取：原文“{}”{kind_zh}{st_zh}", inf.text),
                format!("were inferred from {kind_en} “{}”{st_en}", inf.text),
            )
        };
        if named.len() == 1 {
            let r = named[0];
            let (h_zh, h_en) = how(r);
            return Some(if self.table.key == xxgk_model::TableKey::Appeals {
                // Table 4's fifteen values are read as one run.
                Text::new(format!("（表四数字{h_zh}）"), format!(" (table 4's figures {h_en})"))
            } else if this_row == Some(r) {
                Text::new(format!("（本行数字{h_zh}）"), format!(" (the row's figures {h_en})"))
            } else {
                Text::new(
                    format!("（“{}”行数字{h_zh}）", self.rows[r].label),
                    format!(" (the figures of row {} {h_en})", self.rows[r].label_en),
                )
            });
        }
        Some(Text::new(
            format!("（本项涉及的 {} 行数字为推断读取）", named.len()),
            format!(" (the figures of {} rows involved were inferred)", named.len()),
        ))
    }
}

/// A number for messages: `128`, `0.5`.
pub(crate) fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Append an optional note to a message.
pub(crate) fn with_note(message: Text, note: Option<Text>) -> Text {
    match note {
        Some(n) => Text::new(message.zh + &n.zh, message.en + &n.en),
        None => message,
    }
}
