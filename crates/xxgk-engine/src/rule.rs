//! The rule trait, rule metadata and the checker rules report through.
use crate::diagnostic::{Diagnostic, Severity};
use crate::settings::Settings;
use xxgk_model::Report;

/// What a rule is: code, name, default severity and its documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code (`XG301`).
    pub code: &'static str,
    /// kebab-case name (`fee-statement-missing`).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Version that added it.
    pub since: &'static str,
    /// The documentation (Markdown): `explain` prints it, `docs/rules/` is generated from it.
    pub doc: &'static str,
    /// Whether the rule can offer a fix.
    pub fixable: bool,
    /// Whether it runs without being selected.
    pub enabled_by_default: bool,
}

impl RuleMeta {
    /// The family digit's prefix (`XG3`).
    pub fn family(&self) -> &'static str {
        &self.code[..3.min(self.code.len())]
    }
}

/// Declare a rule's metadata from its doc comment, as clippy's `declare_clippy_lint!` does.
///
/// ```ignore
/// declare_rule! {
///     /// ## 检查内容
///     /// …
///     pub FEE_STATEMENT_MISSING = { code: "XG301", name: "fee-statement-missing", severity: Error, since: "0.1.0" }
/// }
/// ```
/// Optional trailing keys: `fixable: true`, `enabled_by_default: false`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $NAME:ident = {
            code: $code:literal, name: $name:literal, severity: $sev:ident, since: $since:literal
            $(, fixable: $fixable:literal)?
            $(, enabled_by_default: $enabled:literal)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $NAME: $crate::RuleMeta = $crate::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::Severity::$sev,
            since: $since,
            doc: concat!($($doc, "\n",)*),
            fixable: false $(|| $fixable)?,
            enabled_by_default: true $(&& $enabled)?,
        };
    };
}

/// A check over one report.
pub trait Rule: Sync + Send {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Report findings on `report` through `cx`.
    fn check(&self, report: &Report, cx: &mut Checker<'_>);
}

/// What a rule sees besides the report: the settings, and where findings go.
pub struct Checker<'a> {
    /// The report under check.
    pub report: &'a Report,
    settings: &'a Settings,
    pub(crate) current: Option<&'static RuleMeta>,
    diagnostics: Vec<Diagnostic>,
    /// The report's repeated content, found once for the rules that need it (XG005, XG102).
    duplication: std::cell::OnceCell<std::sync::Arc<crate::rules::Duplication>>,
}

impl<'a> Checker<'a> {
    /// A checker for one report.
    pub fn new(report: &'a Report, settings: &'a Settings) -> Checker<'a> {
        Checker { report, settings, current: None, diagnostics: Vec::new(), duplication: Default::default() }
    }
    /// The report's repeated content (computed on first use, then shared).
    pub(crate) fn duplication(&self) -> std::sync::Arc<crate::rules::Duplication> {
        let report = self.report;
        self.duplication.get_or_init(|| std::sync::Arc::new(crate::rules::duplication(report))).clone()
    }
    /// The settings in force.
    pub fn settings(&self) -> &'a Settings {
        self.settings
    }
    /// Report a finding.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
    /// Whether a rule (by code) is enabled, for rules that stay silent when a sibling owns the cause.
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        self.settings.is_enabled(meta)
    }
    /// The findings so far.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
