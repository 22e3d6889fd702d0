//! The bundled corpus end to end: the human rendering of every report (insta snapshots), the
//! exit code of each, and the exact codes and positions of the findings the seeds must give.
use assert_cmd::Command;

fn check(args: &[&str], file: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env_remove("XXGK_LANG")
        .args(["check", "--color", "never"])
        .args(args)
        .arg(format!("tests/corpus/{file}"))
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `CODE line:col` of every finding, from the JSON output.
fn findings(file: &str) -> Vec<String> {
    let (_, out) = check(&["--format", "json"], file);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{}", d["code"].as_str().unwrap(), d["line"], d["column"]))
        .collect()
}

macro_rules! seed {
    ($name:ident, $file:literal, $exit:expr) => {
        #[test]
        fn $name() {
            let (code, out) = check(&[], $file);
            assert_eq!(code, Some($exit), "{out}");
            insta::assert_snapshot!(out);
        }
    };
}

seed!(human_000, "000_78cb5ee3af34762b.txt", 0);
seed!(human_001, "001_9ebba746cc4f361b.txt", 0);
seed!(human_002, "002_62b86d8e083b3ce2.txt", 1);
seed!(human_003, "003_52851d4dc858525c.txt", 1);
seed!(human_004, "004_3b9c401a47ff0dba.txt", 1);
seed!(human_pingtan, "real/pingtan-2022.txt", 0);
seed!(human_pingtan_finance, "real/pingtan-finance-2022.txt", 0);

#[test]
fn the_findings_the_seeds_must_give() {
    let has = |file: &str, want: &str| {
        let got = findings(file);
        assert!(got.iter().any(|f| f == want), "{file}: {want} not in {got:?}");
    };
    // Section 六 says only that there is nothing else to report: no 信息处理费 statement.
    has("002_62b86d8e083b3ce2.txt", "XG301 413:1");
    has("004_3b9c401a47ff0dba.txt", "XG301 467:1");
    // 《政府信息公开信息处理管理办法》 for 《政府信息公开信息处理费管理办法》.
    has("000_78cb5ee3af34762b.txt", "XG303 604:3");
    // "自202011月完成升级改版以来".
    has("002_62b86d8e083b3ce2.txt", "XG405 17:49");
    // Glued digits: the row total and the 商业企业 outcome sum fail; the page holds the report twice.
    has("003_52851d4dc858525c.txt", "XG202 62:30");
    has("003_52851d4dc858525c.txt", "XG203 73:9");
    has("003_52851d4dc858525c.txt", "XG004 62:22");
    has("003_52851d4dc858525c.txt", "XG005 102:1");
    // 建全 → 健全; 行政法复议 → 行政复议.
    has("004_3b9c401a47ff0dba.txt", "XG603 30:62");
    has("real/pingtan-2022.txt", "XG603 10:3183");
}

#[test]
fn no_error_on_the_correct_reports() {
    for file in ["000_78cb5ee3af34762b.txt", "001_9ebba746cc4f361b.txt"] {
        let (_, out) = check(&["--format", "json"], file);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["summary"]["errors"], 0, "{file}: {out}");
    }
}

#[test]
fn the_culprit_cell_is_named() {
    let (_, out) = check(&["--format", "json", "--select", "XG202,XG203"], "003_52851d4dc858525c.txt");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2);
    for d in diags {
        assert!(
            d["help"].as_str().unwrap().contains("商业企业 为 0；若为 7，则本行合计与本列合计均平衡"),
            "{d}"
        );
    }
}
