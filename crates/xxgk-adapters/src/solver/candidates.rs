//! Candidate readings of one row: glued digits split into cells, or whole tokens placed in columns.
//!
//! Both generators enumerate in the documented preference order (leftmost cuts first, values in
//! the leftmost columns first), count every recursion step against a shared budget and stop, with
//! `truncated` set, when it runs out, so no input can make them run long.
use super::{parse_value, RowInput, Token, MAX_CANDIDATES_PER_ROW, MAX_GENERATION_STEPS, MAX_PART_DIGITS};
use xxgk_model::{InferenceKind, Span, TableKey, Value};

/// Tolerance for comparing sums (values are integers up to 10^12, or decimals as printed).
pub(crate) const EPS: f64 = 1e-6;

/// One candidate reading of a row.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub values: Vec<Option<Value>>,
    pub spans: Vec<Option<Span>>,
    /// The values for arithmetic (blank = 0).
    pub nums: Vec<f64>,
    pub kind: InferenceKind,
    /// Row-local identities satisfied, and the absolute residual of those that fail.
    pub local_ok: u32,
    pub local_residual: f64,
}

/// What a row's own cells must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// In every group, the last column is the sum of the others (T3 row total, T4 group total).
    Sum,
    /// Table 2 document rows: in_force ≥ issued.
    InForce,
    /// Nothing.
    Plain,
}

/// The layout of a row: groups of columns (each with its total last) and its own constraint.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub groups: Vec<(usize, usize)>,
    pub check: Check,
}

impl Shape {
    /// The shape of a row of `columns` cells in `table`; decided by the column count, so a
    /// table-4 row of 15 cells is the three groups printed in one run.
    pub fn of(table: TableKey, columns: usize) -> Shape {
        let one = vec![(0, columns)];
        match (table, columns) {
            (TableKey::Requests, 7) | (TableKey::Appeals, 5) => Shape { groups: one, check: Check::Sum },
            (TableKey::Appeals, 15) => Shape { groups: vec![(0, 5), (5, 5), (10, 5)], check: Check::Sum },
            (TableKey::Proactive, 3) => Shape { groups: one, check: Check::InForce },
            _ => Shape { groups: one, check: Check::Plain },
        }
    }

    /// How many row-local identities the row has.
    pub fn local_total(&self) -> u32 {
        match self.check {
            Check::Sum => self.groups.len() as u32,
            Check::InForce => 1,
            Check::Plain => 0,
        }
    }

    /// Row-local identities satisfied by `nums`, and the residual of those that fail.
    pub fn local(&self, nums: &[f64]) -> (u32, f64) {
        match self.check {
            Check::Sum => {
                let mut ok = 0;
                let mut residual = 0.0;
                for &(s, n) in &self.groups {
                    let Some(group) = nums.get(s..s + n) else { continue };
                    let Some((total, parts)) = group.split_last() else { continue };
                    let diff = (parts.iter().sum::<f64>() - total).abs();
                    if diff < EPS {
                        ok += 1;
                    } else {
                        residual += diff;
                    }
                }
                (ok, residual)
            }
            Check::InForce => match (nums.first(), nums.get(2)) {
                (Some(&issued), Some(&in_force)) if in_force + EPS >= issued => (1, 0.0),
                (Some(&issued), Some(&in_force)) => (0, issued - in_force),
                _ => (0, 0.0),
            },
            Check::Plain => (0, 0.0),
        }
    }
}

/// Steps spent and whether a limit cut the enumeration short.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Budget {
    pub steps: u64,
    pub truncated: bool,
}

impl Budget {
    fn step(&mut self) -> bool {
        self.steps += 1;
        if self.steps > MAX_GENERATION_STEPS {
            self.truncated = true;
        }
        !self.truncated
    }
}

/// A token as the generators see it.
enum Piece<'a> {
    /// Never split: a blank marker, a decimal, or text that is not a number.
    Fixed { value: Option<Value>, span: Span },
    /// A run of ASCII digits.
    Digits { digits: &'a [u8], token: &'a Token },
}

