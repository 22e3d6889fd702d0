//! `--format junit`: JUnit XML, one `<testsuite>` a file and one `<testcase>` a finding.
//!
//! A file without findings has one passing test case named `xxgk`. Every attribute and text
//! is escaped, and characters XML 1.0 cannot carry are dropped.
use super::{Ctx, FileResult, Location};
use std::fmt::Write;

/// Escape text for an XML attribute or element.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Not allowed in XML 1.0, even as references.
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The test cases a file counts for (`tests=`): one a finding, one for a clean file.
pub fn tests(findings: usize) -> usize {
    findings.max(1)
}

/// One file's `<testsuite>`.
pub fn suite(f: &FileResult, cx: &Ctx) -> String {
    let mut out = String::new();
    let path = escape(&f.path);
    let n = f.diagnostics.len();
    let _ = writeln!(out, "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\">", tests(n));
    if n == 0 {
        let _ = writeln!(out, "    <testcase name=\"xxgk\" classname=\"{path}\"/>");
    }
    for d in &f.diagnostics {
        let at = match f.location(d.span) {
            Location::Lines { line, column, .. } => format!("{}:{line}:{column}", f.path),
            Location::Locator(locator) => format!("{}: {locator}", f.path),
            Location::File => f.path.clone(),
        };
        let message = d.message.get(cx.lang);
        let mut body = format!("{at}: {message}");
        if let Some(help) = &d.help {
            let _ = write!(body, "\nhelp: {}", help.get(cx.lang));
        }
        let _ = writeln!(
            out,
            "    <testcase name=\"{} {}\" classname=\"{path}\">\n      \
             <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
            escape(&d.code),
            escape(&d.rule),
            escape(message),
            d.severity.as_str(),
            escape(&body),
        );
    }
    out.push_str("  </testsuite>\n");
    out
}

/// The whole document, from the [`suite`]s of every file (in path order), the sum of their
/// [`tests`] and the number of findings.
pub fn document_of<'a>(suites: impl IntoIterator<Item = &'a str>, tests: usize, failures: usize) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"xxgk\" tests=\"{tests}\" failures=\"{failures}\">");
    for s in suites {
        out.push_str(s);
    }
    out.push_str("</testsuites>\n");
    out
}

/// The whole document.
#[cfg(test)]
pub fn document(files: &[FileResult], cx: &Ctx) -> String {
    use super::Summary;
    let suites: Vec<String> = files.iter().map(|f| suite(f, cx)).collect();
    let tests = files.iter().map(|f| tests(f.diagnostics.len())).sum();
    document_of(suites.iter().map(String::as_str), tests, Summary::of(files).total())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;
    use xxgk_engine::Lang;

    #[test]
    fn escapes_everything() {
        assert_eq!(escape("a<b>&\"c'\u{1}\n"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;");
    }

    #[test]
    fn one_suite_a_file() {
        let mut files = testing::sample();
        files[0].path = "a&b.txt".into();
        insta::assert_snapshot!(document(&files, &Ctx { lang: Lang::Zh, color: false }));
    }
}
