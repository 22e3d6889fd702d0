//! Tests of inline suppressions on hand-made reports.
use super::*;
use crate::Severity;

crate::declare_rule! {
    /// A stand-in for a page-furniture rule.
    pub(crate) CHROME = { code: "XG601", name: "web-chrome-left", severity: Warning, since: "0.1.0" }
}
crate::declare_rule! {
    /// A stand-in for a placeholder rule.
    pub(crate) PLACEHOLDER = { code: "XG602", name: "placeholder-left", severity: Warning, since: "0.1.0" }
}

fn report(text: &str) -> Report {
    xxgk_adapters::read("t.txt", text.as_bytes(), &Default::default()).expect("reads")
}

/// A finding of `meta` on the `n`th occurrence (0-based) of `needle`.
fn finding(report: &Report, meta: &crate::RuleMeta, needle: &str, n: usize) -> Diagnostic {
    let start = report.text.match_indices(needle).nth(n).map(|(i, _)| i).expect("needle");
    Diagnostic::new(
        meta,
        Span::new(start, start + needle.len()),
        Text::new(format!("{needle} 残留"), "left over"),
    )
}

fn run(text: &str, findings: &[(&crate::RuleMeta, &str, usize)]) -> String {
    let report = report(text);
    let diagnostics = findings.iter().map(|(m, needle, n)| finding(&report, m, needle, *n)).collect();
    let mut out = apply(&report, &Settings::national(), diagnostics);
    out.sort_by_key(|d| d.span.start);
    crate::test::render(&report, &out)
}

