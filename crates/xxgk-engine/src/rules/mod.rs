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
pub(crate) use reading::duplicates::{duplication, Duplication};
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
    PREPARE.iter().for_each(|step| step());
}

/// The steps of [`prepare`], in the order the rules run, then the cross-year facts' patterns:
/// several threads may take them in turn.
pub const PREPARE: &[fn()] = &[
    structure::prepare,
    fees::prepare,
    dates::prepare,
    narrative::prepare,
    wording::prepare,
    crate::series::prepare,
    crate::issuer::prepare,
];

/// A built-in rule's metadata by code or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use crate::{check, Settings};
    use std::path::Path;

    /// Every English message is in sentence case (STYLE.md §7): it starts with a capital letter or a
    /// non-letter (a quotation mark, a Chinese word), on every rule fixture with every rule enabled.
    #[test]
    fn english_texts_start_with_a_capital() {
        let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let settings = Settings { select: vec!["ALL".into()], ..Settings::national() };
        let mut seen = 0;
        let mut bad = Vec::new();
        let mut families: Vec<_> = std::fs::read_dir(&rules).unwrap().flatten().map(|e| e.path()).collect();
        families.sort();
        for family in families {
            let Ok(entries) = std::fs::read_dir(family.join("fixtures")) else { continue };
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            paths.sort();
            for path in paths {
                let report = crate::test::read_fixture(&path);
                for d in check(&report, &settings) {
                    seen += 1;
                    let en = &d.message.en;
                    if en.chars().next().is_some_and(|c| c.is_lowercase()) {
                        bad.push(format!("{} {}", d.code, en));
                    }
                }
            }
        }
        assert!(seen > 100, "only {seen} messages checked");
        bad.sort();
        bad.dedup();
        assert_eq!(bad, Vec::<String>::new());
    }
}
