//! The built-in rules, one module per family, and [`all`], the one registry.
//!
//! Each family module (`reading` = XG0, `structure` = XG1, `tables` = XG2, `fees` = XG3,
//! `dates` = XG4, `narrative` = XG5, `wording` = XG6, `series` = XG7) lists its rules in its own `RULES`;
//! [`all`] joins them in code order. Codes are forever: a removed code stays reserved.
use crate::{Rule, RuleMeta};
use std::sync::LazyLock;

mod dates;
mod fees;
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

/// Compile the built-in rules' patterns and the national phrase lists now rather than on first
/// use. A one-report check spends most of its time compiling them; run on another thread while
/// the report is read, this work overlaps the reading. Idempotent and cheap after the first call.
pub fn prepare() {
    // In the order the rules run.
    structure::prepare();
    fees::prepare();
    dates::prepare();
    narrative::prepare();
    wording::prepare();
}

/// A built-in rule's metadata by code or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}
