//! Findings: code, severity, located message, help, places in other files and an optional fix. Plain data; the CLI renders it.
use serde::Serialize;
use xxgk_model::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed; makes the run exit 1.
    Error,
    /// Should be fixed.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The name as in JSON and config (`error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    /// Parse a config or CLI value.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "note" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parse `zh`/`en` (also `zh-CN`, `en_US.UTF-8`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A message in both languages; every built-in message has both (a test checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A message from its two wordings.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }
    /// The wording in `lang` (Chinese when the English is empty).
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.zh,
        }
    }
}

/// A secondary location of a finding (another cell of a failing identity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: Text,
}

/// Where a place in another file is, for output: 1-based lines and character columns in that
/// file's source (the end is exclusive), or a structural locator for a format without lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    /// First line.
    pub line: usize,
    /// First column.
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column after the last character.
    pub end_column: usize,
}

/// The source line around a place in another file, so that output can show it without that
/// file: `text` is (a window of) the line, and its first character is at `first_column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// The line, or a window of a long line.
    pub text: String,
    /// The 1-based character column of `text`'s first character in the real line.
    pub first_column: usize,
}

/// A place in another file that a finding involves (last year's report, for the XG7 rules).
///
/// The other file is no longer in memory when the finding is rendered, so the place carries
/// everything output needs: the path, where (`position` or `locator`), and the line's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The other file's path, as the run names it.
    pub path: String,
    /// Where in it, when its format has lines.
    pub position: Option<Position>,
    /// Where in it, for a format without lines (DOCX).
    pub locator: Option<xxgk_model::Locator>,
    /// The source line, for a snippet.
    pub excerpt: Option<Excerpt>,
    /// What is there.
    pub message: Text,
}

/// Whether a fix may be applied by `--fix` or only by `--unsafe-fixes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning; applied by `--fix`.
    Safe,
    /// May change the meaning; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the text of `span` by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// What to replace, in the report's text.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A fix: edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The edits, not overlapping.
    pub edits: Vec<Edit>,
    /// Safe or not.
    pub applicability: Applicability,
}

/// A finding of a rule, located in the report's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The code (`XG301`, or a pack's own `SH001`).
    pub code: String,
    /// The rule's name (`fee-statement-missing`).
    pub rule: String,
    /// The severity after configuration.
    pub severity: Severity,
    /// What is wrong, with the numbers.
    pub message: Text,
    /// Where: a span of the report's text.
    pub span: Span,
    /// Other places involved.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<Text>,
    /// A fix, for fixable rules.
    pub fix: Option<Fix>,
    /// Places in other files (empty for single-file rules).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding of the rule `meta`, at its default severity.
    pub fn new(meta: &crate::RuleMeta, span: Span, message: Text) -> Diagnostic {
        Diagnostic {
            code: meta.code.to_string(),
            rule: meta.name.to_string(),
            severity: meta.severity,
            message,
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }
    /// With a help line.
    pub fn with_help(mut self, help: Text) -> Diagnostic {
        self.help = Some(help);
        self
    }
    /// With a secondary label.
    pub fn with_label(mut self, span: Span, message: Text) -> Diagnostic {
        self.labels.push(Label { span, message });
        self
    }
    /// With a place in another file.
    pub fn with_related(mut self, related: Related) -> Diagnostic {
        self.related.push(related);
        self
    }
    /// With a fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }
}
