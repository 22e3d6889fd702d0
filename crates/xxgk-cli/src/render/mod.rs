//! Output of `check`: one module per `--format`, sharing the located results of a run.
pub mod concise;
pub mod csv;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod related;
pub mod sarif;
pub mod summary;
pub mod window;

use xxgk_engine::{Diagnostic, Lang, Severity};
use xxgk_model::{LineIndex, Locator, Report, Span};

/// One input's outcome: the report (when it could be read) and its findings, sorted.
pub struct FileResult {
    /// The path as reported.
    pub path: String,
    /// The report; `None` when the input could not be read (its one finding is XG001).
    pub report: Option<Report>,
    /// Line starts of the report's source.
    pub index: Option<LineIndex>,
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a span is, for output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Not in any text (an unreadable input).
    File,
    /// 1-based lines and character columns in the source; the end is exclusive.
    Lines {
        /// First line.
        line: usize,
        /// First column.
        column: usize,
        /// Last line.
        end_line: usize,
        /// Column after the last character.
        end_column: usize,
    },
    /// A structural location (DOCX).
    Locator(Locator),
}

impl FileResult {
    /// A result for a report.
    pub fn new(report: Report, diagnostics: Vec<Diagnostic>) -> FileResult {
        let index = LineIndex::new(report.source());
        FileResult { path: report.path.clone(), report: Some(report), index: Some(index), diagnostics }
    }

    /// Where `span` (a span of the report's text) is.
    pub fn location(&self, span: Span) -> Location {
        let (Some(report), Some(index)) = (&self.report, &self.index) else { return Location::File };
        if let Some(locator) = report.locator(span) {
            return Location::Locator(locator);
        }
        let src = report.source_span(span);
        let source = report.source();
        let (line, column) = index.line_col(source, src.start as usize);
        let (end_line, end_column) = index.line_col(source, src.end as usize);
        Location::Lines { line, column, end_line, end_column }
    }

    /// The source text a span covers, clamped into the source and to character boundaries.
    pub fn source_range(&self, span: Span) -> std::ops::Range<usize> {
        let Some(report) = &self.report else { return 0..0 };
        let source = report.source();
        let src = report.source_span(span);
        let floor = |mut i: usize| {
            i = i.min(source.len());
            while !source.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = floor(src.start as usize);
        let end = floor(src.end as usize).max(start);
        start..end
    }
}

/// Counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs checked (readable or not).
    pub files: usize,
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Summary {
    /// Count the findings of a run.
    pub fn of(files: &[FileResult]) -> Summary {
        let mut s = Summary { files: files.len(), ..Summary::default() };
        for d in files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The closing line of human and concise output.
    pub fn line(&self, lang: Lang) -> String {
        let Summary { files, errors, warnings, infos } = *self;
        match (lang, self.total()) {
            (Lang::Zh, 0) => format!("共检查 {files} 个文件，未发现问题"),
            (Lang::Zh, _) => {
                format!("共检查 {files} 个文件：错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个")
            }
            (Lang::En, 0) => format!("Checked {files} {}: no problems found", plural(files, "file")),
            (Lang::En, _) => format!(
                "Checked {files} {}: {errors} {}, {warnings} {}, {infos} {}",
                plural(files, "file"),
                plural(errors, "error"),
                plural(warnings, "warning"),
                plural(infos, "info"),
            ),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// How output is rendered.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    /// Message language.
    pub lang: Lang,
    /// Whether to use colour (human output only).
    pub color: bool,
}

#[cfg(test)]
pub(crate) mod testing {
    //! Results built by hand, for renderer tests that do not depend on which rules exist.
    use super::FileResult;
    use xxgk_engine::{Diagnostic, Severity, Text};
    use xxgk_model::{Format, Report, Span};

    /// A plain-text report.
    pub fn report(path: &str, text: &str) -> Report {
        Report { path: path.into(), format: Some(Format::Text), text: text.into(), ..Report::default() }
    }

    /// A finding at the first occurrence of `needle` in `text`.
    pub fn at(text: &str, needle: &str, code: &str, rule: &str, severity: Severity) -> Diagnostic {
        let start = text.find(needle).unwrap_or(0);
        Diagnostic {
            code: code.into(),
            rule: rule.into(),
            severity,
            message: Text::new(format!("{code} 中文消息"), format!("{code} English message")),
            span: Span::new(start, start + needle.len()),
            labels: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    /// A result with two findings on a line of Chinese text, and a clean file.
    pub fn sample() -> Vec<FileResult> {
        let text = "一、总体情况\n本年度收到申请12件，办结10件。\n六、其他需要报告的事项\n无。\n";
        let mut first = at(text, "12件", "XG501", "narrative-count-mismatch", Severity::Error)
            .with_help(Text::new("核对正文与表三的数字", "Make the text agree with table 3"))
            .with_label(
                Span::new(text.find("10件").unwrap_or(0), text.find("10件").unwrap_or(0) + "10件".len()),
                Text::new("办结数在此", "completed here"),
            );
        first.message =
            Text::new("正文说收到申请12件，表三为15件", "The text says 12 requests, table 3 says 15");
        let mut second = at(text, "无。", "XG301", "fee-statement-missing", Severity::Warning);
        second.fix = Some(xxgk_engine::Fix {
            edits: vec![xxgk_engine::Edit {
                span: second.span,
                replacement: "本年度未收取信息处理费。".into(),
            }],
            applicability: xxgk_engine::Applicability::Safe,
        });
        vec![
            FileResult::new(report("a.txt", text), vec![first, second]),
            FileResult::new(report("b.txt", "一、总体情况\n"), Vec::new()),
        ]
    }
}

#[cfg(test)]
mod proptests {
    //! Rendering never panics on any span, in any format (STYLE.md §8).
    use super::*;
    use codespan_reporting::term::termcolor::NoColor;
    use proptest::prelude::*;
    use xxgk_engine::Text;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[a-z0-9 ]",
                "[一二三表总计，。]",
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just("\t".to_string()),
                Just("长".repeat(130))
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn every_format_renders_any_span(text in text(), spans in proptest::collection::vec((0u32..200, 0u32..200), 1..4)) {
            let mut d = testing::at(&text, "", "XG999", "any-rule", xxgk_engine::Severity::Error);
            d.span = Span { start: spans[0].0, end: spans[0].1 };
            for (s, e) in &spans[1..] {
                d = d.with_label(Span { start: *s, end: *e }, Text::new("标签", "label"));
            }
            let files = vec![FileResult::new(testing::report("a.txt", &text), vec![d])];
            for lang in [Lang::Zh, Lang::En] {
                let cx = Ctx { lang, color: false };
                let mut out = NoColor::new(Vec::new());
                human::render_file(&files[0], &cx, &mut out).unwrap();
                prop_assert!(String::from_utf8(out.into_inner()).unwrap().starts_with("error[XG999]"));
                let _ = json::document(&files, &cx);
                let _ = sarif::document(&files, &cx);
                let _ = junit::document(&files, &cx);
                let mut s = String::new();
                github::render_file(&files[0], &cx, &mut s);
                concise::render_file(&files[0], &cx, &mut s);
            }
        }
    }
}
