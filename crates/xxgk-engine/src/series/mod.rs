//! Across years: what the cross-file pass keeps of each report ([`Facts`]), the pairing of a
//! run's reports into one series per issuer ([`pair`]), and [`check`], which runs the XG7
//! rules over the pairs.
//!
//! The pass is built for big runs: a caller checks each file on its own, keeps only
//! `Facts::of(&report)` (a few kilobytes: key figures, carry-over cells, section sketches and
//! year-naming sentences, each with its source position and line) and drops the report. When
//! every file has been read, `check(&facts, &settings)` returns the findings per file. Every
//! finding's `span` is a span of its own report's text (re-read the report to render it, or
//! use the `Loc` in the facts); places in the other report are in `related`, complete.
//!
//! ```ignore
//! let facts: Vec<Facts> = reports.iter().map(Facts::of).collect();
//! let findings = xxgk_engine::series::check(&facts, &settings); // findings[i] is facts[i]'s
//! ```
mod facts;
mod pairing;
mod prose;
mod rollup;

pub use facts::{number, CellFact, CellKey, Facts, Figure, FigureSpec, Loc, TableCell, FIGURES, TABLE_CELLS};
pub use pairing::{apply, pair, path_matches, Pairing, SeriesEntry};
pub(crate) use prose::prepare;
pub use prose::{similarity, SectionPrint, Sentence, MIN_SHINGLES, SKETCH};
pub use rollup::{apply_rollup, check_entries, rollups, EntryError, Rollup, RollupEntry};

use crate::rules::series as rules;
use crate::{Diagnostic, Settings};
use std::borrow::Borrow;
use std::path::Path;

/// Run the XG7 rules over a run's reports: `findings[i]` are those on `facts[i]`, sorted.
/// `facts` may hold the facts or references to them (`&[Facts]`, `&[&Facts]`, `&[Cow<Facts>]`).
///
/// Pairing problems are XG706; each paired report is compared with last year's by XG701
/// (carry-over), XG702 (copied text), XG703 (jumps, off by default) and XG704 (documents in
/// force); a government's report is compared with its departments' by XG705 (the
/// `[settings] rollup` entries of `settings` and of the facts, see [`apply_rollup`], whose
/// reports the run holds completely, see [`rollups`]). Selection, severities and
/// `per-file-ignores` of `settings` apply; inline suppressions and baselines need the report
/// and are the caller's (`crate::check_with` applies them to these findings as to the others).
pub fn check<F: Borrow<Facts>>(facts: &[F], settings: &Settings) -> Vec<Vec<Diagnostic>> {
    let facts: Vec<&Facts> = facts.iter().map(Borrow::borrow).collect();
    let pairing = pair(&facts);
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); facts.len()];
    for (i, d) in pairing.problems {
        out[i].push(d);
    }
    for (i, previous) in pairing.previous.iter().enumerate() {
        let Some(j) = *previous else { continue };
        let (current, previous) = (facts[i], facts[j]);
        rules::carry_over_mismatch::check(current, previous, &mut out[i]);
        rules::copied_previous_year::check(current, previous, &settings.options, &mut out[i]);
        rules::implausible_jump::check(current, previous, &settings.options, &mut out[i]);
        rules::stock_continuity::check(current, previous, &mut out[i]);
    }
    let mut entries = settings.options.rollup.clone();
    for entry in facts.iter().filter_map(|f| f.rollup.as_ref()) {
        if !entries.contains(entry) {
            entries.push(entry.clone());
        }
    }
    for rollup in rollups(&facts, &entries) {
        let departments: Vec<&Facts> = rollup.departments.iter().map(|&j| facts[j]).collect();
        rules::rollup_mismatch::check(facts[rollup.government], &departments, &mut out[rollup.government]);
    }
    for (f, diagnostics) in facts.iter().zip(&mut out) {
        let path = Path::new(&f.path);
        diagnostics.retain(|d| crate::rules::find(&d.code).is_some_and(|m| settings.is_enabled_for(m, path)));
        for d in diagnostics.iter_mut() {
            if let Some(sev) = settings.severity_override(&d.code) {
                d.severity = sev;
            }
        }
        diagnostics
            .sort_by(|a, b| (a.span.start, &a.code, a.span.end).cmp(&(b.span.start, &b.code, b.span.end)));
    }
    out
}

#[cfg(test)]
mod tests;
