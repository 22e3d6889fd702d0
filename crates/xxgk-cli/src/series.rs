//! The cross-year pass of `check` (XG701–XG706) behind `check::cross`: facts of every report
//! read, pairing, findings per file; `--previous FILE` for a single draft.
use crate::inputs::{self, Input};
use crate::RunError;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use xxgk_adapters::ReadOptions;
use xxgk_engine::series::{self, Facts};
use xxgk_engine::{Diagnostic, Settings};

/// Last year's report named by `--previous`: read for its facts only (its own findings are not
/// printed). A file that cannot be read is a failed run (exit 2), said on standard error.
pub(crate) fn previous(path: &Path, options: &ReadOptions) -> Result<Facts, RunError> {
    let shown = path.to_string_lossy();
    let name = shown.strip_prefix("./").unwrap_or(&shown).to_string();
    let input = Input::File { name: name.clone(), path: PathBuf::from(path) };
    match inputs::read(&input, options) {
        Ok(report) => Ok(Facts::of(&report)),
        Err(why) => {
            Err(miette::miette!("--previous {name}: 无法读取（{}） / cannot read it ({})", why.zh, why.en)
                .into())
        }
    }
}

/// The pass over the run's files in path order (`None`: unreadable), and `previous` as every
/// checked report's last year: `(index, findings)` for each file with findings.
pub(crate) fn pass<'a>(
    files: impl Iterator<Item = Option<&'a Facts>>,
    previous: Option<Facts>,
    settings: &Settings,
) -> Vec<(usize, Vec<Diagnostic>)> {
    // References to the kept facts; a copy only of the one report `--previous` pairs.
    let mut facts: Vec<Cow<'_, Facts>> = Vec::new();
    let mut index = Vec::new();
    for (i, f) in files.enumerate() {
        let Some(f) = f else { continue };
        facts.push(match &previous {
            Some(p) => Cow::Owned(Facts { previous: Some(p.path.clone()), ..f.clone() }),
            None => Cow::Borrowed(f),
        });
        index.push(i);
    }
    facts.extend(previous.map(Cow::Owned));
    series::check(&facts, settings)
        .into_iter()
        .zip(index)
        .filter(|(found, _)| !found.is_empty())
        .map(|(found, i)| (i, found))
        .collect()
}
