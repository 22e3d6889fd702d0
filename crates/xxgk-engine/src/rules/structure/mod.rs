//! Family XG1 (结构): see RULES.md.
use crate::Rule;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[];
