//! Reading a table's cells when the text does not delimit them: glued digits ("12070100128")
//! and dropped blank cells, solved over the whole table with the template's identities
//! (MODEL.md §2–3) as constraints.
//!
//! The recogniser hands one [`RowInput`] per row found (its value tokens as printed);
//! [`solve_table`] returns one [`RowResult`] per input, in the same order.
//!
//! ## How a row is read
//! - As many tokens as columns: as printed, one token a cell (`inferred: None`). A row that is
//!   printed in full is never re-split.
//! - More tokens than columns: the first `columns`, with [`ProblemKind::ExtraCells`].
//! - Fewer: candidate readings of two kinds. *Glued*: digit tokens split into more cells (a cell
//!   never starts with 0 unless it is "0"; blank markers and decimals are never split). *Sparse*:
//!   each token is a whole cell and blank cells were dropped; the last token is the total (table 3
//!   总计, table 4 group 总计, table 2 现行有效件数) and the others go, in order, into the other
//!   columns. The preferred kind is Sparse when [`RowInput::separated`], else Glued. Candidates of
//!   the preferred kind that satisfy the row's own constraint (row total, group totals,
//!   in_force ≥ issued) are used; only when there are none, those of the other kind; only when
//!   neither has any, every candidate of both kinds, keeping those that satisfy the most of the
//!   row's own identities (the row is then `inconsistent`). So a row's own identity is a hard
//!   constraint whenever its digits allow it. Readings with the same numbers (blank = 0) count
//!   once, the first in preference order kept.
//!
//! ## How the table is read
//! Rows with one candidate are fixed. The others are searched together against the identities
//! that span rows (table 3: column balance and outcome sum, per column; MODEL.md §3; an identity
//! with a row missing from the input is not applicable), split into independent groups of rows
//! that share an identity. Each group is searched in three steps: coordinate descent (change one
//! row at a time to its best candidate until nothing changes) gives a first answer; branch and
//! bound looks for a strictly better one, cutting every branch whose identities that can still
//! hold (given the range of what the remaining rows add) cannot beat it; branch and bound again
//! visits every assignment as good as the best, to pick the preferred one and to see what else
//! each row could be. Each branch-and-bound step stops after [`MAX_SEARCH_NODES`] nodes, and the
//! rows of that group are then not proven unique. Among the assignments
//! that satisfy the most identities the table carries, in order of preference: (1) as printed
//! over inferred, (2) the preferred kind, (3) the least total absolute residual of the failing
//! identities, (4) the earliest in enumeration order: leftmost cuts first, values in the leftmost
//! columns first.
//!
//! ## Status of an inferred row
//! - `inconsistent` when no candidate satisfies the row's own constraint, or when its reading is
//!   forced but an identity involving it fails and no other row of that identity explains it
//!   (an inconsistent row or one with too few or too many cells);
//! - `ambiguous` when optimal assignments differ on the row (`alternatives` lists up to
//!   [`MAX_ALTERNATIVES`] others), or when a budget ran out so uniqueness is not proven;
//! - `unique` otherwise: every optimal assignment gives the row the same numbers and every
//!   identity involving it holds, or fails only because of a row that is itself inconsistent.
mod candidates;
mod search;
#[cfg(test)]
mod tests;

use candidates::{Budget, Cand, Shape};
use search::{Ident, SearchRow};
use xxgk_model::{InferenceKind, InferenceStatus, ProblemKind, Span, TableKey, Value};

/// The longest cell a split may make, in digits (counts in these reports are far shorter; the
/// bound keeps every sum exact in `f64`).
pub const MAX_PART_DIGITS: usize = 12;
/// The most candidate readings kept for one row.
pub const MAX_CANDIDATES_PER_ROW: usize = 4096;
/// The most recursion steps one candidate enumeration of one row may take.
pub const MAX_GENERATION_STEPS: u64 = 200_000;
/// The most nodes each phase of the exact search of one group of rows may visit before the
/// search settles for what coordinate descent and the nodes visited found.
pub const MAX_SEARCH_NODES: u64 = 150_000;
/// The most sweeps of coordinate descent.
pub const MAX_SWEEPS: usize = 16;
/// The most alternatives reported for an ambiguous row.
pub const MAX_ALTERNATIVES: usize = 8;

/// One value token as printed: a run of digits (maybe with a decimal point) or a blank marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token folded to ASCII (full-width digits → ASCII); a blank marker is kept as written.
    pub text: String,
    /// Where the token is in the report text.
    pub span: Span,
    /// For each char of `text`, its byte offset in the report text (for the spans of split cells).
    pub offsets: Vec<u32>,
    /// Whether it is a blank marker ("/", "—", "-", "无").
    pub blank: bool,
}

