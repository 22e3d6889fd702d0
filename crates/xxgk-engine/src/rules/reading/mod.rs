//! Family XG0 (读取): see RULES.md.
use crate::Rule;

mod unused_suppression;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &unused_suppression::UnusedSuppression, // XG007
];
