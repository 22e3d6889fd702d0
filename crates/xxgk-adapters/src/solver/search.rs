//! The whole-table search: pick one candidate per row so that the table satisfies the most
//! identities, exactly (branch and bound) while a node budget lasts, else by coordinate descent.
use super::candidates::{Cand, EPS};
use super::{RowInput, MAX_ALTERNATIVES, MAX_SEARCH_NODES, MAX_SWEEPS};
use std::cmp::Ordering;
use xxgk_model::{InferenceKind, TableKey, T3_OUTCOME_ROWS};

/// A linear identity across rows: Σ coef · value(row, col) = 0.
#[derive(Debug, Clone)]
pub(crate) struct Ident {
    pub terms: Vec<(usize, usize, f64)>,
}

impl Ident {
    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().map(|t| t.0)
    }
}

/// The identities of the table that span rows (MODEL.md §3): for table 3, per column, the
/// column balance and the outcome sum. An identity with a row missing from the input is not
/// applicable and left out. Row-local identities (row total, group total) are the candidates'.
pub(crate) fn identities(table: TableKey, rows: &[RowInput]) -> Vec<Ident> {
    if table != TableKey::Requests {
        return Vec::new();
    }
    let find = |key: &str| rows.iter().position(|r| r.key == key && r.columns == 7);
    let mut out = Vec::new();
    let balance = [("new", 1.0), ("carried_over", 1.0), ("outcome_total", -1.0), ("carried_forward", -1.0)];
    if let Some(idx) = balance.iter().map(|(k, c)| find(k).map(|i| (i, *c))).collect::<Option<Vec<_>>>() {
        for col in 0..7 {
            out.push(Ident { terms: idx.iter().map(|&(i, c)| (i, col, c)).collect() });
        }
    }
    let outcome: Option<Vec<(usize, f64)>> = std::iter::once(("outcome_total", 1.0))
        .chain(T3_OUTCOME_ROWS.iter().map(|k| (*k, -1.0)))
        .map(|(k, c)| find(k).map(|i| (i, c)))
        .collect();
    if let Some(idx) = outcome {
        for col in 0..7 {
            out.push(Ident { terms: idx.iter().map(|&(i, c)| (i, col, c)).collect() });
        }
    }
    out
}

/// What the search found.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The chosen candidate of every row.
    pub chosen: Vec<usize>,
    /// Per row, the distinct candidates seen in optimal assignments (the chosen one first), at
    /// most `MAX_ALTERNATIVES + 1`.
    pub optimal: Vec<Vec<usize>>,
    /// Per row, whether its component was searched exhaustively.
    pub exact: Vec<bool>,
    /// Nodes visited by the exact search, all components.
    pub nodes: u64,
}

/// A row for the search: its candidates and which kind it prefers.
pub(crate) struct SearchRow<'a> {
    pub cands: &'a [Cand],
    pub preferred: InferenceKind,
}

