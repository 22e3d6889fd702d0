//! Pairing a run's reports into one series per issuer: who is whose last year's report, and
//! what stands in the way (XG706).
use super::facts::{normalise_issuer, Facts};
use crate::rules::series::series_pairing as xg706;
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// A pairing override from a config's `[settings] series` list.
///
/// ```toml
/// [settings]
/// series = [
///   { path = "drafts/2024.txt", previous = "archive/2023年报告.txt" },
///   { path = "scans/ocr-17.txt", issuer = "某某区财政局", year = 2023 },
/// ]
/// ```
/// `path` and `previous` match a checked file whose path ends with them, component by
/// component (`2023/a.txt` matches `reports/2023/a.txt`, not `reports/x2023/a.txt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesEntry {
    /// The report this entry is about.
    pub path: String,
    /// Its issuer, when the report does not say or says it otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Its report year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Last year's report to compare it with, whatever the issuers and years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// Whether `path` ends with `pattern`, component by component (`\` read as `/`).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let parts = |s: &str| -> Vec<String> {
        s.replace('\\', "/").split('/').filter(|c| !c.is_empty() && *c != ".").map(str::to_string).collect()
    };
    let (pattern, path) = (parts(pattern), parts(path));
    !pattern.is_empty() && path.ends_with(&pattern)
}

/// Apply the entries that match `facts.path` (later entries win).
pub fn apply(facts: &mut Facts, entries: &[SeriesEntry]) {
    for entry in entries.iter().filter(|e| path_matches(&e.path, &facts.path)) {
        if let Some(issuer) = &entry.issuer {
            facts.issuer = normalise_issuer(issuer);
        }
        if let Some(year) = entry.year {
            facts.year = Some(year);
        }
        if let Some(previous) = &entry.previous {
            facts.previous = Some(previous.clone());
        }
    }
}

/// The pairing of a run: each report's last year's report, and the pairing problems.
#[derive(Debug, Default)]
pub struct Pairing {
    /// `previous[i]`: the index of report i's last year's report.
    pub previous: Vec<Option<usize>>,
    /// XG706 findings, by report index.
    pub problems: Vec<(usize, Diagnostic)>,
}

/// Pair the reports of a run.
///
/// An explicit `previous` wins. Otherwise reports are grouped by issuer; in a group, the
/// report of year Y is paired with the one of Y−1. Two reports of one issuer and year are
/// paired with nothing (which of them is meant cannot be told), and a report whose last
/// report in the group is older than Y−1 is not paired across the gap. Problems are reported
/// only where pairing matters, so that a folder of unrelated reports, or a draft checked
/// beside its final version, stays quiet: two reports of one year when the issuer has
/// another year in the run; an issuer that cannot be told when the run holds a series (one
/// issuer's reports of two or more years); a year that cannot be told when the issuer has
/// other reports.
pub fn pair<F: Borrow<Facts>>(facts: &[F]) -> Pairing {
    let facts: Vec<&Facts> = facts.iter().map(Borrow::borrow).collect();
    let mut pairing = Pairing { previous: vec![None; facts.len()], problems: Vec::new() };
    let mut explicit = vec![false; facts.len()];
    for (i, f) in facts.iter().enumerate() {
        let Some(wanted) = &f.previous else { continue };
        match facts.iter().enumerate().position(|(j, g)| j != i && path_matches(wanted, &g.path)) {
            Some(j) => {
                pairing.previous[i] = Some(j);
                explicit[i] = true;
                explicit[j] = true;
            }
            None => pairing.problems.push((i, xg706::previous_not_found(f, wanted))),
        }
    }
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        if let Some(issuer) = &f.issuer {
            groups.entry(issuer).or_default().push(i);
        }
    }
    // A series: one issuer's reports of two or more years. Only then does pairing matter.
    let years = |g: &[usize]| {
        let mut ys: Vec<i32> = g.iter().filter_map(|&i| facts[i].year).collect();
        ys.sort_unstable();
        ys.dedup();
        ys.len()
    };
    let series_in_run = groups.values().any(|g| years(g) > 1);
    for (i, f) in facts.iter().enumerate() {
        if f.issuer.is_none() && !explicit[i] && series_in_run {
            pairing.problems.push((i, xg706::issuer_unknown(f)));
        }
    }
    for members in groups.values() {
        let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for &i in members {
            match facts[i].year {
                Some(y) => by_year.entry(y).or_default().push(i),
                None if members.len() > 1 && !explicit[i] => {
                    pairing.problems.push((i, xg706::year_unknown(facts[i])))
                }
                None => {}
            }
        }
        for (&year, reports) in &by_year {
            if reports.len() > 1 {
                // Two versions of one report (a draft and the final) with nothing to pair
                // them with obstruct nothing.
                if by_year.len() == 1 {
                    continue;
                }
                for &i in reports {
                    let others: Vec<&Facts> =
                        reports.iter().filter(|&&j| j != i).map(|&j| facts[j]).collect();
                    pairing.problems.push((i, xg706::duplicate(facts[i], year, &others)));
                }
                continue;
            }
            let i = reports[0];
            if explicit[i] && pairing.previous[i].is_some() {
                continue;
            }
            match by_year.range(..year).next_back() {
                // Two reports of last year: XG706 on them; this one is compared with neither.
                Some((&y, prev)) if y == year - 1 && prev.len() == 1 => pairing.previous[i] = Some(prev[0]),
                Some((&y, _)) if y == year - 1 => {}
                Some((&y, prev)) => pairing.problems.push((i, xg706::gap(facts[i], year, y, facts[prev[0]]))),
                None => {}
            }
        }
    }
    pairing.problems.sort_by_key(|(i, _)| *i);
    pairing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_by_trailing_components() {
        assert!(path_matches("2023/a.txt", "reports/2023/a.txt"));
        assert!(path_matches("a.txt", "a.txt"));
        assert!(path_matches("./a.txt", "dir\\a.txt"));
        assert!(!path_matches("2023/a.txt", "reports/x2023/a.txt"));
        assert!(!path_matches("", "a.txt"));
    }
}
