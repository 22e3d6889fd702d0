//! Family XG6 (用语): wording and hygiene — page furniture, placeholders, misspellings,
//! brackets, outdated legal citations, document numbers. See RULES.md.
use crate::Rule;

pub(crate) mod phrases;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[];
