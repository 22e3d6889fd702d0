//! `--format html`: one self-contained audit page for a whole run.
//!
//! The page needs no network: its CSS and script are inline, its charts are SVG drawn here.
//! The summary, the charts and the corpus figures are in the HTML itself (readable without
//! script and when printed); the issuer × year table, the per-report figures and the findings
//! are drawn by a little plain script from one JSON blob, a page at a time, so a page over
//! 10,000 reports opens fast. Everything that comes from a report is untrusted: the template
//! escapes it (minijinja's HTML auto-escaping) and the script only ever sets `textContent`.
//!
//! The figures are [`xxgk_model::Figures`], the same as in `--summary`.
use super::{human, Ctx, FileResult, Location};
use codespan_reporting::term::termcolor::NoColor;
use minijinja::{context, Environment, Value as Tpl};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use xxgk_engine::{Lang, Severity};
use xxgk_model::Figures;

const TEMPLATE: &str = include_str!("html/audit.html");
const SCRIPT: &str = include_str!("html/audit.js");
const STYLE: &str = include_str!("html/audit.css");

/// What the page keeps of one input: enough to draw it, nothing of the report itself.
pub fn file_value(file: &FileResult, cx: &Ctx) -> Value {
    let report = file.report.as_ref();
    let issuer = report.and_then(|r| xxgk_engine::issuer::subject(r).map(|s| s.name));
    let year = report.and_then(|r| r.meta.year.as_ref().map(|y| y.value));
    let figures = report.map(Figures::of).unwrap_or_default();
    let count = |s: Severity| file.diagnostics.iter().filter(|d| d.severity == s).count();
    let findings: Vec<Value> = file
        .diagnostics
        .iter()
        .map(|d| {
            let mut snippet = NoColor::new(Vec::new());
            let _ = human::render_diagnostic(file, d, cx, &mut snippet);
            let (line, column) = match file.location(d.span) {
                Location::Lines { line, column, .. } => (json!(line), json!(column)),
                Location::Locator(l) => (json!(l.to_string()), Value::Null),
                Location::File => (Value::Null, Value::Null),
            };
            json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message.get(cx.lang),
                "help": d.help.as_ref().map(|h| h.get(cx.lang)),
                "line": line,
                "column": column,
                "snippet": String::from_utf8_lossy(&snippet.into_inner()),
            })
        })
        .collect();
    json!({
        "path": file.path,
        "issuer": issuer,
        "year": year,
        "unreadable": report.is_none(),
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "infos": count(Severity::Info),
        "figures": figures.to_json(),
        "findings": findings,
    })
}

/// Words of the page in the run's language.
fn words(lang: Lang) -> Value {
    let zh = lang == Lang::Zh;
    let w = |z: &str, e: &str| json!(if zh { z } else { e });
    json!({
        "title": w("政府信息公开工作年度报告检查结果", "Audit of government information disclosure annual reports"),
        "files": w("报告", "reports"), "issuers": w("机关", "issuers"), "years": w("年度", "years"),
        "with_errors": w("有错误的报告", "reports with errors"),
        "with_warnings": w("有警告的报告", "reports with warnings"),
        "unreadable": w("无法读取", "unreadable"),
        "errors": w("错误", "errors"), "warnings": w("警告", "warnings"), "infos": w("提示", "infos"),
        "by_family": w("按规则类别", "By rule family"), "by_code": w("按规则", "By rule"),
        "issuer_table": w("机关 × 年度", "Issuers × years"),
        "figures": w("关键指标", "Key figures"),
        "findings": w("全部问题", "All findings"),
        "filter": w("筛选（机关、文件、规则）", "Filter (issuer, file, rule)"),
        "severity": w("级别", "Severity"), "all": w("全部", "all"),
        "issuer": w("机关", "Issuer"), "year": w("年度", "Year"), "path": w("文件", "File"),
        "requests": w("依申请公开申请量", "Requests"), "change": w("较上年", "Change"),
        "disclosure": w("实质公开率", "Disclosure rate"),
        "review_rate": w("行政复议纠错率", "Review correction rate"),
        "litigation_rate": w("行政诉讼纠错率", "Litigation correction rate"),
        "small": w("不足30件，不排名", "under 30 cases, not ranked"),
        "corpus": w("全部报告合计", "All reports"),
        "prev": w("上一页", "Previous"), "next": w("下一页", "Next"), "page": w("第 {0} / {1} 页", "Page {0} of {1}"),
        "explain": w("规则说明", "About this rule"), "none": w("没有发现问题", "No findings"),
        "unknown": w("（未识别）", "(unknown)"),
    })
}

