//! PDF reports end to end: a finding located by page and line (human and JSON), and a scan
//! reported as XG001 with exit 2. The PDFs are the adapters' fixtures.
use assert_cmd::Command;
use serde_json::Value;

fn xxgk(args: &[&str]) -> (Option<i32>, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../xxgk-adapters/tests/fixtures/pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk")).current_dir(dir).args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn a_finding_in_a_pdf_is_located_by_page_and_line() {
    let seed = "000_78cb5ee3af34762b.pdf";
    let (code, out) = xxgk(&["check", "--select", "XG303", seed]);
    assert_eq!(code, Some(0));
    // The line counts every line of page 5 from the top, as a reader does (pdftotext -layout agrees).
    assert!(
        out.contains(&format!("  --> {seed}: 第5页 第33行\n   │ 《政府信息公开信息处理管理办法》\n")),
        "{out}"
    );
    let (_, out) = xxgk(&["check", "--format", "json", "--select", "XG303,XG402", seed]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, Value, Value)> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["line"].clone(), d["location"].clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("XG402".to_string(), Value::Null, serde_json::json!({"page": 2, "line": 4})),
            ("XG303".to_string(), Value::Null, serde_json::json!({"page": 5, "line": 33})),
        ]
    );
}

#[test]
fn a_scan_is_xg001_and_exit_2() {
    let (code, out) = xxgk(&["check", "--format", "json", "scan.pdf"]);
    assert_eq!(code, Some(2));
    let doc: Value = serde_json::from_str(&out).unwrap();
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "XG001");
    assert_eq!(d["message"], "无法读取 scan.pdf：PDF 无文本层，请先进行 OCR");
    let (code, out) = xxgk(&["check", "user_password.pdf"]);
    assert_eq!(code, Some(2));
    assert!(
        out.contains("error[XG001]: 无法读取 user_password.pdf：PDF 需要打开密码（用户密码），无法读取\n"),
        "{out}"
    );
}

#[test]
fn a_directory_walk_reads_pdf_reports() {
    let dir = std::env::temp_dir().join(format!("xxgk-pdf-walk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../xxgk-adapters/tests/fixtures/pdf");
    std::fs::copy(fixtures.join("000_78cb5ee3af34762b.pdf"), dir.join("sub/report.PDF")).unwrap();
    std::fs::copy(fixtures.join("scan.pdf"), dir.join("scan.pdf")).unwrap();
    std::fs::write(dir.join("notes.doc"), "not a report").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(&dir)
        .args(["check", "--format", "json", "--select", "XG001,XG303", "."])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    // The scan cannot be read: exit 2; the .doc is not a report extension and is not read.
    assert_eq!(out.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<(&str, Vec<&str>)> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let codes = f["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap());
            (f["path"].as_str().unwrap(), codes.collect())
        })
        .collect();
    assert_eq!(files, [("scan.pdf", vec!["XG001"]), ("sub/report.PDF", vec!["XG303"])]);
}
