//! The rule engine of xxgk: the rule trait and registry, settings, and located diagnostics.
//!
//! A [`Rule`] reads a [`Report`](xxgk_model::Report) and reports [`Diagnostic`]s through a
//! [`Checker`]. [`rules::all`] is the one list of built-in rules; [`check`] runs the enabled
//! ones under a [`Settings`] and returns the findings sorted by position.
#![warn(missing_docs)]

pub mod baseline;
pub mod config;
mod diagnostic;
pub mod issuer;
pub mod packs;
mod rule;
pub mod rules;
pub mod series;
mod settings;
mod suppress;
#[cfg(test)]
mod test;

pub use diagnostic::{
    Applicability, Diagnostic, Edit, Excerpt, Fix, Label, Lang, Position, Related, Severity, Text,
};
pub use rule::{Checker, Rule, RuleMeta};
pub use settings::{
    selector_matches, Deadline, Options, Settings, SettingsOptions, Substitution, NATIONAL_PACK,
};

use xxgk_model::Report;

/// Run every enabled rule on `report`; findings sorted by position, then code.
///
/// The settings' `per-file-ignores` for `report.path` apply; then the report's inline
/// suppressions (`<!-- xxgk-disable … -->`, `xxgk: ignore[…]`) drop what they cover, and each
/// one that covers nothing is reported as XG007; then severities are overridden.
pub fn check(report: &Report, settings: &Settings) -> Vec<Diagnostic> {
    check_with(report, settings, Vec::new())
}

/// [`check`], with findings of the cross-file pass ([`series::check`]) on this report added
/// before the inline suppressions apply, so that a comment suppresses a cross-year finding as
/// it does any other (their spans must be spans of `report`'s text).
pub fn check_with(report: &Report, settings: &Settings, extra: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let settings = settings.for_path(std::path::Path::new(&report.path));
    let settings: &Settings = &settings;
    let mut cx = Checker::new(report, settings);
    for rule in rules::all() {
        let meta = rule.meta();
        if settings.is_enabled(meta) {
            cx.current = Some(meta);
            rule.check(report, &mut cx);
        }
    }
    cx.current = None;
    packs::run(report, &settings.pack_rules, &mut cx);
    let mut found = cx.finish();
    found.extend(extra);
    let mut diagnostics = suppress::apply(report, settings, found);
    for d in &mut diagnostics {
        if let Some(sev) = settings.severity_override(&d.code) {
            d.severity = sev;
        }
    }
    diagnostics.sort_by(|a, b| (a.span.start, &a.code, a.span.end).cmp(&(b.span.start, &b.code, b.span.end)));
    diagnostics
}