/// A ratio summed over reports: `{numerator, denominator, value, small_sample}`.
fn corpus_ratio(files: &[Value], key: &str) -> Value {
    let (mut n, mut d) = (0.0, 0.0);
    for f in files {
        let r = &f["figures"][key];
        n += r["numerator"].as_f64().unwrap_or(0.0);
        d += r["denominator"].as_f64().unwrap_or(0.0);
    }
    json!({
        "numerator": n,
        "denominator": d,
        "value": (d > 0.0).then(|| n / d),
        "small_sample": d < xxgk_model::figures::SMALL_SAMPLE,
    })
}

/// Each report's change in requests from the same issuer's report of the year before.
fn add_changes(files: &mut [Value]) {
    let mut by: BTreeMap<(String, i64), f64> = BTreeMap::new();
    for f in files.iter() {
        if let (Some(i), Some(y), Some(n)) =
            (f["issuer"].as_str(), f["year"].as_i64(), f["figures"]["requests_new"].as_f64())
        {
            by.insert((i.to_string(), y), n);
        }
    }
    for f in files.iter_mut() {
        let change = match (f["issuer"].as_str(), f["year"].as_i64(), f["figures"]["requests_new"].as_f64()) {
            (Some(i), Some(y), Some(n)) => by.get(&(i.to_string(), y - 1)).map(|p| n - p),
            _ => None,
        };
        f["figures"]["requests_change"] = json!(change);
    }
}

/// One bar of a chart, its width in percent of the longest.
fn bars(counts: &BTreeMap<String, usize>, limit: usize) -> Vec<Value> {
    let mut list: Vec<(&String, &usize)> = counts.iter().collect();
    list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let max = list.first().map_or(1, |(_, n)| **n).max(1);
    list.into_iter()
        .take(limit)
        .enumerate()
        .map(|(i, (label, n))| json!({"label": label, "count": n, "y": i * 22, "width": (*n as f64 / max as f64 * 300.0).round()}))
        .collect()
}

/// JSON for a `<script type="application/json">`: nothing in it can close the element.
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The page for the files of a run (as [`file_value`] made them), sorted by path.
pub fn document(mut files: Vec<Value>, cx: &Ctx) -> String {
    add_changes(&mut files);
    let mut family: BTreeMap<String, usize> = BTreeMap::new();
    let mut code: BTreeMap<String, usize> = BTreeMap::new();
    let mut issuers = BTreeSet::new();
    let mut years = BTreeSet::new();
    let (mut errors, mut warnings, mut infos, mut with_errors, mut with_warnings, mut unreadable) =
        (0, 0, 0, 0, 0, 0);
    for f in &files {
        for d in f["findings"].as_array().into_iter().flatten() {
            let c = d["code"].as_str().unwrap_or("");
            *code.entry(c.to_string()).or_default() += 1;
            *family.entry(c.chars().take(3).collect()).or_default() += 1;
        }
        if let Some(i) = f["issuer"].as_str() {
            issuers.insert(i.to_string());
        }
        if let Some(y) = f["year"].as_i64() {
            years.insert(y);
        }
        let (e, w) = (f["errors"].as_u64().unwrap_or(0), f["warnings"].as_u64().unwrap_or(0));
        errors += e;
        warnings += w;
        infos += f["infos"].as_u64().unwrap_or(0);
        with_errors += usize::from(e > 0);
        with_warnings += usize::from(w > 0);
        unreadable += usize::from(f["unreadable"].as_bool().unwrap_or(false));
    }
    let explain: Map<String, Value> = code
        .keys()
        .filter_map(|c| crate::rules::find(c).map(|m| (c.clone(), json!(crate::rules::doc_in(m, cx.lang)))))
        .collect();
    let corpus = json!({
        "requests_new": files.iter().filter_map(|f| f["figures"]["requests_new"].as_f64()).sum::<f64>(),
        "disclosure_rate": corpus_ratio(&files, "disclosure_rate"),
        "review_correction_rate": corpus_ratio(&files, "review_correction_rate"),
        "litigation_correction_rate": corpus_ratio(&files, "litigation_correction_rate"),
    });
    let t = words(cx.lang);
    let data = json!({"lang": if cx.lang == Lang::En { "en" } else { "zh" }, "t": t, "files": files, "explain": explain, "corpus": corpus});
    let family_bars = bars(&family, 10);
    let code_bars = bars(&code, 30);
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    if let Err(err) = env.add_template("audit.html", TEMPLATE) {
        return format!("<!doctype html><title>xxgk</title><pre>{}</pre>\n", escape(&err.to_string()));
    }
    let rendered = env.get_template("audit.html").and_then(|tpl| {
        tpl.render(context! {
            lang => if cx.lang == Lang::En { "en" } else { "zh" },
            t => Tpl::from_serialize(&t),
            files => files_len(&data),
            issuers => issuers.len(),
            years => years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("、"),
            with_errors, with_warnings, unreadable, errors, warnings, infos,
            family_bars => Tpl::from_serialize(&family_bars),
            family_height => family_bars.len() * 22,
            code_bars => Tpl::from_serialize(&code_bars),
            code_height => code_bars.len() * 22,
            corpus_rows => Tpl::from_serialize(corpus_rows(&data["corpus"], &data["t"])),
            style => Tpl::from_safe_string(STYLE.to_string()),
            script => Tpl::from_safe_string(SCRIPT.to_string()),
            data => Tpl::from_safe_string(script_json(&data)),
        })
    });
    match rendered {
        Ok(mut page) => {
            page.push('\n');
            page
        }
        Err(err) => format!("<!doctype html><title>xxgk</title><pre>{}</pre>\n", escape(&err.to_string())),
    }
}

