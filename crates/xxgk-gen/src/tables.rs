//! Tables 2–4 of a generated report: random but consistent values, and their printed grids.
use crate::rng::Rng;
use xxgk_model::{TableKey, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};

/// Index of row `outcome_total` in [`T3_ROWS`].
pub const OUTCOME_TOTAL: usize = 23;
/// Index of the 总计 column in [`T3_COLUMNS`].
pub const TOTAL: usize = 6;

/// The values a report prints in its three tables (`None` is a blank cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    /// Table 2: 规章 and 行政规范性文件 × issued/repealed/in_force.
    pub docs: [[u64; 3]; 2],
    /// Table 2: 行政许可, 行政处罚, 行政强制 decisions.
    pub decisions: [u64; 3],
    /// Table 2: 行政事业性收费 in 万元, as printed.
    pub fees: String,
    /// Table 3, rows of [`T3_ROWS`] × columns of [`T3_COLUMNS`].
    pub t3: [[Option<u64>; 7]; 25],
    /// Table 4, groups of [`T4_GROUPS`] × columns of [`T4_COLUMNS`].
    pub t4: [[Option<u64>; 5]; 3],
}

/// One cell of the truth: table, row key, column key, value (blank = `None`).
pub type TruthCell = (TableKey, &'static str, &'static str, Option<f64>);

impl Truth {
    /// Random consistent tables. `small` keeps counts to a few units (for glued digits).
    pub fn random(rng: &mut Rng, small: bool) -> Truth {
        Truth::following(rng, small, None)
    }

    /// Random consistent tables of the year after `last`'s (the same body's report a year
    /// before), or of a first year: 二、上年结转 is last year's 四、结转下年度, column by column,
    /// and the documents in force are last year's plus those issued less those repealed.
    pub fn following(rng: &mut Rng, small: bool, last: Option<&Truth>) -> Truth {
        let mut t3 = [[Some(0u64); 7]; 25];
        let scale = if small { rng.weighted(&[40, 60, 0, 0]) } else { rng.weighted(&[20, 35, 30, 15]) };
        let max_new = [0, 4, 40, 300][scale];
        // Applicant columns: natural persons dominate, businesses sometimes, the rest rarely.
        let share = [100, 35, 5, 8, 8, 12];
        let outcome_weights: [u64; 21] = [40, 10, 1, 1, 1, 3, 2, 3, 1, 2, 20, 3, 2, 4, 4, 1, 1, 2, 3, 0, 4];
        for (c, pct) in share.iter().enumerate() {
            let active = max_new > 0 && rng.chance(*pct);
            let new = if active { rng.range(1, (max_new * pct / 100).max(1)) } else { 0 };
            let carried = match last {
                Some(last) => last.t3[24][c].unwrap_or(0),
                None if active && scale >= 2 && rng.chance(25) => rng.range(0, new / 5 + 1),
                None => 0,
            };
            if new + carried == 0 {
                continue;
            }
            let forward =
                if active && scale >= 2 && rng.chance(30) { rng.range(0, (new + carried) / 5) } else { 0 };
            t3[0][c] = Some(new);
            t3[1][c] = Some(carried);
            t3[24][c] = Some(forward);
            let handled = new + carried - forward;
            t3[OUTCOME_TOTAL][c] = Some(handled);
            for _ in 0..handled {
                let r = 2 + rng.weighted(&outcome_weights);
                t3[r][c] = Some(t3[r][c].unwrap_or(0) + 1);
            }
        }
        for row in &mut t3 {
            row[TOTAL] = Some(row[..TOTAL].iter().map(|v| v.unwrap_or(0)).sum());
        }
        let mut t4 = [[Some(0u64); 5]; 3];
        for (g, pct) in [30, 15, 10].iter().enumerate() {
            if small || !rng.chance(*pct) {
                continue;
            }
            for cell in t4[g].iter_mut().take(4) {
                if rng.chance(45) {
                    *cell = Some(rng.range(1, 3));
                }
            }
            t4[g][4] = Some(t4[g][..4].iter().map(|v| v.unwrap_or(0)).sum());
        }
        let mut docs = [[0u64; 3]; 2];
        if !small && rng.chance(50) {
            let issued = rng.range(0, 12);
            let repealed = rng.range(0, 5);
            docs[1] = [issued, repealed, issued + rng.range(0, 80)];
        }
        if let Some(last) = last {
            for (row, was) in docs.iter_mut().zip(last.docs) {
                let [issued, repealed, _] = *row;
                let repealed = repealed.min(was[2]);
                *row = [issued, repealed, was[2] + issued - repealed];
            }
        }
        let big =
            |rng: &mut Rng, p| if rng.chance(p) { rng.range(1, if small { 9 } else { 4000 }) } else { 0 };
        let decisions = [big(rng, 40), big(rng, 45), big(rng, 15)];
        let fees = if !small && rng.chance(25) {
            format!("{}.{:02}", rng.range(0, 300), rng.range(1, 99))
        } else {
            "0".to_string()
        };
        Truth { docs, decisions, fees, t3, t4 }
    }

