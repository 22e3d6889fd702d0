//! Family XG3 (收费): what a report says about 信息处理费 (国办函〔2020〕109号).
//!
//! Table 2's 行政事业性收费 is the body's own administrative fees, not 信息处理费: no rule
//! here reads it.
use crate::Rule;

mod fee_notice_conflict;
mod fee_statement_missing;
mod regulation_name;

pub(crate) use fee_notice_conflict::FeeNoticeConflict;
pub(crate) use fee_statement_missing::FeeStatementMissing;
pub(crate) use regulation_name::RegulationName;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &FeeStatementMissing, // XG301
    &FeeNoticeConflict,   // XG302
    &RegulationName,      // XG303
];

/// Compile the family's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    fee_notice_conflict::prepare();
    fee_statement_missing::prepare();
    regulation_name::prepare();
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests;

#[cfg(test)]
#[test]
fn fixtures() {
    insta::glob!("fixtures/*", |p| insta::assert_snapshot!(crate::test::check_and_render(p)));
}