fn fixed(text: &str, findings: &[(&crate::RuleMeta, &str, usize)]) -> String {
    let report = report(text);
    let diagnostics = findings.iter().map(|(m, needle, n)| finding(&report, m, needle, *n)).collect();
    let mut edits: Vec<Edit> = apply(&report, &Settings::national(), diagnostics)
        .into_iter()
        .filter_map(|d| d.fix)
        .flat_map(|f| f.edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut text = report.text.clone();
    for e in edits {
        text.replace_range(e.span.range(), &e.replacement);
    }
    text
}

#[test]
fn ignore_covers_its_own_line() {
    let text = "第一行\n打印本页 xxgk: ignore[XG601]\n打印本页\n";
    assert_eq!(
        run(text, &[(&CHROME, "打印本页", 0), (&CHROME, "打印本页", 1)]),
        "XG601 3:1-3:5 warning 打印本页 残留\n"
    );
}

#[test]
fn ignore_alone_on_its_line_covers_the_next_line() {
    let text = "<!-- xxgk: ignore[XG601] -->\n打印本页\n打印本页\n";
    assert_eq!(
        run(text, &[(&CHROME, "打印本页", 0), (&CHROME, "打印本页", 1)]),
        "XG601 3:1-3:5 warning 打印本页 残留\n"
    );
    // With other text on its line, the marker covers only that line: unused here.
    let text = "正文 xxgk: ignore[XG601]\n打印本页\n";
    assert_eq!(
        run(text, &[(&CHROME, "打印本页", 0)]),
        "XG007 1:4-1:23 warning 抑制注释没有抑制任何诊断：XG601\n  help: 删除这条抑制注释\nXG601 2:1-2:5 warning 打印本页 残留\n"
    );
}

#[test]
fn disable_lasts_until_enable_of_the_same_code() {
    let text = "打印本页\n<!-- xxgk-disable XG601 -->\n打印本页 ××\n<!-- xxgk-enable XG601 -->\n打印本页\n";
    let out = run(
        text,
        &[
            (&CHROME, "打印本页", 0),
            (&CHROME, "打印本页", 1),
            (&PLACEHOLDER, "××", 0),
            (&CHROME, "打印本页", 2),
        ],
    );
    assert_eq!(
        out,
        "XG601 1:1-1:5 warning 打印本页 残留\nXG602 3:6-3:8 warning ×× 残留\nXG601 5:1-5:5 warning 打印本页 残留\n"
    );
    // Without an enable: to the end of the file.
    let text = "<!-- xxgk-disable XG601 -->\n打印本页\n\n\n打印本页\n";
    assert_eq!(run(text, &[(&CHROME, "打印本页", 0), (&CHROME, "打印本页", 1)]), "");
}

#[test]
fn disable_next_line_covers_only_the_next_line() {
    let text = "<!-- xxgk-disable-next-line XG601 -->\n打印本页\n打印本页\n";
    assert_eq!(
        run(text, &[(&CHROME, "打印本页", 0), (&CHROME, "打印本页", 1)]),
        "XG601 3:1-3:5 warning 打印本页 残留\n"
    );
}

#[test]
fn codes_may_be_families_names_or_nothing() {
    let text = "打印本页 ×× xxgk: ignore[XG6]\n";
    assert_eq!(run(text, &[(&CHROME, "打印本页", 0), (&PLACEHOLDER, "××", 0)]), "");
    let text = "打印本页 ×× xxgk: ignore[web-chrome-left]\n";
    assert_eq!(
        run(text, &[(&CHROME, "打印本页", 0), (&PLACEHOLDER, "××", 0)]),
        "XG602 1:6-1:8 warning ×× 残留\n"
    );
    let text = "<!-- xxgk-disable -->\n打印本页 ××\n";
    assert_eq!(run(text, &[(&CHROME, "打印本页", 0), (&PLACEHOLDER, "××", 0)]), "");
}

#[test]
fn an_unused_code_of_a_list_is_reported_at_the_code() {
    let text = "第一行\n打印本页 xxgk: ignore[XG601, XG602]\n";
    assert_eq!(
        run(text, &[(&CHROME, "打印本页", 0)]),
        "XG007 2:26-2:31 warning 抑制注释中的 XG602 没有抑制任何诊断\n  help: 从抑制注释中删除 XG602\n"
    );
    assert_eq!(fixed(text, &[(&CHROME, "打印本页", 0)]), "第一行\n打印本页 xxgk: ignore[XG601]\n");
    let text = "打印本页 xxgk: ignore[XG602 XG601]\n";
    assert_eq!(fixed(text, &[(&CHROME, "打印本页", 0)]), "打印本页 xxgk: ignore[XG601]\n");
}

#[test]
fn the_fix_removes_an_unused_comment_and_its_line() {
    let text = "第一行\n<!-- xxgk-disable-next-line XG601 -->\n第三行\n";
    assert_eq!(
        run(text, &[]),
        "XG007 2:1-2:38 warning 抑制注释没有抑制任何诊断：XG601\n  help: 删除这条抑制注释\n"
    );
    assert_eq!(fixed(text, &[]), "第一行\n第三行\n");
    let text = "第一行 xxgk: ignore[XG601]\n";
    assert_eq!(fixed(text, &[]), "第一行\n");
}

#[test]
fn an_unknown_code_is_unused() {
    let text = "第一行\n  xxgk: ignore[XG999]\n";
    assert_eq!(
        run(text, &[]),
        "XG007 2:3-2:22 warning 抑制注释没有抑制任何诊断：XG999\n  help: 删除这条抑制注释\n"
    );
}

#[test]
fn no_xg007_when_it_is_not_enabled() {
    let report = report("xxgk: ignore[XG999]\n");
    let settings = Settings { ignore: vec!["XG007".into()], ..Settings::national() };
    assert!(apply(&report, &settings, Vec::new()).is_empty());
}

#[test]
fn check_reports_xg007_with_its_configured_severity() {
    let report = report("一、总体情况\n本年度未收取费用。<!-- xxgk-disable XG405 -->\n");
    let only = Settings { select: vec!["XG007".into(), "XG405".into()], ..Settings::national() };
    let diagnostics = crate::check(&report, &only);
    assert_eq!(
        crate::test::render(&report, &diagnostics),
        "XG007 2:10-2:37 warning 抑制注释没有抑制任何诊断：XG405\n  help: 删除这条抑制注释\n"
    );
    let fix = diagnostics[0].fix.as_ref().expect("fixable");
    assert_eq!(fix.applicability, Applicability::Safe);
    assert_eq!(report.slice(fix.edits[0].span), "<!-- xxgk-disable XG405 -->");
    let settings = Settings { severities: [("XG007".to_string(), Severity::Error)].into(), ..only };
    assert_eq!(crate::check(&report, &settings)[0].severity, Severity::Error);
}

#[test]
fn text_without_markers_is_untouched() {
    let report = report("打印本页\n");
    let d = finding(&report, &CHROME, "打印本页", 0);
    assert_eq!(apply(&report, &Settings::national(), vec![d.clone()]), vec![d]);
}

#[test]
fn comments_in_a_separate_source_apply() {
    let source = "<p><!-- xxgk-disable-next-line XG601 --></p>\n<p>打印本页</p>\n<p>打印本页</p>\n";
    let text = "打印本页\n打印本页\n";
    let at = |s: &str, n: usize| source.match_indices(s).nth(n).map(|(i, _)| i).expect("in source");
    let segment = |t: usize, s: usize| xxgk_model::Segment {
        text: Span::new(t, t + "打印本页".len()),
        source: Span::new(s, s + "打印本页".len()),
        locator: None,
    };
    let report = Report {
        path: "t.html".into(),
        text: text.into(),
        source: Some(source.into()),
        map: xxgk_model::OffsetMap {
            segments: vec![segment(0, at("打印本页", 0)), segment(13, at("打印本页", 1))],
        },
        ..Report::default()
    };
    let diagnostics =
        vec![finding(&report, &CHROME, "打印本页", 0), finding(&report, &CHROME, "打印本页", 1)];
    let out = apply(&report, &Settings::national(), diagnostics);
    assert_eq!(crate::test::render(&report, &out), "XG601 3:4-3:8 warning 打印本页 残留\n");

    // Unused, the comment has no place in the text: XG007 at the text after it, without a fix.
    let out = apply(&report, &Settings::national(), vec![finding(&report, &CHROME, "打印本页", 1)]);
    assert_eq!(out.len(), 2);
    assert_eq!((out[1].code.as_str(), out[1].span, out[1].fix.is_none()), ("XG007", Span::new(0, 0), true));
}

#[test]
fn odd_inputs_do_not_panic_and_fixes_cut_on_char_boundaries() {
    let inputs = [
        "xxgk: ignore[XG601]",
        "xxgk: ignore[]\r\n打印本页\r\n",
        "打印本页<!-- xxgk-disable-next-line XG601 -->",
        "<!-- xxgk-enable XG601 -->\n<!-- xxgk-enable -->\n",
        "<!-- xxgk-disable XG601 <!-- xxgk-disable XG602 -->\n",
        "<!-- xxgk-disable XG601",
        "xxgk: ignore[XG601 xxgk: ignore[XG602]]\n",
        "全角　xxgk:　ignore[XG601]　\n",
        "xxgk:ignore[,,XG601,,]\n打印本页",
        "<!--xxgk-disable-next-line-->\n",
        "xxgk",
        "。xxgk: ignore[打印]\n",
    ];
    for text in inputs {
        let report = report(text);
        let diagnostics: Vec<Diagnostic> = report
            .text
            .match_indices("打印本页")
            .map(|(i, _)| finding(&report, &CHROME, "打印本页", 0).clone_at(i))
            .collect();
        for d in apply(&report, &Settings::national(), diagnostics) {
            assert!(report.text.get(d.span.range()).is_some(), "{text:?}: {:?}", d.span);
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                assert!(report.text.get(e.span.range()).is_some(), "{text:?}: {:?}", e.span);
            }
        }
    }
}

