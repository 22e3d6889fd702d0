//! `--format json`: the `check` document of MODEL.md §4.
//!
//! ## Wire format
//! `{"version": 1, "files": [{"path", "diagnostics": [...]}], "summary": {"files", "errors",
//! "warnings", "infos"}}`. Each diagnostic has `code`, `rule`, `severity`, `message`, `line`,
//! `column`, `end_line`, `end_column` (1-based; columns count characters; the end is
//! exclusive) and `help` (`null` when none), in the chosen language. Extensions: `labels`
//! (`[{line, column, end_line, end_column, message}]`) and `fix` (`null`, or
//! `{applicability, edits: [{line, column, end_line, end_column, replacement}]}`), and, only on
//! findings that involve another file (XG7), `related` (`[{path, line, column, end_line,
//! end_column, message}]`, positions in that file; see docs/model.md). Without
//! lines (DOCX, or an input that could not be read) the four positions are `null`, and a DOCX
//! finding adds `location` (`{"paragraph": 57}` or `{"table": 3, "row": 14, "column": 2}`).
use super::{Ctx, FileResult, Location, Summary};
use serde_json::{json, Map, Value};
use xxgk_engine::Diagnostic;
use xxgk_model::Span;

fn position(file: &FileResult, span: Span, into: &mut Map<String, Value>) {
    match file.location(span) {
        Location::Lines { line, column, end_line, end_column } => {
            into.insert("line".into(), json!(line));
            into.insert("column".into(), json!(column));
            into.insert("end_line".into(), json!(end_line));
            into.insert("end_column".into(), json!(end_column));
        }
        other => {
            for key in ["line", "column", "end_line", "end_column"] {
                into.insert(key.into(), Value::Null);
            }
            if let Location::Locator(locator) = other {
                into.insert("location".into(), serde_json::to_value(locator).unwrap_or(Value::Null));
            }
        }
    }
}

/// A place in another file: `{path, line, column, end_line, end_column, message}`, the
/// positions `null` (and `location` added) for a format without lines.
fn related(r: &xxgk_engine::Related, cx: &Ctx) -> Value {
    let mut o = Map::new();
    o.insert("path".into(), json!(r.path));
    let p = r.position.as_ref();
    o.insert("line".into(), json!(p.map(|p| p.line)));
    o.insert("column".into(), json!(p.map(|p| p.column)));
    o.insert("end_line".into(), json!(p.map(|p| p.end_line)));
    o.insert("end_column".into(), json!(p.map(|p| p.end_column)));
    if let Some(locator) = &r.locator {
        o.insert("location".into(), serde_json::to_value(locator).unwrap_or(Value::Null));
    }
    o.insert("message".into(), json!(r.message.get(cx.lang)));
    Value::Object(o)
}

fn diagnostic(file: &FileResult, d: &Diagnostic, cx: &Ctx) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(d.code));
    m.insert("rule".into(), json!(d.rule));
    m.insert("severity".into(), json!(d.severity.as_str()));
    m.insert("message".into(), json!(d.message.get(cx.lang)));
    position(file, d.span, &mut m);
    m.insert("help".into(), d.help.as_ref().map_or(Value::Null, |h| json!(h.get(cx.lang))));
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let mut o = Map::new();
            position(file, l.span, &mut o);
            o.insert("message".into(), json!(l.message.get(cx.lang)));
            Value::Object(o)
        })
        .collect();
    m.insert("labels".into(), Value::Array(labels));
    if !d.related.is_empty() {
        m.insert("related".into(), Value::Array(d.related.iter().map(|r| related(r, cx)).collect()));
    }
    let fix = d.fix.as_ref().map_or(Value::Null, |fix| {
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                let mut o = Map::new();
                position(file, e.span, &mut o);
                o.insert("replacement".into(), json!(e.replacement));
                Value::Object(o)
            })
            .collect();
        json!({"applicability": fix.applicability, "edits": edits})
    });
    m.insert("fix".into(), fix);
    Value::Object(m)
}

/// One entry of `files`: `{"path", "diagnostics"}`.
pub fn file(f: &FileResult, cx: &Ctx) -> Value {
    let diagnostics: Vec<Value> = f.diagnostics.iter().map(|d| diagnostic(f, d, cx)).collect();
    json!({"path": f.path, "diagnostics": diagnostics})
}

/// The whole document, from the entries of [`file`] (in path order) and the run's counts.
pub fn document_of(files: Vec<Value>, summary: Summary) -> Value {
    json!({
        "version": 1,
        "files": files,
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    })
}

/// The whole document.
#[cfg(test)]
pub fn document(files: &[FileResult], cx: &Ctx) -> Value {
    document_of(files.iter().map(|f| file(f, cx)).collect(), Summary::of(files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;
    use xxgk_engine::Lang;

    #[test]
    fn fields_as_in_the_model() {
        let doc = document(&testing::sample(), &Ctx { lang: Lang::Zh, color: false });
        assert_eq!(doc["version"], 1);
        let d = &doc["files"][0]["diagnostics"][0];
        assert_eq!(doc["files"][0]["path"], "a.txt");
        assert_eq!(d["code"], "XG501");
        assert_eq!(d["rule"], "narrative-count-mismatch");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["message"], "正文说收到申请12件，表三为15件");
        assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(2), Some(8)));
        assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(2), Some(11)));
        assert_eq!(d["help"], "核对正文与表三的数字");
        assert_eq!(d["labels"][0]["column"], 14);
        assert_eq!(d["labels"][0]["message"], "办结数在此");
        assert_eq!(d["fix"], Value::Null);
        let w = &doc["files"][0]["diagnostics"][1];
        assert_eq!(
            (w["severity"].as_str(), w["line"].as_u64(), w["help"].is_null()),
            (Some("warning"), Some(4), true)
        );
        assert_eq!(
            w["fix"],
            json!({"applicability": "safe", "edits": [{"line": 4, "column": 1, "end_line": 4, "end_column": 3, "replacement": "本年度未收取信息处理费。"}]})
        );
        assert_eq!(doc["files"][1]["diagnostics"], json!([]));
        assert_eq!(doc["summary"], json!({"files": 2, "errors": 1, "warnings": 1, "infos": 0}));
    }
}
