//! Locating the culprit: the one cell whose change would make every identity of a table hold.
//!
//! RULES.md, "Locating the culprit": when identities fail, look for the smallest change that
//! makes the whole table consistent. A single cell explains the failures only when every
//! failing identity contains it and one new value for it satisfies all of them without
//! breaking another. Anything else (no such cell, or several) is [`Culprit::Unexplained`]:
//! the diagnostics then list the failing sums and never guess.
//!
//! This module is pure arithmetic over a grid of values; `sheet.rs` builds the grid and the
//! identities of tables 3 and 4 from the report.

/// A cell of the grid: (row index, column index).
pub(crate) type CellRef = (usize, usize);

/// Values closer than this are equal (counts are integers; decimals only from bad input).
const EPS: f64 = 1e-6;

/// `sum(lhs) = sum(rhs)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    /// The total side (`总计`, or 一 + 二).
    pub lhs: Vec<CellRef>,
    /// The parts side.
    pub rhs: Vec<CellRef>,
}

impl Identity {
    /// Whether the identity mentions `cell`, and on which side (`1` = lhs, `-1` = rhs).
    fn side_of(&self, cell: CellRef) -> Option<f64> {
        if self.lhs.contains(&cell) {
            Some(1.0)
        } else if self.rhs.contains(&cell) {
            Some(-1.0)
        } else {
            None
        }
    }
    /// Both sums, or `None` when a cell it needs is unknown (a missing or unreadable row).
    pub fn sums(&self, grid: &Grid) -> Option<(f64, f64)> {
        let sum = |cells: &[CellRef]| cells.iter().map(|&c| grid.get(c)).sum::<Option<f64>>();
        Some((sum(&self.lhs)?, sum(&self.rhs)?))
    }
    /// `Some(true)` when it holds, `Some(false)` when it fails, `None` when it cannot be told.
    pub fn holds(&self, grid: &Grid) -> Option<bool> {
        self.sums(grid).map(|(l, r)| (l - r).abs() < EPS)
    }
}

/// A table's values by (row, column); `None` for a cell that cannot be used (its row is
/// missing or could not be read). A blank cell is `Some(0.0)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Row-major values.
    pub values: Vec<Vec<Option<f64>>>,
}

impl Grid {
    /// The value of a cell (`None` when unknown or out of range).
    pub fn get(&self, (r, c): CellRef) -> Option<f64> {
        self.values.get(r).and_then(|row| row.get(c)).copied().flatten()
    }
    fn with(&self, (r, c): CellRef, value: f64) -> Grid {
        let mut g = self.clone();
        if let Some(slot) = g.values.get_mut(r).and_then(|row| row.get_mut(c)) {
            *slot = Some(value);
        }
        g
    }
}

/// What explains the failing identities of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Culprit {
    /// Every identity that can be checked holds.
    Consistent,
    /// Changing this one cell from `value` to `balancing` makes every identity hold.
    Cell {
        /// The cell.
        at: CellRef,
        /// Its value now.
        value: f64,
        /// The value that would balance every identity.
        balancing: f64,
    },
    /// No single cell explains every failure (`candidates == 0`), or several would equally.
    Unexplained {
        /// How many single cells would each make every identity hold (0 or ≥ 2).
        candidates: usize,
    },
}

/// The indices of the identities that fail.
pub(crate) fn failing(grid: &Grid, identities: &[Identity]) -> Vec<usize> {
    (0..identities.len()).filter(|&i| identities[i].holds(grid) == Some(false)).collect()
}

