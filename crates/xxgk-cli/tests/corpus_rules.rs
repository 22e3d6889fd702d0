//! The corpus-level rules (#13): XG704 stock-continuity over one issuer's series, located at
//! this year's cell with last year's beside it; XG705 rollup-mismatch, a government's report
//! against its departments' (config `[settings] rollup`), located at the government's cell
//! with the departments' beside it; in human, JSON, SARIF and HTML output.
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
    let (code, out, _) = run(&["check", "--select", "XG704,XG705", "--format", "json", "../../tests/corpus"]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"], json!({"files": 7, "errors": 0, "warnings": 0, "infos": 0}));
}

const ROLLUP: &str = "[settings]\nrollup = [{ government = \"某县人民政府\", departments = [\"某县财政局\", \"某县教育局\"] }]\n";

/// A directory holding the rollup fixtures `names` and, when given, `config` as xxgk.toml.
fn rollup_dir(names: &[&str], config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(S).join("rollup").join(name);
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    if let Some(config) = config {
        std::fs::write(dir.path().join("xxgk.toml"), config).unwrap();
    }
    dir
}

const ALL: [&str; 3] = ["county-2023.txt", "education-2023.txt", "finance-2023.txt"];

#[test]
fn a_government_against_the_sum_of_its_departments() {
    let dir = rollup_dir(&ALL, Some(ROLLUP));
    let (code, out, _) = run_in(dir.path(), &["check", "--select", "XG7", "--format", "json", "."]);
    assert_eq!(code, Some(0), "info only");
    assert_eq!(
        findings(&out),
        [
            "county-2023.txt:19:1 XG705 表二 行政规范性文件 现行有效件数为33，所属2个部门的报告之和为34 | finance-2023.txt:19:1 某县财政局2023年度报告：17 | education-2023.txt:19:1 某县教育局2023年度报告：17",
            "county-2023.txt:24:1 XG705 表二 行政许可 本年处理决定数量为250，所属2个部门的报告之和为240 | finance-2023.txt:24:1 某县财政局2023年度报告：120 | education-2023.txt:24:1 某县教育局2023年度报告：120",
        ]
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    let d = &doc["files"][0]["diagnostics"][1];
    assert_eq!((d["severity"].as_str(), d["rule"].as_str()), (Some("info"), Some("rollup-mismatch")));
    assert_eq!((&d["end_line"], &d["end_column"]), (&json!(24), &json!(4)));
    assert_eq!(doc["summary"], json!({"files": 3, "errors": 0, "warnings": 0, "infos": 2}));
    let (_, out, _) =
        run_in(dir.path(), &["check", "--select", "XG705", "--format", "json", "--lang", "en", "."]);
    assert_eq!(
        findings(&out)[1],
        "county-2023.txt:24:1 XG705 table 2 licensing, decisions this year is 250, but the reports of its 2 departments sum to 240 | finance-2023.txt:24:1 某县财政局's 2023 report: 120 | education-2023.txt:24:1 某县教育局's 2023 report: 120"
    );
}

#[test]
fn rollup_mismatch_in_human_and_sarif_output() {
    let dir = rollup_dir(&ALL, Some(ROLLUP));
    let (_, out, _) = run_in(dir.path(), &["check", "--select", "XG705", "."]);
    assert_eq!(
        out.split("\n\n").nth(1).unwrap(),
        "note[XG705]: 表二 行政许可 本年处理决定数量为250，所属2个部门的报告之和为240
   ┌─ county-2023.txt:24:1
   │
24 │ 250
   │ ^^^
   │
   ┌─ finance-2023.txt:24:1
   │
24 │ 120
   │ --- 某县财政局2023年度报告：120
   │
   ┌─ education-2023.txt:24:1
   │
24 │ 120
   │ --- 某县教育局2023年度报告：120
   │
   = help: 本级政府报告的表格应等于配置 rollup 所列各部门报告之和；核对是否漏算、重算了部门
   = 规则: rollup-mismatch（详见 xxgk explain XG705）"
    );
    let (_, out, _) = run_in(dir.path(), &["check", "--select", "XG705", "--format", "sarif", "."]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let r = &log["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "XG705");
    assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "county-2023.txt");
    let uris: Vec<&Value> = r["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l["physicalLocation"]["artifactLocation"]["uri"])
        .collect();
    assert_eq!(uris, ["finance-2023.txt", "education-2023.txt"]);
    assert_eq!(
        r["relatedLocations"][1]["physicalLocation"]["region"],
        json!({"startLine": 19, "startColumn": 1, "endLine": 19, "endColumn": 3})
    );
}

#[test]
fn the_config_of_the_government_report_counts_wherever_the_run_starts() {
    let dir = rollup_dir(&ALL, Some(ROLLUP));
    let parent = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let (code, out, _) = run_in(parent, &["check", "--select", "XG7", "--format", "json", name]);
    assert_eq!(code, Some(0));
    let found = findings(&out);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[1]
        .starts_with(&format!("{name}/county-2023.txt:24:1 XG705 表二 行政许可 本年处理决定数量为250")));
}

#[test]
fn rollup_is_silent_without_the_config_or_a_department() {
    let args = ["check", "--select", "XG7", "--format", "json", "."];
    let dir = rollup_dir(&ALL, None);
    assert_eq!(findings(&run_in(dir.path(), &args).1), Vec::<String>::new(), "no config");
    let dir = rollup_dir(&["county-2023.txt", "finance-2023.txt"], Some(ROLLUP));
    assert_eq!(findings(&run_in(dir.path(), &args).1), Vec::<String>::new(), "a department missing");
    let dir = rollup_dir(&ALL, Some(&ROLLUP.replace("某县教育局", "某县卫生健康局")));
    assert_eq!(findings(&run_in(dir.path(), &args).1), Vec::<String>::new(), "a listed body not in the run");
}

#[test]
fn a_bad_rollup_entry_stops_the_run() {
    let config = "[settings]\nrollup = [\n  { government = \"某县人民政府\", departments = [\"某县财政局\", \"某县财政局\"] },\n]\n";
    let dir = rollup_dir(&ALL, Some(config));
    let (code, out, err) = run_in(dir.path(), &["check", "."]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(
        err.contains("xxgk.toml: rollup: 某县财政局 is listed twice among the departments of 某县人民政府"),
        "{err}"
    );
    assert!(err.contains("xxgk.toml:3:"), "located on the entry's line: {err}");
    assert!(err.contains("named a second time"), "{err}");
    let dir =
        rollup_dir(&ALL, Some("[settings]\nrollup = [{ government = \"某县人民政府\", depts = [] }]\n"));
    let (code, _, err) = run_in(dir.path(), &["check", "."]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown field `depts`"), "{err}");
}

#[test]
fn the_audit_page_and_the_summary_count_the_corpus_level_rules() {
    let dir = rollup_dir(&ALL, Some(ROLLUP));
    // The page goes outside the directory checked (an .html file there would be checked too).
    let page = tempfile::tempdir().unwrap();
    let out = page.path().join("audit.html");
    let args = ["check", "--select", "XG7", "--format", "html", "-o", out.to_str().unwrap(), "."];
    let (code, _, _) = run_in(dir.path(), &args);
    assert_eq!(code, Some(0));
    let html = std::fs::read_to_string(&out).unwrap();
    for label in ["XG7", "XG705"] {
        let bar = format!("<text x=\"0\" y=\"15\">{label}</text><rect x=\"56\" y=\"2\" height=\"16\" width=\"300.0\"></rect><text x=\"362.0\" y=\"15\">2</text>");
        assert!(html.contains(&bar), "{label} bar");
    }
    let (_, out, _) = run_in(dir.path(), &["check", "--select", "XG7", "--summary", "--format", "json", "."]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["files"][0]["codes"], json!({"XG705": 2}));
    let (_, out, _) =
        run(&["check", "--select", "XG7", "--summary", "--format", "json", "tests/fixtures/series/stock"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["files"][1]["codes"], json!({"XG704": 1}));
}
