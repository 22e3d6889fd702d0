//! The corpus-level rules (#13): XG704 stock-continuity over one issuer's series, located at
//! this year's cell with last year's beside it, in human, JSON and SARIF output.
use assert_cmd::Command;
use serde_json::{json, Value};
use std::path::Path;

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir)
        .env_remove("XXGK_LANG")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// `path:line:col CODE message | related path:line:col message` per finding of a JSON document.
fn findings(out: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(out).unwrap();
    let mut lines = Vec::new();
    for f in doc["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            let mut line = format!(
                "{}:{}:{} {} {}",
                f["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            );
            for r in d["related"].as_array().into_iter().flatten() {
                line.push_str(&format!(
                    " | {}:{}:{} {}",
                    r["path"].as_str().unwrap(),
                    r["line"],
                    r["column"],
                    r["message"].as_str().unwrap()
                ));
            }
            lines.push(line);
        }
    }
    lines
}

const S: &str = "tests/fixtures/series";

#[test]
fn documents_in_force_that_do_not_follow_from_last_year() {
    let args = ["check", "--select", "XG7", "--format", "json", "tests/fixtures/series/stock"];
    let (code, out, _) = run(&args);
    assert_eq!(code, Some(0), "info only");
    assert_eq!(
        findings(&out),
        [format!("{S}/stock/2022.txt:19:1 XG704 行政规范性文件现行有效件数为15，上年报告 {S}/stock/2021.txt 的现行有效15件，加本年制发2件、减本年废止1件应为16 | {S}/stock/2021.txt:19:1 2021年度报告的行政规范性文件现行有效件数为15")]
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    let d = &doc["files"][1]["diagnostics"][0];
    assert_eq!((d["severity"].as_str(), d["rule"].as_str()), (Some("info"), Some("stock-continuity")));
    assert_eq!((&d["end_line"], &d["end_column"]), (&json!(19), &json!(3)));
    assert_eq!(
        d["related"][0],
        json!({"path": format!("{S}/stock/2021.txt"), "line": 19, "column": 1, "end_line": 19, "end_column": 3, "message": "2021年度报告的行政规范性文件现行有效件数为15"})
    );
    // English.
    let (_, out, _) = run(&[&args[..], &["--lang", "en"]].concat());
    assert_eq!(
        findings(&out),
        [format!("{S}/stock/2022.txt:19:1 XG704 Normative documents in force: 15, but last year's report {S}/stock/2021.txt had 15 in force: 15 + 2 issued − 1 repealed = 16 | {S}/stock/2021.txt:19:1 last year's normative documents in force: 15")]
    );
}

#[test]
fn a_series_that_keeps_its_stock_is_clean() {
    // 15 in force in 2021; 15 + 2 − 1 = 16 in 2022; 16 + 2 − 1 = 17 in 2023.
    let (code, out, _) = run(&[
        "check",
        "--select",
        "XG704",
        "--format",
        "json",
        "tests/fixtures/series/2021.txt",
        "tests/fixtures/series/2022.txt",
        "tests/fixtures/series/2023.txt",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(findings(&out), Vec::<String>::new());
    // --previous pairs a draft the same way: 17 + 2 − 1 = 18.
    let (_, out, _) = run(&[
        "check",
        "--select",
        "XG704",
        "--format",
        "json",
        "tests/fixtures/series/pairing/unknown.txt",
        "--previous",
        "tests/fixtures/series/2023.txt",
    ]);
    assert_eq!(findings(&out), Vec::<String>::new());
}

#[test]
fn stock_continuity_in_human_and_sarif_output() {
    let (code, out, _) = run(&["check", "--select", "XG704", "tests/fixtures/series/stock"]);
    assert_eq!(code, Some(0));
    let first = out.split("\n\n").next().unwrap();
    assert_eq!(
        first,
        format!(
            "note[XG704]: 行政规范性文件现行有效件数为15，上年报告 {S}/stock/2021.txt 的现行有效15件，加本年制发2件、减本年废止1件应为16
   ┌─ {S}/stock/2022.txt:19:1
   │
19 │ 15
   │ ^^
   │
   ┌─ {S}/stock/2021.txt:19:1
   │
19 │ 15
   │ -- 2021年度报告的行政规范性文件现行有效件数为15
   │
   = help: 现行有效件数应等于上年的现行有效件数加本年制发、减本年废止；核对两年的数字，失效的文件计入本年废止
   = 规则: stock-continuity（详见 xxgk explain XG704）"
        )
    );
    let (_, out, _) =
        run(&["check", "--select", "XG704", "--format", "sarif", "tests/fixtures/series/stock"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let r = &log["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "XG704");
    assert_eq!(r["level"], "note");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        format!("{S}/stock/2022.txt")
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 19, "startColumn": 1, "endLine": 19, "endColumn": 3})
    );
    let rel = &r["relatedLocations"][0]["physicalLocation"];
    assert_eq!(rel["artifactLocation"]["uri"], format!("{S}/stock/2021.txt"));
    assert_eq!(rel["region"], json!({"startLine": 19, "startColumn": 1, "endLine": 19, "endColumn": 3}));
}

#[test]
fn the_bundled_corpus_has_no_corpus_level_findings() {
    let (code, out, _) = run(&["check", "--select", "XG704", "--format", "json", "../../tests/corpus"]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"], json!({"files": 7, "errors": 0, "warnings": 0, "infos": 0}));
}
