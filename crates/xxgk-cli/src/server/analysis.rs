//! One document checked as `xxgk check` checks a file: the real adapters read its text, the
//! settings are those of the config that applies to its path, and the findings become LSP
//! diagnostics with their fixes as code actions.
use super::position::Lines;
use crate::fix::{self, Mode};
use crate::rules;
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, TextEdit, Uri,
};
use std::path::Path;
use std::sync::Arc;
use xxgk_adapters::ReadOptions;
use xxgk_engine::config::{Overrides, Resolver};
use xxgk_engine::{Applicability, Diagnostic, Lang, RuleMeta, Settings, Severity};
use xxgk_model::{Report, Span};

/// A finding as the editor sees it, with its fix.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The LSP diagnostic.
    pub diagnostic: lsp_types::Diagnostic,
    /// The fix, as edits of the document.
    pub fix: Option<FixAction>,
}

/// A quick fix of one finding.
#[derive(Debug, Clone)]
pub struct FixAction {
    /// What the action is called in the editor's menu.
    pub title: String,
    /// The edits, in the document's positions.
    pub edits: Vec<TextEdit>,
    /// Safe fixes are the preferred action (applied by `--fix`); unsafe ones only on request.
    pub safe: bool,
}

/// The result of checking a document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Findings in position order.
    pub findings: Vec<Finding>,
    /// Every safe fix of the document at once, as `--fix` would apply them.
    pub fix_all: Vec<TextEdit>,
    /// The settings in force (none when the config could not be loaded).
    pub settings: Option<Arc<Settings>>,
    /// The language of messages.
    pub lang: Lang,
}

/// Whether a document of this path is a report the server checks: text, Markdown or HTML
/// (DOCX and PDF are not text documents an editor edits).
pub fn is_report(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("txt" | "md" | "markdown" | "html" | "htm" | "shtml"))
}

/// Check `text`, the document `uri` named `path`; `lang` is the command line's `--lang`.
pub fn analyze(uri: &Uri, path: &Path, text: &str, lang: Option<Lang>) -> Analysis {
    let lines = Lines::new(text);
    let settings = Resolver::new(None, Overrides { lang, ..Overrides::default() })
        .and_then(|resolver| resolver.resolve(path));
    let settings = match settings {
        Ok(settings) => settings,
        Err(err) => {
            // A broken config is said where the user looks: on the document, at its start.
            let message = match lang.unwrap_or_default() {
                Lang::Zh => format!("配置有误，未检查：{err}"),
                Lang::En => format!("the configuration is invalid; not checked: {err}"),
            };
            let diagnostic = plain(Range::default(), DiagnosticSeverity::ERROR, None, message);
            return Analysis { findings: vec![Finding { diagnostic, fix: None }], ..Analysis::default() };
        }
    };
    let lang = settings.lang;
    let name = path.to_string_lossy();
    // The editor's text is UTF-8 whatever the file on disk is.
    let options = ReadOptions { format: None, encoding: Some("utf-8".to_string()) };
    let report = match xxgk_adapters::read(&name, text.as_bytes(), &options) {
        Ok(report) => report,
        Err(err) => {
            // XG001, as `check` reports an unreadable input ("中文 / English").
            let said = err.to_string();
            let (zh, en) = said.split_once(" / ").unwrap_or((&said, &said));
            let meta = rules::unreadable();
            let reason = if lang == Lang::En { en } else { zh };
            let message = match lang {
                Lang::Zh => format!("无法读取：{reason}"),
                Lang::En => format!("cannot read: {reason}"),
            };
            let diagnostic = plain(Range::default(), severity(meta.severity), Some(meta.code), message);
            return Analysis {
                findings: vec![Finding { diagnostic, fix: None }],
                settings: Some(settings),
                lang,
                ..Analysis::default()
            };
        }
    };
    let diagnostics = xxgk_engine::check(&report, &settings);
    let place = Placer::new(&report, text, &lines);
    let findings = diagnostics.iter().map(|d| finding(d, &report, uri, &place, lang)).collect();
    let fix_all = match fix::fixable_format(&report) {
        Ok(()) => {
            let (edits, _refused) = fix::edits(&report, &diagnostics, Mode::Safe);
            let applied = fix::apply(report.source(), &edits).applied;
            applied.iter().map(|e| place.edit(e.span, &e.replacement)).collect()
        }
        Err(_) => Vec::new(),
    };
    Analysis { findings, fix_all, settings: Some(settings), lang }
}