/// A row's printed values.
#[derive(Debug, Clone, PartialEq)]
pub struct RowInput {
    /// Row key (`new`; for table 4, the group key).
    pub key: &'static str,
    /// Cells the template has in this row.
    pub columns: usize,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// Whether the tokens were separated by line breaks, pipes or table cells (so a token is a
    /// cell and blank cells were dropped), rather than printed in one run where digits of
    /// neighbouring cells may have run together.
    pub separated: bool,
}

/// One reading of a row: a value and a span per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Values, one per column.
    pub values: Vec<Option<Value>>,
    /// Spans, one per column (`None` for a cell not in the text).
    pub spans: Vec<Option<Span>>,
    /// `None` when read as printed (one token per column), else how it was inferred.
    pub inferred: Option<InferenceKind>,
}

/// The solver's answer for one row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowResult {
    /// The reading the table carries.
    pub reading: Reading,
    /// For an inferred reading, how sure it is.
    pub status: Option<InferenceStatus>,
    /// Other readings that fit as well.
    pub alternatives: Vec<Vec<Option<Value>>>,
    /// What could not be read (too many or too few cells, a non-number).
    pub problem: Option<ProblemKind>,
}

/// Parse a token's text as a value (`None` for a blank marker or a non-number).
pub fn parse_value(text: &str) -> Option<Value> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(Value::Int(i));
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite()).map(Value::Dec)
}

/// What solving one table cost, for tests and tuning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SolveStats {
    /// The most enumeration steps spent on one row.
    pub max_generation_steps: u64,
    /// The most candidates one row had (after dropping duplicates).
    pub max_candidates: usize,
    /// Nodes visited by the exact search.
    pub search_nodes: u64,
    /// Whether every group of rows was searched exhaustively and no enumeration was cut short.
    pub exact: bool,
}

/// Read every row of one table.
pub fn solve_table(table: TableKey, rows: &[RowInput]) -> Vec<RowResult> {
    solve_table_with_stats(table, rows).0
}

/// [`solve_table`], with what it cost.
pub fn solve_table_with_stats(table: TableKey, rows: &[RowInput]) -> (Vec<RowResult>, SolveStats) {
    solve_with_budget(table, rows, MAX_SEARCH_NODES)
}

/// [`solve_table_with_stats`] with a node budget for each phase of the exact search.
fn solve_with_budget(table: TableKey, rows: &[RowInput], node_budget: u64) -> (Vec<RowResult>, SolveStats) {
    let mut stats = SolveStats { exact: true, ..SolveStats::default() };
    let plans: Vec<Plan> = rows.iter().map(|r| plan(table, r)).collect();
    for p in &plans {
        stats.max_generation_steps = stats.max_generation_steps.max(p.steps);
        stats.max_candidates = stats.max_candidates.max(p.cands.len());
        stats.exact &= !p.truncated;
    }
    let idents = search::identities(table, rows);
    let search_rows: Vec<SearchRow<'_>> =
        plans.iter().map(|p| SearchRow { cands: &p.cands, preferred: p.preferred }).collect();
    let outcome = search::search(&search_rows, &idents, node_budget);
    stats.search_nodes = outcome.nodes;
    stats.exact &= outcome.exact.iter().all(|&e| e);

    let chosen: Vec<&Cand> = plans.iter().zip(&outcome.chosen).map(|(p, &c)| &p.cands[c]).collect();
    // Rows that explain a failing identity: unreadable consistently, or with cells missing or extra.
    let excuses: Vec<bool> = plans
        .iter()
        .map(|p| p.self_inconsistent || p.printed.as_ref().is_some_and(|r| r.problem.is_some()))
        .collect();
    let results = plans
        .iter()
        .enumerate()
        .map(|(r, p)| {
            if let Some(printed) = &p.printed {
                return printed.clone();
            }
            let cand = chosen[r];
            let optimal = &outcome.optimal[r];
            let others = || optimal.iter().skip(1).map(|&c| p.cands[c].values.clone()).collect();
            let (status, alternatives) = if p.self_inconsistent {
                (InferenceStatus::Inconsistent, Vec::new())
            } else if optimal.len() > 1 || p.truncated || !outcome.exact[r] {
                // Several optimal readings, or a budget ran out so uniqueness is not proven.
                (InferenceStatus::Ambiguous, others())
            } else if unexplained_failure(r, &idents, &chosen, &excuses) {
                (InferenceStatus::Inconsistent, Vec::new())
            } else {
                (InferenceStatus::Unique, Vec::new())
            };
            RowResult {
                reading: Reading {
                    values: cand.values.clone(),
                    spans: cand.spans.clone(),
                    inferred: Some(cand.kind),
                },
                status: Some(status),
                alternatives,
                problem: p.problem.clone(),
            }
        })
        .collect();
    (results, stats)
}