/// Choose a candidate per row.
pub(crate) fn search(rows: &[SearchRow<'_>], idents: &[Ident]) -> Outcome {
    let n = rows.len();
    let mut out = Outcome { chosen: vec![0; n], optimal: vec![vec![0]; n], exact: vec![true; n], nodes: 0 };
    let free: Vec<bool> = rows.iter().map(|r| r.cands.len() > 1).collect();
    // Components: free rows joined by an identity they share.
    let mut parent: Vec<usize> = (0..n).collect();
    for id in idents {
        let mut first = None;
        for r in id.rows().filter(|&r| free[r]) {
            match first {
                None => first = Some(r),
                Some(f) => union(&mut parent, f, r),
            }
        }
    }
    let mut comps: Vec<Vec<usize>> = Vec::new();
    let mut comp_of = vec![usize::MAX; n];
    for r in (0..n).filter(|&r| free[r]) {
        let root = find(&mut parent, r);
        if comp_of[root] == usize::MAX {
            comp_of[root] = comps.len();
            comps.push(Vec::new());
        }
        comps[comp_of[root]].push(r);
    }
    for comp in comps {
        let relevant: Vec<&Ident> = idents.iter().filter(|id| id.rows().any(|r| comp.contains(&r))).collect();
        let p = Problem::new(rows, &comp, &relevant);
        let mut bb = BranchAndBound::new(&p);
        let mut res = p.base.clone();
        let mut picks = Vec::with_capacity(comp.len());
        bb.dfs(&p, 0, &mut res, &mut picks);
        out.nodes += bb.nodes;
        let (chosen, mut optimal, exact) = if bb.aborted {
            let (chosen, optimal) = p.descend();
            (chosen, optimal, false)
        } else {
            (bb.best, bb.optimal, true)
        };
        // The chosen candidate first, then the others in preference order.
        for (seen, &c) in optimal.iter_mut().zip(&chosen) {
            seen.retain(|&x| x != c);
            seen.sort_unstable();
            seen.insert(0, c);
            seen.truncate(MAX_ALTERNATIVES + 1);
        }
        for (d, &r) in comp.iter().enumerate() {
            out.chosen[r] = chosen[d];
            out.optimal[r] = optimal[d].clone();
            out.exact[r] = exact;
        }
    }
    out
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// One component, with everything the search needs precomputed.
struct Problem<'a> {
    rows: Vec<&'a SearchRow<'a>>,
    /// Per depth: (identity, column, coefficient) terms of that row.
    terms: Vec<Vec<(usize, usize, f64)>>,
    /// Per identity: the fixed rows' contribution.
    base: Vec<f64>,
    /// Per identity and depth: the least and most the rows from that depth on can add.
    suffix_min: Vec<Vec<f64>>,
    suffix_max: Vec<Vec<f64>>,
}

impl<'a> Problem<'a> {
    fn new(all: &'a [SearchRow<'a>], comp: &[usize], idents: &[&Ident]) -> Self {
        let depth_of = |r: usize| comp.iter().position(|&c| c == r);
        let mut terms = vec![Vec::new(); comp.len()];
        let mut base = vec![0.0; idents.len()];
        for (i, id) in idents.iter().enumerate() {
            for &(r, col, coef) in &id.terms {
                match depth_of(r) {
                    Some(d) => terms[d].push((i, col, coef)),
                    None => {
                        base[i] += coef
                            * all[r].cands.first().map_or(0.0, |c| c.nums.get(col).copied().unwrap_or(0.0))
                    }
                }
            }
        }
        let mut suffix_min = vec![vec![0.0; comp.len() + 1]; idents.len()];
        let mut suffix_max = vec![vec![0.0; comp.len() + 1]; idents.len()];
        for d in (0..comp.len()).rev() {
            for i in 0..idents.len() {
                suffix_min[i][d] = suffix_min[i][d + 1];
                suffix_max[i][d] = suffix_max[i][d + 1];
            }
            let cands = all[comp[d]].cands;
            for i in 0..idents.len() {
                let mut lo = f64::INFINITY;
                let mut hi = f64::NEG_INFINITY;
                let mut touched = false;
                for c in cands {
                    let v = contribution(&terms[d], i, c);
                    touched |= terms[d].iter().any(|t| t.0 == i);
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
                if touched {
                    suffix_min[i][d] += lo;
                    suffix_max[i][d] += hi;
                }
            }
        }
        Problem { rows: comp.iter().map(|&r| &all[r]).collect(), terms, base, suffix_min, suffix_max }
    }

    fn apply(&self, d: usize, c: usize, res: &mut [f64], sign: f64) {
        let cand = &self.rows[d].cands[c];
        for &(i, col, coef) in &self.terms[d] {
            res[i] += sign * coef * cand.nums.get(col).copied().unwrap_or(0.0);
        }
    }

    fn satisfied(res: &[f64]) -> usize {
        res.iter().filter(|r| r.abs() < EPS).count()
    }

    /// The tie-break key of a full assignment: rows not of their preferred kind, then the total
    /// residual of failing identities, then the candidate indices (leftmost split first).
    fn key(&self, picks: &[usize], res: &[f64]) -> (usize, f64) {
        let mut other_kind = 0;
        let mut residual: f64 = res.iter().filter(|r| r.abs() >= EPS).map(|r| r.abs()).sum();
        for (row, &c) in self.rows.iter().zip(picks) {
            let cand = &row.cands[c];
            other_kind += usize::from(cand.kind != row.preferred);
            residual += cand.local_residual;
        }
        (other_kind, residual)
    }

    /// Coordinate descent from the first candidate of every row: change one row at a time to its
    /// best candidate (more identities, or as many and earlier in preference order) until nothing
    /// changes or [`MAX_SWEEPS`] sweeps. Returns the choice and, per row, the candidates that tie
    /// with it when only that row changes.
    fn descend(&self) -> (Vec<usize>, Vec<Vec<usize>>) {
        let mut picks = vec![0; self.rows.len()];
        let mut res = self.base.clone();
        for d in 0..self.rows.len() {
            self.apply(d, 0, &mut res, 1.0);
        }
        for _ in 0..MAX_SWEEPS {
            let mut changed = false;
            for (d, pick) in picks.iter_mut().enumerate() {
                let here = *pick;
                let current = Self::satisfied(&res);
                self.apply(d, here, &mut res, -1.0);
                let mut best = (current, here);
                for c in 0..self.rows[d].cands.len() {
                    self.apply(d, c, &mut res, 1.0);
                    let s = Self::satisfied(&res);
                    self.apply(d, c, &mut res, -1.0);
                    if s > best.0 || (s == best.0 && c < best.1) {
                        best = (s, c);
                    }
                }
                self.apply(d, best.1, &mut res, 1.0);
                if best.1 != here {
                    *pick = best.1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let score = Self::satisfied(&res);
        let mut optimal = Vec::with_capacity(self.rows.len());
        for (d, &here) in picks.iter().enumerate() {
            let mut ties = vec![here];
            self.apply(d, here, &mut res, -1.0);
            for c in (0..self.rows[d].cands.len()).filter(|&c| c != here) {
                self.apply(d, c, &mut res, 1.0);
                if Self::satisfied(&res) == score && ties.len() <= MAX_ALTERNATIVES {
                    ties.push(c);
                }
                self.apply(d, c, &mut res, -1.0);
            }
            self.apply(d, here, &mut res, 1.0);
            optimal.push(ties);
        }
        (picks, optimal)
    }
}

fn contribution(terms: &[(usize, usize, f64)], i: usize, cand: &Cand) -> f64 {
    terms
        .iter()
        .filter(|t| t.0 == i)
        .map(|&(_, col, coef)| coef * cand.nums.get(col).copied().unwrap_or(0.0))
        .sum()
}

struct BranchAndBound {
    nodes: u64,
    aborted: bool,
    best_score: Option<usize>,
    best_key: (usize, f64),
    best: Vec<usize>,
    optimal: Vec<Vec<usize>>,
}

impl BranchAndBound {
    fn new(p: &Problem<'_>) -> Self {
        BranchAndBound {
            nodes: 0,
            aborted: false,
            best_score: None,
            best_key: (usize::MAX, f64::INFINITY),
            best: vec![0; p.rows.len()],
            optimal: vec![Vec::new(); p.rows.len()],
        }
    }

    fn dfs(&mut self, p: &Problem<'_>, d: usize, res: &mut Vec<f64>, picks: &mut Vec<usize>) {
        self.nodes += 1;
        if self.nodes > MAX_SEARCH_NODES {
            self.aborted = true;
        }
        if self.aborted {
            return;
        }
        // The most identities this branch can still satisfy: those whose residual can still
        // reach 0 given the range of what the remaining rows add.
        let bound = (0..res.len())
            .filter(|&i| res[i] + p.suffix_min[i][d] <= EPS && res[i] + p.suffix_max[i][d] >= -EPS)
            .count();
        if self.best_score.is_some_and(|b| bound < b) {
            return;
        }
        if d == p.rows.len() {
            self.leaf(p, res, picks);
            return;
        }
        for c in 0..p.rows[d].cands.len() {
            p.apply(d, c, res, 1.0);
            picks.push(c);
            self.dfs(p, d + 1, res, picks);
            picks.pop();
            p.apply(d, c, res, -1.0);
            if self.aborted {
                return;
            }
        }
    }

    fn leaf(&mut self, p: &Problem<'_>, res: &[f64], picks: &[usize]) {
        let score = Problem::satisfied(res);
        let key = p.key(picks, res);
        match self.best_score.map(|b| score.cmp(&b)) {
            Some(Ordering::Less) => return,
            Some(Ordering::Equal) => {}
            _ => {
                self.best_score = Some(score);
                self.best_key = (usize::MAX, f64::INFINITY);
                self.optimal.iter_mut().for_each(Vec::clear);
            }
        }
        for (d, &c) in picks.iter().enumerate() {
            let seen = &mut self.optimal[d];
            if !seen.contains(&c) && seen.len() <= MAX_ALTERNATIVES + 1 {
                seen.push(c);
            }
        }
        // Candidates are enumerated in preference order, so the first leaf with the least key
        // is also the lexicographically earliest one.
        let better = key.0 < self.best_key.0 || (key.0 == self.best_key.0 && key.1 < self.best_key.1 - EPS);
        if better {
            self.best_key = key;
            self.best = picks.to_vec();
        }
    }
}
