//! Settings: the compiled configuration that rules read (selection, severities, rule options).
use crate::diagnostic::{Lang, Severity};
use crate::rule::RuleMeta;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The national pack, built in.
pub const NATIONAL_PACK: &str = include_str!("../../../rules/national.toml");

/// A wording substitution: `wrong` should read `right` (XG603).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substitution {
    /// The wrong wording.
    pub wrong: String,
    /// The right wording.
    pub right: String,
}

/// A publication deadline for one kind of issuer (XG404), as month and day of year Y+1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// `department` or `government` (a county-or-higher people's government's own report).
    pub level: String,
    /// Month of Y+1.
    pub month: u32,
    /// Day of that month.
    pub day: u32,
}

/// Declare the rule options once: [`Options`] (compiled, what rules read) and
/// [`SettingsOptions`] (a pack's or config's `[settings]` as written, every key optional, and an
/// `extend-*` key beside every list that adds to the inherited list instead of replacing it).
///
/// To add an option, add one line here: `list name / extend_name: Type;` or
/// `value name: Type = default;`.
macro_rules! options {
    (
        lists { $( $(#[doc = $ldoc:literal])* $lname:ident / $lext:ident : $lty:ty ; )* }
        values { $( $(#[doc = $vdoc:literal])* $vname:ident : $vty:ty = $vdef:expr ; )* }
    ) => {
        /// Options of the built-in rules, as a pack's `[settings]` table sets them.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
        pub struct Options {
            $( $(#[doc = $ldoc])* pub $lname: Vec<$lty>, )*
            $( $(#[doc = $vdoc])* pub $vname: $vty, )*
        }

        impl Default for Options {
            fn default() -> Self {
                Options { $( $lname: Vec::new(), )* $( $vname: $vdef, )* }
            }
        }

        /// A `[settings]` table as written in a pack or config: every key optional; `extend-*`
        /// keys add to the list inherited from `extends` and packs, plain keys replace it.
        #[derive(Debug, Clone, Default, PartialEq, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct SettingsOptions {
            $(
                $(#[doc = $ldoc])* pub $lname: Option<Vec<$lty>>,
                #[doc = concat!("Added to the inherited `", stringify!($lname), "`.")]
                pub $lext: Option<Vec<$lty>>,
            )*
            $( $(#[doc = $vdoc])* pub $vname: Option<$vty>, )*
        }

        impl SettingsOptions {
            /// Apply this layer on top of `options`: plain keys replace, `extend-*` keys append.
            pub fn apply_to(&self, options: &mut Options) {
                $(
                    if let Some(list) = &self.$lname {
                        options.$lname = list.clone();
                    }
                    if let Some(list) = &self.$lext {
                        for item in list {
                            if !options.$lname.contains(item) {
                                options.$lname.push(item.clone());
                            }
                        }
                    }
                )*
                $(
                    if let Some(value) = &self.$vname {
                        options.$vname = value.clone();
                    }
                )*
            }
        }
    };
}

options! {
    lists {
        /// XG404 deadlines by issuer level.
        deadlines / extend_deadlines: Deadline;
        /// XG603 substitutions.
        wording / extend_wording: Substitution;
        /// XG601 page furniture phrases.
        web_chrome / extend_web_chrome: String;
        /// XG602 placeholder phrases.
        placeholders / extend_placeholders: String;
        /// XG7: pairing overrides (a report's issuer, year or previous report, by path).
        series / extend_series: crate::series::SeriesEntry;
        /// XG705: which departments' reports a government's report sums.
        rollup / extend_rollup: crate::series::RollupEntry;
    }
    values {
        /// XG703 factor above which a key figure's change from last year is implausible.
        jump_factor: f64 = 10.0;
        /// XG702 similarity (0–1) at or above which a section counts as copied from last year.
        copy_similarity: f64 = 0.8;
    }
}

impl Options {
    /// The national pack's options.
    pub fn national() -> Options {
        static NATIONAL: LazyLock<Options> = LazyLock::new(|| {
            // The pack is compiled in and tested (`national_pack_parses`); a parse failure is a
            // build defect, not an input error.
            let mut options = Options::default();
            if let Ok(pack) = toml::from_str::<crate::config::options::FileOptions>(NATIONAL_PACK) {
                if let Some(settings) = &pack.settings {
                    settings.apply_to(&mut options);
                }
            }
            options
        });
        NATIONAL.clone()
    }
}

/// What rules read: which rules run, at what severity, with which options.
///
/// Built by [`crate::config`] from the config files, packs and command line (or
/// [`Settings::national`] for the defaults). A compiled configuration lists in `select` the exact
/// codes the merge enabled; an empty `select` means the rules enabled by default.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Message language.
    pub lang: Lang,
    /// Selectors (code, family prefix such as `XG3`, rule name, or `ALL`); empty: the defaults.
    pub select: Vec<String>,
    /// Selectors added to the selection.
    pub extend_select: Vec<String>,
    /// Selectors turned off.
    pub ignore: Vec<String>,
    /// Severity by code.
    pub severities: HashMap<String, Severity>,
    /// Selectors turned off for files matching a glob (absolute patterns, `/` separated).
    pub per_file_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// Rule options.
    pub options: Options,
    /// Where the settings came from, base first (`national`, `/p/xxgk.toml`), for `config --show`.
    pub sources: Vec<String>,
    /// The declarative rules of the loaded packs, compiled (run after the built-in rules).
    pub pack_rules: std::sync::Arc<crate::packs::CompiledPacks>,
}

/// Whether `selector` names the rule: `ALL`, its code, a prefix of its code, or its name.
pub fn selector_matches(selector: &str, code: &str, name: &str) -> bool {
    selector == "ALL" || selector == name || (!selector.is_empty() && code.starts_with(selector))
}

impl Settings {
    /// The national defaults: every default rule, the national pack's options.
    pub fn national() -> Settings {
        Settings {
            options: Options::national(),
            sources: vec!["national".to_string()],
            ..Settings::default()
        }
    }
    /// Whether the rule runs.
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let hit = |list: &[String]| list.iter().any(|s| selector_matches(s, meta.code, meta.name));
        let selected = if self.select.is_empty() { meta.enabled_by_default } else { hit(&self.select) };
        (selected || hit(&self.extend_select)) && !hit(&self.ignore)
    }
    /// Whether the rule runs on the file `path` (its `per-file-ignores` applied).
    pub fn is_enabled_for(&self, meta: &RuleMeta, path: &Path) -> bool {
        self.is_enabled(meta) && !self.ignored_for(path).any(|s| selector_matches(s, meta.code, meta.name))
    }
    /// The settings for one file: these, with the `per-file-ignores` that match `path` added to
    /// `ignore` (borrowed when none matches).
    pub fn for_path(&self, path: &Path) -> Cow<'_, Settings> {
        let extra: Vec<String> = self.ignored_for(path).cloned().collect();
        if extra.is_empty() {
            return Cow::Borrowed(self);
        }
        let mut settings = self.clone();
        settings.per_file_ignores.clear();
        settings.ignore.extend(extra);
        Cow::Owned(settings)
    }
    fn ignored_for(&self, path: &Path) -> impl Iterator<Item = &String> {
        let absolute = if self.per_file_ignores.is_empty() { None } else { Some(absolute_path(path)) };
        self.per_file_ignores
            .iter()
            .filter(move |(glob, _)| absolute.as_ref().is_some_and(|p| glob.is_match(p)))
            .flat_map(|(_, selectors)| selectors.iter())
    }
    /// The configured severity of a code, if any.
    pub fn severity_override(&self, code: &str) -> Option<Severity> {
        self.severities.get(code).copied()
    }
}

/// `path` made absolute (against the current directory) and lexically normalised (`.` and `..`
/// removed), without touching the file system.
pub(crate) fn absolute_path(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn national_pack_parses() {
        let pack: crate::config::options::FileOptions =
            toml::from_str(NATIONAL_PACK).expect("rules/national.toml");
        assert_eq!(pack.name.as_deref(), Some("national"));
        let mut options = Options::default();
        pack.settings.expect("[settings]").apply_to(&mut options);
        assert_eq!(options, Options::national());
        let pack = options;
        assert!(pack.wording.iter().any(|s| s.wrong == "建全" && s.right == "健全"));
        assert_eq!(pack.deadlines.len(), 2);
        assert!(pack.web_chrome.iter().any(|s| s == "打印本页"));
    }
}
