//! Baselines: accept today's findings so that only new ones fail (`check --write-baseline FILE`,
//! `check --baseline FILE`).
//!
//! A baseline is JSON: `{"version": 1, "entries": [{"path", "code", "fingerprint", "message"}]}`.
//! The fingerprint is FNV-1a 64 (fixed, written out here; std's hashers may change between
//! releases) of the code, the text the finding's span covers with all whitespace removed, and
//! the Chinese message — not the line, so a finding that moves with the text around it is
//! still matched. Entries are counted: two equal findings need two entries. An entry of a
//! checked file that matches no finding is reported as XG007 at the start of that file, except
//! an entry of a cross-file rule (XG7), whose findings depend on the other reports of the run.
//! Findings of the cross-file pass are filtered like any other (`check` filters a file's
//! findings once the cross-file pass has added its own).
use crate::config::{ConfigError, InvalidConfig};
use crate::diagnostic::{Diagnostic, Text};
use crate::settings::Settings;
use miette::{NamedSource, SourceSpan};
use std::collections::HashMap;
use std::path::Path;
use xxgk_model::{Report, Span};

/// The format version this build reads and writes.
pub const BASELINE_VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The report's path as it was checked (`/`-separated, without a leading `./`).
    pub path: String,
    /// The code (`XG405`).
    pub code: String,
    /// 16 hex digits, see the module documentation.
    pub fingerprint: String,
    /// The Chinese message, for people reading the file.
    pub message: String,
}

/// Accepted findings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always [`BASELINE_VERSION`].
    pub version: u32,
    /// Sorted by path, code, fingerprint ([`Baseline::filter`] relies on it; keep them sorted
    /// when editing the list).
    pub entries: Vec<BaselineEntry>,
}

impl Default for Baseline {
    fn default() -> Self {
        Baseline { version: BASELINE_VERSION, entries: Vec::new() }
    }
}

impl Baseline {
    /// A baseline accepting every finding of the given reports.
    pub fn from_diagnostics<'a>(files: impl IntoIterator<Item = (&'a Report, &'a [Diagnostic])>) -> Baseline {
        let mut entries: Vec<BaselineEntry> = files
            .into_iter()
            .flat_map(|(report, diagnostics)| {
                diagnostics.iter().map(move |d| BaselineEntry {
                    path: normalise_path(&report.path),
                    code: d.code.clone(),
                    fingerprint: fingerprint(report, d),
                    message: d.message.zh.clone(),
                })
            })
            .collect();
        entries.sort();
        Baseline { version: BASELINE_VERSION, entries }
    }

    /// The baseline as JSON text (pretty, one entry a few lines, final newline).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Write the baseline to `path`.
    pub fn write(&self, path: &Path) -> Result<(), ConfigError> {
        std::fs::write(path, self.to_json()).map_err(|source| ConfigError::Baseline {
            path: path.to_path_buf(),
            action: "write the baseline",
            source,
        })
    }

    /// Read a baseline from its JSON text, as if from `path` (for errors).
    pub fn from_json(path: &Path, text: &str) -> Result<Baseline, ConfigError> {
        let invalid = |message: String, span: Option<SourceSpan>, label: &str| {
            ConfigError::Invalid(Box::new(InvalidConfig {
                path: path.to_path_buf(),
                message,
                src: NamedSource::new(path.to_string_lossy(), text.to_string()).with_language("json"),
                span,
                label: label.to_string(),
                help: Some("write a new one with `xxgk check --write-baseline FILE`".to_string()),
            }))
        };
        let mut baseline: Baseline = serde_json::from_str(text).map_err(|e| {
            let offset = offset_of(text, e.line(), e.column());
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            invalid(format!("not a baseline: {message}"), Some(SourceSpan::from(offset..offset)), "here")
        })?;
        if baseline.version != BASELINE_VERSION {
            let at = text.find("\"version\"").map(|i| SourceSpan::from(i..i + "\"version\"".len()));
            return Err(invalid(
                format!(
                    "baseline version {} is not supported (this xxgk reads version {BASELINE_VERSION})",
                    baseline.version
                ),
                at,
                "this version",
            ));
        }
        baseline.entries.sort();
        Ok(baseline)
    }

    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Baseline {
            path: path.to_path_buf(),
            action: "read the baseline",
            source,
        })?;
        Baseline::from_json(path, &text)
    }

    /// Drop the findings of `report` that the baseline accepts; add XG007 (when enabled in
    /// `settings`) for each of this file's entries that matched nothing. Returns the findings
    /// kept, sorted as [`crate::check`] sorts them, and how many were dropped.
    pub fn filter(
        &self,
        report: &Report,
        settings: &Settings,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, usize) {
        let path = normalise_path(&report.path);
        // Entries are sorted by path (from_diagnostics and from_json sort them): binary search.
        let first = self.entries.partition_point(|e| e.path < path);
        let mine: Vec<&BaselineEntry> = self.entries[first..].iter().take_while(|e| e.path == path).collect();
        if mine.is_empty() {
            return (diagnostics, 0);
        }
        let mut left: HashMap<(String, String), usize> = HashMap::new();
        for e in &mine {
            *left.entry((e.code.clone(), e.fingerprint.clone())).or_default() += 1;
        }
        let mut matched = 0;
        let mut kept = Vec::with_capacity(diagnostics.len());
        for d in diagnostics {
            match left.get_mut(&(d.code.clone(), fingerprint(report, &d))) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    matched += 1;
                }
                _ => kept.push(d),
            }
        }
        let settings = settings.for_path(Path::new(&report.path));
        if let Some(meta) = crate::rules::find("XG007").filter(|m| settings.is_enabled(m)) {
            for e in mine {
                // A cross-file finding depends on the other reports of the run: not seen is not gone.
                if crate::suppress::cross_file(&e.code) {
                    continue;
                }
                let Some(n) = left.get_mut(&(e.code.clone(), e.fingerprint.clone())) else { continue };
                if *n == 0 {
                    continue;
                }
                *n -= 1;
                let mut d = Diagnostic::new(
                    meta,
                    Span::empty(0),
                    Text::new(
                        format!("基线中的 {} 条目没有匹配任何诊断：{}", e.code, e.message),
                        format!("Baseline entry for {} matches no finding: {}", e.code, e.message),
                    ),
                )
                .with_help(Text::new(
                    "问题已经修好：用 --write-baseline 重新生成基线",
                    "the finding is gone: regenerate the baseline with --write-baseline",
                ));
                if let Some(severity) = settings.severity_override(meta.code) {
                    d.severity = severity;
                }
                kept.push(d);
            }
        }
        kept.sort_by(|a, b| (a.span.start, &a.code, a.span.end).cmp(&(b.span.start, &b.code, b.span.end)));
        (kept, matched)
    }
}

/// The fingerprint of a finding: FNV-1a 64 of code, span text without whitespace, message (zh).
pub fn fingerprint(report: &Report, diagnostic: &Diagnostic) -> String {
    let mut hash = Fnv1a::new();
    hash.write(diagnostic.code.as_bytes());
    hash.write(&[0xff]);
    for c in report.slice(diagnostic.span).chars().filter(|c| !c.is_whitespace()) {
        let mut buf = [0u8; 4];
        hash.write(c.encode_utf8(&mut buf).as_bytes());
    }
    hash.write(&[0xff]);
    hash.write(diagnostic.message.zh.as_bytes());
    format!("{:016x}", hash.0)
}

/// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A path as a baseline stores it: `/`-separated, without leading `./`.
fn normalise_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests;