    /// True when every applicant cell of table 3 is 0 (only then is a totals-only layout faithful).
    pub fn t3_is_zero(&self) -> bool {
        self.t3.iter().all(|r| r.iter().all(|v| v.unwrap_or(0) == 0))
    }

    /// Every printed cell, for comparison with what a reader extracted.
    pub fn cells(&self) -> Vec<TruthCell> {
        let mut out = Vec::new();
        let p = TableKey::Proactive;
        for (r, row) in self.docs.iter().enumerate() {
            for (c, col) in ["issued", "repealed", "in_force"].iter().enumerate() {
                out.push((p, T2_ROWS[r].key, *col, Some(row[c] as f64)));
            }
        }
        for (i, v) in self.decisions.iter().enumerate() {
            out.push((p, T2_ROWS[2 + i].key, "decisions", Some(*v as f64)));
        }
        out.push((p, "fees", "amount_wan", self.fees.parse::<f64>().ok()));
        for (r, row) in self.t3.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                out.push((TableKey::Requests, T3_ROWS[r].key, T3_COLUMNS[c].key, v.map(|v| v as f64)));
            }
        }
        for (g, row) in self.t4.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                out.push((TableKey::Appeals, T4_GROUPS[g].key, T4_COLUMNS[c].key, v.map(|v| v as f64)));
            }
        }
        out
    }

    /// The identities of table 3 and 4 that fail: `(code, row or group index, column index)`,
    /// with the cell a finding points at (XG202/XG204 at the row's total, XG201/XG203 at the
    /// column's （七）总计).
    pub fn failing_identities(&self) -> Vec<(&'static str, TableKey, usize, usize)> {
        let v = |r: usize, c: usize| self.t3[r][c].unwrap_or(0) as i64;
        let mut out = Vec::new();
        for c in 0..7 {
            if v(0, c) + v(1, c) != v(OUTCOME_TOTAL, c) + v(24, c) && self.t3[OUTCOME_TOTAL][c].is_some() {
                out.push(("XG201", TableKey::Requests, OUTCOME_TOTAL, c));
            }
        }
        for r in 0..25 {
            if self.t3[r][TOTAL].is_some() && v(r, TOTAL) != (0..TOTAL).map(|c| v(r, c)).sum::<i64>() {
                out.push(("XG202", TableKey::Requests, r, TOTAL));
            }
        }
        for c in 0..7 {
            if self.t3[OUTCOME_TOTAL][c].is_some()
                && v(OUTCOME_TOTAL, c) != (2..OUTCOME_TOTAL).map(|r| v(r, c)).sum::<i64>()
            {
                out.push(("XG203", TableKey::Requests, OUTCOME_TOTAL, c));
            }
        }
        for g in 0..3 {
            let w = |c: usize| self.t4[g][c].unwrap_or(0);
            if self.t4[g][4].is_some() && w(4) != (0..4).map(w).sum::<u64>() {
                out.push(("XG204", TableKey::Appeals, g, 4));
            }
        }
        out
    }
}

