//! Family XG7 (跨年度): rules over a series of one issuer's reports, year by year (RULES.md).
//!
//! These rules compare a report with last year's report of the same issuer, so they run in
//! the cross-file pass ([`crate::series::check`]) over the facts of a whole run, not on one
//! report: their [`Rule::check`] does nothing. They are registered like every other rule so
//! that selection, severities, `xxgk rules` and `xxgk explain` treat them alike.
use crate::Rule;

pub(crate) mod carry_over_mismatch;
pub(crate) mod copied_previous_year;
pub(crate) mod implausible_jump;
pub(crate) mod rollup_mismatch;
pub(crate) mod series_pairing;
pub(crate) mod stock_continuity;

pub(crate) use carry_over_mismatch::CarryOverMismatch;
pub(crate) use copied_previous_year::CopiedPreviousYear;
pub(crate) use implausible_jump::ImplausibleJump;
pub(crate) use rollup_mismatch::RollupMismatch;
pub(crate) use series_pairing::SeriesPairing;
pub(crate) use stock_continuity::StockContinuity;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &CarryOverMismatch,  // XG701
    &CopiedPreviousYear, // XG702
    &ImplausibleJump,    // XG703
    &StockContinuity,    // XG704
    &RollupMismatch,     // XG705
    &SeriesPairing,      // XG706
];

/// "2023年度报告" / "the 2023 report" of a year that may be unknown.
pub(crate) fn year_zh(year: Option<i32>) -> String {
    year.map_or_else(|| "上年".to_string(), |y| format!("{y}年度"))
}
