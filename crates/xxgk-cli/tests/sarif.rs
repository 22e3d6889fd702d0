//! `--format sarif` validated against the SARIF 2.1.0 schema.
//!
//! `sarif-2.1.0-rtm.5.json` is the OASIS SARIF 2.1.0 schema as shipped in the npm package
//! `@microsoft/jest-sarif` 1.0.0-beta.0 (`lib/schemas/`, MIT), committed so the test runs offline.
use assert_cmd::Command;
use serde_json::Value;

fn schema() -> jsonschema::Validator {
    // The published schema's `language` pattern has a stray `]` that no regex engine but
    // ECMAScript's accepts; the copy is kept as published and the pattern repaired here.
    let text = include_str!("sarif-2.1.0-rtm.5.json")
        .replace(r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft4::new(&schema).unwrap()
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--format",
            "sarif",
            "tests/fixtures/clean.txt",
            "tests/fixtures/empty.txt",
            "tests/fixtures",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> =
        schema().iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "XG001"));
    assert!(results.iter().any(
        |r| r["ruleId"] == "XG301" && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 290
    ));
}

#[test]
fn the_schema_rejects_a_broken_log() {
    // The validator must be able to fail: a result without a message is not SARIF.
    let log = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "xxgk"}}, "results": [{"ruleId": "XG001"}]}]});
    assert!(!schema().is_valid(&log));
}
