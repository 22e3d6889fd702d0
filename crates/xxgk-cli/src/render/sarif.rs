//! `--format sarif`: a SARIF 2.1.0 log with one run.
//!
//! ## Wire format
//! `runs[0].tool.driver` lists every rule (`id`, `name`, `shortDescription`, `fullDescription`
//! from the rule's doc, `help`, `defaultConfiguration.level`, `properties.pack`/`fixable`).
//! Each result has `ruleId`, `ruleIndex`, `level` (`error`, `warning`, `note`), `message.text`
//! and one physical location: the file as a relative URI (percent-encoded) and, when the
//! format has lines, a `region` of 1-based lines and columns counted in Unicode code points
//! (`columnKind: unicodeCodePoints`; the end column is exclusive). Secondary labels become
//! `relatedLocations`, and so do places in other files (XG7: that file's URI and region); a
//! DOCX locator goes in `properties.location`.
use super::{Ctx, FileResult, Location};
use serde_json::{json, Map, Value};
use xxgk_engine::{Applicability, Fix, Lang, RuleMeta, Severity};
use xxgk_model::Span;

/// The schema URI written into the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` separators, everything but unreserved characters
/// percent-encoded (so Chinese file names are valid URIs).
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule(meta: &RuleMeta, lang: Lang) -> Value {
    let doc = crate::rules::doc_in(meta, lang);
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": crate::rules::short(meta, lang)},
        "fullDescription": {"text": doc.trim()},
        "help": {"text": doc.trim(), "markdown": doc.trim()},
        "defaultConfiguration": {"level": level(meta.severity), "enabled": meta.enabled_by_default},
        "properties": {"pack": crate::rules::pack(meta), "fixable": meta.fixable, "since": meta.since},
    })
}

fn physical(file: &FileResult, span: Span) -> Value {
    let mut location = Map::new();
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), json!({"uri": uri(&file.path)}));
    match file.location(span) {
        Location::Lines { line, column, end_line, end_column } => {
            physical.insert(
                "region".into(),
                json!({"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}),
            );
        }
        Location::Locator(locator) => {
            location.insert(
                "properties".into(),
                json!({"location": serde_json::to_value(locator).unwrap_or(Value::Null)}),
            );
        }
        Location::File => {}
    }
    location.insert("physicalLocation".into(), Value::Object(physical));
    Value::Object(location)
}

fn region(file: &FileResult, span: Span) -> Value {
    match file.location(span) {
        Location::Lines { line, column, end_line, end_column } => {
            json!({"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column})
        }
        // No lines (DOCX): a byte region of the report's text.
        _ => json!({"byteOffset": span.start, "byteLength": span.len()}),
    }
}

/// A fix as SARIF `fixes[]`: one artifact change, one replacement an edit.
fn sarif_fix(file: &FileResult, fix: &Fix, lang: Lang) -> Value {
    let description = match (fix.applicability, lang) {
        (Applicability::Safe, Lang::Zh) => "安全修复",
        (Applicability::Unsafe, Lang::Zh) => "可能改变含义的修复",
        (Applicability::Safe, Lang::En) => "safe fix",
        (Applicability::Unsafe, Lang::En) => "unsafe fix",
    };
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| json!({"deletedRegion": region(file, e.span), "insertedContent": {"text": e.replacement}}))
        .collect();
    json!({
        "description": {"text": description},
        "artifactChanges": [{"artifactLocation": {"uri": uri(&file.path)}, "replacements": replacements}],
    })
}

/// A place in another file (a finding's `related`), as a related location with id `id`.
fn other_file(other: &xxgk_engine::Related, id: usize, lang: Lang) -> Value {
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), json!({"uri": uri(&other.path)}));
    if let Some(p) = &other.position {
        physical.insert(
            "region".into(),
            json!({"startLine": p.line, "startColumn": p.column, "endLine": p.end_line, "endColumn": p.end_column}),
        );
    }
    let mut loc = Map::new();
    loc.insert("id".into(), json!(id));
    loc.insert("physicalLocation".into(), Value::Object(physical));
    if let Some(locator) = &other.locator {
        loc.insert(
            "properties".into(),
            json!({"location": serde_json::to_value(locator).unwrap_or(Value::Null)}),
        );
    }
    loc.insert("message".into(), json!({"text": other.message.get(lang)}));
    Value::Object(loc)
}

