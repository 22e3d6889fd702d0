//! Across years (#10): `check` pairs one issuer's reports by year and runs XG701–XG706, with
//! `--previous` for a single draft; human, JSON and SARIF output show both files' places.
use assert_cmd::Command;
use serde_json::{json, Value};

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("XXGK_LANG")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `path:line:col CODE message | related path:line:col message` per finding of a JSON document.
fn findings(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
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
            out.push(line);
        }
    }
    out
}

const S: &str = "tests/fixtures/series";

#[test]
fn a_three_year_series_has_one_carry_over_error_and_one_copied_report() {
    let (code, out, _) = run(&[
        "check",
        "--select",
        "XG7",
        "--format",
        "json",
        "tests/fixtures/series/2021.txt",
        "tests/fixtures/series/2022.txt",
        "tests/fixtures/series/2023.txt",
    ]);
    assert_eq!(code, Some(0), "warnings only");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        findings(&doc),
        [
            format!("{S}/2022.txt:58:1 XG701 上年结转（商业企业）为0，上年报告 {S}/2021.txt 的结转下年度为1 | {S}/2021.txt:247:1 2021年度报告的结转下年度（商业企业）为1"),
            format!("{S}/2022.txt:63:1 XG701 上年结转（总计）为1，上年报告 {S}/2021.txt 的结转下年度为2 | {S}/2021.txt:252:1 2021年度报告的结转下年度（总计）为2"),
            format!("{S}/2023.txt:4:1 XG702 第一部分\"总体情况\"与上年报告 {S}/2022.txt 的同一部分相似度为100% | {S}/2022.txt:4:1 2022年度报告的第一部分"),
            format!("{S}/2023.txt:288:1 XG702 第五部分\"存在的主要问题及改进情况\"与上年报告 {S}/2022.txt 的同一部分相似度为100% | {S}/2022.txt:288:1 2022年度报告的第五部分"),
            format!("{S}/2023.txt:289:51 XG702 此句与上年报告 {S}/2022.txt 中的一句相同，仍写着2022年 | {S}/2022.txt:289:51 2022年度报告中的同一句"),
        ]
    );
    let related = &doc["files"][1]["diagnostics"][0]["related"][0];
    assert_eq!(
        related,
        &json!({"path": format!("{S}/2021.txt"), "line": 247, "column": 1, "end_line": 247, "end_column": 2, "message": "2021年度报告的结转下年度（商业企业）为1"})
    );
    assert_eq!(doc["summary"], json!({"files": 3, "errors": 0, "warnings": 5, "infos": 0}));
}

#[test]
fn human_output_shows_both_files() {
    let (code, out, _) = run(&[
        "check",
        "--select",
        "XG701",
        "tests/fixtures/series/2021.txt",
        "tests/fixtures/series/2022.txt",
    ]);
    assert_eq!(code, Some(0));
    let first = out.split("\n\n").next().unwrap();
    assert_eq!(
        first,
        format!(
            "warning[XG701]: 上年结转（商业企业）为0，上年报告 {S}/2021.txt 的结转下年度为1
    ┌─ {S}/2022.txt:58:1
    │
 58 │ 0
    │ ^
    │
    ┌─ {S}/2021.txt:247:1
    │
247 │ 1
    │ - 2021年度报告的结转下年度（商业企业）为1
    │
    = help: 上年结转应等于上年报告的\"四、结转下年度继续办理\"；核对两年的数字
    = 规则: carry-over-mismatch（详见 xxgk explain XG701）"
        )
    );
}

#[test]
fn sarif_related_locations_name_the_other_file() {
    let (_, out, _) = run(&[
        "check",
        "--select",
        "XG701",
        "--format",
        "sarif",
        "tests/fixtures/series/2021.txt",
        "tests/fixtures/series/2022.txt",
    ]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let r = &log["runs"][0]["results"][0];
    assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], format!("{S}/2022.txt"));
    let rel = &r["relatedLocations"][0];
    assert_eq!(rel["id"], 0);
    assert_eq!(rel["physicalLocation"]["artifactLocation"]["uri"], format!("{S}/2021.txt"));
    assert_eq!(
        rel["physicalLocation"]["region"],
        json!({"startLine": 247, "startColumn": 1, "endLine": 247, "endColumn": 2})
    );
    assert_eq!(rel["message"]["text"], "2021年度报告的结转下年度（商业企业）为1");
}