impl<'a> Piece<'a> {
    fn clone_ref(&self) -> Piece<'a> {
        match *self {
            Piece::Fixed { value, span } => Piece::Fixed { value, span },
            Piece::Digits { digits, token } => Piece::Digits { digits, token },
        }
    }
}

fn pieces(tokens: &[Token]) -> Vec<Piece<'_>> {
    tokens
        .iter()
        .map(|t| {
            let b = t.text.as_bytes();
            if !t.blank && !b.is_empty() && b.iter().all(u8::is_ascii_digit) {
                Piece::Digits { digits: b, token: t }
            } else {
                Piece::Fixed { value: if t.blank { None } else { parse_value(&t.text) }, span: t.span }
            }
        })
        .collect()
}

fn num(v: Option<Value>) -> f64 {
    v.map_or(0.0, Value::as_f64)
}

/// The value of a run of ASCII digits of at most [`MAX_PART_DIGITS`].
fn digits_value(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'))
}

/// The span of chars `o..e` of a digit token.
fn sub_span(token: &Token, o: usize, e: usize) -> Span {
    let start = token.offsets.get(o).copied().unwrap_or(token.span.start);
    let end = if e < token.text.len() {
        token.offsets.get(e).copied().unwrap_or(token.span.end)
    } else {
        token.span.end
    };
    if start <= end {
        Span { start, end }
    } else {
        token.span
    }
}

fn make_cand(
    shape: &Shape,
    kind: InferenceKind,
    values: Vec<Option<Value>>,
    spans: Vec<Option<Span>>,
) -> Cand {
    let nums: Vec<f64> = values.iter().map(|&v| num(v)).collect();
    let (local_ok, local_residual) = shape.local(&nums);
    Cand { values, spans, nums, kind, local_ok, local_residual }
}

/// A cell being built: its number, value, span and width in chars (for the enumeration order).
type Cell = (f64, Option<Value>, Option<Span>, u16);

/// Fewest and most cells the pieces from each index on can make.
fn part_bounds(pieces: &[Piece<'_>]) -> (Vec<usize>, Vec<usize>) {
    let n = pieces.len();
    let mut min_parts = vec![0usize; n + 1];
    let mut max_parts = vec![0usize; n + 1];
    for t in (0..n).rev() {
        min_parts[t] = min_parts[t + 1] + 1;
        max_parts[t] = max_parts[t + 1]
            + match pieces[t] {
                Piece::Digits { digits, .. } => digits.len(),
                Piece::Fixed { .. } => 1,
            };
    }
    (min_parts, max_parts)
}

/// Glued readings: split digit tokens into cells so that there are `columns` cells. Constrained
/// mode keeps only splits that satisfy the row's own constraint, pruning as it goes. The result
/// is in enumeration order: leftmost cuts first.
pub(crate) fn glued(row: &RowInput, shape: &Shape, constrained: bool, budget: &mut Budget) -> Vec<Cand> {
    let pieces = pieces(&row.tokens);
    let single_sum = shape.check == Check::Sum && shape.groups == [(0, row.columns)];
    let mut out = Vec::new();
    match pieces.split_last() {
        // One group whose total ends the row (table 3, a table-4 group): try each total (a suffix
        // of the last token) and split what precedes it into cells that add up to exactly it.
        Some((&Piece::Digits { digits, token }, before)) if constrained && single_sum && row.columns > 1 => {
            let len = digits.len();
            for l in 1..=len.min(MAX_PART_DIGITS) {
                if l > 1 && digits[len - l] == b'0' {
                    continue;
                }
                let target = digits_value(&digits[len - l..]) as f64;
                // The rest must make columns − 1 cells that can add up to the total.
                if before.is_empty() {
                    let (least, most) = sum_range(len - l, row.columns - 1);
                    if target + EPS < least || target > most + EPS {
                        continue;
                    }
                }
                let total =
                    (target, Some(Value::Int(target as i64)), Some(sub_span(token, len - l, len)), l as u16);
                let mut head: Vec<Piece<'_>> = before.iter().map(Piece::clone_ref).collect();
                if l < len {
                    head.push(Piece::Digits { digits: &digits[..len - l], token });
                }
                out = run(&head, row.columns - 1, shape, constrained, Some(target), Some(total), out, budget);
                if budget.truncated {
                    break;
                }
            }
            out.sort_by(|a, b| a.0.cmp(&b.0));
        }
        _ => out = run(&pieces, row.columns, shape, constrained, None, None, out, budget),
    }
    out.into_iter().map(|(_, c)| c).collect()
}

#[allow(clippy::too_many_arguments)]
fn run<'a>(
    pieces: &'a [Piece<'a>],
    columns: usize,
    shape: &'a Shape,
    constrained: bool,
    target: Option<f64>,
    tail: Option<Cell>,
    out: Vec<(Vec<u16>, Cand)>,
    budget: &mut Budget,
) -> Vec<(Vec<u16>, Cand)> {
    let (min_parts, max_parts) = part_bounds(pieces);
    if columns < min_parts[0] || columns > max_parts[0] {
        return out;
    }
    let mut g = Glue {
        pieces,
        columns,
        shape,
        constrained,
        target,
        tail,
        min_parts,
        max_parts,
        cells: Vec::with_capacity(columns + 1),
        out,
        budget,
    };
    g.rec(0, 0);
    g.out
}