/// The `results` of one file, in its findings' order.
pub fn results(f: &FileResult, cx: &Ctx) -> Vec<Value> {
    let rules = crate::rules::all();
    let mut results = Vec::new();
    for d in &f.diagnostics {
        let mut r = Map::new();
        r.insert("ruleId".into(), json!(d.code));
        if let Some(i) = rules.iter().position(|m| m.code == d.code) {
            r.insert("ruleIndex".into(), json!(i));
        }
        r.insert("level".into(), json!(level(d.severity)));
        let mut text = d.message.get(cx.lang).to_string();
        if let Some(help) = &d.help {
            text = format!("{text}\nhelp: {}", help.get(cx.lang));
        }
        r.insert("message".into(), json!({"text": text}));
        r.insert("locations".into(), json!([physical(f, d.span)]));
        if !d.labels.is_empty() || !d.related.is_empty() {
            let mut related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = physical(f, l.span);
                    if let Value::Object(m) = &mut loc {
                        m.insert("id".into(), json!(i));
                        m.insert("message".into(), json!({"text": l.message.get(cx.lang)}));
                    }
                    loc
                })
                .collect();
            // Places in other files (XG7): the other file's URI and region.
            for (k, other) in d.related.iter().enumerate() {
                related.push(other_file(other, d.labels.len() + k, cx.lang));
            }
            r.insert("relatedLocations".into(), Value::Array(related));
        }
        if let Some(fix) = &d.fix {
            r.insert("fixes".into(), json!([sarif_fix(f, fix, cx.lang)]));
        }
        results.push(Value::Object(r));
    }
    results
}

/// The whole log, from the results of every file (in path order).
pub fn log(results: Vec<Value>, cx: &Ctx) -> Value {
    let rules = crate::rules::all();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "xxgk",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules.iter().map(|m| rule(m, cx.lang)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The whole log.
#[cfg(test)]
pub fn document(files: &[FileResult], cx: &Ctx) -> Value {
    log(files.iter().flat_map(|f| results(f, cx)).collect(), cx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("a b/报告.txt"), "a%20b/%E6%8A%A5%E5%91%8A.txt");
        assert_eq!(uri("dir\\x-1_~.htm"), "dir/x-1_~.htm");
    }

    #[test]
    fn required_structure() {
        let log = document(&testing::sample(), &Ctx { lang: Lang::Zh, color: false });
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "xxgk");
        assert!(driver["informationUri"].as_str().is_some_and(|u| u.starts_with("https://")));
        let rules = driver["rules"].as_array().unwrap();
        let xg001 = rules.iter().find(|r| r["id"] == "XG001").unwrap();
        assert_eq!(xg001["name"], "unreadable-input");
        assert_eq!(xg001["defaultConfiguration"]["level"], "error");
        assert!(xg001["shortDescription"]["text"].as_str().unwrap().starts_with("输入文件能否读取"));
        assert!(xg001["fullDescription"]["text"].as_str().unwrap().contains("## 为什么"));
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        let r = &results[0];
        assert_eq!((r["ruleId"].as_str(), r["level"].as_str()), (Some("XG501"), Some("error")));
        // ruleIndex points at the result's rule when it is listed, and is absent when it is not.
        match r.get("ruleIndex").and_then(Value::as_u64) {
            Some(i) => assert_eq!(rules[i as usize]["id"], "XG501"),
            None => assert!(!rules.iter().any(|m| m["id"] == "XG501")),
        }
        let xg301 = results[1]["ruleIndex"].as_u64().map(|i| &rules[i as usize]["id"]);
        assert_eq!(xg301.cloned(), rules.iter().any(|m| m["id"] == "XG301").then(|| json!("XG301")));
        assert_eq!(r["message"]["text"], "正文说收到申请12件，表三为15件\nhelp: 核对正文与表三的数字");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "a.txt");
        assert_eq!(loc["region"], json!({"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 11}));
        assert_eq!(r["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"], 14);
        assert_eq!(results[1]["level"], "warning");
        let fix = &results[1]["fixes"][0];
        assert_eq!(fix["description"]["text"], "安全修复");
        let replacement = &fix["artifactChanges"][0]["replacements"][0];
        assert_eq!(
            replacement["deletedRegion"],
            json!({"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 3})
        );
        assert_eq!(replacement["insertedContent"]["text"], "本年度未收取信息处理费。");
        assert!(results[0].get("fixes").is_none());
    }

    #[test]
    fn positioned_results_are_valid_sarif() {
        // The published `language` pattern has a stray `]` (see tests/sarif.rs).
        let text = include_str!("../../tests/sarif-2.1.0-rtm.5.json")
            .replace(r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
        let schema: Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::draft4::new(&schema).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let log = document(&testing::sample(), &Ctx { lang, color: false });
            let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }
}
