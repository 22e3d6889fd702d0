//! `--format concise`: one line a finding, `path:line:col: CODE [severity] message`.
//!
//! A DOCX finding reads `path: 表3 第14行 第2列: CODE [severity] message`; an input that could
//! not be read is placed at `path:1:1`, as ruff places file-level errors.
use super::{Ctx, FileResult, Location};
use std::fmt::Write;

/// The lines for one file.
pub fn render_file(file: &FileResult, cx: &Ctx, out: &mut String) {
    for d in &file.diagnostics {
        let at = match file.location(d.span) {
            Location::Lines { line, column, .. } => format!("{}:{line}:{column}", file.path),
            Location::File => format!("{}:1:1", file.path),
            Location::Locator(locator) => format!("{}: {locator}", file.path),
        };
        let message = d.message.get(cx.lang).replace(['\r', '\n'], " ");
        let _ = writeln!(out, "{at}: {} [{}] {message}", d.code, d.severity.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;
    use xxgk_engine::Lang;

    #[test]
    fn one_line_a_finding() {
        let mut out = String::new();
        for f in &testing::sample() {
            render_file(f, &Ctx { lang: Lang::En, color: false }, &mut out);
        }
        assert_eq!(
            out,
            "a.txt:2:8: XG501 [error] The text says 12 requests, table 3 says 15\n\
             a.txt:4:1: XG301 [warning] XG301 English message\n"
        );
    }
}