struct Glue<'a, 'b> {
    pieces: &'a [Piece<'a>],
    columns: usize,
    shape: &'a Shape,
    constrained: bool,
    /// When set, the cells must add up to exactly this (the row's total, read first).
    target: Option<f64>,
    /// The total cell, appended to every reading when `target` is set.
    tail: Option<Cell>,
    min_parts: Vec<usize>,
    max_parts: Vec<usize>,
    cells: Vec<Cell>,
    out: Vec<(Vec<u16>, Cand)>,
    budget: &'b mut Budget,
}

impl Glue<'_, '_> {
    fn rec(&mut self, t: usize, o: usize) {
        if !self.budget.step() {
            return;
        }
        let j = self.cells.len();
        if t == self.pieces.len() {
            if j == self.columns {
                self.emit();
            }
            return;
        }
        if j == self.columns {
            return;
        }
        let rem = self.columns - j - 1;
        match self.pieces[t] {
            Piece::Fixed { value, span } => {
                if rem < self.min_parts[t + 1] || rem > self.max_parts[t + 1] {
                    return;
                }
                self.cells.push((num(value), value, Some(span), 1));
                if self.admissible(j, t + 1, 0) {
                    self.rec(t + 1, 0);
                }
                self.cells.pop();
            }
            Piece::Digits { digits, token } => {
                let len = digits.len();
                let last = len.min(o + MAX_PART_DIGITS);
                let room = self.target.map(|t| t - self.cells.iter().map(|c| c.0).sum::<f64>());
                for e in o + 1..=last {
                    // A cell never starts with 0 unless it is exactly "0".
                    if digits[o] == b'0' && e > o + 1 {
                        break;
                    }
                    let (lo, hi, next) = if e == len {
                        (self.min_parts[t + 1], self.max_parts[t + 1], (t + 1, 0))
                    } else {
                        (1 + self.min_parts[t + 1], (len - e) + self.max_parts[t + 1], (t, e))
                    };
                    if rem < lo || rem > hi {
                        continue;
                    }
                    let v = digits_value(&digits[o..e]);
                    // Longer cells only grow: past the target, stop.
                    if self.constrained && room.is_some_and(|room| v as f64 > room + EPS) {
                        break;
                    }
                    let value = Some(Value::Int(v as i64));
                    self.cells.push((v as f64, value, Some(sub_span(token, o, e)), (e - o) as u16));
                    if self.admissible(j, next.0, next.1) {
                        self.rec(next.0, next.1);
                    }
                    self.cells.pop();
                    if self.budget.truncated || self.out.len() >= MAX_CANDIDATES_PER_ROW {
                        return;
                    }
                }
            }
        }
    }

