//! What CI reads besides the exit code: `--format junit`, parsed by a real JUnit consumer
//! (junitparser, from PyPI, installed by `.ci/run`) and compared with `--format json`.
//! Outside CI the test is skipped, saying why, when junitparser cannot be imported.
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Parse a JUnit file with junitparser and print what a consumer sees, as JSON.
const READ_JUNIT: &str = r#"
import json, sys
from junitparser import JUnitXml
xml = JUnitXml.fromfile(sys.argv[1])
out = {"name": xml.name, "tests": xml.tests, "failures": xml.failures, "suites": []}
for suite in xml:
    cases = []
    for case in suite:
        cases.append({
            "name": case.name,
            "classname": case.classname,
            "passed": case.is_passed,
            "results": [{"kind": type(r).__name__, "type": r.type, "message": r.message, "text": r.text}
                        for r in case.result],
        })
    out["suites"].append({"name": suite.name, "tests": suite.tests, "failures": suite.failures, "cases": cases})
print(json.dumps(out, ensure_ascii=False))
"#;

fn junitparser_available() -> bool {
    Command::new("python3").args(["-c", "import junitparser"]).output().is_ok_and(|o| o.status.success())
}

fn xxgk(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir)
        .env_remove("XXGK_LANG")
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn junit_is_read_by_junitparser_as_check_reports_it() {
    if !junitparser_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but junitparser cannot be imported: .ci/run installs it (pip install junitparser)"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "precommit_ci: skipped: junitparser is not installed (pip install junitparser); CI runs this test"
        );
        return;
    }
    // A name that must be escaped, a report with findings and a clean one.
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bad = "报告 & <2023> \"年\".txt";
    std::fs::copy(fixtures.join("errors.txt"), dir.path().join(bad)).unwrap();
    std::fs::copy(fixtures.join("clean.txt"), dir.path().join("clean.txt")).unwrap();
    let (code, junit) = xxgk(dir.path(), &["check", "--format", "junit", bad, "clean.txt"]);
    assert_eq!(code, Some(1));
    let file = dir.path().join("junit.xml");
    std::fs::write(&file, &junit).unwrap();
    let out = Command::new("python3").arg("-c").arg(READ_JUNIT).arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "junitparser rejected the file: {}\n{junit}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap();

    assert_eq!((&seen["name"], &seen["tests"], &seen["failures"]), (&"xxgk".into(), &6.into(), &5.into()));
    let suites = seen["suites"].as_array().unwrap();
    assert_eq!(suites.len(), 2);
    // Files in path order: "clean.txt" sorts before "报告…".
    let clean = &suites[0];
    assert_eq!(
        clean,
        &serde_json::json!({
            "name": "clean.txt", "tests": 1, "failures": 0,
            "cases": [{ "name": "xxgk", "classname": "clean.txt", "passed": true, "results": [] }],
        })
    );

    // Each finding of `--format json` is one failed case, in order, with its text.
    let (_, json) = xxgk(dir.path(), &["check", "--format", "json", bad, "clean.txt"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let file = json["files"].as_array().unwrap().iter().find(|f| f["path"] == bad).unwrap();
    let diagnostics = file["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 5);
    let suite = &suites[1];
    assert_eq!((&suite["name"], &suite["tests"], &suite["failures"]), (&bad.into(), &5.into(), &5.into()));
    let cases = suite["cases"].as_array().unwrap();
    assert_eq!(cases.len(), diagnostics.len());
    for (case, d) in cases.iter().zip(diagnostics) {
        let text = format!(
            "{bad}:{}:{}: {}\nhelp: {}",
            d["line"],
            d["column"],
            d["message"].as_str().unwrap(),
            d["help"].as_str().unwrap()
        );
        let want = serde_json::json!({
            "name": format!("{} {}", d["code"].as_str().unwrap(), d["rule"].as_str().unwrap()),
            "classname": bad,
            "passed": false,
            "results": [{ "kind": "Failure", "type": d["severity"], "message": d["message"], "text": text }],
        });
        assert_eq!(case, &want);
    }
    assert_eq!(cases[3]["name"], "XG201 t3-column-balance");
    assert_eq!(cases[3]["results"][0]["message"], "表三“总计”列不平衡：一+二=14，三(七)+四=13");
}
