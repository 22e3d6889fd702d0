//! The quality report: xxgk's findings on a generated corpus scored against its answer key.
//!
//! Per file and code, an answer with a line is matched by a finding of that code on that line;
//! an answer without one (`File`) is matched by any finding of the code in the file and accounts
//! for all of them. Recall is matched answers over answers; precision is findings accounted for
//! by an answer over findings. A table is extracted exactly when every cell the generator
//! printed reads back with its value (blank and 0 are the same number).
use crate::{generate, Answer, Generated};
use std::collections::BTreeMap;
use xxgk_engine::{Diagnostic, Settings};
use xxgk_model::{LineIndex, Report, TableKey};

/// The scores of one rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleScore {
    /// Answers in the key.
    pub expected: usize,
    /// Findings of xxgk.
    pub found: usize,
    /// Answers matched by a finding.
    pub true_positives: usize,
    /// Findings accounted for by an answer.
    pub accounted: usize,
}

impl RuleScore {
    /// Matched answers over answers (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.expected as f64
        }
    }
    /// Accounted findings over findings (1 when nothing was found).
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.accounted as f64 / self.found as f64
        }
    }
}

/// A disagreement with the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The file.
    pub file: String,
    /// The code.
    pub code: String,
    /// The expected or found line.
    pub line: Option<u32>,
    /// `false`: an answer no finding matched; `true`: a finding no answer accounts for.
    pub unexpected: bool,
    /// The finding's message, or the answer's cause.
    pub note: String,
}

/// The quality of xxgk on a corpus.
#[derive(Debug, Clone, Default)]
pub struct Quality {
    /// Reports checked.
    pub reports: usize,
    /// Tables generated.
    pub tables: usize,
    /// Tables read back exactly.
    pub tables_exact: usize,
    /// Tables read back exactly, by layout.
    pub exact_by_layout: BTreeMap<&'static str, (usize, usize)>,
    /// Scores by code.
    pub rules: BTreeMap<String, RuleScore>,
    /// Every disagreement, in file order.
    pub misses: Vec<Miss>,
}

/// A finding as `(code, line, message)`.
fn located(report: &Report, d: &Diagnostic) -> (String, u32, String) {
    let source = report.source();
    let index = LineIndex::new(source);
    let span = report.source_span(d.span);
    let (line, _) = index.line_col(source, span.start as usize);
    (d.code.to_string(), line as u32, d.message.zh.clone())
}

/// Score one report's findings against its answers into `q`.
pub fn score(g: &Generated, report: &Report, diagnostics: &[Diagnostic], q: &mut Quality) {
    q.reports += 1;
    let found: Vec<(String, u32, String)> = diagnostics.iter().map(|d| located(report, d)).collect();
    let mut codes: Vec<&str> =
        found.iter().map(|f| f.0.as_str()).chain(g.answers.iter().map(|a| a.code)).collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let answers: Vec<&Answer> = g.answers.iter().filter(|a| a.code == code).collect();
        let mut left: Vec<&(String, u32, String)> = found.iter().filter(|f| f.0 == code).collect();
        let total_found = left.len();
        let s = q.rules.entry(code.to_string()).or_default();
        s.expected += answers.len();
        s.found += total_found;
        let mut matched_any = false;
        for a in answers.iter().filter(|a| a.line.is_some()) {
            if let Some(i) = left.iter().position(|f| Some(f.1) == a.line) {
                left.remove(i);
                s.true_positives += 1;
                matched_any = true;
            } else {
                q.misses.push(Miss {
                    file: g.path.clone(),
                    code: code.to_string(),
                    line: a.line,
                    unexpected: false,
                    note: a.cause.to_string(),
                });
            }
        }
        let anywhere: Vec<&&Answer> = answers.iter().filter(|a| a.line.is_none()).collect();
        if !anywhere.is_empty() {
            if !left.is_empty() || matched_any {
                s.true_positives += anywhere.len();
                left.clear();
            } else {
                for a in anywhere {
                    q.misses.push(Miss {
                        file: g.path.clone(),
                        code: code.to_string(),
                        line: None,
                        unexpected: false,
                        note: a.cause.to_string(),
                    });
                }
            }
        }
        s.accounted += total_found - left.len();
        for f in left {
            q.misses.push(Miss {
                file: g.path.clone(),
                code: code.to_string(),
                line: Some(f.1),
                unexpected: true,
                note: f.2.clone(),
            });
        }
    }
    for key in TableKey::ALL {
        q.tables += 1;
        let exact = table_exact(g, report, key);
        let e = q.exact_by_layout.entry(g.layout.as_str()).or_default();
        e.1 += 1;
        if exact {
            q.tables_exact += 1;
            e.0 += 1;
        }
    }
}

/// Whether table `key` reads back as the generator printed it.
pub fn table_exact(g: &Generated, report: &Report, key: TableKey) -> bool {
    let Some(table) = report.tables.get(key) else { return false };
    g.truth.cells().iter().filter(|c| c.0 == key).all(|(_, row, col, want)| {
        let got = table.cell(row, col).and_then(|c| c.value).map(|v| v.as_f64());
        (got.unwrap_or(0.0) - want.unwrap_or(0.0)).abs() < 1e-9
    })
}

/// Read and check one generated report.
pub fn check(g: &Generated, settings: &Settings) -> (Report, Vec<Diagnostic>) {
    let report = match xxgk_adapters::read(&g.path, g.text.as_bytes(), &xxgk_adapters::ReadOptions::default())
    {
        Ok(r) => r,
        Err(_) => Report { path: g.path.clone(), ..Report::default() },
    };
    let diagnostics = xxgk_engine::check(&report, settings);
    (report, diagnostics)
}

/// Generate `n` reports of `seed` in memory, check each, and score the lot.
pub fn quality(seed: u64, n: u64) -> Quality {
    let settings = Settings::national();
    let mut q = Quality::default();
    for i in 0..n {
        let g = generate(seed, i);
        let (report, diagnostics) = check(&g, &settings);
        score(&g, &report, &diagnostics, &mut q);
    }
    q
}

/// The quality report as a table (the text `xxgk-gen quality` prints).
pub fn render(q: &Quality) -> String {
    let mut s = format!("reports: {}\n\n", q.reports);
    s.push_str("code    expected  found     tp  recall  precision\n");
    for (code, r) in &q.rules {
        s.push_str(&format!(
            "{code:<7} {:>8} {:>6} {:>6}  {:>5.1}%  {:>8.1}%\n",
            r.expected,
            r.found,
            r.true_positives,
            100.0 * r.recall(),
            100.0 * r.precision()
        ));
    }
    let share = if q.tables == 0 { 1.0 } else { q.tables_exact as f64 / q.tables as f64 };
    s.push_str(&format!(
        "\ntables extracted exactly: {}/{} ({:.1}%)\n",
        q.tables_exact,
        q.tables,
        100.0 * share
    ));
    for (layout, (ok, all)) in &q.exact_by_layout {
        s.push_str(&format!("  {layout:<12} {ok}/{all}\n"));
    }
    if !q.misses.is_empty() {
        s.push_str(&format!("\nmisses ({}):\n", q.misses.len()));
        for m in &q.misses {
            let line = m.line.map_or("-".to_string(), |l| l.to_string());
            let kind = if m.unexpected { "unexpected" } else { "missed" };
            s.push_str(&format!("  {}:{line} {} {kind}: {}\n", m.file, m.code, m.note));
        }
    }
    s
}