/// A cell of a printed grid: its text (`None` blank), row and column span, and for a value
/// cell, which table cell it prints.
#[derive(Debug, Clone)]
pub struct GridCell {
    /// The printed text.
    pub text: Option<String>,
    /// Rows spanned.
    pub rowspan: u32,
    /// Columns spanned.
    pub colspan: u32,
    /// `(table, row index, column index)` for a value cell.
    pub value: Option<(TableKey, usize, usize)>,
}

/// A printed table: rows of cells.
pub type Grid = Vec<Vec<GridCell>>;

fn lab(s: &str, rowspan: u32, colspan: u32) -> GridCell {
    GridCell { text: Some(s.to_string()), rowspan, colspan, value: None }
}

fn val(v: Option<String>, at: (TableKey, usize, usize), colspan: u32) -> GridCell {
    GridCell { text: v, rowspan: 1, colspan, value: Some(at) }
}

/// Brackets and colons in one of the two widths real reports use.
#[derive(Debug, Clone, Copy)]
pub struct Punct {
    /// Full-width （）：，
    pub full: bool,
}

impl Punct {
    /// `（x）` or `(x)`.
    pub fn paren(self, x: &str) -> String {
        if self.full {
            format!("（{x}）")
        } else {
            format!("({x})")
        }
    }
    /// `：` or `:`.
    pub fn colon(self) -> &'static str {
        if self.full {
            "："
        } else {
            ":"
        }
    }
    /// `，` or `,`.
    pub fn comma(self) -> &'static str {
        if self.full {
            "，"
        } else {
            ","
        }
    }
}

/// Table 2's grid.
pub fn t2_grid(t: &Truth, p: Punct) -> Grid {
    let mut g: Grid = Vec::new();
    let key = TableKey::Proactive;
    let head = |g: &mut Grid, item: &str, cols: &[&str]| {
        g.push(vec![lab(&format!("第二十条第{}项", p.paren(item)), 1, 4)]);
        let mut r = vec![lab("信息内容", 1, 1)];
        for col in cols {
            r.push(lab(col, 1, if cols.len() == 1 { 3 } else { 1 }));
        }
        g.push(r);
    };
    head(&mut g, "一", &["本年制发件数", "本年废止件数", "现行有效件数"]);
    for (r, label) in ["规章", "行政规范性文件"].iter().enumerate() {
        let mut row = vec![lab(label, 1, 1)];
        for c in 0..3 {
            row.push(val(Some(t.docs[r][c].to_string()), (key, r, c), 1));
        }
        g.push(row);
    }
    head(&mut g, "五", &["本年处理决定数量"]);
    g.push(vec![lab("行政许可", 1, 1), val(Some(t.decisions[0].to_string()), (key, 2, 0), 3)]);
    head(&mut g, "六", &["本年处理决定数量"]);
    g.push(vec![lab("行政处罚", 1, 1), val(Some(t.decisions[1].to_string()), (key, 3, 0), 3)]);
    g.push(vec![lab("行政强制", 1, 1), val(Some(t.decisions[2].to_string()), (key, 4, 0), 3)]);
    head(&mut g, "八", &[&format!("本年收费金额{}", p.paren(&format!("单位{}万元", p.colon())))]);
    g.push(vec![lab("行政事业性收费", 1, 1), val(Some(t.fees.clone()), (key, 5, 0), 3)]);
    g
}

/// The label a report prints for row `r` of table 3 (without its group label).
fn t3_label(r: usize, p: Punct) -> String {
    let key = T3_ROWS[r].key;
    match key {
        "new" => "一、本年新收政府信息公开申请数量".into(),
        "carried_over" => "二、上年结转政府信息公开申请数量".into(),
        "granted" => format!("{}予以公开", p.paren("一")),
        "partial" => format!(
            "{}部分公开{}",
            p.paren("二"),
            p.paren(&format!("区分处理的{}只计这一情形{}不计其他情形", p.comma(), p.comma()))
        ),
        "other_no_correction" => "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请".into(),
        "other_no_fee" => "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请".into(),
        "outcome_total" => format!("{}总计", p.paren("七")),
        "carried_forward" => "四、结转下年度继续办理".into(),
        _ => {
            let l = T3_ROWS[r].label;
            l.rsplit_once('）').map_or(l, |(_, l)| l).to_string()
        }
    }
}