#[test]
fn previous_for_a_single_draft() {
    // The draft names no issuer; --previous pairs it all the same.
    let (code, out, _) = run(&[
        "check",
        "--select",
        "XG7",
        "--format",
        "json",
        "tests/fixtures/series/pairing/unknown.txt",
        "--previous",
        "tests/fixtures/series/2023.txt",
    ]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["files"], 1, "last year's report is read, not checked");
    assert_eq!(
        findings(&doc),
        [
            format!("{S}/pairing/unknown.txt:58:1 XG701 上年结转（商业企业）为1，上年报告 {S}/2023.txt 的结转下年度为0 | {S}/2023.txt:247:1 2023年度报告的结转下年度（商业企业）为0"),
            format!("{S}/pairing/unknown.txt:63:1 XG701 上年结转（总计）为2，上年报告 {S}/2023.txt 的结转下年度为1 | {S}/2023.txt:252:1 2023年度报告的结转下年度（总计）为1"),
        ]
    );
    let (code, _, err) = run(&["check", S, "--previous", "tests/fixtures/series/2023.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--previous tests/fixtures/series/2023.txt: 只能与一份报告一起使用"), "{err}");
    let (code, _, err) =
        run(&["check", "tests/fixtures/series/2023.txt", "--previous", "tests/fixtures/series/none.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--previous tests/fixtures/series/none.txt: 无法读取"), "{err}");
}

#[test]
fn pairing_problems_are_reported_not_guessed() {
    let (code, out, _) =
        run(&["check", "--select", "XG7", "--format", "json", "tests/fixtures/series/pairing"]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&out).unwrap();
    let p = format!("{S}/pairing");
    assert_eq!(
        findings(&doc),
        [
            format!("{p}/town-2022.txt:1:1 XG706 缺少某镇人民政府2021年度的报告：上一份是2020年度的 {p}/town-2020.txt | {p}/town-2020.txt:1:1 2020年度报告"),
            format!("{p}/unknown.txt:1:1 XG706 无法确定本报告的发布机关，不能与其他年度的报告配对"),
            format!("{p}/water-a.txt:1:1 XG706 某县水利局2023年度有2份报告：本文件与 {p}/water-b.txt | {p}/water-b.txt:1:1 同一机关同一年度的另一份报告"),
            format!("{p}/water-b.txt:1:1 XG706 某县水利局2023年度有2份报告：本文件与 {p}/water-a.txt | {p}/water-a.txt:1:1 同一机关同一年度的另一份报告"),
        ]
    );
    assert_eq!(doc["summary"]["infos"], 4);
}

#[test]
fn a_config_series_entry_pairs_across_the_gap() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["town-2020.txt", "town-2022.txt"] {
        std::fs::copy(format!("{}/{S}/pairing/{name}", env!("CARGO_MANIFEST_DIR")), dir.path().join(name))
            .unwrap();
    }
    let check = || {
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .current_dir(dir.path())
            .env_remove("XXGK_LANG")
            .args(["check", "--select", "XG7", "--format", "json", "."])
            .output()
            .unwrap();
        findings(&serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap())
    };
    assert_eq!(
        check(),
        ["town-2022.txt:1:1 XG706 缺少某镇人民政府2021年度的报告：上一份是2020年度的 town-2020.txt | town-2020.txt:1:1 2020年度报告"]
    );
    // Paired by the config: compared (their carry-over agrees), and no gap is reported.
    std::fs::write(
        dir.path().join("xxgk.toml"),
        "[settings]\nseries = [{ path = \"town-2022.txt\", previous = \"town-2020.txt\" }]\n",
    )
    .unwrap();
    assert_eq!(check(), Vec::<String>::new());
    std::fs::write(
        dir.path().join("xxgk.toml"),
        "[settings]\nseries = [{ path = \"town-2022.txt\", year = 2021 }]\n",
    )
    .unwrap();
    assert_eq!(check(), Vec::<String>::new(), "2020 and 2021 are consecutive");
}

#[test]
fn the_bundled_corpus_has_no_cross_year_findings() {
    let (code, out, _) = run(&["check", "--select", "XG7", "--format", "json", "../../tests/corpus"]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"], json!({"files": 7, "errors": 0, "warnings": 0, "infos": 0}));
}
