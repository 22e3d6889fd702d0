//! Family XG5 (文字与表格): see RULES.md.
use crate::Rule;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[];
