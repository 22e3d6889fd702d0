//! Which reports of a run a government's report sums (XG705): the config's `[settings] rollup`
//! entries, matched against the issuers and years of the run's reports.
use super::facts::{normalise_issuer, Facts};
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::ops::Range;
use toml::Spanned;

/// A government whose report's tables are the sum of its departments' reports, from a config's
/// `[settings] rollup` list.
///
/// ```toml
/// [settings]
/// rollup = [
///   { government = "某某县人民政府", departments = ["某某县财政局", "某某县教育局"] },
/// ]
/// ```
/// Names are issuers as the reports state them (the title's body, else 发布机构), whitespace and
/// full-width letters aside. A department named twice, an empty name or list, or a government
/// listed among its own departments is a configuration error ([`check_entries`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RollupEntry {
    /// The government whose report sums the departments' reports.
    pub government: String,
    /// The bodies that report under it, every one of them.
    pub departments: Vec<String>,
}

/// What is wrong with a config's `rollup` entries: the span in the config's text, the message,
/// the label at the span.
pub type EntryError = (Range<usize>, String, String);

/// Check the `rollup` and `extend-rollup` entries of a config or pack `text` (which parses):
/// the first problem, located at the name or list at fault.
pub fn check_entries(text: &str) -> Result<(), EntryError> {
    #[derive(Deserialize)]
    struct Doc {
        settings: Option<Part>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    struct Part {
        rollup: Option<Vec<Entry>>,
        extend_rollup: Option<Vec<Entry>>,
    }
    #[derive(Deserialize)]
    struct Entry {
        government: Spanned<String>,
        departments: Spanned<Vec<Spanned<String>>>,
    }
    // Only the entries are read here; the rest was checked when the file was read.
    let Ok(Doc { settings: Some(part) }) = toml::from_str::<Doc>(text) else { return Ok(()) };
    for entry in part.rollup.iter().chain(&part.extend_rollup).flatten() {
        let Some(government) = normalise_issuer(entry.government.get_ref()) else {
            let message = "rollup: `government` is empty".to_string();
            return Err((entry.government.span(), message, "name the people's government".to_string()));
        };
        if entry.departments.get_ref().is_empty() {
            return Err((
                entry.departments.span(),
                format!("rollup: the `departments` of {government} are empty"),
                "list every body that reports under it".to_string(),
            ));
        }
        let mut seen: Vec<String> = Vec::new();
        for name in entry.departments.get_ref() {
            let Some(department) = normalise_issuer(name.get_ref()) else {
                return Err((
                    name.span(),
                    "rollup: a department's name is empty".to_string(),
                    "empty".to_string(),
                ));
            };
            if department == government {
                return Err((
                    name.span(),
                    format!("rollup: {government} is listed among its own departments"),
                    "the government itself".to_string(),
                ));
            }
            if seen.contains(&department) {
                return Err((
                    name.span(),
                    format!("rollup: {department} is listed twice among the departments of {government}"),
                    "named a second time".to_string(),
                ));
            }
            seen.push(department);
        }
    }
    Ok(())
}

/// Keep with `facts` the entry of `entries` (its own config's) that names its issuer the
/// government (the last one, as later entries win), so that a run started elsewhere than
/// under that config still finds it.
pub fn apply_rollup(facts: &mut Facts, entries: &[RollupEntry]) {
    let Some(issuer) = facts.issuer.as_deref() else { return };
    if let Some(entry) =
        entries.iter().rev().find(|e| normalise_issuer(&e.government).as_deref() == Some(issuer))
    {
        facts.rollup = Some(entry.clone());
    }
}

/// A government's report of one year and the reports of all of its departments of that year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    /// The government's report, by index into the run's facts.
    pub government: usize,
    /// One report of each department, in the entry's order.
    pub departments: Vec<usize>,
}

/// The rollups the run holds completely: for every entry and every year of the government's
/// report, when the run holds exactly one report of the government and exactly one of each
/// department for that year. Anything less (a department missing, two reports of one body and
/// year, a year that cannot be told) gives nothing: the sum could not be told.
pub fn rollups<F: Borrow<Facts>>(facts: &[F], entries: &[RollupEntry]) -> Vec<Rollup> {
    let facts: Vec<&Facts> = facts.iter().map(Borrow::borrow).collect();
    let of = |issuer: &str, year: i32| -> Vec<usize> {
        (0..facts.len())
            .filter(|&i| facts[i].year == Some(year) && facts[i].issuer.as_deref() == Some(issuer))
            .collect()
    };
    let mut out = Vec::new();
    for entry in entries {
        let Some(government) = normalise_issuer(&entry.government) else { continue };
        let mut years: Vec<i32> = facts
            .iter()
            .filter(|f| f.issuer.as_deref() == Some(government.as_str()))
            .filter_map(|f| f.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        'year: for year in years {
            let [own] = of(&government, year)[..] else { continue };
            let mut departments = Vec::new();
            for name in &entry.departments {
                let Some(name) = normalise_issuer(name) else { continue 'year };
                let [one] = of(&name, year)[..] else { continue 'year };
                departments.push(one);
            }
            out.push(Rollup { government: own, departments });
        }
    }
    out
}
