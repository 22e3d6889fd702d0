//! `--format github`: GitHub Actions workflow commands, one annotation a finding.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=XG301 fee-statement-missing::message`;
//! warnings are `::warning`, infos `::notice`. Values are escaped as the runner's
//! workflow-command parser expects: `%`, `\r`, `\n` in the message; also `:` and `,` in properties.
use super::{Ctx, FileResult, Location};
use std::fmt::Write;
use xxgk_engine::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotations for one file.
pub fn render_file(file: &FileResult, cx: &Ctx, out: &mut String) {
    for d in &file.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = format!("file={}", escape_property(&file.path));
        let mut message = d.message.get(cx.lang).to_string();
        match file.location(d.span) {
            Location::Lines { line, column, end_line, end_column } => {
                let _ = write!(props, ",line={line},col={column},endLine={end_line},endColumn={end_column}");
            }
            Location::Locator(locator) => message = format!("{locator}: {message}"),
            Location::File => {}
        }
        let title = format!("{} {}", d.code, d.rule);
        let _ =
            writeln!(out, "::{command} {props},title={}::{}", escape_property(&title), escape_data(&message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;
    use xxgk_engine::Lang;

    #[test]
    fn escapes_per_workflow_command_rules() {
        assert_eq!(escape_data("50%\r\nok, a:b"), "50%25%0D%0Aok, a:b");
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn annotations() {
        let mut out = String::new();
        let mut files = testing::sample();
        files[0].path = "dir,x/a:1.txt".into();
        for f in &files {
            render_file(f, &Ctx { lang: Lang::Zh, color: false }, &mut out);
        }
        insta::assert_snapshot!(out, @r"
        ::error file=dir%2Cx/a%3A1.txt,line=2,col=8,endLine=2,endColumn=11,title=XG501 narrative-count-mismatch::正文说收到申请12件，表三为15件
        ::warning file=dir%2Cx/a%3A1.txt,line=4,col=1,endLine=4,endColumn=3,title=XG301 fee-statement-missing::XG301 中文消息
        ");
    }
}
