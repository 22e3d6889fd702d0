//! The built-in rules, one module per family, and [`all`], the one registry.
//!
//! Each family module (`reading` = XG0, `structure` = XG1, `tables` = XG2, `fees` = XG3,
//! `dates` = XG4, `narrative` = XG5, `wording` = XG6, `series` = XG7) lists its rules in its own `RULES`;
//! [`all`] joins them in code order. Codes are forever: a removed code stays reserved.
use crate::{Rule, RuleMeta};
use std::sync::LazyLock;

mod dates;
mod fees;
mod grouped;
mod narrative;
mod reading;
pub(crate) mod series;
mod structure;
mod tables;
mod wording;

static ALL: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static dyn Rule> = [
        reading::RULES,
        structure::RULES,
        tables::RULES,
        fees::RULES,
        dates::RULES,
        narrative::RULES,
        wording::RULES,
        series::RULES,
    ]
    .concat();
    all.sort_by_key(|r| r.meta().code);
    all
});

/// Every built-in rule, sorted by code. This is the only list: the CLI, docs and tests all read it.
pub fn all() -> &'static [&'static dyn Rule] {
    &ALL
}

/// A built-in rule's metadata by code or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}