trait At {
    fn clone_at(&self, start: usize) -> Diagnostic;
}

impl At for Diagnostic {
    fn clone_at(&self, start: usize) -> Diagnostic {
        Diagnostic { span: Span::new(start, start + self.span.len()), ..self.clone() }
    }
}

#[test]
fn cross_year_findings_added_by_check_with_are_suppressed() {
    let report = report("一、总体情况\n上年结转 0 xxgk: ignore[XG701]\n上年结转 0\n");
    let meta = crate::rules::find("XG701").expect("registered");
    let extra = vec![finding(&report, meta, "上年结转", 0), finding(&report, meta, "上年结转", 1)];
    let only = Settings { select: vec!["XG007".into(), "XG7".into()], ..Settings::national() };
    assert_eq!(
        crate::test::render(&report, &crate::check_with(&report, &only, extra)),
        "XG701 3:1-3:5 warning 上年结转 残留\n"
    );
    // Checked without last year's report, the suppression has nothing to cover: not XG007.
    assert_eq!(crate::check(&report, &only), Vec::new());
    assert!(cross_file("XG701") && cross_file("XG706") && !cross_file("XG601"));
}

/// XG007 on a Markdown comment alone on its line, followed by a blank line: `text`'s line 3 is the
/// comment, the span is the comment's own and the fix removes its line, as for plain text.
#[test]
fn an_unused_markdown_comment_before_a_blank_line_is_fixed_like_text() {
    let source =
        "# 某局2023年政府信息公开工作年度报告\n\n<!-- xxgk-disable-next-line XG601 -->\n\n一、总体情况\n";
    let expected = "# 某局2023年政府信息公开工作年度报告\n\n\n一、总体情况\n";
    for name in ["t.md", "t.txt"] {
        let report = xxgk_adapters::read(name, source.as_bytes(), &Default::default()).expect("reads");
        let out = apply(&report, &Settings::national(), Vec::new());
        let comment = "<!-- xxgk-disable-next-line XG601 -->";
        assert_eq!(
            crate::test::render(&report, &out),
            format!(
                "XG007 3:1-3:{} warning 抑制注释没有抑制任何诊断：XG601\n  help: 删除这条抑制注释\n",
                comment.len() + 1
            ),
            "{name}"
        );
        assert_eq!(report.slice(out[0].span), comment, "{name}");
        let fix = out[0].fix.as_ref().unwrap_or_else(|| panic!("{name}: a fix"));
        let mut fixed = source.to_string();
        for e in &fix.edits {
            fixed.replace_range(report.source_span(e.span).range(), &e.replacement);
        }
        assert_eq!(fixed, expected, "{name}");
    }
}
