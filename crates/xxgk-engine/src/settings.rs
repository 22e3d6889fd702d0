//! Settings: the compiled configuration that rules read (selection, severities, rule options).
use crate::diagnostic::{Lang, Severity};
use crate::rule::RuleMeta;
use std::collections::HashMap;

/// A wording substitution: `wrong` should read `right` (XG603).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    /// The wrong wording.
    pub wrong: String,
    /// The right wording.
    pub right: String,
}

/// A publication deadline for one kind of issuer (XG404), as month and day of year Y+1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// `department` or `government` (a county-or-higher people's government's own report).
    pub level: String,
    /// Month of Y+1.
    pub month: u32,
    /// Day of that month.
    pub day: u32,
}

/// Options of the built-in rules; packs set them (rules/national.toml holds the national ones).
#[derive(Debug, Clone, PartialEq)]
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
            deadlines: vec![
                Deadline { level: "department".into(), month: 1, day: 31 },
                Deadline { level: "government".into(), month: 3, day: 31 },
            ],
            wording: Vec::new(),
            web_chrome: Vec::new(),
            placeholders: Vec::new(),
            jump_factor: 10.0,
        }
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
