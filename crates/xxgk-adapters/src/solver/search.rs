//! The whole-table search: pick one candidate per row so that the table satisfies the most
//! identities, exactly (branch and bound) while a node budget lasts, else by coordinate descent.
use super::candidates::{Cand, EPS};
use super::{RowInput, MAX_ALTERNATIVES, MAX_SWEEPS};
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
pub(crate) fn search(rows: &[SearchRow<'_>], idents: &[Ident], node_budget: u64) -> Outcome {
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
        // Branch first on the rows whose readings differ most in what they add to the
        // identities (a glued 总计 row before a row of single requests): the bounds then
        // tighten early. Ties keep template order.
        let mut order = comp.clone();
        let spread: Vec<f64> = order.iter().map(|&r| spread(&rows[r], r, &relevant)).collect();
        let mut by: Vec<usize> = (0..order.len()).collect();
        by.sort_by(|&a, &b| spread[b].total_cmp(&spread[a]));
        order = by.iter().map(|&i| comp[i]).collect();
        let p = Problem::new(rows, &order, &relevant);
        let (chosen, mut optimal, exact, nodes) = p.solve(node_budget);
        out.nodes += nodes;
        // The chosen candidate first, then the others in preference order.
        for (seen, &c) in optimal.iter_mut().zip(&chosen) {
            seen.retain(|&x| x != c);
            seen.sort_unstable();
            seen.insert(0, c);
            seen.truncate(MAX_ALTERNATIVES + 1);
        }
        for (d, &r) in order.iter().enumerate() {
            out.chosen[r] = chosen[d];
            out.optimal[r] = optimal[d].clone();
            out.exact[r] = exact;
        }
    }
    out
}