/// Table 3's grid.
pub fn t3_grid(t: &Truth, p: Punct) -> Grid {
    let head = format!(
        "{}本列数据的勾稽关系为{}第一项加第二项之和{}等于第三项加第四项之和{}",
        if p.full { "（" } else { "(" },
        p.colon(),
        p.comma(),
        if p.full { "）" } else { ")" }
    );
    let mut g: Grid = vec![
        vec![lab(&head, 3, 3), lab("申请人情况", 1, 7)],
        vec![lab("自然人", 2, 1), lab("法人或其他组织", 1, 5), lab("总计", 2, 1)],
        vec![
            lab("商业企业", 1, 1),
            lab("科研机构", 1, 1),
            lab("社会公益组织", 1, 1),
            lab("法律服务机构", 1, 1),
            lab("其他", 1, 1),
        ],
    ];
    let groups: [(usize, &str, u32); 4] = [(4, "三", 8), (12, "四", 3), (15, "五", 5), (20, "六", 3)];
    let group_names = ["不予公开", "无法提供", "不予处理", "其他处理"];
    for r in 0..25 {
        let mut row = Vec::new();
        if r == 2 {
            row.push(lab("三、本年度办理结果", 22, 1));
        }
        if let Some(i) = groups.iter().position(|(at, _, _)| *at == r) {
            let (_, n, span) = groups[i];
            row.push(lab(&format!("{}{}", p.paren(n), group_names[i]), span, 1));
        }
        let grouped = groups.iter().any(|(at, _, n)| r >= *at && r < at + *n as usize);
        let span = if grouped {
            1
        } else if (2..24).contains(&r) {
            2
        } else {
            3
        };
        row.push(lab(&t3_label(r, p), 1, span));
        for c in 0..7 {
            row.push(val(t.t3[r][c].map(|v| v.to_string()), (TableKey::Requests, r, c), 1));
        }
        g.push(row);
    }
    g
}

/// Table 4's grid.
pub fn t4_grid(t: &Truth) -> Grid {
    let mut g: Grid = vec![
        vec![lab("行政复议", 2, 5), lab("行政诉讼", 1, 10)],
        vec![lab("未经复议直接起诉", 1, 5), lab("复议后起诉", 1, 5)],
    ];
    let mut heads = Vec::new();
    for _ in 0..3 {
        heads.extend(T4_COLUMNS.iter().map(|c| lab(c.label, 1, 1)));
    }
    g.push(heads);
    let mut r = Vec::new();
    for (gi, group) in t.t4.iter().enumerate() {
        for (c, v) in group.iter().enumerate() {
            r.push(val(v.map(|v| v.to_string()), (TableKey::Appeals, gi, c), 1));
        }
    }
    g.push(r);
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tables_satisfy_every_identity() {
        for i in 0..200 {
            let mut rng = Rng::for_report(9, i);
            let t = Truth::random(&mut rng, i % 3 == 0);
            assert_eq!(t.failing_identities(), vec![], "report {i}");
            assert!(t.docs.iter().all(|d| d[2] >= d[0]));
        }
    }

    #[test]
    fn one_changed_outcome_cell_breaks_its_row_and_its_column() {
        let mut t = Truth::random(&mut Rng::for_report(1, 1), false);
        t.t3[2][1] = Some(t.t3[2][1].unwrap() + 2);
        assert_eq!(
            t.failing_identities(),
            vec![("XG202", TableKey::Requests, 2, TOTAL), ("XG203", TableKey::Requests, OUTCOME_TOTAL, 1)]
        );
    }
}
