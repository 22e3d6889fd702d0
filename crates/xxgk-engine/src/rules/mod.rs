//! The built-in rules, one module per family, and [`ALL`], the one registry.
use crate::Rule;

/// Every built-in rule, sorted by code. This is the only list: the CLI, docs and tests all read it.
pub static ALL: &[&dyn Rule] = &[];