/// Source spans → document ranges. The report's source is the document's text, less a
/// byte-order mark the decoder dropped.
struct Placer<'a> {
    source: &'a str,
    text: &'a str,
    lines: &'a Lines,
    shift: usize,
}

impl<'a> Placer<'a> {
    fn new(report: &'a Report, text: &'a str, lines: &'a Lines) -> Placer<'a> {
        let source = report.source();
        let shift = if text.ends_with(source) { text.len() - source.len() } else { 0 };
        Placer { source, text, lines, shift }
    }
    /// The range of a span of the source.
    fn range(&self, span: Span) -> Range {
        let at = |offset: u32| (offset as usize).min(self.source.len()) + self.shift;
        let start = self.lines.position(self.text, at(span.start));
        let end = self.lines.position(self.text, at(span.end.max(span.start)));
        Range { start, end }
    }
    fn edit(&self, span: Span, replacement: &str) -> TextEdit {
        TextEdit { range: self.range(span), new_text: replacement.to_string() }
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn plain(
    range: Range,
    severity: DiagnosticSeverity,
    code: Option<&str>,
    message: String,
) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range,
        severity: Some(severity),
        code: code.map(|c| NumberOrString::String(c.to_string())),
        source: Some("xxgk".to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

fn finding(d: &Diagnostic, report: &Report, uri: &Uri, place: &Placer<'_>, lang: Lang) -> Finding {
    let range = place.range(report.source_span(d.span));
    let mut message = d.message.get(lang).to_string();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help.get(lang));
    }
    let mut diagnostic = plain(range, severity(d.severity), Some(&d.code), message);
    if !d.labels.is_empty() {
        diagnostic.related_information = Some(
            d.labels
                .iter()
                .map(|l| DiagnosticRelatedInformation {
                    location: Location { uri: uri.clone(), range: place.range(report.source_span(l.span)) },
                    message: l.message.get(lang).to_string(),
                })
                .collect(),
        );
    }
    let fix = d.fix.as_ref().and_then(|f| {
        fix::fixable_format(report).ok()?;
        // The CLI's rules: an edit touching a number is refused, whatever the fix.
        let (edits, refused) = fix::edits(report, std::slice::from_ref(d), Mode::Unsafe);
        if edits.is_empty() || !refused.is_empty() {
            return None;
        }
        let safe = f.applicability == Applicability::Safe;
        let what = d.help.as_ref().map_or_else(|| d.message.get(lang), |h| h.get(lang));
        let title = match (lang, safe) {
            (Lang::Zh, true) => format!("{}：{what}", d.code),
            (Lang::Zh, false) => format!("{}：{what}（不安全的修复，可能改变含义）", d.code),
            (Lang::En, true) => format!("{}: {what}", d.code),
            (Lang::En, false) => format!("{}: {what} (unsafe: may change the meaning)", d.code),
        };
        Some(FixAction {
            title,
            edits: edits.iter().map(|e| place.edit(e.span, &e.replacement)).collect(),
            safe,
        })
    });
    Finding { diagnostic, fix }
}

/// A rule by code or name: built in, else of the document's packs, else of a bundled pack;
/// with the pack it comes from.
pub fn find_rule(settings: Option<&Settings>, code: &str) -> Option<(&'static RuleMeta, String)> {
    if let Some(meta) = rules::find(code) {
        return Some((meta, rules::pack(meta).to_string()));
    }
    let defaults = Settings::default();
    let settings = settings.unwrap_or(&defaults);
    let meta = xxgk_engine::packs::find_rule(settings, code)?;
    Some((meta, xxgk_engine::packs::pack_of(settings, meta.code).unwrap_or_default()))
}

/// A rule's explanation, as `xxgk explain` prints it (Markdown).
pub fn explanation(meta: &RuleMeta, pack: &str, lang: Lang) -> String {
    let head = match lang {
        Lang::Zh => format!(
            "# {} {}\n\n默认级别：{}；规则包：{}；自 {} 起{}\n\n",
            meta.code,
            meta.name,
            meta.severity.as_str(),
            pack,
            meta.since,
            if meta.fixable { "；可自动修复" } else { "" }
        ),
        Lang::En => format!(
            "# {} {}\n\nDefault severity: {}; pack: {}; since {}{}\n\n",
            meta.code,
            meta.name,
            meta.severity.as_str(),
            pack,
            meta.since,
            if meta.fixable { "; fixable" } else { "" }
        ),
    };
    format!("{head}{}", rules::doc_in(meta, lang))
}
