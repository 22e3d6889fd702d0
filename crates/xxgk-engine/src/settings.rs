//! Settings: the compiled configuration that rules read (selection, severities, rule options).
use crate::diagnostic::{Lang, Severity};
use crate::rule::RuleMeta;
use serde::Deserialize;
use std::collections::HashMap;

/// The national pack, built in.
pub const NATIONAL_PACK: &str = include_str!("../../../rules/national.toml");

/// A wording substitution: `wrong` should read `right` (XG603).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substitution {
    /// The wrong wording.
    pub wrong: String,
    /// The right wording.
    pub right: String,
}

/// A publication deadline for one kind of issuer (XG404), as month and day of year Y+1.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// `department` or `government` (a county-or-higher people's government's own report).
    pub level: String,
    /// Month of Y+1.
    pub month: u32,
    /// Day of that month.
    pub day: u32,
}

/// Options of the built-in rules, as a pack's `[settings]` table sets them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Options {
    /// XG404 deadlines by issuer level.
    pub deadlines: Vec<Deadline>,
    /// XG603 substitutions.
    pub wording: Vec<Substitution>,
    /// XG601 page furniture phrases.
    pub web_chrome: Vec<String>,
    /// XG602 placeholder phrases.
    pub placeholders: Vec<String>,
    /// XG703 factor above which a key figure's change from last year is implausible.
    pub jump_factor: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            deadlines: Vec::new(),
            wording: Vec::new(),
            web_chrome: Vec::new(),
            placeholders: Vec::new(),
            jump_factor: 10.0,
        }
    }
}

#[derive(Deserialize)]
struct NationalPack {
    settings: Options,
}

impl Options {
    /// The national pack's options.
    pub fn national() -> Options {
        // The pack is compiled in and tested; a parse failure is a build defect.
        toml::from_str::<NationalPack>(NATIONAL_PACK).map(|p| p.settings).unwrap_or_default()
    }
}

/// What rules read: which rules run, at what severity, with which options.
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
    /// Rule options.
    pub options: Options,
}

/// Whether `selector` names the rule: `ALL`, its code, a prefix of its code, or its name.
pub fn selector_matches(selector: &str, code: &str, name: &str) -> bool {
    selector == "ALL" || selector == name || (!selector.is_empty() && code.starts_with(selector))
}

impl Settings {
    /// The national defaults: every default rule, the national pack's options.
    pub fn national() -> Settings {
        Settings { options: Options::national(), ..Settings::default() }
    }
    /// Whether the rule runs.
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let hit = |list: &[String]| list.iter().any(|s| selector_matches(s, meta.code, meta.name));
        let selected = if self.select.is_empty() { meta.enabled_by_default } else { hit(&self.select) };
        (selected || hit(&self.extend_select)) && !hit(&self.ignore)
    }
    /// The configured severity of a code, if any.
    pub fn severity_override(&self, code: &str) -> Option<Severity> {
        self.severities.get(code).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn national_pack_parses() {
        let pack: NationalPack = toml::from_str(NATIONAL_PACK).expect("rules/national.toml");
        assert!(pack.settings.wording.iter().any(|s| s.wrong == "建全" && s.right == "健全"));
        assert_eq!(pack.settings.deadlines.len(), 2);
        assert!(pack.settings.web_chrome.iter().any(|s| s == "打印本页"));
    }
}
