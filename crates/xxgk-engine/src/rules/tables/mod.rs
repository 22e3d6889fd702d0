//! Family XG2 (表格): the arithmetic of tables 3 and 4 and the plausibility of the tables' values.
//!
//! The arithmetic rules (XG201–XG204, XG208) share one [`sheet::Sheet`] per table: the
//! identities of MODEL.md §3, which of them fail, and the culprit cell that would explain every
//! failure ([`culprit`]), so that their diagnostics and helps agree. A table that was not
//! found is XG002's finding; these rules then stay silent.
use crate::{Diagnostic, Rule, Text};
use xxgk_model::Span;

mod column_balance;
mod count_not_integer;
mod culprit;
mod fee_unit;
mod in_force_below_issued;
mod outcome_sum;
mod regulations_issuer;
mod row_total;
pub(crate) mod sheet;
mod t4_group_total;
pub(crate) mod total_blank;

pub(crate) use column_balance::T3ColumnBalance;
pub(crate) use count_not_integer::CountNotInteger;
pub(crate) use fee_unit::FeeUnit;
pub(crate) use in_force_below_issued::InForceBelowIssued;
pub(crate) use outcome_sum::T3OutcomeSum;
pub(crate) use regulations_issuer::RegulationsIssuer;
pub(crate) use row_total::T3RowTotal;
pub(crate) use t4_group_total::T4GroupTotal;
pub(crate) use total_blank::TotalBlank;

/// A number for messages (`128`, `0.5`), shared with the fee rules.
pub(crate) use sheet::num;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &T3ColumnBalance,    // XG201
    &T3RowTotal,         // XG202
    &T3OutcomeSum,       // XG203
    &T4GroupTotal,       // XG204
    &CountNotInteger,    // XG205
    &InForceBelowIssued, // XG206
    &RegulationsIssuer,  // XG207
    &TotalBlank,         // XG208
    &FeeUnit,            // XG209
];

/// Add a label on the culprit cell (unless it is the primary span or already labelled).
fn culprit_label(sheet: &sheet::Sheet<'_>, d: Diagnostic, primary: Span) -> Diagnostic {
    let culprit::Culprit::Cell { at, value, balancing } = sheet.culprit else { return d };
    let span = sheet.span(at);
    if span == primary || d.labels.iter().any(|l| l.span == span) {
        return d;
    }
    let (v, b) = (sheet::num(value), sheet::num(balancing));
    d.with_label(
        span,
        Text::new(format!("此格为 {v}，若为 {b} 则各项平衡"), format!("this cell is {v}; {b} would balance")),
    )
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

#[cfg(test)]
mod seeds;
