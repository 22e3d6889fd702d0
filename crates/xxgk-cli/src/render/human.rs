//! `--format human`: rustc-style diagnostics through codespan-reporting.
//!
//! codespan counts columns in characters and sizes carets by display width, so carets line up
//! under Chinese text. A report without lines (DOCX) gets `path: 表3 第14行 第2列` and the text
//! of the paragraph or cell instead of a snippet (STYLE.md §5).
use super::related::{Db, Places};
use super::window::Windowed;
use super::{Ctx, FileResult, Location};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config};
use std::io;
use xxgk_engine::{Diagnostic, Lang, Severity};

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn notes(d: &Diagnostic, lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {}", help.get(lang)));
    }
    notes.push(match lang {
        Lang::Zh => format!("规则: {}（详见 xxgk explain {}）", d.rule, d.code),
        Lang::En => format!("rule: {} (see xxgk explain {})", d.rule, d.code),
    });
    notes
}

/// Every related place as a note (`另见 path:line:col：message`), for findings shown without a snippet.
fn related_notes(related: &[xxgk_engine::Related], lang: Lang) -> Vec<String> {
    related
        .iter()
        .map(|r| {
            let at = match (&r.position, &r.locator) {
                (Some(p), _) => format!("{}:{}:{}", r.path, p.line, p.column),
                (None, Some(l)) => format!("{}: {l}", r.path),
                (None, None) => r.path.clone(),
            };
            match lang {
                Lang::Zh => format!("另见 {at}：{}", r.message.get(lang)),
                Lang::En => format!("see also {at}: {}", r.message.get(lang)),
            }
        })
        .collect()
}

