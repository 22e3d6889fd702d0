//! CSV output (RFC 4180, UTF-8 without a BOM, `\n` line ends), written with the `csv` crate.
//!
//! ## `check --format csv`
//! `path,line,column,code,severity,message`: one row a finding, files in path order, each
//! file's findings by position. `line` and `column` are 1-based (columns count characters);
//! both are empty for an input that could not be read and for DOCX, whose message then starts
//! with the place (`表3 第14行 第2列: …`). The message is in the run's language.
//!
//! ## `extract --format csv`
//! `path,issuer,year,table,row,column,value,inferred`: one row a table cell of every report,
//! tables in the order proactive, requests, appeals (the keys of `extract --format json`),
//! rows and columns in the order read. `value` is empty for a blank cell; `inferred` is `true`
//! for digits split by the solver. `issuer` and `year` are empty when not recognised.
use super::{Ctx, FileResult, Location};
use xxgk_model::{Report, TableKey};

/// The header of `check --format csv`.
pub const CHECK_HEADER: [&str; 6] = ["path", "line", "column", "code", "severity", "message"];

/// The header of `extract --format csv`.
pub const EXTRACT_HEADER: [&str; 8] =
    ["path", "issuer", "year", "table", "row", "column", "value", "inferred"];

/// A number as reports write it: `12`, not `12.0`; `0.35`.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new())
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> Vec<u8> {
    // Writing into memory does not fail.
    w.into_inner().unwrap_or_default()
}

/// A header line.
pub fn header(columns: &[&str]) -> Vec<u8> {
    let mut w = writer();
    let _ = w.write_record(columns);
    finish(w)
}

/// The rows of one checked file (no header).
pub fn check_rows(file: &FileResult, cx: &Ctx) -> Vec<u8> {
    let mut w = writer();
    for d in &file.diagnostics {
        let message = d.message.get(cx.lang);
        let (line, column, message) = match file.location(d.span) {
            Location::Lines { line, column, .. } => {
                (line.to_string(), column.to_string(), message.to_string())
            }
            Location::Locator(locator) => (String::new(), String::new(), format!("{locator}: {message}")),
            Location::File => (String::new(), String::new(), message.to_string()),
        };
        let _ = w.write_record([file.path.as_str(), &line, &column, &d.code, d.severity.as_str(), &message]);
    }
    finish(w)
}

/// The rows of one report's table cells (no header).
pub fn extract_rows(report: &Report) -> Vec<u8> {
    let mut w = writer();
    let issuer = report.meta.issuer.as_ref().map_or("", |f| f.value.as_str());
    let year = report.meta.year.map_or_else(String::new, |y| y.value.to_string());
    for key in TableKey::ALL {
        let Some(table) = report.tables.get(key) else { continue };
        for row in &table.rows {
            for cell in &row.cells {
                let value = cell.value.map_or_else(String::new, |v| v.to_string());
                let inferred = if cell.inferred { "true" } else { "false" };
                let _ = w.write_record([
                    &report.path,
                    issuer,
                    &year,
                    key.as_str(),
                    row.key,
                    cell.column,
                    &value,
                    inferred,
                ]);
            }
        }
    }
    finish(w)
}

/// `extract --format csv` over `reports`, header included (`extract` streams the same bytes
/// report by report; this is what its test compares them with).
#[cfg(test)]
pub fn extract(reports: &[Report]) -> Vec<u8> {
    let mut out = header(&EXTRACT_HEADER);
    for r in reports {
        out.extend(extract_rows(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;
    use xxgk_engine::Lang;

    #[test]
    fn numbers_as_written() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(0.35), "0.35");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(f64::NAN), "NaN");
    }

    #[test]
    fn one_row_a_finding_quoted_where_needed() {
        let mut files = testing::sample();
        files[0].path = "dir,x/a \"1\".txt".into();
        let mut out = header(&CHECK_HEADER);
        for f in &files {
            out.extend(check_rows(f, &Ctx { lang: Lang::Zh, color: false }));
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "path,line,column,code,severity,message\n\
             \"dir,x/a \"\"1\"\".txt\",2,8,XG501,error,正文说收到申请12件，表三为15件\n\
             \"dir,x/a \"\"1\"\".txt\",4,1,XG301,warning,XG301 中文消息\n"
        );
    }

    #[test]
    fn an_unreadable_input_has_no_position() {
        let file = FileResult {
            path: "gone.txt".into(),
            report: None,
            index: None,
            diagnostics: vec![testing::at("", "", "XG001", "unreadable-input", xxgk_engine::Severity::Error)],
        };
        let out = check_rows(&file, &Ctx { lang: Lang::En, color: false });
        assert_eq!(String::from_utf8(out).unwrap(), "gone.txt,,,XG001,error,XG001 English message\n");
    }
}