/// Look for the one cell whose change makes every identity hold.
pub(crate) fn locate(grid: &Grid, identities: &[Identity]) -> Culprit {
    let failed = failing(grid, identities);
    let Some(&first) = failed.first() else { return Culprit::Consistent };
    let mut found = Vec::new();
    // A candidate must sit in every failing identity, so the first one's cells are all candidates.
    let id = &identities[first];
    for &cell in id.lhs.iter().chain(&id.rhs) {
        if found.iter().any(|&(c, _, _)| c == cell)
            || !failed.iter().all(|&i| identities[i].side_of(cell).is_some())
        {
            continue;
        }
        let (Some(value), Some((l, r)), Some(side)) = (grid.get(cell), id.sums(grid), id.side_of(cell))
        else {
            continue;
        };
        // lhs − rhs must become 0: a cell on the lhs moves by −(l − r), on the rhs by +(l − r).
        let balancing = value - side * (l - r);
        if balancing < -EPS || (balancing - balancing.round()).abs() > EPS {
            continue;
        }
        let balancing = balancing.round();
        let fixed = grid.with(cell, balancing);
        if identities.iter().all(|i| i.holds(&fixed) != Some(false)) {
            found.push((cell, value, balancing));
        }
    }
    match found.as_slice() {
        [(at, value, balancing)] => Culprit::Cell { at: *at, value: *value, balancing: *balancing },
        _ => Culprit::Unexplained { candidates: found.len() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×3 grid with row totals in column 2 and column totals in row 2.
    fn cross(values: [[f64; 3]; 3]) -> (Grid, Vec<Identity>) {
        let grid = Grid { values: values.iter().map(|r| r.iter().map(|&v| Some(v)).collect()).collect() };
        let mut ids = Vec::new();
        for r in 0..3 {
            ids.push(Identity { lhs: vec![(r, 2)], rhs: vec![(r, 0), (r, 1)] });
        }
        for c in 0..3 {
            ids.push(Identity { lhs: vec![(2, c)], rhs: vec![(0, c), (1, c)] });
        }
        (grid, ids)
    }

    #[test]
    fn consistent_table_has_no_culprit() {
        let (g, ids) = cross([[1.0, 2.0, 3.0], [4.0, 5.0, 9.0], [5.0, 7.0, 12.0]]);
        assert_eq!(failing(&g, &ids), Vec::<usize>::new());
        assert_eq!(locate(&g, &ids), Culprit::Consistent);
    }

    #[test]
    fn one_cell_that_explains_a_row_and_a_column() {
        // (1,1) printed 0 where 5 balances both row 1 and column 1.
        let (g, ids) = cross([[1.0, 2.0, 3.0], [4.0, 0.0, 9.0], [5.0, 7.0, 12.0]]);
        assert_eq!(failing(&g, &ids), vec![1, 4]);
        assert_eq!(locate(&g, &ids), Culprit::Cell { at: (1, 1), value: 0.0, balancing: 5.0 });
    }

    #[test]
    fn a_wrong_total_cell_is_found_too() {
        // The grand total (2,2) says 13; row 2 and column 2 both say 12.
        let (g, ids) = cross([[1.0, 2.0, 3.0], [4.0, 5.0, 9.0], [5.0, 7.0, 13.0]]);
        assert_eq!(locate(&g, &ids), Culprit::Cell { at: (2, 2), value: 13.0, balancing: 12.0 });
    }

    #[test]
    fn failures_that_do_not_cross_are_unexplained() {
        // Row 0 misses by 1, column 1 misses by 2: no single cell fixes both.
        let (g, ids) = cross([[1.0, 2.0, 4.0], [4.0, 5.0, 9.0], [5.0, 9.0, 13.0]]);
        assert!(failing(&g, &ids).len() >= 2);
        assert_eq!(locate(&g, &ids), Culprit::Unexplained { candidates: 0 });
    }

    #[test]
    fn several_equal_fixes_are_unexplained() {
        let g = Grid { values: vec![vec![Some(1.0), Some(2.0), Some(4.0)]] };
        let ids = vec![Identity { lhs: vec![(0, 2)], rhs: vec![(0, 0), (0, 1)] }];
        // With only that identity, three cells fix it equally: never a guess.
        assert_eq!(locate(&g, &ids), Culprit::Unexplained { candidates: 3 });
    }

    #[test]
    fn a_negative_balancing_value_is_no_culprit() {
        // Row 1 and column 1 both need (1,1) to drop by 6, below 0.
        let (g, ids) = cross([[1.0, 2.0, 3.0], [4.0, 5.0, 3.0], [5.0, 1.0, 6.0]]);
        assert_eq!(locate(&g, &ids), Culprit::Unexplained { candidates: 0 });
    }

    #[test]
    fn unknown_cells_are_skipped_not_guessed() {
        let (mut g, ids) = cross([[1.0, 2.0, 3.0], [4.0, 0.0, 9.0], [5.0, 7.0, 12.0]]);
        g.values[0][0] = None;
        // Row 0 and column 0 cannot be told; row 1 and column 1 still cross in (1,1).
        assert_eq!(ids[0].holds(&g), None);
        assert_eq!(locate(&g, &ids), Culprit::Cell { at: (1, 1), value: 0.0, balancing: 5.0 });
    }
}