    /// With a target: whether the cells so far can still add up to it, given the digits left.
    fn admissible_target(&self, target: f64, j: usize, t: usize, o: usize) -> bool {
        let partial: f64 = self.cells.iter().map(|c| c.0).sum();
        if j + 1 == self.columns {
            return (partial - target).abs() < EPS;
        }
        if partial > target + EPS {
            return false;
        }
        if t + 1 == self.pieces.len() {
            if let Piece::Digits { digits, .. } = self.pieces[t] {
                let (least, most) = sum_range(digits.len() - o, self.columns - (j + 1));
                let rest = target - partial;
                return rest + EPS >= least && rest <= most + EPS;
            }
        }
        true
    }

    /// Whether the cells so far (the last one at column `j`) can still satisfy the row's own
    /// constraint; the next cell starts at piece `t`, char `o`.
    fn admissible(&self, j: usize, t: usize, o: usize) -> bool {
        if !self.constrained {
            return true;
        }
        if let Some(target) = self.target {
            return self.admissible_target(target, j, t, o);
        }
        match self.shape.check {
            Check::Plain => true,
            Check::InForce => j != 2 || self.cells[2].0 + EPS >= self.cells[0].0,
            Check::Sum => {
                let Some(&(s, n)) = self.shape.groups.iter().find(|&&(s, n)| j >= s && j < s + n) else {
                    return true;
                };
                let sum: f64 = self.cells[s..j].iter().map(|c| c.0).sum();
                if j == s + n - 1 {
                    return (sum - self.cells[j].0).abs() < EPS;
                }
                let partial = sum + self.cells[j].0;
                if partial >= pow10(MAX_PART_DIGITS) {
                    return false;
                }
                // When the rest of the row is one run of digits ending in this group's total,
                // that run must hold the remaining summands and a total at least their sum.
                if s + n == self.columns && t + 1 == self.pieces.len() {
                    if let Piece::Digits { digits, .. } = self.pieces[t] {
                        let summands = self.columns - 1 - (j + 1);
                        return feasible(partial, &digits[o..], summands);
                    }
                }
                true
            }
        }
    }

    fn emit(&mut self) {
        let cells = || self.cells.iter().chain(self.tail.as_ref());
        let values = cells().map(|c| c.1).collect();
        let spans = cells().map(|c| c.2).collect();
        let widths = cells().map(|c| c.3).collect();
        let cand = make_cand(self.shape, InferenceKind::Glued, values, spans);
        if self.constrained && cand.local_ok < self.shape.local_total() {
            return;
        }
        self.out.push((widths, cand));
        if self.out.len() >= MAX_CANDIDATES_PER_ROW {
            self.budget.truncated = true;
        }
    }
}

/// Whether `rest` can be split into `summands` cells and a final total equal to `partial` plus
/// their sum (see [`sum_range`]).
fn feasible(partial: f64, rest: &[u8], summands: usize) -> bool {
    let r = rest.len();
    if r <= summands {
        return false;
    }
    let mut value = 0.0;
    let mut scale = 1.0;
    for l in 1..=(r - summands).min(MAX_PART_DIGITS) {
        let first = rest[r - l];
        value += f64::from(first - b'0') * scale;
        scale *= 10.0;
        if l > 1 && first == b'0' {
            continue;
        }
        let (least, most) = sum_range(r - l, summands);
        if value + EPS >= partial + least && value <= partial + most + EPS {
            return true;
        }
    }
    false
}

/// The least and most that `d` digits split into `q` cells can add up to: one cell has ⌈d/q⌉
/// digits, so at least 10^(⌈d/q⌉−1) when that is two or more; at most one cell of d−q+1 digits
/// and q−1 nines.
fn sum_range(d: usize, q: usize) -> (f64, f64) {
    match (d, q) {
        (0, 0) => (0.0, 0.0),
        (_, 0) => (f64::INFINITY, f64::NEG_INFINITY),
        (d, q) if d < q => (f64::INFINITY, f64::NEG_INFINITY),
        (d, q) => {
            let widest = d.div_ceil(q);
            let least = if widest >= 2 { pow10(widest - 1) } else { 0.0 };
            (least, pow10(d - q + 1) + 9.0 * (q - 1) as f64)
        }
    }
}