fn to_io(err: codespan_reporting::files::Error) -> io::Error {
    match err {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// Write one file's findings.
pub fn render_file(file: &FileResult, cx: &Ctx, out: &mut dyn WriteColor) -> io::Result<()> {
    for d in &file.diagnostics {
        render_diagnostic(file, d, cx, out)?;
    }
    Ok(())
}

/// Write one finding of `file`, with its source snippet.
pub fn render_diagnostic(
    file: &FileResult,
    d: &Diagnostic,
    cx: &Ctx,
    out: &mut dyn WriteColor,
) -> io::Result<()> {
    let config = Config::default();
    let source = file.report.as_ref().map_or("", |r| r.source());
    let files = SimpleFile::new(file.path.as_str(), source);
    {
        let header = CsDiagnostic::new(severity(d.severity))
            .with_code(d.code.as_str())
            .with_message(d.message.get(cx.lang));
        let location = file.location(d.span);
        if let Location::Lines { .. } = location {
            let ranges: Vec<_> = std::iter::once(d.span)
                .chain(d.labels.iter().map(|l| l.span))
                .map(|s| file.source_range(s))
                .collect();
            let windowed = Windowed::new(&file.path, source, &ranges);
            let map = |r: std::ops::Range<usize>| windowed.as_ref().map_or(r.clone(), |w| w.map(r));
            let mut labels = vec![CsLabel::primary(0, map(ranges[0].clone()))];
            for (label, range) in d.labels.iter().zip(&ranges[1..]) {
                labels
                    .push(CsLabel::secondary(0, map(range.clone())).with_message(label.message.get(cx.lang)));
            }
            // Places in other files (XG7): each a snippet of its own, at its real line.
            let places = Places::of(&d.related, cx.lang);
            labels.extend(places.labels.iter().cloned());
            let mut all_notes = notes(d, cx.lang);
            all_notes
                .splice(usize::from(d.help.is_some())..usize::from(d.help.is_some()), places.notes.clone());
            let diagnostic = header.with_labels(labels).with_notes(all_notes);
            match &windowed {
                Some(w) => term::emit(out, &config, &Db::new(w, &places.snippets), &diagnostic),
                None => term::emit(out, &config, &Db::new(&files, &places.snippets), &diagnostic),
            }
            .map_err(to_io)?;
            return Ok(());
        }
        // No lines to show: the header as codespan styles it, then where and what, then the notes.
        let styles = &config.styles;
        out.set_color(styles.header(severity(d.severity)))?;
        write!(out, "{}[{}]", severity_word(d.severity), d.code)?;
        out.set_color(&styles.header_message)?;
        write!(out, ": {}", d.message.get(cx.lang))?;
        out.reset()?;
        writeln!(out)?;
        out.set_color(&styles.source_border)?;
        write!(out, "  --> ")?;
        out.reset()?;
        match location {
            Location::Locator(locator) => {
                writeln!(out, "{}: {locator}", file.path)?;
                let text = file.report.as_ref().map_or("", |r| r.slice(d.span)).trim();
                for line in text.lines().take(3) {
                    out.set_color(&styles.source_border)?;
                    write!(out, "   │ ")?;
                    out.reset()?;
                    writeln!(out, "{line}")?;
                }
            }
            _ => writeln!(out, "{}", file.path)?,
        }
        // No snippet for this file: every related place as a note.
        let mut all_notes = notes(d, cx.lang);
        all_notes.splice(0..0, related_notes(&d.related, cx.lang));
        for note in all_notes {
            out.set_color(&styles.note_bullet)?;
            write!(out, "   = ")?;
            out.reset()?;
            writeln!(out, "{note}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;
    use codespan_reporting::term::termcolor::NoColor;
    use xxgk_model::{Locator, OffsetMap, Segment, Span};

    fn render(files: &[FileResult], lang: Lang) -> String {
        let mut out = NoColor::new(Vec::new());
        for f in files {
            render_file(f, &Ctx { lang, color: false }, &mut out).unwrap();
        }
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn carets_line_up_under_chinese_text() {
        let rendered = render(&testing::sample(), Lang::Zh);
        // "本年度收到申请" is 7 characters, 14 columns wide: the caret under "12件" starts at
        // display column 15 of the source line.
        let source_line = rendered.lines().find(|l| l.contains("本年度收到申请12件")).unwrap();
        let caret_line = rendered.lines().skip_while(|l| !l.contains("本年度")).nth(1).unwrap();
        let bar = source_line.find('│').unwrap();
        let prefix_width = unicode_width::UnicodeWidthStr::width(&source_line[..bar]);
        let caret_col = unicode_width::UnicodeWidthStr::width(&caret_line[..caret_line.find('^').unwrap()]);
        assert_eq!(caret_col - prefix_width, 2 + 14);
        insta::assert_snapshot!(rendered);
    }

    #[test]
    fn english_messages() {
        insta::assert_snapshot!(render(&testing::sample(), Lang::En));
    }

    #[test]
    fn unreadable_input_has_no_snippet() {
        let d = xxgk_engine::Diagnostic {
            code: "XG001".into(),
            rule: "unreadable-input".into(),
            severity: Severity::Error,
            message: xxgk_engine::Text::new(
                "无法读取 x.txt：文件为空",
                "cannot read x.txt: the file is empty",
            ),
            span: Span::default(),
            labels: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
        };
        let file = FileResult { path: "x.txt".into(), report: None, index: None, diagnostics: vec![d] };
        insta::assert_snapshot!(render(&[file], Lang::Zh));
    }

    #[test]
    fn docx_like_reports_print_the_locator() {
        let text = "表三 第14行 12070100128";
        let mut report = testing::report("r.docx", text);
        report.source = Some("<w:t>表三 第14行 12070100128</w:t>".into());
        report.map = OffsetMap {
            segments: vec![Segment {
                text: Span::new(0, text.len()),
                source: Span::new(5, 5 + text.len()),
                locator: Some(Locator::TableCell { table: 3, row: 14, column: 2 }),
            }],
        };
        let d = testing::at(text, "12070100128", "XG004", "inferred-cells", Severity::Warning);
        let file = FileResult::new(report, vec![d]);
        insta::assert_snapshot!(render(&[file], Lang::Zh));
    }

    #[test]
    fn long_lines_are_windowed_with_real_columns() {
        let text = format!(
            "一、总体情况\n{}自202011月完成升级改版以来{}\n",
            "我局".repeat(60),
            "，网站运行正常".repeat(20)
        );
        let mut d = testing::at(&text, "202011月", "XG405", "malformed-date", Severity::Warning);
        d.message = xxgk_engine::Text::new("日期\"202011月\"的年份与月份之间缺少\"年\"", "");
        let rendered = render(&[FileResult::new(testing::report("a.txt", &text), vec![d])], Lang::Zh);
        assert!(rendered.contains("┌─ a.txt:2:122\n"), "{rendered}");
        insta::assert_snapshot!(rendered);
    }

    #[test]
    fn any_span_renders_without_panic() {
        let text = "一、总体情况\n二";
        for (s, e) in [(0, 0), (1, 2), (2, 100), (100, 200), (17, 17), (3, 1)] {
            let mut d = testing::at(text, "一", "XG101", "section-missing", Severity::Error);
            d.span = xxgk_model::Span { start: s, end: e };
            let file = FileResult::new(testing::report("a.txt", text), vec![d]);
            assert!(render(&[file], Lang::Zh).starts_with("error[XG101]"));
        }
    }
}