/// How much the candidates of row `r` differ in what they add to the identities.
fn spread(row: &SearchRow<'_>, r: usize, idents: &[&Ident]) -> f64 {
    let mut total = 0.0;
    for id in idents {
        let terms: Vec<_> = id.terms.iter().filter(|t| t.0 == r).collect();
        if terms.is_empty() {
            continue;
        }
        let values = row.cands.iter().map(|c| {
            terms.iter().map(|&&(_, col, coef)| coef * c.nums.get(col).copied().unwrap_or(0.0)).sum::<f64>()
        });
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if hi >= lo {
            total += hi - lo;
        }
    }
    total
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
    /// Per depth: the row's place in template order (for the lexicographic tie-break).
    rank: Vec<usize>,
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
        let rank = comp.iter().map(|&r| comp.iter().filter(|&&x| x < r).count()).collect();
        Problem { rows: comp.iter().map(|&r| &all[r]).collect(), terms, base, suffix_min, suffix_max, rank }
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
    /// residual of failing identities, then the candidate indices in template order (leftmost
    /// split first).
    fn key(&self, picks: &[usize], res: &[f64]) -> Key {
        let mut other_kind = 0;
        let mut residual: f64 = res.iter().filter(|r| r.abs() >= EPS).map(|r| r.abs()).sum();
        for (row, &c) in self.rows.iter().zip(picks) {
            let cand = &row.cands[c];
            other_kind += usize::from(cand.kind != row.preferred);
            residual += cand.local_residual;
        }
        let mut lex = vec![0; picks.len()];
        for (d, &c) in picks.iter().enumerate() {
            lex[self.rank[d]] = c;
        }
        Key { other_kind, residual, lex }
    }

    /// The cross-row identities an assignment satisfies.
    fn score(&self, picks: &[usize]) -> usize {
        let mut res = self.base.clone();
        for (d, &c) in picks.iter().enumerate() {
            self.apply(d, c, &mut res, 1.0);
        }
        Self::satisfied(&res)
    }

    /// Search the component: coordinate descent for a first answer, then branch and bound for a
    /// strictly better one (cutting every branch that cannot beat the best so far), then branch
    /// and bound again for every assignment as good as the best (cutting those that cannot
    /// match it), to find the preferred one and what each row could be instead. Returns the
    /// choice, per row the candidates seen in optimal assignments, whether the search was
    /// exhaustive, and the nodes visited.
    fn solve(&self, budget: u64) -> (Vec<usize>, Vec<Vec<usize>>, bool, u64) {
        let start = self.descend(vec![0; self.rows.len()]);
        let mut improve = BranchAndBound::new(self, Mode::Improve, budget, self.score(&start), start);
        improve.run(self);
        if improve.aborted {
            let chosen = self.descend(improve.best.clone());
            let ties = self.ties(&chosen);
            return (chosen, ties, false, improve.nodes);
        }
        let mut collect =
            BranchAndBound::new(self, Mode::Collect, budget, improve.best_score, improve.best.clone());
        collect.run(self);
        let nodes = improve.nodes + collect.nodes;
        if collect.found {
            let mut optimal = collect.optimal;
            if collect.aborted {
                // Add what changing one row alone shows.
                for (seen, ties) in optimal.iter_mut().zip(self.ties(&collect.best)) {
                    for c in ties {
                        if !seen.contains(&c) {
                            seen.push(c);
                        }
                    }
                }
            }
            (collect.best, optimal, !collect.aborted, nodes)
        } else {
            // Unreachable in principle (the improve phase's best is itself optimal); keep it.
            let ties = self.ties(&improve.best);
            (improve.best, ties, false, nodes)
        }
    }

    /// Coordinate descent from `picks`: change one row at a time to its best candidate (more
    /// identities, or as many and earlier in preference order) until nothing changes or
    /// [`MAX_SWEEPS`] sweeps.
    fn descend(&self, mut picks: Vec<usize>) -> Vec<usize> {
        let mut res = self.base.clone();
        for (d, &c) in picks.iter().enumerate() {
            self.apply(d, c, &mut res, 1.0);
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
        picks
    }

    /// Per row, the chosen candidate and those that satisfy as many identities when only that
    /// row changes (what is known of the alternatives when the search was not exhaustive).
    fn ties(&self, picks: &[usize]) -> Vec<Vec<usize>> {
        let mut res = self.base.clone();
        for (d, &c) in picks.iter().enumerate() {
            self.apply(d, c, &mut res, 1.0);
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
        optimal
    }
}

fn contribution(terms: &[(usize, usize, f64)], i: usize, cand: &Cand) -> f64 {
    terms
        .iter()
        .filter(|t| t.0 == i)
        .map(|&(_, col, coef)| coef * cand.nums.get(col).copied().unwrap_or(0.0))
        .sum()
}

/// See [`Problem::key`].
#[derive(Debug, Clone)]
struct Key {
    other_kind: usize,
    residual: f64,
    lex: Vec<usize>,
}

impl Key {
    fn better_than(&self, other: &Key) -> bool {
        match self.other_kind.cmp(&other.other_kind) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal if (self.residual - other.residual).abs() >= EPS => {
                self.residual < other.residual
            }
            Ordering::Equal => self.lex < other.lex,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Look for an assignment strictly better than the best known.
    Improve,
    /// Visit every assignment as good as the best known.
    Collect,
}

struct BranchAndBound {
    mode: Mode,
    budget: u64,
    nodes: u64,
    aborted: bool,
    best_score: usize,
    /// In collect mode: whether a leaf matching `best_score` was reached.
    found: bool,
    best_key: Option<Key>,
    best: Vec<usize>,
    optimal: Vec<Vec<usize>>,
}

impl BranchAndBound {
    fn new(p: &Problem<'_>, mode: Mode, budget: u64, best_score: usize, best: Vec<usize>) -> Self {
        BranchAndBound {
            mode,
            budget,
            nodes: 0,
            aborted: false,
            best_score,
            found: false,
            best_key: None,
            best,
            optimal: vec![Vec::new(); p.rows.len()],
        }
    }

    fn run(&mut self, p: &Problem<'_>) {
        let mut res = p.base.clone();
        let mut picks = Vec::with_capacity(p.rows.len());
        self.dfs(p, 0, &mut res, &mut picks);
    }

    fn dfs(&mut self, p: &Problem<'_>, d: usize, res: &mut Vec<f64>, picks: &mut Vec<usize>) {
        self.nodes += 1;
        if self.nodes > self.budget {
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
        let cut = match self.mode {
            Mode::Improve => bound <= self.best_score,
            Mode::Collect => bound < self.best_score,
        };
        if cut {
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
        if self.mode == Mode::Improve {
            // Only strictly better leaves get past the cut.
            self.best_score = score;
            self.best = picks.to_vec();
            return;
        }
        if score != self.best_score {
            return;
        }
        self.found = true;
        for (d, &c) in picks.iter().enumerate() {
            let seen = &mut self.optimal[d];
            if !seen.contains(&c) && seen.len() <= MAX_ALTERNATIVES + 1 {
                seen.push(c);
            }
        }
        let key = p.key(picks, res);
        if self.best_key.as_ref().is_none_or(|b| key.better_than(b)) {
            self.best_key = Some(key);
            self.best = picks.to_vec();
        }
    }
}