/// A ratio as `70.0%（63/90）`, `—` over no cases.
pub(crate) fn ratio_text(r: &Value) -> String {
    match r["value"].as_f64() {
        Some(v) => format!(
            "{:.1}%（{}/{}）",
            v * 100.0,
            r["numerator"].as_f64().unwrap_or(0.0),
            r["denominator"].as_f64().unwrap_or(0.0)
        ),
        None => "—".to_string(),
    }
}

/// The corpus figures as label, text and whether the sample is small.
fn corpus_rows(corpus: &Value, t: &Value) -> Vec<Value> {
    let mut rows = vec![
        json!({"label": t["requests"], "text": corpus["requests_new"].as_f64().unwrap_or(0.0).to_string(), "small": false}),
    ];
    for (key, label) in [
        ("disclosure_rate", "disclosure"),
        ("review_correction_rate", "review_rate"),
        ("litigation_correction_rate", "litigation_rate"),
    ] {
        let r = &corpus[key];
        rows.push(json!({"label": t[label], "text": ratio_text(r), "small": r["small_sample"].as_bool().unwrap_or(true) && r["value"].is_number()}));
    }
    rows
}

fn files_len(data: &Value) -> usize {
    data["files"].as_array().map_or(0, Vec::len)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&json!({"t": "</script><img src=x onerror=alert(1)>\u{2028}"}));
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        assert_eq!(
            serde_json::from_str::<Value>(&s).unwrap()["t"],
            "</script><img src=x onerror=alert(1)>\u{2028}"
        );
    }

    #[test]
    fn bars_are_longest_first_and_scaled() {
        let counts: BTreeMap<String, usize> = [("XG2".to_string(), 2), ("XG0".to_string(), 4)].into();
        let b = bars(&counts, 10);
        assert_eq!(b[0]["label"], "XG0");
        assert_eq!(
            (b[0]["width"].as_f64(), b[1]["width"].as_f64(), b[1]["y"].as_u64()),
            (Some(300.0), Some(150.0), Some(22))
        );
    }

    #[test]
    fn change_from_the_same_issuers_year_before() {
        let f = |i: &str, y: i64, n: f64| json!({"issuer": i, "year": y, "figures": {"requests_new": n}});
        let mut files = vec![f("甲", 2022, 10.0), f("甲", 2023, 14.0), f("乙", 2023, 5.0)];
        add_changes(&mut files);
        let got: Vec<Value> = files.iter().map(|f| f["figures"]["requests_change"].clone()).collect();
        assert_eq!(got, [Value::Null, json!(4.0), Value::Null]);
    }
}