/// 10^e, exact up to 10^22 and infinite past 10^30 (far beyond any cell).
fn pow10(e: usize) -> f64 {
    const P: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
        1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    P.get(e).copied().unwrap_or(if e > 30 { f64::INFINITY } else { 1e30 })
}

/// Sparse readings: every token is a whole cell and blank cells were dropped. In each group that
/// receives tokens, the last of them is the group's total (its last column) and the others go,
/// in order, into the group's other columns.
pub(crate) fn sparse(row: &RowInput, shape: &Shape, constrained: bool, budget: &mut Budget) -> Vec<Cand> {
    let mut cells = Vec::with_capacity(row.tokens.len());
    for t in &row.tokens {
        let b = t.text.as_bytes();
        let digits = !t.blank && !b.is_empty() && b.iter().all(u8::is_ascii_digit);
        // "01" is not a whole cell: it is two glued ones.
        if digits && b.len() > 1 && b[0] == b'0' {
            return Vec::new();
        }
        cells.push((if t.blank { None } else { parse_value(&t.text) }, t.span));
    }
    if cells.is_empty() {
        return Vec::new();
    }
    let mut s = Sparse {
        cells: &cells,
        shape,
        constrained,
        columns: row.columns,
        placed: vec![None; row.columns],
        out: Vec::new(),
        budget,
    };
    s.groups(0, 0);
    s.out
}

struct Sparse<'a, 'b> {
    cells: &'a [(Option<Value>, Span)],
    shape: &'a Shape,
    constrained: bool,
    columns: usize,
    /// Column → token index.
    placed: Vec<Option<usize>>,
    out: Vec<Cand>,
    budget: &'b mut Budget,
}

impl Sparse<'_, '_> {
    /// Distribute tokens `t..` over groups `g..`, more tokens to earlier groups first.
    fn groups(&mut self, g: usize, t: usize) {
        if !self.budget.step() || self.out.len() >= MAX_CANDIDATES_PER_ROW {
            return;
        }
        let left = self.cells.len() - t;
        let Some(&(s, n)) = self.shape.groups.get(g) else {
            if left == 0 {
                self.emit();
            }
            return;
        };
        if s + n > self.columns {
            return;
        }
        let later: usize = self.shape.groups[g + 1..].iter().map(|&(_, n)| n).sum();
        let most = left.min(n);
        let least = left.saturating_sub(later);
        for m in (least..=most).rev() {
            if m == 0 {
                self.groups(g + 1, t);
            } else {
                self.placed[s + n - 1] = Some(t + m - 1);
                self.positions(g, s, s, n - 1, t, m - 1);
                self.placed[s + n - 1] = None;
            }
        }
    }

    /// Place tokens `t..t+k` in order into columns `from..s+width` of group `g`, leftmost first.
    fn positions(&mut self, g: usize, s: usize, from: usize, width: usize, t: usize, k: usize) {
        if !self.budget.step() {
            return;
        }
        if k == 0 {
            // Token `t` is the group's total, placed by the caller.
            self.groups(g + 1, t + 1);
            return;
        }
        for c in from..s + width {
            if s + width - c < k {
                break;
            }
            self.placed[c] = Some(t);
            self.positions(g, s, c + 1, width, t + 1, k - 1);
            self.placed[c] = None;
        }
    }

    fn emit(&mut self) {
        let values = self.placed.iter().map(|p| p.and_then(|i| self.cells[i].0)).collect();
        let spans = self.placed.iter().map(|p| p.map(|i| self.cells[i].1)).collect();
        let cand = make_cand(self.shape, InferenceKind::Sparse, values, spans);
        if self.constrained && cand.local_ok < self.shape.local_total() {
            return;
        }
        self.out.push(cand);
        if self.out.len() >= MAX_CANDIDATES_PER_ROW {
            self.budget.truncated = true;
        }
    }
}
