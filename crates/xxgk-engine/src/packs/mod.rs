//! Declarative pack rules: `[[rule]]` tables of a pack (`require`, `forbid`, `substitute`,
//! `require-section`, `require-row`, `deadline`, `compare`), compiled once into matchers.
//!
//! A pack's rules are data: [`RuleDef`] is the TOML as written (unknown keys rejected, spans
//! kept for errors); [`compile`] checks and compiles them into [`CompiledPacks`] (one
//! Aho-Corasick automaton and one `RegexSet` per section); [`run`] evaluates them after the
//! built-in rules. Their findings are ordinary [`Diagnostic`](crate::Diagnostic)s with the
//! pack's code, so selection, severities, suppressions and baselines apply unchanged.
mod compile;
mod run;
#[cfg(test)]
mod tests;

pub(crate) use compile::compile_layer;
pub use compile::{CompiledPacks, PackRule};
pub(crate) use run::run;

use crate::rule::RuleMeta;
use crate::settings::{Settings, Substitution};
use toml::Spanned;

/// One `[[rule]]` of a pack, as written. Which keys apply depends on `kind`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDef {
    /// The code, with the pack's own prefix (`SH001`; never `XG`).
    pub code: Spanned<String>,
    /// kebab-case name (`zhuanqu-sentence-missing`).
    pub name: Spanned<String>,
    /// `require`, `forbid`, `substitute`, `require-section`, `require-row`, `deadline`, `compare`.
    pub kind: Spanned<String>,
    /// Default severity: `error`, `warning` (the default) or `info`.
    pub severity: Option<Spanned<String>>,
    /// Whether the rule runs without being selected (default true).
    pub enabled: Option<bool>,
    /// The message (zh); `{wrong}`, `{right}`, `{found}`, `{lhs}`, `{rhs}` are filled in.
    pub message: String,
    /// The message in English.
    pub message_en: Option<String>,
    /// How to fix it (zh).
    pub help: Option<String>,
    /// How to fix it (en).
    pub help_en: Option<String>,
    /// The documentation (Markdown): what the rule encodes and its source.
    pub doc: Option<String>,
    /// The section searched: `overview`, `proactive`, `requests`, `appeals`, `problems`,
    /// `other`, or `any` (the whole report, the default).
    pub section: Option<Spanned<String>>,
    /// `require`/`forbid`: a literal phrase.
    pub phrase: Option<Spanned<String>>,
    /// `require`/`forbid`: a regular expression (instead of `phrase`).
    pub regex: Option<Spanned<String>>,
    /// `forbid`: the text that replaces a match (a safe fix).
    pub replacement: Option<String>,
    /// `substitute`: the word list, wrong → right.
    pub words: Option<Vec<Substitution>>,
    /// `require-section`: a heading phrase that must appear.
    pub heading: Option<Spanned<String>>,
    /// `require-row`: the table (`proactive`, `requests`, `appeals`).
    pub table: Option<Spanned<String>>,
    /// `require-row`: the row label that must appear in the table's section.
    pub label: Option<Spanned<String>>,
    /// `deadline`: phrases of the title or issuer that select the reports (none: all).
    pub issuer: Option<Vec<String>>,
    /// `deadline`: month of year Y+1.
    pub month: Option<Spanned<u32>>,
    /// `deadline`: day of that month.
    pub day: Option<Spanned<u32>>,
    /// `compare`: the left side, cells `table.row.column` and integers joined by `+`/`-`.
    pub left: Option<Spanned<String>>,
    /// `compare`: `<=`, `<`, `==`, `!=`, `>=`, `>`.
    pub op: Option<Spanned<String>>,
    /// `compare`: the right side.
    pub right: Option<Spanned<String>>,
}

/// A pack rule by code among the settings' packs, else among the bundled packs' rules: its
/// metadata (code, name, severity, doc text), for `xxgk explain`.
pub fn find_rule(settings: &Settings, code: &str) -> Option<&'static RuleMeta> {
    let hit = |m: &&'static RuleMeta| m.code == code || m.name == code;
    settings
        .pack_rules
        .rules
        .iter()
        .map(|r| r.meta)
        .find(hit)
        .or_else(|| bundled_rules().iter().copied().find(hit))
}

/// The rules of every bundled pack, compiled once.
pub fn bundled_rules() -> &'static [&'static RuleMeta] {
    static ALL: std::sync::LazyLock<Vec<&'static RuleMeta>> = std::sync::LazyLock::new(|| {
        crate::config::BUNDLED_PACKS
            .iter()
            .flat_map(|(name, _)| pack_rules(name).unwrap_or_default())
            .collect()
    });
    &ALL
}

/// The rules a bundled pack adds itself (not those of what it extends), for
/// `xxgk rules --pack NAME`; `None` for an unknown pack.
pub fn pack_rules(name: &str) -> Option<Vec<&'static RuleMeta>> {
    let text = crate::config::bundled_pack(name)?;
    let options: crate::config::options::FileOptions = toml::from_str(text).ok()?;
    let mut out = Vec::new();
    for def in options.rule.iter().flatten() {
        if let Ok(rule) = compile::compile_rule(name, options.version.as_deref().unwrap_or(""), def) {
            out.push(rule.meta);
        }
    }
    Some(out)
}

/// The pack a rule comes from: `national` for built-in codes, else the pack's name.
pub fn pack_of(settings: &Settings, code: &str) -> Option<String> {
    if crate::rules::all().iter().any(|r| r.meta().code == code) {
        return Some("national".to_string());
    }
    if let Some(rule) = settings.pack_rules.rules.iter().find(|r| r.meta.code == code) {
        return Some(rule.pack.clone());
    }
    crate::config::BUNDLED_PACKS
        .iter()
        .find(|(name, _)| pack_rules(name).is_some_and(|rules| rules.iter().any(|m| m.code == code)))
        .map(|(name, _)| name.to_string())
}

/// The declarative rules a pack brings, by bundled name (`guizhou`, `guizhou@0.1`) or path
/// (relative to the current directory), with those of the packs it extends: for
/// `xxgk rules --pack`. The pack is loaded as a config would load it, so a malformed or
/// unknown pack is the same located error.
pub fn rules_of(reference: &str) -> Result<Vec<(String, &'static RuleMeta)>, crate::config::ConfigError> {
    // Errors name the flag: the pack is loaded as if listed in a config called `--pack`.
    let here = std::path::Path::new("--pack");
    let text = format!("packs = [{}]\n", toml::Value::String(reference.to_string()));
    let settings =
        crate::config::Config::from_text(here, &text)?.compile(&crate::config::Overrides::default())?;
    Ok(settings.pack_rules.rules.iter().map(|r| (r.pack.clone(), r.meta)).collect())
}