/// Whether an identity involving row `r` fails with no other row of it to blame.
fn unexplained_failure(r: usize, idents: &[Ident], chosen: &[&Cand], excuses: &[bool]) -> bool {
    idents.iter().filter(|id| id.rows().any(|x| x == r)).any(|id| {
        let residual: f64 = id
            .terms
            .iter()
            .map(|&(row, col, coef)| coef * chosen[row].nums.get(col).copied().unwrap_or(0.0))
            .sum();
        residual.abs() >= candidates::EPS && !id.rows().any(|x| x != r && excuses[x])
    })
}

/// A row prepared for the search.
struct Plan {
    /// The candidates, in preference order (one for a row read as printed).
    cands: Vec<Cand>,
    /// The result of a row read as printed (or that could not be read otherwise).
    printed: Option<RowResult>,
    preferred: InferenceKind,
    /// No candidate satisfies the row's own constraint.
    self_inconsistent: bool,
    /// An enumeration was cut short by a budget.
    truncated: bool,
    steps: u64,
    problem: Option<ProblemKind>,
}

fn plan(table: TableKey, row: &RowInput) -> Plan {
    let shape = Shape::of(table, row.columns);
    let preferred = if row.separated { InferenceKind::Sparse } else { InferenceKind::Glued };
    let printed_plan = |printed: RowResult, steps: u64, truncated: bool| {
        let nums = printed.reading.values.iter().map(|v| v.map_or(0.0, Value::as_f64)).collect();
        let cand = Cand {
            values: printed.reading.values.clone(),
            spans: printed.reading.spans.clone(),
            nums,
            kind: preferred,
            local_ok: 0,
            local_residual: 0.0,
        };
        Plan {
            cands: vec![cand],
            printed: Some(printed),
            preferred,
            self_inconsistent: false,
            truncated,
            steps,
            problem: None,
        }
    };
    if row.tokens.len() >= row.columns || row.tokens.is_empty() {
        return printed_plan(read_as_printed(row), 0, false);
    }
    let other = match preferred {
        InferenceKind::Glued => InferenceKind::Sparse,
        InferenceKind::Sparse => InferenceKind::Glued,
    };
    let mut steps = 0;
    let mut truncated = false;
    let mut generate = |kind: InferenceKind, constrained: bool| {
        let mut budget = Budget::default();
        let out = match kind {
            InferenceKind::Glued => candidates::glued(row, &shape, constrained, &mut budget),
            InferenceKind::Sparse => candidates::sparse(row, &shape, constrained, &mut budget),
        };
        steps += budget.steps;
        truncated |= budget.truncated;
        out
    };
    let mut cands = generate(preferred, true);
    if cands.is_empty() {
        cands = generate(other, true);
    }
    let mut self_inconsistent = false;
    if cands.is_empty() {
        cands = generate(preferred, false);
        cands.extend(generate(other, false));
        let best = cands.iter().map(|c| c.local_ok).max().unwrap_or(0);
        cands.retain(|c| c.local_ok == best);
        self_inconsistent = best < shape.local_total();
    }
    if cands.is_empty() {
        return printed_plan(read_as_printed(row), steps, truncated);
    }
    let mut seen = std::collections::HashSet::new();
    cands.retain(|c| seen.insert(c.nums.iter().map(|v| v.to_bits()).collect::<Vec<_>>()));
    let problem = not_a_number(row);
    Plan { cands, printed: None, preferred, self_inconsistent, truncated, steps, problem }
}

/// The first token that is neither a blank marker nor a number.
fn not_a_number(row: &RowInput) -> Option<ProblemKind> {
    row.tokens
        .iter()
        .find(|t| !t.blank && parse_value(&t.text).is_none())
        .map(|t| ProblemKind::NotANumber { text: t.text.clone() })
}

fn read_as_printed(row: &RowInput) -> RowResult {
    let mut values = vec![None; row.columns];
    let mut spans = vec![None; row.columns];
    for (i, t) in row.tokens.iter().take(row.columns).enumerate() {
        values[i] = if t.blank { None } else { parse_value(&t.text) };
        spans[i] = Some(t.span);
    }
    let problem = match row.tokens.len() {
        n if n < row.columns => Some(ProblemKind::MissingCells { found: n, expected: row.columns }),
        n if n > row.columns => Some(ProblemKind::ExtraCells { found: n, expected: row.columns }),
        _ => not_a_number(row),
    };
    RowResult {
        reading: Reading { values, spans, inferred: None },
        status: None,
        alternatives: Vec::new(),
        problem,
    }
}
